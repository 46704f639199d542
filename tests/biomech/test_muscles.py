"""The muscles on the default subject: cross-checks against the published model and data.

These compare the muscle geometry, carried onto this subject by landmarks, with the
numbers of the model it came from and with cadaver data; nothing was tuned to them.
"""

from __future__ import annotations

import numpy as np
import pytest

from anatomy_viewer.biomech import Subject
from anatomy_viewer.biomech import musculature as m
from anatomy_viewer.biomech.posture import hip_model


def _state(subject: Subject, flexion: float = 0.0, adduction: float = 0.0) -> tuple:
    muscles = hip_model(subject).musculature
    angles = np.radians(np.array([[flexion, adduction, 0.0]]))
    state = muscles.paths.state(angles, np.zeros(1))
    return muscles, state


def test_gluteus_medius_moment_arms_match_the_rajagopal_model(subject: Subject) -> None:
    # Rajagopal et al. 2016 model: abduction moment arms 5.1 / 4.4 / 3.2 cm (anterior,
    # middle, posterior) for its 75 kg adult; cadaver straight-line values 6.7 / 6.0 /
    # 4.3 cm (Dostal and Andrews 1981). Cross-check: within 15 % of the model's.
    muscles, state = _state(subject)
    for part, published in (("anterior", 5.1), ("middle", 4.4), ("posterior", 3.2)):
        i = muscles.ids.index(f"gluteus_medius_{part}")
        assert -100 * state.arms[0, i, 1] == pytest.approx(published, rel=0.15)


def test_abductor_capacity_is_the_published_order(subject: Subject) -> None:
    # Rajagopal 2016 model: gluteus medius, minimus and tensor fasciae latae give
    # 193 N m at neutral and less at 10 deg adduction (174) and 60 deg flexion (121).
    group = ("gluteus_medius", "gluteus_minimus", "tensor_fasciae_latae")

    def capacity(flexion: float, adduction: float) -> float:
        muscles, state = _state(subject, flexion, adduction)
        _, active, _ = muscles.fibre_state(state.lengths)
        pick = [i for i, s in enumerate(muscles.structures) if s in group]
        return float(-np.sum(muscles.max_force[pick] * active[0, pick] * state.arms[0, pick, 1]))

    neutral = capacity(0.0, 0.0)
    assert neutral == pytest.approx(193.0, rel=0.1)
    assert capacity(0.0, 10.0) < neutral
    assert capacity(60.0, 0.0) < 0.8 * neutral


def test_gluteus_medius_rotates_inward_when_the_hip_is_flexed(subject: Subject) -> None:
    # Delp et al. 1999 (J Biomech 32:493): in upright stance the posterior fibres rotate
    # the thigh outward; at 90 deg of hip flexion every part rotates it inward.
    muscles, upright = _state(subject)
    _, flexed = _state(subject, flexion=90.0)
    i = muscles.ids.index("gluteus_medius_posterior")
    assert upright.arms[0, i, 2] < 0.0
    for part in ("anterior", "middle", "posterior"):
        j = muscles.ids.index(f"gluteus_medius_{part}")
        assert flexed.arms[0, j, 2] > 0.0


def test_moment_arms_are_minus_the_length_derivative(subject: Subject) -> None:
    muscles = hip_model(subject).musculature
    rng = np.random.default_rng(3)
    angles = np.radians(rng.uniform([-10, -15, -20], [70, 20, 20], size=(20, 3)))
    knee = np.radians(rng.uniform(0, 80, size=20))
    state = muscles.paths.state(angles, knee)
    h = 1e-6
    for q in range(3):
        step = np.zeros(3)
        step[q] = h
        up = muscles.paths.lengths(angles + step, knee)
        down = muscles.paths.lengths(angles - step, knee)
        np.testing.assert_allclose(state.arms[..., q], -(up - down) / (2 * h), atol=2e-6)


@pytest.mark.parametrize("height", [1.5, 1.75, 2.0])
@pytest.mark.parametrize("sex", ["female", "male"])
def test_no_muscle_exceeds_its_maximal_force_in_any_posture(height: float, sex: str) -> None:
    muscles = hip_model(Subject.default(height_m=height, sex=sex)).musculature
    rng = np.random.default_rng(7)
    angles = np.radians(rng.uniform([-20, -25, -30], [100, 30, 30], size=(400, 3)))
    knee = np.radians(rng.uniform(0, 110, size=400))
    state = muscles.paths.state(angles, knee)
    _, active, passive = muscles.fibre_state(state.lengths)
    assert np.all(active <= 1.0 + 1e-12)
    assert np.all(active >= 0.0) and np.all(passive >= 0.0)
    assert np.all(np.isfinite(state.lengths)) and np.all(np.isfinite(state.arms))


# --- the passive fibre and its tendon in series -----------------------------------------


def test_the_tendon_curve_reaches_the_maximal_force_at_its_stated_strain() -> None:
    # Thelen 2003's tendon curve with Millard et al. 2013's strain at maximal force: the
    # toe region ends at 0.33 Fmax, the linear part reaches Fmax at 0.049 (to Thelen's
    # rounding of the slope, 1.712).
    toe = m.TENDON_TOE_STRAIN_RATIO * m.TENDON_STRAIN_AT_MAX
    assert float(m.tendon_force(np.array(toe))) == pytest.approx(m.TENDON_TOE_FORCE)
    assert float(m.tendon_force(np.array(m.TENDON_STRAIN_AT_MAX))) == pytest.approx(1.0, abs=2e-3)
    assert float(m.tendon_force(np.array(-0.01))) == 0.0


def test_the_passive_fibre_and_its_tendon_pull_equally_and_never_more_than_rigid() -> None:
    muscles = hip_model(Subject.default()).musculature
    rng = np.random.default_rng(3)
    angles = np.radians(rng.uniform([-20, -25, -30], [100, 30, 30], size=(300, 3)))
    knee = np.radians(rng.uniform(0, 120, size=300))
    lengths = muscles.paths.state(angles, knee).lengths
    _, _, passive = muscles.fibre_state(lengths)
    lopt, slack = muscles.optimal_fibre_length, muscles.tendon_slack_length
    height = lopt * np.sin(muscles.pennation)
    along = np.maximum(lengths - slack, 1e-6 * lopt)
    rigid = m.passive_fibre_force(along, height, lopt)
    assert np.all(passive <= rigid + 1e-12)
    assert np.all(passive[rigid == 0.0] == 0.0)
    # At the balance, the tendon's stretch gives back the fibre's force.
    pulled = passive > 1e-3
    strains = np.linspace(0.0, 0.2, 20001)
    stretch = slack * np.interp(passive, m.tendon_force(strains), strains)
    fibre = m.passive_fibre_force(along - stretch, height, lopt)
    np.testing.assert_allclose(fibre[pulled], passive[pulled], rtol=1e-3)


def test_rectus_femoris_with_the_hip_straight_and_the_knee_bent(subject: Subject) -> None:
    # Calibration regression of the stated curves: hip 0, knee 90 deg (the single-leg
    # bridge). A rigid tendon put rectus femoris's fibres at 1.83 optimal lengths, pulling
    # 2.08 Fmax; with the tendon in series it pulls 0.585 Fmax (docs/biomechanics.md).
    muscles = hip_model(subject).musculature
    i = muscles.ids.index("rectus_femoris")
    state = muscles.paths.state(np.zeros((1, 3)), np.radians([90.0]))
    norm, _, passive = muscles.fibre_state(state.lengths)
    assert norm[0, i] == pytest.approx(1.828, abs=0.005)
    assert passive[0, i] == pytest.approx(0.585, abs=0.005)

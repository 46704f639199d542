"""Calibration regressions: values that follow from choices made in the model.

These are not validations. They pin numbers that depend on stated assumptions (the
passive band's slack length, the capsule's engagement angle, the FPPA band, the default
subject's results) so that a change to them is seen and documented.
"""

from __future__ import annotations

import numpy as np
import pytest

from anatomy_viewer.biomech import Subject, solve, solve_cycle
from anatomy_viewer.biomech.outputs import fppa_band, fppa_band_shift
from anatomy_viewer.biomech.posture import hip_model


def test_the_band_is_just_taut_standing_and_the_capsule_engages_at_20_65_deg(
    subject: Subject,
) -> None:
    tissue = hip_model(subject).tissue
    for adduction, band_taut, capsule_taut in (
        (0.0, False, False),
        (10.0, True, False),
        (22.0, True, True),
    ):
        angles = np.radians(np.array([[0.0, adduction, 0.0]]))
        forces = tissue.forces(tissue.paths.lengths(angles, np.zeros(1)))[0]
        assert (forces[0] > 0.0) == band_taut
        assert (forces[1] > 0.0) == capsule_taut
    angles = np.radians(np.array([[0.0, 20.65, 0.0]]))
    length = tissue.paths.lengths(angles, np.zeros(1))[0, 1]
    assert length == pytest.approx(tissue.slack_length[1], abs=1e-9)


def test_fppa_band_half_width() -> None:
    # sqrt(1 - 0.13) x 5.1 deg at the squat's 60 deg of knee flexion, none when straight.
    assert fppa_band(np.radians(np.array([60.0, 0.0]))) == pytest.approx([4.757, 0.0], abs=1e-3)


def test_fppa_band_centre_follows_the_published_regression() -> None:
    # 0.37 x 5.1 deg / 0.178 = 10.6 deg per unit of abduction strength lost (Claiborne et
    # al. 2006; Herrington 2014; Alvarenga et al. 2019): 2.76 deg at 74 %, none standing.
    knee = np.radians(np.array([60.0, 60.0, 60.0, 0.0]))
    strength = np.array([1.0, 0.74, 0.0, 0.0])
    assert fppa_band_shift(knee, strength) == pytest.approx([0.0, 2.756, 10.60, 0.0], abs=1e-2)


def test_the_squat_band_moves_inward_with_weakness_and_the_derived_angle_does_not(
    subject: Subject,
) -> None:
    full = solve(subject, "squat", "right", 1.0, 0.5).quantities
    for weaken, shift in (("abductors", 2.756), ("gluteus_medius", None)):
        weak = solve(subject, "squat", "right", 0.74, 0.5, "none", weaken).quantities
        assert weak["knee_fppa_deg"] == pytest.approx(full["knee_fppa_deg"], abs=1e-6)
        moved = weak["knee_fppa_high_deg"] - full["knee_fppa_high_deg"]
        width = weak["knee_fppa_high_deg"] - weak["knee_fppa_low_deg"]
        assert width == pytest.approx(2 * 4.757, abs=1e-3)
        if shift is not None:
            # The whole group at 74 %: clinical abduction strength is 74 %.
            assert moved == pytest.approx(shift, abs=1e-3)
        else:
            # Gluteus medius alone at 74 %: the group keeps more than 74 %.
            assert 0.5 < moved < 2.756


def test_default_subject_regressions(subject: Subject) -> None:
    stance = solve(subject, "stance", "right", 1.0, 0.5).quantities
    squat = solve(subject, "squat", "right", 1.0, 0.5).quantities
    assert stance["hip_contact_force_bw"] == pytest.approx(3.16, abs=0.05)
    assert stance["hip_adduction_deg"] == pytest.approx(4.68, abs=0.05)
    # 4.24 before the passive fibre force was balanced against an elastic tendon (4.15).
    assert squat["hip_contact_force_bw"] == pytest.approx(4.15, abs=0.05)
    assert squat["knee_fppa_deg"] == pytest.approx(3.46, abs=0.05)


def test_onset_of_the_standing_drop_with_the_abductor_group(subject: Subject) -> None:
    above = solve(subject, "stance", "right", 0.36, 0.5, "none", "abductors")
    below = solve(subject, "stance", "right", 0.33, 0.5, "none", "abductors")
    assert above.quantities["pelvic_drop_deg"] == pytest.approx(0.0, abs=1e-9)
    assert below.quantities["pelvic_drop_deg"] > 3.0


def test_weak_gluteus_medius_alone_leaves_standing_level(subject: Subject) -> None:
    # Minimus, tensor fasciae latae and the rest hold the level pelvis without it.
    frame = solve(subject, "stance", "right", 0.0, 0.5, "none", "gluteus_medius")
    assert frame.quantities["pelvic_drop_deg"] == pytest.approx(0.0, abs=1e-9)
    effort = frame.structure_activation()
    assert effort["gluteus_minimus_r"] > solve(subject).structure_activation()["gluteus_minimus_r"]


def test_gait_regressions(subject: Subject) -> None:
    # The model's own values for walking and running at full strength, which miss the
    # in-vivo hip forces (walking 2.38 x BW, jogging 5.5; docs/biomechanics.md).
    phases = np.linspace(0.0, 1.0, 49)
    # Walking 3.64 and running 6.29 before the passive fibre force met an elastic tendon.
    for task, force, effort in (("walk", 3.61, 0.39), ("run", 6.23, 0.62)):
        frames = solve_cycle(subject, task, "right", 1.0, phases)
        peak = max(f.quantities["hip_contact_force_bw"] for f in frames)
        assert peak == pytest.approx(force, abs=0.05)
        assert max(f.quantities["abductor_activation"] for f in frames) == pytest.approx(
            effort, abs=0.02
        )
        assert max(f.quantities["pelvic_drop_deg"] for f in frames) == 0.0


def test_onset_of_the_walking_drop_with_the_abductor_group(subject: Subject) -> None:
    # Walking at the first peak of the ground force gives way between 40 and 35 %.
    above = solve(subject, "walk", "right", 0.40, 0.15, "none", "abductors")
    below = solve(subject, "walk", "right", 0.35, 0.15, "none", "abductors")
    assert above.quantities["pelvic_drop_deg"] == pytest.approx(0.0, abs=1e-9)
    assert below.quantities["pelvic_drop_deg"] > 3.0

"""The exercise library: statics of each pose, predictions against published EMG, and
calibration regressions of the chosen poses.

The model's activation is not EMG: the prediction tests compare orders (which exercise
asks more of gluteus medius), never values.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from anatomy_viewer.biomech import exercise_poses as poses
from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.exercises import (
    GLUTEUS_MEDIUS,
    ExerciseResult,
    band_walk_pose,
    resting_rows,
    solve_exercise,
)
from anatomy_viewer.biomech.kinematics import MASS_FRACTION_LEG
from anatomy_viewer.biomech.posture import hip_model
from anatomy_viewer.biomech.statics import hip_equilibrium, point_force_moment
from anatomy_viewer.biomech.subject import MASS_FRACTION_HAT, Subject
from anatomy_viewer.vocabulary import EXERCISES


@pytest.fixture(scope="module")
def results(subject: Subject) -> dict[str, ExerciseResult]:
    return {e: solve_exercise(subject, e) for e in EXERCISES}


def _effort(results: dict[str, ExerciseResult], exercise: str) -> float:
    return results[exercise].gluteus_medius_effort()


# --- predictions (published EMG tuned nothing) -----------------------------------------


def test_side_lying_abduction_works_gluteus_medius_harder_than_the_clamshell(results) -> None:
    # Prediction: 81 +- 42 vs 38-40 %MVIC (DiStefano et al. 2009, JOSPT 39:532).
    assert _effort(results, "side_lying_abduction") > _effort(results, "clamshell")


def test_side_plank_works_gluteus_medius_harder_than_the_clamshell(results) -> None:
    # Prediction: about 74 %MVIC (Ekstrom et al. 2007, JOSPT 37:754) vs 38-40.
    assert _effort(results, "side_plank") > _effort(results, "clamshell")


def test_side_plank_with_abduction_asks_more_than_the_abductors_can_give(results) -> None:
    # Prediction: about 103 %MVIC on the bottom leg, above a maximal contraction (Boren et
    # al. 2011, IJSPT 6:206); the plain side plank, about 74 %MVIC, is within reach.
    assert results["side_plank"].holds
    assert not results["side_plank_abduction"].holds


def test_clamshell_spares_tfl_most_of_the_exercises_selkowitz_compared(results) -> None:
    # Prediction: gluteal-to-TFL index clamshell 115 > sidestep 64 (Selkowitz et al.
    # 2013, JOSPT 43:54). In the model's clamshell TFL rests (ratio None: unbounded).
    assert results["clamshell"].gluteal_to_tfl_ratio() is None
    assert results["lateral_band_walk"].gluteal_to_tfl_ratio() is not None


@pytest.mark.xfail(
    strict=True,
    reason="known miss: a still pose at 30 deg asks less than a lift to it; EMG %MVIC of "
    "side-lying abduction (81, DiStefano 2009) exceeds the squat's (64) and the band "
    "walk's (52, Youdas 2013); the model ranks it below them (docs/biomechanics.md)",
)
def test_side_lying_abduction_above_the_standing_exercises(results) -> None:
    side = _effort(results, "side_lying_abduction")
    assert side > _effort(results, "single_leg_squat")
    assert side > _effort(results, "lateral_band_walk")


def test_single_leg_bridge_is_held_at_full_strength(results) -> None:
    # Prediction: people hold the single-leg bridge, with gluteus medius at about 47 %MVIC
    # (Ekstrom et al. 2007, JOSPT 37:754). The model holds it only since rectus femoris's
    # passive pull is balanced against its elastic tendon (a rigid tendon stretched its
    # fibres to 1.8 times their optimal length; docs/biomechanics.md).
    assert results["single_leg_bridge"].holds


# --- statics of the poses ----------------------------------------------------------------


def test_side_plank_hip_moment_is_the_same_from_either_side_of_the_hip(subject) -> None:
    """The bottom hip's load from the leg (weight, foot's push) equals the load from the
    body above it (trunk and lifted top leg weights, elbow's push): the support split
    balances the body."""
    pose = poses.side_plank(subject, poses.PLANK_TOP_ABDUCTION_DEG)
    p = subject.points
    w = subject.weight_n
    points = poses._body_points(subject)
    top = poses._femur(0.0, -math.radians(poses.PLANK_TOP_ABDUCTION_DEG))
    _, _, com = poses.leg_points(subject, top, 0.0)
    above = [
        (points["hat"], -MASS_FRACTION_HAT * w),
        (p["hip_l"] + np.diag([-1.0, 1.0, 1.0]) @ com, -MASS_FRACTION_LEG * w),
        (points["shoulder_r"], pose.supports_bw["elbow"] * w),
    ]
    body = pose.body
    pelvis_side = sum(
        point_force_moment(
            body[None],
            body[None],
            (body @ (at - p["hip_r"]))[None],
            np.array([[0.0, 0.0, up]]),
            "pelvis",
        )[0]
        for at, up in above
    )
    np.testing.assert_allclose(pelvis_side, pose.working.external, atol=1e-6)


def test_supports_carry_the_whole_body(subject) -> None:
    plank = poses.side_plank(subject).supports_bw
    bridge = poses.single_leg_bridge(subject).supports_bw
    assert sum(plank.values()) == pytest.approx(1.0)
    assert sum(bridge.values()) == pytest.approx(1.0)
    assert all(share > 0.0 for share in [*plank.values(), *bridge.values()])


def test_clamshell_resting_foot_pushes_or_carries_nothing(subject) -> None:
    """A foot resting on the other cannot pull: its push is never negative, and where it
    is zero the muscles balance all three of the hip's equations themselves."""
    load = poses.clamshell(subject).working
    model = hip_model(subject)
    for strength in (1.0, 0.5, 0.2):
        result = solve_exercise(subject, "clamshell", strength=strength)
        push = result.supports_bw["resting_foot"]
        assert push >= 0.0
        scale = np.where([m in GLUTEUS_MEDIUS for m in model.musculature.ids], strength, 1.0)
        eq = hip_equilibrium(
            model.musculature,
            model.tissue,
            load.angles[None],
            np.array([load.knee_flexion]),
            scale,
            load.external[None],
        )
        left = eq.moments[0] @ result.working.activation - eq.required[0]
        rows = resting_rows(load.angles, load.resting)
        # The two directions the contact cannot help with are always balanced.
        np.testing.assert_allclose(rows @ left, 0.0, atol=1e-6)
        if push == 0.0:
            np.testing.assert_allclose(left, 0.0, atol=1e-6)


def test_band_pull_adds_to_the_standing_hip_abduction_demand(subject) -> None:
    model = hip_model(subject)
    scale = np.ones(len(model.musculature.ids))
    pose = band_walk_pose(model, scale)
    without = band_walk_pose(model, scale, tension_n=0.0)
    assert pose.working.external[1] > without.working.external[1] + 1.0


# --- strength, sides, inputs -------------------------------------------------------------


def test_weakening_gluteus_medius_moves_the_work_to_the_other_abductors(subject) -> None:
    full = solve_exercise(subject, "side_lying_abduction")
    weak = solve_exercise(subject, "side_lying_abduction", strength=0.5)
    index = {m: i for i, m in enumerate(full.working.ids)}
    for muscle in ("gluteus_minimus_anterior_r", "tensor_fasciae_latae_r"):
        assert weak.working.activation[index[muscle]] > full.working.activation[index[muscle]]
    gmed = index["gluteus_medius_middle_r"]
    assert weak.working.force_bw[gmed] < full.working.force_bw[gmed]


def test_left_side_mirrors_the_right(subject) -> None:
    right = solve_exercise(subject, "side_plank_abduction", "right")
    left = solve_exercise(subject, "side_plank_abduction", "left")
    assert all(m.endswith("_l") for m in left.working.ids)
    assert left.other is not None and all(m.endswith("_r") for m in left.other.ids)
    np.testing.assert_allclose(left.working.activation, right.working.activation)


def test_bad_inputs_are_refused(subject) -> None:
    with pytest.raises(ModelInputError, match="exercise must be one of"):
        solve_exercise(subject, "plank")
    with pytest.raises(ModelInputError, match="strength"):
        solve_exercise(subject, "clamshell", strength=1.5)
    with pytest.raises(ModelInputError, match="side"):
        solve_exercise(subject, "clamshell", side="up")


# --- calibration regressions (values of the chosen poses, not validations) -------------

#: Gluteus medius effort at full strength of the poses as chosen in exercise_poses and
#: exercises (angles, band tension): pinned so a change to them shows.
#: Re-chosen when the passive fibre force met an elastic tendon (before: side-lying
#: 0.241, clamshell 0.205, band walk 0.547, squat 0.345).
CHOSEN_EFFORT = {
    "side_lying_abduction": 0.235,
    "clamshell": 0.193,
    "side_plank": 0.616,
    "lateral_band_walk": 0.549,
    "single_leg_squat": 0.350,
}


@pytest.mark.parametrize("exercise", sorted(CHOSEN_EFFORT))
def test_calibration_gluteus_medius_effort(results, exercise: str) -> None:
    assert _effort(results, exercise) == pytest.approx(CHOSEN_EFFORT[exercise], abs=0.005)


def test_calibration_side_plank_support_split(subject) -> None:
    # The elbow under the shoulder, the upper arm 0.186 x height (Drillis and Contini).
    assert poses.side_plank(subject).supports_bw["elbow"] == pytest.approx(0.653, abs=0.005)


def test_calibration_clamshell_hip_angles(results) -> None:
    # Hips 45 deg, knees 90 deg, the knee opened 40 deg about the hip-ankle line: in the
    # hip's own angles, flexion, abduction and external rotation together.
    angles = results["clamshell"].angles_deg
    assert angles["hip_flexion_deg"] == pytest.approx(35.9, abs=0.1)
    assert angles["hip_adduction_deg"] == pytest.approx(-26.7, abs=0.1)
    assert angles["hip_internal_rotation_deg"] == pytest.approx(-30.9, abs=0.1)


def test_calibration_single_leg_bridge_support_split(subject) -> None:
    shares = poses.single_leg_bridge(subject).supports_bw
    assert shares["foot"] == pytest.approx(0.355, abs=0.005)
    assert shares["shoulder_other_side"] > shares["shoulder_working_side"]

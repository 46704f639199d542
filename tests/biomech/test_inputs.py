"""Input validation: one clear error type with a helpful message."""

from __future__ import annotations

import json
import math

import pytest

from anatomy_viewer.anatomy.landmarks import compute_landmarks
from anatomy_viewer.biomech import ModelInputError, Subject, solve, sweep_strength
from anatomy_viewer.vocabulary import COMPENSATIONS, SIDES, TASKS, WEAKEN


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"task": "skip"}, "task must be one of"),
        ({"side": "both"}, "side must be one of"),
        ({"compensation": "crutch"}, "compensation must be one of"),
        ({"weaken": "quadriceps"}, "weaken must be one of"),
        ({"strength": 74.0}, "divide percent by 100"),
        ({"strength": -0.1}, "strength"),
        ({"strength": math.nan}, "strength"),
        ({"strength": True}, "strength"),
        ({"strength": "0.5"}, "strength"),
        ({"phase": 1.5}, "phase"),
        ({"phase": math.inf}, "phase"),
    ],
)
def test_bad_inputs_raise_model_input_error(subject: Subject, kwargs: dict, message: str) -> None:
    args = {
        "task": "stance",
        "side": "right",
        "strength": 1.0,
        "phase": 0.5,
        "compensation": "none",
        "weaken": "gluteus_medius",
    }
    args.update(kwargs)
    with pytest.raises(ModelInputError, match=message):
        solve(subject, **args)


def test_model_input_error_is_a_value_error() -> None:
    assert issubclass(ModelInputError, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mass_kg": 0.0}, "mass"),
        ({"mass_kg": math.nan}, "mass"),
        ({"height_m": 3.0}, "height"),
        ({"height_m": 1.0}, "height"),
        ({"sex": "other"}, "sex"),
    ],
)
def test_bad_subject_raises(kwargs: dict, message: str) -> None:
    with pytest.raises(ModelInputError, match=message):
        Subject.default(**kwargs)


def test_missing_landmark_is_named() -> None:
    marks = compute_landmarks(1.75, "male")
    del marks["pelvis.asis_l"]
    with pytest.raises(ModelInputError, match=r"pelvis\.asis_l"):
        Subject.from_landmarks(marks, 75.0, 1.75, "male")


def test_not_a_subject() -> None:
    with pytest.raises(ModelInputError, match="Subject"):
        solve("me", "stance")  # type: ignore[arg-type]


def test_sweep_rejects_percent(subject: Subject) -> None:
    with pytest.raises(ModelInputError, match="percent"):
        sweep_strength(subject, "stance", "right", 0.5, "none", [0, 50, 100])


OTHER = {"right": "left", "left": "right"}


def test_quantities_json_has_the_contract_keys(subject: Subject) -> None:
    keys = {
        "pelvic_drop_deg",
        "pelvic_drop_cm",
        "trunk_lean_deg",
        "hip_adduction_deg",
        "hip_internal_rotation_deg",
        "knee_flexion_deg",
        "knee_fppa_deg",
        "knee_fppa_low_deg",
        "knee_fppa_high_deg",
        "knee_fppa_range_deg",
        "abductor_force_bw",
        "abductor_activation",
        "hip_contact_force_bw",
        "itb_strain_pct",
        "weaken",
        "ratings",
        "muscles",
    }
    for task in TASKS:
        for side in SIDES:
            for comp in COMPENSATIONS:
                for weaken in WEAKEN:
                    out = solve(subject, task, side, 0.5, 0.5, comp, weaken).quantities_json()
                    assert keys <= set(out)
                    assert out["strength_pct"] == 50.0
                    assert out["weaken"] == weaken
                    assert set(out["ratings"]) == {  # type: ignore[arg-type]
                        "pelvic_drop_deg",
                        "knee_fppa_deg",
                        "hip_contact_force_bw",
                        "abductor_activation",
                    }
                    # Running at 0.5: the other foot is about to land, and the readouts
                    # follow the leg on the floor next (walking: until the middle of
                    # double support, 0.55, the first leg's).
                    on_floor = OTHER[side] if task == "run" else side
                    suffix = "_r" if on_floor == "right" else "_l"
                    muscles = out["muscles"]
                    assert isinstance(muscles, dict)
                    assert f"gluteus_medius_anterior{suffix}" in muscles
                    assert set(muscles[f"gluteus_medius_anterior{suffix}"]) == {
                        "force_bw",
                        "activation",
                    }
                    text = json.dumps(out, allow_nan=False)
                    assert "NaN" not in text and "-0.0," not in text


def test_an_unsolvable_state_is_a_model_input_error(
    subject: Subject, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without its abductors the squatting hip needs a large drop, and the lifted foot
    # would reach the floor: no single-leg squat is possible.
    with pytest.raises(ModelInputError, match="lifted foot would touch the floor"):
        solve(subject, "squat", "right", 0.0, 0.5, "none", "abductors")
    # Where no drop within the searched range holds the body, the message says so.
    from anatomy_viewer.biomech import posture

    monkeypatch.setattr(posture, "MAX_DROP_DEG", 1.0)
    with pytest.raises(ModelInputError, match="cannot hold this stance"):
        solve(subject, "stance", "right", 0.0, 0.5, "none", "abductors")

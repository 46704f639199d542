"""Input validation: one clear error type with a helpful message."""

from __future__ import annotations

import json
import math

import pytest

from anatomy_viewer.biomech import ModelInputError, Subject, solve, sweep_strength
from anatomy_viewer.biomech.subject import fallback_landmarks
from anatomy_viewer.vocabulary import COMPENSATIONS, SIDES, TASKS


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"task": "walk"}, "task must be one of"),
        ({"side": "both"}, "side must be one of"),
        ({"compensation": "crutch"}, "compensation must be one of"),
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
    marks = fallback_landmarks(1.75)
    del marks["pelvis.asis_l"]
    with pytest.raises(ModelInputError, match=r"pelvis\.asis_l"):
        Subject.from_landmarks(marks, 75.0, 1.75, "male")


def test_not_a_subject(subject: Subject) -> None:
    with pytest.raises(ModelInputError, match="Subject"):
        solve("me", "stance")  # type: ignore[arg-type]


def test_sweep_rejects_percent(subject: Subject) -> None:
    with pytest.raises(ModelInputError, match="percent"):
        sweep_strength(subject, "stance", "right", 0.5, "none", [0, 50, 100])


def test_quantities_json_has_the_contract_keys(subject: Subject) -> None:
    keys = {
        "pelvic_drop_deg",
        "pelvic_drop_cm",
        "trunk_lean_deg",
        "hip_adduction_deg",
        "hip_internal_rotation_deg",
        "knee_flexion_deg",
        "knee_fppa_deg",
        "abductor_force_bw",
        "abductor_activation",
        "hip_contact_force_bw",
        "itb_strain_pct",
    }
    for task in TASKS:
        for side in SIDES:
            for comp in COMPENSATIONS:
                out = solve(subject, task, side, 0.5, 0.5, comp).quantities_json()
                assert keys <= set(out)
                assert out["strength_pct"] == 50.0
                text = json.dumps(out, allow_nan=False)
                assert "NaN" not in text and "-0.0," not in text


def test_fallback_subject_meets_the_references() -> None:
    s = Subject.from_landmarks(fallback_landmarks(1.75), 75.0, 1.75, "male")
    r = solve(s, "stance", "right", 1.0, 0.5).quantities
    assert 1.5 <= r["abductor_force_bw"] <= 2.4
    assert 2.3 <= r["hip_contact_force_bw"] <= 3.0
    assert solve(s, "stance", "right", 0.1, 0.5).quantities["pelvic_drop_deg"] >= 8.0

"""``fit_strength``: from a measured pelvic drop and knee angle to the strength behind them.

The round trip is a consistency check of the fit, not a validation of the model: the
"measurement" is the model's own output at a known strength.
"""

from __future__ import annotations

import pytest

from anatomy_viewer.biomech import ModelInputError, Subject, solve
from anatomy_viewer.biomech.fit import (
    DEFAULT_ERROR_DEG,
    FIT_TASKS,
    UnexplainedMeasurementError,
    fit_strength,
)
from anatomy_viewer.cli_fit import DEFAULT_ERROR_DEG as CLI_DEFAULT_ERROR_DEG
from anatomy_viewer.cli_fit import FIT_TASKS as CLI_FIT_TASKS


def _measure(subject: Subject, task: str, strength: float, weaken: str) -> tuple[float, float]:
    """The model's pelvic drop and the centre of its knee band (what a video would show)."""
    q = solve(subject, task, "right", strength, 0.5, weaken=weaken).quantities
    return q["pelvic_drop_deg"], 0.5 * (q["knee_fppa_low_deg"] + q["knee_fppa_high_deg"])


# Strengths where the curves are not flat: the weak abductor group drops the pelvis in
# stance below about a third; in the squat the knee band moves with strength.
@pytest.mark.parametrize(
    ("task", "truth"),
    [
        ("stance", 0.05),
        ("stance", 0.15),
        ("stance", 0.22),
        ("stance", 0.28),
        ("squat", 0.4),
        ("squat", 0.7),
    ],
)
def test_round_trip_finds_the_strength(subject: Subject, task: str, truth: float) -> None:
    drop, fppa = _measure(subject, task, truth, "abductors")
    result = fit_strength(subject, task, weaken="abductors", pelvic_drop_deg=drop, fppa_deg=fppa)
    assert result.strength_pct is not None
    assert abs(result.strength_pct - 100.0 * truth) <= 5.0
    low, high = result.strength_range_pct
    assert low <= 100.0 * truth <= high
    assert low <= result.strength_pct <= high


def test_left_side_gives_the_same_answer(subject: Subject) -> None:
    right = fit_strength(subject, "stance", weaken="abductors", pelvic_drop_deg=20.0)
    left = fit_strength(subject, "stance", side="left", weaken="abductors", pelvic_drop_deg=20.0)
    assert left.strength_pct == pytest.approx(right.strength_pct)
    assert left.strength_range_pct == pytest.approx(right.strength_range_pct)


def test_a_larger_error_widens_the_range(subject: Subject) -> None:
    tight = fit_strength(
        subject, "stance", weaken="abductors", pelvic_drop_deg=20.0, drop_error_deg=1.0
    )
    loose = fit_strength(
        subject, "stance", weaken="abductors", pelvic_drop_deg=20.0, drop_error_deg=6.0
    )
    assert tight.strength_range_pct[0] > loose.strength_range_pct[0]
    assert tight.strength_range_pct[1] < loose.strength_range_pct[1]


def test_a_flat_curve_gives_no_number(subject: Subject) -> None:
    """A weak gluteus medius alone keeps the pelvis level: the measurement pins nothing."""
    result = fit_strength(subject, "stance", pelvic_drop_deg=0.0, fppa_deg=3.0)
    assert result.strength_pct is None
    assert result.strength_range_pct == (0.0, 100.0)
    assert "cannot tell them apart" in result.explanation
    assert result.as_json()["pinned"] is False


def test_a_level_pelvis_only_bounds_the_group_from_below(subject: Subject) -> None:
    result = fit_strength(subject, "stance", weaken="abductors", pelvic_drop_deg=0.0)
    assert result.strength_pct is None
    low, high = result.strength_range_pct
    assert 20.0 < low < 45.0 and high == 100.0
    assert "at least" in result.explanation


@pytest.mark.parametrize(
    ("task", "kwargs", "words"),
    [
        ("stance", {"pelvic_drop_deg": 10.0}, "gluteus medius alone"),
        ("squat", {"fppa_deg": 30.0}, "at most"),
        ("squat", {"fppa_deg": -15.0}, "even at normal strength"),
    ],
)
def test_an_impossible_measurement_says_why(
    subject: Subject, task: str, kwargs: dict[str, float], words: str
) -> None:
    with pytest.raises(UnexplainedMeasurementError, match="No strength explains") as caught:
        fit_strength(subject, task, **kwargs)
    assert words in str(caught.value)
    assert isinstance(caught.value, ModelInputError)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"pelvic_drop_deg": 90.0}, "pelvic drop must be from -20 to 45"),
        ({"fppa_deg": float("nan")}, "FPPA must be a number"),
        ({"fppa_deg": 5.0, "fppa_error_deg": 0.0}, "FPPA error must be from 0.5 to 15"),
        ({}, "give the pelvic drop"),
    ],
)
def test_bad_input_names_the_value_and_its_range(
    subject: Subject, kwargs: dict[str, float], words: str
) -> None:
    with pytest.raises(ModelInputError, match=words):
        fit_strength(subject, "squat", **kwargs)


@pytest.mark.parametrize("task", ["walk", "run"])
def test_gait_is_refused_plainly(subject: Subject, task: str) -> None:
    with pytest.raises(ModelInputError, match="upper bound"):
        fit_strength(subject, task, pelvic_drop_deg=5.0)


def test_the_command_line_uses_the_models_constants() -> None:
    assert CLI_FIT_TASKS == FIT_TASKS
    assert CLI_DEFAULT_ERROR_DEG == DEFAULT_ERROR_DEG

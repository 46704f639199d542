"""Readouts are rated against healthy people in the same task."""

from __future__ import annotations

import pytest

from anatomy_viewer.biomech import ModelInputError, Subject, solve
from anatomy_viewer.biomech.ratings import BANDS, RATED, rate
from anatomy_viewer.vocabulary import TASKS, WEAKEN


def test_every_task_has_a_sourced_band_for_every_rated_readout() -> None:
    for task in TASKS:
        assert set(BANDS[task]) == set(RATED)
        for band in BANDS[task].values():
            assert band.source and band.normal_max < band.borderline_max


@pytest.mark.parametrize("task", ["stance", "squat"])
@pytest.mark.parametrize("weaken", WEAKEN)
@pytest.mark.parametrize("side", ["right", "left"])
def test_full_strength_is_normal_in_every_readout(
    subject: Subject, task: str, weaken: str, side: str
) -> None:
    frame = solve(subject, task, side, 1.0, 0.5, "none", weaken)
    assert set(frame.ratings.values()) == {"normal"}, frame.ratings


def test_the_healthy_squat_force_is_normal_for_a_squat_not_for_standing() -> None:
    # 4.3 x BW is everyday for a deep single-leg squat, high for standing on one leg.
    assert rate("squat", "hip_contact_force_bw", 4.3) == "normal"
    assert rate("stance", "hip_contact_force_bw", 4.3) == "out_of_range"


def test_a_muscle_at_its_limit_is_out_of_range() -> None:
    assert rate("squat", "abductor_activation", 1.0) == "out_of_range"
    assert rate("squat", "abductor_activation", 0.5) == "normal"


def test_an_unknown_task_or_readout_is_a_clear_error() -> None:
    with pytest.raises(ModelInputError, match="no healthy range"):
        rate("skip", "pelvic_drop_deg", 1.0)
    with pytest.raises(ModelInputError, match="rated readouts"):
        rate("stance", "trunk_lean_deg", 1.0)

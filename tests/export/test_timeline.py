"""The timeline is a pure function of time: durations, flights, phases, captions, caps."""

from __future__ import annotations

import itertools

import pytest

from anatomy_viewer.lesson import Advance, SceneState
from anatomy_viewer.lesson.model import CameraState
from anatomy_viewer.logic.simulation import SimulationSettings
from anatomy_viewer.logic.timeline import (
    FOREVER_LOOPS,
    MAX_STEP_SECONDS,
    MIN_READING_SECONDS,
    SETTLE_SECONDS,
    StepPlan,
    Timeline,
    reading_seconds,
    step_seconds,
)
from anatomy_viewer.scene.camera import CameraPose

FRONT = CameraPose((0.0, 3.0, 1.0), (0.0, 0.0, 1.0), (0.0, 0.0, 1.0))
SIDE = CameraPose((3.0, 0.0, 1.0), (0.0, 0.0, 1.0), (0.0, 0.0, 1.0))
CLICK = Advance()


def plan(
    index: int = 0,
    *,
    camera: CameraPose = FRONT,
    flight: float = 1.0,
    advance: Advance = CLICK,
    play: bool = False,
    loops: int | None = None,
    words: int = 10,
    speed: float = 1.0,
) -> StepPlan:
    return StepPlan(
        index=index,
        title=f"Step {index + 1}",
        words=words,
        scene=SceneState(camera=CameraState(preset="anterior", duration_s=flight)),
        advance=advance,
        settings=SimulationSettings(task="stance", speed=speed),
        phase=0.25,
        play=play,
        loops=loops,
        camera=camera,
    )


def test_a_step_waiting_for_a_click_gets_a_reading_time() -> None:
    assert reading_seconds(0) == MIN_READING_SECONDS
    assert step_seconds(plan(words=0)) == MIN_READING_SECONDS
    assert step_seconds(plan(words=10_000)) <= MAX_STEP_SECONDS


def test_timed_and_animated_steps_last_as_long_as_they_ask() -> None:
    assert step_seconds(plan(advance=Advance("time", 5.0))) == 5.0
    # One cycle of standing on one leg is 4 s at speed 1; two loops at speed 2 are 4 s.
    assert step_seconds(plan(advance=Advance("animation"), play=True, loops=2, speed=2.0)) == 4.0
    forever = plan(play=True, loops=None, words=0)
    assert step_seconds(forever) == pytest.approx(FOREVER_LOOPS * 4.0)
    # Never shorter than the camera flight and a moment of rest.
    assert step_seconds(plan(advance=Advance("time", 0.5), flight=2.0)) == 2.0 + SETTLE_SECONDS


def test_the_camera_flies_from_the_previous_step_and_then_rests() -> None:
    timeline = Timeline(
        [plan(0, advance=Advance("time", 2.0)), plan(1, camera=SIDE, advance=Advance("time", 3))],
        start_camera=FRONT,
    )
    assert timeline.duration_s == 5.0
    assert timeline.at(0.0).camera == FRONT
    start = timeline.at(2.0)
    assert start.segment == 1 and start.camera.position == pytest.approx(FRONT.position)
    halfway = timeline.at(2.5).camera
    assert 0.1 < halfway.position[0] < 2.9 and 0.1 < halfway.position[1] < 2.9
    assert timeline.at(3.5).camera == SIDE
    assert timeline.at(99.0).camera == SIDE
    assert [timeline.at(t).caption for t in (0.0, 4.0)] == ["Step 1", "Step 2"]


def test_moments_are_pure_functions_of_time() -> None:
    timeline = Timeline([plan(0, play=True, loops=1), plan(1, camera=SIDE)], start_camera=SIDE)
    times = timeline.times(10)
    assert [timeline.at(t) for t in times] == [timeline.at(t) for t in times]
    assert timeline.frame_count(10) == len(times) == round(timeline.duration_s * 10)
    phases = [timeline.at(t).phase for t in times if timeline.at(t).segment == 0]
    assert phases[0] == 0.0 and max(phases) > 0.9
    assert all(b >= a for a, b in itertools.pairwise(phases))
    assert timeline.at(timeline.duration_s).phase == 0.25  # the still step's phase


def test_a_long_lesson_is_cut() -> None:
    plans = [plan(i, advance=Advance("time", 600.0)) for i in range(50)]
    timeline = Timeline(plans, start_camera=FRONT, max_seconds=100.0)
    assert timeline.duration_s == 100.0
    assert all(s.duration_s <= MAX_STEP_SECONDS for s in timeline.segments)
    with pytest.raises(ValueError):
        Timeline([], start_camera=FRONT)

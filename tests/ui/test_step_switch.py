"""Changing lesson step does the least it can: one frame a view, no chart worked out twice.

Counted, never timed (docs/performance.md, item 18).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from anatomy_viewer.lesson import load_lesson
from anatomy_viewer.logic.staging import camera_pose
from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui import simulation_controller
from anatomy_viewer.ui.frame_hold import FrameHold
from anatomy_viewer.ui.main_window import QtMainWindow

BUNDLED = sorted(lessons_dir().glob("*/lesson.yaml"))


def test_a_hold_draws_one_frame_at_its_end_however_many_were_asked_for() -> None:
    drawn: list[int] = []
    hold = FrameHold(lambda: drawn.append(1))

    def redraw() -> None:  # as the window's: ask the hold first
        if not hold.postpone():
            drawn.append(1)

    with hold.held():
        redraw()
        with hold.held():
            redraw()
            redraw()
        assert drawn == []  # the inner hold's end is not the end
    assert drawn == [1]
    assert hold.gathered == 3
    redraw()
    assert drawn == [1, 1]  # outside a hold, at once
    with hold.held():
        pass
    assert drawn == [1, 1]  # nothing asked for: nothing drawn


def test_a_hold_still_draws_when_the_change_inside_fails() -> None:
    drawn: list[int] = []
    hold = FrameHold(lambda: drawn.append(1))
    with pytest.raises(ValueError), hold.held():
        hold.postpone()
        raise ValueError("a step that could not be staged")
    assert drawn == [1]
    assert not hold.holding


class _FrameCounter:
    """Counts the frames a view puts on the screen (renders with their swap).

    Label placement's id pictures are renders too, but into the back buffer with the swap
    off; they are counted apart.
    """

    def __init__(self) -> None:
        self.shown = 0
        self.hidden = 0
        self._watched: set[int] = set()

    def watch(self, viewport: Any) -> None:
        if viewport is None or id(viewport) in self._watched:
            return
        self._watched.add(id(viewport))

        def started(window: Any, _event: str) -> None:
            if window.GetSwapBuffers():
                self.shown += 1
            else:
                self.hidden += 1

        viewport.ren_win.AddObserver("StartEvent", started)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.parent.name)
def test_every_step_is_drawn_once_in_each_view(window: QtMainWindow, path: Path) -> None:
    assert window.scene is not None and window.simulation is not None
    # The twin view made beforehand (made in a step, it draws its first, empty frame too).
    settings = window.simulation.settings
    window.simulation.set_settings(settings.with_changes(compare=True))
    window.simulation.set_settings(settings)
    main, twin = _FrameCounter(), _FrameCounter()
    main.watch(window.plotter)
    twin.watch(window.twin_plotter)
    window.open_lesson(path)
    steps = len(load_lesson(path).steps)
    controller = window.simulation
    controller.clock = lambda: 0.0  # playback's numbers lag behind its frames (20 Hz)
    for _ in range(steps - 1):
        # The reader moves on while the movement plays: two frames as the timer draws them,
        # the second with its numbers behind (stopping would draw them in full).
        controller.set_playing(True)
        controller.show_phase(0.25, playing=True)
        controller.show_phase(0.5, playing=True)
        main.shown = twin.shown = 0
        window.lessons.panel.next()  # the step is staged and drawn in this call
        title = window.lessons.panel.step_title.text()
        assert main.shown == 1, title
        assert twin.shown == (1 if window.simulation.settings.compare else 0), title


def test_a_chart_shown_before_is_not_worked_out_again(
    window: QtMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = window.simulation
    assert controller is not None
    worked_out: list[tuple[str, ...]] = []
    real = simulation_controller.chart_curves

    def counted(simulation: Any, settings: Any) -> Any:
        worked_out.append(simulation_controller.chart_key(settings))
        return real(simulation, settings)

    monkeypatch.setattr(simulation_controller, "chart_curves", counted)
    squat = controller.settings.with_changes(task="squat", weaken="abductors")
    stance = squat.with_changes(task="stance")
    for settings in (squat, stance, squat, stance, squat.with_changes(strength_pct=40.0)):
        controller.set_settings(settings)
    # Each key at most once, however often shown (the strength is not part of the key).
    assert len(worked_out) == len(set(worked_out))
    assert simulation_controller.chart_key(stance) in worked_out
    assert set(worked_out) <= {simulation_controller.chart_key(s) for s in (squat, stance)}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.parent.name)
def test_each_step_s_camera_frames_what_that_step_shows(window: QtMainWindow, path: Path) -> None:
    """The flight's end is worked out once the step's structures are staged, not before.

    (From the first step on: opening a lesson shows the Lessons panel after staging it,
    which narrows the view the first step's camera was framed for.)
    """
    assert window.scene is not None
    window.open_lesson(path)
    player = window.lessons.player
    assert player is not None
    while not player.current.is_last:
        window.lessons.panel.next()
        window.flight.stop(jump_to_end=True)
        state = player.current.scene
        expected = camera_pose(window.scene, state.camera, state.simulation)
        shown = window.scene.camera()
        title = window.lessons.panel.step_title.text()
        assert shown.position == pytest.approx(expected.position, abs=1e-6), title
        assert shown.focal_point == pytest.approx(expected.focal_point, abs=1e-6), title

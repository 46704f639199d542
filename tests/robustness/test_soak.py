"""Soak run: 20,000 animation frames and every lesson stepped through 50 times, one process.

Frames are driven by calling the controller's ``show_phase`` (update and render), not by
waiting on timers. On the 2-core development machine with its software renderer a frame
costs about 9 ms and a lesson step about 100 ms, so the run takes about 6 minutes.
After a warm-up, memory may grow by less than 5 %, and the renderers, actors and Qt
widgets must be the same in number as before. The view is made small, since the point is
leaks, not pixels.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QToolBar

from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.system import resident_memory_mb as rss_mb
from anatomy_viewer.ui.main_window import QtMainWindow

FRAMES = 20_000
LESSON_ROUNDS = 50
WARM_UP_FRAMES = 2_000
#: Distinct phases in the run: more than the model's frame cache holds, so it keeps solving.
PHASES = 1_000

LESSONS = sorted(p for p in lessons_dir().iterdir() if (p / "lesson.yaml").is_file())


def _flush() -> None:
    """Process events and the deferred deletes that only an event loop would run."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()


def _counts(window: QtMainWindow) -> dict[str, int]:
    """Things that leak when something is added per frame or per step and never removed."""
    _flush()
    render_window = window.plotter.render_window
    assert render_window is not None
    renderers = render_window.GetRenderers()
    props = sum(
        renderers.GetItemAsObject(i).GetViewProps().GetNumberOfItems()
        for i in range(renderers.GetNumberOfItems())
    )
    return {
        "renderers": renderers.GetNumberOfItems(),
        "props": props,
        "widgets": len(QApplication.allWidgets()),
    }


def _play(window: QtMainWindow, start: int, count: int, strength: float) -> None:
    controller = window.simulation
    assert controller is not None
    controller.set_settings(controller.settings.with_changes(strength_pct=strength))
    for i in range(start, start + count):
        controller.show_phase((i % PHASES) / PHASES)
        if i % 50 == 0:
            QApplication.processEvents()


def _step_through_lessons(window: QtMainWindow) -> int:
    steps = 0
    for folder in LESSONS:
        window.open_lesson(folder)
        panel = window.lessons.panel
        while panel.player is not None and not panel.player.current.is_last:
            panel.next()
            window.flight.stop(jump_to_end=True)
            steps += 1
        _flush()
        window.lessons.close_lesson()
    assert window.simulation is not None
    window.simulation.set_playing(False)
    return steps


@pytest.mark.slow
def test_soak_frames_and_lessons_leak_nothing(window: QtMainWindow, tmp_path: Path) -> None:
    # A small view, so that the run takes minutes, not a quarter of an hour, on a software
    # renderer: the docks and bars go (their widgets still work hidden) and the 3D view
    # draws 200x150 pixels. Leaks do not depend on pixels.
    for dock in (
        window.structures_dock,
        window.info_dock,
        window.simulation_dock,
        window.lessons_dock,
    ):
        dock.hide()
    for bar in window.findChildren(QToolBar):
        bar.hide()
    window.plotter.setFixedSize(200, 150)
    QApplication.processEvents()
    assert window.simulation is not None and window.scene is not None

    _play(window, 0, WARM_UP_FRAMES, 40.0)
    _step_through_lessons(window)
    base_memory = rss_mb()
    base_counts = _counts(window)

    played = WARM_UP_FRAMES
    rounds = 0
    per_round = (FRAMES - WARM_UP_FRAMES) // LESSON_ROUNDS
    strengths = (30.0, 74.0, 100.0, 55.0)
    while rounds < LESSON_ROUNDS:
        _play(window, played, per_round, strengths[rounds % len(strengths)])
        played += per_round
        assert _step_through_lessons(window) > 0
        rounds += 1
    assert played >= FRAMES - LESSON_ROUNDS

    growth = (rss_mb() - base_memory) / base_memory
    assert growth < 0.05, f"memory grew {growth:.1%} after warm-up"
    assert _counts(window) == base_counts

"""Real clicks, sent to the X server with xdotool, where the native 3D view could take them.

The 3D view is a native X window (``ui/viewport.py``). A widget painted over it in Qt can
look clickable in a widget grab and in ``QTest`` clicks (which go straight to the widget),
yet the X server hands a real click to whatever window is on top at that point. Only a
click through the X server shows what a person gets. xdotool is installed with the test
packages (``scripts/run-tests``, ``.ci/run``).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.main_window import QtMainWindow


def real_click(qtbot: QtBot, widget: QWidget, where: QPoint | None = None) -> None:
    """Move the X pointer over ``widget`` (its centre by default) and click there."""
    xdotool = shutil.which("xdotool")
    if xdotool is None:
        pytest.fail("xdotool is missing: run ./scripts/run-tests, which installs it")
    QApplication.processEvents()
    point = widget.mapToGlobal(where if where is not None else widget.rect().center())
    subprocess.run(
        [xdotool, "mousemove", "--sync", str(point.x()), str(point.y()), "click", "1"],
        check=True,
        timeout=10,
    )


def test_a_real_click_on_leave_leaves_presentation_mode(qtbot: QtBot, window: QtMainWindow) -> None:
    window.open_lesson(lessons_dir() / "04-weak-gluteus-medius", step=1)  # compare: two views
    window.enter_presentation()
    # No window manager under Xvfb: do what one does with a full-screen window.
    window.setGeometry(QApplication.primaryScreen().geometry())
    button = window.presentation.leave_button
    qtbot.waitUntil(button.isVisible, timeout=5000)
    qtbot.waitExposed(window)
    real_click(qtbot, button)
    qtbot.waitUntil(lambda: not window.presentation.active, timeout=5000)
    assert window.menuBar().isVisible() and window.toolbar.isVisible()


def test_real_clicks_reach_the_3d_view_and_the_controls_beside_it(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    assert window.scene is not None
    window.enter_presentation()
    window.setGeometry(QApplication.primaryScreen().geometry())
    slider = window.simulation_panel.strength
    qtbot.waitUntil(lambda: slider.isVisible() and slider.width() > 100, timeout=5000)
    # The strength slider beside the view: a click on its left end weakens the muscle.
    before = slider.value()
    real_click(qtbot, slider, QPoint(6, slider.height() // 2))
    qtbot.waitUntil(lambda: slider.value() < before, timeout=5000)
    # The 3D view itself still takes its clicks: one on empty floor picks nothing.
    with qtbot.waitSignal(window.picker.clicked, timeout=5000):
        real_click(qtbot, window.plotter, QPoint(8, 8))
    window.leave_presentation()

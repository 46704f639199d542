"""The 3D viewport: VTK draws into a native window, once per frame, and shows it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from anatomy_viewer.ui.main_window import QtMainWindow


def _on_screen(window: QtMainWindow) -> np.ndarray:
    """What the X server shows in the viewport (not a render of our own)."""
    viewport = window.plotter
    picture = QApplication.primaryScreen().grabWindow(viewport.winId()).toImage()
    picture = picture.convertToFormat(picture.Format.Format_RGB888)
    width, height = picture.width(), picture.height()
    data = np.frombuffer(picture.constBits(), dtype=np.uint8, count=picture.sizeInBytes())
    return data.reshape(height, picture.bytesPerLine())[:, : width * 3].reshape(height, width, 3)


def test_the_viewport_is_a_native_window(window: QtMainWindow) -> None:
    viewport = window.plotter
    assert viewport.testAttribute(Qt.WidgetAttribute.WA_NativeWindow)
    assert viewport.testAttribute(Qt.WidgetAttribute.WA_PaintOnScreen)
    assert int(viewport.winId()) != 0


def test_a_frame_is_drawn_once_and_reaches_the_screen(window: QtMainWindow, qtbot: QtBot) -> None:
    assert window.scene is not None
    qtbot.wait(500)  # what the window does after its first frame (chart, lesson list) settles
    window.scene.anatomy.isolate([])  # only the stage: a plain background
    window.redraw()
    QApplication.processEvents()
    empty = _on_screen(window).astype(float)

    window.scene.anatomy.show_all()
    before = window.plotter.render_count
    window.redraw()
    QApplication.processEvents()
    qtbot.wait(50)
    assert window.plotter.render_count == before + 1  # no second render when Qt paints
    shown = _on_screen(window).astype(float)
    changed = np.mean(np.any(np.abs(shown - empty) > 30, axis=2))
    assert changed > 0.05, "the anatomy drawn by VTK is not on the screen"


def test_a_closed_viewport_draws_nothing_and_closes_once(window: QtMainWindow) -> None:
    twin_count = window.plotter.render_count
    window.close()
    window.plotter.render()
    window.plotter.close()
    assert window.plotter.render_count == twin_count
    assert window.plotter.render_window is None


def test_mouse_positions_use_the_view_s_own_pixel_ratio(
    window: QtMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a 2x screen a click at (10, 20) is VTK pixel (20, 2 * (height - 21))."""
    viewport = window.plotter
    monkeypatch.setattr(type(viewport), "devicePixelRatioF", lambda self: 2.0)
    viewport._setEventInformation(10, 20, 0, 0, chr(0), 0, None)
    x, y = viewport.iren.interactor.GetEventPosition()
    assert (x, y) == (20, 2 * (viewport.height() - 20 - 1))

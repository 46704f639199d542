"""The main window as a person uses it: panels, toggles, picking, presets, pictures, close."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from anatomy_viewer.ui.errors import report_exception
from anatomy_viewer.ui.main_window import QtMainWindow


def _grab(window: QtMainWindow) -> np.ndarray:
    window.redraw()
    return np.asarray(window.plotter.screenshot(return_img=True))


def _screen_point(window: QtMainWindow, world: np.ndarray) -> QPoint:
    """Widget position (logical pixels) where a world point is drawn."""
    renderer = window.plotter.renderer
    renderer.SetWorldPoint(*world, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    ratio = window.plotter.devicePixelRatioF()
    return QPoint(round(x / ratio), round(window.plotter.height() - y / ratio))


def test_window_shows_anatomy_and_docked_panels(window: QtMainWindow) -> None:
    assert window.scene is not None
    assert len(window.scene.anatomy.ids) >= 20
    for dock in (
        window.structures_dock,
        window.info_dock,
        window.simulation_dock,
        window.lessons_dock,
    ):
        assert dock.isVisible()
    assert "triangles" in window.status_label.text()
    image = _grab(window)
    assert image.std() > 10  # not a blank view


def test_unticking_a_structure_hides_it_in_the_view(window: QtMainWindow) -> None:
    assert window.scene is not None
    window.fly_to_preset("anterior", duration_s=0)
    before = _grab(window)
    window.structures_panel.item("pelvis").setCheckState(0, Qt.CheckState.Unchecked)
    assert not window.scene.anatomy.is_visible("pelvis")
    after = _grab(window)
    assert np.abs(before.astype(int) - after.astype(int)).max(axis=2).astype(bool).mean() > 0.005
    window.structures_panel.item("pelvis").setCheckState(0, Qt.CheckState.Checked)
    assert window.scene.anatomy.is_visible("pelvis")


def test_clicking_a_structure_selects_it_and_shows_its_info(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    assert window.scene is not None
    window.scene.anatomy.isolate(["femur_r"])
    window.fly_to_preset("anterior", duration_s=0)
    window.redraw()
    # A point on the front of the (posed) shaft, halfway down: what a person would click.
    actor = window.scene.anatomy.actor("femur_r")
    points = np.asarray(actor.GetMapper().GetInput().GetPoints().GetData())
    matrix = np.asarray(actor.user_matrix)
    posed = points @ matrix[:3, :3].T + matrix[:3, 3]
    middle = (posed[:, 2].min() + posed[:, 2].max()) / 2
    band = posed[np.abs(posed[:, 2] - middle) < 0.02]
    target = band[np.argmax(band[:, 1])]
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=_screen_point(window, target))
    assert window.scene.anatomy.selected == "femur_r"
    assert window.structures_panel.selected_id() == "femur_r"
    assert "femur" in window.info_panel.text().lower()
    # Clicking empty space clears the selection.
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert window.scene.anatomy.selected is None


def test_selecting_in_the_tree_describes_the_muscle(window: QtMainWindow) -> None:
    window.structures_panel.tree.setCurrentItem(window.structures_panel.item("gluteus_medius_r"))
    assert window.scene is not None and window.scene.anatomy.selected == "gluteus_medius_r"
    text = window.info_panel.text().lower()
    for word in ("origin", "insertion", "action", "nerve", "trochanter"):
        assert word in text


def test_camera_presets_fly_to_their_views(qtbot: QtBot, window: QtMainWindow) -> None:
    assert window.scene is not None
    window.camera_actions["right"].trigger()
    assert window.flight.active
    qtbot.waitUntil(lambda: not window.flight.active, timeout=5000)
    camera = window.scene.camera()
    assert camera.position[0] - camera.focal_point[0] > 0.5  # looking from the subject's right
    window.camera_actions["mirror"].trigger()
    qtbot.waitUntil(lambda: not window.flight.active, timeout=5000)
    assert window.scene.camera().mirrored
    window.reset_action.trigger()
    qtbot.waitUntil(lambda: not window.flight.active, timeout=5000)
    assert window.scene.camera() == window.scene.home_camera()


def test_isolate_and_show_all(window: QtMainWindow) -> None:
    assert window.scene is not None
    window.isolate("gluteus_medius_l")
    visible = [sid for sid in window.scene.anatomy.ids if window.scene.anatomy.is_visible(sid)]
    assert visible == ["gluteus_medius_l"]
    assert not window.structures_panel.is_checked("pelvis")
    window.show_all()
    assert window.scene.anatomy.is_visible("pelvis")
    assert window.structures_panel.is_checked("pelvis")
    assert not window.scene.anatomy.is_visible("skin")


def test_opacity_slider_changes_the_selected_structure(window: QtMainWindow) -> None:
    assert window.scene is not None
    window.select_structure("gluteus_maximus_r")
    window.structures_panel.opacity.setValue(40)
    assert window.scene.anatomy.opacity("gluteus_maximus_r") == pytest.approx(0.4)


def test_labels_toggle_and_are_remembered(
    make_window: Callable[..., QtMainWindow], settings: QSettings
) -> None:
    first = make_window()
    first.labels_action.trigger()
    assert first.scene is not None and first.scene.label_ids
    first.close()
    second = make_window(settings=settings)
    assert second.labels_action.isChecked()
    assert second.scene is not None and second.scene.label_ids


def test_save_screenshot_writes_a_png(window: QtMainWindow, tmp_path: Path) -> None:
    path = window.save_screenshot(tmp_path / "view")
    assert path.suffix == ".png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_error_in_a_slot_is_shown_not_fatal(qtbot: QtBot, window: QtMainWindow) -> None:
    try:
        raise RuntimeError("a broken button")
    except RuntimeError as error:
        report_exception(RuntimeError, error, error.__traceback__)
    boxes = [w for w in window.findChildren(QMessageBox) if w.objectName() == "error_message"]
    assert boxes and "a broken button" in boxes[-1].text()
    boxes[-1].close()
    assert window.isVisible()


def test_close_stops_everything(window: QtMainWindow) -> None:
    window.camera_actions["left"].trigger()
    window.close()
    assert window.scene is None
    assert not window.flight.active
    assert window.plotter._closed

"""The chairside actions in the real window (Xvfb): pictures, video, handout, profile, touch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from anatomy_viewer.ui.clinic_profile import (
    ClinicProfile,
    QtClinicProfileDialog,
    load_profile,
    save_profile,
)
from anatomy_viewer.ui.export_actions import QtExportActions
from anatomy_viewer.ui.main_window import QtMainWindow
from tests.export.conftest import FPS, SIZE


def actions_of(window: QtMainWindow) -> QtExportActions:
    found = window.findChild(QtExportActions, "export_actions")
    assert found is not None
    return found


def test_the_file_menu_offers_the_chairside_actions(window: QtMainWindow) -> None:
    texts = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()]
    for text in (
        "Copy picture",
        "Save picture with labels…",
        "Export video…",
        "Export handout…",
        "Clinic profile…",
    ):
        assert text in texts
    assert texts[-1] == "Quit"
    button = window.toolbar.widgetForAction(window.screenshot_action)
    assert button.menu() is not None and len(button.menu().actions()) == 4


def test_pictures_with_labels_and_on_the_clipboard(window: QtMainWindow, tmp_path: Path) -> None:
    exports = actions_of(window)
    assert window.scene is not None and window.scene.label_ids == []
    plain = exports.save_picture(tmp_path / "plain.png")
    labelled = exports.save_picture(tmp_path / "labelled.png", labels=True)
    assert plain.exists() and labelled.exists()
    assert window.scene.label_ids == []  # the view's labels are back as they were
    exports.copy_picture(labels=True)
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert (image.width(), image.height()) == tuple(window.plotter.window_size)
    assert plain.read_bytes() != labelled.read_bytes()


def test_the_clinic_profile_is_kept_in_the_settings(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    from PySide6.QtGui import QColor, QImage

    picture = QImage(900, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor(30, 100, 120))
    assert picture.save(str(logo))
    from anatomy_viewer.ui.clinic_profile import LOGO_MAX_PX, logo_bytes

    profile = ClinicProfile("Riverside PT", "Alex Morgan", "555 0123", logo_bytes(logo))
    assert profile.logo().width() == LOGO_MAX_PX
    save_profile(settings, profile)
    assert load_profile(settings) == profile
    dialog = QtClinicProfileDialog(load_profile(settings))
    qtbot.addWidget(dialog)
    assert dialog.clinic_name.text() == "Riverside PT"
    dialog.therapist.setText("  Sam Lee ")
    dialog.set_logo(b"")
    assert dialog.profile() == ClinicProfile("Riverside PT", "Sam Lee", "555 0123", b"")


def test_a_video_is_made_while_the_window_stays_usable(
    qtbot: QtBot, window: QtMainWindow, lesson: Path, tmp_path: Path
) -> None:
    exports = actions_of(window)
    window.open_lesson(lesson)
    request = exports.video_request("step", tmp_path / "step.mp4", SIZE, FPS)
    assert request.lesson == lesson / "lesson.yaml" and request.step == 1
    job = exports.start_video(request)
    assert job is not None and not job.done
    with qtbot.waitSignal(job.finished, timeout=60000) as finished:
        window.fly_to_preset("right", 0.0)  # the window answers while the video is made
    assert finished.args == [tmp_path / "step.mp4"]
    assert exports.last_video == tmp_path / "step.mp4" and exports.last_video.stat().st_size > 0
    # The window's own view is untouched by the off-screen export.
    pixels = window.plotter.screenshot(None, return_img=True)
    assert pixels.shape[:2] == (window.plotter.window_size[1], window.plotter.window_size[0])
    assert np.asarray(pixels).std() > 5


def test_an_animation_export_follows_the_window_and_can_be_cancelled(
    qtbot: QtBot, window: QtMainWindow, tmp_path: Path
) -> None:
    exports = actions_of(window)
    assert window.simulation is not None
    request = exports.video_request("animation", tmp_path / "move.gif", SIZE, FPS)
    assert request.lesson is None and request.task == window.simulation.settings.task
    assert request.camera == window.scene.camera()  # type: ignore[union-attr]
    job = exports.start_video(request)
    assert job is not None
    qtbot.waitUntil(lambda: job.progress.value() >= 2, timeout=30000)
    cancel = job.progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(job.finished) as finished:
        cancel.click()
    assert finished.args == [None] and job.done
    assert not any(p.suffix == ".gif" or ".partial" in p.name for p in tmp_path.iterdir())


def test_closing_the_window_cancels_a_video(qtbot: QtBot, make_window, tmp_path: Path) -> None:
    window = make_window()
    exports = actions_of(window)
    job = exports.start_video(exports.video_request("animation", tmp_path / "x.mp4", SIZE, FPS))
    assert job is not None
    qtbot.waitUntil(lambda: job.progress.value() >= 1, timeout=30000)
    window.close()
    assert job.done
    assert not any(p.name.endswith(".mp4") for p in tmp_path.iterdir())


def test_a_handout_from_the_window(window: QtMainWindow, lesson: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    exports = actions_of(window)
    assert exports.export_handout(tmp_path / "none.pdf") is None  # no lesson open yet
    assert not (tmp_path / "none.pdf").exists()
    window.open_lesson(lesson)
    save_profile(window.settings, ClinicProfile(clinic_name="Window Clinic"))
    path = exports.export_handout(tmp_path / "handout.pdf", paper="letter")
    assert path == tmp_path / "handout.pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "Window Clinic" in text and "Two short steps" in text


def test_touch_rotates_pinches_and_taps(qtbot: QtBot, window: QtMainWindow) -> None:
    assert window.scene is not None
    view = window.plotter
    device = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)
    start = window.scene.camera()
    QTest.touchEvent(view, device).press(0, view.rect().center())
    QTest.touchEvent(view, device).move(0, view.rect().center() + QPointF(120, 0).toPoint())
    QTest.touchEvent(view, device).release(0, view.rect().center() + QPointF(120, 0).toPoint())
    turned = window.scene.camera()
    assert turned.position != start.position
    assert abs(turned.distance - start.distance) < 1e-6  # an orbit, not a zoom
    c = view.rect().center()
    a, b = c - QPointF(40, 0).toPoint(), c + QPointF(40, 0).toPoint()
    QTest.touchEvent(view, device).press(0, a).press(1, b)
    QTest.touchEvent(view, device).move(0, a - QPointF(40, 0).toPoint()).move(
        1, b + QPointF(40, 0).toPoint()
    )
    QTest.touchEvent(view, device).release(0, a - QPointF(40, 0).toPoint()).release(
        1, b + QPointF(40, 0).toPoint()
    )
    assert window.scene.camera().distance < 0.9 * turned.distance  # fingers apart: closer
    with qtbot.waitSignal(window.picker.clicked):
        QTest.touchEvent(view, device).press(0, c)
        QTest.touchEvent(view, device).release(0, c)


def test_presentation_mode_has_a_touch_way_out(qtbot: QtBot, window: QtMainWindow) -> None:
    button = window.presentation.leave_button
    assert not button.isVisible()
    window.enter_presentation()
    qtbot.waitUntil(button.isVisible, timeout=5000)
    assert button.height() >= 48  # a finger-sized target
    # Top right of the window, beside the 3D view, never over it (a native window there
    # would take the click: tests/ui/test_real_clicks.py clicks it for real).
    assert (
        not window.centralWidget()
        .geometry()
        .intersects(
            button.geometry().translated(
                button.mapTo(window, button.rect().topLeft()) - button.pos()
            )
        )
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.presentation.active and not button.isVisible()
    window.enter_presentation()
    qtbot.waitUntil(button.isVisible, timeout=5000)
    window.leave_presentation()  # Esc
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=5000)

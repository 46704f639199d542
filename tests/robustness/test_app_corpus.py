"""The app with broken inputs: it starts with what it can load and says what it could not.

Needs an X server (Xvfb), like tests/ui.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.ui.errors import log_file, report_exception
from anatomy_viewer.ui.main_window import QtMainWindow
from tests.robustness.conftest import MESH_BREAKAGES, snapshot

BROKEN_LESSONS = Path(__file__).resolve().parents[1] / "lesson" / "broken"
BROKEN_ID = "gluteus_medius_r"


def _boxes(window: QtMainWindow, name: str) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.objectName() == name]


@pytest.mark.parametrize("breakage", ["missing", "empty", "truncated", "binary_garbage"])
def test_a_broken_mesh_leaves_the_rest_drawn_and_a_warning(
    make_window: Callable[..., QtMainWindow], mesh_copy: Path, breakage: str
) -> None:
    MESH_BREAKAGES[breakage](mesh_copy / f"{BROKEN_ID}.fast.vtp")
    before = snapshot(mesh_copy)
    window = make_window(meshes=mesh_copy)
    assert window.scene is not None
    assert BROKEN_ID not in window.scene.anatomy.ids
    assert "gluteus_medius_l" in window.scene.anatomy.ids
    boxes = _boxes(window, "missing_anatomy_message")
    assert boxes and f"{BROKEN_ID}.fast.vtp" in boxes[-1].text()
    assert boxes[-1].isVisible()
    assert "could not be loaded" in window.statusBar().currentMessage()
    image = np.asarray(window.plotter.screenshot(return_img=True))
    assert image.std() > 10  # the rest of the anatomy is drawn
    boxes[-1].close()
    window.simulation.show_phase(0.5)  # type: ignore[union-attr]  # still animates
    assert snapshot(mesh_copy) == before


@pytest.mark.parametrize("damage", ["corrupt", "missing"])
def test_a_broken_manifest_is_reported_and_the_window_stays_usable(
    qtbot: QtBot, settings: QSettings, mesh_copy: Path, damage: str
) -> None:
    manifest = mesh_copy / "manifest.json"
    if damage == "missing":
        manifest.unlink()
    else:
        manifest.write_text('{"format": 1, "structures": [', encoding="utf-8")
    before = snapshot(mesh_copy)
    window = QtMainWindow(settings, meshes=mesh_copy)
    try:
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: bool(_boxes(window, "error_message")), timeout=20000)
        box = _boxes(window, "error_message")[-1]
        assert str(manifest) in box.text()
        assert "Something went wrong" not in box.text()  # our own error, said plainly
        assert window.scene is None
        assert "No anatomy" in window.statusBar().currentMessage()
        box.close()
        window.fly_to_preset("left")  # nothing to fly around: no error
        window.show_all()
    finally:
        window.close()
        window.deleteLater()
    assert snapshot(mesh_copy) == before


CORPUS = sorted(p.name for p in BROKEN_LESSONS.iterdir() if (p / "lesson.yaml").is_file())


@pytest.mark.parametrize("name", CORPUS)
def test_a_broken_lesson_is_refused_with_file_and_line(window: QtMainWindow, name: str) -> None:
    path = BROKEN_LESSONS / name / "lesson.yaml"
    before = snapshot(path.parent)
    with pytest.raises(AnatomyViewerError) as caught:
        window.open_lesson(path.parent)
    message = str(caught.value)
    assert f"{path}:" in message  # PATH:LINE:COL
    assert "anatomy-viewer check" in message  # says what to do
    assert window.lessons.player is None
    assert window.scene is not None  # the app carries on
    assert snapshot(path.parent) == before


@pytest.mark.parametrize(
    "where",
    ["missing-folder", "../../etc", "/etc/passwd", "file:///etc/passwd", "https://x.org/l.yaml"],
)
def test_a_lesson_path_that_is_no_lesson_is_refused(window: QtMainWindow, where: str) -> None:
    with pytest.raises(AnatomyViewerError) as caught:
        window.open_lesson(Path(where))
    assert "cannot be opened" in str(caught.value)


def test_opening_a_broken_lesson_from_the_library_shows_a_message(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    path = BROKEN_LESSONS / "unknown-ids" / "lesson.yaml"
    with qtbot.capture_exceptions() as raised:
        window.lessons.library.open_requested.emit(path)  # as a click does
    assert raised and isinstance(raised[0][1], AnatomyViewerError)
    error = raised[0][1]
    report_exception(type(error), error, error.__traceback__)  # what the app's hook does
    box = _boxes(window, "error_message")[-1]
    assert f"{path}:" in box.text()
    assert box.findChild(QPushButton, "copy_log_path") is None  # no crash report for this
    box.close()


def _crash(window: QtMainWindow) -> QMessageBox:
    try:
        raise RuntimeError("an unexpected slip")
    except RuntimeError as error:
        report_exception(RuntimeError, error, error.__traceback__)
    return _boxes(window, "error_message")[-1]


def test_the_crash_report_offers_the_log_folder_and_its_path(
    qtbot: QtBot, window: QtMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = _crash(window)
    assert str(log_file()) in box.text()
    copy = box.findChild(QPushButton, "copy_log_path")
    assert copy is not None
    copy.click()
    assert QGuiApplication.clipboard().text() == str(log_file())
    qtbot.waitUntil(lambda: not box.isVisible())

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    box = _crash(window)
    button = box.findChild(QPushButton, "open_log_folder")
    assert button is not None
    button.click()
    assert opened and opened[0].toLocalFile() == str(log_file().parent)
    assert window.isVisible()

"""File > Patient…: checked, remembered across restarts, clearable; the patient's anatomy
generated off the event loop with progress, the default set with a message on failure."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot

from anatomy_viewer.logic.patient_anatomy import Progress, cached_patient_meshes
from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.ui.main_window import QtMainWindow
from anatomy_viewer.ui.patient_dialog import (
    QtPatientDialog,
    load_patient,
    patient_meshes_at_start,
)


def _fake_build(out: Path, height_m: float, sex: str, progress: Progress | None = None) -> None:
    """The bundled manifest and landmarks with the requested subject, in three steps."""
    out.mkdir(parents=True)
    for step in range(3):
        if progress is not None:
            progress(step, 3)
    shutil.copy(meshes_dir() / "landmarks.json", out / "landmarks.json")
    manifest = json.loads((meshes_dir() / "manifest.json").read_text(encoding="utf-8"))
    manifest["subject"] = {"height_m": height_m, "sex": sex}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if progress is not None:
        progress(3, 3)


def _dialog(qtbot: QtBot, settings: QSettings, **kwargs: object) -> QtPatientDialog:
    dialog = QtPatientDialog(settings, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_bad_values_name_the_field_and_range_and_change_nothing(
    qtbot: QtBot, settings: QSettings
) -> None:
    dialog = _dialog(qtbot, settings)
    dialog.height_edit.setText("2.5")
    dialog.save.click()
    assert "height must be from 1.4 to 2.1 m" in dialog.message.text()
    dialog.height_edit.setText("1.7")
    dialog.mass_edit.setText("heavy")
    dialog.save.click()
    assert "mass: type a number from 35 to 200 kg" in dialog.message.text()
    assert load_patient(settings) is None and not dialog.busy


def test_the_profile_survives_a_restart_and_can_be_cleared(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, settings, builder=_fake_build, cache=tmp_path)
    dialog.height_edit.setText("1.75")
    dialog.mass_edit.setText("68")
    dialog.sex_box.setCurrentIndex(dialog.sex_box.findData("male"))
    dialog.save.click()
    assert not dialog.busy  # the default anatomy fits: nothing to generate
    dialog.close()
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    profile = load_patient(again)
    assert profile is not None and profile.mass_kg == 68.0 and profile.name == ""
    reopened = _dialog(qtbot, again)
    assert reopened.mass_edit.text() == "68"
    reopened.clear.click()
    assert load_patient(QSettings(settings.fileName(), QSettings.Format.IniFormat)) is None
    assert reopened.mass_edit.text() == "75"


def test_generating_shows_progress_and_never_blocks_the_event_loop(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    """The build waits until a timer on the event loop has fired five times: it can only
    finish if the loop keeps running while the anatomy is generated."""
    loop_ran = threading.Event()
    ticks: list[int] = []

    def build(out: Path, height_m: float, sex: str, progress: Progress | None = None) -> None:
        assert loop_ran.wait(timeout=30.0), "the event loop stalled while generating"
        _fake_build(out, height_m, sex, progress)

    dialog = _dialog(qtbot, settings, builder=build, cache=tmp_path)
    probe = QTimer(dialog)
    probe.setInterval(10)

    def tick() -> None:
        ticks.append(1)
        if len(ticks) >= 5:
            loop_ran.set()

    probe.timeout.connect(tick)
    probe.start()
    dialog.height_edit.setText("1.90")
    dialog.sex_box.setCurrentIndex(dialog.sex_box.findData("male"))
    dialog.save.click()
    assert dialog.busy and dialog.progress.isVisible() and not dialog.save.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    probe.stop()
    assert len(ticks) >= 5
    assert "ready" in dialog.message.text()
    assert dialog.progress.maximum() == 3 and dialog.progress.value() == 3
    assert cached_patient_meshes(1.9, "male", tmp_path) is not None


def test_a_failed_generation_says_so_and_keeps_the_default(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    def broken(out: Path, height_m: float, sex: str, progress: Progress | None = None) -> None:
        raise RuntimeError("pelvis: generated surface is not closed and manifold")

    cache = tmp_path / "cache"
    dialog = _dialog(qtbot, settings, builder=broken, cache=cache)
    dialog.height_edit.setText("1.60")
    dialog.sex_box.setCurrentIndex(dialog.sex_box.findData("female"))
    dialog.save.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert "default anatomy" in dialog.message.text()
    assert not cache.exists() or list(cache.iterdir()) == []


def test_the_window_starts_with_a_ready_patient_anatomy(settings: QSettings) -> None:
    assert patient_meshes_at_start(settings) is None
    settings.setValue("patient/height_m", 1.75)
    settings.setValue("patient/mass_kg", 60.0)
    settings.setValue("patient/sex", "male")
    assert patient_meshes_at_start(settings) == meshes_dir()


def test_file_patient_opens_the_dialog(window: QtMainWindow) -> None:
    window.menus.patient_action.trigger()
    dialog = window.findChild(QtPatientDialog, "patient_dialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_closed_while_generating_it_still_hands_the_anatomy_over(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    release = threading.Event()

    def build(out: Path, height_m: float, sex: str, progress: Progress | None = None) -> None:
        assert release.wait(timeout=30.0)
        _fake_build(out, height_m, sex, progress)

    dialog = _dialog(qtbot, settings, builder=build, cache=tmp_path)
    handed: list[tuple[Path, float]] = []
    dialog.anatomy_ready.connect(lambda folder, mass: handed.append((folder, mass)))
    dialog.height_edit.setText("1.62")
    dialog.mass_edit.setText("61")
    dialog.sex_box.setCurrentIndex(dialog.sex_box.findData("female"))
    dialog.save.click()
    dialog.close()
    assert not dialog.isVisible() and dialog.busy and handed == []
    release.set()
    qtbot.waitUntil(lambda: bool(handed), timeout=30000)
    assert handed == [(cached_patient_meshes(1.62, "female", tmp_path), 61.0)]
    assert not dialog.busy


def test_saving_the_default_size_or_clearing_hands_the_bundled_anatomy_over(
    qtbot: QtBot, settings: QSettings
) -> None:
    dialog = _dialog(qtbot, settings)
    handed: list[tuple[Path, float]] = []
    dialog.anatomy_ready.connect(lambda folder, mass: handed.append((folder, mass)))
    dialog.mass_edit.setText("82")
    dialog.save.click()
    dialog.clear.click()
    assert handed == [(meshes_dir(), 82.0), (meshes_dir(), 75.0)]

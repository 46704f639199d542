"""A lesson step about the patient in the window: their values in the text, their strength."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from anatomy_viewer.logic.patient_anatomy import PatientProfile
from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.fit_dialog import QtFitDialog
from anatomy_viewer.ui.main_window import QtMainWindow
from anatomy_viewer.ui.patient_dialog import (
    QtPatientDialog,
    load_patient,
    load_patient_strength,
    save_patient,
    save_patient_strength,
)

CHECK_YOURSELF = lessons_dir() / "05-check-yourself"


def _your_own_hip(window: QtMainWindow) -> None:
    window.open_lesson(CHECK_YOURSELF, step=6)
    assert window.lessons.panel.step_title.text() == "Your own hip"


def _text(window: QtMainWindow) -> str:
    return " ".join(window.lessons.panel.text.toPlainText().split())


def test_the_player_shows_the_patient_s_strength_and_the_model_s_drop(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    _your_own_hip(window)
    assert "Your therapist can show you your own hip here" in _text(window)
    assert window.simulation is not None and window.simulation.settings.strength_pct == 100.0

    dialog = window.menus.open_patient()
    assert isinstance(dialog, QtPatientDialog)
    dialog.mass_edit.setText("58")  # the bundled height and sex: nothing to generate
    dialog.strength_edit.setText("18")
    dialog.weaken_box.setCurrentIndex(dialog.weaken_box.findData("abductors"))
    swaps = len(window.anatomy_swap.stalls)
    dialog.save.click()
    qtbot.waitUntil(lambda: len(window.anatomy_swap.stalls) > swaps, timeout=60000)
    qtbot.waitUntil(lambda: "18 %" in _text(window), timeout=10000)
    settings = window.simulation.settings
    assert settings.strength_pct == 18.0 and settings.weaken == "abductors" and settings.compare
    frame = window.simulation.frame
    assert frame is not None
    match = re.search(r"the model's other hip drops (\d+\.\d)°", _text(window))
    assert match is not None, _text(window)
    assert float(match[1]) == round(frame.quantities["pelvic_drop_deg"], 1)
    assert "{" not in _text(window)
    dialog.close()


def test_show_me_in_from_a_measurement_makes_the_strength_the_patient_s(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    _your_own_hip(window)
    window.fit_button.click()
    dialog = window.findChild(QtFitDialog, "fit_dialog")
    assert dialog is not None
    dialog.task.setCurrentIndex(dialog.task.findData("squat"))
    dialog.weaken.setCurrentIndex(dialog.weaken.findData("abductors"))
    dialog.drop.setText("20")
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.result_fit is not None, timeout=30000)
    assert dialog.result_fit is not None and dialog.result_fit.strength_pct is not None
    best = float(round(dialog.result_fit.strength_pct))
    dialog.show_me.click()
    assert load_patient_strength(window.settings) == (best, "abductors")
    # No profile was saved: the strength alone is known, so the step shows it and the
    # model's drop at it, and the student's text (which quotes the height) falls back.
    assert f"about {best:.0f} % of normal strength" in _text(window)
    assert window.simulation is not None and window.simulation.settings.strength_pct == best
    # Compare mode calls that strength the patient's; another one is no longer theirs.
    assert window.scene is not None
    assert window.scene.caption.GetInput() == f"Your strength {best:.0f} %"
    window.simulation.set_settings(window.simulation.settings.with_changes(strength_pct=50.0))
    assert window.scene.caption.GetInput() == "Strength 50 %"


def test_the_patient_s_strength_is_checked_remembered_and_cleared(
    qtbot: QtBot, settings: QSettings
) -> None:
    dialog = QtPatientDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    for typed, said in (
        ("120", "Not saved: strength must be from 0 to 100 %, not 120."),
        ("strong", "Not saved: strength: type a number from 0 to 100 %, not 'strong'."),
    ):
        dialog.strength_edit.setText(typed)
        dialog.save.click()
        assert dialog.message.text() == said
        assert load_patient(settings) is None and load_patient_strength(settings)[0] is None
    dialog.strength_edit.setText("35 %")
    dialog.weaken_box.setCurrentIndex(dialog.weaken_box.findData("abductors"))
    dialog.save.click()
    assert load_patient_strength(settings) == (35.0, "abductors")
    again = QtPatientDialog(settings)  # a restart reads it back
    qtbot.addWidget(again)
    assert again.strength_edit.text() == "35"
    assert again.weaken_box.currentData() == "abductors"
    again.clear.click()
    assert load_patient(settings) is None and load_patient_strength(settings)[0] is None
    assert again.strength_edit.text() == ""


def test_the_window_s_handout_prints_the_patient_s_values(
    qtbot: QtBot, window: QtMainWindow, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    save_patient(window.settings, PatientProfile(height_m=1.75, mass_kg=58.0, sex="male"))
    save_patient_strength(window.settings, 18.0, "abductors")
    _your_own_hip(window)
    shown = re.search(r"drops (\d+\.\d)°", _text(window))
    assert shown is not None, _text(window)
    path = window.exports.export_handout(tmp_path / "handout.pdf")
    assert path is not None
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "your hip muscles at about 18 % of normal strength" in text
    assert f"drops {shown[1]}°" in text.replace(" °", "°")  # the same number as on screen


def test_a_restarted_window_captions_the_remembered_patient_s_strength(
    make_window: Callable[..., QtMainWindow], settings: QSettings
) -> None:
    """Outside a lesson, straight after a restart: compare mode at the saved strength says
    it is the patient's own."""
    save_patient_strength(settings, 35.0, "abductors")
    window = make_window()
    controller = window.simulation
    assert controller is not None
    controller.set_settings(
        controller.settings.with_changes(strength_pct=35.0, weaken="abductors", task="stance")
    )
    assert controller._strength_caption() == "Your strength 35 %"
    controller.set_settings(controller.settings.with_changes(strength_pct=50.0))
    assert controller._strength_caption() == "Strength 50 %"

"""From a measurement…: the dialog, its answers in plain words, and Show me."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from anatomy_viewer.biomech import Subject
from anatomy_viewer.biomech.fit import FitResult, fit_strength
from anatomy_viewer.logic.simulation import SimulationSettings
from anatomy_viewer.ui.fit_dialog import QtFitDialog
from anatomy_viewer.ui.main_window import QtMainWindow


@pytest.fixture(scope="module")
def subject() -> Subject:
    return Subject.default()


def _dialog(qtbot: QtBot, subject: Subject, **settings: object) -> QtFitDialog:
    dialog = QtFitDialog(subject, SimulationSettings().with_changes(**settings))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _find(qtbot: QtBot, dialog: QtFitDialog, drop: str = "", fppa: str = "") -> None:
    dialog.drop.setText(drop)
    dialog.fppa.setText(fppa)
    dialog.find_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)


def test_a_measured_drop_gives_a_strength_and_show_me_asks_for_compare(
    qtbot: QtBot, subject: Subject
) -> None:
    dialog = _dialog(qtbot, subject, task="stance", weaken="abductors", strength_pct=100.0)
    _find(qtbot, dialog, drop="20")
    expected = fit_strength(subject, "stance", weaken="abductors", pelvic_drop_deg=20.0)
    assert expected.strength_pct is not None
    best = round(expected.strength_pct)
    text = dialog.message.text()
    assert f"Your movement looks like about {best} % of normal strength" in text
    assert dialog.show_me.isEnabled()
    with qtbot.waitSignal(dialog.show_requested) as shown:
        dialog.show_me.click()
    settings = shown.args[0]
    assert isinstance(settings, SimulationSettings)
    assert settings.compare and settings.weaken == "abductors" and settings.task == "stance"
    assert settings.strength_pct == best


def test_nonsense_names_the_field_and_its_range(qtbot: QtBot, subject: Subject) -> None:
    dialog = _dialog(qtbot, subject)
    dialog.drop.setText("lots")
    dialog.find_button.click()
    assert not dialog.busy
    assert "Pelvic drop" in dialog.message.text() and "-20 to 45" in dialog.message.text()
    dialog.drop.setText("")
    dialog.fppa.setText("75")
    dialog.find_button.click()
    assert "Knee inward angle must be from -30 to 60" in dialog.message.text()
    dialog.fppa.setText("")
    dialog.find_button.click()
    assert "Type the pelvic drop" in dialog.message.text()
    assert not dialog.show_me.isEnabled()


def test_an_impossible_measurement_says_why_and_shows_nothing(
    qtbot: QtBot, subject: Subject
) -> None:
    dialog = _dialog(qtbot, subject, task="squat")
    _find(qtbot, dialog, fppa="35")
    assert "No strength explains" in dialog.message.text()
    assert not dialog.show_me.isEnabled()


def test_a_flat_curve_gives_a_range_and_no_number(qtbot: QtBot, subject: Subject) -> None:
    dialog = _dialog(qtbot, subject, task="stance", weaken="gluteus_medius")
    _find(qtbot, dialog, drop="0")
    assert "from 0 % to 100 %" in dialog.message.text()
    assert "cannot tell these apart" in dialog.message.text()
    assert not dialog.show_me.isEnabled()


def test_the_fit_runs_off_the_event_loop(qtbot: QtBot, subject: Subject) -> None:
    """The fit waits until a timer on the event loop has fired five times: it can only
    finish if the loop keeps running while it works."""
    ticks: list[int] = []
    loop_ran = threading.Event()

    def fitter(*args: object, **kwargs: object) -> FitResult:
        assert loop_ran.wait(timeout=30.0), "the event loop stalled while fitting"
        return fit_strength(*args, **kwargs)  # type: ignore[arg-type]

    dialog = QtFitDialog(subject, SimulationSettings(), fitter=fitter)
    qtbot.addWidget(dialog)
    probe = QTimer(dialog)
    probe.setInterval(10)

    def tick() -> None:
        ticks.append(1)
        if len(ticks) >= 5:
            loop_ran.set()

    probe.timeout.connect(tick)
    probe.start()
    dialog.fppa.setText("3")
    dialog.find_button.click()
    assert dialog.busy and not dialog.find_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    probe.stop()
    assert len(ticks) >= 5
    assert dialog.result_fit is not None


def test_from_a_measurement_in_the_window_sets_the_slider_and_compare(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    assert window.simulation is not None
    expected = fit_strength(
        window.simulation.simulation.subject, "stance", weaken="abductors", pelvic_drop_deg=20.0
    )
    assert expected.strength_pct is not None
    best = round(expected.strength_pct)
    window.fit_button.click()
    dialog = window.findChild(QtFitDialog, "fit_dialog")
    assert dialog is not None and dialog.isVisible()
    dialog.task.setCurrentIndex(dialog.task.findData("stance"))
    dialog.weaken.setCurrentIndex(dialog.weaken.findData("abductors"))
    _find(qtbot, dialog, drop="20")
    dialog.show_me.click()
    settings = window.simulation.settings
    assert settings.strength_pct == best and settings.compare and settings.weaken == "abductors"
    assert window.simulation_panel.strength.value() == best
    assert window.simulation_panel.compare.isChecked()
    frame = window.simulation.frame
    assert frame is not None and frame.quantities["pelvic_drop_deg"] > 10.0

"""The Exercises tab: the library ranked by the model, each shown in the 3D view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from anatomy_viewer.logic.exercise_table import ranked_rows
from anatomy_viewer.ui.main_window import QtMainWindow
from anatomy_viewer.vocabulary import EXERCISES


def _open_tab(window: QtMainWindow, qtbot: QtBot) -> None:
    window.resize(1400, 860)
    window.exercises.bring_forward()
    qtbot.waitUntil(lambda: window.exercises.panel.list.count() == len(EXERCISES))


def test_the_tab_lists_every_exercise_ranked_by_the_model(
    window: QtMainWindow, qtbot: QtBot
) -> None:
    _open_tab(window, qtbot)
    panel = window.exercises.panel
    assert window.exercises.dock.isVisible()
    shown = [panel.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(len(EXERCISES))]
    assert sorted(shown) == sorted(EXERCISES)
    assert window.simulation is not None
    rows = ranked_rows(window.simulation.simulation.subject)
    assert shown == [row.exercise for row in rows]  # the model's order, highest first
    first = panel.list.item(0).text()
    assert first.startswith("1. ") and first.split("\n")[0].endswith(" %")
    # Readable: no row runs off to the side.
    assert not panel.list.horizontalScrollBar().isVisible()


def test_picking_an_exercise_shows_it_and_the_strength_still_applies(
    window: QtMainWindow, qtbot: QtBot
) -> None:
    _open_tab(window, qtbot)
    panel = window.exercises.panel
    panel.list.setFocus()
    panel.select("clamshell")
    QApplication.processEvents()
    controller = window.simulation
    assert controller is not None
    assert controller.settings.task == "clamshell"
    assert "effort" in controller.settings.overlays
    assert controller.frame is not None and controller.frame.task == "clamshell"
    assert "Clamshell" in panel.details.text() and "How to do it" in panel.details.text()
    assert window.simulation_panel.task.currentData() == "clamshell"
    assert window.readouts.values()["pelvic_drop"] == "—"  # not computed lying down
    # The keyboard moves through the list, and each exercise it reaches is shown.
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    assert controller.settings.task == panel.current() != "clamshell"

    # Turning the strength down in the Simulation panel ranks the list again.
    def rows() -> list[str]:
        return [panel.list.item(i).text() for i in range(panel.list.count())]

    before = rows()
    window.simulation_panel.strength.setValue(20)
    QApplication.processEvents()
    assert controller.settings.strength_pct == 20.0
    after = rows()
    assert sorted(after) != sorted(before)  # the efforts changed
    assert after[1].startswith("2. Lateral band walk")  # and the order (the model at 20 %)


def test_the_handout_button_prints_the_ticked_exercises(
    window: QtMainWindow, qtbot: QtBot, tmp_path, monkeypatch
) -> None:
    from pypdf import PdfReader

    from anatomy_viewer.ui import exercises_panel

    _open_tab(window, qtbot)
    panel = window.exercises.panel
    for index in range(panel.list.count()):
        item = panel.list.item(index)
        if item.data(Qt.ItemDataRole.UserRole) in ("clamshell", "side_plank"):
            item.setCheckState(Qt.CheckState.Checked)
    assert sorted(panel.ticked()) == ["clamshell", "side_plank"]
    out = tmp_path / "mine.pdf"
    monkeypatch.setattr(
        exercises_panel.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "")
    )
    monkeypatch.setattr(exercises_panel, "default_paper", lambda: "a4")
    qtbot.mouseClick(panel.handout_button, Qt.MouseButton.LeftButton)
    assert out.exists()
    assert sum(len(page.images) for page in PdfReader(out).pages) == 2


def test_an_exercise_shows_gluteus_medius_through_gluteus_maximus(
    window: QtMainWindow, qtbot: QtBot
) -> None:
    _open_tab(window, qtbot)
    assert window.scene is not None
    anatomy = window.scene.anatomy
    window.exercises.panel.select("side_plank")
    QApplication.processEvents()
    assert anatomy.mode("gluteus_maximus_r") == anatomy.mode("gluteus_maximus_l") == "ghosted"
    assert anatomy.mode("gluteus_medius_r") == "shown"
    window.show_all()  # the user's way back
    assert anatomy.mode("gluteus_maximus_r") == "shown"

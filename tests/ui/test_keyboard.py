"""The whole window by keyboard: the focus chain, names for screen readers, the main flows.

The keys are sent to whatever has the focus, as a keyboard does, and Tab moves the focus
as it does for a person, so these tests walk the same way through the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.keyboard import keys_the_widget_uses
from anatomy_viewer.ui.main_window import QtMainWindow

LESSON = lessons_dir() / "01-knee-pain-from-hips"


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def _press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(_focused(), key, modifier)


def _accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def _focus_chain(qtbot: QtBot, start: QWidget, limit: int = 120) -> list[QWidget]:
    """Every widget Tab reaches from ``start``, in order, until it comes back round."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=3000)
    chain = [start]
    for _ in range(limit):
        _press(Qt.Key.Key_Tab)
        widget = _focused()
        if widget is start:
            return chain
        chain.append(widget)
    raise AssertionError(f"Tab never came back to {start.objectName()}: {chain}")


def _activate(qtbot: QtBot, window: QtMainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def test_tab_reaches_every_control_of_the_main_flows_and_each_has_a_name(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    _activate(qtbot, window)
    window.open_lesson(LESSON, step=1)  # "Previous" is off on the first step
    panel, lesson = window.simulation_panel, window.lessons.panel
    chain = _focus_chain(qtbot, window.structures_panel.search)
    for needed in (
        window.structures_panel.tree,
        window.plotter,  # the 3D view: arrow keys then move through the lesson
        lesson.back_button,
        lesson.audience,
        lesson.previous_button,
        lesson.next_button,
        panel.strength,
        panel.task,
        panel.side,
        panel.play_button,
        panel.phase,
        panel.compare,
        *panel.overlays.values(),
    ):
        assert needed in chain, f"Tab never reaches {needed.objectName() or needed}"
    unnamed = [w for w in chain if not _accessible_name(w).strip()]
    assert not unnamed, f"no name for a screen reader: {[type(w).__name__ for w in unnamed]}"


def test_a_lesson_the_slider_play_and_presenting_all_by_keyboard(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    _activate(qtbot, window)
    # Choose a lesson in the list and open it with Enter.
    library = window.lessons.library
    library.ensure_listed()
    row = [p.parent.name for p in library.paths()].index(LESSON.name)
    library.list.setCurrentRow(row)
    library.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is library.list, timeout=3000)
    _press(Qt.Key.Key_Return)
    player = window.lessons.player
    assert player is not None and player.lesson.folder.name == LESSON.name
    # Move through it from the 3D view.
    window.plotter.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.plotter, timeout=3000)
    for key, step in ((Qt.Key.Key_Right, 1), (Qt.Key.Key_Space, 2), (Qt.Key.Key_Left, 1)):
        _press(key)
        assert player.step_index == step
    # Alt+S takes the focus to the strength slider; its arrows move the strength, not the
    # lesson (a new step would have reset the strength).
    _press(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    slider = window.simulation_panel.strength
    assert _focused() is slider
    strength = slider.value()
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_PageDown):
        _press(key)
    assert player.step_index == 1
    assert slider.value() < strength
    assert window.simulation is not None
    assert window.simulation.settings.strength_pct == slider.value()
    # Play and pause with Space on the play button.
    play = window.simulation_panel.play_button
    play.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is play, timeout=3000)
    playing = window.simulation.playing  # the step may play its movement by itself
    _press(Qt.Key.Key_Space)
    assert window.simulation.playing is not playing and player.step_index == 1
    _press(Qt.Key.Key_Space)
    assert window.simulation.playing is playing
    # Present with F11, leave with Esc, or with F11 again.
    _press(Qt.Key.Key_F11)
    assert window.presentation.active
    _press(Qt.Key.Key_Escape)
    assert not window.presentation.active
    _press(Qt.Key.Key_F11)
    assert window.presentation.active
    _press(Qt.Key.Key_F11)
    assert not window.presentation.active


def test_typing_in_the_search_field_never_moves_the_lesson(
    qtbot: QtBot, window: QtMainWindow
) -> None:
    _activate(qtbot, window)
    window.open_lesson(LESSON)
    player = window.lessons.player
    assert player is not None
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F
    search = window.structures_panel.search
    assert _focused() is search
    QTest.keyClicks(search, "glut med")
    _press(Qt.Key.Key_Left)
    _press(Qt.Key.Key_Right)
    assert search.text() == "glut med" and player.step_index == 0
    assert window.structures_panel.shown_ids() == ["gluteus_medius_r", "gluteus_medius_l"]


def test_which_keys_a_focused_control_keeps(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit, QPushButton, QSlider, QTextBrowser

    slider, field, button, browser = QSlider(), QLineEdit(), QPushButton(), QTextBrowser()
    for widget in (slider, field, button, browser):
        qtbot.addWidget(widget)
    assert Qt.Key.Key_Left in keys_the_widget_uses(slider)
    assert Qt.Key.Key_Space not in keys_the_widget_uses(slider)
    assert Qt.Key.Key_Space in keys_the_widget_uses(field)
    assert keys_the_widget_uses(button) == {Qt.Key.Key_Space}
    assert not keys_the_widget_uses(browser)  # the lesson text: arrows move the lesson
    assert not keys_the_widget_uses(None)

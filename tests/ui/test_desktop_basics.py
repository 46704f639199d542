"""What people expect of a desktop app: search, help, opening lessons, text size, layout."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFileDialog, QScrollArea
from pytestqt.qtbot import QtBot

from anatomy_viewer.resources import lessons_dir, readme_path
from anatomy_viewer.ui.help import QtShortcutsDialog, QtUserGuide, guide_section
from anatomy_viewer.ui.main_window import QtMainWindow
from anatomy_viewer.ui.recent_lessons import MAX_RECENT, recent_lessons, remember_lesson
from anatomy_viewer.ui.structures_panel import matches

LESSONS = sorted(lessons_dir().glob("*/lesson.yaml"))


# -- the default window ----------------------------------------------------------------


def test_at_the_default_size_no_panel_scrolls_sideways_and_names_show_in_full(
    make_window: Callable[..., QtMainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.resize(1400, 860)  # the size of a first start
    window.open_lesson(LESSONS[0])
    qtbot.wait(300)
    for area in window.findChildren(QScrollArea):
        if area.isVisible() and area.widget() is not None:
            assert not area.horizontalScrollBar().isVisible(), area.objectName()
            assert area.widget().minimumSizeHint().width() <= area.viewport().width()
    tree = window.structures_panel.tree
    assert tree.sizeHintForColumn(0) <= tree.viewport().width()  # no name cut off
    # Every list, tree and text of every panel: none scrolls sideways.
    areas = [a for a in window.findChildren(QAbstractScrollArea) if a.isVisible()]
    assert len(areas) >= 4  # structures, info, lesson text, simulation
    for area in areas:
        assert not area.horizontalScrollBar().isVisible(), area.objectName()


def test_the_lesson_text_and_the_strength_slider_are_in_sight_together(
    window: QtMainWindow, qtbot: QtBot
) -> None:
    window.resize(1400, 860)
    window.open_lesson(LESSONS[0], step=1)
    qtbot.wait(300)
    for widget in (window.lessons.panel.text, window.simulation_panel.strength):
        assert widget.isVisible()
        assert not widget.visibleRegion().isEmpty(), widget.objectName()
    slider = window.simulation_panel.strength
    assert slider.visibleRegion().boundingRect().size() == slider.size()  # whole, not scrolled


# -- search ----------------------------------------------------------------------------


def test_search_words_match_the_beginnings_of_words() -> None:
    assert matches("glut med", "Gluteus medius (right)")
    assert matches("MED", "Gluteus medius (left)")
    assert matches("", "Pelvis")
    assert not matches("medius max", "Gluteus medius (right)")
    assert not matches("us", "Gluteus medius (right)")


def test_the_search_field_narrows_the_tree_as_you_type(window: QtMainWindow) -> None:
    panel = window.structures_panel
    every = panel.shown_ids()
    assert len(every) == len(window.scene.anatomy.ids)  # type: ignore[union-attr]
    panel.search.setText("gluteus m")
    assert set(panel.shown_ids()) == {
        f"gluteus_{m}_{s}" for m in ("maximus", "medius", "minimus") for s in ("r", "l")
    }
    assert panel.tree.topLevelItem(0).isHidden()  # "Bones": none matches
    panel.search.setText("femur left")
    assert panel.shown_ids() == ["femur_l"]
    panel.search.returnPressed.emit()  # Enter picks the first match
    assert window.scene is not None and window.scene.anatomy.selected == "femur_l"
    panel.search.setText("xyz")
    assert panel.shown_ids() == [] and panel.no_match.isVisible()
    panel.search.clear()
    assert panel.shown_ids() == every and not panel.no_match.isVisible()


# -- help ------------------------------------------------------------------------------


def test_the_shortcuts_list_is_made_from_the_actions(window: QtMainWindow) -> None:
    window.menus.shortcuts_action.trigger()
    dialog = window.findChild(QtShortcutsDialog, "shortcuts_dialog")
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    keys = {k for k, _ in rows}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            assert sequence.toString() in {p for k in keys for p in k.split(", ")}, action.text()
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis():
            assert any(
                shortcut.key().toString() in k.split(", ") and what == shortcut.whatsThis()
                for k, what in rows
            )
    assert ("F11", "Present") in rows and ("Right, Space, PgDown", "Next lesson step") in rows
    assert ("Ctrl+O", "Open lesson") in rows and ("Ctrl+0", "Text size: Normal") in rows
    dialog.close()


def test_the_user_guide_is_the_readme_section_offline(window: QtMainWindow, qtbot: QtBot) -> None:
    readme = readme_path().read_text(encoding="utf-8")
    section = guide_section(readme)
    assert section.startswith("## Using the app") and "## The command line" not in section
    guide = window.menus.show_user_guide()
    assert isinstance(guide, QtUserGuide) and guide.isVisible()
    text = guide.text()
    for line in ("Look around.", "Simulate.", "Lessons.", "Take home.", "Write a lesson."):
        assert line in text
    # The pictures of the guide are read from the app's own files.
    images = guide.browser.document().allFormats()
    names = [f.toImageFormat().name() for f in images if f.isImageFormat()]
    assert names and all(n.endswith(".png") for n in names)
    shown = guide.browser.loadResource(2, guide.browser.document().baseUrl().resolved(names[0]))
    assert shown is not None and not shown.isNull()
    # A link to another document opens it in the guide; nothing outside the docs is read.
    guide.browser.follow(guide.browser.document().baseUrl().resolved("docs/chairside.md"))
    assert "Presentation mode" in guide.text()
    guide.browser.follow(guide.browser.document().baseUrl().resolved("../../../etc/passwd"))
    assert "Presentation mode" in guide.text()
    guide.home_button.click()
    assert "Look around." in guide.text()
    guide.close()


# -- opening lessons -------------------------------------------------------------------


def test_file_open_lesson_and_the_recent_lessons(
    window: QtMainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "lessons" / "my-lesson"
    shutil.copytree(LESSONS[1].parent, copy)
    asked: list[str] = []

    def choose(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(copy / "lesson.yaml"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    window.menus.open_lesson_action.trigger()
    assert window.lessons.player is not None
    assert window.lessons.player.lesson.path == copy / "lesson.yaml"
    window.lessons.library.open_file_button.click()  # the same dialog, from the library
    assert asked[1] == str(tmp_path / "lessons")  # starts among the lessons, not inside one
    window.open_lesson(LESSONS[0])
    recent = window.recent_lessons
    assert recent.paths()[:2] == [LESSONS[0].resolve(), (copy / "lesson.yaml").resolve()]
    entries = [a for a in recent.menu.actions() if a.text().startswith("&")]
    assert entries[0].text() == f"&1  {LESSONS[0].parent.name}"
    entries[1].trigger()  # open the lesson before it again from the menu
    assert window.lessons.player.lesson.path == copy / "lesson.yaml"
    shutil.rmtree(copy)  # a lesson that is gone is no longer offered
    recent.refresh()
    assert (copy / "lesson.yaml").resolve() not in recent.paths()
    recent.clear_action.trigger()
    assert recent.paths() == []


def test_the_recent_list_is_kept_short_and_without_repeats(
    settings: QSettings, tmp_path: Path
) -> None:
    files = []
    for index in range(MAX_RECENT + 3):
        file = tmp_path / f"lesson-{index}" / "lesson.yaml"
        file.parent.mkdir()
        file.write_text("format: 1\n", encoding="utf-8")
        files.append(file)
        remember_lesson(settings, file.parent)
    remember_lesson(settings, files[-2])
    kept = recent_lessons(settings)
    assert len(kept) == MAX_RECENT
    assert kept[:2] == [files[-2].resolve(), files[-1].resolve()]
    assert len(set(kept)) == len(kept)


def test_a_broken_lesson_from_the_menu_is_reported_not_raised(
    window: QtMainWindow, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\ntitle: [\n", encoding="utf-8")
    window.lesson_session.open_reporting(broken)
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "error_message"]
    assert boxes and "broken.yaml" in boxes[-1].text()
    boxes[-1].close()


# -- text size -------------------------------------------------------------------------


def test_text_size_scales_panels_readouts_and_3d_labels_and_is_remembered(
    make_window: Callable[..., QtMainWindow], settings: QSettings, qtbot: QtBot
) -> None:
    window = make_window()
    base = QApplication.font().pointSizeF()
    readout = window.readouts.pelvic_drop
    height = readout.sizeHint().height()
    assert window.plotter.ren_win.GetDPI() == round(72 * window.plotter.devicePixelRatioF())
    window.text_size.actions["largest"].trigger()
    assert window.font().pointSizeF() == pytest.approx(base * 1.5, rel=0.01)
    assert window.lessons.panel.step_title.font().pointSizeF() > base * 1.5
    tree = window.structures_panel.tree
    assert tree.font().pointSizeF() == pytest.approx(base * 1.5, rel=0.01)
    assert readout.font().pointSizeF() == pytest.approx(base * 1.5, rel=0.01)
    assert readout.sizeHint().height() > height
    ratio = window.plotter.devicePixelRatioF()
    assert window.plotter.ren_win.GetDPI() == round(72 * 1.5 * ratio)
    window.resize(1300, 820)  # VTK's widget resets the DPI on a resize: not for long
    qtbot.waitUntil(lambda: window.plotter.width() < 700, timeout=3000)
    assert window.plotter.ren_win.GetDPI() == round(72 * 1.5 * ratio)
    window.menus.text_size.step(-1)
    assert window.text_size.size == "large"
    window.close()
    again = make_window(settings=settings)
    assert again.text_size.size == "large"
    assert again.font().pointSizeF() == pytest.approx(base * 1.25, rel=0.01)
    # Presentation mode has its own large type; leaving it gives the chosen size back.
    again.enter_presentation()
    again.leave_presentation()
    text = again.lessons.panel.text.font().pointSizeF()
    assert text == pytest.approx(base * 1.25 * 1.14, rel=0.01)

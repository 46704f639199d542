"""Lessons play in the real window: library, steps, quizzes, reload on save."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from anatomy_viewer.lesson import load_lesson
from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.main_window import QtMainWindow

BUNDLED = sorted(lessons_dir().glob("*/lesson.yaml"))


def test_the_library_lists_every_bundled_lesson(window: QtMainWindow) -> None:
    listed = window.lessons.library.paths()
    for path in BUNDLED:
        assert path.resolve() in [p.resolve() for p in listed]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.parent.name)
def test_each_bundled_lesson_plays_through(qtbot: QtBot, window: QtMainWindow, path: Path) -> None:
    window.open_lesson(path)
    panel = window.lessons.panel
    lesson = load_lesson(path)
    seen = []
    for index in range(len(lesson.steps)):
        assert panel.counter.text() == f"Step {index + 1} of {len(lesson.steps)}"
        assert panel.step_title.text() == lesson.steps[index].title
        assert panel.text.toPlainText().strip()
        seen.append(window.scene.camera() if window.scene else None)
        qtbot.waitUntil(lambda: not window.flight.active, timeout=5000)
        panel.next_button.click()
    assert window.lessons.player is not None
    assert window.lessons.player.step_index == len(lesson.steps) - 1


def test_a_step_stages_its_structures_and_simulation(window: QtMainWindow) -> None:
    assert window.scene is not None and window.simulation is not None
    path = BUNDLED[0]
    lesson = load_lesson(path)
    window.open_lesson(path, step=len(lesson.steps) - 1)
    state = lesson.steps[-1].scene
    for structure_id, mode in state.display.items():
        if structure_id in window.scene.anatomy.ids:
            assert window.scene.anatomy.mode(structure_id) == mode
    assert window.simulation.settings.task == state.simulation.task
    assert window.simulation.settings.strength_pct == pytest.approx(state.simulation.strength_pct)
    assert window.scene.label_ids == [
        label.structure for label in state.labels if label.structure in window.scene.anatomy.ids
    ]


def test_keyboard_moves_through_the_lesson(qtbot: QtBot, window: QtMainWindow) -> None:
    window.open_lesson(BUNDLED[0])
    assert window.lessons.player is not None
    window.lessons.panel.next()
    assert window.lessons.player.step_index == 1
    window.lessons.panel.previous()
    assert window.lessons.player.step_index == 0


def test_a_multiple_choice_quiz_gives_feedback(window: QtMainWindow) -> None:
    for path in BUNDLED:
        lesson = load_lesson(path)
        for index, step in enumerate(lesson.steps):
            if step.quiz is not None and step.quiz.kind == "choice":
                window.open_lesson(path, step=index)
                quiz = window.lessons.panel.quiz
                right = next(i for i, c in enumerate(step.quiz.choices) if c.correct)
                quiz.buttons[right].click()
                assert quiz.feedback.isVisible() and quiz.feedback.text().startswith("✔")
                wrong = next(i for i, c in enumerate(step.quiz.choices) if not c.correct)
                quiz.buttons[wrong].click()
                assert quiz.feedback.text().startswith("✘")
                return
    pytest.fail("no bundled lesson has a multiple-choice quiz")


def test_editing_the_open_lesson_reloads_it_on_the_same_step(
    qtbot: QtBot, window: QtMainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(BUNDLED[0].parent, folder)
    file = folder / "lesson.yaml"
    window.open_lesson(file, step=1)
    panel = window.lessons.panel
    old_title = panel.step_title.text()
    file.write_text(
        file.read_text(encoding="utf-8").replace(old_title, "A title edited while open", 1),
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: panel.step_title.text() == "A title edited while open", timeout=5000)
    assert window.lessons.player is not None and window.lessons.player.step_index == 1
    # A broken save keeps the last good lesson and says what is wrong, with the line.
    file.write_text(file.read_text(encoding="utf-8") + "\nsteps: [oops\n", encoding="utf-8")
    qtbot.waitUntil(lambda: panel.problems.isVisible(), timeout=5000)
    assert "lesson.yaml:" in panel.problems.text()
    assert panel.step_title.text() == "A title edited while open"


def test_back_to_the_library(window: QtMainWindow) -> None:
    window.open_lesson(BUNDLED[0])
    window.lessons.panel.back_button.click()
    assert window.lessons.player is None
    assert window.lessons.stack.currentWidget() is window.lessons.library


def test_a_click_the_structure_quiz_is_answered_in_the_3d_view(window: QtMainWindow) -> None:
    assert window.scene is not None
    for path in BUNDLED:
        lesson = load_lesson(path)
        for index, step in enumerate(lesson.steps):
            if step.quiz is not None and step.quiz.kind == "structure":
                window.open_lesson(path, step=index)
                quiz = window.lessons.panel.quiz
                assert "Click" in quiz.feedback.text()
                wrong = next(
                    sid
                    for sid in window.scene.anatomy.ids
                    if sid not in step.quiz.answers and window.scene.anatomy.is_visible(sid)
                )
                window._structure_clicked(window.scene.anatomy.actor(wrong))
                assert quiz.feedback.text().startswith("✘")
                right = sorted(step.quiz.answers)[0]
                window._structure_clicked(window.scene.anatomy.actor(right))
                assert quiz.feedback.text().startswith("✔")
                assert window.scene.anatomy.selected == right
                return
    pytest.fail("no bundled lesson has a click-the-structure quiz")


def test_labels_speak_the_reader_s_words_and_sit_on_what_the_view_shows(
    window: QtMainWindow,
) -> None:
    assert window.scene is not None
    window.lessons.panel.set_audience("patient")
    window.open_lesson(BUNDLED[0])  # step 1: the pelvis, the thigh bone and the kneecap
    assert window.scene.labels.texts == ["Pelvis", "Thigh bone", "Kneecap"]
    window.lessons.panel.set_audience("student")
    assert window.scene.labels.texts == ["Pelvis", "Femur", "Patella"]
    window.flight.stop()  # the camera arrives: the labels are placed again from there
    assert window.scene.label_ids == ["pelvis", "femur_r", "patella_r"]
    window.redraw()
    width, height = window.plotter.render_window.GetSize()
    for box in window.scene.labels.boxes:
        assert box.x >= 0 and box.right <= width and box.y >= 0 and box.top <= height

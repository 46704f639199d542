"""The player and scene resolution: what each step shows, quizzes, jumping, reloading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from anatomy_viewer.anatomy.catalogue import STRUCTURE_IDS
from anatomy_viewer.lesson import (
    Advance,
    CameraState,
    Label,
    LessonPlayer,
    Playback,
    SceneState,
    load_lesson,
)


@pytest.fixture
def player(write_lesson: Callable[..., Path], valid_text: str) -> LessonPlayer:
    return LessonPlayer(load_lesson(write_lesson(valid_text)), audience="patient")


def test_first_step_scene_is_complete(player: LessonPlayer) -> None:
    view = player.current
    assert (view.index, view.count, view.is_first, view.is_last) == (0, 4, True, False)
    scene = view.scene
    assert scene.camera == CameraState(preset="anterior", duration_s=1.0)
    assert dict(scene.display) == {"gluteus_medius_r": "highlighted", "skin": "ghosted"}
    assert scene.labels == (Label("gluteus_medius_r", None), Label("femur_r", "Thigh bone"))
    assert scene.simulation.phase == 0.0 and scene.simulation.play is None
    assert scene.overlays == frozenset() and scene.compare is False
    assert view.advance == Advance("click")
    assert "<strong>hip</strong>" in view.html
    assert view.notes == "Point at the hip." and "<p>" in view.notes_html


def test_inherit_true_keeps_everything_not_restated(player: LessonPlayer) -> None:
    first = player.scene
    assert player.next()
    second = player.scene
    assert second.display == first.display and second.labels == first.labels
    assert second.camera == CameraState(preset="posterior", duration_s=2.0)
    assert second.simulation.task == "stance" and second.simulation.strength_pct == 100
    assert second.simulation.phase is None
    assert second.simulation.play == Playback(speed=0.5, loops=2)
    assert second.overlays == {"pelvic_level"}
    assert player.current.advance == Advance("animation")


def test_step_without_inherit_starts_from_defaults_and_isolate_hides_the_rest(
    player: LessonPlayer,
) -> None:
    scene = player.lesson.steps[2].scene
    assert scene.camera == CameraState()  # default preset
    assert scene.labels == () and scene.overlays == frozenset() and scene.compare is True
    assert set(scene.display) == STRUCTURE_IDS
    assert scene.display["gluteus_medius_r"] == "highlighted"
    assert scene.display["pelvis"] == "shown" and scene.display["skin"] == "hidden"
    sim = scene.simulation
    assert (sim.task, sim.side, sim.strength_pct, sim.compensation, sim.phase) == (
        "squat",
        "right",
        40.0,
        "trunk_lean",
        0.5,
    )
    assert player.lesson.steps[2].advance == Advance("time", 5.0)


def test_inherit_some_sections(player: LessonPlayer) -> None:
    third, fourth = player.lesson.steps[2].scene, player.lesson.steps[3].scene
    assert fourth.camera == third.camera and fourth.simulation == third.simulation
    assert dict(fourth.display) == {} and fourth.compare is False


def test_navigation(player: LessonPlayer) -> None:
    assert not player.previous() and player.step_index == 0
    assert player.go_to(3) == 3 and player.current.is_last
    assert not player.next() and player.step_index == 3
    assert player.go_to(99) == 3 and player.go_to(-5) == 0
    player.go_to(2)
    player.restart()
    assert player.step_index == 0


def test_jumping_gives_the_same_picture_as_next(player: LessonPlayer) -> None:
    by_next: list[SceneState] = [player.scene]
    while player.next():
        by_next.append(player.scene)
    for index, scene in enumerate(by_next):
        fresh = LessonPlayer(player.lesson)
        fresh.go_to(index)
        assert fresh.scene == scene


def test_audience_changes_text_not_scene(player: LessonPlayer) -> None:
    patient = player.current
    player.audience = "student"
    student = player.current
    assert "Anterior" in student.html and "Anterior" not in patient.html
    assert student.scene == patient.scene
    with pytest.raises(ValueError):
        player.audience = "doctor"


def test_choice_quiz(player: LessonPlayer) -> None:
    with pytest.raises(ValueError):
        player.answer(0)
    player.go_to(2)
    assert player.answer(1).correct is False
    feedback = player.answer(0)
    assert feedback.correct and feedback.message == "Yes"
    assert player.answers == {2: False}  # the first answer counts
    with pytest.raises(ValueError):
        player.answer(5)
    with pytest.raises(ValueError):
        player.answer_structure("pelvis")


def test_structure_quiz(player: LessonPlayer) -> None:
    player.go_to(3)
    assert player.answer_structure("pelvis").message == "Try again."
    assert player.answer_structure("gluteus_medius_r").correct


def test_reload_keeps_step_clamped(
    write_lesson: Callable[..., Path], valid_text: str, player: LessonPlayer
) -> None:
    path = player.lesson.path
    player.go_to(3)
    shorter = valid_text.split("  - title: Weak")[0]
    path.write_text(shorter, encoding="utf-8")
    assert player.reload() == []
    assert player.step_count == 2 and player.step_index == 1
    path.write_text("format: 1\ntitle: [broken\n", encoding="utf-8")
    problems = player.reload()
    assert problems and problems[0].line == 3
    assert player.step_count == 2  # the old lesson stays


def test_scene_state_is_frozen(player: LessonPlayer) -> None:
    scene = player.scene
    with pytest.raises(AttributeError):
        scene.compare = True  # type: ignore[misc]
    with pytest.raises(TypeError):
        scene.display["pelvis"] = "hidden"  # type: ignore[index]

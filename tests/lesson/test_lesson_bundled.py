"""The bundled lessons: they pass check, fit the brief and tell the article in our own words."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from anatomy_viewer.lesson import LessonPlayer, load_lesson, run_check
from anatomy_viewer.resources import lessons_dir

BUNDLED = sorted(p.parent for p in lessons_dir().glob("*/lesson.yaml"))
# The article sits in shared/ beside the checkout (as in CI); the test skips without it.
ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "article.txt"


def test_check_lessons_folder_passes() -> None:
    out = io.StringIO()
    assert run_check([lessons_dir()], out) == 0, out.getvalue()
    assert out.getvalue() == f"{len(BUNDLED)} lessons OK\n"


def test_bundled_lessons_in_order() -> None:
    assert [p.name[:3] for p in BUNDLED] == [f"{n:02d}-" for n in range(1, 9)]


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_lesson_shape(folder: Path) -> None:
    lesson = load_lesson(folder)
    text = (folder / "lesson.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../lesson.schema.json\n")
    assert 4 <= len(lesson.steps) <= 8
    assert lesson.audiences == ("patient", "student")
    assert "Total Performance Physical Therapy" in lesson.source
    assert any(step.text["patient"] != step.text["student"] for step in lesson.steps)
    assert sum(bool(step.notes) for step in lesson.steps) >= len(lesson.steps) // 2


def test_several_lessons_have_quizzes() -> None:
    with_quiz = [p for p in BUNDLED if any(s.quiz for s in load_lesson(p).steps)]
    assert len(with_quiz) >= 4


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_every_step_plays_for_both_audiences(folder: Path) -> None:
    lesson = load_lesson(folder)
    for audience in ("patient", "student"):
        player = LessonPlayer(lesson, audience=audience)
        scenes = [player.scene]
        while player.next():
            assert player.current.html.startswith("<")
            scenes.append(player.scene)
        for index, scene in enumerate(scenes):
            assert player.go_to(index) == index and player.scene == scene


def _shown_text(folder: Path) -> str:
    """Everything a reader sees: titles, texts, notes and quizzes (not comments)."""
    lesson = load_lesson(folder)
    parts = [lesson.title, lesson.description]
    for step in lesson.steps:
        parts += [step.title, *step.text.values(), step.notes]
        if step.quiz:
            parts += [step.quiz.question, step.quiz.correct_feedback, step.quiz.wrong_feedback]
            parts += [f"{c.text} {c.feedback}" for c in step.quiz.choices]
    return "\n".join(parts)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


@pytest.mark.skipif(not ARTICLE.exists(), reason="the article is not in this checkout")
def test_no_sentence_copied_from_the_article() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    # The title is cited by name in every lesson (the credit); compare the body only.
    article = _words(text[text.index("Have you experienced") :])
    runs = {tuple(article[i : i + 8]) for i in range(len(article) - 7)}
    for folder in BUNDLED:
        words = _words(_shown_text(folder))
        copied = [
            " ".join(words[i : i + 8])
            for i in range(len(words) - 7)
            if tuple(words[i : i + 8]) in runs
        ]
        assert not copied, f"{folder.name} copies the article: {copied[:3]}"

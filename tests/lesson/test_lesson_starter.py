"""``new-lesson``: a commented starter that passes check and never overwrites."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from anatomy_viewer.lesson import (
    LessonExistsError,
    LessonNameError,
    LessonPlayer,
    load_lesson,
    run_check,
    write_starter_lesson,
)
from anatomy_viewer.lesson.schema import schema_text


def test_starter_passes_check_and_plays(tmp_path: Path) -> None:
    path = write_starter_lesson("02-my-hip-lesson", tmp_path)
    assert path == tmp_path / "02-my-hip-lesson" / "lesson.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../lesson.schema.json\n")
    assert "title: My hip lesson" in text and text.count("#") > 10
    assert (tmp_path / "lesson.schema.json").read_text(encoding="utf-8") == schema_text()
    out = io.StringIO()
    assert run_check([path], out) == 0, out.getvalue()
    player = LessonPlayer(load_lesson(path), audience="student")
    while player.next():
        assert player.current.html


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = write_starter_lesson("mine", tmp_path)
    path.write_text("my work", encoding="utf-8")
    with pytest.raises(LessonExistsError, match="already exists"):
        write_starter_lesson("mine", tmp_path)
    assert path.read_text(encoding="utf-8") == "my work"


@pytest.mark.parametrize("name", ["", "../up", "a/b", ".hidden", "with space"])
def test_refuses_bad_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(LessonNameError):
        write_starter_lesson(name, tmp_path)
    assert list(tmp_path.iterdir()) == []

"""docs/lesson-format.md is complete: its example works, and a lesson written from it plays."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from anatomy_viewer import vocabulary
from anatomy_viewer.anatomy.catalogue import STRUCTURE_IDS
from anatomy_viewer.lesson import LessonPlayer, check_text, load_lesson, run_check
from anatomy_viewer.lesson.schema import build_schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "lesson-format.md"
FROM_DOCS = Path(__file__).parent / "samples" / "from-docs"


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", doc_text(), flags=re.DOTALL)


def test_complete_example_in_the_doc_passes_check_and_plays(tmp_path: Path) -> None:
    complete = [b for b in yaml_blocks() if "\nsteps:\n" in b and "..." not in b]
    assert len(complete) == 1
    lesson, problems = check_text(complete[0], tmp_path / "07-example" / "lesson.yaml")
    assert lesson is not None and problems == [], problems
    player = LessonPlayer(lesson, audience="student")
    while player.next():
        pass
    assert player.current.quiz is not None
    assert player.answer_structure("gluteus_medius_r").correct


def _property_names(schema: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(schema, dict):
        names |= set(schema.get("properties", {}))
        for value in schema.values():
            names |= _property_names(value)
    elif isinstance(schema, list):
        for value in schema:
            names |= _property_names(value)
    return names


def test_doc_describes_every_field_and_word() -> None:
    text = doc_text()
    words = _property_names(build_schema())
    words |= set(vocabulary.CAMERA_PRESETS + vocabulary.TASKS + vocabulary.SIDES)
    words |= set(vocabulary.COMPENSATIONS + vocabulary.OVERLAYS + vocabulary.AUDIENCES)
    words |= STRUCTURE_IDS | {"click", "animation", "forever", "after_s"}
    missing = sorted(w for w in words if f"`{w}`" not in text)
    assert not missing, f"docs/lesson-format.md does not mention: {missing}"


def test_lesson_written_from_the_doc_passes_check() -> None:
    out = io.StringIO()
    assert run_check([FROM_DOCS], out) == 0, out.getvalue()


@pytest.mark.parametrize("audience", vocabulary.AUDIENCES)
def test_lesson_written_from_the_doc_plays(audience: str) -> None:
    player = LessonPlayer(load_lesson(FROM_DOCS), audience=audience)
    first = player.current
    if audience == "patient":
        image = (FROM_DOCS / "images" / "trendelenburg.png").resolve().as_uri()
        assert f'src="{image}"' in first.html
    assert first.advance.mode == "animation" and first.scene.simulation.play is not None
    assert player.next() and player.current.scene.compare
    assert player.current.advance.seconds == 12
    player.next()
    assert player.scene.simulation.compensation == "trunk_lean"
    assert player.scene.camera.preset == "posterior"  # inherited
    player.next()
    assert player.scene.display["skin"] == "hidden"
    assert player.answer(0).correct and not player.answer(1).correct
    player.next()
    assert player.answer_structure("gluteus_minimus_r").correct
    assert player.current.is_last

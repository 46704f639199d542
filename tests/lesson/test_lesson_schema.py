"""The shipped schema is the generated one, valid, and names every structure id."""

from __future__ import annotations

import json

from jsonschema import Draft7Validator

from anatomy_viewer import vocabulary
from anatomy_viewer.anatomy.catalogue import STRUCTURE_IDS
from anatomy_viewer.lesson.schema import build_schema, schema_text
from anatomy_viewer.resources import lessons_dir, schema_path


def test_shipped_schema_is_up_to_date() -> None:
    # If this fails, run: python -m anatomy_viewer.lesson
    assert schema_path() == lessons_dir() / "lesson.schema.json"
    assert schema_path().read_text(encoding="utf-8") == schema_text()


def test_schema_is_valid_draft_07() -> None:
    Draft7Validator.check_schema(json.loads(schema_text()))


def test_schema_uses_the_shared_vocabulary() -> None:
    schema = build_schema()
    assert set(schema["definitions"]["structure"]["enum"]) == STRUCTURE_IDS
    step = schema["definitions"]["step"]["properties"]
    assert step["overlays"]["items"]["enum"] == list(vocabulary.OVERLAYS)
    assert step["simulation"]["properties"]["task"]["enum"] == list(
        vocabulary.TASKS + vocabulary.EXERCISES
    )
    assert step["camera"]["anyOf"][0]["enum"] == list(vocabulary.CAMERA_PRESETS)
    assert set(step["text"]["properties"]) == set(vocabulary.AUDIENCES)

"""Property tests: whatever the input, the loader reports problems and never crashes.

``check_*`` never raise; ``load_lesson`` raises only `LessonError`.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from anatomy_viewer.lesson import LessonError, LessonPlayer, check_text, load_lesson
from anatomy_viewer.lesson.source import parse_text

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WHERE = Path("/nonexistent-lesson-folder/lesson.yaml")
VALID = (Path(__file__).parent / "samples" / "valid" / "lesson.yaml").read_text(encoding="utf-8")

YAML_CHARS = st.sampled_from([*"abcxyz019 :-_[]{},&*!|>'\"#%@`?\n\t.\\", "\u00e9", "\u2603"])
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["gluteus_medius_r", "anterior", "stance", "forever", "click", "../x.png"]),
)
json_like = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def dump(data: Any) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


def assert_reports_without_crashing(text: str) -> None:
    lesson, problems = check_text(text, WHERE)
    assert (lesson is None) == any(p.severity == "error" for p in problems)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
    if lesson is not None:
        player = LessonPlayer(lesson)
        while True:
            assert player.current.title
            if not player.next():
                break


@FAST
@given(st.text(YAML_CHARS, max_size=200))
def test_yaml_like_text(text: str) -> None:
    assert_reports_without_crashing(text)


@FAST
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    assert_reports_without_crashing(text)


@FAST
@given(json_like)
def test_any_data(data: Any) -> None:
    assert_reports_without_crashing(dump(data))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


VALID_DATA = parse_text(VALID, WHERE)[0].data  # type: ignore[union-attr]
VALID_PATHS = _paths(VALID_DATA)[1:]


@FAST
@given(st.sampled_from(VALID_PATHS), json_like)
def test_valid_lesson_with_one_value_replaced(path: tuple[Any, ...], junk: Any) -> None:
    data = copy.deepcopy(VALID_DATA)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = junk
    assert_reports_without_crashing(dump(data))


@FAST
@given(st.sampled_from(VALID_PATHS))
def test_valid_lesson_with_one_key_removed(path: tuple[Any, ...]) -> None:
    data = copy.deepcopy(VALID_DATA)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    assert_reports_without_crashing(dump(data))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties") / "lesson.yaml"


@FAST
@given(raw=st.binary(max_size=300))
def test_any_bytes_load_raises_only_lesson_error(scratch: Path, raw: bytes) -> None:
    scratch.write_bytes(raw)
    try:
        load_lesson(scratch)
    except LessonError as error:
        assert error.diagnostics

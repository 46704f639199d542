"""Each broken lesson in tests/lesson/broken states the errors it must give.

A line ``# expect: LINE:COL message-start`` in the file names one error: its position
and the beginning of its message. The checker must give exactly those errors.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anatomy_viewer.lesson import check_lesson

BROKEN = Path(__file__).parent / "broken"

_EXPECT = re.compile(r"^# expect: (\d+):(\d+) (.+)$")
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "lesson.yaml").is_file())


def expectations(path: Path) -> list[tuple[int, int, str]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _EXPECT.match(line)
        if match:
            found.append((int(match[1]), int(match[2]), match[3]))
    return found


def test_corpus_is_not_empty() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", CASES)
def test_broken_lesson_gives_the_expected_errors(name: str) -> None:
    path = BROKEN / name / "lesson.yaml"
    expected = expectations(path)
    assert expected, f"{name} states no '# expect:' lines"
    lesson, problems = check_lesson(path)
    assert lesson is None
    errors = [p for p in problems if p.severity == "error"]
    got = [f"{p.line}:{p.column} {p.message}" for p in errors]
    for line, column, start in expected:
        assert any(
            p.line == line and p.column == column and p.message.startswith(start) for p in errors
        ), f"missing {line}:{column} {start!r}; got {got}"
    assert len(errors) == len(expected), f"unexpected extra errors: {got}"
    for problem in errors:
        assert problem.path == path
        assert problem.format().startswith(f"{path}:{problem.line}:{problem.column}: error: ")

"""``check``: one line per problem, a summary, and the exit status."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from anatomy_viewer.lesson import check as check_module
from anatomy_viewer.lesson import check_paths, run_check


def test_clean_lesson_exits_0_with_a_summary(
    write_lesson: Callable[..., Path], valid_text: str
) -> None:
    path = write_lesson(valid_text)
    out = io.StringIO()
    assert run_check([path.parent], out) == 0
    assert out.getvalue() == "1 lesson OK\n"


def test_every_problem_in_every_file_is_listed(write_lesson: Callable[..., Path]) -> None:
    first = write_lesson("format: 1\ntitle: A\nsteps:\n  - {title: a, txt: b}\n", "one")
    second = write_lesson(b"\xff\xfe", "two")
    out = io.StringIO()
    assert run_check([first.parent.parent], out) == 1
    lines = out.getvalue().splitlines()
    assert lines == [
        f"{first}:4:5: error: step 1: missing required key 'text'",
        f"{first}:4:16: error: step 1: unknown key 'txt' (did you mean 'text'?)",
        f"{second}:1:1: error: the file is not valid UTF-8 text; save it as UTF-8",
        "3 error(s), 0 warning(s) in 2 lessons checked",
    ]


def test_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    problems = check_paths([tmp_path / "nope", tmp_path])
    assert [p.message for p in problems] == [
        "no such file or folder",
        "no lesson.yaml in this folder or below it",
    ]
    assert run_check([], io.StringIO()) == 2


def test_warnings_do_not_fail(write_lesson: Callable[..., Path]) -> None:
    text = "format: 1\ntitle: A\nsteps:\n  - {title: a, text: '[x](notes.txt)'}\n"
    out = io.StringIO()
    assert run_check([write_lesson(text)], out) == 0
    assert ": warning: step 1 > text: link 'notes.txt'" in out.getvalue()
    assert out.getvalue().endswith("1 lesson OK, 1 warning(s)\n")


def test_a_bug_in_the_checker_is_reported_as_internal_not_as_a_lesson_error(
    write_lesson: Callable[..., Path], valid_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_lesson(valid_text)

    def broken(_path: Path) -> None:
        raise RuntimeError("checker bug 1234")

    monkeypatch.setattr(check_module, "check_lesson", broken)
    monkeypatch.delenv("ANATOMY_VIEWER_DEBUG", raising=False)
    out = io.StringIO()
    assert run_check([path], out) == check_module.INTERNAL_ERROR_STATUS
    text = out.getvalue()
    assert "internal error" in text and "not a mistake in your lesson" in text
    assert str(path) not in text and ":1:1:" not in text  # nothing points into the lesson
    assert "checker bug 1234" not in text and "ANATOMY_VIEWER_DEBUG=1" in text
    monkeypatch.setenv("ANATOMY_VIEWER_DEBUG", "1")
    out = io.StringIO()
    assert run_check([path], out) == check_module.INTERNAL_ERROR_STATUS
    assert "Traceback" in out.getvalue() and "RuntimeError: checker bug 1234" in out.getvalue()

"""Files that are not lessons at all: every one gives a diagnostic, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from anatomy_viewer.lesson import LessonError, check_lesson, load_lesson
from anatomy_viewer.lesson.source import MAX_EVENTS, MAX_FILE_BYTES


def only_error(path: Path) -> tuple[int, int, str]:
    lesson, problems = check_lesson(path)
    assert lesson is None
    assert len(problems) == 1, problems
    return problems[0].line, problems[0].column, problems[0].message


def test_invalid_utf8_names_the_position(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson(b"format: 1\ntitle: caf\xe9\n")
    assert only_error(path) == (2, 11, "the file is not valid UTF-8 text; save it as UTF-8")


def test_binary_file(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "not a text file" in only_error(path)[2]


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"# only a comment\n"])
def test_empty_file(write_lesson: Callable[..., Path], content: bytes) -> None:
    line, column, message = only_error(write_lesson(content))
    assert (line, column) == (1, 1) and ("empty" in message or "no content" in message)


def test_truncated_file(write_lesson: Callable[..., Path], valid_text: str) -> None:
    cut = valid_text[: valid_text.index("question: Which") + 12]
    lesson, problems = check_lesson(write_lesson(cut))
    assert lesson is None and problems
    assert all(p.line >= 1 for p in problems)


def test_truncated_inside_a_multibyte_character(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson("format: 1\ntitle: Ü".encode()[:-1])
    assert "UTF-8" in only_error(path)[2]


def test_huge_file_is_refused_before_parsing(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson(b"format: 1\n" + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    assert "larger than 1 MB" in only_error(path)[2]


def test_deep_nesting(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson("x: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nested more than" in only_error(path)[2]


def test_wide_alias_bomb_is_refused_at_the_first_anchor(write_lesson: Callable[..., Path]) -> None:
    rows = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    path = write_lesson("\n".join(rows) + "\n")
    assert only_error(path)[:2] == (1, 5)


def test_utf8_bom_and_windows_line_ends_are_fine(
    write_lesson: Callable[..., Path], valid_text: str
) -> None:
    data = b"\xef\xbb\xbf" + valid_text.replace("\n", "\r\n").encode()
    lesson, problems = check_lesson(write_lesson(data))
    assert lesson is not None, problems


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "cannot read" in only_error(tmp_path / "nowhere.yaml")[2]
    with pytest.raises(LessonError) as caught:
        load_lesson(tmp_path / "nowhere")
    assert caught.value.diagnostics[0].path == tmp_path / "nowhere"


def test_not_a_mapping(write_lesson: Callable[..., Path]) -> None:
    assert "expected a mapping" in only_error(write_lesson("- just\n- a list\n"))[2]


def test_load_lesson_raises_lesson_error_with_all_problems(
    write_lesson: Callable[..., Path],
) -> None:
    path = write_lesson(
        "format: 1\ntitle: x\nsteps:\n  - {title: a, text: b, camra: left, hide: 3}\n"
    )
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    assert len(caught.value.diagnostics) == 2
    assert "camra" in str(caught.value)


def test_too_many_entries(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson("x: [" + ", ".join(["1"] * (MAX_EVENTS + 10)) + "]\n")
    assert "too many entries" in only_error(path)[2]


def test_folded_and_literal_text_read_as_written(
    write_lesson: Callable[..., Path], valid_text: str
) -> None:
    text = valid_text.replace(
        "title: Test lesson\n", "title: Test lesson\ndescription: >\n  one\n  two\n\n  three\n"
    )
    lesson = load_lesson(write_lesson(text))
    assert lesson.description == "one two\nthree\n"

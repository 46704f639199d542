"""``check`` and ``new-lesson`` from the command line."""

from __future__ import annotations

from pathlib import Path

from anatomy_viewer.resources import lessons_dir


def test_check_passes_on_the_bundled_lessons(cli) -> None:
    result = cli("check", str(lessons_dir()))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout


def test_check_names_file_line_and_column(cli, tmp_path: Path) -> None:
    lesson = tmp_path / "typo" / "lesson.yaml"
    lesson.parent.mkdir()
    lesson.write_text(
        "format: 1\ntitle: Typo\nsteps:\n  - title: One\n    text: Hello\n"
        "    show: [gluteus_medius_rr]\n",
        encoding="utf-8",
    )
    result = cli("check", str(lesson))
    assert result.returncode == 1
    assert f"{lesson}:6:" in result.stdout
    assert "gluteus_medius_r" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_new_lesson_writes_a_starter_that_checks_and_never_overwrites(cli, tmp_path: Path) -> None:
    result = cli("new-lesson", "my-lesson", "--dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lesson = tmp_path / "my-lesson" / "lesson.yaml"
    assert lesson.is_file()
    before = lesson.read_bytes()
    assert cli("check", str(lesson.parent)).returncode == 0
    again = cli("new-lesson", "my-lesson", "--dir", str(tmp_path))
    assert again.returncode == 2
    assert "my-lesson" in again.stderr
    assert lesson.read_bytes() == before

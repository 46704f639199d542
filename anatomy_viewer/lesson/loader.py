"""Load a lesson: read safely, validate against the schema, check meaning, resolve scenes."""

from __future__ import annotations

from pathlib import Path

from anatomy_viewer.lesson.diagnostics import Diagnostic, LessonError, has_errors
from anatomy_viewer.lesson.model import Lesson
from anatomy_viewer.lesson.resolve import lesson_file, resolve
from anatomy_viewer.lesson.source import Source, parse_text, read_source
from anatomy_viewer.lesson.validate import validate


def _check_source(
    source: Source | None, problems: list[Diagnostic]
) -> tuple[Lesson | None, list[Diagnostic]]:
    if source is None or has_errors(problems):
        return None, sorted(problems)
    schema_problems = validate(source)
    if schema_problems:
        return None, sorted(problems + schema_problems)
    lesson, meaning = resolve(source)
    problems = sorted(problems + meaning)
    return (None if has_errors(problems) else lesson), problems


def check_lesson(path: Path) -> tuple[Lesson | None, list[Diagnostic]]:
    """Load the lesson at ``path`` and report every problem; never raises.

    Parameters
    ----------
    path : Path
        A ``lesson.yaml`` file or the folder holding one.

    Returns
    -------
    lesson : Lesson or None
        None when there is any error (warnings alone still give a lesson).
    diagnostics : list of Diagnostic
        Errors and warnings, sorted by position.
    """
    return _check_source(*read_source(lesson_file(Path(path))))


def check_text(text: str, path: Path) -> tuple[Lesson | None, list[Diagnostic]]:
    """Like `check_lesson` for text already in memory (e.g. an editor buffer).

    ``path`` names the file for messages; images are looked up beside it.
    """
    return _check_source(*parse_text(text, Path(path)))


def load_lesson(path: Path) -> Lesson:
    """Load the lesson at ``path`` (file or folder).

    Raises
    ------
    LessonError
        With every diagnostic, when the lesson has any error.
    """
    lesson, problems = check_lesson(path)
    if lesson is None:
        raise LessonError(problems)
    return lesson


def reload_lesson(path: Path) -> Lesson | list[Diagnostic]:
    """Load ``path`` again for the UI's reload-on-save: the lesson, or what is wrong.

    Use `LessonPlayer.reload` to keep the current step as well.
    """
    lesson, problems = check_lesson(path)
    return lesson if lesson is not None else problems

"""``anatomy-viewer check PATH...``: every problem in every lesson, one line each."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from anatomy_viewer.lesson.diagnostics import Diagnostic
from anatomy_viewer.lesson.loader import check_lesson
from anatomy_viewer.lesson.model import Lesson

#: Checks that need more than the lesson file (the model, a picture): given a lesson
#: without errors, they return its further problems. The command line passes
#: :class:`anatomy_viewer.logic.step_checks.StepChecker`.
StepChecks = Callable[[Lesson], list[Diagnostic]]

#: Most lesson files one ``check`` looks at inside a folder.
MAX_LESSONS_PER_FOLDER = 1000
#: Exit status when the checker itself failed (1 means the lessons have errors).
INTERNAL_ERROR_STATUS = 3
#: Set in the environment to see the details (the traceback) of an internal error.
DEBUG_VARIABLE = "ANATOMY_VIEWER_DEBUG"


def internal_error_message(error: BaseException) -> str:
    """What ``check`` says when it fails itself: a bug of the app, not of the lesson.

    The traceback is added only when :data:`DEBUG_VARIABLE` is set.
    """
    text = (
        "check: internal error: the checker failed, which is a bug in anatomy-viewer, not a "
        "mistake in your lesson. "
    )
    if os.environ.get(DEBUG_VARIABLE):
        details = "".join(traceback.format_exception(error))
        return f"{text}Details:\n{details}"
    return (
        f"{text}Run again with {DEBUG_VARIABLE}=1 to see the details, and include them in "
        "a report.\n"
    )


def _lesson_files(path: Path) -> tuple[list[Path], list[Diagnostic]]:
    if not path.exists():
        return [], [Diagnostic(path, 1, 1, "no such file or folder")]
    if not path.is_dir():
        return [path], []
    if (path / "lesson.yaml").is_file():
        return [path / "lesson.yaml"], []
    found: list[Path] = []
    for candidate in sorted(path.rglob("lesson.yaml")):
        if candidate.is_file():
            found.append(candidate)
        if len(found) >= MAX_LESSONS_PER_FOLDER:
            break
    if not found:
        return [], [Diagnostic(path, 1, 1, "no lesson.yaml in this folder or below it")]
    return found, []


def _check(
    paths: Iterable[str | Path], step_checks: StepChecks | None = None
) -> tuple[int, list[Diagnostic]]:
    checked, problems = 0, []
    for raw in paths:
        files, missing = _lesson_files(Path(raw))
        problems.extend(missing)
        for file in files:
            checked += 1
            lesson, found = check_lesson(file)
            if lesson is not None and step_checks is not None:
                found = sorted(found + step_checks(lesson))
            problems.extend(found)
    return checked, problems


def check_paths(
    paths: Iterable[str | Path], step_checks: StepChecks | None = None
) -> list[Diagnostic]:
    """Check lesson files and folders (folders are searched for ``lesson.yaml``).

    Parameters
    ----------
    paths : iterable of str or Path
        Files, lesson folders or folders of lessons.
    step_checks : callable, optional
        Further checks of each lesson that loads (see `StepChecks`).

    Returns
    -------
    list of Diagnostic
        Every problem found, errors and warnings, in path and line order.
    """
    return _check(paths, step_checks)[1]


def run_check(
    paths: Iterable[str | Path], stream: TextIO, step_checks: StepChecks | None = None
) -> int:
    """Print every problem as ``PATH:LINE:COL: error: message`` and a summary.

    Parameters
    ----------
    paths : iterable of str or Path
        What to check.
    stream : TextIO
        Where to write (the CLI passes ``sys.stdout``).
    step_checks : callable, optional
        Further checks of each lesson that loads (see `StepChecks`).

    Returns
    -------
    int
        The exit status: 1 if any error was found, else 0; 3 when the checker itself
        failed (:func:`internal_error_message`). Never raises for bad input.
    """
    paths = list(paths)
    if not paths:
        stream.write("check: give at least one lesson file or folder\n")
        return 2
    try:
        checked, problems = _check(paths, step_checks)
    except Exception as exc:  # a bug in the checker: say so, not "line 1" of the lesson
        stream.write(internal_error_message(exc))
        return INTERNAL_ERROR_STATUS
    for problem in problems:
        stream.write(problem.format() + "\n")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    noun = "lesson" if checked == 1 else "lessons"
    if errors:
        stream.write(f"{errors} error(s), {warnings} warning(s) in {checked} {noun} checked\n")
        return 1
    tail = f", {warnings} warning(s)" if warnings else ""
    stream.write(f"{checked} {noun} OK{tail}\n")
    return 0

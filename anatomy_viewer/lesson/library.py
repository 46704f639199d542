"""The lesson library: bundled and user lessons, listed with their problems."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from anatomy_viewer.lesson.diagnostics import Diagnostic
from anatomy_viewer.lesson.loader import check_lesson


@dataclass(frozen=True)
class LessonSummary:
    """One lesson as the library lists it.

    ``errors`` holds the diagnostics when the lesson does not load (then ``title`` is
    the folder name and the other fields are empty).
    """

    path: Path
    title: str
    description: str
    audiences: tuple[str, ...]
    duration_min: float
    step_count: int
    errors: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the lesson loads."""
        return not self.errors


def discover_lessons(folders: Iterable[Path]) -> list[LessonSummary]:
    """List the lessons in ``folders`` (e.g. the bundled folder, then the user's).

    Parameters
    ----------
    folders : iterable of Path
        Folders whose sub-folders each hold a ``lesson.yaml``. Missing folders are skipped.

    Returns
    -------
    list of LessonSummary
        In folder order, then by lesson folder name; broken lessons are listed with errors.
    """
    summaries: list[LessonSummary] = []
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for lesson_dir in sorted(Path(folder).iterdir()):
            path = lesson_dir / "lesson.yaml"
            if not path.is_file():
                continue
            lesson, problems = check_lesson(path)
            if lesson is None:
                errors = tuple(p for p in problems if p.severity == "error")
                summaries.append(LessonSummary(path, lesson_dir.name, "", (), 0.0, 0, errors))
                continue
            summaries.append(
                LessonSummary(
                    path=path,
                    title=lesson.title,
                    description=lesson.description,
                    audiences=lesson.audiences,
                    duration_min=lesson.duration_min,
                    step_count=len(lesson.steps),
                )
            )
    return summaries

"""Problems found in a lesson file, reported as ``PATH:LINE:COL: error: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from anatomy_viewer.errors import AnatomyViewerError

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file.

    Attributes
    ----------
    path : Path
        The file (or folder) the problem is in.
    line, column : int
        1-based position; ``1, 1`` for problems with the file as a whole.
    message : str
        What is wrong, in words a lesson author understands, with a suggestion
        where one can be made.
    severity : {"error", "warning"}
        Only errors make ``check`` fail.
    """

    path: Path
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """Return the ``PATH:LINE:COL: severity: message`` line editors understand."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


class LessonError(AnatomyViewerError):
    """A lesson could not be loaded; ``diagnostics`` says why, with positions.

    Parameters
    ----------
    diagnostics : iterable of Diagnostic
        Every problem found (at least one).
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        summary = "; ".join(d.format() for d in self.diagnostics[:3])
        more = len(self.diagnostics) - 3
        if more > 0:
            summary += f" (and {more} more)"
        super().__init__(summary or "the lesson could not be loaded")


class LessonExistsError(AnatomyViewerError, FileExistsError):
    """``new-lesson`` refused: a lesson folder of that name already exists."""


class LessonNameError(AnatomyViewerError, ValueError):
    """``new-lesson`` refused: the name is not a plain folder name."""


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choice, or ``""``.

    Parameters
    ----------
    word : str
        What the author wrote.
    choices : iterable of str
        The words that would have been accepted.
    """
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error (warnings do not count)."""
    return any(d.severity == "error" for d in diagnostics)

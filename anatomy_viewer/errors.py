"""The project's own error types: every message names the file (and line) and says what to do."""

from __future__ import annotations

from pathlib import Path


class AnatomyViewerError(Exception):
    """Base of every error the app reports to a person instead of a traceback."""


class MeshLoadError(AnatomyViewerError):
    """A mesh file listed in the manifest is missing, empty or unreadable."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

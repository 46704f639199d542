"""Helpers for the lesson tests: write a lesson into a temporary folder and check it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_lesson(tmp_path: Path) -> Callable[..., Path]:
    """Return ``write(text, name="demo", files=None) -> Path`` of the new lesson.yaml."""

    def write(text: str | bytes, name: str = "demo", files: dict[str, bytes] | None = None) -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        for relative, content in (files or {}).items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        path = folder / "lesson.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def valid_text() -> str:
    """A small lesson that uses most of the format and passes check."""
    return (Path(__file__).parent / "samples" / "valid" / "lesson.yaml").read_text(encoding="utf-8")

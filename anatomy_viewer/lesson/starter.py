"""``anatomy-viewer new-lesson NAME``: a commented starter lesson that passes ``check``."""

from __future__ import annotations

import re
from pathlib import Path

from anatomy_viewer.lesson.diagnostics import LessonExistsError, LessonNameError
from anatomy_viewer.lesson.schema import schema_text

_STARTER = Path(__file__).with_name("starter.yaml")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def starter_text(title: str) -> str:
    """The commented starter lesson with ``title`` filled in."""
    return _STARTER.read_text(encoding="utf-8").replace("title: TITLE", f"title: {title}", 1)


def write_starter_lesson(name: str, dest_dir: Path) -> Path:
    """Create ``dest_dir/name/lesson.yaml`` from the commented starter lesson.

    The schema is copied to ``dest_dir/lesson.schema.json`` too, so that the
    ``$schema=../lesson.schema.json`` line works in the author's editor.

    Parameters
    ----------
    name : str
        Folder name: letters, digits, ``-`` and ``_`` (e.g. ``03-my-lesson``).
    dest_dir : Path
        The folder of lessons to add it to (created if needed).

    Returns
    -------
    Path
        The new ``lesson.yaml``.

    Raises
    ------
    LessonNameError
        (a ``ValueError``) when ``name`` is not a plain folder name.
    LessonExistsError
        (a ``FileExistsError``) when that folder already exists; nothing is overwritten.
    """
    if not _NAME.match(name):
        raise LessonNameError(
            f"lesson name {name!r}: use letters, digits, '-' and '_' only "
            "(for example 'my-first-lesson')"
        )
    folder = Path(dest_dir) / name
    if folder.exists():
        raise LessonExistsError(f"{folder} already exists; choose another name or remove it first")
    title = name.lstrip("0123456789-_").replace("-", " ").replace("_", " ").strip() or name
    folder.mkdir(parents=True)
    path = folder / "lesson.yaml"
    path.write_text(starter_text(title[:1].upper() + title[1:]), encoding="utf-8")
    schema = Path(dest_dir) / "lesson.schema.json"
    text = schema_text()
    try:
        current = schema.read_text(encoding="utf-8") if schema.exists() else None
    except (OSError, UnicodeDecodeError):
        current = None
    if current != text:
        schema.write_text(text, encoding="utf-8")
    return path

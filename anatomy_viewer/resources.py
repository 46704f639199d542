"""Where the bundled meshes, lessons and user guide live, in a source checkout and in an
installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    """Return the folder ``name`` (``meshes``, ``lessons`` or ``docs``).

    A wheel carries the folders inside the package as ``_data/<name>``; a source
    checkout (editable install or plain clone) has them beside the package.
    """
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def meshes_dir() -> Path:
    """Folder holding ``manifest.json``, ``landmarks.json`` and the ``*.vtp`` surfaces."""
    return _data_dir("meshes")


def lessons_dir() -> Path:
    """Folder holding the bundled lessons, one sub-folder each."""
    return _data_dir("lessons")


def docs_dir() -> Path:
    """Folder holding the user documentation (``*.md``) and its ``images``."""
    return _data_dir("docs")


def readme_path() -> Path:
    """The project's README, whose "Using the app" section is the in-app user guide."""
    installed = _PACKAGE_DIR / "_data" / "README.md"
    if installed.is_file():
        return installed
    return _PACKAGE_DIR.parent / "README.md"


def schema_path() -> Path:
    """The JSON Schema that lesson files reference for editor autocompletion."""
    return lessons_dir() / "lesson.schema.json"


def references_path() -> Path:
    """The project's list of sources (``docs/references.md``) that lessons cite by key."""
    return _data_dir("docs") / "references.md"

"""File > Open lesson… and File > Recent lessons: the lesson files a user opened last.

The list is kept in the settings, newest first; lessons that no longer exist are left out
of the menu (and dropped from the list the next time it changes).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

SETTINGS_KEY = "lessons/recent"
#: How many lessons the menu remembers.
MAX_RECENT = 8


def lesson_file(path: Path) -> Path:
    """The ``lesson.yaml`` of a lesson folder, or the file itself."""
    return path / "lesson.yaml" if path.is_dir() else path


def recent_lessons(settings: QSettings) -> list[Path]:
    """The remembered lesson files, newest first (missing ones included)."""
    value = settings.value(SETTINGS_KEY, [])
    # An INI file gives one remembered path back as a plain string.
    items: list[object] = [value] if isinstance(value, str) else list(value or [])  # type: ignore[call-overload]
    return [Path(str(item)) for item in items if str(item)]


def remember_lesson(settings: QSettings, path: Path) -> list[Path]:
    """Put ``path`` first in the list (once), drop missing files, keep :data:`MAX_RECENT`."""
    file = lesson_file(Path(path)).resolve()
    kept = [p for p in recent_lessons(settings) if p.resolve() != file and p.exists()]
    paths = [file, *kept][:MAX_RECENT]
    settings.setValue(SETTINGS_KEY, [str(p) for p in paths])
    return paths


def menu_text(path: Path, index: int) -> str:
    """A menu entry: a number for the keyboard, then the lesson's folder (or file) name."""
    name = path.parent.name if path.name == "lesson.yaml" else path.name
    number = f"&{index + 1}" if index < 9 else str(index + 1)
    return f"{number}  {name.replace('&', '&&')}"


class QtRecentLessons(QObject):
    """Keeps the Recent lessons submenu in step with the settings.

    Parameters
    ----------
    settings
        Where the list lives.
    menu
        The submenu to fill.
    open_lesson
        Called with the chosen lesson file.
    """

    def __init__(
        self, settings: QSettings, menu: QMenu, open_lesson: Callable[[Path], None]
    ) -> None:
        super().__init__(menu)
        self._settings = settings
        self.menu = menu
        self._open = open_lesson
        self.clear_action = QAction("&Clear the list", self)
        self.clear_action.triggered.connect(self.clear)
        self.refresh()

    def add(self, path: Path) -> None:
        """Remember ``path`` as the latest lesson opened."""
        remember_lesson(self._settings, path)
        self.refresh()

    def clear(self) -> None:
        """Forget every recent lesson."""
        self._settings.setValue(SETTINGS_KEY, [])
        self.refresh()

    def paths(self) -> list[Path]:
        """The lessons the menu offers (those that still exist), newest first."""
        return [p for p in recent_lessons(self._settings) if p.exists()]

    def refresh(self) -> None:
        """Fill the menu again from the settings."""
        self.menu.clear()
        paths = self.paths()
        for index, path in enumerate(paths):
            action = self.menu.addAction(menu_text(path, index))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open(p))
        if not paths:
            empty = self.menu.addAction("No lessons opened yet")
            empty.setEnabled(False)
        self.menu.addSeparator()
        self.menu.addAction(self.clear_action)
        self.clear_action.setEnabled(bool(paths))

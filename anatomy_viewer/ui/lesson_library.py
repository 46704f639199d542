"""The lesson library page: bundled lessons and the user's own folder."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.lesson import LessonSummary, discover_lessons

_PATH_ROLE = Qt.ItemDataRole.UserRole


def summary_text(summary: LessonSummary) -> str:
    """One list row: title, then audience, steps and duration (or the first problem)."""
    if not summary.ok:
        first = summary.errors[0]
        return f"{summary.title}\n⚠ cannot be opened: {first.message}"
    audiences = " and ".join(a.capitalize() + "s" for a in summary.audiences) or "Everyone"
    minutes = f"{summary.duration_min:g} min" if summary.duration_min else ""
    details = " · ".join(p for p in (audiences, f"{summary.step_count} steps", minutes) if p)
    return f"{summary.title}\n{details}"


class QtLessonLibrary(QWidget):
    """Lists lessons from the bundled folder and a user folder; opening one emits its path."""

    open_requested = Signal(Path)
    #: "Open file…" was pressed: the window asks for the file (File > Open lesson…).
    open_file_requested = Signal()
    user_folder_changed = Signal(Path)

    def __init__(
        self, bundled: Path, user_folder: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._bundled = bundled
        self.user_folder = user_folder
        self.list = QListWidget(self)
        self.list.setObjectName("lesson_list")
        self.list.setAccessibleName("Lessons")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setStyleSheet("color:#5a6470")
        self.open_button = QPushButton("Open lesson", self)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open_selected)
        self.open_file_button = QPushButton("Open file…", self)
        self.open_file_button.setToolTip("Open a lesson.yaml from anywhere")
        self.open_file_button.clicked.connect(self.open_file_requested)
        self.folder_button = QPushButton("My lessons folder…", self)
        self.folder_button.setToolTip("Choose the folder where your own lessons live")
        self.folder_button.clicked.connect(self._choose_folder)
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.clicked.connect(self.refresh)

        heading = QLabel("<b>Lessons</b> — pick one and press Open", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.open_file_button)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(folder_row)
        layout.addWidget(self.folder_label)
        # Listing reads and checks every lesson (about 0.4 s for the bundled six): done
        # when the list is first shown or asked for, not before the app's first frame.
        self._listed = False
        self._held = False

    def hold(self) -> None:
        """Do not list on being shown until :meth:`release` (the window's first frame)."""
        self._held = True

    def release(self) -> None:
        """List from now on when shown; list now if the library is on screen."""
        self._held = False
        if self.isVisible():
            self.ensure_listed()

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        """List the lessons the first time the library is seen."""
        if not self._held:
            self.ensure_listed()
        super().showEvent(event)  # type: ignore[arg-type]

    def ensure_listed(self) -> None:
        """List the lessons unless they have been listed already."""
        if not self._listed:
            self.refresh()

    def folders(self) -> list[Path]:
        """The folders searched: bundled first, then the user's."""
        folders = [self._bundled]
        if self.user_folder is not None and self.user_folder.is_dir():
            folders.append(self.user_folder)
        return folders

    def refresh(self) -> None:
        """List the lessons again (after adding or editing one)."""
        self._listed = True
        self.list.clear()
        summaries = discover_lessons(self.folders())
        for summary in summaries:
            item = QListWidgetItem(summary_text(summary))
            item.setData(_PATH_ROLE, str(summary.path))
            item.setToolTip(
                escape(summary.description)
                if summary.ok
                else "\n".join(e.format() for e in summary.errors)
            )
            if not summary.ok:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.list.addItem(item)
        if summaries:
            self.list.setCurrentRow(0)
        where = str(self.user_folder) if self.user_folder else "none chosen"
        self.folder_label.setText(f"My lessons folder: {where}")

    def paths(self) -> list[Path]:
        """Lesson files listed, in order."""
        self.ensure_listed()
        return [Path(str(self.list.item(i).data(_PATH_ROLE))) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(Path(str(item.data(_PATH_ROLE))))

    def _open_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._activated(item)

    def _choose_folder(self) -> None:
        start = str(self.user_folder or Path.home())
        name = QFileDialog.getExistingDirectory(self, "My lessons folder", start)
        if name:
            self.set_user_folder(Path(name))

    def set_user_folder(self, folder: Path) -> None:
        """Use ``folder`` for the user's lessons (remembered by the window)."""
        self.user_folder = folder
        self.user_folder_changed.emit(folder)
        self.refresh()

"""Plays lessons in the Lessons dock: library, player panel, reload on save and autoplay."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.lesson import LessonPlayer, Patient, StepView, check_lesson
from anatomy_viewer.lesson.diagnostics import Diagnostic
from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.lesson_library import QtLessonLibrary
from anatomy_viewer.ui.lesson_panel import QtLessonPanel

log = logging.getLogger(__name__)

#: Reading pace for autoplay of "click" steps: seconds per word, and the shortest pause.
SECONDS_PER_WORD = 0.4
MIN_READING_SECONDS = 6.0
#: Editors save in bursts (write, rename); wait this long before reloading.
RELOAD_DELAY_MS = 250


def reading_seconds(view: StepView) -> float:
    """How long autoplay waits on a step that advances on click."""
    return max(MIN_READING_SECONDS, len(view.markdown.split()) * SECONDS_PER_WORD)


class QtLessonController(QObject):
    """Owns the lesson player and the Lessons dock's two pages.

    Signals
    -------
    step_shown(StepView)
        A step is to be staged in the 3D view.
    lesson_opened(str), lesson_closed()
        For the window title and status bar.
    """

    step_shown = Signal(object)
    lesson_opened = Signal(str)
    lesson_closed = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        user = str(settings.value("lessons/user_folder", "", type=str))
        self.library = QtLessonLibrary(lessons_dir(), Path(user) if user else None)
        self.panel = QtLessonPanel()
        self.stack = QStackedWidget()
        self.stack.setObjectName("lessons_stack")
        self.stack.addWidget(self.library)
        self.stack.addWidget(self.panel)
        self.player: LessonPlayer | None = None
        #: Gives the patient the lessons are played for (File > Patient…), if one is set.
        self.patient_source: Callable[[], Patient | None] = lambda: None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.timeout.connect(self.panel.next)
        self.library.open_requested.connect(self.open_lesson)
        self.library.user_folder_changed.connect(self._remember_folder)
        self.panel.step_shown.connect(self._step_shown)
        self.panel.closed.connect(self.close_lesson)
        self.panel.autoplay_toggled.connect(self._autoplay_toggled)
        self.panel.audience_changed.connect(lambda a: settings.setValue("lessons/audience", a))

    @property
    def widget(self) -> QWidget:
        """The dock's content."""
        return self.stack

    # -- opening and reloading -----------------------------------------------------------

    def open_lesson(self, path: Path, step: int = 0) -> bool:
        """Open a lesson file or folder at step ``step`` (0-based); False if it has errors."""
        path = Path(path)
        file = path / "lesson.yaml" if path.is_dir() else path
        lesson, problems = check_lesson(file)
        if lesson is None:
            raise AnatomyViewerError(_problem_text(file, problems))
        audience = str(self._settings.value("lessons/audience", "patient", type=str))
        self.player = LessonPlayer(
            lesson,
            audience=audience
            if audience in lesson.audiences or not lesson.audiences
            else lesson.audiences[0],
            patient=self.patient_source(),
        )
        self.player.go_to(step)
        self._watch(file)
        self.stack.setCurrentWidget(self.panel)
        self.panel.set_player(self.player)
        self.lesson_opened.emit(lesson.title)
        return True

    def reload(self) -> None:
        """Load the open lesson's file again, staying on the current step."""
        if self.player is None:
            return
        problems = self.player.reload()
        self._watch(self.player.lesson.path)  # editors that replace the file drop the watch
        self.panel.show_problems(problems)
        if not any(p.severity == "error" for p in problems):
            self.panel.set_player(self.player)
            log.info("reloaded %s", self.player.lesson.path)

    def update_patient(self) -> None:
        """The patient (or the body the window models) changed: show the step for them.

        A step whose picture changes with the patient (``strength_pct: patient``) is
        staged again; otherwise only its text is filled in anew, and the view stays as
        the user left it.
        """
        if self.player is None:
            return
        before = self.player.scene
        self.player.patient = self.patient_source()
        if self.player.scene != before:
            self.panel.refresh()
        else:
            self.panel.refresh_text()

    def close_lesson(self) -> None:
        """Close the lesson and show the library."""
        self._advance_timer.stop()
        self.panel.autoplay_button.setChecked(False)
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self.player = None
        self.panel.player = None  # the lesson keys must not bring a closed lesson back
        self.stack.setCurrentWidget(self.library)
        self.library.refresh()
        self.lesson_closed.emit()

    def _watch(self, file: Path) -> None:
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        if file.exists():
            self._watcher.addPath(str(file))

    def _file_changed(self, _path: str) -> None:
        self._reload_timer.start()

    def _remember_folder(self, folder: Path) -> None:
        self._settings.setValue("lessons/user_folder", str(folder))

    # -- stepping ------------------------------------------------------------------------

    def _step_shown(self, view: StepView) -> None:
        self._advance_timer.stop()
        self.step_shown.emit(view)
        self._schedule_advance(view)

    def _schedule_advance(self, view: StepView) -> None:
        if view.is_last:
            return
        autoplay = self.panel.autoplay_button.isChecked()
        if view.advance.mode == "time" and view.advance.seconds is not None:
            self._advance_timer.start(round(view.advance.seconds * 1000))
        elif autoplay and view.advance.mode == "click":
            self._advance_timer.start(round(reading_seconds(view) * 1000))

    def animation_finished(self) -> None:
        """The step's animation ended: move on if the step says so."""
        if self.player is None:
            return
        view = self.player.current
        if view.advance.mode == "animation" and not view.is_last:
            self.panel.next()

    def _autoplay_toggled(self, on: bool) -> None:
        if not on:
            self._advance_timer.stop()
        elif self.player is not None:
            self._schedule_advance(self.player.current)

    def close(self) -> None:
        """Stop timers and watching files."""
        self._advance_timer.stop()
        self._reload_timer.stop()
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())


def _problem_text(file: Path, problems: list[Diagnostic]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    lines = "\n".join(p.format() for p in errors[:10])
    more = f"\n… and {len(errors) - 10} more" if len(errors) > 10 else ""
    return (
        f"The lesson {file} cannot be opened:\n{lines}{more}\n\n"
        f"Check it with: anatomy-viewer check {file}"
    )

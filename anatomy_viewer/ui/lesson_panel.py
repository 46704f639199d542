"""The lesson panel: the current step's title and text, quiz, notes and navigation.

The panel shows what :class:`~anatomy_viewer.lesson.LessonPlayer` says and calls its
methods; the window applies each step's scene to the 3D view when ``step_shown`` fires.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.lesson import Feedback, LessonPlayer, StepView
from anatomy_viewer.lesson.diagnostics import Diagnostic

_OK_STYLE = "background:#e3f3e6; color:#1d5a2c; border-radius:6px; padding:6px"
_WRONG_STYLE = "background:#fbe9e7; color:#8a2a1b; border-radius:6px; padding:6px"


class QtQuizBox(QFrame):
    """A question with answer buttons (multiple choice) or a hint to click in the 3D view."""

    answered = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quiz_box")
        self.setStyleSheet(
            "#quiz_box { background:#f3f6fa; border:1px solid #d5dde8; border-radius:8px; }"
        )
        self.question = QLabel(self)
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # lesson text is never HTML
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight:bold")
        self.buttons: list[QPushButton] = []
        self._group = QButtonGroup(self)
        self._group.idClicked.connect(self.answered)
        self._button_layout = QVBoxLayout()
        self.feedback = QLabel(self)
        self.feedback.setObjectName("quiz_feedback")
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(self._button_layout)
        layout.addWidget(self.feedback)

    def show_quiz(self, view: StepView) -> None:
        """Show the step's quiz, or hide the box when it has none."""
        for button in self.buttons:
            self._group.removeButton(button)
            button.deleteLater()
        self.buttons = []
        self.feedback.hide()
        quiz = view.quiz
        if quiz is None:
            self.hide()
            return
        self.question.setText(quiz.question)
        if quiz.kind == "choice":
            for index, choice in enumerate(quiz.choices):
                button = QPushButton(choice.text, self)
                button.setMinimumHeight(34)
                button.setStyleSheet("text-align:left; padding:4px 10px")
                self._group.addButton(button, index)
                self._button_layout.addWidget(button)
                self.buttons.append(button)
        else:
            self.show_feedback(None, "Click your answer in the 3D view.")
        self.show()

    def show_feedback(self, feedback: Feedback | None, hint: str = "") -> None:
        """Show whether the answer was right, with the lesson's explanation."""
        if feedback is None:
            self.feedback.setStyleSheet("color:#5a6470")
            self.feedback.setText(hint)
        else:
            mark = "✔ " if feedback.correct else "✘ "
            self.feedback.setStyleSheet(_OK_STYLE if feedback.correct else _WRONG_STYLE)
            self.feedback.setText(mark + feedback.message)
        self.feedback.show()


class QtLessonPanel(QWidget):
    """Plays one lesson: step n of m, text for the chosen audience, quiz, notes, navigation."""

    step_shown = Signal(object)  # StepView
    closed = Signal()
    autoplay_toggled = Signal(bool)
    audience_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player: LessonPlayer | None = None
        self.lesson_title = QLabel(self)
        self.lesson_title.setObjectName("lesson_title")
        self.lesson_title.setTextFormat(Qt.TextFormat.PlainText)
        self.lesson_title.setWordWrap(True)
        self.lesson_title.setStyleSheet("font-weight:bold")
        self.back_button = QPushButton("◀ All lessons", self)
        self.back_button.setObjectName("back")
        self.back_button.setToolTip("Close this lesson and go back to the list")
        self.back_button.setAccessibleName("All lessons")
        self.back_button.clicked.connect(self.closed)
        self.audience = QComboBox(self)
        self.audience.setObjectName("audience")
        self.audience.addItem("Patient", "patient")
        self.audience.addItem("Student", "student")
        self.audience.setToolTip("Plain words for patients, or anatomy and numbers for students")
        self.audience.setAccessibleName("Text for")
        self.audience.currentIndexChanged.connect(self._audience_picked)
        self.counter = QLabel(self)
        self.counter.setObjectName("step_counter")
        self.counter.setStyleSheet("color:#5a6470")
        self.step_title = QLabel(self)
        self.step_title.setObjectName("step_title")
        self.step_title.setTextFormat(Qt.TextFormat.PlainText)
        self.step_title.setWordWrap(True)
        self.step_title.setStyleSheet("font-weight:bold; color:#1d2b3a")
        self.text = QTextBrowser(self)
        self.text.setObjectName("step_text")
        self.text.setAccessibleName("Step text")
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.quiz = QtQuizBox(self)
        self.quiz.answered.connect(self.answer)
        self.notes_toggle = QCheckBox("Therapist notes", self)
        self.notes_toggle.toggled.connect(self._notes_toggled)
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("step_notes")
        self.notes.setAccessibleName("Therapist notes")
        self.notes.setMaximumHeight(110)
        self.notes.setStyleSheet("background:#fffbe8")
        self.notes.hide()
        self.problems = QLabel(self)
        self.problems.setObjectName("lesson_problems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setStyleSheet(_WRONG_STYLE)
        self.problems.hide()

        self.previous_button = QPushButton("◀ Previous", self)
        self.previous_button.setObjectName("previous")
        self.previous_button.setToolTip("Previous step (Left arrow)")
        self.previous_button.setAccessibleName("Previous step")
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QPushButton("Next ▶", self)
        self.next_button.setObjectName("next")
        self.next_button.setToolTip("Next step (Right arrow or Space)")
        self.next_button.setAccessibleName("Next step")
        self.next_button.clicked.connect(self.next)
        self.restart_button = QPushButton("⟲ Restart", self)
        self.restart_button.setObjectName("restart")
        self.restart_button.setToolTip("Back to the first step")
        self.restart_button.setAccessibleName("Restart the lesson")
        self.restart_button.clicked.connect(self.restart)
        self.autoplay_button = QPushButton("Autoplay", self)
        self.autoplay_button.setObjectName("autoplay")
        self.autoplay_button.setCheckable(True)
        self.autoplay_button.setToolTip("Move on by itself when each step is done")
        self.autoplay_button.toggled.connect(self.autoplay_toggled)
        for button in (self.previous_button, self.next_button):
            button.setMinimumHeight(40)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(QLabel("Text for:", self))
        top.addWidget(self.audience)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button, 1)
        navigation.addWidget(self.next_button, 1)
        extras = QHBoxLayout()
        extras.addWidget(self.restart_button)
        extras.addWidget(self.autoplay_button)
        extras.addStretch(1)
        extras.addWidget(self.notes_toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.lesson_title)
        layout.addWidget(self.counter)
        layout.addWidget(self.step_title)
        layout.addWidget(self.problems)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.quiz)
        layout.addLayout(navigation)
        layout.addLayout(extras)
        layout.addWidget(self.notes)

    # -- driving the player ----------------------------------------------------------------

    def set_player(self, player: LessonPlayer) -> None:
        """Show a lesson from its current step."""
        self.player = player
        index = self.audience.findData(player.audience)
        if index >= 0 and index != self.audience.currentIndex():
            self.audience.blockSignals(True)
            self.audience.setCurrentIndex(index)
            self.audience.blockSignals(False)
        self.lesson_title.setText(player.lesson.title)
        self.show_problems([])
        self.refresh()

    def refresh(self) -> None:
        """Show the player's current step and tell the window to stage it."""
        if self.player is None:
            return
        view = self.player.current
        self.counter.setText(f"Step {view.index + 1} of {view.count}")
        self.step_title.setText(view.title)
        self.text.document().setDefaultStyleSheet(
            "body { line-height: 140%; } img { max-width: 100%; }"
        )
        self.text.setHtml(view.html)
        self.quiz.show_quiz(view)
        self.notes.setHtml(view.notes_html or "<i>No notes for this step.</i>")
        self.notes_toggle.setEnabled(True)
        self.previous_button.setEnabled(not view.is_first)
        self.next_button.setText("Finish ✓" if view.is_last else "Next ▶")
        self.step_shown.emit(view)

    def refresh_text(self) -> None:
        """Show the current step's text again (the patient's values changed), nothing else."""
        if self.player is not None:
            self.text.setHtml(self.player.current.html)

    def next(self) -> None:
        """Go to the next step (on the last step, stop autoplay)."""
        if self.player is None:
            return
        if self.player.next():
            self.refresh()
        else:
            self.autoplay_button.setChecked(False)

    def previous(self) -> None:
        """Go back one step."""
        if self.player is not None and self.player.previous():
            self.refresh()

    def restart(self) -> None:
        """Go back to the first step."""
        if self.player is not None:
            self.player.restart()
            self.refresh()

    def go_to(self, index: int) -> None:
        """Jump to step ``index`` (0-based, clamped)."""
        if self.player is not None:
            self.player.go_to(index)
            self.refresh()

    def answer(self, choice_index: int) -> None:
        """Answer the multiple-choice quiz and show the feedback."""
        if self.player is not None:
            self.quiz.show_feedback(self.player.answer(choice_index))

    def answer_structure(self, structure_id: str) -> bool:
        """Answer a "click the structure" quiz; returns False when the step has none."""
        if self.player is None:
            return False
        quiz = self.player.current.quiz
        if quiz is None or quiz.kind != "structure":
            return False
        self.quiz.show_feedback(self.player.answer_structure(structure_id))
        return True

    def show_problems(self, problems: list[Diagnostic]) -> None:
        """Show why the lesson file could not be reloaded (the last good version stays)."""
        errors = [p for p in problems if p.severity == "error"]
        if not errors:
            self.problems.hide()
            return
        lines = "<br>".join(escape(p.format()) for p in errors[:8])
        more = f"<br>… and {len(errors) - 8} more" if len(errors) > 8 else ""
        self.problems.setText(
            f"<b>The lesson file has mistakes; showing the last good version.</b><br>{lines}{more}"
        )
        self.problems.show()

    def set_audience(self, audience: str) -> None:
        """Show the text written for ``audience`` (``patient`` or ``student``)."""
        index = self.audience.findData(audience)
        if index >= 0:
            self.audience.setCurrentIndex(index)

    def _audience_picked(self, _index: int) -> None:
        audience = str(self.audience.currentData())
        if self.player is not None:
            self.player.audience = audience
            self.refresh()
        self.audience_changed.emit(audience)

    def _notes_toggled(self, on: bool) -> None:
        self.notes.setVisible(on)

"""The lesson player: which step is showing, what it says, and quiz answers. No Qt.

The UI owns the buttons and timers and calls these methods; every state the player
can be in is a function of (lesson, step index, audience), so tests and exports get
exactly what the screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anatomy_viewer import vocabulary
from anatomy_viewer.lesson.diagnostics import Diagnostic
from anatomy_viewer.lesson.loader import check_lesson
from anatomy_viewer.lesson.markdown import render_markdown
from anatomy_viewer.lesson.model import Advance, Lesson, Quiz, SceneState
from anatomy_viewer.lesson.patient import Patient, fill, patient_scene


@dataclass(frozen=True)
class Feedback:
    """The result of answering a quiz: right or wrong, and what to tell the learner."""

    correct: bool
    message: str


@dataclass(frozen=True)
class StepView:
    """The current step, ready to show.

    Attributes
    ----------
    index : int
        0-based step number.
    count : int
        Number of steps in the lesson.
    title : str
    markdown : str
        The text for the player's audience, with the patient's values filled in (or the
        step's ``text_without_patient`` when they are not known).
    html : str
        The same rendered to safe HTML (images as ``file://`` URIs inside the lesson folder).
    notes, notes_html : str
        Speaker notes for the therapist (Markdown and HTML); empty when none.
    quiz : Quiz or None
    advance : Advance
    scene : SceneState
        What the 3D view shows, the same for every audience; a step that says
        ``strength_pct: patient`` has the patient's strength here.
    """

    index: int
    count: int
    title: str
    markdown: str
    html: str
    notes: str
    notes_html: str
    quiz: Quiz | None
    advance: Advance
    scene: SceneState

    @property
    def is_first(self) -> bool:
        """True on the first step."""
        return self.index == 0

    @property
    def is_last(self) -> bool:
        """True on the last step."""
        return self.index == self.count - 1


class LessonPlayer:
    """Steps through a `Lesson` for one audience.

    Parameters
    ----------
    lesson : Lesson
    audience : str
        One of ``vocabulary.AUDIENCES``. A lesson without text for it shows its first
        audience's text instead.
    patient : Patient, optional
        Whose values and strength the steps about the patient show (settable; ``None``:
        no patient, so those steps show their text for no patient).
    """

    def __init__(
        self, lesson: Lesson, audience: str = "patient", patient: Patient | None = None
    ) -> None:
        self._lesson = lesson
        self._index = 0
        self._audience = "patient"
        self.audience = audience
        #: The patient the lesson is played for, if one is set.
        self.patient = patient
        #: Step index -> whether the first answer given on that step was right.
        self.answers: dict[int, bool] = {}

    @property
    def lesson(self) -> Lesson:
        """The lesson being played."""
        return self._lesson

    @property
    def audience(self) -> str:
        """Whose text is shown: ``patient`` or ``student``."""
        return self._audience

    @audience.setter
    def audience(self, value: str) -> None:
        if value not in vocabulary.AUDIENCES:
            raise ValueError(f"audience must be one of {vocabulary.AUDIENCES}, not {value!r}")
        self._audience = value

    @property
    def step_index(self) -> int:
        """0-based index of the current step."""
        return self._index

    @property
    def step_count(self) -> int:
        """Number of steps."""
        return len(self._lesson.steps)

    def next(self) -> bool:
        """Go to the next step; False (and stay) on the last one."""
        return self._move(self._index + 1)

    def previous(self) -> bool:
        """Go to the previous step; False (and stay) on the first one."""
        return self._move(self._index - 1)

    def go_to(self, index: int) -> int:
        """Jump to step ``index`` (0-based, clamped to the lesson); return the index reached."""
        self._index = min(max(int(index), 0), self.step_count - 1)
        return self._index

    def restart(self) -> None:
        """Back to the first step, forgetting quiz answers."""
        self._index = 0
        self.answers.clear()

    def _move(self, index: int) -> bool:
        if not 0 <= index < self.step_count:
            return False
        self._index = index
        return True

    @property
    def current(self) -> StepView:
        """The current step for the current audience."""
        step = self._lesson.steps[self._index]
        audience = self._audience if self._audience in step.text else self._lesson.audiences[0]
        scene = patient_scene(step.scene, self.patient)
        without = step.text_without_patient
        markdown = fill(
            step.text[audience],
            self.patient.values(scene) if self.patient is not None else {},
            without.get(audience) if without is not None else None,
        )
        folder = self._lesson.folder
        return StepView(
            index=self._index,
            count=self.step_count,
            title=step.title,
            markdown=markdown,
            html=render_markdown(markdown, folder),
            notes=step.notes,
            notes_html=render_markdown(step.notes, folder) if step.notes else "",
            quiz=step.quiz,
            advance=step.advance,
            scene=scene,
        )

    @property
    def scene(self) -> SceneState:
        """The current step's scene (cheaper than ``current.scene``: no Markdown)."""
        return patient_scene(self._lesson.steps[self._index].scene, self.patient)

    def answer(self, choice_index: int) -> Feedback:
        """Answer the current multiple-choice quiz with choice ``choice_index`` (0-based).

        Raises
        ------
        ValueError
            When the step has no multiple-choice quiz or the index is not a choice.
        """
        quiz = self._lesson.steps[self._index].quiz
        if quiz is None or quiz.kind != "choice":
            raise ValueError("this step has no multiple-choice question")
        if not 0 <= choice_index < len(quiz.choices):
            raise ValueError(f"choice {choice_index} does not exist ({len(quiz.choices)} choices)")
        choice = quiz.choices[choice_index]
        self.answers.setdefault(self._index, choice.correct)
        return Feedback(choice.correct, choice.feedback)

    def answer_structure(self, structure_id: str) -> Feedback:
        """Answer the current "click the structure" quiz with the structure clicked.

        Raises
        ------
        ValueError
            When the step has no "click the structure" quiz.
        """
        quiz = self._lesson.steps[self._index].quiz
        if quiz is None or quiz.kind != "structure":
            raise ValueError("this step has no 'click the structure' question")
        correct = structure_id in quiz.answers
        self.answers.setdefault(self._index, correct)
        return Feedback(correct, quiz.correct_feedback if correct else quiz.wrong_feedback)

    def reload(self, path: Path | None = None) -> list[Diagnostic]:
        """Load the lesson file again (after an edit), keeping the step index (clamped).

        Parameters
        ----------
        path : Path, optional
            The file to load; default: the current lesson's file.

        Returns
        -------
        list of Diagnostic
            Empty (or warnings only) when the new lesson replaced the old one; otherwise
            the errors, and the player keeps the lesson it had.
        """
        lesson, problems = check_lesson(path or self._lesson.path)
        if lesson is not None:
            self._lesson = lesson
            self.answers.clear()
            self.go_to(self._index)
        return problems

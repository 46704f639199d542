"""What a printed handout holds: the lesson's steps, their text and a picture of each.

The pictures are rendered off-screen on a scene of their own (never the window's), each
step drawn by :class:`anatomy_viewer.logic.step_picture.StepPictures` as
``anatomy-viewer render --lesson`` draws it (a compare step as its pair of figures).
Questions keep their choices, and a therapist's copy marks the right answers. The page
layout is the UI's business (:mod:`anatomy_viewer.ui.handout`), since Qt writes the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.lesson import LessonPlayer, Patient, Quiz, load_lesson, render_markdown
from anatomy_viewer.logic.patient_lesson import with_model
from anatomy_viewer.logic.step_picture import StepPictures

#: Pixels of a step's picture: 4:5 portrait, to fit a standing body, printed about 64 mm
#: wide (about 290 dpi).
PICTURE_SIZE = (720, 900)
#: How much larger than on screen the picture's text is drawn (labels, angles, captions):
#: 15-point labels at 2.4 times 72 dpi are 36 pixels high, 3.2 mm (9 points) on paper,
#: as large as the handout's own small print. At screen size they printed at 3 points.
TEXT_SCALE = 2.4
AUDIENCES = ("patient", "student")


@dataclass(frozen=True)
class HandoutChoice:
    """One printed answer of a multiple-choice question."""

    text: str
    correct: bool


@dataclass(frozen=True)
class HandoutQuiz:
    """A step's question as printed.

    Attributes
    ----------
    kind
        ``choice`` (pick an answer) or ``structure`` (in the app: click it in the view).
    question
        The question as written.
    choices
        The answers of a ``choice`` question, in the order written.
    answers
        For a ``structure`` question: the names of the structures that are right.
    """

    kind: str
    question: str
    choices: tuple[HandoutChoice, ...] = ()
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandoutStep:
    """One step as printed.

    Attributes
    ----------
    number
        Step number from 1.
    title
        The step's title.
    html
        The step's text for the audience, rendered to safe HTML.
    picture
        The 3D view of the step, ``(height, width, 3)`` uint8; a compare step's is twice
        as wide: its own strength on the left, normal strength on the right.
    quiz
        The step's question, to think about at home, else ``None``.
    """

    number: int
    title: str
    html: str
    picture: np.ndarray
    quiz: HandoutQuiz | None = None

    @property
    def question(self) -> str | None:
        """The question's text, if the step asks one."""
        return self.quiz.question if self.quiz is not None else None


@dataclass(frozen=True)
class HandoutContent:
    """A lesson ready to lay out on paper.

    ``answers`` is True for a therapist's copy: the right answers are marked.
    """

    title: str
    description: str
    audience: str
    folder: Path
    steps: tuple[HandoutStep, ...]
    answers: bool = False


def handout_quiz(quiz: Quiz, names: Mapping[str, str]) -> HandoutQuiz:
    """A quiz as printed; ``names`` gives each structure id its name (for click quizzes)."""
    if quiz.kind == "structure":
        answers = tuple(sorted(names.get(sid, sid) for sid in quiz.answers))
        return HandoutQuiz(kind="structure", question=quiz.question, answers=answers)
    choices = tuple(HandoutChoice(c.text, c.correct) for c in quiz.choices)
    return HandoutQuiz(kind="choice", question=quiz.question, choices=choices)


def handout_content(
    lesson_path: Path,
    audience: str = "patient",
    picture_size: tuple[int, int] = PICTURE_SIZE,
    quality: str = "auto",
    progress: Callable[[int, int], None] | None = None,
    answers: bool = False,
    meshes: Path | None = None,
    mass_kg: float = 75.0,
    patient: Patient | None = None,
) -> HandoutContent:
    """Load a lesson and render every step's picture for a handout.

    Parameters
    ----------
    lesson_path
        A ``lesson.yaml`` or the folder holding one.
    audience
        ``patient`` or ``student``: whose text is printed (a lesson without text for
        that audience gives its first audience's).
    picture_size
        Width and height of each picture in pixels.
    quality
        Rendering preset: ``auto``, ``fast`` or ``quality``.
    progress
        Called with ``(steps done, steps in all)`` after each picture.
    answers
        A therapist's copy: mark the right answer of every question.
    meshes, mass_kg
        The patient's anatomy set (default: the bundled one) and body mass: the pictures
        show the patient's body.
    patient
        Whose values and strength the steps about the patient print (``None``: no
        patient; those steps print their text for no patient).

    Raises
    ------
    AnatomyViewerError
        When the lesson cannot be loaded; the message names the file and line.
    """
    if audience not in AUDIENCES:
        raise AnatomyViewerError(f"audience must be patient or student, not {audience!r}")
    path = Path(lesson_path).expanduser()
    file = path / "lesson.yaml" if path.is_dir() else path
    if not file.exists():
        raise AnatomyViewerError(f"{file}: no such lesson file")
    lesson = load_lesson(file)
    player = LessonPlayer(
        lesson, audience=audience if audience in lesson.audiences else lesson.audiences[0]
    )
    pictures = StepPictures(
        picture_size,
        quality,
        text_scale=TEXT_SCALE * picture_size[0] / PICTURE_SIZE[0],
        meshes=meshes,
        mass_kg=mass_kg,
    )
    player.patient = with_model(patient, pictures.simulation)
    names = {sid: pictures.scene.anatomy.entry(sid).name for sid in pictures.scene.anatomy.ids}
    try:
        steps: list[HandoutStep] = []
        for index in range(player.step_count):
            player.go_to(index)
            view = player.current
            steps.append(
                HandoutStep(
                    number=index + 1,
                    title=view.title,
                    html=render_markdown(view.markdown, lesson.folder),
                    picture=pictures.picture(view.scene, player.audience),
                    quiz=handout_quiz(view.quiz, names) if view.quiz is not None else None,
                )
            )
            if progress is not None:
                progress(index + 1, player.step_count)
    finally:
        pictures.close()
    return HandoutContent(
        title=lesson.title,
        description=lesson.description,
        audience=player.audience,
        folder=lesson.folder,
        steps=tuple(steps),
        answers=answers,
    )

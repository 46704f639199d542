"""Lessons: the file format, safe loading, validation and the player state machine.

No Qt and no VTK here. The UI shows `LessonPlayer.current` and applies its `SceneState`
to the 3D scene; the command line calls `run_check` and `write_starter_lesson`.
"""

from anatomy_viewer.lesson.check import check_paths, run_check
from anatomy_viewer.lesson.diagnostics import (
    Diagnostic,
    LessonError,
    LessonExistsError,
    LessonNameError,
)
from anatomy_viewer.lesson.library import LessonSummary, discover_lessons
from anatomy_viewer.lesson.loader import check_lesson, check_text, load_lesson, reload_lesson
from anatomy_viewer.lesson.markdown import render_markdown
from anatomy_viewer.lesson.model import (
    DISPLAY_MODES,
    Advance,
    CameraState,
    Choice,
    Label,
    Lesson,
    Playback,
    Quiz,
    SceneState,
    SimulationState,
    Step,
)
from anatomy_viewer.lesson.patient import PATIENT_VALUES, Patient
from anatomy_viewer.lesson.player import Feedback, LessonPlayer, StepView
from anatomy_viewer.lesson.schema import FORMAT_VERSION
from anatomy_viewer.lesson.starter import write_starter_lesson

__all__ = [
    "DISPLAY_MODES",
    "FORMAT_VERSION",
    "PATIENT_VALUES",
    "Advance",
    "CameraState",
    "Choice",
    "Diagnostic",
    "Feedback",
    "Label",
    "Lesson",
    "LessonError",
    "LessonExistsError",
    "LessonNameError",
    "LessonPlayer",
    "LessonSummary",
    "Patient",
    "Playback",
    "Quiz",
    "SceneState",
    "SimulationState",
    "Step",
    "StepView",
    "check_lesson",
    "check_paths",
    "check_text",
    "discover_lessons",
    "load_lesson",
    "reload_lesson",
    "render_markdown",
    "run_check",
    "write_starter_lesson",
]

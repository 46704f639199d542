"""What a loaded lesson is: steps resolved into complete, audience-independent scenes.

Every class here is a frozen dataclass (or named tuple) of plain values, so the scene and
the UI can compare states, and a step reached by "Next" equals the same step reached by
jumping to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

from anatomy_viewer.lesson.expect import StepChecks

#: How a structure is drawn. ``isolate`` in a lesson file is resolved into these.
DISPLAY_MODES: Final = ("shown", "hidden", "ghosted", "highlighted")
DisplayMode = Literal["shown", "hidden", "ghosted", "highlighted"]

Vector = tuple[float, float, float]

#: Camera used when a step that does not inherit names none.
DEFAULT_CAMERA_PRESET: Final = "anterior"
#: Default length of a camera flight, seconds.
DEFAULT_CAMERA_DURATION_S: Final = 1.0


@dataclass(frozen=True)
class CameraState:
    """Where the camera goes and how long the flight there takes.

    Either ``preset`` (a name from ``vocabulary.CAMERA_PRESETS``) is set and ``eye``,
    ``target``, ``up`` are None, or the three vectors (metres, world RAS frame) are set
    and ``preset`` is None.
    """

    preset: str | None = DEFAULT_CAMERA_PRESET
    eye: Vector | None = None
    target: Vector | None = None
    up: Vector | None = None
    duration_s: float = DEFAULT_CAMERA_DURATION_S


@dataclass(frozen=True)
class Playback:
    """Play the movement: ``speed`` times real time, ``loops`` times (None = forever)."""

    speed: float = 1.0
    loops: int | None = None


@dataclass(frozen=True)
class SimulationState:
    """Model settings for a step: exactly one of ``phase`` and ``play`` is set.

    ``strength_pct`` is the strength of the stance side's ``weaken`` muscles (gluteus
    medius alone, or the whole abductor group), 0 to 100 %.
    ``phase`` is 0 (start) to 1 (end); 0.5 is the deepest point of a squat.
    ``patient_strength``: the step said ``strength_pct: patient``; the player puts the
    patient's strength and ``weaken`` in (`anatomy_viewer.lesson.patient.patient_scene`),
    and ``strength_pct`` is what shows when no patient strength is known.
    """

    task: str = "stance"
    side: str = "right"
    strength_pct: float = 100.0
    weaken: str = "gluteus_medius"
    compensation: str = "none"
    phase: float | None = 0.0
    play: Playback | None = None
    patient_strength: bool = False


class Label(NamedTuple):
    """A label pinned to a structure or to a landmark on one.

    ``target`` is a structure id (``femur_r``) or a landmark (``pelvis.iliac_crest_top_l``).
    ``text`` is shown to everyone, or to patients when ``student`` gives the students'
    words; ``text`` None means the structure's own name.
    """

    target: str
    text: str | None
    student: str | None = None

    @property
    def structure(self) -> str:
        """The structure the label is on (a landmark's structure for a landmark label)."""
        return self.target.split(".", 1)[0]

    def text_for(self, audience: str) -> str | None:
        """The words shown to ``audience`` (None: the structure's own name)."""
        if audience == "student" and self.student is not None:
            return self.student
        return self.text


def _frozen_display(display: Mapping[str, DisplayMode]) -> Mapping[str, DisplayMode]:
    return MappingProxyType(dict(sorted(display.items())))


@dataclass(frozen=True)
class SceneState:
    """Everything the 3D scene shows for one step, the same for every audience.

    Attributes
    ----------
    camera : CameraState
    display : Mapping[str, DisplayMode]
        Structure id -> ``shown``/``hidden``/``ghosted``/``highlighted``. Ids not in the
        mapping take their default from ``meshes/manifest.json`` (``visible``/``opacity``).
        ``isolate`` has already been resolved: it lists every other id as ``hidden``.
    labels : tuple of Label
    simulation : SimulationState
    overlays : frozenset of str
        Names from ``vocabulary.OVERLAYS`` that are on; all others are off.
    compare : bool
        Show the strong and the weak subject side by side.
    """

    camera: CameraState = CameraState()
    display: Mapping[str, DisplayMode] = field(default_factory=dict)
    labels: tuple[Label, ...] = ()
    simulation: SimulationState = SimulationState()
    overlays: frozenset[str] = frozenset()
    compare: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "display", _frozen_display(self.display))

    def display_mode(self, structure_id: str, default: DisplayMode) -> DisplayMode:
        """Mode for ``structure_id``, or ``default`` (the manifest's) if the step leaves it."""
        return self.display.get(structure_id, default)


@dataclass(frozen=True)
class Advance:
    """When the player moves on: on ``click``, after the ``animation``, or after a ``time``."""

    mode: Literal["click", "animation", "time"] = "click"
    seconds: float | None = None


@dataclass(frozen=True)
class Choice:
    """One answer of a multiple-choice question."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Quiz:
    """A question: ``choice`` (pick an answer) or ``structure`` (click it in the 3D view).

    For ``structure`` quizzes ``answers`` holds the accepted ids and the two feedback
    strings are shown for a right and a wrong click.
    """

    kind: Literal["choice", "structure"]
    question: str
    choices: tuple[Choice, ...] = ()
    answers: frozenset[str] = frozenset()
    correct_feedback: str = "Correct."
    wrong_feedback: str = "Not quite: try again."


@dataclass(frozen=True)
class Step:
    """One step as written, with its scene already resolved.

    ``text`` maps each audience to Markdown source (the same text for all when the file
    gives one string). ``notes`` are the therapist's speaker notes (Markdown).
    ``checks`` are what the step's picture must show (its ``expect``), for ``check``.
    ``text_without_patient`` maps each audience to the text shown instead of ``text``
    when a patient value ``text`` quotes (``{patient.height_m}``) is not known; ``None``
    when the step gives none.
    """

    index: int
    title: str
    text: Mapping[str, str]
    notes: str
    scene: SceneState
    advance: Advance
    quiz: Quiz | None
    line: int
    checks: StepChecks = field(default_factory=StepChecks)
    text_without_patient: Mapping[str, str] | None = None


class Citation(NamedTuple):
    """A reference key cited in the lesson's ``source`` (``[bergmann2016]``) and where."""

    key: str
    line: int
    column: int


@dataclass(frozen=True)
class Lesson:
    """A loaded, checked lesson. ``folder`` is where its images are looked up."""

    path: Path
    title: str
    description: str
    audiences: tuple[str, ...]
    duration_min: float
    source: str
    steps: tuple[Step, ...]
    citations: tuple[Citation, ...] = ()

    @property
    def folder(self) -> Path:
        """The lesson folder (the one holding ``lesson.yaml``)."""
        return self.path.parent

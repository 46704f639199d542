"""The simulation as the app runs it: settings, time to phase, and the model's frames.

Frames are pure functions of (settings, phase); the UI's timer only advances time, so the
screen, a video export and a test all get the same frame for the same moment. Playback
shows the phases of a fixed grid (:data:`PLAYBACK_FPS` frames a second), so the model
solves each setting's whole cycle once, in one vectorised call, and every later pass
through the cycle only reads it (docs/performance.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

from anatomy_viewer.biomech.exercises import ExerciseResult, solve_exercise
from anatomy_viewer.biomech.frame import BiomechFrame
from anatomy_viewer.biomech.solver import solve, solve_cycle
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.logic.exercise_frames import exercise_frame
from anatomy_viewer.vocabulary import COMPENSATIONS, EXERCISES, OVERLAYS, SIDES, TASKS, WEAKEN

#: Seconds one movement cycle takes at speed 1: a slow, clear demonstration pace (walking
#: and running: a full cycle of both legs at half their real pace; see
#: :data:`anatomy_viewer.biomech.gait.STRIDE_SECONDS`).
CYCLE_SECONDS = {
    "stance": 4.0,
    "squat": 4.0,
    "abduction": 3.0,
    "walk": 2.2,
    "run": 1.4,
    # The exercises: into the held pose, a hold and back at a calm demonstration pace
    # (assumption); the single-leg squat at the squat's pace.
    **{exercise: 5.0 for exercise in EXERCISES},
    "single_leg_squat": 4.0,
}

#: Frames a second that playback (and video export) shows: phases lie on this grid.
PLAYBACK_FPS = 60

#: Playback frames solved together, when the first of them is asked for: half a second
#: of the grid. A movement's first frame waits for its own chunk, not for the whole
#: cycle: a squat played at half speed has 481 frames, and solving them all at once held
#: a lesson step for 0.2 to 0.9 s on a loaded 2-core machine (docs/performance.md, item
#: 18); each later chunk costs a sixteenth of that, once, somewhere in the first cycle.
CYCLE_CHUNK = 30
#: Chunks kept (about 4 KB a frame): as many frames as eight 4 s cycles at normal speed.
KEPT_CHUNKS = 64

#: The phase a still picture shows when none is given: the most telling moment of each task
#: (holding on one leg; the deepest point of the squat; the leg fully out to the side;
#: walking: early single support, at the first peak of the ground force; running:
#: midstance, at the peak of the ground force; an exercise: its held pose).
TELLING_PHASE = {
    "stance": 0.5,
    "squat": 0.5,
    "abduction": 0.5,
    "walk": 0.15,
    "run": 0.19,
    # Each exercise's held pose (the single-leg squat's deepest point).
    **{exercise: 0.5 for exercise in EXERCISES},
}

#: Strength marks on the slider: the 26 % deficit measured in patellofemoral pain
#: (Ireland et al. 2003, JOSPT 33:671) and a marked weakness.
STRENGTH_MARKS = {"weak": 30.0, "knee pain": 74.0, "normal": 100.0}


@dataclass(frozen=True)
class SimulationSettings:
    """What the simulation shows.

    Attributes
    ----------
    task, side, compensation
        Words from :mod:`anatomy_viewer.vocabulary`.
    strength_pct
        Strength of the weakened muscle on the stance side, 0 to 100 % of normal.
    weaken
        What the strength weakens: ``gluteus_medius`` (alone) or ``abductors`` (gluteus
        medius, gluteus minimus and tensor fasciae latae together).
    speed
        Playback speed, times real time.
    loop
        Play the movement over and over (else once, then stop at the end).
    overlays
        Teaching overlays switched on.
    compare
        Show a full-strength twin beside the chosen strength.
    """

    task: str = "stance"
    side: str = "right"
    strength_pct: float = 100.0
    compensation: str = "none"
    speed: float = 1.0
    loop: bool = True
    overlays: frozenset[str] = field(
        default_factory=lambda: frozenset({"pelvic_level", "knee_alignment", "effort"})
    )
    compare: bool = False
    weaken: str = "gluteus_medius"

    def __post_init__(self) -> None:
        if self.task not in TASKS + EXERCISES:
            raise ValueError(
                f"unknown task {self.task!r}; choose one of {', '.join(TASKS + EXERCISES)}"
            )
        if self.side not in SIDES:
            raise ValueError(f"unknown side {self.side!r}; choose right or left")
        if self.compensation not in COMPENSATIONS:
            raise ValueError(f"unknown compensation {self.compensation!r}")
        if self.weaken not in WEAKEN:
            raise ValueError(f"unknown weaken choice {self.weaken!r}; choose {', '.join(WEAKEN)}")
        if not 0.0 <= self.strength_pct <= 100.0:
            raise ValueError(f"strength must be 0 to 100 %, not {self.strength_pct:g}")
        if unknown := set(self.overlays) - set(OVERLAYS):
            raise ValueError(f"unknown overlays: {', '.join(sorted(unknown))}")

    def with_changes(self, **changes: object) -> SimulationSettings:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def settings_to_json(settings: SimulationSettings) -> str:
    """The settings as a JSON string (to remember them between runs)."""
    data = asdict(settings)
    data["overlays"] = sorted(settings.overlays)
    return json.dumps(data, sort_keys=True)


def settings_from_json(text: str) -> SimulationSettings:
    """Settings read back from :func:`settings_to_json`; anything unreadable gives the defaults.

    Remembered settings come from the user's settings file, which may be from an older
    version or edited by hand, so a bad value never stops the app: it is simply not used.
    """
    defaults = SimulationSettings()
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            return defaults
        known = {name: data[name] for name in asdict(defaults) if name in data}
        if "overlays" in known:
            known["overlays"] = frozenset(str(o) for o in known["overlays"])
        return SimulationSettings(**known)
    except (ValueError, TypeError):
        return defaults


def cycle_seconds(settings: SimulationSettings) -> float:
    """Wall-clock seconds of one movement cycle at the settings' speed."""
    return CYCLE_SECONDS[settings.task] / max(settings.speed, 1e-6)


def phase_at(
    settings: SimulationSettings, elapsed_s: float, loops: int | None = None
) -> tuple[float, bool]:
    """Phase (0..1) after ``elapsed_s`` seconds of playback, and whether playback has ended.

    Parameters
    ----------
    settings
        Task and speed decide the cycle length; ``loop`` decides whether it repeats.
    elapsed_s
        Seconds since playback started.
    loops
        Number of cycles to play before stopping (``None``: one cycle unless looping forever).
    """
    cycles = max(elapsed_s, 0.0) / cycle_seconds(settings)
    limit = loops if loops is not None else (None if settings.loop else 1)
    if limit is not None and cycles >= limit:
        return 1.0, True
    frames = frames_per_cycle(settings)
    # The last frame shown so far; the small allowance keeps k/frames from landing on k - 1.
    index = math.floor((cycles % 1.0) * frames + 1e-6) % frames
    return index / frames, False


def frames_per_cycle(settings: SimulationSettings) -> int:
    """Frames of the playback grid in one cycle at the settings' task and speed."""
    return max(2, round(cycle_seconds(settings) * PLAYBACK_FPS))


class Simulation:
    """Runs the hip model for one subject and remembers recent frames.

    Parameters
    ----------
    subject
        The body the model simulates (built from the meshes' landmarks, so the bones pivot
        where the meshes' joints are).
    """

    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self._solve = lru_cache(maxsize=512)(self._solve_uncached)
        # Chunks of recent settings' cycles (a squat cycle is 241 frames, about 1 MB).
        self._chunk = lru_cache(maxsize=KEPT_CHUNKS)(self._solve_chunk_uncached)
        # An exercise's held pose is solved once per setting; its frames only move bones.
        self._exercise = lru_cache(maxsize=32)(self._solve_exercise_uncached)

    def _solve_exercise_uncached(
        self, exercise: str, side: str, strength_pct: float, weaken: str
    ) -> ExerciseResult:
        return solve_exercise(self.subject, exercise, side, strength_pct / 100.0, weaken)

    def _solve_chunk_uncached(
        self,
        task: str,
        side: str,
        strength_pct: float,
        compensation: str,
        weaken: str,
        frames: int,
        chunk: int,
    ) -> tuple[BiomechFrame, ...]:
        """Frames ``chunk * CYCLE_CHUNK`` onwards of a ``frames``-frame cycle, solved at once."""
        first = chunk * CYCLE_CHUNK
        phases = [index / frames for index in range(first, min(first + CYCLE_CHUNK, frames + 1))]
        return tuple(
            solve_cycle(
                self.subject, task, side, strength_pct / 100.0, phases, compensation, weaken
            )
        )

    def _solve_uncached(
        self,
        task: str,
        side: str,
        strength_pct: float,
        compensation: str,
        weaken: str,
        phase: float,
    ) -> BiomechFrame:
        return solve(
            self.subject,
            task=task,
            side=side,
            strength=strength_pct / 100.0,
            phase=phase,
            compensation=compensation,
            weaken=weaken,
        )

    def frame(
        self, settings: SimulationSettings, phase: float, strength_pct: float | None = None
    ) -> BiomechFrame:
        """The model's frame at ``phase`` (0..1), optionally at another strength (compare mode).

        Raises
        ------
        ModelInputError
            When the model cannot solve the setting (the caller shows the message and
            keeps the last good frame).
        """
        strength = round(settings.strength_pct if strength_pct is None else strength_pct, 1)
        phase = min(max(phase, 0.0), 1.0)
        if settings.task == "single_leg_squat":
            # The squat task itself, read from its solved cycle.
            squat = self.frame(settings.with_changes(task="squat"), phase, strength)
            return replace(squat, task=settings.task)
        if settings.task in EXERCISES:
            held = self._exercise(settings.task, settings.side, strength, settings.weaken)
            return exercise_frame(self.subject, held, phase)
        frames = frames_per_cycle(settings)
        index = round(phase * frames)
        # A playback frame (within the rounding below of one): read its solved chunk.
        if abs(phase - index / frames) <= 0.5e-4:
            chunk = self._chunk(
                settings.task,
                settings.side,
                strength,
                settings.compensation,
                settings.weaken,
                frames,
                index // CYCLE_CHUNK,
            )
            return chunk[index % CYCLE_CHUNK]
        # Off the grid (a slider, a lesson step): solve this phase alone. Rounding lets
        # slider ticks reuse cached frames.
        return self._solve(
            settings.task,
            settings.side,
            strength,
            settings.compensation,
            settings.weaken,
            round(phase, 4),
        )


def subject_for(
    landmarks: Mapping[str, tuple[float, float, float]],
    height_m: float,
    sex: str,
    mass_kg: float = 75.0,
) -> Subject:
    """The model's subject built from the meshes' landmarks, so bones pivot at the meshes' joints.

    The default mass is the project's default subject (1.75 m, 75 kg); results in
    multiples of body weight do not depend on it.
    """
    return Subject.from_landmarks(landmarks, mass_kg=mass_kg, height_m=height_m, sex=sex)

"""A lesson (or one animation) laid out in model time, for video export.

A :class:`Timeline` is a list of segments, one per lesson step, and :meth:`Timeline.at`
is a pure function of time: which step shows, where the camera is (a flight from the
previous step's camera, :func:`anatomy_viewer.scene.camera.interpolate`), the phase of
the movement (:func:`anatomy_viewer.logic.simulation.phase_at`) and the caption. Video
frames are sampled from it at a fixed rate, so an export is smooth and identical every
time, whatever the speed of the machine.

How long each step lasts in a video:

- a step that waits for a click gets a reading time (:func:`reading_seconds`);
- a step that moves on after ``time`` lasts that long; after ``animation``, as long as
  the movement plays;
- a playing step lasts at least its movement, and a movement that repeats forever
  plays :data:`FOREVER_LOOPS` cycles;
- every step lasts at least its camera flight plus :data:`SETTLE_SECONDS`, and at most
  :data:`MAX_STEP_SECONDS`; the whole video is cut at :data:`MAX_VIDEO_SECONDS`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from anatomy_viewer.lesson import Advance, SceneState
from anatomy_viewer.logic.simulation import SimulationSettings, cycle_seconds, phase_at
from anatomy_viewer.scene.camera import CameraPose, interpolate

#: Reading pace in a video, seconds per word of the step's text, and its bounds. Shorter
#: than the app's autoplay pace: the video shows only the title, not the whole text.
SECONDS_PER_WORD = 0.2
MIN_READING_SECONDS = 4.0
MAX_READING_SECONDS = 10.0
#: Cycles shown of a movement that repeats until the step changes.
FOREVER_LOOPS = 2
#: Time the picture rests after a camera flight before the next step.
SETTLE_SECONDS = 1.0
#: Longest a single step may last in a video, and the whole video.
MAX_STEP_SECONDS = 30.0
MAX_VIDEO_SECONDS = 600.0


def reading_seconds(words: int) -> float:
    """Seconds a step that waits for a click stays in a video, for ``words`` words of text."""
    return min(MAX_READING_SECONDS, max(MIN_READING_SECONDS, words * SECONDS_PER_WORD))


@dataclass(frozen=True)
class StepPlan:
    """One lesson step as the timeline needs it.

    Attributes
    ----------
    index
        0-based step number in the lesson.
    title
        The step's title, shown as the caption.
    words
        Number of words of the step's text (decides its reading time).
    scene
        What the step shows (structures, labels, simulation).
    advance
        When the step moves on in the app.
    settings
        The step's simulation settings.
    phase
        The still phase (or where a playing movement starts).
    play, loops
        Whether the movement plays, and how many cycles (``None``: forever).
    camera
        Where the step's camera flight ends.
    """

    index: int
    title: str
    words: int
    scene: SceneState
    advance: Advance
    settings: SimulationSettings
    phase: float
    play: bool
    loops: int | None
    camera: CameraPose


@dataclass(frozen=True)
class Segment:
    """A step laid out in time: it starts at ``start_s`` and lasts ``duration_s``."""

    plan: StepPlan
    start_s: float
    duration_s: float
    camera_from: CameraPose
    flight_s: float

    @property
    def end_s(self) -> float:
        """When the next step starts."""
        return self.start_s + self.duration_s


@dataclass(frozen=True)
class Moment:
    """What a video frame shows at one time.

    Attributes
    ----------
    segment
        Index of the segment (not the lesson step: see ``plan.index``).
    plan
        The step that shows.
    camera
        The camera pose.
    phase
        Phase of the movement, 0..1.
    caption
        Text over the picture.
    """

    segment: int
    plan: StepPlan
    camera: CameraPose
    phase: float
    caption: str


def step_seconds(plan: StepPlan) -> float:
    """How long one step lasts in a video (see the module's notes)."""
    flight = max(plan.scene.camera.duration_s, 0.0)
    cycles = plan.loops if plan.loops is not None else FOREVER_LOOPS
    movement = cycles * cycle_seconds(plan.settings) if plan.play else 0.0
    if plan.advance.mode == "time" and plan.advance.seconds is not None:
        content = plan.advance.seconds
    elif plan.advance.mode == "animation" and plan.play:
        content = movement
    else:
        content = max(reading_seconds(plan.words), movement)
    return min(MAX_STEP_SECONDS, max(content, flight + SETTLE_SECONDS))


class Timeline:
    """Steps laid out one after the other; :meth:`at` gives the moment at any time.

    Parameters
    ----------
    plans
        The steps, in order (at least one).
    start_camera
        Where the camera is before the first step (its flight starts there).
    caption
        Makes the caption of a step (default: its title).
    max_seconds
        The video is cut here.
    """

    def __init__(
        self,
        plans: Sequence[StepPlan],
        start_camera: CameraPose,
        caption: Callable[[StepPlan], str] | None = None,
        max_seconds: float = MAX_VIDEO_SECONDS,
    ) -> None:
        if not plans:
            raise ValueError("a timeline needs at least one step")
        self._caption = caption or (lambda plan: plan.title)
        segments: list[Segment] = []
        start, camera = 0.0, start_camera
        for plan in plans:
            if start >= max_seconds:
                break
            duration = min(step_seconds(plan), max_seconds - start)
            flight = min(max(plan.scene.camera.duration_s, 0.0), duration)
            segments.append(Segment(plan, start, duration, camera, flight))
            start += duration
            camera = plan.camera
        self.segments: tuple[Segment, ...] = tuple(segments)

    @property
    def duration_s(self) -> float:
        """Length of the whole timeline in seconds."""
        return self.segments[-1].end_s

    def frame_count(self, fps: float) -> int:
        """Number of frames at ``fps`` frames a second (at least one)."""
        return max(1, math.ceil(self.duration_s * fps - 1e-9))

    def segment_index(self, t: float) -> int:
        """Index of the segment showing at time ``t`` (clamped to the timeline)."""
        for index, segment in enumerate(self.segments):
            if t < segment.end_s:
                return index
        return len(self.segments) - 1

    def at(self, t: float) -> Moment:
        """The moment at ``t`` seconds from the start: a pure function of ``t``."""
        t = min(max(t, 0.0), self.duration_s)
        index = self.segment_index(t)
        segment = self.segments[index]
        plan = segment.plan
        local = t - segment.start_s
        if segment.flight_s > 0.0 and local < segment.flight_s:
            camera = interpolate(segment.camera_from, plan.camera, local / segment.flight_s)
        else:
            camera = plan.camera
        if plan.play:
            cycles = plan.loops if plan.loops is not None else FOREVER_LOOPS
            phase, _ = phase_at(plan.settings, local, cycles)
        else:
            phase = plan.phase
        return Moment(index, plan, camera, phase, self._caption(plan))

    def times(self, fps: float) -> list[float]:
        """The times of every frame at ``fps`` frames a second."""
        return [n / fps for n in range(self.frame_count(fps))]

"""``anatomy-viewer check`` proves each step's picture: its ``expect`` checks, evaluated.

Numbers come from the model at the step's own settings (movement, standing side,
strength, weakened muscles, compensation, phase; a compare step's full-strength figure
for ``normal``). A step that plays the movement is checked at each number's largest
value during the movement. ``visible`` structures are looked for in an off-screen
picture through the step's camera, staged as the app stages it: a quarter or more of the
structure must be in view, not behind another one.

When a check fails, the message says what the model gives and what would make the
picture match the words, found by trying other phases, strengths and movements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from anatomy_viewer.anatomy.manifest import load_landmarks, load_manifest
from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.exercise_catalogue import CATALOGUE
from anatomy_viewer.biomech.solver import solve_cycle
from anatomy_viewer.lesson import Diagnostic, Lesson, SceneState, Step
from anatomy_viewer.lesson.expect import NumberCheck, VisibleCheck
from anatomy_viewer.logic.simulation import (
    TELLING_PHASE,
    Simulation,
    SimulationSettings,
    frames_per_cycle,
    subject_for,
)
from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.vocabulary import EXERCISES, TASKS

if TYPE_CHECKING:  # the scene (VTK) is imported only when a step checks what is visible
    from anatomy_viewer.scene.anatomy_scene import AnatomyScene

#: Share of a structure's projected area that must be in view for it to count as visible.
VISIBLE_SHARE = 0.25
#: Size of the off-screen picture the visibility checks look at (16:9, as ``render``).
PICTURE_SIZE = (640, 360)
#: Phases and strengths tried when looking for settings under which a failed check holds.
PHASES = tuple(round(p, 3) for p in np.linspace(0.0, 1.0, 41))
STRENGTHS = tuple(float(s) for s in range(0, 101, 5))
#: A number that changes less than this over every strength and phase "does not change".
UNCHANGED = 0.5

#: The movements in the words of the lesson format guide.
TASK_WORDS = {
    "stance": "standing on one leg",
    "squat": "the single-leg squat",
    "abduction": "lifting the other leg out to the side",
    "walk": "walking",
    "run": "running",
}
#: What a movement that leaves a number alone does not do, in plain words.
NOT_CHANGED = {
    "knee_fppa_deg": "does not move the knee inward",
    "pelvic_drop_deg": "does not drop the hip",
    "pelvic_drop_cm": "does not drop the hip",
    "knee_flexion_deg": "does not bend the knee",
    "trunk_lean_deg": "does not lean the trunk",
    "hip_adduction_deg": "does not bring the thigh in",
}


def _holds(check: NumberCheck, value: float | None) -> bool:
    """Whether a number the model gives meets the check (None, NaN: no number, so no)."""
    return value is not None and bool(np.isfinite(value)) and check.holds(float(value))


class _Unsolvable(dict[str, np.ndarray]):
    """`_scan`'s answer for a setting the model cannot solve: NaN for every quantity."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self._count = count

    def __missing__(self, key: str) -> np.ndarray:
        return np.full(self._count, np.nan)


def _task_words(task: str) -> str:
    if task in CATALOGUE:
        return f"the exercise {CATALOGUE[task].name.lower()}"
    return TASK_WORDS.get(task, f"the {task.replace('_', ' ')} movement")


def _nearest(strength_pct: float) -> float:
    """The strength of the scanned grid nearest ``strength_pct``."""
    return min(STRENGTHS, key=lambda s: abs(s - strength_pct))


def _number(value: float) -> str:
    """A number as the message gives it: one decimal, two below 1 (0.29 of capacity)."""
    if abs(value) < 0.005:
        return "0.0"
    if abs(value) >= 1.0:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _span(values: Iterable[float]) -> str:
    ordered = sorted(set(values))
    if len(ordered) == 1:
        return f"{ordered[0]:g}"
    return f"{ordered[0]:g} to {ordered[-1]:g}"


@dataclass(frozen=True)
class _Figure:
    settings: SimulationSettings
    phase: float
    play: bool


class StepChecker:
    """Evaluates lessons' step checks; call it with a lesson, close it when done.

    Parameters
    ----------
    pictures
        Check ``visible`` (renders off-screen); False skips those checks.
    quality
        Rendering preset of the off-screen picture (the light meshes by default: the
        answer does not depend on the level of detail, the time does).
    """

    def __init__(self, pictures: bool = True, quality: str = "fast") -> None:
        self._pictures = pictures
        self._quality = quality
        self._scene: AnatomyScene | None = None
        #: Scans already made, by what the model sees of a setting: a step's advice tries
        #: the same strengths for every check, and ``check`` reads many steps alike.
        self._scans: dict[tuple[object, ...], dict[str, np.ndarray]] = {}
        #: The numbers each figure shows (at its phase, or the largest while it plays).
        self._shown: dict[tuple[object, ...], dict[str, float]] = {}

    @cached_property
    def simulation(self) -> Simulation:
        """The model for the bundled anatomy's subject (as the app and ``render`` use)."""
        manifest = load_manifest(meshes_dir())
        landmarks = load_landmarks(meshes_dir())
        return Simulation(
            subject_for(landmarks.points, manifest.subject.height_m, manifest.subject.sex)
        )

    # -- numbers -----------------------------------------------------------------------

    def _scan(
        self, settings: SimulationSettings, phases: tuple[float, ...]
    ) -> dict[str, np.ndarray]:
        """The model's numbers at many phases of one setting, in one vectorised call
        (not a number, NaN, everywhere for a setting the model cannot solve)."""
        key = (
            settings.task,
            settings.side,
            settings.strength_pct,
            settings.compensation,
            settings.weaken,
            phases,
        )
        if key not in self._scans:
            self._scans[key] = self._solve_scan(settings, phases)
        return self._scans[key]

    def _solve_scan(
        self, settings: SimulationSettings, phases: tuple[float, ...]
    ) -> dict[str, np.ndarray]:
        try:
            if settings.task in EXERCISES:  # a held pose solved once: its frames are cheap
                frames = [self.simulation.frame(settings, p) for p in phases]
            else:
                frames = solve_cycle(
                    self.simulation.subject,
                    settings.task,
                    settings.side,
                    settings.strength_pct / 100.0,
                    list(phases),
                    settings.compensation,
                    settings.weaken,
                )
        except ModelInputError:  # e.g. a squat too weak to do on one leg
            return _Unsolvable(len(phases))
        keys = frames[0].quantities.keys()
        return {k: np.array([f.quantities[k] for f in frames]) for k in keys}

    def _value_or_none(self, quantity: str, figure: _Figure) -> float | None:
        """`value`, or None where the model cannot solve the setting."""
        try:
            return self.value(quantity, figure)
        except ModelInputError:
            return None

    def value(self, quantity: str, figure: _Figure) -> float:
        """The number the step shows: at its phase, or the largest while it plays."""
        return float(self._shown_numbers(figure)[quantity])

    def _shown_numbers(self, figure: _Figure) -> dict[str, float]:
        """Every number the figure shows (raises ModelInputError where it cannot be solved)."""
        settings = figure.settings
        key = (
            settings.task,
            settings.side,
            settings.strength_pct,
            settings.compensation,
            settings.weaken,
            settings.speed,
            figure.play,
            figure.phase,
        )
        if key not in self._shown:
            if not figure.play:
                self._shown[key] = dict(self.simulation.frame(settings, figure.phase).quantities)
            else:
                frames = frames_per_cycle(settings)
                cycle = [self.simulation.frame(settings, k / frames) for k in range(frames + 1)]
                self._shown[key] = {
                    name: max(float(f.quantities[name]) for f in cycle)
                    for name in cycle[0].quantities
                }
        return self._shown[key]

    def cannot_show(self, step: Step, figure: _Figure) -> Diagnostic | None:
        """None when the model can show the figure, else why not (the model's own words)."""
        try:
            self._shown_numbers(figure)
        except ModelInputError as error:
            return Diagnostic(
                Path(),
                step.line,
                1,
                f"step {step.index + 1} cannot be shown: {error}",
            )
        return None

    def _holds_somewhere(self, check: NumberCheck, settings: SimulationSettings) -> bool:
        values = self._scan(settings, PHASES)[check.quantity]
        return any(check.holds(float(v)) for v in values if np.isfinite(v))

    def advice(self, check: NumberCheck, figure: _Figure) -> str:
        """What would make the picture match: another phase, strength or movement."""
        settings = figure.settings
        if not figure.play:
            values = self._scan(settings, PHASES)[check.quantity]
            good = [
                p
                for p, v in zip(PHASES, values, strict=True)
                if np.isfinite(v) and check.holds(float(v))
            ]
            if good:
                telling = TELLING_PHASE.get(settings.task, 0.5)
                best = min(good, key=lambda p: abs(p - telling))
                return f"it holds at phase {_span(good)}; try phase: {best:g}"
        if check.figure == "step":
            good_strengths = [
                s
                for s in STRENGTHS
                if _holds(
                    check,
                    self._value_or_none(
                        check.quantity,
                        _Figure(settings.with_changes(strength_pct=s), figure.phase, figure.play),
                    ),
                )
            ]
            if good_strengths:
                return f"it holds at strength_pct {_span(good_strengths)}"
        grid = np.array(
            [
                self._scan(settings.with_changes(strength_pct=s), PHASES)[check.quantity]
                for s in STRENGTHS
            ]
        )  # strengths x phases (NaN where the model cannot solve the setting)
        words = _task_words(settings.task)
        if not np.isfinite(grid).any():
            said = f"the model cannot work out {words} at any strength with these settings"
        elif float(np.nanmax(grid) - np.nanmin(grid)) < UNCHANGED:
            verb = NOT_CHANGED.get(check.quantity)
            stays = _number(float(np.nanmean(grid)))
            said = (
                f"{words} {verb} ({check.quantity} stays {stays})"
                if verb
                else f"{words} does not change {check.quantity} (it stays {stays})"
            )
        elif figure.play:
            peaks = np.nanmax(grid[np.isfinite(grid).any(axis=1)], axis=1)
            said = (
                f"whatever the strength, {check.quantity} reaches "
                f"{_number(float(np.nanmin(peaks)))} to {_number(float(np.nanmax(peaks)))} "
                f"during {words}"
            )
        else:
            held = [
                (STRENGTHS[i], PHASES[j])
                for i, j in zip(
                    *np.nonzero(np.vectorize(lambda v: _holds(check, v))(grid)), strict=True
                )
            ]
            if held and check.figure == "step":
                strength, phase = min(
                    held,
                    key=lambda sp: abs(sp[0] - settings.strength_pct) / 100 + abs(sp[1] - 0.5),
                )
                return f"it holds at strength_pct {strength:g} with phase {phase:g}"
            here = grid[STRENGTHS.index(_nearest(settings.strength_pct))]
            said = (
                f"at this strength {words} gives {check.quantity} from "
                f"{_number(float(np.nanmin(here)))} to {_number(float(np.nanmax(here)))}"
                if np.isfinite(here).any()
                else f"the model cannot work out {words} at this strength"
            )
        if settings.weaken != "abductors" and any(
            self._holds_somewhere(check, settings.with_changes(weaken="abductors", strength_pct=s))
            for s in STRENGTHS[::4]
        ):
            return (
                f"{said}; weaken the whole group that lifts the leg out to the side "
                "(weaken: abductors), and say so in the text"
            )
        others = [
            task
            # An exercise step is pointed to another exercise, a movement to a movement.
            for task in (EXERCISES if settings.task in EXERCISES else TASKS)
            if task != settings.task
            and any(
                self._holds_somewhere(check, settings.with_changes(task=task, strength_pct=s))
                for s in STRENGTHS[::4]
            )
        ]
        if others:
            return f"{said}; use {_task_words(others[0])} (task: {others[0]})"
        return f"{said}; change the check, or the text"

    def check_number(self, step: Step, check: NumberCheck, figure: _Figure) -> Diagnostic | None:
        """One numeric check of one step: None when it holds, else the problem."""
        value = self.value(check.quantity, figure)
        if check.holds(value):
            return None
        whose = "the full-strength figure's " if check.figure == "normal" else ""
        if np.isnan(value):  # a number the standing model has and an exercise does not
            message = (
                f"step {step.index + 1} expects {whose}{check.quantity} {check.wanted} but the "
                f"model does not work out {check.quantity} for {_task_words(figure.settings.task)}"
                f"; check abductor_activation, hip_adduction_deg, hip_internal_rotation_deg or "
                f"knee_flexion_deg instead"
            )
            return Diagnostic(Path(), check.line, check.column, message)
        gives = (
            f"at most {_number(value)} while the movement plays"
            if figure.play
            else f"{_number(value)} here"
        )
        message = (
            f"step {step.index + 1} expects {whose}{check.quantity} {check.wanted} but the "
            f"model gives {gives}: {self.advice(check, figure)}"
        )
        return Diagnostic(Path(), check.line, check.column, message)

    # -- pictures ----------------------------------------------------------------------

    def _scene_for(self, state: SceneState, figure: _Figure) -> AnatomyScene:
        from anatomy_viewer.logic.frames import show_frame
        from anatomy_viewer.logic.staging import camera_pose, stage_structures
        from anatomy_viewer.scene.render import build_scene

        if self._scene is None:
            self._scene = build_scene(PICTURE_SIZE, self._quality)
        scene = self._scene
        stage_structures(scene, state)
        scene.set_labels([])
        show_frame(scene, self.simulation, figure.settings, figure.phase)
        scene.set_camera(camera_pose(scene, state.camera, state.simulation))
        return scene

    def check_visible(
        self, step: Step, check: VisibleCheck, scene: AnatomyScene
    ) -> Diagnostic | None:
        """One ``visible`` check of one step: None when the camera sees enough of it."""
        from anatomy_viewer.scene.visibility import visibility

        seen = visibility(scene, check.structure)
        if seen.share >= VISIBLE_SHARE:
            return None
        camera = step.scene.camera.preset or "step's"
        if seen.projected == 0:
            why = f"it is outside the picture from the {camera} camera; choose another camera"
        elif seen.covered_by is not None:
            why = (
                f"{seen.covered_by} covers it from the {camera} camera; make it see-through "
                f"(ghost: [{seen.covered_by}]) or choose another camera"
            )
        else:
            why = f"most of it is outside the picture from the {camera} camera"
        message = (
            f"step {step.index + 1} expects {check.structure} to be visible but only "
            f"{100 * seen.share:.0f} % of it is in view: {why}"
        )
        return Diagnostic(Path(), check.line, check.column, message)

    # -- lessons -----------------------------------------------------------------------

    def __call__(self, lesson: Lesson) -> list[Diagnostic]:
        """Every failed step check of ``lesson``, as diagnostics naming its file and line."""
        from anatomy_viewer.logic.staging import simulation_settings

        problems: list[Diagnostic] = []
        for step in lesson.steps:
            settings, phase, play, _ = simulation_settings(step.scene)
            own = _Figure(settings.with_changes(compare=False), phase, play)
            normal = _Figure(settings.with_changes(strength_pct=100.0, compare=False), phase, play)
            # Every step's movement must be one the model can show, checks or not: the app
            # would show the model's message instead of the picture.
            unsolved = self.cannot_show(step, own) or (
                self.cannot_show(step, normal) if settings.compare else None
            )
            if unsolved is not None:
                problems.append(unsolved)
                continue
            if not step.checks:
                continue
            for number in step.checks.numbers:
                figure = normal if number.figure == "normal" else own
                problems.extend(p for p in [self.check_number(step, number, figure)] if p)
            if step.checks.visible and self._pictures:
                still = TELLING_PHASE.get(settings.task, 0.5) if play else phase
                scene = self._scene_for(step.scene, _Figure(own.settings, still, False))
                for visible in step.checks.visible:
                    problems.extend(p for p in [self.check_visible(step, visible, scene)] if p)
        return [Diagnostic(lesson.path, p.line, p.column, p.message, p.severity) for p in problems]

    def close(self) -> None:
        """Release the off-screen picture."""
        if self._scene is not None:
            plotter = self._scene.plotter
            self._scene.close()
            plotter.close()
            self._scene = None

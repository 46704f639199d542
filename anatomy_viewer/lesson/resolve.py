"""Meaning checks and scene resolution, on data the schema has already accepted.

The schema catches shapes, names and ranges; this module catches what a schema cannot
say well (a quiz with two right answers, an image that is not there, inheriting on the
first step) and turns each step into a complete `SceneState`, so that jumping to a step
shows exactly what arriving there by "Next" shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from anatomy_viewer import vocabulary
from anatomy_viewer.lesson.diagnostics import Diagnostic, Severity
from anatomy_viewer.lesson.expect import StepChecks
from anatomy_viewer.lesson.markdown import image_problems, link_problems
from anatomy_viewer.lesson.model import (
    Advance,
    CameraState,
    Choice,
    DisplayMode,
    Label,
    Lesson,
    Playback,
    Quiz,
    SceneState,
    SimulationState,
    Step,
    Vector,
)
from anatomy_viewer.lesson.patient_checks import check_patient_step, check_placeholders
from anatomy_viewer.lesson.plain_words import MAX_WORDS, long_sentences
from anatomy_viewer.lesson.read_checks import read_citations, read_step_checks
from anatomy_viewer.lesson.schema import DISPLAY_KEYS, SCENE_SECTIONS
from anatomy_viewer.lesson.source import JsonPath, Source
from anatomy_viewer.lesson.structures import STRUCTURE_IDS
from anatomy_viewer.lesson.validate import describe_path

_MODE_OF_KEY: dict[str, DisplayMode] = {
    "isolate": "shown",
    "show": "shown",
    "ghost": "ghosted",
    "highlight": "highlighted",
    "hide": "hidden",
}
#: Minutes a step takes, to estimate a lesson's length when the file does not say.
_MINUTES_PER_STEP = 1.0


class _Resolver:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Diagnostic] = []
        data = cast(dict[str, Any], source.data)
        self.audiences: tuple[str, ...] = tuple(data.get("audiences", vocabulary.AUDIENCES))

    def report(
        self,
        path: JsonPath,
        message: str,
        *,
        severity: Severity = "error",
        key: bool = False,
        at: tuple[int, int] | None = None,
    ) -> None:
        line, column = at or self.source.position(path, key=key)
        where = describe_path(path)
        text = f"{where}: {message}" if where else message
        self.problems.append(Diagnostic(self.source.path, line, column, text, severity))

    # -- text ---------------------------------------------------------------------------------
    def text(self, raw: Any, path: JsonPath) -> dict[str, str]:
        if isinstance(raw, str):
            self.images(raw, path)
            check_placeholders(self, raw, path)
            if "patient" in self.audiences:
                self.plain_words(raw, path)
            return dict.fromkeys(self.audiences, raw)
        variants = cast(dict[str, str], raw)
        for audience, markdown in variants.items():
            self.images(markdown, (*path, audience))
            check_placeholders(self, markdown, (*path, audience))
            if audience == "patient":
                self.plain_words(markdown, (*path, audience))
            if audience not in self.audiences:
                self.report(
                    (*path, audience),
                    f"the lesson's audiences do not include '{audience}'; this text is never shown",
                    severity="warning",
                    key=True,
                )
        for audience in self.audiences:
            if audience not in variants:
                self.report(
                    path,
                    f"no text for the '{audience}' audience (add '{audience}:' "
                    "or give one text for everyone)",
                )
        fallback = next(iter(variants.values()))
        return {a: variants.get(a, fallback) for a in self.audiences}

    def plain_words(self, markdown: str, path: JsonPath) -> None:
        for line, column, words, start in long_sentences(markdown):
            self.report(
                path,
                f"this patient sentence has {words} words ('{start}...'); patients follow "
                f"sentences of {MAX_WORDS} words or fewer more easily: split it",
                severity="warning",
                at=self.source.text_position(path, line, column),
            )

    def images(self, markdown: str, path: JsonPath) -> None:
        for line, column, message in image_problems(markdown, self.source.path.parent):
            self.report(path, message, at=self.source.text_position(path, line, column))
        for line, message in link_problems(markdown):
            at = self.source.text_position(path, line, 0)
            self.report(path, message, at=at, severity="warning")

    # -- scene --------------------------------------------------------------------------------
    def camera(self, raw: Any, path: JsonPath) -> CameraState:
        if isinstance(raw, str):
            return CameraState(preset=raw)
        spec = cast(dict[str, Any], raw)
        duration = float(spec.get("duration_s", CameraState.duration_s))
        explicit = [k for k in ("eye", "target", "up") if k in spec]
        if "preset" in spec:
            if explicit:
                self.report(
                    (*path, explicit[0]),
                    "give either 'preset' or eye/target/up, not both",
                    key=True,
                )
            return CameraState(preset=str(spec["preset"]), duration_s=duration)
        if "eye" not in spec or "target" not in spec:
            self.report(path, "a camera needs 'preset', or both 'eye' and 'target'")
            return CameraState(duration_s=duration)
        eye, target = _vector(spec["eye"]), _vector(spec["target"])
        up = _vector(spec.get("up", [0.0, 0.0, 1.0]))
        view = tuple(t - e for t, e in zip(target, eye, strict=True))
        if math.dist(eye, target) < 1e-3:
            self.report((*path, "target"), "the target must differ from the eye")
        elif _norm(_cross(view, up)) < 1e-3 * _norm(view) * max(_norm(up), 1e-9):
            self.report((*path, "up"), "'up' must not point along the view direction")
        return CameraState(preset=None, eye=eye, target=target, up=up, duration_s=duration)

    def display(
        self, step: dict[str, Any], path: JsonPath, base: Mapping[str, DisplayMode]
    ) -> dict[str, DisplayMode]:
        display = dict(base)
        if "isolate" in step:
            display = dict.fromkeys(STRUCTURE_IDS, "hidden")
        named: dict[str, str] = {}
        for key in DISPLAY_KEYS:
            for i, structure in enumerate(step.get(key, [])):
                if structure in named and not (named[structure] == "isolate" and key != "hide"):
                    self.report(
                        (*path, key, i),
                        f"'{structure}' is already listed under '{named[structure]}' in this step",
                    )
                named[structure] = key
                display[structure] = _MODE_OF_KEY[key]
        return display

    def labels(
        self, raw: list[Any], path: JsonPath, display: Mapping[str, DisplayMode]
    ) -> tuple[Label, ...]:
        labels: list[Label] = []
        for i, item in enumerate(raw):
            if isinstance(item, str):
                label = Label(item, None)
            else:
                target = str(item.get("structure", item.get("landmark", "")))
                text = item.get("text")
                if isinstance(text, dict):
                    patient, student = text.get("patient"), text.get("student")
                    label = Label(target, patient, student)
                else:
                    label = Label(target, text)
            if any(existing.target == label.target for existing in labels):
                self.report((*path, i), f"'{label.target}' is labelled twice")
            if display.get(label.structure) == "hidden":
                self.report(
                    (*path, i),
                    f"'{label.structure}' is hidden in this step, so its label will not show",
                    severity="warning",
                )
            labels.append(label)
        return tuple(labels)

    def simulation(
        self, raw: dict[str, Any], path: JsonPath, base: SimulationState
    ) -> SimulationState:
        if "phase" in raw and "play" in raw:
            self.report(
                (*path, "play"), "give either 'phase' (hold still) or 'play', not both", key=True
            )
        values: dict[str, Any] = {
            k: raw[k] for k in ("task", "side", "weaken", "compensation") if k in raw
        }
        if raw.get("strength_pct") == "patient":
            values["patient_strength"] = True
        elif "strength_pct" in raw:
            values.update(strength_pct=float(raw["strength_pct"]), patient_strength=False)
        if "phase" in raw:
            values.update(phase=float(raw["phase"]), play=None)
        elif "play" in raw:
            loops = raw["play"].get("loops", "forever")
            values.update(
                phase=None,
                play=Playback(
                    speed=float(raw["play"].get("speed", 1.0)),
                    loops=None if loops == "forever" else int(loops),
                ),
            )
        return SimulationState(**{**base.__dict__, **values})

    def scene(
        self, step: dict[str, Any], path: JsonPath, previous: SceneState | None
    ) -> SceneState:
        inherit = step.get("inherit", False)
        sections = set(SCENE_SECTIONS if inherit is True else inherit or ())
        if sections and previous is None:
            self.report(
                (*path, "inherit"),
                "the first step has no previous step to inherit from; describe its scene in full",
                key=True,
            )
        base = previous if previous is not None and sections else SceneState()
        keep = {
            s: getattr(base, s) if s in sections else getattr(SceneState(), s)
            for s in SCENE_SECTIONS
        }
        camera = (
            self.camera(step["camera"], (*path, "camera")) if "camera" in step else keep["camera"]
        )
        display = self.display(step, path, keep["display"])
        labels = (
            self.labels(step["labels"], (*path, "labels"), display)
            if "labels" in step
            else keep["labels"]
        )
        simulation = (
            self.simulation(step["simulation"], (*path, "simulation"), keep["simulation"])
            if "simulation" in step
            else keep["simulation"]
        )
        overlays = frozenset(step["overlays"]) if "overlays" in step else keep["overlays"]
        compare = bool(step["compare"]) if "compare" in step else keep["compare"]
        return SceneState(
            camera=camera,
            display=display,
            labels=labels,
            simulation=simulation,
            overlays=overlays,
            compare=compare,
        )

    # -- interaction --------------------------------------------------------------------------
    def advance(self, raw: Any, path: JsonPath, scene: SceneState) -> Advance:
        if raw is None or raw == "click":
            return Advance()
        if raw == "animation":
            play = scene.simulation.play
            if play is None or play.loops is None:
                self.report(
                    path,
                    "'animation' needs the simulation to play a number of times "
                    "(simulation: play: loops: 2)",
                )
            return Advance(mode="animation")
        return Advance(mode="time", seconds=float(raw["after_s"]))

    def quiz(self, raw: dict[str, Any], path: JsonPath, scene: SceneState) -> Quiz:
        question = str(raw["question"])
        if ("choices" in raw) == ("structure" in raw):
            self.report(path, "a quiz needs either 'choices' or 'structure' (exactly one)")
        if "structure" in raw:
            for key in ("correct_feedback", "wrong_feedback"):
                if key not in raw:
                    self.report(
                        path, f"a 'click the structure' quiz needs '{key}'", severity="warning"
                    )
            answers = raw["structure"]
            answers = [answers] if isinstance(answers, str) else answers
            hidden = [a for a in answers if scene.display.get(a) == "hidden"]
            if hidden:
                self.report(
                    (*path, "structure"),
                    f"'{hidden[0]}' is hidden in this step, so it cannot be clicked",
                    severity="error" if len(hidden) == len(answers) else "warning",
                )
            return Quiz(
                kind="structure",
                question=question,
                answers=frozenset(answers),
                correct_feedback=str(raw.get("correct_feedback", Quiz.correct_feedback)),
                wrong_feedback=str(raw.get("wrong_feedback", Quiz.wrong_feedback)),
            )
        choices = tuple(
            Choice(
                text=str(c["text"]),
                correct=bool(c.get("correct", False)),
                feedback=str(c.get("feedback", "Correct." if c.get("correct") else "Not quite.")),
            )
            for c in raw.get("choices", [])
        )
        if choices and sum(c.correct for c in choices) != 1:
            self.report((*path, "choices"), "exactly one choice must have 'correct: true'")
        for key in ("correct_feedback", "wrong_feedback"):
            if key in raw and "choices" in raw:
                self.report(
                    (*path, key),
                    "only 'click the structure' quizzes use this; give "
                    "each choice its own 'feedback'",
                    key=True,
                )
        return Quiz(kind="choice", question=question, choices=choices)

    # -- lesson -------------------------------------------------------------------------------
    def lesson(self) -> Lesson:
        data = cast(dict[str, Any], self.source.data)
        steps: list[Step] = []
        previous: SceneState | None = None
        for i, raw in enumerate(cast(list[dict[str, Any]], data["steps"])):
            path: JsonPath = ("steps", i)
            scene = self.scene(raw, path, previous)
            quiz = self.quiz(raw["quiz"], (*path, "quiz"), scene) if "quiz" in raw else None
            checks = (
                read_step_checks(self, raw["expect"], (*path, "expect"), scene)
                if "expect" in raw
                else StepChecks()
            )
            notes = str(raw.get("notes", ""))
            if notes:
                self.images(notes, (*path, "notes"))
            text = self.text(raw["text"], (*path, "text"))
            without = (
                self.text(raw["text_without_patient"], (*path, "text_without_patient"))
                if "text_without_patient" in raw
                else None
            )
            check_patient_step(self, raw, path, text, scene)
            steps.append(
                Step(
                    index=i,
                    title=str(raw["title"]),
                    text=text,
                    notes=notes,
                    scene=scene,
                    advance=self.advance(raw.get("advance"), (*path, "advance"), scene),
                    quiz=quiz,
                    line=self.source.position(path)[0],
                    checks=checks,
                    text_without_patient=without,
                )
            )
            previous = scene
        return Lesson(
            path=self.source.path,
            title=str(data["title"]),
            description=str(data.get("description", "")),
            audiences=self.audiences,
            duration_min=float(data.get("duration_min", _MINUTES_PER_STEP * len(steps))),
            source=str(data.get("source", "")),
            steps=tuple(steps),
            citations=read_citations(self, str(data.get("source", ""))),
        )


def _vector(raw: Any) -> Vector:
    x, y, z = (float(v) for v in raw)
    return (x, y, z)


def _cross(a: tuple[float, ...], b: tuple[float, ...]) -> Vector:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _norm(v: tuple[float, ...]) -> float:
    return math.sqrt(sum(c * c for c in v))


def resolve(source: Source) -> tuple[Lesson, list[Diagnostic]]:
    """Build the `Lesson` from schema-valid ``source`` and report meaning problems.

    Parameters
    ----------
    source : Source
        Parsed data that passed `validate`.

    Returns
    -------
    lesson : Lesson
        Usable only when ``problems`` has no errors.
    problems : list of Diagnostic
    """
    resolver = _Resolver(source)
    lesson = resolver.lesson()
    return lesson, resolver.problems


def lesson_file(path: Path) -> Path:
    """``path`` itself, or ``path/lesson.yaml`` when ``path`` is a lesson folder."""
    return path / "lesson.yaml" if path.is_dir() else path

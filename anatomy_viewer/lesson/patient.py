"""Lessons about the patient: a step's text with the patient's own values, and their strength.

A lesson author writes ``{patient.height_m}`` (or another name of `PATIENT_VALUES`) in a
step's ``text``, and ``strength_pct: patient`` in its ``simulation``; the player fills them
from a `Patient` (the profile of File > Patient…, the strength found by "From a
measurement…" or given on the command line). A step whose values are not all known shows
its ``text_without_patient`` instead, or, if it has none, its text with each unknown value
written as a clear phrase ("[your height: not entered]"): never a blank or a raw
placeholder. No Qt, no VTK, no model here: the model's numbers come from
``Patient.model``, which the caller binds (:mod:`anatomy_viewer.logic.patient_lesson`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Final, NamedTuple

from anatomy_viewer.lesson.model import SceneState


class PatientValue(NamedTuple):
    """One value a step's text can quote: what it means, its decimals, its unknown phrase."""

    meaning: str
    decimals: int
    unknown: str


#: The values a text can quote as ``{patient.NAME}``.
PATIENT_VALUES: Final[Mapping[str, PatientValue]] = {
    "height_m": PatientValue(
        "the patient's height in metres, e.g. 1.62", 2, "[your height: not entered]"
    ),
    "mass_kg": PatientValue(
        "the patient's body mass in kilograms, e.g. 58", 0, "[your weight: not entered]"
    ),
    "strength_pct": PatientValue(
        "the patient's strength, percent of normal, as the therapist set or fitted it "
        "(From a measurement…), e.g. 35",
        0,
        "[your strength: not measured yet]",
    ),
    "pelvic_drop_deg": PatientValue(
        "how far the hip drops, degrees, in this step's movement for the patient's body at "
        "the patient's strength: the model's number, as the picture's angle shows it "
        "(needs strength_pct: patient)",
        1,
        "[your hip drop: not measured yet]",
    ),
}
#: Values that need the model at the patient's strength: the step must show that strength.
MODEL_VALUES: Final = frozenset({"pelvic_drop_deg"})

#: ``{patient.NAME}``, spaces allowed inside the braces.
_PLACEHOLDER = re.compile(r"\{\s*patient\s*\.\s*([A-Za-z0-9_]*)\s*\}")
#: Something that looks meant as one but is not closed or has no dot: ``{patient height}``.
_ALMOST = re.compile(r"\{\s*patient\b")


class Placeholder(NamedTuple):
    """A ``{patient.NAME}`` in a text: its name, and where (0-based line and column)."""

    name: str
    line: int
    column: int


def placeholders(markdown: str) -> Iterator[Placeholder]:
    """Every ``{patient.NAME}`` in ``markdown``, known names or not, in order."""
    for number, line in enumerate(markdown.splitlines()):
        for match in _PLACEHOLDER.finditer(line):
            yield Placeholder(match[1], number, match.start())


def malformed(markdown: str) -> Iterator[Placeholder]:
    """Places that start like ``{patient`` but are not a complete ``{patient.NAME}``."""
    for number, line in enumerate(markdown.splitlines()):
        complete = {m.start() for m in _PLACEHOLDER.finditer(line)}
        for match in _ALMOST.finditer(line):
            if match.start() not in complete:
                yield Placeholder("", number, match.start())


def used_values(markdown: str) -> frozenset[str]:
    """The known value names ``markdown`` quotes."""
    return frozenset(p.name for p in placeholders(markdown) if p.name in PATIENT_VALUES)


@dataclass(frozen=True)
class Patient:
    """What is known about the patient a lesson is played for.

    Attributes
    ----------
    height_m, mass_kg
        Height (m) and body mass (kg); ``None`` when not entered.
    strength_pct, weaken
        The patient's strength (percent of normal) of the muscles ``weaken`` names, as the
        therapist set it or "From a measurement…" fitted it; ``None`` when not known.
    model
        The model's values for a step's scene at the patient's body (``pelvic_drop_deg``);
        ``None`` when no model is bound. It may leave out a value it cannot solve.
    """

    height_m: float | None = None
    mass_kg: float | None = None
    strength_pct: float | None = None
    weaken: str = "gluteus_medius"
    model: Callable[[SceneState], Mapping[str, float]] | None = field(default=None, compare=False)

    def values(self, scene: SceneState) -> dict[str, float]:
        """The known values for ``scene`` (already given the patient's strength)."""
        known: dict[str, float] = {}
        if self.height_m is not None:
            known["height_m"] = self.height_m
        if self.mass_kg is not None:
            known["mass_kg"] = self.mass_kg
        if self.strength_pct is not None:
            known["strength_pct"] = self.strength_pct
            if self.model is not None and scene.simulation.patient_strength:
                known.update(self.model(scene))
        return known


def patient_scene(scene: SceneState, patient: Patient | None) -> SceneState:
    """``scene`` with the patient's strength where it says ``strength_pct: patient``.

    Without a patient strength the step keeps the strength it has without it (100 %, or
    the previous step's when it inherits), and ``patient_strength`` turns off, so a
    caption never calls that strength the patient's.
    """
    simulation = scene.simulation
    if not simulation.patient_strength:
        return scene
    if patient is None or patient.strength_pct is None:
        return replace(scene, simulation=replace(simulation, patient_strength=False))
    return replace(
        scene,
        simulation=replace(
            simulation, strength_pct=float(patient.strength_pct), weaken=patient.weaken
        ),
    )


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text[1:] if text.lstrip("-").strip("0.") == "" and text.startswith("-") else text


def fill(markdown: str, values: Mapping[str, float], without: str | None = None) -> str:
    """``markdown`` with its patient values filled in.

    When a quoted value is unknown, ``without`` (the step's ``text_without_patient``) is
    shown instead; with no ``without``, each unknown value is written as its phrase.
    """
    names = used_values(markdown)
    if without is not None and not names <= values.keys():
        return without

    def replace_one(match: re.Match[str]) -> str:
        name = match[1]
        if name not in PATIENT_VALUES:
            return match[0]  # the checks refuse it; never reached in a checked lesson
        spec = PATIENT_VALUES[name]
        return _number(values[name], spec.decimals) if name in values else spec.unknown

    return _PLACEHOLDER.sub(replace_one, markdown)


__all__ = [
    "MODEL_VALUES",
    "PATIENT_VALUES",
    "Patient",
    "PatientValue",
    "Placeholder",
    "fill",
    "malformed",
    "patient_scene",
    "placeholders",
    "used_values",
]

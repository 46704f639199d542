"""The patient a lesson is played for: the profile, their strength, and the model's numbers.

A step about the patient (:mod:`anatomy_viewer.lesson.patient`) quotes the patient's
height, mass and strength, and the model's numbers for the patient's body at that
strength. This module builds the lesson's `Patient` from the app's profile or the command
line's options, and binds the model: the ``Simulation`` of the patient's body (the one the
window or the off-screen pictures already drive), solved at the step's moment.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.lesson import Patient, SceneState
from anatomy_viewer.logic.patient_anatomy import PatientProfile
from anatomy_viewer.logic.simulation import TELLING_PHASE, Simulation
from anatomy_viewer.logic.staging import simulation_settings


def model_values(simulation: Simulation, scene: SceneState) -> dict[str, float]:
    """The model's numbers a step can quote, for ``scene`` on ``simulation``'s body.

    The moment is the step's still picture's: its phase, or for a playing step its most
    telling moment (as a handout prints it). A setting the model cannot solve (a squat
    on one leg below about 14 % of the abductors) gives no numbers, so the text says
    the value is not known rather than inventing one.
    """
    settings, phase, play, _loops = simulation_settings(scene)
    if play:
        phase = TELLING_PHASE[settings.task]
    try:
        frame = simulation.frame(settings.with_changes(compare=False), phase)
    except ModelInputError:
        return {}
    return {"pelvic_drop_deg": float(frame.quantities["pelvic_drop_deg"])}


def with_model(patient: Patient | None, simulation: Simulation) -> Patient | None:
    """``patient`` with the model of their body bound (``None`` stays ``None``)."""
    if patient is None:
        return None
    return replace(patient, model=partial(model_values, simulation))


def patient_from_profile(
    profile: PatientProfile | None,
    strength_pct: float | None = None,
    weaken: str | None = None,
) -> Patient | None:
    """The lesson's `Patient` for the app's profile (File > Patient…), if one is set.

    ``strength_pct`` and ``weaken`` are the patient's strength as set or fitted (From a
    measurement…); without a strength, steps about it show their text for no patient.
    """
    if profile is None and strength_pct is None:
        return None
    return Patient(
        height_m=profile.height_m if profile is not None else None,
        mass_kg=profile.mass_kg if profile is not None else None,
        strength_pct=strength_pct,
        weaken=weaken or Patient.weaken,
    )


__all__ = ["model_values", "patient_from_profile", "with_model"]

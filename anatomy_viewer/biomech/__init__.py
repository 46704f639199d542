"""Biomechanics: the hip model, pure numpy functions of parameters and phase.

Public API::

    from anatomy_viewer.biomech import Subject, solve, solve_cycle, sweep_strength

    subject = Subject.default(height_m=1.75, mass_kg=75, sex="male")
    frame = solve(subject, task="squat", side="right", strength=0.74, phase=0.5,
                  weaken="gluteus_medius")
    frame.quantities["knee_fppa_deg"], frame.ratings, frame.muscles, frame.poses["femur_r"]

    # The strength that explains a measured pelvic drop and knee angle.
    fit_strength(subject, "squat", weaken="abductors", pelvic_drop_deg=8, fppa_deg=12)

    # The exercise library: each muscle's effort in a held exercise pose.
    result = solve_exercise(subject, "clamshell", side="right", strength=1.0)
    result.working.activation, result.gluteus_medius_effort(), result.holds

    # The general entry point: the load sharing at a hip for any posture and load.
    from anatomy_viewer.biomech.statics import hip_equilibrium, gravity_moment

Strength is a fraction 0..1 inside the model; percent belongs to the UI and command line.
The equations and the sources of every number are in ``docs/biomechanics.md``.
"""

from anatomy_viewer.anatomy.catalogue import SEGMENTS
from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.exercises import ExerciseResult, HipEffort, solve_exercise
from anatomy_viewer.biomech.fit import FitResult, UnexplainedMeasurementError, fit_strength
from anatomy_viewer.biomech.frame import QUANTITY_DECIMALS, BiomechFrame, MuscleOutput, Overlay
from anatomy_viewer.biomech.solver import solve, solve_cycle, sweep, sweep_strength
from anatomy_viewer.biomech.subject import Subject

__all__ = [
    "QUANTITY_DECIMALS",
    "SEGMENTS",
    "BiomechFrame",
    "ExerciseResult",
    "FitResult",
    "HipEffort",
    "ModelInputError",
    "MuscleOutput",
    "Overlay",
    "Subject",
    "UnexplainedMeasurementError",
    "fit_strength",
    "solve",
    "solve_cycle",
    "solve_exercise",
    "sweep",
    "sweep_strength",
]

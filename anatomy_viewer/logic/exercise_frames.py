"""An exercise's frame at one phase, in the shape every task's frame has (pure numpy).

The scene, the readouts, a video and a lesson step draw a :class:`BiomechFrame`; an
exercise gives one too. Its poses move from the start position to the model's held
pose and back (:mod:`anatomy_viewer.logic.exercise_motion`); its muscles are the
model's efforts in the held pose (:func:`~anatomy_viewer.biomech.exercises.solve_exercise`:
the statics are solved there, and only there), shown all through the movement. The
hip and knee angles follow the movement. What the exercise model does not compute
(pelvic drop, knee angle in the frontal plane, hip joint force) is NaN, and drawn
nowhere.
The single-leg squat is the ``squat`` task itself, solved at every phase
(:meth:`~anatomy_viewer.logic.simulation.Simulation.frame`).
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Final

import numpy as np

from anatomy_viewer.biomech.exercises import ExerciseResult, HipEffort
from anatomy_viewer.biomech.frame import QUANTITY_DECIMALS, BiomechFrame, MuscleOutput, Overlay
from anatomy_viewer.biomech.geometry import FloatArray, cardan_xyz
from anatomy_viewer.biomech.posture import hip_model
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.logic import exercise_motion as motion

#: The overlays an exercise draws: only the muscles' effort (the pelvic level line, the
#: knee's frontal angle and the force arrows are the standing model's).
EXERCISE_OVERLAYS = frozenset({"effort"})
#: Overlay fields that are forces (newtons), not points: a shift leaves them alone.
_FORCES = frozenset({"body_weight", "abductor_force", "other_force", "hip_contact_force"})


def exercise_poses(
    subject: Subject, exercise: str, side: str, phase: float
) -> dict[str, FloatArray]:
    """Segment transforms of ``exercise`` at ``phase`` (working leg ``side``)."""
    share = motion.held_share(phase)
    if exercise == "lateral_band_walk":
        out = motion.band_walk_poses(subject, share)
    else:
        moving = motion.movement(subject, exercise)
        out = motion.lying_poses(subject, moving, share)
        # Centred over the floor as held (the same shift all through the movement).
        held = motion.lying_poses(subject, moving, 1.0)
        p = subject.points
        middle = np.mean(
            [
                _point(held, segment, p[landmark])
                for segment, landmark in (
                    ("pelvis", "hip_r"),
                    ("pelvis", "hip_l"),
                    ("tibia_r", "ankle_r"),
                    ("tibia_l", "ankle_l"),
                )
            ],
            axis=0,
        )
        for t in out.values():
            t[:2, 3] -= middle[:2]
    return out if side == "right" else motion.mirrored(out)


def _muscles(subject: Subject, hip: HipEffort) -> tuple[dict[str, MuscleOutput], dict[str, float]]:
    structures = hip_model(subject).musculature.structures
    suffix = hip.ids[0][-2:]
    muscles = {
        muscle: MuscleOutput(float(force), float(act), structure + suffix)
        for muscle, act, force, structure in zip(
            hip.ids, hip.activation, hip.force_bw, structures, strict=True
        )
    }
    capacity = {m: float(c) for m, c in zip(hip.ids, hip.capacity, strict=True)}
    return muscles, capacity


def _point(transforms: dict[str, FloatArray], segment: str, point: FloatArray) -> FloatArray:
    t = transforms[segment]
    out: FloatArray = t[:3, :3] @ point + t[:3, 3]
    return out


#: The numbers an exercise's frame works out; its other quantities are not a number.
COMPUTED: Final = (
    "hip_flexion_deg",
    "hip_adduction_deg",
    "hip_internal_rotation_deg",
    "knee_flexion_deg",
    "abductor_activation",
    "strength_pct",
)


def exercise_frame(subject: Subject, result: ExerciseResult, phase: float) -> BiomechFrame:
    """The frame of a solved exercise (not the single-leg squat) at ``phase``."""
    exercise, side = result.exercise, result.side
    transforms = exercise_poses(subject, exercise, side, phase)
    p = subject.points
    s, o = side[0], "l" if side == "right" else "r"
    rotation = transforms["pelvis"][:3, :3].T @ transforms[f"femur_{s}"][:3, :3]
    if side == "left":  # angles of a left hip as of its mirror image, a right one
        mirror = np.diag([-1.0, 1.0, 1.0])
        rotation = mirror @ rotation @ mirror
    flexion, adduction, turn = (float(a[0]) for a in cardan_xyz(rotation[None]))
    tibia = transforms[f"femur_{s}"][:3, :3].T @ transforms[f"tibia_{s}"][:3, :3]
    knee = float(np.arctan2(-tibia[1, 2], tibia[2, 2]))  # flexion: rot_x(-knee)
    computed = {
        "hip_flexion_deg": float(np.degrees(flexion)),
        "hip_adduction_deg": float(np.degrees(adduction)),
        "hip_internal_rotation_deg": float(np.degrees(turn)),
        "knee_flexion_deg": float(np.degrees(-knee)),
        "abductor_activation": result.gluteus_medius_effort(),
        "strength_pct": 100.0 * result.strength,
    }
    # Not a number for what the exercise model does not work out (the readouts show "—").
    quantities = {key: float("nan") for key in QUANTITY_DECIMALS} | computed
    muscles, capacity = _muscles(subject, result.working)
    if result.other is not None:
        more, more_capacity = _muscles(subject, result.other)
        muscles.update(more)
        capacity.update(more_capacity)
    zero = np.zeros(3)
    hip = _point(transforms, "pelvis", p[f"hip_{s}"])
    overlay = Overlay(
        asis_stance=_point(transforms, "pelvis", p[f"asis_{s}"]),
        asis_swing=_point(transforms, "pelvis", p[f"asis_{o}"]),
        hip_center=hip,
        knee_center=_point(transforms, f"femur_{s}", p[f"knee_{s}"]),
        ankle_center=_point(transforms, f"tibia_{s}", p[f"ankle_{s}"]),
        center_of_mass=hip,
        body_weight=zero,
        body_weight_lever_end=hip,
        abductor_origin=hip,
        abductor_insertion=hip,
        abductor_force=zero,
        abductor_application=hip,
        abductor_lever_end=hip,
        other_force=zero,
        hip_contact_force=zero,
        itb_proximal=hip,
        itb_trochanter=hip,
        itb_distal=hip,
    )
    return BiomechFrame(
        task=exercise,
        side=side,
        strength=result.strength,
        phase=float(phase),
        compensation="none",
        weaken=result.weaken,
        poses=transforms,
        quantities=quantities,
        ratings={},
        muscles=muscles,
        overlay=overlay,
        capacity=capacity,
    )


def lifted(frame: BiomechFrame, height_m: float) -> BiomechFrame:
    """The same frame moved ``height_m`` up (to set the body on the floor)."""
    up = np.array([0.0, 0.0, height_m])
    poses = {}
    for name, t in frame.poses.items():
        moved = np.array(t, dtype=float)
        moved[..., :3, 3] += up
        poses[name] = moved
    points = {
        f.name: np.asarray(getattr(frame.overlay, f.name), dtype=float)
        + (0.0 if f.name in _FORCES else up)
        for f in fields(frame.overlay)
    }
    return replace(frame, poses=poses, overlay=Overlay(**points))

"""The solver: inputs -> pelvic drop, femoral collapse, poses, forces (pure numpy).

Everything is computed for a right stance leg and mirrored for the left, so the two
sides are exact mirror images. All frames of a call are solved at once (vectorised).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np

from anatomy_viewer.anatomy.catalogue import SEGMENTS
from anatomy_viewer.biomech import muscle, statics, tasks
from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.frame import BiomechFrame, frames_from_arrays
from anatomy_viewer.biomech.geometry import FloatArray, cardan_xyz, mirror_transform
from anatomy_viewer.biomech.kinematics import Stance, pose_stance_leg
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.vocabulary import COMPENSATIONS, SIDES, TASKS

Arrays = dict[str, FloatArray]

#: Soft tissue lateral to the greater trochanter, over which the iliotibial band runs
#: (model choice: 1 cm at 1.75 m).
ITB_CLEARANCE_M: Final = 0.01


def _check(subject: object, task: object, side: object, compensation: object) -> None:
    if not isinstance(subject, Subject):
        raise ModelInputError(f"subject must be a Subject, got {type(subject).__name__}")
    if task not in TASKS:
        raise ModelInputError(f"task must be one of {', '.join(TASKS)}, got {task!r}")
    if side not in SIDES:
        raise ModelInputError(f"side must be one of {', '.join(SIDES)}, got {side!r}")
    if compensation not in COMPENSATIONS:
        raise ModelInputError(
            f"compensation must be one of {', '.join(COMPENSATIONS)}, got {compensation!r}"
        )


def _as_array(name: str, value: object, hint: str) -> FloatArray:
    if isinstance(value, (bool, np.bool_, str)):
        raise ModelInputError(f"{name} must be a number from 0 to 1{hint}, got {value!r}")
    try:
        arr = np.atleast_1d(np.asarray(value, dtype=np.float64))
    except (TypeError, ValueError):
        raise ModelInputError(f"{name} must be a number from 0 to 1{hint}, got {value!r}") from None
    if arr.ndim != 1 or arr.size == 0:
        raise ModelInputError(f"{name} must be a number or a 1-D sequence, got shape {arr.shape}")
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
    if np.any(bad):
        raise ModelInputError(
            f"{name} must be from 0 to 1{hint}, got {float(arr[np.argmax(bad)])!r}"
        )
    return arr


def _fppa(hip: FloatArray, knee: FloatArray, ankle: FloatArray) -> FloatArray:
    """Knee frontal plane projection angle (rad), right leg; > 0 when the knee is medial."""
    u = (hip - knee)[:, [0, 2]]
    v = (ankle - knee)[:, [0, 2]]
    cross = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
    dot = np.sum(u * v, axis=1)
    interior = np.arctan2(np.abs(cross), dot)
    out: FloatArray = -np.sign(cross) * (np.pi - interior)
    return out


def _foot_of_perpendicular(point: FloatArray, a: FloatArray, b: FloatArray) -> FloatArray:
    d = b - a
    t = np.sum((point - a) * d, axis=1) / np.maximum(np.sum(d * d, axis=1), 1e-12)
    out: FloatArray = a + t[:, None] * d
    return out


def _right_stance(
    subject: Subject, task: str, strength: FloatArray, phase: FloatArray, compensation: str
) -> tuple[Arrays, Arrays, Arrays]:
    """Poses, quantities and overlay of a right stance leg, one row per frame."""
    n = phase.shape[0]
    p = subject.points
    height, weight, size = subject.height_m, subject.weight_n, subject.size_moment_nm
    prof = tasks.profile(task, phase)
    load = prof.load
    zero = np.zeros(n)
    hip_r = p["hip_r"]
    origin, insertion = p["abductor_origin_r"], p["abductor_insertion_r"]
    # Gluteus medius line in the frontal plane (neutral pose): straight-line moment arm,
    # shortened by the wrapping factor to the path moment arm the model uses.
    line = (origin - insertion)[[0, 2]]
    rel = (hip_r - insertion)[[0, 2]]
    straight_arm = float(abs(line[0] * rel[1] - line[1] * rel[0]) / np.linalg.norm(line))
    moment_arm = muscle.WRAPPING_FACTOR * straight_arm

    stance = Stance.build(subject, prof, strength, moment_arm)
    abductors = stance.abductors
    # 1. Level pelvis, no lean: the demand, the balance tilt and the capacity there.
    level_tilt = stance.balance_tilt(zero, zero)(stance.lever(zero), zero)
    capacity0 = abductors.capacity(level_tilt)
    demand0 = -load * stance.lever(zero).first_moment(zero) / height
    # 2. Compensation: lean the trunk toward the stance side.
    if compensation == "trunk_lean":
        lean = statics.lean_angle(
            demand0, capacity0, stance.hat_height / height, load, float(hip_r[0]) / height
        )
    else:
        lean = zero
    lever = stance.lever(lean)
    # 3. Squat control: collapse in proportion to the effort with the pelvis level.
    demand_level = -load * lever.first_moment(zero) / height
    effort = np.where(
        capacity0 > 1e-12,
        np.minimum(demand_level / np.maximum(capacity0, 1e-12), statics.MAX_EFFORT),
        statics.MAX_EFFORT,
    )
    drop_ctrl, femur_add, femur_rot = statics.squat_collapse(effort, prof.depth)
    drop_ctrl = np.maximum(drop_ctrl, load * statics.effort_sag(effort))
    # 4. Equilibrium: the drop at which muscle and passive tissue hold the body. It is
    # solved for the leg before the squat's collapse, so that only the capacity depends
    # on strength and a weaker muscle can never give a smaller drop.
    level_tilt_of = stance.balance_tilt(zero, zero)

    def adduction(drop: FloatArray) -> FloatArray:
        out: FloatArray = level_tilt_of(lever, drop) + drop
        return out

    drop_eq = statics.pelvic_drop(lever, abductors, load, adduction)
    drop = np.maximum(drop_eq, drop_ctrl)
    saturated = (drop_eq > 0.0) & (drop_eq >= drop_ctrl)
    tilt = stance.balance_tilt(femur_add, femur_rot)(lever, drop)
    add = tilt + drop + femur_add

    posed = pose_stance_leg(subject, stance, drop, tilt, femur_add, femur_rot, lean)
    rp, rf, rt = posed.pelvis_rotation, posed.femur_rotation, posed.tibia_rotation
    hip_flex, hip_add, hip_rot = cardan_xyz(np.transpose(rp, (0, 2, 1)) @ rf)
    knee_flex = -cardan_xyz(np.transpose(rf, (0, 2, 1)) @ rt)[0]

    # 5. Forces in the final posture. Where the pelvis had to drop to find equilibrium the
    # muscle gives all it has and passive tissue takes the rest; elsewhere the tissue
    # carries what the posture stretches it to (at most the demand: in the squat's
    # collapse the hip may adduct past the static equilibrium) and the muscle the rest.
    demand = np.maximum(-load * lever.first_moment(drop) / height, 0.0)
    capacity = abductors.capacity(add)
    tissue_full = muscle.passive_tissue_moment(add, abductors.flexion)
    fibres_full = abductors.passive_moment(add) - tissue_full
    active = np.where(saturated, np.minimum(capacity, demand), 0.0)
    tissue = np.minimum(tissue_full, demand - active)
    fibres = np.minimum(fibres_full, demand - active - tissue)
    active = np.where(saturated, active, np.clip(demand - tissue - fibres, 0.0, capacity))
    activation = np.where(
        saturated, 1.0, np.where(capacity > 1e-12, active / np.maximum(capacity, 1e-12), 0.0)
    )
    arm_factor = abductors.arm_factor(add)
    arm = moment_arm * arm_factor
    force = (active + fibres) * size / arm
    o_w = posed.apply("pelvis", origin)
    i_w = posed.apply("femur_r", insertion)
    u = (o_w - i_w) / np.linalg.norm(o_w - i_w, axis=1)[:, None]
    abductor_vec = force[:, None] * u
    hip_w = posed.hip
    # The effective line of action: parallel to the drawn muscle line, at the path
    # moment arm from the hip centre (the muscle wraps over the trochanter).
    foot = _foot_of_perpendicular(hip_w, i_w, o_w)
    toward_hip = hip_w - foot
    shift = toward_hip * (1.0 - arm / np.maximum(np.linalg.norm(toward_hip, axis=1), 1e-9))[:, None]
    application = i_w + shift

    lateral = np.array([ITB_CLEARANCE_M * height / 1.75, 0.0, 0.0])
    itb_p = posed.apply("pelvis", p["crest_r"])
    itb_w = posed.apply("femur_r", p["trochanter_r"] + lateral)
    itb_d = posed.apply("tibia_r", p["gerdy_r"])
    # Band excursion = its moment arm x hip adduction (the tendon-excursion relation).
    itb0 = (p["trochanter_r"] + lateral - p["crest_r"])[[0, 2]]
    itb_rel = (hip_r - p["crest_r"])[[0, 2]]
    itb_arm0 = float(abs(itb0[0] * itb_rel[1] - itb0[1] * itb_rel[0]) / np.linalg.norm(itb0))
    length0 = float(
        np.linalg.norm(p["trochanter_r"] + lateral - p["crest_r"])
        + np.linalg.norm(p["gerdy_r"] - p["trochanter_r"] - lateral)
    )
    itb_strain = itb_arm0 * arm_factor * add / length0
    itb_force = muscle.ITB_SHARE * tissue * size
    itb_force = itb_force / (itb_arm0 * arm_factor)
    itb_dir = (itb_w - itb_p) / np.linalg.norm(itb_w - itb_p, axis=1)[:, None]
    body_vec = np.zeros((n, 3))
    body_vec[:, 2] = -load * statics.MASS_FRACTION_ABOVE * weight
    contact = body_vec - abductor_vec + itb_force[:, None] * itb_dir

    com = posed.center_of_mass_above()
    lever_end = np.column_stack([com[:, 0], hip_w[:, 1], hip_w[:, 2]])
    asis_s = posed.apply("pelvis", p["asis_r"])
    asis_w = posed.apply("pelvis", p["asis_l"])
    rise = asis_s[:, 2] - asis_w[:, 2]

    quantities = {
        "pelvic_drop_deg": np.degrees(np.arctan2(rise, asis_s[:, 0] - asis_w[:, 0])),
        "pelvic_drop_cm": 100.0 * rise,
        "trunk_lean_deg": np.degrees(lean),
        "hip_adduction_deg": np.degrees(hip_add),
        "hip_internal_rotation_deg": np.degrees(hip_rot),
        "knee_flexion_deg": np.degrees(knee_flex),
        "knee_fppa_deg": np.degrees(_fppa(hip_w, posed.knee, posed.ankle)),
        "abductor_force_bw": force / weight,
        "abductor_activation": activation,
        "hip_contact_force_bw": np.linalg.norm(contact, axis=1) / weight,
        "itb_strain_pct": 100.0 * itb_strain,
        "body_weight_lever_arm_cm": 100.0 * (hip_w[:, 0] - com[:, 0]),
        "abductor_moment_arm_cm": 100.0 * arm,
        "swing_hip_abduction_deg": np.degrees(posed.swing_abduction + drop),
        "hip_flexion_deg": np.degrees(hip_flex),
    }
    overlay = {
        "asis_stance": asis_s,
        "asis_swing": asis_w,
        "hip_center": hip_w,
        "knee_center": posed.knee,
        "ankle_center": posed.ankle,
        "center_of_mass": com,
        "body_weight": body_vec,
        "body_weight_lever_end": lever_end,
        "abductor_origin": o_w,
        "abductor_insertion": i_w,
        "abductor_force": abductor_vec,
        "abductor_application": application,
        "abductor_lever_end": foot + shift,
        "hip_contact_force": contact,
        "itb_proximal": itb_p,
        "itb_trochanter": itb_w,
        "itb_distal": itb_d,
    }
    return posed.transforms, quantities, overlay


def _solve_arrays(
    subject: Subject,
    task: str,
    side: str,
    strength: FloatArray,
    phase: FloatArray,
    compensation: str,
) -> tuple[Arrays, Arrays, Arrays]:
    poses, quantities, overlay = _right_stance(subject, task, strength, phase, compensation)
    if side == "left":
        swap = {"_r": "_l", "_l": "_r"}
        poses = {
            (name[:-2] + swap[name[-2:]] if name[-2:] in swap else name): mirror_transform(t)
            for name, t in poses.items()
        }
        flip = np.array([-1.0, 1.0, 1.0])
        overlay = {k: v * flip for k, v in overlay.items()}
    for key, value in quantities.items():
        quantities[key] = np.nan_to_num(value, nan=0.0, posinf=0.0, neginf=0.0)
    return {s: poses[s] for s in SEGMENTS}, quantities, overlay


def solve(
    subject: Subject,
    task: str = "stance",
    side: str = "right",
    strength: float = 1.0,
    phase: float = 0.5,
    compensation: str = "none",
) -> BiomechFrame:
    """Solve one frame.

    Parameters
    ----------
    subject
        The person (:meth:`Subject.default` or :meth:`Subject.from_landmarks`).
    task
        ``"stance"``, ``"squat"`` or ``"abduction"``.
    side
        Stance side, ``"right"`` or ``"left"``.
    strength
        Hip abductor strength as a **fraction** of normal, 0..1 (the UI and the command
        line speak percent and divide by 100).
    phase
        Phase of the movement, 0..1 (0.5: deepest point of the squat).
    compensation
        ``"none"`` or ``"trunk_lean"``.

    Raises
    ------
    ModelInputError
        For any input out of range.
    """
    return solve_cycle(subject, task, side, strength, [phase], compensation)[0]


def solve_cycle(
    subject: Subject,
    task: str,
    side: str,
    strength: float,
    phases: Sequence[float] | FloatArray,
    compensation: str = "none",
) -> list[BiomechFrame]:
    """Solve many phases at once (vectorised): a whole animation cycle in one call."""
    _check(subject, task, side, compensation)
    s = _as_array("strength", strength, " (a fraction; divide percent by 100)")
    if s.size != 1:
        raise ModelInputError("strength must be a single number in solve_cycle")
    ph = _as_array("phase", phases, "")
    st = np.full(ph.shape, float(s[0]))
    poses, quantities, overlay = _solve_arrays(subject, task, side, st, ph, compensation)
    return frames_from_arrays(
        task=task,
        side=side,
        compensation=compensation,
        strength=st,
        phase=ph,
        poses=poses,
        quantities=quantities,
        overlay=overlay,
    )


def sweep_strength(
    subject: Subject,
    task: str = "stance",
    side: str = "right",
    phase: float = 0.5,
    compensation: str = "none",
    strengths: Sequence[float] | FloatArray | None = None,
) -> dict[str, FloatArray]:
    """Quantities against strength, for the chart of pelvic drop and FPPA.

    ``strengths`` are fractions 0..1 (default: 0 to 1 in steps of 0.01). Returns
    ``{"strength": ..., "strength_pct": ..., <each quantity>: ...}`` as 1-D arrays.
    """
    _check(subject, task, side, compensation)
    grid = np.linspace(0.0, 1.0, 101) if strengths is None else strengths
    s = _as_array("strength", grid, " (fractions; divide percent by 100)")
    ph = _as_array("phase", phase, "")
    if ph.size != 1:
        raise ModelInputError("phase must be a single number in sweep_strength")
    _, quantities, _ = _solve_arrays(
        subject, task, side, s, np.full(s.shape, float(ph[0])), compensation
    )
    return {"strength": s, "strength_pct": 100.0 * s, **quantities}


__all__ = ["solve", "solve_cycle", "sweep_strength"]

"""The exercise library: each muscle's effort in each exercise (pure numpy).

Each exercise is the statics of one held pose (:mod:`exercise_poses`), solved with the
model's static optimisation at the working hip (:func:`hip_equilibrium`, least
``sum(a**2)``): activation is the fraction of each muscle's capacity in use, not EMG.
Two exercises reuse the standing model: the lateral band walk is one-legged stance in
a half squat with the band pulling the lifted ankle toward the standing one, and the
single-leg squat is the ``squat`` task at its deepest point (phase 0.5), solved by the
full solver (pelvis allowed to drop where the muscles cannot hold it level).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech import exercise_poses as poses
from anatomy_viewer.biomech import tasks
from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.geometry import FloatArray
from anatomy_viewer.biomech.kinematics import MASS_FRACTION_ABOVE, Stance, pose_stance_leg
from anatomy_viewer.biomech.muscle_table import WEAKENED_MUSCLES
from anatomy_viewer.biomech.optimization import least_squares_activations
from anatomy_viewer.biomech.paths import hip_rotation_derivatives
from anatomy_viewer.biomech.posture import HipModel, hip_model, stance_state
from anatomy_viewer.biomech.statics import gravity_moment, hip_equilibrium, point_force_moment
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.biomech.tasks import (
    SQUAT_PELVIC_TILT_SHARE,
    SQUAT_TIBIA_SHARE,
    SQUAT_TRUNK_SHARE,
    TaskProfile,
)
from anatomy_viewer.vocabulary import EXERCISES, SIDES, WEAKEN

#: Lateral band walk: half squat with knees bent 30 deg (thigh and shank sharing it as in
#: the squat task), the leading leg stepped out 20 deg; the band around the ankles pulls
#: with 30 N (about 3 kg, a firm band stretched well past its rest length). All three
#: are assumptions: measure a patient's band to use its own pull.
BAND_KNEE_FLEXION_DEG: Final = 30.0
BAND_STEP_ABDUCTION_DEG: Final = 20.0
BAND_TENSION_N: Final = 30.0
#: Largest equation residual (relative to the largest moment) accepted as "holds".
HOLD_TOLERANCE: Final = 1e-6
#: Below this TFL activation the gluteal-to-TFL ratio is not given (TFL at rest).
TFL_AT_REST: Final = 0.005

#: The single-leg squat is the ``squat`` task at its deepest point: knee 60 deg, hip
#: flexed 45 deg (see :mod:`anatomy_viewer.biomech.tasks`).
SQUAT_DEEPEST_PHASE: Final = 0.5

GLUTEUS_MEDIUS: Final = WEAKENED_MUSCLES["gluteus_medius"]


@dataclass(frozen=True)
class HipEffort:
    """One hip's muscles in one exercise.

    Attributes
    ----------
    ids
        Muscle ids with the side suffix, in the musculature's order.
    activation, force_bw, capacity
        Per muscle: activation 0..1, force along the muscle (active and passive) in
        multiples of body weight, force at full activation after weakening (N).
    moment_nm
        ``(3,)`` what the muscles must balance about flexion, adduction and internal
        rotation (gravity, supports, band, passive tissue; N m; NaN for the squat, whose
        numbers are the ``squat`` task's).
    shortfall_nm
        The moment left unbalanced where the muscles cannot hold the pose; 0 otherwise.
    """

    ids: tuple[str, ...]
    activation: FloatArray
    force_bw: FloatArray
    capacity: FloatArray
    moment_nm: FloatArray
    shortfall_nm: float = 0.0


@dataclass(frozen=True)
class ExerciseResult:
    """What ``model --task EXERCISE`` reports.

    Attributes
    ----------
    exercise, side, strength, weaken
        The inputs (``side`` names the working leg; strength a fraction 0..1).
    working, other
        The working hip, and the other hip where it works too (the side plank with
        abduction's top leg), at full strength.
    supports_bw
        Support reactions in multiples of body weight.
    angles_deg
        The working hip's flexion, adduction and internal rotation, and knee flexion.
    lying
        Where the body lies, in words.
    subject_size_nm
        Body weight x height (N m), the unit of ``hip_moment_pct_bw_height``.
    """

    exercise: str
    side: str
    strength: float
    weaken: str
    working: HipEffort
    other: HipEffort | None
    supports_bw: dict[str, float]
    angles_deg: dict[str, float]
    lying: str
    subject_size_nm: float

    @property
    def holds(self) -> bool:
        """Whether the working hip's muscles can balance the pose (at this strength)."""
        return self.working.shortfall_nm == 0.0

    def gluteus_medius_effort(self) -> float:
        """Gluteus medius force as a fraction of its capacity (its three parts together)."""
        return group_effort(self.working, GLUTEUS_MEDIUS)

    def gluteal_to_tfl_ratio(self) -> float | None:
        """Mean of gluteus medius and superior gluteus maximus effort over TFL activation.

        ``None`` where TFL is at rest (below :data:`TFL_AT_REST`).
        """
        tfl = group_effort(self.working, ("tensor_fasciae_latae",))
        if tfl < TFL_AT_REST:
            return None
        gluteal = 0.5 * (
            self.gluteus_medius_effort() + group_effort(self.working, ("gluteus_maximus_superior",))
        )
        return gluteal / tfl


def group_effort(hip: HipEffort, group: tuple[str, ...]) -> float:
    """Force over capacity of the muscles in ``group`` (ids without side) together."""
    picked = [i for i, m in enumerate(hip.ids) if m[:-2] in group]
    capacity = hip.capacity[picked]
    if float(capacity.sum()) <= 0.0:
        return 0.0
    return float((hip.activation[picked] * capacity).sum() / capacity.sum())


def _strength(model: HipModel, strength: float, weaken: str) -> FloatArray:
    weakened = np.array([m in WEAKENED_MUSCLES[weaken] for m in model.musculature.ids])
    out: FloatArray = np.where(weakened, strength, 1.0)
    return out


def _spins(angles: FloatArray) -> FloatArray:
    """``(3, 3)``: column ``q`` is the femur's angular velocity per unit rate of hip
    coordinate ``q`` (pelvis frame); a moment ``M`` does ``M . spin_q`` on ``q``."""
    rotation, derivative = hip_rotation_derivatives(angles[None])
    columns = []
    for q in range(3):
        skew = derivative[0, :, :, q] @ rotation[0].T
        columns.append([skew[2, 1], skew[0, 2], skew[1, 0]])
    out: FloatArray = np.array(columns).T
    return out


def resting_rows(angles: FloatArray, resting: FloatArray) -> FloatArray:
    """``(2, 3)``: the equations a resting contact leaves to the muscles.

    Each row turns the hip's generalised forces into the moment about one direction
    perpendicular to ``resting`` (the only direction the contact's moment can take).
    """
    _, _, basis = np.linalg.svd((resting / np.linalg.norm(resting))[None])
    out: FloatArray = np.asarray(np.linalg.solve(_spins(angles), basis[1:].T).T, dtype=np.float64)
    return out


def _solve_hip(
    model: HipModel, load: poses.HipLoad, scale: FloatArray, suffix: str
) -> tuple[HipEffort, float]:
    """Least-effort activations of one hip holding ``load``, and the resting contact's
    push (N; 0 without one).

    Where the muscles cannot balance it, the activations are the solver's closest
    approach and ``shortfall_nm`` the moment left unbalanced.
    """
    eq = hip_equilibrium(
        model.musculature,
        model.tissue,
        load.angles[None],
        np.array([load.knee_flexion]),
        scale,
        load.external[None],
    )
    moments, required = eq.moments, eq.required
    push = 0.0
    if load.resting is not None:
        rows = resting_rows(load.angles, load.resting)
        resting = least_squares_activations(
            np.einsum("kq,nqm->nkm", rows, moments), np.einsum("kq,nq->nk", rows, required)
        )
        # What muscles, passive tissue and loads leave over is the contact's moment.
        left = eq.moments[0] @ resting.activation[0] - eq.required[0]
        moment = np.linalg.solve(_spins(load.angles).T, -left)
        push = float(moment @ load.resting / (load.resting @ load.resting))
        if push >= 0.0:
            moments = np.einsum("kq,nqm->nkm", rows, moments)
            required = np.einsum("kq,nq->nk", rows, required)
        else:
            # A resting foot cannot pull: it carries nothing (it just touches) and the
            # muscles balance all three directions (the convex problem's optimum with
            # the push at its bound).
            push = 0.0
    solution = least_squares_activations(moments, required)
    size = max(float(np.max(np.abs(moments))), 1.0)
    residual = float(solution.residual[0])
    activation = solution.activation[0]
    force = activation * eq.capacity[0] + eq.passive[0]
    effort = HipEffort(
        ids=tuple(m + suffix for m in model.musculature.ids),
        activation=activation,
        force_bw=force / model.subject.weight_n,
        capacity=eq.capacity[0],
        moment_nm=-eq.required[0],
        shortfall_nm=residual if residual > HOLD_TOLERANCE * size else 0.0,
    )
    return effort, push


def band_walk_profile(share: float) -> tuple[TaskProfile, FloatArray]:
    """The band walk ``share`` (0..1) of the way into its held pose: the standing leg's
    half squat (the squat's shares of the knee's bend) and the stepping leg's abduction."""
    one = np.ones(1)
    zero = np.zeros(1)
    knee = share * math.radians(BAND_KNEE_FLEXION_DEG) * one
    tibia = SQUAT_TIBIA_SHARE * knee
    prof = TaskProfile(
        load=one,
        gravity=one,
        depth=zero,
        knee_flexion=knee,
        tibia_tilt=tibia,
        femur_tilt=knee - tibia,
        pelvic_tilt=SQUAT_PELVIC_TILT_SHARE * knee,
        trunk_tilt=SQUAT_TRUNK_SHARE * knee,
        swing_hip_flexion=0.75 * knee,
        swing_knee_flexion=knee,
        swing_abduction=zero,
        swing_foot_pitch=zero,
    )
    return prof, share * math.radians(BAND_STEP_ABDUCTION_DEG) * one


def band_walk_pose(
    model: HipModel, scale: FloatArray, tension_n: float = BAND_TENSION_N
) -> poses.ExercisePose:
    """One-legged stance in a half squat, the band pulling the stepping ankle back.

    The pelvis is held level (an exercise done well); the standing leg leans, as in the
    standing tasks, until the centre of mass is over the foot. The band acts on the
    lifted leg, so it loads the standing hip from the pelvis side.
    """
    subject = model.subject
    zero = np.zeros(1)
    prof, step = band_walk_profile(1.0)
    knee = prof.knee_flexion
    stance = Stance.build(subject, prof, step)
    state = stance_state(model, stance, zero, zero, scale)
    posed = pose_stance_leg(stance, zero, zero)
    p = subject.points
    lifted = posed.apply("tibia_l", p["ankle_l"])
    standing = posed.apply("tibia_r", p["ankle_r"])
    pull = standing - lifted
    force = tension_n * pull / np.linalg.norm(pull, axis=1, keepdims=True)
    band = point_force_moment(state.pelvis, state.femur, lifted - posed.hip, force, "pelvis")
    weight = np.array([subject.weight_n * MASS_FRACTION_ABOVE])
    gravity = gravity_moment(state.pelvis, state.femur, state.upper_com, weight, "pelvis")
    load = poses.HipLoad(state.angles[0], float(knee[0]), (gravity + band)[0])
    return poses.ExercisePose(load, None, {}, "standing on the working leg", np.eye(3))


def _pose(model: HipModel, exercise: str, scale: FloatArray) -> poses.ExercisePose:
    subject = model.subject
    if exercise == "side_lying_abduction":
        return poses.side_lying_abduction(subject)
    if exercise == "clamshell":
        return poses.clamshell(subject)
    if exercise == "side_plank":
        return poses.side_plank(subject)
    if exercise == "side_plank_abduction":
        return poses.side_plank(subject, poses.PLANK_TOP_ABDUCTION_DEG)
    if exercise == "single_leg_bridge":
        return poses.single_leg_bridge(subject)
    return band_walk_pose(model, scale)


def _squat(subject: Subject, side: str, strength: float, weaken: str) -> ExerciseResult:
    """The ``squat`` task at its deepest point, by the full solver."""
    from anatomy_viewer.biomech.solver import solve

    frame = solve(subject, "squat", side, strength, SQUAT_DEEPEST_PHASE, weaken=weaken)
    ids = tuple(frame.muscles)
    working = HipEffort(
        ids=ids,
        activation=np.array([frame.muscles[m].activation for m in ids]),
        force_bw=np.array([frame.muscles[m].force_bw for m in ids]),
        capacity=np.array([frame.capacity[m] for m in ids]),
        moment_nm=np.full(3, np.nan),
    )
    q = frame.quantities
    prof = tasks.profile("squat", np.array([SQUAT_DEEPEST_PHASE]))
    angles = {
        "hip_flexion_deg": float(np.degrees(prof.femur_tilt + prof.pelvic_tilt)[0]),
        "hip_adduction_deg": float(q["hip_adduction_deg"]),
        "hip_internal_rotation_deg": float(q["hip_internal_rotation_deg"]),
        "knee_flexion_deg": float(q["knee_flexion_deg"]),
    }
    return ExerciseResult(
        exercise="single_leg_squat",
        side=side,
        strength=strength,
        weaken=weaken,
        working=working,
        other=None,
        supports_bw={},
        angles_deg=angles,
        lying="standing on the working leg",
        subject_size_nm=subject.size_moment_nm,
    )


def solve_exercise(
    subject: Subject,
    exercise: str,
    side: str = "right",
    strength: float = 1.0,
    weaken: str = "gluteus_medius",
) -> ExerciseResult:
    """Each muscle's effort in one exercise.

    Parameters
    ----------
    subject
        The person.
    exercise
        One of :data:`anatomy_viewer.vocabulary.EXERCISES`.
    side
        The working leg (see each exercise's ``working`` text); the other side mirrors.
    strength, weaken
        Strength (fraction 0..1) of the weakened muscle or group, as in :func:`solve`.

    Raises
    ------
    ModelInputError
        For an unknown exercise, side or weakening, a strength out of 0..1, or a
        strength at which the hip cannot hold the pose.
    """
    if exercise not in EXERCISES:
        raise ModelInputError(f"exercise must be one of {', '.join(EXERCISES)}, got {exercise!r}")
    if side not in SIDES:
        raise ModelInputError(f"side must be one of {', '.join(SIDES)}, got {side!r}")
    if weaken not in WEAKEN:
        raise ModelInputError(f"weaken must be one of {', '.join(WEAKEN)}, got {weaken!r}")
    if isinstance(strength, bool) or not 0.0 <= float(strength) <= 1.0:
        raise ModelInputError(f"strength must be a fraction from 0 to 1, got {strength!r}")
    strength = float(strength)
    if exercise == "single_leg_squat":
        return _squat(subject, side, strength, weaken)
    model = hip_model(subject)
    scale = _strength(model, strength, weaken)
    pose = _pose(model, exercise, scale)
    own, opposite = ("_r", "_l") if side == "right" else ("_l", "_r")
    working, push = _solve_hip(model, pose.working, scale, own)
    supports = dict(pose.supports_bw)
    if pose.working.resting is not None:
        supports["resting_foot"] = push / subject.weight_n
    # The other hip is at full strength: only the working side is weakened.
    other = None
    if pose.other is not None:
        other, _ = _solve_hip(model, pose.other, np.ones_like(scale), opposite)
    a = np.degrees(pose.working.angles)
    angles = {
        "hip_flexion_deg": float(a[0]),
        "hip_adduction_deg": float(a[1]),
        "hip_internal_rotation_deg": float(a[2]),
        "knee_flexion_deg": float(np.degrees(pose.working.knee_flexion)),
    }
    return ExerciseResult(
        exercise,
        side,
        strength,
        weaken,
        working,
        other,
        supports,
        angles,
        pose.lying,
        subject.size_moment_nm,
    )

"""The poses of the exercise library and the loads they put on the hip (pure numpy).

Each exercise is a still pose at the point of the movement where it is held: the
statics of that pose under gravity (and, in the lateral band walk, the band's pull).
Every pose is built in the body's own standing frame (RAS, the neutral pose of the
anatomy) and then laid in the world by one rotation ``body``, so gravity always points
down the world's -z. The working hip is a right hip; a left one is its mirror image.

Segment masses and centres of mass are Winter's (*Biomechanics and Motor Control of
Human Movement*, table 4.1, as the rest of the model); shoulder width (0.259 x height),
shoulder height (0.818 x height) and upper-arm length (0.186 x height) are the segment
proportions of Drillis and Contini reproduced in the same book (fig. 4.1). Joint angles
not given by a source are labelled as assumptions where they are set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import MIRROR_X, FloatArray, cardan_xyz, rot_axis, rot_x, rot_y
from anatomy_viewer.biomech.kinematics import MASS_FRACTION_LEG, leg_center_of_mass
from anatomy_viewer.biomech.paths import hip_rotation
from anatomy_viewer.biomech.statics import gravity_moment, point_force_moment
from anatomy_viewer.biomech.subject import (
    HAT_COM_ABOVE_HIP_PER_HEIGHT,
    MASS_FRACTION_HAT,
    Subject,
)

#: Segment proportions of Drillis and Contini (Winter, fig. 4.1), fractions of height.
SHOULDER_WIDTH_PER_HEIGHT: Final = 0.259
SHOULDER_HEIGHT_PER_HEIGHT: Final = 0.818
UPPER_ARM_PER_HEIGHT: Final = 0.186

#: Side-lying hip abduction: the top leg lifted 30 deg, hip neither flexed nor rotated,
#: knee straight (DiStefano et al. 2009, JOSPT 39:532, describe the lift with the knee
#: straight and the hip in neutral to slight extension; the 30 deg is an assumption).
SIDE_LYING_ABDUCTION_DEG: Final = 30.0
#: Clamshell: hips bent 45 deg and knees 90 deg, feet together, the top knee opened by
#: turning the leg 40 deg about the line from the hip to the ankle (the position as
#: commonly taught, e.g. Selkowitz et al. 2013, JOSPT 43:54; the angles are assumptions).
CLAM_HIP_FLEXION_DEG: Final = 45.0
CLAM_KNEE_FLEXION_DEG: Final = 90.0
CLAM_OPENING_DEG: Final = 40.0
#: Single-leg bridge: knee bent 90 deg at the top (an assumption, see the function).
BRIDGE_KNEE_FLEXION_DEG: Final = 90.0
#: Side plank with hip abduction: the top leg lifted 30 deg (an assumption).
PLANK_TOP_ABDUCTION_DEG: Final = 30.0


@dataclass(frozen=True, eq=False)
class HipLoad:
    """One right hip in one exercise pose.

    Attributes
    ----------
    angles
        ``(3,)`` hip flexion, adduction and internal rotation (rad).
    knee_flexion
        Knee flexion of that leg (rad).
    external
        ``(3,)`` generalised force of gravity, supports and band about the hip's three
        coordinates (N m).
    resting
        ``None``, or ``r x up`` (pelvis frame) for a leg resting by a frictionless point
        ``r`` (from the hip centre) on a support that pushes along ``up``: the support's
        moment about the hip can only lie along it, with any size; the muscles balance
        the other two directions.
    """

    angles: FloatArray
    knee_flexion: float
    external: FloatArray
    resting: FloatArray | None = None


@dataclass(frozen=True, eq=False)
class ExercisePose:
    """The loads of one exercise: the working hip, the other hip when it works too, the
    support reactions (fractions of body weight), where the body lies (in words) and
    ``body``, the rotation that lays the standing body in the world (gravity along -z)."""

    working: HipLoad
    other: HipLoad | None
    supports_bw: dict[str, float]
    lying: str
    body: FloatArray


def _deg(value: float) -> float:
    return math.radians(value)


def _one(rotation: FloatArray) -> FloatArray:
    """A single rotation matrix from a stack of one."""
    out: FloatArray = rotation[0]
    return out


def _rx(angle: float) -> FloatArray:
    return _one(rot_x(np.array([angle])))


def _ry(angle: float) -> FloatArray:
    return _one(rot_y(np.array([angle])))


def _femur(flexion: float, adduction: float, rotation: float = 0.0) -> FloatArray:
    return _one(hip_rotation(np.array([flexion]), np.array([adduction]), np.array([rotation])))


def _angles(femur: FloatArray) -> FloatArray:
    flex, add, rot = cardan_xyz(femur[None])
    return np.array([flex[0], add[0], rot[0]])


def leg_points(
    subject: Subject, femur: FloatArray, knee_flexion: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Knee, ankle and centre of mass of a right leg from its hip centre (body frame, m).

    ``femur`` is the thigh's rotation from the neutral pose (pelvis held in neutral);
    the foot's mass is placed at the ankle.
    """
    p = subject.points
    knee = femur @ (p["knee_r"] - p["hip_r"])
    ankle = knee + femur @ _rx(-knee_flexion) @ (p["ankle_r"] - p["knee_r"])
    return knee, ankle, leg_center_of_mass(knee, ankle)


def _leg_gravity(
    subject: Subject, body: FloatArray, femur: FloatArray, com: FloatArray
) -> FloatArray:
    """Generalised gravity force of a right leg's weight about its hip (pelvis neutral)."""
    weight = np.array([subject.weight_n * MASS_FRACTION_LEG])
    out: FloatArray = gravity_moment(
        body[None], (body @ femur)[None], (body @ com)[None], weight, "femur"
    )[0]
    return out


def _force_on_leg(
    body: FloatArray, femur: FloatArray, point: FloatArray, force: FloatArray
) -> FloatArray:
    """Generalised force of a world ``force`` at a point of the right leg (body frame)."""
    out: FloatArray = point_force_moment(
        body[None], (body @ femur)[None], (body @ point)[None], force[None], "femur"
    )[0]
    return out


def side_lying_abduction(subject: Subject) -> ExercisePose:
    """Lying on the other side, the top (working) leg lifted: it holds its own weight.

    The pelvis is held still by the trunk and the bottom leg on the floor (assumption).
    """
    body = _ry(-math.pi / 2.0)  # the right side up
    femur = _femur(0.0, -_deg(SIDE_LYING_ABDUCTION_DEG))
    _, _, com = leg_points(subject, femur, 0.0)
    load = HipLoad(_angles(femur), 0.0, _leg_gravity(subject, body, femur, com))
    return ExercisePose(load, None, {}, "on the other side", body)


def clamshell(subject: Subject) -> ExercisePose:
    """Lying on the other side, knees bent, the top knee opened with the feet together.

    The top ankle rests on the bottom one and stays there, so the leg turns about the
    line from the hip centre to the ankle. The contact is a frictionless point under the
    ankle (an assumption): it pushes straight up, as hard as the muscles' balance needs
    (``supports_bw``), and the muscles balance the moments about the other two
    directions, the hip-ankle line among them. It cannot pull: where least effort would
    need a pull, it carries nothing (the foot just touches) and the muscles balance all
    three.
    """
    body = _ry(-math.pi / 2.0)
    knee_flexion = _deg(CLAM_KNEE_FLEXION_DEG)
    start = _femur(_deg(CLAM_HIP_FLEXION_DEG), 0.0)
    _, ankle, _ = leg_points(subject, start, knee_flexion)
    axis = ankle / np.linalg.norm(ankle)
    # Open the knee upward: toward +x of the body, which lies up.
    turns = [_one(rot_axis(axis, np.array([s * _deg(CLAM_OPENING_DEG)]))) @ start for s in (1, -1)]
    femur = max(turns, key=lambda f: float(leg_points(subject, f, knee_flexion)[0][0]))
    _, _, com = leg_points(subject, femur, knee_flexion)
    external = _leg_gravity(subject, body, femur, com)
    up = body.T @ np.array([0.0, 0.0, 1.0])  # the world's up in the pelvis frame
    load = HipLoad(_angles(femur), knee_flexion, external, resting=np.cross(ankle, up))
    return ExercisePose(load, None, {}, "on the other side", body)


def _body_points(subject: Subject) -> dict[str, FloatArray]:
    p = subject.points
    h = subject.height_m
    hip_mid = 0.5 * (p["hip_r"] + p["hip_l"])
    return {
        "hat": hip_mid + np.array([0.0, 0.0, HAT_COM_ABOVE_HIP_PER_HEIGHT * h]),
        "shoulder_r": np.array(
            [0.5 * SHOULDER_WIDTH_PER_HEIGHT * h, 0.0, SHOULDER_HEIGHT_PER_HEIGHT * h]
        ),
    }


def side_plank(subject: Subject, top_abduction_deg: float = 0.0) -> ExercisePose:
    """Side plank on the forearm, the working side down; optionally the top leg lifted.

    The body is one rigid piece (the trunk's muscles hold the spine straight: an
    assumption) on two supports: the bottom elbow, under the shoulder with the upper
    arm vertical, and the bottom foot. The supports push straight up (no friction), so
    the weight splits between them by moment balance along the body; its balance front
    to back (the body rolling forward or back) is left to the trunk and is not modelled.
    Cutting at the bottom (working) hip, its leg carries its weight, the foot's push and,
    with the legs stacked, the share of the top leg that rests on it (the top leg a beam
    between its hip and its ankle on the bottom one, its hip muscles relaxed: an
    assumption). Lifted, the top leg hangs on its own hip, whose muscles hold it.
    """
    p = subject.points
    h = subject.height_m
    points = _body_points(subject)
    lifted = top_abduction_deg > 0.0
    femur_top_r = _femur(0.0, -_deg(top_abduction_deg))  # the top leg, mirrored onto a right one
    _, ankle_r, com_r = leg_points(subject, np.eye(3), 0.0)
    _, ankle_top_r, com_top_r = leg_points(subject, femur_top_r, 0.0)
    com_l, ankle_l = MIRROR_X @ com_top_r, MIRROR_X @ ankle_top_r
    foot = p["hip_r"] + ankle_r
    shoulder = points["shoulder_r"]
    # Lay the body on its right side and raise the shoulder an upper arm's length above
    # the floor: the world height of (shoulder - foot) after a turn about y.
    dx, dz = (shoulder - foot)[0], (shoulder - foot)[2]
    lift = UPPER_ARM_PER_HEIGHT * h
    beta = math.acos(lift / math.hypot(dx, dz)) - math.atan2(dx, dz)
    body = _ry(beta)
    mass = {
        "hat": MASS_FRACTION_HAT,
        "leg_r": MASS_FRACTION_LEG,
        "leg_l": MASS_FRACTION_LEG,
    }
    where = {"hat": points["hat"], "leg_r": p["hip_r"] + com_r, "leg_l": p["hip_l"] + com_l}
    x = {k: float((body @ v)[0]) for k, v in where.items()}
    x_foot, x_elbow = float((body @ foot)[0]), float((body @ shoulder)[0])
    total = sum(mass.values())
    x_com = sum(mass[k] * x[k] for k in mass) / total
    elbow = total * (x_com - x_foot) / (x_elbow - x_foot)
    foot_share = total - elbow
    w = subject.weight_n
    external = _leg_gravity(subject, body, np.eye(3), com_r)
    external += _force_on_leg(body, np.eye(3), ankle_r, np.array([0.0, 0.0, foot_share * w]))
    other = None
    if lifted:
        top_body = MIRROR_X @ body @ MIRROR_X
        top = _leg_gravity(subject, top_body, femur_top_r, com_top_r)
        other = HipLoad(_angles(femur_top_r), 0.0, top)
    else:
        # The top leg rests on the bottom ankle with this share of its weight.
        along = float((body @ com_l)[0]) / float((body @ ankle_l)[0])
        resting = MASS_FRACTION_LEG * along * w
        external += _force_on_leg(body, np.eye(3), ankle_r, np.array([0.0, 0.0, -resting]))
    working = HipLoad(np.zeros(3), 0.0, external)
    supports = {"elbow": elbow, "foot": foot_share}
    return ExercisePose(working, other, supports, "on the working side, on the forearm", body)


def single_leg_bridge(subject: Subject) -> ExercisePose:
    """Single-leg bridge: lying on the back, the working foot flat, the pelvis lifted
    until the hip is straight, the other leg held straight in line with the body.

    Hip flexion 0 and knee flexion 90 deg (the bridge's end position as commonly taught,
    e.g. Ekstrom et al. 2007, JOSPT 37:754; the angles are assumptions); the body tilts
    as far as it must for the shoulders and the foot both to rest on the floor. The body
    rests on three points: the two shoulder blades (under the shoulder joints, as high
    above the floor as the ankle centre is above the sole: an assumption) and the foot
    (under the ankle). Three vertical reactions, three equations: the weight's split is
    determinate. The trunk and pelvis are one rigid piece (assumption), so the broad
    shoulders hold the body from rolling toward the unsupported side.
    """
    p = subject.points
    points = _body_points(subject)
    shoulder_r = points["shoulder_r"]
    knee = _deg(BRIDGE_KNEE_FLEXION_DEG)
    _, ankle_r, com_r = leg_points(subject, np.eye(3), knee)
    # On the back (front up) and tilted about x until the shoulder is as high as the ankle.
    gap = shoulder_r - (p["hip_r"] + ankle_r)
    # rot_x(a) lifts a vector v to v_y sin a + v_z cos a: zero, with the front facing up.
    tilt = math.atan2(-gap[2], gap[1]) + math.pi
    body = _rx(tilt)
    _, _, com_straight = leg_points(subject, np.eye(3), 0.0)
    world = {
        "shoulder_r": body @ shoulder_r,
        "shoulder_l": body @ (MIRROR_X @ shoulder_r),
        "foot": body @ (p["hip_r"] + ankle_r),
    }
    masses = (MASS_FRACTION_HAT, MASS_FRACTION_LEG, MASS_FRACTION_LEG)
    places = (points["hat"], p["hip_r"] + com_r, p["hip_l"] + MIRROR_X @ com_straight)
    com = np.average(np.array([body @ v for v in places]), axis=0, weights=masses)
    system = np.array(
        [[1.0, 1.0, 1.0], [w[0] for w in world.values()], [w[1] for w in world.values()]]
    )
    shares = np.linalg.solve(system, sum(masses) * np.array([1.0, com[0], com[1]]))
    external = _leg_gravity(subject, body, np.eye(3), com_r)
    external += _force_on_leg(
        body, np.eye(3), ankle_r, np.array([0.0, 0.0, shares[2] * subject.weight_n])
    )
    working = HipLoad(np.zeros(3), knee, external)
    supports = {
        "shoulder_working_side": float(shares[0]),
        "shoulder_other_side": float(shares[1]),
        "foot": float(shares[2]),
    }
    return ExercisePose(working, None, supports, "on the back", body)

"""The exercises of the library as movements: segment poses from the start to the held
position and back, built from the model's own pose data (pure numpy).

Each exercise of :mod:`anatomy_viewer.biomech.exercise_poses` is a still pose: the hip
and knee angles of each leg and the rotation ``body`` that lays the standing body in the
world. A movement goes from a start position to that held pose and back; every segment
turns along the shortest rotation between its start and its held orientation, so the
held pose is the model's exactly, and the clamshell's knee opens about the model's own
axis (the line from the hip to the ankle). Start positions (all assumptions, each the
position the exercise is commonly taught from): side-lying abduction, legs together;
clamshell, knees closed; side plank, lying on the side; single-leg bridge, lying on
the back with the knee bent; lateral band walk, standing on both feet.

The poses here are in the body's frame laid in the world, not yet on the floor: the
scene sets the lowest point of the drawn anatomy on the floor
(:meth:`~anatomy_viewer.scene.anatomy_scene.AnatomyScene.lowest_point`), since the
model has no surface for the side the body lies on. The standing exercises stand on
their foot already.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech import exercise_poses as poses
from anatomy_viewer.biomech.exercises import band_walk_profile
from anatomy_viewer.biomech.geometry import MIRROR_X, FloatArray, rigid, rot_axis, rot_x, rot_y
from anatomy_viewer.biomech.kinematics import Stance, pose_stance_leg
from anatomy_viewer.biomech.paths import hip_rotation
from anatomy_viewer.biomech.subject import Subject

#: Share of the cycle spent moving into the held pose (and, at the end, out of it); the
#: middle of the cycle holds it, so phase 0.5 is the held pose (assumption: a clear
#: demonstration pace).
MOVE_SHARE: Final = 0.3

#: Exercises whose body lies on the floor (the rest stand on the working foot).
LYING: Final = (
    "side_lying_abduction",
    "clamshell",
    "side_plank",
    "side_plank_abduction",
    "single_leg_bridge",
)

#: Where each exercise's own camera looks from (focal point to eye) and the screen's up,
#: for a right working leg (world RAS): the lying and the band walk from behind and above,
#: where the gluteal muscles and their effort colours are in sight; the bridge from the
#: working side; the single-leg squat from the front, where the knee is seen to fall in.
EXERCISE_VIEWS: Final[dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]] = {
    "side_lying_abduction": ((0.0, -1.0, 0.4), (0.0, 0.0, 1.0)),
    "clamshell": ((0.0, -1.0, 0.6), (0.0, 0.0, 1.0)),
    "side_plank": ((0.0, -1.0, 0.25), (0.0, 0.0, 1.0)),
    "side_plank_abduction": ((0.0, -1.0, 0.25), (0.0, 0.0, 1.0)),
    "single_leg_bridge": ((1.0, 0.15, 0.35), (0.0, 0.0, 1.0)),
    "lateral_band_walk": ((0.0, -1.0, 0.15), (0.0, 0.0, 1.0)),
    "single_leg_squat": ((0.0, 1.0, 0.15), (0.0, 0.0, 1.0)),
}

SEGMENTS: Final = (
    "trunk",
    "pelvis",
    "femur_r",
    "tibia_r",
    "foot_r",
    "femur_l",
    "tibia_l",
    "foot_l",
)


def held_share(phase: float) -> float:
    """How far into the held pose the movement is at ``phase``: 0 at the start and the end,
    1 while the pose is held (the middle of the cycle), eased in and out."""
    p = min(max(float(phase), 0.0), 1.0)
    if MOVE_SHARE <= p <= 1.0 - MOVE_SHARE:
        return 1.0
    x = p / MOVE_SHARE if p < 0.5 else (1.0 - p) / MOVE_SHARE
    return x * x * (3.0 - 2.0 * x)


def _one(stack: FloatArray) -> FloatArray:
    out: FloatArray = stack[0]
    return out


def _between(start: FloatArray, end: FloatArray, share: float) -> FloatArray:
    """The rotation ``share`` of the way from ``start`` to ``end`` (about one fixed axis)."""
    turn = end @ start.T
    cosine = min(max((float(np.trace(turn)) - 1.0) / 2.0, -1.0), 1.0)
    angle = math.acos(cosine)
    if angle < 1e-9:
        return end.copy()
    axis = np.array([turn[2, 1] - turn[1, 2], turn[0, 2] - turn[2, 0], turn[1, 0] - turn[0, 1]])
    if float(np.linalg.norm(axis)) < 1e-9:  # half a turn: any axis it maps to itself
        axis = np.linalg.eigh(turn + turn.T)[1][:, -1]
    out: FloatArray = _one(rot_axis(axis, np.array([share * angle]))) @ start
    return out


@dataclass(frozen=True)
class Leg:
    """One leg's thigh rotation from neutral (pelvis frame) and knee flexion (rad)."""

    femur: FloatArray
    knee_flexion: float


@dataclass(frozen=True)
class Movement:
    """An exercise's start and held positions (working leg right, other leg left)."""

    body: tuple[FloatArray, FloatArray]
    working: tuple[Leg, Leg]
    other: tuple[Leg, Leg]
    #: The working foot flat on the floor all through (the bridge's), else it turns with
    #: the shank (the ankle's angle kept).
    flat_foot: bool = False


def _femur(flexion_deg: float, adduction_deg: float = 0.0) -> FloatArray:
    return _one(
        hip_rotation(
            np.array([math.radians(flexion_deg)]),
            np.array([math.radians(adduction_deg)]),
            np.zeros(1),
        )
    )


def _held(load: poses.HipLoad) -> Leg:
    a = load.angles
    femur = _one(hip_rotation(a[0:1], a[1:2], a[2:3]))
    return Leg(femur, float(load.knee_flexion))


def movement(subject: Subject, exercise: str) -> Movement:
    """Start and held positions of a lying exercise (see the module docstring).

    Raises
    ------
    ValueError
        For an exercise that is not lying (:data:`LYING`).
    """
    straight = Leg(np.eye(3), 0.0)
    bent = Leg(_femur(poses.CLAM_HIP_FLEXION_DEG), math.radians(poses.CLAM_KNEE_FLEXION_DEG))
    if exercise == "side_lying_abduction":
        # The bottom knee bent for balance, as the instruction says (the clamshell's
        # angles: an assumption; the model's statics do not use the bottom leg).
        pose = poses.side_lying_abduction(subject)
        return Movement((pose.body, pose.body), (straight, _held(pose.working)), (bent, bent))
    if exercise == "clamshell":
        pose = poses.clamshell(subject)
        return Movement((pose.body, pose.body), (bent, _held(pose.working)), (bent, bent))
    if exercise in ("side_plank", "side_plank_abduction"):
        lifted = exercise == "side_plank_abduction"
        pose = poses.side_plank(subject, poses.PLANK_TOP_ABDUCTION_DEG if lifted else 0.0)
        on_side = _one(rot_y(np.array([math.pi / 2.0])))  # the working (right) side down
        top = straight
        if pose.other is not None:
            # The model's top leg is mirrored onto a right one: mirror it back.
            held_top = _held(pose.other)
            top = Leg(MIRROR_X @ held_top.femur @ MIRROR_X, held_top.knee_flexion)
        return Movement((on_side, pose.body), (straight, straight), (straight, top))
    if exercise == "single_leg_bridge":
        pose = poses.single_leg_bridge(subject)
        on_back = _one(rot_x(np.array([math.pi / 2.0])))  # the front facing up
        # Lying with the knee bent and the foot flat: the hip bent until the ankle is as
        # high as the hip above the floor (thigh and shank as the model's landmarks).
        p = subject.points
        thigh = float(np.linalg.norm(p["knee_r"] - p["hip_r"]))
        shank = float(np.linalg.norm(p["ankle_r"] - p["knee_r"]))
        knee = float(pose.working.knee_flexion)
        start = Leg(_femur(math.degrees(math.atan2(shank, thigh))), knee)
        return Movement(
            (on_back, pose.body), (start, _held(pose.working)), (straight,) * 2, flat_foot=True
        )
    raise ValueError(f"{exercise!r} is not a lying exercise")


def _leg_transforms(
    subject: Subject, body: FloatArray, leg: Leg, side: str, flat_foot: bool = False
) -> dict[str, FloatArray]:
    """World transforms of one leg's femur, tibia and foot (body about the origin); a
    ``flat_foot`` keeps the world orientation it has standing: sole down, toes forward."""
    p = subject.points
    s = side[0]
    femur = body @ leg.femur
    tibia = femur @ _one(rot_x(np.array([-leg.knee_flexion])))
    hip = body @ p[f"hip_{s}"]
    knee = hip + femur @ (p[f"knee_{s}"] - p[f"hip_{s}"])
    ankle = knee + tibia @ (p[f"ankle_{s}"] - p[f"knee_{s}"])
    return {
        f"femur_{s}": _one(rigid(femur[None], p[f"hip_{s}"], hip[None])),
        f"tibia_{s}": _one(rigid(tibia[None], p[f"knee_{s}"], knee[None])),
        f"foot_{s}": _one(
            rigid((np.eye(3) if flat_foot else tibia)[None], p[f"ankle_{s}"], ankle[None])
        ),
    }


def lying_poses(subject: Subject, motion: Movement, share: float) -> dict[str, FloatArray]:
    """Segment transforms ``share`` of the way from the start to the held pose (right leg
    working; the body laid in the world about the origin, not yet on the floor)."""
    body = _between(motion.body[0], motion.body[1], share)
    out = {
        "trunk": np.eye(4),
        "pelvis": np.eye(4),
    }
    out["pelvis"][:3, :3] = body
    out["trunk"][:3, :3] = body
    for side, (start, held) in (("right", motion.working), ("left", motion.other)):
        # A left leg's rotation is the mirror image of a right one's.
        leg = Leg(
            _between(start.femur, held.femur, share),
            start.knee_flexion + share * (held.knee_flexion - start.knee_flexion),
        )
        flat = motion.flat_foot and side == "right"
        out.update(_leg_transforms(subject, body, leg, side, flat))
    return out


def band_walk_poses(subject: Subject, share: float) -> dict[str, FloatArray]:
    """The lateral band walk ``share`` of the way into its held pose: standing on the
    right leg, knees bending into the half squat while the left leg steps out (the same
    profile as :func:`anatomy_viewer.biomech.exercises.band_walk_pose`, scaled)."""
    zero = np.zeros(1)
    prof, step = band_walk_profile(share)
    posed = pose_stance_leg(Stance.build(subject, prof, step), zero, zero)
    return {name: np.array(t[0]) for name, t in posed.transforms.items()}


def mirrored(transforms: dict[str, FloatArray]) -> dict[str, FloatArray]:
    """The same poses for a left working leg: mirrored left to right, sides swapped."""
    mirror = np.diag([-1.0, 1.0, 1.0, 1.0])
    swap = {"_r": "_l", "_l": "_r"}
    out = {}
    for name, t in transforms.items():
        other = name[:-2] + swap[name[-2:]] if name[-2:] in swap else name
        out[other] = mirror @ t @ mirror
    return out


def view_direction(
    exercise: str, side: str
) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """The exercise's own camera direction and up, for the working ``side``."""
    (x, y, z), up = EXERCISE_VIEWS[exercise]
    return ((x if side == "right" else -x, y, z), up)

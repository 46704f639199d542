"""Posing the skeleton from the planted stance foot up (pure numpy, vectorised).

The chain is built in the world frame: foot fixed, tibia turned about the ankle centre,
femur hung from the posed knee, pelvis set on the posed hip centre, trunk on the posed
lumbosacral pivot, swing leg from the posed swing hip. Every transform is a rotation
about a landmark joint centre, so joints stay connected by construction.

The posture has two free angles besides the task's prescribed ones (:mod:`tasks`): the
pelvic drop (a rotation of the pelvis about the antero-posterior axis through the
stance hip, found by :mod:`posture`) and the trunk's side lean (zero unless the
``trunk_lean`` compensation is chosen). The stance leg then tilts in the frontal plane,
as one piece about the ankle, until the whole body's centre of mass is over the foot.
The trunk stays upright in the frontal plane (the lumbar spine side-bends as the pelvis
drops, keeping the head level), and the swing leg keeps its angles in the world frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech import gait
from anatomy_viewer.biomech.geometry import FloatArray, apply, chain, rigid, rot_x, rot_y
from anatomy_viewer.biomech.subject import (
    COM_FRACTION_SHANK,
    COM_FRACTION_THIGH,
    HAT_COM_ABOVE_HIP_PER_HEIGHT,
    MASS_FRACTION_FOOT,
    MASS_FRACTION_HAT,
    MASS_FRACTION_SHANK,
    MASS_FRACTION_THIGH,
    Subject,
)
from anatomy_viewer.biomech.tasks import TaskProfile

#: Mass fraction of one whole leg (thigh + shank + foot; Winter), 0.161 of body mass,
#: matching the 16.1 % supporting-limb mass of Iglic et al. 1990.
MASS_FRACTION_LEG: Final = MASS_FRACTION_THIGH + MASS_FRACTION_SHANK + MASS_FRACTION_FOOT
#: Mass above the stance hip: trunk, head, arms and the swing leg (0.839 of body mass).
MASS_FRACTION_ABOVE: Final = MASS_FRACTION_HAT + MASS_FRACTION_LEG


def swing_rotations(prof: TaskProfile, abduction: FloatArray) -> tuple[FloatArray, FloatArray]:
    """World rotations of the swing femur and tibia (left leg, abduction > 0 outward)."""
    femur = chain(rot_y(abduction), rot_x(prof.swing_hip_flexion))
    tibia = chain(femur, rot_x(-prof.swing_knee_flexion))
    return femur, tibia


def swing_leg_com(subject: Subject, prof: TaskProfile, abduction: FloatArray) -> FloatArray:
    """Centre of mass of the swing leg relative to its hip centre (world, m)."""
    p = subject.points
    femur, tibia = swing_rotations(prof, abduction)
    knee = apply(femur, p["knee_l"] - p["hip_l"])
    ankle = knee + apply(tibia, p["ankle_l"] - p["knee_l"])
    return leg_center_of_mass(knee, ankle)


def leg_center_of_mass(knee: FloatArray, ankle: FloatArray) -> FloatArray:
    """Centre of mass of a whole leg from its knee and ankle (both from the hip centre).

    Winter's segment masses and centres; the foot's mass is placed at the ankle.
    """
    out: FloatArray = (
        MASS_FRACTION_THIGH * COM_FRACTION_THIGH * knee
        + MASS_FRACTION_SHANK * (knee + COM_FRACTION_SHANK * (ankle - knee))
        + MASS_FRACTION_FOOT * ankle
    ) / MASS_FRACTION_LEG
    return out


def stance_leg_rotations(prof: TaskProfile, tilt: FloatArray) -> tuple[FloatArray, FloatArray]:
    """World rotations of the stance tibia and femur, the leg tilted by ``tilt`` (rad)."""
    tibia = chain(rot_y(tilt), rot_x(-prof.tibia_tilt))
    femur = chain(rot_y(tilt), rot_x(prof.femur_tilt))
    return tibia, femur


@dataclass(frozen=True, eq=False)
class Stance:
    """Geometry of one task for one subject that does not depend on the free angles.

    Attributes
    ----------
    subject, prof
        The person and the task's prescribed kinematics.
    pelvic_tilt
        ``(n, 3, 3)`` the pelvis's anterior tilt.
    pivot
        Lumbosacral pivot, neutral pose, world (m): on the midline at the PSIS level,
        midway between the PSIS and the hip centres front to back (an assumption: it
        places the trunk's pivot about 10 cm above the hip centres).
    hat_vector
        ``(n, 3)`` trunk (head, arms, trunk) centre of mass from the pivot, after the
        task's forward trunk lean and before any side lean.
    swing_abduction, swing_com
        Swing leg abduction (rad) and its centre of mass from the swing hip (world).
    """

    subject: Subject
    prof: TaskProfile
    pelvic_tilt: FloatArray
    pivot: FloatArray
    hat_vector: FloatArray
    swing_abduction: FloatArray
    swing_com: FloatArray

    @classmethod
    def build(cls, subject: Subject, prof: TaskProfile, swing_abduction: FloatArray) -> Stance:
        """The drop-independent geometry, the swing leg abducted by ``swing_abduction``."""
        p = subject.points
        hip_mid = 0.5 * (p["hip_r"] + p["hip_l"])
        psis = p["psis_r"]
        pivot = np.array([0.0, 0.5 * (psis[1] + hip_mid[1]), psis[2]])
        hat = hip_mid + np.array([0.0, 0.0, HAT_COM_ABOVE_HIP_PER_HEIGHT * subject.height_m])
        return cls(
            subject=subject,
            prof=prof,
            pelvic_tilt=rot_x(-prof.pelvic_tilt),
            pivot=pivot,
            hat_vector=apply(rot_x(-prof.trunk_tilt), hat - pivot),
            swing_abduction=swing_abduction,
            swing_com=swing_leg_com(subject, prof, swing_abduction),
        )

    def pelvis_rotation(self, drop: FloatArray) -> FloatArray:
        """World rotation of the pelvis dropped by ``drop`` (rad; swing side down)."""
        out: FloatArray = rot_y(-drop) @ self.pelvic_tilt
        return out

    def upper_body(
        self, drop: FloatArray, lean: FloatArray
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Trunk centre of mass, swing-leg centre of mass and lumbosacral pivot (m).

        All relative to the stance hip centre, world axes; ``lean`` > 0 leans the trunk
        toward the stance side.
        """
        p = self.subject.points
        pelvis = self.pelvis_rotation(drop)
        pivot = apply(pelvis, self.pivot - p["hip_r"])
        hat = pivot + apply(rot_y(lean), self.hat_vector)
        swing = apply(pelvis, p["hip_l"] - p["hip_r"]) + apply(rot_y(-drop), self.swing_com)
        return hat, swing, pivot

    def upper_com(self, drop: FloatArray, lean: FloatArray) -> FloatArray:
        """Centre of mass of everything above the stance hip, from the hip (world, m)."""
        hat, swing, _ = self.upper_body(drop, lean)
        out: FloatArray = (MASS_FRACTION_HAT * hat + MASS_FRACTION_LEG * swing) / (
            MASS_FRACTION_ABOVE
        )
        return out

    def balance_tilt(self, upper_com: FloatArray) -> FloatArray:
        """Frontal tilt of the stance leg about the ankle that puts the centre of mass over it.

        Solves ``A cos(g) + B sin(g) = K`` in closed form: ``A`` and ``B`` are the first
        moments (x and z) about the ankle of the leg's masses and of the mass above the
        hip, placed at the hip; ``K`` is minus the first moment of the mass above the
        hip about the hip. The tilt is scaled by the task's load (no tilt with both feet
        down, where the other foot shares the support).
        """
        p = self.subject.points
        tibia, femur = stance_leg_rotations(self.prof, np.zeros_like(self.prof.load))
        knee = apply(tibia, p["knee_r"] - p["ankle_r"])
        hip = knee + apply(femur, p["hip_r"] - p["knee_r"])
        thigh_com = hip + COM_FRACTION_THIGH * (knee - hip)
        shank_com = (1.0 - COM_FRACTION_SHANK) * knee
        first = (
            MASS_FRACTION_THIGH * thigh_com
            + MASS_FRACTION_SHANK * shank_com
            + MASS_FRACTION_ABOVE * hip
        )
        radius = np.hypot(first[:, 0], first[:, 2])
        phase_shift = np.arctan2(first[:, 0], first[:, 2])
        k = -MASS_FRACTION_ABOVE * upper_com[:, 0]
        out: FloatArray = self.prof.load * (np.arcsin(np.clip(k / radius, -1.0, 1.0)) - phase_shift)
        return out


@dataclass(frozen=True, eq=False)
class PosedChain:
    """Posed segments of a right stance leg (arrays over frames)."""

    transforms: dict[str, FloatArray]
    pelvis_rotation: FloatArray
    femur_rotation: FloatArray
    tibia_rotation: FloatArray
    hip: FloatArray
    knee: FloatArray
    ankle: FloatArray
    swing_abduction: FloatArray
    hat_com: FloatArray
    swing_com: FloatArray

    def apply(self, segment: str, point: FloatArray) -> FloatArray:
        """Posed position of a neutral-pose point carried by ``segment``."""
        t = self.transforms[segment]
        out: FloatArray = apply(t[:, :3, :3], point) + t[:, :3, 3]
        return out

    def center_of_mass_above(self) -> FloatArray:
        """Centre of mass of the trunk and the swing leg (world, m)."""
        out: FloatArray = (
            MASS_FRACTION_HAT * self.hat_com + MASS_FRACTION_LEG * self.swing_com
        ) / MASS_FRACTION_ABOVE
        return out


def pose_stance_leg(stance: Stance, drop: FloatArray, lean: FloatArray) -> PosedChain:
    """Pose all segments for a right stance leg (see the module docstring)."""
    subject = stance.subject
    p = subject.points
    prof = stance.prof
    n = drop.shape[0]
    tilt = stance.balance_tilt(stance.upper_com(drop, lean))
    r_pelvis = stance.pelvis_rotation(drop)
    r_tibia, r_femur = stance_leg_rotations(prof, tilt)
    ankle = np.broadcast_to(p["ankle_r"], (n, 3)).copy()
    knee = ankle + apply(r_tibia, p["knee_r"] - p["ankle_r"])
    hip = knee + apply(r_femur, p["hip_r"] - p["knee_r"])
    pivot = hip + apply(r_pelvis, stance.pivot - p["hip_r"])
    r_trunk = chain(rot_y(lean), rot_x(-prof.trunk_tilt))
    swing_hip = hip + apply(r_pelvis, p["hip_l"] - p["hip_r"])
    r_swing_femur, r_swing_tibia = swing_rotations(prof, stance.swing_abduction)
    swing_knee = swing_hip + apply(r_swing_femur, p["knee_l"] - p["hip_l"])
    swing_ankle = swing_knee + apply(r_swing_tibia, p["ankle_l"] - p["knee_l"])
    r_swing_foot = rot_y(stance.swing_abduction) @ rot_x(-prof.swing_foot_pitch)
    transforms = {
        "trunk": rigid(r_trunk, stance.pivot, pivot),
        "pelvis": rigid(r_pelvis, p["hip_r"], hip),
        "femur_r": rigid(r_femur, p["knee_r"], knee),
        "tibia_r": rigid(r_tibia, p["ankle_r"], ankle),
        "foot_r": np.broadcast_to(np.eye(4), (n, 4, 4)).copy(),
        "femur_l": rigid(r_swing_femur, p["hip_l"], swing_hip),
        "tibia_l": rigid(r_swing_tibia, p["knee_l"], swing_knee),
        "foot_l": rigid(r_swing_foot, p["ankle_l"], swing_ankle),
    }
    return PosedChain(
        transforms=transforms,
        pelvis_rotation=r_pelvis,
        femur_rotation=r_femur,
        tibia_rotation=r_tibia,
        hip=hip,
        knee=knee,
        ankle=ankle,
        swing_abduction=stance.swing_abduction,
        hat_com=pivot + apply(rot_y(lean), stance.hat_vector),
        swing_com=swing_hip + stance.swing_com,
    )


#: A foot in mid-swing is this far (m) from counting as the one on the floor.
_SWING_CLEARANCE_ALLOWANCE: Final = 0.15


def on_treadmill(subject: Subject, task: str, local: FloatArray, posed: PosedChain) -> PosedChain:
    """Walking or running on a treadmill: the pelvis stays in place, the feet move.

    The posed chain stands on its (flat) stance foot. It is moved forward or back so the
    hip centres' midpoint keeps its standing place, and up or down so the lower foot
    rests on the floor; a foot in mid-swing does not count (a weak hip that lets it
    scuff the floor shows it doing so), and in running's flight the body is
    :func:`~anatomy_viewer.biomech.gait.flight_height` above it.
    """
    p = subject.points
    low_stance = np.minimum(
        posed.apply("foot_r", p["heel_r"])[:, 2], posed.apply("foot_r", p["toe_r"])[:, 2]
    )
    low_swing = np.minimum(
        posed.apply("foot_l", p["heel_l"])[:, 2], posed.apply("foot_l", p["toe_l"])[:, 2]
    )
    weight = gait.swing_contact_weight(task, local)
    lowest = np.minimum(low_stance, low_swing + _SWING_CLEARANCE_ALLOWANCE * (1.0 - weight))
    floor = min(float(p["heel_r"][2]), float(p["toe_r"][2]))
    middle = 0.5 * (p["hip_r"] + p["hip_l"])
    shift = np.zeros((local.shape[0], 3))
    shift[:, 1] = middle[1] - posed.apply("pelvis", middle)[:, 1]
    shift[:, 2] = floor + gait.flight_height(task, local) - lowest
    transforms = {}
    for name, t in posed.transforms.items():
        moved = t.copy()
        moved[:, :3, 3] += shift
        transforms[name] = moved
    return PosedChain(
        transforms=transforms,
        pelvis_rotation=posed.pelvis_rotation,
        femur_rotation=posed.femur_rotation,
        tibia_rotation=posed.tibia_rotation,
        hip=posed.hip + shift,
        knee=posed.knee + shift,
        ankle=posed.ankle + shift,
        swing_abduction=posed.swing_abduction,
        hat_com=posed.hat_com + shift,
        swing_com=posed.swing_com + shift,
    )

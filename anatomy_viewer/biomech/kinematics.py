"""Posing the skeleton from the planted stance foot up (pure numpy, vectorised).

The chain is built in the world frame: foot fixed, tibia turned about the ankle centre,
femur hung from the posed knee, pelvis set on the posed hip centre, trunk on the posed
lumbosacral pivot, swing leg from the posed swing hip. Every transform is a rotation
about a landmark joint centre, so joints stay connected by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech import statics
from anatomy_viewer.biomech.geometry import (
    FloatArray,
    apply,
    cardan_xyz,
    chain,
    rigid,
    rot_axis,
    rot_x,
    rot_y,
)
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

#: Bisection steps for the largest swing-hip abduction the weakened muscle can hold.
_ABDUCTION_STEPS: Final = 24


def _swing_rotations(prof: TaskProfile, abduction: FloatArray) -> tuple[FloatArray, FloatArray]:
    femur = chain(rot_y(abduction), rot_x(prof.swing_hip_flexion))
    tibia = chain(femur, rot_x(-prof.swing_knee_flexion))
    return femur, tibia


def stance_leg_rotations(
    prof: TaskProfile, femur_add: FloatArray, femur_rot: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """World rotations of the stance tibia and femur before the balance tilt.

    The femur adducts by ``femur_add`` (knee toward the midline) and turns inward by
    ``femur_rot`` about its long axis. With the foot planted and the knee bent by
    ``k``, that inward turn carries the knee medially: the tibia tilts medially by
    ``femur_add + atan(sin(k) sin(femur_rot))`` (closed-chain geometry).
    """
    tibia_medial = femur_add + np.arctan(np.sin(prof.knee_flexion) * np.sin(femur_rot))
    tibia = chain(rot_y(-tibia_medial), rot_x(-prof.tibia_tilt))
    femur = chain(rot_y(femur_add), rot_x(prof.femur_tilt))
    return tibia, femur


@dataclass(frozen=True, eq=False)
class Stance:
    """Geometry of one task for one subject that does not depend on the pelvic drop."""

    subject: Subject
    prof: TaskProfile
    abductors: statics.Abductors
    pelvic_tilt: FloatArray
    pivot: FloatArray
    hat_vector: FloatArray
    swing_abduction: FloatArray
    swing_com: FloatArray

    @property
    def hat_height(self) -> FloatArray:
        """Height of the trunk's centre of mass above the lumbosacral pivot (m)."""
        out: FloatArray = self.hat_vector[:, 2]
        return out

    @classmethod
    def build(
        cls, subject: Subject, prof: TaskProfile, strength: FloatArray, moment_arm: float
    ) -> Stance:
        p = subject.points
        h = subject.height_m
        n = prof.load.shape[0]
        hip_mid = 0.5 * (p["hip_r"] + p["hip_l"])
        # Lumbosacral pivot: on the midline at the PSIS level, midway between the PSIS
        # and the hip centres front to back (model choice: it only shapes the lean).
        psis = p["psis_r"]
        pivot = np.array([0.0, 0.5 * (psis[1] + hip_mid[1]), psis[2]])
        hat = hip_mid + np.array([0.0, 0.0, HAT_COM_ABOVE_HIP_PER_HEIGHT * h])
        hat_vector = apply(rot_x(-prof.trunk_tilt), hat - pivot)
        abductors = statics.Abductors(
            strength=strength,
            flexion=prof.femur_tilt + prof.pelvic_tilt,
            moment_arm_m=moment_arm,
            height_m=h,
        )
        thigh = p["knee_l"] - p["hip_l"]
        shank = p["ankle_l"] - p["knee_l"]

        def leg_com(abduction: FloatArray) -> FloatArray:
            femur, tibia = _swing_rotations(prof, abduction)
            knee = apply(femur, thigh)
            ankle = knee + apply(tibia, shank)
            out: FloatArray = (
                MASS_FRACTION_THIGH * COM_FRACTION_THIGH * knee
                + MASS_FRACTION_SHANK * (knee + COM_FRACTION_SHANK * (ankle - knee))
                + MASS_FRACTION_FOOT * ankle
            ) / statics.MASS_FRACTION_LEG
            return out

        # Swing-side abductors lift the leg as far as their strength allows: the largest
        # abduction (up to the task's target) where they hold the leg's weight.
        swing = statics.Abductors(strength, prof.swing_hip_flexion, moment_arm, h)
        target = prof.swing_abduction
        lo, hi = np.zeros(n), target.copy()

        def holds(angle: FloatArray) -> FloatArray:
            lever = -leg_com(angle)[:, 0]  # lateral offset of the leg's weight (left leg)
            demand = statics.MASS_FRACTION_LEG * np.maximum(lever, 0.0) / h
            out: FloatArray = swing.capacity(-angle) - demand
            return out

        ok_target = holds(target) >= 0.0
        for _ in range(_ABDUCTION_STEPS if np.any(~ok_target) else 0):
            mid = 0.5 * (lo + hi)
            ok = holds(mid) >= 0.0
            lo = np.where(ok, mid, lo)
            hi = np.where(ok, hi, mid)
        abduction = np.where(ok_target, target, lo)
        return cls(
            subject=subject,
            prof=prof,
            abductors=abductors,
            pelvic_tilt=rot_x(-prof.pelvic_tilt),
            pivot=pivot,
            hat_vector=hat_vector,
            swing_abduction=abduction,
            swing_com=leg_com(abduction),
        )

    def lever(self, lean: FloatArray) -> statics.BodyLever:
        """Where the weights above the stance hip lie, with the trunk leaning ``lean``."""
        p = self.subject.points
        swing = apply(self.pelvic_tilt, p["hip_l"] - p["hip_r"])
        pivot = apply(self.pelvic_tilt, self.pivot - p["hip_r"])
        return statics.BodyLever(
            swing_x=swing[:, 0],
            swing_z=swing[:, 2],
            swing_offset_x=self.swing_com[:, 0],
            pivot_x=pivot[:, 0],
            pivot_z=pivot[:, 2],
            hat_offset_x=np.sin(lean) * self.hat_height,
        )

    def balance_tilt(
        self, femur_add: FloatArray, femur_rot: FloatArray
    ) -> Callable[[statics.BodyLever, FloatArray], FloatArray]:
        """Frontal tilt of the stance leg about the ankle that puts the centre of mass over it.

            The femur's turn about its own mechanical axis does not move the hip centre, so it
        is left out here and applied in :func:`pose_stance_leg`.

        Returns a function of ``(lever, drop)``. It solves ``A cos(g) + B sin(g) = K`` in
            closed form: ``A`` and ``B`` are the first moments (x and z) about the ankle of the
            leg's masses and of the mass above the hip, placed at the hip; ``K`` is minus the
            first moment of the mass above the hip about the hip. The tilt is scaled by the
            task's load (no tilt with both feet down).
        """
        p = self.subject.points
        tibia, femur = stance_leg_rotations(self.prof, femur_add, femur_rot)
        knee = apply(tibia, p["knee_r"] - p["ankle_r"])
        hip = knee + apply(femur, p["hip_r"] - p["knee_r"])
        thigh_com = hip + COM_FRACTION_THIGH * (knee - hip)
        shank_com = (1.0 - COM_FRACTION_SHANK) * knee
        first = (
            MASS_FRACTION_THIGH * thigh_com
            + MASS_FRACTION_SHANK * shank_com
            + statics.MASS_FRACTION_ABOVE * hip
        )
        radius = np.hypot(first[:, 0], first[:, 2])
        phase_shift = np.arctan2(first[:, 0], first[:, 2])
        load = self.prof.load

        def tilt(lever: statics.BodyLever, drop: FloatArray) -> FloatArray:
            k = -lever.first_moment(drop)
            out: FloatArray = load * (np.arcsin(np.clip(k / radius, -1.0, 1.0)) - phase_shift)
            return out

        return tilt


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
            MASS_FRACTION_HAT * self.hat_com + statics.MASS_FRACTION_LEG * self.swing_com
        ) / statics.MASS_FRACTION_ABOVE
        return out


def pose_stance_leg(
    subject: Subject,
    stance: Stance,
    drop: FloatArray,
    tilt: FloatArray,
    femur_add: FloatArray,
    femur_rot: FloatArray,
    lean: FloatArray,
) -> PosedChain:
    """Pose all segments for a right stance leg (see the module docstring)."""
    p = subject.points
    prof = stance.prof
    n = drop.shape[0]
    r_pelvis = rot_y(-drop) @ stance.pelvic_tilt
    _, femur0 = stance_leg_rotations(prof, femur_add, np.zeros(n))
    r_tibia = rot_y(tilt) @ stance_leg_rotations(prof, femur_add, femur_rot)[0]
    # Turn the femur about its mechanical axis (hip and knee centres stay put) so that the
    # hip's internal rotation measured against the pelvis (Cardan x-y-z) is femur_rot;
    # the mechanical axis is within a few degrees of the Cardan z axis, so the angle adds.
    _, _, axial = cardan_xyz(np.transpose(r_pelvis, (0, 2, 1)) @ rot_y(tilt) @ femur0)
    spin = rot_axis(p["hip_r"] - p["knee_r"], femur_rot - axial)
    r_femur = rot_y(tilt) @ femur0 @ spin
    ankle = np.broadcast_to(p["ankle_r"], (n, 3)).copy()
    knee = ankle + apply(r_tibia, p["knee_r"] - p["ankle_r"])
    hip = knee + apply(r_femur, p["hip_r"] - p["knee_r"])
    pivot = hip + apply(r_pelvis, stance.pivot - p["hip_r"])
    r_trunk = chain(rot_y(lean), rot_x(-prof.trunk_tilt))
    swing_hip = hip + apply(r_pelvis, p["hip_l"] - p["hip_r"])
    r_swing_femur, r_swing_tibia = _swing_rotations(prof, stance.swing_abduction)
    swing_knee = swing_hip + apply(r_swing_femur, p["knee_l"] - p["hip_l"])
    swing_tibia = rigid(r_swing_tibia, p["knee_l"], swing_knee)
    swing_ankle = swing_knee + apply(r_swing_tibia, p["ankle_l"] - p["knee_l"])
    r_swing_foot = rot_y(stance.swing_abduction) @ rot_x(-prof.swing_foot_pitch)
    transforms = {
        "trunk": rigid(r_trunk, stance.pivot, pivot),
        "pelvis": rigid(r_pelvis, p["hip_r"], hip),
        "femur_r": rigid(r_femur, p["knee_r"], knee),
        "tibia_r": rigid(r_tibia, p["ankle_r"], ankle),
        "foot_r": np.broadcast_to(np.eye(4), (n, 4, 4)).copy(),
        "femur_l": rigid(r_swing_femur, p["hip_l"], swing_hip),
        "tibia_l": swing_tibia,
        "foot_l": rigid(r_swing_foot, p["ankle_l"], swing_ankle),
    }
    hat_com = pivot + apply(rot_y(lean), stance.hat_vector)
    return PosedChain(
        transforms=transforms,
        pelvis_rotation=r_pelvis,
        femur_rotation=r_femur,
        tibia_rotation=r_tibia,
        hip=hip,
        knee=knee,
        ankle=ankle,
        swing_abduction=stance.swing_abduction,
        hat_com=hat_com,
        swing_com=swing_hip + stance.swing_com,
    )

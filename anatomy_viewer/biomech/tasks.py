"""What each task asks of the body over its phase 0..1 (pure numpy, vectorised).

These are the prescribed parts of the movement: how far the other foot is lifted, how
deep the squat goes, how the swing leg moves. The parts that depend on strength (pelvic
drop, hip adduction and rotation) come from :mod:`anatomy_viewer.biomech.posture`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech import gait
from anatomy_viewer.biomech.geometry import FloatArray

#: Stance: the other foot is lifted over the first 25 % of the phase, held, and put
#: down over the last 25 %, so the loop starts and ends on both feet.
LIFT_FRACTION: Final = 0.25
#: Swing leg while lifted: hip flexed 20 deg, knee bent 90 deg (foot about 30 cm up);
#: in the squat the swing hip flexes a further 20 deg at depth (model choice).
SWING_HIP_FLEXION_DEG: Final = 20.0
SWING_HIP_FLEXION_SQUAT_EXTRA_DEG: Final = 20.0
SWING_KNEE_FLEXION_DEG: Final = 90.0
#: The lifted foot hangs relaxed, toes 15 deg below horizontal (model choice).
SWING_FOOT_PITCH_DEG: Final = 15.0
#: Single-leg squat to about 60 deg of knee flexion (the task of Nakagawa 2012 and
#: Herrington 2014). The shank and thigh share the flexion equally, the pelvis tilts
#: forward by a quarter of it (hip flexion 45 deg at depth) and the trunk leans forward
#: 0.4 of it, which keeps the hip over the ankle and the centre of mass over the foot
#: (model choice).
SQUAT_KNEE_FLEXION_DEG: Final = 60.0
SQUAT_TIBIA_SHARE: Final = 0.5
SQUAT_PELVIC_TILT_SHARE: Final = 0.25
SQUAT_TRUNK_SHARE: Final = 0.4
#: Jumping-jack leg lift: the swing leg abducts up to 35 deg, with the hip flexed 10 deg
#: and the knee bent 45 deg so the foot, held level, clears the floor (model choice).
ABDUCTION_TARGET_DEG: Final = 35.0
ABDUCTION_SWING_HIP_FLEXION_DEG: Final = 10.0
ABDUCTION_SWING_KNEE_FLEXION_DEG: Final = 45.0


@dataclass(frozen=True)
class TaskProfile:
    """Prescribed kinematics of a task at each phase (arrays of shape ``(n,)``, radians).

    Attributes
    ----------
    load
        Share of single-leg stance, 0 (both feet down) to 1 (all weight on one leg).
    gravity
        The load on the body above the stance hip in multiples of its weight: 1 when
        still; in walking and running, the foot's vertical ground reaction force in
        multiples of body weight (quasi-static: every segment accelerates together).
    depth
        Squat depth, 0 (upright) to 1 (deepest); 0 for the other tasks.
    knee_flexion, tibia_tilt, femur_tilt, pelvic_tilt, trunk_tilt
        Stance knee flexion; forward tilt of the tibia (ankle dorsiflexion); backward
        tilt of the femur from vertical; anterior pelvic tilt; forward trunk lean.
    swing_hip_flexion, swing_knee_flexion, swing_abduction
        Swing leg angles in the world frame (abduction is the target before strength).
    swing_foot_pitch
        Swing foot angle below horizontal (world frame).
    """

    load: FloatArray
    gravity: FloatArray
    depth: FloatArray
    knee_flexion: FloatArray
    tibia_tilt: FloatArray
    femur_tilt: FloatArray
    pelvic_tilt: FloatArray
    trunk_tilt: FloatArray
    swing_hip_flexion: FloatArray
    swing_knee_flexion: FloatArray
    swing_abduction: FloatArray
    swing_foot_pitch: FloatArray


def _smoothstep(t: FloatArray) -> FloatArray:
    u = np.clip(t, 0.0, 1.0)
    out: FloatArray = u * u * (3.0 - 2.0 * u)
    return out


def gait_profile(task: str, local: FloatArray) -> TaskProfile:
    """Walking or running, the stance leg at its own phase ``local`` (one half of the cycle).

    The other leg is half a cycle ahead; see :mod:`anatomy_viewer.biomech.gait`.
    """
    local = np.asarray(local, dtype=np.float64)
    zero = np.zeros_like(local)
    hip = gait.hip_flexion(task, local)
    knee = gait.knee_flexion(task, local)
    return TaskProfile(
        load=gait.frontal_share(task, local),
        gravity=gait.vertical_force(task, local),
        depth=zero,
        knee_flexion=knee,
        tibia_tilt=knee - hip,
        femur_tilt=hip,
        pelvic_tilt=zero,
        trunk_tilt=zero,
        swing_hip_flexion=gait.hip_flexion(task, local + 0.5),
        swing_knee_flexion=gait.knee_flexion(task, local + 0.5),
        swing_abduction=zero,
        swing_foot_pitch=gait.swing_foot_pitch(task, local),
    )


def profile(task: str, phase: FloatArray) -> TaskProfile:
    """Prescribed kinematics of ``task`` (``stance``, ``squat``, ``abduction``, ``walk``, ``run``).

    For ``walk`` and ``run`` ``phase`` is the stance leg's own phase within its half of
    the cycle (:func:`anatomy_viewer.biomech.gait.chain_phase`).
    """
    phase = np.asarray(phase, dtype=np.float64)
    if task in gait.GAIT_TASKS:
        return gait_profile(task, phase)
    zero = np.zeros_like(phase)
    one = np.ones_like(phase)
    # Up and back down over the phase: 0 at 0 and 1, 1 at 0.5.
    cycle = 0.5 * (1.0 - np.cos(2.0 * np.pi * phase))
    rad = np.radians
    if task == "stance":
        lift = _smoothstep(np.minimum(phase, 1.0 - phase) / LIFT_FRACTION)
        return TaskProfile(
            load=lift,
            gravity=one,
            depth=zero,
            knee_flexion=zero,
            tibia_tilt=zero,
            femur_tilt=zero,
            pelvic_tilt=zero,
            trunk_tilt=zero,
            swing_hip_flexion=rad(SWING_HIP_FLEXION_DEG) * lift,
            swing_knee_flexion=rad(SWING_KNEE_FLEXION_DEG) * lift,
            swing_abduction=zero,
            swing_foot_pitch=rad(SWING_FOOT_PITCH_DEG) * lift,
        )
    if task == "squat":
        knee = rad(SQUAT_KNEE_FLEXION_DEG) * cycle
        tibia = SQUAT_TIBIA_SHARE * knee
        return TaskProfile(
            load=one,
            gravity=one,
            depth=cycle,
            knee_flexion=knee,
            tibia_tilt=tibia,
            femur_tilt=knee - tibia,
            pelvic_tilt=SQUAT_PELVIC_TILT_SHARE * knee,
            trunk_tilt=SQUAT_TRUNK_SHARE * knee,
            swing_hip_flexion=rad(
                SWING_HIP_FLEXION_DEG + SWING_HIP_FLEXION_SQUAT_EXTRA_DEG * cycle
            ),
            swing_knee_flexion=rad(SWING_KNEE_FLEXION_DEG) * one,
            swing_abduction=zero,
            swing_foot_pitch=rad(SWING_FOOT_PITCH_DEG) * one,
        )
    if task == "abduction":
        return TaskProfile(
            load=one,
            gravity=one,
            depth=zero,
            knee_flexion=zero,
            tibia_tilt=zero,
            femur_tilt=zero,
            pelvic_tilt=zero,
            trunk_tilt=zero,
            swing_hip_flexion=rad(ABDUCTION_SWING_HIP_FLEXION_DEG) * one,
            swing_knee_flexion=rad(ABDUCTION_SWING_KNEE_FLEXION_DEG) * one,
            swing_abduction=rad(ABDUCTION_TARGET_DEG) * cycle,
            swing_foot_pitch=zero,
        )
    raise ValueError(f"unknown task {task!r}")  # validated earlier; kept for mypy

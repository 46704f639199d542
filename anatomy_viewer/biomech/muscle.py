"""Hip abductors and passive tissue about the stance hip, frontal plane (pure numpy).

All moments are in units of body weight x height (``m g H``), so results expressed in
body weight do not depend on body mass or height. Angles in radians unless named
``_deg``. Every function is vectorised over frames.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray

#: Abductor capacity (gluteus medius + minimus + tensor fasciae latae, sum of maximal
#: isometric force x moment arm) in neutral: 193 N m for 75 kg and 1.75 m (Rajagopal et
#: al. 2016 model, REFERENCES.md), as a fraction of m g H.
CAPACITY_NEUTRAL: Final = 193.0 / (75.0 * 9.81 * 1.75)

#: The muscle wraps over the greater trochanter, so its moment arm is shorter than the
#: straight line from origin to insertion: path / straight-line moment arms of the
#: anterior, middle and posterior gluteus medius are 5.1/6.7, 4.4/6.0, 3.2/4.3 cm
#: (Rajagopal 2016 model; Dostal and Andrews 1981): mean 4.23 / 5.67 = 0.746.
WRAPPING_FACTOR: Final = (5.1 + 4.4 + 3.2) / (6.7 + 6.0 + 4.3)

#: Moment arm change with adduction: -6 to -13 % at 10 deg (midpoint -9.5 %), and with
#: abduction +4 % at 10 deg (Rajagopal 2016 model, REFERENCES.md).
MOMENT_ARM_PER_DEG_ADDUCTION: Final = -0.0095
MOMENT_ARM_PER_DEG_ABDUCTION: Final = 0.004
#: Moment arms fall to about half at 60 deg hip flexion (Rajagopal 2016 model).
MOMENT_ARM_AT_60_FLEXION: Final = 0.5
#: Capacity falls from 193 to 121 N m at 60 deg hip flexion (Rajagopal 2016 model); the
#: part not explained by the moment arm is the fibres' better length in flexion.
CAPACITY_AT_60_FLEXION: Final = 121.0 / 193.0

#: Gluteus medius optimal fibre length 7.33 cm at 1.75 m (Ward et al. 2009).
OPTIMAL_FIBRE_LENGTH_PER_HEIGHT: Final = 0.0733 / 1.75
#: Normalised fibre length in neutral standing. 0.95 (just short of optimal) makes the
#: force-length factor nearly flat over the first 10 deg of adduction, so that capacity
#: and moment arm fall together (174/193 = 0.90 and 0.905; Rajagopal 2016). Model choice.
FIBRE_LENGTH_NEUTRAL: Final = 0.95
#: Active force-length width and passive fibre curve of Thelen 2003 (J Biomech Eng 125:70):
#: f_L = exp(-(l-1)^2 / 0.45); f_PE = (exp(4 (l-1)/0.6) - 1) / (exp(4) - 1).
FL_SHAPE: Final = 0.45
PASSIVE_SHAPE: Final = 4.0
PASSIVE_STRAIN_AT_FMAX: Final = 0.6

#: Passive capsule and iliotibial band moment against adduction,
#: ``M = K0 a + K1 (exp(K2 a) - 1)`` for adduction ``a`` in degrees: a linear part (the
#: band, tensioned by the tensor fasciae latae and gluteus maximus in weight bearing,
#: resists from the first degrees) and the exponential form of passive joint moments
#: (Yoon and Mansour 1982, J Biomech 15:905; Silder et al. 2007). The constants are a
#: calibration, not a measurement: the linear part keeps the pelvis from snapping down
#: when capacity runs out (the drop grows smoothly as strength falls), and the whole stops
#: a pelvis without abductors at 15 to 20 deg of adduction, a clear positive Trendelenburg
#: sign (Hardcastle and Nade 1985). In N m for 75 kg and 1.75 m, scaled with m g H.
PASSIVE_K0: Final = 2.0 / (75.0 * 9.81 * 1.75)
PASSIVE_K1: Final = 0.10 / (75.0 * 9.81 * 1.75)
PASSIVE_K2_PER_DEG: Final = 0.34
#: The capsule's ligaments and the band slacken as the hip flexes (the hip's passive
#: restraint envelope is widest in mid-flexion: van Arkel et al. 2015, J Biomech
#: 48:3803): the passive curve starts this many degrees of adduction later per degree of
#: flexion (model calibration: about 9 deg at the 45 deg of the squat, so that a squat
#: without abductors stops at the same passive moment as a stance without them).
PASSIVE_SLACK_PER_FLEXION: Final = 0.2
#: Share of that passive moment carried by the iliotibial band (the rest: capsule).
#: Model choice; it only sets the band's force in the hip contact force.
ITB_SHARE: Final = 0.5


def frontal_arm_factor(adduction: FloatArray) -> FloatArray:
    """Abductor moment arm relative to neutral for hip adduction (radians; < 0 abduction)."""
    add_deg = np.degrees(adduction)
    per_deg = np.where(add_deg > 0.0, MOMENT_ARM_PER_DEG_ADDUCTION, -MOMENT_ARM_PER_DEG_ABDUCTION)
    out: FloatArray = np.clip(1.0 + per_deg * add_deg, 0.4, 1.3)
    return out


def flexion_arm_factor(flexion: FloatArray) -> FloatArray:
    """Abductor moment arm relative to neutral for hip flexion (radians)."""
    flex = 1.0 - (1.0 - MOMENT_ARM_AT_60_FLEXION) * np.clip(np.degrees(flexion), 0.0, 90.0) / 60.0
    out: FloatArray = np.clip(flex, 0.25, 1.0)
    return out


def moment_arm_factor(adduction: FloatArray, flexion: FloatArray) -> FloatArray:
    """Abductor moment arm relative to neutral, for hip adduction and flexion (radians)."""
    out: FloatArray = frontal_arm_factor(adduction) * flexion_arm_factor(flexion)
    return out


def fibre_length(adduction: FloatArray, moment_arm_m: float, height_m: float) -> FloatArray:
    """Normalised abductor fibre length: adduction stretches the fibres by ``r * angle``."""
    l_opt = OPTIMAL_FIBRE_LENGTH_PER_HEIGHT * height_m
    out: FloatArray = FIBRE_LENGTH_NEUTRAL + moment_arm_m * adduction / l_opt
    return out


def force_length(length: FloatArray) -> FloatArray:
    """Active force-length factor (Thelen 2003), 1 at optimal fibre length."""
    out: FloatArray = np.exp(-((length - 1.0) ** 2) / FL_SHAPE)
    return out


def passive_fibre_force(length: FloatArray) -> FloatArray:
    """Passive fibre force as a fraction of maximal isometric force (Thelen 2003)."""
    strain = np.clip(length - 1.0, 0.0, 1.0)
    out: FloatArray = np.expm1(PASSIVE_SHAPE * strain / PASSIVE_STRAIN_AT_FMAX) / math.expm1(
        PASSIVE_SHAPE
    )
    return out


def flexion_force_factor(flexion: FloatArray) -> FloatArray:
    """Force factor in hip flexion: capacity ratio divided by moment-arm ratio (Rajagopal)."""
    t = np.clip(np.degrees(flexion), 0.0, 90.0) / 60.0
    cap = 1.0 - (1.0 - CAPACITY_AT_60_FLEXION) * t
    arm = 1.0 - (1.0 - MOMENT_ARM_AT_60_FLEXION) * t
    out: FloatArray = np.clip(cap, 0.2, 1.0) / np.clip(arm, 0.25, 1.0)
    return out


def passive_tissue_moment(adduction: FloatArray, flexion: FloatArray) -> FloatArray:
    """Capsule and iliotibial band moment resisting adduction, in m g H (0 in abduction)."""
    slack = PASSIVE_SLACK_PER_FLEXION * np.clip(np.degrees(flexion), 0.0, 90.0)
    a = np.clip(np.degrees(adduction) - slack, 0.0, 40.0)
    out: FloatArray = PASSIVE_K0 * a + PASSIVE_K1 * np.expm1(PASSIVE_K2_PER_DEG * a)
    return out

"""Frontal-plane equilibrium about the stance hip (pure numpy, vectorised over frames).

Moments are in units of body weight x height (``m g H``); positive moments tend to drop
the swing side of the pelvis (an adduction moment at the stance hip). The equations are
written out in ``docs/biomechanics.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from anatomy_viewer.biomech import muscle
from anatomy_viewer.biomech.geometry import FloatArray
from anatomy_viewer.biomech.subject import MASS_FRACTION_HAT

#: Mass fraction of one whole leg (thigh + shank + foot; Winter), 0.161 of body mass,
#: matching the 16.1 % supporting-limb mass of Iglic et al. 1990.
MASS_FRACTION_LEG: Final = 0.100 + 0.0465 + 0.0145
#: Mass above the stance hip: trunk, head, arms and the swing leg (0.839 of body mass).
MASS_FRACTION_ABOVE: Final = MASS_FRACTION_HAT + MASS_FRACTION_LEG

#: Largest pelvic drop the solver looks for (deg); passive tissue always stops it sooner.
MAX_DROP_DEG: Final = 35.0
#: Bisection steps: 35 deg / 2**24 (2e-6 deg) is far below anything visible.
BISECTION_STEPS: Final = 24

#: Trunk-lean compensation: the patient leans at least the 6.7 deg ipsilateral trunk lean
#: of healthy single-leg squats (Nakagawa et al. 2012), and further, up to bringing the
#: trunk's centre of mass over the stance hip, until the demand falls to half of what the
#: weakened abductors can give (comfortable effort; model choice).
LEAN_MIN_DEG: Final = 6.7
LEAN_TARGET_ACTIVATION: Final = 0.5

#: Efforts above this (demand three times the weakened capacity, and a muscle with no
#: strength at all) count as this: the collapse terms are saturated there anyway, and a
#: finite value keeps them continuous in phase and strength.
MAX_EFFORT: Final = 3.0

#: Squat control: in the moving squat the pelvis and femur yield in proportion to the
#: effort e = demand / (strength x capacity) the abductors are asked for, saturating at
#: COLLAPSE_MAX_DEG. Gains calibrated so that at full strength, at depth, the model
#: matches the healthy means of Nakagawa et al. 2012 (drop 7.4 deg) and Herrington 2014
#: (FPPA 8.4 deg); the values at 74 % strength are then predictions.
COLLAPSE_GAIN_DEG: Final = 17.0
COLLAPSE_MAX_DEG: Final = 12.0
#: Share of the collapse taken by the pelvis (drop); the rest adducts the femur. Drop
#: 7.4 vs hip adduction 10.8 deg (Nakagawa 2012) leaves about 0.8 once the balance tilt
#: of the stance leg is counted (model calibration).
COLLAPSE_DROP_SHARE: Final = 0.8
#: Holding near maximal effort: as the effort nears 1 the pelvis sags a little before the
#: equilibrium gives way (drop = SAG_MAX_DEG x e**SAG_EXPONENT, e <= 1), so the drop
#: starts gently instead of appearing at one strength: the pelvis stays within 1 deg of
#: level down to 40 % strength and then drops progressively (model choice, in the spirit
#: of a Trendelenburg test that is first "just held" and then lost: Hardcastle and Nade
#: 1985).
SAG_MAX_DEG: Final = 3.0
SAG_EXPONENT: Final = 8.0
#: Femoral internal rotation grows with the cube of the effort (dynamic valgus, Powers
#: 2010), saturating at ROTATION_MAX_DEG: it stays small while the abductors have reserve
#: and grows quickly as they run short. Gain calibrated as above.
ROTATION_GAIN_DEG: Final = 40.0
ROTATION_EXPONENT: Final = 3.0
ROTATION_MAX_DEG: Final = 15.0


@dataclass(frozen=True)
class BodyLever:
    """Where the weights above the stance hip lie, as functions of the pelvic drop.

    ``swing_*`` and ``pivot_*`` are the swing hip centre and the trunk pivot relative to
    the stance hip, in the pelvis after its anterior tilt (x lateral, z up, metres);
    ``*_offset_x`` are the world-frame x offsets of the swing leg's centre of mass from
    the swing hip and of the trunk's centre of mass from the pivot.
    """

    swing_x: FloatArray
    swing_z: FloatArray
    swing_offset_x: FloatArray
    pivot_x: FloatArray
    pivot_z: FloatArray
    hat_offset_x: FloatArray

    def first_moment(self, drop: FloatArray) -> FloatArray:
        """Sum of mass fraction x x-offset from the stance hip (m); negative = medial."""
        c, s = np.cos(drop), np.sin(drop)
        x_swing = c * self.swing_x - s * self.swing_z + self.swing_offset_x
        x_hat = c * self.pivot_x - s * self.pivot_z + self.hat_offset_x
        out: FloatArray = MASS_FRACTION_HAT * x_hat + MASS_FRACTION_LEG * x_swing
        return out


@dataclass(frozen=True)
class Abductors:
    """The stance hip's abductor group and passive tissue at one hip flexion per frame."""

    strength: FloatArray
    flexion: FloatArray
    moment_arm_m: float
    height_m: float
    _flexion_arm: FloatArray = field(init=False, repr=False)
    _active_scale: FloatArray = field(init=False, repr=False)
    _fl_neutral: float = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Flexion is fixed per frame: its factors are computed once.
        arm = muscle.flexion_arm_factor(self.flexion)
        object.__setattr__(self, "_flexion_arm", arm)
        scale = self.strength * muscle.CAPACITY_NEUTRAL * arm
        object.__setattr__(self, "_active_scale", scale * muscle.flexion_force_factor(self.flexion))
        neutral = float(muscle.force_length(np.asarray(muscle.FIBRE_LENGTH_NEUTRAL)))
        object.__setattr__(self, "_fl_neutral", neutral)

    def arm_factor(self, adduction: FloatArray) -> FloatArray:
        """Moment arm relative to neutral at this adduction and the frame's flexion."""
        out: FloatArray = muscle.frontal_arm_factor(adduction) * self._flexion_arm
        return out

    def _fl_ratio(self, adduction: FloatArray) -> FloatArray:
        length = muscle.fibre_length(adduction, self.moment_arm_m, self.height_m)
        out: FloatArray = muscle.force_length(length) / self._fl_neutral
        return out

    def capacity(self, adduction: FloatArray) -> FloatArray:
        """Largest active moment of the weakened group (m g H)."""
        out: FloatArray = (
            self._active_scale * muscle.frontal_arm_factor(adduction) * self._fl_ratio(adduction)
        )
        return out

    def passive_fibre_force(self, adduction: FloatArray) -> FloatArray:
        """Passive force of the stretched fibres, fraction of the normal maximal force."""
        length = muscle.fibre_length(adduction, self.moment_arm_m, self.height_m)
        return muscle.passive_fibre_force(length)

    def passive_moment(self, adduction: FloatArray) -> FloatArray:
        """Stretched abductor fibres plus capsule and iliotibial band (m g H)."""
        fibres = (
            self.passive_fibre_force(adduction)
            * muscle.CAPACITY_NEUTRAL
            * self.arm_factor(adduction)
        )
        out: FloatArray = fibres + muscle.passive_tissue_moment(adduction, self.flexion)
        return out


def first_root(balance: Callable[[FloatArray], FloatArray], n: int, upper: float) -> FloatArray:
    """Smallest ``x`` in ``[0, upper]`` with ``balance(x) >= 0``, by bisection (vectorised).

    ``balance`` must cross zero once from below; frames already balanced at 0 give 0 and
    frames never balanced give ``upper``.
    """
    lo = np.zeros(n)
    hi = np.full(n, upper)
    for _ in range(BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        ok = balance(mid) >= 0.0
        hi = np.where(ok, mid, hi)
        lo = np.where(ok, lo, mid)
    out: FloatArray = np.where(balance(np.zeros(n)) >= 0.0, 0.0, hi)
    return out


def pelvic_drop(
    lever: BodyLever,
    abductors: Abductors,
    load: FloatArray,
    adduction: Callable[[FloatArray], FloatArray],
) -> FloatArray:
    """Pelvic drop (rad) at which abductors, stretched fibres and passive tissue hold the body.

    Solves ``s C(a) + P(a) = D(drop)`` with ``a = adduction(drop)`` (the stance hip's
    adduction, which grows with the drop) for its first root; 0 where the weakened
    abductors cover the demand with the pelvis level.
    """
    height = abductors.height_m

    def balance(drop: FloatArray) -> FloatArray:
        a = adduction(drop)
        demand = -load * lever.first_moment(drop) / height
        out: FloatArray = abductors.capacity(a) + abductors.passive_moment(a) - demand
        return out

    return first_root(balance, load.shape[0], float(np.radians(MAX_DROP_DEG)))


def lean_angle(
    demand: FloatArray, capacity: FloatArray, hat_height: FloatArray, load: FloatArray, hip_x: float
) -> FloatArray:
    """Trunk lean toward the stance side (rad) of a patient who compensates by leaning.

    Leaning by ``lam`` moves the trunk's centre of mass ``hat_height * sin(lam)`` toward
    the stance hip; the lean is the larger of :data:`LEAN_MIN_DEG` and the lean that
    brings the demand down to :data:`LEAN_TARGET_ACTIVATION` of the capacity, and at
    most the lean that puts the trunk's centre of mass over the stance hip.
    """
    per_sin = np.maximum(MASS_FRACTION_HAT * load * hat_height, 1e-9)
    need = np.maximum(demand - LEAN_TARGET_ACTIVATION * capacity, 0.0)
    lam_need = np.arcsin(np.clip(need / per_sin, 0.0, 1.0))
    lam_max = np.arcsin(np.clip(hip_x / np.maximum(hat_height, 1e-9), 0.0, 1.0))
    out: FloatArray = np.minimum(np.maximum(np.radians(LEAN_MIN_DEG) * load, lam_need), lam_max)
    return out


def squat_collapse(
    effort: FloatArray, depth: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Pelvic drop, femoral adduction and femoral internal rotation (rad) of the squat.

    ``effort`` is demand / (strength x capacity) with the pelvis level; ``depth`` 0..1.
    """
    e = np.clip(effort, 0.0, 1e6)
    total = COLLAPSE_MAX_DEG * np.tanh(COLLAPSE_GAIN_DEG * depth * e / COLLAPSE_MAX_DEG)
    rotation = ROTATION_MAX_DEG * np.tanh(
        ROTATION_GAIN_DEG * depth * e**ROTATION_EXPONENT / ROTATION_MAX_DEG
    )
    drop = np.radians(COLLAPSE_DROP_SHARE * total)
    femur = np.radians((1.0 - COLLAPSE_DROP_SHARE) * total)
    return drop, femur, np.radians(rotation)


def effort_sag(effort: FloatArray) -> FloatArray:
    """Pelvic drop (rad) of a pelvis held near maximal effort (see :data:`SAG_MAX_DEG`)."""
    e = np.clip(effort, 0.0, 1.0)
    out: FloatArray = np.radians(SAG_MAX_DEG) * e**SAG_EXPONENT
    return out

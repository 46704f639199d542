"""Posture from mechanics: how far the pelvis drops, how far the trunk leans, how high the
swing leg lifts (pure numpy, vectorised over frames).

Each free angle is the first one at which the hip's muscles, with passive tissue, can
hold the body (:meth:`HipEquilibrium.abduction_reserve` reaches zero):

- pelvic drop: the pelvis stays level while the muscles can hold it; where they cannot,
  it drops (turning about the stance hip) until passive tissue makes up the difference;
- trunk lean (``trunk_lean`` compensation only): the trunk leans toward the stance side,
  at least as far as healthy people do, and further until the muscles could hold twice
  what the posture asks of them, or until its centre of mass is over the stance hip;
- swing leg (the ``abduction`` task): it rises toward the task's target as far as the
  swing side's muscles can hold it.

The first root is found by scanning the angle in steps and bisecting the first bracket.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import BoolArray, FloatArray, IntArray, cardan_xyz
from anatomy_viewer.biomech.kinematics import (
    MASS_FRACTION_ABOVE,
    MASS_FRACTION_LEG,
    Stance,
    stance_leg_rotations,
    swing_leg_com,
    swing_rotations,
)
from anatomy_viewer.biomech.musculature import Musculature
from anatomy_viewer.biomech.passive import PassiveTissue
from anatomy_viewer.biomech.statics import HipEquilibrium, gravity_moment, hip_equilibrium
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.biomech.tasks import TaskProfile

#: Scan step and range of the free angles (deg); root-finding steps within a bracket
#: and the width (rad) at which they stop.
SCAN_STEP_DEG: Final = 5.0
#: Scan angles evaluated together (one batched equilibrium per batch).
SCAN_BATCH: Final = 4
MAX_DROP_DEG: Final = 40.0
ROOT_STEPS: Final = 30
ROOT_TOLERANCE: Final = 1e-5
#: Trunk-lean compensation: at least the 6.7 deg ipsilateral trunk lean of healthy
#: single-leg squats (Nakagawa et al. 2012, JOSPT 42:491), more until the muscles could
#: hold twice the posture's demand (working at half their reach: an assumption).
LEAN_MIN_DEG: Final = 6.7

_MIRROR: Final = np.diag([-1.0, 1.0, 1.0])


@dataclass(frozen=True, eq=False)
class HipModel:
    """A subject's hip muscles and passive tissue (built once per subject)."""

    subject: Subject
    musculature: Musculature
    tissue: PassiveTissue


@lru_cache(maxsize=16)
def hip_model(subject: Subject) -> HipModel:
    """The hip model of ``subject`` (cached: placing the muscles takes a few ms)."""
    p = subject.points
    return HipModel(
        subject=subject,
        musculature=Musculature.for_subject(p, subject.mass_kg),
        tissue=PassiveTissue.for_subject(p, subject.height_m, subject.mass_kg),
    )


@dataclass(frozen=True, eq=False)
class StanceState:
    """The stance hip at given free angles: posture and moment balance."""

    drop: FloatArray
    lean: FloatArray
    tilt: FloatArray
    pelvis: FloatArray
    femur: FloatArray
    angles: FloatArray
    upper_com: FloatArray
    equilibrium: HipEquilibrium


def stance_state(
    model: HipModel, stance: Stance, drop: FloatArray, lean: FloatArray, strength: FloatArray
) -> StanceState:
    """Posture and stance-hip equilibrium with the pelvis dropped and the trunk leaned."""
    upper = stance.upper_com(drop, lean)
    tilt = stance.balance_tilt(upper)
    pelvis = stance.pelvis_rotation(drop)
    _, femur = stance_leg_rotations(stance.prof, tilt)
    flex, add, rot = cardan_xyz(np.transpose(pelvis, (0, 2, 1)) @ femur)
    angles = np.stack([flex, add, rot], axis=-1)
    weight = model.subject.weight_n * MASS_FRACTION_ABOVE * stance.prof.load * stance.prof.gravity
    external = gravity_moment(pelvis, femur, upper, weight, "pelvis")
    equilibrium = hip_equilibrium(
        model.musculature, model.tissue, angles, stance.prof.knee_flexion, strength, external
    )
    return StanceState(drop, lean, tilt, pelvis, femur, angles, upper, equilibrium)


Reserve = Callable[
    [FloatArray, IntArray, FloatArray | None], tuple[FloatArray, FloatArray, FloatArray]
]


def first_root(
    reserve: Reserve, n: int, upper: FloatArray
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Smallest angle in ``[0, upper]`` (per frame) where the reserve is non-negative.

    ``reserve(angles, frames, start)`` returns the reserve, the activations and the
    solver multipliers for the frames listed in ``frames`` (``start``: multipliers of a
    nearby evaluation, or ``None``). The angle is scanned in :data:`SCAN_STEP_DEG` steps to the
    first bracket, then narrowed by the Illinois variant of false position. Returns the
    angles (on the side where the reserve is non-negative), the activations there, and a
    mask of the frames where no angle up to ``upper`` works.
    """
    everyone = np.arange(n)
    value, activation, multiplier = reserve(np.zeros(n), everyone, None)
    found = value >= 0.0
    lo = np.zeros(n)
    hi = np.zeros(n)
    f_lo = np.where(found, 0.0, value)
    f_hi = np.zeros(n)
    step = np.radians(SCAN_STEP_DEG)
    searching = ~found
    k = 0
    while np.any(searching):
        # The next SCAN_BATCH scan angles of every frame still searching, in one call.
        idx = np.nonzero(searching)[0]
        ks = k + 1 + np.arange(SCAN_BATCH)
        trials = np.minimum(ks[None, :] * step, upper[idx, None])
        frames = np.repeat(idx, SCAN_BATCH)
        v, a, mult = reserve(trials.reshape(-1), frames, np.repeat(multiplier[idx], SCAN_BATCH, 0))
        v = v.reshape(idx.size, SCAN_BATCH)
        ok = v >= 0.0
        first = np.argmax(ok, axis=1)
        hit = ok[np.arange(idx.size), first]
        # The last trial that still fails (before the first that holds, or the last one).
        last = np.where(hit, first - 1, SCAN_BATCH - 1)
        rows = np.arange(idx.size)
        failed_value = np.where(last >= 0, v[rows, np.maximum(last, 0)], f_lo[idx])
        f_lo[idx] = np.where(np.isfinite(failed_value), failed_value, f_lo[idx])
        pick = rows * SCAN_BATCH + np.where(hit, first, SCAN_BATCH - 1)
        multiplier[idx] = mult[pick]
        h = idx[hit]
        lo[h] = np.where(first[hit] > 0, trials[hit, np.maximum(first[hit] - 1, 0)], k * step)
        lo[h] = np.minimum(lo[h], upper[h])
        hi[h] = trials[hit, first[hit]]
        f_hi[h] = v[hit, first[hit]]
        activation[h] = a[pick[hit]]
        found[h] = True
        exhausted = idx[~hit & (trials[:, -1] >= upper[idx])]
        searching[h] = False
        searching[exhausted] = False
        k += SCAN_BATCH
    idx = np.nonzero(found & (hi > 0.0))[0]
    a_lo, a_hi, v_lo, v_hi = lo[idx], hi[idx], f_lo[idx], f_hi[idx]
    side = np.zeros(idx.size)
    for _ in range(ROOT_STEPS if idx.size else 0):
        # Only the brackets still wider than the tolerance are narrowed further.
        go = np.nonzero(a_hi - a_lo >= ROOT_TOLERANCE)[0]
        if go.size == 0:
            break
        lo_g, hi_g, vlo_g, vhi_g = a_lo[go], a_hi[go], v_lo[go], v_hi[go]
        usable = np.isfinite(vlo_g) & (vhi_g > vlo_g)
        with np.errstate(divide="ignore", invalid="ignore"):
            guess = hi_g - vhi_g * (hi_g - lo_g) / (vhi_g - vlo_g)
        width = hi_g - lo_g
        # Bisect where false position cannot be used; stay clear of the bracket's ends.
        guess = np.where(usable, guess, 0.5 * (lo_g + hi_g))
        guess = np.clip(guess, lo_g + 0.01 * width, hi_g - 0.01 * width)
        frames = idx[go]
        v, a, mult = reserve(guess, frames, multiplier[frames])
        multiplier[frames] = mult
        ok = v >= 0.0
        activation[frames[ok]] = a[ok]
        # Illinois: halve the value kept at an end that stays put twice in a row.
        v_lo[go] = np.where(ok, np.where(side[go] == 1.0, 0.5 * vlo_g, vlo_g), v)
        v_hi[go] = np.where(ok, v, np.where(side[go] == -1.0, 0.5 * vhi_g, vhi_g))
        a_hi[go] = np.where(ok, guess, hi_g)
        a_lo[go] = np.where(ok, lo_g, guess)
        side[go] = np.where(ok, 1.0, -1.0)
    angle = np.zeros(n)
    angle[idx] = a_hi
    return angle, activation, ~found


def _stance_reserve(
    model: HipModel,
    stance: Stance,
    strength: FloatArray,
    drop: FloatArray | None,
    lean: FloatArray | None,
) -> Reserve:
    """Reserve of the stance hip as a function of the drop (or of the lean)."""

    def reserve(
        angle: FloatArray, frames: IntArray, start: FloatArray | None
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        sub = _subset(stance, frames)
        d = angle if drop is None else drop[frames]
        lam = angle if lean is None else lean[frames]
        state = stance_state(model, sub, d, lam, _rows(strength, frames))
        return state.equilibrium.abduction_reserve(start)

    return reserve


def solve_lean(
    model: HipModel, stance: Stance, strength: FloatArray, drop: FloatArray
) -> FloatArray:
    """Trunk lean of the ``trunk_lean`` compensation (rad, toward the stance side)."""
    load = stance.prof.load
    p = model.subject.points
    lean_min = np.radians(LEAN_MIN_DEG) * load
    # The most lean: the trunk's centre of mass over the stance hip.
    height = np.maximum(stance.hat_vector[:, 2], 1e-9)
    reach = float(p["hip_r"][0]) / height
    lean_max = np.maximum(np.arcsin(np.clip(reach, 0.0, 1.0)) * load, lean_min)

    def reserve(
        extra: FloatArray, frames: IntArray, start: FloatArray | None
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        lean = lean_min[frames] + extra
        sub = _subset(stance, frames)
        state = stance_state(model, sub, drop[frames], lean, _rows(strength, frames))
        margin, activation, multiplier = state.equilibrium.abduction_reserve(start)
        # Working at half their reach: the reserve at least equals the posture's need.
        need = np.minimum(state.equilibrium.required[:, 1], 0.0)
        return margin + need, activation, multiplier

    extra, _, never = first_root(reserve, load.shape[0], lean_max - lean_min)
    out: FloatArray = np.where(never, lean_max, lean_min + extra)
    return out


def solve_drop(
    model: HipModel,
    stance: Stance,
    strength: FloatArray,
    lean: FloatArray,
    frames: IntArray,
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Pelvic drop (rad) at which the stance hip's muscles and passive tissue hold the body.

    Only ``frames`` (indices) are searched. Returns their drops, the activations that
    hold them, and a mask of frames where no drop up to :data:`MAX_DROP_DEG` lets the
    hip hold the posture (their drop is :data:`MAX_DROP_DEG`).
    """
    sub = _subset(stance, frames)
    reserve = _stance_reserve(model, sub, _rows(strength, frames), None, lean[frames])
    upper = np.full(frames.size, np.radians(MAX_DROP_DEG))
    drop, activation, never = first_root(reserve, frames.size, upper)
    return np.where(never, upper, drop), activation, never


def solve_swing_abduction(model: HipModel, prof: TaskProfile, strength: FloatArray) -> FloatArray:
    """How far the swing leg rises toward the task's abduction target (rad).

    The swing-side hip (mirrored onto a right hip) must hold the leg's weight with the
    pelvis level; the leg rises to the target or to the highest angle its muscles can
    hold.
    """
    subject = model.subject
    n = prof.load.shape[0]
    target = prof.swing_abduction
    if not np.any(target > 0.0):
        return np.zeros(n)
    weight = subject.weight_n * MASS_FRACTION_LEG

    def reserve(
        lowered: FloatArray, frames: IntArray, start: FloatArray | None
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        sub = _profile_subset(prof, frames)
        angle = target[frames] - lowered
        femur, _ = swing_rotations(sub, angle)
        pelvis = np.broadcast_to(np.eye(3), femur.shape)
        # Mirror the left leg onto a right one: M R M.
        femur_r = _MIRROR @ femur @ _MIRROR
        offset = swing_leg_com(subject, sub, angle) * np.array([-1.0, 1.0, 1.0])
        flex, add, rot = cardan_xyz(femur_r)
        angles = np.stack([flex, add, rot], axis=-1)
        external = gravity_moment(pelvis, femur_r, offset, np.full(frames.size, weight), "femur")
        state = hip_equilibrium(
            model.musculature,
            model.tissue,
            angles,
            sub.swing_knee_flexion,
            _rows(strength, frames),
            external,
        )
        return state.abduction_reserve(start)

    # Search downward from the target: the first angle below it that holds.
    lowered, _, never = first_root(reserve, n, target)
    out: FloatArray = np.where(never, 0.0, target - lowered)
    return out


def _rows(values: FloatArray, frames: IntArray) -> FloatArray:
    out: FloatArray = values[frames] if values.ndim == 2 else values
    return out


def _profile_subset(prof: TaskProfile, frames: IntArray) -> TaskProfile:
    return TaskProfile(**{k: getattr(prof, k)[frames] for k in prof.__dataclass_fields__})


def _subset(stance: Stance, frames: IntArray) -> Stance:
    if frames.size == stance.prof.load.shape[0] and np.array_equal(frames, np.arange(frames.size)):
        return stance
    return Stance(
        subject=stance.subject,
        prof=_profile_subset(stance.prof, frames),
        pelvic_tilt=stance.pelvic_tilt[frames],
        pivot=stance.pivot,
        hat_vector=stance.hat_vector[frames],
        swing_abduction=stance.swing_abduction[frames],
        swing_com=stance.swing_com[frames],
    )


__all__ = [
    "HipModel",
    "StanceState",
    "hip_model",
    "solve_drop",
    "solve_lean",
    "solve_swing_abduction",
    "stance_state",
]

"""Walking and running: a full gait cycle of both legs (pure numpy, vectorised).

The cycle's phase 0 is the heel strike of the chosen side's leg; the other leg follows
half a cycle later (a symmetric gait). Each leg is in contact with the floor for the
first :data:`STANCE_FRACTION` of its own cycle.

How the stance phases are solved (docs/biomechanics.md, "Walking and running"):

- The cycle is split into two halves, each centred on one leg's single support and
  bounded by the middle of double support (walking) or of the flight (running). In its
  half, that leg is the stance leg of the same model as standing on one leg; the other
  half is its mirror image. The readouts follow the stance leg.
- Quasi-static stance: the body above the stance hip is loaded by the vertical ground
  reaction force, as if gravity were scaled by it (every segment accelerating together);
  segment inertia, horizontal and side-to-side ground forces are neglected.
- The frontal-plane share: while both feet are on the floor, the pelvis rests on both
  legs, a closed chain that a one-leg model cannot split. The stance hip's share of the
  frontal load rises smoothly from 0 at the middle of double support to 1 just after
  the other foot leaves the floor (and falls the same way); in running it rises over the
  first and falls over the last fifth of contact (an assumption in both).
- The sagittal angles of both legs are prescribed from normative curves; the stance foot
  stays flat and the body is shown on a treadmill (the pelvis stays in place while the
  planted foot moves back).
"""

from __future__ import annotations

from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import BoolArray, FloatArray

#: The gait tasks.
GAIT_TASKS: Final = ("walk", "run")
#: Share of each leg's cycle in contact with the floor. Walking: about 60 % (Perry and
#: Burnfield 2010, Gait Analysis, 2nd ed.); running at about 3 m/s: toe-off at 38-39 %
#: of the cycle (Novacheck 1998, Gait Posture 7:77).
STANCE_FRACTION: Final = {"walk": 0.60, "run": 0.38}
#: Shape of one foot's vertical ground reaction force over its contact time ``tau``,
#: ``F(t) = a [cos(pi t / tau) - q cos(3 pi t / tau)]`` for ``-tau/2 <= t <= tau/2``
#: (Alexander and Jayes 1978, J Zool 186:61): ``q > 0`` gives walking's two humps,
#: ``q = 0`` a half sine, ``q < 0`` a single sharper peak. ``a`` is not chosen: over a
#: whole cycle the two feet must carry exactly body weight on average, which fixes it
#: from the stance share and ``q``. The ``q`` are model choices that put the peaks where
#: force plates find them (Keller et al. 1996, Clin Biomech 11:253: about 1.2 x BW
#: walking, rising to about 2.5 x BW running): 1.15 x BW walking, 2.5 x BW running.
SHAPE_FACTOR: Final = {"walk": 0.40, "run": 0.0}
#: Seconds of one full cycle (two steps): walking at about 110 steps a minute (Perry and
#: Burnfield 2010), running at about 170 steps a minute (an assumption: a common
#: recreational cadence). Only running's flight height (about 1 cm) depends on it.
STRIDE_SECONDS: Final = {"walk": 1.09, "run": 0.71}
#: Walking: the frontal share reaches 1 this long (share of the cycle) after the other
#: foot's toe-off, at the end of the loading response (0-12 % of the cycle; Perry and
#: Burnfield 2010), and starts to fall as long before the other heel strikes (an
#: assumption).
WALK_SHARE_SETTLE: Final = 0.02
#: Running: the frontal share rises over the first and falls over the last fifth of
#: contact (an assumption; the force is small there).
RUN_SHARE_RAMP: Final = 0.2
#: Sagittal angles of one leg over its cycle, (phase, degrees) key points read off the
#: normative curves and joined by a smooth periodic cubic. Hip: thigh flexion from the
#: vertical (the pelvis is held at its standing tilt); knee: flexion. Walking: Perry and
#: Burnfield 2010 (about 30 deg hip flexion at heel strike, 10 deg extension at the end
#: of single support, 60 deg knee flexion in swing). Running: Novacheck 1998 (hip 35 deg
#: at contact, knee about 40 deg at mid-stance and 90 deg in swing).
HIP_FLEXION_DEG: Final = {
    "walk": ((0.0, 30.0), (0.12, 25.0), (0.30, 8.0), (0.50, -10.0), (0.62, 0.0),
             (0.75, 22.0), (0.87, 33.0)),
    "run": ((0.0, 35.0), (0.19, 16.0), (0.38, -8.0), (0.50, 4.0), (0.70, 42.0),
            (0.85, 47.0)),
}  # fmt: skip
KNEE_FLEXION_DEG: Final = {
    "walk": ((0.0, 5.0), (0.15, 18.0), (0.40, 4.0), (0.60, 38.0), (0.72, 62.0),
             (0.87, 28.0), (0.96, 4.0)),
    "run": ((0.0, 20.0), (0.16, 40.0), (0.38, 18.0), (0.55, 70.0), (0.70, 92.0),
            (0.88, 28.0)),
}  # fmt: skip
#: Swing foot: toes down after push-off, level again before contact; the most toes-down
#: angle (model choice, within the 20-30 deg of plantar flexion after toe-off).
SWING_FOOT_PITCH_DEG: Final = 25.0
GRAVITY: Final = 9.81


def _periodic_cubic(keys: tuple[tuple[float, float], ...], x: FloatArray) -> FloatArray:
    """A smooth periodic (period 1) cubic through ``keys`` (Catmull-Rom tangents)."""
    px = np.array([k[0] for k in keys])
    py = np.array([k[1] for k in keys])
    n = px.size
    # Neighbours with the period unwrapped, for the tangents.
    prev_x = np.roll(px, 1) - np.where(np.arange(n) == 0, 1.0, 0.0)
    next_x = np.roll(px, -1) + np.where(np.arange(n) == n - 1, 1.0, 0.0)
    slope = (np.roll(py, -1) - np.roll(py, 1)) / (next_x - prev_x)
    u = np.mod(x, 1.0)
    i = np.searchsorted(px, u, side="right") - 1
    j = (i + 1) % n
    width = np.where(j == 0, px[0] + 1.0 - px[i], px[j] - px[i])
    t = (u - px[i]) / width
    h00 = 2 * t**3 - 3 * t**2 + 1
    h10 = t**3 - 2 * t**2 + t
    h01 = -2 * t**3 + 3 * t**2
    h11 = t**3 - t**2
    out: FloatArray = h00 * py[i] + h10 * width * slope[i] + h01 * py[j] + h11 * width * slope[j]
    return out


def _smoothstep(t: FloatArray) -> FloatArray:
    u = np.clip(t, 0.0, 1.0)
    out: FloatArray = u * u * (3.0 - 2.0 * u)
    return out


def window_start(task: str) -> float:
    """Phase where a leg's half of the cycle starts: the middle of double support
    (walking) or of the flight (running), before its heel strike."""
    return 0.5 * (STANCE_FRACTION[task] - 0.5)


def chain_phase(task: str, phase: FloatArray) -> tuple[FloatArray, BoolArray]:
    """Each phase as the stance leg's own phase in its half, and which half.

    Returns ``(local, other)``: ``local`` in ``[start, start + 0.5)`` is the phase of the
    leg on the floor in that half; ``other`` is True where that leg is the other side's
    (the half that is the mirror image of the first).
    """
    a = window_start(task)
    shifted = np.mod(np.asarray(phase, dtype=np.float64) - a, 1.0)
    other = shifted >= 0.5
    local: FloatArray = np.where(other, shifted - 0.5, shifted) + a
    return local, other


def vertical_force(task: str, x: FloatArray) -> FloatArray:
    """One foot's vertical ground reaction force (x BW) at its own phase ``x``."""
    beta = STANCE_FRACTION[task]
    q = SHAPE_FACTOR[task]
    amplitude = np.pi / (4.0 * beta * (1.0 + q / 3.0))
    u = np.mod(x, 1.0)
    s = np.pi * (u / beta - 0.5)
    force = amplitude * (np.cos(s) - q * np.cos(3.0 * s))
    out: FloatArray = np.where(u <= beta, np.clip(force, 0.0, None), 0.0)
    return out


def frontal_share(task: str, local: FloatArray) -> FloatArray:
    """The stance hip's share of the frontal load at the stance leg's phase (0..1)."""
    beta = STANCE_FRACTION[task]
    if task == "walk":
        a = window_start(task)
        # Full once the other foot has left the floor and the load has settled.
        full = beta - 0.5 + WALK_SHARE_SETTLE
        rise = _smoothstep((local - a) / (full - a))
        fall = _smoothstep((a + 0.5 - local) / (full - a))
        out: FloatArray = rise * fall
        return out
    ramp = RUN_SHARE_RAMP * beta
    return _smoothstep(local / ramp) * _smoothstep((beta - local) / ramp)


def hip_flexion(task: str, x: FloatArray) -> FloatArray:
    """Thigh flexion from the vertical (rad) at a leg's own phase."""
    return np.radians(_periodic_cubic(HIP_FLEXION_DEG[task], x))


def knee_flexion(task: str, x: FloatArray) -> FloatArray:
    """Knee flexion (rad) at a leg's own phase."""
    return np.radians(_periodic_cubic(KNEE_FLEXION_DEG[task], x))


def swing_foot_pitch(task: str, local: FloatArray) -> FloatArray:
    """Toes-down angle (rad) of the other foot while the stance leg is at ``local``.

    Zero at both ends of the half, where the two legs trade roles (the stance foot is
    flat), toes down after push-off and level again before contact.
    """
    s = np.clip((local - window_start(task)) / 0.5, 0.0, 1.0)
    out: FloatArray = np.radians(SWING_FOOT_PITCH_DEG) * 1.6 * np.sin(np.pi * s) * (1.0 - s) ** 1.5
    return out


def flight_height(task: str, local: FloatArray) -> FloatArray:
    """Height (m) of a running body above the floor in flight: a ballistic arc.

    Between toe-off and the other foot's contact nothing touches the floor; the body
    rises and falls under gravity, ``g t (T - t) / 2`` for flight time ``T``.
    """
    beta = STANCE_FRACTION[task]
    if beta >= 0.5:
        return np.zeros_like(local)
    flight = (0.5 - beta) * STRIDE_SECONDS[task]
    since = np.mod(local - beta, 0.5)
    t = since * STRIDE_SECONDS[task]
    out: FloatArray = np.where(since <= 0.5 - beta, 0.5 * GRAVITY * t * (flight - t), 0.0)
    return np.clip(out, 0.0, None)


def swing_contact_weight(task: str, local: FloatArray) -> FloatArray:
    """1 where the other foot is at either end of the half (near or on the floor), falling
    to 0 in its mid-swing: which feet the treadmill keeps on the floor."""
    a = window_start(task)
    s = (local - a) / 0.5
    ramp = 0.16
    out: FloatArray = np.maximum(_smoothstep(1.0 - s / ramp), _smoothstep(1.0 - (1.0 - s) / ramp))
    return out


__all__ = [
    "GAIT_TASKS",
    "STANCE_FRACTION",
    "chain_phase",
    "flight_height",
    "frontal_share",
    "hip_flexion",
    "knee_flexion",
    "swing_contact_weight",
    "swing_foot_pitch",
    "vertical_force",
    "window_start",
]

"""What the model returns for one phase: poses, quantities and overlay geometry."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray

#: Keys of ``model --json`` (``DESIGN.md``), in order, with the decimals they are given.
QUANTITY_DECIMALS: Final[dict[str, int]] = {
    "pelvic_drop_deg": 2,
    "pelvic_drop_cm": 2,
    "trunk_lean_deg": 2,
    "hip_adduction_deg": 2,
    "hip_internal_rotation_deg": 2,
    "knee_flexion_deg": 2,
    "knee_fppa_deg": 2,
    "abductor_force_bw": 3,
    "abductor_activation": 3,
    "hip_contact_force_bw": 3,
    "itb_strain_pct": 2,
    "body_weight_lever_arm_cm": 2,
    "abductor_moment_arm_cm": 2,
    "swing_hip_abduction_deg": 2,
}


@dataclass(frozen=True, eq=False)
class Overlay:
    """Teaching geometry in world coordinates of the posed frame (metres; forces in newtons).

    Attributes
    ----------
    asis_stance, asis_swing
        Both ASIS points: the pelvic level line.
    hip_center, knee_center, ankle_center
        Stance-leg joint centres: the knee alignment lines and FPPA.
    center_of_mass
        Centre of mass of everything above the stance hip (trunk, head, arms, swing leg):
        where the body weight the abductors balance acts.
    body_weight
        That weight as a force vector (points down).
    body_weight_lever_end
        End of the body-weight lever arm: the horizontal segment from ``hip_center`` to
        the weight's line of action, in the frontal plane.
    abductor_origin, abductor_insertion
        The gluteus medius line of action (centroids of origin and insertion, posed).
    abductor_force
        Force of the abductors on the femur, parallel to the muscle line and pointing
        toward ``abductor_origin``.
    abductor_application
        Where that force acts: the insertion moved toward the hip centre so that its line
        lies at the path moment arm the model uses (the muscle wraps over the trochanter).
    abductor_lever_end
        Foot of the perpendicular from ``hip_center`` to that line of action: the
        abductor moment arm is the segment from ``hip_center`` to this point.
    hip_contact_force
        Force of the pelvis on the femoral head, applied at ``hip_center`` (as OrthoLoad
        reports it: mostly downward, slightly lateral).
    itb_proximal, itb_trochanter, itb_distal
        The iliotibial band's path: iliac crest, over the greater trochanter, to Gerdy's
        tubercle.
    """

    asis_stance: FloatArray
    asis_swing: FloatArray
    hip_center: FloatArray
    knee_center: FloatArray
    ankle_center: FloatArray
    center_of_mass: FloatArray
    body_weight: FloatArray
    body_weight_lever_end: FloatArray
    abductor_origin: FloatArray
    abductor_insertion: FloatArray
    abductor_force: FloatArray
    abductor_application: FloatArray
    abductor_lever_end: FloatArray
    hip_contact_force: FloatArray
    itb_proximal: FloatArray
    itb_trochanter: FloatArray
    itb_distal: FloatArray

    def as_dict(self) -> dict[str, list[float]]:
        """Plain lists, for JSON."""
        return {f.name: [float(v) for v in getattr(self, f.name)] for f in fields(self)}


@dataclass(frozen=True, eq=False)
class BiomechFrame:
    """The model's answer for one set of inputs at one phase.

    Attributes
    ----------
    task, side, compensation
        As given (``side`` is the stance side).
    strength
        Hip abductor strength as a fraction of normal, 0..1.
    phase
        Phase of the movement, 0..1.
    poses
        Segment name -> 4x4 rigid transform relative to the neutral pose, world frame:
        ``p_posed = T @ p_neutral``. Keys: :data:`SEGMENTS`.
    quantities
        The ``model --json`` numbers (full precision; see :data:`QUANTITY_DECIMALS`).
    overlay
        Geometry for the teaching overlays, in the posed frame.
    """

    task: str
    side: str
    strength: float
    phase: float
    compensation: str
    poses: dict[str, FloatArray]
    quantities: dict[str, float]
    overlay: Overlay

    def quantities_json(self) -> dict[str, float | str]:
        """The ``model --json`` object: inputs (strength in percent) and rounded quantities."""
        out: dict[str, float | str] = {
            "task": self.task,
            "side": self.side,
            "strength_pct": round(100.0 * self.strength, 2),
            "phase": round(self.phase, 4),
            "compensation": self.compensation,
        }
        for key, decimals in QUANTITY_DECIMALS.items():
            value = round(float(self.quantities[key]), decimals)
            out[key] = 0.0 if value == 0.0 else value  # no "-0.0" in the JSON
        return out


def frames_from_arrays(
    *,
    task: str,
    side: str,
    compensation: str,
    strength: FloatArray,
    phase: FloatArray,
    poses: dict[str, FloatArray],
    quantities: dict[str, FloatArray],
    overlay: dict[str, FloatArray],
) -> list[BiomechFrame]:
    """Split batched arrays (first axis = frame) into :class:`BiomechFrame` objects."""
    out = []
    for i in range(phase.shape[0]):
        out.append(
            BiomechFrame(
                task=task,
                side=side,
                strength=float(strength[i]),
                phase=float(phase[i]),
                compensation=compensation,
                poses={k: np.array(v[i]) for k, v in poses.items()},
                quantities={k: float(v[i]) for k, v in quantities.items()},
                overlay=Overlay(**{k: np.array(v[i]) for k, v in overlay.items()}),
            )
        )
    return out

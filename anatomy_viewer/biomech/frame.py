"""What the model returns for one phase: poses, quantities, muscles and overlay geometry."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray

#: Keys of ``model --json``, in order, with the decimals they are given.
QUANTITY_DECIMALS: Final[dict[str, int]] = {
    "pelvic_drop_deg": 2,
    "pelvic_drop_cm": 2,
    "trunk_lean_deg": 2,
    "hip_adduction_deg": 2,
    "hip_internal_rotation_deg": 2,
    "knee_flexion_deg": 2,
    "knee_fppa_deg": 2,
    "knee_fppa_low_deg": 2,
    "knee_fppa_high_deg": 2,
    "abductor_force_bw": 3,
    "abductor_activation": 3,
    "hip_contact_force_bw": 3,
    "itb_strain_pct": 2,
    "body_weight_lever_arm_cm": 2,
    "abductor_moment_arm_cm": 2,
    "swing_hip_abduction_deg": 2,
}


@dataclass(frozen=True)
class MuscleOutput:
    """One muscle (or muscle part) in one frame.

    Attributes
    ----------
    force_bw
        Force along the muscle (active and passive), in multiples of body weight.
    activation
        Activation, 0..1 of the muscle's capacity after any weakening.
    structure
        Id of the anatomy structure the muscle belongs to, with the side suffix
        (``gluteus_medius_r``).
    """

    force_bw: float
    activation: float
    structure: str


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
        where the body weight the hip muscles balance acts.
    body_weight
        That weight as a force vector (points down; the stance leg's share of it).
    body_weight_lever_end
        End of the body-weight lever arm: the horizontal segment from ``hip_center`` to
        the weight's line of action, in the frontal plane.
    abductor_origin, abductor_insertion
        Centroids of the gluteus medius origin and insertion (posed): the muscle line.
    abductor_force
        Resultant force of the weakened muscle (or group) on the femur.
    abductor_application
        A point of that resultant's line of action in the frontal plane, near the
        insertion.
    abductor_lever_end
        Foot of the perpendicular from ``hip_center`` to that line: the segment from
        ``hip_center`` to this point is the resultant's frontal moment arm.
    other_force
        Resultant force on the femur of every other muscle and the passive tissues (the
        iliotibial band, the capsule). ``hip_contact_force`` equals the weight above the
        hip less this force and ``abductor_force``.
    hip_contact_force
        Force of the pelvis on the femoral head, applied at ``hip_center``: the sum of
        the weight above the hip and every muscle and passive-tissue force on the pelvis.
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
    other_force: FloatArray
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
    task, side, compensation, weaken
        As given (``side`` is the stance side; ``weaken`` the muscle the strength
        scales: ``gluteus_medius`` or ``abductors``).
    strength
        Strength of the weakened muscle as a fraction of normal, 0..1.
    phase
        Phase of the movement, 0..1.
    poses
        Segment name -> 4x4 rigid transform relative to the neutral pose, world frame:
        ``p_posed = T @ p_neutral``.
    quantities
        The ``model --json`` numbers (full precision; see :data:`QUANTITY_DECIMALS`),
        plus ``hip_flexion_deg``.
    ratings
        ``pelvic_drop_deg``, ``knee_fppa_deg``, ``hip_contact_force_bw`` and
        ``abductor_activation`` rated ``normal``, ``borderline`` or ``out_of_range``
        against healthy people doing the same task
        (:mod:`anatomy_viewer.biomech.ratings`).
    muscles
        Muscle id with the stance side's suffix (``gluteus_medius_anterior_r``) ->
        :class:`MuscleOutput`.
    overlay
        Geometry for the teaching overlays, in the posed frame.
    capacity
        Muscle id -> force at full activation (N, after weakening): for
        :meth:`structure_activation`.
    """

    task: str
    side: str
    strength: float
    phase: float
    compensation: str
    weaken: str
    poses: dict[str, FloatArray]
    quantities: dict[str, float]
    ratings: dict[str, str]
    muscles: dict[str, MuscleOutput]
    overlay: Overlay
    capacity: dict[str, float]

    def structure_activation(self) -> dict[str, float]:
        """Effort of each anatomy structure: total force over total capacity of its parts.

        Passive force is left out (it is not effort). A structure with no capacity left
        (strength 0) reports the largest activation of its parts.
        """
        force: dict[str, float] = {}
        reach: dict[str, float] = {}
        most: dict[str, float] = {}
        for muscle_id, out in self.muscles.items():
            cap = self.capacity[muscle_id]
            force[out.structure] = force.get(out.structure, 0.0) + out.activation * cap
            reach[out.structure] = reach.get(out.structure, 0.0) + cap
            most[out.structure] = max(most.get(out.structure, 0.0), out.activation)
        return {s: (force[s] / reach[s] if reach[s] > 0.0 else most[s]) for s in force}

    def quantities_json(self) -> dict[str, object]:
        """The ``model --json`` object: inputs, rounded quantities, ratings and muscles."""
        out: dict[str, object] = {
            "task": self.task,
            "side": self.side,
            "weaken": self.weaken,
            "strength_pct": round(100.0 * self.strength, 2),
            "phase": round(self.phase, 4),
            "compensation": self.compensation,
        }
        for key, decimals in QUANTITY_DECIMALS.items():
            out[key] = _rounded(self.quantities[key], decimals)
        out["knee_fppa_range_deg"] = [
            _rounded(self.quantities["knee_fppa_low_deg"], 2),
            _rounded(self.quantities["knee_fppa_high_deg"], 2),
        ]
        out["ratings"] = dict(self.ratings)
        out["muscles"] = {
            muscle_id: {
                "force_bw": _rounded(m.force_bw, 3),
                "activation": _rounded(m.activation, 3),
            }
            for muscle_id, m in self.muscles.items()
        }
        return out


def _rounded(value: float, decimals: int) -> float:
    out = round(float(value), decimals)
    return 0.0 if out == 0.0 else out  # no "-0.0" in the JSON


def stack_poses(poses: dict[str, FloatArray], index: int) -> dict[str, FloatArray]:
    """The poses of frame ``index`` from batched arrays."""
    return {k: np.array(v[index]) for k, v in poses.items()}

"""The subject: body size and the joint geometry the model poses.

Joint centres, ASIS points and muscle lines come from the anatomy's landmarks
(:func:`anatomy_viewer.anatomy.landmarks.compute_landmarks`), so the posed bones turn
about the very points the meshes were built around. Segment masses follow Winter
(*Biomechanics and Motor Control of Human Movement*, 4th ed., table 4.1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.geometry import FloatArray

Point = tuple[float, float, float]

GRAVITY: Final = 9.81  # m/s^2

#: Segment masses as fractions of body mass (Winter, table 4.1).
MASS_FRACTION_HAT: Final = 0.678  # head, arms and trunk
MASS_FRACTION_THIGH: Final = 0.100
MASS_FRACTION_SHANK: Final = 0.0465
MASS_FRACTION_FOOT: Final = 0.0145
#: Centre of mass of thigh and shank from their proximal joint, fraction of length (Winter).
COM_FRACTION_THIGH: Final = 0.433
COM_FRACTION_SHANK: Final = 0.433
#: HAT centre of mass above the hip centres: 0.626 of the hip-to-shoulder distance,
#: shoulder at 0.818 H and hip at 0.530 H (Winter, table 4.1 and fig. 4.1).
HAT_COM_ABOVE_HIP_PER_HEIGHT: Final = 0.626 * (0.818 - 0.530)

SEXES: Final = ("female", "male")
#: Heights the anatomy's proportions cover (anatomy/proportions.py) and body masses the
#: model accepts.
MIN_HEIGHT_M: Final = 1.2
MAX_HEIGHT_M: Final = 2.2
MIN_MASS_KG: Final = 20.0
MAX_MASS_KG: Final = 250.0

#: Landmarks the model reads (right side; the left side is read and mirrored too).
REQUIRED: Final = (
    "pelvis.hjc_{s}",
    "pelvis.asis_{s}",
    "pelvis.psis_{s}",
    "femur_{s}.knee_center",
    "tibia_{s}.ankle_center",
    "femur_{s}.greater_trochanter",
    "tibia_{s}.gerdy_tubercle",
    "pelvis.iliac_crest_top_{s}",
    "pelvis.aiis_{s}",
    "gluteus_medius_{s}.origin_centroid",
    "gluteus_medius_{s}.insertion_centroid",
    "gluteus_minimus_{s}.insertion_centroid",
    "foot_{s}.heel",
    "foot_{s}.toe",
)


@dataclass(frozen=True, eq=False)
class Subject:
    """One person: size, mass and joint geometry in the neutral pose.

    Attributes
    ----------
    height_m, mass_kg, sex
        Body height (m), body mass (kg) and sex (``"female"`` or ``"male"``).
    points
        Symmetric joint geometry, world frame, neutral pose, metres: ``hip_r``, ``hip_l``,
        ``knee_r``, ``knee_l``, ``ankle_r``, ``ankle_l``, ``asis_r``, ``asis_l``, ``psis_r``,
        ``psis_l``, ``trochanter_r``, ``gerdy_r``, ``crest_r``, ``abductor_origin_r``,
        ``abductor_insertion_r``. Left and right are exact mirror images (each is the
        mean of one side and the mirrored other), so left stance mirrors right stance.
    """

    height_m: float
    mass_kg: float
    sex: str
    points: Mapping[str, FloatArray] = field(repr=False)

    @property
    def weight_n(self) -> float:
        """Body weight in newtons."""
        return self.mass_kg * GRAVITY

    @property
    def size_moment_nm(self) -> float:
        """Body weight times height (N m): the unit joint moments scale with."""
        return self.weight_n * self.height_m

    @classmethod
    def from_landmarks(
        cls, landmarks: Mapping[str, Point], mass_kg: float, height_m: float, sex: str
    ) -> Subject:
        """Build a subject from a landmark mapping (``"structure.name" -> (x, y, z)``).

        Raises
        ------
        ModelInputError
            When a required landmark is missing or not finite, or mass, height or sex
            are out of range.
        """
        _check_body(mass_kg, height_m, sex)
        names = [t.format(s=s) for t in REQUIRED for s in ("r", "l")]
        missing = [n for n in names if n not in landmarks]
        if missing:
            raise ModelInputError(f"landmarks missing for the model: {', '.join(missing)}")
        flip = np.array([-1.0, 1.0, 1.0])

        def both(template: str) -> FloatArray:
            r = np.asarray(landmarks[template.format(s="r")], dtype=np.float64).reshape(3)
            left = np.asarray(landmarks[template.format(s="l")], dtype=np.float64).reshape(3)
            if not (np.all(np.isfinite(r)) and np.all(np.isfinite(left))):
                raise ModelInputError(f"landmark {template.format(s='r')} is not finite")
            mean: FloatArray = 0.5 * (r + left * flip)
            return mean

        pts: dict[str, FloatArray] = {}
        for key, template in (
            ("hip", "pelvis.hjc_{s}"),
            ("asis", "pelvis.asis_{s}"),
            ("psis", "pelvis.psis_{s}"),
            ("knee", "femur_{s}.knee_center"),
            ("ankle", "tibia_{s}.ankle_center"),
        ):
            p = both(template)
            pts[f"{key}_r"] = p
            pts[f"{key}_l"] = p * flip
        pts["trochanter_r"] = both("femur_{s}.greater_trochanter")
        pts["gerdy_r"] = both("tibia_{s}.gerdy_tubercle")
        pts["crest_r"] = both("pelvis.iliac_crest_top_{s}")
        pts["aiis_r"] = both("pelvis.aiis_{s}")
        for key, template in (("heel", "foot_{s}.heel"), ("toe", "foot_{s}.toe")):
            foot = both(template)
            pts[f"{key}_r"] = foot
            pts[f"{key}_l"] = foot * flip
        pts["abductor_origin_r"] = both("gluteus_medius_{s}.origin_centroid")
        pts["abductor_insertion_r"] = both("gluteus_medius_{s}.insertion_centroid")
        pts["trochanter_insertion_r"] = 0.5 * (
            pts["abductor_insertion_r"] + both("gluteus_minimus_{s}.insertion_centroid")
        )
        if pts["hip_r"][0] <= 0.0 or pts["knee_r"][2] >= pts["hip_r"][2]:
            raise ModelInputError("landmarks are not in the RAS world frame of the neutral pose")
        return cls(height_m=float(height_m), mass_kg=float(mass_kg), sex=sex, points=pts)

    @classmethod
    def default(cls, height_m: float = 1.75, mass_kg: float = 75.0, sex: str = "male") -> Subject:
        """The subject built from the anatomy's own landmarks (the meshes' geometry)."""
        _check_body(mass_kg, height_m, sex)
        from anatomy_viewer.anatomy.landmarks import compute_landmarks

        try:
            landmarks = compute_landmarks(height_m, sex)
        except ValueError as error:
            raise ModelInputError(str(error)) from error
        return cls.from_landmarks(landmarks, mass_kg, height_m, sex)


def _check_body(mass_kg: float, height_m: float, sex: str) -> None:
    if isinstance(mass_kg, bool) or not isinstance(mass_kg, (int, float)):
        raise ModelInputError(f"mass must be a number of kilograms, got {mass_kg!r}")
    if not math.isfinite(mass_kg):
        raise ModelInputError(f"mass must be a number of kilograms, got {mass_kg!r}")
    if not MIN_MASS_KG <= mass_kg <= MAX_MASS_KG:
        raise ModelInputError(
            f"mass must be {MIN_MASS_KG:g} to {MAX_MASS_KG:g} kg, got {mass_kg:g}"
        )
    if isinstance(height_m, bool) or not isinstance(height_m, (int, float)):
        raise ModelInputError(f"height must be a number of metres, got {height_m!r}")
    if not math.isfinite(height_m):
        raise ModelInputError(f"height must be a number of metres, got {height_m!r}")
    if not MIN_HEIGHT_M <= height_m <= MAX_HEIGHT_M:
        raise ModelInputError(
            f"height must be {MIN_HEIGHT_M:g} to {MAX_HEIGHT_M:g} m, got {height_m:g}"
        )
    if sex not in SEXES:
        raise ModelInputError(f"sex must be one of {', '.join(SEXES)}, got {sex!r}")

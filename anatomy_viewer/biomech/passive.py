"""Passive tissue across the hip: the iliotibial band and the hip capsule (pure numpy).

Both are elastic lines, slack up to a length and linear beyond it: ``F = k (L - L0)``
for ``L > L0``, along a stated path, so their force enters the moment equations (through
``r = -dL/dq``) and the hip contact force (along the path). Stiffnesses scale with body
mass from a 75 kg adult, as the muscles' maximal forces do (an assumption: tissue
cross-sections grow with body size).

- Iliotibial band: from the top of the iliac crest, over the greater trochanter (1 cm of
  soft tissue lateral to the landmark, an assumption) to Gerdy's tubercle. Stiffness
  ``E A / L``: Young's modulus 350 MPa (Otsuka et al. 2020, J Biomech 109:109919:
  337.9 to 362.7 MPa in cadaver bands over the thigh), cross-section 25.2 mm2 (Park et al.
  2021, Korean J Pain 34:229: 25.24 +/- 6.59 mm2 on MRI in healthy knees). Just taut in
  upright standing (an assumption: no published slack length).
- Hip capsule (the superior arm of the iliofemoral ligament, which limits adduction):
  from the anterior inferior iliac spine to the greater trochanter landmark. Its
  rotational stiffness once engaged is 0.8 N m/deg (van Arkel et al. 2015, J Biomech
  48:3803: 0.8 +/- 0.3 N m/deg), converted to a line stiffness with the line's moment
  arm in neutral. It engages where that stiffness reaches the 5 N m van Arkel et al. used
  to mark the end of range at the normal passive adduction range of 26.9 deg (Boone and
  Azen 1979, JBJS-Am 61:756: 26.9 +/- 4.1 deg): at 20.65 deg of adduction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray
from anatomy_viewer.biomech.paths import FEMUR, PELVIS, TIBIA, Paths

#: Reference mass of the stiffnesses below (kg).
REFERENCE_MASS_KG: Final = 75.0
#: Iliotibial band: Young's modulus (Pa) and cross-section (m2); sources above.
ITB_MODULUS_PA: Final = 350e6
ITB_AREA_M2: Final = 25.24e-6
#: Soft tissue between the greater trochanter landmark and the band (assumption), at
#: 1.75 m body height.
ITB_CLEARANCE_M: Final = 0.01
#: Hip capsule: rotational stiffness once engaged (N m/deg), end-of-range torque (N m)
#: and passive adduction range (deg); sources above.
CAPSULE_STIFFNESS_NM_PER_DEG: Final = 0.8
CAPSULE_END_TORQUE_NM: Final = 5.0
ADDUCTION_RANGE_DEG: Final = 26.9

#: Names of the tissues, in order.
TISSUES: Final = ("iliotibial_band", "hip_capsule")


@dataclass(frozen=True, eq=False)
class PassiveTissue:
    """The passive lines of one right leg.

    Attributes
    ----------
    paths
        Their paths (:data:`TISSUES` order).
    stiffness
        ``(t,)`` line stiffness (N/m).
    slack_length
        ``(t,)`` length at which each starts to pull (m).
    """

    paths: Paths
    stiffness: FloatArray
    slack_length: FloatArray

    @classmethod
    def for_subject(
        cls, points: Mapping[str, FloatArray], height_m: float, mass_kg: float
    ) -> PassiveTissue:
        """The band and capsule of a subject (see the module docstring)."""
        hip = points["hip_r"]
        clearance = np.array([ITB_CLEARANCE_M * height_m / 1.75, 0.0, 0.0])
        band = [points["crest_r"], points["trochanter_r"] + clearance, points["gerdy_r"]]
        capsule = [points["aiis_r"], points["trochanter_r"], points["trochanter_r"]]
        coordinates = np.array([band, capsule]) - hip
        bodies = np.array([[PELVIS, FEMUR, TIBIA], [PELVIS, FEMUR, FEMUR]], dtype=np.int64)
        paths = Paths(
            points=coordinates,
            bodies=bodies,
            knee=points["knee_r"] - hip,
            patella_angles=np.array([0.0, 1.0]),
            patella_points=np.zeros((2, *coordinates.shape)),
            wrap_index=np.full(2, -1, dtype=np.int64),
            wrap_center=np.zeros((0, 3)),
            wrap_frame=np.zeros((0, 3, 3)),
            wrap_radius=np.zeros(0),
            wrap_side=np.zeros(0, dtype=np.int64),
        )
        mass_scale = mass_kg / REFERENCE_MASS_KG
        neutral = paths.state(np.zeros((1, 3)), np.zeros(1))
        band_stiffness = ITB_MODULUS_PA * ITB_AREA_M2 / float(neutral.lengths[0, 0])
        capsule_arm = abs(float(neutral.arms[0, 1, 1]))
        capsule_stiffness = CAPSULE_STIFFNESS_NM_PER_DEG * 180.0 / np.pi / capsule_arm**2
        engage = np.radians(
            ADDUCTION_RANGE_DEG - CAPSULE_END_TORQUE_NM / CAPSULE_STIFFNESS_NM_PER_DEG
        )
        at_engagement = paths.lengths(np.array([[0.0, engage, 0.0]]), np.zeros(1))
        return cls(
            paths=paths,
            stiffness=np.array([band_stiffness, capsule_stiffness]) * mass_scale,
            slack_length=np.array([float(neutral.lengths[0, 0]), float(at_engagement[0, 1])]),
        )

    def forces(self, lengths: FloatArray) -> FloatArray:
        """Tension ``(n, t)`` of each line at the given lengths (N)."""
        out: FloatArray = self.stiffness * np.maximum(lengths - self.slack_length, 0.0)
        return out

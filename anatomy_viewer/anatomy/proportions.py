"""Body proportions of a subject, from published ratios.

Every length the landmarks and the meshes use comes from :func:`proportions`, so the
landmarks, the meshes and the biomechanical model share one set of numbers. Sources are
the published values cited next to each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Sex = Literal["male", "female"]

#: Height of the template the shapes were drawn for (the default subject).
TEMPLATE_HEIGHT_M = 1.75


@dataclass(frozen=True)
class Proportions:
    """Lengths (metres) and angles (radians) describing one subject's skeleton.

    Attributes
    ----------
    height, sex
        The subject.
    scale
        ``height / 1.75``: the factor applied to template shapes drawn for 1.75 m.
    hip_height, ankle_height
        Heights of the hip and ankle joint centres above the floor.
    thigh_length
        Hip centre to knee centre.
    pelvis_width
        Inter-ASIS distance (PW).
    pelvis_depth
        Mid-ASIS to mid-PSIS distance (PD).
    hip_posterior, hip_inferior, hip_lateral
        Hip centre from the mid-ASIS point in the pelvic frame (Harrington 2007).
    pelvic_tilt
        Anterior tilt of the ASIS-PSIS line in neutral standing.
    mechanical_axis_tilt
        Inclination of the femoral mechanical axis from vertical (knee medial to hip).
    neck_shaft_angle, anteversion
        Femoral neck-shaft angle and femoral anteversion.
    head_radius
        Femoral head radius.
    femoral_offset
        Perpendicular distance from the head centre to the femoral shaft axis.
    """

    height: float
    sex: Sex
    scale: float
    hip_height: float
    ankle_height: float
    thigh_length: float
    pelvis_width: float
    pelvis_depth: float
    hip_posterior: float
    hip_inferior: float
    hip_lateral: float
    pelvic_tilt: float
    mechanical_axis_tilt: float
    neck_shaft_angle: float
    anteversion: float
    head_radius: float
    femoral_offset: float


def proportions(height_m: float = 1.75, sex: str = "male") -> Proportions:
    """Return the proportions of an adult of ``height_m`` metres and ``sex``.

    Parameters
    ----------
    height_m
        Standing height in metres (1.2 to 2.2).
    sex
        ``"male"`` or ``"female"``.

    Raises
    ------
    ValueError
        For a height outside 1.2 to 2.2 m or an unknown sex.
    """
    if not 1.2 <= height_m <= 2.2:
        raise ValueError(f"height_m must be between 1.2 and 2.2 m, got {height_m}")
    if sex not in ("male", "female"):
        raise ValueError(f"sex must be 'male' or 'female', got {sex!r}")
    h = float(height_m)
    female = sex == "female"
    # Inter-ASIS width: OrthoLoad CT 243 +/- 16 mm for adults of about 1.75 m
    # (0.139 x height); the female pelvis is relatively wider (about 5 % here,
    # textbook sexual dimorphism; Dostal & Andrews 1981 cadaver 260 mm).
    pelvis_width = (0.146 if female else 0.139) * h
    # Pelvic depth, mid-ASIS to mid-PSIS: about 150 mm (OrthoLoad CT) = 0.0857 x height.
    pelvis_depth = 0.0857 * h
    return Proportions(
        height=h,
        sex="female" if female else "male",
        scale=h / TEMPLATE_HEIGHT_M,
        # Winter, Biomechanics and Motor Control of Human Movement: hip centre at
        # 0.530 x height, ankle at 0.039 x height, thigh 0.245 x height.
        hip_height=0.530 * h,
        ankle_height=0.039 * h,
        thigh_length=0.245 * h,
        pelvis_width=pelvis_width,
        pelvis_depth=pelvis_depth,
        # Harrington et al. 2007, J Biomech 40:595: hip centre from mid-ASIS,
        # posterior 0.24 PD + 9.9 mm, inferior 0.30 PW + 10.9 mm, lateral 0.33 PW + 7.3 mm.
        hip_posterior=0.24 * pelvis_depth + 0.0099,
        hip_inferior=0.30 * pelvis_width + 0.0109,
        hip_lateral=0.33 * pelvis_width + 0.0073,
        # Standing anterior pelvic tilt (ASIS-PSIS line) about 11 deg in men, 12 deg in
        # women (Herrington 2011, Man Ther 16:646); 10 deg keeps the anterior pelvic
        # plane near vertical for this template.
        pelvic_tilt=math.radians(10.0),
        # Femoral mechanical axis about 3 deg from vertical (Moreland et al. 1987,
        # JBJS-Am 69:745).
        mechanical_axis_tilt=math.radians(3.0),
        # Neck-shaft angle 122 to 130 deg (CT 124.7 +/- 6.2, Carmona 2022; 129.2 on
        # photographs, Toogood 2009); women slightly more valgus.
        neck_shaft_angle=math.radians(129.0 if female else 127.0),
        # Anteversion 10 to 15 deg (Toogood 2009 CORR 467:876); women about 4 deg more
        # (Boese et al. 2016).
        anteversion=math.radians(16.0 if female else 12.0),
        # Head diameter: men about 48 to 51 mm, women about 43 to 48 mm (radiograph
        # studies): 49 mm at 1.75 m for men, 47 mm for women of the same height.
        head_radius=0.5 * (0.0280 if female is False else 0.0269) * h,
        # Femoral offset 41 to 43 mm (42.9 +/- 6.8 mm, Carmona 2022); smaller in women.
        femoral_offset=(0.0233 if female else 0.0245) * h,
    )

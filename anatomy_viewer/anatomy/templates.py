"""Key points of each bone in its template frame, shared by the landmarks and the meshes.

Pure numpy. Pelvis points are in pelvis-template millimetres for the right side (see
:mod:`anatomy_viewer.anatomy.frames`); the others are in their local frames in metres for
the right side, for a 1.75 m subject, and are multiplied by ``Proportions.scale``.

Shapes follow standard descriptions and dimensions of the adult skeleton (Gray's Anatomy,
42nd ed.; White & Folkens, The Human Bone Manual, 2005). Dimensions checked against
published values are noted where used.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy.frames import FemurGeometry
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]

# --- pelvis (mm, right hip bone; x from the midline, y/z from the hip centre) --------
#: ASIS and PSIS are the template knots of frames.py (PW 243 mm, PD 150 mm).
PELVIS_MM: Final[dict[str, tuple[float, float, float]]] = {
    "asis": (121.5, 46.0, 84.0),
    "psis": (43.0, -104.0, 84.0),
    "aiis": (106.0, 39.0, 36.0),
    "hjc": (87.5, 0.0, 0.0),
    # Iliac tubercle: the widest point of the crest (intercristal width about 280 mm).
    "iliac_tubercle": (138.0, 12.0, 130.0),
    # The symphysis spans about 20 to 60 mm below the hip centre and the ischial tuberosity
    # reaches about 62 mm below it in standing (the pubic arch rises from the tuberosities
    # to the symphysis); cf. the Rajagopal et al. 2016 model's gracilis and hamstring
    # origins, 50 mm and 35 to 47 mm below the hip centre.
    "pubic_symphysis": (0.0, 54.0, -32.0),
    "pubic_tubercle": (22.0, 57.0, -14.0),
    "ischial_tuberosity": (72.0, -46.0, -70.0),
    "ischial_spine": (58.0, -63.0, -22.0),
}

#: The iliac crest from ASIS to PSIS (mm): rises to about 55 mm above the ASIS, widest
#: at the iliac tubercle, then curves medially to the PSIS (S-shaped seen from above).
ILIAC_CREST_MM: Final = np.array(
    [
        [121.5, 46.0, 84.0],
        [130.0, 33.0, 110.0],
        [138.0, 12.0, 130.0],
        [136.0, -14.0, 140.0],
        [124.0, -42.0, 140.0],
        [102.0, -68.0, 128.0],
        [74.0, -88.0, 110.0],
        [50.0, -100.0, 92.0],
        [43.0, -104.0, 84.0],
    ]
)

#: Radius of the iliac crest rim (mm).
CREST_RADIUS_MM: Final = 6.5
#: Index of the crest's highest point in ILIAC_CREST_MM.
CREST_TOP_INDEX: Final = 3

#: Axis of the acetabulum's cup in the anterior pelvic plane frame, by Murray's anatomical
#: definitions (Murray 1993, JBJS-Br 75:228). The rim is not a plane (lower above and in
#: front, higher behind, :mod:`~.hip_bone`), which tilts the plane fitted to it: the
#: opening measured on the surface is about 44 deg of inclination and 20 deg of
#: anteversion, inside the CT norms 37.5 +/- 11.1 and 18.1 +/- 7.6 deg (Wang et al. 2017,
#: BMC Musculoskelet Disord 18:373), with a lateral centre-edge angle near its adult mean
#: of about 33 deg (Werner et al. 2012, Skeletal Radiol 41:1273). The measured values are
#: in docs/anatomy.md.
ACETABULUM_INCLINATION_DEG: Final = 36.0
ACETABULUM_ANTEVERSION_DEG: Final = 14.0


def acetabulum_axis_mm() -> FloatArray:
    """Unit axis of the right acetabulum's opening in template coordinates.

    The anterior pelvic plane passes through both ASIS and the pubic tubercles; its
    superior axis leans back from the template's z axis by the slope of the line from the
    pubic tubercle to the ASIS.
    """
    incl = np.radians(ACETABULUM_INCLINATION_DEG)
    av = np.radians(ACETABULUM_ANTEVERSION_DEG)
    app = np.array([np.sin(incl) * np.cos(av), np.sin(incl) * np.sin(av), -np.cos(incl)])
    asis = np.array(PELVIS_MM["asis"])
    tubercle = np.array(PELVIS_MM["pubic_tubercle"])
    up = (asis - tubercle) * np.array([0.0, 1.0, 1.0])
    up /= np.linalg.norm(up)
    anterior = np.cross(up, [1.0, 0.0, 0.0])
    rows = np.stack([np.array([1.0, 0.0, 0.0]), -anterior if anterior[1] < 0 else anterior, up])
    out: FloatArray = app @ rows
    return out


def crest_top_mm() -> FloatArray:
    """Top surface of the crest's highest point (mm, right side)."""
    return np.asarray(ILIAC_CREST_MM[CREST_TOP_INDEX] + np.array([0.0, 0.0, CREST_RADIUS_MM]))


# --- femur (metres at 1.75 m, local frame; the head comes from FemurGeometry) ---------

#: Femoral anterior bow radius of curvature (Egol et al. 2004, J Orthop Trauma 18:410:
#: 120 +/- 36 cm).
BOW_RADIUS_M: Final = 1.2


def femur_shaft_ends(head_z: float, scale: float) -> tuple[float, float]:
    """Lower and upper z of the femoral shaft's bowed axis (local frame)."""
    return 0.06 * scale, head_z - 0.04 * scale


def femur_bow(z: FloatArray, head_z: float, scale: float) -> FloatArray:
    """Anterior displacement (m) of the shaft axis at height ``z``: a circular arc through
    both shaft ends, sagitta = chord^2 / (8 R)."""
    z0, z1 = femur_shaft_ends(head_z, scale)
    chord = z1 - z0
    sag = chord**2 / (8.0 * BOW_RADIUS_M * scale)
    u = (np.asarray(z, dtype=np.float64) - 0.5 * (z0 + z1)) / (0.5 * chord)
    out: FloatArray = np.where(np.abs(u) <= 1.0, sag * (1.0 - u * u), 0.0)
    return out


def femur_points(g: FemurGeometry, p: Proportions) -> dict[str, FloatArray]:
    """Key points of the right femur in its local frame (metres)."""
    s = p.scale
    hc = g.head_center
    zh = float(hc[2])
    return {
        "head_center": hc.copy(),
        # Half-way along the neck axis between the shaft junction and the head centre.
        "neck_axis_point": np.array([0.0, 0.0, g.junction_height])
        + 0.5 * g.neck_length * g.neck_dir,
        "junction": np.array([0.0, 0.0, g.junction_height]),
        # Lateral prominence of the greater trochanter, about 20 mm below the head centre
        # about 65 mm lateral of the head centre (White & Folkens 2005).
        "greater_trochanter": np.array([0.031 * s, -0.004 * s, zh - 0.020 * s]),
        "greater_trochanter_tip": np.array([0.014 * s, -0.008 * s, zh + 0.002 * s]),
        # Lesser trochanter: posteromedial, about 55 mm below the head centre.
        "lesser_trochanter": np.array([-0.024 * s, -0.016 * s, zh - 0.058 * s]),
        # On the bowed shaft axis: below the lesser trochanter, above the condyles.
        "shaft_proximal": np.array(
            [0.0, float(femur_bow(np.array(zh - 0.1 * s), zh, s)), zh - 0.1 * s]
        ),
        "shaft_distal": np.array([0.0, float(femur_bow(np.array(0.09 * s), zh, s)), 0.09 * s]),
        # Epicondyles: transepicondylar width about 84 mm for a 1.75 m man.
        "medial_epicondyle": np.array([-0.042 * s, -0.004 * s, 0.0]),
        "lateral_epicondyle": np.array([0.042 * s, -0.004 * s, 0.0]),
        "knee_center": np.zeros(3),
        # Adductor tubercle: top of the medial epicondyle, where adductor magnus inserts.
        "adductor_tubercle": np.array([-0.034 * s, -0.012 * s, 0.026 * s]),
        # Gluteal tuberosity: posterolateral ridge below the greater trochanter.
        "gluteal_tuberosity": np.array(
            [0.014 * s, float(femur_bow(np.array(zh - 0.1 * s), zh, s)) - 0.012 * s, zh - 0.100 * s]
        ),
    }


# --- tibia, fibula, patella (local: origin knee centre, world axes) ------------------


def tibia_points(p: Proportions, shank_length: float) -> dict[str, FloatArray]:
    """Key points of the right tibia in its local frame (metres)."""
    s = p.scale
    return {
        "knee_center": np.zeros(3),
        "ankle_center": np.array([0.0, 0.0, -shank_length]),
        # Gerdy's tubercle: anterolateral tibial condyle, about 20 mm below the plateau.
        "gerdy_tubercle": np.array([0.028 * s, 0.022 * s, -0.052 * s]),
        "tibial_tuberosity": np.array([0.004 * s, 0.034 * s, -0.078 * s]),
        # Pes anserinus: sartorius, gracilis and semitendinosus on the anteromedial tibia
        # (Rajagopal et al. 2016 model: 70 to 80 mm below the knee centre).
        "pes_anserinus": np.array([-0.016 * s, 0.018 * s, -0.072 * s]),
        "medial_malleolus": np.array([-0.024 * s, 0.004 * s, -shank_length - 0.004 * s]),
    }


def fibula_points(p: Proportions, shank_length: float) -> dict[str, FloatArray]:
    """Key points of the right fibula in the tibia's local frame (metres)."""
    s = p.scale
    return {
        "head": np.array([0.036 * s, -0.020 * s, -0.070 * s]),
        "lateral_malleolus": np.array([0.032 * s, -0.010 * s, -shank_length - 0.018 * s]),
    }


def patella_center(p: Proportions) -> FloatArray:
    """Centre of the right patella in the tibia's local frame (metres)."""
    s = p.scale
    return np.array([0.002 * s, 0.046 * s, 0.012 * s])


# --- foot (local: origin ankle centre, world axes) -----------------------------------


def foot_points(p: Proportions) -> dict[str, FloatArray]:
    """Key points of the right foot in its local frame (metres).

    Foot length heel to toe about 0.152 x height (Winter), bones resting about 10 mm
    above the floor (heel pad).
    """
    s = p.scale
    floor = -p.ankle_height
    return {
        "heel": np.array([0.004 * s, -0.064 * s, floor + 0.004 * s]),
        "toe": np.array([-0.014 * s, 0.200 * s, floor + 0.004 * s]),
        "first_metatarsal_head": np.array([-0.022 * s, 0.140 * s, floor + 0.016 * s]),
        "fifth_metatarsal_head": np.array([0.034 * s, 0.118 * s, floor + 0.013 * s]),
    }

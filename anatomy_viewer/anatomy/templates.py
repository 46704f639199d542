"""Key points of each bone in its template frame, shared by the landmarks and the meshes.

Pure numpy. Pelvis points are in pelvis-template millimetres for the right side (see
:mod:`anatomy_viewer.anatomy.frames`); the others are in their local frames in metres for
the right side, for a 1.75 m subject, and are multiplied by ``Proportions.scale``.

Shapes follow standard descriptions and dimensions of the adult skeleton (Gray's Anatomy,
42nd ed.; White & Folkens, The Human Bone Manual, 2005). Dimensions checked against
``REFERENCES.md`` are noted where used.
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
    "pubic_symphysis": (0.0, 56.0, -50.0),
    "pubic_tubercle": (22.0, 58.0, -36.0),
    "ischial_tuberosity": (70.0, -44.0, -68.0),
    "ischial_spine": (60.0, -56.0, -24.0),
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

# Acetabulum opening: inclination 45 deg, anteversion 18 deg (radiographic norms,
# Murray 1993 definitions; Tannast et al. 2007).
_INCL, _AV = np.radians(45.0), np.radians(18.0)
ACETABULUM_AXIS: Final = np.array(
    [np.sin(_INCL) * np.cos(_AV), np.sin(_INCL) * np.sin(_AV), -np.cos(_INCL)]
)


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

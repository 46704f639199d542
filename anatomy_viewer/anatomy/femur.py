"""Distance field of the femur (numpy only).

Drawn in the femur's local frame (metres, right side; :mod:`~.frames`): origin at the knee
centre (mid-epicondyles), +z up the shaft, +x lateral, +y anterior; template dimensions
for a 1.75 m adult, multiplied by ``Proportions.scale``. The head, neck and shaft follow
the subject's neck-shaft angle, anteversion, offset and head size
(:func:`~.frames.femur_geometry`). Shapes and dimensions after Gray's Anatomy (42nd ed.)
and White & Folkens, The Human Bone Manual (2005):

* **Proximal end**: the head with its fovea; an oval neck; a broad, flat-topped greater
  trochanter whose tip is level with the head centre (Tachdjian's and Gray's
  descriptions) with the trochanteric fossa behind it; a conical lesser trochanter
  posteromedially; the intertrochanteric line in front and the prominent
  intertrochanteric crest behind, joining the two trochanters.
* **Shaft**: anterior bow of radius about 1.2 m (Egol et al. 2004, J Orthop Trauma
  18:410), the linea aspera and the gluteal tuberosity behind.
* **Distal end**: the metaphysis flares smoothly into two condyles that stand well behind
  the shaft (posterior condylar offset ratio about 0.44; Johal et al. 2012, Knee
  19:843), each shaped like a "J" seen from the side (a small posterior flexion circle
  and a broad distal surface) and rising into the back of the shaft along the
  supracondylar ridges; separated behind by the intercondylar notch (about 20 mm wide)
  and joined in front by the broad, shallow trochlear groove, whose lateral facet is the
  higher and wider; the epicondyles and the adductor tubercle.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, sdf, templates
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]


def _scaled_ellipsoid(q: FloatArray, centre: FloatArray, radii: FloatArray, s: float) -> FloatArray:
    return sdf.ellipsoid(q, centre * s, radii * s)


def _rounded_box(
    q: FloatArray, centre: FloatArray, half: FloatArray, rounding: float, axes: FloatArray
) -> FloatArray:
    """Box with rounded edges, axes given as rows."""
    local = (q - centre) @ axes.T
    d = np.abs(local) - (half - rounding)
    outside = np.sqrt((np.maximum(d, 0.0) ** 2).sum(axis=1))
    inside = np.minimum(d.max(axis=1), 0.0)
    out: FloatArray = outside + inside - rounding
    return out


def _proximal(q: FloatArray, p: Proportions, g: frames.FemurGeometry) -> FloatArray:
    s = p.scale
    hc = g.head_center
    zh = float(hc[2])
    j = np.array([0.0, 0.0, g.junction_height])
    n = g.neck_dir
    # Neck: oval in section (deeper top to bottom than front to back), narrowest at its
    # middle (the isthmus), widening into the trochanteric region.
    side = np.cross(n, [0.0, 0.0, 1.0])
    side /= np.linalg.norm(side)
    up = np.cross(side, n)
    axes = np.stack([n, side, up])
    neck_len = g.neck_length
    neck = sdf.smin(
        sdf.ellipsoid(
            q, j + 0.55 * neck_len * n, np.array([0.55 * neck_len, 0.0135 * s, 0.0165 * s]), axes
        ),
        sdf.ellipsoid(
            q, j + 0.15 * neck_len * n, np.array([0.35 * neck_len, 0.019 * s, 0.024 * s]), axes
        ),
        0.006 * s,
    )
    # Greater trochanter: a broad block lateral to the neck, top flat and level with the
    # head centre, its posterosuperior corner the highest; lateral face flat.
    gt_axes = np.eye(3)
    gt = _rounded_box(
        q,
        np.array([0.021 * s, -0.006 * s, zh - 0.026 * s]),
        np.array([0.0125, 0.016, 0.027]) * s,
        0.0095 * s,
        gt_axes,
    )
    apex = sdf.ellipsoid(
        q, np.array([0.018 * s, -0.014 * s, zh - 0.003 * s]), np.array([0.011, 0.009, 0.007]) * s
    )
    gt = sdf.smin(gt, apex, 0.004 * s)
    # Trochanteric fossa: a pit on the medial side of the trochanter, behind the neck.
    fossa = sdf.sphere(q, np.array([0.006 * s, -0.016 * s, zh - 0.012 * s]), 0.0065 * s)
    gt = sdf.subtract(gt, fossa, 0.003 * s)
    # Base of the neck and the upper shaft (the intertrochanteric region).
    base = sdf.ellipsoid(
        q, j + np.array([0.008, -0.003, -0.012]) * s, np.array([0.022, 0.018, 0.034]) * s
    )
    # Lesser trochanter: a conical tubercle at the posteromedial junction of neck and
    # shaft, pointing posteromedially: a broad base set into the shaft, rising about
    # 10 mm to a blunt apex, blended wide so it reads as a tubercle, not a peg.
    lt_tip = templates.femur_points(g, p)["lesser_trochanter"]
    lt_base = lt_tip + np.array([0.014, 0.009, 0.006]) * s
    lt_apex = lt_tip + np.array([0.003, 0.002, 0.0]) * s
    lt = sdf.capsule(q, lt_base, lt_apex, 0.0155 * s, 0.005 * s)
    # Intertrochanteric crest (behind) from the trochanter's posterior corner to the lesser
    # trochanter, with the quadrate tubercle; intertrochanteric line (in front).
    crest = sdf.polyline(
        q,
        np.array(
            [
                [0.022, -0.020, zh - 0.010],
                [0.012, -0.020, zh - 0.032],
                [-0.004, -0.018, zh - 0.048],
                lt_tip / s + np.array([0.004, 0.003, 0.004]),
            ]
        )
        * s,
        np.array([0.0075, 0.0085, 0.0075, 0.005]) * s,
    )
    line = sdf.polyline(
        q,
        np.array(
            [
                [0.026, 0.012, zh - 0.034],
                [0.012, 0.014, zh - 0.046],
                [-0.004, 0.010, zh - 0.060],
                [-0.014, 0.002, zh - 0.068],
            ]
        )
        * s,
        np.array([0.003, 0.003, 0.003, 0.003]) * s,
    )
    out = sdf.union([base, neck, gt], k=0.008 * s)
    out = sdf.union([out, crest, line], k=0.009 * s)
    return sdf.smin(out, lt, 0.014 * s)


def _distal(q: FloatArray, p: Proportions) -> FloatArray:
    s = p.scale
    # Condyles: each the smooth union of a posterior (flexion) part and a broader distal
    # part; the lateral condyle wider in front, the medial reaching further back. Seen
    # from behind they are broad and rounded, about 30 mm across, with the intercondylar
    # notch about 20 mm wide between them.
    lat = sdf.smin(
        _scaled_ellipsoid(q, np.array([0.025, -0.0225, 0.000]), np.array([0.015, 0.022, 0.022]), s),
        _scaled_ellipsoid(q, np.array([0.022, -0.002, -0.006]), np.array([0.017, 0.026, 0.019]), s),
        0.008 * s,
    )
    med = sdf.smin(
        _scaled_ellipsoid(
            q, np.array([-0.025, -0.0245, 0.001]), np.array([0.016, 0.022, 0.023]), s
        ),
        _scaled_ellipsoid(
            q, np.array([-0.021, -0.004, -0.006]), np.array([0.017, 0.024, 0.020]), s
        ),
        0.008 * s,
    )
    # Supracondylar region: the medial and lateral supracondylar ridges run from the top
    # of each condyle up into the back of the shaft, framing the flat popliteal surface,
    # so the condyles are continuous with the shaft rather than lumps below it.
    supra = sdf.union(
        [
            sdf.capsule(
                q,
                np.array([x * 0.022, -0.028, 0.008]) * s,
                np.array([x * 0.011, -0.009, 0.036]) * s,
                0.011 * s,
                0.0065 * s,
            )
            for x in (1.0, -1.0)
        ],
        k=0.004 * s,
    )
    # Front of the distal femur: the trochlea, continuous with the condyles; its lateral
    # facet stands further forward and reaches higher than the medial (Gray's Anatomy,
    # 42nd ed.).
    trochlea = sdf.smin(
        _scaled_ellipsoid(q, np.array([0.0, 0.010, 0.012]), np.array([0.031, 0.016, 0.026]), s),
        _scaled_ellipsoid(q, np.array([0.013, 0.012, 0.018]), np.array([0.016, 0.017, 0.027]), s),
        0.006 * s,
    )
    epi = sdf.union(
        [
            sdf.sphere(q, np.array([0.034, -0.006, 0.002]) * s, 0.008 * s),
            sdf.sphere(q, np.array([-0.034, -0.006, 0.004]) * s, 0.009 * s),
            sdf.sphere(q, np.array([-0.034, -0.012, 0.020]) * s, 0.005 * s),  # adductor tubercle
        ],
        k=0.004 * s,
    )
    # Metaphysis: an elliptic cone flaring smoothly from the shaft to the condyles.
    # It widens side to side, not backwards: the popliteal surface behind stays flat
    # and the condyles stand out behind it.
    squash = np.array([1.0, 2.0, 1.0])
    meta = (
        sdf.capsule(
            q * squash,
            np.array([0.0, 0.004 * 2.0, 0.018]) * s,
            np.array([0.0, 0.0, 0.105]) * s,
            0.034 * s,
            0.0165 * s,
        )
        / 1.4
    )
    d = sdf.union([lat, med, trochlea, epi], k=0.007 * s)
    d = sdf.smin(d, supra, 0.010 * s)
    d = sdf.smin(d, meta, 0.018 * s)
    # Trochlear groove: broad and shallow (about 5 mm deep), a wide cylinder set slightly
    # medial of the midline so the lateral facet is the wider one.
    groove = sdf.capsule(
        q, np.array([-0.004, 0.0415, -0.010]) * s, np.array([-0.004, 0.0400, 0.036]) * s, 0.0215 * s
    )
    d = sdf.subtract(d, groove, 0.006 * s)
    # Intercondylar notch: an arch open behind and below, about 20 mm wide and 30 mm
    # deep, closed in front by the back of the trochlea.
    notch = _rounded_box(
        q,
        np.array([0.0, -0.026, -0.016]) * s,
        np.array([0.0105, 0.026, 0.018]) * s,
        0.008 * s,
        np.eye(3),
    )
    return sdf.subtract(d, notch, 0.003 * s)


def femur_local(q: FloatArray, p: Proportions) -> FloatArray:
    """Signed distance (m) to the right femur, local coordinates."""
    s = p.scale
    g = frames.femur_geometry(p)
    hc = g.head_center
    zh = float(hc[2])
    head = sdf.sphere(q, hc, g.head_radius)
    fovea_dir = g.neck_dir + np.array([0.0, -0.25, -0.55])
    fovea_dir /= np.linalg.norm(fovea_dir)
    head = np.maximum(
        head, -sdf.sphere(q, hc + (g.head_radius + 0.0015 * s) * fovea_dir, 0.0045 * s)
    )
    # Shaft: anterior bow as a circular arc through both ends (sagitta = length^2 / 8R).
    z0, z1 = templates.femur_shaft_ends(zh, s)
    zs = np.linspace(z0, z1, 7)
    bow = templates.femur_bow(zs, zh, s)
    axis = np.stack([np.zeros_like(zs), bow, zs], axis=1)
    radii = np.array([0.0165, 0.0150, 0.0138, 0.0135, 0.0140, 0.0155, 0.0175]) * s
    shaft = sdf.polyline(q, axis, radii)
    aspera_pts = axis[1:6] + np.array([0.0, -1.0, 0.0]) * (radii[1:6, None] - 0.002 * s)
    aspera = sdf.polyline(q, aspera_pts, 0.0035 * s)
    # Gluteal tuberosity: posterolateral ridge on the (bowed) shaft below the trochanter.
    gz = np.array([zh - 0.070 * s, zh - 0.130 * s])
    gy = templates.femur_bow(gz, zh, s)
    gluteal = sdf.capsule(
        q, [0.012 * s, gy[0] - 0.011 * s, gz[0]], [0.009 * s, gy[1] - 0.011 * s, gz[1]], 0.0045 * s
    )
    d = sdf.union([shaft, aspera, gluteal], k=0.003 * s)
    d = sdf.smin(d, _distal(q, p), 0.006 * s)
    d = sdf.smin(d, _proximal(q, p, g), 0.009 * s)
    return np.minimum(d, head)

"""Distance fields of the limbs: femur (:mod:`~.femur`), patella, tibia, fibula, foot.

Each bone is drawn in its local frame (metres, right side; :mod:`~.frames`), with template
dimensions for a 1.75 m adult multiplied by ``Proportions.scale``. The femoral head, neck
and shaft follow the subject's neck-shaft angle, anteversion, offset and head size
(:func:`~.frames.femur_geometry`). Shapes and dimensions after Gray's Anatomy (42nd ed.)
and White & Folkens, The Human Bone Manual (2005): mid-shaft femoral diameter about
27 mm, femoral anterior bow radius about 1.2 m (Egol et al. 2004, J Orthop Trauma 18:410),
tibial plateau about 76 mm wide, foot length about 0.152 x height (Winter).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, sdf, templates
from anatomy_viewer.anatomy.femur import femur_local
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]
DistanceFunction = Callable[[FloatArray], FloatArray]


def shank_length(p: Proportions) -> float:
    """Knee centre to ankle centre (vertical in neutral stance)."""
    return float(frames.knee_center(p, "r")[2] - p.ankle_height)


def tibia_local(q: FloatArray, p: Proportions) -> FloatArray:
    """Signed distance (m) to the right tibia, local coordinates (origin knee centre)."""
    s = p.scale
    length = shank_length(p)
    pts = templates.tibia_points(p, length)
    plateau = sdf.smax(
        sdf.ellipsoid(q, np.array([0.0, -0.004, -0.050]) * s, np.array([0.040, 0.027, 0.024]) * s),
        q[:, 2] + 0.030 * s,
        0.003 * s,
    )
    eminence = sdf.capsule(
        q, np.array([0.0, -0.008, -0.031]) * s, np.array([0.0, 0.008, -0.031]) * s, 0.004 * s
    )
    tuberosity = sdf.capsule(
        q,
        np.array([0.003, 0.026, -0.066]) * s,
        pts["tibial_tuberosity"] - [0, 0.006 * s, 0],
        0.008 * s,
    )
    gerdy = sdf.sphere(q, np.array([0.023, 0.017, -0.050]) * s, 0.0075 * s)
    shaft = sdf.capsule(
        q, np.array([0.0, 0.0, -0.070]) * s, [0.0, 0.0, -length + 0.07 * s], 0.019 * s, 0.011 * s
    )
    crest = sdf.capsule(
        q,
        np.array([0.0, 0.011, -0.090]) * s,
        [0.0, 0.008 * s, -length + 0.10 * s],
        0.0055 * s,
        0.004 * s,
    )
    distal = sdf.smax(
        sdf.ellipsoid(
            q, [-0.002 * s, 0.0, -length + 0.032 * s], np.array([0.021, 0.019, 0.030]) * s
        ),
        -(q[:, 2] - (-length + 0.012 * s)),
        0.003 * s,
    )
    malleolus = sdf.capsule(
        q,
        [-0.015 * s, 0.004 * s, -length + 0.022 * s],
        pts["medial_malleolus"] + [0.004 * s, 0, 0.007 * s],
        0.0075 * s,
        0.006 * s,
    )
    k = 0.006 * s
    return sdf.union([plateau, eminence, tuberosity, gerdy, shaft, crest, distal, malleolus], k=k)


def fibula_local(q: FloatArray, p: Proportions) -> FloatArray:
    """Signed distance (m) to the right fibula (tibia's local frame), clear of the tibia."""
    s = p.scale
    length = shank_length(p)
    pts = templates.fibula_points(p, length)
    head = sdf.ellipsoid(q, pts["head"], np.array([0.011, 0.010, 0.012]) * s)
    low = np.array([0.030 * s, -0.012 * s, -length + 0.05 * s])
    shaft = sdf.capsule(q, pts["head"], low, 0.0075 * s, 0.0062 * s)
    mall = sdf.capsule(
        q, low, pts["lateral_malleolus"] + [0.0, 0.0, 0.006 * s], 0.0065 * s, 0.0085 * s
    )
    d = sdf.union([head, shaft, mall], k=0.004 * s)
    return np.maximum(d, -(tibia_local(q, p) - 0.0015 * s))


def patella_local(q: FloatArray, p: Proportions) -> FloatArray:
    """Signed distance (m) to the right patella (tibia's local frame), clear of the femur."""
    s = p.scale
    c = templates.patella_center(p)
    body = sdf.ellipsoid(q, c, np.array([0.022, 0.010, 0.022]) * s)
    apex = sdf.capsule(q, c, c + np.array([0.0, 0.002, -0.020]) * s, 0.010 * s, 0.005 * s)
    return sdf.smin(body, apex, 0.004 * s)


_MT_BASE = np.array(
    [
        [-0.016, 0.084, -0.030],
        [-0.004, 0.080, -0.030],
        [0.006, 0.076, -0.034],
        [0.016, 0.068, -0.038],
        [0.025, 0.060, -0.044],
    ]
)
_MT_HEAD_XY = np.array(
    [[-0.022, 0.140], [-0.006, 0.136], [0.008, 0.130], [0.021, 0.124], [0.034, 0.118]]
)
_MT_R = np.array(
    [[0.0095, 0.0090], [0.0065, 0.0062], [0.0062, 0.0060], [0.0062, 0.0060], [0.0068, 0.0062]]
)
_TOE_LEN = np.array([0.058, 0.045, 0.040, 0.036, 0.032])


def foot_local(q: FloatArray, p: Proportions) -> FloatArray:
    """Signed distance (m) to the right foot (origin ankle centre, world axes)."""
    s = p.scale
    floor = -p.ankle_height
    talus = sdf.ellipsoid(
        q, np.array([0.0, 0.004, -0.007]) * s, np.array([0.017, 0.026, 0.014]) * s
    )
    talar_head = sdf.capsule(
        q, np.array([0.0, 0.010, -0.010]) * s, np.array([-0.006, 0.042, -0.020]) * s, 0.011 * s
    )
    heel_c = np.array([0.004 * s, -0.046 * s, floor + 0.024 * s])
    calcaneus = sdf.smin(
        sdf.ellipsoid(q, heel_c, np.array([0.015, 0.019, 0.020]) * s),
        sdf.capsule(q, heel_c, np.array([0.012, 0.040, -0.040]) * s, 0.015 * s, 0.011 * s),
        0.006 * s,
    )
    navicular = sdf.ellipsoid(
        q, np.array([-0.010, 0.056, -0.024]) * s, np.array([0.014, 0.008, 0.013]) * s
    )
    cuboid = sdf.ellipsoid(
        q, np.array([0.016, 0.050, -0.040]) * s, np.array([0.012, 0.014, 0.011]) * s
    )
    cuneiforms = sdf.ellipsoid(
        q, np.array([-0.004, 0.071, -0.027]) * s, np.array([0.020, 0.010, 0.013]) * s
    )
    parts = [talus, talar_head, calcaneus, navicular, cuboid, cuneiforms]
    for i in range(5):
        base = _MT_BASE[i] * s
        head = np.array(
            [_MT_HEAD_XY[i, 0] * s, _MT_HEAD_XY[i, 1] * s, floor + (0.016 if i == 0 else 0.012) * s]
        )
        parts.append(sdf.capsule(q, base, head, _MT_R[i, 0] * s, _MT_R[i, 1] * s * 0.8))
        parts.append(sdf.sphere(q, head, _MT_R[i, 1] * s))
        tip = head + np.array([0.004 * s if i == 0 else 0.0, _TOE_LEN[i] * s, -0.004 * s])
        r0 = (0.0085 if i == 0 else 0.0048) * s
        parts.append(sdf.capsule(q, head + np.array([0.0, 0.008 * s, 0.0]), tip, r0, r0 * 0.75))
    return sdf.union(parts, k=0.003 * s)


def _world(
    local: Callable[[FloatArray, Proportions], FloatArray],
    to_local: Callable[[FloatArray], FloatArray],
    p: Proportions,
) -> DistanceFunction:
    def fn(x: FloatArray) -> FloatArray:
        return local(to_local(x), p)

    return fn


def femur_field(p: Proportions, side: str = "r") -> DistanceFunction:
    """World-space signed distance (m) to a femur."""
    return _world(femur_local, lambda x: frames.world_to_femur(x, p, side), p)


def _shank_to_local(x: FloatArray, p: Proportions, side: str) -> FloatArray:
    q = x - frames.knee_center(p, side)
    if side == "l":
        q[:, 0] *= -1.0
    return q


def _foot_to_local(x: FloatArray, p: Proportions, side: str) -> FloatArray:
    q = x - frames.ankle_center(p, side)
    if side == "l":
        q[:, 0] *= -1.0
    return q


def tibia_field(p: Proportions, side: str = "r") -> DistanceFunction:
    """World-space signed distance (m) to a tibia."""
    return _world(tibia_local, lambda x: _shank_to_local(x, p, side), p)


def fibula_field(p: Proportions, side: str = "r") -> DistanceFunction:
    """World-space signed distance (m) to a fibula."""
    return _world(fibula_local, lambda x: _shank_to_local(x, p, side), p)


def patella_field(p: Proportions, side: str = "r") -> DistanceFunction:
    """World-space signed distance (m) to a patella, kept 1.5 mm clear of the femur."""
    fem = femur_field(p, side)

    def fn(x: FloatArray) -> FloatArray:
        d = patella_local(_shank_to_local(x, p, side), p)
        return np.maximum(d, -(fem(x) - 0.0015 * p.scale))

    return fn


def foot_field(p: Proportions, side: str = "r") -> DistanceFunction:
    """World-space signed distance (m) to a foot."""
    return _world(foot_local, lambda x: _foot_to_local(x, p, side), p)

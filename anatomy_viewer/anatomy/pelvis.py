"""Distance fields of the pelvis (the hip bones, :mod:`~.hip_bone`), sacrum and lumbar spine.

Drawn in pelvis-template millimetres (:mod:`anatomy_viewer.anatomy.frames`) for the right
side; the left side is the mirror image (the fields use ``|x|``). The sacrum and lumbar
vertebrae follow Gray's Anatomy (42nd ed.) and White & Folkens, The Human Bone Manual
(2005); this module also maps every pelvic field to world metres.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, sdf
from anatomy_viewer.anatomy.hip_bone import cup_radius_mm, hip_bone_mm, iliac_fossa_block_mm
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]
DistanceFunction = Callable[[FloatArray], FloatArray]

__all__ = ["cup_radius_mm", "hip_bone_mm", "iliac_fossa_block_mm"]


def _mirror(q: FloatArray) -> FloatArray:
    m = q.copy()
    m[:, 0] = np.abs(m[:, 0])
    return m


def sacrum_mm(q: FloatArray) -> FloatArray:
    """Signed distance (mm) to the sacrum and coccyx, template coordinates."""
    q = _mirror(q)
    s1 = sdf.ellipsoid(q, [0.0, -70.0, 92.0], [24.0, 17.0, 13.0])
    ala = sdf.smin(
        sdf.ellipsoid(q, [28.0, -84.0, 84.0], [24.0, 17.0, 13.0]),
        sdf.capsule(q, [20.0, -84.0, 86.0], [46.0, -86.0, 80.0], 11.0, 12.0),
        5.0,
    )
    plate = sdf.fan(
        q,
        [0.0, -96.0, 62.0],
        [[50.0, -88.0, 80.0], [36.0, -102.0, 40.0], [14.0, -112.0, 2.0], [0.0, -114.0, -6.0]],
        [9.0, 7.0, 4.0, 4.0],
    )
    axis = sdf.polyline(
        q,
        [
            [0.0, -76.0, 90.0],
            [0.0, -94.0, 62.0],
            [0.0, -106.0, 36.0],
            [0.0, -112.0, 12.0],
            [0.0, -113.0, -6.0],
        ],
        [16.0, 12.0, 9.0, 7.0, 6.0],
        k=3.0,
    )
    crest = sdf.polyline(
        q, [[0.0, -104.0, 80.0], [0.0, -117.0, 50.0], [0.0, -122.0, 24.0]], [4.0, 3.5, 3.0]
    )
    coccyx = sdf.polyline(
        q,
        [[0.0, -114.0, -10.0], [0.0, -111.0, -22.0], [0.0, -104.0, -32.0], [0.0, -96.0, -38.0]],
        [5.5, 4.5, 3.5, 2.5],
        k=1.0,
    )
    d = sdf.union([s1, ala, plate, axis, crest], k=5.0)
    # Anterior sacral foramina: four pairs of holes either side of the midline.
    for z, y in ((70.0, -88.0), (50.0, -100.0), (30.0, -108.0), (12.0, -113.0)):
        hole = sdf.capsule(
            q, [18.0 - 0.1 * (70 - z), y + 30.0, z], [18.0 - 0.1 * (70 - z), y - 30.0, z], 3.6
        )
        d = np.maximum(d, -hole)
    d = np.minimum(d, coccyx)
    return d


_LUMBAR_CENTERS = np.array(
    [
        [0.0, -68.0, 124.0],  # L5
        [0.0, -62.0, 160.0],  # L4
        [0.0, -61.0, 196.0],  # L3
        [0.0, -65.0, 232.0],  # L2
        [0.0, -71.0, 267.0],  # L1
    ]
)


def lumbar_mm(q: FloatArray) -> FloatArray:
    """Signed distance (mm) to the five lumbar vertebrae (L1 to L5), template coordinates.

    Bodies about 45 mm wide, 33 mm deep and 27 mm tall with 9 mm discs between them, in a
    gentle lordosis (White & Folkens 2005; Panjabi et al. 1992, Spine 17:299).
    """
    q = _mirror(q)
    d = np.full(len(q), 1e9)
    for i, c in enumerate(_LUMBAR_CENTERS):
        body = sdf.smax(
            sdf.ellipsoid(q, c, [24.0, 17.0, 20.0]),
            np.abs(q[:, 2] - c[2]) - 13.0,
            2.0,
        )
        back = c[1] - 17.0
        pedicle = sdf.capsule(
            q, [11.0, back + 4.0, c[2] + 4.0], [12.0, back - 14.0, c[2] + 4.0], 4.5
        )
        lamina = sdf.capsule(q, [12.0, back - 14.0, c[2] + 2.0], [0.0, back - 22.0, c[2]], 4.5)
        spinous = sdf.smax(
            sdf.capsule(q, [0.0, back - 22.0, c[2]], [0.0, back - 48.0, c[2] - 6.0], 9.0),
            np.abs(q[:, 0]) - 3.5,
            1.5,
        )
        transverse_len = (38.0, 44.0, 48.0, 42.0, 36.0)[i]
        transverse = sdf.capsule(
            q, [12.0, back - 8.0, c[2] + 4.0], [transverse_len, back - 10.0, c[2] + 6.0], 4.0, 3.0
        )
        facets = sdf.capsule(
            q, [14.0, back - 16.0, c[2] - 8.0], [14.0, back - 16.0, c[2] + 14.0], 4.5
        )
        v = sdf.union([body, pedicle, lamina, spinous, transverse, facets], k=3.0)
        d = np.minimum(d, v)
    return d


def hip_bone_field(p: Proportions) -> DistanceFunction:
    """World-space signed distance (metres) to the pelvis."""
    scale = 1.0 / frames.pelvis_mm_per_metre(p)

    def fn(x: FloatArray) -> FloatArray:
        return hip_bone_mm(frames.world_to_pelvis(x, p), p) * scale

    return fn


def iliac_fossa_field(p: Proportions) -> DistanceFunction:
    """World-space signed distance (metres) to the slab medial of the iliac wings."""
    scale = 1.0 / frames.pelvis_mm_per_metre(p)

    def fn(x: FloatArray) -> FloatArray:
        return iliac_fossa_block_mm(frames.world_to_pelvis(x, p)) * scale

    return fn


def sacrum_field(p: Proportions) -> DistanceFunction:
    """World-space signed distance (metres) to the sacrum, kept 1.5 mm clear of the ilium."""
    scale = 1.0 / frames.pelvis_mm_per_metre(p)

    def fn(x: FloatArray) -> FloatArray:
        q = frames.world_to_pelvis(x, p)
        d = np.maximum(sacrum_mm(q), -(hip_bone_mm(q, p) - 1.5))
        return d * scale

    return fn


def lumbar_field(p: Proportions) -> DistanceFunction:
    """World-space signed distance (metres) to the lumbar spine."""
    scale = 1.0 / frames.pelvis_mm_per_metre(p)

    def fn(x: FloatArray) -> FloatArray:
        return lumbar_mm(frames.world_to_pelvis(x, p)) * scale

    return fn

"""Distance fields of the pelvis (both hip bones and the symphysis), sacrum and lumbar spine.

Drawn in pelvis-template millimetres (:mod:`anatomy_viewer.anatomy.frames`) for the right
side; the left side is the mirror image (the fields use ``|x|``). Shapes follow Gray's
Anatomy (42nd ed.) and White & Folkens, The Human Bone Manual (2005): the ilium is a thin
wing with a thick crest, a pillar from the acetabulum to the iliac tubercle and a thick
posterior part at the sacroiliac joint; the acetabulum is a cup facing laterally,
inferiorly (inclination 45 deg) and anteriorly (18 deg); the pubic rami and the ischium
ring the obturator foramen.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, sdf
from anatomy_viewer.anatomy.proportions import Proportions
from anatomy_viewer.anatomy.templates import ACETABULUM_AXIS, ILIAC_CREST_MM, PELVIS_MM

FloatArray = NDArray[np.float64]
DistanceFunction = Callable[[FloatArray], FloatArray]

HJC = np.array(PELVIS_MM["hjc"])

#: Rim of the ilium below the crest, from the PSIS round the greater sciatic notch and the
#: acetabulum to the AIIS and back up to the ASIS (mm).
_ILIUM_LOWER_RIM = np.array(
    [
        [48.0, -100.0, 58.0],  # posterior inferior iliac spine
        [58.0, -84.0, 40.0],
        [70.0, -64.0, 24.0],  # greater sciatic notch
        [80.0, -40.0, 18.0],
        [86.0, -16.0, 24.0],
        [94.0, 12.0, 26.0],
        [106.0, 39.0, 36.0],  # AIIS
        [114.0, 38.0, 60.0],
        [121.5, 46.0, 84.0],  # ASIS
    ]
)
_WING_CENTER = np.array([106.0, -24.0, 84.0])

#: Axis of the crest rim: the crest points with the ends pulled back by the rim radius,
#: so the rim's surface (not its axis) passes through the palpable ASIS and PSIS.
_CREST_AXIS = ILIAC_CREST_MM + np.array(
    [[-1.5, -5.0, 0.0]] + [[0.0, 0.0, 0.0]] * (len(ILIAC_CREST_MM) - 2) + [[0.0, 7.5, 0.0]]
)


_ARCUATE = np.array(
    [
        [48.0, -82.0, 72.0],
        [58.0, -60.0, 50.0],
        [64.0, -36.0, 34.0],
        [68.0, -10.0, 22.0],
        [70.0, 14.0, 10.0],
        [52.0, 36.0, -14.0],
        [28.0, 54.0, -30.0],
    ]
)
_WALL_TOP = np.array(
    [
        [60.0, -86.0, 84.0],
        [80.0, -60.0, 70.0],
        [92.0, -36.0, 62.0],
        [98.0, -10.0, 58.0],
        [102.0, 16.0, 52.0],
    ]
)


def cup_radius_mm(p: Proportions) -> float:
    """Acetabular cup radius in template mm: the femoral head plus 1 mm of clearance."""
    return (p.head_radius + 0.001) * frames.pelvis_mm_per_metre(p)


def _mirror(q: FloatArray) -> FloatArray:
    m = q.copy()
    m[:, 0] = np.abs(m[:, 0])
    return m


def hip_bone_mm(q: FloatArray, p: Proportions) -> FloatArray:
    """Signed distance (mm) to both hip bones and the symphysis, template coordinates."""
    q = _mirror(q)
    r_cup = cup_radius_mm(p)
    rim = np.concatenate([ILIAC_CREST_MM, _ILIUM_LOWER_RIM])
    wing = sdf.bulged_fan(q, _WING_CENTER, rim, 2.4, [7.0, 0.0, 0.0], levels=5, k=0.6)
    crest = sdf.polyline(q, _CREST_AXIS, [5.5, 6.0, 7.0, 6.5, 6.5, 6.5, 7.0, 8.0, 8.0])
    anterior = sdf.polyline(
        q,
        [[121.5, 46.0, 84.0], [114.0, 38.0, 60.0], [106.0, 40.0, 36.0], [96.0, 26.0, 20.0]],
        [5.0, 4.0, 6.5, 8.0],
    )
    pillar = sdf.capsule(q, [92.0, -6.0, 26.0], [134.0, 10.0, 122.0], 8.0, 5.5)
    posterior = sdf.smin(
        sdf.ellipsoid(q, [56.0, -94.0, 78.0], [9.0, 14.0, 22.0]),
        sdf.capsule(q, [45.0, -103.0, 84.0], [48.0, -100.0, 56.0], 7.5, 6.0),
        4.0,
    )
    notch = sdf.polyline(q, _ILIUM_LOWER_RIM[:5], [6.0, 5.5, 6.0, 8.0, 10.0])
    # Acetabular body: a thick shell round the cup, cut open on the side the cup faces.
    body = sdf.sphere(q, HJC - 1.0 * ACETABULUM_AXIS, r_cup + 5.0)
    body = np.maximum(body, sdf.plane(q, HJC + 3.0 * ACETABULUM_AXIS, ACETABULUM_AXIS))
    # Flat medial wall (the quadrilateral plate) instead of a ball inside the pelvis.
    body = sdf.smax(body, HJC[0] - r_cup - 3.5 - q[:, 0], 3.0)
    # Pelvic brim: the arcuate line from the sacroiliac joint round the inner ilium,
    # continued by the pectineal line along the superior ramus to the pubic tubercle,
    # with the inner ilium filled down to it (smooth wall, no knobs inside the pelvis).
    brim = sdf.polyline(q, _ARCUATE, [6.0, 5.0, 4.5, 4.5, 5.0, 4.5, 4.0])
    wall = sdf.fan(q, _ARCUATE[0], _ARCUATE[1:5], 3.0)
    for i in range(4):
        wall = np.minimum(wall, sdf.triangle(q, _ARCUATE[i], _ARCUATE[i + 1], _WALL_TOP[i], 3.0))
        wall = np.minimum(
            wall, sdf.triangle(q, _ARCUATE[i + 1], _WALL_TOP[i + 1], _WALL_TOP[i], 3.0)
        )
    # Acetabular rim: a robust lip round the opening of the cup.
    rim_lip = sdf.torus(q, HJC + 1.0 * ACETABULUM_AXIS, ACETABULUM_AXIS, r_cup + 2.0, 3.8)
    body = sdf.smin(body, rim_lip, 2.0)
    ilium_body = sdf.ellipsoid(q, [90.0, -12.0, 36.0], [9.0, 24.0, 22.0])
    ischium = sdf.capsule(q, [84.0, -22.0, -8.0], [72.0, -40.0, -56.0], 14.0, 12.0)
    tuberosity = sdf.ellipsoid(q, PELVIS_MM["ischial_tuberosity"], [11.0, 14.0, 19.0])
    spine = sdf.capsule(q, [76.0, -36.0, -22.0], PELVIS_MM["ischial_spine"], 7.0, 3.5)
    superior_ramus = sdf.polyline(
        q, [[84.0, 16.0, -8.0], [56.0, 36.0, -22.0], [30.0, 50.0, -32.0]], [13.0, 10.0, 10.0]
    )
    pubic_body = sdf.smin(
        sdf.ellipsoid(q, [9.0, 56.0, -52.0], [10.0, 8.0, 21.0]),
        sdf.fan(
            q,
            [16.0, 52.0, -50.0],
            [
                [34.0, 44.0, -26.0],
                [4.0, 58.0, -30.0],
                [2.0, 56.0, -72.0],
                [22.0, 40.0, -68.0],
                [34.0, 44.0, -26.0],
            ],
            5.5,
        ),
        4.0,
    )
    pubic_tubercle = sdf.sphere(q, PELVIS_MM["pubic_tubercle"], 5.5)
    # Ischiopubic ramus: a flat band from the ischial tuberosity to the pubic body.
    outer = np.array(
        [[70.0, -44.0, -82.0], [48.0, -14.0, -86.0], [26.0, 22.0, -80.0], [8.0, 48.0, -70.0]]
    )
    inner = np.array(
        [[64.0, -34.0, -66.0], [46.0, -8.0, -70.0], [30.0, 20.0, -64.0], [22.0, 38.0, -56.0]]
    )
    band = sdf.polyline(q, outer, [6.0, 5.0, 5.0, 6.0])
    for i in range(len(outer) - 1):
        band = np.minimum(band, sdf.triangle(q, outer[i], inner[i], inner[i + 1], 3.5))
        band = np.minimum(band, sdf.triangle(q, outer[i], inner[i + 1], outer[i + 1], 3.5))
    inferior_ramus = band
    d = sdf.union([wing, crest, anterior, pillar, posterior, notch, brim, wall], k=5.0)
    d = sdf.union([d, ilium_body, body, ischium, tuberosity, spine], k=6.0)
    d = sdf.union([d, superior_ramus, pubic_body, pubic_tubercle, inferior_ramus], k=5.0)
    # The cup itself and the acetabular notch (opens toward the obturator foramen).
    d = np.maximum(d, -sdf.sphere(q, HJC, r_cup))
    notch_dir = np.array([0.25, 0.35, -0.9])
    notch_dir /= np.linalg.norm(notch_dir)
    d = np.maximum(d, -sdf.sphere(q, HJC + (r_cup + 4.0) * notch_dir, 9.0))
    return d


def iliac_fossa_block_mm(q: FloatArray) -> FloatArray:
    """Signed distance (mm) to a slab filling the space just medial of each iliac wing.

    Muscles on the outer wing are carved by it so their fibres never poke through the
    thin wing into the iliac fossa.
    """
    q = _mirror(q)
    rim = np.concatenate([ILIAC_CREST_MM, _ILIUM_LOWER_RIM])
    return sdf.bulged_fan(
        q + np.array([15.0, 0.0, 0.0]), _WING_CENTER, rim, 13.5, [6.0, 0.0, 0.0], levels=2
    )


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

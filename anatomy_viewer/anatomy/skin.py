"""Distance field of the faint body outline (skin) of the lower trunk, hips and legs.

Built from smooth capsules and ellipsoids around the skeleton's joint centres; then every
muscle and bone is wrapped with at least 8 mm of soft tissue. Girths after adult
anthropometry (Gordon et al. 2014, ANSUR II: mid-thigh circumference about 0.55 m, calf
about 0.38 m, waist breadth about 0.32 m for men of 1.75 m).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, muscles, sdf, thigh, thigh_muscles
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]
DistanceFunction = Callable[[FloatArray], FloatArray]


def skin_field(p: Proportions) -> DistanceFunction:
    """World-space signed distance (m) to the body outline."""
    s = p.scale
    hz = p.hip_height
    wide = p.pelvis_width / (0.139 * p.height)  # relative pelvic width (1 for men)
    top = hz + 0.30 * s
    bundles = [muscles.bundle_field(p, m) for m in muscles.SHAPES]
    bundles += [thigh_muscles.bundle_field(p, m) for m in thigh.THIGH_NAMES]

    def side_parts(x: FloatArray, sign: float) -> list[FloatArray]:
        q = x.copy()
        q[:, 0] *= sign  # evaluate the right side for both (mirror)
        hip = frames.hip_center(p, "r")
        knee = frames.knee_center(p, "r")
        ankle = frames.ankle_center(p, "r")
        thigh = sdf.polyline(
            q,
            [
                hip + np.array([0.012, -0.012, -0.02]) * s,
                hip + (knee - hip) * 0.45 + np.array([0.0, 0.004, 0.0]) * s,
                knee + np.array([0.0, 0.0, 0.02]) * s,
            ],
            np.array([0.088 * wide, 0.072, 0.052]) * s,
            k=0.03 * s,
        )
        shank = sdf.polyline(
            q,
            [
                knee + np.array([0.0, 0.0, 0.0]),
                knee + np.array([0.0, -0.018, -0.11]) * s,
                ankle + np.array([0.0, -0.006, 0.05]) * s,
                ankle,
            ],
            np.array([0.050, 0.054, 0.034, 0.032]) * s,
            k=0.02 * s,
        )
        foot = sdf.smax(
            sdf.capsule(
                q,
                ankle + np.array([0.002, -0.045, -0.035]) * s,
                ankle + np.array([-0.012, 0.185, -0.050]) * s,
                0.038 * s,
                0.024 * s,
            ),
            -q[:, 2],
            0.006 * s,
        )
        buttock = sdf.ellipsoid(
            q,
            np.array([0.072 * wide, -0.072, hz - 0.035]) * np.array([s, s, 1.0]),
            np.array([0.080 * wide, 0.068, 0.100]) * s,
        )
        return [thigh, shank, foot, buttock]

    def fn(x: FloatArray) -> FloatArray:
        trunk = sdf.smax(
            sdf.ellipsoid(
                x, [0.0, -0.015 * s, hz + 0.15 * s], np.array([0.165 * wide, 0.115, 0.24]) * s
            ),
            x[:, 2] - top,
            0.02 * s,
        )
        parts = [trunk, *side_parts(x, 1.0), *side_parts(x, -1.0)]
        d = sdf.union(parts, k=0.035 * s)
        xm = x.copy()
        xm[:, 0] = np.abs(xm[:, 0])
        near = d < 0.03 * s
        if np.any(near):
            tissue = np.min(np.stack([f(xm[near]) for f in bundles]), axis=0)
            d[near] = sdf.smin(d[near], tissue - 0.008 * s, 0.01 * s)
        return sdf.smax(d, x[:, 2] - top, 0.01 * s)

    return fn

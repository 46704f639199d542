"""The iliotibial band as a triangle surface laid on what it covers (numpy + VTK).

The band is a sheet of fascia: 2.6 mm thick here, 1 mm clear of the surfaces beneath it
(gluteus medius, tensor fasciae latae and gluteus maximus at the hip, vastus lateralis
along the thigh, the lateral femoral condyle and the tibia at the knee), along the
outline of :func:`~.muscles.itb_centreline` from the iliac tubercle to Gerdy's tubercle.
Rather than contour a thin sheet (which pinches when decimated), the surface is built
directly: points across and along the band are pushed from outside onto the covered
surfaces, then the sheet's two faces and its edges are joined into one closed surface.
"""

from __future__ import annotations

import numpy as np
import vtk
from numpy.typing import NDArray

from anatomy_viewer.anatomy import limbs, mesher, muscles, pelvis, thigh_muscles
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]

#: Clearance between the band and what it covers, and its half-thickness (m at 1.75 m).
GAP_M = 0.0010
HALF_THICKNESS_M = 0.0013


def covered_field(p: Proportions) -> mesher.DistanceFunction:
    """Signed distance (m) to everything the right band lies on."""
    fields = [
        muscles.bundle_field(p, "gluteus_medius"),
        muscles.bundle_field(p, "tensor_fasciae_latae"),
        muscles.bundle_field(p, "gluteus_maximus"),
        thigh_muscles.bundle_field(p, "vastus_lateralis"),
        pelvis.hip_bone_field(p),
        limbs.femur_field(p, "r"),
        limbs.tibia_field(p, "r"),
        limbs.fibula_field(p, "r"),
    ]

    def fn(x: FloatArray) -> FloatArray:
        out: FloatArray = np.min(np.stack([f(x) for f in fields]), axis=0)
        return out

    return fn


def _resample(points: FloatArray, widths: FloatArray, count: int) -> tuple[FloatArray, FloatArray]:
    seg = np.linalg.norm(np.diff(points, axis=0), axis=1)
    arc = np.concatenate([[0.0], np.cumsum(seg)])
    u = np.linspace(0.0, arc[-1], count)
    pts = np.stack([np.interp(u, arc, points[:, k]) for k in range(3)], axis=1)
    return pts, np.interp(u, arc, widths)


def _lay(
    base: FloatArray,
    out_dir: FloatArray,
    field: mesher.DistanceFunction,
    level: float,
    reach: float,
) -> FloatArray:
    """Distance along ``out_dir`` from ``base`` to where ``field`` first rises to ``level``
    coming from outside (steps of 0.5 mm, then linear interpolation)."""
    steps = np.arange(reach, -reach, -0.0005)
    shape = base.shape[:-1]
    flat_b = base.reshape(-1, 3)
    flat_n = out_dir.reshape(-1, 3)
    pts = flat_b[:, None, :] + steps[None, :, None] * flat_n[:, None, :]
    values = field(pts.reshape(-1, 3)).reshape(len(flat_b), len(steps)) - level
    below = values <= 0.0
    first = np.where(below.any(axis=1), below.argmax(axis=1), len(steps) - 1)
    first = np.maximum(first, 1)
    rows = np.arange(len(flat_b))
    v0, v1 = values[rows, first - 1], values[rows, first]
    f = np.clip(v0 / np.where(v0 - v1 == 0.0, 1.0, v0 - v1), 0.0, 1.0)
    s = steps[first - 1] + f * (steps[first] - steps[first - 1])
    out: FloatArray = s.reshape(shape)
    return out


def band_surface(p: Proportions, along: int = 120, across: int = 10) -> vtk.vtkPolyData:
    """Closed surface of the right iliotibial band with ``along`` x ``across`` samples."""
    s = p.scale
    centre, widths = _resample(*muscles.itb_centreline(p), along)
    tangent = np.gradient(centre, axis=0)
    lateral = np.array([1.0, 0.0, 0.0])
    w_dir = np.cross(tangent, lateral)
    w_dir /= np.linalg.norm(w_dir, axis=1, keepdims=True)
    n_dir = np.cross(w_dir, tangent)
    n_dir /= np.linalg.norm(n_dir, axis=1, keepdims=True)
    n_dir *= np.sign(n_dir[:, :1])  # outward = lateral
    v = np.linspace(-0.5, 0.5, across)
    base = centre[:, None, :] + (widths[:, None] * v[None, :])[:, :, None] * w_dir[:, None, :]
    normal = np.broadcast_to(n_dir[:, None, :], base.shape)
    level = (GAP_M + HALF_THICKNESS_M) * s
    offset = _lay(base, normal, covered_field(p), level, 0.05 * s)
    # Smooth the sheet a little without letting it sink closer than its clearance.
    smooth = offset.copy()
    for _ in range(6):
        avg = smooth.copy()
        avg[1:-1, :] = 0.5 * smooth[1:-1, :] + 0.25 * (smooth[:-2, :] + smooth[2:, :])
        avg[:, 1:-1] = 0.5 * avg[:, 1:-1] + 0.25 * (avg[:, :-2] + avg[:, 2:])
        smooth = np.maximum(avg, offset)
    mid = base + smooth[:, :, None] * normal
    half = HALF_THICKNESS_M * s
    outer = (mid + half * normal).reshape(-1, 3)
    inner = (mid - half * normal).reshape(-1, 3)
    points = np.concatenate([outer, inner])
    n = along * across

    def idx(i: int, j: int, face: int) -> int:
        return face * n + i * across + j

    tris = []
    for i in range(along - 1):
        for j in range(across - 1):
            a, b, c, d = idx(i, j, 0), idx(i + 1, j, 0), idx(i + 1, j + 1, 0), idx(i, j + 1, 0)
            tris += [(a, b, c), (a, c, d)]
            a, b, c, d = idx(i, j, 1), idx(i + 1, j, 1), idx(i + 1, j + 1, 1), idx(i, j + 1, 1)
            tris += [(a, c, b), (a, d, c)]
    # Edges: walk the border of the grid and join the two faces.
    border = (
        [(i, 0) for i in range(along - 1)]
        + [(along - 1, j) for j in range(across - 1)]
        + [(i, across - 1) for i in range(along - 1, 0, -1)]
        + [(0, j) for j in range(across - 1, 0, -1)]
    )
    for k, (i, j) in enumerate(border):
        i2, j2 = border[(k + 1) % len(border)]
        a, b = idx(i, j, 0), idx(i2, j2, 0)
        c, d = idx(i2, j2, 1), idx(i, j, 1)
        tris += [(a, d, c), (a, c, b)]
    return mesher.finish(mesher.from_arrays(points, np.array(tris, dtype=np.int64)))

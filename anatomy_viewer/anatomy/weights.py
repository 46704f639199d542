"""Skinning weights: how much each vertex follows each segment (pure numpy).

Weights are smooth functions of the neutral-pose position, so the full and the fast level
of detail of a structure deform alike, and a pose is one array operation
(:func:`~.skinning.apply_pose`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]


def smoothstep(x: FloatArray) -> FloatArray:
    """0 below 0, 1 above 1, smooth (C1) in between."""
    t = np.clip(x, 0.0, 1.0)
    out: FloatArray = t * t * (3.0 - 2.0 * t)
    return out


def muscle_weights(
    points: FloatArray,
    triangles: NDArray[np.int64],
    distance_pelvis: FloatArray,
    distance_femur: FloatArray,
    origin: FloatArray,
    insertion: FloatArray,
    contact: float,
    iterations: int = 400,
) -> FloatArray:
    """Weights ``(n, 2)`` for (pelvis, femur) of a muscle crossing the hip.

    Vertices lying on the pelvis (within ``contact`` of it and well away from the femur)
    or at the origin end (within ``4 * contact`` of the origin centroid, or before it) are
    bound rigidly to the pelvis; vertices on the femur or at the insertion end rigidly to
    the femur. The weights in between are harmonic (repeated
    neighbour averaging over the mesh, started from the fraction of the way from origin to
    insertion), so the belly bends smoothly without local pinching.

    Parameters
    ----------
    points, triangles
        The muscle surface.
    distance_pelvis, distance_femur
        ``(n,)`` distances (m) from each vertex to the pelvis (with sacrum) and the femur.
    origin, insertion
        Origin and insertion centroids (m).
    contact
        Distance (m) within which a vertex counts as lying on a bone.
    iterations
        Number of averaging sweeps.
    """
    axis = insertion - origin
    t = (points - origin) @ axis / float(axis @ axis)
    w = smoothstep((t - 0.1) / 0.8)
    far = 6.0 * contact
    end = 4.0 * contact
    near_origin = np.linalg.norm(points - origin, axis=1) < end
    near_insertion = np.linalg.norm(points - insertion, axis=1) < end
    to_pelvis = ((distance_pelvis < contact) & (distance_femur > far)) | (t < 0.0) | near_origin
    to_femur = ((distance_femur < contact) & (distance_pelvis > far)) | (t > 1.0) | near_insertion
    to_pelvis &= ~to_femur
    fixed = to_pelvis | to_femur
    value = np.where(to_femur, 1.0, 0.0)
    w = np.where(fixed, value, w)
    e = np.concatenate([triangles[:, [0, 1]], triangles[:, [1, 2]], triangles[:, [2, 0]]])
    e = np.unique(np.sort(e, axis=1), axis=0)
    a = np.concatenate([e[:, 0], e[:, 1]])
    b = np.concatenate([e[:, 1], e[:, 0]])
    n = len(points)
    degree = np.bincount(a, minlength=n).astype(np.float64)
    degree[degree == 0] = 1.0
    for _ in range(iterations):
        avg = np.bincount(a, weights=w[b], minlength=n) / degree
        w = np.where(fixed, value, avg)
    w = np.clip(w, 0.0, 1.0)
    return np.stack([1.0 - w, w], axis=1)


def _harmonic(
    triangles: NDArray[np.int64], start: FloatArray, fixed: NDArray[np.bool_], iterations: int
) -> FloatArray:
    """Repeated neighbour averaging of ``start`` (n, k) with the ``fixed`` rows held."""
    e = np.concatenate([triangles[:, [0, 1]], triangles[:, [1, 2]], triangles[:, [2, 0]]])
    e = np.unique(np.sort(e, axis=1), axis=0)
    a = np.concatenate([e[:, 0], e[:, 1]])
    b = np.concatenate([e[:, 1], e[:, 0]])
    n = len(start)
    degree = np.bincount(a, minlength=n).astype(np.float64)
    degree[degree == 0] = 1.0
    w = start.copy()
    for _ in range(iterations):
        avg = np.stack(
            [np.bincount(a, weights=w[b, k], minlength=n) / degree for k in range(w.shape[1])],
            axis=1,
        )
        w = np.where(fixed[:, None], start, avg)
    return w


def path_parameter(points: FloatArray, path: FloatArray) -> FloatArray:
    """Where along the polyline ``path`` (0 at its start, 1 at its end) each point lies,
    by its nearest point on the path; points beyond the ends get values below 0 or
    above 1."""
    seg = np.diff(path, axis=0)
    length = np.linalg.norm(seg, axis=1)
    start = np.concatenate([[0.0], np.cumsum(length)])
    total = float(start[-1])
    best = np.full(len(points), np.inf)
    out = np.zeros(len(points))
    for i, (a, d, ln) in enumerate(zip(path[:-1], seg, length, strict=True)):
        u = (points - a) @ d / float(d @ d)
        lo = -np.inf if i == 0 else 0.0
        hi = np.inf if i == len(seg) - 1 else 1.0
        uc = np.clip(u, lo, hi)
        dist = np.linalg.norm(points - (a + uc[:, None] * d), axis=1)
        closer = dist < best
        best = np.where(closer, dist, best)
        out = np.where(closer, (start[i] + uc * ln) / total, out)
    return out


def chain_weights(
    points: FloatArray,
    triangles: NDArray[np.int64],
    path: FloatArray,
    bands: tuple[tuple[float, float], ...],
    distances: FloatArray,
    contact: float,
    iterations: int = 400,
) -> FloatArray:
    """Weights ``(n, k)`` of a muscle along a chain of ``k`` segments (pelvis, femur,
    tibia, or part of it).

    Each segment holds rigidly the vertices in its band of the path parameter
    (:func:`path_parameter`, from origin 0 to insertion 1) and those lying on its bones
    (within ``contact`` of them and well away from the other segments' bones); the first
    segment also holds everything before the origin, the last everything beyond the
    insertion. The weights in between are harmonic, so the belly bends smoothly across
    the joints.

    Parameters
    ----------
    points, triangles
        The muscle surface.
    path
        The muscle's path from the origin centroid through its via points to the
        insertion centroid.
    bands
        ``(from, to)`` of the path parameter each segment holds.
    distances
        ``(n, k)`` distance from each vertex to each segment's bones.
    contact
        Distance within which a vertex lies on a bone.
    """
    k = len(bands)
    t = path_parameter(points, path)
    owner = np.full(len(points), -1)
    for j, (lo, hi) in enumerate(bands):
        lo_ = -np.inf if j == 0 else lo
        hi_ = np.inf if j == k - 1 else hi
        owner = np.where((t >= lo_) & (t <= hi_), j, owner)
    for j in range(k):
        others = np.delete(distances, j, axis=1)
        on_bone = (distances[:, j] < contact) & (others.min(axis=1) > 6.0 * contact)
        owner = np.where(on_bone & (owner < 0), j, owner)
    fixed = owner >= 0
    # Start from a linear blend between the bands' centres.
    centres = np.array([0.5 * (lo + hi) for lo, hi in bands])
    start = np.zeros((len(points), k))
    idx = np.clip(np.searchsorted(centres, t), 1, k - 1)
    lo_c, hi_c = centres[idx - 1], centres[idx]
    f = np.clip((t - lo_c) / np.maximum(hi_c - lo_c, 1e-9), 0.0, 1.0)
    rows = np.arange(len(points))
    start[rows, idx - 1] = 1.0 - f
    start[rows, idx] += f
    start[fixed] = 0.0
    start[fixed, owner[fixed]] = 1.0
    w = np.clip(_harmonic(triangles, start, fixed, iterations), 0.0, 1.0)
    out: FloatArray = w / w.sum(axis=1, keepdims=True)
    return out


def itb_weights(points: FloatArray, p: Proportions, side: str) -> FloatArray:
    """Weights ``(n, 3)`` for (pelvis, femur, tibia) of an iliotibial band."""
    hip_z = float(frames.hip_center(p, side)[2])
    knee_z = float(frames.knee_center(p, side)[2])
    s = p.scale
    z = points[:, 2]
    w_pelvis = smoothstep((z - (hip_z - 0.01 * s)) / (0.07 * s))
    w_tibia = smoothstep(((knee_z + 0.02 * s) - z) / (0.05 * s))
    w_femur = np.clip(1.0 - w_pelvis - w_tibia, 0.0, 1.0)
    w = np.stack([w_pelvis, w_femur, w_tibia], axis=1)
    out: FloatArray = w / w.sum(axis=1, keepdims=True)
    return out


def _segment_distance(points: FloatArray, a: FloatArray, b: FloatArray) -> FloatArray:
    ab = b - a
    t = np.clip((points - a) @ ab / float(ab @ ab), 0.0, 1.0)
    d: FloatArray = np.linalg.norm(points - (a + t[:, None] * ab), axis=1)
    return d


def skin_weights(points: FloatArray, p: Proportions, segments: tuple[str, ...]) -> FloatArray:
    """Weights ``(n, len(segments))`` for the body outline.

    Each segment is a bone axis (trunk: lumbar spine; pelvis: between the hip centres;
    thigh: hip to knee; shank: knee to ankle; foot: ankle to toes); a vertex follows the
    nearest axes with a soft fall-off of 3 cm (scaled), so joints bend smoothly.
    """
    s = p.scale
    hz = p.hip_height
    axes: dict[str, tuple[FloatArray, FloatArray]] = {
        "trunk": (
            np.array([0.0, -0.03 * s, hz + 0.16 * s]),
            np.array([0.0, -0.03 * s, hz + 0.40 * s]),
        ),
        "pelvis": (
            frames.hip_center(p, "l") + np.array([0.0, -0.02 * s, 0.04 * s]),
            frames.hip_center(p, "r") + np.array([0.0, -0.02 * s, 0.04 * s]),
        ),
    }
    for side in ("l", "r"):
        hip, knee, ankle = (
            frames.hip_center(p, side),
            frames.knee_center(p, side),
            frames.ankle_center(p, side),
        )
        axes[f"femur_{side}"] = (hip + (knee - hip) * 0.12, knee)
        axes[f"tibia_{side}"] = (knee, ankle)
        toe = ankle + np.array([0.0, 0.17 * s, -p.ankle_height * 0.7])
        axes[f"foot_{side}"] = (ankle + np.array([0.0, -0.03 * s, -0.03 * s]), toe)
    d = np.stack([_segment_distance(points, *axes[name]) for name in segments], axis=1)
    # Soft nearest axis: exp(-(d - d_min) / sigma) keeps the weights well conditioned.
    sigma = 0.03 * s
    w = np.exp(-(d - d.min(axis=1, keepdims=True)) / sigma)
    w[w < 0.02] = 0.0
    out: FloatArray = w / w.sum(axis=1, keepdims=True)
    return out

"""Geometry on triangle surfaces, for measuring the generated bones (numpy only).

The measures in :mod:`~.hip_measures` and :mod:`~.femur_measures` are taken from the
surfaces themselves: spheres fitted to vertices, cross-sections cut by planes, rays cast
from a joint centre. These helpers work on plain ``(n, 3)`` point and ``(m, 3)`` triangle
index arrays, so they serve the tests, the documentation table and any mesh file alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.int64]


@dataclass(frozen=True)
class Mesh:
    """A closed triangle surface: ``points`` (n, 3) in metres and ``triangles`` (m, 3)."""

    points: FloatArray
    triangles: IndexArray

    def corners(self) -> tuple[FloatArray, FloatArray, FloatArray]:
        """The three corner arrays ``(m, 3)`` of every triangle."""
        t = self.triangles
        return self.points[t[:, 0]], self.points[t[:, 1]], self.points[t[:, 2]]

    def vertex_normals(self) -> FloatArray:
        """Area-weighted outward vertex normals (unit)."""
        a, b, c = self.corners()
        face = np.cross(b - a, c - a)
        n = np.zeros_like(self.points)
        for k in range(3):
            np.add.at(n, self.triangles[:, k], face)
        length = np.linalg.norm(n, axis=1, keepdims=True)
        out: FloatArray = n / np.maximum(length, 1e-12)
        return out


def unit(v: FloatArray) -> FloatArray:
    """``v`` scaled to length 1 (last axis)."""
    out: FloatArray = v / np.linalg.norm(v, axis=-1, keepdims=True)
    return out


def angle_deg(a: FloatArray, b: FloatArray) -> float:
    """Angle between two vectors in degrees."""
    return float(np.degrees(np.arccos(np.clip(float(unit(a) @ unit(b)), -1.0, 1.0))))


def fit_sphere(points: FloatArray) -> tuple[FloatArray, float]:
    """Least-squares sphere through ``points``: (centre, radius)."""
    a = np.hstack([2.0 * points, np.ones((len(points), 1))])
    b = (points**2).sum(axis=1)
    sol, *_ = np.linalg.lstsq(a, b, rcond=None)
    centre = np.asarray(sol[:3], dtype=np.float64)
    radius = float(np.sqrt(sol[3] + centre @ centre))
    return centre, radius


def fit_line(points: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Least-squares line through ``points``: (a point on it, unit direction)."""
    c = points.mean(axis=0)
    _, _, vt = np.linalg.svd(points - c)
    return c, np.asarray(vt[0], dtype=np.float64)


def fit_plane(points: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Least-squares plane through ``points``: (centroid, unit normal)."""
    c = points.mean(axis=0)
    _, _, vt = np.linalg.svd(points - c)
    return c, np.asarray(vt[2], dtype=np.float64)


def distance_to_line(p: FloatArray, a: FloatArray, direction: FloatArray) -> float:
    """Distance from point ``p`` to the line through ``a`` along ``direction``."""
    d = unit(direction)
    v = p - a
    return float(np.linalg.norm(v - (v @ d) * d))


def section(mesh: Mesh, origin: FloatArray, normal: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Cut ``mesh`` with a plane: the section's segments, oriented consistently.

    Returns
    -------
    starts, ends
        ``(k, 3)`` segment end points. Each segment runs so that the material lies on its
        left seen from the side ``normal`` points to, so the closed outlines turn
        counter-clockwise and Green's theorem gives their area (:func:`section_area`).
    """
    n = unit(np.asarray(normal, dtype=np.float64))
    a, b, c = mesh.corners()
    da, db, dc = (a - origin) @ n, (b - origin) @ n, (c - origin) @ n
    face = np.cross(b - a, c - a)
    pos = np.stack([da > 0, db > 0, dc > 0], axis=1)
    crossing = pos.any(axis=1) & ~pos.all(axis=1)
    if not np.any(crossing):
        empty = np.zeros((0, 3))
        return empty, empty
    tri = np.stack([a, b, c], axis=1)[crossing]
    d = np.stack([da, db, dc], axis=1)[crossing]
    f = face[crossing]
    pts = []
    for i, j in ((0, 1), (1, 2), (2, 0)):
        di, dj = d[:, i], d[:, j]
        cut = (di > 0) != (dj > 0)
        t = np.where(cut, di / np.where(cut, di - dj, 1.0), 0.0)
        p = tri[:, i] + t[:, None] * (tri[:, j] - tri[:, i])
        pts.append((cut, p))
    starts = np.zeros((len(tri), 3))
    ends = np.zeros((len(tri), 3))
    filled = np.zeros(len(tri), dtype=bool)
    for cut, p in pts:
        first = cut & ~filled
        starts[first] = p[first]
        second = cut & filled
        ends[second] = p[second]
        filled |= cut
    # Orient: the outward face normal, turned about the plane normal, points along the
    # segment when the material lies to its left.
    direction = ends - starts
    want = np.cross(n, f)
    flip = np.einsum("ij,ij->i", direction, want) < 0
    starts[flip], ends[flip] = ends[flip].copy(), starts[flip].copy()
    return starts, ends


def section_area(
    starts: FloatArray, ends: FloatArray, origin: FloatArray, normal: FloatArray
) -> tuple[float, FloatArray]:
    """Area and area centroid of a section from :func:`section` (Green's theorem)."""
    n = unit(np.asarray(normal, dtype=np.float64))
    p, q = starts - origin, ends - origin
    cross = np.cross(p, q) @ n
    area = 0.5 * float(cross.sum())
    if abs(area) < 1e-12:
        return 0.0, np.asarray(origin, dtype=np.float64)
    centroid = ((p + q) * cross[:, None]).sum(axis=0) / (6.0 * area)
    return area, np.asarray(origin + centroid - (centroid @ n) * n, dtype=np.float64)


def ray_hits(
    mesh: Mesh, origin: FloatArray, directions: FloatArray, max_distance: float
) -> FloatArray:
    """Distance along each unit ray from ``origin`` to the first triangle it meets.

    Rays that meet nothing within ``max_distance`` get ``inf``. Only triangles within
    ``max_distance`` of ``origin`` are tested (Moeller-Trumbore, vectorised).
    """
    a, b, c = mesh.corners()
    near = (
        np.minimum(
            np.minimum(np.linalg.norm(a - origin, axis=1), np.linalg.norm(b - origin, axis=1)),
            np.linalg.norm(c - origin, axis=1),
        )
        < max_distance + 0.01
    )
    a, b, c = a[near], b[near], c[near]
    e1, e2 = b - a, c - a
    s = origin - a
    out = np.full(len(directions), np.inf)
    chunk = max(1, 2_000_000 // max(len(a), 1))
    for i in range(0, len(directions), chunk):
        d = directions[i : i + chunk]
        h = np.cross(d[:, None, :], e2[None, :, :])
        det = np.einsum("kmj,mj->km", h, e1)
        ok = np.abs(det) > 1e-14
        inv = np.where(ok, 1.0 / np.where(ok, det, 1.0), 0.0)
        u = np.einsum("kmj,mj->km", h, s) * inv
        qv = np.cross(s, e1)
        v = np.einsum("kj,mj->km", d, qv) * inv
        t = np.einsum("mj,mj->m", e2, qv)[None, :] * inv
        hit = ok & (u >= 0) & (v >= 0) & (u + v <= 1) & (t > 0) & (t <= max_distance)
        t = np.where(hit, t, np.inf)
        out[i : i + chunk] = t.min(axis=1) if t.shape[1] else np.inf
    return out


def fibonacci_directions(count: int) -> FloatArray:
    """``count`` unit vectors spread evenly over the sphere (golden-angle spiral)."""
    k = np.arange(count) + 0.5
    z = 1.0 - 2.0 * k / count
    r = np.sqrt(np.maximum(1.0 - z * z, 0.0))
    phi = np.pi * (3.0 - np.sqrt(5.0)) * k
    return np.stack([r * np.cos(phi), r * np.sin(phi), z], axis=1)

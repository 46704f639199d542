"""Signed distance primitives and smooth blending, vectorised over points (numpy only).

Every function takes points ``p`` of shape ``(n, 3)`` and returns ``(n,)`` distances,
negative inside. Formulas after Inigo Quilez, "Distance functions" (iquilezles.org);
blends are his polynomial smooth minimum. Round cones, ellipsoids and blends are bounds
rather than exact distances, which is all contouring needs. Curved plates of varying
thickness (the iliac wing, the pubis) are in :mod:`~.plate`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def _v(a: ArrayLike) -> FloatArray:
    return np.asarray(a, dtype=np.float64)


def sphere(p: FloatArray, center: ArrayLike, radius: float) -> FloatArray:
    """Sphere."""
    d: FloatArray = np.sqrt(((p - _v(center)) ** 2).sum(axis=1)) - radius
    return d


def capsule(
    p: FloatArray, a: ArrayLike, b: ArrayLike, ra: float, rb: float | None = None
) -> FloatArray:
    """Capsule (segment ``a``-``b`` with radius ``ra``), or a round cone tapering to ``rb``."""
    a_ = _v(a)
    ba = _v(b) - a_
    pa = p - a_
    denom = float(ba @ ba)
    t = np.clip((pa @ ba) / denom, 0.0, 1.0) if denom > 0 else np.zeros(len(p))
    r = ra if rb is None else ra + (rb - ra) * t
    d: FloatArray = np.sqrt(((pa - t[:, None] * ba) ** 2).sum(axis=1)) - r
    return d


def polyline(p: FloatArray, points: ArrayLike, radii: ArrayLike, k: float = 0.0) -> FloatArray:
    """Chain of round cones through ``points`` with a radius per point, optionally blended."""
    pts = _v(points)
    rad = np.broadcast_to(_v(radii), (len(pts),))
    d = capsule(p, pts[0], pts[1], float(rad[0]), float(rad[1]))
    for i in range(1, len(pts) - 1):
        e = capsule(p, pts[i], pts[i + 1], float(rad[i]), float(rad[i + 1]))
        d = smin(d, e, k) if k > 0 else np.minimum(d, e)
    return d


def ellipsoid(
    p: FloatArray, center: ArrayLike, radii: ArrayLike, axes: ArrayLike | None = None
) -> FloatArray:
    """Ellipsoid with semi-axes ``radii`` along the rows of ``axes`` (default x, y, z)."""
    q = p - _v(center)
    if axes is not None:
        q = q @ _v(axes).T
    r = _v(radii)
    k0 = np.sqrt(((q / r) ** 2).sum(axis=1))
    k1 = np.sqrt(((q / (r * r)) ** 2).sum(axis=1))
    d: FloatArray = np.where(k1 > 1e-12, k0 * (k0 - 1.0) / np.maximum(k1, 1e-12), -float(r.min()))
    return d


def plane(p: FloatArray, point: ArrayLike, normal: ArrayLike) -> FloatArray:
    """Half-space: negative behind the plane through ``point`` with unit ``normal``."""
    n = _v(normal)
    n = n / np.linalg.norm(n)
    d: FloatArray = (p - _v(point)) @ n
    return d


def triangle(
    p: FloatArray, a: ArrayLike, b: ArrayLike, c: ArrayLike, thickness: float
) -> FloatArray:
    """A triangle thickened to a plate of half-thickness ``thickness`` (rounded edges).

    Points farther than ``thickness`` from the triangle's bounding box get the distance
    to the box, a cheaper lower bound.
    """
    a_, b_, c_ = _v(a), _v(b), _v(c)
    lo = np.minimum(np.minimum(a_, b_), c_) - thickness
    hi = np.maximum(np.maximum(a_, b_), c_) + thickness
    box = box_distance(p, lo, hi)
    near = box < 4.0 * thickness + 1e-9
    out = box.copy()
    if np.any(near):
        out[near] = _triangle(p[near], a_, b_, c_, thickness)
    return out


def box_distance(p: FloatArray, lo: FloatArray, hi: FloatArray) -> FloatArray:
    """Distance from points outside the axis-aligned box (0 inside)."""
    q = np.maximum(np.maximum(lo - p, p - hi), 0.0)
    d: FloatArray = np.sqrt((q * q).sum(axis=1))
    return d


def _triangle(
    p: FloatArray, a_: FloatArray, b_: FloatArray, c_: FloatArray, thickness: float
) -> FloatArray:
    ba, cb, ac = b_ - a_, c_ - b_, a_ - c_
    pa, pb, pc = p - a_, p - b_, p - c_
    nor = np.cross(ba, ac)
    s = (
        np.sign(pa @ np.cross(ba, nor))
        + np.sign(pb @ np.cross(cb, nor))
        + np.sign(pc @ np.cross(ac, nor))
    )

    def edge(e: FloatArray, q: FloatArray) -> FloatArray:
        t = np.clip((q @ e) / float(e @ e), 0.0, 1.0)
        out: FloatArray = ((t[:, None] * e - q) ** 2).sum(axis=1)
        return out

    outside = np.minimum(np.minimum(edge(ba, pa), edge(cb, pb)), edge(ac, pc))
    inside = (pa @ nor) ** 2 / float(nor @ nor)
    d: FloatArray = np.sqrt(np.where(s < 2.0, outside, inside)) - thickness
    return d


def fan(
    p: FloatArray, center: ArrayLike, rim: ArrayLike, thickness: float | Sequence[float]
) -> FloatArray:
    """Plate made of triangles from ``center`` to consecutive ``rim`` points (not closed)."""
    r = _v(rim)
    th = np.broadcast_to(_v(thickness), (len(r),))
    d = triangle(p, center, r[0], r[1], float(max(th[0], th[1])))
    for i in range(1, len(r) - 1):
        d = np.minimum(d, triangle(p, center, r[i], r[i + 1], float(max(th[i], th[i + 1]))))
    return d


def bounded(
    p: FloatArray,
    lo: ArrayLike,
    hi: ArrayLike,
    margin: float,
    fn: Callable[[FloatArray], FloatArray],
) -> FloatArray:
    """Evaluate ``fn`` only for points within ``margin`` of the box ``lo``-``hi`` that
    contains the shape; farther points get the distance to the box (a lower bound with
    the right sign), which is all smooth blends and contouring need out there."""
    lo_, hi_ = _v(lo), _v(hi)
    box = box_distance(p, lo_, hi_)
    near = box < margin
    out = box.copy()
    out[~near] = np.maximum(out[~near], margin)
    if np.any(near):
        out[near] = fn(p[near])
    return out


def smin(a: FloatArray, b: FloatArray, k: float) -> FloatArray:
    """Smooth union of two distance fields; ``k`` is the blend width."""
    if k <= 0:
        return np.minimum(a, b)
    h = np.clip(0.5 + 0.5 * (b - a) / k, 0.0, 1.0)
    out: FloatArray = b * (1.0 - h) + a * h - k * h * (1.0 - h)
    return out


def smax(a: FloatArray, b: FloatArray, k: float) -> FloatArray:
    """Smooth intersection."""
    return -smin(-a, -b, k)


def subtract(a: FloatArray, b: FloatArray, k: float = 0.0) -> FloatArray:
    """``a`` with ``b`` carved out, optionally with a smooth edge of width ``k``."""
    return smax(a, -b, k) if k > 0 else np.maximum(a, -b)


def union(fields: Sequence[FloatArray], k: float = 0.0) -> FloatArray:
    """Union (smooth when ``k`` > 0) of several fields."""
    d = fields[0]
    for f in fields[1:]:
        d = smin(d, f, k)
    return d

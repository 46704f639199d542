"""A curved bony plate of varying thickness, as a signed distance field (numpy only).

Flat bones such as the iliac wing and the ischiopubic region are plates: a mid-surface that
bends and twists, a thickness that grows toward the borders and the joints, and rounded
edges. :class:`Plate` describes one by control points in 3D:

* an outline (closed polygon) and optional holes (the obturator foramen), each vertex a
  point on the mid-surface;
* interior control points that shape the mid-surface (bulges) and the thickness;
* a half-thickness at every control point.

The mid-surface height above a reference plane and the half-thickness are thin-plate
splines through the control points (Bookstein 1989, IEEE TPAMI 11:567); the outline is
the polygon seen along the plane's normal. The field is the rounded intersection of the
slab ``|height| <= half-thickness`` with the outline's prism, so every edge is a smooth
half-round of the local thickness. Distances along the normal are corrected for the
slope of the mid-surface, which keeps the field close to a true distance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from anatomy_viewer.anatomy import sdf

FloatArray = NDArray[np.float64]


def _tps_kernel(r2: FloatArray) -> FloatArray:
    out: FloatArray = np.where(r2 > 1e-12, 0.5 * r2 * np.log(np.maximum(r2, 1e-12)), 0.0)
    return out


class ThinPlateSpline:
    """2D thin-plate spline through ``(centres, values)`` (exact interpolation)."""

    def __init__(self, centres: FloatArray, values: FloatArray) -> None:
        n = len(centres)
        d2 = ((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        k = _tps_kernel(d2)
        p = np.hstack([np.ones((n, 1)), centres])
        a = np.zeros((n + 3, n + 3))
        a[:n, :n] = k + 1e-9 * np.eye(n)
        a[:n, n:] = p
        a[n:, :n] = p.T
        rhs = np.concatenate([values, np.zeros(3)])
        sol = np.linalg.solve(a, rhs)
        self.centres = centres
        self.weights = sol[:n]
        self.affine = sol[n:]

    def __call__(self, st: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Values and gradients ``(k,)``, ``(k, 2)`` at 2D points ``st``."""
        diff = st[:, None, :] - self.centres[None, :, :]
        r2 = (diff**2).sum(axis=2)
        value = _tps_kernel(r2) @ self.weights + self.affine[0] + st @ self.affine[1:]
        # d/dx of r^2 log r = x (2 log r + 1) = x (log r^2 + 1)
        g = np.where(r2 > 1e-12, np.log(np.maximum(r2, 1e-12)) + 1.0, 0.0) * self.weights
        grad = np.einsum("km,kmj->kj", g, diff) + self.affine[1:]
        return value, grad


def polygon_distance(st: FloatArray, poly: FloatArray) -> FloatArray:
    """Signed 2D distance from points ``st`` to the closed polygon ``poly`` (inside < 0)."""
    a = poly
    b = np.roll(poly, -1, axis=0)
    e = b - a
    w = st[:, None, :] - a[None, :, :]
    t = np.clip((w * e).sum(axis=2) / (e * e).sum(axis=1), 0.0, 1.0)
    d2 = ((w - t[:, :, None] * e) ** 2).sum(axis=2)
    dist = np.sqrt(d2.min(axis=1))
    # Even-odd rule for inside.
    ya, yb = a[None, :, 1], b[None, :, 1]
    y = st[:, None, 1]
    cond = (ya > y) != (yb > y)
    x_cross = a[None, :, 0] + (y - ya) * e[None, :, 0] / np.where(
        e[None, :, 1] == 0, 1e-12, e[None, :, 1]
    )
    inside = (cond & (st[:, None, 0] < x_cross)).sum(axis=1) % 2 == 1
    out: FloatArray = np.where(inside, -dist, dist)
    return out


@dataclass(frozen=True)
class Plate:
    """A curved plate; all coordinates in one frame (template millimetres here).

    Attributes
    ----------
    outline
        ``(n, 3)`` mid-surface points round the border, in order.
    outline_half
        Half-thickness at each outline point (a scalar applies to all).
    normal
        Reference direction the plate faces (its mid-surface is a height field along it).
    interior
        ``(k, 3)`` mid-surface points inside the outline that shape it.
    interior_half
        Half-thickness at each interior point.
    holes
        Closed polygons ``(m, 3)`` cut through the plate (mid-surface points).
    hole_half
        Half-thickness round each hole's rim.
    """

    outline: ArrayLike
    outline_half: ArrayLike
    normal: ArrayLike
    interior: ArrayLike = field(default_factory=lambda: np.zeros((0, 3)))
    interior_half: ArrayLike = field(default_factory=lambda: np.zeros(0))
    holes: Sequence[ArrayLike] = ()
    hole_half: Sequence[ArrayLike] = ()


def chaikin(
    points: FloatArray, values: FloatArray, rounds: int = 2
) -> tuple[FloatArray, FloatArray]:
    """Round the corners of a closed polygon (Chaikin's corner cutting), carrying a value
    per vertex along."""
    pts, vals = points, values
    for _ in range(rounds):
        nxt_p, nxt_v = np.roll(pts, -1, axis=0), np.roll(vals, -1, axis=0)
        q = 0.75 * pts + 0.25 * nxt_p
        r = 0.25 * pts + 0.75 * nxt_p
        pts = np.stack([q, r], axis=1).reshape(-1, pts.shape[1])
        qv = 0.75 * vals + 0.25 * nxt_v
        rv = 0.25 * vals + 0.75 * nxt_v
        vals = np.stack([qv, rv], axis=1).reshape(-1)
    return pts, vals


class PlateField:
    """Signed distance to a :class:`Plate` (callable on ``(n, 3)`` points).

    The outline's corners are rounded (:func:`chaikin`) so that the plate's border is a
    smooth curve through the middle of each side.
    """

    def __init__(self, plate: Plate) -> None:
        raw = np.asarray(plate.outline, dtype=np.float64)
        raw_half = np.broadcast_to(np.asarray(plate.outline_half, dtype=np.float64), (len(raw),))
        outline, outline_half = chaikin(raw, np.array(raw_half))
        n = np.asarray(plate.normal, dtype=np.float64)
        n = n / np.linalg.norm(n)
        helper = np.array([0.0, 0.0, 1.0]) if abs(n[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
        e1 = np.cross(helper, n)
        e1 /= np.linalg.norm(e1)
        e2 = np.cross(n, e1)
        self.origin = outline.mean(axis=0)
        self.axes = np.stack([e1, e2, n])
        interior = np.asarray(plate.interior, dtype=np.float64).reshape(-1, 3)
        holes = [np.asarray(h, dtype=np.float64) for h in plate.holes]
        pts = [outline, interior, *holes]
        halves = [
            outline_half,
            np.broadcast_to(np.asarray(plate.interior_half, dtype=np.float64), (len(interior),)),
        ]
        for h, half in zip(holes, plate.hole_half, strict=True):
            halves.append(np.broadcast_to(np.asarray(half, dtype=np.float64), (len(h),)))
        allp = np.concatenate(pts)
        local = (allp - self.origin) @ self.axes.T
        self.height = ThinPlateSpline(local[:, :2], local[:, 2])
        self.half = ThinPlateSpline(local[:, :2], np.concatenate(halves))
        self.outline2d = ((outline - self.origin) @ self.axes.T)[:, :2]
        self.holes2d = [((h - self.origin) @ self.axes.T)[:, :2] for h in holes]
        thick = float(np.concatenate(halves).max())
        span = np.abs(local[:, 2]).max() + thick
        lo2, hi2 = self.outline2d.min(axis=0), self.outline2d.max(axis=0)
        corners = np.array(
            [[x, y, z] for x in (lo2[0], hi2[0]) for y in (lo2[1], hi2[1]) for z in (-span, span)]
        )
        world = self.origin + corners @ self.axes
        self.lo = world.min(axis=0) - thick
        self.hi = world.max(axis=0) + thick
        self.margin = 4.0 * thick

    def exact(self, p: FloatArray) -> FloatArray:
        """The field without the bounding-box shortcut."""
        local = (p - self.origin) @ self.axes.T
        st = local[:, :2]
        h, grad = self.height(st)
        w, _ = self.half(st)
        w = np.maximum(w, 0.3)
        dz = np.abs(local[:, 2] - h) / np.sqrt(1.0 + (grad**2).sum(axis=1))
        d2 = polygon_distance(st, self.outline2d)
        for hole in self.holes2d:
            d2 = np.maximum(d2, -polygon_distance(st, hole))
        r = 0.95 * w
        a = d2 + r
        b = dz - w + r
        out: FloatArray = (
            np.sqrt(np.maximum(a, 0.0) ** 2 + np.maximum(b, 0.0) ** 2)
            + np.minimum(np.maximum(a, b), 0.0)
            - r
        )
        return out

    def __call__(self, p: FloatArray) -> FloatArray:
        return sdf.bounded(p, self.lo, self.hi, self.margin, self.exact)

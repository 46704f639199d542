"""Muscle paths over a wrapping cylinder (pure numpy, vectorised).

A path segment from ``p`` to ``s`` that would cut through a cylinder instead runs along
its surface: straight to a tangent point, round the cylinder, straight on from the other
tangent point. Unrolled onto a plane the whole path is one straight line, so its length
is ``sqrt(planar_length**2 + axial_rise**2)`` (the geodesic of a cylinder is a helix).
This is the wrapping the OpenSim models use (Garner and Pandy 2000, Computer Methods in
Biomechanics and Biomedical Engineering 3:1), simplified: the cylinder is infinite, and
a segment wraps only when its projection on the cylinder's cross-section cuts the circle
on the side where the cylinder acts.
"""

from __future__ import annotations

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray, IntArray

#: Which half of the cylinder acts: 0 both, else only the half with negative x (1) or
#: negative y (2) in the cylinder frame (OpenSim's "quadrant").
SIDE_CODES = {"all": 0, "-x": 1, "-y": 2}


def wrap_segment(
    start: FloatArray, end: FloatArray, radius: FloatArray, side: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Length of ``start -> end`` wrapped over a cylinder along local z, and its exit point.

    Parameters
    ----------
    start, end
        Points in the cylinder frame (centre at the origin, axis along z), ``(..., 3)``.
    radius
        Cylinder radius, broadcastable to ``start[..., 0]``.
    side
        :data:`SIDE_CODES` value per segment.

    Returns
    -------
    length, exit
        The path length (the straight distance where the segment misses the cylinder)
        and the point where the path leaves the cylinder toward ``end`` (``start``
        where it does not wrap), cylinder frame.
    """
    straight = np.linalg.norm(end - start, axis=-1)
    p, s = start[..., :2], end[..., :2]
    d = s - p
    dd = np.maximum(np.sum(d * d, axis=-1), 1e-18)
    t = np.clip(-np.sum(p * d, axis=-1) / dd, 0.0, 1.0)
    closest = p + t[..., None] * d
    # A start on (or, by rounding, just inside) the cylinder is a via point on its surface:
    # the path hugs the cylinder from there if it heads inward. An end inside it does not
    # wrap (OpenSim skips the wrap then).
    start_on = np.hypot(p[..., 0], p[..., 1]) <= radius
    end_inside = np.hypot(s[..., 0], s[..., 1]) <= radius
    cuts = (
        np.where(
            start_on,
            np.sum(d * p, axis=-1) < 0.0,
            np.hypot(closest[..., 0], closest[..., 1]) < radius,
        )
        & ~end_inside
    )
    allowed = np.where(
        side == 1, closest[..., 0] < 0.0, np.where(side == 2, closest[..., 1] < 0.0, True)
    )
    dist_p = np.maximum(np.hypot(p[..., 0], p[..., 1]), radius * (1.0 + 1e-9))
    dist_s = np.maximum(np.hypot(s[..., 0], s[..., 1]), radius * (1.0 + 1e-9))
    theta_p = np.arctan2(p[..., 1], p[..., 0])
    theta_s = np.arctan2(s[..., 1], s[..., 0])
    half_p = np.arccos(radius / dist_p)
    half_s = np.arccos(radius / dist_s)
    tangent_p = np.sqrt(dist_p**2 - radius**2)
    tangent_s = np.sqrt(dist_s**2 - radius**2)
    # Counter-clockwise the path leaves p's tangent at theta_p + half_p and reaches s's at
    # theta_s - half_s; clockwise the other way. It goes the shorter way round.
    arc_ccw = np.mod((theta_s - half_s) - (theta_p + half_p), 2.0 * np.pi)
    arc_cw = np.mod((theta_p - half_p) - (theta_s + half_s), 2.0 * np.pi)
    ccw = arc_ccw <= arc_cw
    arc = np.where(ccw, arc_ccw, arc_cw)
    exit_angle = np.where(ccw, theta_s - half_s, theta_s + half_s)
    planar = tangent_p + tangent_s + radius * arc
    rise = end[..., 2] - start[..., 2]
    wrapped = np.sqrt(planar**2 + rise**2)
    exit_z = end[..., 2] - rise * tangent_s / np.maximum(planar, 1e-12)
    exit_point = np.stack(
        [radius * np.cos(exit_angle), radius * np.sin(exit_angle), exit_z], axis=-1
    )
    wraps = cuts & allowed
    length: FloatArray = np.where(wraps, np.maximum(wrapped, straight), straight)
    exit_out: FloatArray = np.where(wraps[..., None], exit_point, start)
    return length, exit_out

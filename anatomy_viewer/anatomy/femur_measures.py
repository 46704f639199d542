"""Measures of the femur taken from its surface (numpy only).

* **Head**: sphere fitted to the vertices whose normals point away from the head centre.
* **Shaft axis**: line through the area centroids of cross-sections between 30 % and 70 %
  of the bone's length.
* **Neck axis**: from the head centre through the centroid of the narrowest cross-section
  of the neck (its isthmus), found by sweeping planes along the neck.
* **Neck-shaft angle**: between the neck axis and the shaft axis.
* **Anteversion**: between the neck axis and the posterior condylar axis (the line
  touching the back of both condyles), seen along the shaft axis (Murphy et al. 1987,
  JBJS-Am 69:1169, on CT).
* **Offset**: distance from the head centre to the shaft axis.
* **Posterior condylar offset** (PCO) and **ratio** (PCOR): on the lateral view, how far
  the back of the condyles stands behind the line of the posterior cortex of the distal
  shaft, and that distance over the depth from the anterior cortex line to the back of
  the condyles (Johal et al. 2012, Knee 19:843).
* **Trochanters**: the greater trochanter's tip level against the head centre, the breadth
  of its top, and the lesser trochanter's level and how far it stands out of the shaft.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from anatomy_viewer.anatomy.surface_geometry import (
    FloatArray,
    Mesh,
    angle_deg,
    distance_to_line,
    fit_line,
    fit_sphere,
    section,
    section_area,
    unit,
)


@dataclass(frozen=True)
class FemurMeasures:
    """One femur, measured on the surface (angles in degrees, lengths in metres)."""

    head_centre: FloatArray
    head_radius: float
    shaft_point: FloatArray
    shaft_axis: FloatArray  # unit, pointing up the shaft
    neck_axis: FloatArray  # unit, from the neck toward the head
    neck_shaft_angle: float
    anteversion: float
    offset: float
    length: float
    posterior_condylar_offset: float
    posterior_condylar_offset_ratio: float
    condyles_behind_axis: float
    greater_trochanter_tip_above_head: float
    greater_trochanter_top_breadth: float
    lesser_trochanter_below_head: float
    lesser_trochanter_prominence: float


def _frame(up: FloatArray, lateral_hint: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Lateral and anterior (world +y side) unit vectors perpendicular to ``up``."""
    lateral = unit(lateral_hint - (lateral_hint @ up) * up)
    anterior = np.cross(up, lateral)
    if anterior[1] < 0:
        anterior = -anterior
    return lateral, anterior


def _shaft_axis(mesh: Mesh) -> tuple[FloatArray, FloatArray, float, float]:
    pts = mesh.points
    c, d = fit_line(pts)
    if d[2] < 0:
        d = -d
    for _ in range(2):
        h = (pts - c) @ d
        lo, hi = float(h.min()), float(h.max())
        cents = []
        for f in np.linspace(0.30, 0.70, 9):
            o = c + (lo + f * (hi - lo)) * d
            s, e = section(mesh, o, d)
            area, centroid = section_area(s, e, o, d)
            if area > 0:
                cents.append(centroid)
        c, d = fit_line(np.array(cents))
        if d[2] < 0:
            d = -d
    h = (pts - c) @ d
    return c, d, float(h.min()), float(h.max())


def _head(mesh: Mesh, seed: FloatArray) -> tuple[FloatArray, float]:
    pts = mesh.points
    normals = mesh.vertex_normals()
    v = pts - seed
    dist = np.linalg.norm(v, axis=1)
    radial = np.einsum("ij,ij->i", normals, v) > 0.97 * np.maximum(dist, 1e-9)
    sel = radial & (dist < 0.035) & (dist > 0.012)
    centre, radius = fit_sphere(pts[sel])
    d = np.linalg.norm(pts - centre, axis=1)
    ring = radial & (np.abs(d - radius) < 0.001)
    return fit_sphere(pts[ring])


def _neck_axis(
    mesh: Mesh, head: FloatArray, radius: float, shaft_c: FloatArray, shaft_d: FloatArray
) -> FloatArray:
    foot = shaft_c + ((head - shaft_c) @ shaft_d) * shaft_d
    # Start from a typical neck: 50 deg from the shaft axis toward the head.
    toward = unit(head - foot)
    d = unit(np.cos(np.radians(50.0)) * shaft_d + np.sin(np.radians(50.0)) * toward)
    for _ in range(3):
        best_area, best_c = np.inf, head
        for s in np.arange(0.6 * radius, 1.8 * radius, 0.0005):
            o = head - s * d
            st, en = section(mesh, o, d)
            if len(st) == 0:
                continue
            # Keep the neck's outline: segments close to the axis line. An outline that
            # runs out of that disc has met the trochanters: the neck ends there.
            r_st = np.linalg.norm((st - o) - ((st - o) @ d)[:, None] * d, axis=1)
            r_en = np.linalg.norm((en - o) - ((en - o) @ d)[:, None] * d, axis=1)
            near = (r_st < 1.15 * radius) & (r_en < 1.15 * radius)
            crossing = (r_st < 1.15 * radius) != (r_en < 1.15 * radius)
            if crossing.any():
                if s > 0.9 * radius:
                    break
                continue
            area, centroid = section_area(st[near], en[near], o, d)
            if 0 < area < best_area:
                best_area, best_c = area, centroid
        d = unit(head - best_c)
    return d


def _condyles(
    pts: FloatArray, c: FloatArray, up: FloatArray, lateral: FloatArray, lo: float, length: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Posterior-most points of the lateral and medial condyles, and the anterior unit
    vector perpendicular to the posterior condylar axis."""
    h = (pts - c) @ up
    distal = pts[h < lo + 0.10 * length]
    side = (distal - c) @ lateral
    anterior = np.cross(up, lateral)
    if anterior[1] < 0:
        anterior = -anterior
    p_lat = p_med = c
    lat, med = distal[side > 0], distal[side < 0]
    for _ in range(4):
        p_lat = lat[np.argmin(lat @ anterior)]
        p_med = med[np.argmin(med @ anterior)]
        line = p_lat - p_med
        line = unit(line - (line @ up) * up)
        new = np.cross(up, line)
        anterior = new if new @ anterior > 0 else -new
    return p_lat, p_med, anterior


def measure_femur(mesh: Mesh, head_seed: FloatArray, side: str) -> FemurMeasures:
    """Measure the femur of ``side`` (``"r"`` or ``"l"``); ``head_seed`` is a point near the
    head centre (used only to find the head)."""
    pts = mesh.points
    c, up, lo, hi = _shaft_axis(mesh)
    length = hi - lo
    head, radius = _head(mesh, head_seed)
    lateral_hint = np.array([1.0 if side == "r" else -1.0, 0.0, 0.0])
    lateral, _ = _frame(up, lateral_hint)
    neck = _neck_axis(mesh, head, radius, c, up)
    neck_shaft = 180.0 - angle_deg(neck, up)
    p_lat, p_med, cond_anterior = _condyles(pts, c, up, lateral, lo, length)
    medial_line = unit(p_med - p_lat)
    medial_line = unit(medial_line - (medial_line @ up) * up)
    neck_t = unit(neck - (neck @ up) * up)
    version = angle_deg(neck_t, medial_line)
    if neck_t @ cond_anterior < medial_line @ cond_anterior:
        version = -version
    offset = distance_to_line(head, c, up)

    # Lateral view: posterior and anterior cortex lines of the distal shaft.
    h = (pts - c) @ up
    ap = (pts - c) @ cond_anterior
    back, front = [], []
    for f in np.linspace(0.16, 0.32, 9):
        band = np.abs(h - (lo + f * length)) < 0.002
        if band.any():
            back.append([lo + f * length, ap[band].min()])
            front.append([lo + f * length, ap[band].max()])
    back_a, front_a = np.array(back), np.array(front)
    kb = np.polyfit(back_a[:, 0], back_a[:, 1], 1)
    kf = np.polyfit(front_a[:, 0], front_a[:, 1], 1)
    post = pts[np.argmin(ap)]
    hp, app = float((post - c) @ up), float((post - c) @ cond_anterior)
    pco = (np.polyval(kb, hp) - app) / np.hypot(1.0, kb[0])
    depth = (np.polyval(kf, hp) - app) / np.hypot(1.0, kf[0])
    distal = h < lo + 0.08 * length
    behind = -float(np.mean(ap[distal]))

    # Greater trochanter: the highest point lateral of the shaft axis.
    lat_c = (pts - c) @ lateral
    head_h = float((head - c) @ up)
    gt_zone = (lat_c > 0.008) & (h > head_h - 0.06)
    gt_h = h[gt_zone]
    tip_h = float(gt_h.max())
    top = gt_zone & (h > tip_h - 0.005)
    breadth = float(ap[top].max() - ap[top].min())
    # Lesser trochanter: the farthest point from the shaft axis toward posteromedial,
    # between 3 and 9 cm below the head centre.
    pm = unit(-lateral - cond_anterior)
    zone = (h < head_h - 0.03) & (h > head_h - 0.09)
    reach = (pts[zone] - c) @ pm
    i = int(np.argmax(reach))
    lt = pts[zone][i]
    lt_h = float((lt - c) @ up)
    o = c + lt_h * up
    s, e = section(mesh, o - 0.012 * up, up)
    shaft_area, _ = section_area(s, e, o - 0.012 * up, up)
    shaft_r = float(np.sqrt(max(shaft_area, 0.0) / np.pi))
    return FemurMeasures(
        head_centre=head,
        head_radius=radius,
        shaft_point=c,
        shaft_axis=up,
        neck_axis=neck,
        neck_shaft_angle=neck_shaft,
        anteversion=version,
        offset=offset,
        length=length,
        posterior_condylar_offset=float(pco),
        posterior_condylar_offset_ratio=float(pco / depth),
        condyles_behind_axis=behind,
        greater_trochanter_tip_above_head=tip_h - head_h,
        greater_trochanter_top_breadth=breadth,
        lesser_trochanter_below_head=head_h - lt_h,
        lesser_trochanter_prominence=float(reach[i]) - shaft_r,
    )

"""Measures of the hip bone taken from its surface: acetabulum, obturator foramen, ischium.

Every angle is measured the way the cited imaging studies measure it, but on the generated
triangles instead of a CT scan:

* The **pelvic frame** is the anterior pelvic plane (both ASIS and the pubic tubercles),
  as in Murray 1993 and Wang et al. 2017: x to the subject's right (the measured side's
  lateral for the right hip), y anterior (normal to the plane), z superior.
* The **acetabulum** is found by casting rays from the centre of the sphere fitted to the
  socket's articular surface: a direction is *covered* when its ray meets bone within
  6 mm beyond the socket's radius (the fossa lies 3 to 5 mm deeper than the
  lunate surface). Coverage is the covered share of all directions; the
  **rim** is the border between covered and open directions, and the **acetabular axis**
  is the normal of the plane fitted to the rim (where the notch interrupts the rim, the
  points straying from the plane are left out), pointing
  out of the socket.
* **Murray's anatomical inclination** is the angle between that axis and the body's
  longitudinal axis; **anatomical anteversion** is the angle between the transverse axis
  and the axis projected onto the transverse plane (Murray 1993, JBJS-Br 75:228).
* The **lateral centre-edge angle** is taken on the coronal section through the centre
  (the CT form of Wiberg's angle); the **anterior and posterior acetabular sector angles**
  on the axial section (Anda et al. 1991; Mechlenburg et al. 2019, Acta Radiol 60:895).
* The **anterior centre-edge angle** is Lequesne's, of the false-profile radiograph
  (Lequesne and de Seze 1961, Rev Rhum Mal Osteoartic 28:643): the patient stands with the
  examined hip against the film, the pelvis turned 65 deg to it and the examined foot
  parallel to it. The film's plane then holds the vertical and the horizontal line 25 deg
  from straight ahead toward the examined side (the foot turned out 25 deg from the
  pelvis; the side of the turn is this model's reading of the foot's position). On that
  film the head's outline is the head's great circle in the film's plane, so the angle
  from the vertical to the front end of the roof is the cover's edge on that section.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy.surface_geometry import (
    FloatArray,
    Mesh,
    fibonacci_directions,
    fit_plane,
    fit_sphere,
    ray_hits,
    unit,
)

#: A ray meets the socket when it hits bone within this distance beyond the socket radius.
COVER_MARGIN_M = 0.006
#: The false-profile view: the pelvis turned 65 deg to the film (Lequesne and de Seze 1961).
FALSE_PROFILE_TURN_DEG = 65.0


@dataclass(frozen=True)
class PelvicFrame:
    """Anterior pelvic plane frame: origin and rows (right, anterior, superior)."""

    origin: FloatArray
    rows: FloatArray

    def side_rows(self, side: str) -> FloatArray:
        """Rows (lateral, anterior, superior) for hip ``"r"`` or ``"l"``."""
        rows = self.rows.copy()
        if side == "l":
            rows[0] *= -1.0
        return rows


def pelvic_frame(
    asis_r: FloatArray, asis_l: FloatArray, pubic_r: FloatArray, pubic_l: FloatArray
) -> PelvicFrame:
    """The anterior pelvic plane frame from both ASIS and both pubic tubercles."""
    x = unit(asis_r - asis_l)
    mid_asis = 0.5 * (asis_r + asis_l)
    mid_pubis = 0.5 * (pubic_r + pubic_l)
    down = mid_pubis - mid_asis
    z = unit(-(down - (down @ x) * x))
    y = np.cross(z, x)
    return PelvicFrame(origin=mid_asis, rows=np.stack([x, y, z]))


@dataclass(frozen=True)
class AcetabulumMeasures:
    """One acetabulum, measured on the surface (angles in degrees, lengths in metres)."""

    centre: FloatArray
    radius: float
    coverage: float
    axis: FloatArray
    inclination: float
    anteversion: float
    radiographic_inclination: float
    lateral_centre_edge: float
    anterior_sector: float
    posterior_sector: float
    anterior_centre_edge: float
    rim_diameter: float
    depth: float


def socket_sphere(pelvis: Mesh, seed: FloatArray, side: str) -> tuple[FloatArray, float]:
    """Sphere fitted to the socket's articular surface near ``seed`` (the hip centre).

    Articular vertices face the centre (their outward normal points at it) and lie
    within 10 to 35 mm of it, on the measured side of the midline.
    """
    pts = pelvis.points
    normals = pelvis.vertex_normals()
    v = seed - pts
    dist = np.linalg.norm(v, axis=1)
    sign = 1.0 if side == "r" else -1.0
    facing = np.einsum("ij,ij->i", normals, v) > 0.97 * dist
    sel = facing & (dist > 0.010) & (dist < 0.035) & (sign * pts[:, 0] > 0)
    # The articular (lunate) surface is the nearest shell round the centre; the fossa lies
    # deeper. Fit to the vertices near the commonest distance, twice.
    centre, radius = seed, float(np.percentile(dist[sel], 25))
    for _ in range(3):
        d = np.linalg.norm(pts - centre, axis=1)
        ring = sel & (np.abs(d - radius) < 0.0015)
        centre, radius = fit_sphere(pts[ring])
    return centre, radius


def _covered(
    pelvis: Mesh, centre: FloatArray, radius: float, dirs: FloatArray
) -> NDArray[np.bool_]:
    hits = ray_hits(pelvis, centre, dirs, radius + COVER_MARGIN_M)
    out: NDArray[np.bool_] = np.isfinite(hits)
    return out


def _edge_angle(
    pelvis: Mesh, centre: FloatArray, radius: float, start: FloatArray, toward: FloatArray
) -> float:
    """Angle from ``start`` toward ``toward`` (both unit, orthogonal) up to the first open
    direction: how far the socket's cover reaches in that plane (degrees)."""
    angles = np.radians(np.arange(0.0, 150.0, 0.25))
    dirs = np.cos(angles)[:, None] * start + np.sin(angles)[:, None] * toward
    covered = _covered(pelvis, centre, radius, dirs)
    open_ = np.nonzero(~covered)[0]
    if len(open_) == 0:
        return 150.0
    return float(np.degrees(angles[max(open_[0] - 1, 0)]))


def _false_profile_forward(lateral: FloatArray, anterior: FloatArray) -> FloatArray:
    """The horizontal line of the false-profile film that points forward: straight ahead
    turned toward the examined side by 90 deg less the pelvis's turn to the film."""
    outward = np.radians(90.0 - FALSE_PROFILE_TURN_DEG)
    return unit(np.cos(outward) * anterior + np.sin(outward) * lateral)


def measure_acetabulum(
    pelvis: Mesh, frame: PelvicFrame, seed: FloatArray, side: str, samples: int = 6000
) -> AcetabulumMeasures:
    """Measure the acetabulum on ``side`` (``"r"`` or ``"l"``).

    Parameters
    ----------
    pelvis
        The hip bone surface (both sides).
    frame
        The anterior pelvic plane frame (:func:`pelvic_frame`).
    seed
        A point near the hip centre (the landmark), used only to find the socket.
    side
        ``"r"`` or ``"l"``.
    samples
        Number of ray directions for the coverage and the rim.
    """
    centre, radius = socket_sphere(pelvis, seed, side)
    rows = frame.side_rows(side)
    lateral, anterior, superior = rows
    dirs = fibonacci_directions(samples)
    covered = _covered(pelvis, centre, radius, dirs)
    coverage = float(covered.mean())
    # Rim: covered directions with an open neighbour among the nearest six.
    cos = dirs @ dirs.T
    nearest = np.argpartition(-cos, 7, axis=1)[:, :7]
    rim = covered & (~covered[nearest]).any(axis=1)
    rim_pts = centre + radius * dirs[rim]
    keep = np.ones(len(rim_pts), dtype=bool)
    opening = unit(dirs[~covered].mean(axis=0))
    for _ in range(4):
        c, n = fit_plane(rim_pts[keep])
        if n @ opening < 0:
            n = -n
        off = (rim_pts - c) @ n
        # Where the rim is interrupted (the notch, bridged by the transverse ligament) the
        # border between covered and open directions strays from the rim's plane: leave
        # out points far from the plane on either side (robust fit).
        scale = 2.0 * float(np.median(np.abs(off[keep]))) + 5e-4
        keep = np.abs(off) < scale
    c, axis = fit_plane(rim_pts[keep])
    if axis @ opening < 0:
        axis = -axis
    a = rows @ axis  # (lateral, anterior, superior) components
    inclination = float(np.degrees(np.arccos(np.clip(-a[2], -1.0, 1.0))))
    anteversion = float(np.degrees(np.arctan2(a[1], a[0])))
    radiographic = float(np.degrees(np.arctan2(a[0], -a[2])))
    in_plane = rim_pts[keep] - c
    rim_radius = float(np.sqrt(np.mean(np.sum(in_plane**2, axis=1) - (in_plane @ axis) ** 2)))
    # Depth: from the rim plane to the deepest point of the socket along the axis.
    deepest = ray_hits(pelvis, centre, -axis[None, :], 0.06)[0]
    depth = float((c - centre) @ axis + deepest)
    medial = -lateral
    return AcetabulumMeasures(
        centre=centre,
        radius=radius,
        coverage=coverage,
        axis=axis,
        inclination=inclination,
        anteversion=anteversion,
        radiographic_inclination=radiographic,
        lateral_centre_edge=_edge_angle(pelvis, centre, radius, superior, lateral),
        anterior_sector=_edge_angle(pelvis, centre, radius, medial, anterior),
        posterior_sector=_edge_angle(pelvis, centre, radius, medial, -anterior),
        anterior_centre_edge=_edge_angle(
            pelvis, centre, radius, superior, _false_profile_forward(lateral, anterior)
        ),
        rim_diameter=2.0 * rim_radius,
        depth=depth,
    )


@dataclass(frozen=True)
class ForamenMeasures:
    """Obturator foramen seen face on: area (m2), length and width (m), view direction."""

    area: float
    length: float
    width: float
    view: FloatArray


def _holes(occupied: np.ndarray) -> np.ndarray:
    """Label of the empty cells not reachable from the border (4-connected flood fill)."""
    outside = np.zeros_like(occupied)
    outside[0, :] = ~occupied[0, :]
    outside[-1, :] = ~occupied[-1, :]
    outside[:, 0] = ~occupied[:, 0]
    outside[:, -1] = ~occupied[:, -1]
    while True:
        grown = outside.copy()
        grown[1:, :] |= outside[:-1, :]
        grown[:-1, :] |= outside[1:, :]
        grown[:, 1:] |= outside[:, :-1]
        grown[:, :-1] |= outside[:, 1:]
        grown &= ~occupied
        if np.array_equal(grown, outside):
            holes: np.ndarray = ~occupied & ~outside
            return holes
        outside = grown


def _dilate(mask: np.ndarray, steps: int) -> np.ndarray:
    out = mask.copy()
    for _ in range(steps):
        g = out.copy()
        g[1:, :] |= out[:-1, :]
        g[:-1, :] |= out[1:, :]
        g[:, 1:] |= out[:, :-1]
        g[:, :-1] |= out[:, 1:]
        out = g
    return out


def _largest_hole(points: FloatArray, view: FloatArray, cell: float) -> tuple[float, FloatArray]:
    """Area of the largest hole in the projection of ``points`` along ``view``, and the
    hole's cell centres (2D)."""
    e1 = unit(np.cross(view, [0.0, 0.0, 1.0]))
    e2 = np.cross(view, e1)
    uv = np.stack([points @ e1, points @ e2], axis=1)
    lo = uv.min(axis=0) - 3 * cell
    idx = np.floor((uv - lo) / cell).astype(int)
    shape = tuple(idx.max(axis=0) + 4)
    occupied = np.zeros(shape, dtype=bool)
    occupied[idx[:, 0], idx[:, 1]] = True
    # Close the gaps between neighbouring samples: dilate, then shrink the holes back
    # by the same amount.
    steps = 1
    closed = _dilate(occupied, steps)
    holes = _holes(closed)
    if not holes.any():
        return 0.0, np.zeros((0, 2))
    # Keep the largest hole: 4-connected components by propagating the smallest index.
    big = holes.size
    label = np.where(holes, np.arange(big).reshape(shape), big)
    while True:
        low = label.copy()
        low[1:, :] = np.minimum(low[1:, :], label[:-1, :])
        low[:-1, :] = np.minimum(low[:-1, :], label[1:, :])
        low[:, 1:] = np.minimum(low[:, 1:], label[:, :-1])
        low[:, :-1] = np.minimum(low[:, :-1], label[:, 1:])
        low = np.where(holes, low, big)
        if np.array_equal(low, label):
            break
        label = low
    ids, counts = np.unique(label[holes], return_counts=True)
    best = ids[int(np.argmax(counts))]
    hole = _dilate(label == best, steps) & ~occupied
    centres = (np.argwhere(hole) + 0.5) * cell + lo
    return float(hole.sum()) * cell * cell, centres


def _surface_samples(mesh: Mesh, selected: np.ndarray, spacing: float) -> FloatArray:
    """Points spread over the triangles whose corners are all ``selected``, no farther
    apart than about ``spacing``."""
    tri = mesh.triangles[selected[mesh.triangles].all(axis=1)]
    a, b, c = (mesh.points[tri[:, k]] for k in range(3))
    edges = np.concatenate(
        [
            np.linalg.norm(b - a, axis=1),
            np.linalg.norm(c - b, axis=1),
            np.linalg.norm(a - c, axis=1),
        ]
    )
    longest = float(np.percentile(edges, 95))
    n = max(1, int(np.ceil(longest / spacing)))
    out = []
    for i in range(n + 1):
        for j in range(n + 1 - i):
            u, v = i / n, j / n
            out.append(a + u * (b - a) + v * (c - a))
    return np.concatenate(out)


def measure_obturator_foramen(
    pelvis: Mesh, frame: PelvicFrame, hip_centre: FloatArray, side: str
) -> ForamenMeasures:
    """The obturator foramen of ``side`` seen face on (the view where it is largest).

    The hip bone's vertices between the midline and the socket, below the hip centre, are
    projected along candidate view directions (anterolateral, as in the obturator oblique
    radiograph) onto a 0.5 mm grid; the largest enclosed empty region is the foramen.
    """
    rows = frame.side_rows(side)
    lateral, anterior, superior = rows
    rel = (pelvis.points - hip_centre) @ rows.T
    sign = 1.0 if side == "r" else -1.0
    sel = (
        (sign * pelvis.points[:, 0] > 0.002)
        & (rel[:, 2] < 0.005)
        & (rel[:, 0] < 0.02)
        & (rel[:, 1] > -0.06)
    )
    pts = _surface_samples(pelvis, sel, 0.0005)
    best = ForamenMeasures(0.0, 0.0, 0.0, anterior)
    for yaw in np.radians(np.arange(0.0, 70.0, 10.0)):
        for pitch in np.radians((-20.0, -10.0, 0.0, 10.0)):
            view = unit(
                np.cos(pitch) * (np.cos(yaw) * anterior + np.sin(yaw) * lateral)
                + np.sin(pitch) * superior
            )
            area, centres = _largest_hole(pts, view, 0.0005)
            if area > best.area and len(centres) > 2:
                c = centres - centres.mean(axis=0)
                _, _, vt = np.linalg.svd(c, full_matrices=False)
                along = c @ vt[0]
                across = c @ vt[1]
                best = ForamenMeasures(
                    area=area,
                    length=float(along.max() - along.min()) + 0.0005,
                    width=float(across.max() - across.min()) + 0.0005,
                    view=view,
                )
    return best


@dataclass(frozen=True)
class HipBoneMeasures:
    """Size of one hip bone (metres), in the pelvic frame."""

    lowest_below_hip: float
    lowest_behind_hip: float
    height: float


def measure_hip_bone(
    pelvis: Mesh, frame: PelvicFrame, hip_centre: FloatArray, side: str
) -> HipBoneMeasures:
    """Lowest point of the hip bone (the ischial tuberosity) below and behind the hip
    centre, and the hip bone's height from the crest to that point."""
    rows = frame.side_rows(side)
    sign = 1.0 if side == "r" else -1.0
    pts = pelvis.points[sign * pelvis.points[:, 0] > 0.0]
    rel = (pts - hip_centre) @ rows.T
    low = int(np.argmin(rel[:, 2]))
    return HipBoneMeasures(
        lowest_below_hip=float(-rel[low, 2]),
        lowest_behind_hip=float(-rel[low, 1]),
        height=float(rel[:, 2].max() - rel[low, 2]),
    )

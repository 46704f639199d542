"""Where each bone sits: the maps from each bone's template frame to the world frame.

Pure numpy. Shapes are drawn in a template frame per bone and placed in the world (RAS,
metres, origin on the floor between the feet) by the maps here; the landmarks use the
same maps, so landmarks and meshes agree.

* Pelvis, sacrum and lumbar spine are drawn in **pelvis template millimetres** for the
  right side (x = distance from the midline, y anterior, z up, origin at the right hip
  centre's y and z, ASIS-PSIS line horizontal). :func:`pelvis_to_world` stretches the
  template piecewise-linearly so that the ASIS, PSIS and hip centres land exactly where
  the subject's proportions put them, then tilts it forward by the pelvic tilt about the
  line through both hip centres.
* The femur is drawn in a local frame (metres) with the origin at the knee centre, z up
  the shaft, x lateral, y anterior; :func:`femur_frame` rotates it so the head centre lands
  on the hip centre.
* Tibia, fibula, patella and foot are drawn in local frames (metres) parallel to the world
  axes, with the origin at the knee centre (tibia) or the ankle centre (foot).

Left-side parts are the right-side parts mirrored in the sagittal plane (x -> -x).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]

# Template knots (mm) for the default male of 1.75 m: hip centre x = 87.5 mm
# (0.33 PW + 7.3 mm, Harrington 2007), ASIS x = PW/2 = 121.5 mm (PW 243 mm, OrthoLoad
# CT); ASIS 46 mm anterior and PSIS 104 mm posterior of the hip centre (PD 150 mm);
# ASIS 84 mm above the hip centre (0.30 PW + 10.9 mm, Harrington 2007).
_TX = (0.0, 87.5, 121.5)
_TY = (-104.0, 0.0, 46.0)
_TZ = (0.0, 84.0)


def _knots(p: Proportions) -> tuple[FloatArray, FloatArray, FloatArray]:
    kx = np.array([0.0, p.hip_lateral, p.pelvis_width / 2.0])
    ky = np.array([p.hip_posterior - p.pelvis_depth, 0.0, p.hip_posterior])
    kz = np.array([0.0, p.hip_inferior])
    return kx, ky, kz


def _pl(v: FloatArray, src: FloatArray, dst: FloatArray) -> FloatArray:
    """Piecewise-linear map from knots ``src`` to ``dst``, extrapolated linearly."""
    out = np.interp(v, src, dst)
    lo_slope = (dst[1] - dst[0]) / (src[1] - src[0])
    hi_slope = (dst[-1] - dst[-2]) / (src[-1] - src[-2])
    out = np.where(v < src[0], dst[0] + (v - src[0]) * lo_slope, out)
    out = np.where(v > src[-1], dst[-1] + (v - src[-1]) * hi_slope, out)
    return np.asarray(out, dtype=np.float64)


def _tilt_matrix(p: Proportions) -> FloatArray:
    # Anterior tilt: the top of the pelvis moves forward, a negative rotation about +x.
    a = -p.pelvic_tilt
    c, s = math.cos(a), math.sin(a)
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


def pelvis_to_world(points_mm: FloatArray, p: Proportions) -> FloatArray:
    """Map pelvis-template points (mm, any side: x sign kept) to world metres."""
    pts = np.asarray(points_mm, dtype=np.float64).reshape(-1, 3)
    kx, ky, kz = _knots(p)
    sx = np.sign(pts[:, 0])
    x = sx * _pl(np.abs(pts[:, 0]), np.array(_TX), kx)
    y = _pl(pts[:, 1], np.array(_TY), ky)
    z = _pl(pts[:, 2], np.array(_TZ), kz)
    local = np.stack([x, y, z], axis=1)
    world = local @ _tilt_matrix(p).T
    world[:, 2] += p.hip_height
    return world


def world_to_pelvis(points: FloatArray, p: Proportions) -> FloatArray:
    """Inverse of :func:`pelvis_to_world`: world metres to template mm."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 3).copy()
    pts[:, 2] -= p.hip_height
    local = pts @ _tilt_matrix(p)  # inverse rotation (orthonormal)
    kx, ky, kz = _knots(p)
    sx = np.sign(local[:, 0])
    x = sx * _pl(np.abs(local[:, 0]), kx, np.array(_TX))
    y = _pl(local[:, 1], ky, np.array(_TY))
    z = _pl(local[:, 2], kz, np.array(_TZ))
    return np.stack([x, y, z], axis=1)


def pelvis_mm_per_metre(p: Proportions) -> float:
    """Approximate template millimetres per world metre (for converting distances)."""
    return 84.0 / p.hip_inferior


def hip_center(p: Proportions, side: str) -> FloatArray:
    """World position of the hip joint centre (``side`` ``"r"`` or ``"l"``)."""
    sign = 1.0 if side == "r" else -1.0
    return np.array([sign * p.hip_lateral, 0.0, p.hip_height])


@dataclass(frozen=True)
class FemurGeometry:
    """The femur's key dimensions in its local frame (metres, right femur).

    Local frame: origin at the knee centre (mid-epicondyles), +z up the shaft axis,
    +x lateral, +y anterior.
    """

    junction_height: float  # where the neck axis meets the shaft axis (z)
    neck_length: float  # junction to head centre along the neck axis
    neck_dir: FloatArray  # unit vector from junction toward the head centre
    head_center: FloatArray
    head_radius: float


def femur_geometry(p: Proportions) -> FemurGeometry:
    """Solve the femur so its neck-shaft angle, anteversion, offset and length match ``p``."""
    beta = math.pi - p.neck_shaft_angle  # angle between neck (to head) and shaft (up)
    av = p.anteversion
    # Neck direction: medial (-x) and anterior (+y) by the anteversion angle in the
    # transverse plane, tilted up from the transverse plane by 90 deg - beta.
    medial_ant = np.array([-math.cos(av), math.sin(av), 0.0])
    n = math.cos(beta) * np.array([0.0, 0.0, 1.0]) + math.sin(beta) * medial_ant
    # Offset = neck length x sin(beta) (perpendicular distance, head centre to shaft axis).
    ln = p.femoral_offset / math.sin(beta)
    # Junction height s such that |s z + ln n| = thigh length.
    big_l = p.thigh_length
    s = -ln * math.cos(beta) + math.sqrt(big_l**2 - (ln * math.sin(beta)) ** 2)
    head = np.array([0.0, 0.0, s]) + ln * n
    return FemurGeometry(
        junction_height=s,
        neck_length=ln,
        neck_dir=n,
        head_center=head,
        head_radius=p.head_radius,
    )


def _rotation_between(a: FloatArray, b: FloatArray) -> FloatArray:
    """Smallest rotation taking the direction of ``a`` to the direction of ``b``."""
    a = a / np.linalg.norm(a)
    b = b / np.linalg.norm(b)
    v = np.cross(a, b)
    c = float(np.dot(a, b))
    vx = np.array([[0.0, -v[2], v[1]], [v[2], 0.0, -v[0]], [-v[1], v[0], 0.0]])
    out: FloatArray = np.eye(3) + vx + vx @ vx * (1.0 / (1.0 + c))
    return out


def knee_center(p: Proportions, side: str) -> FloatArray:
    """World knee centre: a thigh length below the hip, along the mechanical axis."""
    sign = 1.0 if side == "r" else -1.0
    t = p.mechanical_axis_tilt
    hip = hip_center(p, side)
    return hip + p.thigh_length * np.array([-sign * math.sin(t), 0.0, -math.cos(t)])


def ankle_center(p: Proportions, side: str) -> FloatArray:
    """World ankle centre: below the knee centre, at the ankle height (Winter)."""
    k = knee_center(p, side)
    return np.array([k[0], 0.0, p.ankle_height])


def femur_frame(p: Proportions, side: str) -> tuple[FloatArray, FloatArray]:
    """Rotation ``R`` and origin ``o`` with ``world = o + R @ local`` for the femur.

    For the left femur the right femur's local coordinates are mirrored (x -> -x)
    before this map; ``R`` already includes that mirror.
    """
    g = femur_geometry(p)
    k_r = knee_center(p, "r")
    r = _rotation_between(g.head_center, hip_center(p, "r") - k_r)
    if side == "r":
        return r, k_r
    mirror = np.diag([-1.0, 1.0, 1.0])
    return mirror @ r @ mirror, knee_center(p, "l")


def femur_to_world(local: FloatArray, p: Proportions, side: str) -> FloatArray:
    """Map right-femur local points (metres) to world, mirrored for the left side."""
    pts = np.asarray(local, dtype=np.float64).reshape(-1, 3).copy()
    if side == "l":
        pts[:, 0] *= -1.0
    r, o = femur_frame(p, side)
    return pts @ r.T + o


def world_to_femur(points: FloatArray, p: Proportions, side: str) -> FloatArray:
    """Inverse of :func:`femur_to_world`."""
    r, o = femur_frame(p, side)
    local = (np.asarray(points, dtype=np.float64).reshape(-1, 3) - o) @ r
    if side == "l":
        local[:, 0] *= -1.0
    return local


def tibia_to_world(local: FloatArray, p: Proportions, side: str) -> FloatArray:
    """Map right-tibia local points (origin knee centre, world axes) to world."""
    pts = np.asarray(local, dtype=np.float64).reshape(-1, 3).copy()
    if side == "l":
        pts[:, 0] *= -1.0
    return pts + knee_center(p, side)


def foot_to_world(local: FloatArray, p: Proportions, side: str) -> FloatArray:
    """Map right-foot local points (origin ankle centre, world axes) to world."""
    pts = np.asarray(local, dtype=np.float64).reshape(-1, 3).copy()
    if side == "l":
        pts[:, 0] *= -1.0
    return pts + ankle_center(p, side)

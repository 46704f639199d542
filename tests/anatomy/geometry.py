"""Small geometry helpers for the anatomy tests (numpy only)."""

from __future__ import annotations

import numpy as np


def fit_sphere(points: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares sphere through ``points``: (centre, radius)."""
    a = np.hstack([2.0 * points, np.ones((len(points), 1))])
    b = (points**2).sum(axis=1)
    sol, *_ = np.linalg.lstsq(a, b, rcond=None)
    centre = sol[:3]
    radius = float(np.sqrt(sol[3] + centre @ centre))
    return centre, radius


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def angle_deg(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.degrees(np.arccos(np.clip(unit(a) @ unit(b), -1.0, 1.0))))


def distance_to_line(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    d = unit(b - a)
    v = p - a
    return float(np.linalg.norm(v - (v @ d) * d))


def femur_axes(lm: dict[str, np.ndarray], side: str) -> dict[str, np.ndarray]:
    """Shaft axis (up), neck axis (toward the head) and condylar axis (lateral)."""
    f = f"femur_{side}."
    shaft = unit(lm[f + "shaft_proximal"] - lm[f + "shaft_distal"])
    neck = unit(lm[f + "head_center"] - lm[f + "neck_axis_point"])
    lateral = lm[f + "lateral_epicondyle"] - lm[f + "medial_epicondyle"]
    return {"shaft": shaft, "neck": neck, "lateral": unit(lateral)}


def neck_shaft_angle(lm: dict[str, np.ndarray], side: str) -> float:
    ax = femur_axes(lm, side)
    return angle_deg(ax["neck"], -ax["shaft"])


def anteversion(lm: dict[str, np.ndarray], side: str) -> float:
    """Angle between the neck axis and the condylar axis seen along the shaft, positive
    when the neck points forward."""
    ax = femur_axes(lm, side)
    s = ax["shaft"]

    def project(v: np.ndarray) -> np.ndarray:
        return unit(v - (v @ s) * s)

    neck = project(ax["neck"])
    medial = project(-ax["lateral"])
    ang = angle_deg(neck, medial)
    # Anterior is +y in the world: anteversion when the neck points forward.
    return ang if neck[1] > medial[1] else -ang


def pelvic_frame(lm: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Origin (mid-ASIS) and rows (right, anterior, superior) of the ASIS/PSIS pelvic frame."""
    asis_r, asis_l = lm["pelvis.asis_r"], lm["pelvis.asis_l"]
    mid_psis = 0.5 * (lm["pelvis.psis_r"] + lm["pelvis.psis_l"])
    origin = 0.5 * (asis_r + asis_l)
    x = unit(asis_r - asis_l)
    y = origin - mid_psis
    y = unit(y - (y @ x) * x)
    z = np.cross(x, y)
    return origin, np.stack([x, y, z])


def harrington(lm: dict[str, np.ndarray], side: str) -> np.ndarray:
    """Hip centre predicted by Harrington et al. 2007 from ASIS and PSIS landmarks."""
    origin, rows = pelvic_frame(lm)
    pw = float(np.linalg.norm(lm["pelvis.asis_r"] - lm["pelvis.asis_l"]))
    mid_psis = 0.5 * (lm["pelvis.psis_r"] + lm["pelvis.psis_l"])
    pd = float((origin - mid_psis) @ rows[1])
    sign = 1.0 if side == "r" else -1.0
    local = np.array([sign * (0.33 * pw + 0.0073), -(0.24 * pd + 0.0099), -(0.30 * pw + 0.0109)])
    return np.asarray(origin + local @ rows)

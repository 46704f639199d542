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

"""Distance fields of the thigh muscles (quadriceps, adductors, hamstrings, sartorius,
gracilis), built like the gluteal muscles (:mod:`~.muscles`): a bundle of curved fibres
from the origin points to the insertion points (:mod:`~.thigh`), through the via points,
thick in the belly and thin at the tendons, with the bones and every muscle layered
beneath it carved out (0.7 mm gap), so the layers never interpenetrate.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, limbs, muscles, pelvis
from anatomy_viewer.anatomy.proportions import Proportions
from anatomy_viewer.anatomy.thigh import THIGH, THIGH_NAMES, attachment_points, via_points

FloatArray = NDArray[np.float64]
DistanceFunction = Callable[[FloatArray], FloatArray]

#: Points sampled along each fibre.
FIBRE_SAMPLES = 12


def _smooth_path(points: FloatArray, samples: int) -> FloatArray:
    """A smooth curve through ``points`` (corner cutting), resampled evenly by length."""
    pts = points
    for _ in range(3):
        if len(pts) < 3:
            break
        q = 0.75 * pts[:-1] + 0.25 * pts[1:]
        r = 0.25 * pts[:-1] + 0.75 * pts[1:]
        mid = np.stack([q, r], axis=1).reshape(-1, 3)
        pts = np.concatenate([pts[:1], mid[1:-1], pts[-1:]])
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    arc = np.concatenate([[0.0], np.cumsum(seg)])
    u = np.linspace(0.0, arc[-1], samples)
    out: FloatArray = np.stack([np.interp(u, arc, pts[:, k]) for k in range(3)], axis=1)
    return out


def _radii(name: str, p: Proportions, samples: int) -> FloatArray:
    m = THIGH[name]
    r0, rb, r1 = (r * p.scale for r in m.radii)
    t = np.linspace(0.0, 1.0, samples)
    b = m.belly_at
    rise = r0 + (rb - r0) * np.sin(0.5 * np.pi * np.clip(t / b, 0.0, 1.0))
    fall = r1 + (rb - r1) * np.sin(0.5 * np.pi * np.clip((1.0 - t) / (1.0 - b), 0.0, 1.0))
    out: FloatArray = np.where(t <= b, rise, fall)
    return out


def _raw_fibres(p: Proportions, name: str, samples: int) -> list[tuple[FloatArray, FloatArray]]:
    m = THIGH[name]
    origin, insertion = attachment_points(p, name, "r")
    vias = via_points(p, name, "r")
    o_mid, e_mid = origin.mean(axis=0), insertion.mean(axis=0)
    bulge = np.array(m.bulge) * p.scale
    radii = _radii(name, p, samples)
    t = np.linspace(0.0, 1.0, samples)
    # A sheet of fibres: the k-th runs from the point a fraction k/(K-1) along the origin
    # line to the point the same fraction along the insertion line.
    count = m.fibres_per_origin * max(len(origin), len(insertion))
    out = []
    for f in np.linspace(0.0, 1.0, count):
        o, e = _along(origin, f), _along(insertion, f)
        # Via points shift with the fibre: a share of its offset at each end.
        shifted = [
            v + (1.0 - g) * 0.5 * (o - o_mid) + g * 0.5 * (e - e_mid)
            for g, v in zip(np.linspace(0.2, 0.8, len(vias)), vias, strict=True)
        ]
        path = _smooth_path(np.array([o, *shifted, e]), samples)
        path = path + np.sin(np.pi * t)[:, None] * bulge
        if m.spread > 0.0:
            path = path + _fan(path, p, (f - 0.5) * m.spread * p.scale)
        out.append((path, radii))
    return out


def _fan(path: FloatArray, p: Proportions, offset: float) -> FloatArray:
    """Sideways displacement of a strap's fibre: across the strap (along the thigh's
    surface), largest at mid-length."""
    hip, knee = frames.hip_center(p, "r"), frames.knee_center(p, "r")
    axis = (hip - knee) / np.linalg.norm(hip - knee)
    rel = path - knee
    radial = rel - (rel @ axis)[:, None] * axis
    tangent = np.gradient(path, axis=0)
    side = np.cross(tangent, radial)
    side /= np.maximum(np.linalg.norm(side, axis=1, keepdims=True), 1e-12)
    t = np.linspace(0.0, 1.0, len(path))
    out: FloatArray = offset * np.sin(np.pi * t)[:, None] * side
    return out


def _along(points: FloatArray, fraction: float) -> FloatArray:
    """The point ``fraction`` of the way along a polyline of points (by index)."""
    if len(points) == 1:
        return np.asarray(points[0], dtype=np.float64)
    x = fraction * (len(points) - 1)
    i = min(int(np.floor(x)), len(points) - 2)
    u = x - i
    out: FloatArray = (1.0 - u) * points[i] + u * points[i + 1]
    return out


def _lift(
    p: Proportions, name: str, raw: list[tuple[FloatArray, FloatArray]]
) -> list[tuple[FloatArray, FloatArray]]:
    """Move each fibre's middle outward from the thigh's axis until it clears the bones
    and the muscles beneath it, so a muscle lies on its bed instead of being cut through
    by it (the ends stay on their attachments)."""
    hip, knee = frames.hip_center(p, "r"), frames.knee_center(p, "r")
    axis = (hip - knee) / np.linalg.norm(hip - knee)
    beneath = [leg_bones_field(p), *deeper_fields(p, name)]
    gap = 0.0012 * p.scale
    steps = np.arange(0.0, 0.045 * p.scale, 0.0015 * p.scale)
    out = []
    for path, radii in raw:
        n = len(path)
        t = np.linspace(0.0, 1.0, n)
        rel = path - knee
        radial = rel - (rel @ axis)[:, None] * axis
        radial /= np.maximum(np.linalg.norm(radial, axis=1, keepdims=True), 1e-9)
        pts = path[:, None, :] + steps[None, :, None] * radial[:, None, :]
        flat = pts.reshape(-1, 3)
        clear = np.min(np.stack([f(flat) for f in beneath]), axis=0).reshape(n, len(steps))
        ok = clear >= (radii[:, None] + gap)
        first = np.where(ok.any(axis=1), ok.argmax(axis=1), len(steps) - 1)
        lift = steps[first] * np.clip(np.minimum(t, 1.0 - t) / 0.15, 0.0, 1.0)
        for _ in range(3):
            lift[1:-1] = np.maximum(lift[1:-1], 0.5 * (lift[:-2] + lift[2:]))
        out.append((path + lift[:, None] * radial, radii))
    return out


@lru_cache(maxsize=128)
def _right_fibres(p: Proportions, name: str, samples: int) -> list[tuple[FloatArray, FloatArray]]:
    return _lift(p, name, _raw_fibres(p, name, samples))


def fibres(
    p: Proportions, name: str, side: str = "r", samples: int = FIBRE_SAMPLES
) -> list[tuple[FloatArray, FloatArray]]:
    """Fibre polylines (points, radii) of ``name`` on ``side`` in the world frame."""
    right = _right_fibres(p, name, samples)
    if side == "r":
        return [(pts.copy(), r.copy()) for pts, r in right]
    mirror = np.array([-1.0, 1.0, 1.0])
    return [(pts * mirror, r.copy()) for pts, r in right]


def bundle_field(p: Proportions, name: str) -> DistanceFunction:
    """The right-side fibre bundle of ``name`` without anything carved out."""
    k = THIGH[name].radii[1] * p.scale * THIGH[name].blend
    return muscles.fibre_bundle(p, fibres(p, name), k)


def bundle_box(p: Proportions, name: str, margin: float = 0.0) -> tuple[FloatArray, FloatArray]:
    """Bounding box of the right-side bundle of ``name`` (world, m)."""
    fs = fibres(p, name)
    allp = np.concatenate([f[0] for f in fs])
    rmax = max(float(f[1].max()) for f in fs)
    return allp.min(axis=0) - rmax - margin, allp.max(axis=0) + rmax + margin


def leg_bones_field(p: Proportions) -> DistanceFunction:
    """Pelvis, sacrum and the right femur, tibia, fibula and patella."""
    hip = pelvis.hip_bone_field(p)
    sac = pelvis.sacrum_field(p)
    bones = [
        limbs.femur_field(p, "r"),
        limbs.tibia_field(p, "r"),
        limbs.fibula_field(p, "r"),
        limbs.patella_field(p, "r"),
    ]

    def fn(x: FloatArray) -> FloatArray:
        d = np.minimum(hip(x), sac(x))
        for b in bones:
            d = np.minimum(d, b(x))
        return d

    return fn


def _boxes_overlap(a: tuple[FloatArray, FloatArray], b: tuple[FloatArray, FloatArray]) -> bool:
    return bool(np.all(a[0] <= b[1]) and np.all(b[0] <= a[1]))


def deeper_fields(p: Proportions, name: str) -> list[DistanceFunction]:
    """Bundles that ``name`` lies on, where their boxes overlap: gluteus medius and
    minimus (and, for sartorius, tensor fasciae latae beside it) and the thigh muscles
    before it in :data:`~.thigh.THIGH`. Gluteus maximus and tensor fasciae latae lie over
    the thigh muscles and are carved by them instead (:data:`~.muscles.OVER_THIGH`)."""
    raw = np.concatenate([f[0] for f in _raw_fibres(p, name, FIBRE_SAMPLES)])
    own = (raw.min(axis=0) - 0.06 * p.scale, raw.max(axis=0) + 0.06 * p.scale)
    out: list[DistanceFunction] = []
    for g in muscles.SHAPES:
        if name in muscles.OVER_THIGH.get(g, ()) or (
            g in muscles.OVER_THIGH and name != "sartorius"
        ):
            continue  # that gluteal muscle lies over this one and is carved by it
        pts = np.concatenate([f[0] for f in muscles.fibres(p, g)])
        box = (pts.min(axis=0) - 0.03 * p.scale, pts.max(axis=0) + 0.03 * p.scale)
        if _boxes_overlap(own, box):
            out.append(muscles.bundle_field(p, g))
    for other in THIGH_NAMES[: THIGH_NAMES.index(name)]:
        if _boxes_overlap(own, bundle_box(p, other)):
            out.append(bundle_field(p, other))
    return out


def muscle_field(p: Proportions, name: str) -> DistanceFunction:
    """Right-side thigh muscle ``name`` with the bones and the muscles beneath it carved
    out (0.7 mm gap)."""
    gap = 0.0007 * p.scale
    own = bundle_field(p, name)
    bones = leg_bones_field(p)
    deeper = deeper_fields(p, name)

    from anatomy_viewer.anatomy.muscles import carved

    return carved(p, own, bones, deeper, gap)

"""Distance fields of the gluteal muscles, tensor fasciae latae, iliotibial band and skin.

A muscle is modelled as a bundle of curved fibres, each a chain of round cones from an
origin point on the pelvis to an insertion point on the femur
(:mod:`~.attachments`), thick in the belly and thin at the tendon, smoothly united, with
the bones and the deeper muscles carved out so that it lies on them and never inside
them. Layering follows Gray's Anatomy (42nd ed.): minimus under medius, medius partly under
maximus; TFL in front; the iliotibial band over the lateral thigh to Gerdy's tubercle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, limbs, pelvis, sdf, templates
from anatomy_viewer.anatomy.attachments import ATTACHMENTS, insertion_local
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]
DistanceFunction = Callable[[FloatArray], FloatArray]


@dataclass(frozen=True)
class MuscleShape:
    """How thick a muscle is and which way its belly bulges (right side, metres)."""

    origin_radius: float
    belly_radius: float
    insertion_radius: float
    bulge: tuple[float, float, float]  # belly displacement at mid-length (m)
    fibres_per_origin: int = 2
    densify: int = 1  # origins added between neighbouring origin points, plus one
    blend: float = 0.8  # smooth-union width as a fraction of the belly radius


# Thicknesses: gluteus medius about 2 to 3 cm thick over the wing, volume about
# 289 cm3 (PubMed 21414832); maximus the thickest (3 to 4 cm); minimus about 1 cm;
# TFL a strap about 15 cm long (Gray's Anatomy, 42nd ed.).
SHAPES: dict[str, MuscleShape] = {
    "gluteus_minimus": MuscleShape(0.006, 0.009, 0.005, (0.006, 0.0, 0.0)),
    "gluteus_medius": MuscleShape(0.007, 0.0098, 0.0055, (0.012, -0.004, 0.0), 2, 2, 1.2),
    "gluteus_maximus": MuscleShape(0.008, 0.0125, 0.007, (0.012, -0.022, 0.0), 2, 3, 1.3),
    "tensor_fasciae_latae": MuscleShape(0.006, 0.0085, 0.004, (0.010, 0.012, 0.0), 2),
}


def attachment_points(p: Proportions, muscle: str) -> tuple[FloatArray, FloatArray]:
    """World origin and insertion points of the right-side ``muscle``."""
    att = ATTACHMENTS[muscle]
    g = frames.femur_geometry(p)
    origin = frames.pelvis_to_world(att.origin_mm, p)
    insertion = frames.femur_to_world(
        insertion_local(att, float(g.head_center[2]), p.scale), p, "r"
    )
    return origin, insertion


def fibres(p: Proportions, muscle: str, samples: int = 6) -> list[tuple[FloatArray, FloatArray]]:
    """Fibre polylines (points, radii) of the right-side ``muscle`` in the world frame."""
    shape = SHAPES[muscle]
    origin, insertion = attachment_points(p, muscle)
    if shape.densify > 1:
        # Extra origins between neighbouring ones, so the fibres form a continuous sheet.
        extra = [
            origin[i] + (origin[i + 1] - origin[i]) * f
            for i in range(len(origin) - 1)
            for f in np.linspace(0.0, 1.0, shape.densify + 1)[1:-1]
            if np.linalg.norm(origin[i + 1] - origin[i]) < 0.05 * p.scale
        ]
        if extra:
            origin = np.concatenate([origin, np.array(extra)])
    order = np.argsort(insertion[:, 1], kind="stable")
    ins_sorted = insertion[order]
    y = origin[:, 1]
    span = max(float(y.max() - y.min()), 1e-9)
    bulge = np.array(shape.bulge) * p.scale
    t = np.linspace(0.0, 1.0, samples)
    radii = (
        np.where(
            t < 0.5,
            shape.origin_radius + (shape.belly_radius - shape.origin_radius) * np.sin(np.pi * t),
            shape.insertion_radius
            + (shape.belly_radius - shape.insertion_radius) * np.sin(np.pi * t),
        )
        * p.scale
    )
    out = []
    n = len(ins_sorted)
    for o in origin:
        base = (float(o[1]) - float(y.min())) / span * (n - 1)
        picks = {
            int(np.clip(round(base + dk), 0, n - 1))
            for dk in np.linspace(-0.5, 0.5, shape.fibres_per_origin)
        }
        for j in sorted(picks):
            e = ins_sorted[j]
            ctrl = 0.5 * (o + e) + 2.0 * bulge  # quadratic Bezier: mid-point displaced by bulge
            pts = (
                ((1 - t) ** 2)[:, None] * o
                + (2 * (1 - t) * t)[:, None] * ctrl
                + (t**2)[:, None] * e
            )
            out.append((pts, radii))
    return out


def bundle_field(p: Proportions, muscle: str) -> DistanceFunction:
    """The fibre bundle of the right-side ``muscle`` without anything carved out."""
    k = SHAPES[muscle].belly_radius * p.scale * SHAPES[muscle].blend
    return fibre_bundle(p, fibres(p, muscle), k)


def fibre_bundle(
    p: Proportions, fs: list[tuple[FloatArray, FloatArray]], k: float
) -> DistanceFunction:
    """The smooth union (blend ``k``, m) of fibres ``(points, radii)``, bounded by their box."""
    allp = np.concatenate([f[0] for f in fs])
    rmax = max(float(f[1].max()) for f in fs)
    lo, hi = allp.min(axis=0) - rmax, allp.max(axis=0) + rmax

    def exact(x: FloatArray) -> FloatArray:
        return sdf.union([sdf.polyline(x, pts, r) for pts, r in fs], k=k)

    def fn(x: FloatArray) -> FloatArray:
        return sdf.bounded(x, lo, hi, 0.02 * p.scale + k, exact)

    return fn


def bones_field(p: Proportions) -> DistanceFunction:
    """Pelvis, sacrum, right femur and the space medial of the iliac wing."""
    hip = pelvis.hip_bone_field(p)
    fossa = pelvis.iliac_fossa_field(p)
    sac = pelvis.sacrum_field(p)
    fem = limbs.femur_field(p, "r")

    def fn(x: FloatArray) -> FloatArray:
        return np.minimum(np.minimum(np.minimum(hip(x), fem(x)), fossa(x)), sac(x))

    return fn


#: Thigh muscles that lie beneath gluteus maximus (the hamstrings' and adductor magnus's
#: origins, the top of vastus lateralis) and tensor fasciae latae (vastus lateralis,
#: rectus femoris).
OVER_THIGH: dict[str, tuple[str, ...]] = {
    "gluteus_maximus": (
        "vastus_intermedius",
        "adductor_magnus",
        "vastus_lateralis",
        "semimembranosus",
        "biceps_femoris",
        "semitendinosus",
    ),
    "tensor_fasciae_latae": ("vastus_intermedius", "vastus_lateralis", "rectus_femoris"),
}

_DEEPER = {
    "gluteus_minimus": (),
    "gluteus_medius": ("gluteus_minimus",),
    "tensor_fasciae_latae": ("gluteus_minimus", "gluteus_medius"),
    "gluteus_maximus": ("gluteus_minimus", "gluteus_medius"),
}


def muscle_field(p: Proportions, muscle: str) -> DistanceFunction:
    """Right-side ``muscle`` with the bones and deeper muscles carved out (0.7 mm gap)."""
    gap = 0.0007 * p.scale
    own = bundle_field(p, muscle)
    bones = bones_field(p)
    deeper = [bundle_field(p, m) for m in _DEEPER[muscle]]
    if muscle in OVER_THIGH:
        # Gluteus maximus and tensor fasciae latae lie over the top of the thigh muscles.
        from anatomy_viewer.anatomy import thigh_muscles

        deeper += [thigh_muscles.bundle_field(p, m) for m in OVER_THIGH[muscle]]

    return carved(p, own, bones, deeper, gap)


def carved(
    p: Proportions,
    own: DistanceFunction,
    bones: DistanceFunction,
    deeper: list[DistanceFunction],
    gap: float,
) -> DistanceFunction:
    """``own`` with ``bones`` and the ``deeper`` muscles carved out, ``gap`` metres apart
    (evaluated only within 4 mm of ``own``'s surface, where the carving can matter)."""

    def fn(x: FloatArray) -> FloatArray:
        d = own(x)
        near = d < 0.004 * p.scale
        if np.any(near):
            xn = x[near]
            block = bones(xn)
            for f in deeper:
                block = np.minimum(block, f(xn))
            d = d.copy()
            d[near] = np.maximum(d[near], -(block - gap))
        return d

    return fn


def itb_centreline(p: Proportions) -> tuple[FloatArray, FloatArray]:
    """Centre points and widths of the right iliotibial band, from the iliac tubercle to
    Gerdy's tubercle (world, metres)."""
    s = p.scale
    g = frames.femur_geometry(p)
    zh = float(g.head_center[2])
    top = frames.pelvis_to_world(
        np.array(templates.PELVIS_MM["iliac_tubercle"]) + np.array([10.0, -6.0, -12.0]), p
    )[0]
    femur_pts = frames.femur_to_world(
        np.array(
            [
                [0.060 * s, -0.004 * s, zh - 0.020 * s],
                [0.054 * s, -0.002 * s, zh - 0.090 * s],
                [0.046 * s, 0.000, zh - 0.200 * s],
                [0.044 * s, 0.000, 0.090 * s],
                [0.042 * s, 0.002 * s, 0.025 * s],
            ]
        ),
        p,
        "r",
    )
    length = limbs.shank_length(p)
    gerdy = frames.tibia_to_world(
        templates.tibia_points(p, length)["gerdy_tubercle"] + np.array([0.003, 0.002, 0.0]) * s,
        p,
        "r",
    )
    pts = np.concatenate([[top], femur_pts, gerdy])
    # Narrow over gluteus medius (so the star stays visible), broad over the thigh.
    widths = np.array([0.014, 0.034, 0.036, 0.032, 0.026, 0.020, 0.014]) * s
    return pts, widths


def itb_ribbon_field(p: Proportions, half_thickness: float = 0.0022) -> DistanceFunction:
    """The right iliotibial band's ribbon (``2 * half_thickness`` thick, m at 1.75 m)
    before anything is carved."""
    pts, widths = itb_centreline(p)
    half = half_thickness * p.scale
    lateral = np.array([1.0, 0.0, 0.0])
    edges = []
    for i in range(len(pts)):
        tangent = pts[min(i + 1, len(pts) - 1)] - pts[max(i - 1, 0)]
        w = np.cross(tangent, lateral)
        w /= np.linalg.norm(w)
        edges.append((pts[i] - 0.5 * widths[i] * w, pts[i] + 0.5 * widths[i] * w))
    corners = np.array([c for e in edges for c in e])
    lo, hi = corners.min(axis=0) - half, corners.max(axis=0) + half

    def exact(x: FloatArray) -> FloatArray:
        d = np.full(len(x), 1e9)
        for i in range(len(edges) - 1):
            a0, a1 = edges[i]
            b0, b1 = edges[i + 1]
            d = np.minimum(d, sdf.triangle(x, a0, a1, b1, half))
            d = np.minimum(d, sdf.triangle(x, a0, b1, b0, half))
        return d

    def fn(x: FloatArray) -> FloatArray:
        return sdf.bounded(x, lo, hi, 0.01 * p.scale, exact)

    return fn

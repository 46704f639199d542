"""Generate every mesh, ``manifest.json`` and ``landmarks.json`` for a subject.

``anatomy-viewer build-meshes`` calls :func:`build_meshes`. Each structure is an implicit
surface (:mod:`~.pelvis`, :mod:`~.limbs`, :mod:`~.muscles`, :mod:`~.skin`) contoured by
:mod:`~.mesher`; right-side structures are built once and mirrored for the left. The
output is deterministic: the same height and sex give the same bytes.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import vtk
from numpy.typing import NDArray
from vtk.util import numpy_support as nps

from anatomy_viewer.anatomy import frames, limbs, mesher, muscles, pelvis, skin, weights
from anatomy_viewer.anatomy.catalogue import SKIN_WEIGHTS_ARRAY, STRUCTURES, Structure, structure
from anatomy_viewer.anatomy.landmarks import compute_landmarks
from anatomy_viewer.anatomy.manifest import (
    LANDMARKS_NAME,
    MANIFEST_NAME,
    landmarks_data,
    manifest_data,
)
from anatomy_viewer.anatomy.proportions import Proportions, proportions

FloatArray = NDArray[np.float64]

#: A muscle vertex this close to a bone (and far from the other) is bound to it.
MUSCLE_CONTACT_M = 0.005

#: Fast level of detail keeps this fraction of the full triangles.
FAST_FRACTION = 0.25


@dataclass(frozen=True)
class Recipe:
    """How to build one right-side (or central) structure."""

    field: Callable[[Proportions], mesher.DistanceFunction]
    box: Callable[[Proportions], tuple[FloatArray, FloatArray]]
    spacing: float  # metres at 1.75 m, scaled with height
    triangles: int
    smooth_iterations: int = 20
    pass_band: float = 0.08


def _corners(lo: list[float], hi: list[float]) -> FloatArray:
    return np.array(list(itertools.product(*zip(lo, hi, strict=True))), dtype=np.float64)


def _aabb(points: FloatArray, margin: float = 0.0) -> tuple[FloatArray, FloatArray]:
    return points.min(axis=0) - margin, points.max(axis=0) + margin


def _pelvis_box(
    lo: list[float], hi: list[float]
) -> Callable[[Proportions], tuple[FloatArray, FloatArray]]:
    return lambda p: _aabb(frames.pelvis_to_world(_corners(lo, hi), p))


def _femur_box(p: Proportions) -> tuple[FloatArray, FloatArray]:
    zh = float(frames.femur_geometry(p).head_center[2])
    s = p.scale
    c = _corners([-0.075 * s, -0.06 * s, -0.05 * s], [0.07 * s, 0.06 * s, zh + 0.045 * s])
    return _aabb(frames.femur_to_world(c, p, "r"))


def _shank_box(
    lo: list[float], hi: list[float]
) -> Callable[[Proportions], tuple[FloatArray, FloatArray]]:
    def box(p: Proportions) -> tuple[FloatArray, FloatArray]:
        length = limbs.shank_length(p) / p.scale
        lo_ = [v if v > -1.0 else -length + (v + 2.0) for v in lo]
        c = _corners(lo_, hi) * p.scale
        return _aabb(frames.tibia_to_world(c, p, "r"))

    return box


def _foot_box(p: Proportions) -> tuple[FloatArray, FloatArray]:
    c = _corners([-0.04, -0.085, -0.075], [0.05, 0.225, 0.02]) * p.scale
    return _aabb(frames.foot_to_world(c, p, "r"))


def _muscle_box(name: str) -> Callable[[Proportions], tuple[FloatArray, FloatArray]]:
    def box(p: Proportions) -> tuple[FloatArray, FloatArray]:
        pts = np.concatenate([f[0] for f in muscles.fibres(p, name)])
        return _aabb(pts, 0.03 * p.scale)

    return box


def _itb_box(p: Proportions) -> tuple[FloatArray, FloatArray]:
    return _aabb(muscles.itb_centreline(p)[0], 0.04 * p.scale)


def _skin_box(p: Proportions) -> tuple[FloatArray, FloatArray]:
    s = p.scale
    return np.array([-0.30 * s, -0.22 * s, -0.01]), np.array(
        [0.30 * s, 0.26 * s, p.hip_height + 0.34 * s]
    )


# Shank boxes: a z below -1 means "that many metres below the ankle + 2" (-2.03 -> ankle - 0.03).
RECIPES: dict[str, Recipe] = {
    "pelvis": Recipe(
        pelvis.hip_bone_field,
        _pelvis_box([-155, -145, -100], [155, 80, 160]),
        0.002,
        32000,
        30,
        0.02,
    ),
    "sacrum": Recipe(
        pelvis.sacrum_field, _pelvis_box([-62, -140, -52], [62, -40, 118]), 0.0018, 8000
    ),
    "lumbar_spine": Recipe(
        pelvis.lumbar_field, _pelvis_box([-58, -130, 98], [58, -30, 295]), 0.002, 8000
    ),
    "femur": Recipe(lambda p: limbs.femur_field(p, "r"), _femur_box, 0.0015, 16000),
    "tibia": Recipe(
        lambda p: limbs.tibia_field(p, "r"),
        _shank_box([-0.05, -0.04, -2.02], [0.05, 0.05, -0.02]),
        0.0018,
        10000,
    ),
    "fibula": Recipe(
        lambda p: limbs.fibula_field(p, "r"),
        _shank_box([0.01, -0.04, -2.035], [0.055, 0.0, -0.05]),
        0.0015,
        4000,
    ),
    "patella": Recipe(
        lambda p: limbs.patella_field(p, "r"),
        _shank_box([-0.03, 0.015, -0.025], [0.03, 0.065, 0.045]),
        0.0012,
        2000,
    ),
    "foot": Recipe(lambda p: limbs.foot_field(p, "r"), _foot_box, 0.0015, 7000),
    "gluteus_minimus": Recipe(
        lambda p: muscles.muscle_field(p, "gluteus_minimus"),
        _muscle_box("gluteus_minimus"),
        0.0022,
        5000,
    ),
    "gluteus_medius": Recipe(
        lambda p: muscles.muscle_field(p, "gluteus_medius"),
        _muscle_box("gluteus_medius"),
        0.0022,
        8000,
    ),
    "gluteus_maximus": Recipe(
        lambda p: muscles.muscle_field(p, "gluteus_maximus"),
        _muscle_box("gluteus_maximus"),
        0.0025,
        8000,
    ),
    "tensor_fasciae_latae": Recipe(
        lambda p: muscles.muscle_field(p, "tensor_fasciae_latae"),
        _muscle_box("tensor_fasciae_latae"),
        0.002,
        3000,
    ),
    "iliotibial_band": Recipe(muscles.itb_field, _itb_box, 0.0012, 4000, smooth_iterations=10),
    "skin": Recipe(skin.skin_field, _skin_box, 0.006, 16000),
}


def _base_id(structure_id: str) -> str:
    for suffix in ("_r", "_l"):
        if structure_id.endswith(suffix):
            return structure_id[: -len(suffix)]
    return structure_id


def build_surface(base_id: str, p: Proportions) -> vtk.vtkPolyData:
    """Full-detail surface of the right-side (or central) structure ``base_id``."""
    r = RECIPES[base_id]
    lo, hi = r.box(p)
    surf = mesher.contour(
        r.field(p),
        lo,
        hi,
        r.spacing * p.scale,
        smooth_iterations=r.smooth_iterations,
        pass_band=r.pass_band,
        target_triangles=r.triangles,
    )
    if not mesher.is_closed_manifold(surf):
        raise RuntimeError(f"{base_id}: generated surface is not closed and manifold")
    return surf


def surface_distance(surf: vtk.vtkPolyData, points: FloatArray) -> FloatArray:
    """Unsigned distance (m) from each point to the surface ``surf``."""
    f = vtk.vtkImplicitPolyDataDistance()
    f.SetInput(surf)
    return np.array([abs(f.EvaluateFunction(*pt)) for pt in points.tolist()], dtype=np.float64)


def _weights(
    s: Structure,
    points: FloatArray,
    triangles: NDArray[np.int64],
    p: Proportions,
    built: dict[str, vtk.vtkPolyData],
) -> FloatArray | None:
    if not s.skinning_segments:
        return None
    side = "r" if s.side == "right" else "l"
    base = _base_id(s.id)
    if s.group == "muscle":
        # Right-side fields serve both sides: the left muscle mirrors the right.
        q = points.copy()
        q[:, 0] = np.abs(q[:, 0])
        # Distances to the generated right-side bone surfaces themselves.
        d_pelvis = np.minimum(
            surface_distance(built["pelvis"], q), surface_distance(built["sacrum"], q)
        )
        d_femur = surface_distance(built["femur"], q)
        lm = compute_landmarks(p.height, p.sex)
        right_id = s.id[:-2] + "_r"
        origin = np.array(lm[f"{right_id}.origin_centroid"])
        insertion = np.array(lm[f"{right_id}.insertion_centroid"])
        return weights.muscle_weights(
            q, triangles, d_pelvis, d_femur, origin, insertion, MUSCLE_CONTACT_M * p.scale
        )
    if base == "iliotibial_band":
        return weights.itb_weights(points, p, side)
    return weights.skin_weights(points, p, s.skinning_segments)


def _finalise(
    s: Structure, surf: vtk.vtkPolyData, p: Proportions, built: dict[str, vtk.vtkPolyData]
) -> vtk.vtkPolyData:
    out = mesher.with_normals(surf)
    w = _weights(s, mesher.points_of(out), mesher.triangles_of(out), p, built)
    if w is not None:
        arr = nps.numpy_to_vtk(np.ascontiguousarray(w, dtype=np.float32), deep=True)
        arr.SetName(SKIN_WEIGHTS_ARRAY)
        out.GetPointData().AddArray(arr)
    return out


def build_meshes(out_dir: Path, height_m: float = 1.75, sex: str = "male") -> list[Path]:
    """Build every structure's meshes, ``manifest.json`` and ``landmarks.json``.

    Parameters
    ----------
    out_dir
        Folder to write into (created if needed); existing files of the same names are
        replaced.
    height_m
        Subject height in metres.
    sex
        ``"male"`` or ``"female"``.

    Returns
    -------
    list of Path
        The files written, sorted.
    """
    p = proportions(height_m, sex)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    built: dict[str, vtk.vtkPolyData] = {}
    for s in STRUCTURES:
        base = _base_id(s.id)
        if base not in built:
            built[base] = build_surface(base, p)
        surf = built[base] if s.side != "left" else mesher.mirror_x(built[base])
        fast = mesher.finish(
            mesher.decimate(surf, max(400, int(surf.GetNumberOfCells() * FAST_FRACTION)))
        )
        for poly, name in ((surf, s.file), (fast, s.file_fast)):
            path = out / name
            mesher.write_vtp(_finalise(s, poly, p, built), path)
            written.append(path)
    manifest = out / MANIFEST_NAME
    manifest.write_text(
        json.dumps(manifest_data(p.height, p.sex), indent=2) + "\n", encoding="utf-8"
    )
    landmarks = out / LANDMARKS_NAME
    lm = compute_landmarks(p.height, p.sex)
    landmarks.write_text(
        json.dumps(landmarks_data(p.height, p.sex, lm), indent=2) + "\n", encoding="utf-8"
    )
    written += [manifest, landmarks]
    return sorted(written)


__all__ = ["RECIPES", "build_meshes", "build_surface", "structure"]

"""Muscle layers: minimus under medius, medius partly under maximus, none inside bone
(the thigh muscles' layers are checked in test_thigh.py)."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.anatomy.thigh import THIGH_NAMES


def _occluded(points: np.ndarray, direction: np.ndarray, cover: pv.PolyData) -> np.ndarray:
    """For each point, whether a ray toward ``direction`` hits ``cover`` within 10 cm."""
    import vtk

    tree = vtk.vtkOBBTree()
    tree.SetDataSet(cover)
    tree.BuildLocator()
    hits = np.zeros(len(points), dtype=bool)
    out = vtk.vtkPoints()
    for i, p in enumerate(points):
        start = p + 0.0015 * direction
        tree.IntersectWithLine(start, p + 0.10 * direction, out, None)
        hits[i] = out.GetNumberOfPoints() > 0
    return hits


def _outer(m: pv.PolyData, direction: np.ndarray) -> np.ndarray:
    """Vertices whose normal faces ``direction`` (the muscle's superficial side)."""
    n = np.asarray(m.point_data["Normals"])
    return np.asarray(m.points)[(n @ direction) > 0.5]


def test_minimus_lies_under_medius(mesh) -> None:  # type: ignore[no-untyped-def]
    lateral = np.array([1.0, 0.0, 0.0])
    pts = _outer(mesh("gluteus_minimus_r.fast.vtp"), lateral)
    covered = _occluded(pts, lateral, mesh("gluteus_medius_r.vtp"))
    assert covered.mean() > 0.5


def test_medius_partly_under_maximus(mesh) -> None:  # type: ignore[no-untyped-def]
    back = np.array([0.0, -1.0, 0.0])
    pts = _outer(mesh("gluteus_medius_r.fast.vtp"), back)
    covered = _occluded(pts, back, mesh("gluteus_maximus_r.vtp"))
    # Seen from behind, the lower-posterior part is covered, the upper part is not.
    assert 0.2 < covered.mean() < 0.8


@pytest.mark.parametrize(
    "muscle",
    [
        "gluteus_medius",
        "gluteus_minimus",
        "gluteus_maximus",
        "tensor_fasciae_latae",
        "iliotibial_band",
        *THIGH_NAMES,
    ],
)
def test_not_inside_bone(mesh, muscle: str) -> None:  # type: ignore[no-untyped-def]
    probe = pv.PolyData(np.asarray(mesh(f"{muscle}_r.vtp").points))
    bones = ("pelvis", "femur_r", "sacrum", "tibia_r", "fibula_r", "patella_r")
    for bone in (f"{b}.vtp" for b in bones):
        d = np.asarray(probe.compute_implicit_distance(mesh(bone))["implicit_distance"])
        assert (d < -0.001).mean() < 0.005, bone

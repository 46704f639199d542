"""Muscles follow the bones when the hip moves (linear blend skinning of the stored weights).

Poses of +/-30 deg of hip abduction/adduction and rotation about the hip centre: origin
vertices stay with the pelvis, insertion vertices move with the femur, no triangle
stretches absurdly, and the muscles do not sink into the femur.
"""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.anatomy.catalogue import SKIN_WEIGHTS_ARRAY
from anatomy_viewer.anatomy.skinning import apply_pose

MUSCLES = ("gluteus_medius", "gluteus_minimus", "gluteus_maximus", "tensor_fasciae_latae")
POSES = {
    "abduction+30": ((0.0, 1.0, 0.0), -30.0),
    "adduction+30": ((0.0, 1.0, 0.0), 30.0),
    "internal+30": ((0.0, 0.0, 1.0), 30.0),
    "external+30": ((0.0, 0.0, 1.0), -30.0),
}


def rotation_about(axis: tuple[float, float, float], deg: float, centre: np.ndarray) -> np.ndarray:
    a = np.asarray(axis, dtype=float)
    a = a / np.linalg.norm(a)
    t = np.radians(deg)
    k = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    r = np.eye(3) + np.sin(t) * k + (1 - np.cos(t)) * k @ k
    m = np.eye(4)
    m[:3, :3] = r
    m[:3, 3] = centre - r @ centre
    return m


def edges(faces: np.ndarray) -> np.ndarray:
    tri = faces.reshape(-1, 4)[:, 1:]
    e = np.concatenate([tri[:, [0, 1]], tri[:, [1, 2]], tri[:, [2, 0]]])
    return np.unique(np.sort(e, axis=1), axis=0)


def signed_distance(points: np.ndarray, surface: pv.PolyData) -> np.ndarray:
    probe = pv.PolyData(points)
    return np.asarray(probe.compute_implicit_distance(surface)["implicit_distance"])


@pytest.mark.parametrize("muscle", MUSCLES)
@pytest.mark.parametrize("side", ["r", "l"])
def test_pose_follows_bones(mesh, landmarks, muscle: str, side: str) -> None:  # type: ignore[no-untyped-def]
    m = mesh(f"{muscle}_{side}.vtp")
    pts = np.asarray(m.points, dtype=float)
    w = np.asarray(m.point_data[SKIN_WEIGHTS_ARRAY], dtype=float)
    hjc = landmarks[f"pelvis.hjc_{side}"]
    femur = mesh(f"femur_{side}.vtp")
    pelvis_d = np.minimum(
        np.abs(signed_distance(pts, mesh("pelvis.vtp"))),
        np.abs(signed_distance(pts, mesh("sacrum.vtp"))),
    )
    femur_d = np.abs(signed_distance(pts, femur))
    r = np.linalg.norm(pts - hjc, axis=1)
    near_origin = np.linalg.norm(pts - landmarks[f"{muscle}_{side}.origin_centroid"], axis=1)
    near_insertion = np.linalg.norm(pts - landmarks[f"{muscle}_{side}.insertion_centroid"], axis=1)
    # Origin vertices: on the pelvis or sacrum away from the hip, or at the origin end;
    # insertion vertices: on the femur away from the head, or at the insertion end.
    origin = ((pelvis_d < 0.003) & (r > 0.07) & (femur_d > 0.035)) | (near_origin < 0.015)
    insertion = ((femur_d < 0.003) & (r > 0.05) & (pelvis_d > 0.035)) | (near_insertion < 0.015)
    assert origin.sum() > 20 and insertion.sum() > 20
    assert w[origin, 0].min() > 0.95
    assert w[insertion, 1].min() > 0.95
    e = edges(np.asarray(m.faces))
    rest = np.linalg.norm(pts[e[:, 0]] - pts[e[:, 1]], axis=1)
    sign = 1.0 if side == "r" else -1.0
    for axis, deg in POSES.values():
        t_femur = rotation_about(axis, sign * deg, hjc)
        posed = apply_pose(pts, w, np.stack([np.eye(4), t_femur]))
        assert np.allclose(posed[origin], pts[origin], atol=0.003)
        expected = pts[insertion] @ t_femur[:3, :3].T + t_femur[:3, 3]
        assert np.allclose(posed[insertion], expected, atol=0.003)
        length = np.linalg.norm(posed[e[:, 0]] - posed[e[:, 1]], axis=1)
        ratio = length / rest
        # Muscles lengthen and shorten, but no edge collapses or stretches absurdly.
        assert ratio.min() > 0.05 and ratio.max() < 4.0
        assert np.percentile(ratio, 1) > 0.45 and np.percentile(ratio, 99) < 1.8
        # Not sinking into the moved femur: few vertices more than 3 mm inside it.
        moved = femur.transform(t_femur, inplace=False)
        inside = signed_distance(posed, moved) < -0.003
        assert inside.mean() < 0.03


def test_itb_spans_three_segments(mesh, landmarks) -> None:  # type: ignore[no-untyped-def]
    m = mesh("iliotibial_band_r.vtp")
    pts = np.asarray(m.points)
    w = np.asarray(m.point_data[SKIN_WEIGHTS_ARRAY])
    top = pts[:, 2] > landmarks["pelvis.hjc_r"][2] + 0.07
    bottom = pts[:, 2] < landmarks["tibia_r.knee_center"][2] - 0.03
    middle = (
        np.abs(
            pts[:, 2] - 0.5 * (landmarks["pelvis.hjc_r"][2] + landmarks["tibia_r.knee_center"][2])
        )
        < 0.05
    )
    assert w[top, 0].min() > 0.99
    assert w[middle, 1].min() > 0.99
    assert w[bottom, 2].min() > 0.99

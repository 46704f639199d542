"""The thigh muscles and the iliotibial band: attachments, layers, the band on vastus
lateralis, and skinning through hip and knee movement (committed meshes)."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.anatomy.catalogue import SKIN_WEIGHTS_ARRAY, structure
from anatomy_viewer.anatomy.proportions import proportions
from anatomy_viewer.anatomy.skinning import apply_pose
from anatomy_viewer.anatomy.thigh import THIGH_NAMES, attachment_points
from tests.anatomy.test_skinning_meshes import rotation_about, signed_distance


@pytest.mark.parametrize("muscle", THIGH_NAMES)
def test_reaches_its_attachments(mesh, landmarks, muscle: str) -> None:  # type: ignore[no-untyped-def]
    pts = np.asarray(mesh(f"{muscle}_r.vtp").points)
    for end in ("origin_centroid", "insertion_centroid"):
        assert np.linalg.norm(pts - landmarks[f"{muscle}_r.{end}"], axis=1).min() < 0.02


@pytest.mark.parametrize("muscle", THIGH_NAMES)
def test_catalogue_entry(muscle: str) -> None:
    s = structure(f"{muscle}_l")
    assert s.group == "muscle" and s.side == "left"
    assert s.detail.origin and s.detail.insertion and s.detail.action and s.detail.nerve
    assert s.skinning_segments[0] in ("pelvis", "femur_l")
    assert s.skinning_segments[-1] in ("femur_l", "tibia_l")
    # Hidden until switched on in the Structures panel (the lessons show the gluteals).
    assert not s.visible


def _inside_fraction(a: pv.PolyData, b: pv.PolyData) -> float:
    """Share of ``a``'s vertices more than 1 mm inside ``b``."""
    lo = np.maximum(np.array(a.bounds[::2]), np.array(b.bounds[::2]))
    hi = np.minimum(np.array(a.bounds[1::2]), np.array(b.bounds[1::2]))
    if np.any(lo > hi):
        return 0.0
    return float((signed_distance(np.asarray(a.points), b) < -0.001).mean())


def test_thigh_muscles_do_not_interpenetrate(mesh) -> None:  # type: ignore[no-untyped-def]
    names = [*THIGH_NAMES, "gluteus_maximus", "gluteus_medius", "tensor_fasciae_latae"]
    worst = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            fa = _inside_fraction(mesh(f"{a}_r.fast.vtp"), mesh(f"{b}_r.vtp"))
            fb = _inside_fraction(mesh(f"{b}_r.fast.vtp"), mesh(f"{a}_r.vtp"))
            worst.append((max(fa, fb), a, b))
    share, a, b = max(worst)
    assert share < 0.01, f"{a} and {b} overlap ({100 * share:.1f} % of vertices inside)"


def _thigh_band(points: np.ndarray, landmarks, lo: float, hi: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    hip, knee = landmarks["pelvis.hjc_r"][2], landmarks["tibia_r.knee_center"][2]
    f = (points[:, 2] - knee) / (hip - knee)
    return (f > lo) & (f < hi)


def test_iliotibial_band_lies_on_vastus_lateralis(mesh, landmarks) -> None:  # type: ignore[no-untyped-def]
    band = mesh("iliotibial_band_r.vtp")
    pts = np.asarray(band.points)
    normals = np.asarray(band.point_data["Normals"])
    vl = mesh("vastus_lateralis_r.vtp")
    tfl = mesh("tensor_fasciae_latae_r.vtp")
    # The band's inner face (normals pointing medially) from a quarter to two thirds of
    # the way up the thigh, where vastus lateralis lies under it; at the top of that
    # stretch tensor fasciae latae inserts into the band, between it and vastus lateralis,
    # so the gap is measured to whichever of the two lies beneath.
    inner = _thigh_band(pts, landmarks, 0.25, 0.65) & (normals[:, 0] < -0.5)
    assert inner.sum() > 50
    to_vl = signed_distance(pts[inner], vl)
    assert to_vl.min() > -0.0005, "the band cuts into vastus lateralis"
    gap = np.minimum(to_vl, signed_distance(pts[inner], tfl))
    assert gap.min() > -0.0005, "the band cuts into tensor fasciae latae"
    assert np.percentile(gap, 95) < 0.003, f"gap {1000 * np.percentile(gap, 95):.1f} mm"


def test_iliotibial_band_inserts_on_gerdys_tubercle(mesh, landmarks) -> None:  # type: ignore[no-untyped-def]
    pts = np.asarray(mesh("iliotibial_band_r.vtp").points)
    gerdy = landmarks["tibia_r.gerdy_tubercle"]
    assert np.linalg.norm(pts - gerdy, axis=1).min() < 0.012
    # Its lower end is at Gerdy's tubercle, not beyond it.
    assert pts[:, 2].min() > gerdy[2] - 0.015


def test_iliotibial_band_is_a_band_not_a_slab(mesh, landmarks) -> None:  # type: ignore[no-untyped-def]
    # Seen from the side at mid-thigh, the band is 2 to 4.5 cm wide, a strip across the
    # thigh's depth (a slab would cover it), and thin: every point of it lies within
    # 6 mm of vastus lateralis, or of tensor fasciae latae where that lies between them.
    pts = np.asarray(mesh("iliotibial_band_r.vtp").points)
    mid = _thigh_band(pts, landmarks, 0.45, 0.55)
    width = np.ptp(pts[mid, 1])
    thigh = np.concatenate([np.asarray(mesh(f"{m}_r.vtp").points) for m in THIGH_NAMES])
    depth = np.ptp(thigh[_thigh_band(thigh, landmarks, 0.45, 0.55), 1])
    assert 0.020 < width < 0.045
    assert width < 0.35 * depth
    beneath = np.minimum(
        signed_distance(pts[mid], mesh("vastus_lateralis_r.vtp")),
        signed_distance(pts[mid], mesh("tensor_fasciae_latae_r.vtp")),
    )
    assert np.abs(beneath).max() < 0.006


#: The bones each segment carries.
BONES = {
    "pelvis": ("pelvis.vtp", "sacrum.vtp"),
    "femur_r": ("femur_r.vtp",),
    "tibia_r": ("tibia_r.vtp", "fibula_r.vtp", "patella_r.vtp"),
}


def _knee_flexion(landmarks, deg: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Tibia transform: flexion about the transepicondylar axis through the knee centre."""
    axis = landmarks["femur_r.lateral_epicondyle"] - landmarks["femur_r.medial_epicondyle"]
    axis = axis / np.linalg.norm(axis)
    return rotation_about(tuple(axis), -deg, landmarks["tibia_r.knee_center"])


@pytest.mark.parametrize("muscle", THIGH_NAMES)
def test_follows_hip_and_knee(mesh, landmarks, muscle: str) -> None:  # type: ignore[no-untyped-def]
    """Hip flexion 30 deg and knee flexion 60 deg (as deep as the squat goes): the origin
    and insertion ends move with their bones, no edge collapses, and few vertices sink
    into the moved femur or tibia."""
    s = structure(f"{muscle}_r")
    m = mesh(f"{muscle}_r.vtp")
    pts = np.asarray(m.points, dtype=float)
    w = np.asarray(m.point_data[SKIN_WEIGHTS_ARRAY], dtype=float)
    hip = rotation_about((1.0, 0.0, 0.0), 30.0, landmarks["pelvis.hjc_r"])
    knee_local = _knee_flexion(landmarks, 60.0)
    transforms = {"pelvis": np.eye(4), "femur_r": hip, "tibia_r": hip @ knee_local}
    stack = np.stack([transforms[seg] for seg in s.skinning_segments])
    posed = apply_pose(pts, w, stack)
    # The ends: vertices on the bone of an attachment (within 5 mm of it) and within
    # 20 mm of one of its points.
    origins, insertions = attachment_points(proportions(), muscle)

    def on_bone(points: np.ndarray, segment: str) -> np.ndarray:
        near = np.linalg.norm(pts[:, None, :] - points[None, :, :], axis=2).min(axis=1) < 0.02
        bone = np.min([np.abs(signed_distance(pts, mesh(b))) for b in BONES[segment]], axis=0)
        out: np.ndarray = near & (bone < 0.005)
        return out

    first, last = s.skinning_segments[0], s.skinning_segments[-1]
    for ends, seg in ((on_bone(origins, first), first), (on_bone(insertions, last), last)):
        assert ends.sum() > 5
        t = transforms[seg]
        expected = pts[ends] @ t[:3, :3].T + t[:3, 3]
        assert np.allclose(posed[ends], expected, atol=0.004)
    tri = m.faces.reshape(-1, 4)[:, 1:]
    e = np.unique(
        np.sort(np.concatenate([tri[:, [0, 1]], tri[:, [1, 2]], tri[:, [2, 0]]]), axis=1), axis=0
    )
    ratio = np.linalg.norm(posed[e[:, 0]] - posed[e[:, 1]], axis=1) / np.linalg.norm(
        pts[e[:, 0]] - pts[e[:, 1]], axis=1
    )
    # Linear blend skinning cannot slide the quadriceps tendon over the knee: the stretch
    # gathers where the weights pass from femur to tibia (docs/anatomy.md).
    assert ratio.min() > 0.05 and np.percentile(ratio, 99) < 3.2
    femur = mesh("femur_r.vtp").transform(hip, inplace=False)
    tibia = mesh("tibia_r.vtp").transform(hip @ knee_local, inplace=False)
    inside = (signed_distance(posed, femur) < -0.003) | (signed_distance(posed, tibia) < -0.003)
    assert inside.mean() < 0.05


@pytest.mark.parametrize("name", [*THIGH_NAMES, "iliotibial_band"])
def test_in_one_piece(mesh, name: str) -> None:  # type: ignore[no-untyped-def]
    for file in (f"{name}_r.vtp", f"{name}_r.fast.vtp"):
        parts = mesh(file).connectivity("all").cell_data["RegionId"]
        assert len(np.unique(parts)) == 1, file

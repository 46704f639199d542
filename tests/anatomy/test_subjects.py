"""Height and sex change the anatomy in the published directions; regeneration is exact."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
import pyvista as pv
import vtkmodules

from anatomy_viewer.anatomy.generate import build_meshes, build_surface
from anatomy_viewer.anatomy.landmarks import REQUIRED_LANDMARKS, compute_landmarks
from anatomy_viewer.anatomy.mesher import points_of
from anatomy_viewer.anatomy.proportions import proportions
from tests.anatomy.geometry import fit_sphere, unit


def _lm(height: float, sex: str) -> dict[str, np.ndarray]:
    return {k: np.array(v) for k, v in compute_landmarks(height, sex).items()}


def _head_diameter(height: float, sex: str) -> float:
    lm = _lm(height, sex)
    pts = points_of(build_surface("femur", proportions(height, sex)))
    hc = lm["femur_r.head_center"]
    neck = unit(hc - lm["femur_r.neck_axis_point"])
    v = pts - hc
    sel = (np.linalg.norm(v, axis=1) < 0.035) & ((v @ neck) > 0.0)
    return 2.0 * fit_sphere(pts[sel])[1]


def test_female_differences_in_published_direction(mesh) -> None:  # type: ignore[no-untyped-def]
    male, female = _lm(1.75, "male"), _lm(1.75, "female")

    def rel_width(lm: dict[str, np.ndarray]) -> float:
        return float(np.linalg.norm(lm["pelvis.asis_r"] - lm["pelvis.asis_l"]) / 1.75)

    # Relatively wider pelvis (the femoral angles are compared on the surfaces in
    # test_bone_shape.py).
    assert rel_width(female) > rel_width(male) * 1.02
    # Smaller femoral head, measured on generated surfaces.
    male_pts = np.asarray(mesh("femur_r.vtp").points, dtype=float)
    hc = male["femur_r.head_center"]
    v = male_pts - hc
    sel = (np.linalg.norm(v, axis=1) < 0.035) & (
        (v @ unit(hc - male["femur_r.neck_axis_point"])) > 0
    )
    male_d = 2.0 * fit_sphere(male_pts[sel])[1]
    female_d = _head_diameter(1.75, "female")
    assert female_d < male_d - 0.001
    assert 0.042 <= female_d <= 0.050


@pytest.mark.parametrize("height", [1.55, 1.95])
def test_landmarks_scale_with_height(height: float) -> None:
    lm = _lm(height, "male")
    assert set(REQUIRED_LANDMARKS) <= set(lm)
    length = np.linalg.norm(lm["femur_r.head_center"] - lm["femur_r.knee_center"])
    assert 0.235 <= length / height <= 0.255
    assert abs(lm["pelvis.hjc_r"][2] / height - 0.530) < 0.005


def test_bad_subject_is_rejected() -> None:
    with pytest.raises(ValueError, match="sex"):
        compute_landmarks(1.75, "other")
    with pytest.raises(ValueError, match="height"):
        compute_landmarks(3.0, "male")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: The VTK that made the committed meshes. Its contouring, smoothing and decimation give
#: the same bytes every time; another VTK release may place vertices a little differently
#: (other rounding, another decimation order), so elsewhere the meshes are compared by
#: shape: the same topology and surfaces within a small distance of each other.
MESHES_MADE_WITH_VTK = "9.7.2"
#: Largest distance allowed between a regenerated surface and the committed one, metres,
#: and the largest mean distance: well under a millimetre, far below anything a
#: measurement or a picture could show.
SURFACE_MAX_DISTANCE_M = 0.002
SURFACE_MEAN_DISTANCE_M = 0.0002
#: Vertex counts may differ this much (decimation stops at a slightly different count).
VERTEX_COUNT_TOLERANCE = 0.02


def _topology(mesh: pv.PolyData) -> tuple[int, int, int]:
    """Connected pieces, open edges and Euler characteristic of a triangle surface."""
    pieces = mesh.connectivity().point_data["RegionId"].max() + 1
    edges = mesh.extract_feature_edges(
        boundary_edges=True, feature_edges=False, manifold_edges=False, non_manifold_edges=False
    )
    all_edges = mesh.extract_all_edges()
    euler = mesh.n_points - all_edges.n_cells + mesh.n_cells
    return int(pieces), int(edges.n_cells), int(euler)


def _surface_distances(a: pv.PolyData, b: pv.PolyData) -> np.ndarray:
    """Distance from every vertex of ``a`` to the surface ``b`` and back, metres."""
    there = np.abs(a.compute_implicit_distance(b).point_data["implicit_distance"])
    back = np.abs(b.compute_implicit_distance(a).point_data["implicit_distance"])
    return np.concatenate([there, back])


def _shape_differences(new: Path, old: Path) -> list[str]:
    """What makes a regenerated mesh differ in shape from the committed one (empty: none)."""
    a, b = pv.read(new), pv.read(old)
    problems = []
    if sorted(a.point_data.keys()) != sorted(b.point_data.keys()):
        problems.append(f"arrays {sorted(a.point_data.keys())} != {sorted(b.point_data.keys())}")
    if abs(a.n_points - b.n_points) > VERTEX_COUNT_TOLERANCE * b.n_points:
        problems.append(f"{a.n_points} vertices, committed {b.n_points}")
    if _topology(a) != _topology(b):
        problems.append(f"pieces, open edges, Euler {_topology(a)} != {_topology(b)}")
    distances = _surface_distances(a, b)
    if distances.max() > SURFACE_MAX_DISTANCE_M or distances.mean() > SURFACE_MEAN_DISTANCE_M:
        problems.append(
            f"surfaces {distances.max() * 1000:.2f} mm apart at most, "
            f"{distances.mean() * 1000:.3f} mm on average"
        )
    return [f"{new.name}: {problem}" for problem in problems]


@pytest.mark.slow
def test_regeneration_gives_the_committed_meshes(mesh_dir: Path, tmp_path: Path) -> None:
    """Byte for byte with the VTK that made them; the same shapes with any other."""
    written = build_meshes(tmp_path)
    committed = sorted(p.name for p in mesh_dir.iterdir() if p.suffix in (".vtp", ".json"))
    assert sorted(p.name for p in written) == committed
    fix = "regenerate meshes/ with `anatomy-viewer build-meshes`"
    for name in ("manifest.json", "landmarks.json"):  # plain text: exact under any VTK
        assert _digest(tmp_path / name) == _digest(mesh_dir / name), f"{name}: {fix}"
    different = [p for p in written if _digest(p) != _digest(mesh_dir / p.name)]
    if vtkmodules.__version__ == MESHES_MADE_WITH_VTK:
        assert [p.name for p in different] == [], f"{fix}: {[p.name for p in different]}"
        return
    problems = [problem for p in different for problem in _shape_differences(p, mesh_dir / p.name)]
    assert problems == [], f"{fix} (VTK {vtkmodules.__version__}): {problems}"


def test_the_shape_comparison_sees_moved_surfaces_and_holes(tmp_path: Path) -> None:
    sphere = pv.Sphere(radius=0.05, theta_resolution=40, phi_resolution=40)
    sphere.point_data["skin_weights"] = np.ones(sphere.n_points)
    original, same, moved, holed = (tmp_path / f"{n}.vtp" for n in ("a", "b", "c", "d"))
    sphere.save(original)
    sphere.rotate_z(0.5, inplace=False).save(same)  # vertices moved along the surface
    sphere.translate((0.003, 0.0, 0.0), inplace=False).save(moved)
    sphere.remove_cells(range(5), inplace=False).save(holed)
    assert _shape_differences(same, original) == []
    assert any("mm apart" in p for p in _shape_differences(moved, original))
    assert any("open edges" in p for p in _shape_differences(holed, original))

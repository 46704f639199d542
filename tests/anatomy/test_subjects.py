"""Height and sex change the anatomy in the published directions; regeneration is exact."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

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


def test_regeneration_is_byte_identical(mesh_dir: Path, tmp_path: Path) -> None:
    written = build_meshes(tmp_path)
    committed = sorted(p.name for p in mesh_dir.iterdir() if p.suffix in (".vtp", ".json"))
    assert sorted(p.name for p in written) == committed
    different = [p.name for p in written if _digest(p) != _digest(mesh_dir / p.name)]
    assert different == [], f"regenerate meshes/ with `anatomy-viewer build-meshes`: {different}"

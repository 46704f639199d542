"""Loading manifest.json and landmarks.json: clear errors that name the file and the fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from anatomy_viewer.anatomy.landmarks import REQUIRED_LANDMARKS, compute_landmarks
from anatomy_viewer.anatomy.manifest import (
    ManifestError,
    load_landmarks,
    load_manifest,
    missing_files,
)


def _copy_json(src: Path, dst: Path) -> None:
    for name in ("manifest.json", "landmarks.json"):
        shutil.copy(src / name, dst / name)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError) as err:
        load_manifest(tmp_path)
    assert str(tmp_path / "manifest.json") in str(err.value)
    assert "build-meshes" in str(err.value)


def test_bad_json_reports_line(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{\n  "format": 1,\n  "subject": ,\n}\n')
    with pytest.raises(ManifestError, match="line 3"):
        load_manifest(tmp_path)


def test_missing_field(mesh_dir: Path, tmp_path: Path) -> None:
    data = json.loads((mesh_dir / "manifest.json").read_text())
    del data["structures"][3]["segment"]
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError, match="missing field 'segment'"):
        load_manifest(tmp_path)


def test_bad_colour(mesh_dir: Path, tmp_path: Path) -> None:
    data = json.loads((mesh_dir / "manifest.json").read_text())
    data["structures"][0]["color"] = [1.0, 2.0]
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError, match="color"):
        load_manifest(tmp_path)


def test_missing_files_helper(mesh_dir: Path, tmp_path: Path) -> None:
    _copy_json(mesh_dir, tmp_path)
    manifest = load_manifest(tmp_path)
    missing = missing_files(manifest)
    assert len(missing) == 2 * len(manifest.structures)
    assert tmp_path / "pelvis.vtp" in missing


def test_landmarks_file_matches_compute_landmarks(mesh_dir: Path) -> None:
    stored = load_landmarks(mesh_dir)
    computed = compute_landmarks(stored.subject.height_m, stored.subject.sex)
    assert set(stored.points) == set(computed)
    for name, value in computed.items():
        assert stored.points[name] == pytest.approx(value, abs=1e-9)
    assert set(REQUIRED_LANDMARKS) <= set(stored.points)


def test_missing_landmark(mesh_dir: Path, tmp_path: Path) -> None:
    data = json.loads((mesh_dir / "landmarks.json").read_text())
    del data["landmarks"]["femur_r.head_center"]
    (tmp_path / "landmarks.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError, match=r"femur_r\.head_center"):
        load_landmarks(tmp_path)

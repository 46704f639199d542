"""Missing, empty and corrupt mesh files, and broken manifests: clear messages, no crash.

Scene level (off-screen plotter, no display). The app-level behaviour, a window that
starts with what it can load and says what it could not, is in ``test_app_corpus.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.anatomy.manifest import ManifestError, load_landmarks, load_manifest
from anatomy_viewer.errors import AnatomyViewerError, MeshLoadError
from anatomy_viewer.scene.anatomy_scene import load_scene
from anatomy_viewer.scene.prepared_anatomy import load_mesh
from anatomy_viewer.scene.quality import FAST
from tests.robustness.conftest import MESH_BREAKAGES, snapshot

BROKEN_ID = "gluteus_medius_r"
BROKEN_FILE = f"{BROKEN_ID}.fast.vtp"


@pytest.fixture
def plotter():  # type: ignore[no-untyped-def]
    plotter = pv.Plotter(off_screen=True, window_size=[320, 240])
    yield plotter
    plotter.close()


@pytest.mark.parametrize("breakage", sorted(MESH_BREAKAGES))
def test_a_broken_mesh_raises_mesh_load_error_naming_the_file(
    mesh_copy: Path, breakage: str
) -> None:
    path = mesh_copy / BROKEN_FILE
    MESH_BREAKAGES[breakage](path)
    with pytest.raises(MeshLoadError) as caught:
        load_mesh(path)
    assert str(path) in str(caught.value)
    assert "build-meshes" in str(caught.value)  # says what to do


@pytest.mark.parametrize("breakage", sorted(MESH_BREAKAGES))
def test_the_scene_draws_the_rest_and_lists_the_broken_file(
    plotter: pv.Plotter, mesh_copy: Path, breakage: str
) -> None:
    MESH_BREAKAGES[breakage](mesh_copy / BROKEN_FILE)
    before = snapshot(mesh_copy)
    scene = load_scene(plotter, mesh_copy, FAST)
    try:
        manifest = load_manifest(mesh_copy)
        assert BROKEN_ID not in scene.anatomy.ids
        assert len(scene.anatomy.ids) == len(manifest.structures) - 1
        assert len(scene.problems) == 1 and BROKEN_FILE in scene.problems[0]
        plotter.render()  # the rest draws
    finally:
        scene.close()
    assert snapshot(mesh_copy) == before


def test_every_mesh_missing_still_gives_an_empty_scene(
    plotter: pv.Plotter, mesh_copy: Path
) -> None:
    for path in mesh_copy.glob("*.vtp"):
        path.unlink()
    scene = load_scene(plotter, mesh_copy, FAST)
    try:
        assert scene.anatomy.ids == []
        assert len(scene.problems) == len(load_manifest(mesh_copy).structures)
        plotter.render()
    finally:
        scene.close()


def _rewrite_manifest(folder: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_a_manifest_listing_a_file_that_is_not_there(plotter: pv.Plotter, mesh_copy: Path) -> None:
    def add_ghost(data: dict) -> None:  # type: ignore[type-arg]
        data["structures"][3]["file_fast"] = "no_such_structure.fast.vtp"

    _rewrite_manifest(mesh_copy, add_ghost)
    scene = load_scene(plotter, mesh_copy, FAST)
    try:
        assert any("no_such_structure.fast.vtp" in p and "not found" in p for p in scene.problems)
        assert len(scene.anatomy.ids) == len(load_manifest(mesh_copy).structures) - 1
    finally:
        scene.close()


def test_a_file_name_escaping_the_folder_is_not_read(plotter: pv.Plotter, mesh_copy: Path) -> None:
    outside = mesh_copy.parent / "outside.vtp"
    outside.write_bytes((mesh_copy / BROKEN_FILE).read_bytes())

    def escape(data: dict) -> None:  # type: ignore[type-arg]
        data["structures"][0]["file_fast"] = "../outside.vtp"

    _rewrite_manifest(mesh_copy, escape)
    try:
        load_manifest(mesh_copy)
    except ManifestError as error:  # refused while reading the manifest: fine
        assert "manifest.json" in str(error)
        return
    scene = load_scene(plotter, mesh_copy, FAST)
    try:
        assert any("outside.vtp" in p for p in scene.problems), scene.problems
    finally:
        scene.close()


MANIFEST_BREAKAGES = {
    "missing": lambda path: path.unlink(),
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:500]),
    "invalid_utf8": lambda path: path.write_bytes(b'{"format": 1, "x": "\xff\xfe"}'),
    "binary": lambda path: path.write_bytes(bytes(range(256))),
    "not_an_object": lambda path: path.write_text("[1, 2, 3]", encoding="utf-8"),
    "future_format": lambda path: path.write_text(
        path.read_text(encoding="utf-8").replace('"format": 1', '"format": 99', 1),
        encoding="utf-8",
    ),
    "structures_not_a_list": lambda path: path.write_text(
        '{"format": 1, "subject": {"height_m": 1.75, "sex": "male"}, "structures": 5}',
        encoding="utf-8",
    ),
}


@pytest.mark.parametrize("breakage", sorted(MANIFEST_BREAKAGES))
def test_a_broken_manifest_is_a_manifest_error_naming_it(mesh_copy: Path, breakage: str) -> None:
    path = mesh_copy / "manifest.json"
    MANIFEST_BREAKAGES[breakage](path)
    before = snapshot(mesh_copy)
    with pytest.raises(ManifestError) as caught:
        load_manifest(mesh_copy)
    assert isinstance(caught.value, AnatomyViewerError)  # the app shows it as a message
    assert str(path) in str(caught.value)
    assert snapshot(mesh_copy) == before


def test_bad_json_names_the_line(mesh_copy: Path) -> None:
    path = mesh_copy / "manifest.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6] + " oops"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ManifestError, match=r"line 7"):
        load_manifest(mesh_copy)


@pytest.mark.parametrize("breakage", ["missing", "empty", "truncated", "binary"])
def test_broken_landmarks_are_a_manifest_error_naming_them(mesh_copy: Path, breakage: str) -> None:
    path = mesh_copy / "landmarks.json"
    MANIFEST_BREAKAGES[breakage](path)
    with pytest.raises(ManifestError) as caught:
        load_landmarks(mesh_copy)
    assert str(path) in str(caught.value)


def test_skinning_weights_that_do_not_match_the_manifest_leave_the_muscle_still(
    plotter: pv.Plotter, mesh_copy: Path
) -> None:
    manifest_path = mesh_copy / "manifest.json"
    data = json.loads(manifest_path.read_text())
    entry = next(s for s in data["structures"] if s["id"] == BROKEN_ID)
    entry["skinning"]["segments"].append("tibia_r")  # three segments, two weight columns
    manifest_path.write_text(json.dumps(data))
    scene = load_scene(plotter, mesh_copy, FAST)
    try:
        assert BROKEN_ID in scene.anatomy.ids  # drawn, in its neutral shape
        assert any(BROKEN_ID in p and "build-meshes" in p for p in scene.problems)
        scene.apply_poses({"femur_r": np.diag([1.0, 1.0, 1.0, 1.0])})
        plotter.render()
    finally:
        scene.close()

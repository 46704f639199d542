"""The anatomy on an off-screen plotter: actors, visibility, picking and pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.anatomy.skinning import apply_pose
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.quality import FAST
from anatomy_viewer.scene.stage import background_colors


def _image(scene: AnatomyScene) -> np.ndarray:
    scene.plotter.render()
    return np.asarray(scene.plotter.screenshot(return_img=True))


def _background_fraction(image: np.ndarray) -> float:
    """Share of pixels that are plain background (the vertical gradient)."""
    bottom, top = background_colors(FAST)  # the scene fixture's preset
    rows = np.linspace(bottom, top, image.shape[0])[::-1] * 255
    diff = np.abs(image[..., :3].astype(float) - rows[:, None, :]).max(axis=2)
    return float((diff < 6).mean())


def test_every_structure_of_the_manifest_has_an_actor(scene: AnatomyScene) -> None:
    ids = {entry.id for entry in scene.manifest.structures}
    assert set(scene.anatomy.ids) == ids
    assert not scene.problems
    assert scene.anatomy.id_of_actor(scene.anatomy.actor("femur_r")) == "femur_r"
    assert scene.anatomy.id_of_actor(scene.stage.floor_actor) is None


def test_skin_is_hidden_by_default_and_bones_shown(scene: AnatomyScene) -> None:
    assert scene.anatomy.is_visible("pelvis")
    assert scene.anatomy.is_visible("gluteus_medius_r")
    assert not scene.anatomy.is_visible("skin")


def test_the_front_view_shows_the_anatomy_in_the_middle(scene: AnatomyScene) -> None:
    scene.set_camera(scene.preset_camera("anterior"))
    image = _image(scene)
    height, width = image.shape[:2]
    middle = image[height // 4 : 3 * height // 4, width // 3 : 2 * width // 3]
    # Anatomy covers a good part of the middle of the picture, but not all of it.
    assert _background_fraction(middle) < 0.8
    assert 0.3 < _background_fraction(image) < 0.95


def test_hiding_everything_leaves_only_the_stage(scene: AnatomyScene) -> None:
    scene.set_camera(scene.preset_camera("anterior"))
    before = _background_fraction(_image(scene))
    for structure_id in scene.anatomy.ids:
        scene.anatomy.set_visible(structure_id, False)
    after = _background_fraction(_image(scene))
    assert after > before + 0.05


def test_a_hidden_structure_is_not_drawn(scene: AnatomyScene) -> None:
    scene.set_camera(scene.preset_camera("right"))
    scene.anatomy.isolate(["femur_r"])
    with_femur = _background_fraction(_image(scene))
    scene.anatomy.set_visible("femur_r", False)
    assert _background_fraction(_image(scene)) > with_femur
    assert scene.anatomy.triangle_count() == 0


def test_ghosting_and_highlighting_change_the_material(scene: AnatomyScene) -> None:
    prop = scene.anatomy.actor("gluteus_maximus_r").GetProperty()
    scene.anatomy.set_mode("gluteus_maximus_r", "ghosted")
    assert prop.GetOpacity() < 0.3
    assert not scene.anatomy.actor("gluteus_maximus_r").GetPickable()
    scene.anatomy.set_mode("gluteus_maximus_r", "highlighted")
    assert prop.GetOpacity() > 0.8
    assert prop.GetColor() != pytest.approx(scene.anatomy.color("gluteus_maximus_r"))
    scene.anatomy.set_mode("gluteus_maximus_r", "shown")
    assert prop.GetColor() == pytest.approx(scene.anatomy.color("gluteus_maximus_r"))


def test_selection_tints_and_untints(scene: AnatomyScene) -> None:
    prop = scene.anatomy.actor("pelvis").GetProperty()
    base = scene.anatomy.color("pelvis")
    scene.anatomy.select("pelvis")
    assert prop.GetColor() != pytest.approx(base)
    scene.anatomy.select(None)
    assert prop.GetColor() == pytest.approx(base)


def test_rigid_pose_moves_the_bone_actor(scene: AnatomyScene) -> None:
    lift = np.eye(4)
    lift[2, 3] = 0.1
    before = np.array(scene.anatomy.actor("femur_r").GetBounds())
    scene.apply_poses({"femur_r": lift})
    after = np.array(scene.anatomy.actor("femur_r").GetBounds())
    assert after[4] == pytest.approx(before[4] + 0.1)
    assert after[5] == pytest.approx(before[5] + 0.1)


def test_labels_follow_visible_structures(scene: AnatomyScene) -> None:
    scene.anatomy.isolate(["femur_r", "pelvis"])
    scene.label_all_visible(True)
    assert sorted(scene.label_ids) == ["femur_r", "pelvis"]
    assert "Right femur" in " ".join(scene.labels.texts) or any(
        "femur" in t.lower() for t in scene.labels.texts
    )
    scene.label_all_visible(False)
    assert scene.label_ids == []


def _flex_right_hip(scene: AnatomyScene, degrees: float) -> np.ndarray:
    """A pose turning the right femur about the hip centre's side-to-side axis."""
    hip = np.asarray(scene.landmarks.points["pelvis.hjc_r"])
    angle = np.radians(degrees)
    rotation = np.array(
        [[1, 0, 0], [0, np.cos(angle), -np.sin(angle)], [0, np.sin(angle), np.cos(angle)]]
    )
    pose = np.eye(4)
    pose[:3, :3] = rotation
    pose[:3, 3] = hip - rotation @ hip
    return pose


def test_skinned_muscles_deform_on_screen_as_the_reference_skinning_does(
    scene: AnatomyScene,
) -> None:
    """The vertex shader draws what ``apply_pose`` computes on the processor."""
    muscle = "gluteus_medius_r"
    scene.anatomy.isolate([muscle])
    scene.set_camera(scene.preset_camera("right"))
    neutral = _image(scene).astype(float)
    pose = _flex_right_hip(scene, 25.0)
    scene.apply_poses({"femur_r": pose})
    on_gpu = _image(scene).astype(float)
    # The muscle visibly moved: its insertion follows the femur.
    assert np.mean(np.any(np.abs(on_gpu - neutral) > 30, axis=2)) > 0.002

    # The same pose skinned by numpy and drawn without the shader.
    actor = scene.anatomy.actor(muscle)
    drawn = pv.wrap(actor.GetMapper().GetInput())
    weights = np.asarray(drawn.point_data["skin_weights"], dtype=float).reshape(drawn.n_points, -1)
    transforms = np.stack([np.eye(4), pose])  # the manifest's segments: pelvis, femur_r
    rotations = transforms.copy()
    rotations[:, :3, 3] = 0.0
    normals = apply_pose(np.asarray(drawn.point_data["Normals"]), weights, rotations)
    drawn.points = apply_pose(np.asarray(drawn.points), weights, transforms)
    drawn.point_data.set_array(normals / np.linalg.norm(normals, axis=1, keepdims=True), "Normals")
    drawn.GetPointData().SetActiveNormals("Normals")
    actor.GetShaderProperty().ClearAllVertexShaderReplacements()
    on_cpu = _image(scene).astype(float)
    differing = np.mean(np.any(np.abs(on_gpu - on_cpu) > 30, axis=2))
    assert differing < 0.001, f"{differing:.2%} of the pixels differ"


def test_labels_on_a_muscle_follow_its_skinned_surface(scene: AnatomyScene) -> None:
    muscle = "gluteus_medius_r"
    index = scene.anatomy.surface_vertex(muscle, scene.anatomy.neutral_center(muscle))
    before = scene.anatomy.vertex_position(muscle, index)
    pose = _flex_right_hip(scene, 25.0)
    scene.apply_poses({"femur_r": pose})
    after = scene.anatomy.vertex_position(muscle, index)
    drawn = pv.wrap(scene.anatomy.actor(muscle).GetMapper().GetInput())
    weights = np.asarray(drawn.point_data["skin_weights"], dtype=float).reshape(drawn.n_points, -1)
    expected = apply_pose(
        np.asarray(drawn.points)[index : index + 1],
        weights[index : index + 1],
        np.stack([np.eye(4), pose]),
    )[0]
    assert after == pytest.approx(expected, abs=1e-6)
    assert np.linalg.norm(after - before) > 1e-4


def test_the_mirror_view_turns_the_normals_around(scene: AnatomyScene) -> None:
    drawn = scene.anatomy.actor("pelvis").GetMapper().GetInput()
    front = np.array(drawn.GetPointData().GetNormals())
    scene.set_camera(scene.preset_camera("mirror"))
    assert np.allclose(np.array(drawn.GetPointData().GetNormals()), -front)
    scene.set_camera(scene.preset_camera("anterior"))
    assert np.allclose(np.array(drawn.GetPointData().GetNormals()), front)


def test_another_patient_s_set_is_drawn_in_place_by_the_same_actors(
    scene: AnatomyScene, tmp_path: Path
) -> None:
    """The same actors draw the new surfaces, keep their display, and pose them."""
    from anatomy_viewer.scene.prepared_anatomy import prepare_anatomy
    from tests.patient_sets import write_scaled_set

    actors = {sid: scene.anatomy.actor(sid) for sid in scene.anatomy.ids}
    scene.anatomy.set_mode("gluteus_medius_r", "ghosted")
    scene.anatomy.select("femur_r")
    floor = scene.stage.floor_actor.GetBounds()
    home = scene.home_camera()
    prepared = prepare_anatomy(write_scaled_set(tmp_path / "set", 1.60), "fast")
    assert scene.replace_anatomy(prepared)
    factor = 1.60 / 1.75
    assert {sid: scene.anatomy.actor(sid) for sid in scene.anatomy.ids} == actors
    assert scene.anatomy.actor("pelvis").GetMapper().GetInput() is prepared.parts["pelvis"].mesh
    assert scene.anatomy.mode("gluteus_medius_r") == "ghosted"
    assert scene.anatomy.selected == "femur_r"
    assert scene.manifest.subject.height_m == 1.60 and scene.landmarks is prepared.landmarks
    assert scene.stage.floor_actor.GetBounds()[1] == pytest.approx(floor[1] * factor)
    assert scene.home_camera().focal_point == pytest.approx(
        tuple(v * factor for v in home.focal_point)
    )
    # Posing moves the new surfaces: a skinned muscle's posed points follow the new bones.
    pose = np.eye(4)
    pose[:3, 3] = (0.0, 0.0, 0.1)
    scene.apply_poses({"pelvis": pose, "femur_r": pose, "femur_l": pose})
    moved = scene.anatomy.posed_points("gluteus_medius_r") - scene.anatomy.neutral_points(
        "gluteus_medius_r"
    )
    assert np.allclose(moved[:, 2], 0.1, atol=1e-6)


def test_a_set_with_other_structures_is_refused_and_nothing_changes(
    scene: AnatomyScene, tmp_path: Path
) -> None:
    import json

    from anatomy_viewer.scene.prepared_anatomy import prepare_anatomy
    from tests.patient_sets import write_scaled_set

    folder = write_scaled_set(tmp_path / "set", 1.60)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["structures"] = [s for s in manifest["structures"] if s["id"] != "gracilis_l"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    pelvis = scene.anatomy.actor("pelvis").GetMapper().GetInput()
    assert not scene.replace_anatomy(prepare_anatomy(folder, "fast"))
    assert scene.manifest.subject.height_m == 1.75
    assert scene.anatomy.actor("pelvis").GetMapper().GetInput() is pelvis

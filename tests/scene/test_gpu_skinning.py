"""Skinning in the vertex shader draws what numpy computes, for 2, 3 and 8 segments, and
cannot fail silently: a shader that did not take the skinning hands over to numpy."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.anatomy.skinning import apply_pose
from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.scene import gpu_skinning
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, load_scene
from anatomy_viewer.scene.quality import FAST

#: Share of pixels that may differ between shader and numpy (edge pixels rounding apart).
TOLERANCE = 0.002


def _turn(axis: int, degrees: float, about: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """A 4x4 turn about an axis through ``about``, then a shift."""
    angle = np.radians(degrees)
    c, s = np.cos(angle), np.sin(angle)
    i, j = [k for k in range(3) if k != axis]
    rotation = np.eye(3)
    rotation[i, i], rotation[i, j], rotation[j, i], rotation[j, j] = c, -s, s, c
    pose = np.eye(4)
    pose[:3, :3] = rotation
    pose[:3, 3] = about - rotation @ about + shift
    return pose


def _body(segments: int) -> tuple[pv.PolyData, np.ndarray, np.ndarray]:
    """A long capsule skinned to ``segments`` bones along its length, and a pose of them."""
    mesh = pv.Cylinder(radius=0.12, height=1.6, resolution=48, capping=True)
    mesh = mesh.triangulate().subdivide(3).clean().compute_normals(split_vertices=False)
    x = np.asarray(mesh.points)[:, 0]
    centres = np.linspace(-0.7, 0.7, segments)
    weights = np.exp(-(((x[:, None] - centres[None, :]) / (1.6 / segments)) ** 2))
    weights /= weights.sum(axis=1, keepdims=True)
    poses = np.stack(
        [
            _turn(
                k % 3,
                14.0 * (k + 1) * (-1) ** k,
                np.array([c, 0.0, 0.0]),
                np.array([0.0, 0.02 * k, 0.0]),
            )
            for k, c in enumerate(centres)
        ]
    )
    return mesh, weights, poses


@pytest.fixture
def plotter() -> Iterator[pv.Plotter]:
    plotter = pv.Plotter(off_screen=True, window_size=[480, 360])
    plotter.render_window.SetMultiSamples(0)
    plotter.camera_position = [(0.0, -3.2, 0.6), (0.0, 0.0, 0.0), (0.0, 0.0, 1.0)]
    yield plotter
    plotter.close()


def _picture(plotter: pv.Plotter) -> np.ndarray:
    plotter.render()
    return np.asarray(plotter.screenshot(return_img=True)).astype(float)


def _differing(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(np.any(np.abs(a - b) > 30, axis=2)))


def _skinned_in_numpy(mesh: pv.PolyData, weights: np.ndarray, poses: np.ndarray) -> pv.PolyData:
    rotations = poses.copy()
    rotations[:, :3, 3] = 0.0
    posed = mesh.copy()
    posed.points = apply_pose(np.asarray(mesh.points), weights, poses)
    normals = apply_pose(np.asarray(mesh.point_data["Normals"]), weights, rotations)
    posed.point_data["Normals"] = normals / np.linalg.norm(normals, axis=1, keepdims=True)
    posed.GetPointData().SetActiveNormals("Normals")
    return posed


def _add(plotter: pv.Plotter, mesh: pv.PolyData) -> pv.Actor:
    actor = plotter.add_mesh(mesh, color=(0.8, 0.3, 0.25), smooth_shading=False, render=False)
    actor.prop.interpolation = "gouraud"
    return actor


@pytest.mark.parametrize("segments", [2, 3, 8])
def test_the_shader_draws_what_numpy_skinning_computes(plotter: pv.Plotter, segments: int) -> None:
    mesh, weights, poses = _body(segments)
    actor = _add(plotter, mesh)
    missed: list[str] = []
    shader = gpu_skinning.SkinningShader(actor, mesh, weights, missed.append)
    neutral = _picture(plotter)
    shader.set_transforms(poses)
    on_gpu = _picture(plotter)
    assert missed == [] and shader.missed is None
    assert _differing(on_gpu, neutral) > 0.02  # the pose visibly bends the body
    shader.remove()
    plotter.remove_actor(actor)
    _add(plotter, _skinned_in_numpy(mesh, weights, poses))
    on_cpu = _picture(plotter)
    assert _differing(on_gpu, on_cpu) < TOLERANCE


def test_a_shader_that_did_not_take_the_skinning_is_reported(
    plotter: pv.Plotter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if VTK wrote the vertex's use differently: that replacement finds nothing.
    monkeypatch.setattr(gpu_skinning, "VERTEX_USE", "* noSuchVertex;")
    mesh, weights, poses = _body(3)
    actor = _add(plotter, mesh)
    missed: list[str] = []
    shader = gpu_skinning.SkinningShader(actor, mesh, weights, missed.append)
    shader.set_transforms(poses)
    _picture(plotter)
    assert len(missed) == 1 and "unposed vertex" in missed[0]
    assert shader.missed == missed[0]
    assert actor.GetShaderProperty().GetNumberOfShaderReplacements() == 0
    _picture(plotter)
    assert len(missed) == 1  # reported once


def test_the_reasons_a_shader_does_not_skin() -> None:
    skinned = (
        "in vec4 vertexMC;\nin vec3 normalMC;\nin vec4 skinWeights0;\n"
        "  mat4 skinMatrix = skinWeights0[0] * skinBone0;\n"
        "  vec4 skinnedMC = skinMatrix * vec4(vertexMC.xyz, 1.0);\n"
        "  normalVCVSOutput = normalMatrix * normalize(mat3(skinMatrix) * normalMC);\n"
        "  gl_Position = MCDCMatrix * skinnedMC;\n"
    )
    assert gpu_skinning.missing_skinning(skinned) is None
    assert "blended matrix" in str(gpu_skinning.missing_skinning("gl_Position = M * vertexMC;"))
    stale_vertex = skinned + "  vertexVCVSOutput = MCVCMatrix*vertexMC;\n"
    assert "unposed vertex" in str(gpu_skinning.missing_skinning(stale_vertex))
    stale_normal = skinned + "  normalVCVSOutput = normalMatrix*normalMC;\n"
    assert "unposed normal" in str(gpu_skinning.missing_skinning(stale_normal))


@pytest.fixture
def missed_scene(plotter: pv.Plotter, monkeypatch: pytest.MonkeyPatch) -> Iterator[AnatomyScene]:
    """The bundled anatomy with a VTK whose shader text the skinning does not match."""
    monkeypatch.setattr(gpu_skinning, "VERTEX_USE", "* noSuchVertex;")
    scene = load_scene(plotter, meshes_dir(), FAST)
    yield scene
    scene.close()


def test_when_the_shader_misses_the_skinning_numpy_takes_over_with_a_warning(
    missed_scene: AnatomyScene, caplog: pytest.LogCaptureFixture
) -> None:
    scene, muscle = missed_scene, "gluteus_medius_r"
    scene.anatomy.isolate([muscle])
    scene.set_camera(scene.preset_camera("right"))
    hip = np.asarray(scene.landmarks.points["pelvis.hjc_r"])
    pose = _turn(0, 25.0, hip, np.zeros(3))
    with caplog.at_level(logging.WARNING):
        _picture(scene.plotter)  # VTK builds the shader: the check finds the miss
    assert scene.anatomy.skinned_on_processor() != []
    assert muscle in scene.anatomy.skinned_on_processor()
    assert any(muscle in r.getMessage() and "processor" in r.getMessage() for r in caplog.records)
    scene.apply_poses({"femur_r": pose})
    on_cpu = _picture(scene.plotter)
    drawn = pv.wrap(scene.anatomy.actor(muscle).GetMapper().GetInput())
    weights = np.asarray(drawn.point_data["skin_weights"], dtype=float).reshape(drawn.n_points, -1)
    neutral = scene.anatomy._parts[muscle].neutral_points
    expected = apply_pose(neutral, weights, np.stack([np.eye(4), pose]))
    assert np.asarray(drawn.points) == pytest.approx(expected, abs=1e-5)
    scene.apply_poses({})
    assert _differing(on_cpu, _picture(scene.plotter)) > 0.002  # and it moves on screen

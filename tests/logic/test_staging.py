"""A lesson step staged on the scene: display modes, labels, camera, simulation settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import pyvista as pv

from anatomy_viewer.lesson import LessonPlayer, load_lesson
from anatomy_viewer.logic.render import RenderRequest, render_picture, stage_lesson_step
from anatomy_viewer.logic.staging import camera_pose, display_modes, simulation_settings
from anatomy_viewer.resources import lessons_dir, meshes_dir
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, load_scene
from anatomy_viewer.scene.quality import FAST
from anatomy_viewer.scene.render import save_picture

BUNDLED = sorted(lessons_dir().glob("*/lesson.yaml"))


@pytest.fixture
def scene() -> Iterator[AnatomyScene]:
    plotter = pv.Plotter(off_screen=True, window_size=[480, 320])
    scene = load_scene(plotter, meshes_dir(), FAST)
    yield scene
    scene.close()
    plotter.close()


def _steps() -> list[tuple[Path, int]]:
    return [(path, index) for path in BUNDLED for index in range(len(load_lesson(path).steps))]


def test_structures_a_step_leaves_out_take_the_manifest_default(scene: AnatomyScene) -> None:
    lesson = load_lesson(BUNDLED[0])
    state = lesson.steps[0].scene
    modes = display_modes(scene, state)
    for structure_id, mode in modes.items():
        if structure_id in state.display:
            assert mode == state.display[structure_id]
        else:
            assert mode == ("shown" if scene.anatomy.entry(structure_id).visible else "hidden")
    assert modes["skin"] == state.display.get("skin", "hidden")


def test_every_step_of_every_bundled_lesson_renders(scene: AnatomyScene, tmp_path: Path) -> None:
    for path, index in _steps():
        title = stage_lesson_step(scene, path, index + 1)
        picture = save_picture(scene, tmp_path / f"{path.parent.name}-{index + 1}.png")
        assert picture.stat().st_size > 1000
        step = load_lesson(path).steps[index]
        assert title == step.title
        for structure_id, mode in step.scene.display.items():
            if structure_id in scene.anatomy.ids:
                assert scene.anatomy.mode(structure_id) == mode, (path, index, structure_id)
        expected = camera_pose(scene, step.scene.camera, step.scene.simulation)
        assert scene.camera().position == pytest.approx(expected.position)


def test_a_playing_step_renders_its_most_telling_moment() -> None:
    for path in BUNDLED:
        for step in load_lesson(path).steps:
            if step.scene.simulation.play is not None:
                settings, phase, play, _loops = simulation_settings(step.scene)
                assert play and phase == 0.0
                assert settings.task == step.scene.simulation.task
                return
    pytest.skip("no bundled step plays an animation")


def test_jumping_to_a_step_equals_arriving_by_next() -> None:
    lesson = load_lesson(BUNDLED[2])
    by_next = LessonPlayer(lesson)
    for _ in range(len(lesson.steps) - 1):
        by_next.next()
    jumped = LessonPlayer(lesson)
    jumped.go_to(len(lesson.steps) - 1)
    assert by_next.scene == jumped.scene


def test_a_missing_step_is_a_clear_error(tmp_path: Path) -> None:
    from anatomy_viewer.errors import AnatomyViewerError

    with pytest.raises(AnatomyViewerError, match="there is no step 99"):
        render_picture(
            RenderRequest(out=tmp_path / "x.png", size=(64, 64), lesson=BUNDLED[0], step=99)
        )
    assert not (tmp_path / "x.png").exists()


def test_a_lesson_s_own_camera_follows_the_patient_s_height(
    scene: AnatomyScene, tmp_path: Path
) -> None:
    """Eye and target are written for the default 1.75 m subject: for a 1.60 m patient
    they are scaled about the floor's origin, so the step frames the same part of the body."""
    from anatomy_viewer.lesson.model import CameraState
    from anatomy_viewer.scene.prepared_anatomy import prepare_anatomy
    from tests.patient_sets import write_scaled_set

    camera = CameraState(preset=None, eye=(1.1, -0.35, 1.05), target=(0.09, 0.0, 0.93))
    default = camera_pose(scene, camera)
    assert default.position == pytest.approx((1.1, -0.35, 1.05))
    patient = prepare_anatomy(write_scaled_set(tmp_path / "set", 1.60), "fast")
    assert scene.replace_anatomy(patient)
    scaled = camera_pose(scene, camera)
    factor = 1.60 / 1.75
    assert scaled.position == pytest.approx(tuple(v * factor for v in default.position))
    assert scaled.focal_point == pytest.approx(tuple(v * factor for v in default.focal_point))
    assert scaled.view_up == default.view_up


def test_an_exercise_picture_shows_gluteus_medius_through_gluteus_maximus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``render --task EXERCISE`` makes gluteus maximus see-through, as the Exercises tab
    does; a standing task leaves it solid."""
    import anatomy_viewer.logic.render as render_module

    seen: dict[str, dict[str, str]] = {}

    def recording(scene: AnatomyScene, out: Path) -> Path:
        seen[out.stem] = {sid: scene.anatomy.mode(sid) for sid in ("gluteus_maximus_r",)}
        return save_picture(scene, out)

    monkeypatch.setattr(render_module, "save_picture", recording)
    for task in ("side_plank", "stance"):
        render_picture(
            RenderRequest(out=tmp_path / f"{task}.png", size=(320, 240), task=task, quality="fast")
        )
    assert seen == {
        "side_plank": {"gluteus_maximus_r": "ghosted"},
        "stance": {"gluteus_maximus_r": "shown"},
    }

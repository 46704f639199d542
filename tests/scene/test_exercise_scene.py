"""The exercises in the 3D view: each pose drawn off-screen, the body on the floor."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy_viewer.logic.frames import exercise_camera, show_frame, simulation_for
from anatomy_viewer.logic.simulation import SimulationSettings
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.vocabulary import EXERCISES

LYING = ("side_lying_abduction", "clamshell", "side_plank", "side_plank_abduction")


@pytest.mark.parametrize("exercise", EXERCISES)
def test_each_exercise_is_drawn_with_the_body_on_the_floor(
    scene: AnatomyScene, exercise: str
) -> None:
    simulation = simulation_for(scene)
    frame = show_frame(scene, simulation, SimulationSettings(task=exercise), 0.5)
    lowest = scene.anatomy.lowest_point(frame.poses)
    if exercise in ("lateral_band_walk", "single_leg_squat"):
        # Standing on the working foot, as the standing tasks do (the sole near the floor).
        assert -0.03 < lowest < 0.03
    else:
        assert lowest == pytest.approx(0.0, abs=1e-6)  # resting on the floor, not in it
    scene.set_camera(exercise_camera(scene, exercise))
    image = scene.plotter.screenshot(None, return_img=True)
    assert image.shape[:2] == (480, 640)
    # The working side's gluteus medius takes its own effort's colour, not its red.
    coloured = scene.anatomy.override_colors()
    assert "gluteus_medius_r" in coloured


@pytest.mark.parametrize("exercise", LYING)
def test_a_lying_body_lies_on_its_side(scene: AnatomyScene, exercise: str) -> None:
    frame = show_frame(scene, simulation_for(scene), SimulationSettings(task=exercise), 0.5)
    pelvis = frame.poses["pelvis"][:3, :3]
    # The body's long axis (superior) within 30 degrees of the floor: lying, not standing.
    assert abs(pelvis[2, 2]) < 0.5
    # The working (right) side up on the other side, down in the side plank.
    right_up = float(pelvis[2, 0])
    assert right_up < -0.8 if exercise.startswith("side_plank") else right_up > 0.9
    assert frame.task == exercise


def test_the_clamshell_opens_and_closes_with_the_phase(scene: AnatomyScene) -> None:
    simulation = simulation_for(scene)
    settings = SimulationSettings(task="clamshell")
    knees = []
    for phase in (0.0, 0.5, 1.0):
        frame = show_frame(scene, simulation, settings, phase)
        knees.append(float(frame.overlay.knee_center[2]))
    # The top knee rises as the shell opens and comes back down (world heights, m).
    assert knees[1] > knees[0] + 0.1
    assert knees[2] == pytest.approx(knees[0], abs=1e-9)


def test_the_held_pose_is_the_models_own(scene: AnatomyScene) -> None:
    from anatomy_viewer.biomech.exercises import solve_exercise

    simulation = simulation_for(scene)
    frame = show_frame(scene, simulation, SimulationSettings(task="clamshell"), 0.5)
    held = solve_exercise(simulation.subject, "clamshell")
    for key, value in held.angles_deg.items():
        assert frame.quantities[key] == pytest.approx(value, abs=1e-6)
    assert frame.quantities["abductor_activation"] == pytest.approx(held.gluteus_medius_effort())
    assert np.isnan(frame.quantities["pelvic_drop_deg"])  # not computed for an exercise


@pytest.mark.parametrize("exercise", LYING)
def test_gluteus_medius_is_drawn_on_a_body_lying_down(scene: AnatomyScene, exercise: str) -> None:
    from anatomy_viewer.scene.visibility import visibility

    show_frame(scene, simulation_for(scene), SimulationSettings(task=exercise), 0.5)
    scene.set_camera(exercise_camera(scene, exercise))
    # Posed in the shader, far from where it stands: VTK's culler, which knows only the
    # standing place, left it out of the picture.
    assert visibility(scene, "gluteus_medius_r").projected > 100

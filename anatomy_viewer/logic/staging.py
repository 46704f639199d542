"""Stage a lesson step on the scene: visibility, labels and the camera it flies to."""

from __future__ import annotations

import numpy as np

from anatomy_viewer.lesson import CameraState, SceneState, SimulationState
from anatomy_viewer.logic.frames import exercise_camera
from anatomy_viewer.logic.patient_anatomy import DEFAULT_HEIGHT_M
from anatomy_viewer.logic.simulation import TELLING_PHASE, SimulationSettings
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.anatomy_visual import DisplayMode
from anatomy_viewer.scene.camera import CameraPose
from anatomy_viewer.vocabulary import EXERCISES


def display_modes(scene: AnatomyScene, state: SceneState) -> dict[str, DisplayMode]:
    """Every drawn structure's mode: the step's choice, else the manifest's default."""
    modes: dict[str, DisplayMode] = {}
    for structure_id in scene.anatomy.ids:
        default: DisplayMode = "shown" if scene.anatomy.entry(structure_id).visible else "hidden"
        modes[structure_id] = state.display_mode(structure_id, default)
    return modes


def camera_pose(
    scene: AnatomyScene, camera: CameraState, simulation: SimulationState | None = None
) -> CameraPose:
    """Where a step's camera goes: a preset framing what is shown, or the explicit eye/target/up.

    The ``exercise`` preset is the view of the step's exercise (``simulation``'s task),
    framing the body as posed now; for any other task it is the front view.

    A lesson's eye and target are written for the default subject (1.75 m); for a
    patient of another height they are scaled about the world origin (on the floor between
    the feet) by the height, so the step frames the same part of the patient's body.
    """
    if camera.preset == "exercise" and simulation is not None and simulation.task in EXERCISES:
        return exercise_camera(scene, simulation.task, simulation.side)
    if camera.preset is not None:
        return scene.preset_camera(camera.preset)
    scale = scene.manifest.subject.height_m / DEFAULT_HEIGHT_M
    eye = np.asarray(camera.eye, dtype=float) * scale
    target = np.asarray(camera.target, dtype=float) * scale
    up = np.asarray(camera.up if camera.up is not None else (0.0, 0.0, 1.0), dtype=float)
    return CameraPose(
        position=(float(eye[0]), float(eye[1]), float(eye[2])),
        focal_point=(float(target[0]), float(target[1]), float(target[2])),
        view_up=(float(up[0]), float(up[1]), float(up[2])),
    )


def stage_structures(scene: AnatomyScene, state: SceneState) -> None:
    """Apply the step's display modes (labels, camera and simulation are separate).

    The step's labels wait for `stage_labels`, once the body is posed: a label goes on
    the part of its structure the step's camera sees.
    """
    for structure_id in scene.anatomy.ids:
        part_opacity = scene.anatomy.entry(structure_id).opacity
        scene.anatomy.set_opacity(structure_id, part_opacity)
    scene.anatomy.set_modes(display_modes(scene, state))
    scene.set_labels([])


def stage_labels(scene: AnatomyScene, state: SceneState, audience: str = "patient") -> None:
    """Pin the step's labels, in ``audience``'s words, where its camera will see them.

    Call it after `stage_structures` and after posing the body for the step: each label
    goes on the part of its structure (or landmark) seen from the step's camera, and one
    whose structure is out of sight there is not drawn.
    """
    scene.set_labels(
        [(label.target, label.text_for(audience)) for label in state.labels],
        camera_pose(scene, state.camera, state.simulation),
    )


def simulation_settings(state: SceneState) -> tuple[SimulationSettings, float, bool, int | None]:
    """The simulation a step asks for.

    Returns
    -------
    settings
        Task, side, strength, compensation, speed, overlays and compare mode.
    phase
        Where to start (or, for a still picture of a playing step, its most telling moment).
    play
        Whether the movement plays.
    loops
        How many cycles to play (``None``: repeat until the step changes).
    """
    sim = state.simulation
    settings = SimulationSettings(
        task=sim.task,
        side=sim.side,
        strength_pct=sim.strength_pct,
        weaken=sim.weaken,
        compensation=sim.compensation,
        speed=sim.play.speed if sim.play else 1.0,
        loop=sim.play is not None and sim.play.loops is None,
        overlays=state.overlays,
        compare=state.compare,
    )
    if sim.play is not None:
        return settings, 0.0, True, sim.play.loops
    phase = sim.phase if sim.phase is not None else TELLING_PHASE[sim.task]
    return settings, phase, False, None

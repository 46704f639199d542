"""Turn the model's frame into what the scene draws: overlay geometry in body weights."""

from __future__ import annotations

import numpy as np

from anatomy_viewer.biomech.frame import BiomechFrame
from anatomy_viewer.logic.exercise_frames import EXERCISE_OVERLAYS, lifted
from anatomy_viewer.logic.exercise_motion import view_direction
from anatomy_viewer.logic.simulation import Simulation, SimulationSettings, subject_for
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.camera import CameraPose
from anatomy_viewer.scene.simulation_visual import ForceArrow, OverlayGeometry
from anatomy_viewer.vocabulary import EXERCISES

#: The forces legend's words for the abductor arrow: the pull of the weakened muscles.
PULL_WORDS = {
    "gluteus_medius": "Pull of gluteus medius",
    "abductors": "Pull of the hip abductors",
}


def overlay_geometry(frame: BiomechFrame, weight_n: float) -> OverlayGeometry:
    """Overlay geometry for one frame; forces become arrows sized in multiples of body weight.

    Parameters
    ----------
    frame
        The model's frame.
    weight_n
        The subject's body weight in newtons.
    """
    o = frame.overlay
    q = frame.quantities

    def arrow(name: str, origin: np.ndarray, force: np.ndarray) -> ForceArrow:
        return ForceArrow(
            name=name,
            origin=np.asarray(origin, dtype=float),
            direction=np.asarray(force, dtype=float),
            magnitude_bw=float(np.linalg.norm(force) / weight_n),
        )

    return OverlayGeometry(
        asis_stance=np.asarray(o.asis_stance, dtype=float),
        asis_swing=np.asarray(o.asis_swing, dtype=float),
        pelvic_drop_deg=float(q["pelvic_drop_deg"]),
        hip=np.asarray(o.hip_center, dtype=float),
        knee=np.asarray(o.knee_center, dtype=float),
        ankle=np.asarray(o.ankle_center, dtype=float),
        knee_fppa_deg=float(q["knee_fppa_deg"]),
        forces=(
            arrow("body_weight", o.center_of_mass, o.body_weight),
            arrow("abductor", o.abductor_application, o.abductor_force),
            arrow("hip_contact", o.hip_center, o.hip_contact_force),
            arrow("other", o.hip_center, o.other_force),
        ),
        lever_arms=(
            (
                np.asarray(o.hip_center, dtype=float),
                np.asarray(o.body_weight_lever_end, dtype=float),
            ),
            (np.asarray(o.hip_center, dtype=float), np.asarray(o.abductor_lever_end, dtype=float)),
        ),
        pull_words=PULL_WORDS[frame.weaken],
        efforts={
            structure: float(effort)
            for structure, effort in frame.structure_activation().items()
            # An exercise's other hip works too where the model solves it (the side
            # plank's lifted top leg): its muscles carry their own efforts.
            if structure.endswith(f"_{frame.side[0]}") or frame.task in EXERCISES
        },
    )


def simulation_for(scene: AnatomyScene, mass_kg: float = 75.0) -> Simulation:
    """The model for the subject whose meshes ``scene`` shows (bones pivot at their joints)."""
    subject = subject_for(
        scene.landmarks.points,
        scene.manifest.subject.height_m,
        scene.manifest.subject.sex,
        mass_kg,
    )
    return Simulation(subject)


def show_frame(
    scene: AnatomyScene,
    simulation: Simulation,
    settings: SimulationSettings,
    phase: float,
    numbers: bool = True,
) -> BiomechFrame:
    """Solve the model at ``phase`` and show the frame on ``scene`` (poses and overlays).

    ``numbers`` False moves the overlays but keeps the numbers written in the view (the
    window writes them as often as the readouts under it while the movement plays).
    """
    frame = simulation.frame(settings, phase)
    overlays = settings.overlays
    if frame.task in EXERCISES and frame.task not in ("lateral_band_walk", "single_leg_squat"):
        # A body lying on the floor: its lowest point on it (the model has no surface
        # for the side it lies on); only the effort colours apply.
        frame = lifted(frame, -scene.anatomy.lowest_point(frame.poses))
    if frame.task in EXERCISES:
        overlays = overlays & EXERCISE_OVERLAYS
    scene.show_simulation(
        frame.poses,
        overlay_geometry(frame, simulation.subject.weight_n),
        overlays,
        numbers,
    )
    return frame


def exercise_camera(scene: AnatomyScene, exercise: str, side: str = "right") -> CameraPose:
    """The exercise's own view of the posed body: from its direction
    (:data:`~anatomy_viewer.logic.exercise_motion.EXERCISE_VIEWS`), framing every visible
    structure and the floor under it."""
    direction, up = view_direction(exercise, side)
    return scene.framing_camera(
        CameraPose(position=direction, focal_point=(0.0, 0.0, 0.0), view_up=up)
    )

"""A lesson step's picture, drawn off-screen as the app shows it.

One figure, or for a compare step two side by side as in the window: the step's own
strength on the left (captioned "Strength 35 %"), full strength on the right (captioned
"Normal strength"), through the same camera, with the step's structures, labels and
overlays on both. ``anatomy-viewer render --lesson`` and the handouts both draw steps
here, so a preview and a handout show what the app shows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from anatomy_viewer.lesson import SceneState
from anatomy_viewer.logic.frames import show_frame, simulation_for
from anatomy_viewer.logic.simulation import TELLING_PHASE, Simulation, SimulationSettings
from anatomy_viewer.logic.staging import (
    camera_pose,
    simulation_settings,
    stage_labels,
    stage_structures,
)
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.render import build_scene

NORMAL_CAPTION = "Normal strength"


def strength_caption(settings: SimulationSettings, yours: bool = False) -> str:
    """The caption of a compare step's own figure: ``Strength 35 %`` (``yours``: the
    patient's own strength, ``Your strength 35 %``)."""
    return f"{'Your strength' if yours else 'Strength'} {settings.strength_pct:.0f} %"


def still_phase(state: SceneState) -> tuple[SimulationSettings, float]:
    """A step's settings and the phase its still picture shows (a playing step's telling one)."""
    settings, phase, play, _ = simulation_settings(state)
    return settings, (TELLING_PHASE[settings.task] if play else phase)


def stage_figure(
    scene: AnatomyScene,
    simulation: Simulation,
    state: SceneState,
    settings: SimulationSettings,
    phase: float,
    audience: str,
    caption: str | None = None,
) -> None:
    """Stage one figure of a step: structures, pose, camera, labels and caption."""
    stage_structures(scene, state)
    show_frame(scene, simulation, settings, phase)
    scene.set_caption(caption)
    stage_labels(scene, state, audience)
    scene.set_camera(camera_pose(scene, state.camera, state.simulation))


def grab(scene: AnatomyScene) -> np.ndarray:
    """The scene's pixels, ``(height, width, 3)`` uint8, top row first."""
    scene.plotter.render()  # screenshot() renders only the first time
    image = scene.plotter.screenshot(None, return_img=True)
    return np.ascontiguousarray(np.asarray(image)[..., :3], dtype=np.uint8)


class StepPictures:
    """Draws lesson steps off-screen; make one, draw many steps, then `close` it.

    Parameters
    ----------
    size
        Width and height of one figure, pixels; a compare step's picture is twice as wide.
    quality
        Rendering preset: ``auto``, ``fast`` or ``quality``.
    text_scale
        How much larger than on screen the text is drawn (labels, angles, captions): a
        handout draws it large enough to read on paper.
    meshes, mass_kg
        The patient's anatomy set (default: the bundled one) and body mass.
    """

    def __init__(
        self,
        size: tuple[int, int],
        quality: str = "auto",
        text_scale: float = 1.0,
        meshes: Path | None = None,
        mass_kg: float = 75.0,
    ) -> None:
        self.size = size
        self.quality = quality
        self.text_scale = text_scale
        self.meshes = meshes
        self.scene = self._build()
        self.simulation = simulation_for(self.scene, mass_kg)
        self._twin: AnatomyScene | None = None

    def _build(self) -> AnatomyScene:
        scene = build_scene(self.size, self.quality, self.meshes)
        window = scene.plotter.render_window
        if window is not None and self.text_scale != 1.0:
            window.SetDPI(round(72 * self.text_scale))
        return scene

    def picture(self, state: SceneState, audience: str = "patient") -> np.ndarray:
        """The step's picture, ``(height, width, 3)``: one figure, or a compare step's pair."""
        settings, phase = still_phase(state)
        if not settings.compare:
            stage_figure(self.scene, self.simulation, state, settings, phase, audience)
            return grab(self.scene)
        own = settings.with_changes(compare=False)
        stage_figure(
            self.scene,
            self.simulation,
            state,
            own,
            phase,
            audience,
            strength_caption(settings, state.simulation.patient_strength),
        )
        self.scene.set_legends_visible(False)  # the legends once, in the right-hand figure
        try:
            left = grab(self.scene)
        finally:
            self.scene.set_legends_visible(True)
            self.scene.set_caption(None)
        if self._twin is None:
            self._twin = self._build()
        normal = own.with_changes(strength_pct=100.0)
        stage_figure(self._twin, self.simulation, state, normal, phase, audience, NORMAL_CAPTION)
        return np.hstack([left, grab(self._twin)])

    def close(self) -> None:
        """Release the off-screen views."""
        for scene in (self.scene, self._twin):
            if scene is not None:
                plotter = scene.plotter
                scene.close()
                plotter.close()
        self._twin = None

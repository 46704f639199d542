"""Headless pictures (``anatomy-viewer render``): anatomy, a simulation frame, a lesson step."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.lesson import LessonPlayer, load_lesson
from anatomy_viewer.logic.frames import show_frame, simulation_for
from anatomy_viewer.logic.simulation import (
    TELLING_PHASE,
    SimulationSettings,
)
from anatomy_viewer.logic.staging import camera_pose, simulation_settings, stage_structures
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.render import build_scene, save_picture


@dataclass(frozen=True)
class RenderRequest:
    """Everything that decides a headless picture.

    Attributes mirror the ``render`` command's options; ``strength_pct`` is 0..100 (of the
    muscle ``weaken`` names),
    ``phase`` 0..1 (``None``: the task's most telling moment), ``step`` counts from 1.
    ``view`` overrides a lesson step's camera when given.
    """

    out: Path
    size: tuple[int, int] = (1280, 720)
    view: str | None = None
    labels: bool = False
    skin: bool = False
    quality: str = "auto"
    task: str | None = None
    side: str = "right"
    strength_pct: float = 100.0
    phase: float | None = None
    compensation: str = "none"
    weaken: str = "gluteus_medius"
    lesson: Path | None = None
    step: int = 1
    audience: str = "patient"


def stage_lesson_step(
    scene: AnatomyScene, lesson_path: Path, step: int, audience: str = "patient"
) -> str:
    """Show step ``step`` (from 1) of a lesson on ``scene``; returns the step's title.

    Raises
    ------
    AnatomyViewerError
        When the lesson has errors or has no such step.
    """
    file = lesson_path / "lesson.yaml" if lesson_path.is_dir() else lesson_path
    lesson = load_lesson(file)
    if not 1 <= step <= len(lesson.steps):
        raise AnatomyViewerError(
            f"{file}: there is no step {step}; the lesson has steps 1 to {len(lesson.steps)}"
        )
    player = LessonPlayer(
        lesson, audience=audience if audience in lesson.audiences else lesson.audiences[0]
    )
    player.go_to(step - 1)
    state = player.scene
    stage_structures(scene, state)
    settings, phase, play, _ = simulation_settings(state)
    if play:
        phase = TELLING_PHASE[settings.task]
    show_frame(scene, simulation_for(scene), settings, phase)
    scene.set_camera(camera_pose(scene, state.camera))
    return player.current.title


def render_picture(request: RenderRequest) -> Path:
    """Render the picture a :class:`RenderRequest` describes and save it as PNG."""
    scene = build_scene(request.size, request.quality)
    try:
        if request.lesson is not None:
            stage_lesson_step(scene, request.lesson, request.step, request.audience)
            if request.view is not None:
                scene.set_camera(scene.preset_camera(request.view))
        else:
            for structure_id in scene.anatomy.ids:
                if scene.anatomy.entry(structure_id).group == "skin":
                    scene.anatomy.set_visible(structure_id, request.skin)
            if request.task is not None:
                settings = SimulationSettings(
                    task=request.task,
                    side=request.side,
                    strength_pct=request.strength_pct,
                    compensation=request.compensation,
                    weaken=request.weaken,
                )
                phase = TELLING_PHASE[request.task] if request.phase is None else request.phase
                show_frame(scene, simulation_for(scene), settings, phase)
            if request.labels:
                scene.label_all_visible(True)
            scene.set_camera(scene.preset_camera(request.view or "anterior"))
        return save_picture(scene, request.out)
    finally:
        plotter = scene.plotter
        scene.close()
        plotter.close()

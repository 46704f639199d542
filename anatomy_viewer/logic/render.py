"""Headless pictures (``anatomy-viewer render``): anatomy, a simulation frame, a lesson step."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.lesson import CameraState, LessonPlayer, Patient, StepView, load_lesson
from anatomy_viewer.logic.exercise_table import SEE_THROUGH
from anatomy_viewer.logic.frames import exercise_camera, show_frame, simulation_for
from anatomy_viewer.logic.patient_lesson import with_model
from anatomy_viewer.logic.simulation import TELLING_PHASE, SimulationSettings
from anatomy_viewer.logic.step_picture import StepPictures, stage_figure, still_phase
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.render import build_scene, check_png_path, save_picture, save_pixels
from anatomy_viewer.vocabulary import EXERCISES


@dataclass(frozen=True)
class RenderRequest:
    """Everything that decides a headless picture.

    Attributes mirror the ``render`` command's options; ``strength_pct`` is 0..100 (of the
    muscle ``weaken`` names),
    ``phase`` 0..1 (``None``: the task's most telling moment), ``step`` counts from 1.
    ``view`` overrides a lesson step's camera when given; without it an exercise is seen
    from its own view. ``meshes`` is the anatomy set to
    draw (default: the bundled one; see :mod:`anatomy_viewer.logic.patient_anatomy`).
    ``patient`` is what a lesson's steps about the patient show (``None``: no patient).
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
    meshes: Path | None = None
    mass_kg: float = 75.0
    patient: Patient | None = None


def lesson_player(lesson_path: Path, step: int, audience: str = "patient") -> LessonPlayer:
    """A player of a lesson at step ``step`` (from 1), for ``audience`` if it has text for it.

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
    return player


def lesson_step(lesson_path: Path, step: int, audience: str = "patient") -> tuple[StepView, str]:
    """Step ``step`` (from 1) of a lesson, and the audience its text is shown to.

    Raises
    ------
    AnatomyViewerError
        When the lesson has errors or has no such step.
    """
    player = lesson_player(lesson_path, step, audience)
    return player.current, player.audience


def stage_lesson_step(
    scene: AnatomyScene, lesson_path: Path, step: int, audience: str = "patient"
) -> str:
    """Show step ``step`` (from 1) of a lesson on ``scene``; returns the step's title.

    A compare step shows its own strength here; `render_picture` draws its pair.

    Raises
    ------
    AnatomyViewerError
        When the lesson has errors or has no such step.
    """
    view, audience = lesson_step(lesson_path, step, audience)
    settings, phase = still_phase(view.scene)
    stage_figure(
        scene,
        simulation_for(scene),
        view.scene,
        settings.with_changes(compare=False),
        phase,
        audience,
    )
    return view.title


def _render_lesson_step(request: RenderRequest) -> Path:
    """A lesson step's picture as the app shows it; a compare step's two figures side by side."""
    assert request.lesson is not None
    player = lesson_player(request.lesson, request.step, request.audience)
    width, height = request.size
    pictures = StepPictures(
        (width // 2, height) if player.scene.compare else (width, height),
        request.quality,
        meshes=request.meshes,
        mass_kg=request.mass_kg,
    )
    try:
        player.patient = with_model(request.patient, pictures.simulation)
        state = player.scene
        if request.view is not None:
            state = replace(state, camera=CameraState(preset=request.view))
        pixels = pictures.picture(state, player.audience)
    finally:
        pictures.close()
    return save_pixels(pixels, request.out)


def render_picture(request: RenderRequest) -> Path:
    """Render the picture a :class:`RenderRequest` describes and save it as PNG."""
    if request.lesson is not None:
        check_png_path(request.out)
        return _render_lesson_step(request)
    scene = build_scene(request.size, request.quality, request.meshes)
    try:
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
            show_frame(scene, simulation_for(scene, request.mass_kg), settings, phase)
        if request.task in EXERCISES:
            for structure_id in SEE_THROUGH:  # gluteus medius shows, as in the app's tab
                if structure_id in scene.anatomy.ids:
                    scene.anatomy.set_mode(structure_id, "ghosted")
        if request.task in EXERCISES and request.view in (None, "exercise"):
            camera = exercise_camera(scene, request.task, request.side)
        else:
            camera = scene.preset_camera(request.view or "anterior")
        if request.labels:
            scene.label_all_visible(True, camera)
        scene.set_camera(camera)
        return save_picture(scene, request.out)
    finally:
        plotter = scene.plotter
        scene.close()
        plotter.close()

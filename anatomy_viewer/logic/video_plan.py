"""What a video shows: a lesson's steps (or one animation) as a timeline, staged on a scene.

The preset cameras frame what a step shows, so each step is staged on the export's scene
before its camera is asked for; the timeline itself (:mod:`anatomy_viewer.logic.timeline`)
is then a pure function of time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from anatomy_viewer.biomech.exercise_catalogue import CATALOGUE
from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.lesson import LessonPlayer, load_lesson
from anatomy_viewer.logic.frames import exercise_camera, show_frame, simulation_for
from anatomy_viewer.logic.simulation import TELLING_PHASE, SimulationSettings
from anatomy_viewer.logic.staging import camera_pose, simulation_settings, stage_structures
from anatomy_viewer.logic.timeline import StepPlan, Timeline
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.vocabulary import EXERCISES, TASKS

if TYPE_CHECKING:
    from anatomy_viewer.logic.video import VideoRequest

#: Task names in words, for the caption of an animation without a lesson.
TASK_WORDS = {
    "stance": "Standing on one leg",
    "squat": "Single-leg squat",
    "abduction": "Leg out",
    "walk": "Walking",
    "run": "Running",
}


def _lesson_plans(
    scene: AnatomyScene, lesson_path: Path, audience: str
) -> tuple[str, list[StepPlan]]:
    file = lesson_path / "lesson.yaml" if lesson_path.is_dir() else lesson_path
    lesson = load_lesson(file)
    player = LessonPlayer(
        lesson, audience=audience if audience in lesson.audiences else lesson.audiences[0]
    )
    plans: list[StepPlan] = []
    for index in range(player.step_count):
        player.go_to(index)
        view = player.current
        # The preset cameras frame what the step shows, so stage it before asking; an
        # exercise's body lies elsewhere than a standing one: pose it too.
        stage_structures(scene, view.scene)
        settings, phase, play, loops = simulation_settings(view.scene)
        if settings.task in EXERCISES:
            show_frame(scene, simulation_for(scene), settings, TELLING_PHASE[settings.task])
        plans.append(
            StepPlan(
                index=index,
                title=view.title,
                words=len(view.markdown.split()),
                scene=view.scene,
                advance=view.advance,
                settings=settings,
                phase=phase,
                play=play,
                loops=loops,
                camera=camera_pose(scene, view.scene.camera, view.scene.simulation),
            )
        )
    return lesson.title, plans


def plan_video(scene: AnatomyScene, request: VideoRequest) -> Timeline:
    """The timeline of a request: the lesson's steps (or one), or the animation alone.

    Raises
    ------
    AnatomyViewerError
        When the lesson has errors (every message names the file and line) or no such step.
    """
    from anatomy_viewer.lesson import SceneState, SimulationState
    from anatomy_viewer.lesson.model import Advance, CameraState, Playback

    if request.lesson is not None:
        _, plans = _lesson_plans(scene, Path(request.lesson).expanduser(), request.audience)
        if request.step is not None:
            if not 1 <= request.step <= len(plans):
                raise AnatomyViewerError(
                    f"{request.lesson}: there is no step {request.step}; "
                    f"the lesson has steps 1 to {len(plans)}"
                )
            plans = [plans[request.step - 1]]
        return Timeline(plans, start_camera=scene.home_camera())
    if request.task not in TASKS + EXERCISES:
        raise AnatomyViewerError(f"unknown task {request.task!r}")
    settings = SimulationSettings(
        task=request.task,
        side=request.side,
        strength_pct=request.strength_pct,
        compensation=request.compensation,
        speed=request.speed,
        loop=False,
        compare=request.compare,
        weaken=request.weaken,
    )
    if request.overlays is not None:
        settings = settings.with_changes(overlays=frozenset(request.overlays))
    state = SceneState(
        camera=CameraState(preset=request.view, duration_s=0.0),
        simulation=SimulationState(
            task=request.task,
            side=request.side,
            strength_pct=request.strength_pct,
            compensation=request.compensation,
            phase=None,
            play=Playback(speed=request.speed, loops=request.loops),
        ),
    )
    for structure_id in scene.anatomy.ids:
        if scene.anatomy.entry(structure_id).group == "skin":
            scene.anatomy.set_visible(structure_id, False)
    if request.camera is not None:
        camera = request.camera
    elif request.task in EXERCISES and request.view in (None, "exercise"):
        # Framed on the held pose (the movement stays near it).
        show_frame(scene, simulation_for(scene), settings, TELLING_PHASE[request.task])
        camera = exercise_camera(scene, request.task, request.side)
    else:
        camera = scene.preset_camera(request.view or "anterior")
    muscle = "gluteus medius" if request.weaken == "gluteus_medius" else "hip abductors"
    words = TASK_WORDS.get(request.task) or CATALOGUE[request.task].name
    caption = f"{words} · {muscle} {request.strength_pct:.0f} %"
    plan = StepPlan(
        index=0,
        title=caption,
        words=0,
        scene=state,
        advance=Advance(mode="animation"),
        settings=settings,
        phase=0.0,
        play=True,
        loops=request.loops,
        camera=camera,
    )
    return Timeline([plan], start_camera=camera)

"""What a printed handout holds: the lesson's steps, their text and a picture of each.

The pictures are rendered off-screen on a scene of their own (never the window's), each
step staged exactly as :func:`anatomy_viewer.logic.render.stage_lesson_step` stages it for
``anatomy-viewer render --lesson``. The page layout is the UI's business
(:mod:`anatomy_viewer.ui.handout`), since Qt writes the PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.lesson import LessonPlayer, SceneState, load_lesson, render_markdown
from anatomy_viewer.logic.frames import show_frame, simulation_for
from anatomy_viewer.logic.simulation import (
    TELLING_PHASE,
    Simulation,
    SimulationSettings,
)
from anatomy_viewer.logic.staging import camera_pose, simulation_settings, stage_structures
from anatomy_viewer.scene.anatomy_scene import AnatomyScene

#: Pixels of a step's picture: 4:5 portrait, to fit a standing body, printed about 64 mm
#: wide (about 290 dpi).
PICTURE_SIZE = (720, 900)
#: How much larger than on screen the picture's text is drawn (labels, angles, captions):
#: 15-point labels at 2.4 times 72 dpi are 36 pixels high, 3.2 mm (9 points) on paper,
#: as large as the handout's own small print. At screen size they printed at 3 points.
TEXT_SCALE = 2.4
AUDIENCES = ("patient", "student")


@dataclass(frozen=True)
class HandoutStep:
    """One step as printed.

    Attributes
    ----------
    number
        Step number from 1.
    title
        The step's title.
    html
        The step's text for the audience, rendered to safe HTML.
    picture
        The 3D view of the step, ``(height, width, 3)`` uint8; a compare step's is twice
        as wide: its own strength on the left, normal strength on the right.
    question
        The step's quiz question, to think about at home, else ``None``.
    """

    number: int
    title: str
    html: str
    picture: np.ndarray
    question: str | None = None


@dataclass(frozen=True)
class HandoutContent:
    """A lesson ready to lay out on paper."""

    title: str
    description: str
    audience: str
    folder: Path
    steps: tuple[HandoutStep, ...]


def _picture(
    scene: AnatomyScene,
    simulation: Simulation,
    state: SceneState,
    settings: SimulationSettings,
    phase: float,
) -> np.ndarray:
    """Stage a step on ``scene`` and return its pixels (height, width, 3)."""
    stage_structures(scene, state)
    show_frame(scene, simulation, settings, phase)
    scene.set_camera(camera_pose(scene, state.camera))
    scene.plotter.render()  # screenshot() renders only the first time
    image = scene.plotter.screenshot(None, return_img=True)
    return np.ascontiguousarray(np.asarray(image)[..., :3], dtype=np.uint8)


def _paper_scene(size: tuple[int, int], quality: str) -> AnatomyScene:
    """An off-screen scene whose text is drawn large enough to read on paper."""
    from anatomy_viewer.scene.render import build_scene

    scene = build_scene(size, quality)
    window = scene.plotter.render_window
    if window is not None:
        window.SetDPI(round(72 * TEXT_SCALE * size[0] / PICTURE_SIZE[0]))
    return scene


def handout_content(
    lesson_path: Path,
    audience: str = "patient",
    picture_size: tuple[int, int] = PICTURE_SIZE,
    quality: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> HandoutContent:
    """Load a lesson and render every step's picture for a handout.

    Parameters
    ----------
    lesson_path
        A ``lesson.yaml`` or the folder holding one.
    audience
        ``patient`` or ``student``: whose text is printed (a lesson without text for
        that audience gives its first audience's).
    picture_size
        Width and height of each picture in pixels.
    quality
        Rendering preset: ``auto``, ``fast`` or ``quality``.
    progress
        Called with ``(steps done, steps in all)`` after each picture.

    Raises
    ------
    AnatomyViewerError
        When the lesson cannot be loaded; the message names the file and line.
    """
    if audience not in AUDIENCES:
        raise AnatomyViewerError(f"audience must be patient or student, not {audience!r}")
    path = Path(lesson_path).expanduser()
    file = path / "lesson.yaml" if path.is_dir() else path
    if not file.exists():
        raise AnatomyViewerError(f"{file}: no such lesson file")
    lesson = load_lesson(file)
    player = LessonPlayer(
        lesson, audience=audience if audience in lesson.audiences else lesson.audiences[0]
    )
    scene = _paper_scene(picture_size, quality)
    twin: AnatomyScene | None = None  # normal strength, beside compare steps
    try:
        simulation = simulation_for(scene)
        steps: list[HandoutStep] = []
        for index in range(player.step_count):
            player.go_to(index)
            view = player.current
            settings, phase, play, _ = simulation_settings(view.scene)
            phase = TELLING_PHASE[settings.task] if play else phase
            picture = _picture(scene, simulation, view.scene, settings, phase)
            if settings.compare:
                twin = twin or _paper_scene(picture_size, quality)
                twin.set_caption("Normal strength")
                scene.set_caption(f"Strength {settings.strength_pct:.0f} %")
                scene.set_legends_visible(False)  # once, in the right-hand picture
                weak = _picture(scene, simulation, view.scene, settings, phase)
                scene.set_legends_visible(True)
                scene.set_caption(None)
                normal = settings.with_changes(strength_pct=100.0, compare=False)
                picture = np.hstack([weak, _picture(twin, simulation, view.scene, normal, phase)])
            question = view.quiz.question if view.quiz is not None else None
            steps.append(
                HandoutStep(
                    number=index + 1,
                    title=view.title,
                    html=render_markdown(view.markdown, lesson.folder),
                    picture=picture,
                    question=question,
                )
            )
            if progress is not None:
                progress(index + 1, player.step_count)
    finally:
        for each in (scene, twin):
            if each is not None:
                plotter = each.plotter
                each.close()
                plotter.close()
    return HandoutContent(
        title=lesson.title,
        description=lesson.description,
        audience=player.audience,
        folder=lesson.folder,
        steps=tuple(steps),
    )

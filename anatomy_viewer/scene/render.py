"""Headless pictures of the 3D view (``anatomy-viewer render``), with no display needed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyvista as pv

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, load_scene
from anatomy_viewer.scene.quality import RenderPreset, choose_preset, renderer_name


@dataclass(frozen=True)
class RenderRequest:
    """Everything that decides a headless picture.

    Attributes mirror the ``render`` command's options; ``strength_pct`` is 0..100,
    ``phase`` 0..1 (``None``: the task's most telling moment), ``step`` counts from 1.
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
    lesson: Path | None = None
    step: int = 1


def off_screen_plotter(size: tuple[int, int]) -> pv.Plotter:
    """An off-screen plotter of ``size`` pixels (EGL when there is no display)."""
    return pv.Plotter(off_screen=True, window_size=list(size))


def detect_preset(plotter: pv.Plotter, requested: str) -> tuple[RenderPreset, str]:
    """Render once to create the OpenGL context, then choose the preset for its renderer."""
    plotter.ren_win.Render()
    name = renderer_name(plotter.ren_win.ReportCapabilities())
    return choose_preset(name, None if requested == "auto" else requested), name


def build_scene(size: tuple[int, int], quality: str = "auto") -> AnatomyScene:
    """An off-screen plotter with the bundled anatomy on it."""
    plotter = off_screen_plotter(size)
    preset, _ = detect_preset(plotter, quality)
    return load_scene(plotter, meshes_dir(), preset)


def save_picture(scene: AnatomyScene, out: Path) -> Path:
    """Render the scene and write it to ``out`` as PNG, creating the folder if needed."""
    out = out.expanduser()
    if out.suffix.lower() != ".png":
        raise AnatomyViewerError(f"{out}: pictures are saved as PNG; give a file name ending in .png")
    out.parent.mkdir(parents=True, exist_ok=True)
    scene.plotter.render()
    scene.plotter.screenshot(str(out))
    return out


def render_picture(request: RenderRequest) -> Path:
    """Render the picture a :class:`RenderRequest` describes and save it."""
    scene = build_scene(request.size, request.quality)
    try:
        for structure_id in scene.anatomy.ids:
            if scene.anatomy.entry(structure_id).group == "skin":
                scene.anatomy.set_visible(structure_id, request.skin)
        if request.labels:
            scene.label_all_visible(True)
        scene.set_camera(scene.preset_camera(request.view or "anterior"))
        return save_picture(scene, request.out)
    finally:
        plotter = scene.plotter
        scene.close()
        plotter.close()

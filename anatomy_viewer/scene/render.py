"""Off-screen plotters and saving pictures of them, with no display needed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyvista as pv
from pyvista.plotting.plotter import BasePlotter
from vtkmodules.vtkIOImage import vtkPNGWriter

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, load_scene
from anatomy_viewer.scene.quality import RenderPreset, choose_preset, renderer_name


def off_screen_plotter(size: tuple[int, int]) -> pv.Plotter:
    """An off-screen plotter of ``size`` pixels (EGL when there is no display).

    Multi-sampling is off, as in the window: PyVista's theme would ask for 8 samples, the
    slowest anti-aliasing on a software renderer; the quality preset adds FXAA instead.
    """
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    window = plotter.render_window
    if window is not None:
        window.SetMultiSamples(0)
    return plotter


def detect_preset(plotter: BasePlotter, requested: str) -> tuple[RenderPreset, str]:
    """Render once to create the OpenGL context, then choose the preset for its renderer."""
    window = plotter.render_window
    if window is None:
        raise AnatomyViewerError("the 3D view has no render window (it was closed)")
    window.Render()
    name = renderer_name(window.ReportCapabilities())
    return choose_preset(name, None if requested == "auto" else requested), name


def build_scene(
    size: tuple[int, int], quality: str = "auto", meshes: Path | None = None
) -> AnatomyScene:
    """An off-screen plotter with the anatomy of ``meshes`` (default: the bundled set) on it."""
    plotter = off_screen_plotter(size)
    preset, _ = detect_preset(plotter, quality)
    return load_scene(plotter, meshes or meshes_dir(), preset)


def check_png_path(out: Path) -> Path:
    """The expanded path, or an error naming it when it is not a ``.png`` file name."""
    out = out.expanduser()
    if out.suffix.lower() != ".png":
        raise AnatomyViewerError(
            f"{out}: pictures are saved as PNG; give a file name ending in .png"
        )
    return out


def save_picture(scene: AnatomyScene, out: Path) -> Path:
    """Render the scene and write it to ``out`` as PNG, creating the folder if needed."""
    out = check_png_path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    scene.plotter.render()
    scene.plotter.screenshot(str(out))
    return out


def save_pixels(pixels: np.ndarray, out: Path) -> Path:
    """Write ``(height, width, 3)`` pixels (top row first) to ``out`` as PNG."""
    out = check_png_path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    image = pv.pyvista_ndarray(np.ascontiguousarray(pixels[::-1], dtype=np.uint8))
    grid = pv.ImageData(dimensions=(pixels.shape[1], pixels.shape[0], 1))
    grid.point_data["rgb"] = image.reshape(-1, 3)
    grid.set_active_scalars("rgb")
    writer = vtkPNGWriter()
    writer.SetFileName(str(out))
    writer.SetInputData(grid)
    writer.Write()
    return out

"""Rendering presets: a fast one for software renderers, a quality one for real GPUs.

Anti-aliasing is the largest cost on a software renderer (multi-sample anti-aliasing
made a 205k-triangle frame five times slower on Mesa llvmpipe, docs/performance.md), so the
fast preset turns it off, draws the lighter level of detail and a plain background.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal

PresetName = Literal["fast", "quality"]

# Renderer names that mean the GPU is emulated on the processor.
_SOFTWARE_RENDERERS = re.compile(r"llvmpipe|softpipe|swiftshader|swrast|software", re.IGNORECASE)


@dataclass(frozen=True)
class RenderPreset:
    """How the scene is drawn.

    Attributes
    ----------
    name
        ``"fast"`` or ``"quality"``.
    level_of_detail
        Which mesh files to load: ``"fast"`` (about 50k triangles) or ``"full"``.
    smooth_edges
        Screen-space anti-aliasing (FXAA). Multi-sampling is never used: it must be
        chosen before the window exists, and it is the slowest option on every renderer.
    gradient_background
        A background fading from blue-grey to pale; otherwise one plain colour. A
        gradient is a full-screen pass every frame, free on a graphics card and about an
        eighth of a frame on a software renderer.
    """

    name: PresetName
    level_of_detail: Literal["fast", "full"]
    smooth_edges: bool
    gradient_background: bool


FAST = RenderPreset(
    name="fast", level_of_detail="fast", smooth_edges=False, gradient_background=False
)
QUALITY = RenderPreset(
    name="quality", level_of_detail="full", smooth_edges=True, gradient_background=True
)


def is_software_renderer(renderer_name: str) -> bool:
    """Tell whether an OpenGL renderer string names a software rasteriser."""
    return bool(_SOFTWARE_RENDERERS.search(renderer_name))


def renderer_name(capabilities: str) -> str:
    """Extract the OpenGL renderer from ``vtkRenderWindow.ReportCapabilities()`` text."""
    for line in capabilities.splitlines():
        if line.strip().lower().startswith("opengl renderer string"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def choose_preset(renderer: str, requested: str | None = None) -> RenderPreset:
    """Pick the preset for a renderer, unless the user asked for one.

    Parameters
    ----------
    renderer
        The OpenGL renderer string.
    requested
        ``"fast"``, ``"quality"`` or ``None``/``"auto"``; ``ANATOMY_VIEWER_QUALITY``
        in the environment is used when this is ``None``.
    """
    choice = requested or os.environ.get("ANATOMY_VIEWER_QUALITY", "auto")
    if choice == "fast":
        return FAST
    if choice == "quality":
        return QUALITY
    return FAST if is_software_renderer(renderer) else QUALITY

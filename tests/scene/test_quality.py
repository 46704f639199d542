"""The renderer decides the preset unless the user chooses."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.scene.quality import (
    FAST,
    QUALITY,
    RenderPreset,
    choose_preset,
    is_software_renderer,
    renderer_name,
)
from anatomy_viewer.scene.stage import StageVisual, background_colors


@pytest.mark.parametrize(
    "name",
    ["llvmpipe (LLVM 15.0.6, 256 bits)", "softpipe", "Google SwiftShader", "Mesa X11 swrast"],
)
def test_software_renderers_get_the_fast_preset(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANATOMY_VIEWER_QUALITY", raising=False)
    assert is_software_renderer(name)
    assert choose_preset(name) is FAST


@pytest.mark.parametrize(
    "name", ["NVIDIA H100 80GB HBM3/PCIe/SSE2", "AMD Radeon Pro", "Mesa Intel(R) UHD Graphics 620"]
)
def test_graphics_cards_get_the_quality_preset(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANATOMY_VIEWER_QUALITY", raising=False)
    assert not is_software_renderer(name)
    assert choose_preset(name) is QUALITY
    assert choose_preset(name, "fast") is FAST


def test_fast_preset_has_no_anti_aliasing_and_light_meshes() -> None:
    assert not FAST.smooth_edges
    assert FAST.level_of_detail == "fast"


def test_renderer_name_is_read_from_capabilities() -> None:
    text = (
        "OpenGL vendor string:  Mesa\n"
        "OpenGL renderer string:  llvmpipe (LLVM 15)\n"
        "OpenGL version string: 4.5"
    )
    assert renderer_name(text) == "llvmpipe (LLVM 15)"
    assert renderer_name("nothing useful") == "unknown"


@pytest.mark.parametrize("preset", [FAST, QUALITY], ids=["fast", "quality"])
def test_the_background_is_a_gradient_only_in_the_quality_preset(preset: RenderPreset) -> None:
    plotter = pv.Plotter(off_screen=True, window_size=[160, 120])
    try:
        stage = StageVisual(plotter, 0.5, preset)
        plotter.camera_position = [(0.0, 0.0, 10.0), (0.0, 0.0, 20.0), (0.0, 1.0, 0.0)]
        image = np.asarray(plotter.screenshot(return_img=True), dtype=float)
        top, bottom = image[2, 80, :3], image[-3, 80, :3]
        expected_bottom, expected_top = background_colors(preset)
        assert top == pytest.approx(np.asarray(expected_top) * 255, abs=4)
        assert bottom == pytest.approx(np.asarray(expected_bottom) * 255, abs=4)
        assert (np.abs(top - bottom).max() > 10) == preset.gradient_background
        stage.close()
    finally:
        plotter.close()

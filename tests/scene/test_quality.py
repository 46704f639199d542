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


def test_the_quality_preset_draws_the_anatomy_off_screen() -> None:
    """What every user with a graphics card gets: full meshes, FXAA, gradient, skinning."""
    from anatomy_viewer.logic.frames import show_frame, simulation_for
    from anatomy_viewer.logic.simulation import SimulationSettings
    from anatomy_viewer.resources import meshes_dir
    from anatomy_viewer.scene.anatomy_scene import load_scene
    from anatomy_viewer.scene.render import off_screen_plotter

    fast_plotter, plotter = off_screen_plotter((320, 240)), off_screen_plotter((320, 240))
    fast, scene = load_scene(fast_plotter, meshes_dir(), FAST), None
    try:
        scene = load_scene(plotter, meshes_dir(), QUALITY)
        assert scene.anatomy.triangle_count() > 1.5 * fast.anatomy.triangle_count()
        # Smoothed edges: FXAA, or the super-sampling pass PyVista puts in its place where a
        # headless (EGL) build of VTK lacks FXAA.
        assert plotter.renderer.GetUseFXAA() or plotter.renderer.GetPass() is not None
        settings = SimulationSettings(task="squat", strength_pct=30.0)
        show_frame(scene, simulation_for(scene), settings, 0.5)
        scene.set_camera(scene.preset_camera("anterior"))
        plotter.render()
        image = np.asarray(plotter.screenshot(return_img=True), dtype=float)[..., :3]
        # The anatomy fills a good part of the view, over the gradient background.
        bottom, top = background_colors(QUALITY)
        rows = np.linspace(bottom, top, image.shape[0])[::-1] * 255
        background = np.abs(image - rows[:, None, :]).max(axis=2) < 8
        assert 0.1 < 1.0 - background.mean() < 0.9
        assert scene.anatomy.skinned_on_processor() == []  # the shader took the skinning
    finally:
        if scene is not None:
            scene.close()
        fast.close()
        plotter.close()
        fast_plotter.close()

"""Off-screen plotters that every test closes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import pyvista as pv

from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, load_scene
from anatomy_viewer.scene.quality import FAST


@pytest.fixture
def plotter() -> Iterator[pv.Plotter]:
    """A 640x480 off-screen plotter, closed after the test."""
    plotter = pv.Plotter(off_screen=True, window_size=[640, 480])
    yield plotter
    plotter.close()


@pytest.fixture
def scene(plotter: pv.Plotter) -> Iterator[AnatomyScene]:
    """The bundled anatomy on an off-screen plotter, fast preset."""
    scene = load_scene(plotter, meshes_dir(), FAST)
    yield scene
    scene.close()

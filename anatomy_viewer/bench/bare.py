"""The bare views the app is measured against: the least the same meshes can cost.

:class:`NativeBareView` is the baseline: the app's own viewport class (``QtViewport``, a
native window VTK draws into), alone in a window of the viewport's size, with the same
meshes at the app's level of detail, the floor, the app's lights, background and
multi-sampling, and nothing else: no overlays, no overlay layer, no labels, no model.

:class:`PyVistaQtBareView` is the secondary figure: the same meshes in pyvistaqt's
``QtInteractor``, the usual way to put PyVista in a Qt window (an OpenGL widget that Qt
composes with the rest of the window). It needs the ``bench`` extra (pyvistaqt).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from anatomy_viewer.ui.main_window import QtMainWindow


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _add_app_meshes(plotter: Any, window: QtMainWindow) -> None:
    """The app's visible meshes (its level of detail) and its floor, on ``plotter``."""
    import pyvista as pv

    from anatomy_viewer.anatomy.manifest import load_manifest
    from anatomy_viewer.scene.stage import _floor_disc, background_colors

    assert window.scene is not None and window.preset is not None
    manifest = load_manifest(window.scene.manifest.directory)
    for entry in manifest.structures:
        if entry.id in window.scene.anatomy.ids and window.scene.anatomy.is_visible(entry.id):
            name = entry.file_fast if window.preset.level_of_detail == "fast" else entry.file
            mesh = pv.read(manifest.directory / name)
            actor = plotter.add_mesh(mesh, color=entry.color, render=False, reset_camera=False)
            actor.prop.interpolation = "gouraud"  # with the file's normals, as in the app
    floor = _floor_disc(
        0.35 * window.scene.manifest.subject.height_m, background_colors(window.preset)[0]
    )
    plotter.add_mesh(floor, scalars="rgb", rgb=True, lighting=False, render=False)


class _BareWindow:
    """A window holding one bare view: shown or hidden between blocks, timed per frame."""

    holder: Any
    plotter: Any

    def draw(self) -> None:
        """Start drawing one frame."""
        raise NotImplementedError

    def frame(self, process_events: Callable[[], None]) -> float:
        """One timed frame: :meth:`draw` and Qt's event processing."""

        def whole_frame() -> None:
            self.draw()
            process_events()

        return _timed(whole_frame)

    def show(self, visible: bool) -> None:
        """Show or hide the view's window."""
        self.holder.setVisible(visible)

    def close(self) -> None:
        """Close the view and its window."""
        self.plotter.close()
        self.holder.close()
        self.holder.deleteLater()


class NativeBareView(_BareWindow):
    """The same meshes, lights and settings in the app's own native-window viewport.

    ``size`` is the view's size in Qt's pixels: the app's viewport's unless given.
    """

    def __init__(
        self,
        window: QtMainWindow,
        process_events: Callable[[], None],
        size: tuple[int, int] | None = None,
    ) -> None:
        from PySide6.QtWidgets import QVBoxLayout, QWidget
        from vtkmodules.vtkRenderingCore import vtkLight

        from anatomy_viewer.ui.viewport import QtViewport

        assert window.scene is not None and window.preset is not None
        width, height = size or (window.plotter.width(), window.plotter.height())
        app_window = window.plotter.render_window
        samples = app_window.GetMultiSamples() if app_window is not None else 0
        self.holder = QWidget()
        self.holder.setWindowTitle("anatomy-viewer bench: bare native view")
        layout = QVBoxLayout(self.holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self.plotter = QtViewport(self.holder, multi_samples=samples)
        layout.addWidget(self.plotter)
        self.holder.setFixedSize(width, height)
        _add_app_meshes(self.plotter, window)
        # The app's lights and background, copied: the same shading work per pixel.
        self.plotter.renderer.RemoveAllLights()
        lights = window.plotter.renderer.GetLights()
        lights.InitTraversal()
        for _ in range(lights.GetNumberOfItems()):
            light = vtkLight()
            light.DeepCopy(lights.GetNextItem())
            self.plotter.renderer.AddLight(light)
        self.plotter.renderer.SetBackground(window.plotter.renderer.GetBackground())
        if window.preset.gradient_background:
            self.plotter.renderer.SetBackground2(window.plotter.renderer.GetBackground2())
            self.plotter.renderer.GradientBackgroundOn()
        if window.preset.smooth_edges:
            self.plotter.enable_anti_aliasing("fxaa")
        self.plotter.camera = window.plotter.camera.copy()  # type: ignore[no-untyped-call]
        self.holder.show()
        process_events()
        render_window = self.plotter.render_window
        self.size = tuple(render_window.GetSize()) if render_window is not None else (0, 0)

    def draw(self) -> None:
        """Draw a frame as the app does: a render, with the swap to the screen."""
        self.plotter.render()


class NativeBarePair:
    """Two bare native views side by side, at the sizes of compare mode's two views.

    What drawing the anatomy twice costs by itself: the reference for how much the app's
    compare mode adds to that.
    """

    def __init__(
        self,
        window: QtMainWindow,
        process_events: Callable[[], None],
        sizes: tuple[tuple[int, int], tuple[int, int]],
    ) -> None:
        self.views = [NativeBareView(window, process_events, size) for size in sizes]
        self.views[1].holder.move(sizes[0][0] + 2, 0)
        self.size = self.views[0].size

    def frame(self, process_events: Callable[[], None]) -> float:
        """Both views drawn, then Qt's events: one frame of the pair."""

        def whole_frame() -> None:
            for view in self.views:
                view.draw()
            process_events()

        return _timed(whole_frame)

    def show(self, visible: bool) -> None:
        """Show or hide both windows."""
        for view in self.views:
            view.show(visible)

    def close(self) -> None:
        """Close both views."""
        for view in self.views:
            view.close()


class PyVistaQtBareView(_BareWindow):
    """The same visible meshes in a bare pyvistaqt view, at the same size and settings.

    pyvistaqt's widget renders when Qt paints it: a frame is a repaint request and Qt's
    event processing (one VTK render, the copy into Qt and Qt's composition).
    """

    def __init__(self, window: QtMainWindow, process_events: Callable[[], None]) -> None:
        from PySide6.QtWidgets import QWidget
        from pyvistaqt import QtInteractor

        assert window.scene is not None and window.preset is not None
        width, height = window.plotter.width(), window.plotter.height()
        self.holder = QWidget()
        self.holder.setFixedSize(width, height)
        app_window = window.plotter.render_window
        samples = app_window.GetMultiSamples() if app_window is not None else 0
        self.plotter = QtInteractor(self.holder, auto_update=False, multi_samples=samples)
        if window.preset.smooth_edges:
            self.plotter.enable_anti_aliasing("fxaa")
        self.plotter.setFixedSize(width, height)
        _add_app_meshes(self.plotter, window)
        self.plotter.camera = window.plotter.camera.copy()  # type: ignore[no-untyped-call]
        self.holder.show()
        process_events()

    def draw(self) -> None:
        """Ask the view to repaint; Qt paints it when its events are processed."""
        self.plotter.Render()


def pyvistaqt_available() -> bool:
    """Whether pyvistaqt (the ``bench`` extra) is installed."""
    import importlib.util

    return importlib.util.find_spec("pyvistaqt") is not None

"""Compare mode: a second 3D view at normal strength beside the main one, same camera.

Both views look through one camera. Turning or zooming one view with the mouse makes VTK
redraw that view only, so the other is redrawn right after (:meth:`QtCompareView.follow`):
after a drag step, and after each turn of the wheel, which VTK's trackball handles without
any interaction event. The twin's surfaces are mirrored with the main view's, or a mirror
view would light the twin from behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QBoxLayout, QWidget

from anatomy_viewer.lesson import SceneState
from anatomy_viewer.logic.staging import stage_structures
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, load_scene, scene_from_prepared
from anatomy_viewer.scene.prepared_anatomy import PreparedAnatomy
from anatomy_viewer.scene.quality import RenderPreset
from anatomy_viewer.ui.viewport import QtViewport

#: Interactor events after which the view that did not move must be drawn again.
_CAMERA_EVENTS = ("InteractionEvent", "MouseWheelForwardEvent", "MouseWheelBackwardEvent")


class QtCompareView(QObject):
    """Creates, shows, hides and closes the normal-strength twin of the main view.

    Parameters
    ----------
    main
        The main viewport; the twin shares its camera.
    layout
        The row the views sit in; the twin is added to its right.
    meshes
        Folder of the anatomy to load.
    """

    def __init__(
        self, main: QtViewport, layout: QBoxLayout, meshes: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._main = main
        self._layout = layout
        self._meshes = meshes
        self.plotter: QtViewport | None = None
        self.scene: AnatomyScene | None = None
        self._pending: set[QtViewport] = set()
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(0)
        self._follow_timer.timeout.connect(self._draw_pending)
        self._closed = False

    @property
    def visible(self) -> bool:
        """Whether the twin is on screen."""
        return self.plotter is not None and self.plotter.isVisible()

    def show(
        self,
        on: bool,
        preset: RenderPreset,
        staged: SceneState | None,
        mirrored: bool,
        text_scale: float = 1.0,
    ) -> AnatomyScene | None:
        """Show (building it the first time) or hide the twin; returns its scene when shown."""
        if on and self.plotter is None:
            parent = self._main.parentWidget()
            self.plotter = QtViewport(parent if isinstance(parent, QWidget) else None)
            self.plotter.setObjectName("twin_viewport")
            self.plotter.setAccessibleName("3D view at normal strength")
            self.plotter.set_text_scale(text_scale)
            self._layout.addWidget(self.plotter, 1)
            self.plotter.show()
            window = self.plotter.render_window
            if window is not None:
                window.Render()
            self._build(preset, staged, None)
            for event in _CAMERA_EVENTS:
                self.plotter.iren.add_observer(event, self._twin_moved)
                self._main.iren.add_observer(event, self._main_moved)
        if self.plotter is not None:
            self.plotter.setVisible(on)
            # The views' new sizes now, so that the next frame is drawn at them once.
            self._layout.activate()
        if on and self.scene is not None:
            self.scene.anatomy.set_mirrored(mirrored)
        return self.scene if on else None

    def _build(
        self, preset: RenderPreset, staged: SceneState | None, prepared: PreparedAnatomy | None
    ) -> None:
        assert self.plotter is not None
        if prepared is None:
            self.scene = load_scene(self.plotter, self._meshes, preset)
        else:
            self.scene = scene_from_prepared(self.plotter, prepared, preset)
        self.scene.set_caption("Normal strength")
        if staged is not None:
            stage_structures(self.scene, staged)
        self.scene.share_camera(self._main.renderer.GetActiveCamera())

    def replace(
        self,
        meshes: Path,
        prepared: PreparedAnatomy | None,
        preset: RenderPreset,
        staged: SceneState | None,
        mirrored: bool,
    ) -> AnatomyScene | None:
        """Swap the twin's anatomy for the set in ``meshes``; returns its new scene, if any.

        ``prepared`` is the set read beforehand, with surfaces of the twin's own (``None``:
        read from ``meshes`` here). A twin never shown yet is built from ``meshes`` when
        it is first shown.
        """
        self._meshes = meshes
        if self.scene is None or self.plotter is None:
            return None  # built from ``meshes`` when first shown
        if prepared is not None and self.scene.replace_anatomy(prepared):
            return self.scene
        self.scene.close()
        self._build(preset, staged, prepared)
        assert self.scene is not None
        self.scene.anatomy.set_mirrored(mirrored)
        return self.scene

    def stage(self, state: SceneState) -> None:
        """Show a lesson step's structures and labels in the twin too."""
        if self.scene is not None:
            stage_structures(self.scene, state)

    def set_mirrored(self, mirrored: bool) -> None:
        """Light the twin from the front in a mirrored view, as the main view is."""
        if self.scene is not None:
            self.scene.anatomy.set_mirrored(mirrored)

    def draw(self) -> None:
        """Draw the twin now, when it is on screen."""
        self._follow_timer.stop()
        self._pending.clear()
        if self.plotter is not None and self.plotter.isVisible() and not self._closed:
            self.plotter.render()

    # -- following the other view --------------------------------------------------------

    def _main_moved(self, *_: object) -> None:
        if self.plotter is not None and self.plotter.isVisible():
            self.follow(self.plotter)

    def _twin_moved(self, *_: object) -> None:
        self.follow(self._main)

    def follow(self, view: QtViewport) -> None:
        """Draw ``view`` again once the event that moved the camera is done."""
        self._pending.add(view)
        self._follow_timer.start()

    def _draw_pending(self) -> None:
        pending, self._pending = self._pending, set()
        for view in pending:
            if not self._closed and view.isVisible():
                view.render()

    def close(self) -> None:
        """Close the twin's scene and viewport."""
        self._closed = True
        self._follow_timer.stop()
        self._pending.clear()
        if self.scene is not None:
            self.scene.close()
            self.scene = None
        if self.plotter is not None:
            self.plotter.close()

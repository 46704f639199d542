"""Click-to-pick in the 3D view: a click (press and release without dragging) picks an actor.

Dragging still rotates the camera; only a click picks. Positions are converted to render
window pixels with the widget's own device pixel ratio, so picking hits the right spot
on high-DPI screens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget
from vtkmodules.vtkRenderingCore import vtkPropPicker

#: A press and release further apart than this (in logical pixels) is a drag, not a click.
CLICK_TOLERANCE_PX = 4.0


class QtClickPicker(QObject):
    """Watches a VTK viewport widget for clicks and reports the actor under the cursor.

    Parameters
    ----------
    viewport
        The ``QtViewport`` (a QWidget that is also a PyVista plotter).

    Signals
    -------
    clicked(object)
        The picked VTK actor, or ``None`` when the click hit empty space.
    """

    clicked = Signal(object)

    def __init__(self, viewport: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._viewport = viewport
        self._press: QPointF | None = None
        self._picker = vtkPropPicker()
        viewport.installEventFilter(self)

    def pick(self, x: float, y: float) -> object | None:
        """The actor drawn at widget position ``(x, y)`` (logical pixels, origin top-left)."""
        ratio = self._viewport.devicePixelRatioF()
        height = self._viewport.height() * ratio
        renderer = self._viewport.renderer  # type: ignore[attr-defined]
        self._picker.PickProp(x * ratio, height - y * ratio - 1, renderer)
        prop: object | None = self._picker.GetViewProp()
        return prop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Remember where a left press happened; pick on a release close to it."""
        if watched is self._viewport and isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseButtonPress and event.button().name == "LeftButton":
                self._press = event.position()
            elif event.type() == QEvent.Type.MouseButtonRelease and self._press is not None:
                moved = (event.position() - self._press).manhattanLength()
                self._press = None
                if moved <= CLICK_TOLERANCE_PX:
                    self.clicked.emit(self.pick(event.position().x(), event.position().y()))
        return False

    def close(self) -> None:
        """Stop watching the viewport."""
        self._viewport.removeEventFilter(self)

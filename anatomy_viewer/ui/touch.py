"""Touch screens and touchpads: one finger rotates, two pinch to zoom, a tap picks.

VTK's view widget handles mouse events only. Qt would turn the first finger into a mouse
drag by itself, but a pinch would then rotate as well, so this filter takes the touch
events: one finger orbits the camera, two fingers zoom (camera dolly by the change in
their distance) and pan, and a tap is a click that picks a structure. Touchpad pinches
arrive as native zoom gestures and zoom the same way. Everything ends in one call of the
window's redraw, so the screen renders once per change.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QNativeGestureEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

#: Degrees the camera orbits for a finger moving across the whole width of the view.
DEGREES_PER_WIDTH = 200.0
#: A touch that moves less than this (logical pixels) and lifts is a tap.
TAP_TOLERANCE_PX = 12.0
#: Zoom limits per gesture step, so a jittery pinch never jumps.
MIN_STEP, MAX_STEP = 0.8, 1.25


class QtTouchNavigation(QObject):
    """Turns touch gestures on a VTK view into camera moves.

    Parameters
    ----------
    viewport
        The ``QtViewport`` (a QWidget with a ``renderer``).
    redraw
        Called after each camera change to draw one frame.
    tap
        Called with the widget position of a tap (logical pixels), e.g. to pick.
    """

    def __init__(
        self,
        viewport: QWidget,
        redraw: Callable[[], None],
        tap: Callable[[QPointF], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._viewport = viewport
        self._redraw = redraw
        self._tap = tap
        self._last: list[QPointF] = []
        self._start: QPointF | None = None
        self._moved = 0.0
        viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        viewport.installEventFilter(self)

    # -- camera moves (also called by tests) ---------------------------------------------

    def _camera(self) -> object:
        return self._viewport.renderer.GetActiveCamera()  # type: ignore[attr-defined]

    def _changed(self) -> None:
        self._viewport.renderer.ResetCameraClippingRange()  # type: ignore[attr-defined]
        self._redraw()

    def rotate(self, dx: float, dy: float) -> None:
        """Orbit the camera for a finger moved by ``(dx, dy)`` logical pixels."""
        width = max(self._viewport.width(), 1)
        degrees = DEGREES_PER_WIDTH / width
        camera = self._camera()
        camera.Azimuth(-dx * degrees)  # type: ignore[attr-defined]
        camera.Elevation(dy * degrees)  # type: ignore[attr-defined]
        camera.OrthogonalizeViewUp()  # type: ignore[attr-defined]
        self._changed()

    def zoom(self, factor: float) -> None:
        """Move the camera closer (``factor`` > 1) or further away."""
        step = min(max(factor, MIN_STEP), MAX_STEP)
        self._camera().Dolly(step)  # type: ignore[attr-defined]
        self._changed()

    def pan(self, dx: float, dy: float) -> None:
        """Slide the view with two fingers moved by ``(dx, dy)`` logical pixels."""
        camera = self._camera()
        height = max(self._viewport.height(), 1)
        distance = camera.GetDistance()  # type: ignore[attr-defined]
        angle = math.radians(camera.GetViewAngle())  # type: ignore[attr-defined]
        metres_per_px = 2 * distance * math.tan(angle / 2) / height
        up = camera.GetViewUp()  # type: ignore[attr-defined]
        position = camera.GetPosition()  # type: ignore[attr-defined]
        focal = camera.GetFocalPoint()  # type: ignore[attr-defined]
        view = [f - p for f, p in zip(focal, position, strict=True)]
        right = (
            view[1] * up[2] - view[2] * up[1],
            view[2] * up[0] - view[0] * up[2],
            view[0] * up[1] - view[1] * up[0],
        )
        norm = math.sqrt(sum(c * c for c in right)) or 1.0
        shift = [(-dx * r / norm + dy * u) * metres_per_px for r, u in zip(right, up, strict=True)]
        camera.SetPosition(*[p + s for p, s in zip(position, shift, strict=True)])  # type: ignore[attr-defined]
        camera.SetFocalPoint(*[f + s for f, s in zip(focal, shift, strict=True)])  # type: ignore[attr-defined]
        self._changed()

    # -- events ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Take touch events and native zoom gestures on the viewport."""
        if watched is not self._viewport:
            return False
        if isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom(1.0 + event.value())
                return True
            return False
        if isinstance(event, QTouchEvent):
            self._touch(event)
            event.accept()
            return True
        return False

    def _touch(self, event: QTouchEvent) -> None:
        points = [point.position() for point in event.points()]
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            self._start = points[0] if len(points) == 1 else None
            self._moved = 0.0
        elif kind == QEvent.Type.TouchUpdate and points:
            if len(points) != len(self._last):
                self._start = None  # a second finger came or went: not a tap
            elif len(points) == 1:
                delta = points[0] - self._last[0]
                self._moved += abs(delta.x()) + abs(delta.y())
                self.rotate(delta.x(), delta.y())
            else:
                self._pinch(self._last[:2], points[:2])
        elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            if (
                kind == QEvent.Type.TouchEnd
                and self._start is not None
                and self._moved <= TAP_TOLERANCE_PX
                and self._tap is not None
            ):
                self._tap(self._start)
            self._start = None
        self._last = points

    def _pinch(self, before: list[QPointF], after: list[QPointF]) -> None:
        def spread(pair: list[QPointF]) -> float:
            d = pair[0] - pair[1]
            return math.hypot(d.x(), d.y())

        old, new = spread(before), spread(after)
        if old > 1.0 and new > 1.0 and abs(new - old) > 0.5:
            self.zoom(new / old)
        middle_before = (before[0] + before[1]) / 2
        middle_after = (after[0] + after[1]) / 2
        shift = middle_after - middle_before
        if abs(shift.x()) + abs(shift.y()) > 0.5:
            self.pan(shift.x(), shift.y())

    def close(self) -> None:
        """Stop watching the viewport."""
        self._viewport.removeEventFilter(self)

"""Smooth camera flights on screen: a timer that only advances time.

The pose at each moment comes from :func:`anatomy_viewer.scene.camera.interpolate`,
so the screen shows exactly what a video export would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from anatomy_viewer.scene.camera import CameraPose, interpolate

#: Default duration of a preset flight in seconds.
FLIGHT_SECONDS = 0.6


class QtCameraFlight(QObject):
    """Flies the camera from one pose to another over wall-clock time.

    Parameters
    ----------
    apply
        Called with each intermediate pose; it sets the camera and renders.
    """

    finished = Signal()

    def __init__(self, apply: Callable[[CameraPose], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._timer = QTimer(self)
        self._timer.setInterval(16)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._start: CameraPose | None = None
        self._end: CameraPose | None = None
        self._duration = FLIGHT_SECONDS

    def fly(self, start: CameraPose, end: CameraPose, duration_s: float = FLIGHT_SECONDS) -> None:
        """Start a flight; a flight already under way is replaced. Zero duration jumps."""
        self._start, self._end, self._duration = start, end, max(duration_s, 0.0)
        if self._duration == 0.0:
            self.stop(jump_to_end=True)
            return
        self._clock.start()
        self._timer.start()

    @property
    def active(self) -> bool:
        """Whether a flight is under way."""
        return self._timer.isActive()

    def _tick(self) -> None:
        if self._start is None or self._end is None:
            self._timer.stop()
            return
        t = self._clock.elapsed() / 1000.0 / self._duration
        if t >= 1.0:
            self.stop(jump_to_end=True)
            return
        self._apply(interpolate(self._start, self._end, t))

    def stop(self, jump_to_end: bool = True) -> None:
        """End the flight, by default at its destination."""
        self._timer.stop()
        if jump_to_end and self._end is not None:
            self._apply(self._end)
            self._start = self._end = None
            self.finished.emit()
        self._start = self._end = None

"""A video export running in the window's event loop: a few frames per timer tick.

VTK renders on the GUI thread here (the window's OpenGL context and the export's
off-screen one take turns), so the job renders for :data:`CHUNK_SECONDS` at a time and
returns to the event loop: the window stays usable, and Cancel is answered at once.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from anatomy_viewer.logic.video import VideoExport
from anatomy_viewer.ui.errors import report_exception

#: Rendering time per timer tick of a video export: short enough to keep the window fluid.
CHUNK_SECONDS = 0.05


class QtVideoExportJob(QObject):
    """Renders a :class:`VideoExport` in chunks on a timer, with a progress dialog.

    Signals
    -------
    finished(object)
        The video's path, or ``None`` when it was cancelled or failed.
    """

    finished = Signal(object)

    def __init__(self, export: VideoExport, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.export = export
        self._frames = export.frames()
        self.progress = QProgressDialog(
            f"Making the video {export.out.name}…", "Cancel", 0, export.frame_count, parent_widget
        )
        self.progress.setObjectName("video_progress")
        self.progress.setWindowTitle("Export video")
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self.done = False
        self._started = time.monotonic()

    def start(self) -> None:
        """Start rendering; returns at once."""
        self.progress.show()
        self._started = time.monotonic()
        self._timer.start()

    def _tick(self) -> None:
        deadline = time.monotonic() + CHUNK_SECONDS
        try:
            while time.monotonic() < deadline:
                done, total = next(self._frames)
                self.progress.setValue(done)
            self.progress.setLabelText(self._remaining_text(done, total))
        except StopIteration:
            self._finish(self.export.out)
        except Exception as error:  # reported; the generator already removed the file
            self._finish(None)
            report_exception(type(error), error, error.__traceback__)

    def _remaining_text(self, done: int, total: int) -> str:
        """The progress text, with the time left once a few frames show the pace."""
        text = f"Making the video {self.export.out.name}…"
        elapsed = time.monotonic() - self._started
        if done < 10 or elapsed < 2.0:
            return text
        seconds = elapsed / done * (total - done)
        left = f"about {round(seconds / 60)} min" if seconds >= 90 else f"{seconds:.0f} s"
        return f"{text}\n{left} left"

    def cancel(self) -> None:
        """Stop the export and delete the partial file."""
        if not self.done:
            self._frames.close()
            self._finish(None)

    def _finish(self, path: Path | None) -> None:
        self._timer.stop()
        self.done = True
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.progress.deleteLater()
        self.export.close()
        self.finished.emit(path)

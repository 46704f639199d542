"""Make the pictures in docs/chairside.md: presentation mode, a handout, a video frame.

Run under Xvfb from the repository root (pdftoppm from poppler-utils renders the PDF)::

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m tests.export.make_chairside_images
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.app import create_application
from anatomy_viewer.ui.clinic_profile import ClinicProfile
from anatomy_viewer.ui.handout import export_handout

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
LESSON = "04-weak-gluteus-medius"


def wait(app: QApplication, milliseconds: int) -> None:
    """Process events for a while (the window draws, flights end)."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(milliseconds)
    while timer.isActive():
        app.processEvents()


def demo_logo() -> bytes:
    """A made-up clinic logo: a teal disc with two letters."""
    image = QImage(240, 240, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(31, 103, 122))
    painter.setPen(QColor(31, 103, 122))
    painter.drawEllipse(8, 8, 224, 224)
    painter.setPen(QColor("white"))
    font = QFont("DejaVu Sans", 60)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(image.rect(), 0x84, "RP")  # AlignCenter
    painter.end()
    path = Path(tempfile.mkdtemp()) / "logo.png"
    image.save(str(path))
    return path.read_bytes()


def presentation_picture(app: QApplication, folder: Path) -> Path:
    """Presentation mode on a 1920x1080 screen, grabbed from the screen (VTK included)."""
    from anatomy_viewer.ui.main_window import QtMainWindow

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = QtMainWindow(settings, quality="quality")
    window.show()
    wait(app, 1500)
    window.open_lesson(lessons_dir() / LESSON, step=1)
    window.enter_presentation()
    # Xvfb has no window manager to stretch a full-screen window: do what one would.
    window.setGeometry(app.primaryScreen().geometry())
    wait(app, 3000)
    out = IMAGES / "chairside_presentation.png"
    if window.simulation is not None:
        # Paused, as a therapist would to talk it through: the readouts then show this
        # very frame (while playing they follow at 20 Hz).
        window.simulation.set_playing(False)
        window.simulation.show_phase(0.5)  # the deepest point of the squat
    window.redraw()
    app.processEvents()
    screen = app.primaryScreen()
    screen.grabWindow(window.winId()).save(str(out))
    window.close()
    return out


def handout_picture(folder: Path) -> Path:
    """The first page of a patient handout, rendered to PNG by pdftoppm."""
    pdf = folder / "handout.pdf"
    profile = ClinicProfile(
        clinic_name="Riverside Physical Therapy",
        therapist="Alex Morgan, PT",
        contact="12 River Street · 555 0123 · riverside-pt.example",
        logo_png=demo_logo(),
    )
    export_handout(
        lessons_dir() / LESSON, pdf, "patient", "a4", profile, datetime.date(2026, 11, 25)
    )
    stem = IMAGES / "chairside_handout"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


def video_frame() -> Path:
    """One frame of a lesson's video (step 2, one second into its movement)."""
    import imageio.v3 as iio

    from anatomy_viewer.logic.video import VideoExport, VideoRequest

    fps = 25.0
    export = VideoExport(
        VideoRequest(
            out=Path(tempfile.mkdtemp()) / "lesson.mp4",
            fps=fps,
            lesson=lessons_dir() / LESSON,
            credit="Riverside Physical Therapy",
        )
    )
    try:
        start = export.timeline.segments[1].start_s
        pixels = export.render_frame(round((start + 1.2) * fps))
    finally:
        export.close()
    out = IMAGES / "chairside_video.png"
    iio.imwrite(out, pixels)
    return out


def main() -> int:
    """Write both pictures into docs/images."""
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = create_application(["chairside-images"])
    folder = Path(tempfile.mkdtemp())
    IMAGES.mkdir(parents=True, exist_ok=True)
    print(presentation_picture(app, folder))
    print(handout_picture(folder))
    print(video_frame())
    return 0


if __name__ == "__main__":
    sys.exit(main())

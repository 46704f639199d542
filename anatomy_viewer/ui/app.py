"""Start the Qt application and the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from anatomy_viewer import __version__
from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.system import has_x11_display, uses_x11
from anatomy_viewer.ui.errors import install_exception_hook, setup_logging

ORGANIZATION = "anatomy_viewer"

#: A calm, clinical look on top of Qt's Fusion style (the same on every platform).
APP_STYLE = """
QMainWindow { background: #f3f5f8; }
QDockWidget { font-weight: normal; }
QDockWidget::title { background: #e3e9f0; padding: 5px 8px; }
QToolBar { spacing: 3px; padding: 3px; border: none; }
QToolButton { padding: 4px 9px; border-radius: 4px; }
QToolButton:hover { background: #dde6f1; }
QToolButton:checked { background: #cddcf0; }
QStatusBar { color: #4a5562; }
"""
APPLICATION = "anatomy-viewer"


def prepare_environment() -> None:
    """Let Qt choose its platform, except where the 3D view needs X11.

    On Windows and macOS Qt's own choice is right. On Linux the 3D view is a native
    window that VTK draws into with X11 (``ui/viewport.py``), and VTK has no Wayland
    window, so Qt must use X11 as well: on a Wayland desktop that is XWayland, which sets
    ``DISPLAY``. A platform the user has chosen in ``QT_QPA_PLATFORM`` is kept.

    Raises
    ------
    AnatomyViewerError
        On Linux without an X display (no desktop, or Wayland without XWayland).
    """
    if not uses_x11() or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not has_x11_display():
        wayland = bool(os.environ.get("WAYLAND_DISPLAY"))
        raise AnatomyViewerError(
            "the 3D view needs an X11 display, and DISPLAY is not set"
            + (
                " (this Wayland desktop has no XWayland: install it, e.g. "
                "sudo apt-get install xwayland, and log in again)"
                if wayland
                else "; open the app on a desktop. Pictures, videos and handouts need no "
                "display: anatomy-viewer render, export-video, export-handout"
            )
        )
    os.environ["QT_QPA_PLATFORM"] = "xcb"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the app's names and a readable default font."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    prepare_environment()
    # The 3D view is a native window (ui/viewport.py); the rest of the window stays one
    # surface that Qt paints, instead of a native window per sibling widget.
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontCreateNativeWidgetSiblings)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("anatomy_viewer")
    app.setStyle("Fusion")
    app.setStyleSheet(APP_STYLE)
    font = app.font()
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
    return app


def run_app(lesson: Path | None = None, presentation: bool = False, quality: str = "auto") -> int:
    """Open the main window and run until it is closed; returns the exit status."""
    app = create_application()
    setup_logging()
    install_exception_hook()
    from anatomy_viewer.system import exclude_imports_from_collections
    from anatomy_viewer.ui.main_window import QtMainWindow
    from anatomy_viewer.ui.patient_dialog import patient_meshes_at_start

    exclude_imports_from_collections()
    settings = QSettings()
    window = QtMainWindow(settings, quality=quality, meshes=patient_meshes_at_start(settings))
    window.show()
    if lesson is not None:
        # Queued after the anatomy loads (also queued by the first show).
        QTimer.singleShot(0, lambda: window.open_lesson(lesson))
    if presentation:
        QTimer.singleShot(0, window.enter_presentation)
    status = app.exec()
    return int(status)

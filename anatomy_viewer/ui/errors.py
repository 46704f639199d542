"""No exception escapes into Qt: errors are logged to a file and shown in a message.

PySide6 hands an exception raised in a slot to ``sys.excepthook`` and carries on; the
hook here logs it with its traceback and shows a short, plain message. For the project's
own errors (a broken lesson, a missing mesh) the message is the whole story; for anything
unexpected it is a crash report that says where the log is, with buttons to open the log
folder and to copy the log file's path. VTK observers call :func:`report_exception`
themselves.
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from anatomy_viewer.errors import AnatomyViewerError

log = logging.getLogger("anatomy_viewer")

_parent: QWidget | None = None
_showing = False


def log_file() -> Path:
    """Where the app writes its log (in the user's application data folder)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(base or Path.home() / ".anatomy-viewer") / "logs"
    return folder / "anatomy-viewer.log"


def setup_logging() -> Path:
    """Log to a rotating file (and to stderr for warnings); returns the file's path."""
    path = log_file()
    root = logging.getLogger("anatomy_viewer")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def set_message_parent(widget: QWidget | None) -> None:
    """The window that error messages are shown over."""
    global _parent
    _parent = widget


def report_exception(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Log an exception and tell the user in a message box; never raises."""
    global _showing
    try:
        log.error("".join(traceback.format_exception(kind, error, tb)))
        if QApplication.instance() is None or _showing:
            print(f"anatomy-viewer: error: {error}", file=sys.stderr)
            return
        if isinstance(error, AnatomyViewerError):
            text = str(error)
        else:
            text = (
                f"Something went wrong: {error}\n\n"
                f"The app carries on. Details are in the log file:\n{log_file()}"
            )
        _showing = True
        box = QMessageBox(QMessageBox.Icon.Warning, "anatomy_viewer", text, parent=_parent)
        box.setObjectName("error_message")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not isinstance(error, AnatomyViewerError):
            _add_log_buttons(box, log_file())
        box.addButton(QMessageBox.StandardButton.Close)
        box.finished.connect(_message_closed)
        box.open()  # not exec(): a nested event loop inside a slot is its own source of bugs
    except Exception:  # the last line of defence must not fail itself
        traceback.print_exc()


def _add_log_buttons(box: QMessageBox, path: Path) -> None:
    """Crash-report buttons: open the folder holding the log, copy the log file's path."""
    open_folder = box.addButton("Open log folder", QMessageBox.ButtonRole.ActionRole)
    open_folder.setObjectName("open_log_folder")
    open_folder.clicked.connect(lambda: open_log_folder(path))
    copy = box.addButton("Copy path", QMessageBox.ButtonRole.ActionRole)
    copy.setObjectName("copy_log_path")
    copy.clicked.connect(lambda: copy_log_path(path))


def open_log_folder(path: Path) -> bool:
    """Show the folder holding the log file in the desktop's file manager."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def copy_log_path(path: Path) -> None:
    """Put the log file's path on the clipboard, to paste into an e-mail or a bug report."""
    QGuiApplication.clipboard().setText(str(path))


def show_missing_anatomy(parent: QWidget, problems: list[str]) -> QMessageBox:
    """Say which anatomy files could not be loaded (the rest is shown)."""
    # open(), not the blocking QMessageBox.warning(): the first frame is drawn at once and
    # no nested event loop runs inside the slot that loads the anatomy.
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Some anatomy is missing",
        "These files could not be loaded; the rest of the anatomy is shown:\n\n"
        + "\n".join(problems),
        parent=parent,
    )
    box.setObjectName("missing_anatomy_message")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _message_closed(_result: int) -> None:
    global _showing
    _showing = False


def install_exception_hook() -> None:
    """Route every uncaught exception (slots included) to :func:`report_exception`."""
    sys.excepthook = report_exception

"""Child process for the start-up benchmark: print the moment the first frame is on screen.

Run as ``python -m anatomy_viewer.bench.first_frame app|bare [options]``. It prints one line,
``FIRST_FRAME <seconds>``, with :func:`time.monotonic` (one clock for every process on the
machine) right after the first frame showing the anatomy has been drawn, then quits. The
parent compares it with its own clock reading taken just before it spawned the child.

``app`` goes through the real entry point (``anatomy_viewer.cli.main``), imports and all;
``bare`` is the least a program can do to show the same meshes in the same kind of view:
PySide6, the app's native-window viewport, one window, one ``add_mesh`` per visible
structure, one render.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

MARK = "FIRST_FRAME"


def _announce() -> None:
    """Print the time, then leave at once: only the first frame is measured, and a clean
    shutdown (Qt, VTK, pyqtgraph's exit handlers) has been seen to hang now and then."""
    print(f"{MARK} {time.monotonic():.6f}", flush=True)
    sys.stderr.flush()
    os._exit(0)


def run_app(quality: str) -> int:
    """Start the app as ``anatomy-viewer`` does; quit once the first frame is drawn."""
    from anatomy_viewer.ui.main_window import QtMainWindow

    original = QtMainWindow.load_scene

    def load_scene_then_quit(self: QtMainWindow) -> None:
        original(self)
        if self.scene is None:
            return
        _announce()

    QtMainWindow.load_scene = load_scene_then_quit  # type: ignore[method-assign]
    from anatomy_viewer.cli import main

    return main(["--quality", quality])


def run_bare(meshes: str, level_of_detail: str, width: int, height: int) -> int:
    """A bare window with the same visible meshes in the app's viewport; quit after one frame."""
    import json
    from pathlib import Path

    import pyvista as pv
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from anatomy_viewer.ui.viewport import QtViewport

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    plotter = QtViewport(window)  # no multi-sampling, as the app
    window.setCentralWidget(plotter)
    window.resize(width, height)

    def first_frame() -> None:
        folder = Path(meshes)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        key = "file_fast" if level_of_detail == "fast" else "file"
        for entry in manifest["structures"]:
            if entry.get("visible", True):
                mesh = pv.read(folder / entry[key])
                plotter.add_mesh(mesh, color=entry["color"], render=False)
        plotter.reset_camera()  # type: ignore[call-arg]
        plotter.render()
        _announce()

    window.show()
    QTimer.singleShot(0, first_frame)
    status = app.exec()
    plotter.close()
    return int(status)


def main(argv: list[str] | None = None) -> int:
    """Command line of the child process."""
    parser = argparse.ArgumentParser(prog="python -m anatomy_viewer.bench.first_frame")
    parser.add_argument("which", choices=("app", "bare"))
    parser.add_argument("--quality", default="auto")
    parser.add_argument("--meshes", default="")
    parser.add_argument("--lod", default="fast", choices=("fast", "full"))
    parser.add_argument("--size", default="1000x700")
    args = parser.parse_args(argv)
    if args.which == "app":
        return run_app(args.quality)
    width, height = (int(v) for v in args.size.split("x"))
    return run_bare(args.meshes, args.lod, width, height)


if __name__ == "__main__":
    sys.exit(main())

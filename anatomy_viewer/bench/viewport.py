"""Child process for the in-window benchmark: frames, updates, lesson steps and memory.

Run as ``python -m anatomy_viewer.bench.viewport [--quick]``; prints one JSON object.
Everything here happens in one process with one X display: the real main window, then a
bare PyVista view of the same meshes at the viewport's size, measured in alternating
blocks so that both see the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anatomy_viewer.system import resident_memory_mb

#: Frames in one movement cycle, as in a 30 frames-per-second export of a 4 s cycle.
CYCLE_FRAMES = 120


def median_ms(samples: list[float]) -> float:
    """Median of durations in seconds, in milliseconds."""
    return statistics.median(samples) * 1000.0


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


class ViewportBench:
    """Drives a shown :class:`QtMainWindow` and a bare view of the same meshes."""

    def __init__(self, quick: bool) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from anatomy_viewer.ui.app import create_application
        from anatomy_viewer.ui.main_window import QtMainWindow

        self.quick = quick
        self.app = create_application(["anatomy-viewer-bench"])
        self._folder = tempfile.TemporaryDirectory(prefix="anatomy-viewer-bench-")
        settings = QSettings(
            str(Path(self._folder.name) / "settings.ini"), QSettings.Format.IniFormat
        )
        self.window = QtMainWindow(settings)
        self.window.resize(1400, 860)
        self.window.show()
        deadline = time.monotonic() + 60.0
        while self.window.scene is None and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
        if self.window.scene is None or self.window.simulation is None:
            raise RuntimeError("the main window did not load its anatomy within 60 s")
        self.process_events = QApplication.processEvents
        from anatomy_viewer.bench.model import BENCH_STRENGTH_PCT, BENCH_TASK

        controller = self.window.simulation
        controller.set_settings(
            controller.settings.with_changes(task=BENCH_TASK, strength_pct=BENCH_STRENGTH_PCT)
        )
        self.process_events()

    # -- figures -------------------------------------------------------------------------

    def playback_phases(self, frames: int, offset: float) -> list[float]:
        """``frames`` phases spread over one cycle, on the grid that playback shows.

        The timer shows only phases of :data:`~anatomy_viewer.logic.simulation.PLAYBACK_FPS`
        frames a second (``phase_at``), so these are frames the app really draws while
        the animation plays.
        """
        from anatomy_viewer.logic.simulation import cycle_seconds, phase_at

        controller = self.window.simulation
        assert controller is not None
        settings = controller.settings.with_changes(loop=True)
        seconds = cycle_seconds(settings)
        return [phase_at(settings, (i + offset) / frames * seconds)[0] for i in range(frames)]

    def update_samples(self, frames: int, offset: float) -> list[float]:
        """Model + scene update of one playback frame, no render."""
        from anatomy_viewer.logic.frames import show_frame

        window = self.window
        assert window.scene is not None and window.simulation is not None
        controller = window.simulation
        samples = []
        for phase in self.playback_phases(frames, offset):
            samples.append(
                _timed(
                    lambda p=phase: show_frame(  # type: ignore[misc]
                        window.scene, controller.simulation, controller.settings, p
                    )
                )
            )
        return samples

    def app_frame_samples(
        self, frames: int, offset: float, paints: list[float] | None = None
    ) -> list[float]:
        """A whole animation frame as the timer shows it: update, render, Qt events.

        ``paints`` receives the Qt part alone (the viewport's paint and the window's
        composition).
        """
        controller = self.window.simulation
        assert controller is not None
        samples = []
        for phase in self.playback_phases(frames, offset):
            start = time.perf_counter()
            controller.show_phase(phase, playing=True)  # as the playback timer calls it
            middle = time.perf_counter()
            self.process_events()
            end = time.perf_counter()
            samples.append(end - start)
            if paints is not None:
                paints.append(end - middle)
        return samples

    def step_switch_samples(self) -> list[float]:
        """Changing lesson step, every step of every bundled lesson; the flight not included."""
        from anatomy_viewer.resources import lessons_dir

        window = self.window
        samples: list[float] = []
        for folder in sorted(p for p in lessons_dir().iterdir() if (p / "lesson.yaml").is_file()):
            window.open_lesson(folder)
            self._settle()
            panel = window.lessons.panel
            while panel.player is not None and not panel.player.current.is_last:

                def step(panel: Any = panel) -> None:
                    panel.next()
                    self.process_events()

                samples.append(_timed(step))
                self._settle()
            window.lessons.close_lesson()
            self._settle()
        return samples

    def _settle(self) -> None:
        """End flights and playback a step started, so they do not leak into the next figure."""
        window = self.window
        window.flight.stop(jump_to_end=True)
        if window.simulation is not None:
            window.simulation.set_playing(False)
        self.process_events()

    def close(self) -> None:
        """Close the window and flush deferred deletes."""
        self.window.close()
        self.process_events()
        self._folder.cleanup()


class BareView:
    """The same visible meshes in a bare pyvistaqt view, at the same size and settings.

    Same meshes: the visible anatomy at the app's level of detail and the floor disc.
    Same settings: window size, multi-sampling, FXAA when the preset smooths edges, the
    camera. Nothing else: pyvista's default lights and background, no overlays, no model.
    """

    def __init__(self, bench: ViewportBench) -> None:
        import pyvista as pv
        from PySide6.QtWidgets import QWidget
        from pyvistaqt import QtInteractor

        from anatomy_viewer.anatomy.manifest import load_manifest
        from anatomy_viewer.scene.stage import _floor_disc, background_colors

        window = bench.window
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
        manifest = load_manifest(window.scene.manifest.directory)
        for entry in manifest.structures:
            if entry.id in window.scene.anatomy.ids and window.scene.anatomy.is_visible(entry.id):
                name = entry.file_fast if window.preset.level_of_detail == "fast" else entry.file
                mesh = pv.read(manifest.directory / name)
                self.plotter.add_mesh(mesh, color=entry.color, smooth_shading=True, render=False)
        # The floor is drawn geometry too; the overlays, lights and background are the app's.
        floor = _floor_disc(
            0.35 * window.scene.manifest.subject.height_m, background_colors(window.preset)[0]
        )
        self.plotter.add_mesh(floor, scalars="rgb", rgb=True, lighting=False, render=False)
        self.plotter.camera = window.plotter.camera.copy()  # type: ignore[no-untyped-call]
        self.holder.show()
        bench.process_events()
        bare_window = self.plotter.render_window
        self.size = tuple(bare_window.GetSize()) if bare_window is not None else (width, height)

    def samples(self, frames: int, process_events: Callable[[], None]) -> list[float]:
        """A bare frame, ``frames`` times: ask the view to repaint and let Qt paint it.

        That is one VTK render (pyvistaqt's widget renders when it paints), the copy to
        the widget and Qt's composition of the window: what any pyvistaqt program pays.
        """

        def frame() -> None:
            self.plotter.Render()  # type: ignore[no-untyped-call]
            process_events()

        return [_timed(frame) for _ in range(frames)]

    def render_samples(self, frames: int) -> list[float]:
        """VTK's ``Render()`` alone, ``frames`` times: the floor under any frame."""
        window = self.plotter.render_window
        assert window is not None
        return [_timed(window.Render) for _ in range(frames)]

    def close(self) -> None:
        """Close the bare view."""
        self.plotter.close()
        self.holder.close()
        self.holder.deleteLater()


def measure(quick: bool) -> dict[str, Any]:
    """All in-window figures, as one dictionary."""
    from anatomy_viewer.scene.quality import is_software_renderer

    bench = ViewportBench(quick)
    window = bench.window
    assert window.scene is not None and window.preset is not None
    frames = 20 if quick else CYCLE_FRAMES
    blocks = 1 if quick else 3
    update: list[float] = []
    app_frames: list[float] = []
    app_paints: list[float] = []
    app_renders: list[float] = []
    bare_frames: list[float] = []
    bare_renders: list[float] = []
    bench.app_frame_samples(5, 0.37)  # warm-up: shader compilation, caches
    renders_before = window.plotter.render_count
    bench.app_frame_samples(10, 0.41)
    renders_per_frame = (window.plotter.render_count - renders_before) / 10
    window.hide()
    bare = BareView(bench)
    bare.samples(5, bench.process_events)
    for block in range(blocks):
        offset = 0.1 + 0.8 * block / blocks
        bare.holder.hide()
        window.show()
        bench.process_events()
        update += bench.update_samples(frames, offset + 0.05)
        app_frames += bench.app_frame_samples(frames, offset, app_paints)
        app_window = window.plotter.render_window
        assert app_window is not None
        app_renders += [_timed(app_window.Render) for _ in range(frames // 4)]
        window.hide()
        bare.holder.show()
        bench.process_events()
        bare_frames += bare.samples(frames, bench.process_events)
        bare_renders += bare.render_samples(frames // 4)
    bare_size = bare.size
    bare.close()
    app_window = window.plotter.render_window
    viewport = tuple(app_window.GetSize()) if app_window is not None else (0, 0)
    window.show()
    bench.process_events()
    steps = bench.step_switch_samples()
    memory = resident_memory_mb()
    report = {
        "update_ms": median_ms(update),
        "frame_ms": median_ms(app_frames),
        "bare_frame_ms": median_ms(bare_frames),
        "frame_mean_ms": statistics.mean(app_frames) * 1000.0,
        "bare_frame_mean_ms": statistics.mean(bare_frames) * 1000.0,
        "paint_ms": median_ms(app_paints),
        "render_ms": median_ms(app_renders),
        "bare_render_ms": median_ms(bare_renders),
        "step_switch_ms": median_ms(steps) if steps else float("nan"),
        "step_switch_max_ms": max(steps) * 1000.0 if steps else float("nan"),
        "rss_mb": memory,
        "triangles": window.scene.anatomy.triangle_count(),
        "renderer": window.renderer,
        "renderer_kind": "software" if is_software_renderer(window.renderer) else "gpu",
        "preset": window.preset.name,
        "level_of_detail": window.preset.level_of_detail,
        "viewport_size": f"{viewport[0]}x{viewport[1]}",
        "bare_size": f"{bare_size[0]}x{bare_size[1]}",
        "renders_per_frame": renders_per_frame,
        "frames_measured": len(app_frames),
        "steps_measured": len(steps),
    }
    bench.close()
    return report


def main(argv: list[str] | None = None) -> int:
    """Command line of the child process."""
    parser = argparse.ArgumentParser(prog="python -m anatomy_viewer.bench.viewport")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("ANATOMY_VIEWER_QUALITY", "auto")
    print(json.dumps(measure(args.quick)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

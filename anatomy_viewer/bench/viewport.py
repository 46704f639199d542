"""Child process for the in-window benchmark: frames, updates, lesson steps and memory.

Run as ``python -m anatomy_viewer.bench.viewport [--quick]``; prints one JSON object.
Everything here happens in one process with one display: the real main window, as it
starts and at its busiest, and bare views of the same meshes at the viewport's size
(``bench/bare.py``), measured in alternating blocks of a few frames so that all see the
same machine, however its load changes.
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

#: The window's size while it is measured (a lesson step can make it grow: see measure).
WINDOW_SIZE = (1400, 860)
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

        from anatomy_viewer.system import exclude_imports_from_collections
        from anatomy_viewer.ui.app import create_application
        from anatomy_viewer.ui.main_window import QtMainWindow

        self.quick = quick
        #: Resident memory after each bundled lesson was played through, MiB.
        self.memory_after_lessons: list[float] = []
        self.app = create_application(["anatomy-viewer-bench"])
        self._folder = tempfile.TemporaryDirectory(prefix="anatomy-viewer-bench-")
        settings = QSettings(
            str(Path(self._folder.name) / "settings.ini"), QSettings.Format.IniFormat
        )
        exclude_imports_from_collections()  # as the app does (ui/app.py, run_app)
        self.window = QtMainWindow(settings)
        self.window.resize(*WINDOW_SIZE)
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

    def app_frame_samples_at(self, phases: list[float]) -> list[float]:
        """Whole frames at the given playback phases (see :meth:`app_frame_samples`)."""
        controller = self.window.simulation
        assert controller is not None
        samples = []
        for phase in phases:
            start = time.perf_counter()
            controller.show_phase(phase, playing=True)
            self.process_events()
            samples.append(time.perf_counter() - start)
        return samples

    def step_switch_samples(self) -> list[float]:
        """Changing lesson step, every step of every bundled lesson; the flight not included.

        A sample is the step's own work: the panel, the staging, the step's frame and
        Qt's events until they are done, less the frames of the step's camera flight and
        of its movement that Qt's events happened to draw too (their timers start once the
        step is on screen, and fire in those events whenever the step took longer than a
        timer's interval): those are animation frames, measured as frames.
        """
        from anatomy_viewer.resources import lessons_dir

        window = self.window
        samples: list[float] = []
        animation = AnimationFrames(window)
        for folder in sorted(p for p in lessons_dir().iterdir() if (p / "lesson.yaml").is_file()):
            window.open_lesson(folder)
            self._settle()
            panel = window.lessons.panel
            while panel.player is not None and not panel.player.current.is_last:

                def step(panel: Any = panel) -> None:
                    panel.next()
                    self.process_events()

                before = animation.seconds
                elapsed = _timed(step)
                samples.append(elapsed - (animation.seconds - before))
                self._settle()
            window.lessons.close_lesson()
            self._settle()
            self.memory_after_lessons.append(resident_memory_mb())
        animation.close()
        return samples

    def patient_swap_samples(self, swaps: int) -> tuple[list[float], list[float], list[float]]:
        """A new patient's anatomy shown in the open window, ``swaps`` times.

        Each time the window reads the bundled set again in its thread (the work on the
        event loop is the same for any patient's set) and swaps it in. Returns, for each
        swap: the time the swap held the event loop, as the window measures it (the swap
        and its frame); the longest turn of the event loop from the request to the end of
        the swap (what the user feels: the swap, or the thread holding the interpreter
        while the loop waits); and an ordinary frame drawn right after, for comparison.
        """
        from anatomy_viewer.resources import meshes_dir

        window = self.window
        swapper = window.anatomy_swap
        stalls: list[float] = []
        longest: list[float] = []
        frames: list[float] = []
        deadline = time.monotonic() + 600.0
        for index in range(swaps):
            done = len(swapper.stalls)
            window.use_patient(meshes_dir(), 75.0)
            turns = [0.0]
            while len(swapper.stalls) == done and time.monotonic() < deadline:
                turns.append(_timed(self.process_events))
                # The pause between turns, less the time asked for: time the loop waited.
                turns.append(_timed(lambda: time.sleep(0.002)) - 0.002)
            if len(swapper.stalls) == done:
                raise RuntimeError("the patient's anatomy was not swapped in within 600 s")
            stalls.append(swapper.stalls[-1])
            longest.append(max(turns))
            frames.extend(self.app_frame_samples(1, 0.3 + index / (2 * swaps)))
        return stalls, longest, frames

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


class AnimationFrames:
    """Times the frames the camera flight and the movement draw from their timers.

    The window's two animation timers (``QtCameraFlight`` and ``QtSimulationController``)
    are connected to a timed copy of their own slot while this exists; :meth:`close`
    connects them back.
    """

    def __init__(self, window: Any) -> None:
        #: Seconds spent in animation frames so far.
        self.seconds = 0.0
        self._slots: list[tuple[Any, Callable[[], None], Callable[[], None]]] = []
        owners = [window.flight, window.simulation]
        for owner in owners:
            if owner is None:
                continue
            timer, tick = owner._timer, owner._tick  # the timer and the slot it drives

            def timed(tick: Callable[[], None] = tick) -> None:
                self.seconds += _timed(tick)

            timer.timeout.disconnect(tick)
            timer.timeout.connect(timed)
            self._slots.append((timer, tick, timed))

    def close(self) -> None:
        """Connect the timers to their own slots again."""
        for timer, tick, timed in self._slots:
            timer.timeout.disconnect(timed)
            timer.timeout.connect(tick)
        self._slots = []


#: Frames in a measured block, and unmeasured frames before it (after each switch of view
#: or mode, which repaints, relays out or builds something once).
BLOCK_FRAMES = 8
SETTLE_FRAMES = 2
#: Kinds of frame measured, one block of each in turn, so that all see the same machine.
KINDS = ("app", "native", "busy", "native_pair", "pyvistaqt")


class FrameKinds:
    """Switches the screen between the kinds of frame measured and draws one of the current.

    ``app``: the window as it starts (its default overlays), playing. ``busy``: the same
    with every overlay (forces included), every structure labelled and compare mode (the
    full-strength twin beside the view). ``native``: :class:`NativeBareView`.
    ``native_pair``: :class:`NativeBarePair`, the bare meshes twice at compare mode's two
    sizes. ``pyvistaqt``: :class:`PyVistaQtBareView` (when pyvistaqt is installed).
    """

    def __init__(self, bench: ViewportBench, with_pyvistaqt: bool) -> None:
        from anatomy_viewer.bench.bare import NativeBarePair, NativeBareView, PyVistaQtBareView
        from anatomy_viewer.vocabulary import OVERLAYS

        self.bench = bench
        window = bench.window
        controller = window.simulation
        assert controller is not None
        self.normal = controller.settings
        self.busy = controller.settings.with_changes(overlays=frozenset(OVERLAYS), compare=True)
        # Compare mode's two views: their sizes, for the pair of bare views.
        controller.set_settings(self.busy)
        bench.process_events()
        assert window.twin_plotter is not None
        compare_sizes = (
            (window.plotter.width(), window.plotter.height()),
            (window.twin_plotter.width(), window.twin_plotter.height()),
        )
        controller.set_settings(self.normal)
        window.hide()
        bench.process_events()
        self.views: dict[str, Any] = {
            "native": NativeBareView(window, bench.process_events),
            "native_pair": NativeBarePair(window, bench.process_events, compare_sizes),
        }
        if with_pyvistaqt:
            self.views["pyvistaqt"] = PyVistaQtBareView(window, bench.process_events)
        for view in self.views.values():
            view.show(False)
        self.current = ""
        self.offset = 0.0

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds measured here."""
        return tuple(k for k in KINDS if k in ("app", "busy") or k in self.views)

    def switch(self, kind: str) -> None:
        """Show what ``kind`` draws, and nothing else."""
        window = self.bench.window
        controller = window.simulation
        assert controller is not None and window.scene is not None
        for name, view in self.views.items():
            view.show(name == kind)
        if kind in ("app", "busy"):
            busy = kind == "busy"
            controller.set_settings(self.busy if busy else self.normal)
            window.set_labels_visible(busy)
            window.show()
        else:
            window.hide()
        self.current = kind
        self.bench.process_events()

    def frame(self) -> float:
        """Draw and time one frame of the current kind."""
        if self.current in self.views:
            return float(self.views[self.current].frame(self.bench.process_events))
        self.offset += 1.0
        phase = self.bench.playback_phases(1, self.offset % 60.0 / 60.0)[0]
        return self.bench.app_frame_samples_at([phase])[0]

    def close(self) -> None:
        """Close the bare views and put the window back as it started."""
        for view in self.views.values():
            view.close()
        self.switch("app")


def _median_ms(samples: dict[str, list[float]], kind: str) -> float | None:
    return median_ms(samples[kind]) if samples.get(kind) else None


def measure(quick: bool) -> dict[str, Any]:
    """All in-window figures, as one dictionary."""
    from anatomy_viewer.bench.bare import pyvistaqt_available
    from anatomy_viewer.scene.quality import is_software_renderer

    bench = ViewportBench(quick)
    window = bench.window
    assert window.scene is not None and window.preset is not None
    cycles = 2 if quick else 15
    update = bench.update_samples(20 if quick else CYCLE_FRAMES, 0.05)
    bench.app_frame_samples(5, 0.37)  # warm-up: shader compilation, caches
    renders_before = window.plotter.render_count
    bench.app_frame_samples(10, 0.41)
    renders_per_frame = (window.plotter.render_count - renders_before) / 10
    app_window = window.plotter.render_window
    assert app_window is not None
    renders = [_timed(app_window.Render) for _ in range(10 if quick else 40)]
    paints: list[float] = []
    bench.app_frame_samples(10 if quick else 40, 0.2, paints)

    # Lessons first: their memory figure is the app's alone, before any bare view exists.
    steps = bench.step_switch_samples()
    memory = bench.memory_after_lessons
    swaps, swap_turns, frames_beside_swaps = bench.patient_swap_samples(2 if quick else 8)
    # A step whose panel needs more room makes the window taller (without a window
    # manager to stop it): frames are measured at the size they started at.
    window.resize(*WINDOW_SIZE)
    bench.process_events()

    viewport = tuple(app_window.GetSize())
    kinds = FrameKinds(bench, with_pyvistaqt=pyvistaqt_available())
    native_size = kinds.views["native"].size
    samples: dict[str, list[float]] = {kind: [] for kind in kinds.kinds}
    for _ in range(cycles):
        for kind in kinds.kinds:
            kinds.switch(kind)
            for _ in range(SETTLE_FRAMES):
                kinds.frame()
            samples[kind] += [kinds.frame() for _ in range(BLOCK_FRAMES)]
    kinds.close()
    report = {
        "update_ms": median_ms(update),
        "frame_ms": median_ms(samples["app"]),
        "frame_mean_ms": statistics.mean(samples["app"]) * 1000.0,
        "native_bare_frame_ms": median_ms(samples["native"]),
        "native_bare_frame_mean_ms": statistics.mean(samples["native"]) * 1000.0,
        "busy_frame_ms": median_ms(samples["busy"]),
        "busy_frame_mean_ms": statistics.mean(samples["busy"]) * 1000.0,
        "native_pair_frame_ms": median_ms(samples["native_pair"]),
        "bare_frame_ms": _median_ms(samples, "pyvistaqt"),
        "paint_ms": median_ms(paints),
        "render_ms": median_ms(renders),
        "step_switch_ms": median_ms(steps) if steps else float("nan"),
        "step_switch_max_ms": max(steps) * 1000.0 if steps else float("nan"),
        "patient_swap_ms": median_ms(swaps),
        "patient_swap_max_ms": max(swap_turns) * 1000.0,
        "patient_swap_turn_ms": median_ms(swap_turns),
        "patient_swap_frame_ms": median_ms(frames_beside_swaps),
        "rss_mb": max(memory),
        "rss_mb_after_each_lesson": [round(m, 1) for m in memory],
        "triangles": window.scene.anatomy.triangle_count(),
        "renderer": window.renderer,
        "renderer_kind": "software" if is_software_renderer(window.renderer) else "gpu",
        "preset": window.preset.name,
        "level_of_detail": window.preset.level_of_detail,
        "viewport_size": f"{viewport[0]}x{viewport[1]}",
        "bare_size": f"{native_size[0]}x{native_size[1]}",
        "renders_per_frame": renders_per_frame,
        "frames_measured": len(samples["app"]),
        "frames_per_block": BLOCK_FRAMES,
        "steps_measured": len(steps),
        # Ratios of each block to the native block measured right after it: how much
        # they spread while the machine's load changes.
        "native_frame_ratio_blocks": _block_ratios(samples, "app"),
        "busy_frame_ratio_blocks": _block_ratios(samples, "busy"),
    }
    bench.close()
    return report


def _block_ratios(samples: dict[str, list[float]], kind: str) -> list[float]:
    """Median of each block of ``kind`` over the median of the native block of its cycle."""
    ratios = []
    for start in range(0, len(samples[kind]), BLOCK_FRAMES):
        mine = statistics.median(samples[kind][start : start + BLOCK_FRAMES])
        native = statistics.median(samples["native"][start : start + BLOCK_FRAMES])
        ratios.append(round(mine / native, 3))
    return ratios


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

"""``anatomy-viewer bench``: how fast the app is on the machine it runs on.

The benchmark measures the app against the least that any program could do with the
same meshes on the same machine (a bare PyVista render, a bare PySide6 + pyvistaqt
window), so its ratios mean the same on a laptop GPU and on a software renderer.

Modules
-------
runner
    The orchestrator behind the command: model timings in process, everything with a
    window in fresh child processes, one JSON report.
model
    Timings of the hip model alone (no display).
viewport
    Child process: the real main window's frame, update, lesson-step and memory figures,
    and a bare render of the same meshes at the same size.
first_frame
    Child process: start to first frame, of the app or of a bare window.

This package measures the app, so it may import ``anatomy_viewer.ui``; nothing in the
app imports it (an import-linter contract in ``pyproject.toml``).
"""

#: Every key the report holds (``anatomy-viewer bench --json``).
REPORT_KEYS = (
    "update_ms",
    "model_ms",
    "cycle_ms",
    "drop_model_ms",
    "drop_cycle_ms",
    "frame_ms",
    "bare_frame_ms",
    "frame_mean_ms",
    "bare_frame_mean_ms",
    "frame_ratio",
    "startup_s",
    "bare_startup_s",
    "startup_ratio",
    "step_switch_ms",
    "rss_mb",
    "triangles",
    "renderer",
    "renderer_kind",
    "preset",
    "viewport_size",
    "machine",
)

#: Targets from the issue that asked for the benchmark: the app may cost at most 10 % more
#: than drawing its meshes, start at most 1.3 times as slowly as a bare window showing
#: them, and change lesson step in under 100 ms.
TARGETS = {"frame_ratio": 1.10, "startup_ratio": 1.30, "step_switch_ms": 100.0}

"""``anatomy-viewer bench``: how fast the app is on the machine it runs on.

The benchmark measures the app against the least that any program could do with the
same meshes on the same machine (the app's own native-window viewport with nothing but
the meshes in it; secondarily a bare PySide6 + pyvistaqt window), so its ratios mean the
same on a laptop GPU and on a software renderer.

Modules
-------
runner
    The orchestrator behind the command: model timings in process, everything with a
    window in fresh child processes, one JSON report.
model
    Timings of the hip model alone (no display).
viewport
    Child process: the real main window's frame (as it starts and at its busiest),
    update, lesson-step and memory figures, against bare views of the same meshes.
bare
    The bare views: the native-window baseline and the pyvistaqt one.
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
    "frame_mean_ms",
    "native_bare_frame_ms",
    "native_frame_ratio",
    "busy_frame_ms",
    "busy_frame_ratio",
    "native_pair_frame_ms",
    "busy_pair_ratio",
    "bare_frame_ms",
    "frame_ratio",
    "startup_s",
    "bare_startup_s",
    "startup_ratio",
    "step_switch_ms",
    "step_switch_max_ms",
    "patient_swap_ms",
    "patient_swap_max_ms",
    "patient_swap_frame_ms",
    "rss_mb",
    "triangles",
    "renderer",
    "renderer_kind",
    "preset",
    "viewport_size",
    "machine",
)

#: Targets, measured on a software renderer. The app's playback frame may cost at most 10 %
#: more than the bare native view of its meshes, its busiest frame (every overlay, labels,
#: compare mode) 25 % more; it starts at most 1.3 times as slowly as a bare window showing
#: the meshes; a lesson step changes in under 100 ms (median) and 150 ms (slowest); a new
#: patient's anatomy never holds the event loop for more than 100 ms; and it holds at most
#: 600 MiB after playing every bundled lesson.
TARGETS = {
    "native_frame_ratio": 1.10,
    "busy_frame_ratio": 1.25,
    "startup_ratio": 1.30,
    "step_switch_ms": 100.0,
    "step_switch_max_ms": 150.0,
    "patient_swap_max_ms": 100.0,
    "rss_mb": 600.0,
}

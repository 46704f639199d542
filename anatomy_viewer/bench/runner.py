"""The benchmark behind ``anatomy-viewer bench``: one run, one report.

The model is timed in this process. Everything with a window runs in fresh child
processes (so start-up is measured from a cold interpreter and memory belongs to the app
alone), with their settings and logs in a temporary folder, never the user's.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from anatomy_viewer.bench import REPORT_KEYS, TARGETS
from anatomy_viewer.bench.first_frame import MARK
from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.system import has_x11_display, uses_x11

#: Set in the environment of a bench that re-ran itself under xvfb-run (no second re-run).
UNDER_XVFB = "ANATOMY_VIEWER_BENCH_XVFB"
XVFB_ARGS = ("xvfb-run", "-a", "-s", "-screen 0 1920x1080x24")
CHILD_TIMEOUT_S = 900.0
STARTUP_TIMEOUT_S = 120.0


class BenchError(AnatomyViewerError):
    """The benchmark cannot run here (no display) or a measuring child failed."""


def needs_display() -> list[str] | None:
    """The command that re-runs the bench under Xvfb, ``None`` when it can run as it is.

    Windows and macOS always can. On Linux the app's 3D view is an X11 window, so the
    bench needs an X server: the desktop's (XWayland on a Wayland desktop) or Xvfb.

    Raises
    ------
    BenchError
        When there is no X display and no ``xvfb-run`` to make one.
    """
    if has_x11_display():
        return None
    if os.environ.get(UNDER_XVFB) or shutil.which("xvfb-run") is None:
        raise BenchError(
            "the benchmark shows the app's window, which needs an X display on this system, "
            "and DISPLAY is not set. Run it on a desktop, or install Xvfb (Debian/Ubuntu: "
            "sudo apt-get install xvfb) and run: xvfb-run -a anatomy-viewer bench"
        )
    return [*XVFB_ARGS, sys.executable, "-m", "anatomy_viewer.cli"]


def _child_environment(home: Path) -> dict[str, str]:
    """Children keep settings, logs and caches in ``home``, never the user's."""
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    if uses_x11():
        env.setdefault("QT_QPA_PLATFORM", "xcb")  # the 3D view is an X11 window here
    return env


def _viewport_figures(quick: bool, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "anatomy_viewer.bench.viewport"]
    if quick:
        command.append("--quick")
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=False
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise BenchError(
            "the in-window measurement failed (exit status "
            f"{result.returncode}):\n{result.stderr[-3000:]}"
        )
    figures: dict[str, Any] = json.loads(lines[-1])
    return figures


def _first_frame_seconds(arguments: list[str], env: dict[str, str]) -> float:
    """Seconds from just before spawning a child to the first frame it reports."""
    command = [sys.executable, "-m", "anatomy_viewer.bench.first_frame", *arguments]
    start = time.monotonic()
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=STARTUP_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(
            f"the start-up child {' '.join(arguments)} did not quit within "
            f"{STARTUP_TIMEOUT_S:.0f} s:\n{error.stderr!r}"
        ) from error
    for line in result.stdout.splitlines():
        if line.startswith(MARK):
            return float(line.split()[1]) - start
    raise BenchError(
        f"the start-up child {' '.join(arguments)} drew no frame (exit status "
        f"{result.returncode}):\n{result.stderr[-3000:]}"
    )


def _startup_figures(
    repeats: int, level_of_detail: str, size: str, env: dict[str, str]
) -> dict[str, float]:
    from anatomy_viewer.resources import meshes_dir

    quality = os.environ.get("ANATOMY_VIEWER_QUALITY", "auto")
    app_args = ["app", "--quality", quality]
    bare_args = ["bare", "--meshes", str(meshes_dir()), "--lod", level_of_detail, "--size", size]
    app: list[float] = []
    bare: list[float] = []
    # One unmeasured run of each fills the disk cache, as on any second start.
    _first_frame_seconds(app_args, env)
    _first_frame_seconds(bare_args, env)
    for _ in range(max(repeats, 1)):  # alternate, so both see the same load
        app.append(_first_frame_seconds(app_args, env))
        bare.append(_first_frame_seconds(bare_args, env))
    return {
        "startup_s": statistics.median(app),
        "bare_startup_s": statistics.median(bare),
        "startup_runs": len(app),
    }


def machine_description() -> dict[str, Any]:
    """The machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import vtkmodules

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "vtk": getattr(vtkmodules, "__version__", "unknown"),
        "display": os.environ.get("DISPLAY", ""),
        "load_average_1min": round(load, 2),
    }


def run_bench(quick: bool = False) -> dict[str, Any]:
    """Run every measurement and return the report (keys: :data:`REPORT_KEYS`).

    Parameters
    ----------
    quick
        Few repetitions: checks that everything runs, not how fast.
    """
    from anatomy_viewer.bench.model import model_figures

    report: dict[str, Any] = {"quick": quick}
    report.update(model_figures(repeats=1 if quick else 5))
    with tempfile.TemporaryDirectory(prefix="anatomy-viewer-bench-") as folder:
        env = _child_environment(Path(folder))
        viewport = _viewport_figures(quick, env)
        report.update(viewport)
        report.update(
            _startup_figures(
                1 if quick else 5, viewport["level_of_detail"], viewport["bare_size"], env
            )
        )
    report["native_frame_ratio"] = report["frame_ms"] / report["native_bare_frame_ms"]
    report["busy_frame_ratio"] = report["busy_frame_ms"] / report["native_bare_frame_ms"]
    # Compare mode draws the anatomy twice: the busiest frame against two bare views.
    report["busy_pair_ratio"] = report["busy_frame_ms"] / report["native_pair_frame_ms"]
    bare = report["bare_frame_ms"]  # pyvistaqt's view: None without the bench extra
    report["frame_ratio"] = report["frame_ms"] / bare if bare else None
    report["startup_ratio"] = report["startup_s"] / report["bare_startup_s"]
    report["machine"] = machine_description()
    report["targets"] = dict(TARGETS)
    report["targets_met"] = {key: report[key] <= limit for key, limit in TARGETS.items()}
    missing = [key for key in REPORT_KEYS if key not in report]
    if missing:
        raise BenchError(f"the report lacks {', '.join(missing)}")
    return report


def format_report(report: dict[str, Any]) -> str:
    """The report as a few lines a person reads."""
    met = report["targets_met"]

    def mark(key: str) -> str:
        return f"(target ≤ {TARGETS[key]:g}: {'met' if met[key] else 'NOT met'})"

    machine = report["machine"]
    bare = report["bare_frame_ms"]
    lines = [
        f"machine      {machine['cpu']}, {machine['cores']} cores, {machine['system']}",
        f"renderer     {report['renderer']} ({report['renderer_kind']}), "
        f"{report['preset']} preset, {report['triangles']:,} triangles, "
        f"viewport {report['viewport_size']}",
        f"model        {report['model_ms']:.2f} ms a frame, "
        f"{report['cycle_ms']:.1f} ms a 120-frame cycle (solve_cycle)",
        f"  drop       {report['drop_model_ms']:.1f} ms a frame, "
        f"{report['drop_cycle_ms']:.1f} ms a cycle where the pelvis drops "
        "(stance, abductor group at 20 %)",
        f"update       {report['update_ms']:.2f} ms a frame (model + scene, no render)",
        f"frame        {report['frame_ms']:.1f} ms in the app, "
        f"{report['native_bare_frame_ms']:.1f} ms in a bare native view of the same meshes: "
        f"ratio {report['native_frame_ratio']:.2f} " + mark("native_frame_ratio"),
        f"busiest      {report['busy_frame_ms']:.1f} ms with every overlay, labels and "
        f"compare mode: ratio {report['busy_frame_ratio']:.2f} " + mark("busy_frame_ratio"),
        f"  compare    the bare meshes twice, at compare mode's two sizes: "
        f"{report['native_pair_frame_ms']:.1f} ms (busiest frame "
        f"{report['busy_pair_ratio']:.2f} times that)",
        f"  of which   render {report['render_ms']:.1f} ms with the swap to the screen, Qt "
        f"events {report['paint_ms']:.1f} ms, {report['renders_per_frame']:g} render(s) a frame",
        (
            f"pyvistaqt    {bare:.1f} ms a frame in a bare pyvistaqt view: app ratio "
            f"{report['frame_ratio']:.2f} (secondary)"
            if bare
            else "pyvistaqt    not installed (pip install 'anatomy-viewer[bench]'): no figure"
        ),
        f"start-up     {report['startup_s']:.2f} s the app, {report['bare_startup_s']:.2f} s "
        f"bare: ratio {report['startup_ratio']:.2f} " + mark("startup_ratio"),
        f"lesson step  {report['step_switch_ms']:.1f} ms median " + mark("step_switch_ms"),
        f"             {report['step_switch_max_ms']:.1f} ms slowest " + mark("step_switch_max_ms"),
        f"patient      {report['patient_swap_ms']:.1f} ms median to show a new patient's "
        f"anatomy (an ordinary frame beside it: {report['patient_swap_frame_ms']:.1f} ms)",
        f"             {report['patient_swap_max_ms']:.1f} ms the longest turn of the event "
        "loop while it is read and shown " + mark("patient_swap_max_ms"),
        f"memory       {report['rss_mb']:.0f} MiB at most after each bundled lesson "
        + mark("rss_mb"),
    ]
    if report.get("quick"):
        lines.append("(quick run: few repetitions, figures are rough)")
    return "\n".join(lines)

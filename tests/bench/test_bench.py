"""``anatomy-viewer bench`` runs and reports every key; its times are never asserted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from anatomy_viewer.bench import REPORT_KEYS, TARGETS
from anatomy_viewer.bench.model import model_figures
from anatomy_viewer.bench.runner import BenchError, format_report, needs_display

ROOT = Path(__file__).resolve().parents[2]


def test_model_figures_are_positive_numbers() -> None:
    figures = model_figures(repeats=1)
    assert figures["model_ms"] > 0 and figures["cycle_ms"] > 0


def test_without_display_or_xvfb_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(BenchError, match="needs an X display"):
        needs_display()


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_on_windows_and_macos_it_needs_no_display_variable(
    monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert needs_display() is None


def test_without_display_it_reruns_under_xvfb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("ANATOMY_VIEWER_BENCH_XVFB", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    command = needs_display()
    assert command is not None and command[0] == "xvfb-run"


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("DISPLAY") and shutil.which("xvfb-run") is None,
    reason="needs a display or xvfb-run",
)
def test_quick_bench_prints_every_key_as_json(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("ANATOMY_VIEWER_QUALITY", None)  # the bench measures the preset the app picks
    result = subprocess.run(
        [sys.executable, "-m", "anatomy_viewer.cli", "bench", "--quick", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    for key in REPORT_KEYS:
        assert key in report, key
    for key in (
        "update_ms", "model_ms", "cycle_ms", "frame_ms", "native_bare_frame_ms",
        "busy_frame_ms", "bare_frame_ms", "step_switch_max_ms", "patient_swap_max_ms",
    ):  # fmt: skip
        assert report[key] > 0, key
    native = report["native_bare_frame_ms"]
    assert report["native_frame_ratio"] == pytest.approx(report["frame_ms"] / native)
    assert report["busy_frame_ratio"] == pytest.approx(report["busy_frame_ms"] / native)
    assert report["frame_ratio"] == pytest.approx(report["frame_ms"] / report["bare_frame_ms"])
    assert report["step_switch_max_ms"] >= report["step_switch_ms"]
    assert report["bare_size"] == report["viewport_size"]  # the same pixels to draw
    # Memory after each bundled lesson; the report's figure is the largest.
    assert report["rss_mb"] == pytest.approx(max(report["rss_mb_after_each_lesson"]), abs=0.05)
    assert len(report["rss_mb_after_each_lesson"]) >= 6
    # Blocks alternate: every kind of frame was measured in as many blocks.
    assert len(report["native_frame_ratio_blocks"]) == len(report["busy_frame_ratio_blocks"]) >= 2
    assert report["startup_ratio"] == pytest.approx(report["startup_s"] / report["bare_startup_s"])
    assert report["triangles"] > 1000
    assert report["renderer_kind"] in ("software", "gpu")
    assert report["preset"] in ("fast", "quality")
    assert set(report["targets_met"]) == set(TARGETS)
    assert report["rss_mb"] > 0
    text = format_report(report)
    assert "ratio" in text and report["renderer"] in text

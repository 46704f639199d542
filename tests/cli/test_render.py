"""``anatomy-viewer render`` writes pictures with no display."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.cli.conftest import read_png


def _anatomy_fraction(pixels: np.ndarray) -> float:
    """Share of pixels that differ clearly from the background's grey-blue gradient."""
    rgb = pixels[..., :3].astype(float)
    saturation = rgb.max(axis=2) - rgb.min(axis=2)
    brightness = rgb.mean(axis=2)
    # Background and floor are pale and nearly grey; bone is ivory, muscle red.
    return float(((saturation > 28) | (brightness < 150)).mean())


def test_render_writes_the_size_asked_for_without_a_display(cli, headless_env, tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    result = cli("render", "--out", str(out), "--size", "1280x720", "--view", "anterior", env=headless_env)
    assert result.returncode == 0, result.stderr
    pixels = read_png(out)
    assert pixels.shape[:2] == (720, 1280)
    # The anatomy fills a sensible part of the frame: clearly present, not overflowing.
    assert 0.06 < _anatomy_fraction(pixels) < 0.7
    rows = np.flatnonzero(((pixels[..., :3].max(axis=2) - pixels[..., :3].min(axis=2)) > 28).any(axis=1))
    assert rows[-1] - rows[0] > 0.5 * 720  # tall: head of the spine to the feet


def test_render_views_differ(cli, headless_env, tmp_path: Path) -> None:
    front, side = tmp_path / "front.png", tmp_path / "side.png"
    for path, view in ((front, "anterior"), (side, "right")):
        result = cli("render", "--out", str(path), "--size", "320x240", "--view", view, env=headless_env)
        assert result.returncode == 0, result.stderr
    assert np.abs(read_png(front).astype(int) - read_png(side).astype(int)).mean() > 2


def test_render_rejects_a_bad_size_and_file_type(cli, tmp_path: Path) -> None:
    result = cli("render", "--out", str(tmp_path / "x.png"), "--size", "big")
    assert result.returncode == 2
    assert "1280x720" in result.stderr
    result = cli("render", "--out", str(tmp_path / "x.jpg"), "--size", "64x64")
    assert result.returncode == 2
    assert "x.jpg" in result.stderr and "PNG" in result.stderr
    assert "Traceback" not in result.stderr

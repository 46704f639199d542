"""``anatomy-viewer render`` writes pictures with no display."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.cli.conftest import read_png


def _anatomy_mask(pixels: np.ndarray) -> np.ndarray:
    """Pixels of bone (ivory) and muscle (red): unlike the row's background, and not grey.

    The background is a vertical gradient, so each row's left-most pixel is its background;
    the floor and its shadow are grey.
    """
    rgb = pixels[..., :3].astype(int)
    unlike_background = np.abs(rgb - rgb[:, :1, :]).max(axis=2) > 30
    coloured = (rgb.max(axis=2) - rgb.min(axis=2)) > 12
    return unlike_background & coloured


def test_render_writes_the_size_asked_for_without_a_display(
    cli, headless_env, tmp_path: Path
) -> None:
    out = tmp_path / "x.png"
    result = cli(
        "render", "--out", str(out), "--size", "1280x720", "--view", "anterior", env=headless_env
    )
    assert result.returncode == 0, result.stderr
    pixels = read_png(out)
    assert pixels.shape[:2] == (720, 1280)
    mask = _anatomy_mask(pixels)
    rows = np.flatnonzero(mask.any(axis=1))
    columns = np.flatnonzero(mask.any(axis=0))
    # The standing skeleton fills most of the height, centred, without touching the edges.
    assert 0.02 < mask.mean() < 0.6
    assert rows[-1] - rows[0] > 0.7 * 720
    assert rows[0] > 2 and rows[-1] < 717
    assert 0.08 * 1280 < columns[-1] - columns[0] < 0.9 * 1280
    assert abs((columns[0] + columns[-1]) / 2 - 640) < 0.1 * 1280


def test_render_views_differ(cli, headless_env, tmp_path: Path) -> None:
    front, side = tmp_path / "front.png", tmp_path / "side.png"
    for path, view in ((front, "anterior"), (side, "right")):
        result = cli(
            "render", "--out", str(path), "--size", "320x240", "--view", view, env=headless_env
        )
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


def test_render_a_lesson_step_and_a_simulation(cli, headless_env, tmp_path: Path) -> None:
    from anatomy_viewer.resources import lessons_dir

    lesson = sorted(lessons_dir().glob("*/lesson.yaml"))[0]
    step = tmp_path / "step.png"
    result = cli(
        "render",
        "--lesson",
        str(lesson.parent),
        "--step",
        "2",
        "--out",
        str(step),
        "--size",
        "320x200",
        env=headless_env,
    )
    assert result.returncode == 0, result.stderr
    assert read_png(step).shape[:2] == (200, 320)
    strong, weak = tmp_path / "strong.png", tmp_path / "weak.png"
    for path, strength in ((strong, "100"), (weak, "10")):
        result = cli(
            "render",
            "--task",
            "stance",
            "--strength",
            strength,
            "--weaken",
            "abductors",
            "--out",
            str(path),
            "--size",
            "320x240",
            env=headless_env,
        )
        assert result.returncode == 0, result.stderr
    # A weak abductor group lets the pelvis drop: the pictures differ. (A weak gluteus
    # medius alone would not: minimus and tensor fasciae latae take over.)
    assert np.abs(read_png(strong).astype(int) - read_png(weak).astype(int)).mean() > 0.5


def test_render_a_broken_lesson_names_the_file_and_line(cli, tmp_path: Path) -> None:
    lesson = tmp_path / "bad" / "lesson.yaml"
    lesson.parent.mkdir()
    lesson.write_text(
        "format: 1\ntitle: Broken\nsteps:\n  - title: x\n    camera: sideways\n", encoding="utf-8"
    )
    result = cli(
        "render", "--lesson", str(lesson), "--out", str(tmp_path / "x.png"), "--size", "64x64"
    )
    assert result.returncode == 2
    assert f"{lesson}:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_a_compare_step_renders_both_figures_side_by_side(
    cli, headless_env, tmp_path: Path
) -> None:
    """Step 4 of lesson 01 compares strong and weak, as the app does: two bodies, a gap."""
    from anatomy_viewer.resources import lessons_dir

    out = tmp_path / "pair.png"
    lesson = lessons_dir() / "01-knee-pain-from-hips"
    result = cli(
        "render",
        "--lesson",
        str(lesson),
        "--step",
        "4",
        "--size",
        "640x360",
        "--quality",
        "fast",
        "--out",
        str(out),
        env=headless_env,
    )
    assert result.returncode == 0, result.stderr
    pixels = read_png(out)
    assert pixels.shape[:2] == (360, 640)
    body = _anatomy_mask(pixels)[90:270]
    columns = body.any(axis=0)
    assert columns[150:170].any() and columns[470:490].any()  # a body in each half
    assert not columns[310:330].any()  # and nothing where one body would stand alone


def test_render_running_without_a_display(cli, headless_env, tmp_path: Path) -> None:
    out = tmp_path / "run.png"
    result = cli(
        "render", "--task", "run", "--phase", "0.19", "--strength", "80",
        "--view", "left", "--out", str(out), "--size", "320x240", env=headless_env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    mask = _anatomy_mask(read_png(out))
    # The runner fills much of the picture's height.
    rows = np.flatnonzero(mask.any(axis=1))
    assert rows[-1] - rows[0] > 0.5 * 240


def test_render_draws_an_exercise_from_its_own_view(cli, headless_env, tmp_path: Path) -> None:
    out = tmp_path / "clam.png"
    result = cli(
        "render", "--task", "clamshell", "--out", str(out), "--size", "640x360", env=headless_env
    )
    assert result.returncode == 0, result.stderr
    mask = _anatomy_mask(read_png(out))
    rows = np.flatnonzero(mask.any(axis=1))
    columns = np.flatnonzero(mask.any(axis=0))
    # Lying on the side: the body is wider than it is tall in the picture.
    assert columns[-1] - columns[0] > 1.5 * (rows[-1] - rows[0])

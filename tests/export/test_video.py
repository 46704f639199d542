"""Videos of a short lesson and of an animation, read back with imageio."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import imageio.v3 as iio
import imageio_ffmpeg
import numpy as np
import pytest

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.logic.video import VideoExport, VideoRequest, even_size, export_video
from tests.export.conftest import FPS, LESSON, LESSON_SECONDS, SIZE


def read_video(path: Path) -> tuple[str, list[np.ndarray]]:
    """The stream description ffmpeg prints, and every frame (GIFs through imageio's Pillow).

    ffmpeg is run directly: imageio-ffmpeg's reader leaves its pipes open (ResourceWarning).
    """
    if path.suffix == ".gif":
        return "", list(iio.imread(path, index=None))
    result = subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-i",
            str(path),
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ],
        capture_output=True,
        check=True,
    )
    stream = next(line for line in result.stderr.decode().splitlines() if "Video:" in line)
    width, height = (int(v) for v in re.search(r", (\d+)x(\d+)", stream).groups())  # type: ignore[union-attr]
    pixels = np.frombuffer(result.stdout, np.uint8).reshape(-1, height, width, 3)
    return stream, list(pixels)


def _frames(path: Path) -> list[np.ndarray]:
    return read_video(path)[1]


def test_a_lesson_becomes_an_mp4_with_one_frame_per_tick_of_model_time(
    lesson: Path, tmp_path: Path
) -> None:
    out = tmp_path / "lesson.mp4"
    seen: list[tuple[int, int]] = []
    path = export_video(
        VideoRequest(out=out, size=SIZE, fps=FPS, lesson=lesson),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert path == out
    expected = round(LESSON_SECONDS * FPS)
    assert seen[-1] == (expected, expected) and len(seen) == expected
    stream, frames = read_video(out)
    assert "h264" in stream and "yuv420p" in stream and " 8 fps" in stream
    assert len(frames) == expected
    assert frames[0].shape == (SIZE[1], SIZE[0], 3)
    # The camera flies to the back for step 2, and the movement plays there.
    assert np.abs(frames[4].astype(int) - frames[-6].astype(int)).mean() > 3
    assert np.abs(frames[20].astype(int) - frames[-1].astype(int)).mean() > 0.5
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_animation_becomes_a_gif_and_one_step_alone_is_shorter(
    lesson: Path, tmp_path: Path
) -> None:
    gif = tmp_path / "squat.gif"
    export_video(
        VideoRequest(out=gif, size=SIZE, fps=FPS, task="squat", strength_pct=30.0, loops=1)
    )
    frames = _frames(gif)
    assert len(frames) == round(4.0 * FPS)  # one 4 s cycle of the squat
    assert frames[0].shape[:2] == (SIZE[1], SIZE[0])
    step = VideoExport(
        VideoRequest(out=tmp_path / "s.gif", size=SIZE, fps=FPS, lesson=lesson, step=2)
    )
    try:
        assert step.frame_count == round(2.0 * FPS)
    finally:
        step.close()


def test_frames_are_the_same_every_time(lesson: Path, tmp_path: Path) -> None:
    first = VideoExport(VideoRequest(out=tmp_path / "a.mp4", size=SIZE, fps=FPS, lesson=lesson))
    second = VideoExport(VideoRequest(out=tmp_path / "b.mp4", size=SIZE, fps=FPS, lesson=lesson))
    try:
        for index in (3, 20, 9):
            assert np.array_equal(first.render_frame(index), second.render_frame(index))
    finally:
        first.close()
        second.close()


def test_a_cancelled_export_leaves_no_file(lesson: Path, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.mp4"
    frames = VideoExport(VideoRequest(out=out, size=SIZE, fps=FPS, lesson=lesson)).frames()
    for _ in range(5):
        next(frames)
    assert len(list(tmp_path.glob(".cancelled.*"))) == 1  # the partial file, hidden
    frames.close()
    assert list(tmp_path.iterdir()) == [lesson]


def test_bad_paths_and_lessons_are_named(broken_lesson: Path, tmp_path: Path) -> None:
    with pytest.raises(AnatomyViewerError, match=r"x\.avi.*MP4 or GIF"):
        VideoExport(VideoRequest(out=tmp_path / "x.avi"))
    with pytest.raises(AnatomyViewerError, match="no-such-folder"):
        VideoExport(VideoRequest(out=tmp_path / "no-such-folder" / "x.mp4"))
    with pytest.raises(AnatomyViewerError, match=rf"{broken_lesson.name}:10:\d+: error"):
        VideoExport(VideoRequest(out=tmp_path / "x.mp4", lesson=broken_lesson, size=SIZE))
    assert even_size((161, 121)) == (160, 120)


def test_the_clinic_name_goes_in_the_corner(tmp_path: Path) -> None:
    size = (320, 240)
    plain = VideoExport(VideoRequest(out=tmp_path / "a.mp4", size=size, fps=FPS, loops=1))
    credited = VideoExport(
        VideoRequest(out=tmp_path / "b.mp4", size=size, fps=FPS, loops=1, credit="Riverside PT")
    )
    try:
        a, b = plain.render_frame(0), credited.render_frame(0)
    finally:
        plain.close()
        credited.close()
    corner = (slice(200, 240), slice(200, 320))
    top = (slice(0, 120), slice(None))
    difference = np.abs(a[corner].astype(int) - b[corner].astype(int))
    assert difference.max() > 60 and difference.mean() > 0.5  # dark letters on the floor
    assert np.array_equal(a[top], b[top])


def test_a_compare_step_shows_normal_strength_beside_the_weak(tmp_path: Path) -> None:
    folder = tmp_path / "compare"
    folder.mkdir()
    text = LESSON.replace(
        "      play: {speed: 2, loops: 1}\n",
        "      play: {speed: 2, loops: 1}\n    compare: true\n",
    )
    (folder / "lesson.yaml").write_text(text, encoding="utf-8")
    size = (320, 240)
    export = VideoExport(VideoRequest(out=tmp_path / "c.mp4", size=size, fps=FPS, lesson=folder))
    try:
        single = export.render_frame(0)
        frame = round(3.0 * FPS)  # step 2, halfway through its cycle: the pelvis has dropped
        split = export.render_frame(frame)
        assert single.shape == split.shape == (240, 320, 3)
        left, right = split[:, :160], split[:, 160:]
        # Two bodies, one per half, and they differ (weak against normal strength).
        assert np.abs(left.astype(int) - right.astype(int)).mean() > 1
        again = export.render_frame(0).astype(int)  # back to one view (labels may shift a bit)
        assert np.abs(again - single.astype(int)).mean() < 1
    finally:
        export.close()


def test_removing_labels_leaves_no_anchor_dots_behind() -> None:
    from anatomy_viewer.scene.render import build_scene

    scene = build_scene(SIZE, "fast")
    try:
        before = set(scene.plotter.actors)
        scene.set_labels([("pelvis", None)])
        scene.set_labels([])
        assert set(scene.plotter.actors) == before
    finally:
        plotter = scene.plotter
        scene.close()
        plotter.close()


def test_an_animation_in_compare_mode_is_split_too(tmp_path: Path) -> None:
    request = VideoRequest(out=tmp_path / "c.gif", size=(320, 240), fps=FPS, loops=1)
    export = VideoExport(replace(request, compare=True, strength_pct=20.0))
    try:
        pixels = export.render_frame(round(2.0 * FPS))  # mid-cycle: on one leg
        assert export._twin is not None and pixels.shape == (240, 320, 3)
    finally:
        export.close()

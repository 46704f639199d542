"""``anatomy-viewer export-video`` and ``export-handout`` as a user runs them, with no display."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader

from anatomy_viewer.logic.handout import PICTURE_SIZE
from tests.export.conftest import FPS, LESSON_SECONDS
from tests.export.test_video import read_video
from tests.patient_sets import cached_set_folder, write_scaled_set


def run(*args: str, tmp_path: Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command with no display and settings in ``tmp_path`` (never the user's); the
    anatomy cache in ``cache`` when given."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "anatomy_viewer.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def plain(text: str) -> str:
    """PDF text with its spacing made plain (Qt places words one by one)."""
    return " ".join(text.split())


def test_export_video_writes_mp4_and_shows_progress(lesson: Path, tmp_path: Path) -> None:
    out = tmp_path / "lesson.mp4"
    result = run(
        "export-video", "--lesson", str(lesson), "--out", str(out), "--size", "160x120",
        "--fps", "8", tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "100%" in result.stderr and f"wrote {out}" in result.stdout
    stream, frames = read_video(out)
    assert len(frames) == round(LESSON_SECONDS * FPS)
    assert frames[0].shape == (120, 160, 3) and "h264" in stream


def test_export_video_of_an_animation_as_gif(tmp_path: Path) -> None:
    out = tmp_path / "squat.gif"
    result = run(
        "export-video", "--task", "squat", "--strength", "30", "--loops", "1", "--out", str(out),
        "--size", "161x121", "--fps", "8", tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    _, frames = read_video(out)
    assert len(frames) == 32 and frames[0].shape[:2] == (120, 160)  # odd sizes made even


def test_export_video_of_running(tmp_path: Path) -> None:
    out = tmp_path / "run.gif"
    result = run(
        "export-video", "--task", "run", "--strength", "80", "--loops", "1", "--out", str(out),
        "--size", "160x120", "--fps", "6", tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    _, frames = read_video(out)
    # A running cycle plays in 1.4 s: 8 or 9 frames at 6 a second, and they differ.
    assert 8 <= len(frames) <= 9
    assert np.abs(frames[0].astype(int) - frames[len(frames) // 2].astype(int)).max() > 50


def test_bad_output_paths_and_lessons_are_named_without_a_traceback(
    lesson: Path, broken_lesson: Path, tmp_path: Path
) -> None:
    cases = [
        (("export-video", "--out", str(tmp_path / "clip.avi")), "clip.avi"),
        (("export-video", "--out", str(tmp_path / "missing" / "clip.mp4")), "missing"),
        (("export-video", "--lesson", str(broken_lesson), "--out", str(tmp_path / "x.mp4")),
         f"{broken_lesson}:10:"),
        (("export-video", "--lesson", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x.mp4")),
         "nowhere"),
        (("export-video", "--lesson", str(lesson), "--step", "7", "--out", str(tmp_path / "x.mp4")),
         "no step 7"),
        (("export-handout", "--lesson", str(broken_lesson), "--out", str(tmp_path / "x.pdf")),
         f"{broken_lesson}:10:"),
        (("export-handout", "--lesson", str(lesson), "--out", str(tmp_path / "x.docx")),
         "x.docx"),
    ]  # fmt: skip
    for args, named in cases:
        result = run(*args, tmp_path=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert named in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "config", "two-steps"]


def _ctrl_c_as_at_a_terminal() -> None:
    """In the child: Ctrl+C interrupts, as in a terminal.

    A test runner started in the background ignores SIGINT (POSIX shells do that for
    ``command &``), and a child inherits it: the export then ran to the end and exited 0.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_an_export_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "long.mp4"
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    # 2,000 frames: minutes of work, interrupted as soon as the first frames are written.
    process = subprocess.Popen(
        [sys.executable, "-m", "anatomy_viewer.cli", "export-video", "--task", "stance",
         "--loops", "20", "--size", "320x240", "--fps", "25", "--out", str(out)],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )  # fmt: skip
    assert process.stderr is not None
    deadline = time.monotonic() + 300
    while not list(tmp_path.glob(".long.*")) and process.poll() is None:
        assert time.monotonic() < deadline, "the export wrote no frame in 5 minutes"
        time.sleep(0.1)  # wait until the partial file exists: frames are being written
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_export_handout_pdf_has_the_profile_the_steps_and_their_pictures(
    lesson: Path, tmp_path: Path
) -> None:
    pytest.importorskip("PySide6")
    logo = tmp_path / "logo.png"
    import imageio.v3 as iio

    iio.imwrite(logo, np.full((60, 180, 3), (30, 100, 120), np.uint8))
    out = tmp_path / "handout.pdf"
    result = run(
        "export-handout", "--lesson", str(lesson), "--out", str(out), "--paper", "a4",
        "--clinic", "Riverside Physical Therapy", "--therapist", "Alex Morgan",
        "--logo", str(logo), "--date", "2026-11-25", "--audience", "student",
        "--patient-name", "Sam Lee", "--quality", "fast", tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    width_pt, height_pt = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width_pt), round(height_pt)) == (595, 842)  # A4 in points
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    for expected in (
        "Riverside Physical Therapy",
        "Your therapist: Alex Morgan",
        "For: Sam Lee",
        "25 November 2026",
        "Two short steps",
        "Standing tall",
        "One leg with a weak muscle",
        "Abductor weakness lets the contralateral pelvis drop.",  # the student text
        f"Page 1 of {len(reader.pages)}",
    ):
        assert expected in text
    assert "thigh bones" not in text  # not the patient text
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 3  # the logo and one picture per step
    sizes = sorted(image.image.size for image in images)
    assert sizes[-1] == PICTURE_SIZE  # step pictures at their rendered size
    letter = tmp_path / "letter.pdf"
    result = run(
        "export-handout", "--lesson", str(lesson), "--out", str(letter), "--paper", "letter",
        "--quality", "fast", tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    box = PdfReader(letter).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "For:" not in PdfReader(letter).pages[0].extract_text()  # no name typed
    assert [p.name for p in tmp_path.iterdir() if ".partial" in p.name] == []


def _step_pictures(pdf: Path) -> list[np.ndarray]:
    """The step pictures of a handout (no logo in these), as arrays."""
    return [
        np.asarray(image.image.convert("RGB"))
        for page in PdfReader(pdf).pages
        for image in page.images
    ]


def test_export_handout_draws_the_patient_s_anatomy(lesson: Path, tmp_path: Path) -> None:
    """--height/--sex/--mass: the steps are drawn on the patient's set (here a wide one
    already in the cache, so nothing is generated), not on the default one."""
    pytest.importorskip("PySide6")
    cache = tmp_path / "cache"
    write_scaled_set(cached_set_folder(cache, 1.60, "female"), 1.60, "female", widen=1.3)
    default, patient = tmp_path / "default.pdf", tmp_path / "patient.pdf"
    common = ("export-handout", "--lesson", str(lesson), "--quality", "fast")
    result = run(*common, "--out", str(default), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    result = run(
        *common, "--out", str(patient), "--height", "1.60", "--sex", "female", "--mass", "58",
        tmp_path=tmp_path, cache=cache,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr  # the patient's set was used, not the default
    pictures, default_pictures = _step_pictures(patient), _step_pictures(default)
    assert len(pictures) == len(default_pictures) == 2
    for mine, theirs in zip(pictures, default_pictures, strict=True):
        assert mine.shape == theirs.shape
        assert np.mean(np.any(mine != theirs, axis=2)) > 0.02  # another body on show


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--height", "2.5", "--height: height must be from 1.4 to 2.1 m, not 2.5"),
        ("--height", "tall", "--height: expected height from 1.4 to 2.1 m, not 'tall'"),
        ("--mass", "20", "--mass: mass must be from 35 to 200 kg, not 20"),
        ("--mass", "heavy", "--mass: expected mass from 35 to 200 kg, not 'heavy'"),
        ("--sex", "other", "--sex: invalid choice: 'other'"),
    ],
)
def test_export_handout_names_a_bad_patient_option_and_writes_nothing(
    lesson: Path, tmp_path: Path, option: str, value: str, words: str
) -> None:
    out = tmp_path / "handout.pdf"
    result = run(
        "export-handout", "--lesson", str(lesson), "--out", str(out), option, value,
        tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()

"""A two-step lesson written for the export tests, and the Qt window fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

LESSON = """\
format: 1
title: Two short steps
description: A tiny lesson that the export tests turn into videos and handouts.
audiences: [patient, student]
steps:
  - title: Standing tall
    text:
      patient: The **pelvis** sits on top of both thigh bones.
      student: Pelvis and both femora in neutral upright stance.
    camera: {preset: anterior, duration_s: 0.5}
    labels: [pelvis]
    simulation: {task: stance, side: right, strength_pct: 100, phase: 0}
    advance: {after_s: 1}
  - title: One leg with a weak muscle
    text:
      patient: With a weak hip muscle the other side of the pelvis drops.
      student: Abductor weakness lets the contralateral pelvis drop.
    camera: {preset: posterior, duration_s: 0.5}
    simulation:
      task: stance
      side: right
      strength_pct: 30
      play: {speed: 2, loops: 1}
    advance: animation
"""

#: Seconds and frames of LESSON at 8 frames a second (see anatomy_viewer.logic.timeline):
#: step 1 lasts its 0.5 s flight plus 1 s of rest; step 2 one 2 s cycle at speed 2.
LESSON_SECONDS = 3.5
FPS = 8.0
SIZE = (160, 120)


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    """The folder of a valid two-step lesson."""
    folder = tmp_path / "two-steps"
    folder.mkdir()
    (folder / "lesson.yaml").write_text(LESSON, encoding="utf-8")
    return folder


@pytest.fixture
def broken_lesson(tmp_path: Path) -> Path:
    """A lesson file with a mistake on line 6."""
    path = tmp_path / "broken.yaml"
    path.write_text(LESSON.replace("preset: anterior", "preset: sideways"), encoding="utf-8")
    return path


# The real main window under Xvfb, with the same clean-up checks as tests/ui.
from tests.ui.conftest import make_window, qapp, settings, window  # noqa: E402, F401

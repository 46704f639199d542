"""The app as a process: it opens on the display, closes cleanly and exits with status 0."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# Runs the real start-up path (run_app), then closes every window the way the user's
# Quit does, after the anatomy has loaded; the process must end by itself with status 0.
HARNESS = """
import sys
from PySide6.QtCore import QTimer
from anatomy_viewer.ui.app import create_application, run_app

app = create_application()

def close_when_loaded():
    windows = [w for w in app.topLevelWidgets() if w.objectName() == "main_window"]
    if windows and getattr(windows[0], "scene", None) is not None:
        print("loaded", len(windows[0].scene.anatomy.ids), flush=True)
        windows[0].close()
    else:
        QTimer.singleShot(200, close_when_loaded)

QTimer.singleShot(200, close_when_loaded)
sys.exit(run_app(lesson=LESSON, presentation=PRESENT))
"""


@pytest.mark.skipif(
    not os.environ.get("DISPLAY"), reason="needs a display (the test command runs Xvfb)"
)
@pytest.mark.parametrize(
    ("lesson", "present"),
    [(None, False), ("lessons/03-standing-on-one-leg", True)],
    ids=["plain", "lesson-presentation"],
)
def test_the_app_opens_and_exits_cleanly(tmp_path, lesson: str | None, present: bool) -> None:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    code = HARNESS.replace("LESSON", repr(lesson)).replace("PRESENT", repr(present))
    from anatomy_viewer.resources import lessons_dir

    if lesson is not None:
        code = code.replace(repr(lesson), repr(str(lessons_dir() / lesson.split("/")[1])))
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("loaded ")
    assert "Traceback" not in result.stderr

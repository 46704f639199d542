"""Take the screenshots in README.md and docs/ from the real app window.

Run under a virtual screen from the project folder:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/doc-screenshots.py

Names of pictures after the script's name (``exercises.png``) take only those.

Each picture is grabbed from the screen (the 3D view is an OpenGL window, which a widget
grab would miss), so it is exactly what a user sees.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.app import create_application
from anatomy_viewer.ui.main_window import QtMainWindow

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"


def _settle(app: QApplication, window: QtMainWindow, seconds: float = 2.0) -> None:
    """Let flights finish and the window repaint."""
    end = seconds * 1000
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(int(end))
    while timer.isActive():
        app.processEvents()
    window.redraw()
    app.processEvents()


def _grab_window(app: QApplication, window: QtMainWindow, name: str) -> None:
    screen = app.primaryScreen()
    screen.grabWindow(window.winId()).save(str(IMAGES / name))
    print(f"wrote docs/images/{name}")


def _grab_view(app: QApplication, window: QtMainWindow, name: str) -> None:
    """The 3D view(s) and the readouts under them."""
    central = window.centralWidget()
    origin = central.mapTo(window, central.rect().topLeft())
    picture = app.primaryScreen().grabWindow(
        window.winId(), origin.x(), origin.y(), central.width(), central.height()
    )
    picture.save(str(IMAGES / name))
    print(f"wrote docs/images/{name}")


def _simulate(
    window: QtMainWindow,
    task: str,
    strength: int,
    phase: float,
    overlays: set[str],
    weaken: str = "gluteus_medius",
) -> None:
    panel = window.simulation_panel
    assert window.simulation is not None
    window.simulation.set_settings(window.simulation.settings.with_changes(weaken=weaken))
    panel.task.setCurrentIndex(panel.task.findData(task))
    panel.side.setCurrentIndex(panel.side.findData("right"))
    panel.strength.setValue(strength)
    for key, box in panel.overlays.items():
        box.setChecked(key in overlays)
    assert window.simulation is not None
    window.simulation.set_playing(False)
    window.simulation.show_phase(phase)
    window.fly_to_preset("anterior", duration_s=0)


def _exercise(window: QtMainWindow, exercise: str) -> None:
    """Pick an exercise in the Exercises tab, held, at full strength."""
    window.simulation_panel.strength.setValue(100)
    window.exercises.bring_forward()
    window.exercises.panel.select(exercise)
    if window.simulation is not None:
        window.simulation.set_playing(False)
        window.simulation.show_phase(0.5)


def _pause(window: QtMainWindow) -> None:
    """Stop a lesson step's movement at its most telling moment, as a therapist would."""
    if window.simulation is not None:
        window.simulation.set_playing(False)
        window.simulation.show_phase(0.5)


def main() -> int:
    """Open the window, pose it for each picture, save the pictures."""
    app = create_application(["anatomy-viewer"])
    IMAGES.mkdir(parents=True, exist_ok=True)
    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    window = QtMainWindow(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.resize(1400, 860)  # the size of a first start
    window.show()
    while window.scene is None:
        app.processEvents()
    overlays = {"pelvic_level", "knee_alignment", "forces", "effort"}

    shots: list[tuple[str, Callable[[], None], Callable[[], None]]] = [
        (
            "window.png",
            lambda: (
                window.open_lesson(lessons_dir() / "03-standing-on-one-leg", step=2),
                _pause(window),
                window.select_structure("gluteus_medius_r"),
            ),
            lambda: _grab_window(app, window, "window.png"),
        ),
        (
            "search.png",
            lambda: (
                window.lessons.close_lesson(),
                _simulate(window, "stance", 100, 0.5, {"pelvic_level"}),
                window.structures_panel.search.setText("glut med"),
                window.structures_panel.search.returnPressed.emit(),
            ),
            lambda: _grab_window(app, window, "search.png"),
        ),
        (
            "forces.png",
            lambda: (
                window.structures_panel.search.clear(),
                _simulate(window, "stance", 30, 0.5, overlays),
            ),
            lambda: _grab_view(app, window, "forces.png"),
        ),
        (
            "stance_100.png",
            lambda: _simulate(window, "stance", 100, 0.5, overlays),
            lambda: _grab_view(app, window, "stance_100.png"),
        ),
        (
            "stance_30.png",
            lambda: _simulate(window, "stance", 30, 0.5, overlays, "abductors"),
            lambda: _grab_view(app, window, "stance_30.png"),
        ),
        (
            "squat_100.png",
            lambda: _simulate(window, "squat", 100, 0.5, overlays),
            lambda: _grab_view(app, window, "squat_100.png"),
        ),
        (
            "squat_74.png",
            lambda: _simulate(window, "squat", 74, 0.5, overlays),
            lambda: _grab_view(app, window, "squat_74.png"),
        ),
        (
            "compare.png",
            lambda: (
                _simulate(
                    window,
                    "stance",
                    20,
                    0.5,
                    {"pelvic_level", "knee_alignment", "effort"},
                    "abductors",
                ),
                window.simulation_panel.compare.setChecked(True),
            ),
            lambda: _grab_view(app, window, "compare.png"),
        ),
        (
            "lesson.png",
            lambda: (
                window.simulation_panel.compare.setChecked(False),
                window.open_lesson(lessons_dir() / "04-weak-gluteus-medius", step=1),
                _pause(window),
            ),
            lambda: _grab_window(app, window, "lesson.png"),
        ),
        (
            "chairside_presentation.png",
            lambda: (
                window.open_lesson(lessons_dir() / "04-weak-gluteus-medius", step=2),
                window.enter_presentation(),
                _pause(window),
            ),
            lambda: (
                _grab_window(app, window, "chairside_presentation.png"),
                window.leave_presentation(),
            ),
        ),
        (
            "exercises.png",
            lambda: (
                window.lessons.close_lesson(),
                _exercise(window, "side_plank"),
            ),
            lambda: _grab_window(app, window, "exercises.png"),
        ),
        (
            "exercise_clamshell.png",
            lambda: _exercise(window, "clamshell"),
            lambda: _grab_view(app, window, "exercise_clamshell.png"),
        ),
        (
            "exercise_side_plank.png",
            lambda: _exercise(window, "side_plank_abduction"),
            lambda: _grab_view(app, window, "exercise_side_plank.png"),
        ),
    ]
    # Names given on the command line: take only those pictures.
    wanted = set(sys.argv[1:])
    shots = [shot for shot in shots if not wanted or shot[0] in wanted]
    for _name, prepare, grab in shots:
        window.select_structure(None)
        prepare()
        _settle(app, window)
        grab()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

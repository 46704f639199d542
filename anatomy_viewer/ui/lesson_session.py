"""A lesson's time in the window: opening one from a file or a menu, staging its steps in
the 3D view, and afterwards giving the user back what they had set up before it
(structures, labels, the simulation).

A lesson's steps set the structures, labels, overlays and strength for themselves. When
the lesson closes ("All lessons"), its labels and overlays must not stay on screen, and
its settings must not be saved as the user's own at quit: :class:`QtLessonSession` keeps
the user's scene from before the first step and puts it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSignalBlocker, QTimer
from PySide6.QtWidgets import QFileDialog

from anatomy_viewer.lesson import SceneState, StepView
from anatomy_viewer.logic.simulation import SimulationSettings
from anatomy_viewer.logic.staging import (
    camera_pose,
    simulation_settings,
    stage_labels,
    stage_structures,
)
from anatomy_viewer.system import release_freed_memory
from anatomy_viewer.ui.errors import report_exception
from anatomy_viewer.ui.export_dialogs import last_folder, remember_folder

if TYPE_CHECKING:
    from anatomy_viewer.ui.main_window import QtMainWindow


@dataclass(frozen=True)
class UserScene:
    """What the user had set up before a lesson took over the view."""

    settings: SimulationSettings
    labels: bool
    #: Structure id -> (visible, opacity).
    structures: dict[str, tuple[bool, float]]


class QtLessonSession(QObject):
    """Opens lessons for the window and keeps the user's own scene while one is open.

    Parameters
    ----------
    window
        The main window.
    """

    def __init__(self, window: QtMainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: The user's scene from before the open lesson (None while no lesson is open).
        self.user_scene: UserScene | None = None
        #: The lesson step's scene on show (the twin view copies it), if a lesson is open.
        self.staged: SceneState | None = None

    # -- opening -------------------------------------------------------------------------

    def open_reporting(self, path: Path) -> None:
        """Open a lesson chosen in a menu; a lesson with mistakes is reported, not raised."""
        try:
            self.window.open_lesson(path)
        except Exception as error:  # shown in a message that names the file and line
            report_exception(type(error), error, error.__traceback__)

    def ask_open_lesson(self) -> None:
        """Ask for a lesson file (starting in the folder of the last one) and open it."""
        settings = self.window.settings
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Open lesson",
            str(last_folder(settings, "lesson")),
            "Lessons (lesson.yaml *.yaml *.yml)",
        )
        if name:
            file = Path(name)
            # Lessons are folders: the next time, start among them, not inside this one.
            folder = file.parent.parent if file.name == "lesson.yaml" else file.parent
            remember_folder(settings, "lesson", folder)
            self.open_reporting(file)

    # -- staging steps --------------------------------------------------------------------

    def stage(self, view: StepView) -> None:
        """Show a lesson step in the 3D view: structures, labels, simulation, camera flight.

        The step is drawn once, when all of it is staged (``frame_hold``); its movement
        and its flight start after that frame, so that their clocks start with the step on
        screen (docs/performance.md, item 18).
        """
        window = self.window
        if window.scene is None or window.simulation is None:
            return
        self.keep()
        state = view.scene
        settings, phase, play, loops = simulation_settings(state)
        flight_s = state.camera.duration_s
        with window.frame_hold.held():
            self.staged = state
            window.scene.anatomy.select(None)
            stage_structures(window.scene, state)
            window.compare_view.stage(state)
            for sid in window.scene.anatomy.ids:
                window.structures_panel.set_checked(sid, window.scene.anatomy.is_visible(sid))
            # The step's own labels replace "label everything" while a lesson plays.
            blocker = QSignalBlocker(window.labels_action)
            window.labels_action.setChecked(False)
            del blocker
            window.simulation.set_playing(False)
            window.simulation.set_settings(settings, phase=phase)
            self.stage_labels()
            # A preset camera frames what the step shows, as it is posed: worked out now.
            pose = camera_pose(window.scene, state.camera, state.simulation)
            if flight_s <= 0.0:
                window.fly_to(pose, 0.0)  # a jump: part of the step's one frame
        if play:
            window.simulation.set_playing(True, loops=loops)
        if flight_s > 0.0:
            window.fly_to(pose, flight_s)
        window.mark_camera(state.camera.preset)
        # Once the step is on screen: what staging it allocated and freed goes back to
        # the system (docs/performance.md, memory).
        QTimer.singleShot(0, release_freed_memory)

    def stage_labels(self, *_: object) -> None:
        """Pin the staged step's labels (posed, for its camera) in the reader's words."""
        window = self.window
        if self.staged is None or window.scene is None:
            return
        player = window.lessons.player
        audience = player.audience if player is not None else "patient"
        for scene in (window.scene, window.twin_scene):
            if scene is not None:
                stage_labels(scene, self.staged, audience)

    # -- the user's scene ----------------------------------------------------------------

    def keep(self) -> None:
        """Remember the user's own set-up before a lesson's first step replaces it."""
        window = self.window
        if window.scene is None or window.simulation is None or self.user_scene is not None:
            return
        anatomy = window.scene.anatomy
        self.user_scene = UserScene(
            settings=window.simulation.settings,
            labels=window.labels_action.isChecked(),
            structures={
                sid: (anatomy.is_visible(sid), anatomy.opacity(sid)) for sid in anatomy.ids
            },
        )

    def own_settings(self) -> SimulationSettings | None:
        """The simulation settings that are the user's own (not a lesson's)."""
        if self.user_scene is not None:
            return self.user_scene.settings
        simulation = self.window.simulation
        return simulation.settings if simulation is not None else None

    def restore(self) -> None:
        """Give back what the user had before the lesson: structures, labels, simulation."""
        kept, self.user_scene = self.user_scene, None
        self.staged = None
        window = self.window
        if kept is None or window.scene is None or window.simulation is None:
            return
        with window.frame_hold.held():  # one frame for all of it
            for scene in (window.scene, window.twin_scene):
                if scene is None:
                    continue
                scene.set_labels([])
                for sid, (visible, opacity) in kept.structures.items():
                    if sid in scene.anatomy.ids:
                        scene.anatomy.set_mode(sid, "shown" if visible else "hidden")
                        scene.anatomy.set_opacity(sid, opacity)
            for sid in window.scene.anatomy.ids:
                window.structures_panel.set_checked(sid, window.scene.anatomy.is_visible(sid))
            window.simulation.set_playing(False)
            window.simulation.set_settings(kept.settings)
            window.set_labels_visible(kept.labels)
            window.redraw()

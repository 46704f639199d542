"""The main window: the 3D view in the middle, panels docked around it, toolbar and menus.

Every action calls one method of this window (or of the scene), so tests drive the
window exactly as a person does.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.lesson import SceneState
from anatomy_viewer.logic.frames import simulation_for
from anatomy_viewer.logic.simulation import settings_from_json
from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, load_scene
from anatomy_viewer.scene.camera import CameraPose
from anatomy_viewer.scene.quality import RenderPreset
from anatomy_viewer.scene.render import detect_preset
from anatomy_viewer.ui.anatomy_swap import QtAnatomySwap
from anatomy_viewer.ui.camera_flight import FLIGHT_SECONDS, QtCameraFlight
from anatomy_viewer.ui.compare_view import QtCompareView
from anatomy_viewer.ui.errors import report_exception, set_message_parent, show_missing_anatomy
from anatomy_viewer.ui.exercises_panel import QtExercisesTab
from anatomy_viewer.ui.export_actions import install_export_actions
from anatomy_viewer.ui.export_dialogs import remember_folder
from anatomy_viewer.ui.fit_dialog import add_fit_button
from anatomy_viewer.ui.frame_hold import FrameHold
from anatomy_viewer.ui.info_panel import QtInfoPanel
from anatomy_viewer.ui.keyboard import QtLessonKeys
from anatomy_viewer.ui.lesson_controller import QtLessonController
from anatomy_viewer.ui.lesson_session import QtLessonSession
from anatomy_viewer.ui.patient_dialog import load_patient, load_patient_strength
from anatomy_viewer.ui.patient_lessons import QtPatientLessons
from anatomy_viewer.ui.picking import QtClickPicker
from anatomy_viewer.ui.presentation import QtPresentationMode
from anatomy_viewer.ui.readouts import QtReadouts
from anatomy_viewer.ui.simulation_controller import QtSimulationController
from anatomy_viewer.ui.simulation_panel import QtSimulationPanel
from anatomy_viewer.ui.strength_chart import QtStrengthChart
from anatomy_viewer.ui.structures_panel import QtStructuresPanel
from anatomy_viewer.ui.viewport import QtViewport
from anatomy_viewer.ui.window_menus import QtWindowMenus
from anatomy_viewer.ui.window_state import restore_window_state, shut_down

log = logging.getLogger(__name__)

#: Text size in the 3D view while presenting (labels, angles), as View > Text size's scale.
PRESENTATION_VIEW_TEXT = 1.5


class QtMainWindow(QMainWindow):
    """The app's window.

    Parameters
    ----------
    settings
        Where choices are remembered between runs.
    quality
        ``"auto"``, ``"fast"`` or ``"quality"``; auto picks fast on a software renderer.
    meshes
        Folder with ``manifest.json`` (default: the bundled meshes).
    """

    def __init__(
        self, settings: QSettings, quality: str = "auto", meshes: Path | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self._base_title = "anatomy_viewer: hip, knee and gluteal muscles"
        self.setWindowTitle(self._base_title)
        self.settings = settings
        self._quality = quality
        self._meshes_dir = meshes or meshes_dir()
        self.scene: AnatomyScene | None = None
        self.preset: RenderPreset | None = None
        self.renderer = "unknown"
        self._closed = False

        central = QWidget(self)
        # QtViewport: no multi-sampling and one render per frame (docs/performance.md).
        self.plotter = QtViewport(central)
        self.plotter.setObjectName("viewport")
        self.plotter.setAccessibleName("3D view")
        self.plotter.setAccessibleDescription(
            "The hip, thigh and leg. Drag to turn, scroll to zoom, click a structure to "
            "read about it; the arrow keys move through a lesson."
        )
        self.readouts = QtReadouts(central)
        self._views = QHBoxLayout()
        self._views.setSpacing(2)
        self._views.addWidget(self.plotter, 1)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addLayout(self._views, 1)
        central_layout.addWidget(self.readouts)
        self.setCentralWidget(central)
        self.compare_view = QtCompareView(self.plotter, self._views, self._meshes_dir, self)
        self.flight = QtCameraFlight(self._apply_camera, self)
        #: A lesson step is drawn once, however many of its parts ask for a frame.
        self.frame_hold = FrameHold(self.redraw)
        self.picker = QtClickPicker(self.plotter, self)
        self.picker.clicked.connect(self._structure_clicked)

        self.structures_panel = QtStructuresPanel()
        self.info_panel = QtInfoPanel()
        self.structures_dock = self._add_dock(
            "Structures",
            "structures_dock",
            self.structures_panel,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.info_dock = self._add_dock(
            "Info", "info_dock", self.info_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.simulation_panel = QtSimulationPanel()
        self.chart = QtStrengthChart()
        self.simulation_panel.extra.addWidget(self.chart)
        self.fit_button = add_fit_button(self, self.simulation_panel.extra, self._simulation_now)
        scroll = QScrollArea()
        scroll.setObjectName("simulation_scroll")
        scroll.setAccessibleName("Simulation controls")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.simulation_panel)
        self.lessons = QtLessonController(settings, self)
        self.lessons_dock = self._add_dock(
            "Lessons", "lessons_dock", self.lessons.widget, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.simulation_dock = self._add_dock(
            "Simulation", "simulation_dock", scroll, Qt.DockWidgetArea.RightDockWidgetArea
        )
        # The lesson's text above the strength slider, both in sight (as when presenting):
        # a therapist talks a patient through a step while turning the strength down.
        self.splitDockWidget(self.lessons_dock, self.simulation_dock, Qt.Orientation.Vertical)
        self.exercises = QtExercisesTab(self)  # a tab beside the lessons
        self.simulation: QtSimulationController | None = None
        #: Opening and staging lessons, and the user's own scene kept while one is open.
        self.lesson_session = QtLessonSession(self)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        #: Shows a new patient's anatomy in this window (File > Patient…).
        self.anatomy_swap = QtAnatomySwap(self)
        self.anatomy_swap.swapped.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.patient_lessons = QtPatientLessons(self)  # lessons about the patient follow

        self.menus = QtWindowMenus(self)
        self.toolbar = self.menus.toolbar
        self.camera_actions = self.menus.camera_actions
        self.reset_action = self.menus.reset_action
        self.labels_action = self.menus.labels_action
        self.screenshot_action = self.menus.screenshot_action
        self.present_action = self.menus.present_action
        self.text_size = self.menus.text_size
        self.recent_lessons = self.menus.recent_lessons
        self.exports = install_export_actions(self, self.menus.menu_file, self.toolbar)
        self.menus.build_help_menu()
        # The keys work with the menus and toolbar hidden too (presentation mode: F11
        # leaves it, F/M/B/L/R/T still turn the view).
        self.addActions([a for a in self.findChildren(QAction) if a.shortcuts()])
        self.presentation = QtPresentationMode(
            self,
            keep=[self.lessons_dock, self.simulation_dock],
            hide=[self.structures_dock, self.info_dock],
            toolbars=[self.toolbar],
            extra_hidden=self.simulation_panel.advanced_widgets(),
            leave=self.leave_presentation,
        )
        self._connect_panels()
        self._connect_lessons()
        restore_window_state(self)
        self.text_size.apply(self.text_size.scale)
        # The library reads every lesson when shown: not before the first frame.
        self.lessons.library.hold()
        set_message_parent(self)

    # -- construction ------------------------------------------------------------------

    def _add_dock(
        self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _connect_panels(self) -> None:
        panel = self.structures_panel
        panel.visibility_changed.connect(self.set_structure_visible)
        panel.opacity_changed.connect(self.set_structure_opacity)
        panel.structure_selected.connect(self.select_structure)
        panel.isolate_requested.connect(self.isolate)
        panel.show_all_requested.connect(self.show_all)

    def _connect_lessons(self) -> None:
        self.lessons.step_shown.connect(self.lesson_session.stage)
        self.lessons.panel.audience_changed.connect(self.lesson_session.stage_labels)
        self.flight.finished.connect(self._view_settled)
        # Labels follow the view: after a drag or zoom they move to what can be seen.
        self.plotter.iren.add_observer("EndInteractionEvent", self._view_settled)
        self.lessons.lesson_opened.connect(self._lesson_opened)
        self.lessons.lesson_closed.connect(self._lesson_closed)
        self.lessons.library.open_file_requested.connect(self.lesson_session.ask_open_lesson)
        self.lesson_keys = QtLessonKeys(self, self.lessons.panel.next, self.lessons.panel.previous)

    # -- start-up ----------------------------------------------------------------------

    def load_scene(self) -> None:
        """Detect the renderer, load the meshes and draw the first frame.

        Called once the window is on screen, since the OpenGL context (and so the
        renderer's name) exists only then.
        """
        if self.scene is not None:
            return
        # Queued now, run once this slot (and so the first frame) is done.
        QTimer.singleShot(0, self.lessons.library.release)
        if self.plotter.render_window is None:
            return
        self.preset, self.renderer = detect_preset(self.plotter, self._quality)
        try:
            self.scene = load_scene(self.plotter, self._meshes_dir, self.preset)
        except Exception as error:  # reported, and the window stays usable
            report_exception(type(error), error, error.__traceback__)
            self.statusBar().showMessage("No anatomy could be loaded.")
            return
        self.structures_panel.populate(
            [self.scene.anatomy.entry(i) for i in self.scene.anatomy.ids],
            {i: self.scene.anatomy.is_visible(i) for i in self.scene.anatomy.ids},
        )
        if self.labels_action.isChecked():
            self.scene.label_all_visible(True)
        self.scene.set_camera(self.scene.home_camera())
        self.mark_camera("anterior")
        self.plotter.iren.add_observer("InteractionEvent", self._turned_by_hand)
        self._start_simulation()
        self.show_triangle_count()
        if self.scene.problems:
            self.statusBar().showMessage(
                f"{len(self.scene.problems)} structure(s) could not be loaded"
            )
            show_missing_anatomy(self, self.scene.problems)
        else:
            self.statusBar().showMessage(
                "Drag to rotate, scroll to zoom, click a structure to read about it.", 8000
            )
        # No redraw here: attaching the simulation drew the first frame, and nothing in the
        # 3D view has changed since (a second render cost ~20 ms of the start-up).
        # What the first frame does not need comes after it (docs/performance.md).
        QTimer.singleShot(0, self.chart.build)

    def show_triangle_count(self) -> None:
        """Say in the status bar how many triangles are drawn, by what kind of renderer."""
        if self.scene is not None and self.preset is not None:
            kind = "software renderer" if self.preset.name == "fast" else "graphics card"
            self.status_label.setText(
                f"{self.scene.anatomy.triangle_count():,} triangles · "
                f"{kind} ({self.preset.name} preset)"
            )

    def use_patient(self, meshes: Path, mass_kg: float) -> None:
        """Show the anatomy set in ``meshes`` and model a body of ``mass_kg``, now."""
        self.anatomy_swap.load(meshes, mass_kg)
        self._meshes_dir = meshes

    def _simulation_now(self) -> QtSimulationController | None:
        """The simulation controller, once the anatomy is loaded."""
        return self.simulation

    def _start_simulation(self) -> None:
        assert self.scene is not None
        patient = load_patient(self.settings)
        self.simulation = QtSimulationController(
            simulation_for(self.scene, patient.mass_kg if patient is not None else 75.0),
            self.simulation_panel,
            self.readouts,
            self.chart,
            self.redraw,
            self,
        )
        # Compare mode captions the remembered patient's strength "Your strength" at once.
        strength, weaken = load_patient_strength(self.settings)
        self.simulation.patient_strength = None if strength is None else (strength, weaken)
        remembered = self.settings.value("simulation/settings", "", type=str)
        if remembered:
            # Compare mode opens a second view: start without it.
            self.simulation.set_settings(
                settings_from_json(str(remembered)).with_changes(compare=False)
            )
        self.simulation.finished.connect(self.lessons.animation_finished)
        self.simulation.compare_changed.connect(self.set_compare)
        self.simulation.attach(self.scene)

    @property
    def twin_plotter(self) -> QtViewport | None:
        """The normal-strength view of compare mode, once it was first shown."""
        return self.compare_view.plotter

    @property
    def twin_scene(self) -> AnatomyScene | None:
        """The anatomy in the normal-strength view, once it was first shown."""
        return self.compare_view.scene

    def set_compare(self, on: bool) -> None:
        """Show (or hide) a full-strength twin beside the view, with the same camera."""
        if self.scene is None or self.preset is None or self.simulation is None:
            return
        twin = self.compare_view.show(
            on,
            self.preset,
            self.staged_step,
            self.scene.camera().mirrored,
            self.text_size.view_scale,
        )
        self.simulation.twin_scene = twin
        # The legends once, top right of the pair: in the normal-strength view.
        self.scene.set_legends_visible(not on)
        if not on:
            self.scene.set_caption(None)
        if on and self.twin_scene is not None and self.scene.label_requests:
            self.twin_scene.set_labels(self.scene.label_requests)
        # No frame here: the settings that changed compare mode draw the next one.

    def redraw(self) -> None:
        """Draw one frame (the only place the window renders), in both views when comparing.

        Inside ``frame_hold.held()`` the frame waits for the hold's end (ui/frame_hold.py).
        """
        if not self._closed and not self.frame_hold.postpone():
            self.plotter.render()
            self.compare_view.draw()

    # -- camera ------------------------------------------------------------------------

    def _apply_camera(self, pose: CameraPose) -> None:
        if self.scene is not None:
            self.scene.set_camera(pose)
            self.compare_view.set_mirrored(pose.mirrored)
            self.redraw()

    def mark_camera(self, preset: str | None) -> None:
        """Highlight the toolbar's view button for ``preset`` (none for any other view)."""
        for name, action in self.camera_actions.items():
            action.setChecked(name == preset)

    def _turned_by_hand(self, *_: object) -> None:
        self.mark_camera(None)

    def fly_to_preset(self, preset: str, duration_s: float = FLIGHT_SECONDS) -> None:
        """Fly the camera to a named preset around the visible anatomy."""
        if self.scene is None:
            return
        self.fly_to(self.scene.preset_camera(preset), duration_s)
        self.mark_camera(preset)
        self.settings.setValue("view/camera", preset)

    def fly_to(self, pose: CameraPose, duration_s: float = FLIGHT_SECONDS) -> None:
        """Fly from the current camera to ``pose`` (jumps when ``duration_s`` is 0)."""
        if self.scene is not None:
            self.flight.fly(self.scene.camera(), pose, duration_s)

    def reset_view(self) -> None:
        """Fly back to the start view, framing the whole anatomy from the front."""
        if self.scene is not None:
            self.fly_to(self.scene.home_camera())
            self.mark_camera("anterior")

    # -- structures --------------------------------------------------------------------

    def set_structure_visible(self, structure_id: str, visible: bool) -> None:
        """Show or hide one structure."""
        if self.scene is None:
            return
        self.scene.anatomy.set_visible(structure_id, visible)
        self.structures_panel.set_checked(structure_id, visible)
        if self.labels_action.isChecked():
            self.scene.label_all_visible(True)
        self.redraw()

    def set_structure_opacity(self, structure_id: str, opacity: float) -> None:
        """Set how solid one structure is drawn."""
        if self.scene is not None:
            self.scene.anatomy.set_opacity(structure_id, opacity)
            self.redraw()

    def select_structure(self, structure_id: str | None) -> None:
        """Select a structure: highlight it, select its row and describe it in the Info panel."""
        if self.scene is None:
            return
        if structure_id is not None and structure_id not in self.scene.anatomy.ids:
            structure_id = None
        self.scene.anatomy.select(structure_id)
        opacity = self.scene.anatomy.opacity(structure_id) if structure_id else 1.0
        self.structures_panel.select(structure_id, opacity)
        self.info_panel.show_structure(
            self.scene.anatomy.entry(structure_id) if structure_id else None
        )
        if structure_id:
            self.info_dock.raise_()
            self.statusBar().showMessage(self.scene.anatomy.entry(structure_id).name, 4000)
        self.redraw()

    def _structure_clicked(self, actor: object) -> None:
        if self.scene is None:
            return
        structure_id = self.scene.anatomy.id_of_actor(actor)
        self.select_structure(structure_id)
        if structure_id is not None:
            self.lessons.panel.answer_structure(structure_id)

    # -- lessons -----------------------------------------------------------------------

    def open_lesson(self, path: Path, step: int = 0) -> None:
        """Open a lesson (file or folder) at step ``step`` (0-based) and stage it."""
        self.lessons.open_lesson(path, step)
        self.lessons_dock.show()
        self.lessons_dock.raise_()

    def show_lesson_library(self) -> None:
        """Show the list of lessons, to pick one."""
        if self.lessons.player is not None:
            self.lessons.close_lesson()
        self.lessons_dock.show()
        self.lessons_dock.raise_()
        self.lessons.library.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lesson_closed(self) -> None:
        self.setWindowTitle(self._base_title)
        self.lesson_session.restore()

    def _lesson_opened(self, title: str) -> None:
        self.setWindowTitle(f"{title} — anatomy_viewer")
        if self.lessons.player is not None:
            self.recent_lessons.add(self.lessons.player.lesson.path)
        self.statusBar().showMessage(
            f"Lesson: {title}. Use the arrow keys or Space to move through it.", 8000
        )

    @property
    def staged_step(self) -> SceneState | None:
        """The scene of the lesson step on show, if a lesson is open."""
        return self.lesson_session.staged

    def _view_settled(self, *_: object) -> None:
        """The camera came to rest: move the labels to what can be seen from there."""
        if self._closed:
            return
        try:  # called from a VTK observer too: nothing may escape
            for scene in (self.scene, self.twin_scene):
                if scene is not None and scene.label_requests:
                    scene.place_labels()
            self.redraw()
        except Exception as error:
            report_exception(type(error), error, error.__traceback__)

    def isolate(self, structure_id: str) -> None:
        """Show only one structure, and bring the camera close enough to fill the view."""
        if self.scene is None:
            return
        self.scene.anatomy.isolate([structure_id])
        for sid in self.scene.anatomy.ids:
            self.structures_panel.set_checked(sid, self.scene.anatomy.is_visible(sid))
        self.select_structure(structure_id)
        self.fly_to(self.scene.framing_camera(self.scene.camera()))

    def search_structures(self) -> None:
        """Show the Structures panel with the cursor in its search field."""
        self.structures_dock.show()
        self.structures_dock.raise_()
        self.structures_panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.structures_panel.search.selectAll()

    def show_all(self) -> None:
        """Show every structure except the body outline, at default opacity."""
        if self.scene is None:
            return
        self.scene.anatomy.show_all()
        for sid in self.scene.anatomy.ids:
            self.structures_panel.set_checked(sid, self.scene.anatomy.is_visible(sid))
        if self.labels_action.isChecked():
            self.scene.label_all_visible(True)
        self.redraw()

    def set_labels_visible(self, on: bool) -> None:
        """Name every visible structure in the view, or remove the names."""
        self.settings.setValue("view/labels", on)
        if self.labels_action.isChecked() != on:
            self.labels_action.setChecked(on)
        if self.scene is not None:
            self.scene.label_all_visible(on)
            self.redraw()

    # -- presentation ------------------------------------------------------------------

    def toggle_presentation(self) -> None:
        """Enter or leave presentation mode."""
        if self.presentation.active:
            self.leave_presentation()
        else:
            self.enter_presentation()

    def enter_presentation(self) -> None:
        """Full screen, large type, patient text, only the 3D view, lesson and strength slider."""
        self.lessons.panel.set_audience("patient")
        self.presentation.enter()
        self.statusBar().hide()
        self.statusBar().clearMessage()
        # The labels and angles in the view grow with the large type around it.
        self.text_size.set_view_scale(max(PRESENTATION_VIEW_TEXT, self.text_size.scale))

    def leave_presentation(self) -> None:
        """Back to the normal window."""
        if self.presentation.active:
            self.presentation.leave()
            self.statusBar().show()
            self.text_size.set_view_scale(self.text_size.scale)

    # -- pictures ----------------------------------------------------------------------

    def save_screenshot(self, path: Path) -> Path:
        """Save the 3D view as a PNG picture."""
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        self.redraw()
        self.plotter.screenshot(str(path))
        self.statusBar().showMessage(f"Saved {path}", 6000)
        remember_folder(self.settings, "picture", path.parent)
        return path

    def ask_screenshot(self) -> None:
        """Ask where to save a picture of the 3D view, then save it."""
        self.exports.ask_picture(labels=False)

    # -- settings and shutdown ---------------------------------------------------------

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        """Load the anatomy right after the window first appears."""
        super().showEvent(event)  # type: ignore[arg-type]
        if self.scene is None:
            QTimer.singleShot(0, self.load_scene)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Stop timers, close the scene, then the plotter: nothing left running."""
        if not self._closed:
            shut_down(self)
        super().closeEvent(event)

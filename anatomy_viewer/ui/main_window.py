"""The main window: the 3D view in the middle, panels docked around it, toolbar and menus.

Every action calls one method of this window (or of the scene), so tests drive the
window exactly as a person does.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer import __version__
from anatomy_viewer.lesson import SceneState, StepView
from anatomy_viewer.logic.frames import simulation_for
from anatomy_viewer.logic.simulation import (
    settings_from_json,
    settings_to_json,
)
from anatomy_viewer.logic.staging import (
    camera_pose,
    simulation_settings,
    stage_labels,
    stage_structures,
)
from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, load_scene
from anatomy_viewer.scene.camera import CameraPose
from anatomy_viewer.scene.quality import RenderPreset
from anatomy_viewer.scene.render import detect_preset
from anatomy_viewer.ui.camera_flight import FLIGHT_SECONDS, QtCameraFlight
from anatomy_viewer.ui.errors import report_exception, set_message_parent
from anatomy_viewer.ui.export_actions import install_export_actions
from anatomy_viewer.ui.info_panel import QtInfoPanel
from anatomy_viewer.ui.lesson_controller import QtLessonController
from anatomy_viewer.ui.picking import QtClickPicker
from anatomy_viewer.ui.presentation import QtPresentationMode
from anatomy_viewer.ui.readouts import QtReadouts
from anatomy_viewer.ui.simulation_controller import QtSimulationController
from anatomy_viewer.ui.simulation_panel import QtSimulationPanel
from anatomy_viewer.ui.strength_chart import QtStrengthChart
from anatomy_viewer.ui.structures_panel import QtStructuresPanel
from anatomy_viewer.ui.viewport import QtViewport

log = logging.getLogger(__name__)

#: Toolbar camera presets: (preset, menu text, shortcut).
CAMERA_ACTIONS = (
    ("anterior", "&Front", "F"),
    ("mirror", "&Mirror (patient's view)", "M"),
    ("posterior", "&Back", "B"),
    ("left", "&Left side", "L"),
    ("right", "&Right side", "R"),
    ("superior", "&Top", "T"),
)


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
        self.twin_plotter: QtViewport | None = None
        self.twin_scene: AnatomyScene | None = None
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
        self.flight = QtCameraFlight(self._apply_camera, self)
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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.simulation_panel)
        self.simulation_dock = self._add_dock(
            "Simulation", "simulation_dock", scroll, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.lessons = QtLessonController(settings, self)
        self.lessons_dock = self._add_dock(
            "Lessons", "lessons_dock", self.lessons.widget, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.simulation_dock, self.lessons_dock)
        self.simulation_dock.raise_()
        self.simulation: QtSimulationController | None = None
        #: The lesson step's scene on show (the twin view copies it), if a lesson is open.
        self._staged: SceneState | None = None
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        self._build_actions()
        self.presentation = QtPresentationMode(
            self,
            keep=[self.lessons_dock, self.simulation_dock],
            hide=[self.structures_dock, self.info_dock],
            toolbars=[self.toolbar],
            extra_hidden=self.simulation_panel.advanced_widgets(),
        )
        self._connect_panels()
        self._connect_lessons()
        self._restore_settings()
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

    def _build_actions(self) -> None:
        toolbar = QToolBar("View", self)
        toolbar.setObjectName("view_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        menu_file = self.menuBar().addMenu("&File")
        menu_view = self.menuBar().addMenu("&View")
        self.camera_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for preset, text, shortcut in CAMERA_ACTIONS:
            action = QAction(text.replace("&", ""), self)
            action.setText(text)
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text.replace('&', '')} view ({shortcut})")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, p=preset: self.fly_to_preset(p))
            group.addAction(action)
            toolbar.addAction(action)
            menu_view.addAction(action)
            self.camera_actions[preset] = action
        self.reset_action = QAction("Re&set view", self)
        self.reset_action.setShortcut(QKeySequence("Home"))
        self.reset_action.triggered.connect(self.reset_view)
        toolbar.addAction(self.reset_action)
        menu_view.addAction(self.reset_action)
        toolbar.addSeparator()
        menu_view.addSeparator()

        self.labels_action = QAction("&Labels", self)
        self.labels_action.setCheckable(True)
        self.labels_action.setShortcut(QKeySequence("Ctrl+L"))
        self.labels_action.setToolTip("Name every visible structure in the view (Ctrl+L)")
        self.labels_action.toggled.connect(self.set_labels_visible)
        toolbar.addAction(self.labels_action)
        menu_view.addAction(self.labels_action)
        self.show_all_action = QAction("Show &all structures", self)
        self.show_all_action.setShortcut(QKeySequence("Ctrl+A"))
        self.show_all_action.triggered.connect(self.show_all)
        menu_view.addAction(self.show_all_action)
        menu_view.addSeparator()
        for dock in (self.structures_dock, self.info_dock, self.simulation_dock, self.lessons_dock):
            menu_view.addAction(dock.toggleViewAction())

        self.screenshot_action = QAction("Save &picture…", self)
        self.screenshot_action.setShortcut(QKeySequence("Ctrl+S"))
        self.screenshot_action.setToolTip("Save the 3D view as a PNG picture (Ctrl+S)")
        self.screenshot_action.triggered.connect(self.ask_screenshot)
        toolbar.addSeparator()
        toolbar.addAction(self.screenshot_action)
        menu_file.addAction(self.screenshot_action)
        menu_file.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu_file.addAction(quit_action)

        self.present_action = QAction("&Present", self)
        self.present_action.setShortcut(QKeySequence("F11"))
        self.present_action.setToolTip(
            "Full screen with large type, for showing a patient (F11; Esc leaves)"
        )
        self.present_action.triggered.connect(self.toggle_presentation)
        toolbar.addSeparator()
        toolbar.addAction(self.present_action)
        menu_view.addSeparator()
        menu_view.addAction(self.present_action)
        leave = QShortcut(QKeySequence("Escape"), self)
        leave.activated.connect(self.leave_presentation)

        install_export_actions(self, menu_file, toolbar)

        menu_help = self.menuBar().addMenu("&Help")
        about = QAction("&About anatomy_viewer", self)
        about.triggered.connect(self._about)
        menu_help.addAction(about)

    def _connect_panels(self) -> None:
        panel = self.structures_panel
        panel.visibility_changed.connect(self.set_structure_visible)
        panel.opacity_changed.connect(self.set_structure_opacity)
        panel.structure_selected.connect(self.select_structure)
        panel.isolate_requested.connect(self.isolate)
        panel.show_all_requested.connect(self.show_all)

    def _connect_lessons(self) -> None:
        self.lessons.step_shown.connect(self.stage_step)
        self.lessons.panel.audience_changed.connect(lambda _audience: self._stage_labels())
        self.flight.finished.connect(self._view_settled)
        # Labels follow the view: after a drag or zoom they move to what can be seen.
        self.plotter.iren.add_observer("EndInteractionEvent", self._view_settled)
        self.lessons.lesson_opened.connect(self._lesson_opened)
        self.lessons.lesson_closed.connect(self._lesson_closed)
        for keys, slot in (
            (("Right", "Space", "PgDown"), self.lessons.panel.next),
            (("Left", "PgUp"), self.lessons.panel.previous),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(slot)

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
        self.camera_actions["anterior"].setChecked(True)
        self._start_simulation()
        kind = "software renderer" if self.preset.name == "fast" else "graphics card"
        self.status_label.setText(
            f"{self.scene.anatomy.triangle_count():,} triangles · "
            f"{kind} ({self.preset.name} preset)"
        )
        if self.scene.problems:
            self.statusBar().showMessage(
                f"{len(self.scene.problems)} structure(s) could not be loaded"
            )
            # open(), not the blocking QMessageBox.warning(): the first frame is drawn at
            # once and no nested event loop runs inside this slot.
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Some anatomy is missing",
                "These files could not be loaded; the rest of the anatomy is shown:\n\n"
                + "\n".join(self.scene.problems),
                parent=self,
            )
            box.setObjectName("missing_anatomy_message")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        else:
            self.statusBar().showMessage(
                "Drag to rotate, scroll to zoom, click a structure to read about it.", 8000
            )
        # No redraw here: attaching the simulation drew the first frame, and nothing in the
        # 3D view has changed since (a second render cost ~20 ms of the start-up).
        # What the first frame does not need comes after it (docs/performance.md).
        QTimer.singleShot(0, self.chart.build)

    def _start_simulation(self) -> None:
        assert self.scene is not None
        self.simulation = QtSimulationController(
            simulation_for(self.scene),
            self.simulation_panel,
            self.readouts,
            self.chart,
            self.redraw,
            self,
        )
        remembered = self.settings.value("simulation/settings", "", type=str)
        if remembered:
            # Compare mode opens a second view: start without it.
            self.simulation.set_settings(
                settings_from_json(str(remembered)).with_changes(compare=False)
            )
        self.simulation.finished.connect(self.lessons.animation_finished)
        self.simulation.compare_changed.connect(self.set_compare)
        self.simulation.attach(self.scene)

    def set_compare(self, on: bool) -> None:
        """Show (or hide) a full-strength twin beside the view, with the same camera."""
        if self.scene is None or self.preset is None or self.simulation is None:
            return
        if on and self.twin_plotter is None:
            self.twin_plotter = QtViewport(self.centralWidget())
            self.twin_plotter.setObjectName("twin_viewport")
            self._views.addWidget(self.twin_plotter, 1)
            self.twin_plotter.show()
            twin_window = self.twin_plotter.render_window
            if twin_window is not None:
                twin_window.Render()
            self.twin_scene = load_scene(self.twin_plotter, self._meshes_dir, self.preset)
            self.twin_scene.set_caption("Normal strength")
            if self._staged is not None:
                stage_structures(self.twin_scene, self._staged)
            self.twin_scene.share_camera(self.plotter.renderer.GetActiveCamera())
            # Either view's mouse moves the shared camera; redraw the other one too.
            self.twin_plotter.iren.add_observer(
                "InteractionEvent", lambda *_: self.plotter.render()
            )
            self.plotter.iren.add_observer("InteractionEvent", lambda *_: self._render_twin())
        if self.twin_plotter is not None:
            self.twin_plotter.setVisible(on)
        self.simulation.twin_scene = self.twin_scene if on else None
        if not on:
            self.scene.set_caption(None)
        self.simulation.show_phase(self.simulation.phase)
        if on and self.twin_scene is not None and self.scene.label_requests:
            self.twin_scene.set_labels(self.scene.label_requests)

    def _render_twin(self) -> None:
        if self.twin_plotter is not None and self.twin_plotter.isVisible() and not self._closed:
            self.twin_plotter.render()

    def redraw(self) -> None:
        """Draw one frame (the only place the window renders), in both views when comparing."""
        if not self._closed:
            self.plotter.render()
            self._render_twin()

    # -- camera ------------------------------------------------------------------------

    def _apply_camera(self, pose: CameraPose) -> None:
        if self.scene is not None:
            self.scene.set_camera(pose)
            self.redraw()

    def fly_to_preset(self, preset: str, duration_s: float = FLIGHT_SECONDS) -> None:
        """Fly the camera to a named preset around the visible anatomy."""
        if self.scene is None:
            return
        self.fly_to(self.scene.preset_camera(preset), duration_s)
        if preset in self.camera_actions:
            self.camera_actions[preset].setChecked(True)
        self.settings.setValue("view/camera", preset)

    def fly_to(self, pose: CameraPose, duration_s: float = FLIGHT_SECONDS) -> None:
        """Fly from the current camera to ``pose`` (jumps when ``duration_s`` is 0)."""
        if self.scene is None:
            return
        self.flight.fly(self.scene.camera(), pose, duration_s)

    def reset_view(self) -> None:
        """Fly back to the start view, framing the whole anatomy from the front."""
        if self.scene is not None:
            self.fly_to(self.scene.home_camera())
            self.camera_actions["anterior"].setChecked(True)

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

    def _lesson_closed(self) -> None:
        self.setWindowTitle(self._base_title)
        self._staged = None

    def _lesson_opened(self, title: str) -> None:
        self.setWindowTitle(f"{title} — anatomy_viewer")
        self.statusBar().showMessage(
            f"Lesson: {title}. Use the arrow keys or Space to move through it.", 8000
        )

    def stage_step(self, view: StepView) -> None:
        """Show a lesson step in the 3D view: structures, labels, simulation, camera flight."""
        if self.scene is None or self.simulation is None:
            return
        state = view.scene
        self._staged = state
        self.scene.anatomy.select(None)
        stage_structures(self.scene, state)
        if self.twin_scene is not None:
            stage_structures(self.twin_scene, state)
        for sid in self.scene.anatomy.ids:
            self.structures_panel.set_checked(sid, self.scene.anatomy.is_visible(sid))
        # The step's own labels replace "label everything" while a lesson plays.
        blocker = QSignalBlocker(self.labels_action)
        self.labels_action.setChecked(False)
        del blocker
        settings, phase, play, loops = simulation_settings(state)
        self.simulation.set_playing(False)
        self.simulation.set_settings(settings, phase=phase)
        self._stage_labels()
        if play:
            self.simulation.set_playing(True, loops=loops)
        self.fly_to(camera_pose(self.scene, state.camera), state.camera.duration_s)

    def _stage_labels(self) -> None:
        """Pin the staged step's labels (posed, for its camera) in the reader's words."""
        if self._staged is None or self.scene is None:
            return
        player = self.lessons.player
        audience = player.audience if player is not None else "patient"
        for scene in (self.scene, self.twin_scene):
            if scene is not None:
                stage_labels(scene, self._staged, audience)

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
        """Show only one structure."""
        if self.scene is None:
            return
        self.scene.anatomy.isolate([structure_id])
        for sid in self.scene.anatomy.ids:
            self.structures_panel.set_checked(sid, self.scene.anatomy.is_visible(sid))
        self.select_structure(structure_id)

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

    def leave_presentation(self) -> None:
        """Back to the normal window."""
        if self.presentation.active:
            self.presentation.leave()
            self.statusBar().show()

    # -- pictures ----------------------------------------------------------------------

    def save_screenshot(self, path: Path) -> Path:
        """Save the 3D view as a PNG picture."""
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        self.redraw()
        self.plotter.screenshot(str(path))
        self.statusBar().showMessage(f"Saved {path}", 6000)
        self.settings.setValue("files/last_picture_dir", str(path.parent))
        return path

    def ask_screenshot(self) -> None:
        """Ask where to save a picture of the 3D view, then save it."""
        folder = str(self.settings.value("files/last_picture_dir", str(Path.home())))
        name, _ = QFileDialog.getSaveFileName(
            self, "Save picture", str(Path(folder) / "anatomy.png"), "PNG pictures (*.png)"
        )
        if name:
            self.save_screenshot(Path(name))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About anatomy_viewer",
            f"<h3>anatomy_viewer {__version__}</h3>"
            "<p>Hip and knee anatomy, a gluteus medius model and lessons for therapists, "
            "students and lesson authors.</p>"
            f"<p>Renderer: {self.renderer}<br>"
            f"Preset: {self.preset.name if self.preset else '—'}</p>",
        )

    # -- settings and shutdown ---------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        else:
            # First start: panels wide enough for the structure names and the lesson text.
            self.resizeDocks(
                [self.structures_dock, self.simulation_dock], [290, 370], Qt.Orientation.Horizontal
            )
        labels = self.settings.value("view/labels", False, type=bool)
        self.labels_action.setChecked(bool(labels))

    def _save_settings(self) -> None:
        if self.presentation.active:
            self.presentation.leave()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if self.simulation is not None and self.lessons.player is None:
            self.settings.setValue(
                "simulation/settings", settings_to_json(self.simulation.settings)
            )
        self.settings.sync()

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        """Load the anatomy right after the window first appears."""
        super().showEvent(event)  # type: ignore[arg-type]
        if self.scene is None:
            QTimer.singleShot(0, self.load_scene)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Stop timers, close the scene, then the plotter: nothing left running."""
        if not self._closed:
            self._save_settings()
            self.flight.stop(jump_to_end=False)
            self.statusBar().clearMessage()  # stops the message's own timer
            self.picker.close()
            self.lessons.close()
            if self.simulation is not None:
                self.simulation.close()
            self.chart.close_chart()
            if self.twin_scene is not None:
                self.twin_scene.close()
                self.twin_scene = None
            if self.twin_plotter is not None:
                self.twin_plotter.close()
            if self.scene is not None:
                self.scene.close()
                self.scene = None
            self._closed = True
            self.plotter.close()
            set_message_parent(None)
        super().closeEvent(event)

"""The Exercises tab: the exercise library ranked by the model, each shown in the 3D view.

The list ranks the exercises by the model's gluteus medius effort at the strength the
Simulation panel sets (:func:`~anatomy_viewer.logic.exercise_table.ranked_rows`); the
text under it says, for the exercise picked, what it is, how to do it, and the effort of
each gluteal muscle and TFL. Picking an exercise shows it in the 3D view from its own
camera; ticking exercises and pressing "Handout…" prints them on an exercise sheet.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.logic.exercise_report import ACTIVATION_NOTE
from anatomy_viewer.logic.exercise_table import (
    MUSCLES,
    SEE_THROUGH,
    ExerciseRow,
    effort_text,
    ranked_rows,
)
from anatomy_viewer.ui.clinic_profile import load_profile
from anatomy_viewer.ui.errors import report_exception
from anatomy_viewer.ui.export_dialogs import default_paper, last_folder, remember_folder
from anatomy_viewer.ui.patient_dialog import load_patient

if TYPE_CHECKING:
    from anatomy_viewer.logic.simulation import SimulationSettings
    from anatomy_viewer.ui.main_window import QtMainWindow

_TASK_ROLE = Qt.ItemDataRole.UserRole
#: Keys that bring the Exercises tab forward with the list in focus.
SHORTCUT = "Ctrl+Shift+E"


def row_text(rank: int, row: ExerciseRow) -> str:
    """One list row: rank, name and gluteus medius effort (the heading says so), then the
    plain line."""
    effort = row.gluteus_medius
    number = "cannot be held" if effort is None else f"{100.0 * effort:.0f} %"
    return f"{rank}. {row.info.name} · {number}\n{row.summary}"


def details_html(row: ExerciseRow) -> str:
    """What the text under the list says about one exercise (HTML, every word escaped)."""
    efforts = (
        "".join(
            f"<tr><td>{escape(words)}</td><td align='right'>&nbsp;"
            f"{100.0 * row.efforts[muscle]:.0f} %</td></tr>"
            for muscle, words in MUSCLES
        )
        if row.efforts
        else ""
    )
    emg = row.info.gluteus_medius_emg
    published = (
        f"<p>Measured gluteus medius EMG: {escape(emg.text)} % MVIC ({escape(emg.source)}).</p>"
        if emg is not None
        else ""
    )
    hold = "" if row.holds else f"<p><i>{escape(effort_text(row))}</i></p>"
    return (
        f"<p><b>{escape(row.info.name)}</b><br>{escape(row.summary)}</p>"
        f"<p><b>How to do it:</b> {escape(row.info.patient)}</p>"
        f"<p><b>The model's effort</b> (working leg: {escape(row.info.working)}):</p>"
        f"<table>{efforts}</table>{hold}{published}"
    )


class QtExercisesPanel(QWidget):
    """The list of exercises, the picked one's text, and the handout button.

    Signals
    -------
    exercise_chosen(str)
        An exercise was picked (clicked, or moved to with the keyboard).
    handout_requested(list)
        "Handout…" was pressed: the ticked exercises (the picked one if none is ticked).
    """

    exercise_chosen = Signal(str)
    handout_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ExerciseRow] = []
        heading = QLabel("Ranked by the model's <b>gluteus medius effort</b>", self)
        heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("exercise_list")
        self.list.setAccessibleName("Exercises")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._picked)
        heading.setBuddy(self.list)
        self.details = QLabel(self)
        self.details.setObjectName("exercise_details")
        self.details.setAccessibleName("The exercise picked: how to do it, muscle efforts")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.note = QLabel(
            "Effort: the share of a muscle's strength the model uses to hold the pose (not "
            "EMG), at the Simulation panel's strength. Tick exercises to print them.",
            self,
        )
        self.note.setWordWrap(True)
        self.note.setToolTip(ACTIVATION_NOTE)
        self.note.setStyleSheet("color:#5a6470")
        self.handout_button = QPushButton("&Handout…", self)
        self.handout_button.setObjectName("exercise_handout")
        self.handout_button.setToolTip("Print the ticked exercises on an exercise sheet (PDF)")
        self.handout_button.clicked.connect(self._handout)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.handout_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        # The picked exercise's text scrolls on its own: the list keeps its rows in sight.
        self.details_scroll = QScrollArea(self)
        self.details_scroll.setObjectName("exercise_details_scroll")
        self.details_scroll.setAccessibleName("The exercise picked")
        self.details_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setWidget(self.details)
        self.list.setMinimumHeight(4 * self.list.fontMetrics().height() * 2)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details_scroll, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

    def set_rows(self, rows: list[ExerciseRow]) -> None:
        """Show ``rows`` in their order, keeping the picked and the ticked exercises."""
        picked = self.current()
        ticked = set(self.ticked())
        blocker = self.list.blockSignals(True)
        self.list.clear()
        self.rows = list(rows)
        for rank, row in enumerate(rows, start=1):
            item = QListWidgetItem(row_text(rank, row), self.list)
            item.setData(_TASK_ROLE, row.exercise)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = row.exercise in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setToolTip(effort_text(row))
            if row.exercise == picked:
                self.list.setCurrentItem(item)
        self.list.blockSignals(blocker)
        self._show_details()

    def current(self) -> str | None:
        """The picked exercise, or ``None``."""
        item = self.list.currentItem()
        return None if item is None else str(item.data(_TASK_ROLE))

    def ticked(self) -> list[str]:
        """The ticked exercises, in the list's order."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [
            str(item.data(_TASK_ROLE))
            for item in items
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def select(self, exercise: str) -> None:
        """Pick ``exercise`` in the list (emits ``exercise_chosen``)."""
        for index in range(self.list.count()):
            item = self.list.item(index)
            if item is not None and item.data(_TASK_ROLE) == exercise:
                self.list.setCurrentItem(item)

    def _show_details(self) -> None:
        picked = self.current()
        row = next((r for r in self.rows if r.exercise == picked), None)
        self.details.setText(
            details_html(row) if row is not None else "Pick an exercise to see it in 3D."
        )

    def _picked(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        self._show_details()
        if current is not None:
            self.exercise_chosen.emit(str(current.data(_TASK_ROLE)))

    def _handout(self) -> None:
        current = self.current()
        chosen = self.ticked() or ([current] if current is not None else [])
        self.handout_requested.emit(chosen)


class QtExercisesTab(QObject):
    """The Exercises dock of a window: fills the list from the window's model and shows
    a picked exercise on the window's simulation.

    Parameters
    ----------
    window
        The main window; the dock is tabbed with its Lessons dock.
    """

    def __init__(self, window: QtMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = QtExercisesPanel()
        self.dock = QDockWidget("Exercises", window)
        self.dock.setObjectName("exercises_dock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.lessons_dock, self.dock)
        window.lessons_dock.raise_()
        self.show_action = QAction("E&xercises", window)
        self.show_action.setShortcut(QKeySequence(SHORTCUT))
        self.show_action.setToolTip(f"Show the exercise library ({SHORTCUT})")
        self.show_action.triggered.connect(self.bring_forward)
        window.addAction(self.show_action)
        self._key: tuple[object, ...] | None = None
        self.panel.exercise_chosen.connect(self.show_exercise)
        self.panel.handout_requested.connect(self.ask_handout)
        self.dock.visibilityChanged.connect(self._visibility_changed)
        window.simulation_panel.settings_changed.connect(self._settings_changed)

    def bring_forward(self) -> None:
        """Show the tab in front, the list in focus."""
        self.dock.show()
        self.dock.raise_()
        # Room for the list and the picked exercise's text above the Simulation panel.
        height = self.window.height()
        self.window.resizeDocks(
            [self.dock, self.window.simulation_dock],
            [int(height * 0.55), int(height * 0.35)],
            Qt.Orientation.Vertical,
        )
        self.refresh()
        self.panel.list.setFocus()

    def refresh(self, settings: SimulationSettings | None = None) -> None:
        """Rank the exercises again if the subject, side, strength or weakening changed
        (``settings``: the Simulation panel's new ones; default: those on show)."""
        controller = self.window.simulation
        if controller is None:
            return
        s = settings or controller.settings
        subject = controller.simulation.subject
        key = (id(subject), s.side, s.strength_pct, s.weaken)
        if key == self._key:
            return
        self._key = key
        self.panel.set_rows(ranked_rows(subject, s.side, s.strength_pct / 100.0, s.weaken))

    def show_exercise(self, exercise: str) -> None:
        """Show ``exercise`` on the window's simulation, its muscles in effort colours,
        seen from its own view."""
        from anatomy_viewer.logic.frames import exercise_camera
        from anatomy_viewer.logic.simulation import TELLING_PHASE

        controller = self.window.simulation
        if controller is None:
            return
        settings = controller.settings.with_changes(
            task=exercise, overlays=controller.settings.overlays | {"effort"}, compare=False
        )
        controller.set_settings(settings, phase=TELLING_PHASE[exercise])
        scene = self.window.scene
        if scene is not None:
            # Gluteus maximus covers gluteus medius from every exercise's view: see-through,
            # so the effort colour of the muscle the exercises train shows (Show all undoes it).
            for sid in SEE_THROUGH:
                if sid in scene.anatomy.ids and scene.anatomy.mode(sid) == "shown":
                    scene.anatomy.set_mode(sid, "ghosted")
            self.window.fly_to(exercise_camera(scene, exercise, settings.side))
            self.window.mark_camera(None)

    def export_handout(self, exercises: list[str], out: Path) -> Path:
        """Write the exercise sheet of ``exercises`` to ``out`` at the Simulation panel's
        side and strength, with the clinic profile and the patient's name."""
        from anatomy_viewer.ui.handout import export_exercise_handout

        settings = self.window.settings
        s = self.window.simulation_panel.settings()
        progress = QProgressDialog("Drawing the pictures…", "", 0, len(exercises), self.window)
        progress.setCancelButton(None)
        progress.setWindowTitle("Exercise handout")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def done(count: int, _total: int) -> None:
            progress.setValue(count)
            QApplication.processEvents()

        patient = load_patient(settings)
        profile = replace(load_profile(settings), patient_name=patient.name if patient else "")
        try:
            path = export_exercise_handout(
                exercises,
                out,
                side=s.side,
                strength_pct=s.strength_pct,
                weaken=s.weaken,
                paper=default_paper(),
                profile=profile,
                progress=done,
            )
        finally:
            progress.close()
            progress.deleteLater()
        self.window.statusBar().showMessage(f"Saved the exercise handout {path}", 8000)
        remember_folder(settings, "handout", path.parent)
        return path

    def ask_handout(self, exercises: list[str]) -> None:
        """Ask where, then write the exercise sheet of ``exercises``."""
        if not exercises:
            QMessageBox.information(
                self.window,
                "Exercise handout",
                "Tick the exercises to print (or pick one), then press Handout again.",
            )
            return
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Exercise handout",
            str(last_folder(self.window.settings, "handout") / "exercises.pdf"),
            "PDF (*.pdf)",
        )
        if name:
            out = Path(name)
            try:
                self.export_handout(exercises, out.with_suffix(".pdf"))
            except Exception as error:
                report_exception(type(error), error, error.__traceback__)

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def _settings_changed(self, settings: SimulationSettings) -> None:
        if self.dock.isVisible():
            self.refresh(settings)

    def close(self) -> None:
        """Disconnect from the window."""
        self.window.simulation_panel.settings_changed.disconnect(self._settings_changed)

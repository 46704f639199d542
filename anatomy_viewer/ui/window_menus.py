"""The main window's toolbar and its File, View and Help menus.

Every entry calls one method of the window; the Help entries open the keyboard shortcuts
(read from these very actions) and the user guide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QToolBar, QWidget

from anatomy_viewer import __version__
from anatomy_viewer.ui.errors import report_exception
from anatomy_viewer.ui.help import QtShortcutsDialog, QtUserGuide
from anatomy_viewer.ui.patient_dialog import QtPatientDialog
from anatomy_viewer.ui.recent_lessons import QtRecentLessons
from anatomy_viewer.ui.text_size import QtTextSize

if TYPE_CHECKING:
    from anatomy_viewer.ui.main_window import QtMainWindow

#: Toolbar camera presets: (preset, menu text, shortcut, what the view shows).
CAMERA_ACTIONS = (
    ("anterior", "&Front", "F", "View from the front"),
    ("mirror", "&Mirror (patient's view)", "M", "The patient's own view, as in a mirror"),
    ("posterior", "&Back", "B", "View from behind"),
    ("left", "&Left side", "L", "View from the body's left side"),
    ("right", "&Right side", "R", "View from the body's right side"),
    ("superior", "&Top", "T", "View from above"),
)


class QtWindowMenus(QObject):
    """Builds the toolbar and menus of a main window and keeps its help windows.

    Parameters
    ----------
    window
        The main window; its docks exist already.
    """

    def __init__(self, window: QtMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._help_windows: dict[str, QWidget] = {}
        toolbar = QToolBar("View", window)
        toolbar.setObjectName("view_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        window.addToolBar(toolbar)
        self.toolbar = toolbar
        self.menu_file = window.menuBar().addMenu("&File")
        self.menu_view = window.menuBar().addMenu("&View")
        self._build_file_menu()
        self._build_camera_actions()
        self._build_view_menu()
        self._build_presenting()

    def _action(self, text: str, slot: object, shortcut: object = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcut(QKeySequence(shortcut))
        elif shortcut:
            action.setShortcut(QKeySequence(str(shortcut)))
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_file_menu(self) -> None:
        window = self.window
        self.open_lesson_action = self._action(
            "&Open lesson…",
            window.lesson_session.ask_open_lesson,
            QKeySequence.StandardKey.Open,
            "Open a lesson file (lesson.yaml) from any folder",
        )
        self.menu_file.addAction(self.open_lesson_action)
        recent_menu = self.menu_file.addMenu("Recent &lessons")
        recent_menu.setObjectName("recent_lessons_menu")
        self.recent_lessons = QtRecentLessons(
            window.settings, recent_menu, window.lesson_session.open_reporting
        )
        self.menu_file.addSeparator()
        self.screenshot_action = self._action(
            "Save &picture…",
            window.ask_screenshot,
            "Ctrl+S",
            "Save the 3D view as a PNG picture (Ctrl+S)",
        )
        self.menu_file.addAction(self.screenshot_action)
        self.patient_action = self._action(
            "P&atient…",
            self.open_patient,
            tip="The patient's height, mass and sex: the anatomy is scaled to them",
        )
        self.menu_file.addAction(self.patient_action)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self._action("&Quit", window.close, QKeySequence.StandardKey.Quit))

    def open_patient(self) -> QWidget:
        """File > Patient…: edit, save or clear the patient profile."""
        dialog = QtPatientDialog(self.window.settings, self.window)
        dialog.anatomy_ready.connect(self.window.use_patient)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _build_camera_actions(self) -> None:
        self.camera_actions: dict[str, QAction] = {}
        self.camera_group = QActionGroup(self)
        # A view the user turned by hand, or a lesson's own camera, is no preset.
        self.camera_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for preset, text, shortcut, words in CAMERA_ACTIONS:
            action = self._action(
                text,
                lambda _=False, p=preset: self.window.fly_to_preset(p),
                shortcut,
                f"{words} ({shortcut})",
            )
            action.setCheckable(True)
            self.camera_group.addAction(action)
            self.toolbar.addAction(action)
            self.menu_view.addAction(action)
            self.camera_actions[preset] = action
        self.reset_action = self._action(
            "Re&set view",
            self.window.reset_view,
            "Home",
            "Back to the start view, the whole body from the front (Home)",
        )
        self.toolbar.addAction(self.reset_action)
        self.menu_view.addAction(self.reset_action)
        self.toolbar.addSeparator()
        self.menu_view.addSeparator()

    def _build_view_menu(self) -> None:
        window, menu = self.window, self.menu_view
        self.labels_action = QAction("&Labels", window)
        self.labels_action.setCheckable(True)
        self.labels_action.setShortcut(QKeySequence("Ctrl+L"))
        self.labels_action.setToolTip("Name every visible structure in the view (Ctrl+L)")
        self.labels_action.toggled.connect(window.set_labels_visible)
        self.toolbar.addAction(self.labels_action)
        menu.addAction(self.labels_action)
        self.show_all_action = self._action("Show &all structures", window.show_all, "Ctrl+A")
        menu.addAction(self.show_all_action)
        self.search_action = self._action(
            "S&earch structures", window.search_structures, QKeySequence.StandardKey.Find
        )
        menu.addAction(self.search_action)
        menu.addSeparator()
        self.text_size = QtTextSize(window, menu.addMenu("&Text size"))
        menu.addSeparator()
        for dock in (
            window.structures_dock,
            window.info_dock,
            window.simulation_dock,
            window.lessons_dock,
            window.exercises.dock,
        ):
            menu.addAction(dock.toggleViewAction())
        menu.addAction(window.exercises.show_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.screenshot_action)

    def _build_presenting(self) -> None:
        window = self.window
        self.present_action = self._action(
            "&Present",
            window.toggle_presentation,
            "F11",
            "Full screen with large type, for showing a patient (F11; Esc leaves)",
        )
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.present_action)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.present_action)
        leave = QShortcut(QKeySequence("Escape"), window)
        leave.setWhatsThis("Leave full screen")
        leave.activated.connect(window.leave_presentation)

    def build_help_menu(self) -> None:
        """The Help menu, last on the menu bar (after the export actions joined File)."""
        menu_help = self.window.menuBar().addMenu("&Help")
        self.guide_action = self._action(
            "&User guide", self.show_user_guide, QKeySequence.StandardKey.HelpContents
        )
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts, "Ctrl+F1")
        menu_help.addAction(self.guide_action)
        menu_help.addAction(self.shortcuts_action)
        menu_help.addSeparator()
        menu_help.addAction(self._action("&About anatomy_viewer", self.about))

    # -- help --------------------------------------------------------------------------

    def _help_window(self, name: str, make: type[QWidget]) -> QWidget:
        window = self._help_windows.get(name)
        if window is None:
            window = make(self.window)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self._help_windows.pop(name, None))
            self._help_windows[name] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_shortcuts(self) -> QWidget:
        """Open the list of every keyboard shortcut (read from the actions now)."""
        existing = self._help_windows.pop("shortcuts", None)
        if existing is not None:
            existing.close()  # the list is read afresh each time
        return self._help_window("shortcuts", QtShortcutsDialog)

    def show_user_guide(self) -> QWidget | None:
        """Open the user guide (the README's "Using the app"), offline."""
        try:
            return self._help_window("guide", QtUserGuide)
        except Exception as error:  # a broken installation: say so, carry on
            report_exception(type(error), error, error.__traceback__)
            return None

    def about(self) -> None:
        """The app's version and the renderer in use."""
        window = self.window
        QMessageBox.about(
            window,
            "About anatomy_viewer",
            f"<h3>anatomy_viewer {__version__}</h3>"
            "<p>Hip and knee anatomy, a gluteus medius model and lessons for therapists, "
            "students and lesson authors.</p>"
            f"<p>Renderer: {window.renderer}<br>"
            f"Preset: {window.preset.name if window.preset else '—'}</p>",
        )

    def close(self) -> None:
        """Close the help windows."""
        for window in list(self._help_windows.values()):
            window.close()
        self._help_windows.clear()

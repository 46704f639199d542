"""Presentation mode: full screen, large type, only what a patient needs.

The 3D view, the lesson text with Previous/Next, and the strength slider stay; menus,
toolbars and the student panels go. Esc (or F11), or the "Leave full screen" button for a
touch screen, gives the normal window back exactly as it was.

The button sits in the title bar of the lesson panel, top right of the screen, not over
the 3D view: the view is a native window (``ui/viewport.py``), which the window system
draws above every widget of its parent, so a button over it could be seen in a widget
grab but never clicked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QToolBar,
    QWidget,
)

#: Style sheet for presentation mode: large, calm type and big touch targets.
PRESENTATION_STYLE = """
QWidget { font-size: 16pt; }
QPushButton { min-height: 56px; padding: 6px 18px; }
QWidget#presentation_bar { background: #e3e9f0; }
QLabel#step_title { font-size: 24pt; }
QLabel#step_counter { font-size: 14pt; }
QLabel#lesson_title { font-size: 15pt; }
QLabel#strength_value { font-size: 24pt; font-weight: bold; }
QLabel#strength_heading { font-weight: bold; }
QTextBrowser { font-size: 18pt; }
QSlider::handle:horizontal { width: 40px; margin: -14px 0; border-radius: 20px; }
QCheckBox::indicator, QRadioButton::indicator { width: 32px; height: 32px; }
QComboBox { min-height: 48px; }
QScrollBar:vertical { width: 28px; }
QScrollBar:horizontal { height: 28px; }
QTabBar::tab { min-height: 48px; padding: 4px 18px; }
"""


class QtPresentationMode(QObject):
    """Switches a main window into presentation mode and back.

    Parameters
    ----------
    window
        The main window.
    keep
        Docks that stay visible (the lesson panel and the simulation controls).
    hide
        Docks that are hidden while presenting.
    toolbars
        Toolbars hidden while presenting.
    extra_hidden
        Other widgets hidden while presenting (the simulation's student controls).
    leave
        What the Leave button does (the window's own way out, which also restores
        what the window shows around presentation mode).
    """

    def __init__(
        self,
        window: QMainWindow,
        keep: list[QDockWidget],
        hide: list[QDockWidget],
        toolbars: list[QToolBar],
        extra_hidden: list[QWidget],
        leave: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._leave_action = leave or self.leave
        # The title bar of the first kept dock while presenting: its title and the way out.
        self.bar = QWidget(keep[0] if keep else window)
        self.bar.setObjectName("presentation_bar")
        self.bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.bar_title = QLabel(keep[0].windowTitle() if keep else "", self.bar)
        self.leave_button = QPushButton("✕  Leave full screen", self.bar)
        self.leave_button.setObjectName("leave_presentation")
        self.leave_button.setToolTip("Back to the normal window (Esc)")
        self.leave_button.setAccessibleName("Leave full screen")
        self.leave_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.leave_button.clicked.connect(self._leave_clicked)
        bar_layout = QHBoxLayout(self.bar)
        bar_layout.setContentsMargins(10, 6, 6, 6)
        bar_layout.addWidget(self.bar_title)
        bar_layout.addStretch(1)
        bar_layout.addWidget(self.leave_button)
        self.bar.hide()
        self._window = window
        self._keep = keep
        self._hide = hide
        self._toolbars = toolbars
        self._extra_hidden = extra_hidden
        self._saved_state: QByteArray | None = None
        self._saved_style = ""
        self._was_maximized = False
        self.active = False

    def enter(self) -> None:
        """Go full screen with large type and only the patient's controls."""
        if self.active:
            return
        window = self._window
        self._saved_state = window.saveState()
        self._saved_style = window.styleSheet()
        self._was_maximized = window.isMaximized()
        for dock in self._hide:
            dock.hide()
        for toolbar in self._toolbars:
            toolbar.hide()
        for widget in self._extra_hidden:
            widget.hide()
        window.menuBar().hide()
        for dock in self._keep:
            dock.show()
            dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if len(self._keep) > 1:
            window.splitDockWidget(self._keep[0], self._keep[1], Qt.Orientation.Vertical)
            # The lesson's text gets most of the height; the strength slider needs little.
            window.resizeDocks(self._keep[:2], [700, 260], Qt.Orientation.Vertical)
        if self._keep:
            self._keep[0].setTitleBarWidget(self.bar)
            self.bar.show()
        window.setStyleSheet(PRESENTATION_STYLE)
        window.showFullScreen()
        self.active = True

    def leave(self) -> None:
        """Give the normal window back as it was."""
        if not self.active:
            return
        window = self._window
        if self._keep:
            self._keep[0].setTitleBarWidget(None)  # type: ignore[arg-type]  # Qt takes None
            self.bar.hide()
        window.setStyleSheet(self._saved_style)
        window.menuBar().show()
        for toolbar in self._toolbars:
            toolbar.show()
        for widget in self._extra_hidden:
            widget.show()
        features = (
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        for dock in self._keep:
            dock.setFeatures(features)
        if self._saved_state is not None:
            window.restoreState(self._saved_state)
        if self._was_maximized:
            window.showMaximized()
        else:
            window.showNormal()
        self.active = False

    def set_window_style(self, style: str) -> None:
        """The window's own style sheet (its text size): now, or after presenting."""
        if self.active:
            self._saved_style = style
        else:
            self._window.setStyleSheet(style)

    def _leave_clicked(self) -> None:
        self._leave_action()

    def toggle(self) -> None:
        """Enter or leave presentation mode."""
        if self.active:
            self.leave()
        else:
            self.enter()

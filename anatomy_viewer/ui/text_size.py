"""View > Text size: three steps of type size for the panels, the readouts and the 3D labels.

The choice is remembered. A style sheet on the window carries it to every panel (the
readouts paint with their widget's font), the few texts drawn larger than the rest
(titles, the strength value) keeping their proportion; the 3D views scale their labels,
angles and captions (``QtViewport``). A style sheet, not ``setFont``: under the app's
style sheet Qt does not pass a window's font on to its widgets. Presentation mode has
its own large type, a style sheet of its own in place of this one while it lasts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

if TYPE_CHECKING:
    from anatomy_viewer.ui.main_window import QtMainWindow

#: The steps: (settings key, menu text, scale of the app's normal type).
TEXT_SIZES = (
    ("normal", "&Normal", 1.0),
    ("large", "&Large", 1.25),
    ("largest", "La&rgest", 1.5),
)
SETTINGS_KEY = "view/text_size"


#: Texts larger than the rest, relative to the app's normal type (10.5 pt): the lesson's
#: title 13 pt, the step's title 15 pt, its text 12 pt, the strength's value 16 pt.
LARGER_TEXTS = (
    ("QLabel#lesson_title", 1.24),
    ("QLabel#step_title", 1.43),
    ("QTextBrowser#step_text", 1.14),
    ("QLabel#strength_value", 1.52),
)


def text_style(scale: float) -> str:
    """The window's style sheet for type ``scale`` times the app's normal size."""
    base = QApplication.font().pointSizeF()
    rules = [f"QWidget {{ font-size: {base * scale:.1f}pt; }}"]
    rules += [
        f"{name} {{ font-size: {base * scale * size:.1f}pt; }}" for name, size in LARGER_TEXTS
    ]
    return "\n".join(rules)


class QtTextSize(QObject):
    """The three Text size entries of the View menu, the remembered choice, and applying it.

    Parameters
    ----------
    window
        The main window: its style sheet, chart and 3D views take the size.
    menu
        The Text size submenu to fill.
    """

    def __init__(self, window: QtMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._settings: QSettings = window.settings
        #: The scale the 3D views draw their text at now (larger while presenting).
        self.view_scale = 1.0
        self.menu = menu
        self.actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        shortcuts = {"normal": "Ctrl+0", "large": "", "largest": ""}
        for key, text, _scale in TEXT_SIZES:
            action = QAction(text, self)
            action.setCheckable(True)
            if shortcuts[key]:
                action.setShortcut(QKeySequence(shortcuts[key]))
            action.setToolTip(f"{text.replace('&', '')} text in the panels and the 3D view")
            action.triggered.connect(lambda _=False, k=key: self.set_size(k))
            group.addAction(action)
            menu.addAction(action)
            self.actions[key] = action
        menu.addSeparator()
        self.larger_action = QAction("Larger text", self)
        self.larger_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.larger_action.triggered.connect(lambda: self.step(1))
        self.smaller_action = QAction("Smaller text", self)
        self.smaller_action.setShortcut(QKeySequence("Ctrl+-"))
        self.smaller_action.triggered.connect(lambda: self.step(-1))
        menu.addAction(self.larger_action)
        menu.addAction(self.smaller_action)
        remembered = str(self._settings.value(SETTINGS_KEY, "normal", type=str))
        self.size = remembered if remembered in self.actions else "normal"
        self.actions[self.size].setChecked(True)

    @property
    def scale(self) -> float:
        """The chosen scale of the normal type size."""
        return next(scale for key, _, scale in TEXT_SIZES if key == self.size)

    def set_size(self, key: str) -> None:
        """Choose ``normal``, ``large`` or ``largest``, remember it and apply it."""
        if key not in self.actions:
            raise ValueError(f"unknown text size {key!r}; use normal, large or largest")
        self.size = key
        self.actions[key].setChecked(True)
        self._settings.setValue(SETTINGS_KEY, key)
        self.apply(self.scale)

    def step(self, direction: int) -> None:
        """One step larger (``direction`` > 0) or smaller, within the three."""
        keys = [key for key, _, _ in TEXT_SIZES]
        index = min(max(keys.index(self.size) + direction, 0), len(keys) - 1)
        self.set_size(keys[index])

    def apply(self, scale: float) -> None:
        """Use ``scale`` times the normal type in the panels, readouts and 3D views."""
        window = self._window
        window.presentation.set_window_style(text_style(scale))
        window.chart.set_text_scale(scale)
        if not window.presentation.active:
            self.set_view_scale(scale)

    def set_view_scale(self, scale: float) -> None:
        """Draw the 3D views' labels, angles and legends at ``scale``."""
        self.view_scale = scale
        window = self._window
        for view in (window.plotter, window.twin_plotter):
            if view is not None:
                view.set_text_scale(scale)
        if window.simulation is not None:
            window.simulation.show_phase(window.simulation.phase)  # the legends' boxes too
        window.redraw()

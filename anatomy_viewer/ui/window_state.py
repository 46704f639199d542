"""The main window's remembered layout, and its orderly shutdown.

The window's size, its panels' places and the labels' switch are kept in the window's
``QSettings`` between runs; a lesson's simulation settings are never saved as the user's
own. Shutting down stops every timer and closes every adapter before the 3D view, so
nothing is left running when the window goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from anatomy_viewer.logic.simulation import settings_to_json
from anatomy_viewer.ui.errors import set_message_parent
from anatomy_viewer.ui.patient_dialog import QtPatientDialog

if TYPE_CHECKING:
    from anatomy_viewer.ui.main_window import QtMainWindow

#: Default widths of the side panels at the first start (the window is 1400 wide).
PANEL_WIDTHS = {"structures": 320, "simulation": 370}
#: The window's size at the first start.
FIRST_SIZE = (1400, 860)


def restore_window_state(window: QtMainWindow) -> None:
    """The window's size, panels and labels switch as last left (defaults at first start)."""
    settings = window.settings
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(*FIRST_SIZE)
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    else:
        # First start: panels wide enough for the structure names and the lesson text;
        # the lesson over the simulation, the strength slider in sight under it.
        window.resizeDocks(
            [window.structures_dock, window.simulation_dock],
            [PANEL_WIDTHS["structures"], PANEL_WIDTHS["simulation"]],
            Qt.Orientation.Horizontal,
        )
        window.resizeDocks(
            [window.lessons_dock, window.simulation_dock], [52, 48], Qt.Orientation.Vertical
        )
    labels = settings.value("view/labels", False, type=bool)
    window.labels_action.setChecked(bool(labels))


def save_window_state(window: QtMainWindow) -> None:
    """Remember the window's layout and the user's own simulation settings."""
    if window.presentation.active:
        window.presentation.leave()
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    own = window.lesson_session.own_settings()
    if own is not None:
        # A lesson's settings are the lesson's: the user's own from before it are kept.
        settings.setValue("simulation/settings", settings_to_json(own))
    settings.sync()


def shut_down(window: QtMainWindow) -> None:
    """Save the layout, stop timers, close the scene, then the plotter."""
    save_window_state(window)
    window.flight.stop(jump_to_end=False)
    window.statusBar().clearMessage()  # stops the message's own timer
    window.picker.close()
    window.anatomy_swap.close()
    for dialog in window.findChildren(QtPatientDialog):
        dialog.abandon()
    window.lessons.close()
    window.exercises.close()
    if window.simulation is not None:
        window.simulation.close()
    window.chart.close_chart()
    window.lesson_keys.close()
    window.menus.close()
    window.compare_view.close()
    if window.scene is not None:
        window.scene.close()
        window.scene = None
    window._closed = True  # before the plotter closes, which may close the window again
    window.plotter.close()
    set_message_parent(None)

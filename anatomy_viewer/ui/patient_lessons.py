"""Lessons about the patient in the window: the profile, their strength and their model.

The open lesson's steps about the patient (:mod:`anatomy_viewer.lesson.patient`) show the
profile of File > Patient…, the strength set there or found by "From a measurement…"
(**Show me** remembers it), and the model's numbers for the body the window shows. They
follow each change: a new profile or strength, and a new patient's anatomy swapped in.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from anatomy_viewer.lesson import Patient, SceneState
from anatomy_viewer.logic.patient_lesson import model_values, patient_from_profile
from anatomy_viewer.logic.simulation import SimulationSettings
from anatomy_viewer.ui.patient_dialog import (
    load_patient,
    load_patient_strength,
    save_patient_strength,
)

if TYPE_CHECKING:
    from anatomy_viewer.ui.main_window import QtMainWindow


class QtPatientLessons(QObject):
    """Keeps the open lesson's patient in step with the profile and the window's body."""

    def __init__(self, window: QtMainWindow) -> None:
        super().__init__(window)
        # Held weakly: the window owns this object, and the lessons hold its methods.
        self._window = weakref.ref(window)
        window.lessons.patient_source = self.patient
        window.lessons.step_shown.connect(self._follow_strength)
        window.anatomy_swap.swapped.connect(self.update)

    def patient(self) -> Patient | None:
        """The patient of the saved profile and strength, with the window's model bound."""
        window = self._window()
        if window is None:
            return None
        strength, weaken = load_patient_strength(window.settings)
        patient = patient_from_profile(load_patient(window.settings), strength, weaken)
        return None if patient is None else replace(patient, model=self._model)

    def _model(self, scene: SceneState) -> Mapping[str, float]:
        window = self._window()
        controller = window.simulation if window is not None else None
        return {} if controller is None else model_values(controller.simulation, scene)

    def update(self, *_: object) -> None:
        """Show the open lesson's step for the patient as they are now."""
        window = self._window()
        if window is not None:
            self._follow_strength()
            window.lessons.update_patient()

    def _follow_strength(self, *_: object) -> None:
        """Tell the simulation the patient's strength, for compare mode's caption."""
        window = self._window()
        if window is not None and window.simulation is not None:
            strength, weaken = load_patient_strength(window.settings)
            window.simulation.patient_strength = None if strength is None else (strength, weaken)

    def fitted(self, settings: SimulationSettings) -> None:
        """**Show me** in "From a measurement…": remember the strength found as the patient's."""
        window = self._window()
        if window is not None:
            save_patient_strength(window.settings, settings.strength_pct, settings.weaken)
            self.update()
            controller = window.simulation
            if controller is not None and window.lessons.player is None:
                controller.show_phase(controller.phase)  # captioned as the patient's now

"""From a measurement…: the strength that explains what the therapist measured.

The therapist types the pelvic drop and/or the knee's inward angle measured in the
patient's single-leg stance or squat; the model finds the strength that reproduces them
(:func:`anatomy_viewer.biomech.fit.fit_strength`, about a second, run off the event loop)
and says it in plain words. **Show me** sets the strength slider to it and turns on compare
mode, so the patient sees their own movement beside normal strength.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.biomech import ModelInputError, Subject
from anatomy_viewer.biomech.fit import (
    DEFAULT_ERROR_DEG,
    DROP_RANGE_DEG,
    FIT_PHASE,
    FIT_TASKS,
    FPPA_RANGE_DEG,
    FitResult,
    fit_strength,
)
from anatomy_viewer.logic.simulation import SimulationSettings
from anatomy_viewer.ui.simulation_controller import QtSimulationController
from anatomy_viewer.ui.simulation_panel import TASK_NAMES, WEAKEN_NAMES

#: How often the dialog looks whether the fit has finished (ms).
POLL_MS = 30

Fitter = Callable[..., FitResult]


def _angle(text: str, what: str, bounds: tuple[float, float]) -> float | None:
    """A typed angle, ``None`` when left empty; ValueError naming ``what`` and its range."""
    text = text.strip().replace(",", ".").removesuffix("°").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(
            f"{what}: type a number of degrees from {bounds[0]:g} to {bounds[1]:g}, not {text!r}"
        ) from None
    if not bounds[0] <= value <= bounds[1]:
        raise ValueError(f"{what} must be from {bounds[0]:g} to {bounds[1]:g} degrees")
    return value


class QtFitDialog(QDialog):
    """Task, stance leg, weakened muscles and the measured angles -> strength and range.

    Signals
    -------
    show_requested(SimulationSettings)
        **Show me** was pressed: show these settings (the fitted strength, compare mode on).
    """

    show_requested = Signal(object)

    def __init__(
        self,
        subject: Subject,
        settings: SimulationSettings,
        parent: QWidget | None = None,
        fitter: Fitter = fit_strength,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("fit_dialog")
        self.setWindowTitle("From a measurement")
        self._subject = subject
        self._settings = settings
        self._fitter = fitter
        self._worker: threading.Thread | None = None
        self._outcome: FitResult | Exception | None = None
        self.result_fit: FitResult | None = None

        self.task = QComboBox(self)
        self.task.setObjectName("fit_task")
        for key, name in TASK_NAMES:
            if key in FIT_TASKS:
                self.task.addItem(name, key)
        index = self.task.findData(settings.task)
        self.task.setCurrentIndex(max(index, 0))
        self.side = QComboBox(self)
        self.side.setObjectName("fit_side")
        self.side.addItem("Right leg", "right")
        self.side.addItem("Left leg", "left")
        self.side.setCurrentIndex(max(self.side.findData(settings.side), 0))
        self.weaken = QComboBox(self)
        self.weaken.setObjectName("fit_weaken")
        for key, _heading, name in WEAKEN_NAMES:
            self.weaken.addItem(name, key)
        self.weaken.setCurrentIndex(max(self.weaken.findData(settings.weaken), 0))
        self.drop = QLineEdit(self)
        self.drop.setObjectName("fit_drop")
        self.drop.setPlaceholderText("not measured")
        self.drop.setToolTip(
            "How far the pelvis dropped on the lifted side, in degrees (more than 0 when it "
            "is lower)"
        )
        self.fppa = QLineEdit(self)
        self.fppa.setObjectName("fit_fppa")
        self.fppa.setPlaceholderText("not measured")
        self.fppa.setToolTip(
            "The knee's frontal plane projection angle on video, in degrees (more than 0 "
            "when the knee falls inward)"
        )
        note = QLabel(
            f"Angles from 2D video are typically within about ±{DEFAULT_ERROR_DEG:g}° "
            "(Munro et al. 2012); the model allows for that.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#5a6470")
        self.find_button = QPushButton("&Find the strength", self)
        self.find_button.setObjectName("fit_find")
        self.find_button.setDefault(True)
        self.message = QLabel(self)
        self.message.setObjectName("fit_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.show_me = buttons.addButton(
            "&Show me beside normal", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.show_me.setObjectName("fit_show")
        self.show_me.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.show_me.clicked.connect(self._show)

        form = QFormLayout()
        form.addRow("&Movement", self.task)
        form.addRow("Standing &on", self.side)
        form.addRow("&Weakened muscles", self.weaken)
        form.addRow("&Pelvic drop (°)", self.drop)
        form.addRow("&Knee inward angle (°)", self.fppa)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.find_button)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_done)
        self.find_button.clicked.connect(self._start)
        for widget in (self.task, self.side, self.weaken):
            widget.currentIndexChanged.connect(self._forget)
        self.drop.textEdited.connect(self._forget)
        self.fppa.textEdited.connect(self._forget)

    @property
    def busy(self) -> bool:
        """Whether a fit is running."""
        return self._worker is not None

    def _say(self, text: str, colour: str = "#1f2933") -> None:
        self.message.setStyleSheet(f"color:{colour}")
        self.message.setText(text)
        self.adjustSize()

    def _forget(self, *_args: object) -> None:
        """An input changed: the shown answer no longer belongs to it."""
        if not self.busy:
            self.result_fit = None
            self.show_me.setEnabled(False)

    def _start(self) -> None:
        try:
            drop = _angle(self.drop.text(), "Pelvic drop", DROP_RANGE_DEG)
            fppa = _angle(self.fppa.text(), "Knee inward angle", FPPA_RANGE_DEG)
        except ValueError as error:
            self._say(str(error), "#b3261e")
            return
        if drop is None and fppa is None:
            self._say("Type the pelvic drop, the knee angle or both.", "#b3261e")
            return
        self.result_fit = None
        self.show_me.setEnabled(False)
        self.find_button.setEnabled(False)
        self._say("Working it out…")
        self._outcome = None
        kwargs = {
            "side": str(self.side.currentData()),
            "weaken": str(self.weaken.currentData()),
            "pelvic_drop_deg": drop,
            "fppa_deg": fppa,
        }
        task = str(self.task.currentData())

        def work() -> None:
            try:
                self._outcome = self._fitter(self._subject, task, **kwargs)
            except (ModelInputError, ValueError) as error:
                self._outcome = error

        self._worker = threading.Thread(target=work, name="fit", daemon=True)
        self._worker.start()
        self._poll.start()

    def _check_done(self) -> None:
        worker = self._worker
        if worker is None or worker.is_alive():
            return
        self._poll.stop()
        self._worker = None
        self.find_button.setEnabled(True)
        outcome = self._outcome
        if isinstance(outcome, FitResult):
            self.result_fit = outcome
            self._say(_patient_words(outcome))
            self.show_me.setEnabled(outcome.strength_pct is not None)
        else:
            self._say(str(outcome), "#b3261e")

    def _show(self) -> None:
        fit = self.result_fit
        if fit is None or fit.strength_pct is None:
            return
        self.show_requested.emit(
            self._settings.with_changes(
                task=fit.task,
                side=fit.side,
                weaken=fit.weaken,
                strength_pct=float(round(fit.strength_pct)),
                compare=True,
            )
        )
        self.accept()

    def done(self, result: int) -> None:
        self._poll.stop()
        super().done(result)


def _patient_words(fit: FitResult) -> str:
    """The answer as a patient reads it, then the model's sentence for the therapist."""
    low, high = fit.strength_range_pct
    if fit.strength_pct is None:
        head = (
            f"Your measurement fits anything from {low:.0f} % to {high:.0f} % of normal "
            "strength: the model cannot tell these apart."
        )
    else:
        head = (
            f"Your movement looks like about {fit.strength_pct:.0f} % of normal strength "
            f"(somewhere from {low:.0f} % to {high:.0f} %)."
        )
    return f"{head}\n\n{fit.explanation}"


def add_fit_button(
    parent: QWidget, layout: QVBoxLayout, controller: Callable[[], QtSimulationController | None]
) -> QPushButton:
    """Put **From a measurement…** first in ``layout``; it opens the dialog for the shown subject.

    ``controller`` is a bound method of the window (held weakly) giving its simulation.

    **Show me** in the dialog sets the controller's settings (the fitted strength, compare
    mode on) at the moment the angles are read (phase 0.5).
    """
    button = QPushButton("From a &measurement…", parent)
    button.setObjectName("fit_open")
    button.setToolTip(
        "Type the pelvic drop and knee angle you measured; the model finds the strength "
        "that explains them"
    )

    # The window and its method are held weakly: a strong reference from a slot of the
    # window's own child would keep the closed window (and its chart) alive.
    getter = weakref.WeakMethod(controller)
    window = weakref.ref(parent)
    del controller

    def open_dialog() -> None:
        get, owner = getter(), window()
        simulation = None if get is None else get()
        if simulation is None or owner is None:
            return
        dialog = QtFitDialog(simulation.simulation.subject, simulation.settings, owner.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show_requested.connect(lambda s: simulation.set_settings(s, phase=FIT_PHASE))
        lessons = getattr(owner, "patient_lessons", None)
        if lessons is not None:  # the window remembers the strength found as the patient's
            dialog.show_requested.connect(lessons.fitted)
        dialog.show()

    button.clicked.connect(open_dialog)
    layout.insertWidget(0, button)
    return button

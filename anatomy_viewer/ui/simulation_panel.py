"""The Simulation panel: task, stance leg, the big strength slider, playback and overlays."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.biomech.exercise_catalogue import CATALOGUE
from anatomy_viewer.logic.simulation import STRENGTH_MARKS, SimulationSettings
from anatomy_viewer.vocabulary import EXERCISES

TASK_NAMES = (
    ("stance", "Standing on one leg"),
    ("squat", "Single-leg squat"),
    ("abduction", "Leg out to the side (jumping jack)"),
    ("walk", "Walking"),
    ("run", "Running"),
    # The exercise library (after a line in the list): each held pose, moved into and out of.
    *((exercise, f"Exercise: {CATALOGUE[exercise].name}") for exercise in EXERCISES),
)
OVERLAY_NAMES = (
    ("pelvic_level", "Pelvis level line"),
    ("knee_alignment", "Hip–knee–ankle line"),
    ("forces", "Forces and lever arms"),
    ("effort", "Muscle effort colours"),
)
#: What the strength slider weakens, in the words of the panel (heading, choice).
WEAKEN_NAMES = (
    ("gluteus_medius", "Gluteus medius", "Gluteus medius alone"),
    ("abductors", "Hip abductor", "All hip abductors"),
)
SPEEDS = (0.25, 0.5, 1.0, 2.0)
#: What the strength a lesson calls "knee pain" is: a measured strength, not a pain score.
KNEE_PAIN_NOTE = (
    f"{STRENGTH_MARKS['knee pain']:.0f} % is about the strength measured in women with pain "
    "at the front of the knee."
)
KNEE_PAIN_SOURCE = (
    "Hip abduction was 26 % weaker in women with patellofemoral pain than in women "
    "without it (Ireland et al. 2003, J Orthop Sports Phys Ther 33:671)."
)
#: Phase scrubber resolution.
PHASE_STEPS = 1000


class QtSimulationPanel(QWidget):
    """Controls that edit :class:`SimulationSettings`; the window runs the simulation.

    Signals
    -------
    settings_changed(SimulationSettings)
        Any control changed.
    play_toggled(bool)
        Play or pause.
    phase_scrubbed(float)
        The user dragged the phase scrubber (0..1); playback pauses.
    """

    settings_changed = Signal(object)
    play_toggled = Signal(bool)
    phase_scrubbed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task = QComboBox(self)
        self.task.setObjectName("task")
        self.task.setAccessibleName("Movement")
        for key, name in TASK_NAMES:
            if key == EXERCISES[0]:
                self.task.insertSeparator(self.task.count())
            self.task.addItem(name, key)
        self.side = QComboBox(self)
        self.side.setObjectName("side")
        self.side.setAccessibleName("Standing on")
        self.side.addItem("Right leg", "right")
        self.side.addItem("Left leg", "left")

        self.weaken = QComboBox(self)
        self.weaken.setObjectName("weaken")
        self.weaken.setAccessibleName("Weakened muscles")
        self.weaken.setToolTip(
            "Which muscles the strength slider weakens: gluteus medius alone, or every hip "
            "abductor together (when gluteus medius alone is weak, gluteus minimus and "
            "tensor fasciae latae can take over much of its work)"
        )
        for key, _heading, name in WEAKEN_NAMES:
            self.weaken.addItem(name, key)

        self.strength = QSlider(Qt.Orientation.Horizontal, self)
        self.strength.setObjectName("strength")
        self.strength.setRange(0, 100)
        self.strength.setValue(100)
        self.strength.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.strength.setTickInterval(10)
        self.strength.setPageStep(10)
        self.strength.setMinimumHeight(36)
        self.strength.setAccessibleDescription("Percent of normal strength, 0 to 100")
        self.strength.setStyleSheet(
            "QSlider::groove:horizontal { height: 10px; border-radius: 5px;"
            " background: qlineargradient(x1:0, y1:0, x2:1, y2:0,"
            " stop:0 #d9534f, stop:0.45 #f0ad4e, stop:1 #5cb85c); }"
            "QSlider::handle:horizontal { width: 24px; margin: -8px 0; border-radius: 12px;"
            " background: white; border: 2px solid #33475b; }"
        )
        self.strength_value = QLabel("100 %", self)
        self.strength_value.setObjectName("strength_value")
        self.strength_value.setStyleSheet("min-width:70px; font-weight:bold")
        self.strength_value.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        marks = QHBoxLayout()
        weak = QLabel("◀ weak", self)
        normal = QLabel("normal ▶", self)
        for label in (weak, normal):
            label.setStyleSheet("color:#5a6470")
        marks.addWidget(weak)
        marks.addStretch(1)
        marks.addWidget(normal)
        #: What the 74 % mark means, in words a patient reads right (it is a strength).
        self.strength_note = QLabel(KNEE_PAIN_NOTE, self)
        self.strength_note.setObjectName("strength_note")
        self.strength_note.setWordWrap(True)
        self.strength_note.setStyleSheet("color:#5a6470")
        self.strength_note.setToolTip(KNEE_PAIN_SOURCE)

        #: Why the model could not show the chosen setting (hidden while all is well).
        self.problem = QLabel(self)
        self.problem.setObjectName("model_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color:#c62828; font-weight:bold")
        self.problem.setVisible(False)

        self.compensation = QCheckBox("Lean the trunk over the standing leg", self)
        self.compensation.setObjectName("compensation")
        self.compensation.setToolTip("What many patients do to unload a weak muscle")

        self.play_button = QPushButton(self)
        self.play_button.setObjectName("play")
        self.play_button.setCheckable(True)
        self.play_button.setMinimumHeight(34)
        self.play_button.setToolTip("Play or pause the movement")
        self.play_button.toggled.connect(self._play_toggled)
        self.speed = QComboBox(self)
        self.speed.setObjectName("speed")
        self.speed.setToolTip("Playback speed")
        self.speed.setAccessibleName("Playback speed")
        for speed in SPEEDS:
            self.speed.addItem(_speed_text(speed), speed)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.loop = QCheckBox("Loop", self)
        self.loop.setObjectName("loop")
        self.loop.setToolTip("Play the movement again and again")
        self.loop.setChecked(True)
        self.phase = QSlider(Qt.Orientation.Horizontal, self)
        self.phase.setObjectName("phase")
        self.phase.setRange(0, PHASE_STEPS)
        self.phase.setPageStep(PHASE_STEPS // 10)
        self.phase.setToolTip("Move through the movement by hand")
        self.phase.setAccessibleName("Moment in the movement")
        self.phase.valueChanged.connect(self._phase_moved)

        self.overlays: dict[str, QCheckBox] = {}
        overlay_box = QGroupBox("Show in the view", self)
        self.overlay_box = overlay_box
        # One column: two side by side made the panel wider than its dock.
        overlay_list = QVBoxLayout(overlay_box)
        for key, name in OVERLAY_NAMES:
            box = QCheckBox(name, overlay_box)
            box.setObjectName(f"overlay_{key}")
            self.overlays[key] = box
            overlay_list.addWidget(box)
        self.compare = QCheckBox("Compare with normal strength", self)
        self.compare.setObjectName("compare")
        self.compare.setToolTip("Show a second view at normal strength beside this one")

        # Labels above their fields: the long movement names then fit a narrow panel.
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form = form
        form.addRow("&Weakened muscles", self.weaken)
        form.addRow("&Movement", self.task)
        form.addRow("Standing &on", self.side)
        self.side_label = form.labelForField(self.side)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength, 1)
        strength_row.addWidget(self.strength_value)
        heading = QLabel(self)
        self.strength_heading = heading
        heading.setObjectName("strength_heading")
        heading_font = heading.font()
        heading_font.setBold(True)
        heading.setFont(heading_font)
        heading.setBuddy(self.strength)
        playback = QHBoxLayout()
        playback.addWidget(self.play_button, 1)
        playback.addWidget(self.speed)
        playback.addWidget(self.loop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        # The strength comes first: it is what a therapist changes with a patient, and it
        # stays in sight under the lesson text.
        layout.addWidget(heading)
        layout.addLayout(strength_row)
        layout.addLayout(marks)
        layout.addWidget(self.strength_note)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.compensation)
        layout.addLayout(playback)
        layout.addWidget(self.phase)
        layout.addWidget(overlay_box)
        layout.addWidget(self.compare)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        layout.addStretch(1)
        self.set_playing(False)

        self.weaken.currentIndexChanged.connect(self._changed)
        self.task.currentIndexChanged.connect(self._changed)
        self.side.currentIndexChanged.connect(self._changed)
        self.strength.valueChanged.connect(self._changed)
        self.compensation.toggled.connect(self._changed)
        self.speed.currentIndexChanged.connect(self._changed)
        self.loop.toggled.connect(self._changed)
        self.compare.toggled.connect(self._changed)
        for box in self.overlays.values():
            box.toggled.connect(self._changed)
        self.set_settings(SimulationSettings())

    def advanced_widgets(self) -> list[QWidget]:
        """Controls a patient does not need (hidden in presentation mode)."""
        widgets: list[QWidget] = [self.weaken, self.task, self.side, self.compensation]
        widgets.append(self.play_button)
        widgets += [self.speed, self.loop, self.phase, self.compare, self.overlay_box]
        for index in range(self.extra.count()):
            item = self.extra.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widgets.append(widget)
        form_labels = [self.form.labelForField(w) for w in (self.weaken, self.task, self.side)]
        return widgets + [label for label in form_labels if label is not None]

    def settings(self) -> SimulationSettings:
        """The settings the controls show."""
        return SimulationSettings(
            task=str(self.task.currentData()),
            side=str(self.side.currentData()),
            strength_pct=float(self.strength.value()),
            compensation="trunk_lean" if self.compensation.isChecked() else "none",
            speed=float(self.speed.currentData()),
            loop=self.loop.isChecked(),
            overlays=frozenset(key for key, box in self.overlays.items() if box.isChecked()),
            compare=self.compare.isChecked(),
            weaken=str(self.weaken.currentData()),
        )

    def set_settings(self, settings: SimulationSettings) -> None:
        """Show ``settings`` in the controls without emitting ``settings_changed``."""
        widgets = [
            self.weaken,
            self.task,
            self.side,
            self.strength,
            self.compensation,
            self.speed,
            self.loop,
            self.compare,
        ]
        blockers = [QSignalBlocker(w) for w in (*widgets, *self.overlays.values())]
        self.weaken.setCurrentIndex(self.weaken.findData(settings.weaken))
        self.task.setCurrentIndex(self.task.findData(settings.task))
        self.side.setCurrentIndex(self.side.findData(settings.side))
        self.strength.setValue(round(settings.strength_pct))
        self.compensation.setChecked(settings.compensation == "trunk_lean")
        self._offer_speed(settings.speed)
        self.speed.setCurrentIndex(self.speed.findData(settings.speed))
        self.loop.setChecked(settings.loop)
        self.compare.setChecked(settings.compare)
        for key, box in self.overlays.items():
            box.setChecked(key in settings.overlays)
        del blockers
        self.strength_value.setText(f"{settings.strength_pct:.0f} %")
        self._name_strength(settings.weaken)
        self._name_side(settings.task)

    def set_phase(self, phase: float) -> None:
        """Move the scrubber to ``phase`` without reporting it back."""
        blocker = QSignalBlocker(self.phase)
        self.phase.setValue(round(phase * PHASE_STEPS))
        del blocker

    def _offer_speed(self, speed: float) -> None:
        """List the standard speeds and ``speed``, in order (a lesson's own speed is kept
        only while it is in use)."""
        wanted = sorted({*SPEEDS, float(speed)})
        listed = [float(self.speed.itemData(i)) for i in range(self.speed.count())]
        if listed == wanted:
            return
        blocker = QSignalBlocker(self.speed)
        self.speed.clear()
        for value in wanted:
            self.speed.addItem(_speed_text(value), value)
        del blocker

    def set_playing(self, playing: bool) -> None:
        """Show the play button's state without reporting it back."""
        blocker = QSignalBlocker(self.play_button)
        self.play_button.setChecked(playing)
        self._show_play_state(playing)
        del blocker

    def _show_play_state(self, playing: bool) -> None:
        # Qt's own media icons: no symbol font is needed for them (a pause sign is
        # missing from the fonts many Linux systems have).
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText("Pause" if playing else "Play")
        self.play_button.setAccessibleName("Pause the movement" if playing else "Play the movement")

    def show_problem(self, message: str | None) -> None:
        """Say why the setting cannot be shown (the view keeps the last frame), or clear it."""
        text = "" if message is None else f"Cannot show this: {message}"
        if self.problem.text() != text:
            self.problem.setText(text)
            self.problem.setVisible(bool(text))

    def _name_strength(self, weaken: str) -> None:
        """Name the slider after what it weakens."""
        heading = next(h for key, h, _ in WEAKEN_NAMES if key == weaken)
        self.strength_heading.setText(f"{heading} &strength")
        self.strength.setAccessibleName(f"{heading} strength")
        self.strength.setToolTip(f"{heading} strength of the standing leg, in % of normal")

    def _name_side(self, task: str) -> None:
        """Walking and running stand on both legs in turn: the choice is the weak leg."""
        gait = task in ("walk", "run")
        name = "Weakened &on" if gait else "Standing &on"
        if task in EXERCISES:
            name = "Working &leg"
        if isinstance(self.side_label, QLabel) and self.side_label.text() != name:
            self.side_label.setText(name)
            self.side.setAccessibleName(name.replace("&", ""))
            self.side.setToolTip(
                "The leg whose muscles the slider weakens; its heel strikes at the start of "
                "the cycle, and the other leg keeps its normal strength"
                if gait
                else ""
            )

    def _changed(self, *_args: object) -> None:
        self.strength_value.setText(f"{self.strength.value()} %")
        self._name_strength(str(self.weaken.currentData()))
        self._name_side(str(self.task.currentData()))
        self.settings_changed.emit(self.settings())

    def _phase_moved(self, value: int) -> None:
        self.phase_scrubbed.emit(value / PHASE_STEPS)

    def _play_toggled(self, playing: bool) -> None:
        self._show_play_state(playing)
        self.play_toggled.emit(playing)


def _speed_text(speed: float) -> str:
    return f"{speed:g}×"

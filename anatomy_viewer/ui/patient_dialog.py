"""File > Patient…: the patient's height, mass, sex and (only if typed) name.

The profile is checked (height 1.40 to 2.10 m, mass 35 to 200 kg; a bad value is named
with its range and nothing changes), remembered in the settings and can be cleared. Saving
a height or sex the bundled anatomy is not made for generates the patient's anatomy in a
thread with a progress bar, into the user's cache
(:mod:`anatomy_viewer.logic.patient_anatomy`). The dialog then says which set the
patient's is (:attr:`QtPatientDialog.anatomy_ready`), and the window shows it at once
(:mod:`anatomy_viewer.ui.anatomy_swap`). Closed while the set is generated, the dialog
only hides: it still hands the set over when it is ready.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.logic.patient_anatomy import (
    HEIGHT_RANGE_M,
    MASS_RANGE_KG,
    Builder,
    PatientProfile,
    cached_patient_meshes,
    patient_meshes_or_default,
)
from anatomy_viewer.resources import meshes_dir
from anatomy_viewer.ui.simulation_panel import WEAKEN_NAMES
from anatomy_viewer.vocabulary import WEAKEN

KEY = "patient"
#: How often the dialog reads the generation's progress (ms).
POLL_MS = 50


def load_patient(settings: QSettings) -> PatientProfile | None:
    """The remembered profile, or ``None`` (none saved, or one no longer valid)."""
    if not settings.contains(f"{KEY}/height_m"):
        return None
    try:
        return PatientProfile(
            height_m=float(str(settings.value(f"{KEY}/height_m"))),
            mass_kg=float(str(settings.value(f"{KEY}/mass_kg"))),
            sex=str(settings.value(f"{KEY}/sex")),
            name=str(settings.value(f"{KEY}/name", "")),
        )
    except (AnatomyViewerError, ValueError):
        return None


def save_patient(settings: QSettings, profile: PatientProfile) -> None:
    """Remember ``profile``."""
    settings.setValue(f"{KEY}/height_m", profile.height_m)
    settings.setValue(f"{KEY}/mass_kg", profile.mass_kg)
    settings.setValue(f"{KEY}/sex", profile.sex)
    settings.setValue(f"{KEY}/name", profile.name)
    settings.sync()


def load_patient_strength(settings: QSettings) -> tuple[float | None, str]:
    """The patient's strength (percent, ``None`` when not known) and the muscles it is for,
    as the therapist set it here or "From a measurement…" found it."""
    weaken = str(settings.value(f"{KEY}/weaken", "gluteus_medius"))
    if weaken not in WEAKEN:
        weaken = "gluteus_medius"
    try:
        strength = float(str(settings.value(f"{KEY}/strength_pct", "")))
    except ValueError:
        return None, weaken
    return (strength if 0.0 <= strength <= 100.0 else None), weaken


def save_patient_strength(settings: QSettings, strength_pct: float | None, weaken: str) -> None:
    """Remember the patient's strength (``None``: not known) and the muscles it is for."""
    if strength_pct is None:
        settings.remove(f"{KEY}/strength_pct")
    else:
        settings.setValue(f"{KEY}/strength_pct", float(strength_pct))
    settings.setValue(f"{KEY}/weaken", weaken)
    settings.sync()


def clear_patient(settings: QSettings) -> None:
    """Forget the profile (patients change)."""
    settings.remove(KEY)
    settings.sync()


def patient_meshes_at_start(settings: QSettings) -> Path | None:
    """The remembered patient's anatomy if it is ready (never generates at start-up)."""
    profile = load_patient(settings)
    if profile is None:
        return None
    return cached_patient_meshes(profile.height_m, profile.sex)


def _number(text: str, what: str, bounds: tuple[float, float], unit: str) -> float:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise AnatomyViewerError(
            f"{what}: type a number from {bounds[0]:g} to {bounds[1]:g} {unit}, not {text!r}"
        ) from None


class QtPatientDialog(QDialog):
    """Edit, save or clear the patient profile; generate the patient's anatomy."""

    #: The patient's anatomy set is ready (or the default one, after a failure or a
    #: clear): its folder, and the patient's body mass in kg.
    anatomy_ready = Signal(object, float)

    def __init__(
        self,
        settings: QSettings,
        parent: QWidget | None = None,
        builder: Builder | None = None,
        cache: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("patient_dialog")
        self.setWindowTitle("Patient")
        self.setMinimumWidth(460)
        self._settings = settings
        self._builder = builder
        self._cache = cache
        self._worker: threading.Thread | None = None
        self._done = (0, 1)
        self._outcome: tuple[Path, str | None] | None = None
        self._mass_kg = 75.0
        #: Closed while generating: close for good once the set is handed over.
        self._close_when_ready: int | None = None
        profile = load_patient(settings) or PatientProfile()

        self.height_edit = QLineEdit(f"{profile.height_m:.2f}", self)
        self.height_edit.setObjectName("patient_height")
        self.mass_edit = QLineEdit(f"{profile.mass_kg:g}", self)
        self.mass_edit.setObjectName("patient_mass")
        self.sex_box = QComboBox(self)
        self.sex_box.setObjectName("patient_sex")
        self.sex_box.addItem("Female", "female")
        self.sex_box.addItem("Male", "male")
        self.sex_box.setCurrentIndex(self.sex_box.findData(profile.sex))
        self.name_edit = QLineEdit(profile.name, self)
        self.name_edit.setObjectName("patient_name")
        self.name_edit.setPlaceholderText("optional: shown on the handout only if typed")
        strength, weaken = load_patient_strength(settings)
        self.strength_edit = QLineEdit("" if strength is None else f"{strength:g}", self)
        self.strength_edit.setObjectName("patient_strength")
        self.strength_edit.setPlaceholderText("not measured (From a measurement… fills it in)")
        self.strength_edit.setToolTip(
            "The patient's hip strength, % of normal: lesson steps about the patient show it"
        )
        self.weaken_box = QComboBox(self)
        self.weaken_box.setObjectName("patient_weaken")
        for key, _heading, name in WEAKEN_NAMES:
            self.weaken_box.addItem(name, key)
        self.weaken_box.setCurrentIndex(max(self.weaken_box.findData(weaken), 0))
        self.message = QLabel(self)
        self.message.setObjectName("patient_message")
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("patient_progress")
        self.progress.setVisible(False)
        self.save = QPushButton("&Save", self)
        self.save.setObjectName("patient_save")
        self.save.setDefault(True)
        self.clear = QPushButton("C&lear", self)
        self.clear.setObjectName("patient_clear")
        self.clear.setToolTip("Forget this patient and show the default anatomy again")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.clear, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(
            f"&Height (m, {HEIGHT_RANGE_M[0]:.2f}–{HEIGHT_RANGE_M[1]:.2f})", self.height_edit
        )
        form.addRow(f"&Mass (kg, {MASS_RANGE_KG[0]:g}–{MASS_RANGE_KG[1]:g})", self.mass_edit)
        form.addRow("&Sex", self.sex_box)
        form.addRow("&Name", self.name_edit)
        form.addRow("S&trength (%, 0–100)", self.strength_edit)
        form.addRow("Strength &of", self.weaken_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)
        self.save.clicked.connect(self._save)
        self.clear.clicked.connect(self._clear)

    @property
    def busy(self) -> bool:
        """Whether the patient's anatomy is being generated."""
        return self._worker is not None

    def _say(self, text: str, colour: str = "#1f2933") -> None:
        self.message.setStyleSheet(f"color:{colour}")
        self.message.setText(text)

    def profile(self) -> PatientProfile:
        """The profile the fields describe; AnatomyViewerError naming a bad field."""
        return PatientProfile(
            height_m=_number(self.height_edit.text(), "height", HEIGHT_RANGE_M, "m"),
            mass_kg=_number(self.mass_edit.text(), "mass", MASS_RANGE_KG, "kg"),
            sex=str(self.sex_box.currentData()),
            name=self.name_edit.text().strip(),
        )

    def strength(self) -> float | None:
        """The strength typed (``None``: left empty); AnatomyViewerError when it is bad."""
        text = self.strength_edit.text().strip().removesuffix("%").strip()
        if not text:
            return None
        value = _number(text, "strength", (0.0, 100.0), "%")
        if not 0.0 <= value <= 100.0:
            raise AnatomyViewerError(f"strength must be from 0 to 100 %, not {value:g}")
        return value

    def _save(self) -> None:
        if self.busy:
            return
        try:
            profile = self.profile()
            strength = self.strength()
        except AnatomyViewerError as error:
            self._say(f"Not saved: {error}.", "#b3261e")
            return
        save_patient(self._settings, profile)
        save_patient_strength(self._settings, strength, str(self.weaken_box.currentData()))
        self._mass_kg = profile.mass_kg
        if profile.is_default_anatomy:
            self._say("Saved. The default anatomy is this patient's size.")
            self.anatomy_ready.emit(meshes_dir(), profile.mass_kg)
            return
        self._say(f"Saved. Making the anatomy for a {profile.height_m:.2f} m {profile.sex}…")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.save.setEnabled(False)
        self.clear.setEnabled(False)
        self._outcome = None

        def progress(done: int, total: int) -> None:
            self._done = (done, total)

        def work() -> None:
            self._outcome = patient_meshes_or_default(
                profile.height_m,
                profile.sex,
                root=self._cache,
                builder=self._builder,
                progress=progress,
            )

        self._worker = threading.Thread(target=work, name="patient-anatomy", daemon=True)
        self._worker.start()
        self._poll.start()

    def _check(self) -> None:
        done, total = self._done
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        worker = self._worker
        if worker is None or worker.is_alive():
            return
        self._poll.stop()
        self._worker = None
        self.save.setEnabled(True)
        self.clear.setEnabled(True)
        self.progress.setVisible(False)
        assert self._outcome is not None
        folder, problem = self._outcome
        if problem is None:
            self._say("Saved. The patient's anatomy is ready and shown in the window.")
        else:
            self._say(f"Saved, but {problem}.", "#b3261e")
        self.anatomy_ready.emit(folder, self._mass_kg)
        if self._close_when_ready is not None:
            result, self._close_when_ready = self._close_when_ready, None
            super().done(result)

    def _clear(self) -> None:
        if self.busy:
            return
        clear_patient(self._settings)
        default = PatientProfile()
        self.height_edit.setText(f"{default.height_m:.2f}")
        self.mass_edit.setText(f"{default.mass_kg:g}")
        self.sex_box.setCurrentIndex(self.sex_box.findData(default.sex))
        self.name_edit.clear()
        self.strength_edit.clear()
        self._say("Cleared. The default anatomy is shown again.")
        self.anatomy_ready.emit(meshes_dir(), default.mass_kg)

    def done(self, result: int) -> None:
        """Close; while the anatomy is generated, hide until it is ready and handed over."""
        if self.busy:
            self._close_when_ready = result
            self.hide()
            return
        self._poll.stop()
        super().done(result)

    def abandon(self) -> None:
        """Stop waiting for the generation (the window closes): nothing is handed over."""
        self._poll.stop()
        self._worker = None
        self._close_when_ready = None

"""Live readouts under the 3D view: pelvic drop, knee valgus, hip force, muscle effort.

Each number is coloured by whether healthy people reach it doing the same movement
(:mod:`anatomy_viewer.logic.norms`), so a patient sees at once what is out of range.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from anatomy_viewer.logic import norms

_COLORS = {"normal": "#2e7d32", "borderline": "#b26a00", "abnormal": "#c62828"}
_WORDS = {"normal": "normal", "borderline": "borderline", "abnormal": "out of range"}


class _Readout(QFrame):
    def __init__(self, title: str, tooltip: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("readout")
        self.setStyleSheet(
            "#readout { background:#ffffff; border:1px solid #d5dde8; border-radius:8px; }"
        )
        self.setToolTip(tooltip)
        self.title = QLabel(title, self)
        self.title.setStyleSheet("color:#5a6470")
        self.value = QLabel("—", self)
        self.value.setStyleSheet("font-size:17pt; font-weight:bold")
        self.rating = QLabel("", self)
        self._rating: norms.Rating | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(0)
        for label in (self.title, self.value, self.rating):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)

    def show_value(self, text: str, rating: norms.Rating) -> None:
        # Called every animation frame: touch only what changed. A style sheet set again,
        # even the same one, re-polishes and repaints the label, and every repaint costs a
        # recomposition of the window around the 3D view (docs/performance.md).
        if self.value.text() != text:
            self.value.setText(text)
        if self._rating != rating:
            self._rating = rating
            self.value.setStyleSheet(f"font-size:17pt; font-weight:bold; color:{_COLORS[rating]}")
            self.rating.setText(_WORDS[rating])
            self.rating.setStyleSheet(f"color:{_COLORS[rating]}")


class QtReadouts(QWidget):
    """A strip of four readouts, updated from the model's quantities every frame."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readouts")
        self.pelvic_drop = _Readout(
            "Hip drop (other side)", "How far the pelvis sinks on the side of the lifted leg", self
        )
        self.knee = _Readout(
            "Knee falls inward",
            "Knee frontal plane projection angle, as measured on video (valgus)",
            self,
        )
        self.hip_force = _Readout(
            "Force in the hip joint", "Hip joint contact force, in multiples of body weight", self
        )
        self.effort = _Readout(
            "Gluteus medius effort", "Share of the (weakened) muscle's capacity in use", self
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        for readout in (self.pelvic_drop, self.knee, self.hip_force, self.effort):
            layout.addWidget(readout, 1)

    def show_quantities(self, task: str, quantities: Mapping[str, float]) -> None:
        """Show one frame's numbers (the ``model --json`` keys)."""
        drop = quantities["pelvic_drop_deg"]
        self.pelvic_drop.show_value(
            f"{drop:.1f}° · {quantities['pelvic_drop_cm']:.1f} cm",
            norms.rate_pelvic_drop(task, drop),
        )
        fppa = quantities["knee_fppa_deg"]
        self.knee.show_value(f"{fppa:.1f}°", norms.rate_knee_fppa(task, fppa))
        force = quantities["hip_contact_force_bw"]
        self.hip_force.show_value(f"{force:.2f} × BW", norms.rate_hip_force(force))
        effort = quantities["abductor_activation"]
        self.effort.show_value(f"{effort * 100:.0f} %", norms.rate_effort(effort))

    def values(self) -> dict[str, str]:
        """The texts shown, by readout (for tests and accessibility)."""
        return {
            "pelvic_drop": self.pelvic_drop.value.text(),
            "knee": self.knee.value.text(),
            "hip_force": self.hip_force.value.text(),
            "effort": self.effort.value.text(),
        }

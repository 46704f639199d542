"""Live readouts under the 3D view: pelvic drop, knee valgus, hip force, muscle effort.

Each number is coloured by whether healthy people reach it doing the same movement
(:mod:`anatomy_viewer.biomech.ratings`, per task), so a patient sees at once what is out of range.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

_COLORS = {"normal": "#2e7d32", "borderline": "#b26a00", "out_of_range": "#c62828"}
_WORDS = {"normal": "normal", "borderline": "borderline", "out_of_range": "out of range"}
_TITLE_COLOR = "#5a6470"
_BORDER_COLOR = "#d5dde8"


class _Readout(QFrame):
    """One titled number in a rounded white box, coloured by its rating.

    Painted with a palette and a few ``QPainter`` calls rather than style sheets: the value
    changes every animation frame, and a style-sheet box makes each of those repaints go
    through Qt's style-sheet engine for the label and the box around it.
    """

    def __init__(self, title: str, tooltip: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("readout")
        self.setToolTip(tooltip)
        self.title = QLabel(title, self)
        _set_text_color(self.title, _TITLE_COLOR)
        self.value = QLabel("—", self)
        font = QFont(self.value.font())
        font.setPointSizeF(17.0)
        font.setBold(True)
        self.value.setFont(font)
        self.rating = QLabel("", self)
        self._rating: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(0)
        for label in (self.title, self.value, self.rating):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """The white box with a thin border and round corners."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(_BORDER_COLOR), 1.0))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8.0, 8.0)
        painter.end()

    def show_value(self, text: str, rating: str) -> None:
        """Show ``text``; change the colour and the rating word only when the rating changes."""
        # Called every animation frame: touch only what changed, since every repaint
        # costs its share of the frame (docs/performance.md).
        if self.value.text() != text:
            self.value.setText(text)
        if self._rating != rating:
            self._rating = rating
            _set_text_color(self.value, _COLORS[rating])
            _set_text_color(self.rating, _COLORS[rating])
            self.rating.setText(_WORDS[rating])

    def text_color(self) -> str:
        """The value's colour as ``#rrggbb`` (for tests and accessibility checks)."""
        return str(self.value.palette().color(QPalette.ColorRole.WindowText).name())


def _set_text_color(label: QLabel, color: str) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    label.setPalette(palette)


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

    def show_quantities(self, quantities: Mapping[str, float], ratings: Mapping[str, str]) -> None:
        """Show one frame's numbers (the ``model --json`` keys) with the model's ratings."""
        drop = quantities["pelvic_drop_deg"]
        self.pelvic_drop.show_value(
            f"{drop:.1f}° · {quantities['pelvic_drop_cm']:.1f} cm", ratings["pelvic_drop_deg"]
        )
        fppa = quantities["knee_fppa_deg"]
        self.knee.show_value(f"{fppa:.1f}°", ratings["knee_fppa_deg"])
        force = quantities["hip_contact_force_bw"]
        self.hip_force.show_value(f"{force:.2f} × BW", ratings["hip_contact_force_bw"])
        effort = quantities["abductor_activation"]
        self.effort.show_value(f"{effort * 100:.0f} %", ratings["abductor_activation"])

    def values(self) -> dict[str, str]:
        """The texts shown, by readout (for tests and accessibility)."""
        return {
            "pelvic_drop": self.pelvic_drop.value.text(),
            "knee": self.knee.value.text(),
            "hip_force": self.hip_force.value.text(),
            "effort": self.effort.value.text(),
        }

"""Live readouts under the 3D view: pelvic drop, knee valgus, hip force, muscle effort.

Each number is coloured by whether healthy people reach it doing the same movement
(:mod:`anatomy_viewer.biomech.ratings`, per task), so a patient sees at once what is out of range.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QWidget

#: ``unrated``: a number with no healthy range to rate it against (an exercise's effort);
#: ``not_computed``: a number the model does not compute for this task (drawn as a dash).
_COLORS = {
    "normal": "#2e7d32",
    "borderline": "#b26a00",
    "out_of_range": "#c62828",
    "unrated": "#2b3440",
    "not_computed": "#5a6470",
}
_WORDS = {
    "normal": "normal",
    "borderline": "borderline",
    "out_of_range": "out of range",
    "unrated": "in the held pose",
    "not_computed": "not for this exercise",
}
#: The effort box's title for each choice of weakened muscles.
EFFORT_TITLES = {"gluteus_medius": "Gluteus medius effort", "abductors": "Hip abductor effort"}
_TITLE_COLOR = "#5a6470"
_BORDER_COLOR = "#d5dde8"
_MARGIN_X, _MARGIN_Y = 10, 4
#: The smallest a readout's text is drawn, as a share of its size, before it is cut.
_SMALLEST = 0.6


class _Readout(QFrame):
    """One titled number in a rounded white box, coloured by its rating.

    The box paints its three lines itself with ``QPainter``: no style sheet and no palette
    decide the colour. A window style sheet (presentation mode sets one) makes Qt replace
    the palettes of the widgets under it, which turned coloured labels black; painted text
    keeps its rating's colour whatever style is in force. It is also the cheapest repaint:
    the value changes every animation frame (docs/performance.md).
    """

    #: Size of the value relative to the box's font.
    VALUE_SCALE = 1.6

    def __init__(self, title: str, tooltip: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("readout")
        self.setToolTip(tooltip)
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.title = title
        self.text = "—"
        self.rating_word = ""
        self._rating: str | None = None
        self._color = QColor(_TITLE_COLOR)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _value_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * self.VALUE_SCALE)
        font.setBold(True)
        return font

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Three lines of text and a margin; narrow enough for four boxes side by side."""
        small = QFontMetrics(self.font())
        large = QFontMetrics(self._value_font())
        height = 2 * small.height() + large.height() + 2 * _MARGIN_Y
        width = max(small.horizontalAdvance(self.title), large.horizontalAdvance("00.0° · 0.0 cm"))
        return QSize(width + 2 * _MARGIN_X, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As high as the three lines; any width (the title is elided when narrow)."""
        return QSize(4 * _MARGIN_X, self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """A new text size changes the box's height."""
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """The white box with a thin border and round corners, then title, value, rating."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(_BORDER_COLOR), 1.0))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8.0, 8.0)
        area = self.rect().adjusted(_MARGIN_X, _MARGIN_Y, -_MARGIN_X, -_MARGIN_Y)
        small_height = QFontMetrics(self.font()).height()
        large_height = QFontMetrics(self._value_font()).height()
        center = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        top = area.top()
        lines = (
            (self.title, self.font(), QColor(_TITLE_COLOR), small_height),
            (self.text, self._value_font(), self._color, large_height),
            (self.rating_word, self.font(), self._color, small_height),
        )
        for text, font, color, height in lines:
            # A narrow box draws its text smaller rather than cut a number off.
            painter.setFont(_fitted(font, text, area.width()))
            painter.setPen(color)
            painter.drawText(area.left(), top, area.width(), height, center, text)
            top += height
        painter.end()

    def show_value(self, text: str, rating: str) -> None:
        """Show ``text`` in its rating's colour, with the rating in words under it."""
        # Called every animation frame: repaint only when something changed.
        if self.text == text and self._rating == rating:
            return
        self.text = text
        if self._rating != rating:
            self._rating = rating
            self._color = QColor(_COLORS[rating])
            self.rating_word = _WORDS[rating]
        self.setAccessibleDescription(f"{text}, {self.rating_word}")
        self.update()

    def text_color(self) -> str:
        """The value's colour as ``#rrggbb`` (for tests and accessibility checks)."""
        return str(self._color.name())


def _fitted(font: QFont, text: str, width: int) -> QFont:
    """``font``, made smaller (down to :data:`_SMALLEST` of its size) until ``text`` fits."""
    fitted = QFont(font)
    size = font.pointSizeF()
    # Text does not shrink in proportion to its point size (hinting): step down until it fits.
    while (
        QFontMetrics(fitted).horizontalAdvance(text) > width
        and size > font.pointSizeF() * _SMALLEST
    ):
        size *= 0.94
        fitted.setPointSizeF(size)
    return fitted


def _show(readout: _Readout, text: str, value: float, rating: str | None) -> None:
    """Show a value with its rating; a value not computed (NaN) as a dash."""
    if math.isnan(value):
        readout.show_value("—", "not_computed")
    else:
        readout.show_value(text, rating or "unrated")


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
        self.setAccessibleName("Readouts")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        for readout in (self.pelvic_drop, self.knee, self.hip_force, self.effort):
            layout.addWidget(readout, 1)

    def show_quantities(
        self,
        quantities: Mapping[str, float],
        ratings: Mapping[str, str],
        weaken: str = "gluteus_medius",
    ) -> None:
        """Show one frame's numbers (the ``model --json`` keys) with the model's ratings.

        ``weaken`` names the weakened muscles, whose effort the last box shows.
        """
        title = EFFORT_TITLES[weaken]
        if self.effort.title != title:
            self.effort.title = title
            self.effort.setAccessibleName(title)
            self.effort.updateGeometry()
        drop = quantities["pelvic_drop_deg"]
        _show(
            self.pelvic_drop,
            f"{drop:.1f}° · {quantities['pelvic_drop_cm']:.1f} cm",
            drop,
            ratings.get("pelvic_drop_deg"),
        )
        fppa = quantities["knee_fppa_deg"]
        _show(self.knee, f"{fppa:.1f}°", fppa, ratings.get("knee_fppa_deg"))
        force = quantities["hip_contact_force_bw"]
        _show(self.hip_force, f"{force:.2f} × BW", force, ratings.get("hip_contact_force_bw"))
        effort = quantities["abductor_activation"]
        _show(self.effort, f"{effort * 100:.0f} %", effort, ratings.get("abductor_activation"))

    def values(self) -> dict[str, str]:
        """The texts shown, by readout (for tests and accessibility)."""
        return {
            "pelvic_drop": self.pelvic_drop.text,
            "knee": self.knee.text,
            "hip_force": self.hip_force.text,
            "effort": self.effort.text,
        }

    def readouts(self) -> dict[str, _Readout]:
        """The four boxes, by the keys of :meth:`values`."""
        return {
            "pelvic_drop": self.pelvic_drop,
            "knee": self.knee,
            "hip_force": self.hip_force,
            "effort": self.effort,
        }

"""A small chart of pelvic drop and knee valgus against strength, the current one marked.

Around the knee angle the model derives, a shaded band shows how far people's knees are
seen to fall inward at that strength (the part of the inward fall the model cannot derive:
foot, knee and trunk strategies; docs/biomechanics.md).

pyqtgraph takes a fifth of a second to import on a slow machine, and the chart is not part
of the first frame, so the plot is built on demand: by the window just after the first
frame (:meth:`QtStrengthChart.build`), or by the first use of one of its parts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

DROP_COLOR = "#1f6fb2"
FPPA_COLOR = "#c0392b"
#: The knee band: the FPPA colour, faint.
BAND_COLOR = (192, 57, 43, 45)


class QtStrengthChart(QWidget):
    """Pelvic drop and knee FPPA (degrees) for strengths 0 to 100 %, with a marker line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(170)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._parts: dict[str, Any] | None = None
        self._curves: tuple[np.ndarray, ...] | None = None
        self._marker_pct = 100.0
        self._text_scale = 1.0
        self._axis_title = "Gluteus medius strength (%)"
        self.setAccessibleName("Chart of hip drop and knee angle against strength")

    def set_text_scale(self, scale: float) -> None:
        """Axis labels and numbers at ``scale`` times their size (View > Text size)."""
        self._text_scale = scale
        if self._parts is None:
            return
        plot = self._parts["plot"]
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        for side in ("bottom", "left"):
            axis = plot.getAxis(side)
            axis.setTickFont(font)
            axis.label.setFont(font)

    def build(self) -> None:
        """Create the plot (imports pyqtgraph); does nothing the second time."""
        if self._parts is not None:
            return
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True, background="w", foreground="#33475b")
        plot = pg.PlotWidget(self)
        plot.setObjectName("strength_chart")
        plot.setAccessibleName(self.accessibleName())
        plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: nothing to do with keys
        plot.setMinimumHeight(170)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setLabel("bottom", self._axis_title)
        plot.setLabel("left", "degrees")
        plot.setXRange(0, 100, padding=0.02)
        legend = plot.addLegend(offset=(-8, 8), labelTextSize="9pt")
        drop = plot.plot([], [], pen=pg.mkPen(DROP_COLOR, width=2.5), name="hip drop")
        low = plot.plot([], [], pen=pg.mkPen(None))
        high = plot.plot([], [], pen=pg.mkPen(None))
        band = pg.FillBetweenItem(low, high, brush=pg.mkBrush(*BAND_COLOR))
        plot.addItem(band)
        fppa = plot.plot([], [], pen=pg.mkPen(FPPA_COLOR, width=2.5), name="knee inward (FPPA)")
        legend.addItem(band, "knee: range seen in people")
        marker = pg.InfiniteLine(
            pos=self._marker_pct,
            angle=90,
            pen=pg.mkPen("#33475b", width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine),
        )
        plot.addItem(marker)
        self._layout.addWidget(plot)
        self._parts = {
            "plot": plot,
            "drop": drop,
            "fppa": fppa,
            "low": low,
            "high": high,
            "band": band,
            "marker": marker,
        }
        self.set_text_scale(self._text_scale)
        if self._curves is not None:
            self.set_curves(*self._curves)

    def _part(self, name: str) -> Any:
        self.build()
        assert self._parts is not None
        return self._parts[name]

    @property
    def plot(self) -> Any:
        """The pyqtgraph plot widget."""
        return self._part("plot")

    @property
    def drop_curve(self) -> Any:
        """The pelvic drop curve."""
        return self._part("drop")

    @property
    def marker(self) -> Any:
        """The vertical line at the current strength."""
        return self._part("marker")

    @property
    def fppa_curve(self) -> Any:
        """The knee angle curve (FPPA) the model derives."""
        return self._part("fppa")

    @property
    def band(self) -> Any:
        """The shaded band of the knee angle."""
        return self._part("band")

    def set_curves(
        self,
        strengths: ArrayLike,
        drop_deg: ArrayLike,
        fppa_deg: ArrayLike,
        fppa_low_deg: ArrayLike,
        fppa_high_deg: ArrayLike,
    ) -> None:
        """Draw the curves and the knee band (strength in %, angles in degrees)."""
        self._curves = tuple(
            np.asarray(values)
            for values in (strengths, drop_deg, fppa_deg, fppa_low_deg, fppa_high_deg)
        )
        if self._parts is not None:
            x = self._curves[0]
            for index, name in enumerate(("drop", "fppa", "low", "high"), start=1):
                self._parts[name].setData(x, self._curves[index])

    def set_axis_title(self, title: str) -> None:
        """Name what the strength axis weakens."""
        self._axis_title = title
        if self._parts is not None:
            self._parts["plot"].setLabel("bottom", title)

    def set_marker(self, strength_pct: float) -> None:
        """Mark the current strength (every frame: nothing is redrawn unless it moved)."""
        if float(strength_pct) == self._marker_pct and self._parts is not None:
            return
        self._marker_pct = float(strength_pct)
        if self._parts is not None:
            self._parts["marker"].setValue(strength_pct)

    def close_chart(self) -> None:
        """Release the plot's scene items."""
        if self._parts is not None:
            self._parts["plot"].clear()
            self._parts["plot"].close()

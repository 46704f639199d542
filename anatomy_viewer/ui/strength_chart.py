"""A small chart of pelvic drop and knee valgus against strength, the current one marked."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike
from PySide6.QtWidgets import QVBoxLayout, QWidget

DROP_COLOR = "#1f6fb2"
FPPA_COLOR = "#c0392b"


class QtStrengthChart(QWidget):
    """Pelvic drop and knee FPPA (degrees) for strengths 0 to 100 %, with a marker line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True, background="w", foreground="#33475b")
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName("strength_chart")
        self.plot.setMinimumHeight(170)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("bottom", "Gluteus medius strength (%)")
        self.plot.setLabel("left", "degrees")
        self.plot.setXRange(0, 100, padding=0.02)
        self.plot.addLegend(offset=(-8, 8), labelTextSize="9pt")
        self.drop_curve = self.plot.plot(
            [], [], pen=pg.mkPen(DROP_COLOR, width=2.5), name="hip drop"
        )
        self.fppa_curve = self.plot.plot(
            [], [], pen=pg.mkPen(FPPA_COLOR, width=2.5), name="knee inward (FPPA)"
        )
        self.marker = pg.InfiniteLine(
            pos=100,
            angle=90,
            pen=pg.mkPen("#33475b", width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine),
        )
        self.plot.addItem(self.marker)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_curves(self, strengths: ArrayLike, drop_deg: ArrayLike, fppa_deg: ArrayLike) -> None:
        """Draw the two curves (strength in %, angles in degrees)."""
        self.drop_curve.setData(np.asarray(strengths), np.asarray(drop_deg))
        self.fppa_curve.setData(np.asarray(strengths), np.asarray(fppa_deg))

    def set_marker(self, strength_pct: float) -> None:
        """Mark the current strength."""
        self.marker.setValue(strength_pct)

    def close_chart(self) -> None:
        """Release the plot's scene items."""
        self.plot.clear()
        self.plot.close()

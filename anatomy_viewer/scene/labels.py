"""Text labels pinned to structures, drawn on top of the anatomy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyvista as pv
from numpy.typing import NDArray
from pyvista.plotting.plotter import BasePlotter

LABEL_FONT_SIZE = 15


class LabelsVisual:
    """One set of point labels; replacing the set rebuilds a single actor.

    Parameters
    ----------
    plotter
        Any PyVista plotter.
    """

    def __init__(self, plotter: BasePlotter) -> None:
        self._plotter = plotter
        self._actor: Any = None
        self._points: pv.PolyData | None = None
        self.texts: list[str] = []

    def set_labels(self, anchors: Sequence[NDArray[np.float64]], texts: Sequence[str]) -> None:
        """Show ``texts`` at the world points ``anchors`` (an empty list clears them)."""
        self.clear()
        if not texts:
            return
        self.texts = list(texts)
        self._points = pv.PolyData(np.asarray(anchors, dtype=np.float64).reshape(-1, 3))
        self._actor = self._plotter.add_point_labels(
            self._points,
            self.texts,
            font_size=LABEL_FONT_SIZE,
            text_color=(0.12, 0.14, 0.18),
            shape_color=(1.0, 1.0, 1.0),
            shape_opacity=0.82,
            shape="rounded_rect",
            margin=4,
            point_color=(0.15, 0.35, 0.65),
            point_size=8,
            render_points_as_spheres=True,
            always_visible=True,
            pickable=False,
            name="structure_labels",
            reset_camera=False,
            render=False,
        )

    def move(self, anchors: Sequence[NDArray[np.float64]]) -> None:
        """Move the existing labels to new anchor points (same count), without rebuilding."""
        if self._points is None:
            return
        self._points.points = np.asarray(anchors, dtype=np.float64).reshape(-1, 3)

    def clear(self) -> None:
        """Remove all labels."""
        if self._actor is not None:
            self._plotter.remove_actor(self._actor, render=False)
            # add_point_labels also adds the anchor points as an actor of their own.
            points = self._plotter.actors.get("structure_labels-points")
            if points is not None:
                self._plotter.remove_actor(points, render=False)
        self._actor = None
        self._points = None
        self.texts = []

    def close(self) -> None:
        """Remove the labels from the plotter."""
        self.clear()

"""Text labels pinned to points on the anatomy, laid out on screen every frame.

Each label is a dot on its anchor (a point on a structure's surface that follows the
posed bones), a short leader line and a text box placed by
:func:`anatomy_viewer.scene.label_layout.layout`: beside the anchor on the side away
from the middle of the view, apart from the other labels, clear of the readouts drawn
in the view and whole inside it. The layout is redone at the start of every render, so
labels stay right while the camera turns or the body moves.

Each text is a 2D actor with a :class:`vtkTextMapper`, which keeps the picture of its text
until the text or its style changes. A :class:`vtkTextActor` draws its text anew whenever
it moves: with every structure labelled that was about 0.5 ms a label in every playback
frame on a software renderer (docs/performance.md), for the same pixels.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from vtkmodules.vtkCommonCore import vtkCommand, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import (
    vtkActor2D,
    vtkPolyDataMapper2D,
    vtkRenderer,
    vtkTextMapper,
    vtkTextRenderer,
)

from anatomy_viewer.scene.label_layout import Rect, layout

log = logging.getLogger(__name__)

LABEL_FONT_SIZE = 15
TEXT_COLOR = (0.12, 0.14, 0.18)
LEADER_COLOR = (0.15, 0.35, 0.65)
#: Half the size of the square dot drawn on each anchor, pixels.
DOT_HALF_PX = 3.0
#: Where a text mapper puts its picture against where a ``vtkTextActor`` put the same text
#: at the same position, pixels: the labels are drawn where they always were, to the pixel.
_MAPPER_OFFSET_PX = 1

Obstacles = Callable[[], Sequence[Rect]]


def display_points(
    renderer: vtkRenderer, points: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """World points to display pixels (origin bottom left) through the renderer's camera.

    Returns the ``(n, 2)`` pixel positions and whether each point is in front of the
    camera. The camera's own transform (the mirror view's flip) is included.
    """
    points = np.asarray(points, dtype=np.float64).reshape(-1, 3)
    camera = renderer.GetActiveCamera()
    matrix = camera.GetCompositeProjectionTransformMatrix(renderer.GetTiledAspectRatio(), -1, 1)
    m = np.array([[matrix.GetElement(r, c) for c in range(4)] for r in range(4)])
    homogeneous = np.hstack([points, np.ones((len(points), 1))]) @ m.T
    w = homogeneous[:, 3]
    in_front = w > 1e-9
    ndc = homogeneous[:, :2] / np.where(in_front, w, 1.0)[:, None]
    width, height = renderer.GetRenderWindow().GetSize() if renderer.GetRenderWindow() else (1, 1)
    x0, y0, x1, y1 = renderer.GetViewport()
    x = (x0 + (ndc[:, 0] + 1.0) / 2.0 * (x1 - x0)) * width
    y = (y0 + (ndc[:, 1] + 1.0) / 2.0 * (y1 - y0)) * height
    return np.column_stack([x, y]), in_front


class LabelsVisual:
    """One set of labels on a renderer; replacing the set rebuilds its actors.

    Parameters
    ----------
    renderer
        The renderer the labels are drawn on (the anatomy's).
    obstacles
        Called at each layout: rectangles (display pixels) the labels must keep clear of,
        such as the readouts drawn in the view.
    """

    def __init__(self, renderer: vtkRenderer, obstacles: Obstacles | None = None) -> None:
        self._renderer = renderer
        self._obstacles = obstacles
        self._anchors = np.zeros((0, 3))
        self._texts: list[vtkActor2D] = []
        self._mappers: list[vtkTextMapper] = []
        self._sizes: list[tuple[float, float]] = []
        self._lines = vtkPolyData()
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self._lines)
        self._line_actor = vtkActor2D()
        self._line_actor.SetMapper(mapper)
        style = self._line_actor.GetProperty()
        style.SetColor(*LEADER_COLOR)
        style.SetLineWidth(2.0)
        self._line_actor.SetPickable(False)
        self._line_actor.SetVisibility(False)
        renderer.AddViewProp(self._line_actor)
        self.font_size = LABEL_FONT_SIZE
        self._signature: object = None
        self.texts: list[str] = []
        self.boxes: list[Rect] = []
        self._observer = renderer.AddObserver(vtkCommand.StartEvent, self._on_render)

    # -- content -------------------------------------------------------------------------

    def set_labels(self, anchors: Sequence[NDArray[np.float64]], texts: Sequence[str]) -> None:
        """Show ``texts`` at the world points ``anchors`` (an empty list clears them)."""
        self.clear()
        if not texts:
            return
        self.texts = list(texts)
        self._anchors = np.asarray(anchors, dtype=np.float64).reshape(-1, 3)
        for text in self.texts:
            mapper = vtkTextMapper()
            mapper.SetInput(text)
            actor = vtkActor2D()
            actor.SetMapper(mapper)
            actor.SetPickable(False)
            style = mapper.GetTextProperty()
            style.SetFontSize(self.font_size)
            style.SetColor(*TEXT_COLOR)
            style.SetBackgroundColor(1.0, 1.0, 1.0)
            style.SetBackgroundOpacity(0.85)
            style.SetFrame(True)
            style.SetFrameColor(*LEADER_COLOR)
            style.SetFrameWidth(1)
            style.SetJustificationToLeft()
            style.SetVerticalJustificationToBottom()
            self._renderer.AddViewProp(actor)
            self._texts.append(actor)
            self._mappers.append(mapper)
        self._sizes = []
        self._line_actor.SetVisibility(True)
        self.update_layout()

    def move(self, anchors: Sequence[NDArray[np.float64]]) -> None:
        """Move the labels to new anchor points (same count), without rebuilding."""
        if len(self._texts) == len(anchors):
            self._anchors = np.asarray(anchors, dtype=np.float64).reshape(-1, 3)

    def clear(self) -> None:
        """Remove all labels."""
        for actor in self._texts:
            self._renderer.RemoveViewProp(actor)
        self._texts = []
        self._mappers = []
        self._sizes = []
        self._signature = None
        self._anchors = np.zeros((0, 3))
        self.texts = []
        self.boxes = []
        self._lines.Initialize()
        self._line_actor.SetVisibility(False)

    @property
    def actors(self) -> list[Any]:
        """Every actor the labels draw (texts and the leader lines)."""
        return [*self._texts, self._line_actor]

    # -- layout --------------------------------------------------------------------------

    def _box_sizes(self) -> list[tuple[float, float]]:
        if len(self._sizes) != len(self._texts):
            window = self._renderer.GetRenderWindow()
            dpi = window.GetDPI() if window is not None else 72
            measure = vtkTextRenderer.GetInstance()
            sizes = []
            for mapper in self._mappers:
                bounds = [0, 0, 0, 0]
                measure.GetBoundingBox(mapper.GetTextProperty(), mapper.GetInput(), bounds, dpi)
                sizes.append((bounds[1] - bounds[0] + 6.0, bounds[3] - bounds[2] + 4.0))
            self._sizes = sizes
        return self._sizes

    def update_layout(self) -> None:
        """Place every label for the current camera (called before each render)."""
        if not self._texts or self._renderer.GetRenderWindow() is None:
            return
        window = self._renderer.GetRenderWindow()
        width, height = window.GetSize()
        x0, y0, x1, y1 = self._renderer.GetViewport()
        view = ((x1 - x0) * width, (y1 - y0) * height)
        origin = (x0 * width, y0 * height)
        pixels, in_front = display_points(self._renderer, self._anchors)
        local = [(float(p[0] - origin[0]), float(p[1] - origin[1])) for p in pixels]
        obstacles = [
            Rect(r.x - origin[0], r.y - origin[1], r.width, r.height)
            for r in (self._obstacles() if self._obstacles else ())
        ]
        signature = (
            view,
            tuple(round(c) for p in local for c in p),
            tuple(in_front.tolist()),
            tuple(round(v) for r in obstacles for v in (r.x, r.y, r.width, r.height)),
        )
        if signature == self._signature:
            return  # nothing on screen moved: the boxes stay where they are
        self._signature = signature
        placements = layout(local, self._box_sizes(), view, obstacles)
        points = vtkPoints()
        cells = vtkCellArray()
        self.boxes = []
        for index, (actor, placement) in enumerate(zip(self._texts, placements, strict=True)):
            shown = bool(in_front[index])
            actor.SetVisibility(shown)
            box = placement.box
            self.boxes.append(Rect(box.x + origin[0], box.y + origin[1], box.width, box.height))
            actor.SetDisplayPosition(
                round(box.x + origin[0] + 3) + _MAPPER_OFFSET_PX,
                round(box.y + origin[1] + 2) + _MAPPER_OFFSET_PX,
            )
            if not shown:
                continue
            ax, ay = local[index]
            ex, ey = placement.leader_end
            start = points.GetNumberOfPoints()
            for px, py in ((ax, ay), (ex, ey)):
                points.InsertNextPoint(px + origin[0], py + origin[1], 0.0)
            cells.InsertNextCell(2)
            cells.InsertCellPoint(start)
            cells.InsertCellPoint(start + 1)
            # The dot on the anchor: a small closed square.
            corners = [(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)]
            first = points.GetNumberOfPoints()
            for cx, cy in corners:
                points.InsertNextPoint(
                    ax + origin[0] + cx * DOT_HALF_PX, ay + origin[1] + cy * DOT_HALF_PX, 0.0
                )
            cells.InsertNextCell(len(corners))
            for offset in range(len(corners)):
                cells.InsertCellPoint(first + offset)
        self._lines.SetPoints(points)
        self._lines.SetLines(cells)
        self._lines.Modified()

    def _on_render(self, *_: object) -> None:
        try:
            self.update_layout()
        except Exception:  # an exception must never escape a VTK observer
            log.exception("label layout failed")

    def close(self) -> None:
        """Remove the labels and stop following renders."""
        self.clear()
        self._renderer.RemoveObserver(self._observer)
        self._renderer.RemoveViewProp(self._line_actor)

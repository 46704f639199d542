"""The teaching overlays' legends: the muscle effort colour bar and what each arrow is.

Both are pinned to a corner of the view and sized in pixels, so their words are as large
as the view's other text at any view size: VTK's legend box sizes its words to fill the
box, and a box in view units wrote tiny words in a small view and huge ones in a large
one; the colour bar's numbers overlapped its title once the text grew. The view's text
size (its render window's DPI) scales both, up to a share of the view's width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkLookupTable
from vtkmodules.vtkRenderingAnnotation import vtkLegendBoxActor, vtkScalarBarActor
from vtkmodules.vtkRenderingCore import vtkActor2D, vtkCoordinate, vtkRenderer

Color = tuple[float, float, float]

#: The legends' boxes in pixels at normal text size, and their gap to the corner.
FORCES_LEGEND_PX = (250, 100)
EFFORT_LEGEND_PX = (190, 70)
LEGEND_MARGIN_PX = 8
#: The widest a legend gets, as a share of the view's width.
LEGEND_MAX_SHARE = 0.42
#: Legend symbols are this long for a height of 0.6: the legend gives a symbol the width
#: its proportions ask for, so a long symbol is drawn large beside its words.
_SYMBOL_LENGTH = 2.5
_SYMBOL_GAP = 0.5
_INK = (0.15, 0.18, 0.22)


def _pin_to_corner(legend: vtkActor2D, x: float, y: float) -> None:
    """Place a 2D actor by pixel offsets from a corner of the view (``x``, ``y``: 0 or 1);
    :func:`size_legends` sets the offsets and the size."""
    corner = vtkCoordinate()
    corner.SetCoordinateSystemToNormalizedViewport()
    corner.SetValue(x, y)
    legend.GetPositionCoordinate().SetCoordinateSystemToDisplay()
    legend.GetPositionCoordinate().SetReferenceCoordinate(corner)
    legend.GetPosition2Coordinate().SetCoordinateSystemToDisplay()


#: The effort legend's title: the grey of the muscles the model does not compute is named.
EFFORT_TITLE = "Muscle effort, %\ngrey: not computed"


def effort_legend(color_of: Callable[[float], Color]) -> vtkScalarBarActor:
    """The colour bar of muscle effort, 0 to 100 %, bottom right; ``color_of`` maps 0..1.

    Its title also names the grey of the muscles whose effort the model does not compute
    (in words: a colour swatch beside the bar would crowd a small view).
    """
    table = vtkLookupTable()
    table.SetNumberOfTableValues(64)
    table.SetRange(0.0, 100.0)
    for index in range(64):
        table.SetTableValue(index, *color_of(index / 63), 1.0)
    table.Build()
    legend = vtkScalarBarActor()
    legend.SetLookupTable(table)
    legend.SetTitle(EFFORT_TITLE)
    legend.SetNumberOfLabels(3)
    legend.SetLabelFormat("%.0f")
    legend.SetOrientationToHorizontal()
    # The numbers under the bar, the title under them: beside each other they overlapped.
    legend.SetTextPositionToPrecedeScalarBar()
    _pin_to_corner(legend, 1.0, 0.0)
    legend.UnconstrainedFontSizeOn()
    for prop in (legend.GetTitleTextProperty(), legend.GetLabelTextProperty()):
        prop.SetColor(*_INK)
        prop.SetFontSize(13)
        prop.ShadowOff()
        prop.ItalicOff()
    legend.SetPickable(False)
    return legend


def _colored(symbol: pv.PolyData, color: Color) -> pv.PolyData:
    """The symbol painted in ``color`` by its own point colours (the words stay in ink)."""
    painted = symbol.copy()
    painted.point_data["rgb"] = np.tile(
        np.round(np.asarray(color) * 255), (painted.n_points, 1)
    ).astype(np.uint8)
    painted.point_data.active_scalars_name = "rgb"
    return painted


def _arrow_symbol() -> pv.PolyData:
    """A flat arrow pointing right."""
    head = _SYMBOL_LENGTH - 0.7
    points = np.array(
        [
            [0, -0.1, 0],
            [head, -0.1, 0],
            [head, -0.3, 0],
            [_SYMBOL_LENGTH, 0, 0],
            [head, 0.3, 0],
            [head, 0.1, 0],
            [0, 0.1, 0],
            [_SYMBOL_LENGTH + _SYMBOL_GAP, 0, 0],  # unused: room before the words
        ],
        dtype=float,
    )
    symbol: pv.PolyData = pv.PolyData(points, faces=[7, 0, 1, 2, 3, 4, 5, 6]).triangulate()
    return symbol


def _dash_symbol() -> pv.PolyData:
    """Dashes, in a box the size of the arrow's.

    The legend scales each symbol to fit its row: two unused corner points give the dashes
    the arrow's bounds, so both are drawn at one scale.
    """
    points = [[0.0, -0.3, 0.0], [_SYMBOL_LENGTH + _SYMBOL_GAP, 0.3, 0.0]]
    for start in np.arange(0.0, _SYMBOL_LENGTH, 0.7):
        end = min(start + 0.4, _SYMBOL_LENGTH)
        points += [[start, -0.08, 0], [end, -0.08, 0], [end, 0.08, 0], [start, 0.08, 0]]
    count = (len(points) - 2) // 4
    faces = np.hstack([[4, 2 + 4 * i, 3 + 4 * i, 4 + 4 * i, 5 + 4 * i] for i in range(count)])
    symbol: pv.PolyData = pv.PolyData(np.array(points, dtype=float), faces=faces).triangulate()
    return symbol


def forces_legend(
    arrows: Sequence[tuple[str, Color]], dashes: tuple[str, Color]
) -> vtkLegendBoxActor:
    """What each arrow is (``(words, colour)``), and the dashed lines: top right."""
    legend = vtkLegendBoxActor()
    legend.SetNumberOfEntries(len(arrows) + 1)
    arrow, dash = _arrow_symbol(), _dash_symbol()
    for index, (words, color) in enumerate(arrows):
        legend.SetEntry(index, _colored(arrow, color), words, list(_INK))
    legend.SetEntry(len(arrows), _colored(dash, dashes[1]), dashes[0], list(_INK))
    # Symbols in their own colours, words in ink (an entry's colour would tint both).
    legend.ScalarVisibilityOn()
    _pin_to_corner(legend, 1.0, 1.0)
    legend.BorderOff()
    legend.UseBackgroundOn()
    legend.SetBackgroundColor(1.0, 1.0, 1.0)
    legend.SetBackgroundOpacity(0.8)
    legend.SetPadding(4)
    text = legend.GetEntryTextProperty()
    text.SetColor(*_INK)
    text.ShadowOff()
    text.BoldOff()
    text.ItalicOff()
    legend.SetPickable(False)
    return legend


def text_scale(renderer: vtkRenderer) -> float:
    """How much larger than at 72 dpi the view draws its text (its window's DPI)."""
    window = renderer.GetRenderWindow()
    return float(window.GetDPI()) / 72.0 if window is not None else 1.0


def size_legends(
    renderer: vtkRenderer, effort: vtkScalarBarActor, forces: vtkLegendBoxActor
) -> None:
    """Keep both legends one size in pixels, scaled with the view's text, in their corners."""
    scale = text_scale(renderer)
    margin = round(LEGEND_MARGIN_PX * scale)
    view_width = renderer.GetSize()[0]
    # Never wider than a share of a small view (a printed picture, one of two views).
    widest = LEGEND_MAX_SHARE * view_width if view_width > 0 else float("inf")
    width, height = (round(size * scale) for size in FORCES_LEGEND_PX)
    width = round(min(width, widest))
    forces.GetPositionCoordinate().SetValue(-width - margin, -height - margin)
    forces.GetPosition2Coordinate().SetValue(width, height)
    width, height = (round(size * scale) for size in EFFORT_LEGEND_PX)
    width = round(min(width, widest))
    # The last number is centred on the bar's end: room for its right half.
    effort.GetPositionCoordinate().SetValue(-width - 2 * margin, margin)
    effort.GetPosition2Coordinate().SetValue(width, height)

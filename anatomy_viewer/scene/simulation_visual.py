"""Teaching overlays drawn from the model's own geometry, updated in place every frame.

- the pelvic level line through both ASIS, with a horizontal reference and the drop angle;
- the hip-knee-ankle lines of the standing leg, with the knee's frontal plane angle;
- force arrows scaled by magnitude (body weight, abductor pull, hip joint force) and the
  lever arms of body weight and abductors about the hip: the see-saw;
- gluteus medius coloured by effort, with a legend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyvista as pv
from numpy.typing import NDArray
from vtkmodules.vtkCommonCore import vtkLookupTable
from vtkmodules.vtkRenderingAnnotation import vtkScalarBarActor
from vtkmodules.vtkRenderingCore import (
    vtkBillboardTextActor3D,
    vtkPolyDataMapper,
    vtkRenderer,
    vtkTextActor,
)

from anatomy_viewer.scene.label_layout import Rect
from anatomy_viewer.scene.labels import display_points

Point = NDArray[np.float64]

PELVIS_COLOR = (0.10, 0.42, 0.75)
LIMB_COLOR = (0.80, 0.16, 0.12)
REFERENCE_COLOR = (0.35, 0.38, 0.42)
FORCE_COLORS = {
    "body_weight": (0.15, 0.35, 0.70),
    "abductor": (0.85, 0.20, 0.15),
    "hip_contact": (0.45, 0.20, 0.55),
}
LEVER_COLOR = (0.10, 0.10, 0.10)
#: Arrow length per multiple of body weight, metres.
ARROW_M_PER_BW = 0.07


@dataclass(frozen=True)
class ForceArrow:
    """A force to draw: where it acts, its direction and size in body weights."""

    name: str
    origin: Point
    direction: Point
    magnitude_bw: float


@dataclass(frozen=True)
class OverlayGeometry:
    """Everything the overlays show for one frame (world frame, posed, metres)."""

    asis_stance: Point
    asis_swing: Point
    pelvic_drop_deg: float
    hip: Point
    knee: Point
    ankle: Point
    knee_fppa_deg: float
    forces: Sequence[ForceArrow] = ()
    lever_arms: Sequence[tuple[Point, Point]] = ()
    effort: float = 0.0
    effort_structure: str = ""
    labels: dict[str, str] = field(default_factory=dict)


def _effort_color(effort: float) -> tuple[float, float, float]:
    """White-yellow-red ramp: calm at rest, alarming at the muscle's limit."""
    stops = np.array(
        [[0.96, 0.90, 0.80], [0.98, 0.76, 0.20], [0.90, 0.12, 0.08], [0.55, 0.0, 0.05]]
    )
    position = float(np.clip(effort, 0.0, 1.0)) * (len(stops) - 1)
    low = int(np.floor(position))
    high = min(low + 1, len(stops) - 1)
    mix = stops[low] + (stops[high] - stops[low]) * (position - low)
    return (float(mix[0]), float(mix[1]), float(mix[2]))


def _effort_legend() -> vtkScalarBarActor:
    table = vtkLookupTable()
    table.SetNumberOfTableValues(64)
    table.SetRange(0.0, 100.0)
    for index in range(64):
        table.SetTableValue(index, *_effort_color(index / 63), 1.0)
    table.Build()
    legend = vtkScalarBarActor()
    legend.SetLookupTable(table)
    legend.SetTitle("Effort %")
    legend.SetNumberOfLabels(3)
    legend.SetLabelFormat("%.0f")
    legend.SetOrientationToHorizontal()
    legend.SetPosition(0.70, 0.03)
    legend.SetWidth(0.26)
    legend.SetHeight(0.09)
    legend.UnconstrainedFontSizeOn()
    for prop in (legend.GetTitleTextProperty(), legend.GetLabelTextProperty()):
        prop.SetColor(0.15, 0.18, 0.22)
        prop.SetFontSize(13)
        prop.ShadowOff()
        prop.ItalicOff()
    legend.SetPickable(False)
    return legend


def _text_actor(color: tuple[float, float, float]) -> vtkBillboardTextActor3D:
    actor = vtkBillboardTextActor3D()
    prop = actor.GetTextProperty()
    prop.SetFontSize(18)
    prop.SetBold(True)
    prop.SetColor(*color)
    prop.SetBackgroundColor(1.0, 1.0, 1.0)
    prop.SetBackgroundOpacity(0.8)
    prop.SetFrame(False)
    actor.SetPickable(False)
    return actor


def _mesh_actor(mesh: pv.PolyData, rgb_array: str | None = None) -> pv.Actor:
    """An actor drawing ``mesh`` in one colour, or with per-point RGB colours.

    A poly data mapper draws the mesh as it is; PyVista's data set mapper would run a
    surface filter over it again every time a point moves.
    """
    mapper = vtkPolyDataMapper()
    mapper.SetInputData(mesh)
    if rgb_array is None:
        mapper.ScalarVisibilityOff()
    else:
        mapper.SetScalarModeToUsePointFieldData()
        mapper.SelectColorArray(rgb_array)
        mapper.SetColorModeToDirectScalars()
        mapper.ScalarVisibilityOn()
    actor = pv.Actor(mapper=mapper)
    actor.SetPickable(False)
    return actor


def _move(line: pv.PolyData, points: Sequence[Point]) -> None:
    """Move a line's points in place: the renderer re-sends a few numbers, nothing is rebuilt."""
    line.points[:] = np.asarray(points, dtype=np.float32)  # type: ignore[index]


class SimulationVisual:
    """Adds the overlay actors once and moves them every frame.

    The overlays live on their own renderer, layered over the anatomy and sharing its
    camera, so lines, arrows and numbers are never hidden inside a bone.

    Parameters
    ----------
    renderer
        The overlay layer's renderer.
    """

    def __init__(self, renderer: vtkRenderer) -> None:
        self._renderer = renderer
        self.pelvic_line = pv.PolyData(np.zeros((2, 3), dtype=np.float32), lines=[2, 0, 1])
        self.pelvic_reference = pv.PolyData(np.zeros((2, 3), dtype=np.float32), lines=[2, 0, 1])
        self.limb_line = pv.PolyData(np.zeros((3, 3), dtype=np.float32), lines=[3, 0, 1, 2])
        self.limb_reference = pv.PolyData(np.zeros((2, 3), dtype=np.float32), lines=[2, 0, 1])
        self.arrows = pv.PolyData()
        self.levers = pv.PolyData(np.zeros((2, 3), dtype=np.float32), lines=[2, 0, 1])
        self.actors: dict[str, list[Any]] = {
            "pelvic_level": [
                self._add_line(self.pelvic_line, PELVIS_COLOR, 5),
                self._add_line(self.pelvic_reference, REFERENCE_COLOR, 2),
            ],
            "knee_alignment": [
                self._add_line(self.limb_line, LIMB_COLOR, 5),
                self._add_line(self.limb_reference, REFERENCE_COLOR, 2),
            ],
            "forces": [],
            "effort": [],
        }
        for key in ("pelvic_level", "knee_alignment"):
            for actor in self.actors[key]:
                prop = actor.GetProperty()
                prop.SetRenderLinesAsTubes(True)
        self._arrow_actor = _mesh_actor(self.arrows, rgb_array="rgb")
        # Unlit, flat colours: arrows read as diagram marks, and look the same in the mirror.
        self._arrow_actor.GetProperty().LightingOff()
        renderer.AddViewProp(self._arrow_actor)
        self._lever_actor = self._add_line(self.levers, LEVER_COLOR, 3)
        self._lever_actor.GetProperty().SetLineStipplePattern(0xF0F0)
        self.actors["forces"].append(self._lever_actor)
        self.pelvic_text = _text_actor(PELVIS_COLOR)
        self.knee_text = _text_actor(LIMB_COLOR)
        renderer.AddViewProp(self.pelvic_text)
        renderer.AddViewProp(self.knee_text)
        self.actors["pelvic_level"].append(self.pelvic_text)
        self.actors["knee_alignment"].append(self.knee_text)
        self.legend = _effort_legend()
        renderer.AddViewProp(self.legend)
        self.actors["effort"].append(self.legend)
        self.force_texts = {name: _text_actor(color) for name, color in FORCE_COLORS.items()}
        for text in self.force_texts.values():
            text.GetTextProperty().SetFontSize(14)
            renderer.AddViewProp(text)
            self.actors["forces"].append(text)
        self._measure = vtkTextActor()  # measures the readouts' size on screen
        self.shown: frozenset[str] = frozenset()
        self.set_overlays(frozenset())

    def _add_line(self, mesh: pv.PolyData, color: tuple[float, float, float], width: int) -> Any:
        actor = _mesh_actor(mesh)
        prop = actor.GetProperty()
        prop.SetColor(*color)
        prop.SetLineWidth(width)
        prop.LightingOff()
        self._renderer.AddViewProp(actor)
        return actor

    def set_overlays(self, overlays: frozenset[str]) -> None:
        """Switch overlays on (named) and off (the rest)."""
        self.shown = frozenset(overlays)
        for key, actors in self.actors.items():
            for actor in actors:
                actor.SetVisibility(key in self.shown)
        self._arrow_actor.SetVisibility("forces" in self.shown)

    def update(self, geometry: OverlayGeometry) -> None:
        """Move every overlay to one frame's geometry (no actors are added)."""
        stance, swing = geometry.asis_stance, geometry.asis_swing
        span = swing - stance
        extend = span * 0.25
        _move(self.pelvic_line, [stance - extend, swing + extend])
        level = np.array([swing[0] - stance[0], swing[1] - stance[1], 0.0])
        _move(self.pelvic_reference, [stance - level * 0.25, stance + level * 1.25])
        # The angle reads beside the swing-side end of the line, clear of the labels.
        self.pelvic_text.SetPosition(*(swing + extend * 1.4 + np.array([0.0, 0.05, 0.03])))
        self.pelvic_text.SetInput(f"hip drop {geometry.pelvic_drop_deg:.1f}°")

        hip, knee, ankle = geometry.hip, geometry.knee, geometry.ankle
        _move(self.limb_line, [hip, knee, ankle])
        _move(self.limb_reference, [hip, ankle])
        # Beside the knee on the outside of the leg (away from the other leg).
        lateral = np.array([np.sign(knee[0]) * 0.09, 0.06, 0.0])
        self.knee_text.SetPosition(*(knee + lateral))
        self.knee_text.SetInput(f"knee {geometry.knee_fppa_deg:+.1f}°")

        if "forces" in self.shown:
            self._update_forces(geometry)

    def _update_forces(self, geometry: OverlayGeometry) -> None:
        pieces = []
        for force in geometry.forces:
            text = self.force_texts.get(force.name)
            norm = float(np.linalg.norm(force.direction))
            if force.magnitude_bw < 0.01 or norm < 1e-9:
                # No force to show (the muscle is at rest while both feet are down).
                if text is not None:
                    text.SetInput("")
                continue
            length = force.magnitude_bw * ARROW_M_PER_BW
            direction = force.direction / norm
            arrow = pv.Arrow(
                start=force.origin,
                direction=direction,
                scale=length,
                tip_length=0.25,
                tip_radius=0.08,
                shaft_radius=0.03,
            )
            arrow.point_data["rgb"] = np.tile(
                np.array(FORCE_COLORS.get(force.name, (0, 0, 0))) * 255, (arrow.n_points, 1)
            ).astype(np.uint8)
            pieces.append(arrow)
            if text is not None:
                text.SetPosition(*(force.origin + direction * length * 1.1))
                text.SetInput(f"{force.magnitude_bw:.1f} BW")
        if pieces:
            self.arrows.copy_from(pv.merge(pieces))
        self._arrow_actor.SetVisibility(bool(pieces) and "forces" in self.shown)
        levers = [p for pair in geometry.lever_arms for p in pair]
        if levers:
            count = len(levers)
            self.levers.points = np.asarray(levers, dtype=float)
            self.levers.lines = np.hstack([[2, i, i + 1] for i in range(0, count, 2)])

    def readout_rects(self, renderer: vtkRenderer, size: tuple[int, int]) -> list[Rect]:
        """Where the readouts (angles, forces, effort legend) are on screen, display pixels.

        ``renderer`` is the anatomy's (it shares the camera and viewport with the overlay
        layer); ``size`` is the window's size in pixels.
        """
        rects: list[Rect] = []
        texts = [self.pelvic_text, self.knee_text, *self.force_texts.values()]
        shown = [t for t in texts if t.GetVisibility() and t.GetInput()]
        if shown:
            positions = np.array([t.GetPosition() for t in shown], dtype=float)
            pixels, in_front = display_points(renderer, positions)
            for text, pixel, front in zip(shown, pixels, in_front, strict=True):
                if not front:
                    continue
                self._measure.SetInput(text.GetInput())
                self._measure.GetTextProperty().ShallowCopy(text.GetTextProperty())
                box = [0.0, 0.0, 0.0, 0.0]
                self._measure.GetBoundingBox(renderer, box)
                offset = text.GetDisplayOffset()
                rects.append(
                    Rect(
                        float(pixel[0]) + offset[0] - 3.0,
                        float(pixel[1]) + offset[1] - 3.0,
                        box[1] - box[0] + 6.0,
                        box[3] - box[2] + 6.0,
                    )
                )
        if self.legend.GetVisibility():
            x, y = self.legend.GetPosition()
            width, height = self.legend.GetWidth(), self.legend.GetHeight()
            rects.append(Rect(x * size[0], y * size[1], width * size[0], height * size[1]))
        return rects

    def effort_color(self, effort: float) -> tuple[float, float, float]:
        """The colour gluteus medius takes at ``effort`` (0..1)."""
        return _effort_color(effort)

    def close(self) -> None:
        """Remove every overlay actor."""
        for actors in self.actors.values():
            for actor in actors:
                self._renderer.RemoveViewProp(actor)
        self._renderer.RemoveViewProp(self._arrow_actor)
        self.actors = {}

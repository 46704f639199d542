"""Teaching overlays drawn from the model's own geometry, updated in place every frame.

- the pelvic level line through both ASIS, with a horizontal reference and the drop angle;
- the hip-knee-ankle lines of the standing leg, with the knee's frontal plane angle;
- force arrows scaled by magnitude (body weight, abductor pull, hip joint force) and the
  lever arms of body weight and abductors about the hip: the see-saw (the arrows are one
  mesh made once, whose points move: nothing is rebuilt per frame);
- each working muscle coloured by its effort;
- legends of the arrows and of the effort colours (:mod:`overlay_legends`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyvista as pv
from numpy.typing import NDArray
from vtkmodules.vtkFiltersCore import vtkAppendPolyData
from vtkmodules.vtkRenderingCore import (
    vtkBillboardTextActor3D,
    vtkPolyDataMapper,
    vtkRenderer,
    vtkTextActor,
)

from anatomy_viewer.scene.label_layout import Rect
from anatomy_viewer.scene.labels import display_points
from anatomy_viewer.scene.overlay_legends import (
    effort_legend,
    forces_legend,
    size_legends,
    text_scale,
)

Point = NDArray[np.float64]

PELVIS_COLOR = (0.10, 0.42, 0.75)
LIMB_COLOR = (0.80, 0.16, 0.12)
REFERENCE_COLOR = (0.35, 0.38, 0.42)
#: Each force a hue of its own, apart from the blue pelvis line, the red leg line and the
#: cream-to-red effort colours of the muscle the abductor arrow lies on.
FORCE_COLORS = {
    "body_weight": (0.13, 0.13, 0.15),
    "abductor": (0.04, 0.56, 0.27),
    "hip_contact": (0.50, 0.22, 0.66),
    "other": (0.86, 0.16, 0.64),
}
LEVER_COLOR = (0.55, 0.36, 0.08)
#: Muscles whose effort the model does not compute, while the effort overlay is on: a
#: grey that no effort colour comes near, shown in the effort legend as "not computed".
NOT_COMPUTED_COLOR = (0.70, 0.71, 0.74)
#: The forces legend: (force, words), then the lever arms.
FORCE_NAMES = (
    ("body_weight", "Body weight"),
    ("abductor", "Pull of the hip abductors"),
    ("hip_contact", "Force in the hip joint"),
    ("other", "Other muscles and tissues"),
)
LEVER_NAME = "Lever arms about the hip"
#: Arrow length per multiple of body weight, metres.
ARROW_M_PER_BW = 0.07
#: How far a force's number sits beside its arrow's tip, away from the body's midline
#: (metres): off the spine and the sacrum, which the arrows start near.
FORCE_LABEL_OFFSET_M = 0.06
#: Furthest along its arrow that the other muscles' and tissues' number sits, metres.
FAR_LABEL_M = 0.22
#: The body weight's number, beside the spine (vertebrae are about 5 cm across).
BODY_WEIGHT_LABEL_OFFSET_M = 0.10
#: How far the knee's angle sits outside the knee centre, metres.
KNEE_ANGLE_OFFSET_M = 0.14
#: Pixels between the pelvis line's end and the hip drop angle above it.
ANGLE_GAP_PX = 12


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
    #: Each working muscle's effort (0..1), by the anatomy structure it is drawn as.
    efforts: Mapping[str, float] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    #: What the abductor arrow is, in the forces legend: the pull of the weakened muscles.
    pull_words: str = dict(FORCE_NAMES)["abductor"]


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


def _force_label_anchor(
    force: ForceArrow, length: float, middle: Point, swing_side: float
) -> Point:
    """Where a force's number goes: beside its arrow, away from the body's midline.

    The body weight acts at the centre of mass, in front of the spine: its number goes
    beside the arrow's start toward the lifted leg, over the empty belly, not on the spine.
    The abductors' number goes beside the middle of their arrow (its tip is at the pelvis
    line) and the hip joint's beside its tip, each on the outside of the hip. The other
    muscles' and tissues' number goes beside their tip, or no further than
    :data:`FAR_LABEL_M` along the arrow, which a weak hip makes longer than the view.
    """
    direction = force.direction / float(np.linalg.norm(force.direction))
    if force.name == "body_weight":
        offset = np.array([swing_side * BODY_WEIGHT_LABEL_OFFSET_M, 0.0, 0.02])
        return np.asarray(force.origin + offset, dtype=np.float64)
    along = 0.5 * length if force.name == "abductor" else length
    if force.name == "other":
        along = min(along, FAR_LABEL_M)
    point = force.origin + direction * along
    away = float(np.sign(point[0] - middle[0])) or swing_side
    return np.asarray(point + np.array([away * FORCE_LABEL_OFFSET_M, 0.0, 0.0]), np.float64)


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


def _rotation_from_x(direction: Point) -> NDArray[np.float64]:
    """The rotation turning the x axis onto the unit vector ``direction`` (Rodrigues)."""
    x = np.array([1.0, 0.0, 0.0])
    axis = np.cross(x, direction)
    cosine = float(x @ direction)
    if cosine < -1.0 + 1e-9:  # pointing back along x: half a turn about z
        return np.diag([-1.0, -1.0, 1.0])
    cross = np.array([[0.0, -axis[2], axis[1]], [axis[2], 0.0, -axis[0]], [-axis[1], axis[0], 0.0]])
    return np.asarray(np.eye(3) + cross + cross @ cross / (1.0 + cosine), dtype=np.float64)


def _arrow_slots(slots: int) -> tuple[pv.PolyData, NDArray[np.float64]]:
    """One arrow per force, in its force's colour, to be moved in place every frame.

    Returns the mesh holding ``slots`` arrows (the points of arrow ``k`` are the ``k``-th
    block) and the points of one arrow of length 1 along x from the origin.
    """
    template = pv.Arrow(
        start=(0.0, 0.0, 0.0),
        direction=(1.0, 0.0, 0.0),
        scale=1.0,
        tip_length=0.25,
        tip_radius=0.08,
        shaft_radius=0.03,
    )
    append = vtkAppendPolyData()  # keeps every copy's points apart, in order
    for _ in range(slots):
        append.AddInputData(pv.PolyData(template.points.copy(), faces=template.faces))
    append.Update()
    arrows = pv.wrap(append.GetOutput())
    arrows.points = np.zeros((arrows.n_points, 3), dtype=np.float32)
    colors = [np.array(color) * 255 for color in FORCE_COLORS.values()][:slots]
    arrows.point_data["rgb"] = np.repeat(colors, template.n_points, axis=0).astype(np.uint8)
    return arrows, np.asarray(template.points, dtype=np.float64)


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
        self.arrows, self._arrow_template = _arrow_slots(len(FORCE_COLORS))
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
        self.knee_text.GetTextProperty().SetJustificationToCentered()
        renderer.AddViewProp(self.pelvic_text)
        renderer.AddViewProp(self.knee_text)
        self.actors["pelvic_level"].append(self.pelvic_text)
        self.actors["knee_alignment"].append(self.knee_text)
        self.legend = effort_legend(_effort_color)
        renderer.AddViewProp(self.legend)
        self.actors["effort"].append(self.legend)
        self.force_texts = {name: _text_actor(color) for name, color in FORCE_COLORS.items()}
        for text in self.force_texts.values():
            text.GetTextProperty().SetFontSize(14)
            text.GetTextProperty().SetJustificationToCentered()
            text.GetTextProperty().SetVerticalJustificationToCentered()
            renderer.AddViewProp(text)
            self.actors["forces"].append(text)
        self.forces_legend = forces_legend(
            [(words, FORCE_COLORS[name]) for name, words in FORCE_NAMES],
            (LEVER_NAME, LEVER_COLOR),
        )
        self._pull_words = dict(FORCE_NAMES)["abductor"]
        renderer.AddViewProp(self.forces_legend)
        self.actors["forces"].append(self.forces_legend)
        # The angle sits centred above the end of the pelvis line (and of its level
        # reference): whichever way the view faces, it never runs back across the lines.
        angle_style = self.pelvic_text.GetTextProperty()
        angle_style.SetJustificationToCentered()
        angle_style.SetVerticalJustificationToBottom()
        self._measure = vtkTextActor()  # measures the readouts' size on screen
        self.shown: frozenset[str] = frozenset()
        #: Whether this view draws the legends (in compare mode only one view does).
        self.legends_shown = True
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
        legends = (self.legend, self.forces_legend)
        for key, actors in self.actors.items():
            for actor in actors:
                on = key in self.shown and (self.legends_shown or actor not in legends)
                actor.SetVisibility(on)
        self._arrow_actor.SetVisibility("forces" in self.shown)

    def set_legends_visible(self, on: bool) -> None:
        """Draw the legends of the overlays that are on (``on``), or none."""
        if on != self.legends_shown:
            self.legends_shown = on
            self.set_overlays(self.shown)

    def update(self, geometry: OverlayGeometry, numbers: bool = True) -> None:
        """Move every overlay to one frame's geometry (no actors are added).

        ``numbers`` False keeps the angles and forces written as they are: while the
        movement plays, the window writes new numbers only as often as it updates the
        readouts under the view, so the two always show the same frame's values.
        """
        stance, swing = geometry.asis_stance, geometry.asis_swing
        span = swing - stance
        extend = span * 0.25
        line_end = swing + extend
        _move(self.pelvic_line, [stance - extend, line_end])
        level = np.array([swing[0] - stance[0], swing[1] - stance[1], 0.0])
        _move(self.pelvic_reference, [stance - level * 0.25, stance + level * 1.25])
        # Above the swing side's ASIS, over whichever line is higher there (the level
        # reference when the hip drops, the line's raised end when it hikes); not further
        # out, or the words leave a narrow view (compare mode, large text).
        top = max(float(line_end[2]), float(stance[2]))
        self.pelvic_text.SetPosition(float(swing[0]), float(swing[1]), top)
        self.pelvic_text.SetDisplayOffset(0, round(ANGLE_GAP_PX * text_scale(self._renderer)))

        hip, knee, ankle = geometry.hip, geometry.knee, geometry.ankle
        _move(self.limb_line, [hip, knee, ankle])
        _move(self.limb_reference, [hip, ankle])
        # Centred beside the knee, on the outside of the leg (away from the other leg) and
        # clear of it from the front, the back and in the mirror; a label on the kneecap,
        # which reads from the kneecap onward, stays free.
        lateral = np.array([np.sign(knee[0]) * KNEE_ANGLE_OFFSET_M, 0.06, -0.03])
        self.knee_text.SetPosition(*(knee + lateral))
        if numbers:
            self.pelvic_text.SetInput(f"hip drop {geometry.pelvic_drop_deg:.1f}°")
            self.knee_text.SetInput(f"knee {geometry.knee_fppa_deg:+.1f}°")

        if "forces" in self.shown:
            self._update_forces(geometry, numbers)
        if geometry.pull_words != self._pull_words:
            self._pull_words = geometry.pull_words
            self.forces_legend.SetEntryString(1, geometry.pull_words)
        size_legends(self._renderer, self.legend, self.forces_legend)

    def _update_forces(self, geometry: OverlayGeometry, numbers: bool = True) -> None:
        """Move the force arrows and their labels; an arrow without a force shrinks away."""
        middle = (geometry.asis_stance + geometry.asis_swing) / 2.0
        swing_side = float(np.sign(geometry.asis_swing[0] - middle[0])) or 1.0
        count = len(self._arrow_template)
        points = np.zeros((len(FORCE_COLORS) * count, 3), dtype=np.float32)
        drawn = False
        forces = {force.name: force for force in geometry.forces}
        for slot, name in enumerate(FORCE_COLORS):
            force = forces.get(name)
            text = self.force_texts[name]
            norm = 0.0 if force is None else float(np.linalg.norm(force.direction))
            if force is None or force.magnitude_bw < 0.01 or norm < 1e-9:
                # No force to show (the muscle is at rest while both feet are down).
                text.SetInput("")
                continue
            length = force.magnitude_bw * ARROW_M_PER_BW
            direction = force.direction / norm
            rotation = _rotation_from_x(direction)
            block = (self._arrow_template * length) @ rotation.T + force.origin
            points[slot * count : (slot + 1) * count] = block
            drawn = True
            text.SetPosition(*_force_label_anchor(force, length, middle, swing_side))
            if numbers:
                text.SetInput(f"{force.magnitude_bw:.1f} BW")
        _move(self.arrows, points)  # type: ignore[arg-type]
        self._arrow_actor.SetVisibility(drawn and "forces" in self.shown)
        levers = [p for pair in geometry.lever_arms for p in pair]
        if len(levers) != self.levers.n_points:  # the number of lever arms changed
            self.levers.points = np.zeros((len(levers), 3), dtype=np.float32)
            self.levers.lines = np.hstack([[2, i, i + 1] for i in range(0, len(levers), 2)])
        if levers:
            _move(self.levers, levers)

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
        for legend in (self.legend, self.forces_legend):
            if legend.GetVisibility():
                x, y = legend.GetPosition()
                width, height = legend.GetWidth(), legend.GetHeight()
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

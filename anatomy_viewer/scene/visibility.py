"""Which structure the camera sees at each pixel: an off-screen "id picture" of the scene.

The scene is drawn once more with every structure in a flat colour of its own (no light,
no see-through, no floor, overlays or labels), into the window's back buffer, which is
read back and never shown. Each pixel then names the structure nearest the camera there.
Ghosted (see-through) structures hide nothing, so they are left out unless asked for.

From that picture the lesson checker tells whether a structure is visible from a step's
camera, and the labels find a spot on the part of a structure the reader can see.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkUnsignedCharArray

if TYPE_CHECKING:
    from anatomy_viewer.scene.anatomy_scene import AnatomyScene

#: The id picture's value where no structure is drawn.
BACKGROUND = 0


def _color_of(number: int) -> tuple[float, float, float]:
    """The flat colour that encodes ``number`` (1 to 2**24 - 1) exactly in 8-bit RGB."""
    return ((number >> 16) & 255) / 255.0, ((number >> 8) & 255) / 255.0, (number & 255) / 255.0


@dataclass(frozen=True)
class IdPicture:
    """Per pixel, which structure is in front there.

    Attributes
    ----------
    ids
        ``(height, width)`` integers, row 0 at the bottom (VTK's display coordinates):
        ``0`` for no structure, else ``1 + index`` into ``structures``.
    structures
        The structure ids in the order their numbers encode.
    """

    ids: NDArray[np.int32]
    structures: tuple[str, ...]
    #: Picture pixels per display pixel (1: the view's own pixels; see `id_picture`).
    scale: float = 1.0

    def number(self, structure_id: str) -> int:
        """The value the structure's pixels hold (0 when it was not drawn)."""
        try:
            return self.structures.index(structure_id) + 1
        except ValueError:
            return BACKGROUND

    def mask(self, structure_id: str) -> NDArray[np.bool_]:
        """Pixels where the structure is the nearest thing to the camera."""
        number = self.number(structure_id)
        if number == BACKGROUND:
            return np.zeros(self.ids.shape, dtype=bool)
        return np.asarray(self.ids == number)

    def area(self, structure_id: str) -> int:
        """How many pixels show the structure."""
        return int(np.count_nonzero(self.mask(structure_id)))

    def name_at(self, x: int, y: int) -> str | None:
        """The structure at display pixel (x, y) (origin bottom left), or None."""
        height, width = self.ids.shape
        x, y = int(x * self.scale), int(y * self.scale)
        if not (0 <= x < width and 0 <= y < height):
            return None
        number = int(self.ids[y, x])
        return self.structures[number - 1] if number else None


@contextmanager
def _id_colors(scene: AnatomyScene, drawn: Collection[str]) -> Iterator[tuple[str, ...]]:
    """Draw only ``drawn`` structures, each in its own flat colour, for the duration."""
    anatomy = scene.anatomy
    plotter = scene.plotter
    renderer = plotter.renderer
    saved: list[tuple[Any, ...]] = []
    order = tuple(sid for sid in anatomy.ids if sid in drawn)
    for sid in anatomy.ids:
        actor = anatomy.actor(sid)
        prop = actor.GetProperty()
        saved.append(
            (
                actor,
                actor.GetVisibility(),
                prop.GetColor(),
                prop.GetAmbient(),
                prop.GetDiffuse(),
                prop.GetSpecular(),
                prop.GetOpacity(),
            )
        )
        actor.SetVisibility(sid in drawn)
        if sid in drawn:
            prop.SetColor(*_color_of(order.index(sid) + 1))
            # Only the ambient term: the colour comes out exactly as set, whatever the light.
            prop.SetAmbient(1.0)
            prop.SetDiffuse(0.0)
            prop.SetSpecular(0.0)
            prop.SetOpacity(1.0)
    others = [
        prop
        for prop in _props(renderer)
        if prop not in {entry[0] for entry in saved} and prop.GetVisibility()
    ]
    for prop in others:
        prop.SetVisibility(False)
    background = renderer.GetBackground()
    gradient = renderer.GetGradientBackground()
    fxaa = renderer.GetUseFXAA()
    overlay_draws = scene.overlay_renderer.GetDraw()
    renderer.SetBackground(0.0, 0.0, 0.0)
    renderer.SetGradientBackground(False)
    renderer.SetUseFXAA(False)
    scene.overlay_renderer.SetDraw(False)
    try:
        yield order
    finally:
        for actor, visible, color, ambient, diffuse, specular, opacity in saved:
            prop = actor.GetProperty()
            actor.SetVisibility(visible)
            prop.SetColor(*color)
            prop.SetAmbient(ambient)
            prop.SetDiffuse(diffuse)
            prop.SetSpecular(specular)
            prop.SetOpacity(opacity)
        for prop in others:
            prop.SetVisibility(True)
        renderer.SetBackground(*background)
        renderer.SetGradientBackground(gradient)
        renderer.SetUseFXAA(fxaa)
        scene.overlay_renderer.SetDraw(overlay_draws)


def _props(renderer: Any) -> list[Any]:
    props = renderer.GetViewProps()
    props.InitTraversal()
    return [props.GetNextProp() for _ in range(props.GetNumberOfItems())]


def _grab(window: Any, renderer: Any, scale: float = 1.0) -> NDArray[np.uint8]:
    """Render into the back buffer and read it, without showing it on screen.

    With ``scale`` under 1 the renderer draws into the bottom-left part of the window
    that size (the same view, at the same aspect, with fewer pixels) and only that part
    is read back.
    """
    swaps = window.GetSwapBuffers()
    viewport = renderer.GetViewport()
    window.SwapBuffersOff()
    try:
        if scale != 1.0:
            x0, y0, x1, y1 = viewport
            renderer.SetViewport(x0, y0, x0 + (x1 - x0) * scale, y0 + (y1 - y0) * scale)
        window.Render()
        width, height = window.GetSize()
        right = max(1, int(width * scale))
        top = max(1, int(height * scale))
        pixels = vtkUnsignedCharArray()
        window.GetPixelData(0, 0, right - 1, top - 1, 0, pixels, 0)
    finally:
        renderer.SetViewport(*viewport)
        window.SetSwapBuffers(swaps)
    rgb = vtk_to_numpy(pixels)  # type: ignore[no-untyped-call]
    return np.asarray(rgb, dtype=np.uint8).reshape(top, right, 3)


def id_picture(
    scene: AnatomyScene, drawn: Collection[str] | None = None, scale: float = 1.0
) -> IdPicture:
    """Draw the id picture of ``scene`` through its current camera.

    Parameters
    ----------
    scene
        The scene, staged and posed as the reader would see it.
    drawn
        The structures to draw (default: every visible structure that is not ghosted).
        Hidden structures are never drawn, whatever this says.
    scale
        Picture pixels per display pixel, at most 1. A picture at half the view's width
        and height has a quarter of its pixels to draw and read back: the labels' choice
        of anchors needs no more (docs/performance.md, item 18).

    Returns
    -------
    IdPicture
        The picture: the size of the plotter's window times ``scale``.
    """
    anatomy = scene.anatomy
    wanted = (
        {sid for sid in anatomy.ids if anatomy.mode(sid) != "ghosted"}
        if drawn is None
        else set(drawn)
    )
    wanted = {sid for sid in wanted if sid in anatomy.ids and anatomy.is_visible(sid)}
    window = scene.plotter.render_window
    if window is None:
        raise RuntimeError("the 3D view has no render window (it was closed)")
    if not 0.0 < scale <= 1.0:
        raise ValueError(f"an id picture's scale is above 0 and at most 1, not {scale}")
    with _id_colors(scene, wanted) as order:
        rgb = _grab(window, scene.plotter.renderer, scale)
    ids = rgb[..., 0].astype(np.int32) << 16
    ids |= rgb[..., 1].astype(np.int32) << 8
    ids |= rgb[..., 2]
    ids[ids > len(order)] = BACKGROUND  # no colour blends; only a guard
    return IdPicture(ids=ids, structures=order, scale=scale)


@dataclass(frozen=True)
class Visibility:
    """How much of a structure the camera sees.

    Attributes
    ----------
    structure
        The structure id.
    projected
        Pixels it covers in the picture when drawn alone.
    seen
        Pixels where it is in front of everything else.
    covered_by
        The structure hiding most of the rest, or None.
    """

    structure: str
    projected: int
    seen: int
    covered_by: str | None

    @property
    def share(self) -> float:
        """The share of its projected area that is in view, 0 to 1."""
        return self.seen / self.projected if self.projected else 0.0


def visibility(scene: AnatomyScene, structure_id: str) -> Visibility:
    """How much of ``structure_id`` is in view from the scene's camera.

    A ghosted structure counts as in view where nothing solid lies in front of it (it is
    drawn see-through, so it hides nothing itself).
    """
    anatomy = scene.anatomy
    if structure_id not in anatomy.ids or not anatomy.is_visible(structure_id):
        return Visibility(structure_id, 0, 0, None)
    solid = {sid for sid in anatomy.ids if anatomy.mode(sid) != "ghosted"} | {structure_id}
    together = id_picture(scene, solid)
    alone = id_picture(scene, {structure_id}).mask(structure_id)
    seen = together.mask(structure_id)
    hidden = together.ids[alone & ~seen]
    hidden = hidden[hidden != BACKGROUND]
    covered_by = None
    if hidden.size:
        counts = np.bincount(hidden)
        covered_by = together.structures[int(np.argmax(counts)) - 1]
    return Visibility(
        structure_id, int(np.count_nonzero(alone)), int(np.count_nonzero(seen)), covered_by
    )

"""Where on its structure a label is pinned: on the part the camera sees.

A label names a structure, or a landmark on one (``pelvis.iliac_crest_top_l``). Its anchor
is a vertex of the structure's surface, so it follows the posed bones. The vertex is
chosen from an id picture (:mod:`anatomy_viewer.scene.visibility`) through the camera the
label is meant for: deep inside the visible part of a structure, or the visible vertex
nearest a landmark. A structure hidden, or out of sight behind others, gets no label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.scene.labels import display_points
from anatomy_viewer.scene.visibility import IdPicture, id_picture

if TYPE_CHECKING:
    from anatomy_viewer.scene.anatomy_scene import AnatomyScene

#: Fewest pixels of a structure in view for it to carry a label.
MIN_VISIBLE_PX = 20
#: How far from its landmark (neutral pose, metres) a landmark label's anchor may move to
#: find a point the camera sees.
LANDMARK_REACH_M = 0.04
#: Rounds of shrinking the visible part toward its middle before choosing the anchor
#: (at the view's own pixels; fewer in a picture at a smaller scale).
_ERODE_ROUNDS = 4
#: The id picture the anchors are chosen from is drawn at half the view's width and
#: height: a quarter of the pixels to draw and read back, which made it about 40 % cheaper
#: on a software renderer (docs/performance.md, item 18). A label points at the middle of
#: what is seen of its structure, and needs no finer picture than that.
PICTURE_SCALE = 0.5


@dataclass(frozen=True)
class Anchor:
    """A label that will be drawn: its structure, the vertex it sits on and its text."""

    target: str
    structure: str
    vertex: int
    text: str


def structure_of(target: str) -> str:
    """The structure a label target names: ``pelvis.asis_r`` -> ``pelvis``."""
    return target.split(".", 1)[0]


def _erode(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    inner = mask.copy()
    inner[1:, :] &= mask[:-1, :]
    inner[:-1, :] &= mask[1:, :]
    inner[:, 1:] &= mask[:, :-1]
    inner[:, :-1] &= mask[:, 1:]
    return inner


def _middle_pixel(mask: NDArray[np.bool_], scale: float = 1.0) -> tuple[float, float]:
    """A pixel well inside ``mask``: the one nearest the centre of its shrunken core.

    ``scale`` is the mask's pixels per display pixel; the result is in the mask's pixels.
    """
    rows = np.flatnonzero(mask.any(axis=1))
    columns = np.flatnonzero(mask.any(axis=0))
    bottom, left = int(rows[0]), int(columns[0])
    x, y = _middle_of(mask[bottom : int(rows[-1]) + 1, left : int(columns[-1]) + 1], scale)
    return x + left, y + bottom


def _min_pixels(scale: float) -> int:
    """:data:`MIN_VISIBLE_PX` counted in a picture's pixels at ``scale``."""
    return max(1, round(MIN_VISIBLE_PX * scale * scale))


def _middle_of(mask: NDArray[np.bool_], scale: float = 1.0) -> tuple[float, float]:
    core = mask
    for _ in range(max(1, round(_ERODE_ROUNDS * scale))):
        smaller = _erode(core)
        if np.count_nonzero(smaller) < _min_pixels(scale) // 2:
            break
        core = smaller
    rows, columns = np.nonzero(core)
    centre_x, centre_y = float(columns.mean()), float(rows.mean())
    nearest = int(np.argmin((columns - centre_x) ** 2 + (rows - centre_y) ** 2))
    return float(columns[nearest]), float(rows[nearest])


def _seen_vertices(
    scene: AnatomyScene, structure_id: str, picture: IdPicture
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Every vertex's pixel and whether the camera sees the structure there."""
    pixels, in_front = display_points(
        scene.plotter.renderer, scene.anatomy.posed_points(structure_id)
    )
    height, width = picture.ids.shape
    x = np.floor(pixels[:, 0] * picture.scale).astype(int)
    y = np.floor(pixels[:, 1] * picture.scale).astype(int)
    inside = in_front & (x >= 0) & (x < width) & (y >= 0) & (y < height)
    number = picture.number(structure_id)
    seen = np.zeros(len(pixels), dtype=bool)
    # A vertex on the visible surface lands on its own structure's pixel or next to it.
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            xs = np.clip(x + dx, 0, width - 1)
            ys = np.clip(y + dy, 0, height - 1)
            seen |= inside & (picture.ids[ys, xs] == number)
    return pixels, seen


def choose_anchors(scene: AnatomyScene, requests: Sequence[tuple[str, str]]) -> list[Anchor]:
    """Pick the anchor vertex of each label the camera can show.

    Parameters
    ----------
    scene
        The scene, posed and seen through the camera the labels are for.
    requests
        ``(target, text)`` pairs: a structure id or ``structure.landmark``, and the text.

    Returns
    -------
    list of Anchor
        The labels to draw, in the order asked; the others are left out.
    """
    anatomy = scene.anatomy
    structures = {structure_of(t) for t, _ in requests}
    visible = {s for s in structures if s in anatomy.ids and anatomy.is_visible(s)}
    solid = {s for s in anatomy.ids if anatomy.mode(s) != "ghosted"}
    pictures: dict[str, IdPicture] = {}
    common = id_picture(scene, solid, PICTURE_SCALE) if visible & solid else None
    anchors: list[Anchor] = []
    for target, text in requests:
        structure = structure_of(target)
        if structure not in visible:
            continue
        if structure in solid and common is not None:
            picture = common
        else:  # see-through: it hides nothing, but what is solid in front hides it
            if structure not in pictures:
                pictures[structure] = id_picture(scene, solid | {structure}, PICTURE_SCALE)
            picture = pictures[structure]
        mask = picture.mask(structure)
        if np.count_nonzero(mask) < _min_pixels(picture.scale):
            continue
        pixels, seen = _seen_vertices(scene, structure, picture)
        if not seen.any():
            continue
        candidates = np.nonzero(seen)[0]
        landmark = scene.landmarks.points.get(target) if target != structure else None
        if landmark is not None:
            neutral = anatomy.neutral_points(structure)[candidates]
            distance = np.linalg.norm(neutral - np.asarray(landmark), axis=1)
            if float(distance.min()) > LANDMARK_REACH_M:
                continue
            vertex = int(candidates[int(np.argmin(distance))])
        else:
            px, py = _middle_pixel(mask, picture.scale)
            middle = np.array([px + 0.5, py + 0.5]) / picture.scale  # in display pixels
            offsets = pixels[candidates] - middle
            vertex = int(candidates[int(np.argmin(np.sum(offsets**2, axis=1)))])
        anchors.append(Anchor(target, structure, vertex, text))
    return anchors

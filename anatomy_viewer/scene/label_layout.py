"""Where label boxes go on screen: beside their anchors, apart, inside the view (pure numpy).

Each label's text sits on the side of its anchor away from the middle of the view, joined
to the anchor by a short leader line, so a label on the right knee never reaches across to
the left one. Boxes on the same side are pushed apart vertically, kept clear of the
readouts drawn in the view (and of any other rectangle the caller names) and kept whole
inside the view. Coordinates are display pixels with the origin at the bottom left, as
VTK's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Horizontal distance from an anchor to the near edge of its box, pixels.
LEADER_PX = 26.0
#: Gap kept between two boxes, and between a box and the view's edge, pixels.
GAP_PX = 4.0
#: Rounds of pushing boxes apart (each round resolves most overlaps left by the last).
ROUNDS = 6


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in display pixels: left, bottom, width, height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.width

    @property
    def top(self) -> float:
        """The top edge."""
        return self.y + self.height

    def overlaps(self, other: Rect, gap: float = 0.0) -> bool:
        """Whether the two rectangles overlap (or come closer than ``gap``)."""
        return (
            self.x < other.right + gap
            and other.x < self.right + gap
            and self.y < other.top + gap
            and other.y < self.top + gap
        )


@dataclass(frozen=True)
class Placement:
    """Where one label's box goes and where its leader line meets it."""

    box: Rect
    leader_end: tuple[float, float]
    side: str


def _initial(anchor: tuple[float, float], size: tuple[float, float], side: str) -> Rect:
    width, height = size
    x = anchor[0] - LEADER_PX - width if side == "left" else anchor[0] + LEADER_PX
    return Rect(x, anchor[1] - height / 2.0, width, height)


def _fits(box: Rect, view: tuple[float, float]) -> bool:
    return box.x >= GAP_PX and box.right <= view[0] - GAP_PX


def _clamp(box: Rect, view: tuple[float, float]) -> Rect:
    x = min(max(box.x, GAP_PX), max(view[0] - GAP_PX - box.width, GAP_PX))
    y = min(max(box.y, GAP_PX), max(view[1] - GAP_PX - box.height, GAP_PX))
    return Rect(x, y, box.width, box.height)


def _separate(boxes: list[Rect], order: list[int], view: tuple[float, float]) -> None:
    """Stack one column's boxes (``order``: bottom to top) without overlap, inside the view.

    Each box is pushed up clear of the one below; if the column then runs off the top, it is
    pushed back down from the top. Boxes only overlap when the column is taller than the view.
    """
    if not order:
        return
    ys = [boxes[i].y for i in order]
    heights = [boxes[i].height for i in order]
    ys[0] = max(ys[0], GAP_PX)
    for k in range(1, len(order)):
        ys[k] = max(ys[k], ys[k - 1] + heights[k - 1] + GAP_PX)
    ys[-1] = min(ys[-1], view[1] - GAP_PX - heights[-1])
    for k in range(len(order) - 2, -1, -1):
        ys[k] = min(ys[k], ys[k + 1] - GAP_PX - heights[k])
    ys[0] = max(ys[0], GAP_PX)
    for k in range(1, len(order)):  # taller than the view: keep the bottom ones in it
        ys[k] = max(ys[k], ys[k - 1] + heights[k - 1] + GAP_PX)
    for index, y in zip(order, ys, strict=True):
        box = boxes[index]
        boxes[index] = Rect(box.x, y, box.width, box.height)


def _columns(boxes: list[Rect]) -> list[list[int]]:
    """Groups of boxes whose horizontal extents overlap (directly or through others)."""
    groups: list[list[int]] = []
    for index, box in enumerate(boxes):
        touching = [
            g
            for g in groups
            if any(box.x < boxes[j].right + GAP_PX and boxes[j].x < box.right + GAP_PX for j in g)
        ]
        merged = [index] + [j for g in touching for j in g]
        groups = [g for g in groups if g not in touching] + [merged]
    return groups


def _avoid(box: Rect, obstacles: Sequence[Rect], view: tuple[float, float]) -> Rect:
    """Move ``box`` just above or below each obstacle it touches, whichever is nearer."""
    for obstacle in obstacles:
        if not box.overlaps(obstacle, GAP_PX):
            continue
        above = Rect(box.x, obstacle.top + GAP_PX, box.width, box.height)
        below = Rect(box.x, obstacle.y - GAP_PX - box.height, box.width, box.height)
        fits_above = above.top <= view[1] - GAP_PX
        fits_below = below.y >= GAP_PX
        if fits_above and (not fits_below or above.y - box.y <= box.y - below.y):
            box = above
        elif fits_below:
            box = below
    return box


def _edges(rects: Sequence[Rect]) -> tuple[np.ndarray, ...]:
    """Left, bottom, right and top edges of ``rects``, as arrays."""
    edges = np.array([(r.x, r.y, r.right, r.top) for r in rects], dtype=float).reshape(-1, 4)
    return edges[:, 0], edges[:, 1], edges[:, 2], edges[:, 3]


def _any_overlap(boxes: Sequence[Rect], obstacles: Sequence[Rect]) -> bool:
    """Whether two boxes overlap, or a box overlaps an obstacle (as :meth:`Rect.overlaps`).

    All pairs at once: the layout checks this after every round, at every frame that moves
    a label.
    """
    left, bottom, right, top = _edges(boxes)
    pairs = (
        (left[:, None] < right[None, :])
        & (left[None, :] < right[:, None])
        & (bottom[:, None] < top[None, :])
        & (bottom[None, :] < top[:, None])
    )
    np.fill_diagonal(pairs, False)
    if pairs.any():
        return True
    if not obstacles:
        return False
    o_left, o_bottom, o_right, o_top = _edges(obstacles)
    return bool(
        (
            (left[:, None] < o_right[None, :])
            & (o_left[None, :] < right[:, None])
            & (bottom[:, None] < o_top[None, :])
            & (o_bottom[None, :] < top[:, None])
        ).any()
    )


def layout(
    anchors: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    view: tuple[float, float],
    obstacles: Sequence[Rect] = (),
    middle: float | None = None,
) -> list[Placement]:
    """Place one box per anchor.

    Parameters
    ----------
    anchors
        Each label's anchor point on screen (pixels, origin bottom left).
    sizes
        Each label's box width and height, pixels.
    view
        The view's width and height, pixels.
    obstacles
        Rectangles no box may cover (the readouts drawn in the view).
    middle
        The x that divides left labels from right ones (default: the view's middle).

    Returns
    -------
    list of Placement
        In the order of ``anchors``.
    """
    middle = view[0] / 2.0 if middle is None else middle
    sides: list[str] = []
    boxes: list[Rect] = []
    for anchor, size in zip(anchors, sizes, strict=True):
        side = "left" if anchor[0] < middle else "right"
        box = _initial(anchor, size, side)
        if not _fits(box, view):
            other = "right" if side == "left" else "left"
            flipped = _initial(anchor, size, other)
            if _fits(flipped, view):
                side, box = other, flipped
        sides.append(side)
        boxes.append(_clamp(box, view))
    for _ in range(ROUNDS):
        boxes = [_clamp(_avoid(box, obstacles, view), view) for box in boxes]
        for column in _columns(boxes):
            _separate(boxes, sorted(column, key=lambda i: boxes[i].y), view)
        if not _any_overlap(boxes, obstacles):
            break
    placements = []
    for anchor, box, side in zip(anchors, boxes, sides, strict=True):
        edge = box.right if side == "left" else box.x
        end_y = min(max(anchor[1], box.y + 2.0), box.top - 2.0)
        placements.append(Placement(box=box, leader_end=(edge, end_y), side=side))
    return placements

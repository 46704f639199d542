"""The structure ids and landmarks a lesson may name, sorted for the schema and messages."""

from __future__ import annotations

from functools import cache
from typing import Final

from anatomy_viewer.anatomy.catalogue import STRUCTURE_IDS

#: The structure ids sorted, for stable schema output and messages.
SORTED_STRUCTURE_IDS: Final[tuple[str, ...]] = tuple(sorted(STRUCTURE_IDS))


@cache
def sorted_landmarks() -> tuple[str, ...]:
    """Every landmark name (``structure.point``) of the generated anatomy, sorted."""
    from anatomy_viewer.anatomy.landmarks import compute_landmarks

    return tuple(sorted(compute_landmarks()))


__all__ = ["SORTED_STRUCTURE_IDS", "STRUCTURE_IDS", "sorted_landmarks"]

"""The structure ids a lesson may name: the anatomy catalogue's, sorted for the schema."""

from __future__ import annotations

from typing import Final

from anatomy_viewer.anatomy.catalogue import STRUCTURE_IDS

#: The same ids sorted, for stable schema output and messages.
SORTED_STRUCTURE_IDS: Final[tuple[str, ...]] = tuple(sorted(STRUCTURE_IDS))

__all__ = ["SORTED_STRUCTURE_IDS", "STRUCTURE_IDS"]

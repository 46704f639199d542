"""One frame for a change made of many parts.

A lesson step changes the structures, the simulation's settings (which may turn compare
mode on or off), the labels and the camera, and each of those parts asks the window for
a frame when it is done. Drawn one by one, a step cost three or four full renders on a
software renderer before the step's own frame was on screen (docs/performance.md, item
18). Inside :meth:`FrameHold.held` a part's request only notes that a frame is wanted;
the frame is drawn once, when the outermost hold ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


class FrameHold:
    """Gathers the frames asked for during a change into one, drawn when the change ends.

    Parameters
    ----------
    draw
        Draws one frame now (the window's own drawing, which asks :meth:`postpone` first).
    """

    def __init__(self, draw: Callable[[], None]) -> None:
        self._draw = draw
        self._depth = 0
        self._wanted = False
        #: Frames asked for inside holds and gathered into the hold's one frame.
        self.gathered = 0

    @property
    def holding(self) -> bool:
        """Whether a hold is in force (frames asked for now are drawn when it ends)."""
        return self._depth > 0

    def postpone(self) -> bool:
        """Inside a hold, note that a frame is wanted and return True (draw nothing now)."""
        if self._depth == 0:
            return False
        self._wanted = True
        self.gathered += 1
        return True

    @contextmanager
    def held(self) -> Iterator[None]:
        """Draw at most one frame, at the end, for everything done inside.

        Holds nest: the frame comes when the outermost one ends. It is drawn even when
        the change inside failed part way, so the screen shows what was staged.
        """
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._wanted:
                self._wanted = False
                self._draw()

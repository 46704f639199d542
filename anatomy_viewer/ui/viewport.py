"""The 3D viewport: pyvistaqt's ``QtInteractor`` that draws each frame once, not twice.

pyvistaqt's widget renders the scene whenever it paints. ``plotter.render()`` renders
at once and then asks the widget to paint, so every explicit render was followed by a
second, identical render when Qt processed the paint: each animation frame cost two
renders (DESIGN.md, "Facts measured"; docs/performance.md). This subclass remembers that
the frame in VTK's framebuffer is fresh and lets that paint only copy it to the screen,
as VTK's own C++ widget does. Paints for any other reason (exposure, resizing) still
render.
"""

from __future__ import annotations

from typing import Any

from pyvistaqt import QtInteractor


class QtViewport(QtInteractor):
    """A ``QtInteractor`` that never renders the same frame twice.

    Parameters
    ----------
    parent
        The widget it lives in.
    **kwargs
        Passed to ``QtInteractor``; multi-sampling is off unless asked for (pyvista's theme
        asks for 8 samples, which made each frame about 4 times slower on a software
        renderer).
    """

    def __init__(self, parent: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("multi_samples", 0)
        kwargs.setdefault("auto_update", False)
        self._frame_is_fresh = False
        super().__init__(parent, **kwargs)
        #: Renders done by VTK, counted for tests and the benchmark.
        self.render_count = 0
        window = self.render_window
        if window is not None:
            window.AddObserver("StartEvent", self._count_render)

    def _count_render(self, *_: object) -> None:
        self.render_count += 1

    # pyvistaqt calls this when a VTK render has finished, to schedule the blit.
    def _cb_frame(self, obj: Any, evt: Any) -> None:
        if not getattr(self, "_in_paint", True):
            self._frame_is_fresh = True
        super()._cb_frame(obj, evt)  # type: ignore[no-untyped-call]

    def resizeGL(self, w: int, h: int) -> None:  # noqa: N802 (Qt's name)
        """A new size needs a new render."""
        self._frame_is_fresh = False
        super().resizeGL(w, h)  # type: ignore[no-untyped-call]

    def paintGL(self) -> None:  # noqa: N802 (Qt's name)
        """Copy a fresh frame to the screen without rendering it again."""
        if self._frame_is_fresh and hasattr(self, "_in_paint"):
            self._frame_is_fresh = False
            self._in_paint = True  # pyvistaqt skips its render while this is set
            try:
                super().paintGL()  # type: ignore[no-untyped-call]
            finally:
                self._in_paint = False
        else:
            self._frame_is_fresh = False
            super().paintGL()  # type: ignore[no-untyped-call]

    def close(self) -> None:  # type: ignore[override]  # QWidget and BasePlotter disagree
        """Close the view and let go of the Qt OpenGL context and surface it remembers.

        pyvistaqt keeps Python wrappers of the context and of the window surface after
        closing. Once Qt deletes those C++ objects, a wrapper left behind can be handed back
        for a new, unrelated object created at the same address (seen as a ``QAction`` that
        arrived as a ``QSurface`` in a later window), so they are dropped here.
        """
        super().close()
        forget = getattr(self, "_forget_context", None)
        if callable(forget):
            forget()

"""The 3D viewport: a native-window VTK view that is also a PyVista plotter.

VTK draws straight into the viewport's own native window (an X11, Win32 or Cocoa child
window), as VTK's ``QVTKRenderWindowInteractor`` does with a plain ``QWidget`` base: one
``Render()`` draws the frame and swaps it onto the screen, and that is the whole frame.

pyvistaqt's ``QtInteractor`` is a ``QOpenGLWidget`` instead. VTK renders into an
off-screen framebuffer, which is copied to Qt's framebuffer when Qt paints, and Qt then
composes the *whole* top-level window (panels included) through OpenGL and swaps it. On
a software renderer that composition costs about as much as drawing the anatomy, and it
grows with the window's area (docs/performance.md); pyvistaqt's widget also renders
again in every paint, so each explicit render was drawn twice. A native window has
neither cost. (On Wayland the app asks Qt for xcb, as pyvistaqt itself advises, so the
native window is an X11 window there too: ``ui/app.py``.)

The class combines VTK's native widget with PyVista's ``BasePlotter`` the way pyvistaqt
combines its own widget with it, so the scene code sees an ordinary PyVista plotter.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import vtkmodules.qt

# VTK's Qt module reads these when it is imported: a plain QWidget (native window) base,
# and the Qt binding the app uses.
vtkmodules.qt.QVTKRWIBase = "QWidget"
vtkmodules.qt.PyQtImpl = "PySide6"

from PySide6.QtCore import QEvent, Qt  # noqa: E402 (after the settings above)
from PySide6.QtGui import QCloseEvent, QPaintEvent, QResizeEvent  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402
from pyvista.plotting import BasePlotter  # noqa: E402
from pyvista.plotting.render_window_interactor import RenderWindowInteractor  # noqa: E402
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor  # noqa: E402


@contextlib.contextmanager
def _base_plotter_init_skipped() -> Iterator[None]:
    """Skip ``BasePlotter.__init__`` while the Qt part is built.

    PySide6 continues the cooperative ``super()`` chain past ``QWidget.__init__``, which
    would call ``BasePlotter.__init__`` without arguments; it is called explicitly after.
    """
    original = BasePlotter.__init__

    def skip(self: object, *args: object, **kwargs: object) -> None:
        return None

    BasePlotter.__init__ = skip  # type: ignore[method-assign]
    try:
        yield
    finally:
        BasePlotter.__init__ = original  # type: ignore[method-assign]


class QtViewport(QVTKRenderWindowInteractor, BasePlotter):  # type: ignore[misc]
    """A PyVista plotter drawn by VTK into its own native window, one render per frame.

    Parameters
    ----------
    parent
        The widget it lives in.
    multi_samples
        Multi-sampling of the render window; 0 (none) unless asked for. pyvista's theme
        asks for 8 samples, which made each frame about 4 times slower on a software
        renderer (docs/performance.md).
    **kwargs
        Passed to PyVista's ``BasePlotter``.
    """

    def __init__(
        self, parent: QWidget | None = None, multi_samples: int = 0, **kwargs: Any
    ) -> None:
        self._closed = True  # until built: close() and paints do nothing
        self._text_scale = 1.0
        with _base_plotter_init_skipped():
            QVTKRenderWindowInteractor.__init__(self, parent=parent)  # type: ignore[no-untyped-call]
        BasePlotter.__init__(self, **kwargs)
        self.ren_win = self.GetRenderWindow()  # type: ignore[no-untyped-call]
        self.ren_win.SetMultiSamples(multi_samples)
        for renderer in self.renderers:
            renderer.view_isometric()
            self.ren_win.AddRenderer(renderer)
        self.iren: Any = RenderWindowInteractor(self, interactor=self.ren_win.GetInteractor())
        # Hover needs no render; VTK's default observer would render on every mouse move.
        self.iren.interactor.RemoveObservers("MouseMoveEvent")
        self.iren.initialize()  # type: ignore[no-untyped-call]
        self.enable_trackball_style()  # type: ignore[call-arg]  # pyvista decorator typing
        # VTK's keys ("3" stereo in magenta and cyan, "w" wire frame, "s", "p", "f", "r"...)
        # are developer tools: the app's own shortcuts and the lesson keys are the keyboard.
        self.iren.interactor.RemoveObservers("CharEvent")
        self._first_time = False  # BasePlotter renders only once this is False
        self._closed = False
        #: Renders done by VTK, counted for tests and the benchmark.
        self.render_count = 0
        self.ren_win.AddObserver("StartEvent", self._count_render)
        #: Pixel size of the last frame VTK drew (``None``: none yet).
        self._drawn_size: tuple[int, int] | None = None
        self.ren_win.AddObserver("EndEvent", self._frame_drawn)

    def winId(self) -> Any:  # noqa: N802 (Qt's name)
        """The native window VTK draws into, made for this widget alone.

        VTK's widget asks for it while it is being built; without this attribute Qt would
        make every ancestor (the central widget, the main window's parts) native too.
        """
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        return super().winId()

    def _getPixelRatio(self) -> float:  # type: ignore[override]  # noqa: N802 (VTK's name)
        """Device pixels per logical pixel of this widget's own screen.

        VTK's widget asks the screen under the mouse cursor, which is another screen's ratio
        when the cursor is elsewhere on a mixed-DPI desktop: clicks then land off target.
        Mouse positions and the render window's size both go through this.
        """
        return float(self.devicePixelRatioF())

    def event(self, event: QEvent) -> bool:
        """Resize the render window when the view moves to a screen of another pixel ratio."""
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self.resizeEvent(None)
        return bool(super().event(event))

    def resizeEvent(self, event: QResizeEvent | None) -> None:  # noqa: N802 (Qt's name)
        """Resize the render window; VTK's widget then sets its DPI back to the screen's."""
        QVTKRenderWindowInteractor.resizeEvent(self, event)  # type: ignore[no-untyped-call]
        self.set_text_scale(self._text_scale)

    def set_text_scale(self, scale: float) -> None:
        """Draw every text in the view (labels, angles, captions) ``scale`` times its size.

        VTK sizes text in points at the render window's dots per inch (72 unless told), so
        one setting scales all of it; the widget's pixel ratio keeps text the same size on
        a high-DPI screen.
        """
        self._text_scale = float(scale)
        window = getattr(self, "ren_win", None)  # None once closed, unset while built
        if window is not None:
            window.SetDPI(round(72 * self._text_scale * self.devicePixelRatioF()))

    def _count_render(self, *_: object) -> None:
        self.render_count += 1

    def _frame_drawn(self, window: Any, _event: str) -> None:
        size = window.GetSize()
        self._drawn_size = (int(size[0]), int(size[1]))

    def render(self) -> None:  # type: ignore[override]  # PyVista's render, not QWidget's
        """Draw the scene now and put it on the screen (nothing after closing)."""
        if self._closed:
            return
        BasePlotter.render(self)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Qt asks for a paint when the window is exposed or resized: show the scene.

        Every change of the scene is followed by an explicit render, so a paint needs a new
        render only when the view's size changed since the last frame; otherwise VTK puts
        its last frame on the screen again (``Frame``: a copy and a swap, no drawing). A
        lesson step that resizes the view or exposes it again drew it two or three times.
        """
        window = self.ren_win
        if self._closed or not self.isVisible() or window is None:
            return
        size = window.GetSize()
        if self._drawn_size == (int(size[0]), int(size[1])):
            window.Frame()
        else:
            self.render()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Closing the widget closes the plotter (VTK's widget only finalised its window)."""
        self.close()
        event.accept()

    def close(self) -> None:  # type: ignore[override]  # QWidget and BasePlotter disagree
        """Close the plotter and its render window, then the widget; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        BasePlotter.close(self)
        QWidget.close(self)

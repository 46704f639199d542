"""Shared test set-up: headless VTK, no user settings touched."""

from __future__ import annotations

import os

# Scene tests render off-screen; without an X display VTK goes straight to EGL.
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
# The app's rendering preset follows the renderer; tests pin the fast one so pictures
# are the same on every machine.
os.environ.setdefault("ANATOMY_VIEWER_QUALITY", "fast")

"""Shared test set-up: headless VTK, no user settings touched."""

from __future__ import annotations

import os

import pytest

# Scene tests render off-screen; without an X display VTK goes straight to EGL.
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
# The app's rendering preset follows the renderer; tests pin the fast one so pictures
# are the same on every machine.
os.environ.setdefault("ANATOMY_VIEWER_QUALITY", "fast")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long checks (marked ``slow``) first: run side by side, the suite's test processes
    then end together on short tests, rather than one waiting for a soak started last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)

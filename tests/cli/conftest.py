"""Run the ``anatomy-viewer`` command as a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import pyvista as pv


def _cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ if env is None else env)
    return subprocess.run(
        [sys.executable, "-m", "anatomy_viewer.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the command line and return the finished process."""
    return _cli


@pytest.fixture
def headless_env() -> dict[str, str]:
    """The environment with no display at all."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def read_png(path: Path) -> np.ndarray:
    """Pixels of a PNG as a (height, width, channels) array, top row first."""
    image = pv.read(path)
    width, height, _ = image.dimensions
    pixels = np.asarray(image.point_data[image.point_data.keys()[0]])
    return pixels.reshape(height, width, -1)[::-1]

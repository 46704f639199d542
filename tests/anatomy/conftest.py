"""Shared fixtures: the committed meshes and landmarks, read once per session."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from anatomy_viewer.resources import meshes_dir

MESHES = meshes_dir()


@pytest.fixture(scope="session")
def mesh_dir() -> Path:
    return MESHES


@pytest.fixture(scope="session")
def landmarks() -> dict[str, np.ndarray]:
    from anatomy_viewer.anatomy.manifest import load_landmarks

    return {k: np.array(v) for k, v in load_landmarks(MESHES).points.items()}


@pytest.fixture(scope="session")
def manifest():  # type: ignore[no-untyped-def]
    from anatomy_viewer.anatomy.manifest import load_manifest

    return load_manifest(MESHES)


class MeshCache:
    """Reads each .vtp once."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._cache: dict[str, object] = {}

    def __call__(self, name: str):  # type: ignore[no-untyped-def]
        import pyvista as pv

        if name not in self._cache:
            self._cache[name] = pv.read(self.directory / name)
        return self._cache[name]


@pytest.fixture(scope="session")
def mesh() -> MeshCache:
    return MeshCache(MESHES)

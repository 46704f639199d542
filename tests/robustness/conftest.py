"""Bad inputs of every kind: the app names the file, loads what it can, writes nothing."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from anatomy_viewer.resources import meshes_dir

Snapshot = dict[str, tuple[str, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file under ``folder``: content hash and modification time (ns)."""
    found: Snapshot = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[str(path.relative_to(folder))] = (digest, path.stat().st_mtime_ns)
    return found


@pytest.fixture
def mesh_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled meshes/ folder, to break."""
    target = tmp_path / "meshes"
    shutil.copytree(meshes_dir(), target)
    return target


#: Ways to break one mesh file: (case name, what to do to the file).
MESH_BREAKAGES: dict[str, Callable[[Path], None]] = {
    "missing": lambda path: path.unlink(),
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 3]),
    "binary_garbage": lambda path: path.write_bytes(bytes(range(256)) * 64),
    "not_xml": lambda path: path.write_text("this is not a VTK file\n", encoding="utf-8"),
    "no_surface": lambda path: path.write_text(
        '<?xml version="1.0"?>\n<VTKFile type="PolyData" version="1.0">'
        '<PolyData><Piece NumberOfPoints="0" NumberOfPolys="0"></Piece></PolyData>'
        "</VTKFile>\n",
        encoding="utf-8",
    ),
    "a_directory": lambda path: (path.unlink(), path.mkdir()),  # type: ignore[func-returns-value]
}


# The real main window under Xvfb, as tests/ui builds it.
from tests.ui.conftest import make_window, qapp, settings, window  # noqa: E402, F401

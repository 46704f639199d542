"""An anatomy set for another patient, made in a second: the bundled set scaled.

Generating a set takes minutes; tests that need one scale the bundled surfaces and
landmarks about the floor's origin and write the subject into the manifest, which is what
a generated set of that height looks like to everything that reads it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyvista as pv

from anatomy_viewer.logic.patient_anatomy import cache_folder
from anatomy_viewer.resources import meshes_dir


def write_scaled_set(folder: Path, height_m: float, sex: str = "male", widen: float = 1.0) -> Path:
    """Write the bundled set scaled to ``height_m`` into ``folder`` (created); returns it.

    ``widen`` scales it from side to side once more: a uniformly scaled body looks just
    like the default one in a view framed on it, a wider one does not.
    """
    scale = np.array([widen, 1.0, 1.0]) * height_m / 1.75
    folder.mkdir(parents=True)
    for source in meshes_dir().glob("*.vtp"):
        mesh = pv.read(source)
        mesh.points = np.asarray(mesh.points) * scale
        mesh.save(folder / source.name)
    subject = {"height_m": height_m, "sex": sex}
    manifest = json.loads((meshes_dir() / "manifest.json").read_text(encoding="utf-8"))
    manifest["subject"] = subject
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    landmarks = json.loads((meshes_dir() / "landmarks.json").read_text(encoding="utf-8"))
    landmarks["subject"] = subject
    landmarks["landmarks"] = {
        name: (np.asarray(point) * scale).tolist() for name, point in landmarks["landmarks"].items()
    }
    (folder / "landmarks.json").write_text(json.dumps(landmarks), encoding="utf-8")
    return folder


def cached_set_folder(cache_home: Path, height_m: float, sex: str) -> Path:
    """Where the app looks for a generated set when ``XDG_CACHE_HOME`` is ``cache_home``."""
    return cache_folder(height_m, sex, cache_home / "anatomy-viewer" / "anatomy")

"""Off-screen preview pictures of the generated meshes (for docs/anatomy.md and reviews).

Uses PyVista directly on the files in ``meshes/`` so the pictures show exactly what was
generated; the app's own scene layer is not involved. Run::

    python -m anatomy_viewer.anatomy.preview [MESH_DIR] [OUT_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

VIEWS: dict[str, tuple[float, float, float]] = {
    "front": (0.0, 1.0, 0.0),
    "back": (0.0, -1.0, 0.0),
    "side": (1.0, 0.0, 0.0),
}


def _add(plotter: Any, mesh_dir: Path, groups: tuple[str, ...]) -> None:
    import pyvista as pv

    manifest = json.loads((mesh_dir / "manifest.json").read_text(encoding="utf-8"))
    for s in manifest["structures"]:
        if s["group"] not in groups:
            continue
        opacity = 0.22 if s["group"] == "skin" else s["opacity"]
        plotter.add_mesh(
            pv.read(mesh_dir / s["file"]),
            color=s["color"],
            opacity=opacity,
            smooth_shading=True,
            specular=0.15,
        )


def render_panels(
    mesh_dir: Path,
    out: Path,
    view: str,
    panels: tuple[tuple[str, tuple[str, ...]], ...],
    focus: tuple[float, float, float] | None = None,
    distance: float = 1.25,
    size: tuple[int, int] = (1400, 900),
) -> Path:
    """Render side-by-side panels of the same view, each with its own structure groups.

    Parameters
    ----------
    mesh_dir
        Folder with ``manifest.json`` and the meshes.
    out
        PNG file to write.
    view
        ``front``, ``back`` or ``side`` (from the subject's right).
    panels
        ``(title, groups)`` per panel, e.g. ``("Bones", ("bone",))``.
    focus
        Point the camera looks at (default: the centre of the hips).
    distance
        Camera distance in metres.
    size
        Picture size in pixels.
    """
    import pyvista as pv

    pl = pv.Plotter(off_screen=True, window_size=list(size), shape=(1, len(panels)), border=False)
    pl.set_background("white")  # type: ignore[arg-type]
    direction = np.array(VIEWS[view])
    for i, (title, groups) in enumerate(panels):
        pl.subplot(0, i)
        _add(pl, mesh_dir, groups)
        pl.add_text(title, font_size=11, color="black")
        c = np.array(focus if focus is not None else (0.0, -0.01, 0.93))
        pl.camera.focal_point = tuple(c)
        pl.camera.position = tuple(c + distance * direction)
        pl.camera.up = (0.0, 0.0, 1.0)
        pl.camera.view_angle = 30.0
    pl.link_views()
    out.parent.mkdir(parents=True, exist_ok=True)
    pl.screenshot(str(out))
    pl.close()
    return out


def render_docs(mesh_dir: Path, out_dir: Path) -> list[Path]:
    """Write the pictures used by ``docs/anatomy.md``."""
    bones = ("bone",)
    layers = ("bone", "muscle", "fascia")
    written = []
    for view in VIEWS:
        written.append(
            render_panels(
                mesh_dir,
                out_dir / f"anatomy_{view}.png",
                view,
                (("Bones", bones), ("Bones and muscles", layers)),
            )
        )
    written.append(
        render_panels(
            mesh_dir,
            out_dir / "anatomy_body.png",
            "front",
            (("Front", ("bone", "muscle", "fascia", "skin")),),
            focus=(0.0, 0.0, 0.62),
            distance=2.6,
            size=(700, 900),
        )
    )
    return written


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("meshes")
    dst = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("docs/images")
    for path in render_docs(src, dst):
        print(path)

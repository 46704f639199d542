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


def render_closeup(
    mesh_dir: Path,
    out: Path,
    ids: tuple[str, ...],
    views: tuple[tuple[str, tuple[float, float, float], tuple[float, float, float]], ...],
    focus: tuple[float, float, float],
    distance: float,
    size: tuple[int, int] = (1400, 700),
    clip_midline: bool = False,
) -> Path:
    """Panels of the structures ``ids`` seen from several directions.

    Parameters
    ----------
    ids
        Structure ids to draw.
    views
        ``(title, direction from the focus to the camera, up)`` per panel.
    focus, distance
        Point looked at and camera distance (m).
    clip_midline
        Keep only the right half (x > 0), to show one hip bone on its own.
    """
    import pyvista as pv

    manifest = json.loads((mesh_dir / "manifest.json").read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in manifest["structures"]}
    pl = pv.Plotter(off_screen=True, window_size=list(size), shape=(1, len(views)), border=False)
    pl.set_background("white")  # type: ignore[arg-type]
    for i, (title, direction, up) in enumerate(views):
        pl.subplot(0, i)
        for sid in ids:
            s = by_id[sid]
            mesh = pv.read(mesh_dir / s["file"])
            if clip_midline:
                mesh = mesh.clip("x", origin=(0.002, 0.0, 0.0), invert=False)
            pl.add_mesh(mesh, color=s["color"], smooth_shading=True, specular=0.15)
        pl.add_text(title, font_size=11, color="black")
        d = np.array(direction, dtype=float)
        d /= np.linalg.norm(d)
        c = np.array(focus)
        pl.camera.focal_point = tuple(c)
        pl.camera.position = tuple(c + distance * d)
        pl.camera.up = up
        pl.camera.view_angle = 30.0
    out.parent.mkdir(parents=True, exist_ok=True)
    pl.screenshot(str(out))
    pl.close()
    return out


def _landmarks(mesh_dir: Path) -> dict[str, np.ndarray]:
    data = json.loads((mesh_dir / "landmarks.json").read_text(encoding="utf-8"))
    return {k: np.array(v) for k, v in data["landmarks"].items()}


def render_bone_closeups(mesh_dir: Path, out_dir: Path) -> list[Path]:
    """Close-ups of the right hip bone, its acetabulum and both ends of the femur."""
    lm = _landmarks(mesh_dir)
    hip = lm["pelvis.hjc_r"]
    up = (0.0, 0.0, 1.0)
    front, back, lateral, medial = (0, 1, 0), (0, -1, 0), (1, 0, 0), (-1, 0, 0)
    written = [
        render_closeup(
            mesh_dir,
            out_dir / "hip_bone.png",
            ("pelvis",),
            (
                ("Front", front, up),
                ("Back", back, up),
                ("Side (lateral)", lateral, up),
                ("Inside (medial)", medial, up),
            ),
            (hip[0], hip[1] - 0.02, hip[2] + 0.035),
            0.62,
            size=(1600, 600),
            clip_midline=True,
        ),
        render_closeup(
            mesh_dir,
            out_dir / "acetabulum.png",
            ("pelvis",),
            (
                ("Looking into the socket", (0.66, 0.33, -0.67), up),
                ("From the side", lateral, up),
                ("From below and in front", (0.55, 0.6, -0.6), up),
            ),
            tuple(hip),
            0.2,
            size=(1500, 500),
            clip_midline=True,
        ),
    ]
    head = lm["femur_r.head_center"]
    knee = lm["femur_r.knee_center"]
    prox = (head[0] + 0.01, head[1], head[2] - 0.035)
    written.append(
        render_closeup(
            mesh_dir,
            out_dir / "femur_upper.png",
            ("femur_r",),
            (
                ("Front", front, up),
                ("Back", back, up),
                ("Side (lateral)", lateral, up),
                ("From above", (0, -0.05, 1), (0, 1, 0)),
            ),
            prox,
            0.3,
            size=(1600, 500),
        )
    )
    dist = (knee[0], knee[1], knee[2] + 0.03)
    written.append(
        render_closeup(
            mesh_dir,
            out_dir / "femur_lower.png",
            ("femur_r",),
            (
                ("Front", front, up),
                ("Back", back, up),
                ("Side (lateral)", lateral, up),
                ("From below", (0, 0.05, -1), (0, 1, 0)),
            ),
            dist,
            0.3,
            size=(1600, 500),
        )
    )
    return written


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
    written += render_bone_closeups(mesh_dir, out_dir)
    lm = _landmarks(mesh_dir)
    thigh_focus = (lm["pelvis.hjc_r"] + lm["tibia_r.knee_center"]) / 2.0
    written.append(
        render_panels(
            mesh_dir,
            out_dir / "anatomy_thigh.png",
            "side",
            (("Thigh from the side", layers),),
            focus=tuple(thigh_focus),
            distance=1.1,
            size=(700, 1000),
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

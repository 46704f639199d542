"""Everything the 3D view shows, composed on one plotter: stage, anatomy, labels.

The Qt window and the headless ``render`` command build the same :class:`AnatomyScene`,
so a picture saved from either is the same picture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pyvista as pv
from numpy.typing import NDArray

from anatomy_viewer.anatomy.manifest import Manifest, load_manifest
from anatomy_viewer.scene.anatomy_visual import AnatomyVisual
from anatomy_viewer.scene.camera import CameraPose, preset_pose
from anatomy_viewer.scene.labels import LabelsVisual
from anatomy_viewer.scene.quality import RenderPreset
from anatomy_viewer.scene.stage import StageVisual, apply_camera, current_camera

#: Height of the part of the body the default views frame: from the floor to the lower ribs.
_FRAME_MARGIN = 1.04


class AnatomyScene:
    """The anatomy, its stage and labels on a plotter.

    Parameters
    ----------
    plotter
        Any PyVista plotter (off-screen or the Qt viewport).
    manifest
        Loaded manifest; see :func:`load_scene` to read one from a folder.
    preset
        Rendering preset (level of detail, anti-aliasing).
    """

    def __init__(self, plotter: pv.Plotter, manifest: Manifest, preset: RenderPreset) -> None:
        self.plotter = plotter
        self.manifest = manifest
        self.preset = preset
        self.stage = StageVisual(plotter, floor_radius=0.55 * manifest.height_m, preset=preset)
        self.anatomy = AnatomyVisual(plotter, manifest, preset.level_of_detail)
        self.labels = LabelsVisual(plotter)
        self._label_ids: list[str] = []
        center, radius = self.anatomy.visible_bounds()
        self._home: tuple[NDArray[np.float64], float] = (center, radius)

    @property
    def problems(self) -> list[str]:
        """What could not be loaded (missing or corrupt meshes), one message each."""
        return self.anatomy.problems

    # -- camera ------------------------------------------------------------------------

    def aspect(self) -> float:
        """Width over height of the plotter's window."""
        width, height = self.plotter.window_size
        return float(width) / float(max(height, 1))

    def preset_camera(self, name: str) -> CameraPose:
        """Camera pose of a named preset framing the visible structures."""
        center, radius = self.anatomy.visible_bounds()
        focal = (float(center[0]), float(center[1]), float(center[2]))
        return preset_pose(name, focal, radius, aspect=self.aspect(), margin=_FRAME_MARGIN)

    def home_camera(self) -> CameraPose:
        """The reset view: from the front, framing everything loaded at start."""
        center, radius = self._home
        focal = (float(center[0]), float(center[1]), float(center[2]))
        return preset_pose("anterior", focal, radius, aspect=self.aspect(), margin=_FRAME_MARGIN)

    def set_camera(self, pose: CameraPose) -> None:
        """Move the camera to ``pose`` immediately."""
        apply_camera(self.plotter, pose)

    def camera(self) -> CameraPose:
        """The camera's current pose."""
        return current_camera(self.plotter)

    # -- labels and pose ---------------------------------------------------------------

    def set_labels(self, labels: Sequence[tuple[str, str | None]]) -> None:
        """Pin labels to structures: ``(structure id, text or None for its name)``."""
        drawn = [(sid, text) for sid, text in labels if sid in self.anatomy.ids]
        self._label_ids = [sid for sid, _ in drawn]
        texts = [text or self.anatomy.entry(sid).name for sid, text in drawn]
        self.labels.set_labels([self.anatomy.center(sid) for sid in self._label_ids], texts)

    def label_all_visible(self, on: bool) -> None:
        """Label every visible structure (``on``), or remove all labels."""
        if not on:
            self.set_labels([])
            return
        self.set_labels([(sid, None) for sid in self.anatomy.ids if self.anatomy.is_visible(sid)])

    @property
    def label_ids(self) -> list[str]:
        """Structures that carry a label now."""
        return list(self._label_ids)

    def apply_poses(self, poses: Mapping[str, NDArray[np.float64]]) -> None:
        """Pose the anatomy and keep the labels on their structures."""
        self.anatomy.apply_poses(poses)
        if self._label_ids:
            self.labels.move([self.anatomy.center(sid) for sid in self._label_ids])

    def close(self) -> None:
        """Remove everything this scene added to the plotter."""
        self.labels.close()
        self.anatomy.close()
        self.stage.close()


def load_scene(plotter: pv.Plotter, meshes_dir: Path, preset: RenderPreset) -> AnatomyScene:
    """Read ``meshes_dir/manifest.json`` and build the scene on ``plotter``."""
    return AnatomyScene(plotter, load_manifest(meshes_dir / "manifest.json"), preset)

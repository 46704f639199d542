"""Everything the 3D view shows, composed on one plotter: stage, anatomy, labels.

The Qt window and the headless ``render`` command build the same :class:`AnatomyScene`,
so a picture saved from either is the same picture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pyvista.plotting.plotter import BasePlotter
from vtkmodules.vtkRenderingCore import vtkCamera, vtkRenderer, vtkTextActor

from anatomy_viewer.anatomy.manifest import Landmarks, Manifest, load_landmarks, load_manifest
from anatomy_viewer.scene.anatomy_visual import AnatomyVisual
from anatomy_viewer.scene.camera import CameraPose, frame_pose, preset_pose
from anatomy_viewer.scene.labels import LabelsVisual
from anatomy_viewer.scene.quality import RenderPreset
from anatomy_viewer.scene.simulation_visual import OverlayGeometry, SimulationVisual
from anatomy_viewer.scene.stage import StageVisual, apply_camera, current_camera

#: Height of the part of the body the default views frame: from the floor to the lower ribs.
_FRAME_MARGIN = 1.04


class AnatomyScene:
    """The anatomy, its stage and labels on a plotter.

    Parameters
    ----------
    plotter
        Any PyVista plotter (off-screen or the Qt viewport).
    manifest, landmarks
        Loaded manifest and landmarks; see :func:`load_scene` to read them from a folder.
    preset
        Rendering preset (level of detail, anti-aliasing).
    """

    def __init__(
        self, plotter: BasePlotter, manifest: Manifest, landmarks: Landmarks, preset: RenderPreset
    ) -> None:
        self.plotter = plotter
        self.manifest = manifest
        self.landmarks = landmarks
        self.preset = preset
        self.stage = StageVisual(
            plotter, floor_radius=0.35 * manifest.subject.height_m, preset=preset
        )
        self.anatomy = AnatomyVisual(plotter, manifest, preset.level_of_detail)
        self.labels = LabelsVisual(plotter)
        self.simulation: SimulationVisual | None = None
        # Teaching overlays draw on a layer above the anatomy, with the same camera.
        self.overlay_renderer = vtkRenderer()
        self.overlay_renderer.SetLayer(1)
        self.overlay_renderer.InteractiveOff()
        # The overlay's text labels are translucent; VTK's default order-independent
        # translucency allocates and composites extra full-screen buffers every frame (about
        # 7 ms of a 30 ms frame on llvmpipe, docs/performance.md). Flat labels and lines on
        # their own layer need no depth sorting, so plain alpha blending looks the same.
        self.overlay_renderer.SetUseOIT(False)
        self.overlay_renderer.SetActiveCamera(plotter.renderer.GetActiveCamera())
        window = plotter.render_window
        if window is not None:
            window.SetNumberOfLayers(max(window.GetNumberOfLayers(), 2))
            window.AddRenderer(self.overlay_renderer)
        self.caption = vtkTextActor()
        self.caption.SetPickable(False)
        caption_style = self.caption.GetTextProperty()
        caption_style.SetFontSize(20)
        caption_style.SetBold(True)
        caption_style.SetColor(0.12, 0.17, 0.23)
        caption_style.SetBackgroundColor(1.0, 1.0, 1.0)
        caption_style.SetBackgroundOpacity(0.75)
        self.caption.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
        self.caption.GetPositionCoordinate().SetValue(0.02, 0.93)
        self.caption.SetVisibility(False)
        plotter.renderer.AddViewProp(self.caption)
        self._effort_structure: str | None = None
        self._legends = True
        self._label_ids: list[str] = []
        self._label_vertices: list[int] = []
        self._home = self.anatomy.visible_bounds()

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
        center, extents = self.anatomy.visible_bounds()
        return _pose(name, center, extents, self.aspect())

    def framing_camera(self, pose: CameraPose) -> CameraPose:
        """``pose``'s direction, up and mirroring, moved to frame the visible structures."""
        center, extents = self.anatomy.visible_bounds()
        direction = np.subtract(pose.position, pose.focal_point)
        focal = (float(center[0]), float(center[1]), float(center[2]))
        half = (float(extents[0]), float(extents[1]), float(extents[2]))
        return frame_pose(
            (float(direction[0]), float(direction[1]), float(direction[2])),
            pose.view_up,
            focal,
            half,
            aspect=self.aspect(),
            margin=_FRAME_MARGIN,
            mirrored=pose.mirrored,
        )

    def home_camera(self) -> CameraPose:
        """The reset view: from the front, framing everything loaded at start."""
        center, extents = self._home
        return _pose("anterior", center, extents, self.aspect())

    def set_camera(self, pose: CameraPose) -> None:
        """Move the camera to ``pose`` immediately."""
        apply_camera(self.plotter, pose)
        self.anatomy.set_mirrored(pose.mirrored)

    def camera(self) -> CameraPose:
        """The camera's current pose."""
        return current_camera(self.plotter)

    def share_camera(self, camera: vtkCamera) -> None:
        """Look through ``camera`` (another view's), so both views always match."""
        self.plotter.renderer.SetActiveCamera(camera)
        self.overlay_renderer.SetActiveCamera(camera)

    def set_caption(self, text: str | None) -> None:
        """Write a caption in the view's top-left corner (``None`` removes it)."""
        self.caption.SetInput(text or "")
        self.caption.SetVisibility(bool(text))

    # -- labels and pose ---------------------------------------------------------------

    def set_labels(self, labels: Sequence[tuple[str, str | None]]) -> None:
        """Pin labels to structures: ``(structure id, text or None for its name)``."""
        drawn = [(sid, text) for sid, text in labels if sid in self.anatomy.ids]
        self._label_ids = [sid for sid, _ in drawn]
        self._label_vertices = [
            self.anatomy.surface_vertex(sid, self._label_target(sid)) for sid in self._label_ids
        ]
        texts = [text or self.anatomy.entry(sid).name for sid, text in drawn]
        self.labels.set_labels(self._label_anchors(), texts)

    def _label_target(self, structure_id: str) -> NDArray[np.float64]:
        """Where a label should sit in the neutral pose: on the outer surface, mid-structure.

        Muscles are labelled halfway between origin and insertion (so gluteus medius and
        maximus, which overlap from the side, get different spots); bones at their centre.
        Either point is pushed outward from the body's axis so the nearest vertex is on
        the outside, where a label reads as belonging to the surface.
        """
        points = self.landmarks.points
        origin = points.get(f"{structure_id}.origin_centroid")
        insertion = points.get(f"{structure_id}.insertion_centroid")
        if origin is not None and insertion is not None:
            target = (np.asarray(origin) + np.asarray(insertion)) / 2.0
        else:
            target = self.anatomy.neutral_center(structure_id)
        outward = np.array([target[0], target[1], 0.0])
        length = float(np.linalg.norm(outward))
        if length > 1e-6:
            target = target + outward / length * 0.15
        return np.asarray(target, dtype=np.float64)

    def _label_anchors(self) -> list[NDArray[np.float64]]:
        return [
            self.anatomy.vertex_position(sid, index)
            for sid, index in zip(self._label_ids, self._label_vertices, strict=True)
        ]

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
            self.labels.move(self._label_anchors())

    def show_simulation(
        self,
        poses: Mapping[str, NDArray[np.float64]],
        overlay: OverlayGeometry,
        overlays: frozenset[str],
        numbers: bool = True,
    ) -> None:
        """Pose the anatomy for one model frame and draw the chosen teaching overlays.

        ``numbers`` False leaves the numbers in the view as they are (see
        :meth:`SimulationVisual.update`).
        """
        self.apply_poses(poses)
        if self.simulation is None:
            self.simulation = SimulationVisual(self.overlay_renderer)
            self.simulation.set_legends_visible(self._legends)
        if overlays != self.simulation.shown:
            self.simulation.set_overlays(overlays)
        self.simulation.update(overlay, numbers)
        effort_id = overlay.effort_structure if "effort" in overlays else None
        if self._effort_structure and self._effort_structure != effort_id:
            self.anatomy.set_override_color(self._effort_structure, None)
        self._effort_structure = effort_id
        if effort_id:
            self.anatomy.set_override_color(effort_id, self.simulation.effort_color(overlay.effort))

    def set_legends_visible(self, on: bool) -> None:
        """Draw the overlays' legends in this view, or not (compare mode draws them once)."""
        self._legends = on
        if self.simulation is not None:
            self.simulation.set_legends_visible(on)

    def close(self) -> None:
        """Remove everything this scene added to the plotter."""
        if self.simulation is not None:
            self.simulation.close()
            self.simulation = None
        window = self.plotter.render_window
        if window is not None:
            window.RemoveRenderer(self.overlay_renderer)
        self.labels.close()
        self.plotter.renderer.RemoveViewProp(self.caption)
        self.anatomy.close()
        self.stage.close()


def _pose(
    name: str, center: NDArray[np.float64], extents: NDArray[np.float64], aspect: float
) -> CameraPose:
    focal = (float(center[0]), float(center[1]), float(center[2]))
    half = (float(extents[0]), float(extents[1]), float(extents[2]))
    return preset_pose(name, focal, half, aspect=aspect, margin=_FRAME_MARGIN)


def load_scene(plotter: BasePlotter, meshes_dir: Path, preset: RenderPreset) -> AnatomyScene:
    """Read ``manifest.json`` and ``landmarks.json`` from ``meshes_dir`` and build the scene."""
    return AnatomyScene(plotter, load_manifest(meshes_dir), load_landmarks(meshes_dir), preset)

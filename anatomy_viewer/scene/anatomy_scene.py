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
from anatomy_viewer.scene.label_layout import Rect
from anatomy_viewer.scene.label_placement import Anchor, choose_anchors, structure_of
from anatomy_viewer.scene.labels import LabelsVisual
from anatomy_viewer.scene.prepared_anatomy import PreparedAnatomy
from anatomy_viewer.scene.quality import RenderPreset
from anatomy_viewer.scene.simulation_visual import (
    NOT_COMPUTED_COLOR,
    OverlayGeometry,
    SimulationVisual,
)
from anatomy_viewer.scene.stage import StageVisual, apply_camera, current_camera

#: Height of the part of the body the default views frame: from the floor to the lower ribs.
_FRAME_MARGIN = 1.04
#: The floor disc's radius, in body heights.
FLOOR_RADIUS_HEIGHTS = 0.35


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
    prepared
        The surfaces already read, at the preset's level of detail
        (:func:`~anatomy_viewer.scene.prepared_anatomy.prepare_anatomy`); by default they
        are read here.
    """

    def __init__(
        self,
        plotter: BasePlotter,
        manifest: Manifest,
        landmarks: Landmarks,
        preset: RenderPreset,
        prepared: PreparedAnatomy | None = None,
    ) -> None:
        self.plotter = plotter
        self.manifest = manifest
        self.landmarks = landmarks
        self.preset = preset
        self.stage = StageVisual(
            plotter, floor_radius=FLOOR_RADIUS_HEIGHTS * manifest.subject.height_m, preset=preset
        )
        self.anatomy = AnatomyVisual(
            plotter,
            manifest,
            preset.level_of_detail,
            None if prepared is None else prepared.parts,
            None if prepared is None else prepared.problems,
        )
        # Skinned structures are posed in the vertex shader, so VTK knows only their bounds
        # in the neutral pose; its frustum culler left out those whose neutral place was
        # out of view (gluteus medius of a body lying on the floor). A few dozen actors
        # need no culling.
        plotter.renderer.GetCullers().RemoveAllItems()
        self.labels = LabelsVisual(plotter.renderer, self._label_obstacles)
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
        #: The muscles coloured by effort in the last frame.
        self._effort_structures: set[str] = set()
        #: Muscles painted grey while the effort overlay is on (no effort computed).
        self._greyed: set[str] = set()
        self._legends = True
        self._label_requests: list[tuple[str, str]] = []
        self._label_anchors: list[Anchor] = []
        #: The view the labels were last placed for (None: place them again).
        self._placed_for: CameraPose | None = None
        self._home = self.anatomy.visible_bounds()
        self._structure_ids = frozenset(self.anatomy.ids)
        self._muscle_ids = (
            frozenset(entry.id for entry in manifest.structures if entry.group == "muscle")
            & self._structure_ids
        )

    def replace_anatomy(self, prepared: PreparedAnatomy) -> bool:
        """Show another set of the same structures (another patient's) in place.

        Every actor stays, with its colour, display mode and the selection; only the
        surfaces change (:meth:`AnatomyVisual.replace_geometry`), and the floor and the
        reset view follow the new height. The labels asked for stay asked for: place
        them again (:meth:`place_labels`) once the new body is posed. Returns ``False``,
        changing nothing, when the set's structures or their skinning differ, or some of
        its surfaces could not be read: build a new scene for it then.
        """
        if prepared.problems or not self.anatomy.can_replace(prepared.manifest, prepared.parts):
            return False
        factor = prepared.manifest.subject.height_m / self.manifest.subject.height_m
        self.anatomy.replace_geometry(prepared.manifest, prepared.parts)
        self.anatomy.problems = [p.problem for p in prepared.parts.values() if p.problem]
        self.manifest = prepared.manifest
        self.landmarks = prepared.landmarks
        self.stage.set_floor_radius(FLOOR_RADIUS_HEIGHTS * prepared.manifest.subject.height_m)
        center, extents = self._home
        self._home = (center * factor, extents * factor)
        # The anchors are vertices of the old surfaces.
        self._label_anchors = []
        self._placed_for = None
        self.labels.set_labels([], [])
        return True

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

    def set_labels(
        self,
        labels: Sequence[tuple[str, str | None]],
        camera: CameraPose | None = None,
        place: bool = True,
    ) -> None:
        """Pin labels: ``(structure id or structure.landmark, text or None for the name)``.

        Each label sits on a part of its structure that ``camera`` (default: the current
        camera) sees, at the current pose, and follows the bones from there. A label on a
        hidden structure, or on one out of sight behind others, is not drawn. With
        ``place`` False the labels are only asked for, and drawn once :meth:`place_labels`
        places them (placing draws a picture of the view to see what is in sight).
        """
        self._label_requests = [
            (target, text or self.anatomy.entry(structure_of(target)).name)
            for target, text in labels
            if structure_of(target) in self.anatomy.ids
        ]
        self._placed_for = None
        if place:
            self.place_labels(camera)
        else:
            self._label_anchors = []
            self.labels.set_labels([], [])

    def place_labels(self, camera: CameraPose | None = None) -> None:
        """Choose the labels' anchors again for ``camera`` (default: the current camera).

        Call it when the view has settled somewhere new (after a camera flight or a drag)
        so that labels move to what can be seen from there.
        """
        anchors: list[Anchor] = []
        view = camera or self.camera()
        if self._placed_for is not None and _same_view(view, self._placed_for):
            return  # placed for this very view already (a flight that ends where it aimed)
        if self._label_requests and self.plotter.render_window is not None:
            current = self.camera()
            if camera is not None:
                self.set_camera(camera)
            try:
                anchors = choose_anchors(self, self._label_requests)
            finally:
                if camera is not None:
                    self.set_camera(current)
        self._placed_for = view if self._label_requests else None
        self._label_anchors = anchors
        self.labels.set_labels(self._anchor_points(), [a.text for a in anchors])

    def _anchor_points(self) -> list[NDArray[np.float64]]:
        return [self.anatomy.vertex_position(a.structure, a.vertex) for a in self._label_anchors]

    def label_all_visible(self, on: bool, camera: CameraPose | None = None) -> None:
        """Label every structure in view (``on``), or remove all labels."""
        if not on:
            self.set_labels([])
            return
        self.set_labels(
            [(sid, None) for sid in self.anatomy.ids if self.anatomy.is_visible(sid)], camera
        )

    @property
    def label_ids(self) -> list[str]:
        """Structures that carry a drawn label now."""
        return [a.structure for a in self._label_anchors]

    @property
    def label_requests(self) -> list[tuple[str, str]]:
        """The labels asked for (drawn or not): ``(target, text)``; give them to `set_labels`."""
        return list(self._label_requests)

    def _label_obstacles(self) -> list[Rect]:
        """Rectangles the labels keep clear of: the caption and the overlays' readouts."""
        renderer = self.plotter.renderer
        window = self.plotter.render_window
        if window is None:
            return []
        rects: list[Rect] = []
        if self.caption.GetVisibility() and self.caption.GetInput():
            box = [0.0, 0.0, 0.0, 0.0]
            self.caption.GetBoundingBox(renderer, box)
            rects.append(Rect(box[0], box[2], box[1] - box[0], box[3] - box[2]))
        if self.simulation is not None:
            width, height = window.GetSize()
            rects.extend(self.simulation.readout_rects(renderer, (width, height)))
        return rects

    def apply_poses(self, poses: Mapping[str, NDArray[np.float64]]) -> None:
        """Pose the anatomy and keep the labels on their structures."""
        self.anatomy.apply_poses(poses)
        if self._label_anchors:
            self.labels.move(self._anchor_points())

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
        # Each working muscle the anatomy shows takes the colour of its own effort; the
        # muscles the model does not compute (the other leg's, the thigh's) turn grey, so
        # that their own red never reads as an effort.
        efforts = {
            structure: effort
            for structure, effort in overlay.efforts.items()
            if "effort" in overlays and structure in self._structure_ids
        }
        greyed = set(self._muscle_ids - efforts.keys()) if "effort" in overlays else set()
        for structure in (self._effort_structures | self._greyed) - efforts.keys() - greyed:
            self.anatomy.set_override_color(structure, None)
        for structure in greyed - self._greyed:
            self.anatomy.set_override_color(structure, NOT_COMPUTED_COLOR)
        self._effort_structures = set(efforts)
        self._greyed = greyed
        for structure, effort in efforts.items():
            self.anatomy.set_override_color(structure, self.simulation.effort_color(effort))

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


def _same_view(a: CameraPose, b: CameraPose) -> bool:
    """Whether two camera poses show the same picture (to a tenth of a millimetre)."""
    return a.mirrored == b.mirrored and all(
        np.allclose(x, y, atol=1e-4)
        for x, y in (
            (a.position, b.position),
            (a.focal_point, b.focal_point),
            (a.view_up, b.view_up),
        )
    )


def _pose(
    name: str, center: NDArray[np.float64], extents: NDArray[np.float64], aspect: float
) -> CameraPose:
    focal = (float(center[0]), float(center[1]), float(center[2]))
    half = (float(extents[0]), float(extents[1]), float(extents[2]))
    return preset_pose(name, focal, half, aspect=aspect, margin=_FRAME_MARGIN)


def load_scene(plotter: BasePlotter, meshes_dir: Path, preset: RenderPreset) -> AnatomyScene:
    """Read ``manifest.json`` and ``landmarks.json`` from ``meshes_dir`` and build the scene."""
    return AnatomyScene(plotter, load_manifest(meshes_dir), load_landmarks(meshes_dir), preset)


def scene_from_prepared(
    plotter: BasePlotter, prepared: PreparedAnatomy, preset: RenderPreset
) -> AnatomyScene:
    """Put an anatomy set read beforehand (by ``prepare_anatomy``) on ``plotter``.

    Nothing is read from disk here: this is the part of loading that must run where the
    plotter lives (the window's event loop), and the quick one.
    """
    return AnatomyScene(plotter, prepared.manifest, prepared.landmarks, preset, prepared)

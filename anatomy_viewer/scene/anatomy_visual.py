"""The anatomy on a plotter: one actor per structure, posed by segment transforms.

Rigid structures move by ``actor.user_matrix``; skinned ones (muscles, fascia, skin) are
deformed by linear blend skinning in the vertex shader (``scene/gpu_skinning.py``). Either
way a new pose sends only a few matrices to the renderer, never geometry. Should the
shader not take the skinning (a VTK whose shader text differs), that structure is skinned
in numpy instead, with a warning in the log.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pyvista as pv
from numpy.typing import NDArray
from pyvista.plotting.plotter import BasePlotter

from anatomy_viewer.anatomy.manifest import Manifest, ManifestEntry
from anatomy_viewer.anatomy.skinning import apply_pose
from anatomy_viewer.scene import gpu_skinning
from anatomy_viewer.scene.prepared_anatomy import PartGeometry, read_parts

log = logging.getLogger(__name__)

DisplayMode = Literal["shown", "hidden", "ghosted", "highlighted"]
DISPLAY_MODES: tuple[DisplayMode, ...] = ("shown", "hidden", "ghosted", "highlighted")

#: Opacity of a ghosted structure: enough to see where it is, not enough to hide what is under it.
GHOST_OPACITY = 0.18
#: Colour that selected and highlighted structures are tinted toward (warm gold).
HIGHLIGHT_TINT = np.array([1.0, 0.82, 0.25])


@dataclass
class _Part:
    """One structure on the plotter."""

    entry: ManifestEntry
    mesh: pv.PolyData
    actor: pv.Actor
    neutral_points: NDArray[np.float32]
    neutral_normals: NDArray[np.float32]
    weights: NDArray[np.float64] | None
    transforms: NDArray[np.float64] | None
    base_color: tuple[float, float, float]
    opacity: float
    visible: bool
    mode: DisplayMode = "shown"
    override_color: tuple[float, float, float] | None = None
    #: Skinning in the vertex shader; ``None`` for rigid parts and for skinned parts posed
    #: on the processor (when the shader did not take the skinning).
    shader: gpu_skinning.SkinningShader | None = None


def _material(entry: ManifestEntry) -> dict[str, float]:
    """Surface material per tissue: bone is matte with a soft sheen, muscle a little glossier."""
    if entry.group == "bone":
        return {"ambient": 0.18, "diffuse": 0.82, "specular": 0.18, "specular_power": 18.0}
    if entry.group == "skin":
        return {"ambient": 0.25, "diffuse": 0.7, "specular": 0.05, "specular_power": 5.0}
    return {"ambient": 0.15, "diffuse": 0.8, "specular": 0.28, "specular_power": 30.0}


class _CpuFallback:
    """What a skinning shader calls when it did not take: pose that structure in numpy.

    It holds the visual weakly: VTK keeps the shader's observer, which holds this.
    """

    def __init__(self, visual: AnatomyVisual, structure_id: str) -> None:
        self._visual = weakref.ref(visual)
        self._structure_id = structure_id

    def __call__(self, reason: str) -> None:
        visual = self._visual()
        if visual is not None:
            visual.fall_back_to_processor(self._structure_id, reason)


class AnatomyVisual:
    """Draws every structure of a manifest and poses them.

    Parameters
    ----------
    plotter
        Any PyVista plotter.
    manifest
        The loaded mesh manifest.
    level_of_detail
        ``"full"`` or ``"fast"`` (the lighter meshes for software renderers).
    parts, problems
        The surfaces already read and prepared
        (:func:`~anatomy_viewer.scene.prepared_anatomy.read_parts`) and what could not be
        read; by default they are read here.

    Attributes
    ----------
    problems
        One message per structure that could not be loaded; the rest are still drawn.
    """

    def __init__(
        self,
        plotter: BasePlotter,
        manifest: Manifest,
        level_of_detail: Literal["full", "fast"] = "full",
        parts: Mapping[str, PartGeometry] | None = None,
        problems: Sequence[str] | None = None,
    ) -> None:
        self._plotter = plotter
        self._parts: dict[str, _Part] = {}
        self._actor_ids: dict[int, str] = {}
        self._selected: str | None = None
        self._normal_sign = 1.0
        if parts is None:
            parts, problems = read_parts(manifest, level_of_detail)
        self.problems: list[str] = list(problems or [])
        for entry in manifest.structures:
            geometry = parts.get(entry.id)
            if geometry is not None:
                self._add(entry, geometry)

    def _add(self, entry: ManifestEntry, geometry: PartGeometry) -> None:
        mesh, weights = geometry.mesh, geometry.weights
        if geometry.problem is not None:
            self.problems.append(geometry.problem)
        color = tuple(float(c) for c in entry.color)
        material = _material(entry)
        # Smooth shading comes from the mesh's own normals (Gouraud), not from PyVista's
        # smooth_shading, which would draw a copy: posing must move the drawn points.
        actor = self._plotter.add_mesh(
            mesh,
            color=color,
            opacity=entry.opacity,
            smooth_shading=False,
            scalars=None,
            name=f"structure_{entry.id}",
            render=False,
            reset_camera=False,
            ambient=material["ambient"],
            diffuse=material["diffuse"],
            specular=material["specular"],
            specular_power=material["specular_power"],
        )
        actor.prop.interpolation = "gouraud"
        actor.SetVisibility(entry.visible)
        transforms = None
        shader = None
        if weights is not None:
            shader = gpu_skinning.SkinningShader(actor, mesh, weights, _CpuFallback(self, entry.id))
            transforms = np.stack([np.eye(4)] * weights.shape[1])
        self._parts[entry.id] = _Part(
            entry=entry,
            mesh=mesh,
            actor=actor,
            neutral_points=geometry.neutral_points,
            neutral_normals=geometry.neutral_normals,
            shader=shader,
            weights=weights,
            transforms=transforms,
            base_color=(color[0], color[1], color[2]),
            opacity=entry.opacity,
            visible=entry.visible,
        )
        self._actor_ids[id(actor)] = entry.id

    def can_replace(self, manifest: Manifest, parts: Mapping[str, PartGeometry]) -> bool:
        """Whether :meth:`replace_geometry` can take this set: the same structures, each
        skinned to the same segments (or rigid) as the surface it replaces."""
        if list(parts) != list(self._parts):
            return False
        entries = {entry.id: entry for entry in manifest.structures}
        for structure_id, part in self._parts.items():
            entry = entries.get(structure_id)
            if entry is None or entry.segment != part.entry.segment:
                return False
            new_weights = parts[structure_id].weights
            if (new_weights is None) != (part.weights is None):
                return False
            old_skinning, new_skinning = part.entry.skinning, entry.skinning
            old_segments = None if old_skinning is None else old_skinning.segments
            if old_segments != (None if new_skinning is None else new_skinning.segments):
                return False
        return True

    def replace_geometry(self, manifest: Manifest, parts: Mapping[str, PartGeometry]) -> None:
        """Draw every structure with a new surface (another patient's), in place.

        The actors, their shader programs, colours, display modes and the selection stay;
        only the geometry each actor draws changes, so the next frame costs about one
        ordinary frame. Check :meth:`can_replace` first.
        """
        entries = {entry.id: entry for entry in manifest.structures}
        for structure_id, part in self._parts.items():
            geometry = parts[structure_id]
            part.entry = entries[structure_id]
            part.mesh = geometry.mesh
            part.neutral_points = geometry.neutral_points
            part.neutral_normals = geometry.neutral_normals
            part.weights = geometry.weights
            if part.weights is not None:
                part.transforms = np.stack([np.eye(4)] * part.weights.shape[1])
            if part.shader is not None:
                part.shader.set_mesh(geometry.mesh)
            else:
                part.actor.GetMapper().SetInputData(geometry.mesh)
            if self._normal_sign < 0:
                current = np.asarray(geometry.mesh.point_data["Normals"], dtype=np.float32)
                self._set_normals(part, -current)

    # -- queries -----------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        """Ids of the structures that are drawn, in manifest order."""
        return list(self._parts)

    def actor(self, structure_id: str) -> pv.Actor:
        """The actor of a structure."""
        return self._parts[structure_id].actor

    def entry(self, structure_id: str) -> ManifestEntry:
        """The manifest entry of a drawn structure."""
        return self._parts[structure_id].entry

    def id_of_actor(self, actor: object) -> str | None:
        """Structure id of a picked actor, or ``None`` for anything else (floor, overlays)."""
        return self._actor_ids.get(id(actor))

    def is_visible(self, structure_id: str) -> bool:
        """Whether the structure is drawn (not hidden)."""
        return bool(self._parts[structure_id].actor.GetVisibility())

    def opacity(self, structure_id: str) -> float:
        """The structure's opacity as set by the user (before ghosting)."""
        return self._parts[structure_id].opacity

    def color(self, structure_id: str) -> tuple[float, float, float]:
        """The structure's own colour (before highlighting)."""
        return self._parts[structure_id].base_color

    def mode(self, structure_id: str) -> DisplayMode:
        """The display mode last applied to the structure."""
        return self._parts[structure_id].mode

    def surface_vertex(self, structure_id: str, near: NDArray[np.float64]) -> int:
        """Index of the structure's neutral-pose vertex closest to the point ``near``."""
        points = self._parts[structure_id].neutral_points
        return int(np.argmin(np.linalg.norm(points - np.asarray(near, dtype=np.float32), axis=1)))

    def vertex_position(self, structure_id: str, index: int) -> NDArray[np.float64]:
        """Where vertex ``index`` of a structure is now, in the current pose."""
        part = self._parts[structure_id]
        if part.weights is not None and part.transforms is not None:
            posed = apply_pose(
                part.neutral_points[index : index + 1],
                part.weights[index : index + 1],
                part.transforms,
            )
            return np.asarray(posed[0], dtype=np.float64)
        matrix = np.asarray(part.actor.user_matrix, dtype=np.float64)
        point = part.neutral_points[index].astype(np.float64)
        return np.asarray(matrix[:3, :3] @ point + matrix[:3, 3], dtype=np.float64)

    def neutral_points(self, structure_id: str) -> NDArray[np.float64]:
        """Every vertex of the structure in the neutral pose, ``(n, 3)`` metres."""
        return np.asarray(self._parts[structure_id].neutral_points, dtype=np.float64)

    def posed_points(self, structure_id: str) -> NDArray[np.float64]:
        """Every vertex of the structure where it is now, in the current pose."""
        part = self._parts[structure_id]
        if part.weights is not None and part.transforms is not None:
            posed = apply_pose(part.neutral_points, part.weights, part.transforms)
            return np.asarray(posed, dtype=np.float64)
        matrix = np.asarray(part.actor.user_matrix, dtype=np.float64)
        points = part.neutral_points.astype(np.float64)
        return np.asarray(points @ matrix[:3, :3].T + matrix[:3, 3], dtype=np.float64)

    def neutral_center(self, structure_id: str) -> NDArray[np.float64]:
        """Centre of the structure's bounding box in the neutral pose."""
        points = self._parts[structure_id].neutral_points
        return np.asarray((points.min(axis=0) + points.max(axis=0)) / 2.0, dtype=np.float64)

    def visible_bounds(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Centre and half-extents (x, y, z) of the box around the visible structures."""
        boxes = [
            self._posed_bounds(part)
            for part in self._parts.values()
            if part.actor.GetVisibility() and part.entry.group != "skin"
        ]
        if not boxes:
            return np.array([0.0, 0.0, 0.9]), np.array([0.5, 0.5, 0.5])
        stacked = np.array(boxes)
        low = stacked[:, 0::2].min(axis=0)
        high = stacked[:, 1::2].max(axis=0)
        return (low + high) / 2.0, np.maximum((high - low) / 2.0, 0.02)

    @staticmethod
    def _posed_bounds(part: _Part) -> NDArray[np.float64]:
        """``(xmin, xmax, ymin, ymax, zmin, zmax)`` of the structure as it is drawn now.

        A skinned structure is posed in the vertex shader, so VTK's bounds are those of
        its neutral pose, several centimetres off once the body shifts over the standing
        leg: a camera framed on them cut the structure off. Its points are posed here.
        """
        if part.weights is None or part.transforms is None:
            return np.asarray(part.actor.GetBounds(), dtype=np.float64)
        posed = apply_pose(part.neutral_points, part.weights, part.transforms)
        low, high = posed.min(axis=0), posed.max(axis=0)
        return np.array([low[0], high[0], low[1], high[1], low[2], high[2]], dtype=np.float64)

    def triangle_count(self) -> int:
        """Number of triangles drawn for the visible structures."""
        return int(sum(p.mesh.n_cells for p in self._parts.values() if p.actor.GetVisibility()))

    # -- appearance --------------------------------------------------------------------

    def set_visible(self, structure_id: str, visible: bool) -> None:
        """Show or hide a structure (the user's choice, kept across display modes)."""
        part = self._parts[structure_id]
        part.visible = visible
        part.mode = "shown" if visible else "hidden"
        self._refresh(part)

    def set_opacity(self, structure_id: str, opacity: float) -> None:
        """Set the structure's opacity, 0 (invisible) to 1 (solid)."""
        part = self._parts[structure_id]
        part.opacity = float(min(max(opacity, 0.0), 1.0))
        self._refresh(part)

    def set_color(self, structure_id: str, color: Sequence[float]) -> None:
        """Set the structure's colour (RGB, 0..1)."""
        part = self._parts[structure_id]
        part.base_color = (float(color[0]), float(color[1]), float(color[2]))
        self._refresh(part)

    def set_override_color(self, structure_id: str, color: Sequence[float] | None) -> None:
        """Paint a structure in a temporary colour (effort), or give it back its own (``None``)."""
        part = self._parts.get(structure_id)
        if part is None:
            return
        part.override_color = (
            None if color is None else (float(color[0]), float(color[1]), float(color[2]))
        )
        self._refresh(part)

    def override_colors(self) -> dict[str, tuple[float, float, float]]:
        """The structures painted in a temporary colour, and that colour."""
        return {
            structure_id: part.override_color
            for structure_id, part in self._parts.items()
            if part.override_color is not None
        }

    def set_mode(self, structure_id: str, mode: DisplayMode) -> None:
        """Apply a lesson display mode: shown, hidden, ghosted or highlighted."""
        if mode not in DISPLAY_MODES:
            raise ValueError(f"unknown display mode {mode!r}")
        part = self._parts[structure_id]
        part.mode = mode
        part.visible = mode != "hidden"
        self._refresh(part)

    def set_modes(self, modes: Mapping[str, DisplayMode]) -> None:
        """Apply display modes to many structures; ids that are not drawn are skipped."""
        for structure_id, mode in modes.items():
            if structure_id in self._parts:
                self.set_mode(structure_id, mode)

    def isolate(self, structure_ids: Iterable[str]) -> None:
        """Show only the given structures."""
        keep = set(structure_ids)
        for structure_id in self._parts:
            self.set_visible(structure_id, structure_id in keep)

    def show_all(self, include_skin: bool = False) -> None:
        """Show every structure (the skin only when asked) at its default opacity."""
        for part in self._parts.values():
            part.opacity = part.entry.opacity
            self.set_visible(part.entry.id, include_skin or part.entry.group != "skin")

    def select(self, structure_id: str | None) -> None:
        """Mark one structure as selected (tinted), or clear the selection with ``None``."""
        previous, self._selected = self._selected, structure_id
        for changed in (previous, structure_id):
            if changed is not None and changed in self._parts:
                self._refresh(self._parts[changed])

    @property
    def selected(self) -> str | None:
        """The selected structure id, if any."""
        return self._selected

    def _refresh(self, part: _Part) -> None:
        prop = part.actor.GetProperty()
        emphasised = part.mode == "highlighted" or part.entry.id == self._selected
        color = np.asarray(part.override_color or part.base_color)
        if emphasised:
            color = color * 0.45 + HIGHLIGHT_TINT * 0.55
        prop.SetColor(*(float(c) for c in color))
        prop.SetAmbient(0.45 if emphasised else _material(part.entry)["ambient"])
        opacity = GHOST_OPACITY if part.mode == "ghosted" else part.opacity
        if part.mode == "highlighted":
            # A lesson's highlight must be seen; a selection keeps the opacity the user set.
            opacity = max(opacity, 0.85)
        prop.SetOpacity(opacity)
        part.actor.SetPickable(part.mode != "ghosted")
        part.actor.SetVisibility(part.visible and part.mode != "hidden")

    # -- pose --------------------------------------------------------------------------

    def apply_poses(self, poses: Mapping[str, NDArray[np.float64]]) -> None:
        """Move every structure to the given segment poses.

        Parameters
        ----------
        poses
            Segment name -> 4x4 transform relative to the neutral pose (world frame).
            Segments that are missing stay in the neutral pose.
        """
        identity = np.eye(4)
        for part in self._parts.values():
            entry = part.entry
            if part.weights is not None and entry.skinning is not None:
                transforms = np.stack([poses.get(s, identity) for s in entry.skinning.segments])
                part.transforms = transforms
                if part.shader is not None:
                    part.shader.set_transforms(transforms)
                else:
                    self._skin_on_processor(part)
            else:
                part.actor.user_matrix = np.asarray(poses.get(entry.segment, identity))

    def lowest_point(self, poses: Mapping[str, NDArray[np.float64]], stride: int = 7) -> float:
        """Height of the lowest point of the anatomy (skin left out) posed by ``poses``.

        Whether shown or not, every structure counts, so a body laid on the floor rests
        at the same height whatever the view shows; every ``stride``-th point is enough.
        """
        identity = np.eye(4)
        lowest = np.inf
        for part in self._parts.values():
            entry = part.entry
            if entry.group == "skin":
                continue
            points = part.neutral_points[::stride].astype(np.float64)
            if part.weights is not None and entry.skinning is not None:
                stack = np.stack([poses.get(s, identity) for s in entry.skinning.segments])
                posed = apply_pose(points, part.weights[::stride], stack)
                low = float(posed[:, 2].min())
            else:
                t = np.asarray(poses.get(entry.segment, identity), dtype=np.float64)
                low = float((points @ t[2, :3] + t[2, 3]).min())
            lowest = min(lowest, low)
        return float(lowest) if np.isfinite(lowest) else 0.0

    def skinned_on_processor(self) -> list[str]:
        """Skinned structures posed in numpy because their shader did not take the skinning."""
        return [
            structure_id
            for structure_id, part in self._parts.items()
            if part.weights is not None and part.shader is None
        ]

    def fall_back_to_processor(self, structure_id: str, reason: str) -> None:
        """Pose a skinned structure in numpy from now on (its shader did not skin it)."""
        part = self._parts.get(structure_id)
        if part is None or part.weights is None:
            return
        log.warning(
            "%s: the vertex shader did not take the skinning (%s); posing it on the "
            "processor instead, which is slower",
            structure_id,
            reason,
        )
        if part.shader is not None:
            part.shader.remove()
            part.shader = None
        self._skin_on_processor(part)

    def _skin_on_processor(self, part: _Part) -> None:
        """Linear blend skinning in numpy: points and normals of the current pose."""
        if part.weights is None or part.transforms is None:
            return
        rotations = part.transforms.copy()
        rotations[:, :3, 3] = 0.0
        normals = apply_pose(part.neutral_normals, part.weights, rotations)
        normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
        part.mesh.points = apply_pose(part.neutral_points, part.weights, part.transforms)
        self._set_normals(part, normals * self._normal_sign)

    def set_mirrored(self, mirrored: bool) -> None:
        """Turn every normal around for a mirrored view.

        A mirror (negative scale in the camera) reverses the surfaces' orientation, and VTK
        would light every surface from behind; flipped normals light it from the front again.
        """
        sign = -1.0 if mirrored else 1.0
        if sign == self._normal_sign:
            return
        self._normal_sign = sign
        for part in self._parts.values():
            current = np.asarray(part.mesh.point_data["Normals"], dtype=np.float32)
            self._set_normals(part, -current)

    @staticmethod
    def _set_normals(part: _Part, normals: NDArray[np.float32] | NDArray[np.float64]) -> None:
        data = part.mesh.GetPointData()
        part.mesh.point_data.set_array(np.asarray(normals, dtype=float), "Normals")
        data.SetActiveNormals("Normals")
        part.mesh.Modified()

    def close(self) -> None:
        """Remove every structure's actor from the plotter."""
        for part in self._parts.values():
            if part.shader is not None:
                part.shader.remove()  # its observer refers back to this visual
                part.shader = None
            self._plotter.remove_actor(part.actor, render=False)
        self._parts.clear()
        self._actor_ids.clear()

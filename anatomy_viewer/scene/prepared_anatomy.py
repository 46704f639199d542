"""An anatomy set read from disk and made ready to draw, without touching any plotter.

Reading some fifty surfaces, giving them normals and laying out their skinning weights
for the vertex shader takes far longer than drawing them. :func:`prepare_anatomy` and
:func:`read_parts` do all of that and nothing else, without touching a plotter, so the
window can read a new set a few surfaces per turn of the event loop and then hand the
prepared surfaces to the actors already in the 3D view (:meth:`AnatomyScene.replace_anatomy
<anatomy_viewer.scene.anatomy_scene.AnatomyScene.replace_anatomy>`) in one short step.
They use VTK, so they run on the thread that draws: VTK objects made and freed on two
threads at once crashed the app.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pyvista as pv
from numpy.typing import NDArray

from anatomy_viewer.anatomy.manifest import (
    Landmarks,
    Manifest,
    ManifestEntry,
    load_landmarks,
    load_manifest,
)
from anatomy_viewer.errors import MeshLoadError
from anatomy_viewer.scene import gpu_skinning

log = logging.getLogger(__name__)

LevelOfDetail = Literal["full", "fast"]


def load_mesh(path: Path) -> pv.PolyData:
    """Read a ``.vtp`` surface; :class:`MeshLoadError` if it is missing, empty or corrupt."""
    if not path.is_file():
        raise MeshLoadError(
            path, "file not found; run 'anatomy-viewer build-meshes' to recreate it"
        )
    if path.stat().st_size == 0:
        raise MeshLoadError(path, "file is empty; run 'anatomy-viewer build-meshes' to recreate it")
    try:
        mesh = pv.read(path)
    except Exception as exc:  # VTK raises plain exceptions of several kinds for a corrupt file
        raise MeshLoadError(
            path, f"cannot be read ({exc}); rebuild it with 'anatomy-viewer build-meshes'"
        ) from exc
    if not isinstance(mesh, pv.PolyData) or mesh.n_points == 0 or mesh.n_cells == 0:
        raise MeshLoadError(path, "holds no surface; rebuild it with 'anatomy-viewer build-meshes'")
    return mesh


def mesh_path(manifest: Manifest, entry: ManifestEntry, level_of_detail: LevelOfDetail) -> Path:
    """The file of ``entry``'s surface at ``level_of_detail``."""
    return manifest.directory / (entry.file_fast if level_of_detail == "fast" else entry.file)


def with_normals(mesh: pv.PolyData) -> pv.PolyData:
    """``mesh`` with point normals (computed when the file has none)."""
    if mesh.GetPointData().GetNormals() is None:
        with_point_normals: pv.PolyData = mesh.compute_normals(
            cell_normals=False, split_vertices=False
        )
        return with_point_normals
    return mesh


@dataclass(frozen=True)
class PartGeometry:
    """One structure's surface, ready to draw and pose.

    Attributes
    ----------
    mesh
        The surface with point normals (and, when skinned, the shader's weight arrays).
    neutral_points, neutral_normals
        Copies of its points and normals in the neutral pose.
    weights
        ``(n, k)`` skinning weights, one column per segment of the manifest's skinning;
        ``None`` for a rigid structure, or one whose weights are unusable (see ``problem``).
    problem
        Why the structure will not follow the bones, if it will not.
    """

    mesh: pv.PolyData
    neutral_points: NDArray[np.float32]
    neutral_normals: NDArray[np.float32]
    weights: NDArray[np.float64] | None
    problem: str | None = None

    def copy(self) -> PartGeometry:
        """A copy with a surface of its own (a second view poses its own points)."""
        return PartGeometry(
            self.mesh.copy(deep=True),
            self.neutral_points,
            self.neutral_normals,
            self.weights,
            self.problem,
        )


def _skinning_weights(
    entry: ManifestEntry, mesh: pv.PolyData
) -> tuple[NDArray[np.float64] | None, str | None]:
    """The mesh's skinning weights for ``entry``, or ``None`` and why they cannot be used."""
    if entry.skinning is None:
        return None, None
    array = mesh.point_data.get(entry.skinning.array)
    if array is None:
        return None, (
            f"{entry.id}: mesh has no '{entry.skinning.array}' weights; "
            "it will not follow the bones"
        )
    weights = np.asarray(array, dtype=np.float64).reshape(mesh.n_points, -1)
    if weights.shape[1] != len(entry.skinning.segments):
        return None, (
            f"{entry.id}: the mesh has {weights.shape[1]} skinning weights per point "
            f"for {len(entry.skinning.segments)} segments in the manifest; it will "
            "not follow the bones (rebuild the meshes with build-meshes)"
        )
    if weights.shape[1] > gpu_skinning.MAX_SEGMENTS:
        return None, (
            f"{entry.id}: skinned to {weights.shape[1]} segments, more than the "
            f"{gpu_skinning.MAX_SEGMENTS} the renderer takes; it will not follow "
            "the bones"
        )
    return weights, None


def part_geometry(entry: ManifestEntry, mesh: pv.PolyData) -> PartGeometry:
    """``mesh`` made ready to draw as ``entry``: normals, skinning weights, neutral copies."""
    mesh = with_normals(mesh)
    weights, problem = _skinning_weights(entry, mesh)
    if weights is not None:
        gpu_skinning.add_weight_arrays(mesh, weights)
    return PartGeometry(
        mesh=mesh,
        neutral_points=np.array(mesh.points, dtype=np.float32, copy=True),
        neutral_normals=np.array(mesh.point_data["Normals"], dtype=np.float32, copy=True),
        weights=weights,
        problem=problem,
    )


@dataclass
class PreparedAnatomy:
    """A manifest, its landmarks and every surface it names, read and ready to draw.

    Attributes
    ----------
    manifest, landmarks
        As read from the set's folder.
    level_of_detail
        Which surfaces were read: ``"full"`` or ``"fast"``.
    parts
        Structure id -> its prepared surface, for each surface that could be read.
    problems
        One message per surface that could not be read (the rest are drawn).
    """

    manifest: Manifest
    landmarks: Landmarks
    level_of_detail: LevelOfDetail
    parts: dict[str, PartGeometry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def copy(self) -> PreparedAnatomy:
        """A copy with surfaces of its own (a second view draws and poses its own)."""
        return PreparedAnatomy(
            manifest=self.manifest,
            landmarks=self.landmarks,
            level_of_detail=self.level_of_detail,
            parts={sid: part.copy() for sid, part in self.parts.items()},
            problems=list(self.problems),
        )


def read_parts(
    manifest: Manifest,
    level_of_detail: LevelOfDetail,
    entries: Sequence[ManifestEntry] | None = None,
) -> tuple[dict[str, PartGeometry], list[str]]:
    """The surfaces of ``entries`` (default: every one ``manifest`` names), prepared, and a
    message for each unreadable one.

    VTK reads and filters them: call it on the thread that draws (VTK's reference
    counting and garbage collection are not safe across threads), a few entries at a time
    when the event loop must stay responsive.
    """
    parts: dict[str, PartGeometry] = {}
    problems: list[str] = []
    for entry in manifest.structures if entries is None else entries:
        try:
            mesh = load_mesh(mesh_path(manifest, entry, level_of_detail))
        except MeshLoadError as error:
            problems.append(str(error))
            log.warning("%s", error)
            continue
        parts[entry.id] = part_geometry(entry, mesh)
    return parts, problems


def prepare_anatomy(folder: Path, level_of_detail: LevelOfDetail) -> PreparedAnatomy:
    """Read the set in ``folder`` (manifest, landmarks, surfaces); no plotter is touched.

    Raises
    ------
    ManifestError
        When the manifest or the landmarks cannot be read (the message names the file).
    """
    manifest = load_manifest(folder)
    landmarks = load_landmarks(folder)
    parts, problems = read_parts(manifest, level_of_detail)
    return PreparedAnatomy(manifest, landmarks, level_of_detail, parts, problems)

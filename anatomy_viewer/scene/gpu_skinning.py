"""Linear blend skinning in the vertex shader: muscles deform on the graphics card.

The skinned structures (muscles, fascia, skin) keep their neutral-pose points and normals
on the graphics card, with their skinning weights as extra vertex attributes. Each frame
only the segments' 4x4 transforms change (a few uniforms), and the vertex shader blends
them per vertex, exactly as :func:`anatomy_viewer.anatomy.skinning.apply_pose` does on
the processor:

``p' = sum_k w_k (T_k p)``, and the normal is turned by the blended rotation.

Re-skinning ten muscles in numpy and sending their points and normals to the renderer
every frame cost about 6 ms of a 34 ms frame on a software renderer
(docs/performance.md); here it costs nothing measurable. The processor-side
:func:`apply_pose` is still the reference: labels anchored on a muscle use it for their
one vertex, and the tests check that both draw the same picture. It also takes over if
the shader text VTK generates ever stops matching the replacements: each shader VTK builds
is read back and checked (:class:`SkinningShader`), and a mesh whose shader does not skin
is posed on the processor instead, with a warning in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pyvista as pv
from numpy.typing import NDArray
from vtkmodules.vtkCommonCore import VTK_OBJECT, vtkCommand
from vtkmodules.vtkCommonDataModel import vtkDataObject
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingOpenGL2 import vtkOpenGLPolyDataMapper

log = logging.getLogger(__name__)

#: Vertex attributes hold four weights each; two attributes give up to eight segments
#: (the skin follows eight: trunk, pelvis, both femurs, tibias and feet).
MAX_SEGMENTS = 8


def _weight_array_name(group: int) -> str:
    return f"skin_gpu_weights_{group}"


def _bone_uniform(index: int) -> str:
    return f"skinBone{index}"


def _shader_code(segment_count: int) -> tuple[str, str]:
    """GLSL for the declarations, and for the blended matrix and the posed vertex."""
    groups = (segment_count + 3) // 4
    declarations = "".join(f"in vec4 skinWeights{g};\n" for g in range(groups))
    terms = " + ".join(
        f"skinWeights{i // 4}[{i % 4}] * {_bone_uniform(i)}" for i in range(segment_count)
    )
    blend = (
        f"  mat4 skinMatrix = {terms};\n  vec4 skinnedMC = skinMatrix * vec4(vertexMC.xyz, 1.0);\n"
    )
    return declarations, blend


#: VTK's vertex shader text that the replacements below rewrite. If a VTK release writes
#: it differently, the replacement does nothing: :class:`SkinningShader` notices (it reads
#: the shader VTK built) and the caller poses the mesh on the processor instead.
POSITION_TAG = "//VTK::PositionVC::Dec"
CUSTOM_TAG = "//VTK::CustomBegin::Impl"
VERTEX_USE = "* vertexMC;"
NORMAL_USE = "normalMatrix * normalMC;"
#: What the skinned shader must say instead.
SKINNED_VERTEX_USE = "* skinnedMC;"
SKINNED_NORMAL_USE = "normalMatrix * normalize(mat3(skinMatrix) * normalMC);"


Method = TypeVar("Method", bound=Callable[..., None])


def _receives_vtk_object(method: Method) -> Method:
    """Mark an observer so that VTK passes its event's call data (as its Python object)."""
    method.CallDataType = VTK_OBJECT  # type: ignore[attr-defined]
    return method


def missing_skinning(source: str) -> str | None:
    """Why a vertex shader does not skin, or ``None`` when it does.

    Every use of the neutral vertex and normal must have become the skinned one: a use
    left as it was would draw that part of the muscle where it is at rest.
    """
    if "mat4 skinMatrix" not in source:
        return "the blended matrix was not added"
    for line in source.splitlines():
        code = line.split("//", 1)[0].strip()
        if not code or code.startswith(("in ", "attribute ")):
            continue  # declarations
        if "vertexMC" in code and "vec4(vertexMC.xyz, 1.0)" not in code:
            return f"the unposed vertex is still used: {code!r}"
        if "normalMC" in code and SKINNED_NORMAL_USE not in code:
            return f"the unposed normal is still used: {code!r}"
    if SKINNED_VERTEX_USE not in source:
        return "the position does not use the skinned vertex"
    return None


def add_weight_arrays(mesh: pv.PolyData, weights: NDArray[np.float64]) -> int:
    """Put ``weights`` on ``mesh`` as the shader's vertex attributes, four to an array.

    A mesh prepared beforehand (off the event loop) carries them already when a
    :class:`SkinningShader` draws it (:meth:`SkinningShader.set_mesh`). Returns the number
    of arrays.
    """
    n_points, segment_count = weights.shape
    groups = int(segment_count + 3) // 4
    padded = np.zeros((n_points, 4 * groups), dtype=np.float32)
    padded[:, :segment_count] = weights
    for group in range(groups):
        mesh.point_data[_weight_array_name(group)] = np.ascontiguousarray(
            padded[:, 4 * group : 4 * group + 4]
        )
    return groups


class SkinningShader:
    """Skinning in ``actor``'s vertex shader, checked every time VTK builds the shader.

    VTK fills its shader templates in when it draws, for the lights, passes and options of
    the moment; the replacements are applied then. An observer of the mapper's
    ``UpdateShaderEvent`` reads each new shader program once: if a replacement did not
    take, the replacements are removed (VTK's own shader draws the mesh as it is) and
    ``on_missed(reason)`` is called so that the caller poses the mesh on the processor.
    Nothing is rebuilt on frames that reuse a checked program.

    Parameters
    ----------
    actor
        The actor drawing ``mesh``; it gets an OpenGL poly data mapper (PyVista's data set
        mapper cannot pass extra vertex attributes), with scalar colouring off.
    mesh
        The neutral-pose mesh, with point normals; the weights are added to it as arrays.
    weights
        ``(n, k)`` skinning weights, one column per segment, ``k <= MAX_SEGMENTS``.
    on_missed
        Called once, with the reason, if the shader VTK built does not skin.

    Raises
    ------
    ValueError
        If there are more segments than the shader takes, or the shapes do not match.
    """

    def __init__(
        self,
        actor: pv.Actor,
        mesh: pv.PolyData,
        weights: NDArray[np.float64],
        on_missed: Callable[[str], None],
    ) -> None:
        n_points, segment_count = weights.shape
        if segment_count > MAX_SEGMENTS or segment_count < 1:
            raise ValueError(
                f"GPU skinning takes 1 to {MAX_SEGMENTS} segments, got {segment_count}"
            )
        if n_points != mesh.n_points:
            raise ValueError(f"weights have {n_points} rows for {mesh.n_points} points")
        self.actor = actor
        self.segment_count = segment_count
        #: Why the shader did not skin, once that is known (then nothing is skinned here).
        self.missed: str | None = None
        self._on_missed: Callable[[str], None] | None = on_missed
        self._checked: set[str] = set()
        groups = (segment_count + 3) // 4
        if any(_weight_array_name(g) not in mesh.point_data for g in range(groups)):
            add_weight_arrays(mesh, weights)
        mapper = vtkOpenGLPolyDataMapper()
        mapper.SetInputData(mesh)
        mapper.ScalarVisibilityOff()
        actor.SetMapper(mapper)
        for group in range(groups):
            mapper.MapDataArrayToVertexAttribute(
                f"skinWeights{group}",
                _weight_array_name(group),
                vtkDataObject.FIELD_ASSOCIATION_POINTS,
                -1,
            )
        declarations, blend = _shader_code(segment_count)
        shaders = actor.GetShaderProperty()
        # The declarations and the blended matrix go in before VTK fills in its own code
        # (the tags are written back for VTK); the uses of the vertex and the normal are
        # changed after, in whatever form VTK generated them for the current lighting and
        # pass.
        shaders.AddVertexShaderReplacement(
            POSITION_TAG, True, POSITION_TAG + "\n" + declarations, False
        )
        shaders.AddVertexShaderReplacement(CUSTOM_TAG, True, CUSTOM_TAG + "\n" + blend, False)
        shaders.AddVertexShaderReplacement(VERTEX_USE, False, SKINNED_VERTEX_USE, True)
        shaders.AddVertexShaderReplacement(NORMAL_USE, False, SKINNED_NORMAL_USE, True)
        self._mapper = mapper
        self._observer: int | None = mapper.AddObserver(
            vtkCommand.UpdateShaderEvent, self._shader_built
        )
        self.set_transforms(np.stack([np.eye(4)] * segment_count))

    @_receives_vtk_object
    def _shader_built(self, _mapper: object, _event: str, program: Any) -> None:
        """VTK's ``UpdateShaderEvent``: check a shader program the first time it is used."""
        try:
            if program is None or self.missed is not None:
                return
            key = str(program.__this__)
            if key in self._checked:
                return
            reason = missing_skinning(program.GetVertexShader().GetSource())
            if reason is None:
                self._checked.add(key)
                return
            self.missed = reason
            callback = self._on_missed
            self.remove()
            if callback is not None:
                callback(reason)
        except Exception:  # nothing may escape a VTK observer
            log.exception("checking the skinning shader failed")

    def set_mesh(self, mesh: pv.PolyData) -> None:
        """Draw ``mesh`` instead, with the same segments; its weights must be on it already
        (:func:`add_weight_arrays`). The shader program stays as it is."""
        self._mapper.SetInputData(mesh)

    def set_transforms(self, transforms: NDArray[np.float64]) -> None:
        """Give the shader the segments' transforms: ``(k, 4, 4)``, in weight-column order."""
        uniforms = self.actor.GetShaderProperty().GetVertexCustomUniforms()
        matrix = vtkMatrix4x4()
        for index, transform in enumerate(transforms):
            # VTK hands the sixteen numbers to OpenGL as they are, and GLSL reads them
            # column by column: pass the transpose of the row-major matrix.
            matrix.DeepCopy(np.asarray(transform, dtype=np.float64).T.ravel().tolist())
            uniforms.SetUniformMatrix(_bone_uniform(index), matrix)

    def remove(self) -> None:
        """Stop skinning in the shader: VTK's own shader draws the mesh from now on."""
        if self._observer is not None:
            self._mapper.RemoveObserver(self._observer)
            self._observer = None
        self.actor.GetShaderProperty().ClearAllVertexShaderReplacements()
        self._on_missed = None

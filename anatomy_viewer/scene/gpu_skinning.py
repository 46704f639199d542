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
one vertex, and the tests check that both draw the same picture.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from numpy.typing import NDArray
from vtkmodules.vtkCommonDataModel import vtkDataObject
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingOpenGL2 import vtkOpenGLPolyDataMapper

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


def install(actor: pv.Actor, mesh: pv.PolyData, weights: NDArray[np.float64]) -> None:
    """Make ``actor`` draw ``mesh`` skinned by ``weights`` in its vertex shader.

    Parameters
    ----------
    actor
        The actor drawing ``mesh``; it gets an OpenGL poly data mapper (PyVista's data set
        mapper cannot pass extra vertex attributes), with scalar colouring off.
    mesh
        The neutral-pose mesh, with point normals; the weights are added to it as arrays.
    weights
        ``(n, k)`` skinning weights, one column per segment, ``k <= MAX_SEGMENTS``.

    Raises
    ------
    ValueError
        If there are more segments than the shader takes, or the shapes do not match.
    """
    n_points, segment_count = weights.shape
    if segment_count > MAX_SEGMENTS or segment_count < 1:
        raise ValueError(f"GPU skinning takes 1 to {MAX_SEGMENTS} segments, got {segment_count}")
    if n_points != mesh.n_points:
        raise ValueError(f"weights have {n_points} rows for {mesh.n_points} points")
    groups = (segment_count + 3) // 4
    padded = np.zeros((n_points, 4 * groups), dtype=np.float32)
    padded[:, :segment_count] = weights
    mapper = vtkOpenGLPolyDataMapper()
    mapper.SetInputData(mesh)
    mapper.ScalarVisibilityOff()
    actor.SetMapper(mapper)
    for group in range(groups):
        name = _weight_array_name(group)
        mesh.point_data[name] = np.ascontiguousarray(padded[:, 4 * group : 4 * group + 4])
        mapper.MapDataArrayToVertexAttribute(
            f"skinWeights{group}", name, vtkDataObject.FIELD_ASSOCIATION_POINTS, -1
        )
    declarations, blend = _shader_code(segment_count)
    shaders = actor.GetShaderProperty()
    # The declarations and the blended matrix go in before VTK fills in its own code (the
    # tags are written back for VTK); the uses of the vertex and the normal are changed
    # after, in whatever form VTK generated them for the current lighting and pass.
    shaders.AddVertexShaderReplacement(
        "//VTK::PositionVC::Dec", True, "//VTK::PositionVC::Dec\n" + declarations, False
    )
    shaders.AddVertexShaderReplacement(
        "//VTK::CustomBegin::Impl", True, "//VTK::CustomBegin::Impl\n" + blend, False
    )
    shaders.AddVertexShaderReplacement("* vertexMC;", False, "* skinnedMC;", True)
    shaders.AddVertexShaderReplacement(
        "normalMatrix * normalMC;",
        False,
        "normalMatrix * normalize(mat3(skinMatrix) * normalMC);",
        True,
    )
    identity = np.eye(4)
    set_transforms(actor, np.stack([identity] * segment_count))


def set_transforms(actor: pv.Actor, transforms: NDArray[np.float64]) -> None:
    """Give the shader the segments' transforms: ``(k, 4, 4)``, in weight-column order."""
    uniforms = actor.GetShaderProperty().GetVertexCustomUniforms()
    matrix = vtkMatrix4x4()
    for index, transform in enumerate(transforms):
        # VTK hands the sixteen numbers to OpenGL as they are, and GLSL reads them column
        # by column: pass the transpose of the row-major matrix.
        matrix.DeepCopy(np.asarray(transform, dtype=np.float64).T.ravel().tolist())
        uniforms.SetUniformMatrix(_bone_uniform(index), matrix)

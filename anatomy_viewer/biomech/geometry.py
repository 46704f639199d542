"""Rotation and rigid-transform helpers, vectorised over frames (pure numpy).

Angles are radians. Every function takes arrays of shape ``(n,)`` and returns stacks of
matrices of shape ``(n, 3, 3)`` or ``(n, 4, 4)``, so a whole movement cycle is computed at
once. The world frame is RAS (+x right, +y anterior, +z up).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]

#: Reflection across the sagittal plane (x -> -x): turns a right-stance result into a
#: left-stance one.
MIRROR_X: FloatArray = np.diag([-1.0, 1.0, 1.0])


def _stack(c: FloatArray, s: FloatArray, axis: int) -> FloatArray:
    n = c.shape[0]
    out = np.zeros((n, 3, 3))
    i, j = [(1, 2), (0, 2), (0, 1)][axis]
    out[:, axis, axis] = 1.0
    out[:, i, i] = c
    out[:, j, j] = c
    # Right-handed rotation about the axis: x->y->z->x.
    sign = -1.0 if axis == 1 else 1.0
    out[:, i, j] = -s * sign
    out[:, j, i] = s * sign
    return out


def rot_x(angle: FloatArray) -> FloatArray:
    """Rotation about +x (the medio-lateral axis); ``+angle`` turns +y toward +z."""
    a = np.asarray(angle, dtype=np.float64)
    return _stack(np.cos(a), np.sin(a), 0)


def rot_y(angle: FloatArray) -> FloatArray:
    """Rotation about +y (the antero-posterior axis); ``+angle`` turns +z toward +x."""
    a = np.asarray(angle, dtype=np.float64)
    return _stack(np.cos(a), np.sin(a), 1)


def rot_z(angle: FloatArray) -> FloatArray:
    """Rotation about +z (the vertical axis); ``+angle`` turns +x toward +y."""
    a = np.asarray(angle, dtype=np.float64)
    return _stack(np.cos(a), np.sin(a), 2)


def chain(*rotations: FloatArray) -> FloatArray:
    """Product of stacks of rotations, left to right (``R1 @ R2 @ ...``)."""
    out = rotations[0]
    for r in rotations[1:]:
        out = out @ r
    return out


def apply(rotation: FloatArray, vector: FloatArray) -> FloatArray:
    """Rotate vectors: ``(n,3,3) @ (n,3) or (3,) -> (n,3)``."""
    v = np.broadcast_to(vector, (rotation.shape[0], 3))
    out: FloatArray = np.einsum("nij,nj->ni", rotation, v)
    return out


def rigid(rotation: FloatArray, pivot_neutral: FloatArray, pivot_posed: FloatArray) -> FloatArray:
    """4x4 transforms that rotate about ``pivot_neutral`` and carry it to ``pivot_posed``.

    ``p_posed = R (p - pivot_neutral) + pivot_posed`` for every point ``p`` of the segment.
    """
    n = rotation.shape[0]
    out = np.zeros((n, 4, 4))
    out[:, :3, :3] = rotation
    out[:, :3, 3] = pivot_posed - apply(rotation, pivot_neutral)
    out[:, 3, 3] = 1.0
    return out


def cardan_xyz(rotation: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Decompose ``R = Rx(a) Ry(b) Rz(c)`` into ``(a, b, c)`` (Grood and Suntay order).

    For a joint whose proximal segment's x is the flexion axis, ``a`` is flexion, ``b`` the
    frontal-plane angle about the floating axis and ``c`` the axial rotation.
    """
    r = rotation
    b = np.arcsin(np.clip(r[:, 0, 2], -1.0, 1.0))
    a = np.arctan2(-r[:, 1, 2], r[:, 2, 2])
    c = np.arctan2(-r[:, 0, 1], r[:, 0, 0])
    return a, b, c


def mirror_transform(transform: FloatArray) -> FloatArray:
    """Reflect 4x4 transforms across the sagittal plane: ``M T M`` with ``M = diag(-1,1,1,1)``."""
    m = np.diag([-1.0, 1.0, 1.0, 1.0])
    out: FloatArray = m @ transform @ m
    return out


def rot_axis(axis: FloatArray, angle: FloatArray) -> FloatArray:
    """Rotation by ``angle`` about the unit vector ``axis`` (Rodrigues' formula)."""
    a = np.asarray(angle, dtype=np.float64)
    u = np.asarray(axis, dtype=np.float64) / np.linalg.norm(axis)
    k = np.array([[0.0, -u[2], u[1]], [u[2], 0.0, -u[0]], [-u[1], u[0], 0.0]])
    s, c = np.sin(a)[:, None, None], np.cos(a)[:, None, None]
    out: FloatArray = np.eye(3)[None] + s * k[None] + (1.0 - c) * (k @ k)[None]
    return out

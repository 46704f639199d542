"""Linear blend skinning maths (no meshes needed)."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy_viewer.anatomy.skinning import apply_pose


def _rot_z(deg: float, about: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> np.ndarray:
    a = np.radians(deg)
    t = np.eye(4)
    t[:3, :3] = [[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]]
    c = np.asarray(about)
    t[:3, 3] = c - t[:3, :3] @ c
    return t


def test_identity_and_rigid() -> None:
    rng = np.random.default_rng(1)
    pts = rng.normal(size=(50, 3))
    w = rng.random((50, 2))
    w /= w.sum(axis=1, keepdims=True)
    eye = np.stack([np.eye(4)] * 2)
    assert np.allclose(apply_pose(pts, w, eye), pts)
    t = _rot_z(30.0, (1.0, 2.0, 0.0))
    rigid = apply_pose(pts, w, np.stack([t, t]))
    assert np.allclose(rigid, pts @ t[:3, :3].T + t[:3, 3])


def test_blend_is_weighted_average() -> None:
    pts = np.array([[1.0, 0.0, 0.0]])
    shift = np.eye(4)
    shift[:3, 3] = [0.0, 0.0, 1.0]
    out = apply_pose(pts, np.array([[0.25, 0.75]]), np.stack([np.eye(4), shift]))
    assert np.allclose(out, [[1.0, 0.0, 0.75]])


def test_shape_errors() -> None:
    with pytest.raises(ValueError, match="transforms"):
        apply_pose(np.zeros((3, 3)), np.ones((3, 2)) / 2, np.stack([np.eye(4)] * 3))
    with pytest.raises(ValueError, match="points"):
        apply_pose(np.zeros((3, 2)), np.ones((3, 1)), np.stack([np.eye(4)]))

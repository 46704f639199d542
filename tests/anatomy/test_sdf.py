"""Signed distance primitives (numpy only)."""

from __future__ import annotations

import numpy as np

from anatomy_viewer.anatomy import sdf


def test_sphere_capsule_triangle_distances() -> None:
    p = np.array([[0.0, 0.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 3.0]])
    assert np.allclose(sdf.sphere(p, [0, 0, 0], 1.0), [-1.0, 1.0, 2.0])
    assert np.allclose(sdf.capsule(p, [0, 0, -1], [0, 0, 1], 0.5), [-0.5, 1.5, 1.5])
    tri = sdf.triangle(p, [-1, -1, 0], [3, -1, 0], [-1, 3, 0], 0.1)
    assert np.allclose(tri, [-0.1, -0.1, 2.9])


def test_triangle_far_points_get_a_lower_bound() -> None:
    far = np.array([[10.0, 10.0, 10.0]])
    d = sdf.triangle(far, [0, 0, 0], [1, 0, 0], [0, 1, 0], 0.01)
    exact = np.linalg.norm(far[0] - [0.5, 0.5, 0.0])
    assert 0 < d[0] <= exact


def test_smooth_union_and_subtraction() -> None:
    a = np.array([1.0, -1.0, 0.5])
    b = np.array([1.0, 2.0, -0.5])
    assert np.all(sdf.smin(a, b, 0.2) <= np.minimum(a, b))
    assert np.allclose(sdf.smin(a, b, 0.0), np.minimum(a, b))
    assert np.allclose(sdf.subtract(a, b), np.maximum(a, -b))


def test_ellipsoid() -> None:
    e = sdf.ellipsoid(np.array([[0.0, 0.0, 0.0], [3.0, 0.0, 0.0]]), [0, 0, 0], [2.0, 1.0, 1.0])
    assert e[0] < 0 < e[1]

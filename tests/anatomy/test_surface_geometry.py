"""The geometry the bone measures rest on: plates, sections, rays, fitted spheres."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.anatomy.plate import Plate, PlateField, ThinPlateSpline, polygon_distance
from anatomy_viewer.anatomy.surface_geometry import (
    Mesh,
    fibonacci_directions,
    fit_plane,
    fit_sphere,
    ray_hits,
    section,
    section_area,
)


def _mesh(poly: pv.PolyData) -> Mesh:
    tri = poly.triangulate()
    return Mesh(np.asarray(tri.points, dtype=float), tri.faces.reshape(-1, 4)[:, 1:])


def test_thin_plate_spline_interpolates_and_is_flat_for_a_plane() -> None:
    centres = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.4]])
    values = 2.0 * centres[:, 0] - centres[:, 1] + 3.0
    tps = ThinPlateSpline(centres, values)
    v, g = tps(np.array([[0.3, 0.7], [0.5, 0.4]]))
    assert np.allclose(v, 2.0 * np.array([0.3, 0.5]) - np.array([0.7, 0.4]) + 3.0, atol=1e-6)
    assert np.allclose(g, [[2.0, -1.0], [2.0, -1.0]], atol=1e-6)


def test_polygon_distance_sign_and_value() -> None:
    square = np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]])
    d = polygon_distance(np.array([[1.0, 1.0], [3.0, 1.0], [1.0, -0.5]]), square)
    assert np.allclose(d, [-1.0, 1.0, 0.5])


def test_flat_plate_has_its_thickness_and_a_hole() -> None:
    outline = np.array(
        [[-10.0, -10.0, 0.0], [10.0, -10.0, 0.0], [10.0, 10.0, 0.0], [-10.0, 10.0, 0.0]]
    )
    hole = 2.0 * np.array(
        [[np.cos(a), np.sin(a), 0.0] for a in np.linspace(0, 2 * np.pi, 16, endpoint=False)]
    )
    field = PlateField(
        Plate(
            outline=outline,
            outline_half=1.0,
            normal=[0.0, 0.0, 1.0],
            holes=(hole,),
            hole_half=(1.0,),
        )
    )
    # Half a thickness above the middle of the plate's solid part: on the surface.
    d = field.exact(np.array([[5.0, 0.0, 1.0], [5.0, 0.0, 0.0], [0.0, 0.0, 0.0], [30.0, 0.0, 0.0]]))
    assert d[0] == pytest.approx(0.0, abs=0.05)
    assert d[1] < -0.9
    assert d[2] > 0.5  # the hole
    assert d[3] > 15.0


def test_sphere_fit_section_and_rays_on_a_sphere() -> None:
    sphere = _mesh(
        pv.Sphere(radius=0.02, center=(0.1, 0.2, 0.3), theta_resolution=80, phi_resolution=80)
    )
    centre, radius = fit_sphere(sphere.points)
    assert np.allclose(centre, [0.1, 0.2, 0.3], atol=1e-5)
    assert radius == pytest.approx(0.02, rel=2e-3)
    starts, ends = section(sphere, np.array([0.1, 0.2, 0.3]), np.array([0.0, 0.0, 1.0]))
    area, c = section_area(starts, ends, np.array([0.1, 0.2, 0.3]), np.array([0.0, 0.0, 1.0]))
    assert area == pytest.approx(np.pi * 0.02**2, rel=0.01)
    assert np.allclose(c, [0.1, 0.2, 0.3], atol=1e-4)
    dirs = fibonacci_directions(50)
    hits = ray_hits(sphere, np.array([0.1, 0.2, 0.3]), dirs, 0.05)
    assert np.allclose(hits, 0.02, rtol=5e-3)
    assert np.isinf(ray_hits(sphere, np.array([0.1, 0.2, 0.3]), dirs[:3], 0.01)).all()


def test_fit_plane() -> None:
    rng = np.random.default_rng(1)
    pts = np.c_[rng.uniform(-1, 1, (50, 2)), np.zeros(50)] @ np.array(
        [[1.0, 0.0, 0.0], [0.0, 0.6, 0.8], [0.0, -0.8, 0.6]]
    )
    _, n = fit_plane(pts)
    assert abs(abs(n @ np.array([0.0, -0.8, 0.6])) - 1.0) < 1e-9

"""The force arrows move in place: one mesh made once, its points moved every frame."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from anatomy_viewer.scene.simulation_visual import (
    ARROW_M_PER_BW,
    FORCE_COLORS,
    ForceArrow,
    OverlayGeometry,
    SimulationVisual,
)


def _geometry(scale: float) -> OverlayGeometry:
    hip = np.array([0.09, 0.0, 0.93])
    return OverlayGeometry(
        asis_stance=np.array([0.12, 0.05, 1.0]),
        asis_swing=np.array([-0.12, 0.05, 0.98]),
        pelvic_drop_deg=4.0,
        hip=hip,
        knee=np.array([0.1, 0.0, 0.5]),
        ankle=np.array([0.1, 0.0, 0.08]),
        knee_fppa_deg=3.0,
        forces=(
            ForceArrow("body_weight", np.array([0.0, 0.0, 1.0]), np.array([0.0, 0.0, -5.0]), 1.0),
            ForceArrow(
                "abductor", np.array([0.15, 0.0, 1.02]), np.array([-1.0, 0.0, -2.0]), 2.0 * scale
            ),
            ForceArrow("hip_contact", hip, np.array([1.0, 0.0, 3.0]), 0.0),  # no force
            ForceArrow("other", hip, np.array([-0.3, 0.0, 1.0]), 0.5 * scale),
        ),
        lever_arms=((hip, np.array([0.0, 0.0, 0.93])), (hip, np.array([0.15, 0.0, 0.93]))),
    )


def test_arrows_point_along_their_forces_and_move_in_place(plotter: pv.Plotter) -> None:
    visual = SimulationVisual(plotter.renderer)
    visual.set_overlays(frozenset({"forces"}))
    visual.update(_geometry(1.0))
    mesh, vtk_points = visual.arrows, visual.arrows.GetPoints()
    per_arrow = mesh.n_points // len(FORCE_COLORS)
    blocks = np.asarray(mesh.points, dtype=float).reshape(len(FORCE_COLORS), per_arrow, 3)
    for force, block in zip(_geometry(1.0).forces, blocks, strict=True):
        if force.magnitude_bw == 0.0:
            assert np.ptp(block, axis=0).max() == 0.0  # shrunk away: nothing drawn
            assert visual.force_texts[force.name].GetInput() == ""
            continue
        unit = force.direction / np.linalg.norm(force.direction)
        along = (block - force.origin) @ unit
        assert along.min() == pytest.approx(0.0, abs=1e-5)
        assert along.max() == pytest.approx(force.magnitude_bw * ARROW_M_PER_BW, rel=1e-4)
        sideways = np.linalg.norm((block - force.origin) - np.outer(along, unit), axis=1)
        assert sideways.max() < 0.1 * force.magnitude_bw * ARROW_M_PER_BW
        assert visual.force_texts[force.name].GetInput() == f"{force.magnitude_bw:.1f} BW"
    before = np.array(mesh.points)
    visual.update(_geometry(1.5))
    assert visual.arrows is mesh and mesh.GetPoints() is vtk_points  # moved, not rebuilt
    assert mesh.n_points == before.shape[0] and not np.allclose(mesh.points, before)
    assert visual.levers.n_points == 4
    visual.close()

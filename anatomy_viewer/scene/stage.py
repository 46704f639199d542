"""The stage the anatomy stands on: background, lights, floor and a soft contact shadow.

A floor disc with a darker patch under the feet makes "up" obvious at a glance, even
when only the pelvis is shown.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
import vtk
from pyvista.plotting.plotter import BasePlotter

from anatomy_viewer.scene.camera import CameraPose
from anatomy_viewer.scene.quality import RenderPreset

#: Calm background: light blue-grey at the top fading to a paler tone below.
BACKGROUND_TOP = (0.83, 0.87, 0.91)
BACKGROUND_BOTTOM = (0.97, 0.97, 0.98)
FLOOR_COLOR = (0.78, 0.80, 0.83)


def _shadow_disc(radius: float, resolution: int = 64) -> pv.PolyData:
    """A flat disc whose per-vertex opacity fades from the centre outward."""
    disc = pv.Disc(center=(0.0, 0.0, 0.0005), inner=0.0, outer=radius, r_res=8, c_res=resolution)
    r = np.linalg.norm(disc.points[:, :2], axis=1) / radius
    alpha = np.clip(1.0 - r, 0.0, 1.0) ** 1.5 * 0.45
    rgba = np.zeros((disc.n_points, 4), dtype=np.uint8)
    rgba[:, 3] = (alpha * 255).astype(np.uint8)
    disc.point_data["rgba"] = rgba
    return disc


class StageVisual:
    """Adds and removes the background, lights, floor and contact shadow on a plotter.

    Parameters
    ----------
    plotter
        Any PyVista plotter (off-screen or inside the Qt window).
    floor_radius
        Radius of the floor disc in metres.
    preset
        Rendering preset; the quality preset adds anti-aliasing.
    """

    def __init__(self, plotter: BasePlotter, floor_radius: float, preset: RenderPreset) -> None:
        self._plotter = plotter
        plotter.renderer.set_background(BACKGROUND_BOTTOM, top=BACKGROUND_TOP)
        plotter.remove_all_lights()
        # A key light from the front-right-above, a fill from the left, a rim from behind:
        # the classic three-point setup reads bone shape without harsh black shadows.
        for position, intensity in (
            ((1.5, 3.0, 3.0), 0.75),
            ((-3.0, 1.5, 1.0), 0.35),
            ((0.0, -3.0, 2.5), 0.30),
        ):
            light = pv.Light(position=position, focal_point=(0, 0, 0.9), intensity=intensity)
            light.positional = False
            plotter.add_light(light)
        headlight = pv.Light(light_type="headlight", intensity=0.25)
        plotter.add_light(headlight)
        floor = pv.Disc(center=(0.0, 0.0, 0.0), inner=0.0, outer=floor_radius, c_res=96)
        self.floor_actor = plotter.add_mesh(
            floor,
            color=FLOOR_COLOR,
            opacity=0.55,
            pickable=False,
            name="stage_floor",
            lighting=False,
        )
        self.shadow_actor = plotter.add_mesh(
            _shadow_disc(floor_radius * 0.35),
            scalars="rgba",
            rgba=True,
            pickable=False,
            name="stage_shadow",
            lighting=False,
        )
        if preset.smooth_edges:
            plotter.enable_anti_aliasing("fxaa")

    def close(self) -> None:
        """Remove the floor and shadow actors from the plotter."""
        for actor in (self.floor_actor, self.shadow_actor):
            self._plotter.remove_actor(actor, render=False)


def apply_camera(plotter: BasePlotter, pose: CameraPose) -> None:
    """Set the plotter's active camera to ``pose`` (mirrored views flip the picture)."""
    camera = plotter.renderer.GetActiveCamera()
    camera.SetPosition(*pose.position)
    camera.SetFocalPoint(*pose.focal_point)
    camera.SetViewUp(*pose.view_up)
    if pose.mirrored:
        flip = vtk.vtkTransform()
        flip.Scale(-1.0, 1.0, 1.0)
        camera.SetUserTransform(flip)
    else:
        camera.SetUserTransform(None)
    plotter.renderer.ResetCameraClippingRange()
    # Tell PyVista the camera is placed, or its next add_mesh would reset it to fit everything.
    plotter.renderer.camera_set = True


def current_camera(plotter: BasePlotter) -> CameraPose:
    """Read the plotter's camera as a :class:`CameraPose`."""
    camera = plotter.renderer.GetActiveCamera()
    position = camera.GetPosition()
    focal = camera.GetFocalPoint()
    up = camera.GetViewUp()
    return CameraPose(
        position=(position[0], position[1], position[2]),
        focal_point=(focal[0], focal[1], focal[2]),
        view_up=(up[0], up[1], up[2]),
        mirrored=camera.GetUserTransform() is not None,
    )

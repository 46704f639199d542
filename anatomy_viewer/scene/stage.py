"""The stage the anatomy stands on: background, lights, floor and a soft contact shadow.

A floor disc with a darker patch under the feet makes "up" obvious at a glance, even
when only the pelvis is shown.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pyvista as pv
from pyvista.plotting.plotter import BasePlotter
from vtkmodules.vtkCommonTransforms import vtkTransform

from anatomy_viewer.scene.camera import CameraPose
from anatomy_viewer.scene.quality import RenderPreset

#: Calm background: light blue-grey at the top fading to a paler tone below.
BACKGROUND_TOP = (0.83, 0.87, 0.91)
BACKGROUND_BOTTOM = (0.97, 0.97, 0.98)
#: The fast preset's plain background, the gradient's middle tone. VTK draws a gradient as
#: a full-screen pass before the scene, which cost 2.4 ms of a 19 ms frame on Mesa
#: llvmpipe (docs/performance.md); clearing to one colour costs nothing.
BACKGROUND_PLAIN = (0.90, 0.92, 0.945)
FLOOR_COLOR = (0.78, 0.80, 0.83)
#: Lights that move with the camera: (position in the camera's frame, intensity).
CAMERA_LIGHTS = (
    ((0.8, 1.0, 1.2), 0.75),  # key: above right of the eye
    ((-1.2, 0.3, 0.8), 0.35),  # fill: from the left
    ((0.2, 0.8, -1.0), 0.30),  # rim: from behind and above
)
HEADLIGHT_INTENSITY = 0.25


def background_colors(preset: RenderPreset) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Bottom and top colour of the background for a preset (equal when it is plain)."""
    if preset.gradient_background:
        return BACKGROUND_BOTTOM, BACKGROUND_TOP
    return BACKGROUND_PLAIN, BACKGROUND_PLAIN


#: How much of the floor colour shows over the background (the floor used to be drawn
#: translucent at this opacity; it is now mixed in advance, see :func:`_floor_disc`).
FLOOR_OPACITY = 0.55
#: Darkness of the contact shadow at its centre, and its radius as a fraction of the floor's.
SHADOW_DARKNESS = 0.45
SHADOW_RADIUS = 0.35


def _floor_disc(radius: float, background: Sequence[float]) -> pv.PolyData:
    """An opaque floor disc with the contact shadow baked into its vertex colours.

    Drawing the floor translucent, with a second translucent disc for the shadow, sent every
    frame through VTK's translucent pass, which doubled the frame time on a software renderer
    (docs/performance.md). Opaque vertex colours that mix in the background look the same.
    """
    disc = pv.Disc(center=(0.0, 0.0, 0.0), inner=0.0, outer=radius, r_res=24, c_res=96)
    r = np.linalg.norm(disc.points[:, :2], axis=1) / (radius * SHADOW_RADIUS)
    shadow = np.clip(1.0 - r, 0.0, 1.0) ** 1.5 * SHADOW_DARKNESS
    base = FLOOR_OPACITY * np.asarray(FLOOR_COLOR) + (1.0 - FLOOR_OPACITY) * np.asarray(background)
    rgb = base[None, :] * (1.0 - shadow[:, None])
    disc.point_data["rgb"] = np.round(rgb * 255).astype(np.uint8)
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
        self._built_radius = floor_radius
        bottom, top = background_colors(preset)
        plotter.renderer.set_background(bottom, top=top if preset.gradient_background else None)
        plotter.remove_all_lights()
        # A key light above and to the right of the eye, a fill from the left, a rim from
        # behind and a soft headlight: the classic three-point setup reads bone shape
        # without harsh black shadows. The lights are fixed to the camera, so the body is
        # lit alike from the front, the back, the sides and in the mirror (lights fixed to
        # the room left the back view dim). Camera light positions are in the camera's
        # frame: x right, y up, z toward the eye, the focal point at the origin.
        for position, intensity in CAMERA_LIGHTS:
            light = pv.Light(position=position, light_type="camera light", intensity=intensity)
            light.positional = False
            plotter.add_light(light)
        headlight = pv.Light(light_type="headlight", intensity=HEADLIGHT_INTENSITY)
        plotter.add_light(headlight)
        self.floor_actor = plotter.add_mesh(
            _floor_disc(floor_radius, bottom),
            scalars="rgb",
            rgb=True,
            pickable=False,
            name="stage_floor",
            lighting=False,
            render=False,  # pyvista renders after add_mesh by default: not before the anatomy
        )
        if preset.smooth_edges:
            with warnings.catch_warnings():
                # Off-screen EGL builds of VTK lack FXAA; PyVista then uses super-sampling
                # and says so in a warning that is not the user's concern.
                warnings.filterwarnings("ignore", message=".*FXAA.*", category=UserWarning)
                plotter.enable_anti_aliasing("fxaa")

    def set_floor_radius(self, radius: float) -> None:
        """Make the floor disc (and its shadow) ``radius`` metres across the middle."""
        factor = radius / self._built_radius
        self.floor_actor.SetScale(factor, factor, 1.0)

    def close(self) -> None:
        """Remove the floor (with its shadow) from the plotter."""
        self._plotter.remove_actor(self.floor_actor, render=False)


def apply_camera(plotter: BasePlotter, pose: CameraPose) -> None:
    """Set the plotter's active camera to ``pose`` (mirrored views flip the picture)."""
    camera = plotter.renderer.GetActiveCamera()
    camera.SetPosition(*pose.position)
    camera.SetFocalPoint(*pose.focal_point)
    camera.SetViewUp(*pose.view_up)
    if pose.mirrored:
        flip = vtkTransform()
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

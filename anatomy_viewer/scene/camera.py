"""Camera presets and smooth flights between camera poses, as pure functions.

A flight is a function of time, so the screen, a video export and a test all get the
same camera for the same moment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.vocabulary import CAMERA_PRESETS

Vector = tuple[float, float, float]

# Direction from the focal point to the eye, and the screen's up, for each preset (RAS frame:
# +x subject's right, +y anterior, +z superior). The superior view keeps anterior at the top.
_PRESET_DIRECTIONS: dict[str, tuple[Vector, Vector]] = {
    "anterior": ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "mirror": ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "posterior": ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    "left": ((-1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "right": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "superior": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    # An exercise's own view is chosen where the exercise is known
    # (anatomy_viewer.logic.frames.exercise_camera); framed alone, it is the front view.
    "exercise": ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
}

#: Vertical field of view of the 3D view in degrees (VTK's default).
VIEW_ANGLE_DEG = 30.0


@dataclass(frozen=True)
class CameraPose:
    """Where the camera is and what it looks at.

    Attributes
    ----------
    position, focal_point, view_up
        Eye, target and the screen's up direction, world frame, metres.
    mirrored
        Draw the picture flipped left to right, as a mirror shows it.
    """

    position: Vector
    focal_point: Vector
    view_up: Vector
    mirrored: bool = False

    @property
    def distance(self) -> float:
        """Distance from the eye to the focal point in metres."""
        return float(np.linalg.norm(np.subtract(self.position, self.focal_point)))


def preset_pose(
    name: str,
    focal_point: Vector,
    half_extents: Vector | float,
    aspect: float = 16 / 9,
    margin: float = 1.08,
) -> CameraPose:
    """Camera pose of a named preset that frames a box around ``focal_point``.

    Parameters
    ----------
    name
        One of :data:`anatomy_viewer.vocabulary.CAMERA_PRESETS`.
    focal_point
        Centre of what should fill the view.
    half_extents
        Half the size of the box to frame along x, y and z (metres); a single number
        frames a cube (or a sphere) of that radius.
    aspect
        Width over height of the view.
    margin
        Extra room around the box (1 = touching the edges).
    """
    if name not in _PRESET_DIRECTIONS:
        raise ValueError(
            f"unknown camera preset {name!r}; choose one of {', '.join(CAMERA_PRESETS)}"
        )
    direction, up = _PRESET_DIRECTIONS[name]
    return frame_pose(
        direction, up, focal_point, half_extents, aspect, margin, mirrored=name == "mirror"
    )


def frame_pose(
    direction: Vector,
    up: Vector,
    focal_point: Vector,
    half_extents: Vector | float,
    aspect: float = 16 / 9,
    margin: float = 1.08,
    mirrored: bool = False,
) -> CameraPose:
    """Camera pose looking from ``direction`` (focal point to eye) that frames a box.

    Parameters are those of :func:`preset_pose`, with the viewing direction and the screen's
    up given as vectors (made unit and perpendicular here).
    """
    extents = np.broadcast_to(np.abs(np.asarray(half_extents, dtype=float)), (3,))
    view = np.asarray(direction, dtype=float)
    view = view / max(float(np.linalg.norm(view)), 1e-12)
    screen_up = np.asarray(up, dtype=float)
    screen_up = screen_up - np.dot(screen_up, view) * view
    screen_up = screen_up / max(float(np.linalg.norm(screen_up)), 1e-12)
    screen_right = np.cross(-view, screen_up)
    # Half the box's size as the camera sees it: up the screen, across it, and in depth.
    half_height = float(np.dot(extents, np.abs(screen_up)))
    half_width = float(np.dot(extents, np.abs(screen_right)))
    half_depth = float(np.dot(extents, np.abs(view)))
    tangent = math.tan(math.radians(VIEW_ANGLE_DEG) / 2)
    fit = max(half_height, half_width / max(aspect, 1e-3)) * margin / tangent + half_depth
    position = tuple(float(f + d * fit) for f, d in zip(focal_point, view, strict=True))
    return CameraPose(
        position=(position[0], position[1], position[2]),
        focal_point=(float(focal_point[0]), float(focal_point[1]), float(focal_point[2])),
        view_up=(float(screen_up[0]), float(screen_up[1]), float(screen_up[2])),
        mirrored=mirrored,
    )


def ease_in_out(t: float) -> float:
    """Smoothstep easing on [0, 1]: starts and ends at rest."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def _slerp(a: NDArray[np.float64], b: NDArray[np.float64], t: float) -> NDArray[np.float64]:
    """Spherical interpolation between unit vectors; handles the opposite-vector case."""
    dot = float(np.clip(np.dot(a, b), -1.0, 1.0))
    if dot > 0.9995:
        v = a + t * (b - a)
        return v / np.linalg.norm(v)
    if dot < -0.9995:
        # Opposite directions: swing around any axis perpendicular to a.
        helper = np.array([0.0, 0.0, 1.0]) if abs(a[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
        axis = np.cross(a, helper)
        axis /= np.linalg.norm(axis)
        angle = math.pi * t
        return a * math.cos(angle) + np.cross(axis, a) * math.sin(angle)
    omega = math.acos(dot)
    s = math.sin(omega)
    return (math.sin((1 - t) * omega) * a + math.sin(t * omega) * b) / s


def interpolate(start: CameraPose, end: CameraPose, t: float) -> CameraPose:
    """Camera pose a fraction ``t`` (0..1, eased) along the flight from ``start`` to ``end``.

    The camera orbits the focal point (direction interpolated on the sphere, distance
    and target interpolated linearly), so a flight from the front to the side swings
    around the body instead of cutting through it.
    """
    s = ease_in_out(t)
    f0, f1 = np.asarray(start.focal_point), np.asarray(end.focal_point)
    d0 = np.asarray(start.position) - f0
    d1 = np.asarray(end.position) - f1
    r0, r1 = float(np.linalg.norm(d0)), float(np.linalg.norm(d1))
    direction = _slerp(d0 / r0, d1 / r1, s)
    focal = f0 + (f1 - f0) * s
    position = focal + direction * (r0 + (r1 - r0) * s)
    up = _slerp(
        np.asarray(start.view_up) / np.linalg.norm(start.view_up),
        np.asarray(end.view_up) / np.linalg.norm(end.view_up),
        s,
    )
    # Keep the up vector perpendicular to the viewing direction.
    up = up - np.dot(up, direction) * direction
    norm = float(np.linalg.norm(up))
    up = up / norm if norm > 1e-9 else np.asarray(end.view_up, dtype=float)
    return CameraPose(
        position=(float(position[0]), float(position[1]), float(position[2])),
        focal_point=(float(focal[0]), float(focal[1]), float(focal[2])),
        view_up=(float(up[0]), float(up[1]), float(up[2])),
        mirrored=end.mirrored if s >= 0.5 else start.mirrored,
    )

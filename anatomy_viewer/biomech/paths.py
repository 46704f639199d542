"""Paths of muscles and passive tissue across the hip (pure numpy, vectorised).

A path is a chain of points fixed to the pelvis, the femur, the patella or the tibia.
Lengths are computed in the pelvis frame with the femur turned by the hip angles
``R = Rx(flexion) Ry(adduction) Rz(internal rotation)`` (the right leg's anatomical axes
in the world frame: x right, y anterior, z up), the tibia turned about the knee centre
by the knee flexion, and the patella placed by the knee flexion.

Exactly one segment of each path crosses the hip: from the last pelvis point (or the
point where the path leaves a pelvis-fixed wrapping cylinder) to the first point on the
leg. Only that segment changes with the hip angles, so the moment arms
``r = -dL/dq`` (the definition OpenSim uses) follow exactly from its direction ``u``:
``r_q = -u . (dR/dq) p``, with ``p`` the leg point in the femur frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray, IntArray, rot_x, rot_y, rot_z
from anatomy_viewer.biomech.wrapping import wrap_segment

#: Body codes of path points.
PELVIS, FEMUR, TIBIA, PATELLA = 0, 1, 2, 3


def hip_rotation(flexion: FloatArray, adduction: FloatArray, rotation: FloatArray) -> FloatArray:
    """Femur relative to pelvis for right-leg hip angles (rad): ``Rx(f) Ry(a) Rz(r)``."""
    out: FloatArray = rot_x(flexion) @ rot_y(adduction) @ rot_z(rotation)
    return out


def hip_rotation_derivatives(angles: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``R`` and ``dR/dq`` ``(n, 3, 3, 3)`` (last axis: flexion, adduction, rotation)."""
    f, a, r = angles[:, 0], angles[:, 1], angles[:, 2]
    rx, ry, rz = rot_x(f), rot_y(a), rot_z(r)
    n = angles.shape[0]
    kx = np.zeros((3, 3))
    kx[2, 1], kx[1, 2] = 1.0, -1.0
    ky = np.zeros((3, 3))
    ky[0, 2], ky[2, 0] = 1.0, -1.0
    kz = np.zeros((3, 3))
    kz[1, 0], kz[0, 1] = 1.0, -1.0
    d = np.zeros((n, 3, 3, 3))
    d[..., 0] = kx @ rx @ ry @ rz
    d[..., 1] = rx @ (ky @ ry) @ rz
    d[..., 2] = rx @ ry @ (kz @ rz)
    return rx @ ry @ rz, d


@dataclass(frozen=True)
class PathState:
    """Lengths, moment arms and pull directions of all paths in one batch.

    Attributes
    ----------
    lengths
        ``(n, m)`` path lengths (m).
    arms
        ``(n, m, 3)`` moment arms about flexion, adduction and internal rotation (m).
    direction
        ``(n, m, 3)`` unit vector, pelvis frame, along the hip-crossing segment from the
        pelvis toward the leg: the direction of the pull on the pelvis.
    end
        ``(n, m, 3)`` the hip-crossing segment's point on the leg (pelvis frame, from the
        hip centre): where the pull acts on the femur (or the tibia, or the patella).
    """

    lengths: FloatArray
    arms: FloatArray
    direction: FloatArray
    end: FloatArray


@dataclass(frozen=True, eq=False)
class Paths:
    """Paths of one right leg, relative to the right hip centre, neutral pose.

    Attributes
    ----------
    points
        ``(m, K, 3)`` path points; shorter paths repeat their last point. Patella points
        are given at full knee extension.
    bodies
        ``(m, K)`` body of each point (:data:`PELVIS` ... :data:`PATELLA`).
    knee
        Knee centre (m).
    patella_angles, patella_points
        Knee flexions (rad) and ``(len(angles), m, K, 3)`` positions of the patella
        points at those flexions (femur-fixed); interpolated linearly in between.
    wrap_index
        Per path the cylinder its hip-crossing segment wraps over (-1: none).
    wrap_center, wrap_frame, wrap_radius, wrap_side
        The cylinders (centre, rows = local axes, radius, side code).
    """

    points: FloatArray
    bodies: IntArray
    knee: FloatArray
    patella_angles: FloatArray
    patella_points: FloatArray
    wrap_index: IntArray
    wrap_center: FloatArray
    wrap_frame: FloatArray
    wrap_radius: FloatArray
    wrap_side: IntArray
    _crossing: IntArray = field(init=False, repr=False)
    _origin: FloatArray = field(init=False, repr=False)
    _pelvis_length: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        on_pelvis = self.bodies == PELVIS
        crossing = np.sum(on_pelvis, axis=1) - 1
        rows = np.arange(self.points.shape[0])
        fixed = np.linalg.norm(np.diff(self.points, axis=1), axis=-1)
        fixed = np.sum(np.where(on_pelvis[:, 1:], fixed, 0.0), axis=1)
        object.__setattr__(self, "_crossing", crossing)
        object.__setattr__(self, "_origin", self.points[rows, crossing])
        object.__setattr__(self, "_pelvis_length", fixed)

    def leg_points(self, knee_flexion: FloatArray) -> FloatArray:
        """Every point in the femur frame at the given knee flexions, ``(n, m, K, 3)``."""
        n = knee_flexion.shape[0]
        knots = self.patella_angles
        flexion = np.clip(knee_flexion, knots[0], knots[-1])
        index = np.clip(np.searchsorted(knots, flexion) - 1, 0, knots.size - 2)
        weight = ((flexion - knots[index]) / (knots[index + 1] - knots[index]))[:, None, None, None]
        out = np.broadcast_to(self.points, (n, *self.points.shape)).copy()
        tibia = self.bodies == TIBIA
        if np.any(tibia):
            shank = rot_x(-knee_flexion)
            local = self.points[tibia] - self.knee
            out[:, tibia] = np.einsum("nij,pj->npi", shank, local) + self.knee
        patella = self.bodies == PATELLA
        if np.any(patella):
            before = self.patella_points[index][:, patella]
            after = self.patella_points[index + 1][:, patella]
            out[:, patella] = (1.0 - weight[:, :, 0]) * before + weight[:, :, 0] * after
        return out

    def state(self, angles: FloatArray, knee_flexion: FloatArray) -> PathState:
        """Lengths, moment arms and pull directions at hip ``angles`` ``(n, 3)`` (rad)."""
        n = angles.shape[0]
        rows = np.arange(self.points.shape[0])
        leg = self.leg_points(knee_flexion)
        distal = np.linalg.norm(np.diff(leg, axis=2), axis=-1)
        after = np.arange(self.points.shape[1] - 1)[None, :] > self._crossing[:, None]
        distal_length = np.sum(np.where(after[None], distal, 0.0), axis=2)
        end_local = leg[:, rows, self._crossing + 1]
        rotation, derivative = hip_rotation_derivatives(angles)
        end = np.einsum("nij,nmj->nmi", rotation, end_local)
        start = np.broadcast_to(self._origin, end.shape)
        crossing = np.linalg.norm(end - start, axis=-1)
        departure = np.array(start)
        wrapped = np.nonzero(self.wrap_index >= 0)[0]
        if wrapped.size:
            j = self.wrap_index[wrapped]
            centre = self.wrap_center[j]
            frame = self.wrap_frame[j]
            p_c = np.einsum("mij,mj->mi", frame, start[0, wrapped] - centre)
            s_c = np.einsum("mij,nmj->nmi", frame, end[:, wrapped] - centre)
            length, exit_c = wrap_segment(
                np.broadcast_to(p_c, s_c.shape), s_c, self.wrap_radius[j], self.wrap_side[j]
            )
            crossing[:, wrapped] = length
            departure[:, wrapped] = np.einsum("mji,nmj->nmi", frame, exit_c) + centre
        pull = end - departure
        direction = pull / np.maximum(np.linalg.norm(pull, axis=-1, keepdims=True), 1e-12)
        velocity = np.einsum("nijq,nmj->nmiq", derivative, end_local)
        arms = -np.einsum("nmi,nmiq->nmq", direction, velocity)
        lengths = self._pelvis_length + crossing + distal_length
        del n
        return PathState(lengths=lengths, arms=arms, direction=direction, end=end)

    def lengths(self, angles: FloatArray, knee_flexion: FloatArray) -> FloatArray:
        """Path lengths ``(n, m)`` at hip ``angles`` ``(n, 3)`` and knee flexions."""
        return self.state(angles, knee_flexion).lengths

"""Moment equilibrium at a hip: the general entry point of the model (pure numpy).

:func:`hip_equilibrium` answers, for any hip posture and any external load: how do the
muscles share the moment, what does passive tissue carry, and can they hold it at all.
The stance hip of every task uses it; a walking, running or exercise task only has to
supply the posture and the external generalised forces (gravity, ground reaction,
band or limb weight) about the hip's three coordinates.

The equations are OpenSim's static optimisation at one joint: for the hip coordinates
``q`` (flexion, adduction, internal rotation)

    sum_i r_iq (a_i C_i + P_i) + T_q + Q_q = 0,      0 <= a_i <= 1,
    minimise sum_i a_i**2,

with ``r`` the moment arms, ``C`` each muscle's force at full activation (its strength
x maximal force x force-length factor), ``P`` its passive fibre force, ``T`` the passive
tissue's generalised force and ``Q`` the external one (positive ``Q`` pushes ``q`` up).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray, cardan_xyz
from anatomy_viewer.biomech.musculature import Musculature
from anatomy_viewer.biomech.optimization import least_squares_activations, most_moment
from anatomy_viewer.biomech.passive import PassiveTissue
from anatomy_viewer.biomech.paths import hip_rotation_derivatives

#: Index of the adduction coordinate among (flexion, adduction, rotation).
ADDUCTION = 1


@dataclass(frozen=True, eq=False)
class HipEquilibrium:
    """The moment balance at a hip for one batch of frames.

    Attributes
    ----------
    ends, tissue_ends
        ``(n, m, 3)`` and ``(n, t, 3)``: where each muscle and line pulls on the leg
        (pelvis frame, from the hip centre).
    directions, tissue_directions
        ``(n, m, 3)`` and ``(n, t, 3)``: unit pull of each muscle and line on the
        pelvis, pelvis frame (toward the leg).
    lengths, arms
        Muscle lengths ``(n, m)`` and moment arms ``(n, m, 3)``.
    capacity
        ``(n, m)`` muscle forces at full activation (N), after weakening.
    passive
        ``(n, m)`` passive fibre forces (N).
    tissue_lengths, tissue_arms, tissue_forces
        The same for the passive lines (``(n, t)``, ``(n, t, 3)``, ``(n, t)``).
    required
        ``(n, 3)`` generalised force the muscles must give actively (N m).
    """

    ends: FloatArray
    tissue_ends: FloatArray
    directions: FloatArray
    tissue_directions: FloatArray
    lengths: FloatArray
    arms: FloatArray
    capacity: FloatArray
    passive: FloatArray
    tissue_lengths: FloatArray
    tissue_arms: FloatArray
    tissue_forces: FloatArray
    required: FloatArray

    @property
    def moments(self) -> FloatArray:
        """``(n, 3, m)``: each muscle's generalised force at full activation."""
        out: FloatArray = np.transpose(self.arms * self.capacity[..., None], (0, 2, 1))
        return out

    def abduction_reserve(
        self, start: FloatArray | None = None
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """How much more abduction the muscles could give than the posture needs (N m).

        The largest abduction (minus adduction) moment the muscles can produce while
        the flexion and rotation equations hold exactly, minus the abduction moment
        required. Negative: they cannot hold this posture. Returns the reserve, the
        activations that give the largest abduction, and the solver's multipliers (a
        warm ``start`` for a nearby posture).
        """
        moments = self.moments.copy()
        moments[:, ADDUCTION, :] *= -1.0
        others = np.delete(self.required, ADDUCTION, axis=1)
        value, solution = most_moment(moments, ADDUCTION, others, start=start)
        reserve: FloatArray = value + self.required[:, ADDUCTION]
        return reserve, solution.activation, solution.multiplier

    def least_effort(self) -> tuple[FloatArray, FloatArray]:
        """Activations minimising ``sum(a**2)`` and the largest equation residual (N m)."""
        solution = least_squares_activations(self.moments, self.required)
        return solution.activation, solution.residual


def hip_equilibrium(
    musculature: Musculature,
    tissue: PassiveTissue,
    angles: FloatArray,
    knee_flexion: FloatArray,
    strength: FloatArray,
    external: FloatArray,
) -> HipEquilibrium:
    """The moment balance at a right hip (mirror a left one first).

    Parameters
    ----------
    musculature, tissue
        The subject's muscles and passive lines.
    angles
        ``(n, 3)`` hip flexion, adduction and internal rotation (rad).
    knee_flexion
        ``(n,)`` knee flexion (rad), for the muscles that cross the knee.
    strength
        ``(n, m)`` or ``(m,)`` fraction of each muscle's normal strength, 0..1.
    external
        ``(n, 3)`` external generalised force about the three coordinates (N m; e.g.
        :func:`gravity_moment`).
    """
    muscles = musculature.paths.state(angles, knee_flexion)
    lengths, arms = muscles.lengths, muscles.arms
    _, active, passive_factor = musculature.fibre_state(lengths)
    capacity = strength * musculature.max_force * active
    # A force below a micronewton is no force (and keeps the arithmetic in range).
    capacity = np.where(capacity < 1e-6, 0.0, capacity)
    passive = musculature.max_force * passive_factor
    tissues = tissue.paths.state(angles, knee_flexion)
    tissue_lengths, tissue_arms = tissues.lengths, tissues.arms
    tissue_forces = tissue.forces(tissue_lengths)
    held = (
        np.einsum("nm,nmq->nq", passive, arms)
        + np.einsum("nt,ntq->nq", tissue_forces, tissue_arms)
        + external
    )
    return HipEquilibrium(
        ends=muscles.end,
        tissue_ends=tissues.end,
        directions=muscles.direction,
        tissue_directions=tissues.direction,
        lengths=lengths,
        arms=arms,
        capacity=capacity,
        passive=passive,
        tissue_lengths=tissue_lengths,
        tissue_arms=tissue_arms,
        tissue_forces=tissue_forces,
        required=-held,
    )


def gravity_moment(
    pelvis: FloatArray, femur: FloatArray, offset: FloatArray, weight: FloatArray, moving: str
) -> FloatArray:
    """Generalised gravity force about a right hip's coordinates (N m).

    Parameters
    ----------
    pelvis, femur
        ``(n, 3, 3)`` world rotations of the pelvis and femur.
    offset
        ``(n, 3)`` centre of mass of the loaded body from the hip centre (world, m).
    weight
        ``(n,)`` its weight (N).
    moving
        ``"pelvis"`` when the load hangs on the pelvis (everything above a stance hip),
        ``"femur"`` when it hangs on the femur (a swing leg).

    Returns
    -------
    numpy.ndarray
        ``(n, 3)``: ``-dV/dq`` for the potential ``V`` of the load as the hip angles
        change with the other bone held.
    """
    down = np.zeros((weight.shape[0], 3))
    down[:, 2] = -weight
    return point_force_moment(pelvis, femur, offset, down, moving)


def point_force_moment(
    pelvis: FloatArray, femur: FloatArray, offset: FloatArray, force: FloatArray, moving: str
) -> FloatArray:
    """Generalised force about a right hip's coordinates of one force at a point (N m).

    The virtual work of ``force`` as its point of application moves with the hip angles:
    ``Q_q = F . dx/dq`` (gravity, a support's reaction, an elastic band's pull).

    Parameters
    ----------
    pelvis, femur
        ``(n, 3, 3)`` world rotations of the pelvis and femur.
    offset
        ``(n, 3)`` the point of application from the hip centre (world, m).
    force
        ``(n, 3)`` the force (world, N).
    moving
        ``"pelvis"`` when the point is carried by the pelvis side, ``"femur"`` when it
        is carried by the femur side.
    """
    relative = np.transpose(pelvis, (0, 2, 1)) @ femur
    flex, add, rot = cardan_xyz(relative)
    _rotation, derivative = hip_rotation_derivatives(np.stack([flex, add, rot], axis=-1))
    if moving == "pelvis":
        # The pelvis is femur @ R(q)^T: the point turns by femur dR^T pelvis^T.
        back = np.einsum("nji,nj->ni", pelvis, offset)
        velocity = np.einsum("nij,nkjq,nk->niq", femur, derivative, back)
    else:
        # The femur is pelvis @ R(q): the point turns by pelvis dR R^T pelvis^T.
        back = np.einsum("nji,nj->ni", femur, offset)
        velocity = np.einsum("nij,njkq,nk->niq", pelvis, derivative, back)
    out: FloatArray = np.einsum("ni,niq->nq", force, velocity)
    return out

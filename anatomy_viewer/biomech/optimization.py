"""Static optimisation of muscle activations, vectorised over frames (pure numpy).

Load sharing is OpenSim's static optimisation: for each frame find activations
``a`` in ``[0, 1]`` that minimise ``sum(a**2)`` while the muscles produce the required
joint moments, ``A a = b`` (``A[:, i]`` is muscle ``i``'s moment at full activation).

Both problems here are solved through their duals by a damped semismooth Newton method.
The dual of the box-constrained least-squares problem is smooth and concave with the
primal answer ``a = clip(A^T lam, 0, 1)``; Newton's step uses the generalised Hessian
``A D A^T`` (``D`` marks the muscles strictly between 0 and 1), damped so that it stays
invertible when few muscles are free, with a backtracking line search on the dual.
Each frame converges independently; all frames iterate together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray

#: Iteration limit; convergence is usually reached in 5 to 20 steps.
MAX_ITERATIONS: Final = 40
#: Relative damping of the Newton system (Levenberg-Marquardt style).
DAMPING: Final = 1e-9


@dataclass(frozen=True)
class Solution:
    """Result of one batch.

    Attributes
    ----------
    activation
        ``(n, m)`` activations in [0, 1].
    residual
        ``(n,)`` largest violation of the moment equations, in the units of ``b``.
    multiplier
        ``(n, k)`` dual variables (for warm starts).
    """

    activation: FloatArray
    residual: FloatArray
    multiplier: FloatArray


def _box_dual(t: FloatArray, scale: FloatArray | float) -> FloatArray:
    """``sum`` over muscles of ``max_{0<=a<=1} (t a - scale a**2 / 2)``."""
    u = np.clip(t / scale, 0.0, 1.0)
    out: FloatArray = np.sum(t * u - 0.5 * scale * u * u, axis=-1)
    return out


def least_squares_activations(
    moments: FloatArray,
    required: FloatArray,
    *,
    start: FloatArray | None = None,
    tolerance: float = 1e-9,
) -> Solution:
    """Minimise ``sum(a**2)`` subject to ``moments @ a = required``, ``0 <= a <= 1``.

    Parameters
    ----------
    moments
        ``(n, k, m)``: muscle ``i``'s contribution to equation ``j`` at full activation.
    required
        ``(n, k)``: the moments the muscles must produce.
    start
        ``(n, k)`` dual starting point (default zeros).
    tolerance
        Stop when every equation holds to this, relative to the largest moment of the
        frame.

    Returns
    -------
    Solution
        Where a frame cannot be solved (the moments lie outside what the muscles can
        give) its residual stays large; callers decide what that means.
    """
    return _newton(moments, required, np.ones(moments.shape[0]), None, start, tolerance)


def most_moment(
    moments: FloatArray,
    direction: int,
    required: FloatArray,
    *,
    regularisation: float = 1e-6,
    start: FloatArray | None = None,
    tolerance: float = 1e-10,
) -> tuple[FloatArray, Solution]:
    """The largest moment the muscles give about equation ``direction``.

    Maximises ``moments[:, direction] @ a`` while the other equations hold exactly
    (``moments[:, others] @ a = required``) and ``0 <= a <= 1``: a linear programme,
    solved with a small quadratic regularisation, which picks the least-norm maximiser.

    Parameters
    ----------
    moments
        ``(n, k, m)``.
    direction
        Row of ``moments`` to maximise.
    required
        ``(n, k - 1)``: the other rows' required moments, in order.
    regularisation
        Weight of ``sum(a**2) / 2`` relative to the objective, as a fraction of the
        frame's largest muscle moment; the maximum is lowered by at most about this much
        per muscle.

    Returns
    -------
    value, solution
        ``(n,)`` largest moment (``-inf`` where the other equations cannot hold) and the
        maximising activations.
    """
    others = [j for j in range(moments.shape[1]) if j != direction]
    objective = moments[:, direction, :]
    size = np.maximum(np.max(np.abs(moments), axis=(1, 2)), 1e-12)
    # Continuation: solve with a large regularisation first (a smooth problem), then
    # shrink it tenfold at a time, each solve starting from the last.
    lam = start
    final = regularisation * size
    # A warm start (from a nearby posture) goes straight to the final problem.
    weight = size if start is None else final
    while True:
        weight = np.maximum(weight, final)
        solution = _newton(moments[:, others, :], required, weight, objective, lam, tolerance)
        lam = solution.multiplier
        if np.all(weight <= final):
            break
        weight = weight * 0.1
    value = np.sum(objective * solution.activation, axis=-1)
    limit = tolerance * size * 1e3
    out: FloatArray = np.where(solution.residual <= limit, value, -np.inf)
    return out, solution


def _solve_small(matrix: FloatArray, rhs: FloatArray) -> FloatArray:
    """Solve ``(n, k, k)`` symmetric systems for ``k`` of 2 or 3 by Cramer's rule."""
    k = matrix.shape[-1]
    if k == 2:
        a, b, d = matrix[:, 0, 0], matrix[:, 0, 1], matrix[:, 1, 1]
        det = a * d - b * b
        out2: FloatArray = np.stack(
            [(d * rhs[:, 0] - b * rhs[:, 1]) / det, (a * rhs[:, 1] - b * rhs[:, 0]) / det], axis=-1
        )
        return out2
    if k == 3:
        cof = np.cross(matrix[:, 1], matrix[:, 2])
        det = np.sum(matrix[:, 0] * cof, axis=-1)
        adj = np.stack(
            [cof, np.cross(matrix[:, 2], matrix[:, 0]), np.cross(matrix[:, 0], matrix[:, 1])],
            axis=-1,
        )
        out3: FloatArray = np.einsum("nij,nj->ni", adj, rhs) / det[:, None]
        return out3
    out: FloatArray = np.linalg.solve(matrix, rhs[..., None])[..., 0].astype(np.float64)
    return out


def _dual_rows(
    moments: FloatArray, required: FloatArray, c: FloatArray, s: FloatArray, lam: FloatArray
) -> FloatArray:
    t = c + np.einsum("nkm,nk->nm", moments, lam)
    out: FloatArray = np.sum(required * lam, axis=-1) - _box_dual(t, s)
    return out


def _newton(
    moments: FloatArray,
    required: FloatArray,
    scale: FloatArray,
    objective: FloatArray | None,
    start: FloatArray | None,
    tolerance: float,
) -> Solution:
    """Maximise the concave dual of ``min sum(scale a^2/2 - c a)`` s.t. ``M a = r``, box.

    With ``c = objective`` (zero if ``None``), the primal answer for dual ``lam`` is
    ``a = clip((c + M^T lam) / scale, 0, 1)``; the dual's gradient is ``r - M a``. Each
    Newton direction is followed by an exact line search: along a line the dual is
    piecewise quadratic, so its slope is piecewise linear and its zero is found exactly
    between the breakpoints where a muscle reaches 0 or 1.
    """
    n, k, m = moments.shape
    c = np.zeros((n, m)) if objective is None else objective
    s = scale[:, None]
    lam = np.zeros((n, k)) if start is None else np.array(start, dtype=np.float64)
    size = np.maximum(np.max(np.abs(moments), axis=(1, 2)), 1e-12)
    eye = np.eye(k)
    hopeless = np.zeros(n, dtype=bool)
    for _ in range(MAX_ITERATIONS):
        t = c + np.einsum("nkm,nk->nm", moments, lam)
        a = np.clip(t / s, 0.0, 1.0)
        gradient = required - np.einsum("nkm,nm->nk", moments, a)
        active = (np.max(np.abs(gradient), axis=-1) > tolerance * size) & ~hopeless
        if not np.any(active):
            break
        idx = np.nonzero(active)[0]
        mi, si, ti, gi = moments[idx], s[idx], t[idx], gradient[idx]
        free = ((ti > 0.0) & (ti < si)).astype(np.float64) / si
        hessian = np.einsum("nkm,nm,njm->nkj", mi, free, mi)
        # Damping keeps the system invertible when fewer than k muscles are free; the
        # exact line search then fixes the step length.
        hessian += (DAMPING * size[idx, None, None] ** 2 / si[:, :, None] + 1e-300) * eye
        step = _solve_small(hessian, gi)
        length, unbounded = _exact_step(mi, required[idx], ti, si, step)
        lam[idx] = lam[idx] + length[:, None] * step
        # The dual rises without bound: no activations reach these moments.
        hopeless[idx[unbounded]] = True
    t = c + np.einsum("nkm,nk->nm", moments, lam)
    a = np.clip(t / s, 0.0, 1.0)
    residual = np.max(np.abs(required - np.einsum("nkm,nm->nk", moments, a)), axis=-1)
    return Solution(activation=a, residual=residual, multiplier=lam)


def _exact_step(
    moments: FloatArray, required: FloatArray, t: FloatArray, s: FloatArray, step: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Step length maximising the dual along ``step``, and whether the dual is unbounded.

    Along the line ``lam + alpha step`` muscle ``i`` contributes ``u_i a_i(alpha)`` to
    the dual's slope, with ``u = M^T step``; that term is 0 or ``u_i`` outside
    ``[alpha0_i, alpha1_i]`` and rises linearly (slope ``u_i^2 / s``) inside. The slope
    of the dual is therefore piecewise linear and non-increasing: sort the breakpoints,
    accumulate, and interpolate where it crosses zero.
    """
    u = np.einsum("nkm,nk->nm", moments, step)
    n, _m = u.shape
    base = np.sum(required * step, axis=-1) - np.sum(u * np.clip(t / s, 0.0, 1.0), axis=-1)
    safe = np.where(u == 0.0, 1.0, u)
    enter = np.where(u > 0.0, -t / safe, (s - t) / safe)
    leave = np.where(u > 0.0, (s - t) / safe, -t / safe)
    rate = np.where(u == 0.0, 0.0, u * u / s)
    # Only the part of each linear range ahead of alpha = 0 matters.
    enter = np.maximum(enter, 0.0)
    valid = (leave > enter) & (rate > 0.0)
    times = np.concatenate([np.where(valid, enter, np.inf), np.where(valid, leave, np.inf)], axis=1)
    changes = np.concatenate([np.where(valid, rate, 0.0), np.where(valid, -rate, 0.0)], axis=1)
    order = np.argsort(times, axis=1, kind="stable")
    times = np.take_along_axis(times, order, axis=1)
    changes = np.take_along_axis(changes, order, axis=1)
    rates = np.cumsum(changes, axis=1)
    finite = np.isfinite(times)
    gaps = np.diff(np.concatenate([np.zeros((n, 1)), np.where(finite, times, 0.0)], axis=1), axis=1)
    gaps = np.where(finite, gaps, 0.0)
    previous_rates = np.concatenate([np.zeros((n, 1)), rates[:, :-1]], axis=1)
    drops = np.cumsum(gaps * previous_rates, axis=1)
    slopes = base[:, None] - drops
    # The slope is base at alpha = 0 and slopes[k] at times[k]; find the first <= 0.
    crossed = finite & (slopes <= 0.0)
    first = np.argmax(crossed, axis=1)
    any_cross = np.any(crossed, axis=1)
    rows = np.arange(n)
    t_hi = times[rows, first]
    s_hi = slopes[rows, first]
    t_lo = np.where(first > 0, times[rows, first - 1], 0.0)
    s_lo = np.where(first > 0, slopes[rows, first - 1], base)
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.where(s_lo > s_hi, t_lo + s_lo * (t_hi - t_lo) / (s_lo - s_hi), t_hi)
    root = np.where(base <= 0.0, 0.0, root)
    # Past the last breakpoint the slope stays constant: if it is still positive and no
    # muscle is still rising, the dual grows without bound (the moments are out of reach).
    last_rate = rates[:, -1] if times.shape[1] else np.zeros(n)
    unbounded = (~any_cross) & (base > 0.0) & (last_rate <= 0.0)
    last_time = np.max(np.where(finite, times, 0.0), axis=1)
    last_slope = base - np.where(finite, drops, 0.0).max(axis=1, initial=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        beyond = last_time + last_slope / last_rate
    root = np.where(any_cross | (base <= 0.0), root, np.where(last_rate > 0.0, beyond, 0.0))
    out: FloatArray = np.where(np.isfinite(root), root, 0.0)
    return out, unbounded

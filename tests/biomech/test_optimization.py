"""The static-optimisation solvers against exact answers on small random problems."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from anatomy_viewer.biomech.optimization import least_squares_activations, most_moment


def _random_problem(seed: int, m: int = 6) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    moments = rng.normal(size=(1, 3, m)) * 30.0
    feasible = rng.uniform(0.1, 0.9, size=(1, m))
    required = np.einsum("nkm,nm->nk", moments, feasible)
    return moments, required


@pytest.mark.parametrize("seed", range(20))
def test_least_squares_meets_the_equations_and_the_optimality_conditions(seed: int) -> None:
    moments, required = _random_problem(seed)
    solution = least_squares_activations(moments, required)
    a = solution.activation[0]
    assert solution.residual[0] < 1e-7
    assert np.all((a >= 0.0) & (a <= 1.0))
    # KKT: a = clip(M^T lam, 0, 1) for the multipliers found.
    lam = solution.multiplier[0]
    np.testing.assert_allclose(a, np.clip(moments[0].T @ lam, 0.0, 1.0), atol=1e-9)


@pytest.mark.parametrize("seed", range(10))
def test_least_squares_beats_every_nearby_feasible_point(seed: int) -> None:
    moments, required = _random_problem(seed)
    a = least_squares_activations(moments, required).activation[0]
    m = moments[0]
    null = np.linalg.svd(m)[2][3:]
    rng = np.random.default_rng(seed + 100)
    for _ in range(200):
        trial = a + null.T @ rng.normal(size=null.shape[0]) * 0.05
        if np.all((trial >= 0.0) & (trial <= 1.0)):
            assert np.sum(trial**2) >= np.sum(a**2) - 1e-9


@pytest.mark.parametrize("seed", range(15))
def test_most_moment_matches_the_best_vertex(seed: int) -> None:
    # The linear programme's optimum lies at a basic solution: at most two activations
    # strictly between 0 and 1; enumerate them all on a small problem.
    rng = np.random.default_rng(seed)
    m = 5
    moments = rng.normal(size=(1, 3, m)) * 20.0
    feasible = rng.uniform(0.2, 0.8, size=m)
    required = np.array([moments[0, 0] @ feasible, moments[0, 2] @ feasible])
    value, _ = most_moment(moments, 1, required[None, :])
    best = -np.inf
    for free in itertools.combinations(range(m), 2):
        fixed = [i for i in range(m) if i not in free]
        for corner in itertools.product((0.0, 1.0), repeat=len(fixed)):
            a = np.zeros(m)
            a[fixed] = corner
            rest = required - moments[0][[0, 2]][:, fixed] @ np.array(corner)
            block = moments[0][[0, 2]][:, list(free)]
            if abs(np.linalg.det(block)) < 1e-9:
                continue
            a[list(free)] = np.linalg.solve(block, rest)
            if np.all((a >= -1e-12) & (a <= 1.0 + 1e-12)):
                best = max(best, float(moments[0, 1] @ a))
    assert value[0] == pytest.approx(best, abs=1e-3 * np.max(np.abs(moments)))


def test_out_of_reach_moments_are_reported_not_hidden() -> None:
    moments = np.array([[[1.0, 0.5], [0.0, 1.0], [1.0, 1.0]]])
    solution = least_squares_activations(moments, np.array([[10.0, 10.0, 10.0]]))
    assert solution.residual[0] > 1.0
    value, _ = most_moment(moments, 1, np.array([[10.0, 10.0]]))
    assert value[0] == -np.inf

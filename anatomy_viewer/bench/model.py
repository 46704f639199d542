"""Timings of the hip model alone: no scene, no display."""

from __future__ import annotations

import statistics
import time

import numpy as np

#: What the benchmark animates: the single-leg squat with a weak gluteus medius (every
#: overlay moves with the squat; minimus and tensor fasciae latae share the load).
BENCH_TASK = "squat"
BENCH_STRENGTH_PCT = 30.0
CYCLE_FRAMES = 120


def model_figures(repeats: int = 5) -> dict[str, float]:
    """Median milliseconds of one frame solved alone, and of a whole cycle solved at once.

    Parameters
    ----------
    repeats
        How many cycles to time (the median is reported).

    Returns
    -------
    dict
        ``model_ms`` (one :func:`solve` call, median over the frames of a cycle) and
        ``cycle_ms`` (one :func:`solve_cycle` call for all ``CYCLE_FRAMES`` phases).
    """
    from anatomy_viewer.biomech import Subject, solve, solve_cycle

    subject = Subject.default()
    phases = (np.arange(CYCLE_FRAMES) + 0.5) / CYCLE_FRAMES
    strength = BENCH_STRENGTH_PCT / 100.0
    solve(subject, BENCH_TASK, "right", strength, 0.5)  # warm-up
    per_frame: list[float] = []
    cycles: list[float] = []
    for _ in range(max(repeats, 1)):
        for phase in phases:
            start = time.perf_counter()
            solve(subject, BENCH_TASK, "right", strength, float(phase))
            per_frame.append(time.perf_counter() - start)
        start = time.perf_counter()
        solve_cycle(subject, BENCH_TASK, "right", strength, phases)
        cycles.append(time.perf_counter() - start)
    return {
        "model_ms": statistics.median(per_frame) * 1000.0,
        "cycle_ms": statistics.median(cycles) * 1000.0,
    }

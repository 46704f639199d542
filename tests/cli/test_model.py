"""``anatomy-viewer model``: one frame or a sweep, as JSON or CSV."""

from __future__ import annotations

import csv
import io
import json

KEYS = {
    "pelvic_drop_deg",
    "pelvic_drop_cm",
    "trunk_lean_deg",
    "hip_adduction_deg",
    "hip_internal_rotation_deg",
    "knee_flexion_deg",
    "knee_fppa_deg",
    "knee_fppa_range_deg",
    "abductor_force_bw",
    "abductor_activation",
    "hip_contact_force_bw",
    "itb_strain_pct",
    "weaken",
    "ratings",
    "muscles",
}


def test_model_json_has_every_key(cli) -> None:
    result = cli("model", "--task", "squat", "--strength", "74", "--phase", "0.5", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= KEYS
    assert report["strength_pct"] == 74.0
    assert report["weaken"] == "gluteus_medius"
    assert report["muscles"]["gluteus_medius_anterior_r"]["activation"] >= 0.0


def test_full_strength_is_rated_normal_in_stance_and_squat(cli) -> None:
    for task in ("stance", "squat"):
        report = json.loads(cli("model", "--task", task, "--strength", "100", "--json").stdout)
        assert set(report["ratings"].values()) == {"normal"}, (task, report["ratings"])


def test_weak_abductors_drop_the_pelvis_more_than_no_gluteus_medius(cli) -> None:
    group = json.loads(
        cli(
            "model", "--task", "stance", "--weaken", "abductors", "--strength", "10", "--json"
        ).stdout
    )
    medius = json.loads(
        cli(
            "model", "--task", "stance", "--weaken", "gluteus_medius", "--strength", "0", "--json"
        ).stdout
    )
    assert group["pelvic_drop_deg"] > 5.0
    assert medius["pelvic_drop_deg"] < group["pelvic_drop_deg"]


def test_strength_sweep_as_json_and_csv(cli) -> None:
    result = cli(
        "model",
        "--task",
        "stance",
        "--weaken",
        "abductors",
        "--sweep",
        "strength=20:40:10",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["strength_pct"] for r in rows] == [20.0, 30.0, 40.0]
    assert rows[0]["pelvic_drop_deg"] > rows[2]["pelvic_drop_deg"]
    result = cli("model", "--task", "squat", "--sweep", "phase=0:1:0.25", "--csv")
    assert result.returncode == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [float(r["phase"]) for r in table] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert {"ratings.pelvic_drop_deg", "muscles.gluteus_medius_anterior_r.force_bw"} <= set(
        table[0]
    )


def test_a_sweep_row_the_model_cannot_solve_says_why(cli) -> None:
    result = cli(
        "model", "--task", "squat", "--weaken", "abductors", "--sweep", "strength=0:20:10", "--json"
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert "error" in rows[0] and "on one leg" in rows[0]["error"]
    assert "error" not in rows[2] and rows[2]["pelvic_drop_deg"] > 0.0


def test_bad_model_input_is_a_clear_error(cli) -> None:
    result = cli("model", "--task", "stance", "--height", "0.3", "--json")
    assert result.returncode == 2
    assert "height" in result.stderr and "Traceback" not in result.stderr
    result = cli("model", "--strength", "150")
    assert result.returncode == 2 and "0 to 100" in result.stderr
    result = cli("model", "--sweep", "knee=0:1:0.1", "--json")
    assert result.returncode == 2 and "strength=A:B:STEP" in result.stderr
    result = cli("model", "--sweep", "strength=50:10:5", "--json")
    assert result.returncode == 2 and "A <= B" in result.stderr
    result = cli("model", "--task", "squat", "--weaken", "abductors", "--strength", "0", "--json")
    assert result.returncode == 2 and "on one leg" in result.stderr
    result = cli("model", "--weaken", "quadriceps")
    assert result.returncode == 2 and "weaken" in result.stderr


def test_walking_and_running_give_the_same_keys_and_follow_the_stance_leg(cli) -> None:
    for task in ("walk", "run"):
        result = cli("model", "--task", task, "--strength", "100", "--phase", "0.15", "--json")
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert set(report) >= KEYS
        assert set(report["ratings"].values()) == {"normal"}, (task, report["ratings"])
        # Early in the cycle the right foot (the chosen side) is on the floor.
        assert "gluteus_medius_anterior_r" in report["muscles"]


def test_walking_strength_sweep_drops_the_pelvis(cli) -> None:
    result = cli(
        "model", "--task", "walk", "--weaken", "abductors", "--phase", "0.15",
        "--sweep", "strength=0:100:50", "--csv",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    drops = [float(r["pelvic_drop_deg"]) for r in table]
    assert drops[0] > 5.0 and drops[-1] == 0.0

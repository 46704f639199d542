"""``anatomy-viewer model --json`` prints the documented keys."""

from __future__ import annotations

import json

KEYS = {
    "pelvic_drop_deg",
    "pelvic_drop_cm",
    "trunk_lean_deg",
    "hip_adduction_deg",
    "hip_internal_rotation_deg",
    "knee_flexion_deg",
    "knee_fppa_deg",
    "abductor_force_bw",
    "abductor_activation",
    "hip_contact_force_bw",
    "itb_strain_pct",
}


def test_model_json_has_every_key(cli) -> None:
    result = cli("model", "--task", "squat", "--strength", "74", "--phase", "0.5", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= KEYS
    assert report["strength_pct"] == 74.0


def test_weaker_means_more_valgus_on_the_command_line(cli) -> None:
    strong = json.loads(cli("model", "--task", "squat", "--strength", "100", "--json").stdout)
    weak = json.loads(cli("model", "--task", "squat", "--strength", "74", "--json").stdout)
    assert weak["knee_fppa_deg"] > strong["knee_fppa_deg"]


def test_bad_model_input_is_a_clear_error(cli) -> None:
    result = cli("model", "--task", "stance", "--height", "0.3", "--json")
    assert result.returncode == 2
    assert "height" in result.stderr and "Traceback" not in result.stderr
    result = cli("model", "--strength", "150")
    assert result.returncode == 2 and "0 to 100" in result.stderr

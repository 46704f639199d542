"""``anatomy-viewer fit``: the model's own output fitted back, impossible and bad input."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("strength", ["8", "20", "27"])
def test_model_output_fits_back_to_its_strength(cli, strength: str) -> None:
    common = ("--task", "stance", "--weaken", "abductors", "--height", "1.6", "--sex", "female")
    model = cli("model", *common, "--strength", strength, "--mass", "60", "--json")
    assert model.returncode == 0, model.stderr
    row = json.loads(model.stdout)
    low, high = row["knee_fppa_range_deg"]
    fit = cli(
        "fit",
        *common,
        "--mass",
        "60",
        "--pelvic-drop",
        str(row["pelvic_drop_deg"]),
        "--fppa",
        str(0.5 * (low + high)),
        "--json",
    )
    assert fit.returncode == 0, fit.stderr
    result = json.loads(fit.stdout)
    assert abs(result["strength_pct"] - float(strength)) <= 5.0
    assert result["strength_range_pct"][0] <= float(strength) <= result["strength_range_pct"][1]


def test_an_impossible_measurement_exits_non_zero_and_says_why(cli) -> None:
    result = cli("fit", "--task", "squat", "--fppa", "35", "--json")
    assert result.returncode == 2
    assert "No strength explains" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--height", "2.5"), "--height: height must be from 1.4 to 2.1 m"),
        (("--mass", "heavy"), "--mass: expected mass from 35 to 200 kg"),
        (("--pelvic-drop", "80"), "--pelvic-drop: pelvic drop must be from -20 to 45"),
        (("--task", "run"), "the model's drop is an upper bound"),
    ],
)
def test_nonsense_input_names_the_option_and_its_range(cli, args, words: str) -> None:
    command = ["fit", "--task", "squat", "--fppa", "5", *args]
    result = cli(*command)
    assert result.returncode == 2 and words in result.stderr


def test_a_flat_curve_prints_no_strength(cli) -> None:
    result = cli("fit", "--task", "stance", "--pelvic-drop", "0", "--fppa", "3", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["strength_pct"] is None and out["pinned"] is False
    assert out["strength_range_pct"] == [0.0, 100.0]


def test_render_refuses_a_height_out_of_range(cli, tmp_path) -> None:
    result = cli("render", "--out", str(tmp_path / "p.png"), "--task", "stance", "--height", "3")
    assert result.returncode == 2 and "--height: height must be from 1.4 to 2.1 m" in result.stderr
    assert not (tmp_path / "p.png").exists()

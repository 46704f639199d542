"""``anatomy-viewer model --task EXERCISE`` and ``model --exercises``."""

from __future__ import annotations

import json

import pytest

from anatomy_viewer.vocabulary import EXERCISES


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_exercise_reports_each_muscle_s_effort(cli, exercise: str) -> None:
    result = cli("model", "--task", exercise, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["task"] == exercise
    muscles = report["muscles"]
    assert "gluteus_medius_middle_r" in muscles
    for values in muscles.values():
        assert set(values) == {"activation", "force_bw"}
        assert 0.0 <= values["activation"] <= 1.0
    assert report["instructions"]["patient"] and report["instructions"]["student"]
    assert 0.0 <= report["gluteus_medius_effort"] <= 1.0
    if exercise != "single_leg_squat":  # the squat reports its own numbers via --task squat
        assert set(report["hip_moment_pct_bw_height"]) == {
            "flexion",
            "adduction",
            "internal_rotation",
        }


def test_weakening_changes_who_does_the_work(cli) -> None:
    def activations(*extra: str) -> dict[str, float]:
        result = cli("model", "--task", "lateral_band_walk", "--json", *extra)
        assert result.returncode == 0, result.stderr
        return {m: v["activation"] for m, v in json.loads(result.stdout)["muscles"].items()}

    full = activations()
    weak = activations("--strength", "50", "--weaken", "gluteus_medius")
    for muscle in ("gluteus_minimus_anterior_r", "tensor_fasciae_latae_r"):
        assert weak[muscle] > full[muscle] + 0.1


def test_ranking_lists_every_exercise_beside_published_emg(cli) -> None:
    result = cli("model", "--exercises", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {row["task"] for row in rows} == set(EXERCISES)
    efforts = [row["gluteus_medius_effort"] for row in rows]
    assert efforts == sorted(efforts, reverse=True)
    side_lying = next(row for row in rows if row["task"] == "side_lying_abduction")
    assert side_lying["emg_pct_mvic"] == 81.0
    assert "DiStefano" in side_lying["emg_source"]


def test_ranking_table_says_activation_is_not_emg(cli) -> None:
    result = cli("model", "--exercises")
    assert result.returncode == 0, result.stderr
    assert "Clamshell" in result.stdout
    assert "not EMG" in result.stdout


def test_movement_options_are_refused_for_an_exercise(cli) -> None:
    result = cli("model", "--task", "clamshell", "--phase", "0.3", "--json")
    assert result.returncode == 2
    assert "each exercise is one held pose" in result.stderr
    result = cli("model", "--task", "clamshell", "--sweep", "strength=0:100:50")
    assert result.returncode == 2
    assert "--sweep" in result.stderr


def test_export_video_plays_an_exercise(cli, headless_env, tmp_path) -> None:
    out = tmp_path / "plank.gif"
    result = cli(
        "export-video",
        "--task",
        "side_plank",
        "--out",
        str(out),
        "--size",
        "160x120",
        "--fps",
        "4",
        "--loops",
        "1",
        env=headless_env,
    )
    assert result.returncode == 0, result.stderr
    # One 5 s cycle at 4 frames a second, from lying on the side to the plank and back.
    assert "20 frames" in result.stdout
    assert out.stat().st_size > 0


def test_ranking_keeps_the_exercises_it_can_solve_when_one_cannot_be(cli) -> None:
    result = cli("model", "--exercises", "--strength", "0", "--weaken", "abductors", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    squat = rows[-1]
    assert squat["task"] == "single_leg_squat"
    assert squat["gluteus_medius_effort"] is None
    assert "cannot be done on one leg" in squat["error"]
    assert all(row["gluteus_medius_effort"] is not None for row in rows[:-1])


def test_plain_output_lists_instructions_and_muscles(cli) -> None:
    result = cli("model", "--task", "clamshell")
    assert result.returncode == 0, result.stderr
    assert "  patient  Lie on your side" in result.stdout
    assert "gluteus_medius_posterior_r" in result.stdout


EXERCISE_LESSON = """\
format: 1
title: Clamshell
description: One exercise.
audiences: [patient]
duration_min: 1
source: test
steps:
  - title: The clamshell
    text: Open the top knee.
    camera: exercise
    simulation:
      task: clamshell
      side: left
      phase: 0.5
"""


def test_a_lesson_step_shows_an_exercise(cli, headless_env, tmp_path) -> None:
    (tmp_path / "lesson.yaml").write_text(EXERCISE_LESSON, encoding="utf-8")
    result = cli("check", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "step.png"
    result = cli(
        "render",
        "--lesson",
        str(tmp_path),
        "--out",
        str(out),
        "--size",
        "320x180",
        env=headless_env,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    bad = EXERCISE_LESSON.replace("task: clamshell", "task: clamshel")
    (tmp_path / "lesson.yaml").write_text(bad, encoding="utf-8")
    result = cli("check", str(tmp_path))
    assert result.returncode == 1
    assert "lesson.yaml:12:13: error" in result.stdout
    assert "did you mean 'clamshell'" in result.stdout


def test_check_proves_an_exercise_step_and_names_what_it_does_not_compute(
    cli, headless_env, tmp_path
) -> None:
    checked = EXERCISE_LESSON + (
        "    overlays: [effort]\n"
        "    expect:\n"
        '      abductor_activation: "> 0.1"\n'
        "      visible: [gluteus_medius_l]\n"
    )
    (tmp_path / "lesson.yaml").write_text(checked, encoding="utf-8")
    result = cli("check", str(tmp_path), env=headless_env)
    assert result.returncode == 0, result.stdout + result.stderr
    wrong = checked.replace('abductor_activation: "> 0.1"', 'pelvic_drop_deg: "< 1"')
    (tmp_path / "lesson.yaml").write_text(wrong, encoding="utf-8")
    result = cli("check", str(tmp_path), env=headless_env)
    assert result.returncode == 1
    assert "does not work out pelvic_drop_deg for the exercise clamshell" in result.stdout

"""The command line's patient for a lesson's steps about the patient: only what was given."""

from __future__ import annotations

import pytest

from anatomy_viewer.cli import build_parser
from anatomy_viewer.cli_args import lesson_patient_for
from anatomy_viewer.lesson import Patient


@pytest.mark.parametrize("command", ["render", "export-handout"])
def test_only_the_patient_options_given_reach_the_lesson(command: str) -> None:
    head = [command, "--lesson", "x", "--out", "x.pdf" if command != "render" else "x.png"]
    parser = build_parser()
    assert lesson_patient_for(parser.parse_args(head)) is None
    args = parser.parse_args([*head, "--height", "1.6", "--patient-strength", "35"])
    assert lesson_patient_for(args) == Patient(height_m=1.6, strength_pct=35.0)
    args = parser.parse_args(
        [*head, "--mass", "58", "--patient-strength", "20", "--patient-weaken", "abductors"]
    )
    assert lesson_patient_for(args) == Patient(mass_kg=58.0, strength_pct=20.0, weaken="abductors")


def test_a_bad_patient_strength_names_the_option_and_its_range(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["render", "--out", "x.png", "--patient-strength", "120"])
    assert "--patient-strength: the patient's strength must be from 0 to 100 %, not 120" in (
        capsys.readouterr().err
    )

"""Steps about the patient: their values in the text, their strength, and the checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from anatomy_viewer.lesson import LessonPlayer, Patient, check_lesson
from anatomy_viewer.lesson.patient import fill

HEAD = "format: 1\ntitle: Demo\nsteps:\n  - title: First\n    text: Hello\n"

YOUR_HIP = (
    HEAD
    + "  - title: Your hip\n"
    + "    text:\n"
    + "      patient: |\n"
    + "        You are {patient.height_m} m tall. At your strength ({patient.strength_pct} %),\n"
    + "        your hip drops {patient.pelvic_drop_deg}°.\n"
    + "      student: Patient at {patient.strength_pct} %.\n"
    + "    text_without_patient: Ask your therapist to measure your hip.\n"
    + "    simulation: {task: stance, weaken: abductors, strength_pct: patient, phase: 0.5}\n"
    + "    compare: true\n"
)


def _model(scene: object) -> dict[str, float]:
    return {"pelvic_drop_deg": 17.4}


def _lesson(write_lesson: Callable[..., Path], text: str) -> LessonPlayer:
    lesson, problems = check_lesson(write_lesson(text))
    assert lesson is not None, problems
    return LessonPlayer(lesson)


def test_a_patient_step_shows_the_patient_s_values_and_strength(
    write_lesson: Callable[..., Path],
) -> None:
    player = _lesson(write_lesson, YOUR_HIP)
    player.patient = Patient(
        height_m=1.62, mass_kg=58, strength_pct=35.4, weaken="abductors", model=_model
    )
    player.go_to(1)
    view = player.current
    assert "You are 1.62 m tall. At your strength (35 %)" in view.markdown
    assert "your hip drops 17.4°" in view.markdown
    assert "{" not in view.markdown
    assert view.scene.simulation.strength_pct == pytest.approx(35.4)
    assert view.scene.simulation.weaken == "abductors"
    assert view.scene.simulation.patient_strength
    assert player.scene == view.scene
    player.audience = "student"
    assert player.current.markdown.strip() == "Patient at 35 %."


def test_without_a_patient_the_step_shows_its_own_fallback_and_strength(
    write_lesson: Callable[..., Path],
) -> None:
    player = _lesson(write_lesson, YOUR_HIP)
    player.go_to(1)
    view = player.current
    assert view.markdown == "Ask your therapist to measure your hip."
    assert view.scene.simulation.strength_pct == 100.0
    assert not view.scene.simulation.patient_strength  # no caption calls 100 % "yours"
    # A profile without a measured strength: the strength is unknown, so the fallback too.
    player.patient = Patient(height_m=1.62, mass_kg=58)
    assert player.current.markdown == "Ask your therapist to measure your hip."


def test_without_fallback_text_unknown_values_read_as_clear_phrases() -> None:
    text = "You are {patient.height_m} m tall and weigh {patient.mass_kg} kg."
    assert fill(text, {"height_m": 1.9}) == (
        "You are 1.90 m tall and weigh [your weight: not entered] kg."
    )
    assert fill(text, {}) == (
        "You are [your height: not entered] m tall and weigh [your weight: not entered] kg."
    )
    assert fill("{ patient.pelvic_drop_deg }°", {"pelvic_drop_deg": -0.02}) == "0.0°"


def test_an_inheriting_step_falls_back_to_the_previous_strength(
    write_lesson: Callable[..., Path],
) -> None:
    text = (
        HEAD.replace("text: Hello\n", "text: Hello\n    simulation: {strength_pct: 30}\n")
        + "  - title: Yours\n    inherit: true\n    text: Yours.\n"
        + "    simulation: {strength_pct: patient}\n"
        + "  - title: Back\n    inherit: true\n    text: Back.\n"
        + "    simulation: {strength_pct: 50}\n"
    )
    player = _lesson(write_lesson, text)
    player.go_to(1)
    assert player.scene.simulation.strength_pct == 30.0
    player.patient = Patient(strength_pct=12.0, weaken="gluteus_medius")
    assert player.scene.simulation.strength_pct == 12.0
    player.go_to(2)
    assert player.scene.simulation.strength_pct == 50.0
    assert not player.scene.simulation.patient_strength


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            "    text: You are {patient.hieght_m} m tall.\n",
            "7:19: error: step 2 > text: unknown patient value '{patient.hieght_m}' "
            "(did you mean 'height_m'?)",
        ),
        (
            "    text: You are {patient height} tall.\n",
            "7:19: error: step 2 > text: a patient value is written {patient.NAME} with a dot "
            "and a closing brace",
        ),
        (
            "    title: Hi {patient.height_m}\n    text: Hi.\n",
            "step 2 > title: patient values are filled in only in the step's 'text'",
        ),
        (
            "    text: Your hip drops {patient.pelvic_drop_deg}°.\n"
            "    text_without_patient: Ask your therapist.\n",
            "7:26: error: step 2 > text: '{patient.pelvic_drop_deg}' is the model's number at "
            "the patient's strength: show that strength too, with simulation: "
            "{strength_pct: patient}",
        ),
        (
            "    text: You are {patient.height_m} m tall.\n",
            "7:11: warning: step 2 > text: this text quotes patient values; add "
            "'text_without_patient:'",
        ),
        (
            "    text: Hello.\n    text_without_patient: Nobody.\n",
            "8:5: warning: step 2 > text_without_patient: the text quotes no patient values",
        ),
        (
            "    text: Hi.\n    simulation: {strength_pct: patinet}\n",
            "8:32: error: step 2 > simulation > strength_pct: the text 'patinet' is not "
            "allowed; write a number from 0 to 100, or 'patient' for the patient's own "
            "strength (did you mean 'patient'?)",
        ),
    ],
)
def test_author_slips_are_named_with_file_and_line(
    write_lesson: Callable[..., Path], step: str, expected: str
) -> None:
    text = HEAD + ("  -" + step[3:] if "title:" in step else "  - title: Two\n" + step)
    path = write_lesson(text)
    _lesson, problems = check_lesson(path)
    lines = [p.format() for p in problems]
    assert any(str(path) in line and expected in line for line in lines), lines

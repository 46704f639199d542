"""A lesson's steps about the patient, off-screen: the handout's text and the pictures."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from anatomy_viewer.biomech import Subject
from anatomy_viewer.lesson import Patient, SceneState, SimulationState
from anatomy_viewer.lesson.model import Playback
from anatomy_viewer.logic.handout import handout_content
from anatomy_viewer.logic.patient_anatomy import PatientProfile
from anatomy_viewer.logic.patient_lesson import model_values, patient_from_profile
from anatomy_viewer.logic.render import RenderRequest, render_picture
from anatomy_viewer.logic.simulation import Simulation, SimulationSettings
from tests.cli.conftest import read_png

LESSON = """\
format: 1
title: Your hip
steps:
  - title: Your hip
    text: "Your strength: {patient.strength_pct} %. Your hip drops {patient.pelvic_drop_deg}°."
    text_without_patient: Ask your therapist to measure you.
    camera: {preset: anterior, duration_s: 0}
    simulation: {task: stance, side: right, strength_pct: patient, phase: 0.5}
    overlays: [pelvic_level]
    compare: true
"""

#: The patient of these tests: the abductor group at 18 % (docs/lesson-format.md: the
#: default body drops the hip about 24° standing at 20 %, and more below).
PATIENT = Patient(height_m=1.75, mass_kg=75.0, strength_pct=18.0, weaken="abductors")


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    folder = tmp_path / "your-hip"
    folder.mkdir()
    (folder / "lesson.yaml").write_text(LESSON, encoding="utf-8")
    return folder


def test_the_model_s_number_is_the_step_s_moment_and_none_when_it_cannot_solve() -> None:
    simulation = Simulation(Subject.default())
    held = SceneState(simulation=SimulationState(strength_pct=18.0, weaken="abductors", phase=0.5))
    frame = simulation.frame(SimulationSettings(strength_pct=18.0, weaken="abductors"), 0.5)
    assert model_values(simulation, held) == {
        "pelvic_drop_deg": frame.quantities["pelvic_drop_deg"]
    }
    playing = SceneState(
        simulation=SimulationState(
            task="squat", strength_pct=18.0, weaken="abductors", phase=None, play=Playback()
        )
    )
    deepest = simulation.frame(
        SimulationSettings(task="squat", strength_pct=18.0, weaken="abductors"), 0.5
    )
    assert model_values(simulation, playing)["pelvic_drop_deg"] == pytest.approx(
        deepest.quantities["pelvic_drop_deg"]
    )
    # Too weak to squat on one leg: no number, so the text says it is not known.
    too_weak = SceneState(
        simulation=SimulationState(task="squat", strength_pct=5.0, weaken="abductors", phase=0.5)
    )
    assert model_values(simulation, too_weak) == {}


def test_the_profile_becomes_the_lesson_s_patient() -> None:
    assert patient_from_profile(None) is None
    profile = PatientProfile(height_m=1.6, mass_kg=58.0, sex="female")
    patient = patient_from_profile(profile, 35.0, "abductors")
    assert patient == Patient(height_m=1.6, mass_kg=58.0, strength_pct=35.0, weaken="abductors")
    assert patient_from_profile(None, 35.0) == Patient(strength_pct=35.0)


def test_the_handout_prints_the_patient_s_values_and_draws_their_strength(
    qapp: QApplication, lesson: Path
) -> None:
    size = (160, 120)
    own = handout_content(lesson, picture_size=size, quality="fast", patient=PATIENT)
    none = handout_content(lesson, picture_size=size, quality="fast")
    text = re.sub(r"<[^>]+>", "", own.steps[0].html)
    match = re.search(r"Your strength: 18 %\. Your hip drops (\d+\.\d)°\.", text)
    assert match is not None, text
    assert float(match[1]) > 5.0  # the hip drops at 18 % of the group (prediction above)
    assert "Ask your therapist to measure you." in none.steps[0].html
    assert "{" not in text
    # The left figure is the patient's strength; the right one, normal, is the same in both.
    width = size[0]
    assert not np.array_equal(own.steps[0].picture[:, :width], none.steps[0].picture[:, :width])
    assert np.array_equal(own.steps[0].picture[:, width:], none.steps[0].picture[:, width:])


def test_render_draws_a_step_at_the_patient_s_strength(
    qapp: QApplication, lesson: Path, tmp_path: Path
) -> None:
    def render(name: str, patient: Patient | None) -> np.ndarray:
        out = tmp_path / name
        request = RenderRequest(
            out=out, size=(320, 120), quality="fast", lesson=lesson, patient=patient
        )
        return read_png(render_picture(request))

    assert not np.array_equal(render("own.png", PATIENT), render("none.png", None))

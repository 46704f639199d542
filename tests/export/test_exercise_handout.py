"""The exercise sheet: a picture, how-to and the model's efforts per chosen exercise."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.logic.exercise_handout import exercise_handout_content, parse_exercises
from anatomy_viewer.logic.exercise_table import ranked_rows
from anatomy_viewer.ui.clinic_profile import ClinicProfile
from anatomy_viewer.ui.handout import write_handout
from tests.export.test_cli_export import plain, run

SMALL = (300, 300)


def test_the_sheet_has_one_picture_per_exercise_in_the_model_s_order(
    qapp: QApplication, tmp_path: Path
) -> None:
    done: list[int] = []
    content = exercise_handout_content(
        ["clamshell", "side_plank", "single_leg_bridge"],
        quality="fast",
        picture_size=SMALL,
        progress=lambda d, _: done.append(d),
    )
    assert done == [1, 2, 3]
    assert all(step.picture.shape == (SMALL[1], SMALL[0], 3) for step in content.steps)
    # Ranked by the model's gluteus medius effort, highest first (a calibration regression
    # of the order: side plank 0.62, bridge 0.45, clamshell 0.21 at full strength).
    rows = ranked_rows(
        Subject.default(), exercises=("clamshell", "side_plank", "single_leg_bridge")
    )
    assert [s.title for s in content.steps] == [row.info.name for row in rows]
    assert content.steps[0].title == "Side plank" and content.steps[-1].title == "Clamshell"
    out = write_handout(
        content, tmp_path / "sheet.pdf", ClinicProfile(), "a4", datetime.date(2026, 1, 2)
    )
    reader = PdfReader(out)
    assert sum(len(page.images) for page in reader.pages) == 3
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    assert text.count("Repetitions:") == 3  # blanks for the therapist's dose
    assert "rank 1 of 3 for gluteus medius" in text  # ("effort" prints with an ff ligature)
    assert "open the top knee like a clamshell" in text  # the patient's how-to


def test_unknown_exercises_are_named_with_the_nearest(tmp_path: Path) -> None:
    assert parse_exercises(" clamshell, side_plank,clamshell ") == ["clamshell", "side_plank"]
    with pytest.raises(AnatomyViewerError, match=r"'clamshel'.*did you mean 'clamshell'"):
        parse_exercises("clamshel")
    with pytest.raises(AnatomyViewerError, match="at least one"):
        parse_exercises(" , ")


def test_export_handout_of_exercises_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    result = run(
        "export-handout", "--exercises", "clamshell,side_lying_abduction", "--out", str(out),
        "--strength", "50", "--quality", "fast", "--clinic", "Riverside", tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert sum(len(page.images) for page in reader.pages) == 2
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    assert "Riverside" in text and "strength 50 %" in text
    bad = run(
        "export-handout", "--exercises", "clamshel", "--out", str(tmp_path / "b.pdf"),
        tmp_path=tmp_path,
    )  # fmt: skip
    assert bad.returncode == 2
    assert "unknown exercise 'clamshel' (did you mean 'clamshell'?)" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "b.pdf").exists()
    unwritable = run(
        "export-handout", "--exercises", "clamshell", "--out", str(tmp_path / "no" / "b.pdf"),
        tmp_path=tmp_path,
    )  # fmt: skip
    assert unwritable.returncode == 2
    assert "does not exist" in unwritable.stderr

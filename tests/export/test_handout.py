"""Handout content and layout, in process: pictures per step, compare steps, pages, errors."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.logic.handout import PICTURE_SIZE, handout_content
from anatomy_viewer.ui.clinic_profile import ClinicProfile
from anatomy_viewer.ui.handout import check_pdf_path, long_date, write_handout
from tests.export.conftest import LESSON


def test_a_compare_step_gets_both_views_and_the_layout_keeps_every_step(
    qapp: QApplication, tmp_path: Path
) -> None:
    folder = tmp_path / "compare"
    folder.mkdir()
    text = LESSON.replace(
        "      play: {speed: 2, loops: 1}\n",
        "      play: {speed: 2, loops: 1}\n    compare: true\n",
    )
    (folder / "lesson.yaml").write_text(text, encoding="utf-8")
    done: list[int] = []
    content = handout_content(
        folder, "patient", quality="fast", progress=lambda d, _: done.append(d)
    )
    assert done == [1, 2]
    width, height = PICTURE_SIZE
    assert content.steps[0].picture.shape == (height, width, 3)
    assert content.steps[1].picture.shape == (height, 2 * width, 3)
    # Many steps flow over several pages, each page numbered, nothing lost.
    many = type(content)(
        content.title, content.description, content.audience, content.folder, content.steps * 4
    )
    out = write_handout(
        many, tmp_path / "many.pdf", ClinicProfile(), "letter", datetime.date(2026, 1, 2)
    )
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert pages >= 3
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert text.count("One leg with a weak muscle") == 4
    assert f"Page {pages} of {pages}" in text and "2 January 2026" in text
    assert "Your exercise handout" in text  # no clinic name saved: a plain heading
    assert [p.name for p in tmp_path.iterdir() if ".partial" in p.name] == []


def test_pdf_paths_are_checked_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(AnatomyViewerError, match=r"notes\.txt.*PDF"):
        check_pdf_path(tmp_path / "notes.txt")
    with pytest.raises(AnatomyViewerError, match="does not exist"):
        check_pdf_path(tmp_path / "missing" / "x.pdf")
    assert long_date(datetime.date(2026, 3, 7)) == "7 March 2026"


def test_the_handout_font_falls_back_through_qt_s_font_database(qapp: QApplication) -> None:
    from PySide6.QtGui import QFontDatabase

    from anatomy_viewer.ui.handout import FONT_FAMILIES, handout_font_family

    installed = set(QFontDatabase.families())
    # The first preferred font that is installed (the test machine has DejaVu Sans).
    assert handout_font_family() == next(f for f in FONT_FAMILIES if f in installed)
    assert handout_font_family(("No Such Font 1", "DejaVu Sans")) == "DejaVu Sans"
    # None installed: the system's own font, which exists.
    fallback = handout_font_family(("No Such Font 1", "No Such Font 2"))
    assert fallback == QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    assert fallback


def test_the_pictures_labels_print_large_enough_to_read(qapp: QApplication, tmp_path: Path) -> None:
    from anatomy_viewer.logic.handout import TEXT_SCALE
    from anatomy_viewer.logic.step_picture import StepPictures
    from anatomy_viewer.scene.labels import LABEL_FONT_SIZE
    from anatomy_viewer.ui.handout import MARGIN_MM, PICTURE_SHARE

    pictures = StepPictures(PICTURE_SIZE, "fast", text_scale=TEXT_SCALE)
    try:
        window = pictures.scene.plotter.render_window
        assert window is not None
        dpi = window.GetDPI()
    finally:
        pictures.close()
    assert dpi == round(72 * TEXT_SCALE)
    label_px = LABEL_FONT_SIZE * dpi / 72
    # The narrowest paper (A4, 210 mm) prints the picture at its share of the text width.
    printed_mm = label_px * (210 - 2 * MARGIN_MM) * PICTURE_SHARE / PICTURE_SIZE[0]
    assert printed_mm / 0.3528 >= 8.5  # points: about the handout's own small print


QUIZ_STEPS = """\
  - title: A question
    text: Which one?
    quiz:
      question: Which muscle keeps the hips level?
      choices:
        - {text: Gluteus medius, correct: true}
        - {text: Gluteus maximus}
        - {text: The calf}
  - title: Find it
    text: Find it.
    quiz:
      question: Click the right gluteus medius.
      structure: gluteus_medius_r
      correct_feedback: Yes.
      wrong_feedback: Look at the side of the hip.
"""


@pytest.mark.parametrize("answers", [False, True])
def test_questions_print_every_choice_and_a_therapist_s_copy_marks_the_answer(
    qapp: QApplication, tmp_path: Path, answers: bool
) -> None:
    folder = tmp_path / "quiz"
    folder.mkdir()
    (folder / "lesson.yaml").write_text(LESSON + QUIZ_STEPS, encoding="utf-8")
    content = handout_content(folder, "patient", (120, 150), quality="fast", answers=answers)
    choice, click = content.steps[2].quiz, content.steps[3].quiz
    assert choice is not None and [c.text for c in choice.choices] == [
        "Gluteus medius",
        "Gluteus maximus",
        "The calf",
    ]
    assert click is not None and click.answers == ("Gluteus medius (right)",)
    out = write_handout(content, tmp_path / "quiz.pdf", ClinicProfile(), "a4")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Think about it: Which muscle keeps the hips level?" in text
    for choice_text in ("Gluteus medius", "Gluteus maximus", "The calf"):
        assert choice_text in text
    assert "Try it on the picture: Point to the right gluteus medius. (in the app, click it)." in (
        text
    )
    assert ("(the answer)" in text) is answers
    assert ("Answer: Gluteus medius (right)" in text) is answers

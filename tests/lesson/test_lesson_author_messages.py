"""The slips lesson authors make most get the right line and the right hint, word for word."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from anatomy_viewer.lesson import check_lesson

HEAD = "format: 1\ntitle: Demo\nsteps:\n"

CASES = {
    "unclosed quote, reported where it opens": (
        'format: 1\ntitle: "Unclosed quote\nsteps:\n  - title: One\n    text: Hello\n'
        "  - title: Two\n    text: Hello again\n    camera: anterior\n",
        '2:8: YAML syntax: the quote (") that starts this text is never closed; end the '
        'text with " on this line',
    ),
    "unclosed quote that a later quote seems to close": (
        'format: 1\ntitle: "Unclosed quote\nsteps:\n  - title: One\n    text: "Hello"\n',
        '2:8: YAML syntax: the quote (") that starts this text is never closed; end the '
        'text with " on this line',
    ),
    "apostrophe inside single quotes": (
        HEAD + "  - title: 'Don't let the hip drop'\n    text: Hello\n",
        '4:16: YAML syntax: the apostrophe in "Don\'t" ends the single-quoted text early; '
        "inside single quotes write an apostrophe twice (Don''t), or put the text in double "
        "quotes",
    ),
    "curly quotes from a word processor": (
        HEAD + "  - title: “Step 1: the knee”\n    text: Hello\n",
        "4:12: YAML syntax: the text starts with a curly quote (“), which YAML does not read "
        "as a quote (word processors type them); retype the quotes around the text as "
        'straight quotes ("), or write the text without quotes after |',
    ),
    "a comparison that starts with >": (
        HEAD + "  - title: One\n    text: Hello\n    expect:\n      pelvic_drop_deg: >= 5\n",
        '7:24: YAML syntax: a comparison that starts with > must be in quotes, e.g. ">= 5"',
    ),
    "a percent sign after a number": (
        HEAD + "  - title: One\n    text: Hello\n    simulation: {strength_pct: 35%}\n",
        "6:32: step 1 > simulation > strength_pct: write the number without the % sign: "
        "strength_pct: 35",
    ),
    "answer: naming one of the choices": (
        HEAD + "  - title: One\n    text: Hello\n    quiz:\n      question: Which?\n"
        "      answer: Gluteus medius\n      choices:\n        - text: Gluteus medius\n"
        "        - text: Gluteus maximus\n",
        "8:7: step 1 > quiz: unknown key 'answer': remove it and add 'correct: true' to the "
        "choice 'Gluteus medius' (e.g. - {text: Gluteus medius, correct: true})",
    ),
    "answer: with a number": (
        HEAD + "  - title: One\n    text: Hello\n    quiz:\n      question: Which?\n"
        "      answer: 1\n      choices:\n        - {text: A, correct: true}\n"
        "        - {text: B}\n",
        "8:7: step 1 > quiz: unknown key 'answer': mark the right choice itself with "
        "'correct: true', e.g. - {text: Gluteus medius, correct: true}",
    ),
    "answer: in a click-the-structure question": (
        HEAD + "  - title: One\n    text: Hello\n    quiz:\n      question: Click it.\n"
        "      answer: gluteus_medius_r\n",
        "8:7: step 1 > quiz: unknown key 'answer': a 'click the structure' question names "
        "the right structure under 'structure', e.g. structure: gluteus_medius_r",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_slip_gets_its_own_line_and_hint(name: str, write_lesson: Callable[..., Path]) -> None:
    text, expected = CASES[name]
    path = write_lesson(text)
    lesson, problems = check_lesson(path)
    assert lesson is None
    errors = [f"{p.line}:{p.column}: {p.message}" for p in problems if p.severity == "error"]
    assert expected in errors, errors


def test_quotes_inside_a_block_text_are_plain_text(write_lesson: Callable[..., Path]) -> None:
    text = HEAD + "  - title: One\n    text: |\n      Don't worry: “this” is 'fine\n"
    lesson, problems = check_lesson(write_lesson(text))
    assert lesson is not None, problems


def test_a_long_patient_sentence_is_a_warning_not_an_error(
    write_lesson: Callable[..., Path],
) -> None:
    long = " ".join(["word"] * 26) + "."
    text = HEAD + f"  - title: One\n    text:\n      patient: Short one. {long}\n"
    text += "      student: " + long + "\n"
    lesson, problems = check_lesson(write_lesson(text))
    assert lesson is not None
    assert [f"{p.line}:{p.column}: {p.severity}: {p.message}" for p in problems] == [
        "6:27: warning: step 1 > text > patient: this patient sentence has 26 words "
        "('word word word word word word...'); patients follow sentences of 25 words or "
        "fewer more easily: split it"
    ]


def test_twenty_five_words_pass_and_list_items_count_apart(
    write_lesson: Callable[..., Path],
) -> None:
    item = " ".join(["word"] * 20)
    text = (
        HEAD
        + "  - title: One\n    text: |\n"
        + f"      {' '.join(['word'] * 25)}.\n\n      - {item}\n      - {item}\n"
    )
    lesson, problems = check_lesson(write_lesson(text))
    assert lesson is not None and problems == []

"""Step checks as written: the ``expect`` syntax, its messages, labels and reference keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from anatomy_viewer.lesson import Label, check_lesson, load_lesson
from anatomy_viewer.lesson.expect import NumberCheck, parse_comparison
from anatomy_viewer.lesson.references import cited_keys, reference_keys
from anatomy_viewer.resources import lessons_dir, references_path

HEAD = "format: 1\ntitle: Demo\nsteps:\n  - title: One\n    text: Hello\n"


def _errors(path: Path) -> list[str]:
    return [f"{p.line}:{p.column}: {p.message}" for p in check_lesson(path)[1]]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("> 5", (">", 5.0, None)),
        (">=12", (">=", 12.0, None)),
        (" < -2.5 ", ("<", -2.5, None)),
        ("<= 0", ("<=", 0.0, None)),
        ("4 to 12", ("to", 4.0, 12.0)),
        ("5", None),
        ("> 5°", None),
        ("=> 5", None),
    ],
)
def test_comparisons_read_as_written(
    text: str, parsed: tuple[str, float, float | None] | None
) -> None:
    assert parse_comparison(text) == parsed


def test_a_check_holds_as_its_words_say() -> None:
    assert NumberCheck("knee_fppa_deg", ">=", 12.0).holds(12.0)
    assert not NumberCheck("knee_fppa_deg", ">", 12.0).holds(12.0)
    assert NumberCheck("knee_fppa_deg", "to", 4.0, 12.0).holds(12.0)
    assert not NumberCheck("knee_fppa_deg", "to", 4.0, 12.0).holds(3.9)
    assert NumberCheck("pelvic_drop_deg", "<", 1.0).wanted == "< 1"


def test_checks_are_read_with_their_positions(write_lesson: Callable[..., Path]) -> None:
    text = (
        HEAD
        + "    simulation: {task: squat, strength_pct: 35, phase: 0.5}\n"
        + "    compare: true\n"
        + "    expect:\n"
        + '      knee_fppa_deg: ">= 12"\n'
        + '      normal: {knee_fppa_deg: "< 12"}\n'
        + "      visible: [gluteus_medius_r]\n"
    )
    lesson = load_lesson(write_lesson(text))
    checks = lesson.steps[0].checks
    assert checks.numbers == (
        NumberCheck("knee_fppa_deg", ">=", 12.0, None, "step", 9, 22),
        NumberCheck("knee_fppa_deg", "<", 12.0, None, "normal", 10, 31),
    )
    assert [(v.structure, v.line, v.column) for v in checks.visible] == [
        ("gluteus_medius_r", 11, 17)
    ]


@pytest.mark.parametrize(
    ("expect", "message"),
    [
        (
            '{pelvic_drop_deg: "big"}',
            "6:31: step 1 > expect > pelvic_drop_deg: write a comparison and a number, e.g. "
            '"> 5", "<= 2.5" or "4 to 12"',
        ),
        (
            "{pelvic_drop_deg: 5}",
            "6:31: step 1 > expect > pelvic_drop_deg: write a comparison with the number, in "
            'quotes: "> 5", "< 5" or a range such as "5 to 6"',
        ),
        (
            '{pelvic_drop_deg: "> 5°"}',
            "6:31: step 1 > expect > pelvic_drop_deg: write the number without its unit (the "
            'name says it), e.g. "> 5", "<= 2.5" or "4 to 12"',
        ),
        (
            '{knee_angle: "> 5"}',
            "6:14: step 1 > expect: unknown key 'knee_angle' (did you mean 'knee_fppa_deg'?)",
        ),
        (
            '{knee_fppa_deg: "12 to 4"}',
            "6:29: step 1 > expect > knee_fppa_deg: a range goes from the smaller number to the "
            "larger: '4 to 12'",
        ),
        (
            '{normal: {knee_fppa_deg: "< 5"}}',
            "6:14: step 1 > expect > normal: 'normal' checks the full-strength figure of a "
            "compare step, and this step does not compare; add 'compare: true' or move these "
            "checks up a level",
        ),
    ],
)
def test_a_check_written_wrong_says_how_to_write_it(
    expect: str, message: str, write_lesson: Callable[..., Path]
) -> None:
    path = write_lesson(HEAD + f"    expect: {expect}\n")
    assert message in _errors(path)


def test_a_hidden_structure_cannot_be_expected_visible(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson(HEAD + "    hide: [femur_r]\n    expect: {visible: [femur_r]}\n")
    assert _errors(path) == [
        "7:24: step 1 > expect > visible > item 1: 'femur_r' is hidden in this step, so it "
        "cannot be visible; show it, or remove it from this list"
    ]


def test_labels_on_landmarks_and_in_each_audience_s_words(
    write_lesson: Callable[..., Path],
) -> None:
    text = HEAD + (
        "    labels:\n"
        "      - pelvis.asis_r\n"
        "      - landmark: pelvis.iliac_crest_top_l\n"
        "        text: {patient: The left hip drops, student: Contralateral pelvic drop}\n"
        "      - {structure: femur_r, text: Thigh bone}\n"
    )
    labels = load_lesson(write_lesson(text)).steps[0].scene.labels
    assert labels == (
        Label("pelvis.asis_r", None),
        Label("pelvis.iliac_crest_top_l", "The left hip drops", "Contralateral pelvic drop"),
        Label("femur_r", "Thigh bone"),
    )
    assert labels[1].structure == "pelvis"
    assert labels[1].text_for("student") == "Contralateral pelvic drop"
    assert labels[2].text_for("student") == "Thigh bone"


def test_an_unknown_landmark_gets_the_closest_name(write_lesson: Callable[..., Path]) -> None:
    path = write_lesson(HEAD + "    labels: [pelvis.iliac_crest_l]\n")
    assert _errors(path) == [
        "6:14: step 1 > labels > item 1: unknown landmark 'pelvis.iliac_crest_l' (did you "
        "mean 'pelvis.iliac_crest_top_l'?)"
    ]


def test_sources_cite_keys_of_the_project_s_list(write_lesson: Callable[..., Path]) -> None:
    text = "format: 1\ntitle: Demo\nsource: >\n  Loads from [bergman2016] and [pauwels1965].\n"
    text += "steps:\n  - title: One\n    text: Hello\n"
    path = write_lesson(text)
    assert _errors(path) == [
        "4:15: source: unknown reference 'bergman2016' (did you mean 'bergmann2016'?); cite "
        "a key listed in docs/references.md, or write the source out in words"
    ]
    fixed = write_lesson(text.replace("bergman2016", "bergmann2016"), "fixed")
    assert [c.key for c in load_lesson(fixed).citations] == ["bergmann2016", "pauwels1965"]


def test_the_reference_list_has_unique_keys_and_every_bundled_lesson_cites_it() -> None:
    text = references_path().read_text(encoding="utf-8")
    keys = [line.split("]")[0][4:] for line in text.splitlines() if line.startswith("- **[")]
    assert len(keys) == len(set(keys)) == len(reference_keys()) >= 40
    for path in sorted(lessons_dir().glob("*/lesson.yaml")):
        cited = [c.key for c in load_lesson(path).citations]
        assert "tppt2014" in cited and set(cited) <= reference_keys(), path


def test_a_markdown_link_is_not_a_citation() -> None:
    assert cited_keys("see [the guide](https://example.org) and [powers2010]") == ["powers2010"]

"""``check`` proves each step's picture: numbers from the model, visibility from a picture."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from anatomy_viewer.lesson import load_lesson, run_check
from anatomy_viewer.logic.step_checks import StepChecker
from anatomy_viewer.resources import lessons_dir

BUNDLED = sorted(lessons_dir().glob("*/lesson.yaml"))
HEAD = "format: 1\ntitle: Demo\nsteps:\n  - title: One\n    text: Hello\n"
#: Each comparison and the one that says the opposite.
FLIPPED = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}


@pytest.fixture(scope="module")
def checker() -> Iterator[StepChecker]:
    checker = StepChecker(quality="fast")
    yield checker
    checker.close()


@pytest.fixture(scope="module")
def numbers_only() -> Iterator[StepChecker]:
    checker = StepChecker(pictures=False)
    yield checker
    checker.close()


def _problems(checker: StepChecker, path: Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    return [f"{p.line}:{p.column}: {p.message}" for p in checker(load_lesson(path))]


def test_standing_does_not_move_the_knee_and_check_says_so(
    numbers_only: StepChecker, tmp_path: Path
) -> None:
    """The drawn knee angle follows the hip's posture only, in every task, so the advice is
    to change the check or the text (no other movement would make it true)."""
    text = HEAD + (
        "    simulation: {task: stance, strength_pct: 15, play: {loops: forever}}\n"
        '    expect: {knee_fppa_deg: ">= 12"}\n'
    )
    (message,) = _problems(numbers_only, tmp_path / "lesson.yaml", text)
    assert re.fullmatch(
        r"7:29: step 1 expects knee_fppa_deg >= 12 but the model gives at most (\d+\.\d) "
        r"while the movement plays: standing on one leg does not move the knee inward "
        r"\(knee_fppa_deg stays \1\); change the check, or the text",
        message,
    ), message


def test_a_step_held_where_the_muscle_rests_is_told_the_phase_that_shows_it(
    numbers_only: StepChecker, tmp_path: Path
) -> None:
    text = HEAD + (
        "    simulation: {task: stance, strength_pct: 100, phase: 1}\n"
        '    expect: {abductor_force_bw: "> 1"}\n'
    )
    (message,) = _problems(numbers_only, tmp_path / "lesson.yaml", text)
    assert re.fullmatch(
        r"7:33: step 1 expects abductor_force_bw > 1 but the model gives 0\.\d+ here: it holds "
        r"at phase 0\.\d+ to 0\.\d+; try phase: 0\.5",
        message,
    ), message


def test_a_weakness_too_small_to_show_is_told_the_strengths_that_show_it(
    numbers_only: StepChecker, tmp_path: Path
) -> None:
    """The strengths tried include some the model cannot solve (the whole group at 0 %):
    they count as not showing it, and the advice names the ones that do."""
    text = HEAD + (
        "    simulation: {task: stance, weaken: abductors, strength_pct: 80, phase: 0.5}\n"
        '    expect: {pelvic_drop_deg: "> 5"}\n'
    )
    (message,) = _problems(numbers_only, tmp_path / "lesson.yaml", text)
    assert re.fullmatch(
        r"7:31: step 1 expects pelvic_drop_deg > 5 but the model gives 0\.\d here: it holds "
        r"at strength_pct \d+ to \d+",
        message,
    ), message


def test_a_hip_drop_from_gluteus_medius_alone_is_told_to_weaken_the_group(
    numbers_only: StepChecker, tmp_path: Path
) -> None:
    """Gluteus minimus and tensor fasciae latae hold the pelvis when gluteus medius alone is
    weak, so the advice for a dropping hip is to weaken the whole group."""
    text = HEAD + (
        "    simulation: {task: stance, strength_pct: 15, phase: 0.5}\n"
        '    expect: {pelvic_drop_deg: "> 5"}\n'
    )
    (message,) = _problems(numbers_only, tmp_path / "lesson.yaml", text)
    assert message == (
        "7:31: step 1 expects pelvic_drop_deg > 5 but the model gives 0.0 here: standing on "
        "one leg does not drop the hip (pelvic_drop_deg stays 0.0); weaken the whole group "
        "that lifts the leg out to the side (weaken: abductors), and say so in the text"
    )


def test_the_full_strength_figure_of_a_compare_step_has_its_own_checks(
    numbers_only: StepChecker, tmp_path: Path
) -> None:
    text = HEAD + (
        "    simulation: {task: stance, weaken: abductors, strength_pct: 20, phase: 0.5}\n"
        "    compare: true\n"
        '    expect: {pelvic_drop_deg: "> 5", normal: {pelvic_drop_deg: "> 5"}}\n'
    )
    (message,) = _problems(numbers_only, tmp_path / "lesson.yaml", text)
    assert message.startswith(
        "8:64: step 1 expects the full-strength figure's pelvic_drop_deg > 5 but the model "
        "gives 0.0 here: "
    )


def test_a_muscle_behind_another_is_not_visible_and_check_names_the_cover(
    checker: StepChecker, tmp_path: Path
) -> None:
    text = HEAD + "    camera: posterior\n    expect: {visible: [gluteus_minimus_r, femur_r]}\n"
    (message,) = _problems(checker, tmp_path / "lesson.yaml", text)
    assert re.fullmatch(
        r"7:24: step 1 expects gluteus_minimus_r to be visible but only \d+ % of it is in "
        r"view: (\w+) covers it from the posterior camera; make it see-through "
        r"\(ghost: \[\1\]\) or choose another camera",
        message,
    ), message


def test_ghosting_the_cover_makes_it_visible(checker: StepChecker, tmp_path: Path) -> None:
    text = HEAD + "    camera: right\n    expect: {visible: [gluteus_medius_r]}\n"
    assert _problems(checker, tmp_path / "lesson.yaml", text) == []
    hidden = text.replace("camera: right", "camera: left")
    assert _problems(checker, tmp_path / "lesson.yaml", hidden)


def test_the_bundled_lessons_pass_their_step_checks(checker: StepChecker) -> None:
    out = io.StringIO()
    assert run_check([lessons_dir()], out, checker) == 0, out.getvalue()
    assert out.getvalue() == f"{len(BUNDLED)} lessons OK\n"
    assert sum(len(step.checks.numbers) for p in BUNDLED for step in load_lesson(p).steps) >= 10


def _numeric_checks() -> list[tuple[Path, int, int]]:
    return [
        (path, check.line, check.column)
        for path in BUNDLED
        for step in load_lesson(path).steps
        for check in step.checks.numbers
    ]


@pytest.mark.parametrize(
    ("path", "line", "column"),
    _numeric_checks(),
    ids=lambda value: value.parent.name if isinstance(value, Path) else str(value),
)
def test_flipping_a_bundled_check_fails_on_its_line(
    path: Path, line: int, column: int, numbers_only: StepChecker, tmp_path: Path
) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = lines[line - 1]
    match = re.match(r'"(<=|>=|<|>)', text[column - 1 :])
    assert match, text
    operator = match[1]
    start = column  # just after the opening quote
    lines[line - 1] = text[:start] + FLIPPED[operator] + text[start + len(operator) :]
    copy = tmp_path / path.parent.name / "lesson.yaml"
    copy.parent.mkdir()
    problems = _problems(numbers_only, copy, "".join(lines))
    assert any(p.startswith(f"{line}:{column}: step ") for p in problems), problems
    assert f"{FLIPPED[operator]} " in " ".join(problems)


def test_the_starter_lesson_passes_its_own_step_checks(
    checker: StepChecker, tmp_path: Path
) -> None:
    from anatomy_viewer.lesson import write_starter_lesson

    path = write_starter_lesson("starter", tmp_path)
    out = io.StringIO()
    assert run_check([path], out, checker) == 0, out.getvalue()
    assert any(step.checks for step in load_lesson(path).steps)


def test_a_step_the_model_cannot_show_is_an_error_at_its_line(
    numbers_only: StepChecker, tmp_path: Path
) -> None:
    """A single-leg squat with the whole abductor group at 0 % cannot reach its deepest point:
    the step is reported, checks or not, in the model's own words (no internal error)."""
    text = HEAD + (
        "    simulation: {task: squat, weaken: abductors, strength_pct: 0, phase: 0.5}\n"
        "  - title: Two\n"
        "    text: Again\n"
        "    inherit: [simulation]\n"
        '    expect: {pelvic_drop_deg: "> 5"}\n'
    )
    problems = _problems(numbers_only, tmp_path / "lesson.yaml", text)
    assert [p.split(": ", 1)[0] for p in problems] == ["4:1", "7:1"], problems
    for number, problem in zip((1, 2), problems, strict=True):
        assert f"step {number} cannot be shown: at 0 % strength" in problem
        assert "try more strength" in problem


def test_advice_for_a_number_no_strength_can_solve_is_plain(
    numbers_only: StepChecker, tmp_path: Path
) -> None:
    """Running with the abductor group weakened cannot be solved at the lower strengths the
    advice scans (NaN there); the advice reads the strengths that can be solved."""
    text = HEAD + (
        "    simulation: {task: run, weaken: abductors, strength_pct: 100, phase: 0.19}\n"
        '    expect: {pelvic_drop_deg: "> 80"}\n'
    )
    (message,) = _problems(numbers_only, tmp_path / "lesson.yaml", text)
    assert message == (
        "7:31: step 1 expects pelvic_drop_deg > 80 but the model gives 0.0 here: running "
        "does not drop the hip (pelvic_drop_deg stays 0.0); change the check, or the text"
    ), message

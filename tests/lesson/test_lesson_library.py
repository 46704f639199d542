"""The lesson library lists good and broken lessons from several folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from anatomy_viewer.lesson import discover_lessons


def test_discover(write_lesson: Callable[..., Path], valid_text: str, tmp_path: Path) -> None:
    good = write_lesson(valid_text, "a-good")
    broken = write_lesson("format: 1\n", "b-broken")
    (tmp_path / "not-a-lesson").mkdir()
    found = discover_lessons([tmp_path, tmp_path / "missing"])
    assert [s.path for s in found] == [good, broken]
    assert found[0].ok and found[0].title == "Test lesson" and found[0].step_count == 4
    assert found[0].audiences == ("patient", "student") and found[0].duration_min == 4.0
    assert not found[1].ok and found[1].title == "b-broken"
    assert found[1].errors[0].message.startswith("missing required key")

"""Reading what a lesson promises: each step's ``expect`` and the keys its ``source`` cites.

Part of resolving a lesson (:mod:`anatomy_viewer.lesson.resolve`), on data the schema has
already accepted: the checks become `StepChecks` with their positions, for ``check`` to
evaluate, and each cited key is looked up in the project's list of sources.
"""

from __future__ import annotations

from typing import Any, Protocol

from anatomy_viewer.lesson.diagnostics import Severity, suggest
from anatomy_viewer.lesson.expect import (
    QUANTITIES,
    Figure,
    NumberCheck,
    StepChecks,
    VisibleCheck,
    parse_comparison,
)
from anatomy_viewer.lesson.model import Citation, SceneState
from anatomy_viewer.lesson.references import cited_keys, reference_keys
from anatomy_viewer.lesson.source import JsonPath, Source


class Reporter(Protocol):
    """What reading needs from the resolver: the source and a way to report a problem."""

    source: Source

    def report(
        self,
        path: JsonPath,
        message: str,
        *,
        severity: Severity = "error",
        key: bool = False,
        at: tuple[int, int] | None = None,
    ) -> None:
        """Record a problem at ``path`` (or at ``at``)."""


def _numbers(
    reporter: Reporter, raw: dict[str, Any], path: JsonPath, figure: Figure
) -> list[NumberCheck]:
    found: list[NumberCheck] = []
    for quantity in QUANTITIES:
        if quantity not in raw:
            continue
        parsed = parse_comparison(str(raw[quantity]))
        if parsed is None:  # the schema's pattern has already said so
            continue
        operator, value, high = parsed
        if high is not None and high < value:
            reporter.report(
                (*path, quantity),
                f"a range goes from the smaller number to the larger: '{high:g} to {value:g}'",
            )
        line, column = reporter.source.position((*path, quantity))
        found.append(NumberCheck(quantity, operator, value, high, figure, line, column))
    return found


def read_step_checks(
    reporter: Reporter, raw: dict[str, Any], path: JsonPath, scene: SceneState
) -> StepChecks:
    """A step's ``expect``: its number checks (the step's figure, then ``normal``) and
    the structures it expects to see."""
    numbers = _numbers(reporter, raw, path, "step")
    if "normal" in raw:
        if scene.compare:
            numbers += _numbers(reporter, raw["normal"], (*path, "normal"), "normal")
        else:
            reporter.report(
                (*path, "normal"),
                "'normal' checks the full-strength figure of a compare step, and this "
                "step does not compare; add 'compare: true' or move these checks up a level",
                key=True,
            )
    visible: list[VisibleCheck] = []
    for i, structure in enumerate(raw.get("visible", [])):
        if scene.display.get(structure) == "hidden":
            reporter.report(
                (*path, "visible", i),
                f"'{structure}' is hidden in this step, so it cannot be visible; "
                "show it, or remove it from this list",
            )
            continue
        line, column = reporter.source.position((*path, "visible", i))
        visible.append(VisibleCheck(str(structure), line, column))
    return StepChecks(tuple(numbers), tuple(visible))


def read_citations(reporter: Reporter, text: str) -> tuple[Citation, ...]:
    """The reference keys the lesson's ``source`` cites, each checked against the list."""
    known = reference_keys()
    source = reporter.source
    start = source.keys.get(("source",), (1, 1))[0]
    found: list[Citation] = []
    for key in cited_keys(text):
        line, column = _find(source, f"[{key}]", start)
        found.append(Citation(key, line, column))
        if known and key not in known:
            reporter.report(
                ("source",),
                f"unknown reference '{key}'{suggest(key, known)}; cite a key listed in "
                "docs/references.md, or write the source out in words",
                at=(line, column + 1),
            )
    return tuple(found)


def _find(source: Source, needle: str, start: int) -> tuple[int, int]:
    """Line and column (1-based) of ``needle`` on or after line ``start``."""
    for number in range(start, len(source.lines) + 1):
        column = source.lines[number - 1].find(needle)
        if column >= 0:
            return number, column + 1
    return source.position(("source",))

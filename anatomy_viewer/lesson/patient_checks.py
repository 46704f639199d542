"""Checking a step's patient values: the names it quotes, where, and its fallback text.

Part of resolving a lesson (:mod:`anatomy_viewer.lesson.resolve`), on data the schema has
already accepted. Each problem names the file, line and column of the placeholder.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from anatomy_viewer.lesson.diagnostics import suggest
from anatomy_viewer.lesson.model import SceneState
from anatomy_viewer.lesson.patient import (
    MODEL_VALUES,
    PATIENT_VALUES,
    malformed,
    placeholders,
    used_values,
)
from anatomy_viewer.lesson.read_checks import Reporter
from anatomy_viewer.lesson.source import JsonPath

_NAMES = ", ".join(f"{{patient.{name}}}" for name in PATIENT_VALUES)


def _texts(raw: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """Every string in ``raw`` with its path."""
    if isinstance(raw, str):
        yield path, raw
    elif isinstance(raw, dict):
        for key, value in raw.items():
            yield from _texts(value, (*path, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from _texts(value, (*path, index))


def check_placeholders(reporter: Reporter, markdown: str, path: JsonPath) -> None:
    """Report unknown names and unfinished ``{patient...`` in a step's ``text``."""
    for found in placeholders(markdown):
        if found.name not in PATIENT_VALUES:
            reporter.report(
                path,
                f"unknown patient value '{{patient.{found.name}}}'"
                + (suggest(found.name, list(PATIENT_VALUES)) or f"; use one of: {_NAMES}"),
                at=reporter.source.text_position(path, found.line, found.column),
            )
    for found in malformed(markdown):
        reporter.report(
            path,
            "a patient value is written {patient.NAME} with a dot and a closing brace, "
            f"e.g. {{patient.height_m}}; use one of: {_NAMES}",
            at=reporter.source.text_position(path, found.line, found.column),
        )


def check_patient_step(
    reporter: Reporter,
    raw: dict[str, Any],
    path: JsonPath,
    text: Mapping[str, str],
    scene: SceneState,
) -> None:
    """The rules across a step: where values may go, what they need, the fallback text.

    Parameters
    ----------
    raw
        The step as written.
    text
        The step's resolved text, per audience.
    scene
        The step's resolved scene.
    """
    for where, value in _texts({k: v for k, v in raw.items() if k != "text"}, path):
        if any(True for _ in placeholders(value)) or any(True for _ in malformed(value)):
            field = "text_without_patient" if "text_without_patient" in where else None
            reporter.report(
                where,
                "patient values are filled in only in the step's 'text'"
                + (
                    "; this text is shown when they are not known, so it cannot quote them"
                    if field
                    else ""
                ),
            )
    used = frozenset().union(*(used_values(markdown) for markdown in text.values()))
    needs_model = sorted(used & MODEL_VALUES)
    if needs_model and not scene.simulation.patient_strength:
        where, at = (*path, "text"), None
        for variant, markdown in _texts(raw["text"], (*path, "text")):
            found = [p for p in placeholders(markdown) if p.name == needs_model[0]]
            if found:
                where = variant
                at = reporter.source.text_position(variant, found[0].line, found[0].column)
                break
        reporter.report(
            where,
            f"'{{patient.{needs_model[0]}}}' is the model's number at the patient's strength: "
            "show that strength too, with simulation: {strength_pct: patient}",
            at=at,
        )
    if used and "text_without_patient" not in raw:
        reporter.report(
            (*path, "text"),
            "this text quotes patient values; add 'text_without_patient:' for when no "
            "patient is set (otherwise it shows e.g. '[your height: not entered]')",
            severity="warning",
        )
    if not used and "text_without_patient" in raw:
        reporter.report(
            (*path, "text_without_patient"),
            "the text quotes no patient values ({patient.height_m}), so this is never shown",
            severity="warning",
            key=True,
        )

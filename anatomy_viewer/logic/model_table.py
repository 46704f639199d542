"""The ``model`` command's tables: one frame, or a sweep over strength or phase, as JSON or CSV.

A sweep is written ``strength=A:B:STEP`` (percent) or ``phase=A:B:STEP`` (0..1); both
ends are included. Every row is the ``model --json`` object of one setting; the CSV has
one column per number, flattened (``ratings.pelvic_drop_deg``,
``muscles.gluteus_medius_anterior_r.force_bw``, ...), so students can plot it in their
own tools.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.frame import BiomechFrame
from anatomy_viewer.biomech.solver import sweep
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.errors import AnatomyViewerError

#: Most rows one sweep may ask for.
MAX_ROWS: Final = 20001
_LIMITS: Final = {"strength": (0.0, 100.0), "phase": (0.0, 1.0)}


@dataclass(frozen=True)
class Sweep:
    """A parsed ``--sweep``: the swept input and its values (percent for strength)."""

    name: str
    values: tuple[float, ...]


def parse_sweep(text: str) -> Sweep:
    """Parse ``strength=A:B:STEP`` or ``phase=A:B:STEP``.

    Raises
    ------
    AnatomyViewerError
        With a message that says what is wrong and what is expected.
    """
    usage = "expected strength=A:B:STEP (percent) or phase=A:B:STEP (0..1)"
    name, sep, spec = text.partition("=")
    if not sep or name not in _LIMITS:
        raise AnatomyViewerError(f"--sweep {text!r}: {usage}")
    try:
        start, stop, step = (float(part) for part in spec.split(":"))
    except ValueError:
        raise AnatomyViewerError(f"--sweep {text!r}: {usage}") from None
    low, high = _LIMITS[name]
    if not all(math.isfinite(v) for v in (start, stop, step)):
        raise AnatomyViewerError(f"--sweep {text!r}: the numbers must be finite")
    if not (low <= start <= stop <= high):
        raise AnatomyViewerError(f"--sweep {text!r}: need {low:g} <= A <= B <= {high:g} for {name}")
    if step <= 0.0:
        raise AnatomyViewerError(f"--sweep {text!r}: STEP must be positive")
    count = math.floor((stop - start) / step + 1e-9) + 1
    if count > MAX_ROWS:
        raise AnatomyViewerError(
            f"--sweep {text!r}: {count} rows is too many (at most {MAX_ROWS}); use a larger STEP"
        )
    values = tuple(round(start + i * step, 10) for i in range(count))
    return Sweep(name=name, values=values)


def row_of(item: BiomechFrame | ModelInputError, plan: Sweep, value: float) -> dict[str, object]:
    """One output row: the frame's ``model --json`` object, or the setting and its error."""
    if isinstance(item, BiomechFrame):
        return item.quantities_json()
    key = "strength_pct" if plan.name == "strength" else "phase"
    return {key: value, "error": str(item)}


def sweep_rows(
    subject: Subject,
    plan: Sweep,
    *,
    task: str,
    side: str,
    strength_pct: float,
    phase: float,
    compensation: str,
    weaken: str,
) -> list[dict[str, object]]:
    """Solve every row of a sweep (one vectorised call); rows the model cannot solve
    carry an ``error`` message instead of numbers."""
    n = len(plan.values)
    if plan.name == "strength":
        strengths = [v / 100.0 for v in plan.values]
        phases = [phase] * n
    else:
        strengths = [strength_pct / 100.0] * n
        phases = list(plan.values)
    items = sweep(subject, task, side, strengths, phases, compensation, weaken)
    return [row_of(item, plan, value) for item, value in zip(items, plan.values, strict=True)]


def flatten(row: dict[str, object]) -> dict[str, object]:
    """A ``model --json`` object as flat ``column -> value`` pairs for CSV."""
    out: dict[str, object] = {}
    for key, value in row.items():
        if key == "knee_fppa_range_deg":
            continue  # the same numbers as knee_fppa_low_deg and knee_fppa_high_deg
        if isinstance(value, dict):
            for inner, item in value.items():
                if isinstance(item, dict):
                    for leaf, number in item.items():
                        out[f"{key}.{inner}.{leaf}"] = number
                else:
                    out[f"{key}.{inner}"] = item
        else:
            out[key] = value
    return out


def to_csv(rows: Sequence[dict[str, object]]) -> str:
    """Rows as CSV text with a header line (an ``error`` column when a row failed)."""
    flat = [flatten(r) for r in rows]
    columns: list[str] = []
    for row in flat:
        columns.extend(c for c in row if c not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(flat)
    return buffer.getvalue()

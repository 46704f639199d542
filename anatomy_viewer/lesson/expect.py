"""Step checks: what a step's picture must show, as the author wrote it under ``expect:``.

```yaml
    expect:
      pelvic_drop_deg: "> 5"          # a number the model gives, compared with a value
      knee_fppa_deg: "4 to 12"        # or within a range (both ends included)
      visible: [gluteus_medius_r]     # structures the camera must see
      normal: {knee_fppa_deg: "< 12"} # compare steps: the full-strength figure
```

This module reads the comparisons; `anatomy-viewer check` evaluates them with the model
and an off-screen picture of the step (:mod:`anatomy_viewer.logic.step_checks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final, Literal

from anatomy_viewer.biomech.frame import QUANTITY_DECIMALS

#: The model's numbers a step can check (the keys of ``model --json``).
QUANTITIES: Final[tuple[str, ...]] = tuple(QUANTITY_DECIMALS)

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
#: A comparison and a number (``> 5``, ``<= 2.5``), or a range (``4 to 12``).
COMPARISON_PATTERN: Final = rf"^\s*(?:(?:<=|>=|<|>)\s*{_NUMBER}|{_NUMBER}\s+to\s+{_NUMBER})\s*$"
_COMPARISON = re.compile(rf"^\s*(<=|>=|<|>)\s*({_NUMBER})\s*$")
_RANGE = re.compile(rf"^\s*({_NUMBER})\s+to\s+({_NUMBER})\s*$")

Operator = Literal["<", "<=", ">", ">=", "to"]
Figure = Literal["step", "normal"]


@dataclass(frozen=True)
class NumberCheck:
    """A number the model gives for the step, compared with the author's value.

    Attributes
    ----------
    quantity
        A key of ``model --json``, e.g. ``knee_fppa_deg``.
    operator
        ``<``, ``<=``, ``>``, ``>=``, or ``to`` for a range from ``value`` to ``high``.
    value, high
        The value compared with (``high`` only for a range).
    figure
        ``step`` for the step's own figure, ``normal`` for a compare step's
        full-strength figure.
    line, column
        Where the check is written (1-based).
    """

    quantity: str
    operator: Operator
    value: float
    high: float | None = None
    figure: Figure = "step"
    line: int = 1
    column: int = 1

    def holds(self, number: float) -> bool:
        """Whether the model's ``number`` passes the check."""
        if self.operator == "<":
            return number < self.value
        if self.operator == "<=":
            return number <= self.value
        if self.operator == ">":
            return number > self.value
        if self.operator == ">=":
            return number >= self.value
        return self.value <= number <= (self.high if self.high is not None else self.value)

    @property
    def wanted(self) -> str:
        """The check in words close to the file's: ``>= 12`` or ``4 to 12``."""
        if self.operator == "to":
            return f"{self.value:g} to {self.high:g}"
        return f"{self.operator} {self.value:g}"

    @property
    def wants_more(self) -> bool:
        """Whether a larger number would pass where this one fails (``>``, ``>=``)."""
        return self.operator in (">", ">=")


@dataclass(frozen=True)
class VisibleCheck:
    """A structure the step's camera must see (a quarter of it or more, unhidden)."""

    structure: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class StepChecks:
    """Everything a step expects of its picture."""

    numbers: tuple[NumberCheck, ...] = ()
    visible: tuple[VisibleCheck, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.numbers or self.visible)


def parse_comparison(text: str) -> tuple[Operator, float, float | None] | None:
    """``"> 5"`` -> ``(">", 5.0, None)``; ``"4 to 12"`` -> ``("to", 4.0, 12.0)``; else None."""
    match = _COMPARISON.match(text)
    if match:
        operator: Operator = match[1]  # type: ignore[assignment]
        return operator, float(match[2]), None
    match = _RANGE.match(text)
    if match:
        return "to", float(match[1]), float(match[2])
    return None


def comparison_hint(value: Any) -> str:
    """What to write instead of a value that is not a comparison, in plain words."""
    example = '"> 5", "<= 2.5" or "4 to 12"'
    if isinstance(value, bool) or value is None:
        return f"write a comparison and a number in quotes, e.g. {example}"
    if isinstance(value, int | float):
        return (
            f'write a comparison with the number, in quotes: "> {value:g}", '
            f'"< {value:g}" or a range such as "{value:g} to {value + 1:g}"'
        )
    text = str(value)
    if re.search(r"%|°|deg|bw|cm", text, re.IGNORECASE):
        return f"write the number without its unit (the name says it), e.g. {example}"
    if re.search(r"=<|=>|==|≤|≥|=", text):
        return f"use <, <=, > or >= (or a range 'A to B'), e.g. {example}"
    return f"write a comparison and a number, e.g. {example}"


def expect_schema() -> dict[str, Any]:
    """The JSON Schema of a step's ``expect`` mapping."""
    comparison = {
        "type": "string",
        "pattern": COMPARISON_PATTERN,
        "description": 'A comparison in quotes: "> 5", ">= 12", "< 2", "<= 2.5", or a '
        'range "4 to 12".',
    }
    numbers = {
        q: {**comparison, "description": f"{q}: {comparison['description']}"} for q in QUANTITIES
    }
    normal = {
        "type": "object",
        "properties": numbers,
        "additionalProperties": False,
        "minProperties": 1,
        "description": "Compare steps: what the full-strength figure must show.",
    }
    return {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {
            **numbers,
            "visible": {
                "type": "array",
                "items": {"$ref": "#/definitions/structure"},
                "minItems": 1,
                "uniqueItems": True,
                "maxItems": 16,
                "description": "Structures the step's camera must see: at least a quarter "
                "of each, not hidden behind others.",
            },
            "normal": normal,
        },
        "description": "What the step's picture must show; `anatomy-viewer check` computes "
        "it with the model and an off-screen picture. Numbers are the model's (the keys "
        "of `model --json`); a playing step is checked at each number's largest value "
        "during the movement.",
    }

"""Argument types and option groups shared by the command line's sub-commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Final

#: The patient profile's limits (the app's File > Patient... uses the same).
HEIGHT_RANGE_M: Final = (1.40, 2.10)
MASS_RANGE_KG: Final = (35.0, 200.0)


def number_between(low: float, high: float, what: str, unit: str = "") -> Callable[[str], float]:
    """An argparse type: a number from ``low`` to ``high``, with a message naming ``what``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected {what} from {low:g} to {high:g}{unit}, not {text!r}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} must be from {low:g} to {high:g}{unit}, not {value:g}"
            )
        return value

    return parse


def add_patient_options(parser: argparse.ArgumentParser) -> None:
    """``--height``, ``--mass`` and ``--sex``: the patient the model is scaled to."""
    parser.add_argument(
        "--height",
        type=number_between(*HEIGHT_RANGE_M, "height", " m"),
        default=1.75,
        metavar="M",
        help=f"height, {HEIGHT_RANGE_M[0]:g} to {HEIGHT_RANGE_M[1]:g} m (default 1.75)",
    )
    parser.add_argument(
        "--mass",
        type=number_between(*MASS_RANGE_KG, "mass", " kg"),
        default=75.0,
        metavar="KG",
        help=f"body mass, {MASS_RANGE_KG[0]:g} to {MASS_RANGE_KG[1]:g} kg (default 75)",
    )
    parser.add_argument("--sex", choices=("female", "male"), default="male", help="default: male")

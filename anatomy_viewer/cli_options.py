"""Options shared by the command line's simulating sub-commands: movement, side, strength,
what is weakened, phase and compensation, and the picture size and speed types."""

from __future__ import annotations

import argparse

from anatomy_viewer.cli_args import number_between as _number_between
from anatomy_viewer.vocabulary import COMPENSATIONS, EXERCISES, SIDES, TASKS, WEAKEN


def size(text: str) -> tuple[int, int]:
    """Parse ``WIDTHxHEIGHT`` into pixels."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1280x720, not {text!r}") from None
    if not (16 <= width <= 8192 and 16 <= height <= 8192):
        raise argparse.ArgumentTypeError("width and height must be between 16 and 8192 pixels")
    return width, height


_percent = _number_between(0.0, 100.0, "strength", " %")
_phase = _number_between(0.0, 1.0, "phase")


def positive(text: str) -> float:
    """An argparse type: a number above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, not {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, not {value:g}")
    return value


def add_simulation_options(parser: argparse.ArgumentParser, task_default: str | None) -> None:
    """The options that choose a movement (or an exercise) and its settings."""
    choices = TASKS + EXERCISES
    parser.add_argument("--task", choices=choices, default=task_default, help="what to simulate")
    parser.add_argument(
        "--side", choices=SIDES, default="right", help="stance leg (default: right)"
    )
    parser.add_argument(
        "--strength",
        type=_percent,
        default=100.0,
        metavar="PCT",
        help="strength of the weakened muscle, 0 to 100 %% of normal (default: 100)",
    )
    parser.add_argument(
        "--weaken",
        choices=WEAKEN,
        default="gluteus_medius",
        help="what the strength weakens: gluteus medius alone (default) or the abductor "
        "group (gluteus medius, gluteus minimus, tensor fasciae latae)",
    )
    parser.add_argument(
        "--phase",
        type=_phase,
        default=None,
        metavar="0..1",
        help="moment of the movement: 0 start, 0.5 deepest point of a squat, 1 end",
    )
    parser.add_argument(
        "--compensation",
        choices=COMPENSATIONS,
        default="none",
        help="trunk_lean: lean over the stance leg, as patients do to unload the muscle",
    )


def add_exercise_sheet_options(parser: argparse.ArgumentParser) -> None:
    """The options of an exercise sheet: the working leg and the strength its efforts use."""
    parser.add_argument(
        "--side", choices=SIDES, default="right", help="exercise sheet: working leg (right)"
    )
    parser.add_argument(
        "--strength",
        type=_percent,
        default=100.0,
        metavar="PCT",
        help="exercise sheet: strength of the weakened muscle, 0 to 100 %% (default: 100)",
    )
    parser.add_argument(
        "--weaken",
        choices=WEAKEN,
        default="gluteus_medius",
        help="exercise sheet: what the strength weakens (default: gluteus medius alone)",
    )

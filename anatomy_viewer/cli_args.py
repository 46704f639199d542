"""Argument types and option groups shared by the command line's sub-commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from anatomy_viewer.logic.patient_anatomy import HEIGHT_RANGE_M, MASS_RANGE_KG


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


def patient_meshes_for(args: argparse.Namespace) -> Path | None:
    """The anatomy set for ``--height`` and ``--sex`` (generated once, then cached).

    ``None`` for the bundled subject. A set that cannot be generated falls back to the
    bundled one, with a message on stderr. Lesson steps are drawn on the patient's
    anatomy too (a lesson's own camera positions follow the patient's height).
    """
    from anatomy_viewer.logic.patient_anatomy import PatientProfile, patient_meshes_or_default

    profile = PatientProfile(height_m=args.height, mass_kg=args.mass, sex=args.sex)
    if profile.is_default_anatomy:
        return None
    print(
        f"anatomy for a {profile.height_m:.2f} m {profile.sex}: generated once (a minute or "
        "two), then reused from the cache",
        file=sys.stderr,
    )
    meshes, problem = patient_meshes_or_default(profile.height_m, profile.sex)
    if problem is not None:
        print(f"anatomy-viewer: warning: {problem}", file=sys.stderr)
        return None
    return meshes

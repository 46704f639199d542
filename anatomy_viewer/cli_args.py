"""Argument types and option groups shared by the command line's sub-commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anatomy_viewer.logic.patient_anatomy import HEIGHT_RANGE_M, MASS_RANGE_KG
from anatomy_viewer.vocabulary import WEAKEN

if TYPE_CHECKING:
    from anatomy_viewer.lesson import Patient


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


class _Given(argparse.Action):
    """Store the value and note that it was given (a lesson quotes only what was given)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        given = set(getattr(namespace, "patient_given", ()))
        namespace.patient_given = given | {self.dest}


def add_patient_options(parser: argparse.ArgumentParser) -> None:
    """``--height``, ``--mass`` and ``--sex``: the patient the model is scaled to."""
    parser.set_defaults(patient_given=set())
    parser.add_argument(
        "--height",
        action=_Given,
        type=number_between(*HEIGHT_RANGE_M, "height", " m"),
        default=1.75,
        metavar="M",
        help=f"height, {HEIGHT_RANGE_M[0]:g} to {HEIGHT_RANGE_M[1]:g} m (default 1.75)",
    )
    parser.add_argument(
        "--mass",
        action=_Given,
        type=number_between(*MASS_RANGE_KG, "mass", " kg"),
        default=75.0,
        metavar="KG",
        help=f"body mass, {MASS_RANGE_KG[0]:g} to {MASS_RANGE_KG[1]:g} kg (default 75)",
    )
    parser.add_argument(
        "--sex", action=_Given, choices=("female", "male"), default="male", help="default: male"
    )


def add_patient_strength_options(parser: argparse.ArgumentParser) -> None:
    """``--patient-strength`` and ``--patient-weaken``: the strength a lesson's steps about
    the patient show (``strength_pct: patient``), as the therapist set or fitted it."""
    parser.add_argument(
        "--patient-strength",
        action=_Given,
        type=number_between(0.0, 100.0, "the patient's strength", " %"),
        default=None,
        metavar="PCT",
        help="the patient's strength, 0 to 100 %% of normal (e.g. from 'fit'): lesson steps "
        "about the patient show it",
    )
    parser.add_argument(
        "--patient-weaken",
        choices=WEAKEN,
        default="gluteus_medius",
        help="the muscles --patient-strength is for: the --weaken given to 'fit' "
        "(default: gluteus_medius, as there)",
    )


def lesson_patient_for(args: argparse.Namespace) -> Patient | None:
    """The patient a lesson's steps about the patient show: only the options given.

    ``None`` when no patient option was given: those steps show their text for no patient.
    """
    from anatomy_viewer.lesson import Patient

    given = set(getattr(args, "patient_given", ()))
    if not given:
        return None
    return Patient(
        height_m=args.height if "height" in given else None,
        mass_kg=args.mass if "mass" in given else None,
        strength_pct=getattr(args, "patient_strength", None),
        weaken=getattr(args, "patient_weaken", Patient.weaken),
    )


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

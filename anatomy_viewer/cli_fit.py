"""``anatomy-viewer fit``: the strength that explains a measured pelvic drop and knee angle."""

from __future__ import annotations

import argparse
import json

from anatomy_viewer.cli_args import add_patient_options, number_between
from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.vocabulary import SIDES, WEAKEN

#: Kept here so ``--help`` needs no numpy; a test checks they equal the model's.
FIT_TASKS = ("stance", "squat")
DROP_RANGE_DEG = (-20.0, 45.0)
FPPA_RANGE_DEG = (-30.0, 60.0)
ERROR_RANGE_DEG = (0.5, 15.0)
DEFAULT_ERROR_DEG = 3.0


def _task(text: str) -> str:
    if text in FIT_TASKS:
        return text
    raise argparse.ArgumentTypeError(
        f"task must be one of {', '.join(FIT_TASKS)}, not {text!r} (in walking and running "
        "the model's drop is an upper bound, which a measurement cannot be matched to)"
    )


def add_fit_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``fit`` sub-command."""
    fit = commands.add_parser(
        "fit",
        help="find the strength whose movement matches a measured pelvic drop and knee angle",
        description=(
            "Give the pelvic drop and/or the knee's frontal plane projection angle (FPPA) "
            "measured in a single-leg stance or squat; the model finds the strength of the "
            "weakened muscles that best reproduces them, and the range of strengths that "
            "fits within the measurement's error and the model's uncertainty. Exits with 2 "
            "and says why when weakness alone cannot explain the measurement."
        ),
    )
    fit.add_argument(
        "--task",
        type=_task,
        required=True,
        metavar="|".join(FIT_TASKS),
        help="the movement measured (walking and running cannot be fitted: see the docs)",
    )
    fit.add_argument("--side", choices=SIDES, default="right", help="stance leg (default: right)")
    fit.add_argument(
        "--weaken",
        choices=WEAKEN,
        default="gluteus_medius",
        help="what the strength weakens (default: gluteus_medius)",
    )
    fit.add_argument(
        "--pelvic-drop",
        type=number_between(*DROP_RANGE_DEG, "pelvic drop", " degrees"),
        metavar="DEG",
        help="measured drop of the lifted side (degrees, > 0 when lower)",
    )
    fit.add_argument(
        "--fppa",
        type=number_between(*FPPA_RANGE_DEG, "FPPA", " degrees"),
        metavar="DEG",
        help="measured knee frontal plane projection angle (degrees, > 0 inward)",
    )
    for name, what in (("--drop-error", "pelvic drop error"), ("--fppa-error", "FPPA error")):
        fit.add_argument(
            name,
            type=number_between(*ERROR_RANGE_DEG, what, " degrees"),
            default=DEFAULT_ERROR_DEG,
            metavar="DEG",
            help=f"measurement error (default {DEFAULT_ERROR_DEG:g}: 2D video, Munro et al. 2012)",
        )
    add_patient_options(fit)
    fit.add_argument("--json", action="store_true", help="print one JSON object")


def run_fit(args: argparse.Namespace) -> int:
    """Run ``fit``; a measurement the model cannot explain exits with 2 and says why."""
    from anatomy_viewer.biomech import ModelInputError, Subject
    from anatomy_viewer.biomech.fit import fit_strength

    if args.pelvic_drop is None and args.fppa is None:
        raise AnatomyViewerError("give --pelvic-drop DEG, --fppa DEG or both")
    try:
        subject = Subject.default(height_m=args.height, mass_kg=args.mass, sex=args.sex)
        result = fit_strength(
            subject,
            args.task,
            side=args.side,
            weaken=args.weaken,
            pelvic_drop_deg=args.pelvic_drop,
            fppa_deg=args.fppa,
            drop_error_deg=args.drop_error,
            fppa_error_deg=args.fppa_error,
        )
    except ModelInputError as error:
        raise AnatomyViewerError(str(error)) from error
    if args.json:
        print(json.dumps(result.as_json(), indent=2, sort_keys=True))
        return 0
    low, high = result.strength_range_pct
    best = "none (see below)" if result.strength_pct is None else f"{result.strength_pct:.1f} %"
    print(f"strength        {best}")
    print(f"range           {low:.1f} to {high:.1f} %")
    for key, value in result.predicted.items():
        print(f"model {key:<24} {value:.2f}")
    print(result.explanation)
    return 0

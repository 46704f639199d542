"""``anatomy-viewer model --task EXERCISE`` and ``model --exercises``: the exercise library."""

from __future__ import annotations

import argparse
import json
import sys

from anatomy_viewer.errors import AnatomyViewerError


def add_exercise_options(parser: argparse.ArgumentParser) -> None:
    """``model --exercises``: the ranking of the exercise library."""
    parser.add_argument(
        "--exercises",
        action="store_true",
        help="rank every exercise by the model's gluteus medius effort, beside published EMG",
    )


def _refuse_movement_options(args: argparse.Namespace, what: str) -> None:
    """Exercises are still poses: options that only make sense for a movement are refused."""
    if args.sweep is not None:
        raise AnatomyViewerError(
            f"--sweep applies to the movements, not to {what}; run one --strength at a time"
        )
    if args.phase is not None:
        raise AnatomyViewerError(
            f"--phase applies to the movements, not to {what}: each exercise is one held pose"
        )
    if args.compensation != "none":
        raise AnatomyViewerError(f"--compensation applies to the movements, not to {what}")


def run_exercise_model(args: argparse.Namespace) -> int:
    """Print one exercise's muscle efforts, or (``--exercises``) the ranking of all."""
    from anatomy_viewer.biomech.errors import ModelInputError
    from anatomy_viewer.biomech.exercises import solve_exercise
    from anatomy_viewer.biomech.subject import Subject
    from anatomy_viewer.logic.exercise_report import exercise_json, ranking_rows, ranking_text
    from anatomy_viewer.logic.model_table import to_csv

    ranking = bool(args.exercises)
    if ranking and args.task != "stance":
        raise AnatomyViewerError("--exercises ranks every exercise: leave out --task")
    _refuse_movement_options(args, "the exercise ranking" if ranking else f"--task {args.task}")
    try:
        subject = Subject.default(height_m=args.height, mass_kg=args.mass, sex=args.sex)
        strength = args.strength / 100.0
        if ranking:
            rows = ranking_rows(subject, args.side, strength, args.weaken)
        else:
            result = solve_exercise(subject, args.task, args.side, strength, args.weaken)
            rows = [exercise_json(result)]
    except ModelInputError as error:
        raise AnatomyViewerError(str(error)) from error
    if args.json:
        print(
            json.dumps(rows if ranking else rows[0], indent=2, sort_keys=True, ensure_ascii=False)
        )
    elif args.csv:
        sys.stdout.write(to_csv(rows))
    elif ranking:
        sys.stdout.write(ranking_text(rows))
    else:
        _print_plain(rows[0])
    return 0


def _print_plain(report: dict[str, object], indent: str = "") -> None:
    """One exercise's report as indented ``key  value`` lines (nested objects indented)."""
    width = max(len(key) for key in report)
    for key, value in report.items():
        if isinstance(value, dict) and value:
            print(f"{indent}{key}")
            _print_plain(value, indent + "  ")
        elif isinstance(value, list):
            print(f"{indent}{key}")
            for item in value:
                print(f"{indent}  - {item}")
        else:
            print(f"{indent}{key:<{width}}  {value}")

"""The ``anatomy-viewer`` command line.

``anatomy-viewer`` alone opens the app; the sub-commands work headless. Heavy modules
(Qt, VTK) are imported inside the command that needs them, so ``--help``, ``model`` and
``check`` start in a fraction of a second.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from anatomy_viewer import __version__
from anatomy_viewer.cli_args import (
    add_patient_options,
    add_patient_strength_options,
    lesson_patient_for,
    patient_meshes_for,
)
from anatomy_viewer.cli_exercises import add_exercise_options, run_exercise_model
from anatomy_viewer.cli_fit import add_fit_parser, run_fit
from anatomy_viewer.cli_options import add_exercise_sheet_options
from anatomy_viewer.cli_options import add_simulation_options as _add_simulation_options
from anatomy_viewer.cli_options import positive as _positive
from anatomy_viewer.cli_options import size as _size
from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.vocabulary import CAMERA_PRESETS, EXERCISES

PROG = "anatomy-viewer"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "3D hip and knee anatomy with a gluteus medius model and scripted lessons. "
            "Without a command, opens the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--lesson", type=Path, metavar="PATH", help="open straight into a lesson")
    parser.add_argument(
        "--presentation",
        action="store_true",
        help="full screen, large type, for use with a patient",
    )
    parser.add_argument(
        "--quality",
        choices=("auto", "fast", "quality"),
        default="auto",
        help="rendering preset (default: fast on a software renderer, quality on a GPU)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help="open the app (the default)")
    gui.add_argument("--lesson", type=Path, metavar="PATH", help="open straight into a lesson")
    gui.add_argument(
        "--presentation", action="store_true", help="full screen, for use with a patient"
    )

    render = commands.add_parser("render", help="save a picture of the 3D view, no display needed")
    render.add_argument(
        "--out", type=Path, required=True, metavar="FILE.png", help="picture to write"
    )
    render.add_argument(
        "--size", type=_size, default=(1280, 720), metavar="WxH", help="default 1280x720"
    )
    render.add_argument("--view", choices=CAMERA_PRESETS, default=None, help="camera preset")
    render.add_argument("--labels", action="store_true", help="label the visible structures")
    render.add_argument("--skin", action="store_true", help="show the body outline")
    render.add_argument("--lesson", type=Path, metavar="PATH", help="render a step of this lesson")
    render.add_argument("--step", type=int, default=1, metavar="N", help="lesson step, from 1")
    render.add_argument(
        "--audience", choices=("patient", "student"), default="patient", help="lesson text"
    )
    render.add_argument("--quality", choices=("auto", "fast", "quality"), default="auto")
    _add_simulation_options(render, task_default=None)
    add_patient_options(render)
    add_patient_strength_options(render)

    model = commands.add_parser("model", help="run the hip model and print its results")
    _add_simulation_options(model, task_default="stance")
    add_patient_options(model)
    add_exercise_options(model)
    model.add_argument(
        "--sweep",
        metavar="strength=A:B:STEP|phase=A:B:STEP",
        help="solve a range of strengths (percent) or phases (0..1); one row each",
    )
    output = model.add_mutually_exclusive_group()
    output.add_argument(
        "--json", action="store_true", help="print one JSON object (a list with --sweep)"
    )
    output.add_argument("--csv", action="store_true", help="print CSV with a header line")

    add_fit_parser(commands)

    check = commands.add_parser(
        "check", help="validate lesson files or folders, with their step checks"
    )
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    check.add_argument(
        "--no-pictures",
        action="store_true",
        help="skip the 'visible' step checks, which draw each step off-screen",
    )

    new = commands.add_parser("new-lesson", help="write a commented starter lesson")
    new.add_argument("name", help="folder name of the new lesson, e.g. my-first-lesson")
    new.add_argument(
        "--dir", type=Path, default=Path("."), help="where to create it (default: here)"
    )

    _add_export_parsers(commands)

    meshes = commands.add_parser("build-meshes", help="regenerate the anatomy meshes")
    meshes.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="default: the bundled meshes/"
    )
    meshes.add_argument("--height", type=_positive, default=1.75, metavar="M")
    meshes.add_argument("--sex", choices=("female", "male"), default="male")

    bench = commands.add_parser(
        "bench", help="measure frame time, start-up, lesson steps and memory on this machine"
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument(
        "--quick", action="store_true", help="few repetitions: checks that it runs, not speed"
    )
    return parser


def _fps(text: str) -> float:
    value = _positive(text)
    if value > 120:
        raise argparse.ArgumentTypeError(f"frames per second must be 1 to 120, not {value:g}")
    return value


def _add_export_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    video = commands.add_parser(
        "export-video",
        help="save a lesson or an animation as MP4 or GIF, no display needed",
        description=(
            "Export a whole lesson (camera flights, animations, step titles as captions), "
            "one step of it, or one animation (--task ...) as a video. Frames follow the "
            "model's time, so the video is the same every time. Ctrl-C stops it and leaves "
            "no file behind."
        ),
    )
    video.add_argument(
        "--out", type=Path, required=True, metavar="FILE.mp4|FILE.gif", help="video to write"
    )
    video.add_argument("--lesson", type=Path, metavar="PATH", help="export this lesson")
    video.add_argument("--step", type=int, default=None, metavar="N", help="only step N (from 1)")
    video.add_argument(
        "--audience", choices=("patient", "student"), default="patient", help="lesson text"
    )
    video.add_argument(
        "--size", type=_size, default=None, metavar="WxH", help="default 1280x720 (GIF 480x360)"
    )
    video.add_argument(
        "--fps", type=_fps, default=None, metavar="N", help="frames a second (25; GIF 12)"
    )
    video.add_argument(
        "--view",
        choices=CAMERA_PRESETS,
        default=None,
        help="animation view (default: an exercise's own view, else anterior)",
    )
    video.add_argument(
        "--speed", type=_positive, default=1.0, help="animation speed, times real time"
    )
    video.add_argument("--loops", type=int, default=2, metavar="N", help="animation cycles")
    video.add_argument("--labels", action="store_true", help="label the visible structures")
    video.add_argument(
        "--clinic",
        metavar="NAME",
        default=None,
        help="name in the corner of the video (default: the clinic profile's; '' for none)",
    )
    video.add_argument("--quality", choices=("auto", "fast", "quality"), default="auto")
    _add_simulation_options(video, task_default="stance")
    add_patient_options(video)

    handout = commands.add_parser(
        "export-handout",
        help="save a printable PDF handout of a lesson, or an exercise sheet",
        description=(
            "A PDF with the clinic profile (set in the app: File > Clinic profile, or with "
            "the options below), the lesson's title, and each step's picture and text; or, "
            "with --exercises, an exercise sheet: each exercise's held pose, how to do it "
            "and the model's muscle efforts, ranked by gluteus medius effort."
        ),
    )
    source = handout.add_mutually_exclusive_group(required=True)
    source.add_argument("--lesson", type=Path, metavar="PATH", help="the lesson to print")
    source.add_argument(
        "--exercises",
        metavar="LIST",
        help=f"exercises to print, separated by commas: {', '.join(EXERCISES)}",
    )
    add_exercise_sheet_options(handout)
    handout.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="PDF to write")
    handout.add_argument(
        "--audience", choices=("patient", "student"), default="patient", help="whose text"
    )
    handout.add_argument(
        "--paper", choices=("a4", "letter"), default=None, help="default: from the locale"
    )
    handout.add_argument("--clinic", metavar="NAME", help="clinic name (overrides the profile)")
    handout.add_argument("--therapist", metavar="NAME", help="therapist (overrides the profile)")
    handout.add_argument("--contact", metavar="TEXT", help="address, phone or web site")
    handout.add_argument(
        "--patient-name",
        metavar="NAME",
        help="printed as 'For: NAME' (default: the name in File > Patient…, if one was typed)",
    )
    handout.add_argument("--logo", type=Path, metavar="FILE", help="clinic logo (PNG or JPEG)")
    handout.add_argument("--date", metavar="YYYY-MM-DD", help="date printed (default: today)")
    handout.add_argument("--quality", choices=("auto", "fast", "quality"), default="auto")
    handout.add_argument(
        "--answers",
        action="store_true",
        help="a therapist's copy: mark the right answer of every question",
    )
    add_patient_options(handout)
    add_patient_strength_options(handout)


class _ProgressBar:
    """A one-line text progress bar on stderr, redrawn when the percentage changes."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        # A terminal shows every percent; a log file only every tenth.
        step = 1 if sys.stderr.isatty() else 10
        if percent // step == self._shown // step and done < total:
            return
        self._shown = percent
        filled = percent * 30 // 100
        bar = "#" * filled + "-" * (30 - filled)
        end = "\n" if done >= total else ""
        print(
            f"\r{self._label} [{bar}] {percent:3d}%  {done}/{total}",
            end=end,
            file=sys.stderr,
            flush=True,
        )


def _headless_environment() -> None:
    """Without an X display on Linux, ask VTK for its EGL window straight away (no X warning).

    Windows and macOS draw off-screen through their own window systems, display or not.
    """
    from anatomy_viewer.system import has_x11_display

    if not has_x11_display():
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")


def _run_gui(args: argparse.Namespace) -> int:
    from anatomy_viewer.ui.app import run_app

    return run_app(lesson=args.lesson, presentation=args.presentation, quality=args.quality)


def _run_render(args: argparse.Namespace) -> int:
    _headless_environment()
    from anatomy_viewer.logic.render import RenderRequest, render_picture

    meshes = patient_meshes_for(args)
    request = RenderRequest(
        out=args.out,
        size=args.size,
        view=args.view,
        labels=args.labels,
        skin=args.skin,
        quality=args.quality,
        task=args.task,
        side=args.side,
        strength_pct=args.strength,
        phase=args.phase,
        compensation=args.compensation,
        weaken=args.weaken,
        lesson=args.lesson,
        step=args.step,
        audience=args.audience,
        meshes=meshes,
        mass_kg=args.mass,
        patient=lesson_patient_for(args),
    )
    path = render_picture(request)
    print(f"wrote {path} ({args.size[0]}x{args.size[1]})")
    return 0


def _run_export_video(args: argparse.Namespace) -> int:
    _headless_environment()
    from anatomy_viewer.logic.video import VideoExport, VideoRequest, check_video_path

    if args.phase is not None:
        raise AnatomyViewerError(
            "--phase is for still pictures (render); a video plays the whole movement"
        )
    out = check_video_path(args.out)
    gif = out.suffix.lower() == ".gif"
    request = VideoRequest(
        out=out,
        size=args.size or ((480, 360) if gif else (1280, 720)),
        fps=args.fps or (12.0 if gif else 25.0),
        quality=args.quality,
        lesson=args.lesson,
        step=args.step,
        audience=args.audience,
        task=args.task,
        side=args.side,
        strength_pct=args.strength,
        compensation=args.compensation,
        weaken=args.weaken,
        speed=args.speed,
        loops=max(1, args.loops),
        view=args.view,
        labels=args.labels,
        credit=args.clinic if args.clinic is not None else _saved_clinic_name(),
        meshes=patient_meshes_for(args),
        mass_kg=args.mass,
    )
    export = VideoExport(request)
    seconds = export.timeline.duration_s
    print(
        f"exporting {seconds:.1f} s, {export.frame_count} frames at "
        f"{export.size[0]}x{export.size[1]} to {out}",
        file=sys.stderr,
    )
    export.run(_ProgressBar("video"))
    print(f"wrote {out} ({export.size[0]}x{export.size[1]}, {export.frame_count} frames)")
    return 0


def _saved_clinic_name() -> str:
    """The clinic name saved in the app's profile (File > Clinic profile), or ``""``."""
    from PySide6.QtCore import QSettings

    from anatomy_viewer.ui.app import APPLICATION, ORGANIZATION

    return str(QSettings(ORGANIZATION, APPLICATION).value("clinic/name", "", type=str))


def _run_export_handout(args: argparse.Namespace) -> int:
    _headless_environment()
    import datetime
    from dataclasses import replace

    from anatomy_viewer.ui.handout import check_pdf_path, ensure_gui_application, export_handout

    out = check_pdf_path(args.out)
    meshes = patient_meshes_for(args)
    day = None
    if args.date:
        try:
            day = datetime.date.fromisoformat(args.date)
        except ValueError:
            raise AnatomyViewerError(
                f"--date must look like 2026-11-25, not {args.date!r}"
            ) from None
    ensure_gui_application()
    from PySide6.QtCore import QLocale, QSettings

    from anatomy_viewer.ui.app import APPLICATION, ORGANIZATION
    from anatomy_viewer.ui.clinic_profile import load_profile, logo_bytes
    from anatomy_viewer.ui.patient_dialog import load_patient

    profile = load_profile(QSettings(ORGANIZATION, APPLICATION))
    patient = load_patient(QSettings(ORGANIZATION, APPLICATION))
    overrides: dict[str, Any] = {
        field: value
        for field, value in (
            ("clinic_name", args.clinic),
            ("therapist", args.therapist),
            ("contact", args.contact),
            ("patient_name", args.patient_name or (patient.name if patient else "")),
        )
        if value is not None
    }
    if args.logo is not None:
        overrides["logo_png"] = logo_bytes(args.logo)
    profile = replace(profile, **overrides)
    paper = args.paper
    if paper is None:
        us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        paper = "letter" if us else "a4"
    if args.exercises is not None:
        from anatomy_viewer.logic.exercise_handout import parse_exercises
        from anatomy_viewer.ui.handout import export_exercise_handout

        path = export_exercise_handout(
            parse_exercises(args.exercises),
            out,
            side=args.side,
            strength_pct=args.strength,
            weaken=args.weaken,
            paper=paper,
            profile=profile,
            day=day,
            quality=args.quality,
            progress=_ProgressBar("pictures"),
            meshes=meshes,
            mass_kg=args.mass,
        )
        print(f"wrote {path} ({paper.upper() if paper == 'a4' else 'Letter'})")
        return 0
    path = export_handout(
        args.lesson,
        out,
        audience=args.audience,
        paper=paper,
        profile=profile,
        day=day,
        quality=args.quality,
        progress=_ProgressBar("pictures"),
        answers=args.answers,
        meshes=meshes,
        mass_kg=args.mass,
        patient=lesson_patient_for(args),
    )
    print(f"wrote {path} ({paper.upper() if paper == 'a4' else 'Letter'})")
    return 0


def _run_model(args: argparse.Namespace) -> int:
    if args.exercises or args.task in EXERCISES:
        return run_exercise_model(args)
    from anatomy_viewer.biomech.errors import ModelInputError
    from anatomy_viewer.biomech.solver import solve
    from anatomy_viewer.biomech.subject import Subject
    from anatomy_viewer.logic.model_table import parse_sweep, sweep_rows, to_csv
    from anatomy_viewer.logic.simulation import TELLING_PHASE

    plan = parse_sweep(args.sweep) if args.sweep is not None else None
    phase = TELLING_PHASE[args.task] if args.phase is None else args.phase
    try:
        subject = Subject.default(height_m=args.height, mass_kg=args.mass, sex=args.sex)
        if plan is None:
            frames = [
                solve(
                    subject,
                    task=args.task,
                    side=args.side,
                    strength=args.strength / 100.0,
                    phase=phase,
                    compensation=args.compensation,
                    weaken=args.weaken,
                )
            ]
            rows = [frames[0].quantities_json()]
        else:
            rows = sweep_rows(
                subject,
                plan,
                task=args.task,
                side=args.side,
                strength_pct=args.strength,
                phase=phase,
                compensation=args.compensation,
                weaken=args.weaken,
            )
    except ModelInputError as error:
        raise AnatomyViewerError(str(error)) from error
    if args.csv:
        sys.stdout.write(to_csv(rows))
    elif args.json:
        print(json.dumps(rows if plan is not None else rows[0], indent=2, sort_keys=True))
    else:
        for row in rows:
            width = max(len(key) for key in row)
            for key, value in row.items():
                print(f"{key:<{width}}  {value}")
            if len(rows) > 1:
                print()
    return 0


def _run_check(args: argparse.Namespace) -> int:
    _headless_environment()
    from anatomy_viewer.lesson.check import run_check
    from anatomy_viewer.logic.step_checks import StepChecker

    checker = StepChecker(pictures=not args.no_pictures)
    try:
        return run_check(args.paths, sys.stdout, checker)
    finally:
        checker.close()


def _run_new_lesson(args: argparse.Namespace) -> int:
    from anatomy_viewer.lesson.starter import write_starter_lesson

    path = write_starter_lesson(args.name, args.dir)
    print(f"wrote {path}")
    print(f"check it with:   {PROG} check {path.parent}")
    print(f"preview it with: {PROG} --lesson {path.parent}")
    return 0


def _run_build_meshes(args: argparse.Namespace) -> int:
    from anatomy_viewer.anatomy.generate import build_meshes
    from anatomy_viewer.resources import meshes_dir

    out = args.out or meshes_dir()
    written = build_meshes(out, height_m=args.height, sex=args.sex)
    print(f"wrote {len(written)} files to {out}")
    return 0


def _run_bench(args: argparse.Namespace) -> int:
    from anatomy_viewer.bench.runner import format_report, needs_display, run_bench

    rerun = needs_display()
    if rerun is not None:
        import subprocess

        print(f"{PROG}: no DISPLAY; running the benchmark under xvfb-run", file=sys.stderr)
        env = {**os.environ, "ANATOMY_VIEWER_BENCH_XVFB": "1"}
        command = [*rerun, "bench", *(["--json"] if args.json else [])]
        command += ["--quick"] if args.quick else []
        return subprocess.run(command, env=env, check=False).returncode
    report = run_bench(quick=args.quick)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


_COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _run_gui,
    "gui": _run_gui,
    "render": _run_render,
    "model": _run_model,
    "fit": run_fit,
    "check": _run_check,
    "new-lesson": _run_new_lesson,
    "build-meshes": _run_build_meshes,
    "bench": _run_bench,
    "export-video": _run_export_video,
    "export-handout": _run_export_handout,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if (
        args.command == "render"
        and args.task is None
        and args.lesson is None
        and args.phase is not None
    ):
        parser.error("--phase needs --task (or --lesson)")
    try:
        return _COMMANDS[args.command](args)
    except AnatomyViewerError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped early (``model --json | head``): not an error. Python would
        # complain again while flushing stdout at exit, so point it at nothing first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # a bug of ours: say so plainly, details only when asked
        if os.environ.get("ANATOMY_VIEWER_DEBUG"):
            raise
        print(
            f"{PROG}: unexpected error ({type(error).__name__}: {error}). This is a bug in "
            f"anatomy-viewer; run again with ANATOMY_VIEWER_DEBUG=1 to see the details "
            "and include them in a report.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())

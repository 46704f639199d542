"""The ``model`` command's exercise output: one exercise's efforts, and the ranking of
all exercises beside published EMG.

The model's activation is the fraction of a muscle's capacity that static optimisation
uses to hold a still pose; EMG in %MVIC is the electrical activity of a moving muscle
relative to a maximal test contraction. They are related, not the same: the ranking
compares orders, not values.
"""

from __future__ import annotations

import numpy as np

from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.exercise_catalogue import CATALOGUE, PublishedEmg
from anatomy_viewer.biomech.exercises import ExerciseResult, HipEffort, solve_exercise
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.vocabulary import EXERCISES

#: What the model's activation is, said once wherever it is printed.
ACTIVATION_NOTE = (
    "activation is the fraction of each muscle's capacity the model's static optimisation "
    "uses to hold the pose still; it is not EMG (%MVIC)"
)
#: How the gluteal-to-TFL ratio is computed, said beside it.
RATIO_NOTE = (
    "model: mean of gluteus medius effort and superior gluteus maximus activation, "
    "divided by TFL activation (null when TFL rests); Selkowitz's published index is "
    "computed from %MVIC in its own way: compare the order, not the numbers"
)


def _muscles(hip: HipEffort) -> dict[str, dict[str, float]]:
    return {
        muscle: {"force_bw": _round(force, 3), "activation": _round(act, 3)}
        for muscle, act, force in zip(hip.ids, hip.activation, hip.force_bw, strict=True)
    }


def _round(value: float, decimals: int) -> float:
    out = round(float(value), decimals)
    return 0.0 if out == 0.0 else out


def _emg(value: PublishedEmg | None) -> dict[str, object] | None:
    if value is None:
        return None
    return {"value": value.value, "text": value.text, "source": value.source}


def exercise_json(result: ExerciseResult) -> dict[str, object]:
    """The ``model --task EXERCISE --json`` object."""
    info = CATALOGUE[result.exercise]
    ratio = result.gluteal_to_tfl_ratio()
    out: dict[str, object] = {
        "task": result.exercise,
        "exercise": info.name,
        "side": result.side,
        "working_leg": info.working,
        "weaken": result.weaken,
        "strength_pct": _round(100.0 * result.strength, 2),
        "position": result.lying,
        "instructions": {"patient": info.patient, "student": info.student},
        **{key: _round(value, 2) for key, value in result.angles_deg.items()},
        "holds": result.holds,
        "shortfall_nm": _round(result.working.shortfall_nm, 2),
        "gluteus_medius_effort": _round(result.gluteus_medius_effort(), 3),
        "gluteal_to_tfl_ratio": None if ratio is None else _round(ratio, 2),
        "supports_bw": {k: _round(v, 3) for k, v in result.supports_bw.items()},
        "published_gluteus_medius_emg_pct_mvic": _emg(info.gluteus_medius_emg),
        "published_gluteal_to_tfl_index": _emg(info.gluteal_to_tfl_index),
        "notes": [ACTIVATION_NOTE, RATIO_NOTE],
        "muscles": _muscles(result.working),
    }
    if not result.holds:
        out["notes"] = [
            f"the working hip's muscles cannot hold this pose alone at this strength: "
            f"{result.working.shortfall_nm:.0f} N m is left unbalanced; the activations "
            "are the closest the model comes",
            ACTIVATION_NOTE,
            RATIO_NOTE,
        ]
    moment = result.working.moment_nm / result.subject_size_nm
    if np.all(np.isfinite(moment)):
        # What the muscles must balance (gravity, supports, band and passive tissue), in
        # percent of body weight x height; positive pushes into flexion, adduction and
        # internal rotation.
        out["hip_moment_pct_bw_height"] = {
            name: _round(100.0 * value, 2)
            for name, value in zip(
                ("flexion", "adduction", "internal_rotation"), moment, strict=True
            )
        }
    if result.other is not None:
        out["other_leg_muscles"] = _muscles(result.other)
    return out


def ranking_rows(
    subject: Subject, side: str = "right", strength: float = 1.0, weaken: str = "gluteus_medius"
) -> list[dict[str, object]]:
    """Every exercise with the model's gluteus medius effort and the published EMG,
    highest model effort first. An exercise the model cannot solve at this strength (the
    single-leg squat, where the pelvis would drop until the other foot touched the floor)
    comes last, with its ``error`` and no effort."""
    rows: list[dict[str, object]] = []
    for exercise in EXERCISES:
        info = CATALOGUE[exercise]
        emg = info.gluteus_medius_emg
        index = info.gluteal_to_tfl_index
        row: dict[str, object] = {
            "task": exercise,
            "exercise": info.name,
            "gluteus_medius_effort": None,
            "holds": False,
            "gluteal_to_tfl_ratio": None,
            "emg_pct_mvic": None if emg is None else emg.value,
            "emg_text": None if emg is None else emg.text,
            "emg_source": None if emg is None else emg.source,
            "gluteal_to_tfl_index": None if index is None else index.value,
            "index_source": None if index is None else index.source,
        }
        try:
            result = solve_exercise(subject, exercise, side, strength, weaken)
        except ModelInputError as error:
            row["error"] = str(error)
        else:
            ratio = result.gluteal_to_tfl_ratio()
            row["gluteus_medius_effort"] = _round(result.gluteus_medius_effort(), 3)
            row["holds"] = result.holds
            row["gluteal_to_tfl_ratio"] = None if ratio is None else _round(ratio, 2)
        rows.append(row)
    rows.sort(key=_effort_order)
    return rows


def _effort_order(row: dict[str, object]) -> float:
    effort = row["gluteus_medius_effort"]
    return 1.0 if effort is None else -float(str(effort))


def ranking_text(rows: list[dict[str, object]]) -> str:
    """The ranking as a plain table for the terminal."""
    lines = [
        f"{'exercise':<31}{'model effort':>13}  {'EMG %MVIC':<22}{'glut/TFL':>10}{'index':>7}",
    ]
    for row in rows:
        value = row["gluteus_medius_effort"]
        effort = "cannot" if value is None else f"{float(str(value)):.2f}"
        if value is not None and not row["holds"]:
            effort += "*"
        ratio = row["gluteal_to_tfl_ratio"]
        index = row["gluteal_to_tfl_index"]
        lines.append(
            f"{row['exercise']!s:<31}{effort:>13}  {row['emg_text'] or '-'!s:<22}"
            f"{'TFL rests' if ratio is None else f'{ratio:.2f}':>10}"
            f"{'-' if index is None else f'{index:g}':>7}"
        )
    lines.append("")
    lines.append("* the model's hip cannot hold this pose alone: effort at its closest approach")
    lines.extend(f"{row['exercise']}: {row['error']}" for row in rows if "error" in row)
    lines.append(f"model effort: gluteus medius force / capacity; {ACTIVATION_NOTE}")
    lines.append(f"glut/TFL: {RATIO_NOTE}")
    cited = [str(r[key]) for r in rows for key in ("emg_source", "index_source") if r[key]]
    sources = sorted({part for text in cited for part in text.split("; ")})
    lines.append("EMG: " + "; ".join(sources))
    return "\n".join(lines) + "\n"

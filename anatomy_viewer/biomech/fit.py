"""From a measurement to the model: the strength whose movement explains what was measured.

A therapist measures the pelvic drop and the knee's frontal plane projection angle (FPPA)
of a patient's single-leg stance or squat, on 2D video or with a goniometer.
:func:`fit_strength` finds the strength of the weakened muscles (``weaken``) whose movement
in the model best reproduces those numbers, and the range of strengths consistent with the
measurement's error and the model's own uncertainty. It uses only the public solver
(:func:`~anatomy_viewer.biomech.solver.sweep_strength`), so it follows the model as it is
refined.

What is compared, at the moment clinicians read the angles (the held one-leg stance, the
deepest point of the squat: phase 0.5; Munro, Herrington and Carolan 2012 read the FPPA at
the deepest point):

- pelvic drop: the model's ``pelvic_drop_deg``, uncertain by the measurement's error only
  (the model gives no spread for it);
- FPPA: the centre of the model's knee band (``knee_fppa_low_deg`` .. ``knee_fppa_high_deg``),
  which is what the model predicts a person at that strength shows on video; its
  half-width (the spread strength does not explain, one standard deviation) is combined
  with the measurement's error as independent errors, ``sqrt(band^2 + error^2)``.

A strength is *consistent* when every measured value lies within one combined error of the
model's; the *best* strength minimises the sum of squared normalised differences (least
squares over a sweep in 1 % steps, refined to 0.1 %). Where the model's curves are flat
(a weak gluteus medius alone barely moves the pelvis) several strengths fit equally well:
then no best strength is given (``strength_pct`` is ``None``) and the explanation says so.
Where no strength is consistent, :class:`UnexplainedMeasurementError` says why.

Pure numpy: no Qt, no VTK.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.geometry import FloatArray
from anatomy_viewer.biomech.solver import sweep_strength
from anatomy_viewer.biomech.subject import Subject

#: Tasks a clinician measures that the model can be fitted to. Walking and running are
#: left out: their drop is the upper bound of a fall that a real stance is too short to
#: finish (see "Walking and running" in docs/biomechanics.md), and a measurement cannot be
#: matched to an upper bound.
FIT_TASKS: Final = ("stance", "squat")

#: Default measurement error (degrees, one standard error of measurement) of a 2D video
#: angle: the FPPA's between-day SEM in single-leg squats is 2.72 to 3.01 deg (Munro,
#: Herrington and Carolan 2012, J Sport Rehabil 21:7); 2D frontal-plane knee measures 2 to
#: 4 deg (Gwynne and Curran 2014, Int J Sports Phys Ther 9:898). The pelvic drop's 2D error
#: is taken to be the same (assumption: no published SEM at hand).
DEFAULT_ERROR_DEG: Final = 3.0

#: Accepted measured values and errors (degrees): wide enough for any clinic reading.
DROP_RANGE_DEG: Final = (-20.0, 45.0)
FPPA_RANGE_DEG: Final = (-30.0, 60.0)
ERROR_RANGE_DEG: Final = (0.5, 15.0)

#: The moment the angles are read: held stance, deepest point of the squat.
FIT_PHASE: Final = 0.5

_COARSE: Final = np.linspace(0.0, 1.0, 101)
_REFINE_POINTS: Final = 21
#: Strengths whose misfit is within this of the best count as equally good (a flat curve).
_FLAT_CHI2: Final = 1e-4
#: Equally good strengths spanning more than this (fraction) leave the strength unpinned.
_FLAT_WIDTH: Final = 0.02


class UnexplainedMeasurementError(ModelInputError):
    """No strength of the weakened muscles reproduces the measurement within its error."""


@dataclass(frozen=True)
class FitResult:
    """The strength that explains a measurement.

    Attributes
    ----------
    strength_pct
        Best strength, percent of normal; ``None`` when the model's curves are flat there
        and the measurement cannot pin one strength.
    strength_range_pct
        Lowest and highest strength consistent with the measurement, percent.
    predicted
        The model's values at the best strength (or at the middle of the range when
        unpinned): ``pelvic_drop_deg``, ``knee_fppa_deg`` (the band's centre) and
        ``knee_fppa_band_deg`` (its half-width).
    explanation
        Plain sentences for a patient and a therapist.
    """

    task: str
    side: str
    weaken: str
    measured: dict[str, float]
    errors_deg: dict[str, float]
    strength_pct: float | None
    strength_range_pct: tuple[float, float]
    predicted: dict[str, float]
    explanation: str

    def as_json(self) -> dict[str, object]:
        """The ``fit --json`` object."""
        return {
            "task": self.task,
            "side": self.side,
            "weaken": self.weaken,
            "measured": {k: round(v, 2) for k, v in self.measured.items()},
            "errors_deg": {k: round(v, 2) for k, v in self.errors_deg.items()},
            "strength_pct": None if self.strength_pct is None else round(self.strength_pct, 1),
            "strength_range_pct": [round(v, 1) for v in self.strength_range_pct],
            "pinned": self.strength_pct is not None,
            "predicted": {k: round(v, 2) for k, v in self.predicted.items()},
            "explanation": self.explanation,
        }


def _check_value(name: str, value: float | None, bounds: tuple[float, float]) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ModelInputError(f"{name} must be a number of degrees, got {value!r}")
    if not bounds[0] <= value <= bounds[1]:
        raise ModelInputError(
            f"{name} must be from {bounds[0]:g} to {bounds[1]:g} degrees, got {value:g}"
        )


def _predictions(
    subject: Subject, task: str, side: str, weaken: str, strengths: FloatArray
) -> dict[str, FloatArray]:
    rows = sweep_strength(
        subject, task, side, FIT_PHASE, "none", strengths, weaken=weaken, strict=False
    )
    low, high = rows["knee_fppa_low_deg"], rows["knee_fppa_high_deg"]
    return {
        "strength": rows["strength"],
        "solved": rows["solved"],
        "pelvic_drop_deg": rows["pelvic_drop_deg"],
        "knee_fppa_deg": 0.5 * (low + high),
        "knee_fppa_band_deg": 0.5 * (high - low),
    }


def _normalised(
    rows: dict[str, FloatArray], measured: dict[str, float], errors: dict[str, float]
) -> dict[str, FloatArray]:
    """(measured - model) / combined error, per measured quantity; NaN where unsolved."""
    out: dict[str, FloatArray] = {}
    for key, value in measured.items():
        sigma = float(errors[key])
        if key == "knee_fppa_deg":
            sigma_arr = np.hypot(rows["knee_fppa_band_deg"], sigma)
        else:
            sigma_arr = np.full(rows["strength"].shape, sigma)
        out[key] = (value - rows[key]) / sigma_arr
    return out


def _misfit(z: dict[str, FloatArray]) -> tuple[FloatArray, np.ndarray]:
    """Sum of squares and the consistent mask (every |z| <= 1)."""
    stacked = np.stack(list(z.values()))
    chi2 = np.sum(stacked**2, axis=0)
    consistent = np.all(np.abs(stacked) <= 1.0, axis=0)
    return chi2, consistent & np.isfinite(chi2)


def _concat(a: dict[str, FloatArray], b: dict[str, FloatArray]) -> dict[str, FloatArray]:
    merged = {k: np.concatenate([a[k], b[k]]) for k in a}
    order = np.argsort(merged["strength"], kind="stable")
    return {k: v[order] for k, v in merged.items()}


def fit_strength(
    subject: Subject,
    task: str,
    *,
    side: str = "right",
    weaken: str = "gluteus_medius",
    pelvic_drop_deg: float | None = None,
    fppa_deg: float | None = None,
    drop_error_deg: float = DEFAULT_ERROR_DEG,
    fppa_error_deg: float = DEFAULT_ERROR_DEG,
) -> FitResult:
    """Find the strength whose movement reproduces a measured pelvic drop and/or FPPA.

    Parameters
    ----------
    subject
        The patient (:meth:`Subject.default` with their height, mass and sex).
    task
        ``"stance"`` or ``"squat"`` (:data:`FIT_TASKS`).
    side
        The stance leg, ``"right"`` or ``"left"``.
    weaken
        What the strength weakens: ``"gluteus_medius"`` or ``"abductors"``.
    pelvic_drop_deg, fppa_deg
        The measured angles (degrees; drop > 0 when the lifted side is lower, FPPA > 0 when
        the knee falls inward). At least one is needed.
    drop_error_deg, fppa_error_deg
        Their measurement errors (one standard error; default :data:`DEFAULT_ERROR_DEG`).

    Raises
    ------
    ModelInputError
        For an input out of range.
    UnexplainedMeasurementError
        When no strength reproduces the measurement within its error.
    """
    if task not in FIT_TASKS:
        raise ModelInputError(
            f"task must be one of {', '.join(FIT_TASKS)} for a fit, got {task!r} (in "
            "walking and running the model's drop is an upper bound, the whole fall that a "
            "real stance is too short for, so a measured drop cannot be matched to it)"
        )
    _check_value("pelvic drop", pelvic_drop_deg, DROP_RANGE_DEG)
    _check_value("FPPA", fppa_deg, FPPA_RANGE_DEG)
    _check_value("pelvic drop error", drop_error_deg, ERROR_RANGE_DEG)
    _check_value("FPPA error", fppa_error_deg, ERROR_RANGE_DEG)
    measured: dict[str, float] = {}
    errors: dict[str, float] = {}
    if pelvic_drop_deg is not None:
        measured["pelvic_drop_deg"] = float(pelvic_drop_deg)
        errors["pelvic_drop_deg"] = float(drop_error_deg)
    if fppa_deg is not None:
        measured["knee_fppa_deg"] = float(fppa_deg)
        errors["knee_fppa_deg"] = float(fppa_error_deg)
    if not measured:
        raise ModelInputError("give the pelvic drop, the FPPA or both")

    rows = _predictions(subject, task, side, weaken, _COARSE)
    if not np.any(rows["solved"]):
        raise UnexplainedMeasurementError(f"the model cannot do the {task} at any strength")
    rows = _concat(
        rows, _predictions(subject, task, side, weaken, _refinements(rows, measured, errors))
    )
    chi2, consistent = _misfit(_normalised(rows, measured, errors))
    strengths = rows["strength"]
    if not np.any(consistent):
        raise UnexplainedMeasurementError(_why_not(rows, measured, errors, task, weaken))

    ok = strengths[consistent]
    lowest, highest = float(ok.min()), float(ok.max())
    best_chi2 = float(np.nanmin(chi2))
    tied = strengths[np.isfinite(chi2) & (chi2 <= best_chi2 + _FLAT_CHI2)]
    pinned = float(tied.max() - tied.min()) <= _FLAT_WIDTH
    best = float(strengths[int(np.nanargmin(chi2))]) if pinned else None
    at = (
        int(np.nanargmin(chi2))
        if pinned
        else int(np.argmin(np.abs(strengths - 0.5 * (lowest + highest))))
    )
    predicted = {
        k: float(rows[k][at]) for k in ("pelvic_drop_deg", "knee_fppa_deg", "knee_fppa_band_deg")
    }
    return FitResult(
        task=task,
        side=side,
        weaken=weaken,
        measured=measured,
        errors_deg=errors,
        strength_pct=None if best is None else 100.0 * best,
        strength_range_pct=(100.0 * lowest, 100.0 * highest),
        predicted=predicted,
        explanation=_explain(best, lowest, highest, weaken, task),
    )


def _refinements(
    rows: dict[str, FloatArray], measured: dict[str, float], errors: dict[str, float]
) -> FloatArray:
    """Fine strengths around the coarse best and around each edge of the consistent set."""
    chi2, consistent = _misfit(_normalised(rows, measured, errors))
    s = rows["strength"]
    step = float(s[1] - s[0])
    centres: list[float] = []
    if np.any(np.isfinite(chi2)):
        centres.append(float(s[int(np.nanargmin(chi2))]))
    changes = np.flatnonzero(consistent[1:] != consistent[:-1])
    centres += [float(0.5 * (s[i] + s[i + 1])) for i in changes]
    fine = [np.linspace(c - step, c + step, _REFINE_POINTS) for c in centres]
    if not fine:
        return np.empty(0)
    points = np.unique(np.clip(np.concatenate(fine), 0.0, 1.0))
    return points[~np.isin(points, s)]


def _pct(fraction: float) -> str:
    return f"{100.0 * fraction:.0f} %"


def _muscles(weaken: str) -> str:
    return "the gluteus medius" if weaken == "gluteus_medius" else "the hip abductor muscles"


def _explain(best: float | None, lowest: float, highest: float, weaken: str, task: str) -> str:
    muscles = _muscles(weaken)
    span = f"from {_pct(lowest)} to {_pct(highest)}"
    if best is None:
        return (
            f"Any strength of {muscles} {span} of normal reproduces this measurement: in the "
            f"model the {task} looks the same at all of them, so the measurement cannot tell "
            "them apart and no single strength is given."
            + (
                f" It says only that the strength is at least {_pct(lowest)}."
                if lowest > 0.0 and highest >= 1.0
                else ""
            )
        )
    text = (
        f"The movement measured matches {muscles} at about {_pct(best)} of normal strength "
        f"(anything {span} fits within the measurement's error and the model's uncertainty)."
    )
    if highest - lowest > 0.5:
        text += " The range is wide: this measurement narrows the strength only loosely."
    return text


def _why_not(
    rows: dict[str, FloatArray],
    measured: dict[str, float],
    errors: dict[str, float],
    task: str,
    weaken: str,
) -> str:
    """A plain explanation of why no strength reproduces the measurement."""
    solved = rows["solved"]
    muscles = _muscles(weaken)
    names = {"pelvic_drop_deg": "pelvic drop", "knee_fppa_deg": "knee angle (FPPA)"}
    reasons = []
    for key, value in measured.items():
        model = rows[key][solved]
        spread = errors[key]
        if key == "knee_fppa_deg":
            spread = float(np.hypot(np.max(rows["knee_fppa_band_deg"][solved]), spread))
        low, high = float(np.min(model)), float(np.max(model))
        if value > high + spread:
            reasons.append(
                f"the measured {names[key]} of {value:g} degrees is more than weakness of "
                f"{muscles} alone gives in this model: at most {high:.1f} degrees, even at the "
                f"weakest strength it can do the {task} with"
            )
        elif value < low - spread:
            reasons.append(
                f"the measured {names[key]} of {value:g} degrees is less than the model gives "
                f"even at normal strength ({low:.1f} degrees)"
            )
        elif not np.any(np.abs(_normalised(rows, {key: value}, errors)[key][solved]) <= 1.0):
            reasons.append(
                f"in this model the {names[key]} jumps past {value:g} degrees between "
                "neighbouring strengths (from a held position to a larger one), so no "
                "strength gives the measured value"
            )
    if not reasons:
        reasons.append(
            "each angle alone fits some strength, but no strength fits both angles at once"
        )
    return (
        "No strength explains this measurement: "
        + "; ".join(reasons)
        + ". Something other than weakness of "
        + muscles
        + " (the foot, the knee, the trunk, or how the movement was done) is likely part of it."
    )


__all__ = [
    "DEFAULT_ERROR_DEG",
    "FIT_TASKS",
    "FitResult",
    "UnexplainedMeasurementError",
    "fit_strength",
]

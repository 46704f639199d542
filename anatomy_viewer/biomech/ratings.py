"""Healthy ranges of the rated readouts, per task, each from the literature.

A readout is ``normal`` up to what healthy people reach in the same task (usually their
mean + 1 SD), ``borderline`` up to a second limit, and ``out_of_range`` beyond. A task
the literature has not measured borrows the nearest measured task's band; the source
says so. A new task (walking, running, an exercise) adds its row to :data:`BANDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.geometry import FloatArray

Rating = Literal["normal", "borderline", "out_of_range"]

#: The readouts that are rated.
RATED: Final = ("pelvic_drop_deg", "knee_fppa_deg", "hip_contact_force_bw", "abductor_activation")


@dataclass(frozen=True)
class Band:
    """Upper limits of the normal and borderline ranges of one readout in one task.

    Attributes
    ----------
    normal_max, borderline_max
        Values up to ``normal_max`` are normal, up to ``borderline_max`` borderline.
    source
        Where the limits come from.
    """

    normal_max: float
    borderline_max: float
    source: str

    def rate(self, value: float) -> Rating:
        """Rate ``value``."""
        if value <= self.normal_max:
            return "normal"
        if value <= self.borderline_max:
            return "borderline"
        return "out_of_range"


# Contralateral pelvic drop. Standing on one leg: a level pelvis is the negative
# Trendelenburg test, a visible drop the positive one (Hardcastle and Nade 1985, JBJS-Br
# 67:741); they give no degrees, so the 2 and 5 deg limits are an assumption. Single-leg
# squat: healthy 7.4 +/- 3.8 deg (Nakagawa et al. 2012, JOSPT 42:491).
_DROP_STANCE = Band(2.0, 5.0, "Hardcastle & Nade 1985 (negative test: level); degrees assumed")
_DROP_SQUAT = Band(7.4 + 3.8, 7.4 + 2 * 3.8, "Nakagawa et al. 2012: healthy 7.4 +/- 3.8 deg")
# Knee frontal plane projection angle, single-leg squat: healthy 8.4 +/- 5.1 deg
# (Herrington 2014, The Knee 21:514). No published standing norm was found; straight-leg
# tasks use the squat's band (lenient).
_FPPA = Band(8.4 + 5.1, 8.4 + 2 * 5.1, "Herrington 2014: healthy squat 8.4 +/- 5.1 deg")
_FPPA_STRAIGHT = Band(
    8.4 + 5.1, 8.4 + 2 * 5.1, "Herrington 2014 squat band (no standing norm found)"
)
# Hip contact force. One-legged stance: 2.61 +/- 0.29 BW, 2.19 to 3.28 in 10 patients
# (Bergmann et al. 2016, PLoS One 11:e0155612): normal up to the highest patient. No
# in-vivo single-leg squat exists; normal up to the 5.5 BW of jogging, borderline up to
# the 8.7 BW of stumbling, everyday peaks of healthy hips (Bergmann et al. 1993,
# J Biomech 26:969).
_FORCE_STANCE = Band(3.28, 3.28 + 2 * 0.29, "Bergmann et al. 2016: 2.61 +/- 0.29 BW, max 3.28")
_FORCE_SQUAT = Band(5.5, 8.7, "Bergmann et al. 1993: jogging 5.5 BW, stumbling 8.7 BW")
# Effort of the weakened muscle, against gluteus medius EMG of healthy people: single-limb
# squat 64 +/- 24 % MVIC (DiStefano et al. 2009, JOSPT 39:532); standing tasks borrow the
# nearest measured single-leg weight-bearing task, the lateral step-up, 61 +/- 20 % MVIC
# (MacAskill et al. 2014, Int J Sports Phys Ther 9:907). A muscle at its limit (1.0) is
# out of range.
_EFFORT_SQUAT = Band(0.64 + 0.24, 0.999, "DiStefano et al. 2009: squat 64 +/- 24 % MVIC")
_EFFORT_STANCE = Band(0.61 + 0.20, 0.999, "MacAskill et al. 2014: step-up 61 +/- 20 % MVIC")

# Walking: the pelvis drops about 5 deg on the swing side in loading response, within
# a healthy frontal-plane range of about 4 to 8 deg (Perry and Burnfield 2010, Gait
# Analysis, 2nd ed.): normal up to 5, borderline up to 8. Running: healthy runners drop
# about 5 deg at midstance, and each further degree multiplied the odds of injury by
# 1.8 (Bramah et al. 2018, AJSM 46:3023): normal up to 5, borderline up to 2 deg more
# (odds x 3.2).
_DROP_WALK = Band(5.0, 8.0, "Perry & Burnfield 2010: healthy drop about 5 deg, range 4-8")
_DROP_RUN = Band(5.0, 7.0, "Bramah et al. 2018: healthy about 5 deg; odds x 1.8 per deg")
# Hip contact force in gait. Walking: in-vivo peaks from 2.8 x BW at 1 km/h to 4.8 at
# 5 km/h, jogging about 5.5 (Bergmann et al. 1993, J Biomech 26:969): normal up to 4.8,
# borderline up to 5.5. Running: normal up to the 8.7 x BW of stumbling, the highest
# everyday peak of those hips (same source); the model's running force is above the
# measured jogging value (docs/biomechanics.md), so the jogging value cannot be the limit.
_FORCE_WALK = Band(4.8, 5.5, "Bergmann et al. 1993: walking up to 4.8 BW, jogging 5.5")
_FORCE_RUN = Band(8.7, 8.7 + 1.0, "Bergmann et al. 1993: stumbling 8.7 BW, the everyday top")

#: Task -> readout -> band.
BANDS: Final[dict[str, dict[str, Band]]] = {
    "stance": {
        "pelvic_drop_deg": _DROP_STANCE,
        "knee_fppa_deg": _FPPA_STRAIGHT,
        "hip_contact_force_bw": _FORCE_STANCE,
        "abductor_activation": _EFFORT_STANCE,
    },
    "squat": {
        "pelvic_drop_deg": _DROP_SQUAT,
        "knee_fppa_deg": _FPPA,
        "hip_contact_force_bw": _FORCE_SQUAT,
        "abductor_activation": _EFFORT_SQUAT,
    },
    "abduction": {
        "pelvic_drop_deg": _DROP_STANCE,
        "knee_fppa_deg": _FPPA_STRAIGHT,
        "hip_contact_force_bw": _FORCE_STANCE,
        "abductor_activation": _EFFORT_STANCE,
    },
    # Walking borrows the standing tasks' knee and effort bands (the knee nearly
    # straight in stance); running, with the knee bent about 40 deg, the squat's.
    "walk": {
        "pelvic_drop_deg": _DROP_WALK,
        "knee_fppa_deg": _FPPA_STRAIGHT,
        "hip_contact_force_bw": _FORCE_WALK,
        "abductor_activation": _EFFORT_STANCE,
    },
    "run": {
        "pelvic_drop_deg": _DROP_RUN,
        "knee_fppa_deg": _FPPA,
        "hip_contact_force_bw": _FORCE_RUN,
        "abductor_activation": _EFFORT_SQUAT,
    },
}


def rate(task: str, quantity: str, value: float) -> Rating:
    """Rate one readout of one task.

    Raises
    ------
    ModelInputError
        For a task or readout without a band.
    """
    try:
        band = BANDS[task][quantity]
    except KeyError:
        raise ModelInputError(
            f"no healthy range for {quantity!r} in task {task!r}; rated readouts: "
            f"{', '.join(RATED)}"
        ) from None
    return band.rate(value)


def ratings(task: str, quantities: Mapping[str, float]) -> dict[str, str]:
    """Every rated readout of a frame."""
    return {q: rate(task, q, float(quantities[q])) for q in RATED}


def rate_all(task: str, quantity: str, values: FloatArray) -> list[str]:
    """Rate a batch of values of one readout of one task."""
    rate(task, quantity, 0.0)  # an unknown task or readout raises here
    band = BANDS[task][quantity]
    out = np.where(
        values <= band.normal_max,
        "normal",
        np.where(values <= band.borderline_max, "borderline", "out_of_range"),
    )
    return [str(x) for x in out]

"""Normal and abnormal ranges for the live readouts, from published measurements.

Each readout is judged against healthy people doing the same task, so the colour next to a
number tells a patient at a glance whether it is in the normal range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rating = Literal["normal", "borderline", "abnormal"]


@dataclass(frozen=True)
class Range:
    """Upper limits of the normal and borderline bands for one quantity and task."""

    normal_max: float
    borderline_max: float
    source: str

    def rate(self, value: float) -> Rating:
        """Rate a value: normal, borderline or abnormal."""
        if value <= self.normal_max:
            return "normal"
        if value <= self.borderline_max:
            return "borderline"
        return "abnormal"


# Pelvic drop in single-leg stance: a level pelvis is the negative Trendelenburg test; a drop of
# a few degrees is visible and counts as positive (Hardcastle & Nade 1985, JBJS-Br 67:741).
# Single-leg squat: healthy 7.4 +/- 3.8 deg, patellofemoral pain 10.3 +/- 4.7 deg
# (Nakagawa et al. 2012, JOSPT 42:491): normal up to mean + 1 SD of the healthy group.
_PELVIC_DROP = {
    "stance": Range(2.0, 5.0, "Hardcastle & Nade 1985"),
    "squat": Range(7.4 + 3.8, 7.4 + 2 * 3.8, "Nakagawa et al. 2012"),
    "abduction": Range(2.0, 5.0, "Hardcastle & Nade 1985"),
}
# Knee frontal plane projection angle in the single-leg squat: healthy 8.4 +/- 5.1 deg, women
# with patellofemoral pain 16.8 +/- 5.4 deg (Herrington 2014, The Knee 21:514).
_KNEE_FPPA = {
    "stance": Range(5.0, 10.0, "Herrington 2014"),
    "squat": Range(8.4 + 5.1, 16.8, "Herrington 2014"),
    "abduction": Range(5.0, 10.0, "Herrington 2014"),
}
# Hip contact force in one-legged stance: 2.61 +/- 0.29 BW, range 2.19 to 3.28 BW
# (Bergmann et al. 2016, PLoS One 11:e0155612).
_HIP_FORCE = Range(3.28, 3.8, "Bergmann et al. 2016")
# Muscle effort: static stance needs about 28 to 31 % of the abductors' capacity (REFERENCES.md,
# from the Rajagopal 2016 model); above about 60 % a muscle tires quickly, and at 100 % it has
# nothing left and the pelvis drops.
_EFFORT = Range(0.6, 0.9, "Rajagopal et al. 2016 model")


def rate_pelvic_drop(task: str, degrees: float) -> Rating:
    """Rate the contralateral pelvic drop for a task."""
    return _PELVIC_DROP[task].rate(degrees)


def rate_knee_fppa(task: str, degrees: float) -> Rating:
    """Rate the knee frontal plane projection angle (valgus positive) for a task."""
    return _KNEE_FPPA[task].rate(degrees)


def rate_hip_force(bw: float) -> Rating:
    """Rate the hip contact force in multiples of body weight."""
    return _HIP_FORCE.rate(bw)


def rate_effort(activation: float) -> Rating:
    """Rate the weakened muscle's effort (0..1 of its capacity)."""
    return _EFFORT.rate(activation)

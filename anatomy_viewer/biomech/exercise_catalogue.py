"""What each exercise of the library is called, how it is explained, and what EMG studies
measured in it (data only).

Instructions leave sets, repetitions and frequency to the therapist. The EMG values are
gluteus medius activity in percent of a maximal voluntary isometric contraction
(%MVIC) and Selkowitz's gluteal-to-TFL activation index, as published; they tuned
nothing in the model and are shown beside it as predictions to compare with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class PublishedEmg:
    """A published EMG value: mean (and spread or range where given) and its source."""

    value: float
    text: str
    source: str


@dataclass(frozen=True)
class ExerciseInfo:
    """One exercise for people: its name, the instructions and the published EMG.

    Attributes
    ----------
    name
        Plain name.
    working
        Which leg ``--side`` names (the one trained).
    patient, student
        A short instruction for the patient; what a student should notice.
    gluteus_medius_emg
        Published gluteus medius EMG (%MVIC), or ``None`` where none is listed.
    gluteal_to_tfl_index
        Published gluteal-to-TFL activation index (Selkowitz 2013), or ``None``.
    """

    name: str
    working: str
    patient: str
    student: str
    gluteus_medius_emg: PublishedEmg | None
    gluteal_to_tfl_index: PublishedEmg | None = None


DISTEFANO: Final = "DiStefano et al. 2009, J Orthop Sports Phys Ther 39:532"
YOUDAS: Final = "Youdas et al. 2013, Physiother Theory Pract 29:113"
EKSTROM: Final = "Ekstrom et al. 2007, J Orthop Sports Phys Ther 37:754"
BOREN: Final = "Boren et al. 2011, Int J Sports Phys Ther 6:206"
SELKOWITZ: Final = "Selkowitz et al. 2013, J Orthop Sports Phys Ther 43:54"

CATALOGUE: Final[dict[str, ExerciseInfo]] = {
    "side_lying_abduction": ExerciseInfo(
        name="Side-lying hip abduction",
        working="the top leg",
        patient=(
            "Lie on your side with the bottom knee bent for balance. Keep the top leg "
            "straight and in line with your body, toes facing forward, and lift it slowly "
            "toward the ceiling, then lower it with control. Do not roll backward."
        ),
        student=(
            "The lifted leg (16 % of body weight, Winter) has its centre of mass far down "
            "the thigh, the abductors' lever a few centimetres: they hold its weight "
            "against gravity alone, with no foot on the floor to share it."
        ),
        gluteus_medius_emg=PublishedEmg(81.0, "81 ± 42", DISTEFANO),
    ),
    "clamshell": ExerciseInfo(
        name="Clamshell",
        working="the top leg",
        patient=(
            "Lie on your side with hips and knees bent and your feet together. Keep "
            "your feet touching and open the top knee like a clamshell, without rolling "
            "your pelvis back, then close it slowly."
        ),
        student=(
            "The feet stay together, so the thigh turns about the line from hip to "
            "ankle: with the hip flexed this is external rotation and abduction, and "
            "the foot contact carries part of the leg's weight."
        ),
        gluteus_medius_emg=PublishedEmg(39.0, "38–40", f"{DISTEFANO}; {YOUDAS}"),
        gluteal_to_tfl_index=PublishedEmg(115.0, "115", SELKOWITZ),
    ),
    "side_plank": ExerciseInfo(
        name="Side plank",
        working="the bottom leg",
        patient=(
            "Lie on your side propped on your forearm, elbow under your shoulder, legs "
            "straight and stacked. Lift your hips until your body is in one straight "
            "line from head to feet, hold, then lower with control."
        ),
        student=(
            "The body is a beam on two supports, elbow and foot: the bottom hip's "
            "abductors hold the pelvis up against the weight of everything above it."
        ),
        gluteus_medius_emg=PublishedEmg(74.0, "about 74", EKSTROM),
    ),
    "side_plank_abduction": ExerciseInfo(
        name="Side plank with hip abduction",
        working="the bottom leg",
        patient=(
            "From the side plank, keep your hips up and lift your top leg toward the "
            "ceiling, then lower it, without letting your hips sag."
        ),
        student=(
            "Both hips work: the bottom one holds the body up, the top one holds the "
            "lifted leg. Published EMG is for the bottom leg's gluteus medius."
        ),
        gluteus_medius_emg=PublishedEmg(103.0, "about 103", BOREN),
    ),
    "single_leg_bridge": ExerciseInfo(
        name="Single-leg bridge",
        working="the leg whose foot is on the floor",
        patient=(
            "Lie on your back with one knee bent and that foot flat on the floor, the "
            "other leg straight. Push through the heel and lift your hips until your "
            "body is straight from shoulders to knee, keeping the pelvis level."
        ),
        student=(
            "Gravity is along the hip's antero-posterior axis: the load is mostly an "
            "extension moment (gluteus maximus, hamstrings); keeping the pelvis from "
            "rolling is shared between the hip and the trunk."
        ),
        gluteus_medius_emg=PublishedEmg(47.0, "about 47", EKSTROM),
        gluteal_to_tfl_index=PublishedEmg(59.0, "59", SELKOWITZ),
    ),
    "lateral_band_walk": ExerciseInfo(
        name="Lateral band walk",
        working="the standing (trailing) leg",
        patient=(
            "Put an elastic band around your ankles, bend your hips and knees a little, "
            "and step sideways, keeping your toes forward and the band taut. Keep your "
            "knees from falling inward."
        ),
        student=(
            "While the leading leg steps out, the standing hip holds the body on one leg "
            "in a half squat, and the band pulls the lifted foot back toward it."
        ),
        gluteus_medius_emg=PublishedEmg(52.0, "52 ± 18 (stance leg)", YOUDAS),
        gluteal_to_tfl_index=PublishedEmg(64.0, "64 (sidestep)", SELKOWITZ),
    ),
    "single_leg_squat": ExerciseInfo(
        name="Single-leg squat",
        working="the standing leg",
        patient=(
            "Stand on one leg, arms forward for balance, and bend the knee slowly as if "
            "to sit, keeping your knee in line with your second toe and your pelvis "
            "level. Come back up with control."
        ),
        student=(
            "The model's squat task at its deepest point (knee 60°, hip 45°): the "
            "abductors' moment arms shorten with hip flexion while the demand stays."
        ),
        gluteus_medius_emg=PublishedEmg(64.0, "about 64", DISTEFANO),
    ),
}

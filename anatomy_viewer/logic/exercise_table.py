"""The exercises as people read them: a plain line, how to do it, and the model's efforts.

The Exercises tab and the exercise handout both show these rows: every exercise of the
library, ranked by the model's gluteus medius effort at the strength chosen, with the
effort of the other gluteal muscles and tensor fasciae latae beside it (each the whole
muscle's force over its capacity, its parts together) and the published EMG to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.exercise_catalogue import CATALOGUE, ExerciseInfo
from anatomy_viewer.biomech.exercises import HipEffort, group_effort, solve_exercise
from anatomy_viewer.biomech.posture import hip_model
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.vocabulary import EXERCISES

#: What an exercise's picture makes see-through: gluteus maximus covers gluteus medius from
#: every exercise's view (the tab, ``render --task EXERCISE`` and the exercise handout).
SEE_THROUGH: Final = ("gluteus_maximus_r", "gluteus_maximus_l")

#: The muscles whose effort the tab and the handout show, in the words they use.
MUSCLES: Final = (
    ("gluteus_medius", "Gluteus medius"),
    ("gluteus_minimus", "Gluteus minimus"),
    ("gluteus_maximus", "Gluteus maximus"),
    ("tensor_fasciae_latae", "TFL"),
)

#: Each exercise in one plain line (what the body does).
SUMMARIES: Final = {
    "side_lying_abduction": "Lying on your side, lift the top leg straight up.",
    "clamshell": "Lying on your side with knees bent, open the top knee like a shell.",
    "side_plank": "Hold your body straight on one forearm and the side of one foot.",
    "side_plank_abduction": "In a side plank, lift the top leg as well.",
    "single_leg_bridge": "Lying on your back, lift your hips on one foot.",
    "lateral_band_walk": "With a band round the ankles and knees bent, step to the side.",
    "single_leg_squat": "Standing on one leg, bend the knee and come back up.",
}


@dataclass(frozen=True)
class ExerciseRow:
    """One exercise with the model's numbers.

    Attributes
    ----------
    exercise
        The task word (``clamshell``).
    info
        Name, instructions and published EMG (:data:`CATALOGUE`).
    summary
        One plain line.
    efforts
        Muscle (:data:`MUSCLES`'s ids) -> effort 0..1 of the working hip; empty where the
        model cannot solve the exercise at this strength.
    holds
        Whether the working hip's muscles can hold the pose (else the efforts are the
        model's closest approach).
    problem
        Why the model cannot solve it, or ``None``.
    """

    exercise: str
    info: ExerciseInfo
    summary: str
    efforts: dict[str, float]
    holds: bool
    problem: str | None = None

    @property
    def gluteus_medius(self) -> float | None:
        """Gluteus medius effort, or ``None`` where the model cannot solve the exercise."""
        return self.efforts.get("gluteus_medius")


def muscle_efforts(subject: Subject, hip: HipEffort) -> dict[str, float]:
    """Each of :data:`MUSCLES`'s effort: force over capacity of its parts together."""
    musculature = hip_model(subject).musculature
    return {
        muscle: group_effort(
            hip,
            tuple(
                m
                for m, s in zip(musculature.ids, musculature.structures, strict=True)
                if s == muscle
            ),
        )
        for muscle, _ in MUSCLES
    }


def exercise_row(
    subject: Subject,
    exercise: str,
    side: str = "right",
    strength: float = 1.0,
    weaken: str = "gluteus_medius",
) -> ExerciseRow:
    """One exercise's row at ``strength`` (0..1) of the ``weaken`` muscles."""
    info = CATALOGUE[exercise]
    try:
        result = solve_exercise(subject, exercise, side, strength, weaken)
    except ModelInputError as error:
        return ExerciseRow(exercise, info, SUMMARIES[exercise], {}, False, str(error))
    efforts = muscle_efforts(subject, result.working)
    return ExerciseRow(exercise, info, SUMMARIES[exercise], efforts, result.holds)


def ranked_rows(
    subject: Subject,
    side: str = "right",
    strength: float = 1.0,
    weaken: str = "gluteus_medius",
    exercises: tuple[str, ...] = EXERCISES,
) -> list[ExerciseRow]:
    """The exercises, highest gluteus medius effort first; those the model cannot solve
    at this strength last, in the library's order."""
    rows = [exercise_row(subject, e, side, strength, weaken) for e in exercises]
    return sorted(rows, key=lambda row: (row.gluteus_medius is None, -(row.gluteus_medius or 0.0)))


def effort_text(row: ExerciseRow) -> str:
    """The efforts in one line: ``Gluteus medius 62 % · Gluteus minimus 40 % · ...``."""
    if not row.efforts:
        return f"The model cannot solve it at this strength: {row.problem}"
    text = " · ".join(f"{words} {100.0 * row.efforts[m]:.0f} %" for m, words in MUSCLES)
    return text if row.holds else text + " (the hip cannot hold the pose alone)"

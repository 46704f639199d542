"""An exercise sheet: chosen exercises, each with a picture of its held pose, how to do
it, and the model's efforts, ranked by gluteus medius effort.

It is laid out by the same page layout as a lesson's handout
(:func:`anatomy_viewer.ui.handout.write_handout`): one numbered block per exercise. The
pictures are drawn off-screen as a lesson step showing the exercise from its own view
(``camera: exercise``) with the effort colours, on a scene of their own.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.lesson import CameraState, SceneState, SimulationState
from anatomy_viewer.logic.exercise_table import MUSCLES, SEE_THROUGH, ExerciseRow, ranked_rows
from anatomy_viewer.logic.handout import TEXT_SCALE, HandoutContent, HandoutStep
from anatomy_viewer.logic.step_picture import StepPictures
from anatomy_viewer.vocabulary import EXERCISES

#: Pixels of an exercise's picture: square, printed beside its text as a lesson step's
#: picture is (about 64 mm wide on A4, 360 dpi), so that three exercises fit on a page.
EXERCISE_PICTURE_SIZE = (900, 900)
#: Blanks the therapist fills in by hand (sets, repetitions and frequency are theirs).
DOSE_HTML = "<p>Sets: ________ &nbsp; Repetitions: ________<br>How often: ________________</p>"


def parse_exercises(text: str) -> list[str]:
    """Exercise words from a comma-separated list, in order, each once.

    Raises
    ------
    AnatomyViewerError
        Naming an unknown word (and the nearest exercise), or an empty list.
    """
    words = [word.strip() for word in text.split(",") if word.strip()]
    if not words:
        raise AnatomyViewerError(f"--exercises needs at least one of: {', '.join(EXERCISES)}")
    out: list[str] = []
    for word in words:
        if word not in EXERCISES:
            near = difflib.get_close_matches(word, EXERCISES, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise AnatomyViewerError(
                f"--exercises: unknown exercise {word!r}{hint}; choose from {', '.join(EXERCISES)}"
            )
        if word not in out:
            out.append(word)
    return out


def exercise_html(row: ExerciseRow, rank: int, of: int) -> str:
    """An exercise's printed text: what it is, how to do it, the blanks and the efforts."""
    if row.efforts:
        each = ", ".join(
            f"{escape(words.lower() if words != 'TFL' else words)} "
            f"{100.0 * row.efforts[muscle]:.0f}&nbsp;%"
            for muscle, words in MUSCLES
        )
        held = (
            ""
            if row.holds
            else " <i>In the model the hip muscles alone cannot hold this position at this "
            "strength: these are the closest they come.</i>"
        )
        efforts = (
            f"<p><b>Muscle effort</b> (the model's; rank {rank} of {of} for gluteus medius): "
            f"{each}.{held}</p>"
        )
    else:
        efforts = (
            f"<p><i>The model cannot solve it at this strength: {escape(str(row.problem))}</i></p>"
        )
    return (
        f"<p><b>{escape(row.summary)}</b></p><p>{escape(row.info.patient)}</p>{DOSE_HTML}{efforts}"
    )


def exercise_handout_content(
    exercises: Sequence[str],
    side: str = "right",
    strength_pct: float = 100.0,
    weaken: str = "gluteus_medius",
    quality: str = "auto",
    progress: Callable[[int, int], None] | None = None,
    meshes: Path | None = None,
    mass_kg: float = 75.0,
    picture_size: tuple[int, int] = EXERCISE_PICTURE_SIZE,
) -> HandoutContent:
    """The exercise sheet of ``exercises``, highest gluteus medius effort first.

    Parameters
    ----------
    exercises
        Exercise words (:data:`~anatomy_viewer.vocabulary.EXERCISES`).
    side, strength_pct, weaken
        The working leg and the strength (0..100 %) of the weakened muscles, as in the
        Simulation panel: the efforts printed are the model's at that strength.
    quality, progress, meshes, mass_kg
        As for a lesson's handout (:func:`anatomy_viewer.logic.handout.handout_content`).

    Raises
    ------
    AnatomyViewerError
        For an unknown exercise or an empty list.
    """
    chosen = parse_exercises(",".join(exercises))
    pictures = StepPictures(
        picture_size,
        quality,
        # Printed as wide as a lesson step's 720-pixel picture: text as large on paper.
        text_scale=TEXT_SCALE * picture_size[0] / 720,
        meshes=meshes,
        mass_kg=mass_kg,
    )
    # The colours are told in words at the top: a legend in each small picture covered
    # the body's feet.
    pictures.scene.set_legends_visible(False)
    try:
        subject = pictures.simulation.subject
        rows = ranked_rows(subject, side, strength_pct / 100.0, weaken, tuple(chosen))
        steps: list[HandoutStep] = []
        for number, row in enumerate(rows, start=1):
            state = SceneState(
                camera=CameraState(preset="exercise", duration_s=0.0),
                simulation=SimulationState(
                    task=row.exercise,
                    side=side,
                    strength_pct=strength_pct,
                    weaken=weaken,
                    phase=0.5,
                ),
                overlays=frozenset({"effort"}),
                display=dict.fromkeys(SEE_THROUGH, "ghosted"),
            )
            steps.append(
                HandoutStep(
                    number=number,
                    title=row.info.name,
                    html=exercise_html(row, number, len(rows)),
                    picture=pictures.picture(state),
                )
            )
            if progress is not None:
                progress(number, len(rows))
    finally:
        pictures.close()
    muscle = "gluteus medius" if weaken == "gluteus_medius" else "hip abductor"
    return HandoutContent(
        title="Your exercises",
        description=(
            f"Each exercise in its held position, the muscles coloured by how hard they work: "
            f"pale cream at rest, then yellow, orange and red, up to dark red at full effort "
            f"(grey: not worked out). The effort is the model's, the share of each muscle's "
            f"strength it uses; not a measurement. Ranked by gluteus medius effort for the "
            f"{side} leg at {muscle} strength {strength_pct:.0f} %."
        ),
        audience="patient",
        folder=Path.cwd(),
        steps=tuple(steps),
    )

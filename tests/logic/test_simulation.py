"""Time to phase, settings validation and the model frames the app shows."""

from __future__ import annotations

import pytest

from anatomy_viewer.anatomy.landmarks import compute_landmarks
from anatomy_viewer.logic.simulation import (
    CYCLE_CHUNK,
    CYCLE_SECONDS,
    PLAYBACK_FPS,
    Simulation,
    SimulationSettings,
    cycle_seconds,
    frames_per_cycle,
    phase_at,
    subject_for,
)


def test_phase_follows_the_clock_and_loops() -> None:
    settings = SimulationSettings(task="squat", loop=True)
    cycle = CYCLE_SECONDS["squat"]
    assert phase_at(settings, 0.0) == (0.0, False)
    assert phase_at(settings, cycle / 4)[0] == pytest.approx(0.25)
    assert phase_at(settings, cycle * 1.5)[0] == pytest.approx(0.5)
    assert not phase_at(settings, cycle * 10)[1]


def test_playback_shows_the_frames_of_a_fixed_grid() -> None:
    settings = SimulationSettings(task="squat", loop=True, speed=0.75)
    frames = frames_per_cycle(settings)
    assert frames == round(CYCLE_SECONDS["squat"] / 0.75 * PLAYBACK_FPS)
    # Between two frames of the grid the last one due stays on screen.
    step = cycle_seconds(settings) / frames
    for k in (0, 1, 7, frames - 1):
        for within in (0.0, 0.4, 0.99):
            phase, ended = phase_at(settings, (k + within) * step)
            assert phase * frames == pytest.approx(k, abs=1e-9)
            assert not ended


def test_playback_frames_come_from_solved_chunks_and_match_the_model() -> None:
    from anatomy_viewer.biomech.solver import solve

    simulation = Simulation(subject_for(compute_landmarks(), 1.75, "male"))
    settings = SimulationSettings(task="squat", strength_pct=25.0, weaken="abductors")
    frames = frames_per_cycle(settings)
    shown = [simulation.frame(settings, k / frames) for k in range(0, frames + 1, 17)]
    for frame in shown:
        assert frame.weaken == "abductors"
        alone = solve(simulation.subject, "squat", "right", 0.25, frame.phase, "none", "abductors")
        for key, value in alone.quantities.items():
            assert frame.quantities[key] == pytest.approx(value, rel=1e-6, abs=1e-6)
    # One vectorised solve for each chunk of the cycle that was shown, and none again.
    chunks = {round(frame.phase * frames) // CYCLE_CHUNK for frame in shown}
    assert len(chunks) > 1
    assert simulation._chunk.cache_info().misses == len(chunks)
    again = [simulation.frame(settings, k / frames) for k in range(0, frames + 1, 17)]
    assert all(a is b for a, b in zip(again, shown, strict=True))
    assert simulation._chunk.cache_info().misses == len(chunks)
    # The last frame of the cycle (phase 1) sits in a chunk of its own size.
    assert simulation.frame(settings, 1.0).phase == pytest.approx(1.0)


def test_play_once_ends_at_the_end() -> None:
    settings = SimulationSettings(task="stance", loop=False)
    assert phase_at(settings, CYCLE_SECONDS["stance"] * 1.2) == (1.0, True)
    assert phase_at(settings, CYCLE_SECONDS["stance"] * 2.5, loops=3) == (pytest.approx(0.5), False)
    assert phase_at(settings, CYCLE_SECONDS["stance"] * 3.0, loops=3) == (1.0, True)


def test_speed_shortens_the_cycle() -> None:
    assert cycle_seconds(SimulationSettings(task="squat", speed=2.0)) == pytest.approx(
        CYCLE_SECONDS["squat"] / 2
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"task": "jump"},
        {"side": "middle"},
        {"strength_pct": 120.0},
        {"compensation": "hop"},
        {"weaken": "quadriceps"},
        {"overlays": frozenset({"x"})},
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"unknown|strength"):
        SimulationSettings(**changes)  # type: ignore[arg-type]


def test_frames_are_cached_and_equal_for_equal_inputs() -> None:
    simulation = Simulation(subject_for(compute_landmarks(), 1.75, "male"))
    settings = SimulationSettings(task="stance", strength_pct=74.0, weaken="abductors")
    first = simulation.frame(settings, 0.5)
    assert simulation.frame(settings, 0.50001) is first
    weaker = simulation.frame(settings, 0.5, strength_pct=20.0)
    assert weaker.quantities["pelvic_drop_deg"] > first.quantities["pelvic_drop_deg"] + 5.0


def test_settings_survive_a_round_trip_and_bad_input_gives_defaults() -> None:
    from anatomy_viewer.logic.simulation import settings_from_json, settings_to_json

    settings = SimulationSettings(
        task="squat",
        side="left",
        strength_pct=42.0,
        overlays=frozenset({"forces"}),
        weaken="abductors",
    )
    assert settings_from_json(settings_to_json(settings)) == settings
    for text in (
        "",
        "not json",
        "[1, 2]",
        '{"task": "jump"}',
        '{"strength_pct": "high"}',
        '{"weaken": "quadriceps"}',
    ):
        assert settings_from_json(text) == SimulationSettings()

"""Property tests over thousands of generated inputs: only the project's own errors, no NaN.

tests/lesson/test_lesson_properties.py and tests/biomech/test_properties.py cover the
lesson text and the solver's arguments; this adds what was missing: the mesh manifest
and landmarks, subjects of any size, whole cycles, the lesson-to-model path the app
follows (a lesson step's simulation settings through ``Simulation.frame``) and more
examples of edited lessons.
"""

from __future__ import annotations

import copy
import io
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from anatomy_viewer.anatomy.landmarks import compute_landmarks
from anatomy_viewer.anatomy.manifest import ManifestError, load_landmarks, load_manifest
from anatomy_viewer.biomech import ModelInputError, Subject, solve_cycle
from anatomy_viewer.lesson import LessonPlayer, check_text
from anatomy_viewer.lesson.source import parse_text
from anatomy_viewer.logic.exercise_frames import COMPUTED
from anatomy_viewer.logic.simulation import Simulation, SimulationSettings, subject_for
from anatomy_viewer.logic.staging import simulation_settings
from anatomy_viewer.resources import lessons_dir, meshes_dir
from anatomy_viewer.vocabulary import COMPENSATIONS, EXERCISES, SIDES, TASKS

MANY = settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
SOME = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**6), 10**6),
    st.none(),
    st.booleans(),
    st.text(max_size=4),
)
json_like = st.recursive(
    st.one_of(numbers, st.text(max_size=12)),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=15,
)
WEAK_SQUAT = SimulationSettings(task="squat", strength_pct=30.0)
MANIFEST = json.loads((meshes_dir() / "manifest.json").read_text(encoding="utf-8"))
LANDMARKS = json.loads((meshes_dir() / "landmarks.json").read_text(encoding="utf-8"))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data[:3]):
            found += _paths(value, (*prefix, i))
    return found


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("manifest")


@MANY
@given(path=st.sampled_from(_paths(MANIFEST)), junk=json_like)
def test_a_manifest_with_any_value_replaced_raises_only_manifest_error(
    scratch: Path, path: tuple[Any, ...], junk: Any
) -> None:
    (scratch / "manifest.json").write_text(json.dumps(_replace(MANIFEST, path, junk)))
    try:
        manifest = load_manifest(scratch)
    except ManifestError as error:
        assert "manifest.json" in str(error)
        return
    for entry in manifest.structures:
        assert all(math.isfinite(c) and 0 <= c <= 1 for c in entry.color)
        assert "/" not in entry.file and "/" not in entry.file_fast


@SOME
@given(raw=st.binary(max_size=400))
def test_any_bytes_as_manifest_or_landmarks_raise_only_manifest_error(
    scratch: Path, raw: bytes
) -> None:
    for name, load in (("manifest.json", load_manifest), ("landmarks.json", load_landmarks)):
        (scratch / name).write_bytes(raw)
        with pytest.raises(ManifestError):
            load(scratch)


@MANY
@given(path=st.sampled_from(_paths(LANDMARKS)), junk=json_like)
def test_landmarks_with_any_value_replaced_give_error_or_finite_points(
    scratch: Path, path: tuple[Any, ...], junk: Any
) -> None:
    (scratch / "landmarks.json").write_text(json.dumps(_replace(LANDMARKS, path, junk)))
    try:
        landmarks = load_landmarks(scratch)
    except ManifestError:
        return
    for point in landmarks.points.values():
        assert all(math.isfinite(v) for v in point)
    try:
        subject = subject_for(landmarks.points, 1.75, "male")
    except ModelInputError:
        return
    try:
        frame = Simulation(subject).frame(WEAK_SQUAT, 0.5)
    except ModelInputError as error:
        # A body the weak squat cannot be held with (an ASIS a metre off): the model's plain
        # refusal, which the app shows, is an answer too.
        assert str(error)
        return
    assert all(math.isfinite(v) for v in frame.quantities.values())


SUBJECT = Subject.default()
SEXES = ("female", "male")
#: The subjects the model takes (biomech/subject.py): heights and masses in these ranges.
HEIGHTS_M = st.floats(1.2, 2.2)
MASSES_KG = st.floats(20.0, 250.0)
FRACTIONS = st.floats(0.0, 1.0)


@MANY
@given(height=HEIGHTS_M, mass=MASSES_KG, sex=st.sampled_from(SEXES))
def test_every_subject_in_range_gives_finite_cycles(height: float, mass: float, sex: str) -> None:
    subject = Subject.default(height_m=height, mass_kg=mass, sex=sex)
    frames = solve_cycle(subject, "squat", "right", 0.3, np.linspace(0.0, 1.0, 9))
    for frame in frames:
        assert all(math.isfinite(v) for v in frame.quantities.values())
        assert all(np.all(np.isfinite(t)) for t in frame.poses.values())


@MANY
@given(height=numbers, mass=numbers, sex=st.sampled_from([*SEXES, "x", ""]))
def test_a_subject_out_of_range_is_refused(height: Any, mass: Any, sex: str) -> None:
    def within(value: Any, low: float, high: float) -> bool:
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (low <= value <= high)
        )

    assume(not (within(height, 1.2, 2.2) and within(mass, 20.0, 250.0) and sex in SEXES))
    with pytest.raises(ModelInputError):
        Subject.default(height_m=height, mass_kg=mass, sex=sex)


@MANY
@given(
    phases=st.lists(FRACTIONS, min_size=1, max_size=12),
    strength=FRACTIONS,
    task=st.sampled_from(TASKS),
    side=st.sampled_from(SIDES),
    compensation=st.sampled_from(COMPENSATIONS),
)
def test_every_cycle_in_range_is_finite(
    phases: list[float], strength: float, task: str, side: str, compensation: str
) -> None:
    try:
        frames = solve_cycle(SUBJECT, task, side, strength, phases, compensation)
    except ModelInputError as error:
        # Running is the one task a weak gluteus medius alone cannot always hold
        # quasi-statically (docs/biomechanics.md, "Walking and running").
        assert task == "run" and "cannot hold" in str(error)
        return
    assert len(frames) == len(phases)
    for frame in frames:
        assert all(math.isfinite(v) for v in frame.quantities.values())
        for v in frame.overlay.as_dict().values():
            assert all(math.isfinite(x) for x in v)


@SOME
@given(
    phases=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=12),
    strength=st.floats(allow_nan=True, allow_infinity=True),
    task=st.sampled_from(TASKS),
)
def test_a_cycle_out_of_range_is_refused(phases: list[float], strength: float, task: str) -> None:
    def fraction(value: float) -> bool:
        return math.isfinite(value) and 0.0 <= value <= 1.0

    assume(not (fraction(strength) and all(fraction(p) for p in phases)))
    with pytest.raises(ModelInputError):
        solve_cycle(SUBJECT, task, "right", strength, phases, "none")


APP_SUBJECT = subject_for(compute_landmarks(1.75, "male"), 1.75, "male")
LESSON_FILES = sorted(lessons_dir().glob("*/lesson.yaml"))
WHERE = Path("/nonexistent-lesson-folder/lesson.yaml")


def _dump(data: Any) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


BUNDLED = [
    parse_text(p.read_text(encoding="utf-8"), WHERE)[0].data  # type: ignore[union-attr]
    for p in LESSON_FILES
]
BUNDLED_PATHS = [(i, path) for i, data in enumerate(BUNDLED) for path in _paths(data)[1:]]


@MANY
@given(where=st.sampled_from(BUNDLED_PATHS), junk=json_like)
def test_a_bundled_lesson_with_any_value_replaced_plays_or_is_refused(
    where: tuple[int, tuple[Any, ...]], junk: Any
) -> None:
    index, path = where
    lesson, problems = check_text(_dump(_replace(BUNDLED[index], path, junk)), WHERE)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
    if lesson is None:
        return
    # The app's path: every step's simulation through the model, never a NaN.
    simulation = Simulation(APP_SUBJECT)
    player = LessonPlayer(lesson)
    while True:
        settings_, phase, _play, _loops = simulation_settings(player.current.scene)
        try:
            frame = simulation.frame(settings_, phase)
        except ModelInputError as error:
            # A movement the model cannot do (a squat too weak to hold on one leg): the
            # app shows this message and keeps the last good picture; `check` reports it.
            assert str(error)
        else:
            # An exercise lying down works out only some numbers; the rest say "not
            # computed" (not a number), never a made-up value.
            lying = settings_.task in EXERCISES and settings_.task != "single_leg_squat"
            for key, value in frame.quantities.items():
                assert math.isfinite(value) == (key in COMPUTED or not lying), (key, value)
        if not player.next():
            break

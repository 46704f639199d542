"""The patient's anatomy: bundled for the default subject, generated once and cached,
the bundled set with a message when generation fails; the profile's limits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.logic.patient_anatomy import (
    PatientProfile,
    cache_folder,
    cached_patient_meshes,
    generator_digest,
    patient_meshes,
    patient_meshes_or_default,
)
from anatomy_viewer.resources import meshes_dir


class FakeBuilder:
    """Copies the bundled set and writes the requested subject into its manifest."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[float, str]] = []
        self.fail = fail

    def __call__(self, out: Path, height_m: float, sex: str, progress: object = None) -> None:
        self.calls.append((height_m, sex))
        out.mkdir(parents=True)
        for name in ("manifest.json", "landmarks.json"):
            shutil.copy(meshes_dir() / name, out / name)
        if self.fail:
            raise RuntimeError("pelvis: generated surface is not closed and manifold")
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        manifest["subject"] = {"height_m": height_m, "sex": sex}
        (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_the_default_subject_uses_the_bundled_set(tmp_path: Path) -> None:
    builder = FakeBuilder()
    assert patient_meshes(1.75, "male", root=tmp_path, builder=builder) == meshes_dir()
    assert builder.calls == []


def test_a_set_is_generated_once_then_reused(tmp_path: Path) -> None:
    builder = FakeBuilder()
    first = patient_meshes(1.9, "male", root=tmp_path, builder=builder)
    again = patient_meshes(1.9, "male", root=tmp_path, builder=builder)
    assert first == again == cache_folder(1.9, "male", tmp_path)
    assert builder.calls == [(1.9, "male")]
    assert cached_patient_meshes(1.9, "male", tmp_path) == first
    assert cached_patient_meshes(1.6, "female", tmp_path) is None
    assert [p.name for p in tmp_path.iterdir()] == [first.name]
    patient_meshes(1.6, "female", root=tmp_path, builder=builder)
    assert builder.calls[-1] == (1.6, "female")


def test_a_failed_build_falls_back_and_leaves_nothing_behind(tmp_path: Path) -> None:
    meshes, problem = patient_meshes_or_default(
        1.6, "female", root=tmp_path, builder=FakeBuilder(fail=True)
    )
    assert meshes == meshes_dir()
    assert problem is not None and "1.60 m female" in problem and "default anatomy" in problem
    assert list(tmp_path.iterdir()) == []


def test_a_half_built_set_is_not_taken_for_a_finished_one(tmp_path: Path) -> None:
    folder = cache_folder(1.8, "male", tmp_path)
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text("{", encoding="utf-8")
    builder = FakeBuilder()
    assert patient_meshes(1.8, "male", root=tmp_path, builder=builder) == folder
    assert builder.calls == [(1.8, "male")]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"height_m": 2.3}, "height must be from 1.4 to 2.1 m"),
        ({"mass_kg": 20.0}, "mass must be from 35 to 200 kg"),
        ({"mass_kg": float("nan")}, "mass must be a number"),
        ({"sex": "other"}, "sex must be female or male"),
    ],
)
def test_a_profile_out_of_range_names_the_value_and_its_range(
    kwargs: dict[str, object], words: str
) -> None:
    with pytest.raises(AnatomyViewerError, match=words):
        PatientProfile(**kwargs)  # type: ignore[arg-type]


def test_the_generator_s_progress_is_read_from_the_surfaces_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from anatomy_viewer.anatomy.catalogue import STRUCTURES
    from anatomy_viewer.logic import patient_anatomy

    def build(out: Path, height_m: float, sex: str) -> None:
        FakeBuilder()(out, height_m, sex)
        for index in range(4):
            (out / f"s{index}.vtp").write_text("", encoding="utf-8")
            time.sleep(2 * patient_anatomy.WATCH_S)

    # The generator runs in a child process; this one writes in a thread of this process.
    monkeypatch.setattr(patient_anatomy, "_build_in_child", build)
    seen: list[tuple[int, int]] = []
    folder = patient_meshes(1.8, "male", root=tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert folder == cache_folder(1.8, "male", tmp_path)
    total = 2 * len(STRUCTURES)
    assert seen[-1] == (total, total)
    assert any(0 < done < total for done, _ in seen[:-1])


def test_a_generator_process_that_fails_says_why(tmp_path: Path) -> None:
    """The window's generation runs in a child process; its error comes back as words."""
    from anatomy_viewer.logic.patient_anatomy import _build_in_child

    with pytest.raises(RuntimeError, match="invalid choice: 'robot'"):
        _build_in_child(tmp_path / "set", 1.6, "robot")


def test_a_set_made_by_other_generator_code_is_not_reused(tmp_path: Path) -> None:
    # The generator's shapes change between commits of one version: the cache is keyed on
    # a digest of its source as well.
    digest = generator_digest()
    assert len(digest) == 12 and digest in cache_folder(1.8, "male", tmp_path).name

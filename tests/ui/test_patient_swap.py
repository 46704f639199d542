"""A new patient's anatomy shows in the open window at once: the surfaces are read off
the event loop, swapped in on it, and the user's set-up carries over."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.main_window import QtMainWindow
from anatomy_viewer.ui.patient_dialog import QtPatientDialog
from tests.patient_sets import write_scaled_set

#: The patient's set: the bundled one scaled to a 1.60 m body.
HEIGHT_M = 1.60
SCALE = HEIGHT_M / 1.75


@pytest.fixture(scope="module")
def small_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled anatomy scaled to a 1.60 m body."""
    return write_scaled_set(tmp_path_factory.mktemp("patient") / "set", HEIGHT_M)


@pytest.fixture(scope="module")
def set_without_a_muscle(small_set: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small set with one structure fewer: it cannot be swapped in place."""
    folder = tmp_path_factory.mktemp("patient") / "fewer"
    shutil.copytree(small_set, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["structures"] = [s for s in manifest["structures"] if s["id"] != "gracilis_l"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def _swap(qtbot: QtBot, window: QtMainWindow, folder: Path, mass_kg: float = 58.0) -> None:
    swaps = len(window.anatomy_swap.stalls)
    window.use_patient(folder, mass_kg)
    qtbot.waitUntil(lambda: len(window.anatomy_swap.stalls) > swaps, timeout=60000)


def _actors(window: QtMainWindow) -> int:
    return int(window.plotter.renderer.GetActors().GetNumberOfItems())


def test_the_new_anatomy_replaces_the_old_in_the_open_window(
    qtbot: QtBot, window: QtMainWindow, small_set: Path
) -> None:
    assert window.scene is not None and window.simulation is not None
    old = window.scene
    old_meshes = {sid: old.anatomy.actor(sid).GetMapper().GetInput() for sid in old.anatomy.ids}
    actors_before = _actors(window)
    femur_top = old.anatomy.neutral_points("femur_r")[:, 2].max()
    window.set_structure_visible("gluteus_maximus_r", False)
    window.select_structure("gluteus_medius_r")
    window.set_structure_opacity("pelvis", 0.5)
    window.simulation.set_settings(window.simulation.settings.with_changes(strength_pct=30.0))
    window.fly_to_preset("posterior", duration_s=0.0)
    camera = old.camera()

    _swap(qtbot, window, small_set)

    scene = window.scene
    assert scene is not None
    # The same actors draw the new surfaces: as many actors, none added, none left over,
    # and the old surfaces let go of.
    assert _actors(window) == actors_before
    in_view = [window.plotter.renderer.GetActors().GetItemAsObject(i) for i in range(actors_before)]
    assert all(scene.anatomy.actor(sid) in in_view for sid in scene.anatomy.ids)
    # (PyVista's plotter keeps the mapper it made last, for the last structure added.)
    kept_by_pyvista = window.plotter.mapper.GetInput()
    for sid in scene.anatomy.ids:
        drawn = scene.anatomy.actor(sid).GetMapper().GetInput()
        assert drawn is not old_meshes[sid]
        if old_meshes[sid] is not kept_by_pyvista:
            assert old_meshes[sid].GetReferenceCount() == 1  # only this test holds it now
        assert drawn.GetNumberOfPoints() == scene.anatomy.neutral_points(sid).shape[0]
    assert scene.manifest.subject.height_m == pytest.approx(HEIGHT_M)
    assert scene.anatomy.neutral_points("femur_r")[:, 2].max() == pytest.approx(
        femur_top * SCALE, rel=1e-4
    )
    # What the user set up carries over.
    assert not scene.anatomy.is_visible("gluteus_maximus_r")
    assert scene.anatomy.selected == "gluteus_medius_r"
    assert scene.anatomy.opacity("pelvis") == pytest.approx(0.5)
    assert window.structures_panel.is_checked("gluteus_maximus_r") is False
    assert window.simulation.settings.strength_pct == 30.0
    assert window.simulation.scene is scene
    # The model is the patient's: their mass, their landmarks.
    assert window.simulation.simulation.subject.mass_kg == 58.0
    # The camera looks from the same side at the smaller body.
    now = scene.camera()
    assert np.allclose(now.focal_point, np.multiply(camera.focal_point, SCALE), atol=1e-6)
    assert np.allclose(now.view_up, camera.view_up)
    assert window.anatomy_swap.stalls and window.anatomy_swap.stalls[-1] >= 0.0
    assert "1.60 m" in window.statusBar().currentMessage()


def test_a_set_with_other_structures_gets_a_new_scene_and_the_old_one_is_closed(
    qtbot: QtBot, window: QtMainWindow, set_without_a_muscle: Path
) -> None:
    old = window.scene
    assert old is not None and "gracilis_l" in old.anatomy.ids
    old_actors = [old.anatomy.actor(sid) for sid in old.anatomy.ids]
    actors_before = _actors(window)
    window.set_structure_visible("gluteus_maximus_r", False)

    _swap(qtbot, window, set_without_a_muscle)

    scene = window.scene
    assert scene is not None and scene is not old
    assert old.anatomy.ids == []  # closed
    assert _actors(window) == actors_before - 1
    in_view = [
        window.plotter.renderer.GetActors().GetItemAsObject(i) for i in range(_actors(window))
    ]
    assert not any(actor in in_view for actor in old_actors)
    assert all(scene.anatomy.actor(sid) in in_view for sid in scene.anatomy.ids)
    assert "gracilis_l" not in scene.anatomy.ids
    assert not scene.anatomy.is_visible("gluteus_maximus_r")
    assert window.simulation is not None and window.simulation.scene is scene
    assert window.structures_panel.is_checked("gluteus_maximus_r") is False


def test_the_twin_and_an_open_lesson_follow_the_swap(
    qtbot: QtBot, window: QtMainWindow, small_set: Path
) -> None:
    assert window.simulation is not None
    lesson = sorted(p for p in lessons_dir().iterdir() if (p / "lesson.yaml").is_file())[0]
    window.open_lesson(lesson)
    while window.staged_step is None or not window.staged_step.labels:
        window.lessons.panel.next()
    staged = window.staged_step
    window.flight.stop(jump_to_end=True)
    window.simulation.set_settings(window.simulation.settings.with_changes(compare=True))
    twin_before = window.twin_scene
    assert twin_before is not None and window.twin_plotter is not None
    twin_actors = window.twin_plotter.renderer.GetActors().GetNumberOfItems()
    assert window.scene is not None
    labels = window.scene.label_requests
    modes = {sid: window.scene.anatomy.mode(sid) for sid in window.scene.anatomy.ids}
    assert labels

    _swap(qtbot, window, small_set)

    scene, twin = window.scene, window.twin_scene
    assert scene is not None and twin is twin_before
    assert twin.manifest.subject.height_m == pytest.approx(HEIGHT_M)
    assert window.twin_plotter.renderer.GetActors().GetNumberOfItems() == twin_actors
    assert window.simulation.twin_scene is twin
    assert window.simulation.settings.compare
    # The twin's surfaces are its own: posing one view never moves the other's points.
    assert (
        scene.anatomy.actor("pelvis").mapper.dataset
        is not twin.anatomy.actor("pelvis").mapper.dataset
    )
    # The lesson's step is staged on the new body: its structures and its labels.
    assert window.staged_step is staged and window.lessons.player is not None
    assert {sid: scene.anatomy.mode(sid) for sid in scene.anatomy.ids} == modes
    assert scene.label_requests == labels
    assert scene.label_ids and twin.label_requests == labels  # placed on the new body
    assert not window.anatomy_swap.busy


def test_clearing_the_patient_brings_the_default_anatomy_back(
    qtbot: QtBot, window: QtMainWindow, small_set: Path
) -> None:
    _swap(qtbot, window, small_set)
    dialog = window.menus.open_patient()
    assert isinstance(dialog, QtPatientDialog)
    swaps = len(window.anatomy_swap.stalls)
    dialog.clear.click()
    qtbot.waitUntil(lambda: len(window.anatomy_swap.stalls) > swaps, timeout=60000)
    assert window.scene is not None
    assert window.scene.manifest.subject.height_m == pytest.approx(1.75)
    assert window.simulation is not None
    assert window.simulation.simulation.subject.mass_kg == 75.0
    dialog.close()


def test_the_window_starts_with_the_remembered_patient_s_mass(
    make_window: Callable[..., QtMainWindow], settings: object
) -> None:
    from PySide6.QtCore import QSettings

    assert isinstance(settings, QSettings)
    settings.setValue("patient/height_m", 1.75)
    settings.setValue("patient/mass_kg", 92.0)
    settings.setValue("patient/sex", "male")
    window = make_window()
    assert window.simulation is not None
    assert window.simulation.simulation.subject.mass_kg == 92.0

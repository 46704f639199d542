"""The Simulation dock drives the model and the 3D view."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from anatomy_viewer.scene.simulation_visual import NOT_COMPUTED_COLOR
from anatomy_viewer.ui.main_window import QtMainWindow
from anatomy_viewer.ui.simulation_controller import PLAYBACK_NUMBERS_INTERVAL_S


def _femur_matrix(window: QtMainWindow) -> np.ndarray:
    assert window.scene is not None
    return np.array(window.scene.anatomy.actor("femur_r").user_matrix)


def test_weakening_the_abductors_drops_the_hip_in_the_view_and_readouts(
    window: QtMainWindow,
) -> None:
    # A weak gluteus medius alone does not drop the pelvis: minimus and tensor fasciae
    # latae take over. The whole abductor group weakened does.
    assert window.simulation is not None
    panel = window.simulation_panel
    panel.weaken.setCurrentIndex(panel.weaken.findData("abductors"))
    assert window.simulation.settings.weaken == "abductors"
    assert "Hip abductor" in panel.strength_heading.text()
    panel.task.setCurrentIndex(panel.task.findData("stance"))
    panel.strength.setValue(100)
    strong = window.simulation.frame
    strong_text = window.readouts.values()["pelvic_drop"]
    panel.strength.setValue(10)
    weak = window.simulation.frame
    assert strong is not None and weak is not None
    assert weak.quantities["pelvic_drop_deg"] > strong.quantities["pelvic_drop_deg"] + 5
    assert window.readouts.values()["pelvic_drop"] != strong_text
    assert "10 %" in panel.strength_value.text()
    assert window.simulation.settings.weaken == "abductors"


def test_squat_bends_the_knee_and_scrubbing_moves_the_bones(window: QtMainWindow) -> None:
    assert window.simulation is not None
    panel = window.simulation_panel
    panel.task.setCurrentIndex(panel.task.findData("squat"))
    panel.phase_scrubbed.emit(0.0)
    start = _femur_matrix(window)
    panel.phase_scrubbed.emit(0.5)
    deepest = _femur_matrix(window)
    assert not np.allclose(start, deepest)
    frame = window.simulation.frame
    assert frame is not None and frame.quantities["knee_flexion_deg"] > 45
    assert panel.phase.value() == 500


def test_play_advances_with_the_clock_and_pause_stops(qtbot: QtBot, window: QtMainWindow) -> None:
    assert window.simulation is not None
    panel = window.simulation_panel
    panel.task.setCurrentIndex(panel.task.findData("squat"))
    panel.phase_scrubbed.emit(0.1)
    panel.play_button.click()
    assert window.simulation.playing
    qtbot.waitUntil(
        lambda: window.simulation is not None and window.simulation.phase > 0.2, timeout=30_000
    )
    panel.play_button.click()
    assert not window.simulation.playing
    paused_at = window.simulation.phase
    qtbot.wait(200)
    assert window.simulation.phase == pytest.approx(paused_at)


def test_while_playing_the_numbers_follow_at_a_readable_pace_and_stop_exact(
    window: QtMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = window.simulation
    assert controller is not None
    now = [1000.0]  # the controller's clock, in seconds: moved by the test alone
    monkeypatch.setattr(controller, "clock", lambda: now[0])
    panel = window.simulation_panel
    panel.task.setCurrentIndex(panel.task.findData("squat"))
    controller.show_phase(0.2, playing=True)
    shown = window.readouts.values()
    # A frame 5 ms later (well within 1/20 s): the view changes, the numbers wait.
    now[0] += 0.005
    controller.show_phase(0.5, playing=True)
    assert window.readouts.values() == shown
    assert controller.frame is not None and controller.frame.phase == pytest.approx(0.5)
    # A frame 1/20 s after the numbers last changed shows its own numbers.
    now[0] += PLAYBACK_NUMBERS_INTERVAL_S
    controller.show_phase(0.45, playing=True)
    knee = controller.frame.quantities["knee_fppa_deg"]
    assert window.readouts.values()["knee"] == f"{knee:.1f}°"
    assert panel.phase.value() == 450
    # Stopping shows the numbers of the frame on screen, however little time has passed.
    controller.show_phase(0.5, playing=True)
    controller.set_playing(False)
    drop = controller.frame.quantities["pelvic_drop_deg"]
    assert window.readouts.values()["pelvic_drop"].startswith(f"{drop:.1f}°")
    assert panel.phase.value() == 500
    # Not playing (scrubbing, lessons), every frame shows its numbers at once.
    controller.show_phase(0.3)
    knee = controller.frame.quantities["knee_fppa_deg"]
    assert window.readouts.values()["knee"] == f"{knee:.1f}°"
    assert panel.phase.value() == 300


def test_overlays_switch_on_and_off(window: QtMainWindow) -> None:
    assert window.scene is not None
    panel = window.simulation_panel
    panel.overlays["forces"].setChecked(True)
    visual = window.scene.simulation
    assert visual is not None and "forces" in visual.shown
    panel.overlays["forces"].setChecked(False)
    assert "forces" not in visual.shown


def test_effort_colours_each_working_muscle_by_its_own_effort(window: QtMainWindow) -> None:
    assert window.scene is not None and window.simulation is not None
    panel = window.simulation_panel
    panel.side.setCurrentIndex(panel.side.findData("right"))
    panel.overlays["effort"].setChecked(True)
    panel.strength.setValue(20)
    frame = window.simulation.frame
    assert frame is not None
    visual = window.scene.simulation
    assert visual is not None
    anatomy = window.scene.anatomy
    shown = [s for s in frame.structure_activation() if s.endswith("_r") and s in anatomy.ids]
    assert {"gluteus_medius_r", "gluteus_minimus_r", "tensor_fasciae_latae_r"} <= set(shown)
    for structure in shown:
        effort = frame.structure_activation()[structure]
        colour = anatomy.actor(structure).GetProperty().GetColor()
        assert colour == pytest.approx(visual.effort_color(effort), abs=1e-6), structure
    # A weak gluteus medius works harder than its neighbours: they differ in colour.
    colours = {anatomy.actor(s).GetProperty().GetColor() for s in shown}
    assert len(colours) > 1
    # The other leg's muscles, whose effort is not computed, are grey: never an effort.
    assert anatomy.actor("gluteus_medius_l").GetProperty().GetColor() == pytest.approx(
        NOT_COMPUTED_COLOR, abs=1 / 255
    )
    panel.overlays["effort"].setChecked(False)
    for structure in [*shown, "gluteus_medius_l"]:
        colour = anatomy.actor(structure).GetProperty().GetColor()
        assert colour == pytest.approx(anatomy.color(structure), abs=1 / 255), structure


def test_compare_mode_shows_a_full_strength_twin(window: QtMainWindow) -> None:
    panel = window.simulation_panel
    panel.strength.setValue(30)
    panel.compare.setChecked(True)
    assert window.twin_plotter is not None and window.twin_plotter.isVisible()
    assert window.twin_scene is not None
    # The twin shares the camera, so both views always show the same side of the body.
    assert (
        window.twin_plotter.renderer.GetActiveCamera() is window.plotter.renderer.GetActiveCamera()
    )
    panel.compare.setChecked(False)
    assert not window.twin_plotter.isVisible()


def test_chart_marks_the_current_strength(window: QtMainWindow) -> None:
    window.simulation_panel.strength.setValue(42)
    assert window.chart.marker.value() == pytest.approx(42)
    x, y = window.chart.drop_curve.getData()
    assert x is not None and len(x) > 10 and y[0] >= y[-1]


def test_the_chart_shades_the_knee_band_around_the_derived_angle(window: QtMainWindow) -> None:
    panel = window.simulation_panel
    panel.task.setCurrentIndex(panel.task.findData("squat"))
    band = window.chart.band
    low_x, low = band.curves[0].getData()
    high_x, high = band.curves[1].getData()
    _, fppa = window.chart.fppa_curve.getData()
    assert low_x is not None and high_x is not None and len(low_x) == len(fppa) > 10
    assert np.all(high - low > 1.0)
    # At full strength the derived angle lies in the band; the band moves inward (up) as
    # strength falls, as the published strength-FPPA association has it.
    assert low[-1] <= fppa[-1] <= high[-1]
    assert low[0] > low[-1] and high[0] > high[-1]
    panel.weaken.setCurrentIndex(panel.weaken.findData("abductors"))
    assert "Abductor" in window.chart.plot.getAxis("bottom").labelText


def test_a_setting_the_model_cannot_solve_keeps_the_last_frame_and_says_why(
    window: QtMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anatomy_viewer.biomech.errors import ModelInputError

    controller = window.simulation
    assert controller is not None and window.scene is not None
    panel = window.simulation_panel
    panel.strength.setValue(60)
    good = controller.frame
    pose = _femur_matrix(window)
    assert good is not None and not panel.problem.isVisible()

    def unsolvable(*_: object) -> None:
        raise ModelInputError("the abductors cannot hold the pelvis at 3 % strength")

    monkeypatch.setattr(controller.simulation, "frame", unsolvable)
    panel.strength.setValue(3)
    assert controller.frame is good
    assert np.allclose(_femur_matrix(window), pose)
    assert panel.problem.isVisible()
    assert "cannot hold the pelvis" in panel.problem.text()
    monkeypatch.undo()
    panel.strength.setValue(50)
    assert controller.frame is not good and not panel.problem.isVisible()


def test_the_simulation_settings_are_remembered(make_window, settings) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    first.simulation_panel.task.setCurrentIndex(first.simulation_panel.task.findData("squat"))
    first.simulation_panel.strength.setValue(55)
    first.close()
    second = make_window(settings=settings)
    assert second.simulation is not None
    assert second.simulation.settings.task == "squat"
    assert second.simulation.settings.strength_pct == 55
    assert second.simulation_panel.strength.value() == 55


def test_walking_chart_shows_drop_and_knee_over_the_cycle(window: QtMainWindow) -> None:
    # Walking and running: the chart's axis is the gait cycle, its marker the phase.
    assert window.simulation is not None
    panel = window.simulation_panel
    panel.weaken.setCurrentIndex(panel.weaken.findData("abductors"))
    panel.task.setCurrentIndex(panel.task.findData("walk"))
    panel.strength.setValue(20)
    panel.phase_scrubbed.emit(0.15)
    assert "Gait cycle" in window.chart.plot.getAxis("bottom").labelText
    assert window.chart.marker.value() == pytest.approx(15.0)
    x, drop = window.chart.drop_curve.getData()
    assert x[0] == pytest.approx(0.0) and x[-1] == pytest.approx(100.0)
    # The weak right hip drops the pelvis in its stance; the normal left hip does not.
    first = (x > 10) & (x < 45)
    second = (x > 60) & (x < 95)
    assert drop[first].max() > 5.0 and drop[second].max() == pytest.approx(0.0)
    frame = window.simulation.frame
    assert frame is not None and frame.quantities["pelvic_drop_deg"] > 5.0
    # Both legs stand in turn: the side choice names the weak leg.
    assert panel.side_label.text() == "Weakened &on"
    panel.task.setCurrentIndex(panel.task.findData("stance"))
    assert panel.side_label.text() == "Standing &on"

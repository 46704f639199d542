"""The teaching overlays: where their numbers sit, their colours, their legends."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from vtkmodules.vtkRenderingCore import vtkTextRenderer

from anatomy_viewer.anatomy.skinning import apply_pose
from anatomy_viewer.logic.frames import PULL_WORDS, show_frame, simulation_for
from anatomy_viewer.logic.simulation import SimulationSettings
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.simulation_visual import (
    FORCE_COLORS,
    FORCE_NAMES,
    LEVER_COLOR,
    LIMB_COLOR,
    NOT_COMPUTED_COLOR,
    PELVIS_COLOR,
    SimulationVisual,
)

ALL = frozenset({"pelvic_level", "knee_alignment", "forces", "effort"})


def _show(scene: AnatomyScene, strength: float = 20.0, overlays: frozenset[str] = ALL) -> None:
    settings = SimulationSettings(task="stance", strength_pct=strength, overlays=overlays)
    show_frame(scene, simulation_for(scene), settings, 0.5)


def _visual(scene: AnatomyScene) -> SimulationVisual:
    assert scene.simulation is not None
    return scene.simulation


def _display(scene: AnatomyScene, point: np.ndarray) -> np.ndarray:
    renderer = scene.overlay_renderer
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    return np.array(renderer.GetDisplayPoint()[:2])


@pytest.mark.parametrize("dpi", [72, 173])  # as on screen, and as in a printed handout
@pytest.mark.parametrize("view", ["anterior", "posterior", "mirror"])
def test_the_hip_drop_angle_is_clear_of_the_pelvis_lines_in_every_view(
    scene: AnatomyScene, view: str, dpi: int
) -> None:
    scene.plotter.render_window.SetDPI(dpi)
    _show(scene, strength=15.0)
    scene.set_camera(scene.preset_camera(view))
    scene.plotter.render()
    text = _visual(scene).pelvic_text
    anchor = _display(scene, np.array(text.GetPosition()))
    box = [0, 0, 0, 0]
    dpi = scene.plotter.render_window.GetDPI()
    assert vtkTextRenderer.GetInstance().GetBoundingBox(
        text.GetTextProperty(), text.GetInput(), box, dpi
    )
    width, height = box[1] - box[0], box[3] - box[2]
    low = anchor[1] + text.GetDisplayOffset()[1]
    left, right = anchor[0] - width / 2, anchor[0] + width / 2
    for line in (_visual(scene).pelvic_line, _visual(scene).pelvic_reference):
        ends = np.asarray(line.points, dtype=float)
        for t in np.linspace(0.0, 1.0, 60):
            x, y = _display(scene, ends[0] + (ends[-1] - ends[0]) * t)
            inside = left - 2 <= x <= right + 2 and low - 3 <= y <= low + height + 2
            assert not inside, f"a pelvis line runs through '{text.GetInput()}' ({view})"


@pytest.mark.parametrize("view", ["anterior", "posterior", "mirror"])
def test_the_angles_stay_inside_one_view_of_compare_mode_in_large_text(
    scene: AnatomyScene, view: str
) -> None:
    scene.plotter.window_size = [330, 600]  # half of a 1400 px window's views
    scene.plotter.render_window.SetDPI(round(72 * 1.5))  # View > Text size > Largest
    _show(scene, strength=15.0)
    scene.set_camera(scene.preset_camera(view))
    scene.plotter.render()
    width = scene.plotter.window_size[0]
    for text in (_visual(scene).pelvic_text, _visual(scene).knee_text):
        anchor = _display(scene, np.array(text.GetPosition()))
        box = [0, 0, 0, 0]
        dpi = scene.plotter.render_window.GetDPI()
        vtkTextRenderer.GetInstance().GetBoundingBox(
            text.GetTextProperty(), text.GetInput(), box, dpi
        )
        half = (box[1] - box[0]) / 2
        assert anchor[0] - half >= 0 and anchor[0] + half <= width, (text.GetInput(), view)


def test_the_forces_numbers_sit_beside_the_spine_not_on_it(scene: AnatomyScene) -> None:
    for strength in (100.0, 30.0):
        _show(scene, strength=strength)
        anatomy = scene.anatomy
        spine = anatomy._posed_bounds(anatomy._parts["lumbar_spine"])
        sacrum = anatomy._posed_bounds(anatomy._parts["sacrum"])
        low, high = min(spine[0], sacrum[0]), max(spine[1], sacrum[1])
        for name, text in _visual(scene).force_texts.items():
            if text.GetInput():
                x = text.GetPosition()[0]
                assert not low - 0.01 < x < high + 0.01, f"{name} at {strength} % strength"


def test_each_line_and_arrow_has_a_colour_of_its_own() -> None:
    colours = {"pelvis line": PELVIS_COLOR, "leg line": LIMB_COLOR, "levers": LEVER_COLOR}
    colours |= FORCE_COLORS
    for (a, first), (b, second) in itertools.combinations(colours.items(), 2):
        distance = float(np.linalg.norm(np.subtract(first, second)))
        assert distance > 0.3, f"{a} and {b} look alike"


def test_the_forces_have_a_legend_shown_with_them(scene: AnatomyScene) -> None:
    _show(scene, overlays=frozenset({"forces"}))
    visual = _visual(scene)
    legend = visual.forces_legend
    assert legend.GetVisibility()
    words = [legend.GetEntryString(i) for i in range(legend.GetNumberOfEntries())]
    # The default settings weaken gluteus medius alone: its arrow is its own pull.
    assert words[:4] == [
        "Body weight",
        "Pull of gluteus medius",
        "Force in the hip joint",
        "Other muscles and tissues",
    ]
    assert "Lever arms" in words[4]
    # The box keeps its size in pixels, so its words keep theirs in any view.
    scene.plotter.render()
    size = legend.GetPosition2Coordinate().GetValue()[:2]
    assert size[0] > 150 and size[1] > 60
    _show(scene, overlays=frozenset({"pelvic_level"}))
    assert not legend.GetVisibility()
    _show(scene, overlays=ALL)
    scene.set_legends_visible(False)  # compare mode draws the legends in one view
    assert not legend.GetVisibility() and not visual.legend.GetVisibility()
    assert visual.arrows.n_points > 0 and visual.force_texts["abductor"].GetVisibility()
    scene.set_legends_visible(True)
    assert legend.GetVisibility() and visual.legend.GetVisibility()


def test_the_abductor_arrow_is_named_after_the_weakened_muscles(scene: AnatomyScene) -> None:
    for weaken, words in PULL_WORDS.items():
        settings = SimulationSettings(
            task="stance", strength_pct=50.0, overlays=frozenset({"forces"}), weaken=weaken
        )
        show_frame(scene, simulation_for(scene), settings, 0.5)
        assert _visual(scene).forces_legend.GetEntryString(1) == words
    assert dict(FORCE_NAMES)["abductor"] == PULL_WORDS["abductors"]


def test_muscles_without_a_computed_effort_are_grey_while_efforts_show(
    scene: AnatomyScene,
) -> None:
    _show(scene, overlays=frozenset({"effort"}))
    colors = scene.anatomy.override_colors()
    other_leg = "gluteus_medius_l"  # the model solves the standing (right) hip only
    assert colors[other_leg] == NOT_COMPUTED_COLOR
    assert colors["gluteus_medius_r"] != NOT_COMPUTED_COLOR
    assert "grey: not computed" in _visual(scene).legend.GetTitle()
    _show(scene, overlays=frozenset({"pelvic_level"}))
    assert not scene.anatomy.override_colors()  # every muscle has its own colour back


def test_the_effort_legend_numbers_and_title_do_not_share_a_line(scene: AnatomyScene) -> None:
    _show(scene)
    legend = _visual(scene).legend
    assert legend.GetTextPosition() == legend.PrecedeScalarBar
    assert legend.GetTitle().splitlines() == ["Muscle effort, %", "grey: not computed"]


def test_numbers_can_wait_while_the_overlays_move(scene: AnatomyScene) -> None:
    simulation = simulation_for(scene)
    settings = SimulationSettings(task="squat", strength_pct=30.0, overlays=ALL)
    show_frame(scene, simulation, settings, 0.1)
    visual = _visual(scene)
    written = visual.pelvic_text.GetInput(), visual.knee_text.GetInput()
    line = np.array(visual.limb_line.points)
    show_frame(scene, simulation, settings, 0.5, numbers=False)
    assert (visual.pelvic_text.GetInput(), visual.knee_text.GetInput()) == written
    assert not np.allclose(np.array(visual.limb_line.points), line)


def test_the_camera_frames_a_skinned_structure_where_it_is_posed(scene: AnatomyScene) -> None:
    _show(scene)
    scene.anatomy.isolate(["gluteus_medius_l"])
    part = scene.anatomy._parts["gluteus_medius_l"]
    assert part.weights is not None and part.transforms is not None
    posed = apply_pose(part.neutral_points, part.weights, part.transforms)
    center, half = scene.anatomy.visible_bounds()
    assert np.all(posed >= center - half - 1e-6) and np.all(posed <= center + half + 1e-6)
    # The stance pose moves this muscle centimetres from where it was modelled.
    assert abs(center[0] - part.neutral_points[:, 0].mean()) > 0.03

"""Labels where they point: on what the camera sees, apart, whole, clear of the readouts."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.label_layout import GAP_PX, Rect, layout
from anatomy_viewer.scene.labels import display_points
from anatomy_viewer.scene.visibility import id_picture, visibility


def _picture(scene: AnatomyScene) -> np.ndarray:
    scene.plotter.render()
    return np.asarray(scene.plotter.screenshot(None, return_img=True))[..., :3].astype(int)


def _anchor_pixels(scene: AnatomyScene) -> np.ndarray:
    points = np.array(
        [scene.anatomy.vertex_position(a.structure, a.vertex) for a in scene._label_anchors]
    )
    pixels, in_front = display_points(scene.plotter.renderer, points)
    assert in_front.all()
    return pixels


# -- layout (pure) --------------------------------------------------------------------------


def test_boxes_sit_beside_their_anchor_away_from_the_middle() -> None:
    placed = layout([(150.0, 200.0), (480.0, 200.0)], [(80.0, 20.0)] * 2, (640.0, 480.0))
    left, right = placed
    assert left.side == "left" and left.box.right < 150.0
    assert right.side == "right" and right.box.x > 480.0


def test_crowded_boxes_are_pushed_apart_and_kept_whole_in_the_view() -> None:
    anchors = [(300.0 + i, 470.0 - i) for i in range(8)] + [(10.0, 5.0)]
    sizes = [(120.0, 22.0)] * 9
    placed = layout(anchors, sizes, (640.0, 480.0))
    for a, b in itertools.combinations(placed, 2):
        assert not a.box.overlaps(b.box), (a.box, b.box)
    for p in placed:
        assert p.box.x >= GAP_PX - 1e-9 and p.box.right <= 640.0 - GAP_PX + 1e-9
        assert p.box.y >= GAP_PX - 1e-9 and p.box.top <= 480.0 - GAP_PX + 1e-9


def test_boxes_keep_clear_of_the_readouts() -> None:
    readout = Rect(20.0, 180.0, 200.0, 40.0)
    placed = layout([(250.0, 200.0)], [(90.0, 20.0)], (640.0, 480.0), [readout])
    assert not placed[0].box.overlaps(readout)


def test_an_anchor_at_the_view_s_edge_flips_its_box_inward() -> None:
    (placed,) = layout([(20.0, 200.0)], [(120.0, 20.0)], (640.0, 480.0))
    assert placed.side == "right" and placed.box.x > 20.0


# -- on the anatomy --------------------------------------------------------------------------


def test_the_id_picture_leaves_the_view_as_it_was(scene: AnatomyScene) -> None:
    scene.anatomy.set_mode("gluteus_maximus_r", "ghosted")
    scene.set_camera(scene.preset_camera("posterior"))
    before = _picture(scene)
    picture = id_picture(scene)
    assert picture.area("gluteus_medius_r") > 0 and picture.area("gluteus_maximus_r") == 0
    assert np.array_equal(_picture(scene), before)


def test_a_muscle_behind_another_is_covered_until_that_one_is_ghosted(
    scene: AnatomyScene,
) -> None:
    scene.set_camera(scene.preset_camera("posterior"))
    covered = visibility(scene, "gluteus_minimus_r")
    assert covered.share < 0.25 and covered.covered_by is not None
    scene.anatomy.set_mode(covered.covered_by, "ghosted")
    assert visibility(scene, "gluteus_minimus_r").seen > covered.seen


def test_each_label_sits_on_a_part_of_its_structure_in_view(scene: AnatomyScene) -> None:
    scene.set_camera(scene.preset_camera("right"))
    scene.set_labels([("femur_r", "Thigh bone"), ("gluteus_medius_r", None)])
    assert scene.label_ids == ["femur_r", "gluteus_medius_r"]
    assert scene.labels.texts == ["Thigh bone", "Gluteus medius (right)"]
    picture = id_picture(scene)
    for anchor, (x, y) in zip(scene._label_anchors, _anchor_pixels(scene), strict=True):
        around = {
            picture.name_at(int(x) + dx, int(y) + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)
        }
        assert anchor.structure in around


def test_a_label_on_a_hidden_or_covered_structure_is_not_drawn(scene: AnatomyScene) -> None:
    scene.anatomy.set_mode("tibia_r", "hidden")
    scene.set_camera(scene.preset_camera("posterior"))
    scene.set_labels([("tibia_r", None), ("gluteus_minimus_r", None), ("pelvis", None)])
    assert scene.label_ids == ["pelvis"]
    assert [t for t, _ in scene.label_requests] == ["tibia_r", "gluteus_minimus_r", "pelvis"]


def test_a_landmark_label_sits_at_its_landmark_and_follows_the_bone(
    scene: AnatomyScene,
) -> None:
    scene.set_camera(scene.preset_camera("anterior"))
    scene.set_labels([("pelvis.iliac_crest_top_l", "The left hip drops")])
    (anchor,) = scene._label_anchors
    landmark = np.asarray(scene.landmarks.points["pelvis.iliac_crest_top_l"])
    neutral = scene.anatomy.neutral_points("pelvis")[anchor.vertex]
    assert np.linalg.norm(neutral - landmark) < 0.04
    lift = np.eye(4)
    lift[2, 3] = -0.05
    scene.apply_poses({"pelvis": lift})
    moved = scene.anatomy.vertex_position("pelvis", anchor.vertex)
    assert moved[2] == pytest.approx(neutral[2] - 0.05)


def test_labels_stay_whole_in_the_mirror_view_and_never_overlap(scene: AnatomyScene) -> None:
    scene.set_camera(scene.preset_camera("mirror"))
    scene.label_all_visible(True)
    scene.plotter.render()
    width, height = scene.plotter.window_size
    boxes = scene.labels.boxes
    assert len(boxes) == len(scene.label_ids) >= 15
    assert {"sacrum", "gluteus_minimus_r", "femur_l", "tibia_l"} <= set(scene.label_ids)
    for box in boxes:
        assert box.x >= 0 and box.right <= width and box.y >= 0 and box.top <= height
    overlapping = sum(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    assert overlapping == 0


def test_the_right_kneecap_s_label_reads_on_the_right_knee_s_side(scene: AnatomyScene) -> None:
    """From the front the right knee is on the screen's left: its label goes further left."""
    scene.set_camera(scene.preset_camera("anterior"))
    scene.set_labels([("patella_r", "Kneecap")])
    scene.plotter.render()
    ((x, _),) = _anchor_pixels(scene)
    (box,) = scene.labels.boxes
    assert x < scene.plotter.window_size[0] / 2 and box.right < x


def test_labels_are_drawn_where_vtk_s_text_actor_drew_them_to_the_pixel(
    scene: AnatomyScene,
) -> None:
    # The labels' texts are 2D actors with text mappers (which keep the picture of their
    # text while they move); a vtkTextActor at the layout's position is the reference.
    from vtkmodules.vtkRenderingCore import vtkTextActor

    from anatomy_viewer.scene.labels import _MAPPER_OFFSET_PX

    scene.set_camera(scene.preset_camera("anterior"))
    scene.set_labels([("femur_r", "Thigh bone"), ("pelvis", None), ("patella_l", None)])
    drawn = _picture(scene)
    renderer = scene.plotter.renderer
    references = []
    for actor in scene.labels.actors[:-1]:  # the texts (the last actor: leader lines)
        mapper = actor.GetMapper()
        reference = vtkTextActor()
        reference.SetInput(mapper.GetInput())
        reference.GetTextProperty().ShallowCopy(mapper.GetTextProperty())
        x, y = actor.GetPosition()
        reference.SetDisplayPosition(round(x) - _MAPPER_OFFSET_PX, round(y) - _MAPPER_OFFSET_PX)
        reference.SetVisibility(actor.GetVisibility())
        actor.SetVisibility(False)
        renderer.AddViewProp(reference)
        references.append(reference)
    scene.labels.update_layout = lambda: None  # type: ignore[method-assign]  # keep them still
    try:
        assert np.array_equal(_picture(scene), drawn)
    finally:
        for reference in references:
            renderer.RemoveViewProp(reference)

"""Camera presets and flights are pure functions: check their geometry."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from anatomy_viewer.scene.camera import CameraPose, ease_in_out, interpolate, preset_pose
from anatomy_viewer.vocabulary import CAMERA_PRESETS

FOCAL = (0.0, 0.0, 0.9)


def test_anterior_looks_at_the_front_from_in_front() -> None:
    pose = preset_pose("anterior", FOCAL, 0.5)
    assert pose.position[1] > FOCAL[1] + 0.5  # in front (+y is anterior)
    assert pose.view_up == (0.0, 0.0, 1.0)
    assert not pose.mirrored


def test_mirror_is_the_front_view_flipped() -> None:
    mirror = preset_pose("mirror", FOCAL, 0.5)
    front = preset_pose("anterior", FOCAL, 0.5)
    assert mirror.mirrored
    assert mirror.position == front.position


@pytest.mark.parametrize(
    ("name", "axis", "sign"),
    [("posterior", 1, -1), ("left", 0, -1), ("right", 0, 1), ("superior", 2, 1)],
)
def test_each_preset_looks_from_its_side(name: str, axis: int, sign: int) -> None:
    pose = preset_pose(name, FOCAL, 0.5)
    offset = np.subtract(pose.position, FOCAL)
    assert np.argmax(np.abs(offset)) == axis
    assert np.sign(offset[axis]) == sign


def test_every_vocabulary_preset_exists() -> None:
    for name in CAMERA_PRESETS:
        preset_pose(name, FOCAL, 0.5)
    with pytest.raises(ValueError, match="unknown camera preset"):
        preset_pose("sideways", FOCAL, 0.5)


def test_bigger_things_put_the_camera_further_away() -> None:
    assert (
        preset_pose("anterior", FOCAL, 1.0).distance > preset_pose("anterior", FOCAL, 0.5).distance
    )
    tall = preset_pose("anterior", FOCAL, 0.5, aspect=0.5)
    wide = preset_pose("anterior", FOCAL, 0.5, aspect=2.0)
    assert tall.distance > wide.distance


def test_a_tall_box_is_framed_by_its_height_from_the_front_and_the_side() -> None:
    body = (0.2, 0.15, 0.6)
    front = preset_pose("anterior", FOCAL, body, aspect=16 / 9, margin=1.0)
    top = preset_pose("superior", FOCAL, body, aspect=16 / 9, margin=1.0)
    # From the front the 1.2 m height fills the view exactly (30 degree field of view).
    expected = 0.6 / np.tan(np.radians(15)) + 0.15
    assert front.distance == pytest.approx(expected)
    # From above only the small footprint has to fit, so the camera comes closer.
    assert top.distance < front.distance


def test_flight_starts_and_ends_at_its_poses_and_orbits() -> None:
    front = preset_pose("anterior", FOCAL, 0.5)
    side = preset_pose("right", FOCAL, 0.5)
    assert np.allclose(interpolate(front, side, 0.0).position, front.position)
    assert np.allclose(interpolate(front, side, 1.0).position, side.position)
    middle = interpolate(front, side, 0.5)
    # Orbiting keeps the distance to the focal point instead of cutting through the body.
    assert middle.distance == pytest.approx(front.distance, rel=1e-6)
    assert np.dot(
        middle.view_up, np.subtract(middle.focal_point, middle.position)
    ) == pytest.approx(0, abs=1e-9)


def test_flight_between_opposite_views_stays_finite() -> None:
    front = preset_pose("anterior", FOCAL, 0.5)
    back = preset_pose("posterior", FOCAL, 0.5)
    for t in np.linspace(0, 1, 11):
        pose = interpolate(front, back, float(t))
        assert np.all(np.isfinite(pose.position))
        assert pose.distance == pytest.approx(front.distance, rel=1e-6)


def test_easing_is_monotonic_and_clamped() -> None:
    values = [ease_in_out(t) for t in np.linspace(-0.5, 1.5, 41)]
    assert values[0] == 0.0 and values[-1] == 1.0
    assert all(b >= a for a, b in itertools.pairwise(values))


def test_pose_distance() -> None:
    assert CameraPose((0, 3, 4), (0, 0, 0), (0, 0, 1)).distance == pytest.approx(5.0)

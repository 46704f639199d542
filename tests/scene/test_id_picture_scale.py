"""The labels' id picture at half the view's size: the same picture, with fewer pixels."""

from __future__ import annotations

import numpy as np
import pytest

from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.label_placement import PICTURE_SCALE
from anatomy_viewer.scene.visibility import id_picture


@pytest.mark.parametrize("camera", ["posterior", "right", "mirror"])
def test_a_half_size_picture_names_what_the_full_one_names(
    scene: AnatomyScene, camera: str
) -> None:
    scene.set_camera(scene.preset_camera(camera))
    full = id_picture(scene)
    half = id_picture(scene, scale=PICTURE_SCALE)
    height, width = full.ids.shape
    assert half.ids.shape == (int(height * PICTURE_SCALE), int(width * PICTURE_SCALE))
    assert half.structures == full.structures
    # Every second pixel of the full picture against the half one: they differ only along
    # the edges between structures (a half pixel's shift), a few per cent of the pixels.
    sampled = full.ids[: half.ids.shape[0] * 2 : 2, : half.ids.shape[1] * 2 : 2]
    assert np.mean(sampled == half.ids) > 0.95
    for structure in full.structures:
        if full.area(structure) > 5000:  # large parts: their edges are a small share
            ratio = half.area(structure) / full.area(structure)
            assert ratio == pytest.approx(PICTURE_SCALE**2, rel=0.2), structure
    # Display pixels in, as for the full picture: inside a part (2 pixels from its
    # edges), the half picture names the same part.
    core = full.ids.copy()
    for axis in (0, 1):
        for shift in (-2, -1, 1, 2):
            core[np.roll(full.ids, shift, axis=axis) != full.ids] = 0
    ys, xs = np.nonzero(core)
    every = max(1, len(xs) // 500)
    agree = [
        half.name_at(x, y) == full.name_at(x, y)
        for x, y in zip(xs[::every], ys[::every], strict=True)
    ]
    assert np.mean(agree) > 0.97


def test_a_picture_scale_out_of_range_is_refused(scene: AnatomyScene) -> None:
    with pytest.raises(ValueError, match="scale"):
        id_picture(scene, scale=0.0)
    with pytest.raises(ValueError, match="scale"):
        id_picture(scene, scale=2.0)

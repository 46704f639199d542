"""The hip bone and femur, measured on their surfaces, lie in published adult ranges.

Each measure is taken from the generated triangles (rays from the socket's centre,
cross-sections, fitted spheres and lines; :mod:`anatomy_viewer.anatomy.hip_measures` and
:mod:`anatomy_viewer.anatomy.femur_measures`), never from the generator's parameters, for
the default man (the committed meshes) and for a woman of 1.65 m generated here. The
ranges and their sources are :data:`anatomy_viewer.anatomy.bone_report.NORMS`.

The acetabulum's opening, the rim heights and the femur's angles are design values
chosen inside the published ranges (calibration); these tests check that the surfaces
deliver them. The femur's length (stature from Trotter & Gleser's regression) and the
other shape measures are predictions of the drawn shapes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from anatomy_viewer.anatomy.bone_report import NORMS, measure_set
from anatomy_viewer.anatomy.generate import build_surface
from anatomy_viewer.anatomy.landmarks import compute_landmarks
from anatomy_viewer.anatomy.manifest import LANDMARKS_NAME, landmarks_data
from anatomy_viewer.anatomy.mesher import write_vtp
from anatomy_viewer.anatomy.proportions import proportions


@pytest.fixture(scope="module")
def man(mesh_dir: Path) -> dict[str, float]:
    return measure_set(mesh_dir)


@pytest.fixture(scope="module")
def woman(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """A 1.65 m woman's hip bone and femur, generated as ``build-meshes`` would."""
    out = tmp_path_factory.mktemp("woman")
    p = proportions(1.65, "female")
    write_vtp(build_surface("pelvis", p), out / "pelvis.vtp")
    write_vtp(build_surface("femur", p), out / "femur_r.vtp")
    lm = compute_landmarks(1.65, "female")
    import json

    (out / LANDMARKS_NAME).write_text(json.dumps(landmarks_data(1.65, "female", lm)))
    return measure_set(out)


@pytest.mark.parametrize("key", sorted(NORMS))
def test_default_man_in_published_range(man: dict[str, float], key: str) -> None:
    n = NORMS[key]
    assert n.low <= man[key] <= n.high, f"{n.label}: {man[key]:.2f} not in {n.low}..{n.high}"


@pytest.mark.parametrize("key", sorted(NORMS))
def test_woman_in_published_range(woman: dict[str, float], key: str) -> None:
    n = NORMS[key]
    assert n.low <= woman[key] <= n.high, f"{n.label}: {woman[key]:.2f} not in {n.low}..{n.high}"


def test_woman_differs_in_published_direction(
    man: dict[str, float], woman: dict[str, float]
) -> None:
    # Women: more femoral anteversion (about 4 deg, Boese et al. 2016), a slightly more
    # valgus neck, a smaller head and a smaller acetabulum.
    assert woman["femoral_anteversion"] > man["femoral_anteversion"] + 2.0
    assert woman["neck_shaft_angle"] > man["neck_shaft_angle"]
    assert woman["head_diameter"] < man["head_diameter"] - 2.0


def test_left_side_mirrors_right(mesh_dir: Path, man: dict[str, float]) -> None:
    left = measure_set(mesh_dir, side="l")
    for key in ("lateral_centre_edge", "inclination", "anteversion", "neck_shaft_angle"):
        assert left[key] == pytest.approx(man[key], abs=1.0)
    assert np.isfinite(list(left.values())).all()

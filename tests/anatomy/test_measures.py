"""The generated anatomy matches published measurements.

Angles and lengths of the bones are measured on the committed surfaces in meshes/
(:mod:`anatomy_viewer.anatomy.femur_measures`), never restated from the generator's
parameters; landmarks.json is used where a landmark is what is being checked (the hip
centre against Harrington's regression, the widths of the pelvis).
"""

from __future__ import annotations

import numpy as np
import pytest

from anatomy_viewer.anatomy.femur_measures import FemurMeasures, measure_femur
from anatomy_viewer.anatomy.surface_geometry import Mesh
from tests.anatomy.geometry import fit_sphere, harrington, unit

HEIGHT = 1.75
SIDES = ("r", "l")


def head_vertices(points: np.ndarray, lm: dict[str, np.ndarray], side: str) -> np.ndarray:
    """Femur vertices on the head: near the head centre landmark, away from the neck."""
    hc = lm[f"femur_{side}.head_center"]
    neck = unit(hc - lm[f"femur_{side}.neck_axis_point"])
    v = points - hc
    dist = np.linalg.norm(v, axis=1)
    return points[(dist < 0.035) & ((v @ neck) > 0.0)]


@pytest.mark.parametrize("side", SIDES)
def test_femur_length(landmarks: dict[str, np.ndarray], side: str) -> None:
    # Winter: thigh 0.245 x height (CT 0.240 +/- 0.007).
    f = f"femur_{side}."
    length = np.linalg.norm(landmarks[f + "head_center"] - landmarks[f + "knee_center"])
    assert 0.235 <= length / HEIGHT <= 0.255


@pytest.fixture(scope="module")
def femur_measures(mesh, landmarks: dict[str, np.ndarray]) -> dict[str, FemurMeasures]:  # type: ignore[no-untyped-def]
    out = {}
    for side in SIDES:
        m = mesh(f"femur_{side}.vtp")
        surface = Mesh(np.asarray(m.points, dtype=float), m.faces.reshape(-1, 4)[:, 1:])
        out[side] = measure_femur(surface, landmarks[f"femur_{side}.head_center"], side)
    return out


@pytest.mark.parametrize("side", SIDES)
def test_neck_shaft_angle_and_anteversion(femur_measures, side: str) -> None:  # type: ignore[no-untyped-def]
    # Measured on the surface: neck axis through the narrowest neck section, shaft axis
    # through shaft section centroids, posterior condylar axis. Neck-shaft 122 to 130 deg
    # (Carmona 2022; Toogood 2009); anteversion 10 to 15 deg (Toogood 2009).
    m = femur_measures[side]
    assert 120.0 <= m.neck_shaft_angle <= 135.0
    assert 5.0 <= m.anteversion <= 20.0


@pytest.mark.parametrize("side", SIDES)
def test_femoral_head_size_and_seat(mesh, landmarks: dict[str, np.ndarray], side: str) -> None:  # type: ignore[no-untyped-def]
    femur = mesh(f"femur_{side}.vtp")
    pts = head_vertices(np.asarray(femur.points, dtype=float), landmarks, side)
    assert len(pts) > 200
    centre, radius = fit_sphere(pts)
    # Men about 48 to 51 mm; the test range 42 to 54 mm.
    assert 0.042 <= 2 * radius <= 0.054
    # The head is centred on the acetabulum centre (the hip joint centre).
    hjc = landmarks[f"pelvis.hjc_{side}"]
    assert np.linalg.norm(centre - hjc) < 0.002
    # The acetabulum holds it: a cup of pelvis vertices just outside the head ...
    pelvis = np.asarray(mesh("pelvis.vtp").points, dtype=float)
    d = np.linalg.norm(pelvis - hjc, axis=1)
    cup = pelvis[d < radius + 0.004]
    assert d.min() > radius - 0.0005, "femoral head intersects the acetabulum"
    assert len(cup) > 100
    # ... wrapping round more than a hemisphere's worth of directions (the cup spans a
    # wide solid angle): directions spread over at least 150 deg.
    dirs = np.array([unit(v - hjc) for v in cup])
    spread = np.degrees(np.arccos(np.clip(dirs @ dirs.T, -1, 1))).max()
    assert spread > 150.0


@pytest.mark.parametrize("side", SIDES)
def test_femoral_offset(femur_measures, side: str) -> None:  # type: ignore[no-untyped-def]
    # Head centre (fitted sphere) to the shaft axis (fitted line): 42.9 +/- 6.8 mm
    # (Carmona 2022).
    assert 0.035 <= femur_measures[side].offset <= 0.050


def test_pelvis_widths(landmarks: dict[str, np.ndarray]) -> None:
    # Inter-ASIS 0.22 to 0.26 m (CT 243 +/- 16 mm); hip centres 171.8 +/- 9.1 mm apart.
    asis = np.linalg.norm(landmarks["pelvis.asis_r"] - landmarks["pelvis.asis_l"])
    hips = np.linalg.norm(landmarks["pelvis.hjc_r"] - landmarks["pelvis.hjc_l"])
    assert 0.21 <= asis <= 0.27
    assert 0.15 <= hips <= 0.19


@pytest.mark.parametrize("side", SIDES)
def test_hip_centre_on_harrington(landmarks: dict[str, np.ndarray], side: str) -> None:
    predicted = harrington(landmarks, side)
    assert np.linalg.norm(predicted - landmarks[f"pelvis.hjc_{side}"]) < 0.010


@pytest.mark.parametrize("side", SIDES)
def test_gluteus_medius_moment_arm(landmarks: dict[str, np.ndarray], side: str) -> None:
    # Straight-line abduction moment arm 4.3 to 6.7 cm (Dostal & Andrews 1981); the
    # acceptance range is 3 to 7 cm. Frontal-plane projection about the AP axis.
    hjc = landmarks[f"pelvis.hjc_{side}"][[0, 2]]
    o = landmarks[f"gluteus_medius_{side}.origin_centroid"][[0, 2]]
    i = landmarks[f"gluteus_medius_{side}.insertion_centroid"][[0, 2]]
    d = unit(i - o)
    v = hjc - o
    arm = abs(v[0] * d[1] - v[1] * d[0])
    assert 0.03 <= arm <= 0.07


def test_whole_body_proportions(mesh, landmarks: dict[str, np.ndarray]) -> None:  # type: ignore[no-untyped-def]
    # Winter: hip centre at 0.530 x height; feet on the floor (z = 0).
    for side in SIDES:
        assert abs(landmarks[f"pelvis.hjc_{side}"][2] / HEIGHT - 0.530) < 0.01
        foot = np.asarray(mesh(f"foot_{side}.vtp").points)
        assert 0.0 <= foot[:, 2].min() < 0.015
    skin = np.asarray(mesh("skin.vtp").points)
    assert -0.001 <= skin[:, 2].min() < 0.01


LANDMARK_ON = {
    "pelvis.asis_r": "pelvis.vtp",
    "pelvis.psis_l": "pelvis.vtp",
    "pelvis.iliac_crest_top_r": "pelvis.vtp",
    "pelvis.pubic_symphysis": "pelvis.vtp",
    "femur_r.greater_trochanter": "femur_r.vtp",
    "femur_l.lesser_trochanter": "femur_l.vtp",
    "femur_r.medial_epicondyle": "femur_r.vtp",
    "femur_l.lateral_epicondyle": "femur_l.vtp",
    "tibia_r.gerdy_tubercle": "tibia_r.vtp",
    "foot_r.heel": "foot_r.vtp",
}


@pytest.mark.parametrize(("name", "file"), sorted(LANDMARK_ON.items()))
def test_surface_landmarks_lie_on_their_bone(mesh, landmarks, name: str, file: str) -> None:  # type: ignore[no-untyped-def]
    pts = np.asarray(mesh(file).points)
    assert np.linalg.norm(pts - landmarks[name], axis=1).min() < 0.008


@pytest.mark.parametrize(
    "muscle", ["gluteus_medius", "gluteus_minimus", "gluteus_maximus", "tensor_fasciae_latae"]
)
def test_muscles_reach_their_attachments(mesh, landmarks, muscle: str) -> None:  # type: ignore[no-untyped-def]
    pts = np.asarray(mesh(f"{muscle}_r.vtp").points)
    for end in ("origin_centroid", "insertion_centroid"):
        assert np.linalg.norm(pts - landmarks[f"{muscle}_r.{end}"], axis=1).min() < 0.02

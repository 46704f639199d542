"""Anatomical landmarks of a subject, in the world frame, neutral pose (pure numpy).

:func:`compute_landmarks` returns the same dictionary the mesh generator writes to
``meshes/landmarks.json``: the meshes are built from the same proportions
(:mod:`anatomy_viewer.anatomy.proportions`), frames (:mod:`~anatomy_viewer.anatomy.frames`)
and template points (:mod:`~anatomy_viewer.anatomy.templates`,
:mod:`~anatomy_viewer.anatomy.attachments`), so landmarks and meshes agree.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from anatomy_viewer.anatomy import frames, templates, thigh
from anatomy_viewer.anatomy.attachments import ATTACHMENTS, insertion_local
from anatomy_viewer.anatomy.proportions import proportions

Point = tuple[float, float, float]

_SIDES: Final = ("r", "l")
_FEMUR_NAMES: Final = (
    "head_center",
    "neck_axis_point",
    "shaft_proximal",
    "shaft_distal",
    "greater_trochanter",
    "lesser_trochanter",
    "medial_epicondyle",
    "lateral_epicondyle",
    "knee_center",
)
_MUSCLES: Final = ("gluteus_medius", "gluteus_minimus", "gluteus_maximus", "tensor_fasciae_latae")

#: Landmarks every ``landmarks.json`` must contain (``structure.name``).
REQUIRED_LANDMARKS: Final[tuple[str, ...]] = (
    *(f"pelvis.{n}_{s}" for n in ("asis", "psis", "hjc", "iliac_crest_top") for s in _SIDES),
    "pelvis.pubic_symphysis",
    *(f"femur_{s}.{n}" for s in _SIDES for n in _FEMUR_NAMES),
    *(f"tibia_{s}.{n}" for s in _SIDES for n in ("knee_center", "ankle_center", "gerdy_tubercle")),
    *(
        f"{m}_{s}.{n}"
        for m in _MUSCLES
        for s in _SIDES
        for n in ("origin_centroid", "insertion_centroid")
    ),
)


def _mirror_mm(p: np.ndarray | tuple[float, float, float], side: str) -> np.ndarray:
    q = np.array(p, dtype=np.float64).reshape(-1, 3).copy()
    if side == "l":
        q[:, 0] *= -1.0
    return q


def _pt(v: np.ndarray) -> Point:
    a = np.asarray(v, dtype=np.float64).reshape(3)
    # Rounded to 0.01 mm so the JSON is short and stable across platforms.
    return (round(float(a[0]), 5), round(float(a[1]), 5), round(float(a[2]), 5))


def compute_landmarks(height_m: float = 1.75, sex: str = "male") -> dict[str, Point]:
    """Return the landmarks of a subject as ``{"structure.name": (x, y, z)}`` in metres.

    Parameters
    ----------
    height_m
        Standing height in metres.
    sex
        ``"male"`` or ``"female"``.

    Returns
    -------
    dict
        World coordinates (RAS, origin on the floor between the feet), neutral pose.
        Contains at least :data:`REQUIRED_LANDMARKS`, plus extra points (foot heel and
        toe, tibial tuberosity, malleoli, femoral gluteal tuberosity and adductor
        tubercle, the pes anserinus, the ischial spine and tuberosity, and the origin and
        insertion centroids of the thigh muscles).
    """
    p = proportions(height_m, sex)
    out: dict[str, Point] = {}
    mm = templates.PELVIS_MM
    for s in _SIDES:
        for name in (
            "asis",
            "psis",
            "aiis",
            "ischial_tuberosity",
            "ischial_spine",
            "pubic_tubercle",
        ):
            out[f"pelvis.{name}_{s}"] = _pt(frames.pelvis_to_world(_mirror_mm(mm[name], s), p))
        # The hip centre is the acetabulum centre, by construction on Harrington's
        # regression (frames.py places ASIS, PSIS and hip centres on it).
        out[f"pelvis.hjc_{s}"] = _pt(frames.hip_center(p, s))
        out[f"pelvis.iliac_crest_top_{s}"] = _pt(
            frames.pelvis_to_world(_mirror_mm(templates.crest_top_mm(), s), p)
        )
    out["pelvis.pubic_symphysis"] = _pt(frames.pelvis_to_world(np.array(mm["pubic_symphysis"]), p))

    g = frames.femur_geometry(p)
    fpts = templates.femur_points(g, p)
    shank = {s: float(frames.knee_center(p, s)[2] - p.ankle_height) for s in _SIDES}
    for s in _SIDES:
        for name in (*_FEMUR_NAMES, "gluteal_tuberosity", "adductor_tubercle"):
            out[f"femur_{s}.{name}"] = _pt(frames.femur_to_world(fpts[name], p, s))
        tpts = templates.tibia_points(p, shank[s])
        for name, v in tpts.items():
            out[f"tibia_{s}.{name}"] = _pt(frames.tibia_to_world(v, p, s))
        for name, v in templates.fibula_points(p, shank[s]).items():
            out[f"fibula_{s}.{name}"] = _pt(frames.tibia_to_world(v, p, s))
        out[f"patella_{s}.center"] = _pt(frames.tibia_to_world(templates.patella_center(p), p, s))
        for name, v in templates.foot_points(p).items():
            out[f"foot_{s}.{name}"] = _pt(frames.foot_to_world(v, p, s))
        out[f"foot_{s}.ankle_center"] = _pt(frames.ankle_center(p, s))
        for m in _MUSCLES:
            att = ATTACHMENTS[m]
            origin = frames.pelvis_to_world(_mirror_mm(att.origin_mm, s), p).mean(axis=0)
            ins = insertion_local(att, float(g.head_center[2]), p.scale)
            insertion = frames.femur_to_world(ins, p, s).mean(axis=0)
            out[f"{m}_{s}.origin_centroid"] = _pt(origin)
            out[f"{m}_{s}.insertion_centroid"] = _pt(insertion)
        for m in thigh.THIGH:
            origin, insertion = thigh.attachment_points(p, m, s)
            out[f"{m}_{s}.origin_centroid"] = _pt(origin.mean(axis=0))
            out[f"{m}_{s}.insertion_centroid"] = _pt(insertion.mean(axis=0))
    return dict(sorted(out.items()))

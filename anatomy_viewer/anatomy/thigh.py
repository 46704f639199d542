"""Where the thigh muscles attach and how thick they are (pure numpy).

Each muscle of the thigh is described by its origin and insertion points, each on one
bone, optional via points its fibres pass (behind the medial condyle, say), and the
thickness of its belly. Points are given in the frame of the bone they lie on, for the
right side of a 1.75 m subject:

* ``pelvis``: pelvis-template millimetres (:mod:`~.frames`);
* ``femur``: ``(x, y, f)``: metres lateral and anterior of the shaft axis (the femur's
  anterior bow is added), at the fraction ``f`` of the way from the knee centre to the
  head centre, so attachments follow the subject's femur length;
* ``tibia``: metres from the knee centre along the world axes (the tibia's local frame;
  the patella moves with the tibia).

Attachments follow Gray's Anatomy (42nd ed.) and Neumann, Kinesiology of the
Musculoskeletal System (3rd ed.); their positions were checked against the path points of
the Rajagopal et al. 2016 model (IEEE Trans Biomed Eng 63:2068), scaled to this skeleton:
hamstring origins 35 to 47 mm below and 42 to 48 mm behind the hip centre, adductor
longus inserting about 240 mm below it, the pes anserinus 70 to 80 mm below the knee
centre. Thicknesses after the cross-sections of the Visible Human thigh (mid-thigh: vastus
lateralis about 25 mm thick, the quadriceps and hamstrings filling a thigh of about
0.55 m girth; Gordon et al. 2014, ANSUR II).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from anatomy_viewer.anatomy import frames, templates
from anatomy_viewer.anatomy.proportions import Proportions

FloatArray = NDArray[np.float64]
Bone = Literal["pelvis", "femur", "tibia"]


@dataclass(frozen=True)
class Ends:
    """Points on one bone."""

    bone: Bone
    points: tuple[tuple[float, float, float], ...]


@dataclass(frozen=True)
class ThighMuscle:
    """One right-side thigh muscle.

    Attributes
    ----------
    origin, insertion
        Attachment points; fibres run from each origin point to the insertion points.
    vias
        Points the fibres pass on their way (bone frames as above), in order.
    radii
        Fibre radius (m at 1.75 m) at the origin, the belly and the insertion.
    belly_at
        Where along the fibre the belly is thickest (0 origin, 1 insertion).
    bulge
        Sideways displacement of the belly from the straight path (world, m at 1.75 m).
    fibres_per_origin
        Fibres per attachment point (of the end with more points); the fibres form a
        sheet from the origin line to the insertion line.
    blend
        Smooth-union width of the fibres as a fraction of the belly radius.
    spread
        Width (m at 1.75 m) over which the fibres fan out side by side at mid-length,
        for strap muscles.
    """

    origin: Ends
    insertion: Ends
    radii: tuple[float, float, float]
    bulge: tuple[float, float, float]
    vias: tuple[Ends, ...] = ()
    belly_at: float = 0.5
    fibres_per_origin: int = 2
    blend: float = 1.0
    spread: float = 0.0


def _f(*pts: tuple[float, float, float]) -> Ends:
    return Ends("femur", pts)


def _p(*pts: tuple[float, float, float]) -> Ends:
    return Ends("pelvis", pts)


def _t(*pts: tuple[float, float, float]) -> Ends:
    return Ends("tibia", pts)


#: Quadriceps tendon and patellar base: where the four heads meet the patella.
_PATELLA_BASE = (0.003, 0.040, 0.040)

#: The thigh muscles, in the order they are layered (deepest first): each is built
#: outside the bones and the muscles before it.
THIGH: Final[dict[str, ThighMuscle]] = {
    # Vastus intermedius: front and side of the upper two thirds of the shaft, under
    # rectus femoris, to the deep quadriceps tendon.
    "vastus_intermedius": ThighMuscle(
        origin=_f(
            (0.010, 0.010, 0.80),
            (0.004, 0.013, 0.70),
            (0.012, 0.008, 0.60),
            (0.004, 0.013, 0.50),
            (0.012, 0.007, 0.40),
            (0.004, 0.013, 0.32),
        ),
        insertion=_t(_PATELLA_BASE, (0.008, 0.036, 0.050), (-0.002, 0.036, 0.050)),
        radii=(0.006, 0.011, 0.005),
        bulge=(0.004, 0.010, 0.0),
        belly_at=0.4,
    ),
    # Adductor magnus: inferior pubic ramus, ischial ramus and ischial tuberosity, to the
    # gluteal tuberosity, the linea aspera and the adductor tubercle.
    "adductor_magnus": ThighMuscle(
        origin=_p(
            (24.0, 36.0, -56.0),
            (38.0, 16.0, -60.0),
            (52.0, -4.0, -62.0),
            (62.0, -24.0, -64.0),
            (66.0, -46.0, -70.0),
        ),
        insertion=_f(
            (0.006, -0.016, 0.76),
            (0.000, -0.017, 0.62),
            (-0.004, -0.017, 0.48),
            (-0.008, -0.015, 0.34),
            (-0.034, -0.012, 0.06),
        ),
        radii=(0.008, 0.016, 0.007),
        bulge=(-0.016, -0.018, 0.0),
        blend=1.2,
    ),
    # Gracilis: lower pubic body and inferior ramus near the symphysis, straight down the
    # inner thigh to the pes anserinus; a strap. Built before the other adductors, which
    # cover its origin and would otherwise push it off the bone.
    "gracilis": ThighMuscle(
        origin=_p((3.7, 47.8, -50.3), (8.2, 43.3, -54.8)),
        insertion=_t((-0.016, 0.018, -0.070), (-0.017, 0.014, -0.066)),
        vias=(
            _f((-0.050, -0.010, 0.45)),
            _f((-0.052, -0.032, 0.07)),
            _t((-0.046, -0.014, -0.052)),
        ),
        radii=(0.005, 0.007, 0.0045),
        bulge=(0.0, 0.0, 0.0),
        belly_at=0.4,
        fibres_per_origin=3,
        spread=0.016,
    ),
    # Adductor brevis: body and inferior ramus of the pubis, to the pectineal line and
    # upper linea aspera (deep to adductor longus).
    "adductor_brevis": ThighMuscle(
        origin=_p((16.0, 50.0, -36.0), (24.0, 42.0, -46.0), (32.0, 34.0, -52.0)),
        insertion=_f((-0.015, -0.008, 0.80), (-0.013, -0.010, 0.73), (-0.011, -0.012, 0.66)),
        radii=(0.007, 0.012, 0.006),
        bulge=(-0.004, 0.010, 0.0),
        blend=0.6,
    ),
    # Adductor longus: front of the pubic body below the pubic crest, to the middle third
    # of the linea aspera.
    "adductor_longus": ThighMuscle(
        origin=_p((12.0, 55.0, -22.0), (18.0, 54.0, -26.0)),
        insertion=_f((-0.013, -0.010, 0.52), (-0.013, -0.010, 0.42), (-0.011, -0.011, 0.36)),
        radii=(0.006, 0.014, 0.006),
        bulge=(-0.010, 0.014, 0.0),
        belly_at=0.45,
        fibres_per_origin=3,
    ),
    # Vastus medialis: intertrochanteric line, spiral line and medial lip of the linea
    # aspera, to the medial border of the patella; bulky low down (its oblique fibres).
    "vastus_medialis": ThighMuscle(
        origin=_f(
            (-0.012, 0.012, 0.80),
            (-0.013, -0.006, 0.73),
            (-0.008, -0.015, 0.62),
            (-0.007, -0.016, 0.50),
            (-0.007, -0.016, 0.38),
            (-0.010, -0.014, 0.26),
        ),
        insertion=_t((-0.012, 0.040, 0.034), (-0.018, 0.036, 0.020), (-0.006, 0.042, 0.042)),
        radii=(0.006, 0.015, 0.007),
        bulge=(-0.020, 0.010, 0.0),
        belly_at=0.62,
        blend=1.1,
    ),
    # Vastus lateralis: upper intertrochanteric line, base of the greater trochanter,
    # gluteal tuberosity and lateral lip of the linea aspera, to the lateral border of the
    # patella; the largest quadriceps head, under the iliotibial band.
    "vastus_lateralis": ThighMuscle(
        origin=_f(
            (0.028, 0.010, 0.90),
            (0.030, -0.004, 0.88),
            (0.018, -0.014, 0.80),
            (0.012, -0.016, 0.70),
            (0.010, -0.017, 0.58),
            (0.010, -0.017, 0.46),
            (0.010, -0.016, 0.36),
        ),
        insertion=_t((0.014, 0.038, 0.044), (0.010, 0.040, 0.036), (0.018, 0.032, 0.056)),
        radii=(0.007, 0.016, 0.007),
        bulge=(0.026, 0.004, 0.0),
        belly_at=0.45,
        blend=1.1,
    ),
    # Semimembranosus: superolateral ischial tuberosity, to the posteromedial tibial
    # condyle; broad, in the lower half of the back of the thigh.
    "semimembranosus": ThighMuscle(
        origin=_p((75.6, -46.5, -41.2), (76.2, -49.2, -45.7)),
        insertion=_t((-0.024, -0.022, -0.040), (-0.020, -0.026, -0.036)),
        # Its tendon runs down the lateral side of the tuberosity, deep to the common
        # tendon of biceps femoris and semitendinosus, before turning medially.
        vias=(_p((90.0, -34.0, -78.0)), _f((-0.018, -0.036, 0.30))),
        radii=(0.004, 0.016, 0.006),
        bulge=(0.0, -0.006, 0.0),
        belly_at=0.62,
        fibres_per_origin=2,
        blend=0.6,
    ),
    # Biceps femoris: long head from the ischial tuberosity, short head from the lateral
    # lip of the linea aspera, to the head of the fibula.
    "biceps_femoris": ThighMuscle(
        origin=_p((75.0, -54.2, -61.4), (74.7, -52.6, -65.3)),
        insertion=_t((0.040, -0.020, -0.060), (0.036, -0.024, -0.056)),
        vias=(_f((0.020, -0.040, 0.45)), _f((0.030, -0.030, 0.14))),
        radii=(0.004, 0.015, 0.006),
        bulge=(0.006, -0.006, 0.0),
        belly_at=0.45,
        blend=0.6,
    ),
    # Semitendinosus: ischial tuberosity (with biceps femoris), to the pes anserinus on
    # the anteromedial tibia; fleshy above, a long tendon below.
    "semitendinosus": ThighMuscle(
        origin=_p((67.4, -54.4, -57.2), (67.7, -54.4, -61.7)),
        insertion=_t((-0.014, 0.016, -0.076), (-0.016, 0.012, -0.072)),
        vias=(
            _f((-0.008, -0.056, 0.50)),
            _f((-0.034, -0.054, 0.09)),
            _t((-0.042, -0.024, -0.054)),
        ),
        radii=(0.004, 0.013, 0.0045),
        bulge=(0.0, -0.004, 0.0),
        belly_at=0.32,
    ),
    # Rectus femoris: anterior inferior iliac spine (straight head) and the groove above
    # the acetabulum (reflected head), to the base of the patella.
    "rectus_femoris": ThighMuscle(
        origin=_p((106.0, 42.0, 30.0), (100.0, 34.0, 20.0)),
        insertion=_t((0.003, 0.0495, 0.0306), (0.0082, 0.0496, 0.0295), (-0.0022, 0.0499, 0.0297)),
        vias=(_f((0.004, 0.034, 0.55)),),
        radii=(0.006, 0.015, 0.006),
        bulge=(0.0, 0.010, 0.0),
        belly_at=0.45,
    ),
    # Sartorius: the anterior superior iliac spine, across the front of the thigh and
    # behind the medial condyle, to the pes anserinus; the longest muscle, a strap.
    "sartorius": ThighMuscle(
        origin=_p((121.0, 46.0, 78.0), (118.0, 44.0, 76.0)),
        insertion=_t((-0.008, 0.021, -0.064), (-0.006, 0.022, -0.058)),
        vias=(
            _f((0.010, 0.042, 0.82)),
            _f((-0.030, 0.040, 0.55)),
            _f((-0.050, 0.006, 0.22)),
            _f((-0.054, -0.020, 0.05)),
            _t((-0.048, -0.006, -0.052)),
        ),
        radii=(0.005, 0.006, 0.0045),
        bulge=(0.0, 0.0, 0.0),
        belly_at=0.45,
        fibres_per_origin=4,
        spread=0.028,
    ),
}

#: Thigh muscles that lie on the thigh's outer surface of each layer (for the skin).
THIGH_NAMES: Final = tuple(THIGH)


def to_world(ends: Ends, p: Proportions, side: str = "r") -> FloatArray:
    """World coordinates (m) of attachment points on ``side``."""
    pts = np.array(ends.points, dtype=np.float64)
    if ends.bone == "pelvis":
        mm = pts.copy()
        if side == "l":
            mm[:, 0] *= -1.0
        return frames.pelvis_to_world(mm, p)
    s = p.scale
    if ends.bone == "femur":
        zh = float(frames.femur_geometry(p).head_center[2])
        z = pts[:, 2] * zh
        y = templates.femur_bow(z, zh, s) + pts[:, 1] * s
        local = np.stack([pts[:, 0] * s, y, z], axis=1)
        return frames.femur_to_world(local, p, side)
    return frames.tibia_to_world(pts * s, p, side)


def attachment_points(p: Proportions, name: str, side: str = "r") -> tuple[FloatArray, FloatArray]:
    """World origin and insertion points of ``name`` on ``side``."""
    m = THIGH[name]
    return to_world(m.origin, p, side), to_world(m.insertion, p, side)


def via_points(p: Proportions, name: str, side: str = "r") -> FloatArray:
    """World via points of ``name`` (``(0, 3)`` when it has none)."""
    vias = [to_world(v, p, side)[0] for v in THIGH[name].vias]
    return np.array(vias).reshape(-1, 3)

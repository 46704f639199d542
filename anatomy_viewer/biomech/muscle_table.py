"""The hip muscles of the Rajagopal et al. 2016 model: the published numbers, as data.

Source: Rajagopal A, Dembia CL, DeMers MS, Delp DD, Hicks JL, Delp SL (2016), "Full-body
musculoskeletal model for muscle-driven simulation of human gait", IEEE Transactions on
Biomedical Engineering 63(10):2068-2079; the model file ``Rajagopal2016.osim`` of the
OpenSim model library. The numbers below are copied from that model (right side) and
nothing else: maximal isometric force (N), optimal fibre length (m), tendon slack length
(m), pennation angle at optimal fibre length (rad), and the path points in the frame of
the body they are fixed to. Model frames: x anterior, y superior, z to the right; the
pelvis frame's origin lies between the anterior superior iliac spines, the femur's at
the hip centre, the tibia's at the knee.

Every muscle that crosses the hip is taken, with the model's names mapped to the ids of
the app (``<muscle>_<part>`` plus the side suffix added by the model). Muscles that cross
only the knee or ankle are left out: they do not act at the hip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

Point = tuple[float, float, float]


@dataclass(frozen=True)
class WrapCylinder:
    """A wrapping cylinder of the model, fixed to the pelvis.

    Attributes
    ----------
    translation, rotation
        Centre (m) and body-fixed x-y-z Euler angles (rad) in the pelvis frame.
    radius
        Cylinder radius (m).
    side
        Which half the path must wrap over, in the cylinder frame: ``"-x"``, ``"-y"`` or
        ``"all"`` (the shorter way round).
    """

    translation: Point
    rotation: Point
    radius: float
    side: str


@dataclass(frozen=True)
class MuscleRecord:
    """One muscle (or muscle part) of the model.

    Attributes
    ----------
    muscle_id
        The app's id without the side suffix, e.g. ``gluteus_medius_anterior``.
    model_name
        The name in the Rajagopal model (right side), e.g. ``glmed1_r``.
    structure
        The anatomy structure the part belongs to, without the side suffix.
    max_force
        Maximal isometric force (N) of the model's 75 kg adult.
    optimal_fibre_length, tendon_slack_length
        Metres.
    pennation
        Pennation angle at optimal fibre length (rad).
    path
        ``(body, point)`` pairs from origin to insertion; body is ``pelvis``, ``femur``,
        ``patella`` or ``tibia``.
    wrap
        Name of the pelvis-fixed cylinder the segment crossing the hip wraps over, if any.
    """

    muscle_id: str
    model_name: str
    structure: str
    max_force: float
    optimal_fibre_length: float
    tendon_slack_length: float
    pennation: float
    path: tuple[tuple[str, Point], ...]
    wrap: str | None = None


#: Mass of the adult the model's maximal forces belong to (kg): Rajagopal et al. 2016.
MODEL_MASS_KG: Final = 75.0

#: Model landmarks (pelvis frame unless noted): hip centre (joint ``hip_r``), the
#: anterior and posterior superior iliac spine markers (``RASI``, ``RPSI``), the knee
#: centre in the femur frame (joint ``walker_knee_r``) and the tibia's origin in the
#: femur frame at full knee extension (the same joint's two offset frames).
HIP_CENTER: Final[Point] = (-0.056276, -0.07849, 0.07726)
ASIS: Final[Point] = (0.0095305, 0.0180816, 0.128464)
PSIS: Final[Point] = (-0.155, 0.035, 0.045)
KNEE_CENTER_IN_FEMUR: Final[Point] = (-0.00809, -0.40796, -0.00275)
TIBIA_ORIGIN_IN_FEMUR: Final[Point] = (0.0, -0.40443, -0.00127)

#: The patella's motion on the femur (joint ``patellofemoral_r``): at the knee flexions
#: ``PATELLA_KNEE_ANGLES`` (rad) its origin moves by ``PATELLA_SHIFT`` (model x and y,
#: m, relative to full extension) and it tilts by ``PATELLA_TILT`` (rad, about the model
#: z axis).
PATELLA_KNEE_ANGLES: Final = (
    0.0,
    0.174533,
    0.349066,
    0.523599,
    0.698132,
    0.872665,
    1.0472,
    1.22173,
    1.39626,
    1.5708,
    1.74533,
    1.91986,
    2.0944,
)
PATELLA_SHIFT_X: Final = (
    0.0524,
    0.0488,
    0.0437,
    0.0371,
    0.0296,
    0.0216,
    0.0136,
    0.0057,
    -0.0019,
    -0.0088,
    -0.0148,
    -0.0196,
    -0.0227,
)
PATELLA_SHIFT_Y: Final = (
    -0.0108,
    -0.019,
    -0.0263,
    -0.0322,
    -0.0367,
    -0.0395,
    -0.0408,
    -0.0404,
    -0.0384,
    -0.0349,
    -0.0301,
    -0.0245,
    -0.0187,
)
PATELLA_TILT: Final = (
    0.00113686,
    -0.00629212,
    -0.105582,
    -0.253683,
    -0.414245,
    -0.579047,
    -0.747244,
    -0.91799,
    -1.09044,
    -1.26379,
    -1.43763,
    -1.61186,
    -1.78634,
)
#: The patellofemoral joint's frame on the femur (m): the knee joint's femur offset.
PATELLOFEMORAL_FRAME: Final[Point] = (-0.00809, -0.40796, -0.00275)

#: Wrapping cylinders on the pelvis (the gluteus maximus over the ischium, psoas and
#: iliacus over the pelvic brim). The model's other wrapping surfaces sit on the femoral
#: shaft and at the knee; they are not used (see docs/biomechanics.md).
WRAP_CYLINDERS: Final[dict[str, WrapCylinder]] = {
    "gmax1": WrapCylinder((-0.077, -0.099, 0.061), (-0.6, 0.45, 0.0), 0.04, "-x"),
    "gmax2": WrapCylinder((-0.08, -0.083, 0.068), (-0.75, 0.39, 0.0), 0.04, "all"),
    "gmax3": WrapCylinder((-0.083, -0.088, 0.068), (-0.1, 0.0, 0.0), 0.04, "all"),
    "psoas": WrapCylinder((-0.074, -0.06, 0.0656), (-0.25, -0.27, 0.1), 0.05, "-y"),
    "iliacus": WrapCylinder((-0.071, -0.065, 0.0756), (-0.32, -0.24, 0.9), 0.0549, "-y"),
}


def _m(
    muscle_id: str,
    model_name: str,
    structure: str,
    numbers: tuple[float, float, float, float],
    *path: tuple[str, Point],
    wrap: str | None = None,
) -> MuscleRecord:
    force, fibre, tendon, pennation = numbers
    return MuscleRecord(
        muscle_id, model_name, structure, force, fibre, tendon, pennation, path, wrap
    )


P, F, T, PAT = "pelvis", "femur", "tibia", "patella"

#: The hip-crossing muscles of the model (right side).
MUSCLES: Final[tuple[MuscleRecord, ...]] = (
    _m(
        "gluteus_medius_anterior",
        "glmed1_r",
        "gluteus_medius",
        (1093.4668, 0.073, 0.0558168, 0.31655591),
        (P, (-0.0445, 0.0245, 0.1172)),
        (F, (-0.0218, -0.0117, 0.0555)),
    ),
    _m(
        "gluteus_medius_middle",
        "glmed2_r",
        "gluteus_medius",
        (765.09166, 0.073, 0.0652488, 0.31655591),
        (P, (-0.085, 0.0316, 0.0675)),
        (F, (-0.0258, -0.0058, 0.0527)),
    ),
    _m(
        "gluteus_medius_posterior",
        "glmed3_r",
        "gluteus_medius",
        (871.19926, 0.073, 0.0452328, 0.31655591),
        (P, (-0.1152, -0.0073, 0.0526)),
        (F, (-0.0309, -0.0047, 0.0518)),
    ),
    _m(
        "gluteus_minimus_anterior",
        "glmin1_r",
        "gluteus_minimus",
        (374.04590, 0.068, 0.0161378, 0.17453293),
        (P, (-0.0464, -0.0149, 0.1042)),
        (F, (-0.0072, -0.0104, 0.056)),
    ),
    _m(
        "gluteus_minimus_middle",
        "glmin2_r",
        "gluteus_minimus",
        (394.81967, 0.056, 0.0260991, 0.0),
        (P, (-0.0616, -0.0142, 0.0971)),
        (F, (-0.0096, -0.0104, 0.056)),
    ),
    _m(
        "gluteus_minimus_posterior",
        "glmin3_r",
        "gluteus_minimus",
        (446.77377, 0.038, 0.0508725, 0.01745329),
        (P, (-0.0789, -0.0155, 0.0798)),
        (F, (-0.0135, -0.0083, 0.055)),
    ),
    _m(
        "tensor_fasciae_latae",
        "tfl_r",
        "tensor_fasciae_latae",
        (411.20656, 0.095, 0.4494971, 0.05235988),
        (P, (-0.0311, 0.0214, 0.1241)),
        (F, (0.0294, -0.0995, 0.0597)),
        (F, (0.0107, -0.405, 0.0324)),
        (T, (0.0108, -0.041, 0.0346)),
    ),
    _m(
        "gluteus_maximus_superior",
        "glmax1_r",
        "gluteus_maximus",
        (983.78361, 0.147, 0.0488409, 0.35401178),
        (P, (-0.1231, 0.0345, 0.0563)),
        (P, (-0.1257, -0.0242, 0.0779)),
        (F, (-0.0444, -0.0326, 0.0302)),
        (F, (-0.0277, -0.0566, 0.047)),
        wrap="gmax1",
    ),
    _m(
        "gluteus_maximus_middle",
        "glmax2_r",
        "gluteus_maximus",
        (1406.0459, 0.157, 0.0678872, 0.36738206),
        (P, (-0.1317, 0.0087, 0.0462)),
        (P, (-0.1344, -0.0609, 0.0813)),
        (F, (-0.045, -0.0584, 0.0252)),
        (F, (-0.0156, -0.1016, 0.0419)),
        wrap="gmax2",
    ),
    _m(
        "gluteus_maximus_inferior",
        "glmax3_r",
        "gluteus_maximus",
        (947.75410, 0.167, 0.0697166, 0.38241613),
        (P, (-0.13, -0.0525, 0.009)),
        (P, (-0.1273, -0.1263, 0.0435)),
        (F, (-0.0281, -0.1125, 0.0094)),
        (F, (-0.006, -0.1419, 0.0411)),
        wrap="gmax3",
    ),
    _m(
        "piriformis",
        "piri_r",
        "piriformis",
        (1029.7869, 0.026, 0.1149062, 0.17453293),
        (P, (-0.10181, -0.00653, 0.01351)),
        (P, (-0.10202, -0.03066, 0.06092)),
        (F, (-0.0148, -0.0036, 0.0437)),
    ),
    _m(
        "adductor_longus",
        "addlong_r",
        "adductor_longus",
        (916.8, 0.1082, 0.1317994, 0.13777039),
        (P, (-0.00758, -0.0889, 0.01888)),
        (F, (0.01126, -0.23937, 0.01583)),
    ),
    _m(
        "adductor_brevis",
        "addbrev_r",
        "adductor_brevis",
        (625.81967, 0.1031, 0.0354503, 0.11478092),
        (P, (-0.0191, -0.094, 0.0154)),
        (F, (-0.002, -0.118, 0.0249)),
    ),
    _m(
        "adductor_magnus_proximal",
        "addmagProx_r",
        "adductor_magnus",
        (597.29508, 0.1056, 0.0403241, 0.31148326),
        (P, (-0.03098, -0.10755, 0.01365)),
        (F, (-0.01527, -0.07886, 0.03202)),
    ),
    _m(
        "adductor_magnus_middle",
        "addmagMid_r",
        "adductor_magnus",
        (597.29508, 0.1377, 0.0466277, 0.20730759),
        (P, (-0.05266, -0.12075, 0.02854)),
        (F, (0.00242, -0.1624, 0.02922)),
    ),
    _m(
        "adductor_magnus_distal",
        "addmagDist_r",
        "adductor_magnus",
        (597.29508, 0.1772, 0.0873807, 0.19470502),
        (P, (-0.07404, -0.12767, 0.03982)),
        (F, (0.01125, -0.2625, 0.0193)),
    ),
    _m(
        "adductor_magnus_ischial",
        "addmagIsch_r",
        "adductor_magnus",
        (597.29508, 0.1562, 0.2163430, 0.16804429),
        (P, (-0.08962, -0.12976, 0.04171)),
        (F, (0.00481, -0.38797, -0.03273)),
    ),
    _m(
        "gracilis",
        "grac_r",
        "gracilis",
        (281.31148, 0.2278, 0.1720138, 0.17200156),
        (P, (-0.04736, -0.12932, 0.02456)),
        (T, (-0.01842, -0.04755, -0.02961)),
        (T, (0.00178, -0.06962, -0.01573)),
    ),
    _m(
        "iliacus",
        "iliacus_r",
        "iliopsoas",
        (1021.1410, 0.1066, 0.0961207, 0.27991397),
        (P, (-0.0605, 0.0309, 0.0843)),
        (P, (-0.0135, -0.0557, 0.0756)),
        (F, (-0.0023, -0.0565, 0.0139)),
        (F, (-0.0122, -0.0637, 0.0196)),
        wrap="iliacus",
    ),
    _m(
        "psoas",
        "psoas_r",
        "iliopsoas",
        (1426.7902, 0.1169, 0.0995432, 0.21552513),
        (P, (-0.0606, 0.062, 0.039)),
        (P, (-0.0205, -0.0654, 0.0656)),
        (F, (-0.0132, -0.0467, 0.0046)),
        (F, (-0.0235, -0.0524, 0.0088)),
        wrap="psoas",
    ),
    _m(
        "rectus_femoris",
        "recfem_r",
        "rectus_femoris",
        (2191.7410, 0.0759, 0.4484935, 0.2170149),
        (P, (-0.024, -0.0388, 0.0933)),
        (PAT, (0.01, 0.049, 0.0007)),
        (PAT, (0.0121, 0.0437, -0.001)),
        (PAT, (0.005, 0.00247, 0.00003)),
        (T, (0.0326, -0.06312, -0.00047)),
    ),
    _m(
        "sartorius",
        "sart_r",
        "sartorius",
        (249.41311, 0.403, 0.1239998, 0.02613542),
        (P, (-0.0195, -0.0156, 0.1056)),
        (F, (-0.003, -0.3568, -0.0421)),
        (T, (-0.0251, -0.0401, -0.0365)),
        (T, (-0.0159, -0.0599, -0.0264)),
        (T, (0.0136, -0.081, -0.0026)),
    ),
    _m(
        "biceps_femoris_long_head",
        "bflh_r",
        "biceps_femoris",
        (1313.1836, 0.0976, 0.3252266, 0.17591823),
        (P, (-0.104, -0.1191, 0.0586)),
        (T, (-0.0337, -0.035, 0.0253)),
        (T, (-0.0287, -0.0455, 0.0303)),
    ),
    _m(
        "semimembranosus",
        "semimem_r",
        "semimembranosus",
        (2200.9869, 0.069, 0.3475860, 0.25456146),
        (P, (-0.0987, -0.114, 0.0614)),
        (T, (-0.029, -0.0417, -0.0196)),
    ),
    _m(
        "semitendinosus",
        "semiten_r",
        "semitendinosus",
        (591.29508, 0.193, 0.2471989, 0.241295),
        (P, (-0.1038, -0.1253, 0.0515)),
        (T, (-0.0312, -0.0508, -0.0229)),
        (T, (0.0019, -0.0773, -0.0117)),
    ),
)

#: Muscles the ``weaken`` choice scales (without side suffix). ``gluteus_medius``: its
#: three parts; ``abductors``: the hip abductor group of gluteus medius, gluteus minimus
#: and tensor fasciae latae.
WEAKENED_MUSCLES: Final[dict[str, tuple[str, ...]]] = {
    "gluteus_medius": (
        "gluteus_medius_anterior",
        "gluteus_medius_middle",
        "gluteus_medius_posterior",
    ),
    "abductors": (
        "gluteus_medius_anterior",
        "gluteus_medius_middle",
        "gluteus_medius_posterior",
        "gluteus_minimus_anterior",
        "gluteus_minimus_middle",
        "gluteus_minimus_posterior",
        "tensor_fasciae_latae",
    ),
}

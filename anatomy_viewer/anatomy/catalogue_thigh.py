"""Catalogue entries of the thigh muscles (see :mod:`~.catalogue`).

Anatomical facts follow Gray's Anatomy (42nd ed.) and Neumann, Kinesiology of the
Musculoskeletal System (3rd ed.). The thigh muscles are hidden by default: the lessons
and the default view are about the gluteal muscles and the bones' alignment, which the
thigh would cover; the Structures panel lists them to switch on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from anatomy_viewer.anatomy.catalogue import Color, Structure, StructureDetail

QUADRICEPS_COLOR: Final = (0.74, 0.34, 0.30)
ADDUCTOR_COLOR: Final = (0.66, 0.30, 0.34)
HAMSTRING_COLOR: Final = (0.60, 0.25, 0.26)
STRAP_COLOR: Final = (0.80, 0.46, 0.40)

_FEMORAL = "Femoral nerve (L2 to L4)."
_SCIATIC_TIBIAL = "Tibial part of the sciatic nerve (L5 to S2)."
_PES = "Upper medial surface of the tibia, below the knee (pes anserinus)."
_TO_TUBEROSITY = "; on to the tibial tuberosity through the patellar ligament."

#: (id, name, colour, segments, patient sentence, origin, insertion, action, nerve)
_THIGH: Final = (
    (
        "vastus_lateralis",
        "Vastus lateralis",
        QUADRICEPS_COLOR,
        ("femur_{s}", "tibia_{s}"),
        "The large muscle on the outer front of the thigh, part of the quadriceps that "
        "straightens the knee; the iliotibial band lies on it.",
        "Upper intertrochanteric line, base of the greater trochanter, gluteal tuberosity and "
        "upper lateral lip of the linea aspera.",
        "Lateral border of the patella and the quadriceps tendon" + _TO_TUBEROSITY,
        "Extends the knee.",
        _FEMORAL,
    ),
    (
        "vastus_medialis",
        "Vastus medialis",
        QUADRICEPS_COLOR,
        ("femur_{s}", "tibia_{s}"),
        "The muscle on the inner front of the thigh just above the knee, part of the "
        "quadriceps; it helps guide the kneecap.",
        "Lower intertrochanteric line, spiral line, medial lip of the linea aspera and medial "
        "supracondylar line.",
        "Medial border of the patella and the quadriceps tendon" + _TO_TUBEROSITY,
        "Extends the knee; its lowest, oblique fibres help keep the patella in its groove.",
        _FEMORAL,
    ),
    (
        "vastus_intermedius",
        "Vastus intermedius",
        QUADRICEPS_COLOR,
        ("femur_{s}", "tibia_{s}"),
        "The deepest part of the quadriceps, lying on the front of the thigh bone.",
        "Anterior and lateral surfaces of the upper two thirds of the femoral shaft.",
        "Deep part of the quadriceps tendon at the base of the patella" + _TO_TUBEROSITY,
        "Extends the knee.",
        _FEMORAL,
    ),
    (
        "rectus_femoris",
        "Rectus femoris",
        QUADRICEPS_COLOR,
        ("pelvis", "femur_{s}", "tibia_{s}"),
        "The middle muscle at the front of the thigh, part of the quadriceps; it also "
        "helps lift the thigh.",
        "Anterior inferior iliac spine (straight head) and the groove above the acetabulum "
        "(reflected head).",
        "Base of the patella through the quadriceps tendon" + _TO_TUBEROSITY,
        "Extends the knee and flexes the hip.",
        _FEMORAL,
    ),
    (
        "adductor_longus",
        "Adductor longus",
        ADDUCTOR_COLOR,
        ("pelvis", "femur_{s}"),
        "A muscle of the inner thigh that pulls the leg toward the other one.",
        "Front of the body of the pubis, just below the pubic crest.",
        "Middle third of the linea aspera.",
        "Adducts the hip and helps flex it.",
        "Obturator nerve, anterior division (L2 to L4).",
    ),
    (
        "adductor_brevis",
        "Adductor brevis",
        ADDUCTOR_COLOR,
        ("pelvis", "femur_{s}"),
        "A shorter inner-thigh muscle under adductor longus that pulls the leg inward.",
        "Body and inferior ramus of the pubis.",
        "Pectineal line and upper part of the linea aspera.",
        "Adducts the hip and helps flex it.",
        "Obturator nerve (L2 to L4).",
    ),
    (
        "adductor_magnus",
        "Adductor magnus",
        ADDUCTOR_COLOR,
        ("pelvis", "femur_{s}"),
        "The largest muscle of the inner thigh, toward the back.",
        "Inferior pubic ramus and ischial ramus (adductor part); ischial tuberosity "
        "(hamstring part).",
        "Gluteal tuberosity, linea aspera and medial supracondylar line (adductor part); "
        "adductor tubercle of the femur (hamstring part).",
        "Adducts the hip; the adductor part helps flex it, the hamstring part extends it.",
        "Obturator nerve (adductor part) and tibial part of the sciatic nerve (hamstring "
        "part), L2 to L4.",
    ),
    (
        "biceps_femoris",
        "Biceps femoris",
        HAMSTRING_COLOR,
        ("pelvis", "femur_{s}", "tibia_{s}"),
        "The outer hamstring at the back of the thigh, which bends the knee.",
        "Long head: ischial tuberosity. Short head: lateral lip of the linea aspera.",
        "Head of the fibula.",
        "Flexes the knee and turns the bent knee outward; the long head extends the hip.",
        "Sciatic nerve: tibial part to the long head, common fibular part to the short head "
        "(L5 to S2).",
    ),
    (
        "semitendinosus",
        "Semitendinosus",
        HAMSTRING_COLOR,
        ("pelvis", "femur_{s}", "tibia_{s}"),
        "An inner hamstring at the back of the thigh, ending in a long cord-like tendon at "
        "the inner knee.",
        "Ischial tuberosity, with the long head of biceps femoris.",
        _PES,
        "Extends the hip, flexes the knee and turns the bent knee inward.",
        _SCIATIC_TIBIAL,
    ),
    (
        "semimembranosus",
        "Semimembranosus",
        HAMSTRING_COLOR,
        ("pelvis", "femur_{s}", "tibia_{s}"),
        "The deep inner hamstring, under semitendinosus.",
        "Ischial tuberosity (its upper outer facet).",
        "Back of the medial condyle of the tibia.",
        "Extends the hip, flexes the knee and turns the bent knee inward.",
        _SCIATIC_TIBIAL,
    ),
    (
        "sartorius",
        "Sartorius",
        STRAP_COLOR,
        ("pelvis", "femur_{s}", "tibia_{s}"),
        "A long strap muscle crossing the front of the thigh from the hip bone to the inner knee.",
        "Anterior superior iliac spine (ASIS).",
        _PES,
        "Flexes, abducts and turns the hip outward; flexes the knee.",
        "Femoral nerve (L2, L3).",
    ),
    (
        "gracilis",
        "Gracilis",
        STRAP_COLOR,
        ("pelvis", "femur_{s}", "tibia_{s}"),
        "A thin strap muscle running down the inside of the thigh to the inner knee.",
        "Lower body of the pubis and the inferior pubic ramus.",
        _PES,
        "Adducts the hip and flexes the knee.",
        "Obturator nerve, anterior division (L2, L3).",
    ),
)


def thigh_structures(
    soft: Callable[..., list[Structure]],
) -> list[Structure]:
    """The thigh muscles' entries, both sides, made with the catalogue's ``soft``."""
    from anatomy_viewer.anatomy.catalogue import StructureDetail

    items: list[Structure] = []
    for base, name, color, segments, patient, origin, insertion, action, nerve in _THIGH:
        color_: Color = color
        detail: StructureDetail = StructureDetail(
            origin=origin, insertion=insertion, action=action, nerve=nerve
        )
        items += soft(
            base,
            name,
            "muscle",
            color_,
            segments[0],
            segments,
            patient,
            detail,
            visible=False,
        )
    return items

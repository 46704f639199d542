"""The structure catalogue: every anatomical structure the app shows, with its display data.

Pure Python. The mesh generator writes this catalogue into ``meshes/manifest.json``;
the scene and the UI read the manifest (or this module) for names, colours, default
visibility, the segment each structure moves with and the text of the info panel.

Anatomical facts (origin, insertion, action, nerve) follow standard texts (Gray's Anatomy,
42nd ed.; Neumann, Kinesiology of the Musculoskeletal System, 3rd ed.).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

from anatomy_viewer.anatomy.catalogue_thigh import thigh_structures

Group = Literal["bone", "muscle", "fascia", "skin"]
Side = Literal["right", "left", "center"]
Color = tuple[float, float, float]

#: Segments (rigid bodies the model poses), see docs/architecture.md.
SEGMENTS: Final = (
    "trunk",
    "pelvis",
    "femur_l",
    "femur_r",
    "tibia_l",
    "tibia_r",
    "foot_l",
    "foot_r",
)

#: Name of the point-data array that holds skinning weights in skinned ``.vtp`` files.
SKIN_WEIGHTS_ARRAY: Final = "skin_weights"

# Colours are linear RGB 0..1. Bone is a warm ivory; muscles are shades of red, with
# gluteus medius a brighter, more saturated red so it reads as the star of the lessons;
# fascia is pale silver; skin is a faint warm tone shown semi-transparent.
BONE_COLOR: Final[Color] = (0.89, 0.85, 0.74)
GLUTEUS_MEDIUS_COLOR: Final[Color] = (0.89, 0.24, 0.16)
GLUTEUS_MAXIMUS_COLOR: Final[Color] = (0.58, 0.20, 0.22)
GLUTEUS_MINIMUS_COLOR: Final[Color] = (0.70, 0.36, 0.34)
TFL_COLOR: Final[Color] = (0.76, 0.42, 0.38)
FASCIA_COLOR: Final[Color] = (0.86, 0.88, 0.91)
SKIN_COLOR: Final[Color] = (0.93, 0.78, 0.68)


@dataclass(frozen=True)
class StructureDetail:
    """Student detail shown in the info panel.

    Bones have empty ``origin``/``insertion``/``nerve``; their ``notes`` name the key
    landmarks a student should find.
    """

    origin: str = ""
    insertion: str = ""
    action: str = ""
    nerve: str = ""
    notes: str = ""

    def as_dict(self) -> dict[str, str]:
        """Return the detail as the ``detail`` object of ``manifest.json``."""
        return {
            "origin": self.origin,
            "insertion": self.insertion,
            "action": self.action,
            "nerve": self.nerve,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Structure:
    """One displayable anatomical structure (one mesh file).

    Attributes
    ----------
    id
        snake_case id with ``_l``/``_r`` suffix where paired.
    name
        Display name, e.g. ``"Gluteus medius (right)"``.
    group
        ``bone``, ``muscle``, ``fascia`` or ``skin``.
    side
        ``right``, ``left`` or ``center``.
    color
        Linear RGB 0..1.
    opacity
        Default opacity 0..1.
    visible
        Shown by default.
    segment
        The segment the structure moves with when rigid.
    skinning_segments
        Segments whose transforms blend the structure's vertices; empty when rigid.
    description
        One plain-language sentence a patient understands.
    detail
        Student detail (origin, insertion, action, nerve, notes).
    """

    id: str
    name: str
    group: Group
    side: Side
    color: Color
    opacity: float
    visible: bool
    segment: str
    skinning_segments: tuple[str, ...]
    description: str
    detail: StructureDetail = field(default_factory=StructureDetail)

    @property
    def file(self) -> str:
        """Full-detail mesh file name inside ``meshes/``."""
        return f"{self.id}.vtp"

    @property
    def file_fast(self) -> str:
        """Fast level-of-detail mesh file name inside ``meshes/``."""
        return f"{self.id}.fast.vtp"


_SIDE_WORD: Final = {"r": "right", "l": "left"}


def _bone(
    base: str,
    name: str,
    segment: str,
    description: str,
    action: str,
    notes: str,
    *,
    sides: tuple[str, ...] = ("r", "l"),
) -> list[Structure]:
    out: list[Structure] = []
    detail = StructureDetail(action=action, notes=notes)
    if not sides:
        out.append(
            Structure(
                id=base,
                name=name,
                group="bone",
                side="center",
                color=BONE_COLOR,
                opacity=1.0,
                visible=True,
                segment=segment,
                skinning_segments=(),
                description=description,
                detail=detail,
            )
        )
        return out
    for s in sides:
        word = _SIDE_WORD[s]
        out.append(
            Structure(
                id=f"{base}_{s}",
                name=f"{name} ({word})",
                group="bone",
                side="right" if s == "r" else "left",
                color=BONE_COLOR,
                opacity=1.0,
                visible=True,
                segment=segment.replace("{s}", s),
                skinning_segments=(),
                description=description,
                detail=detail,
            )
        )
    return out


def _soft(
    base: str,
    name: str,
    group: Group,
    color: Color,
    segment: str,
    skinning: tuple[str, ...],
    description: str,
    detail: StructureDetail,
    *,
    visible: bool = True,
) -> list[Structure]:
    out: list[Structure] = []
    for s in ("r", "l"):
        out.append(
            Structure(
                id=f"{base}_{s}",
                name=f"{name} ({_SIDE_WORD[s]})",
                group=group,
                side="right" if s == "r" else "left",
                color=color,
                opacity=1.0,
                visible=visible,
                segment=segment.replace("{s}", s),
                skinning_segments=tuple(seg.replace("{s}", s) for seg in skinning),
                description=description,
                detail=detail,
            )
        )
    return out


def _build() -> tuple[Structure, ...]:
    items: list[Structure] = []
    items += _bone(
        "pelvis",
        "Pelvis",
        "pelvis",
        "The ring of bone your hips are part of; your thigh bones fit into its sockets.",
        "Carries the weight of the upper body to the legs; anchors the hip and trunk muscles.",
        "Key landmarks: iliac crest and wing (ilium), anterior superior and anterior inferior "
        "iliac spines (ASIS, AIIS), posterior superior iliac spine (PSIS), acetabulum (hip "
        "socket), superior and inferior pubic rami, pubic symphysis, ischial tuberosity "
        "(sitting bone), obturator foramen. Gluteus medius arises from the outer wing.",
        sides=(),
    )
    items += _bone(
        "sacrum",
        "Sacrum and coccyx",
        "pelvis",
        "The triangular bone at the base of the spine, wedged between the two hip bones, "
        "with the tailbone below it.",
        "Transmits the weight of the trunk to the pelvis through the sacroiliac joints.",
        "Five fused sacral vertebrae: promontory, alae, sacral foramina, median sacral crest; "
        "the coccyx (tailbone) below. Gluteus maximus arises partly from its back.",
        sides=(),
    )
    items += _bone(
        "lumbar_spine",
        "Lumbar spine (L1 to L5)",
        "trunk",
        "The five bones of your lower back, stacked above the pelvis.",
        "Carries the trunk; bends and extends the lower back.",
        "Vertebral bodies, spinous processes (felt along the midline of the back), "
        "transverse processes. L4 lies at about the level of the iliac crests.",
        sides=(),
    )
    items += _bone(
        "femur",
        "Femur",
        "femur_{s}",
        "The thigh bone, the longest bone in the body; its ball forms the hip joint.",
        "Transmits body weight from the hip to the knee; lever for the hip and knee muscles.",
        "Head (ball of the hip), neck, greater trochanter (where gluteus medius and minimus "
        "attach; the bony point felt at the side of the hip), lesser trochanter, shaft with "
        "its forward bow, gluteal tuberosity (gluteus maximus), medial and lateral condyles "
        "with the intercondylar notch, medial and lateral epicondyles.",
    )
    items += _bone(
        "patella",
        "Patella",
        "tibia_{s}",
        "The kneecap, which glides in a groove at the front of the thigh bone.",
        "Increases the leverage of the quadriceps at the knee.",
        "Base (top), apex (bottom), articular surface facing the femoral trochlea. Rides "
        "in the groove between the femoral condyles; tracks poorly when the knee falls inward.",
    )
    items += _bone(
        "tibia",
        "Tibia",
        "tibia_{s}",
        "The shin bone, which carries your weight from the knee to the ankle.",
        "Main weight-bearing bone of the lower leg.",
        "Tibial plateau (medial and lateral condyles), tibial tuberosity, Gerdy's tubercle "
        "(where the iliotibial band attaches, front-outside of the knee), shaft, medial "
        "malleolus (inner ankle bone).",
    )
    items += _bone(
        "fibula",
        "Fibula",
        "tibia_{s}",
        "The thin bone on the outside of the lower leg.",
        "Anchors muscles and forms the outer side of the ankle joint.",
        "Head (below the outer knee), slender shaft, lateral malleolus (outer ankle bone).",
    )
    items += _bone(
        "foot",
        "Foot",
        "foot_{s}",
        "The bones of the foot, simplified: heel, arch and toes.",
        "Supports the body on the ground and lets it roll forward.",
        "Simplified: calcaneus (heel), talus (under the ankle), midfoot arch, metatarsals "
        "and toes.",
    )

    items += _soft(
        "gluteus_maximus",
        "Gluteus maximus",
        "muscle",
        GLUTEUS_MAXIMUS_COLOR,
        "pelvis",
        ("pelvis", "femur_{s}"),
        "The big muscle of the buttock, which straightens the hip when you stand up from a "
        "chair or climb stairs.",
        StructureDetail(
            origin="Posterior ilium behind the posterior gluteal line, back of the sacrum and "
            "coccyx, sacrotuberous ligament.",
            insertion="Gluteal tuberosity of the femur (deep lower fibres) and the "
            "iliotibial band (most fibres).",
            action="Extends and externally rotates the hip; upper fibres help abduct.",
            nerve="Inferior gluteal nerve (L5 to S2).",
        ),
    )
    items += _soft(
        "gluteus_medius",
        "Gluteus medius",
        "muscle",
        GLUTEUS_MEDIUS_COLOR,
        "pelvis",
        ("pelvis", "femur_{s}"),
        "The muscle at the side of your hip that keeps your pelvis level when you stand on "
        "one leg.",
        StructureDetail(
            origin="Outer surface of the ilium between the anterior and posterior gluteal "
            "lines, below the iliac crest.",
            insertion="Lateral surface of the greater trochanter.",
            action="Abducts the hip and keeps the pelvis level in single-leg stance; anterior "
            "fibres rotate the thigh inward, posterior fibres outward.",
            nerve="Superior gluteal nerve (L4 to S1).",
        ),
    )
    items += _soft(
        "gluteus_minimus",
        "Gluteus minimus",
        "muscle",
        GLUTEUS_MINIMUS_COLOR,
        "pelvis",
        ("pelvis", "femur_{s}"),
        "A smaller muscle under gluteus medius that helps it steady the hip.",
        StructureDetail(
            origin="Outer surface of the ilium between the anterior and inferior gluteal "
            "lines (deep to gluteus medius).",
            insertion="Anterior surface of the greater trochanter.",
            action="Abducts the hip and rotates the thigh inward; stabilises the femoral head "
            "in the socket.",
            nerve="Superior gluteal nerve (L4 to S1).",
        ),
    )
    items += _soft(
        "tensor_fasciae_latae",
        "Tensor fasciae latae",
        "muscle",
        TFL_COLOR,
        "pelvis",
        ("pelvis", "femur_{s}"),
        "A small muscle at the front of the hip that tightens the band on the outside of "
        "the thigh.",
        StructureDetail(
            origin="Anterior iliac crest and the outer surface of the anterior superior iliac "
            "spine (ASIS).",
            insertion="Iliotibial band, about a third of the way down the thigh.",
            action="Tenses the iliotibial band; helps flex, abduct and rotate the hip inward.",
            nerve="Superior gluteal nerve (L4 to S1).",
        ),
    )
    items += thigh_structures(_soft)
    items += _soft(
        "iliotibial_band",
        "Iliotibial band",
        "fascia",
        FASCIA_COLOR,
        "femur_{s}",
        ("pelvis", "femur_{s}", "tibia_{s}"),
        "A strong band of tissue running down the outside of the thigh from the hip to just "
        "below the knee.",
        StructureDetail(
            origin="Iliac tubercle of the iliac crest; receives tensor fasciae latae and most "
            "of gluteus maximus.",
            insertion="Gerdy's tubercle on the anterolateral tibia.",
            action="Transmits the pull of tensor fasciae latae and gluteus maximus; steadies "
            "the outside of the hip and knee.",
            nerve="None (fascia); its muscles are supplied by the superior and inferior "
            "gluteal nerves.",
        ),
        # It lies on vastus lateralis, which starts hidden with the other thigh muscles:
        # on its own the band would hang beside the bone.
        visible=False,
    )
    items.append(
        Structure(
            id="skin",
            name="Body outline",
            group="skin",
            side="center",
            color=SKIN_COLOR,
            opacity=0.25,
            visible=False,
            segment="pelvis",
            skinning_segments=SEGMENTS,
            description="The outline of the body, to show where the bones and muscles lie.",
            detail=StructureDetail(
                notes="A simplified outline of the lower trunk, hips and legs; not an "
                "anatomical structure."
            ),
        )
    )
    return tuple(items)


#: Every structure: bones, muscles, fascia, then the skin.
STRUCTURES: Final[tuple[Structure, ...]] = _build()

#: The set of structure ids.
STRUCTURE_IDS: Final[frozenset[str]] = frozenset(s.id for s in STRUCTURES)

_BY_ID: Final = {s.id: s for s in STRUCTURES}


def structure(structure_id: str) -> Structure:
    """Return the catalogue entry for ``structure_id``.

    Raises
    ------
    KeyError
        If the id is unknown; the message lists the known ids.
    """
    try:
        return _BY_ID[structure_id]
    except KeyError:
        known = ", ".join(sorted(STRUCTURE_IDS))
        raise KeyError(f"unknown structure id {structure_id!r}; known ids: {known}") from None

"""The structure catalogue names every id of docs/architecture.md with complete display data."""

from __future__ import annotations

import pytest

from anatomy_viewer.anatomy.catalogue import SEGMENTS, STRUCTURE_IDS, STRUCTURES, structure

#: The thigh muscles' ids are a contract with the model's per-muscle effort colours.
THIGH_IDS = (
    "vastus_lateralis",
    "vastus_medialis",
    "vastus_intermedius",
    "rectus_femoris",
    "adductor_longus",
    "adductor_brevis",
    "adductor_magnus",
    "biceps_femoris",
    "semitendinosus",
    "semimembranosus",
    "sartorius",
    "gracilis",
)

EXPECTED_IDS = {
    "pelvis",
    "sacrum",
    "lumbar_spine",
    "skin",
    *(
        f"{base}_{s}"
        for base in (
            "femur",
            "patella",
            "tibia",
            "fibula",
            "foot",
            "gluteus_maximus",
            "gluteus_medius",
            "gluteus_minimus",
            "tensor_fasciae_latae",
            "iliotibial_band",
            *THIGH_IDS,
        )
        for s in ("l", "r")
    ),
}


def test_ids_match_the_architecture_contract() -> None:
    assert EXPECTED_IDS == STRUCTURE_IDS
    assert len(STRUCTURES) == len(STRUCTURE_IDS)


@pytest.mark.parametrize("s", STRUCTURES, ids=lambda s: s.id)
def test_entry_is_complete(s: object) -> None:
    from anatomy_viewer.anatomy.catalogue import Structure

    assert isinstance(s, Structure)
    assert s.name and s.description.endswith(".")
    assert all(0.0 <= c <= 1.0 for c in s.color)
    assert s.segment in SEGMENTS
    assert all(seg in SEGMENTS for seg in s.skinning_segments)
    if s.group in ("muscle", "fascia"):
        assert s.detail.origin and s.detail.insertion and s.detail.action and s.detail.nerve
        # Every muscle crosses the hip or the knee: it moves with the femur and with the
        # pelvis or the tibia.
        side = s.id.rsplit("_", 1)[1]
        assert f"femur_{side}" in s.skinning_segments
        assert "pelvis" in s.skinning_segments or f"tibia_{side}" in s.skinning_segments
    if s.group == "bone":
        assert s.detail.notes and not s.skinning_segments


def test_gluteus_medius_stands_out_and_skin_is_hidden() -> None:
    medius = structure("gluteus_medius_r")
    others = [structure(f"{m}_r") for m in ("gluteus_maximus", "gluteus_minimus")]

    # The star is the most saturated red.
    def saturation(c: tuple[float, float, float]) -> float:
        return max(c) - min(c)

    assert all(saturation(medius.color) > saturation(o.color) for o in others)
    skin = structure("skin")
    assert not skin.visible and skin.opacity < 0.5
    assert structure("iliotibial_band_l").skinning_segments == ("pelvis", "femur_l", "tibia_l")


def test_unknown_id_lists_known_ids() -> None:
    with pytest.raises(KeyError, match="gluteus_medius_r"):
        structure("gluteus_medius")

"""The bone measures of a generated mesh set, against published adult ranges.

:func:`measure_set` reads ``pelvis.vtp``, ``femur_r.vtp`` and ``landmarks.json`` from a
mesh folder and measures them with :mod:`~.hip_measures` and :mod:`~.femur_measures`;
:data:`NORMS` holds the published range each measure is compared with, and its source.
The tests in ``tests/anatomy`` and the table in ``docs/anatomy.md`` both come from here::

    python -m anatomy_viewer.anatomy.bone_report MESH_DIR [MESH_DIR ...]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from anatomy_viewer.anatomy.femur_measures import measure_femur
from anatomy_viewer.anatomy.hip_measures import (
    measure_acetabulum,
    measure_hip_bone,
    measure_obturator_foramen,
    pelvic_frame,
)
from anatomy_viewer.anatomy.surface_geometry import Mesh


@dataclass(frozen=True)
class Norm:
    """A published adult range for one measure."""

    label: str
    unit: str
    low: float
    high: float
    published: str
    source: str


#: Published ranges, keyed like the results of :func:`measure_set`. "Design check" rows
#: are shape criteria of this model, not published values; they say so.
NORMS: dict[str, Norm] = {
    "lateral_centre_edge": Norm(
        "lateral centre-edge angle (coronal section through the centre)",
        "deg",
        18.0,
        48.0,
        "mean 33.6, 2.5th to 97.5th percentile 18.1 to 48.0",
        "Werner et al. 2012, Skeletal Radiol 41:1273",
    ),
    "inclination": Norm(
        "acetabular inclination, Murray's anatomical definition",
        "deg",
        26.4,
        48.6,
        "37.5 +/- 11.1 (CT, 3D)",
        "Wang et al. 2017, BMC Musculoskelet Disord 18:373; Murray 1993, JBJS-Br 75:228",
    ),
    "anteversion": Norm(
        "acetabular anteversion, Murray's anatomical definition",
        "deg",
        10.5,
        25.7,
        "18.1 +/- 7.6 (CT, 3D)",
        "Wang et al. 2017; Murray 1993",
    ),
    "anterior_centre_edge": Norm(
        "anterior centre-edge angle (false-profile view, Lequesne's definition)",
        "deg",
        25.0,
        50.0,
        "normal 25 or more; 20 to 25 borderline, under 20 dysplastic; the upper limit 50 "
        "is this model's assumption (no published upper norm used)",
        "Lequesne and de Seze 1961, Rev Rhum Mal Osteoartic 28:643",
    ),
    "anterior_sector": Norm(
        "anterior acetabular sector angle (axial section): anterior cover",
        "deg",
        44.0,
        76.0,
        "58 +/- 7 (right), 60 +/- 9 (left); range = mean +/- 2 SD",
        "Mechlenburg et al. 2019, Acta Radiol 60:895",
    ),
    "posterior_sector": Norm(
        "posterior acetabular sector angle (axial section): posterior cover",
        "deg",
        80.0,
        109.0,
        "94 +/- 7 (right), 95 +/- 7 (left); range = mean +/- 2 SD",
        "Mechlenburg et al. 2019",
    ),
    "coverage": Norm(
        "head coverage: share of the head's sphere inside the bony socket",
        "%",
        40.0,
        56.0,
        "socket depth about half its diameter (dry bones: 51 +/- 4 mm across, "
        "25 to 28 mm deep), a cap of 40 to 56 % of the sphere",
        "dry-bone series; cf. 3D articular coverage 35 to 37 % (Uemura et al. 2018, "
        "Clin Anat 31:1177)",
    ),
    "depth_ratio": Norm(
        "acetabular depth / rim diameter",
        "",
        0.42,
        0.62,
        "25 to 28 mm deep for 47 to 55 mm across",
        "dry-bone series (as for coverage)",
    ),
    "foramen_length": Norm(
        "obturator foramen length (seen face on)",
        "mm",
        40.0,
        56.0,
        "about 4 to 5.5 cm, oval in men, triangular in women",
        "Gray's Anatomy (42nd ed.); Bierry et al. 2010, Am J Phys Anthropol 141:626",
    ),
    "foramen_width": Norm(
        "obturator foramen width (seen face on)",
        "mm",
        24.0,
        36.0,
        "about 2.5 to 3.5 cm",
        "Gray's Anatomy (42nd ed.); Bierry et al. 2010",
    ),
    "tuberosity_below": Norm(
        "ischial tuberosity (lowest point of the hip bone) below the hip centre",
        "mm",
        55.0,
        72.0,
        "hamstring origins 35 to 47 mm below the hip centre, the tuberosity reaching "
        "about 20 mm lower",
        "Rajagopal et al. 2016 model, IEEE Trans Biomed Eng 63:2068 (scaled)",
    ),
    "tuberosity_behind": Norm(
        "ischial tuberosity (lowest point) behind the hip centre",
        "mm",
        38.0,
        62.0,
        "hamstring origins 42 to 48 mm behind the hip centre",
        "Rajagopal et al. 2016 model (scaled)",
    ),
    "hip_bone_height": Norm(
        "hemipelvis height, iliac crest to ischial tuberosity",
        "mm",
        185.0,
        235.0,
        "about 20 to 23 cm in men, 18.5 to 21.5 cm in women",
        "osteometric series (hip bone height, Martin's measure 1)",
    ),
    "neck_shaft_angle": Norm(
        "femoral neck-shaft angle",
        "deg",
        120.0,
        135.0,
        "122 to 130 (CT 124.7 +/- 6.2)",
        "Carmona et al. 2022; Toogood et al. 2009, CORR 467:876",
    ),
    "femoral_anteversion": Norm(
        "femoral anteversion (to the posterior condylar axis)",
        "deg",
        5.0,
        21.0,
        "10 to 15, women about 4 more",
        "Toogood et al. 2009; Boese et al. 2016",
    ),
    "femoral_offset": Norm(
        "femoral offset (head centre to shaft axis)",
        "mm",
        35.0,
        50.0,
        "42.9 +/- 6.8",
        "Carmona et al. 2022",
    ),
    "head_diameter": Norm(
        "femoral head diameter (sphere fitted to the head)",
        "mm",
        42.0,
        54.0,
        "men 48 to 51, women 43 to 48",
        "radiograph studies",
    ),
    "stature_from_femur": Norm(
        "stature predicted from the femur's length, minus the subject's height",
        "cm",
        -6.5,
        6.5,
        "stature = 2.38 x femur + 61.41 cm (men), 2.47 x femur + 54.10 cm (women); "
        "SE 3.3 and 3.7 cm; range = 2 SE",
        "Trotter & Gleser 1958, Am J Phys Anthropol 16:79",
    ),
    "condylar_offset_ratio": Norm(
        "posterior condylar offset ratio: the condyles behind the shaft",
        "",
        0.38,
        0.50,
        "about 0.44 in normal knees",
        "Johal et al. 2012, Knee 19:843",
    ),
    "trochanter_tip": Norm(
        "greater trochanter tip above the head centre",
        "mm",
        -10.0,
        10.0,
        "tip level with the head centre",
        "Gray's Anatomy (42nd ed.); White & Folkens 2005",
    ),
    "trochanter_top": Norm(
        "breadth of the greater trochanter's top (within 5 mm of its tip), front to back",
        "mm",
        20.0,
        40.0,
        "design check: a broad, flat top, not a hooked point",
        "this model",
    ),
    "lesser_trochanter_below": Norm(
        "lesser trochanter tip below the head centre",
        "mm",
        45.0,
        70.0,
        "design check: at the base of the neck, posteromedially",
        "this model (White & Folkens 2005)",
    ),
}


def _mesh(path: Path) -> Mesh:
    import vtk
    from vtk.util import numpy_support as nps

    reader = vtk.vtkXMLPolyDataReader()
    reader.SetFileName(str(path))
    reader.Update()
    poly = reader.GetOutput()
    pts = np.asarray(nps.vtk_to_numpy(poly.GetPoints().GetData()), dtype=np.float64)
    tri = np.asarray(nps.vtk_to_numpy(poly.GetPolys().GetConnectivityArray()), dtype=np.int64)
    return Mesh(pts, tri.reshape(-1, 3))


def measure_set(mesh_dir: Path, side: str = "r") -> dict[str, float]:
    """Measure the hip bone and femur of ``side`` in ``mesh_dir`` (keys of :data:`NORMS`)."""
    data = json.loads((mesh_dir / "landmarks.json").read_text(encoding="utf-8"))
    lm = {k: np.array(v, dtype=np.float64) for k, v in data["landmarks"].items()}
    height = float(data["subject"]["height_m"])
    female = data["subject"]["sex"] == "female"
    pelvis = _mesh(mesh_dir / "pelvis.vtp")
    frame = pelvic_frame(
        lm["pelvis.asis_r"],
        lm["pelvis.asis_l"],
        lm["pelvis.pubic_tubercle_r"],
        lm["pelvis.pubic_tubercle_l"],
    )
    a = measure_acetabulum(pelvis, frame, lm[f"pelvis.hjc_{side}"], side)
    foramen = measure_obturator_foramen(pelvis, frame, a.centre, side)
    hip = measure_hip_bone(pelvis, frame, a.centre, side)
    f = measure_femur(_mesh(mesh_dir / f"femur_{side}.vtp"), lm[f"femur_{side}.head_center"], side)
    femur_cm = 100.0 * f.length
    stature = 2.47 * femur_cm + 54.10 if female else 2.38 * femur_cm + 61.41
    return {
        "lateral_centre_edge": a.lateral_centre_edge,
        "inclination": a.inclination,
        "anteversion": a.anteversion,
        "anterior_centre_edge": a.anterior_centre_edge,
        "anterior_sector": a.anterior_sector,
        "posterior_sector": a.posterior_sector,
        "coverage": 100.0 * a.coverage,
        "depth_ratio": a.depth / a.rim_diameter,
        "foramen_length": 1000.0 * foramen.length,
        "foramen_width": 1000.0 * foramen.width,
        "tuberosity_below": 1000.0 * hip.lowest_below_hip,
        "tuberosity_behind": 1000.0 * hip.lowest_behind_hip,
        "hip_bone_height": 1000.0 * hip.height,
        "neck_shaft_angle": f.neck_shaft_angle,
        "femoral_anteversion": f.anteversion,
        "femoral_offset": 1000.0 * f.offset,
        "head_diameter": 2000.0 * f.head_radius,
        "stature_from_femur": stature - 100.0 * height,
        "condylar_offset_ratio": f.posterior_condylar_offset_ratio,
        "trochanter_tip": 1000.0 * f.greater_trochanter_tip_above_head,
        "trochanter_top": 1000.0 * f.greater_trochanter_top_breadth,
        "lesser_trochanter_below": 1000.0 * f.lesser_trochanter_below_head,
    }


def table(columns: dict[str, dict[str, float]]) -> str:
    """Markdown table of measures (one column per mesh set) with ranges and sources."""
    names = list(columns)
    head = "| measure | " + " | ".join(names) + " | published | source | test range |"
    rule = "|---" * (len(names) + 4) + "|"
    rows = [head, rule]
    for key, n in NORMS.items():
        unit = f" ({n.unit})" if n.unit else ""
        values = " | ".join(
            f"{columns[c][key]:.2f}" if n.unit == "" else f"{columns[c][key]:.1f}" for c in names
        )
        rows.append(
            f"| {n.label}{unit} | {values} | {n.published} | {n.source} | {n.low:g} to {n.high:g} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    dirs = [Path(a) for a in sys.argv[1:]] or [Path("meshes")]
    print(table({str(d): measure_set(d) for d in dirs}))

"""Where each muscle attaches: origin and insertion points shared by landmarks and meshes.

Pure numpy. Origins on the pelvis are in pelvis-template millimetres (right side, see
:mod:`anatomy_viewer.anatomy.frames`); insertions are in the right femur's local frame in
metres for a 1.75 m subject, with the z of the head centre added at run time, scaled by
``Proportions.scale``.

Attachment areas follow Gray's Anatomy (42nd ed.) and Neumann, Kinesiology of the
Musculoskeletal System (3rd ed.):

* gluteus medius: outer ilium between the anterior and posterior gluteal lines, to the
  lateral surface of the greater trochanter;
* gluteus minimus: outer ilium between the anterior and inferior gluteal lines, to the
  anterior surface of the greater trochanter;
* gluteus maximus: posterior ilium, sacrum and coccyx, to the gluteal tuberosity and the
  iliotibial band;
* tensor fasciae latae: anterior iliac crest near the ASIS, into the iliotibial band about
  a third of the way down the thigh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Attachment:
    """Origin points (pelvis template mm) and insertion points (femur local m, z relative to
    the head centre) of one right-side muscle, ordered so that ``origin[i]`` pairs with a
    fibre ending near ``insertion[i * len(insertion) // len(origin)]``."""

    origin_mm: FloatArray
    insertion_m: FloatArray


ATTACHMENTS: Final[dict[str, Attachment]] = {
    "gluteus_medius": Attachment(
        # Anterior (near the ASIS, under TFL) to posterior (posterior gluteal line).
        origin_mm=np.array(
            [
                [126.0, 30.0, 100.0],
                [131.0, 10.0, 118.0],
                [129.0, -14.0, 126.0],
                [118.0, -40.0, 126.0],
                [98.0, -62.0, 114.0],
                [118.0, 18.0, 80.0],
                [114.0, -14.0, 88.0],
                [100.0, -42.0, 88.0],
            ]
        ),
        insertion_m=np.array(
            [
                [0.028, 0.008, -0.014],
                [0.031, 0.000, -0.016],
                [0.031, -0.008, -0.020],
                [0.027, -0.014, -0.016],
                [0.022, -0.018, -0.008],
            ]
        ),
    ),
    "gluteus_minimus": Attachment(
        origin_mm=np.array(
            [
                [114.0, 28.0, 52.0],
                [112.0, 8.0, 62.0],
                [106.0, -16.0, 64.0],
                [96.0, -38.0, 56.0],
                [106.0, 14.0, 40.0],
                [100.0, -10.0, 42.0],
                [90.0, -32.0, 38.0],
            ]
        ),
        insertion_m=np.array(
            [
                [0.024, 0.018, -0.010],
                [0.028, 0.014, -0.004],
                [0.020, 0.020, -0.018],
            ]
        ),
    ),
    "gluteus_maximus": Attachment(
        origin_mm=np.array(
            [
                [64.0, -102.0, 102.0],
                [52.0, -112.0, 82.0],
                [42.0, -122.0, 58.0],
                [32.0, -128.0, 36.0],
                [22.0, -128.0, 12.0],
                [14.0, -118.0, -14.0],
            ]
        ),
        insertion_m=np.array(
            [
                [0.040, -0.008, -0.050],
                [0.040, -0.010, -0.080],
                [0.038, -0.010, -0.110],
                [0.030, -0.014, -0.105],
                [0.018, -0.016, -0.110],
                [0.014, -0.016, -0.130],
            ]
        ),
    ),
    "tensor_fasciae_latae": Attachment(
        origin_mm=np.array(
            [
                [126.0, 46.0, 88.0],
                [131.0, 36.0, 104.0],
            ]
        ),
        # Into the iliotibial band, on the surface of vastus lateralis beneath it.
        insertion_m=np.array(
            [
                [0.069, 0.020, -0.150],
                [0.071, 0.014, -0.170],
            ]
        ),
    ),
}


def insertion_local(att: Attachment, head_z: float, scale: float) -> FloatArray:
    """Insertion points of ``att`` in the right femur's local frame (metres)."""
    pts = att.insertion_m * scale
    pts = pts.copy()
    pts[:, 2] += head_z
    return pts

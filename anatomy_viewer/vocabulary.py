"""Names shared by the lesson format, the scene, the UI and the command line.

Keeping them in one place means a lesson file, the ``render`` command and the toolbar
all accept exactly the same words.
"""

from __future__ import annotations

from typing import Final

#: Camera presets. ``mirror`` is the patient looking at themselves: the anterior view
#: flipped left to right, as in a mirror. ``exercise`` is an exercise's own view (each
#: exercise's direction, the floor under the body in sight); for a movement that is not
#: an exercise it is the anterior view.
CAMERA_PRESETS: Final = (
    "anterior",
    "posterior",
    "left",
    "right",
    "superior",
    "mirror",
    "exercise",
)

#: Tasks the model can simulate.
TASKS: Final = ("stance", "squat", "abduction", "walk", "run")

#: Exercises of the library: held poses whose muscle efforts ``model`` computes. They
#: are a separate list from :data:`TASKS` (``model`` answers them in its own shape);
#: ``render``, ``export-video`` and lesson steps accept both lists.
EXERCISES: Final = (
    "side_lying_abduction",
    "clamshell",
    "side_plank",
    "side_plank_abduction",
    "single_leg_bridge",
    "lateral_band_walk",
    "single_leg_squat",
)

#: Stance side (the leg the subject stands on; for ``abduction``, the leg that stays down).
SIDES: Final = ("right", "left")

#: Which muscles a reduced strength weakens: gluteus medius alone (the default), or the
#: whole hip abductor group (gluteus medius and minimus, tensor fasciae latae).
WEAKEN: Final = ("gluteus_medius", "abductors")

#: Compensation strategies.
COMPENSATIONS: Final = ("none", "trunk_lean")

#: Teaching overlays drawn in the 3D view.
#: ``pelvic_level``: line through both ASIS with the drop angle.
#: ``knee_alignment``: hip-knee-ankle lines with the knee frontal plane projection angle.
#: ``forces``: body weight, abductor and hip contact force arrows with their lever arms.
#: ``effort``: each working muscle of the standing side coloured by its activation, with a legend.
OVERLAYS: Final = ("pelvic_level", "knee_alignment", "forces", "effort")

#: Audiences for lesson text.
AUDIENCES: Final = ("patient", "student")

"""The hip muscles of one subject: paths, moment arms and forces (pure numpy, vectorised).

The Rajagopal et al. 2016 muscles (:mod:`anatomy_viewer.biomech.muscle_table`) are
carried onto the subject's bones by landmarks:

- pelvis points: the linear map, taken about the right hip centre, that carries the
  model's right ASIS, right PSIS and left hip centre exactly onto the subject's;
- femur, patella and tibia points (the tibia at full knee extension): the long axis
  scaled by the hip-to-knee distance; the cross-section scaled so that the centroid of
  the model's gluteus medius and minimus insertions lies as far lateral of the hip
  centre as the anatomy's; then sheared so that the knee centres coincide.

The fibre keeps its thickness as it shortens (pennation). The force-length curves are
those of Thelen 2003 (J Biomech Eng 125:70). Two fibre lengths are used, as OpenSim's
static optimisation uses them:

- the force at full activation (the muscle's capacity) is taken at the fibre length of an
  inextensible tendon (OpenSim's ``calcInextensibleTendonActiveFiberForce``);
- the passive fibre force is the force at which the relaxed fibre and the elastic tendon
  in series pull equally (Zajac 1989, Crit Rev Biomed Eng 17:359): the tendon stretches
  with Thelen 2003's tendon curve, reaching the maximal isometric force at a strain of
  0.049 (the default tendon curve of Millard et al. 2013, J Biomech Eng 135:021005, whose
  muscle model the Rajagopal model uses). A tendon long against its fibre takes much of
  the stretch (Zajac 1989); Millard et al. 2013 treat a tendon as rigid only where it is
  shorter than the fibre. With a rigid tendon, the hip straight and the knee bent 90 deg,
  rectus femoris (tendon 5.9 times its fibre) was stretched to 1.83 times its optimal
  length and pulled 2.1 times its maximal force.

Maximal forces scale with body mass from the model's 75 kg; fibre and tendon lengths with
the neutral musculotendon length, as OpenSim scales a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np

from anatomy_viewer.biomech import muscle_table as table
from anatomy_viewer.biomech.geometry import FloatArray, rot_x, rot_y, rot_z
from anatomy_viewer.biomech.paths import FEMUR, PATELLA, PELVIS, TIBIA, Paths
from anatomy_viewer.biomech.wrapping import SIDE_CODES

#: Width of the Gaussian active force-length curve (Thelen 2003).
FORCE_LENGTH_WIDTH: Final = 0.45
#: Passive fibre force-length curve (Thelen 2003), with the fibre strain at which the
#: passive force equals the maximal isometric force set to the Rajagopal model's 0.7.
PASSIVE_SHAPE: Final = 4.0
PASSIVE_STRAIN_AT_MAX: Final = 0.7
#: Tendon strain at the maximal isometric force (the default tendon curve of Millard et
#: al. 2013) and Thelen 2003's tendon curve: exponential toe region up to
#: ``TENDON_TOE_FORCE`` (shape ``TENDON_TOE_SHAPE``) at ``TENDON_TOE_STRAIN_RATIO`` of that
#: strain, linear beyond it with slope ``TENDON_LINEAR_SLOPE`` / strain.
TENDON_STRAIN_AT_MAX: Final = 0.049
TENDON_TOE_FORCE: Final = 0.33
TENDON_TOE_SHAPE: Final = 3.0
TENDON_TOE_STRAIN_RATIO: Final = 0.609
TENDON_LINEAR_SLOPE: Final = 1.712
#: Bisection steps of the fibre-tendon equilibrium (each halves the bracket, at most the
#: fibre's length along the tendon: 2^-32 of it is far below a micrometre).
EQUILIBRIUM_STEPS: Final = 32

_BODY_CODES: Final = {"pelvis": PELVIS, "femur": FEMUR, "tibia": TIBIA, "patella": PATELLA}


def ras(point: table.Point | FloatArray) -> FloatArray:
    """Model axes (x anterior, y up, z right) to the world's (x right, y anterior, z up)."""
    p = np.asarray(point, dtype=np.float64)
    return np.array([p[2], p[0], p[1]])


@dataclass(frozen=True, eq=False)
class Musculature:
    """The hip muscles placed on one subject's right leg (the left is its mirror image).

    Attributes
    ----------
    ids, structures
        Muscle ids and the anatomy structure each belongs to (no side suffix).
    max_force, optimal_fibre_length, tendon_slack_length, pennation
        Per muscle, scaled to the subject (N, m, m, rad).
    paths
        The muscles' paths on the subject.
    """

    ids: tuple[str, ...]
    structures: tuple[str, ...]
    max_force: FloatArray
    optimal_fibre_length: FloatArray
    tendon_slack_length: FloatArray
    pennation: FloatArray
    paths: Paths

    @classmethod
    def for_subject(cls, points: Mapping[str, FloatArray], mass_kg: float) -> Musculature:
        """Place the model's muscles on a subject (see the module docstring).

        Parameters
        ----------
        points
            The subject's joint geometry (:attr:`Subject.points`), world frame, metres.
        mass_kg
            Body mass (kg).
        """
        pelvis_map = pelvis_map_for(points)
        femur_map = femur_map_for(points)
        model = _model_paths()
        subject = _map_paths(model, pelvis_map, femur_map, points["knee_r"] - points["hip_r"])
        # Scale fibre and tendon lengths with the musculotendon length in the neutral pose.
        neutral = np.zeros((1, 3))
        ratio = subject.lengths(neutral, np.zeros(1))[0] / model.lengths(neutral, np.zeros(1))[0]
        muscles = table.MUSCLES
        return cls(
            ids=tuple(m.muscle_id for m in muscles),
            structures=tuple(m.structure for m in muscles),
            max_force=np.array([m.max_force for m in muscles]) * mass_kg / table.MODEL_MASS_KG,
            optimal_fibre_length=np.array([m.optimal_fibre_length for m in muscles]) * ratio,
            tendon_slack_length=np.array([m.tendon_slack_length for m in muscles]) * ratio,
            pennation=np.array([m.pennation for m in muscles]),
            paths=subject,
        )

    def fibre_state(self, lengths: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Normalised fibre length, active force factor and passive force factor.

        Both factors are forces along the tendon per unit maximal isometric force. The
        normalised length and the active factor (at full activation, never above 1) are
        those of an inextensible tendon; the passive factor is the force at which the
        passive fibre and the elastic tendon balance (see the module docstring).
        """
        lopt = self.optimal_fibre_length
        height = lopt * np.sin(self.pennation)
        along = np.maximum(lengths - self.tendon_slack_length, 1e-6 * lopt)
        fibre = np.sqrt(along**2 + height**2)
        norm = fibre / lopt
        active = np.exp(-((norm - 1.0) ** 2) / FORCE_LENGTH_WIDTH) * along / fibre
        return norm, active, self._passive_in_series(along)

    def _passive_in_series(self, slack_along: FloatArray) -> FloatArray:
        """Passive force factor with the tendon in series (bisection on the fibre's length
        along the tendon, between fully slack and the inextensible tendon's).

        A fibre no longer than its optimal length with an inextensible tendon is shorter
        still with an elastic one: it pulls nothing, and only the others are solved.
        """
        lopt = np.broadcast_to(self.optimal_fibre_length, slack_along.shape)
        height = lopt * np.sin(np.broadcast_to(self.pennation, slack_along.shape))
        slack = np.broadcast_to(self.tendon_slack_length, slack_along.shape)
        out = np.zeros_like(slack_along)
        taut = slack_along**2 + height**2 > lopt**2
        if not np.any(taut):
            return out
        total, h, l0, ts = slack_along[taut], height[taut], lopt[taut], slack[taut]
        low = np.zeros_like(total)
        high = np.array(total)
        for _ in range(EQUILIBRIUM_STEPS):
            mid = 0.5 * (low + high)
            fibre_wins = passive_fibre_force(mid, h, l0) > tendon_force((total - mid) / ts)
            high = np.where(fibre_wins, mid, high)
            low = np.where(fibre_wins, low, mid)
        out[taut] = tendon_force((total - high) / ts)
        return out


def passive_fibre_force(along: FloatArray, height: FloatArray, lopt: FloatArray) -> FloatArray:
    """Passive fibre force along the tendon per maximal force (Thelen 2003), at a fibre
    length ``along`` measured along the tendon and a constant thickness ``height``."""
    fibre = np.sqrt(along**2 + height**2)
    strain = np.maximum(fibre / lopt - 1.0, 0.0)
    out: FloatArray = (
        np.expm1(PASSIVE_SHAPE * strain / PASSIVE_STRAIN_AT_MAX)
        / np.expm1(PASSIVE_SHAPE)
        * along
        / np.maximum(fibre, 1e-12)
    )
    return out


def tendon_force(strain: FloatArray) -> FloatArray:
    """Tendon force per maximal isometric force at a tendon strain (Thelen 2003)."""
    toe_strain = TENDON_TOE_STRAIN_RATIO * TENDON_STRAIN_AT_MAX
    positive = np.maximum(strain, 0.0)
    toe = (
        TENDON_TOE_FORCE
        / np.expm1(TENDON_TOE_SHAPE)
        * np.expm1(TENDON_TOE_SHAPE * np.minimum(positive, toe_strain) / toe_strain)
    )
    linear = TENDON_LINEAR_SLOPE / TENDON_STRAIN_AT_MAX * np.maximum(positive - toe_strain, 0.0)
    out: FloatArray = toe + linear
    return out


def _model_paths() -> Paths:
    """The model's own paths (its geometry, unscaled), relative to its right hip centre."""
    hip = ras(table.HIP_CENTER)
    tibia_origin = ras(table.TIBIA_ORIGIN_IN_FEMUR)
    frame = ras(table.PATELLOFEMORAL_FRAME)
    knots = np.asarray(table.PATELLA_KNEE_ANGLES)
    muscles = table.MUSCLES
    count = max(len(m.path) for m in muscles)
    points = np.zeros((len(muscles), count, 3))
    patella = np.zeros((knots.size, len(muscles), count, 3))
    bodies = np.zeros((len(muscles), count), dtype=np.int64)
    for i, muscle in enumerate(muscles):
        for k in range(count):
            body, local = muscle.path[min(k, len(muscle.path) - 1)]
            bodies[i, k] = _BODY_CODES[body]
            if body == "pelvis":
                points[i, k] = ras(local) - hip
            elif body == "femur":
                points[i, k] = ras(local)
            elif body == "tibia":
                points[i, k] = ras(local) + tibia_origin
            else:
                for j in range(knots.size):
                    shift = ras((table.PATELLA_SHIFT_X[j], table.PATELLA_SHIFT_Y[j], 0.00275))
                    # A tilt about the model's z axis is one about the world's x axis.
                    tilt = rot_x(np.array([table.PATELLA_TILT[j]]))[0]
                    patella[j, i, k] = frame + shift + tilt @ ras(local)
                points[i, k] = patella[0, i, k]
    names = sorted(table.WRAP_CYLINDERS)
    cylinders = [table.WRAP_CYLINDERS[name] for name in names]
    return Paths(
        points=points,
        bodies=bodies,
        knee=ras(table.KNEE_CENTER_IN_FEMUR),
        patella_angles=knots,
        patella_points=patella,
        wrap_index=np.array(
            [names.index(m.wrap) if m.wrap else -1 for m in muscles], dtype=np.int64
        ),
        wrap_center=np.array([ras(c.translation) - hip for c in cylinders]),
        wrap_frame=np.array([_cylinder_frame(c.rotation) for c in cylinders]),
        wrap_radius=np.array([c.radius for c in cylinders]),
        wrap_side=np.array([SIDE_CODES[c.side] for c in cylinders], dtype=np.int64),
    )


def _map_paths(model: Paths, pelvis: FloatArray, femur: FloatArray, knee: FloatArray) -> Paths:
    """Carry model paths onto a subject: pelvis points by ``pelvis``, the rest by ``femur``."""
    on_pelvis = (model.bodies == PELVIS)[..., None]
    points = np.where(on_pelvis, model.points @ pelvis.T, model.points @ femur.T)
    frames = np.zeros_like(model.wrap_frame)
    radii = np.zeros_like(model.wrap_radius)
    for j, frame in enumerate(model.wrap_frame):
        # The cylinders ride with the pelvis map: the axis is carried by it and the
        # radius stretched by the map's mean stretch across the axis.
        axis = pelvis @ frame[2]
        axis /= np.linalg.norm(axis)
        across = pelvis @ frame[0]
        across -= axis * (across @ axis)
        across /= np.linalg.norm(across)
        frames[j] = np.array([across, np.cross(axis, across), axis])
        stretch = 0.5 * (np.linalg.norm(pelvis @ frame[0]) + np.linalg.norm(pelvis @ frame[1]))
        radii[j] = model.wrap_radius[j] * stretch
    return Paths(
        points=points,
        bodies=model.bodies,
        knee=knee,
        patella_angles=model.patella_angles,
        patella_points=model.patella_points @ femur.T,
        wrap_index=model.wrap_index,
        wrap_center=model.wrap_center @ pelvis.T,
        wrap_frame=frames,
        wrap_radius=radii,
        wrap_side=model.wrap_side,
    )


def _cylinder_frame(rotation: table.Point) -> FloatArray:
    """Rows: the cylinder's local x, y and axis z in world axes (model x-y-z Euler angles)."""
    a = np.asarray(rotation, dtype=np.float64)
    # The body-fixed x-y-z rotation in model axes, written in world axes: a rotation
    # about the model's x (anterior) is one about the world's y, y (up) about z, z about x.
    r = rot_y(a[:1])[0] @ rot_z(a[1:2])[0] @ rot_x(a[2:3])[0]
    # The cylinder's local axes x, y, z are the model's, i.e. the world's y, z, x.
    out: FloatArray = np.array([r[:, 1], r[:, 2], r[:, 0]])
    return out


def pelvis_map_for(points: Mapping[str, FloatArray]) -> FloatArray:
    """Linear map, about the right hip centre, from model pelvis offsets to the subject's."""
    hip_m = ras(table.HIP_CENTER)
    hip_l_m = hip_m * np.array([-1.0, 1.0, 1.0])
    model = np.column_stack([ras(table.ASIS) - hip_m, ras(table.PSIS) - hip_m, hip_l_m - hip_m])
    hip = points["hip_r"]
    subject = np.column_stack(
        [points["asis_r"] - hip, points["psis_r"] - hip, points["hip_l"] - hip]
    )
    out: FloatArray = subject @ np.linalg.inv(model)
    return out


def femur_map_for(points: Mapping[str, FloatArray]) -> FloatArray:
    """Linear map, about the hip centre, from model femur offsets to the subject's."""
    knee_m = ras(table.KNEE_CENTER_IN_FEMUR)
    knee_s = points["knee_r"] - points["hip_r"]
    long_scale = float(knee_s[2] / knee_m[2])
    insertions = [
        ras(m.path[-1][1])
        for m in table.MUSCLES
        if m.structure in ("gluteus_medius", "gluteus_minimus")
    ]
    model_lateral = float(np.mean([p[0] for p in insertions]))
    subject_lateral = float(points["trochanter_insertion_r"][0] - points["hip_r"][0])
    cross_scale = subject_lateral / model_lateral
    scale = np.diag([cross_scale, cross_scale, long_scale])
    scaled_knee = scale @ knee_m
    shear = np.eye(3)
    shear[0, 2] = (knee_s[0] - scaled_knee[0]) / scaled_knee[2]
    shear[1, 2] = (knee_s[1] - scaled_knee[1]) / scaled_knee[2]
    out: FloatArray = shear @ scale
    return out


__all__ = [
    "Musculature",
    "femur_map_for",
    "passive_fibre_force",
    "pelvis_map_for",
    "ras",
    "tendon_force",
]

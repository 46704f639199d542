"""From a solved stance hip to the numbers and overlay geometry of a frame (pure numpy).

Forces add up: the hip contact force (the pelvis pushing on the femoral head, as the
OrthoLoad implants report it) is the vector sum of the weight above the hip and every
muscle and passive-tissue force acting on the pelvis, each along its path.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from anatomy_viewer.biomech.geometry import FloatArray, cardan_xyz
from anatomy_viewer.biomech.kinematics import MASS_FRACTION_ABOVE, PosedChain
from anatomy_viewer.biomech.muscle_table import WEAKENED_MUSCLES
from anatomy_viewer.biomech.posture import HipModel, StanceState
from anatomy_viewer.biomech.tasks import TaskProfile

Arrays = dict[str, FloatArray]

#: The knee's inward fall the model cannot derive. Herrington 2014 (The Knee 21:514):
#: healthy single-leg squat FPPA 8.4 +/- 5.1 deg. Abductor strength explains 13 % of the
#: FPPA's variance (Claiborne et al. 2006, J Appl Biomech 22:41: r = -0.37; Stickler et
#: al. 2015, Phys Ther Sport 16:66: about 22 %); the rest, sqrt(1 - 0.13) x 5.1 deg, is
#: the band's half-width at the squat's 60 deg of knee flexion. With the knee straight
#: the leg cannot fall inward at the knee; the band grows in proportion to knee flexion
#: (an assumption).
FPPA_HEALTHY_SD_DEG: Final = 5.1
FPPA_EXPLAINED_SHARE: Final = 0.13
FPPA_BAND_KNEE_FLEXION_DEG: Final = 60.0
#: The band's centre follows the same published association: the regression of FPPA on
#: abduction strength, slope r x SD(FPPA) / SD(strength), with r = -0.37 (Claiborne et
#: al. 2006) and SD(FPPA) as above. SD(strength) as a fraction of the healthy mean: 0.178,
#: from Alvarenga et al. 2019 (Acta Ortop Bras 27:124: hip abduction 16.85 %BW, 95 % CI
#: 16.03 to 17.66, n = 52, so SD = 0.416 x sqrt(52) = 3.0 %BW). That is 0.106 deg more
#: inward fall per percent of abduction strength lost; below about 64 % (2 SD) it is a
#: linear extrapolation (an assumption).
FPPA_STRENGTH_R: Final = 0.37
ABDUCTION_STRENGTH_CV: Final = 0.178


def fppa(hip: FloatArray, knee: FloatArray, ankle: FloatArray) -> FloatArray:
    """Knee frontal plane projection angle (rad), right leg; > 0 when the knee is medial."""
    u = (hip - knee)[:, [0, 2]]
    v = (ankle - knee)[:, [0, 2]]
    cross = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
    dot = np.sum(u * v, axis=1)
    interior = np.arctan2(np.abs(cross), dot)
    out: FloatArray = -np.sign(cross) * (np.pi - interior)
    return out


def fppa_band(knee_flexion: FloatArray) -> FloatArray:
    """Half-width (deg) of the FPPA band at a knee flexion (rad)."""
    share = np.clip(np.degrees(knee_flexion) / FPPA_BAND_KNEE_FLEXION_DEG, 0.0, None)
    out: FloatArray = FPPA_HEALTHY_SD_DEG * np.sqrt(1.0 - FPPA_EXPLAINED_SHARE) * share
    return out


def fppa_band_shift(knee_flexion: FloatArray, abduction_strength: FloatArray) -> FloatArray:
    """How far (deg) the band's centre moves inward at an abduction strength (fraction).

    The published regression of FPPA on abduction strength (see
    :data:`FPPA_STRENGTH_R`), scaled with knee flexion like the band itself: zero at
    full strength, 0.106 deg per percent lost at the squat's depth.
    """
    share = np.clip(np.degrees(knee_flexion) / FPPA_BAND_KNEE_FLEXION_DEG, 0.0, None)
    lost = np.clip(1.0 - abduction_strength, 0.0, 1.0)
    slope = FPPA_STRENGTH_R * FPPA_HEALTHY_SD_DEG / ABDUCTION_STRENGTH_CV
    out: FloatArray = slope * lost * share
    return out


def frame_outputs(
    model: HipModel,
    prof: TaskProfile,
    state: StanceState,
    posed: PosedChain,
    activation: FloatArray,
    weakened: FloatArray,
) -> tuple[Arrays, Arrays, FloatArray, FloatArray]:
    """Quantities, overlay, muscle forces (N) and activations of a solved right stance.

    Parameters
    ----------
    model, prof, state, posed
        The hip model, the task, the solved equilibrium and the posed skeleton.
    activation
        ``(n, m)`` activations that hold the posture.
    weakened
        ``(m,)`` boolean mask of the weakened muscles.
    """
    subject = model.subject
    p = subject.points
    weight = subject.weight_n
    eq = state.equilibrium
    n = activation.shape[0]
    forces = activation * eq.capacity + eq.passive
    pelvis = posed.pelvis_rotation
    hip_w = posed.hip
    # Pulls on the pelvis, world frame.
    pulls = np.einsum("nij,nmj->nmi", pelvis, eq.directions) * forces[..., None]
    tissue_pulls = (
        np.einsum("nij,ntj->nti", pelvis, eq.tissue_directions) * eq.tissue_forces[..., None]
    )
    body = np.zeros((n, 3))
    body[:, 2] = -prof.load * prof.gravity * MASS_FRACTION_ABOVE * weight
    contact = body + pulls.sum(axis=1) + tissue_pulls.sum(axis=1)

    # The weakened muscles' resultant on the femur and its line in the frontal plane.
    on_femur = -pulls[:, weakened].sum(axis=1)
    # Every other muscle's and passive tissue's pull on the femur: with the weakened
    # muscles' pull and the weight above the hip it makes up the hip joint's force.
    others = np.logical_not(weakened)
    others_on_femur = -(pulls[:, others].sum(axis=1) + tissue_pulls.sum(axis=1))
    ends = hip_w[:, None, :] + np.einsum("nij,nmj->nmi", pelvis, eq.ends[:, weakened])
    moment_y = np.sum(
        (ends[..., 2] - hip_w[:, None, 2]) * (-pulls[:, weakened, 0])
        - (ends[..., 0] - hip_w[:, None, 0]) * (-pulls[:, weakened, 2]),
        axis=1,
    )
    frontal = on_femur[:, [0, 2]]
    norm2 = np.maximum(np.sum(frontal**2, axis=1), 1e-12)
    lever_end = hip_w.copy()
    lever_end[:, 0] += -moment_y * frontal[:, 1] / norm2
    lever_end[:, 2] += moment_y * frontal[:, 0] / norm2
    origin_w = posed.apply("pelvis", p["abductor_origin_r"])
    insertion_w = posed.apply("femur_r", p["abductor_insertion_r"])
    unit = on_femur / np.maximum(np.linalg.norm(on_femur, axis=1, keepdims=True), 1e-12)
    along = np.sum((insertion_w - lever_end) * unit, axis=1)
    application = lever_end + along[:, None] * unit

    # The group's mean abduction moment arm, weighted by unweakened capacity.
    _, active, _ = model.musculature.fibre_state(eq.lengths)
    reach = model.musculature.max_force * active
    arm = np.sum(reach[:, weakened] * -eq.arms[:, weakened, 1], axis=1) / np.maximum(
        np.sum(reach[:, weakened], axis=1), 1e-12
    )
    capacity = eq.capacity[:, weakened].sum(axis=1)
    group_activation = np.where(
        capacity > 0.0,
        np.sum(activation[:, weakened] * eq.capacity[:, weakened], axis=1)
        / np.maximum(capacity, 1e-300),
        np.where(state.drop > 0.0, 1.0, 0.0),
    )

    com = posed.center_of_mass_above()
    lever_point = np.column_stack([com[:, 0], hip_w[:, 1], hip_w[:, 2]])
    asis_s = posed.apply("pelvis", p["asis_r"])
    asis_w = posed.apply("pelvis", p["asis_l"])
    rise = asis_s[:, 2] - asis_w[:, 2]
    relative = np.transpose(pelvis, (0, 2, 1)) @ posed.femur_rotation
    hip_flex, hip_add, hip_rot = cardan_xyz(relative)
    knee_flex = -cardan_xyz(np.transpose(posed.femur_rotation, (0, 2, 1)) @ posed.tibia_rotation)[0]
    knee_angle = np.degrees(fppa(hip_w, posed.knee, posed.ankle))
    band = fppa_band(knee_flex)
    # Clinical abduction strength: the abductor group's abduction capacity at this
    # posture, as a fraction of the same with every muscle at its normal strength.
    group = np.array([m in WEAKENED_MUSCLES["abductors"] for m in model.musculature.ids])
    lever = np.clip(-eq.arms[:, group, 1], 0.0, None)
    normal_reach = np.sum(reach[:, group] * lever, axis=1)
    abduction_strength = np.sum(eq.capacity[:, group] * lever, axis=1) / np.maximum(
        normal_reach, 1e-12
    )
    centre = knee_angle + fppa_band_shift(knee_flex, abduction_strength)
    tissue = model.tissue
    itb_strain = (eq.tissue_lengths[:, 0] - tissue.slack_length[0]) / tissue.slack_length[0]

    quantities = {
        "pelvic_drop_deg": np.degrees(np.arctan2(rise, asis_s[:, 0] - asis_w[:, 0])),
        "pelvic_drop_cm": 100.0 * rise,
        "trunk_lean_deg": np.degrees(state.lean),
        "hip_adduction_deg": np.degrees(hip_add),
        "hip_internal_rotation_deg": np.degrees(hip_rot),
        "knee_flexion_deg": np.degrees(knee_flex),
        "knee_fppa_deg": knee_angle,
        "knee_fppa_low_deg": centre - band,
        "knee_fppa_high_deg": centre + band,
        "abductor_force_bw": forces[:, weakened].sum(axis=1) / weight,
        "abductor_activation": group_activation,
        "hip_contact_force_bw": np.linalg.norm(contact, axis=1) / weight,
        "itb_strain_pct": 100.0 * itb_strain,
        "body_weight_lever_arm_cm": 100.0 * (hip_w[:, 0] - com[:, 0]),
        "abductor_moment_arm_cm": 100.0 * arm,
        "swing_hip_abduction_deg": np.degrees(posed.swing_abduction),
        "hip_flexion_deg": np.degrees(hip_flex),
    }
    overlay = {
        "asis_stance": asis_s,
        "asis_swing": asis_w,
        "hip_center": hip_w,
        "knee_center": posed.knee,
        "ankle_center": posed.ankle,
        "center_of_mass": com,
        "body_weight": body,
        "body_weight_lever_end": lever_point,
        "abductor_origin": origin_w,
        "abductor_insertion": insertion_w,
        "abductor_force": on_femur,
        "abductor_application": application,
        "abductor_lever_end": lever_end,
        "other_force": others_on_femur,
        "hip_contact_force": contact,
        "itb_proximal": posed.apply("pelvis", p["crest_r"]),
        "itb_trochanter": posed.apply("femur_r", tissue_point(model, 1) + p["hip_r"]),
        "itb_distal": posed.apply("tibia_r", p["gerdy_r"]),
    }
    return quantities, overlay, forces, activation


def tissue_point(model: HipModel, index: int) -> FloatArray:
    """A point of the iliotibial band's path, relative to the hip centre (neutral pose)."""
    out: FloatArray = model.tissue.paths.points[0, index]
    return out

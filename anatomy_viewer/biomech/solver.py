"""The solver: inputs -> posture, muscle forces, poses, quantities (pure numpy).

Everything is computed for a right stance leg and mirrored for the left, so the two
sides are exact mirror images. All frames of a call are solved at once (vectorised).

Per frame: the task prescribes the sagittal posture; the swing leg rises as far as its
muscles hold it (the ``abduction`` task); the trunk leans if the ``trunk_lean``
compensation is chosen; the muscles share the stance hip's moments by static
optimisation with the pelvis level, and where they cannot hold it level the pelvis drops
until passive tissue makes up the difference (:mod:`anatomy_viewer.biomech.posture`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np

from anatomy_viewer.anatomy.catalogue import SEGMENTS
from anatomy_viewer.biomech import gait, ratings, tasks
from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.frame import BiomechFrame, MuscleOutput, Overlay, stack_poses
from anatomy_viewer.biomech.geometry import BoolArray, FloatArray, IntArray, mirror_transform
from anatomy_viewer.biomech.kinematics import Stance, on_treadmill, pose_stance_leg
from anatomy_viewer.biomech.muscle_table import WEAKENED_MUSCLES
from anatomy_viewer.biomech.outputs import frame_outputs
from anatomy_viewer.biomech.posture import (
    hip_model,
    solve_drop,
    solve_lean,
    solve_swing_abduction,
    stance_state,
)
from anatomy_viewer.biomech.subject import Subject
from anatomy_viewer.vocabulary import COMPENSATIONS, SIDES, TASKS, WEAKEN

Arrays = dict[str, FloatArray]

#: Largest equation residual (N m) accepted from the load sharing with the pelvis level.
LEVEL_TOLERANCE: Final = 1e-6
#: Why a frame cannot be solved.
CANNOT_HOLD, FOOT_DOWN = 1, 2


def _problem_message(code: int, task: str, strength: float, drop_deg: float) -> str:
    """A plain message for an unsolvable frame."""
    from anatomy_viewer.biomech.posture import MAX_DROP_DEG

    at = f"at {100.0 * strength:g} % strength"
    if code == CANNOT_HOLD:
        return (
            f"{at} the hip cannot hold this {task}: even with the pelvis dropped "
            f"{MAX_DROP_DEG:g} degrees its muscles and ligaments cannot balance the body; "
            "try more strength or the trunk-lean compensation"
        )
    return (
        f"{at} the pelvis would drop {drop_deg:.0f} degrees and the lifted foot would "
        f"touch the floor: this {task} cannot be done on one leg; try more strength or the "
        "trunk-lean compensation"
    )


def _check(
    subject: object, task: object, side: object, compensation: object, weaken: object
) -> None:
    if not isinstance(subject, Subject):
        raise ModelInputError(f"subject must be a Subject, got {type(subject).__name__}")
    if task not in TASKS:
        raise ModelInputError(f"task must be one of {', '.join(TASKS)}, got {task!r}")
    if side not in SIDES:
        raise ModelInputError(f"side must be one of {', '.join(SIDES)}, got {side!r}")
    if compensation not in COMPENSATIONS:
        raise ModelInputError(
            f"compensation must be one of {', '.join(COMPENSATIONS)}, got {compensation!r}"
        )
    if weaken not in WEAKEN:
        raise ModelInputError(f"weaken must be one of {', '.join(WEAKEN)}, got {weaken!r}")


def _as_array(name: str, value: object, hint: str) -> FloatArray:
    if isinstance(value, (bool, np.bool_, str)):
        raise ModelInputError(f"{name} must be a number from 0 to 1{hint}, got {value!r}")
    try:
        arr = np.atleast_1d(np.asarray(value, dtype=np.float64))
    except (TypeError, ValueError):
        raise ModelInputError(f"{name} must be a number from 0 to 1{hint}, got {value!r}") from None
    if arr.ndim != 1 or arr.size == 0:
        raise ModelInputError(f"{name} must be a number or a 1-D sequence, got shape {arr.shape}")
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
    if np.any(bad):
        raise ModelInputError(
            f"{name} must be from 0 to 1{hint}, got {float(arr[np.argmax(bad)])!r}"
        )
    return arr


def _right_stance(
    subject: Subject,
    task: str,
    strength: FloatArray,
    phase: FloatArray,
    compensation: str,
    weaken: str,
) -> tuple[Arrays, Arrays, Arrays, FloatArray, FloatArray, FloatArray]:
    """Poses, quantities, overlay, muscle forces, activations and capacities (right leg)."""
    model = hip_model(subject)
    ids = model.musculature.ids
    weakened = np.array([m in WEAKENED_MUSCLES[weaken] for m in ids])
    scale = np.where(weakened[None, :], strength[:, None], 1.0)
    prof = tasks.profile(task, phase)
    n = phase.shape[0]
    swing = solve_swing_abduction(model, prof, scale) if task == "abduction" else np.zeros(n)
    stance = Stance.build(subject, prof, swing)
    zero = np.zeros(n)
    lean = solve_lean(model, stance, scale, zero) if compensation == "trunk_lean" else zero
    # Load sharing with the pelvis level; where it cannot balance, the pelvis drops.
    state = stance_state(model, stance, zero, lean, scale)
    activation, residual = state.equilibrium.least_effort()
    size = np.max(np.abs(state.equilibrium.moments), axis=(1, 2))
    dropping = np.nonzero(residual > LEVEL_TOLERANCE * np.maximum(size, 1.0))[0]
    drop = zero.copy()
    problem = np.zeros(n, dtype=np.int64)
    if dropping.size:
        drop[dropping], held, never = solve_drop(model, stance, scale, lean, dropping)
        state = stance_state(model, stance, drop, lean, scale)
        # The same criterion as with the pelvis level: least effort at the posture found.
        # (The largest-abduction activations of the search are one vertex of a linear
        # programme; near the root the least-effort answer is unique and continuous.)
        effort, left = state.equilibrium.least_effort()
        size = np.max(np.abs(state.equilibrium.moments), axis=(1, 2))
        holds = left[dropping] <= LEVEL_TOLERANCE * np.maximum(size[dropping], 1.0)
        activation[dropping] = np.where(holds[:, None], effort[dropping], held)
        problem[dropping[never]] = CANNOT_HOLD
    # A muscle with no strength left gives all it has (nothing) once the pelvis has given
    # way, and rests otherwise: the limit of its activation as its strength goes to 0.
    empty = state.equilibrium.capacity <= 0.0
    activation = np.where(
        empty, np.where((drop > 0.0)[:, None] & weakened[None, :], 1.0, 0.0), activation
    )
    posed = pose_stance_leg(stance, drop, lean)
    p = subject.points
    if task in gait.GAIT_TASKS:
        # The other foot meets the floor twice a cycle by design; the body is shown on
        # a treadmill.
        posed = on_treadmill(subject, task, phase, posed)
    else:
        foot = np.minimum(
            posed.apply("foot_l", p["heel_l"])[:, 2], posed.apply("foot_l", p["toe_l"])[:, 2]
        )
        problem[(problem == 0) & (foot < 0.0) & (prof.load > 0.0)] = FOOT_DOWN
    quantities, overlay, forces, activation = frame_outputs(
        model, prof, state, posed, activation, weakened
    )
    quantities["problem"] = problem.astype(np.float64)
    return posed.transforms, quantities, overlay, forces, activation, state.equilibrium.capacity


def hold_reserve(
    subject: Subject,
    task: str,
    strength: float,
    phase: float,
    drops_deg: Sequence[float] | FloatArray,
    compensation: str = "none",
    weaken: str = "gluteus_medius",
) -> FloatArray:
    """How much abduction moment (N m) the stance hip has to spare at given pelvic drops.

    The posture rule's own measure (:meth:`HipEquilibrium.abduction_reserve`) for one
    setting, with the pelvis dropped by each of ``drops_deg`` (a right stance; the left
    is its mirror). Negative: the muscles and passive tissue cannot hold that posture.
    The model's drop is the smallest drop where it is not negative; a student (or a test)
    can see from it whether a jump of the drop is a fold of the equilibrium.
    """
    _check(subject, task, "right", compensation, weaken)
    s = _as_array("strength", strength, " (a fraction; divide percent by 100)")
    ph = _as_array("phase", phase, "")
    local, other = _stance_phase(task, ph)
    ph, s = local, np.where(other, 1.0, s)
    drops = np.radians(np.atleast_1d(np.asarray(drops_deg, dtype=np.float64)))
    n = drops.shape[0]
    model = hip_model(subject)
    weakened = np.array([m in WEAKENED_MUSCLES[weaken] for m in model.musculature.ids])
    scale = np.where(weakened, float(s[0]), 1.0)
    prof = tasks.profile(task, np.full(n, float(ph[0])))
    swing = solve_swing_abduction(model, prof, scale) if task == "abduction" else np.zeros(n)
    stance = Stance.build(subject, prof, swing)
    zero = np.zeros(n)
    lean = solve_lean(model, stance, scale, zero) if compensation == "trunk_lean" else zero
    reserve, _, _ = stance_state(model, stance, drops, lean, scale).equilibrium.abduction_reserve()
    return reserve


def _stance_phase(task: str, phase: FloatArray) -> tuple[FloatArray, BoolArray]:
    """The stance leg's own phase, and where it is the other side's leg (gait only).

    In walking and running the two legs take turns: the second half of the cycle is the
    mirror image of the first, with the other leg (at full strength) on the floor.
    """
    if task in gait.GAIT_TASKS:
        return gait.chain_phase(task, phase)
    return phase, np.zeros(phase.shape, dtype=bool)


def _mirror_rows(poses: Arrays, overlay: Arrays, rows: BoolArray) -> tuple[Arrays, Arrays]:
    """Mirror the frames ``rows`` onto the other side (left and right swap)."""
    if not np.any(rows):
        return poses, overlay
    swap = {"_r": "_l", "_l": "_r"}
    out = {}
    for name, t in poses.items():
        twin = name[:-2] + swap[name[-2:]] if name[-2:] in swap else name
        mirrored = t.copy()
        mirrored[rows] = mirror_transform(poses[twin][rows])
        out[name] = mirrored
    flip = np.array([-1.0, 1.0, 1.0])
    flipped = {k: np.where(rows[:, None], v * flip, v) for k, v in overlay.items()}
    return out, flipped


def _distinct(task: str, strength: FloatArray, phase: FloatArray) -> tuple[IntArray, IntArray]:
    """Frames whose task kinematics and strength are equal are solved once.

    Returns the indices of one frame per distinct setting and, for every frame, which of
    those it equals (a held stance and the two halves of a squat repeat themselves).
    """
    prof = tasks.profile(task, phase)
    key = np.column_stack([strength, *(getattr(prof, k) for k in prof.__dataclass_fields__)])
    _, first, inverse = np.unique(np.round(key, 12), axis=0, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _solve_arrays(
    subject: Subject,
    task: str,
    side: str,
    strength: FloatArray,
    phase: FloatArray,
    compensation: str,
    weaken: str,
    *,
    strict: bool = True,
) -> tuple[Arrays, Arrays, Arrays, FloatArray, FloatArray, FloatArray, BoolArray]:
    """Arrays of every frame; ``strict``: raise for any frame the model cannot solve.

    The quantities carry ``problem`` (0: solved, else :data:`CANNOT_HOLD` or
    :data:`FOOT_DOWN`). The last array says which frames stand on the left leg.
    """
    local, other = _stance_phase(task, phase)
    # Walking and running: only the chosen side is weakened; the other leg is normal.
    used = np.where(other, 1.0, strength)
    first, inverse = _distinct(task, used, local)
    solved = _right_stance(subject, task, used[first], local[first], compensation, weaken)
    poses, quantities, overlay = ({k: v[inverse] for k, v in part.items()} for part in solved[:3])
    forces, activation, capacity = (part[inverse] for part in solved[3:])
    left = other ^ (side == "left")
    poses, overlay = _mirror_rows(poses, overlay, left)
    problem = quantities.pop("problem").astype(np.int64)
    if strict and np.any(problem):
        i = int(np.argmax(problem > 0))
        raise ModelInputError(
            _problem_message(
                int(problem[i]), task, float(strength[i]), float(quantities["pelvic_drop_deg"][i])
            )
        )
    ok = problem == 0
    for key, value in quantities.items():
        if not np.all(np.isfinite(value[ok])):
            raise ModelInputError(
                f"the model could not compute {key} for these inputs (task {task}, "
                f"{side} side, strength {100 * float(strength[0]):g} %)"
            )
    quantities["problem"] = problem.astype(np.float64)
    return (
        {s: poses[s] for s in SEGMENTS},
        quantities,
        overlay,
        forces,
        activation,
        capacity,
        left,
    )


def _frames(
    subject: Subject,
    task: str,
    side: str,
    compensation: str,
    weaken: str,
    strength: FloatArray,
    phase: FloatArray,
    *,
    strict: bool = True,
) -> list[BiomechFrame | ModelInputError]:
    poses, quantities, overlay, forces, activation, capacity, left = _solve_arrays(
        subject, task, side, strength, phase, compensation, weaken, strict=strict
    )
    problem = quantities.pop("problem").astype(np.int64)
    model = hip_model(subject)
    # The muscles of the leg on the floor (in walking and running the legs take turns).
    names = {
        suffix: ([m + suffix for m in model.musculature.ids],
                 [s + suffix for s in model.musculature.structures])
        for suffix in ("_r", "_l")
    }  # fmt: skip
    # Plain Python numbers, converted once for the whole batch.
    values = {k: v.tolist() for k, v in quantities.items()}
    rated = {q: ratings.rate_all(task, q, quantities[q]) for q in ratings.RATED}
    force_bw = (forces / subject.weight_n).tolist()
    activations = activation.tolist()
    capacities = capacity.tolist()
    overlays = {k: v for k, v in overlay.items()}
    out: list[BiomechFrame | ModelInputError] = []
    for i in range(phase.shape[0]):
        ids, structures = names["_l" if left[i] else "_r"]
        if problem[i]:
            message = _problem_message(
                int(problem[i]), task, float(strength[i]), float(values["pelvic_drop_deg"][i])
            )
            out.append(ModelInputError(message))
            continue
        out.append(
            BiomechFrame(
                task=task,
                side=side,
                strength=float(strength[i]),
                phase=float(phase[i]),
                compensation=compensation,
                weaken=weaken,
                poses=stack_poses(poses, i),
                quantities={k: v[i] for k, v in values.items()},
                ratings={q: r[i] for q, r in rated.items()},
                muscles={
                    muscle_id: MuscleOutput(force, act, structure)
                    for muscle_id, force, act, structure in zip(
                        ids, force_bw[i], activations[i], structures, strict=True
                    )
                },
                overlay=Overlay(**{k: v[i] for k, v in overlays.items()}),
                capacity=dict(zip(ids, capacities[i], strict=True)),
            )
        )
    return out


def solve(
    subject: Subject,
    task: str = "stance",
    side: str = "right",
    strength: float = 1.0,
    phase: float = 0.5,
    compensation: str = "none",
    weaken: str = "gluteus_medius",
) -> BiomechFrame:
    """Solve one frame.

    Parameters
    ----------
    subject
        The person (:meth:`Subject.default` or :meth:`Subject.from_landmarks`).
    task
        ``"stance"``, ``"squat"``, ``"abduction"``, ``"walk"`` or ``"run"``.
    side
        Stance side, ``"right"`` or ``"left"``. In ``walk`` and ``run``: the leg whose
        heel strikes at phase 0 and whose muscles ``strength`` weakens (the other leg
        is at full strength and carries the second half of the cycle).
    strength
        Strength of the weakened muscle as a **fraction** of normal, 0..1 (the UI and
        the command line speak percent and divide by 100).
    phase
        Phase of the movement, 0..1 (0.5: deepest point of the squat; walking and
        running: 0 is the heel strike of ``side``).
    compensation
        ``"none"`` or ``"trunk_lean"``.
    weaken
        ``"gluteus_medius"`` (its three parts) or ``"abductors"`` (gluteus medius,
        gluteus minimus and tensor fasciae latae).

    Raises
    ------
    ModelInputError
        For any input out of range, and for a state the model cannot solve.
    """
    return solve_cycle(subject, task, side, strength, [phase], compensation, weaken)[0]


def solve_cycle(
    subject: Subject,
    task: str,
    side: str,
    strength: float,
    phases: Sequence[float] | FloatArray,
    compensation: str = "none",
    weaken: str = "gluteus_medius",
) -> list[BiomechFrame]:
    """Solve many phases at once (vectorised): a whole animation cycle in one call."""
    _check(subject, task, side, compensation, weaken)
    s = _as_array("strength", strength, " (a fraction; divide percent by 100)")
    if s.size != 1:
        raise ModelInputError("strength must be a single number in solve_cycle")
    ph = _as_array("phase", phases, "")
    st = np.full(ph.shape, float(s[0]))
    frames = _frames(subject, task, side, compensation, weaken, st, ph)
    return [f for f in frames if isinstance(f, BiomechFrame)]


def sweep_strength(
    subject: Subject,
    task: str = "stance",
    side: str = "right",
    phase: float = 0.5,
    compensation: str = "none",
    strengths: Sequence[float] | FloatArray | None = None,
    *,
    weaken: str = "gluteus_medius",
    strict: bool = True,
) -> dict[str, FloatArray]:
    """Quantities against strength, for the chart of pelvic drop and FPPA.

    ``strengths`` are fractions 0..1 (default: 0 to 1 in steps of 0.01). Returns
    ``{"strength": ..., "strength_pct": ..., "solved": ..., <each quantity>: ...}`` as
    1-D arrays. With ``strict`` a strength the model cannot solve raises
    :class:`ModelInputError`; without it, ``solved`` is False there and that row's
    quantities are NaN (no number is made up for it).
    """
    _check(subject, task, side, compensation, weaken)
    grid = np.linspace(0.0, 1.0, 101) if strengths is None else strengths
    s = _as_array("strength", grid, " (fractions; divide percent by 100)")
    ph = _as_array("phase", phase, "")
    if ph.size != 1:
        raise ModelInputError("phase must be a single number in sweep_strength")
    _, quantities, _, _, _, _, _ = _solve_arrays(
        subject, task, side, s, np.full(s.shape, float(ph[0])), compensation, weaken, strict=strict
    )
    solved = quantities.pop("problem") == 0.0
    quantities = {k: np.where(solved, v, np.nan) for k, v in quantities.items()}
    return {"strength": s, "strength_pct": 100.0 * s, "solved": solved, **quantities}


def sweep(
    subject: Subject,
    task: str,
    side: str,
    strengths: Sequence[float] | FloatArray,
    phases: Sequence[float] | FloatArray,
    compensation: str = "none",
    weaken: str = "gluteus_medius",
) -> list[BiomechFrame | ModelInputError]:
    """Frames for paired strengths and phases (equal lengths): the ``--sweep`` rows.

    A setting the model cannot solve gives its :class:`ModelInputError` in place of a
    frame (the rest are still solved).
    """
    _check(subject, task, side, compensation, weaken)
    s = _as_array("strength", strengths, " (fractions; divide percent by 100)")
    ph = _as_array("phase", phases, "")
    if s.shape != ph.shape:
        raise ModelInputError("strengths and phases must be as many")
    return _frames(subject, task, side, compensation, weaken, s, ph, strict=False)


__all__ = ["hold_reserve", "solve", "solve_cycle", "sweep", "sweep_strength"]

"""Property-based checks over random valid inputs (hypothesis)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from anatomy_viewer.biomech import ModelInputError, Subject, solve, sweep_strength
from anatomy_viewer.vocabulary import COMPENSATIONS, SIDES, TASKS, WEAKEN

SUBJECTS = {
    (h, m, sex): Subject.default(height_m=h, mass_kg=m, sex=sex)
    for h in (1.5, 1.75, 2.0)
    for m in (45.0, 75.0, 130.0)
    for sex in ("female", "male")
}

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
inputs = st.fixed_dictionaries(
    {
        "subject": st.sampled_from(sorted(SUBJECTS)),
        "task": st.sampled_from(TASKS),
        "side": st.sampled_from(SIDES),
        "strength": unit,
        "phase": unit,
        "compensation": st.sampled_from(COMPENSATIONS),
        "weaken": st.sampled_from(WEAKEN),
    }
)


@settings(max_examples=120, deadline=None)
@given(inputs)
def test_valid_inputs_give_finite_rigid_results_or_a_plain_error(args: dict) -> None:
    subject = SUBJECTS[args.pop("subject")]
    try:
        f = solve(subject, **args)
    except ModelInputError as error:
        # The only valid inputs the model refuses: too weak to do the task on one leg, or
        # to hold a running stance quasi-statically (docs/biomechanics.md, "Walking and
        # running").
        assert "on one leg" in str(error) or "cannot hold" in str(error)
        if args["task"] == "run":
            assert args["strength"] < 0.9
        else:
            assert args["weaken"] == "abductors" and args["strength"] < 0.2
        return
    for value in f.quantities.values():
        assert math.isfinite(value)
    assert 0.0 <= f.quantities["abductor_activation"] <= 1.0
    for muscle in f.muscles.values():
        assert 0.0 <= muscle.activation <= 1.0
        assert muscle.force_bw >= 0.0 and math.isfinite(muscle.force_bw)
    for t in f.poses.values():
        assert np.all(np.isfinite(t))
        r = t[:3, :3]
        np.testing.assert_allclose(r @ r.T, np.eye(3), atol=1e-9)
        assert abs(np.linalg.det(r) - 1.0) < 1e-9
    for v in f.overlay.as_dict().values():
        assert all(math.isfinite(x) for x in v)


@settings(max_examples=50, deadline=None)
@given(inputs, unit, unit)
def test_weaker_never_less_drop(args: dict, a: float, b: float) -> None:
    subject = SUBJECTS[args["subject"]]
    lo, hi = sorted((a, b))
    sweep = sweep_strength(
        subject,
        args["task"],
        args["side"],
        args["phase"],
        args["compensation"],
        [lo, hi],
        weaken=args["weaken"],
        strict=False,
    )
    if not np.all(sweep["solved"]):
        return
    lifted = sweep["swing_hip_abduction_deg"]
    if lifted[0] < lifted[1] - 1e-6:
        # Only in the abduction task, whose lifted leg's own muscles are weakened too: the
        # weaker leg rises less, so the standing hip has less to hold and the pelvis may
        # drop less (see the test below).
        assert args["task"] == "abduction"
    else:
        assert sweep["pelvic_drop_deg"][0] >= sweep["pelvic_drop_deg"][1] - 1e-6


def test_a_leg_too_weak_to_rise_asks_less_of_the_standing_hip() -> None:
    """Lifting the other leg out to the side with the whole abductor group at 0 and 2 %:
    at 0 % the lifted leg's own abductors raise it only part way, so the standing hip holds
    a lighter load and the pelvis drops less than at 2 %, where the leg reaches its 35 deg
    (a regression of the model's behaviour; hypothesis found it)."""
    subject = SUBJECTS[(1.75, 45.0, "male")]
    sweep = sweep_strength(
        subject, "abduction", "right", 0.5, "none", [0.0, 0.02], weaken="abductors"
    )
    lifted, drop = sweep["swing_hip_abduction_deg"], sweep["pelvic_drop_deg"]
    assert lifted[0] < 20.0 and abs(lifted[1] - 35.0) < 1e-9
    assert drop[0] < drop[1]


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(st.floats(), st.integers(), st.text(max_size=3), st.none(), st.booleans()),
    st.one_of(st.floats(), st.integers(), st.text(max_size=3)),
    st.sampled_from(TASKS),
    st.sampled_from(WEAKEN),
)
def test_any_strength_or_phase_raises_only_model_input_error(
    strength: object, phase: object, task: str, weaken: str
) -> None:
    # The task is a valid one, so the inputs reach the model's arithmetic.
    subject = SUBJECTS[(1.75, 75.0, "male")]
    try:
        f = solve(subject, task, "right", strength, phase, "none", weaken)  # type: ignore[arg-type]
    except ModelInputError:
        return
    assert all(math.isfinite(v) for v in f.quantities.values())


@settings(max_examples=30, deadline=None)
@given(inputs)
def test_stance_starts_and_ends_in_the_neutral_pose(args: dict) -> None:
    subject = SUBJECTS[args["subject"]]
    for phase in (0.0, 1.0):
        f = solve(
            subject,
            "stance",
            args["side"],
            args["strength"],
            phase,
            args["compensation"],
            args["weaken"],
        )
        for t in f.poses.values():
            np.testing.assert_allclose(t, np.eye(4), atol=1e-9)


def test_nothing_in_the_model_masks_nan_or_infinity() -> None:
    package = Path(__file__).resolve().parents[2] / "anatomy_viewer" / "biomech"
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "nan_to_num" not in text, path
        assert "errstate(all" not in text, path

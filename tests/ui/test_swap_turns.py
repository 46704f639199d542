"""A patient's anatomy swapped in with compare mode on: no turn of the event loop does much.

The swap's turns are timed with an injected clock that only the counted work moves:
reading a surface, drawing a view and placing a view's labels each cost a fixed time
here, so what is asserted is the swap's plan (what each turn does), not this machine's
speed. The real figures are in docs/performance.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.scene.prepared_anatomy import PreparedAnatomy
from anatomy_viewer.ui import anatomy_swap
from anatomy_viewer.ui.anatomy_swap import TURN_BUDGET_S, QtAnatomySwap
from anatomy_viewer.ui.main_window import QtMainWindow
from tests.patient_sets import write_scaled_set

#: What the counted work costs on the injected clock (s): about a loaded software
#: renderer's (docs/performance.md), the frame of one view well under 100 ms.
FRAME_S = 0.06
LABELS_S = 0.05


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def patient_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_scaled_set(tmp_path_factory.mktemp("patient") / "set", 1.60)


@pytest.mark.parametrize("surface_s", [0.015, 0.045])
def test_in_compare_mode_no_turn_draws_both_views_or_reads_past_its_budget(
    qtbot: QtBot,
    window: QtMainWindow,
    patient_set: Path,
    monkeypatch: pytest.MonkeyPatch,
    surface_s: float,
) -> None:
    assert window.simulation is not None
    window.open_lesson(lessons_dir() / "05-check-yourself", step=3)  # compare, with labels
    window.flight.stop(jump_to_end=True)
    twin = window.twin_scene
    assert window.simulation.settings.compare and twin is not None and window.scene is not None
    assert window.scene.label_requests and window.twin_plotter is not None

    clock = _Clock()
    swapper = QtAnatomySwap(window, clock)
    window.anatomy_swap = swapper
    work: dict[int, list[str]] = defaultdict(list)

    def counted(what: str, cost: float, real: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            work[len(swapper.turns)].append(what)
            clock.now += cost
            return real(*args, **kwargs)

        return run

    def read(manifest: Any, level: Any, entries: Any) -> Any:
        clock.now += surface_s * len(entries)
        work[len(swapper.turns)].append("read")
        return real_read(manifest, level, entries)

    real_read = anatomy_swap.read_parts
    monkeypatch.setattr(anatomy_swap, "read_parts", read)
    for name, view, scene in (
        ("main", window.plotter, window.scene),
        ("twin", window.twin_plotter, twin),
    ):
        monkeypatch.setattr(view, "render", counted(f"draw {name}", FRAME_S, view.render))
        monkeypatch.setattr(
            scene, "place_labels", counted(f"labels {name}", LABELS_S, scene.place_labels)
        )
    copies: list[int] = []
    real_copy = PreparedAnatomy.copy
    monkeypatch.setattr(PreparedAnatomy, "copy", lambda self: copies.append(1) or real_copy(self))

    window.use_patient(patient_set, 58.0)
    qtbot.waitUntil(lambda: bool(swapper.stalls), timeout=60000)

    assert window.twin_scene is twin
    assert twin.manifest.subject.height_m == pytest.approx(1.60)
    assert window.scene.label_ids and twin.label_ids  # placed on the new body
    # The twin's surfaces were copied as they were read, not all at once in one turn.
    assert copies == []
    # Each view was drawn, and labelled, in turns of its own.
    for index, done in work.items():
        views = {w.split()[1] for w in done if not w.startswith("read")}
        assert len(views) <= 1 and len(done) - done.count("read") <= 1, (index, done)
    drawn = [w for done in work.values() for w in done if w.startswith("draw")]
    assert drawn.count("draw main") >= 2 and drawn.count("draw twin") >= 2
    # Reading stops for the turn once the next surface would pass the budget.
    reads = [t for name, t in swapper.turns if name == "read_parts"]
    assert max(reads) <= max(TURN_BUDGET_S, surface_s) + 1e-9
    assert sum(work[i].count("read") for i in work) == len(twin.manifest.structures)
    # The longest turn is one view's frame: under 100 ms where a frame is.
    assert swapper.stalls[-1] == pytest.approx(max(FRAME_S, LABELS_S, max(reads)))
    assert swapper.stalls[-1] < 0.1

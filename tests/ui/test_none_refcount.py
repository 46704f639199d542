"""Qt's event processing keeps Python's ``None`` alive: the reason for the PySide6 cap.

PySide6 6.12.0 releases one reference to ``None`` that it never took on every
``processEvents()`` call. Under Python 3.11, where ``None`` is an ordinary reference-counted
object, its count reaches zero after a few thousand events and the interpreter aborts
("Fatal Python error: none_dealloc: deallocating None"). Python 3.12 made ``None``
immortal (PEP 683), so the lost references do no harm there, and ``pyproject.toml`` caps
PySide6 below 6.12 for Python 3.11 only. This test fails on the PySide6 that has the bug.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

CALLS = 2_000


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 on (PEP 683): it has no count to lose",
)
def test_processing_events_does_not_lose_references_to_none(qapp: QApplication) -> None:
    ticks: list[int] = []
    timer = QTimer()  # a Python slot called from the event loop, as the app's timers are
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    QCoreApplication.processEvents()  # warm-up: caches, first dispatch
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        QCoreApplication.processEvents()
    lost = before - sys.getrefcount(None)
    timer.stop()
    assert ticks, "the timer never fired: the loop above processed no Python slot"
    # Unrelated objects come and go; the bug loses one reference per call.
    assert lost < CALLS // 4, f"{lost} references to None lost in {CALLS} processEvents() calls"

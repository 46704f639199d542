"""Runs the simulation on screen: one timer that only advances time.

Playback follows the wall clock, so a slow machine shows the movement at its true speed
by skipping frames rather than slowing down. While it plays, the 3D view (with its angle
labels) changes every frame, and the readouts and the phase slider under it follow at
:data:`PLAYBACK_NUMBERS_INTERVAL_S`.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.biomech.frame import BiomechFrame
from anatomy_viewer.biomech.gait import GAIT_TASKS
from anatomy_viewer.biomech.solver import sweep, sweep_strength
from anatomy_viewer.logic.frames import show_frame
from anatomy_viewer.logic.simulation import (
    TELLING_PHASE,
    Simulation,
    SimulationSettings,
    cycle_seconds,
    phase_at,
)
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.ui.readouts import QtReadouts
from anatomy_viewer.ui.simulation_panel import QtSimulationPanel
from anatomy_viewer.ui.strength_chart import QtStrengthChart
from anatomy_viewer.vocabulary import EXERCISES

#: Timer interval: about 60 updates a second at most; the renderer sets the real pace.
FRAME_INTERVAL_MS = 16
#: While playing, the readouts and the phase slider change at most this often (20 times a
#: second). Digits that change faster cannot be read, and every change repaints part of
#: the window around the 3D view, about 1 ms a time on a software renderer
#: (docs/performance.md). Paused, scrubbed or stopped, they show every frame at once.
PLAYBACK_NUMBERS_INTERVAL_S = 0.05
#: Strengths at which the chart's curves are sampled.
CHART_STRENGTHS = np.linspace(0.0, 100.0, 41)
#: Walking and running: phases at which the chart's curves over the cycle are sampled.
CYCLE_CHART_PHASES = np.linspace(0.0, 1.0, 97)

#: What the chart's curves depend on: task, side, compensation and the weakened muscles.
ChartKey = tuple[str, str, str, str]
Curves = dict[str, np.ndarray]
#: Charts kept for settings shown before (a lesson goes back and forth between a few):
#: a chart is a pure function of the model and its key, and costs a strength sweep
#: (41 solves) or a cycle sweep to work out again. A dozen are a few hundred kilobytes.
KEPT_CHARTS = 12


def chart_key(settings: SimulationSettings) -> ChartKey:
    """The settings the strength chart's curves depend on (not the strength itself)."""
    return (settings.task, settings.side, settings.compensation, settings.weaken)


def chart_curves(simulation: Simulation, settings: SimulationSettings) -> Curves:
    """The chart's curves over :data:`CHART_STRENGTHS` (no Qt: runs in any thread)."""
    phase = TELLING_PHASE[settings.task] if settings.task != "stance" else 0.5
    return sweep_strength(
        simulation.subject,
        task=settings.task,
        side=settings.side,
        phase=phase,
        compensation=settings.compensation,
        strengths=CHART_STRENGTHS / 100.0,
        weaken=settings.weaken,
        strict=False,
    )


class QtSimulationController(QObject):
    """Connects the Simulation panel, the model, the scene, the readouts and the chart.

    Parameters
    ----------
    simulation
        The model for the subject on screen.
    panel, readouts, chart
        The widgets it drives.
    render
        Called after the scene changed, to draw one frame.
    clock
        Seconds from any origin, for pacing the readouts while playing (tests pass their
        own, so that no test depends on how fast the machine is).
    """

    frame_shown = Signal(object)  # BiomechFrame
    finished = Signal()
    compare_changed = Signal(bool)

    def __init__(
        self,
        simulation: Simulation,
        panel: QtSimulationPanel,
        readouts: QtReadouts,
        chart: QtStrengthChart,
        render: object,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.simulation = simulation
        self.panel = panel
        self.readouts = readouts
        self.chart = chart
        self._render = render
        self.scene: AnatomyScene | None = None
        #: The full-strength twin shown beside the scene in compare mode.
        self.twin_scene: AnatomyScene | None = None
        self.settings = panel.settings()
        self.phase = TELLING_PHASE[self.settings.task]
        self.loops: int | None = None
        self.frame: BiomechFrame | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._start_phase = 0.0
        self._chart_key: tuple[object, ...] | None = None
        #: Charts worked out for this model, by key, the most recent last (KEPT_CHARTS).
        self._charts: OrderedDict[tuple[object, ...], Curves] = OrderedDict()
        self._numbers_shown_at = -math.inf
        #: Where the readouts' pace is measured from (see ``clock`` above).
        self.clock = clock
        #: The numbers on screen are an earlier frame's (playback writes them at 20 Hz).
        self._numbers_behind = False
        #: The patient's strength and the muscles it is for, if known (File > Patient…):
        #: compare mode captions it "Your strength" while the settings show it.
        self.patient_strength: tuple[float, str] | None = None
        panel.settings_changed.connect(self.set_settings)
        panel.play_toggled.connect(self.set_playing)
        panel.phase_scrubbed.connect(self._scrubbed)

    # -- control -------------------------------------------------------------------------

    def attach(self, scene: AnatomyScene) -> None:
        """Drive ``scene`` from now on and show the current frame."""
        self.scene = scene
        self.show_phase(self.phase)

    @property
    def playing(self) -> bool:
        """Whether the movement is playing."""
        return self._timer.isActive()

    def set_settings(self, settings: SimulationSettings, phase: float | None = None) -> None:
        """Use new settings (from the panel or a lesson) and redraw."""
        task_changed = settings.task != self.settings.task
        compare_changed = settings.compare != self.settings.compare
        self.settings = settings
        if compare_changed:
            self.compare_changed.emit(settings.compare)
        self.panel.set_settings(settings)
        if phase is not None:
            self.phase = phase
        elif task_changed and not self.playing:
            self.phase = TELLING_PHASE[settings.task]
        if self.playing:
            self._restart_clock()
        self.show_phase(self.phase)

    def set_playing(self, playing: bool, loops: int | None = None) -> None:
        """Play (from the current phase) or pause."""
        self.loops = loops
        if playing:
            if self.phase >= 1.0:
                self.phase = 0.0
            self._restart_clock()
            self._timer.start()
        else:
            self._timer.stop()
            if self._numbers_behind:
                # The frame playback stopped on, in full, in the view and under it.
                self.show_phase(self.phase)
        self.panel.set_playing(playing)

    def _restart_clock(self) -> None:
        self._start_phase = self.phase
        self._clock.start()

    def _scrubbed(self, phase: float) -> None:
        self.set_playing(False)
        self.show_phase(phase)

    def _tick(self) -> None:
        elapsed = self._clock.elapsed() / 1000.0
        offset = self._start_phase * cycle_seconds(self.settings)
        phase, ended = phase_at(self.settings, elapsed + offset, self.loops)
        if phase != self.phase or ended:  # the timer can tick before the next frame is due
            self.show_phase(phase, playing=True)
        if ended:
            self.set_playing(False)
            self.finished.emit()

    # -- drawing -------------------------------------------------------------------------

    def show_phase(self, phase: float, playing: bool = False, draw: bool = True) -> None:
        """Solve the model at ``phase`` and show it: poses, overlays, readouts, chart marker.

        ``playing`` is for the playback timer's frames: the readouts and the phase slider
        then follow at most every :data:`PLAYBACK_NUMBERS_INTERVAL_S`. A setting the model
        cannot solve leaves the last good frame on screen and says why in the panel.
        ``draw`` False poses the views without drawing them (the caller draws them).
        """
        self.phase = float(min(max(phase, 0.0), 1.0))
        now = self.clock()
        # The numbers in the view change together with the readouts: the same frame's.
        numbers = not playing or now - self._numbers_shown_at >= PLAYBACK_NUMBERS_INTERVAL_S
        try:
            frame = self._draw(numbers, draw)
        except ModelInputError as problem:
            self.panel.show_problem(str(problem))
            self._update_chart()
            return
        self.panel.show_problem(None)
        self.frame = frame
        self._numbers_behind = not numbers
        if numbers:
            self._show_numbers(now)
        self._update_chart()
        self.frame_shown.emit(frame)

    def _draw(self, numbers: bool, draw: bool = True) -> BiomechFrame:
        """Solve and show the frame at the current phase (nothing changes when it fails)."""
        if self.scene is not None:
            frame = show_frame(self.scene, self.simulation, self.settings, self.phase, numbers)
            if self.settings.compare and self.twin_scene is not None:
                normal = self.settings.with_changes(strength_pct=100.0)
                show_frame(self.twin_scene, self.simulation, normal, self.phase, numbers)
                self.scene.set_caption(self._strength_caption())
            if draw:
                self._render()  # type: ignore[operator]
            return frame
        return self.simulation.frame(self.settings, self.phase)

    def _strength_caption(self) -> str:
        """``Strength 35 %``; ``Your strength 35 %`` at the patient's own strength."""
        own, settings = self.patient_strength, self.settings
        yours = (
            own is not None
            and own[1] == settings.weaken
            and abs(own[0] - settings.strength_pct) < 0.05
        )
        return f"{'Your strength' if yours else 'Strength'} {settings.strength_pct:.0f} %"

    def _show_numbers(self, now: float | None = None) -> None:
        """Bring the phase slider and the readouts to the frame on screen."""
        self._numbers_shown_at = self.clock() if now is None else now
        self.panel.set_phase(self.phase)
        if self.frame is not None:
            self.readouts.show_quantities(
                self.frame.quantities, self.frame.ratings, self.settings.weaken
            )

    def _update_chart(self) -> None:
        if self.settings.task in EXERCISES:
            # The chart's curves are the standing movements' drop and knee angle, which
            # the exercises (held poses, most lying down) do not have.
            if self._chart_key != ("exercise",):
                self._chart_key = ("exercise",)
                empty = np.zeros(0)
                self.chart.set_curves(empty, empty, empty, empty, empty)
                self.chart.set_axis_title("No curves for an exercise: see the Exercises tab")
            return
        if self.settings.task in GAIT_TASKS:
            self._update_cycle_chart()
            return
        key = chart_key(self.settings)
        if key != self._chart_key:
            self._chart_key = key
            curves = self._chart(key, lambda: chart_curves(self.simulation, self.settings))
            # Strengths the model cannot solve are left out of the curves.
            solved = curves["solved"]
            self.chart.set_curves(
                CHART_STRENGTHS[solved],
                curves["pelvic_drop_deg"][solved],
                curves["knee_fppa_deg"][solved],
                curves["knee_fppa_low_deg"][solved],
                curves["knee_fppa_high_deg"][solved],
            )
            weakened = "Gluteus medius" if self.settings.weaken == "gluteus_medius" else "Abductor"
            self.chart.set_axis_title(f"{weakened} strength (%)")
        self.chart.set_marker(self.settings.strength_pct)

    def _chart(self, key: tuple[object, ...], work_out: Callable[[], Curves]) -> Curves:
        """The chart for ``key``: kept from before, or worked out now and kept."""
        curves = self._charts.pop(key, None)
        if curves is None:
            curves = work_out()
        self._charts[key] = curves
        while len(self._charts) > KEPT_CHARTS:
            self._charts.popitem(last=False)
        return curves

    def _update_cycle_chart(self) -> None:
        """Walking and running: drop and knee angle over the cycle at the chosen strength."""
        s = self.settings
        key = (s.task, s.side, s.compensation, s.weaken, s.strength_pct)
        if key != self._chart_key:
            self._chart_key = key
            curves = self._chart(key, self._cycle_curves)
            self.chart.set_curves(
                curves["phase_pct"],
                *(
                    curves[k]
                    for k in ("pelvic_drop_deg", "knee_fppa_deg", "knee_fppa_low_deg",
                              "knee_fppa_high_deg")
                ),
            )  # fmt: skip
            self.chart.set_axis_title(f"Gait cycle (%) from the {s.side} heel strike")
        self.chart.set_marker(100.0 * self.phase)

    def _cycle_curves(self) -> Curves:
        """Drop and knee angles over :data:`CYCLE_CHART_PHASES` at the settings' strength."""
        s = self.settings
        rows = sweep(
            self.simulation.subject,
            s.task,
            s.side,
            np.full(CYCLE_CHART_PHASES.size, s.strength_pct / 100.0),
            CYCLE_CHART_PHASES,
            s.compensation,
            s.weaken,
        )
        # Phases the model cannot solve are left out of the curves.
        solved = [row for row in rows if isinstance(row, BiomechFrame)]
        curves = {"phase_pct": np.array([100.0 * row.phase for row in solved])}
        for name in ("pelvic_drop_deg", "knee_fppa_deg", "knee_fppa_low_deg", "knee_fppa_high_deg"):
            curves[name] = np.array([row.quantities[name] for row in solved])
        return curves

    def replace(
        self,
        simulation: Simulation,
        scene: AnatomyScene | None,
        twin_scene: AnatomyScene | None = None,
        curves: tuple[ChartKey, Curves] | None = None,
        draw: bool = True,
    ) -> None:
        """Drive a new patient's model and anatomy, with the same settings, phase and playback.

        ``curves`` are the chart's curves for the new model and the settings of the moment
        they were worked out (off the event loop, by :func:`chart_curves`); if the settings
        have moved on since, the chart is worked out again here. ``draw`` False leaves the
        frame to the next :meth:`show_phase`.
        """
        self.simulation = simulation
        self.scene = scene
        self.twin_scene = twin_scene
        self._chart_key = None
        self._charts.clear()  # the old model's
        if curves is not None:
            self._charts[curves[0]] = curves[1]
        if draw:
            self.show_phase(self.phase)

    def close(self) -> None:
        """Stop playback and let go of the scene."""
        self._timer.stop()
        self.scene = None
        self.twin_scene = None

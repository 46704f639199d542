"""A new patient's anatomy in the open window, without a restart.

Once File > Patient… has the patient's anatomy set (generated, or found in the cache), the
window shows it at once. The model's work happens in a thread: building the model of the
patient's body from the set's landmarks and mass, solving its frame and working out the
strength chart's curves for it (pure numpy). The surfaces are read with VTK, which must
stay on the thread that draws (VTK objects made and freed on two threads at once crashed
the app), so the event loop reads them (:func:`~anatomy_viewer.scene.prepared_anatomy.read_parts`),
as many a turn as fit :data:`TURN_BUDGET_S` at the cost measured so far, each copied for
compare mode's twin as it is read. Then one turn hands the prepared surfaces to the actors
in the 3D view and poses them, the next does the same for the twin, one poses both and
brings the readouts along, and each view is drawn in a turn of its own; the labels are
placed on the new body in the turns after, one view a turn (placing a view's labels draws
a picture of it), each followed by its view's frame. No turn does the work of both views
(docs/performance.md). Each turn is timed with the injected clock
(:attr:`QtAnatomySwap.turns`); the longest of each swap is kept in
:attr:`QtAnatomySwap.stalls` (``anatomy-viewer bench`` reports the figure).

What the user set up carries over: the simulation's settings, phase and playback, the
selection, each structure's display mode and opacity, the labels, compare mode, and an
open lesson's step (staged again on the new body). The camera keeps its direction and its
framing of the body: it is scaled about the floor's origin with the body's height.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from anatomy_viewer.anatomy.manifest import ManifestEntry, load_landmarks, load_manifest
from anatomy_viewer.biomech.errors import ModelInputError
from anatomy_viewer.lesson import SceneState
from anatomy_viewer.logic.frames import show_frame
from anatomy_viewer.logic.simulation import Simulation, SimulationSettings, subject_for
from anatomy_viewer.scene.anatomy_scene import AnatomyScene, scene_from_prepared
from anatomy_viewer.scene.camera import CameraPose
from anatomy_viewer.scene.prepared_anatomy import LevelOfDetail, PreparedAnatomy, read_parts
from anatomy_viewer.ui.errors import report_exception, show_missing_anatomy
from anatomy_viewer.ui.simulation_controller import ChartKey, Curves, chart_curves, chart_key

if TYPE_CHECKING:
    from anatomy_viewer.ui.main_window import QtMainWindow

#: How often the window looks whether the thread has the anatomy ready (ms).
POLL_MS = 50
#: The most one turn of the event loop should take while the swap reads surfaces (s):
#: a turn stops reading when the next surface, at the dearest cost measured so far in the
#: swap, would pass it (a fast-level surface reads in 1 to 5 ms, 50 ms at worst under
#: load). Assumption: under half the issue's 100 ms, leaving room for Qt's own work.
TURN_BUDGET_S = 0.04


@dataclass
class ReadyAnatomy:
    """A patient's anatomy set read and modelled off the event loop, ready to swap in.

    Attributes
    ----------
    meshes
        The set's folder.
    prepared, twin
        Its surfaces for the main view (read on the event loop after the thread is done:
        empty until then), and a copy for compare mode's twin (``None`` when the window
        had no twin when the work began).
    simulation
        The model of the patient: the set's landmarks, height and sex, and the mass.
    curves
        The strength chart's curves for the settings of that moment.
    """

    meshes: Path
    prepared: PreparedAnatomy
    twin: PreparedAnatomy | None
    simulation: Simulation
    curves: tuple[ChartKey, Curves]
    wants_twin: bool = False


def prepare_patient(
    meshes: Path,
    level_of_detail: LevelOfDetail,
    mass_kg: float,
    settings: SimulationSettings,
    phase: float,
    twin: bool,
) -> ReadyAnatomy:
    """The slow model work for the set in ``meshes``; no Qt, no VTK, no plotter (any thread).

    The manifest and landmarks are read (plain JSON) and the model's frame at ``phase`` is
    solved (the simulation keeps it), and the normal-strength one for compare mode's twin.
    The surfaces are left to :func:`read_parts` on the drawing thread: ``prepared`` comes
    back without parts. ``twin`` is kept for the reading to copy.
    """
    prepared = PreparedAnatomy(load_manifest(meshes), load_landmarks(meshes), level_of_detail)
    subject = prepared.manifest.subject
    simulation = Simulation(
        subject_for(prepared.landmarks.points, subject.height_m, subject.sex, mass_kg)
    )
    for strength in {settings.strength_pct, 100.0}:
        # A setting the model cannot solve: the window says why when it shows the frame.
        with contextlib.suppress(ModelInputError):
            simulation.frame(settings.with_changes(strength_pct=strength), phase)
    return ReadyAnatomy(
        meshes=meshes,
        prepared=prepared,
        twin=None,
        wants_twin=twin,
        simulation=simulation,
        curves=(chart_key(settings), chart_curves(simulation, settings)),
    )


def _step_name(step: Callable[[], None]) -> str:
    """A swap step's name: its function's, without the leading underscore."""
    function = step.func if isinstance(step, partial) else step
    return getattr(function, "__name__", "step").lstrip("_")


def scaled_camera(pose: CameraPose, factor: float) -> CameraPose:
    """``pose`` scaled about the world origin (on the floor between the feet) by ``factor``:
    the same view of a body ``factor`` times as tall."""

    def scale(vector: tuple[float, float, float]) -> tuple[float, float, float]:
        return (vector[0] * factor, vector[1] * factor, vector[2] * factor)

    return CameraPose(
        position=scale(pose.position),
        focal_point=scale(pose.focal_point),
        view_up=pose.view_up,
        mirrored=pose.mirrored,
    )


class QtAnatomySwap(QObject):
    """Loads a patient's anatomy set in a thread and swaps it into the window's views.

    Parameters
    ----------
    window
        The main window whose scene, twin and simulation are swapped.
    clock
        Seconds from any origin; the swap's time on the event loop is measured with it.
    """

    #: A swap is done: the message for the status bar.
    swapped = Signal(str)

    def __init__(
        self, window: QtMainWindow, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock
        self._worker: threading.Thread | None = None
        self._outcome: ReadyAnatomy | BaseException | None = None
        self._next: tuple[Path, float] | None = None
        #: For each swap, in order: the longest time one of its turns of the event loop
        #: took (measured with ``clock``).
        self.stalls: list[float] = []
        #: The turns of the swap under way (or the last one): what each did, and how long
        #: it took (measured with ``clock``).
        self.turns: list[tuple[str, float]] = []
        #: What is left of the swap under way, one step a turn of the event loop.
        self.pending: list[Callable[[], None]] = []
        self._longest = 0.0
        self._message = ""
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._next_step)
        #: The dearest surface read (and copied) so far in the swap under way (s).
        self._part_cost = 0.0

    @property
    def busy(self) -> bool:
        """Whether a set is being read (or waits to be read) for the window."""
        return self._worker is not None or bool(self.pending) or self._next is not None

    def load(self, meshes: Path, mass_kg: float) -> None:
        """Show the set in ``meshes`` for a patient of ``mass_kg`` as soon as it is read.

        A request made while another set is being read replaces any request waiting.
        """
        if self._worker is not None or self.pending:
            self._next = (meshes, mass_kg)
            return
        window = self._window
        if window.scene is None or window.simulation is None or window.preset is None:
            return  # the window loads its anatomy itself when it first shows
        level: LevelOfDetail = window.preset.level_of_detail
        settings, phase = window.simulation.settings, window.simulation.phase
        twin = window.twin_scene is not None
        self._outcome = None

        def work() -> None:
            try:
                self._outcome = prepare_patient(meshes, level, mass_kg, settings, phase, twin)
            except Exception as error:  # shown on the event loop
                self._outcome = error

        self._worker = threading.Thread(target=work, name="patient-anatomy-load", daemon=True)
        self._worker.start()
        self._poll.start()
        window.statusBar().showMessage("Loading the patient's anatomy…")

    def _check(self) -> None:
        worker = self._worker
        if worker is None or worker.is_alive():
            return
        self._poll.stop()
        self._worker = None
        outcome, self._outcome = self._outcome, None
        self._longest = 0.0
        self.turns = []
        self._run(partial(self._swap_outcome, outcome))

    def _swap_outcome(self, outcome: ReadyAnatomy | BaseException | None) -> None:
        if isinstance(outcome, ReadyAnatomy):
            # The surfaces, as many per turn of the event loop as fit its budget, each
            # copied for compare mode's twin as it is read; then the swap itself.
            prepared = outcome.prepared
            if outcome.wants_twin or self._window.twin_scene is not None:
                outcome.twin = PreparedAnatomy(
                    prepared.manifest, prepared.landmarks, prepared.level_of_detail
                )
            self._part_cost = 0.0
            self.pending.append(
                partial(self._read_parts, outcome, list(prepared.manifest.structures))
            )
        elif outcome is not None:
            raise outcome

    def _read_parts(self, ready: ReadyAnatomy, entries: list[ManifestEntry]) -> None:
        """Read surfaces (and copy each for the twin) while the turn's budget allows."""
        start = self._clock()
        prepared, twin = ready.prepared, ready.twin
        while entries:
            before = self._clock()
            parts, problems = read_parts(
                prepared.manifest, prepared.level_of_detail, [entries.pop(0)]
            )
            prepared.parts.update(parts)
            prepared.problems.extend(problems)
            if twin is not None:
                twin.parts.update({sid: part.copy() for sid, part in parts.items()})
                twin.problems.extend(problems)
            now = self._clock()
            self._part_cost = max(self._part_cost, now - before)
            if now - start + self._part_cost > TURN_BUDGET_S:
                break
        self.pending.insert(
            0, partial(self._read_parts, ready, entries) if entries else partial(self.swap, ready)
        )

    def _run(self, step: Callable[[], None]) -> None:
        """Run one step of a swap, timed, then the next in the next turn of the loop."""
        start = self._clock()
        try:
            step()
        except Exception as error:  # nothing may escape a Qt slot
            report_exception(type(error), error, error.__traceback__)
            self._window.statusBar().showMessage("The patient's anatomy could not be shown.")
            self.pending.clear()
            self._message = ""
        took = self._clock() - start
        self.turns.append((_step_name(step), took))
        self._longest = max(self._longest, took)
        if self.pending:
            self._step_timer.start()
            return
        self.stalls.append(self._longest)
        if self._message:
            self.swapped.emit(self._message)
        self._message = ""
        follow, self._next = self._next, None
        if follow is not None:
            self.load(*follow)

    def _next_step(self) -> None:
        if self.pending:
            self._run(self.pending.pop(0))

    # -- the swap (on the event loop) ----------------------------------------------------

    def swap(self, ready: ReadyAnatomy) -> None:
        """Put ``ready``'s anatomy and model in the window, keeping what the user set up.

        The same structures, skinned alike (any two sets the generator makes), are swapped
        in place: each actor draws its new surface and keeps its colour, display mode and
        shader, so this costs about one ordinary frame. Any other set gets a new scene,
        with the user's set-up copied onto it (slower, and only for sets that lack
        structures). In compare mode the twin's anatomy is swapped in the next turn of the
        event loop, each view is drawn in a turn of its own, and the labels are placed
        on the new body afterwards, one view per turn (:attr:`pending`): placing draws a
        picture of the view. No turn does the work of both views.
        """
        window = self._window
        old = window.scene
        controller = window.simulation
        preset = window.preset
        if old is None or controller is None or preset is None:
            return
        window.flight.stop(jump_to_end=True)
        factor = ready.prepared.manifest.subject.height_m / old.manifest.subject.height_m
        camera = scaled_camera(old.camera(), factor)
        old_ids = old.anatomy.ids
        labels = old.label_requests
        staged = window.staged_step
        compare = window.compare_view.visible
        scene = old if old.replace_anatomy(ready.prepared) else self._rebuild(ready)
        window.scene = scene
        if scene is not old:
            scene.set_labels(labels, place=False)
        scene.set_camera(camera)
        # The new body posed now (its model frame was solved in the thread) and drawn in a
        # later turn; the twin, until its own turn, keeps the old body.
        controller.replace(
            ready.simulation, scene, window.twin_scene if compare else None, ready.curves, False
        )
        with contextlib.suppress(ModelInputError):  # the controller says why when it draws
            show_frame(scene, ready.simulation, controller.settings, controller.phase, False)
        self._follow_panels(old_ids)
        if window.twin_scene is None:  # a twin never shown is built from the set when shown
            window.compare_view.replace(ready.meshes, None, preset, staged, camera.mirrored)
        else:
            self.pending.append(partial(self._swap_twin, ready, staged, camera.mirrored))
        self.pending += [self._show_frame, self._draw_main]
        if compare:
            self.pending.append(self._draw_twin)
        self.pending.append(self._place_all_labels)
        subject = ready.prepared.manifest.subject
        self._message = f"Showing the anatomy of a {subject.height_m:.2f} m {subject.sex}."

    def _swap_twin(self, ready: ReadyAnatomy, staged: SceneState | None, mirrored: bool) -> None:
        """Compare mode's twin gets the new body (surfaces copied while they were read)."""
        window = self._window
        controller, preset, scene = window.simulation, window.preset, window.scene
        if controller is None or preset is None or scene is None:
            return
        compare = window.compare_view.visible
        surfaces = ready.twin if ready.twin is not None else ready.prepared.copy()
        twin = window.compare_view.replace(ready.meshes, surfaces, preset, staged, mirrored)
        shown_twin = twin if compare else None
        if shown_twin is not None and shown_twin.label_requests != scene.label_requests:
            shown_twin.set_labels(scene.label_requests, place=False)
        controller.twin_scene = shown_twin

    def _show_frame(self) -> None:
        """Pose both views and bring the readouts and chart to the new body; no drawing."""
        controller = self._window.simulation
        if controller is not None:
            controller.show_phase(controller.phase, draw=False)

    def _draw_main(self) -> None:
        self._window.plotter.render()  # a closed window ends the swap first (close)

    def _draw_twin(self) -> None:
        self._window.compare_view.draw()

    def _place_all_labels(self) -> None:
        """Queue placing each labelled view's labels, one view a turn, then its frame."""
        window = self._window
        twin = window.twin_scene if window.compare_view.visible else None
        views = [v for v in (window.scene, twin) if v is not None]
        for view in views:
            if view.label_requests:
                draw = self._draw_main if view is window.scene else self._draw_twin
                self.pending += [partial(self._place_labels, view), draw]

    def _place_labels(self, view: AnatomyScene) -> None:
        window = self._window
        if view in (window.scene, window.twin_scene):  # not swapped again meanwhile
            view.place_labels()

    def _follow_panels(self, old_ids: list[str]) -> None:
        """The window's panels describe the new anatomy set."""
        window = self._window
        assert window.scene is not None
        anatomy = window.scene.anatomy
        panel = window.structures_panel
        if anatomy.ids != old_ids:
            panel.populate(
                [anatomy.entry(i) for i in anatomy.ids],
                {i: anatomy.is_visible(i) for i in anatomy.ids},
            )
        for sid in anatomy.ids:
            panel.set_checked(sid, anatomy.is_visible(sid))
        selected = anatomy.selected
        window.info_panel.show_structure(anatomy.entry(selected) if selected else None)
        window.show_triangle_count()
        if window.scene.problems:
            show_missing_anatomy(window, window.scene.problems)

    def _rebuild(self, ready: ReadyAnatomy) -> AnatomyScene:
        """A new scene for ``ready``'s set, with the old scene's set-up copied onto it."""
        window = self._window
        old = window.scene
        assert old is not None and window.preset is not None
        modes = {sid: (old.anatomy.mode(sid), old.anatomy.opacity(sid)) for sid in old.anatomy.ids}
        selected = old.anatomy.selected
        old.close()
        window.scene = None
        scene = scene_from_prepared(window.plotter, ready.prepared, window.preset)
        for sid, (mode, opacity) in modes.items():
            if sid in scene.anatomy.ids:
                scene.anatomy.set_mode(sid, mode)
                scene.anatomy.set_opacity(sid, opacity)
        scene.anatomy.select(selected if selected in scene.anatomy.ids else None)
        scene.set_legends_visible(not window.compare_view.visible)
        return scene

    def close(self) -> None:
        """Stop looking for the thread's result (the thread itself ends on its own)."""
        self._poll.stop()
        self._step_timer.stop()
        self.pending.clear()
        self._next = None

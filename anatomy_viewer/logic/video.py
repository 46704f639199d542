"""Export a lesson or one animation to MP4 or GIF, off-screen, frame by frame in model time.

:class:`VideoExport` builds its own off-screen plotter and :class:`AnatomyScene` (never the
window's), lays the lesson out on a :class:`~anatomy_viewer.logic.timeline.Timeline`, and
renders frame ``n`` at time ``n / fps``. :meth:`VideoExport.frames` is a generator that
renders one frame each time it is advanced and yields progress, so the command line runs
it in a loop and the app runs it in small chunks on a timer while the window stays usable.

The video is written to a temporary file in the destination folder and renamed when it
is complete; a cancelled or failed export (Ctrl-C included) deletes it, so no
half-written file is ever left behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.logic.frames import show_frame, simulation_for
from anatomy_viewer.logic.staging import stage_labels, stage_structures
from anatomy_viewer.logic.timeline import StepPlan
from anatomy_viewer.logic.video_plan import plan_video
from anatomy_viewer.scene.anatomy_scene import AnatomyScene
from anatomy_viewer.scene.camera import CameraPose

#: File types a video can be saved as.
VIDEO_SUFFIXES = (".mp4", ".gif")


@dataclass(frozen=True)
class VideoRequest:
    """Everything that decides a video.

    Attributes
    ----------
    out
        ``.mp4`` (H.264, yuv420p) or ``.gif``.
    size
        Width and height in pixels; odd sizes are rounded down to even ones.
    fps
        Frames per second of model time.
    lesson, step, audience
        A lesson file or folder; ``step`` (from 1) exports that step alone, ``None`` all.
    task, side, strength_pct, compensation, weaken, speed, loops, view, labels
        The animation to export when there is no lesson (``weaken``: the muscle the
        strength scales).
    overlays
        Teaching overlays of the animation (``None``: the app's defaults).
    camera
        Camera of the animation (``None``: the ``view`` preset; without one, an
        exercise's own view, else anterior), e.g. the window's.
    credit
        Small text in the bottom-right corner of every frame, e.g. the clinic's name.
    compare
        Show the animation beside a normal-strength twin, as the app's compare mode does.
    meshes, mass_kg
        The patient's anatomy set (default: the bundled one) and body mass.
    """

    out: Path
    size: tuple[int, int] = (1280, 720)
    fps: float = 25.0
    quality: str = "auto"
    lesson: Path | None = None
    step: int | None = None
    audience: str = "patient"
    task: str = "stance"
    side: str = "right"
    strength_pct: float = 100.0
    compensation: str = "none"
    weaken: str = "gluteus_medius"
    speed: float = 1.0
    loops: int = 2
    view: str | None = None
    labels: bool = False
    overlays: frozenset[str] | None = None
    camera: CameraPose | None = None
    credit: str = ""
    compare: bool = False
    meshes: Path | None = None
    mass_kg: float = 75.0


def check_video_path(out: Path) -> Path:
    """The expanded output path, or an error naming it when it cannot be a video file.

    Raises
    ------
    AnatomyViewerError
        When the suffix is not .mp4/.gif, or the folder does not exist or is not writable.
    """
    out = Path(out).expanduser()
    if out.suffix.lower() not in VIDEO_SUFFIXES:
        raise AnatomyViewerError(
            f"{out}: videos are saved as MP4 or GIF; give a file name ending in .mp4 or .gif"
        )
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise AnatomyViewerError(f"{out}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise AnatomyViewerError(f"{out}: the folder {folder} cannot be written to")
    if out.is_dir():
        raise AnatomyViewerError(f"{out}: is a folder; give a file name ending in .mp4 or .gif")
    return out


def even_size(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` rounded down to even numbers (H.264 with yuv420p needs them)."""
    return max(2, size[0] - size[0] % 2), max(2, size[1] - size[1] % 2)


def _credit_actor(text: str, height: int) -> Any:
    """Small text in the bottom-right corner: who made the video (the clinic's name)."""
    import vtk

    actor = vtk.vtkTextActor()
    actor.SetInput(text)
    actor.SetPickable(False)
    style = actor.GetTextProperty()
    style.SetFontSize(max(9, round(height * 0.028)))
    style.SetColor(0.12, 0.17, 0.23)
    style.SetBackgroundColor(1.0, 1.0, 1.0)
    style.SetBackgroundOpacity(0.6)
    style.SetJustificationToRight()
    style.SetVerticalJustificationToBottom()
    actor.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
    actor.GetPositionCoordinate().SetValue(0.98, 0.02)
    return actor


def _style_caption(scene: AnatomyScene, height: int) -> None:
    """Caption type sized to the video, hanging from the top so two lines fit."""
    style = scene.caption.GetTextProperty()
    style.SetFontSize(max(10, round(height * 0.04)))
    style.SetVerticalJustificationToTop()
    scene.caption.GetPositionCoordinate().SetValue(0.02, 0.97)


def _grab(scene: AnatomyScene, camera: CameraPose) -> np.ndarray:
    """Render ``scene`` through ``camera`` and return its pixels (height, width, 3)."""
    scene.set_camera(camera)
    scene.plotter.render()  # screenshot() renders only the first time
    image = scene.plotter.screenshot(None, return_img=True)
    return np.ascontiguousarray(np.asarray(image)[..., :3], dtype=np.uint8)


def _temporary_path(out: Path) -> Path:
    """A fresh hidden file beside ``out`` with the same suffix (ffmpeg reads it)."""
    try:
        handle, name = tempfile.mkstemp(
            dir=out.parent, prefix=f".{out.stem}.", suffix=f".partial{out.suffix.lower()}"
        )
    except OSError as error:
        raise AnatomyViewerError(f"{out}: cannot write there ({error.strerror})") from error
    os.close(handle)
    _readable_by_others(Path(name))
    return Path(name)


def _readable_by_others(path: Path) -> None:
    """Give a temporary file the permissions a new file gets (mkstemp makes it private)."""
    mask = os.umask(0)
    os.umask(mask)
    with contextlib.suppress(OSError):
        path.chmod(0o666 & ~mask)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl+C (SIGINT) back until the block ends: ffmpeg starts whole, or not at all.

    Interrupted while it starts, the encoder's process would be left running unowned, and
    it would write the output file again after the partial one had been deleted. ffmpeg
    inherits the held signal, so a Ctrl+C at the terminal stops the export (which then
    closes ffmpeg's input and waits for it) rather than ffmpeg behind its back.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class _InterruptsBetweenFrames:
    """Ctrl+C (SIGINT) noted while a frame is drawn, and raised between frames.

    A KeyboardInterrupt raised inside a Python callback that VTK calls while it renders
    (an observer) is caught by VTK's wrapping, which prints "Caught a Ctrl-C within
    python, exiting program." and exits with status 1, leaving the partial file behind.
    Noting the signal and raising it from the frame loop stops the export cleanly. Only
    the main thread can set a signal handler: elsewhere (the window's export) nothing
    changes.
    """

    def __init__(self) -> None:
        self.pending = False
        self._installed = False
        self._previous: Any = None

    def __enter__(self) -> _InterruptsBetweenFrames:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._note)
            self._installed = True
        return self

    def _note(self, _signum: int, _frame: object) -> None:
        self.pending = True

    def check(self) -> None:
        """Raise the Ctrl+C noted since the last frame, if any."""
        if self.pending:
            raise KeyboardInterrupt

    def __exit__(self, *_: object) -> None:
        if self._installed:
            signal.signal(
                signal.SIGINT, self._previous if self._previous is not None else signal.SIG_DFL
            )


def _open_encoder(path: Path, size: tuple[int, int], fps: float) -> Generator[Any, Any, None]:
    """An imageio-ffmpeg frame writer: H.264/yuv420p for MP4, a per-frame palette for GIF."""
    import imageio_ffmpeg

    if path.suffix.lower() == ".gif":
        options: dict[str, Any] = {
            "codec": "gif",
            "pix_fmt_out": "pal8",
            "output_params": [
                "-vf",
                "split[a][b];[a]palettegen=stats_mode=single[p];[b][p]paletteuse=new=1",
                "-loop",
                "0",
                "-f",
                "gif",
            ],
        }
    else:
        options = {
            "codec": "libx264",
            "pix_fmt_out": "yuv420p",
            "quality": 7,
            "output_params": ["-movflags", "+faststart", "-f", "mp4"],
        }
    writer: Generator[Any, Any, None] = imageio_ffmpeg.write_frames(
        str(path), size, fps=fps, macro_block_size=1, ffmpeg_log_level="error", **options
    )
    writer.send(None)  # starts ffmpeg
    return writer


class VideoExport:
    """One video export: its own off-screen scene, a timeline and a writer.

    Parameters
    ----------
    request
        What to export.
    scene
        A scene to draw on (tests); default: a new off-screen one of ``request.size``,
        closed when the export ends.

    Raises
    ------
    AnatomyViewerError
        At construction, when the output path or the lesson is unusable.
    """

    def __init__(self, request: VideoRequest, scene: AnatomyScene | None = None) -> None:
        self.request = request
        self.out = check_video_path(request.out)
        self.size = even_size(request.size)
        if request.fps <= 0 or request.fps > 120:
            raise AnatomyViewerError(f"frames per second must be 1 to 120, not {request.fps:g}")
        self._own_scene = scene is None
        if scene is None:
            from anatomy_viewer.scene.render import build_scene

            scene = build_scene(self.size, request.quality, request.meshes)
        self.scene = scene
        self._credit: Any = None
        try:
            self.timeline = plan_video(scene, request)
        except BaseException:
            self.close()
            raise
        self._simulation = simulation_for(scene, request.mass_kg)
        _style_caption(self.scene, self.size[1])
        if request.credit:
            self._credit = _credit_actor(request.credit, self.size[1])
            scene.plotter.renderer.AddViewProp(self._credit)
        self._staged: int | None = None
        #: The full-strength twin drawn beside the scene in compare steps (made on demand).
        self._twin: AnatomyScene | None = None
        self._comparing = False

    @property
    def frame_count(self) -> int:
        """Number of frames the video will have."""
        return self.timeline.frame_count(self.request.fps)

    def render_frame(self, index: int) -> np.ndarray:
        """Pixels (height, width, 3) of frame ``index``: a pure function of its time."""
        moment = self.timeline.at(index / self.request.fps)
        plan = moment.plan
        compare = plan.settings.compare
        staging = self._staged != moment.segment
        if staging:
            self._set_compare(compare)
            stage_structures(self.scene, plan.scene)
            caption = moment.caption
            if compare and self._twin is not None:
                stage_structures(self._twin, plan.scene)
                caption += f"\nStrength {plan.settings.strength_pct:.0f} %"
            self.scene.set_caption(caption)
            self._staged = moment.segment
        show_frame(self.scene, self._simulation, plan.settings, moment.phase)
        twin = self._twin if compare else None
        if twin is not None:
            normal = plan.settings.with_changes(strength_pct=100.0, compare=False)
            show_frame(twin, self._simulation, normal, moment.phase)
        if staging:
            self._stage_labels(plan, twin, moment.camera)
        pixels = _grab(self.scene, moment.camera)
        if twin is not None:
            pixels = np.hstack([pixels, _grab(twin, moment.camera)])
        if pixels.shape[:2] != (self.size[1], self.size[0]):
            raise AnatomyViewerError(
                f"the off-screen view drew {pixels.shape[1]}x{pixels.shape[0]} pixels, "
                f"not {self.size[0]}x{self.size[1]}"
            )
        return pixels

    def _stage_labels(self, plan: StepPlan, twin: AnatomyScene | None, camera: CameraPose) -> None:
        """Pin the segment's labels once its body is posed: a lesson step's, or every name."""
        if self.request.lesson is not None:
            for scene in (self.scene, twin):
                if scene is not None:
                    stage_labels(scene, plan.scene, self.request.audience)
        elif self.request.labels:
            self.scene.label_all_visible(True, camera)

    def _set_compare(self, on: bool) -> None:
        """Split the frame for a compare step: the step's strength left, normal strength right.

        The twin gets the right half and the clinic's name; the camera poses stay the same
        (the body is framed by its height, so half the width still holds it).
        """
        if on == self._comparing:
            return
        width, height = self.size
        left = width // 2 if on else width
        self.scene.plotter.window_size = [left, height]
        if on and self._twin is None:
            from anatomy_viewer.scene.render import build_scene

            self._twin = build_scene(
                (width - left, height), self.request.quality, self.request.meshes
            )
            _style_caption(self._twin, height)
            self._twin.set_caption("Normal strength")
        if self._credit is not None and self._twin is not None:
            old, new = (self.scene, self._twin) if on else (self._twin, self.scene)
            old.plotter.renderer.RemoveViewProp(self._credit)
            new.plotter.renderer.AddViewProp(self._credit)
        # The overlays' legends once, top right of the frame, as in the window.
        self.scene.set_legends_visible(not on)
        self._comparing = on

    def frames(self) -> Generator[tuple[int, int], None, None]:
        """Render and write every frame, yielding ``(frames done, frames in all)``.

        Closing the generator early (or an exception, Ctrl-C included) deletes the
        partial file; finishing renames it to :attr:`out`.
        """
        total = self.frame_count
        temporary = _temporary_path(self.out)
        writer: Generator[Any, Any, None] | None = None
        finished = False
        try:
            with _interrupts_held():
                writer = _open_encoder(temporary, self.size, self.request.fps)
            with _InterruptsBetweenFrames() as interrupts:
                for index in range(total):
                    writer.send(self.render_frame(index))
                    interrupts.check()
                    yield index + 1, total
            writer.close()
            writer = None
            os.replace(temporary, self.out)
            finished = True
        except OSError as error:
            raise AnatomyViewerError(f"{self.out}: could not be written ({error})") from error
        finally:
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.close()
            if not finished:
                with contextlib.suppress(OSError):
                    temporary.unlink()
            self.close()

    def run(self, progress: Any = None) -> Path:
        """Export the whole video; ``progress(done, total)`` is called after each frame."""
        for done, total in self.frames():
            if progress is not None:
                progress(done, total)
        return self.out

    def close(self) -> None:
        """Close the off-screen scenes this export made (safe to call twice)."""
        if self._credit is not None:
            self._set_compare(False)
            self.scene.plotter.renderer.RemoveViewProp(self._credit)
            self._credit = None
        twin: AnatomyScene | None = getattr(self, "_twin", None)
        if twin is not None:
            plotter = twin.plotter
            twin.close()
            plotter.close()
            self._twin = None
        if self._own_scene and self.scene is not None:
            plotter = self.scene.plotter
            self.scene.close()
            plotter.close()
            self._own_scene = False


def export_video(request: VideoRequest, progress: Any = None) -> Path:
    """Export the video a :class:`VideoRequest` describes; returns the file written."""
    return VideoExport(request).run(progress)

"""Chairside actions: pictures (with labels, to the clipboard), video, handout, clinic profile.

:func:`install_export_actions` adds them to the main window's File menu and to the
"Save picture" toolbar button, and lets the 3D view take touch gestures. A video is
rendered off-screen on its own scene, a few frames per timer tick on the GUI thread
(:class:`QtVideoExportJob`), so the window stays usable while it is made; closing the
window cancels it, leaving no file behind.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QToolBar,
    QToolButton,
)

from anatomy_viewer.logic.patient_anatomy import cached_patient_meshes
from anatomy_viewer.logic.video import VideoExport, VideoRequest
from anatomy_viewer.ui.clinic_profile import QtClinicProfileDialog, load_profile, save_profile
from anatomy_viewer.ui.errors import report_exception
from anatomy_viewer.ui.export_dialogs import (
    AUDIENCES as AUDIENCE_CHOICES,
)
from anatomy_viewer.ui.export_dialogs import (
    QtHandoutOptionsDialog,
    default_paper,
    last_folder,
    remember_folder,
    video_name,
)
from anatomy_viewer.ui.handout import write_handout
from anatomy_viewer.ui.patient_dialog import load_patient
from anatomy_viewer.ui.touch import QtTouchNavigation
from anatomy_viewer.ui.video_job import QtVideoExportJob

if TYPE_CHECKING:
    from anatomy_viewer.ui.main_window import QtMainWindow

#: What a video can show: (key, menu text).
VIDEO_SUBJECTS = (
    ("lesson", "The whole lesson"),
    ("step", "This lesson step"),
    ("animation", "The movement as it is set now"),
)


class QtExportActions(QObject):
    """The chairside actions of one main window.

    Parameters
    ----------
    window
        The main window (its scene, lesson player, simulation and settings are used).
    menu_file, toolbar
        Where the actions go.
    """

    def __init__(self, window: QtMainWindow, menu_file: QMenu, toolbar: QToolBar) -> None:
        super().__init__(window)
        self.setObjectName("export_actions")
        self.window = window
        self.job: QtVideoExportJob | None = None
        self.last_video: Path | None = None
        self.touch = QtTouchNavigation(window.plotter, window.redraw, self._tap, self)

        def action(text: str, slot: object, shortcut: str | None = None, tip: str = "") -> QAction:
            item = QAction(text, self)
            if shortcut:
                item.setShortcut(QKeySequence(shortcut))
            item.setToolTip(tip or text.replace("&", "").rstrip("…"))
            item.triggered.connect(slot)
            return item

        self.save_labelled_action = action(
            "Save picture &with labels…", lambda: self.ask_picture(labels=True)
        )
        self.copy_action = action(
            "&Copy picture", lambda: self.copy_picture(labels=False), "Ctrl+Shift+C"
        )
        self.copy_labelled_action = action(
            "Copy picture with &labels", lambda: self.copy_picture(labels=True)
        )
        self.video_action = action(
            "Export &video…", self.ask_video, "Ctrl+E", "Save the lesson or movement as MP4 or GIF"
        )
        self.handout_action = action(
            "Export &handout…", self.ask_handout, "Ctrl+P", "Save a printable PDF of the lesson"
        )
        self.profile_action = action("Clinic &profile…", self.edit_profile)

        quit_separator = next((a for a in reversed(menu_file.actions()) if a.isSeparator()), None)
        for item in (self.save_labelled_action, self.copy_action, self.copy_labelled_action):
            menu_file.insertAction(quit_separator, item)  # type: ignore[arg-type]
        menu_file.insertSeparator(quit_separator)  # type: ignore[arg-type]
        for item in (self.video_action, self.handout_action, self.profile_action):
            menu_file.insertAction(quit_separator, item)  # type: ignore[arg-type]

        picture_menu = QMenu(window)
        picture_menu.setObjectName("picture_menu")
        picture_menu.addAction(window.screenshot_action)
        for item in (self.save_labelled_action, self.copy_action, self.copy_labelled_action):
            picture_menu.addAction(item)
        button = toolbar.widgetForAction(window.screenshot_action)
        if isinstance(button, QToolButton):
            button.setMenu(picture_menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        window.installEventFilter(self)

    @property
    def settings(self) -> QSettings:
        """The window's settings (the clinic profile lives there)."""
        return self.window.settings

    # -- pictures ----------------------------------------------------------------------

    @contextmanager
    def _labels(self, on: bool) -> Iterator[None]:
        """Label every visible structure for the duration, then restore the labels."""
        scene = self.window.scene
        if not on or scene is None:
            yield
            return
        before = scene.label_requests
        scene.label_all_visible(True)
        try:
            yield
        finally:
            scene.set_labels(before)
            self.window.redraw()

    def picture(self, labels: bool = False) -> QImage:
        """The 3D view as an image, optionally with every visible structure labelled."""
        with self._labels(labels):
            self.window.redraw()
            pixels = self.window.plotter.screenshot(None, return_img=True)
        if pixels is None:
            return QImage()
        height, width = pixels.shape[:2]
        data = pixels[..., :3].copy()
        return QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()

    def copy_picture(self, labels: bool = False) -> None:
        """Put a picture of the 3D view on the clipboard."""
        QGuiApplication.clipboard().setImage(self.picture(labels))
        self.window.statusBar().showMessage("Picture copied: paste it into a message.", 6000)

    def save_picture(self, path: Path, labels: bool = False) -> Path:
        """Save the 3D view as PNG, optionally with labels drawn into the picture."""
        with self._labels(labels):
            return self.window.save_screenshot(path)

    def ask_picture(self, labels: bool) -> None:
        """Ask where to save a picture (offering the folder used last), then save it."""
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Save picture",
            str(last_folder(self.settings, "picture") / "anatomy.png"),
            "PNG pictures (*.png)",
        )
        if name:
            self.save_picture(Path(name), labels)

    # -- video -------------------------------------------------------------------------

    def video_request(
        self, subject: str, out: Path, size: tuple[int, int], fps: float
    ) -> VideoRequest:
        """What to export: ``lesson``, ``step`` (the lesson's current one) or ``animation``."""
        window = self.window
        player = window.lessons.player
        labels = window.labels_action.isChecked()
        if subject in ("lesson", "step") and player is not None:
            step = player.step_index + 1 if subject == "step" else None
            return VideoRequest(
                out=out,
                size=size,
                fps=fps,
                lesson=player.lesson.path,
                step=step,
                audience=player.audience,
            )
        settings = window.simulation.settings if window.simulation is not None else None
        camera = window.scene.camera() if window.scene is not None else None
        if settings is None:
            return VideoRequest(out=out, size=size, fps=fps, camera=camera, labels=labels)
        return VideoRequest(
            out=out,
            size=size,
            fps=fps,
            task=settings.task,
            side=settings.side,
            strength_pct=settings.strength_pct,
            compensation=settings.compensation,
            speed=settings.speed,
            overlays=settings.overlays,
            compare=settings.compare,
            camera=camera,
            labels=labels,
        )

    def start_video(self, request: VideoRequest) -> QtVideoExportJob | None:
        """Start exporting a video in the background of the window; returns the job.

        The clinic profile's name goes in the video's corner unless the request names one.
        """
        if self.job is not None and not self.job.done:
            self.window.statusBar().showMessage("A video is already being made.", 6000)
            return None
        if not request.credit:
            request = replace(request, credit=load_profile(self.settings).clinic_name)
        try:
            export = VideoExport(request)
        except Exception as error:
            report_exception(type(error), error, error.__traceback__)
            return None
        self.job = QtVideoExportJob(export, self.window)
        self.job.finished.connect(self._video_finished)
        self.job.start()
        return self.job

    def _video_finished(self, path: Path | None) -> None:
        self.last_video = path
        if path is not None:
            self.window.statusBar().showMessage(f"Saved the video {path}", 8000)
            remember_folder(self.settings, "video", path.parent)
        if self.job is not None:
            self.job.deleteLater()
            self.job = None

    def ask_video(self) -> None:
        """Ask what to export and where, then start the export."""
        has_lesson = self.window.lessons.player is not None
        choices = [text for key, text in VIDEO_SUBJECTS if has_lesson or key == "animation"]
        text, ok = QInputDialog.getItem(self.window, "Export video", "Show:", choices, 0, False)
        if not ok:
            return
        subject = next(key for key, label in VIDEO_SUBJECTS if label == text)
        player = self.window.lessons.player
        simulation = self.window.simulation
        offered = video_name(
            subject,
            player.lesson.folder.name if player is not None else None,
            player.step_index + 1 if player is not None else None,
            simulation.settings if simulation is not None else None,
        )
        name, chosen = QFileDialog.getSaveFileName(
            self.window,
            "Export video",
            str(last_folder(self.settings, "video") / offered),
            "MP4 video (*.mp4);;GIF animation (*.gif)",
        )
        if not name:
            return
        out = Path(name)
        if out.suffix.lower() not in (".mp4", ".gif"):
            out = out.with_suffix(".gif" if "GIF" in chosen else ".mp4")
        gif = out.suffix.lower() == ".gif"
        # A software renderer draws a 1280x720 frame in about half a second: keep it shorter.
        software = self.window.preset is not None and self.window.preset.name == "fast"
        size = (480, 360) if gif else (960, 540) if software else (1280, 720)
        fps = 12.0 if gif else 25.0
        self.start_video(self.video_request(subject, out, size, fps))

    # -- handout -----------------------------------------------------------------------

    def export_handout(
        self, out: Path, audience: str | None = None, paper: str | None = None
    ) -> Path | None:
        """Write a PDF handout of the open lesson; ``None`` when no lesson is open."""
        from anatomy_viewer.logic.handout import handout_content

        player = self.window.lessons.player
        if player is None:
            return None
        progress = QProgressDialog("Drawing the pictures…", "", 0, player.step_count, self.window)
        progress.setCancelButton(None)
        progress.setWindowTitle("Export handout")
        progress.setWindowModality(Qt.WindowModality.WindowModal)  # no second export meanwhile
        progress.setMinimumDuration(0)

        def step_done(done: int, _total: int) -> None:
            progress.setValue(done)
            QApplication.processEvents()

        patient = load_patient(self.settings)
        try:
            # The patient's body, mass and values, as the window shows them.
            content = handout_content(
                player.lesson.path,
                audience or player.audience,
                progress=step_done,
                meshes=None
                if patient is None
                else cached_patient_meshes(patient.height_m, patient.sex),
                mass_kg=75.0 if patient is None else patient.mass_kg,
                patient=player.patient,
            )
            path = write_handout(
                content,
                out,
                replace(load_profile(self.settings), patient_name=patient.name if patient else ""),
                paper or default_paper(),
                datetime.date.today(),
            )
        finally:
            progress.close()
            progress.deleteLater()
        self.window.statusBar().showMessage(f"Saved the handout {path}", 8000)
        remember_folder(self.settings, "handout", path.parent)
        return path

    def ask_handout(self) -> None:
        """Ask whose text, which paper and where, then write the open lesson's handout."""
        player = self.window.lessons.player
        if player is None:
            self._no_lesson_for_handout()
            return
        options = QtHandoutOptionsDialog(
            self.settings,
            player.audience,
            player.lesson.audiences or [key for key, _ in AUDIENCE_CHOICES],
            self.window,
        )
        chosen = options.exec()
        audience, paper = options.audience, options.paper
        options.deleteLater()
        if not chosen:
            return
        stem = player.lesson.folder.name or "handout"
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export handout",
            str(last_folder(self.settings, "handout") / f"{stem}.pdf"),
            "PDF (*.pdf)",
        )
        if name:
            out = Path(name)
            try:
                self.export_handout(
                    out if out.suffix.lower() == ".pdf" else out.with_suffix(".pdf"),
                    audience=audience,
                    paper=paper,
                )
            except Exception as error:
                report_exception(type(error), error, error.__traceback__)

    def _no_lesson_for_handout(self) -> None:
        """Say that a handout is made from a lesson, and offer to open one."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Export handout",
            "A handout prints a lesson: its pictures and its text, step by step.\n\n"
            "Open a lesson first, then export its handout.",
            parent=self.window,
        )
        box.setObjectName("handout_needs_lesson")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        choose = box.addButton("Choose a lesson", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        choose.clicked.connect(self.window.show_lesson_library)
        box.open()

    def edit_profile(self) -> None:
        """Show the clinic profile dialog and save what was entered."""
        dialog = QtClinicProfileDialog(load_profile(self.settings), self.window)
        if dialog.exec():
            save_profile(self.settings, dialog.profile())
        dialog.deleteLater()

    # -- touch and shutdown ------------------------------------------------------------

    def _tap(self, position: QPointF) -> None:
        self.window.picker.clicked.emit(self.window.picker.pick(position.x(), position.y()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Cancel a video under way when the window closes (no timer, no partial file)."""
        if watched is self.window and event.type() == QEvent.Type.Close and self.job is not None:
            self.job.cancel()
        return False


def install_export_actions(
    window: QtMainWindow, menu_file: QMenu, toolbar: QToolBar
) -> QtExportActions:
    """Add the chairside actions to ``window`` (see :class:`QtExportActions`)."""
    return QtExportActions(window, menu_file, toolbar)

"""What the export commands ask before they write: where (starting in the folder used last),
under which name, and for a handout its audience and paper size."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.logic.simulation import SimulationSettings

#: One folder for every file the app saves or opens, and one per kind of file.
LAST_FOLDER_KEY = "files/last_dir"
PAPERS = (("a4", "A4 (210 × 297 mm)"), ("letter", "US Letter (8.5 × 11 in)"))
AUDIENCES = (("patient", "Patient: plain words"), ("student", "Student: anatomy and numbers"))


def last_folder(settings: QSettings, kind: str) -> Path:
    """Where a file dialog for ``kind`` (picture, video, handout, lesson) starts.

    The folder last used for that kind, else the folder last used for any file, else the
    home folder: a therapist who saved a picture in a patient's folder finds the video
    dialog there too.
    """
    for key in (f"files/last_{kind}_dir", LAST_FOLDER_KEY):
        value = str(settings.value(key, "", type=str))
        if value and Path(value).is_dir():
            return Path(value)
    return Path.home()


def remember_folder(settings: QSettings, kind: str, folder: Path) -> None:
    """Remember ``folder`` as the last one used, for ``kind`` and for every kind."""
    settings.setValue(f"files/last_{kind}_dir", str(folder))
    settings.setValue(LAST_FOLDER_KEY, str(folder))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "anatomy"


def video_name(
    subject: str, lesson_name: str | None, step: int | None, settings: SimulationSettings | None
) -> str:
    """The file name a video is offered under (without the folder).

    A lesson's video is named after the lesson (and the step, for one step), as its
    handout is; a movement after the movement and the strength shown.
    """
    if subject in ("lesson", "step") and lesson_name:
        suffix = f"-step-{step}" if subject == "step" and step is not None else ""
        return f"{_slug(lesson_name)}{suffix}.mp4"
    if settings is not None:
        return f"{_slug(settings.task)}-strength-{settings.strength_pct:.0f}.mp4"
    return "anatomy.mp4"


def default_paper() -> str:
    """Letter where the locale measures in US units, A4 elsewhere."""
    us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if us else "a4"


class QtHandoutOptionsDialog(QDialog):
    """Asks whose text the handout prints and on which paper, remembering the paper.

    Parameters
    ----------
    settings
        Where the paper choice is remembered.
    audience
        Preselected: the audience the lesson is shown for.
    audiences
        The audiences the lesson has text for.
    """

    PAPER_KEY = "handout/paper"

    def __init__(
        self,
        settings: QSettings,
        audience: str,
        audiences: tuple[str, ...] | list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handout_options")
        self.setWindowTitle("Export handout")
        self._settings = settings
        self.audience_buttons = self._choices(
            "Text for", AUDIENCES, audience, [k for k, _ in AUDIENCES if k in audiences]
        )
        remembered = str(settings.value(self.PAPER_KEY, "", type=str))
        paper = remembered if remembered in dict(PAPERS) else default_paper()
        self.paper_buttons = self._choices("Paper", PAPERS, paper, [k for k, _ in PAPERS])
        note = QLabel("Next you choose where to save the PDF.", self)
        note.setStyleSheet("color:#5a6470")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Continue…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.audience_buttons[0])
        layout.addWidget(self.paper_buttons[0])
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _choices(
        self,
        title: str,
        options: tuple[tuple[str, str], ...],
        chosen: str,
        allowed: list[str],
    ) -> tuple[QGroupBox, QButtonGroup, dict[str, QRadioButton]]:
        box = QGroupBox(title, self)
        group = QButtonGroup(box)
        radios: dict[str, QRadioButton] = {}
        box_layout = QVBoxLayout(box)
        for key, text in options:
            radio = QRadioButton(text, box)
            radio.setEnabled(key in allowed)
            radio.setChecked(key == chosen and key in allowed)
            group.addButton(radio)
            box_layout.addWidget(radio)
            radios[key] = radio
        if not any(r.isChecked() for r in radios.values()) and allowed:
            radios[allowed[0]].setChecked(True)
        return box, group, radios

    @staticmethod
    def _checked(radios: dict[str, QRadioButton]) -> str:
        return next(key for key, radio in radios.items() if radio.isChecked())

    @property
    def audience(self) -> str:
        """``patient`` or ``student``."""
        return self._checked(self.audience_buttons[2])

    @property
    def paper(self) -> str:
        """``a4`` or ``letter``."""
        return self._checked(self.paper_buttons[2])

    def accept(self) -> None:
        """Remember the paper for the next handout."""
        self._settings.setValue(self.PAPER_KEY, self.paper)
        super().accept()

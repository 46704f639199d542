"""The clinic profile printed on handouts: clinic name, logo, therapist; kept in QSettings.

The logo is stored in the settings as PNG bytes (scaled down to :data:`LOGO_MAX_PX`), so
a handout keeps its logo after the original picture is moved or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.errors import AnatomyViewerError

#: Longest side of the stored logo, pixels: sharp at 30 mm wide on a 300 dpi print.
LOGO_MAX_PX = 600
_KEYS = {"clinic_name": "clinic/name", "therapist": "clinic/therapist", "contact": "clinic/contact"}
_LOGO_KEY = "clinic/logo_png"


@dataclass(frozen=True)
class ClinicProfile:
    """Who hands the handout over.

    Attributes
    ----------
    clinic_name, therapist, contact
        Plain text; ``contact`` is one line (address, phone or web site).
    logo_png
        The logo as PNG bytes (empty: no logo).
    patient_name
        The patient's name from File > Patient… (empty unless the therapist typed one;
        not part of the saved clinic profile).
    """

    clinic_name: str = ""
    therapist: str = ""
    contact: str = ""
    logo_png: bytes = b""
    patient_name: str = ""

    def logo(self) -> QImage:
        """The logo as an image (a null image when there is none)."""
        image = QImage()
        if self.logo_png:
            image.loadFromData(self.logo_png)
        return image


def logo_bytes(path: Path) -> bytes:
    """Read a picture file and return it as PNG bytes no larger than :data:`LOGO_MAX_PX`.

    Raises
    ------
    AnatomyViewerError
        When the file cannot be read as a picture.
    """
    image = QImage(str(path))
    if image.isNull():
        raise AnatomyViewerError(f"{path}: cannot be read as a picture (use PNG or JPEG)")
    if max(image.width(), image.height()) > LOGO_MAX_PX:
        image = image.scaled(
            LOGO_MAX_PX,
            LOGO_MAX_PX,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stub says bytes; str works
    buffer.close()
    return bytes(data.data())


def load_profile(settings: QSettings) -> ClinicProfile:
    """The profile saved in ``settings`` (empty fields when none was saved)."""
    values = {name: str(settings.value(key, "", type=str)) for name, key in _KEYS.items()}
    logo = settings.value(_LOGO_KEY, QByteArray())
    data = bytes(logo.data()) if isinstance(logo, QByteArray) else b""
    return ClinicProfile(logo_png=data, **values)


def save_profile(settings: QSettings, profile: ClinicProfile) -> None:
    """Remember ``profile`` in ``settings``."""
    for name, key in _KEYS.items():
        settings.setValue(key, getattr(profile, name))
    if profile.logo_png:
        settings.setValue(_LOGO_KEY, QByteArray(profile.logo_png))
    else:
        settings.remove(_LOGO_KEY)
    settings.sync()


class QtClinicProfileDialog(QDialog):
    """File > Clinic profile…: name, therapist, contact line and logo for handouts.

    Parameters
    ----------
    profile
        The values to start from.
    parent
        The window the dialog belongs to.
    """

    def __init__(self, profile: ClinicProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clinic_profile_dialog")
        self.setWindowTitle("Clinic profile")
        self._logo = profile.logo_png
        self.clinic_name = QLineEdit(profile.clinic_name)
        self.clinic_name.setPlaceholderText("e.g. Riverside Physical Therapy")
        self.therapist = QLineEdit(profile.therapist)
        self.therapist.setPlaceholderText("e.g. Alex Morgan, PT")
        self.contact = QLineEdit(profile.contact)
        self.contact.setPlaceholderText("address, phone or web site (optional)")
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logo_preview")
        self.logo_preview.setMinimumSize(160, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton("Choose logo…")
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton("No logo")
        remove.clicked.connect(lambda: self.set_logo(b""))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        form = QFormLayout()
        form.addRow("Clinic name", self.clinic_name)
        form.addRow("Therapist", self.therapist)
        form.addRow("Contact", self.contact)
        form.addRow("Logo", logo_row)
        note = QLabel("Printed at the top of every handout you export.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.set_logo(self._logo)

    def set_logo(self, png: bytes) -> None:
        """Use ``png`` (PNG bytes, empty for none) as the logo and preview it."""
        self._logo = png
        image = ClinicProfile(logo_png=png).logo()
        if image.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("(no logo)")
            return
        pixmap = QPixmap.fromImage(image).scaled(
            160, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.logo_preview.setPixmap(pixmap)

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the clinic's logo", str(Path.home()), "Pictures (*.png *.jpg *.jpeg)"
        )
        if not name:
            return
        try:
            self.set_logo(logo_bytes(Path(name)))
        except AnatomyViewerError as error:
            self.logo_preview.setText(str(error))

    def profile(self) -> ClinicProfile:
        """The values as entered."""
        return ClinicProfile(
            clinic_name=self.clinic_name.text().strip(),
            therapist=self.therapist.text().strip(),
            contact=self.contact.text().strip(),
            logo_png=self._logo,
        )

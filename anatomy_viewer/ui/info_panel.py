"""The Info panel: what the selected structure is, in plain words and for students."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from anatomy_viewer.anatomy.manifest import ManifestEntry

_PLACEHOLDER = (
    "<p style='color:#5a6470'>Click a bone or muscle in the 3D view, or pick one in the "
    "Structures list, to read about it here.</p>"
)

_DETAIL_ROWS = (
    ("origin", "Origin"),
    ("insertion", "Insertion"),
    ("action", "Action"),
    ("nerve", "Nerve"),
    ("notes", "Look for"),
)


def structure_html(entry: ManifestEntry) -> str:
    """The panel's text for one structure: name, plain description, then student detail."""
    rows = "".join(
        "<tr><td style='padding:3px 10px 3px 0;color:#5a6470;vertical-align:top'>"
        f"<b>{label}</b></td>"
        f"<td style='padding:3px 0'>{escape(text)}</td></tr>"
        for key, label in _DETAIL_ROWS
        if (text := entry.detail.get(key, ""))
    )
    table = f"<table>{rows}</table>" if rows else ""
    return (
        f"<h2 style='margin-bottom:4px'>{escape(entry.name)}</h2>"
        f"<p style='color:#5a6470;margin-top:0'>{escape(entry.group.capitalize())}</p>"
        f"<p style='font-size:large'>{escape(entry.description)}</p>{table}"
    )


class QtInfoPanel(QWidget):
    """Shows the selected structure's name, description, origin, insertion, action and nerve."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("info_text")
        self.browser.setAccessibleName("About the selected structure")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.browser)
        self.show_structure(None)

    def show_structure(self, entry: ManifestEntry | None) -> None:
        """Describe ``entry``, or show the hint when nothing is selected."""
        self.browser.setHtml(_PLACEHOLDER if entry is None else structure_html(entry))

    def text(self) -> str:
        """The panel's plain text (for tests and accessibility)."""
        return self.browser.toPlainText()

"""A printable PDF handout of a lesson: clinic header, one picture and text per step.

Qt writes the PDF (:class:`QPdfWriter`, text laid out by :class:`QTextDocument`), so no
browser is needed; the command line creates a :class:`QGuiApplication` on the offscreen
platform when there is no display (PDF writing needs no OpenGL). Layout is in
millimetres on A4 or US Letter, two passes: measure every block, then paint, so the
footer can say "page 2 of 3".
"""

from __future__ import annotations

import contextlib
import datetime
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.lesson import Patient
from anatomy_viewer.logic.handout import HandoutContent, HandoutStep, handout_content
from anatomy_viewer.system import has_display
from anatomy_viewer.ui.clinic_profile import ClinicProfile

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
#: Print resolution of the PDF's coordinate system, dots per inch.
DPI = 300
MARGIN_MM = 16.0
#: Share of the text width a step's picture takes, and the gap beside it.
PICTURE_SHARE = 0.36
#: Share of the width a wide picture (a compare step's two views) takes, text under it.
WIDE_SHARE = 0.72
GAP_MM = 6.0
ACCENT = QColor(31, 103, 122)
INK = QColor(34, 40, 49)
MUTED = QColor(105, 113, 122)
#: Fonts the handout is set in, the first one installed: clear sans-serif faces with the
#: degree sign, Greek letters and arrows the lesson texts use, on Linux, Windows and macOS.
FONT_FAMILIES = (
    "DejaVu Sans",
    "Noto Sans",
    "Liberation Sans",
    "Segoe UI",
    "Helvetica Neue",
    "Arial",
)
TEXT_STYLE = """
p { margin-top: 0; margin-bottom: 6pt; line-height: 125%; }
ul, ol { margin-top: 0; margin-bottom: 6pt; }
h1, h2, h3 { color: #1f677a; margin-top: 4pt; margin-bottom: 4pt; }
strong { color: #1f677a; }
"""


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new one (offscreen when there is no display)."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if not has_display() and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a Linux machine without a desktop
    return QGuiApplication(["anatomy-viewer"])


def handout_font_family(preferred: tuple[str, ...] = FONT_FAMILIES) -> str:
    """The first of ``preferred`` that Qt's font database has, else the system's own font.

    Needs a running Qt application (:func:`ensure_gui_application`).
    """
    installed = set(QFontDatabase.families())
    for family in preferred:
        if family in installed:
            return family
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


def long_date(day: datetime.date) -> str:
    """A date as people write it on paper: ``25 November 2026``."""
    return f"{day.day} {day.strftime('%B %Y')}"


def _image(pixels: np.ndarray) -> QImage:
    data = np.ascontiguousarray(pixels[..., :3], dtype=np.uint8)
    height, width, _ = data.shape
    return QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


@dataclass
class _Block:
    step: HandoutStep
    document: QTextDocument
    height: float
    page: int = 0
    top: float = 0.0


class _Layout:
    """Millimetres to device pixels, fonts and the page's usable rectangle."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer
        self.scale = DPI / 25.4
        rect = writer.pageLayout().paintRectPixels(DPI)
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.footer = self.mm(8)
        self.family = handout_font_family()

    def mm(self, value: float) -> float:
        return value * self.scale

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def text_document(self, html: str, width: float, points: float = 10.5) -> QTextDocument:
        document = QTextDocument()
        document.documentLayout().setPaintDevice(self.writer)
        document.setDefaultFont(self.font(points))
        document.setDefaultStyleSheet(TEXT_STYLE)
        document.setDocumentMargin(0)
        document.setHtml(html)
        document.setTextWidth(width)
        return document


def _header_height(layout: _Layout, content: HandoutContent) -> float:
    return layout.mm(30) + _title_document(layout, content).size().height() + layout.mm(6)


def _title_document(layout: _Layout, content: HandoutContent) -> QTextDocument:
    from html import escape

    html = (
        f"<p style='font-size:20pt; font-weight:bold; color:#222831; margin-bottom:3pt'>"
        f"{escape(content.title)}</p>"
        f"<p style='font-size:11pt; color:#4a525a'>{escape(content.description.strip())}</p>"
    )
    return layout.text_document(html, layout.width)


#: Boxes printed before each choice: empty to tick at home, ticked for the answer.
_BOX, _TICKED = "\u2610", "\u2611"


def _on_paper(question: str) -> str:
    """A 'click the structure' question as a reader can do it on paper: point to it."""
    words = question.strip()
    if words.lower().startswith("click "):
        return "Point to " + words[len("click ") :]
    return words


def quiz_html(step: HandoutStep, answers: bool) -> str:
    """A step's question as printed: every choice (the answer marked when ``answers``)."""
    from html import escape

    quiz = step.quiz
    if quiz is None:
        return ""
    if quiz.kind == "structure":
        html = (
            f"<p><i>Try it on the picture:</i> {escape(_on_paper(quiz.question))} "
            "(in the app, click it).</p>"
        )
        if answers and quiz.answers:
            html += f"<p><b>Answer:</b> {escape(', '.join(quiz.answers))}</p>"
        return html
    rows = []
    for choice in quiz.choices:
        if answers and choice.correct:
            rows.append(f"{_TICKED} <b>{escape(choice.text)}</b> (the answer)")
        else:
            rows.append(f"{_BOX} {escape(choice.text)}")
    return (
        f"<p><i>Think about it:</i> {escape(quiz.question)}</p>"
        f"<p style='margin-left:12pt'>{'<br/>'.join(rows)}</p>"
    )


def _text_html(step: HandoutStep, answers: bool = False) -> str:
    return step.html + quiz_html(step, answers)


def _body_geometry(layout: _Layout, step: HandoutStep) -> tuple[QRectF, QPointF, float]:
    """A step's picture frame and text origin (from the top of its body), and text width.

    A portrait picture sits left with the text beside it; a wide one (a compare step's two
    views) spans most of the width with the text under it.
    """
    ratio = step.picture.shape[0] / max(step.picture.shape[1], 1)
    if ratio < 1.0:
        width = layout.width * WIDE_SHARE
        frame = QRectF(0, 0, width, width * ratio)
        return frame, QPointF(0, frame.height() + layout.mm(4)), layout.width
    width = layout.width * PICTURE_SHARE
    gap = layout.mm(GAP_MM)
    return QRectF(0, 0, width, width * ratio), QPointF(width + gap, 0), layout.width - width - gap


def _plan_pages(layout: _Layout, content: HandoutContent) -> tuple[list[_Block], int]:
    heading = layout.mm(10)
    top = _header_height(layout, content)
    bottom = layout.height - layout.footer
    page = 0
    blocks: list[_Block] = []
    for step in content.steps:
        points = 11.5 if content.audience == "patient" else 10.5  # larger type for patients
        frame, text_at, text_width = _body_geometry(layout, step)
        document = layout.text_document(_text_html(step, content.answers), text_width, points)
        body = max(frame.height(), text_at.y() + document.size().height())
        block = _Block(step, document, heading + body + layout.mm(6))
        if top + block.height > bottom and top > 0:
            page, top = page + 1, 0.0
        block.page, block.top = page, top
        top += block.height
        blocks.append(block)
    notes_page = page if top + layout.mm(45) <= bottom else page + 1
    _spread(blocks, bottom, layout.mm(20), last_page=page)
    return blocks, notes_page + 1


def _spread(blocks: list[_Block], bottom: float, most: float, last_page: int) -> None:
    """Share each full page's spare height out between its blocks (at most ``most`` each)."""
    for page in range(last_page):
        on_page = [block for block in blocks if block.page == page]
        if len(on_page) < 2:
            continue
        spare = bottom - (on_page[-1].top + on_page[-1].height)
        extra = min(max(spare, 0.0) / (len(on_page) - 1), most)
        for index, block in enumerate(on_page):
            block.top += index * extra


def _paint_header(
    painter: QPainter,
    layout: _Layout,
    content: HandoutContent,
    profile: ClinicProfile,
    day: datetime.date,
) -> None:
    band = layout.mm(22)
    left = 0.0
    logo = profile.logo()
    if not logo.isNull():
        size = QSizeF(logo.width(), logo.height()).scaled(
            QSizeF(layout.mm(50), band), Qt.AspectRatioMode.KeepAspectRatio
        )
        painter.drawImage(QRectF(QPointF(0, (band - size.height()) / 2), size), logo)
        left = size.width() + layout.mm(5)
    lines = [long_date(day)]
    if profile.patient_name:
        lines.append(f"For: {profile.patient_name}")
    if profile.therapist:
        lines.append(f"Your therapist: {profile.therapist}")
    painter.setFont(layout.font(10))
    metrics = painter.fontMetrics()
    right_width = max(metrics.horizontalAdvance(line) for line in lines) + layout.mm(1)
    right = QRectF(layout.width - right_width, 0, right_width, band)
    painter.setPen(INK)
    painter.drawText(
        right, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "\n".join(lines)
    )
    name_width = layout.width - right_width - layout.mm(4) - left
    name = profile.clinic_name or "Your exercise handout"
    points = 16.0
    painter.setFont(layout.font(points, bold=True))
    while painter.fontMetrics().horizontalAdvance(name) > name_width and points > 10:
        points -= 1  # a long clinic name gets smaller type, never cut off
        painter.setFont(layout.font(points, bold=True))
    painter.setPen(ACCENT)
    align_bottom = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
    painter.drawText(QRectF(left, 0, name_width, band * 0.6), align_bottom, name)
    painter.setPen(MUTED)
    painter.setFont(layout.font(9))
    painter.drawText(
        QRectF(left, band * 0.62, name_width, band * 0.38),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        profile.contact,
    )
    painter.setPen(QPen(ACCENT, layout.mm(0.8)))
    rule = band + layout.mm(4)
    painter.drawLine(QPointF(0, rule), QPointF(layout.width, rule))
    painter.save()
    painter.translate(0, layout.mm(30))
    _title_document(layout, content).drawContents(painter)
    painter.restore()


def _paint_block(painter: QPainter, layout: _Layout, block: _Block) -> None:
    step = block.step
    top = block.top
    radius = layout.mm(3.6)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ACCENT)
    painter.drawEllipse(QPointF(radius, top + radius), radius, radius)
    painter.setPen(QColor("white"))
    painter.setFont(layout.font(10, bold=True))
    painter.drawText(
        QRectF(0, top, 2 * radius, 2 * radius), Qt.AlignmentFlag.AlignCenter, str(step.number)
    )
    painter.setPen(INK)
    painter.setFont(layout.font(13, bold=True))
    painter.drawText(
        QRectF(
            2 * radius + layout.mm(3), top - layout.mm(1), layout.width, 2 * radius + layout.mm(2)
        ),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        step.title,
    )
    body_top = top + layout.mm(10)
    frame, text_at, _ = _body_geometry(layout, step)
    frame.translate(0, body_top)
    painter.drawImage(frame, _image(step.picture))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(200, 206, 212), layout.mm(0.3)))
    painter.drawRoundedRect(frame, layout.mm(1), layout.mm(1))
    painter.save()
    painter.translate(text_at.x(), body_top + text_at.y())
    block.document.drawContents(painter)
    painter.restore()


def _paint_notes(painter: QPainter, layout: _Layout, top: float) -> None:
    painter.setPen(INK)
    painter.setFont(layout.font(12, bold=True))
    painter.drawText(QPointF(0, top + layout.mm(5)), "Notes from your session")
    painter.setPen(QPen(QColor(190, 196, 202), layout.mm(0.25)))
    for row in range(1, 6):
        y = top + layout.mm(8 + 7 * row)
        painter.drawLine(QPointF(0, y), QPointF(layout.width, y))


def _paint_footer(
    painter: QPainter,
    layout: _Layout,
    content: HandoutContent,
    profile: ClinicProfile,
    page: int,
    pages: int,
) -> None:
    painter.setPen(MUTED)
    painter.setFont(layout.font(8))
    line = QRectF(0, layout.height - layout.mm(5), layout.width, layout.mm(5))
    source = " · ".join(part for part in (profile.clinic_name, content.title) if part)
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, source)
    painter.drawText(
        line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {page} of {pages}"
    )


def write_handout(
    content: HandoutContent,
    out: Path,
    profile: ClinicProfile | None = None,
    paper: str = "a4",
    day: datetime.date | None = None,
) -> Path:
    """Lay ``content`` out on ``paper`` and write the PDF to ``out`` (atomically).

    Raises
    ------
    AnatomyViewerError
        When ``out`` is not a ``.pdf`` path in a writable folder or ``paper`` is unknown.
    """
    out = check_pdf_path(out)
    if paper not in PAPERS:
        raise AnatomyViewerError(f"paper must be a4 or letter, not {paper!r}")
    profile = profile or ClinicProfile()
    day = day or datetime.date.today()
    handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}.", suffix=".partial.pdf")
    os.close(handle)
    temporary = Path(name)
    mask = os.umask(0)
    os.umask(mask)
    temporary.chmod(0o666 & ~mask)  # mkstemp makes the file private
    try:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(DPI)
        writer.setTitle(content.title)
        writer.setCreator(profile.clinic_name or "anatomy_viewer")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(PAPERS[paper]),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
        layout = _Layout(writer)
        blocks, pages = _plan_pages(layout, content)
        painter = QPainter()
        if not painter.begin(writer):
            raise AnatomyViewerError(f"{out}: the PDF could not be started")
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            _paint_header(painter, layout, content, profile, day)
            page = 0
            for block in blocks:
                while page < block.page:
                    _paint_footer(painter, layout, content, profile, page + 1, pages)
                    writer.newPage()
                    page += 1
                _paint_block(painter, layout, block)
            end = blocks[-1].top + blocks[-1].height if blocks else _header_height(layout, content)
            if pages - 1 > page:
                _paint_footer(painter, layout, content, profile, page + 1, pages)
                writer.newPage()
                page, end = page + 1, 0.0
            _paint_notes(painter, layout, end)
            _paint_footer(painter, layout, content, profile, page + 1, pages)
        finally:
            painter.end()
        os.replace(temporary, out)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return out


def check_pdf_path(out: Path) -> Path:
    """The expanded path, or an error naming it when a PDF cannot be written there."""
    out = Path(out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise AnatomyViewerError(f"{out}: handouts are saved as PDF; give a name ending in .pdf")
    folder = out.parent
    if not folder.is_dir():
        raise AnatomyViewerError(f"{out}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise AnatomyViewerError(f"{out}: the folder {folder} cannot be written to")
    return out


def export_handout(
    lesson: Path,
    out: Path,
    audience: str = "patient",
    paper: str = "a4",
    profile: ClinicProfile | None = None,
    day: datetime.date | None = None,
    quality: str = "auto",
    progress: Callable[[int, int], None] | None = None,
    answers: bool = False,
    meshes: Path | None = None,
    mass_kg: float = 75.0,
    patient: Patient | None = None,
) -> Path:
    """Render a lesson's pictures off-screen and write its handout PDF to ``out``.

    ``answers`` makes a therapist's copy, with the right answer of each question marked.
    ``meshes`` and ``mass_kg`` are the patient's anatomy set (default: the bundled one)
    and body mass, which the pictures show; ``patient`` is whose values and strength
    the lesson's steps about the patient print.
    """
    check_pdf_path(out)
    if paper not in PAPERS:
        raise AnatomyViewerError(f"paper must be a4 or letter, not {paper!r}")
    ensure_gui_application()
    content = handout_content(
        lesson,
        audience,
        quality=quality,
        progress=progress,
        answers=answers,
        meshes=meshes,
        mass_kg=mass_kg,
        patient=patient,
    )
    return write_handout(content, out, profile, paper, day)


def export_exercise_handout(
    exercises: list[str],
    out: Path,
    side: str = "right",
    strength_pct: float = 100.0,
    weaken: str = "gluteus_medius",
    paper: str = "a4",
    profile: ClinicProfile | None = None,
    day: datetime.date | None = None,
    quality: str = "auto",
    progress: Callable[[int, int], None] | None = None,
    meshes: Path | None = None,
    mass_kg: float = 75.0,
) -> Path:
    """Write an exercise sheet of ``exercises`` to ``out``: a picture of each held pose,
    how to do it and the model's efforts, ranked (see
    :mod:`anatomy_viewer.logic.exercise_handout`).

    Raises
    ------
    AnatomyViewerError
        For an unknown exercise, an unwritable ``out`` or an unknown ``paper``.
    """
    from anatomy_viewer.logic.exercise_handout import exercise_handout_content, parse_exercises

    check_pdf_path(out)
    parse_exercises(",".join(exercises))
    if paper not in PAPERS:
        raise AnatomyViewerError(f"paper must be a4 or letter, not {paper!r}")
    ensure_gui_application()
    content = exercise_handout_content(
        exercises,
        side,
        strength_pct,
        weaken,
        quality=quality,
        progress=progress,
        meshes=meshes,
        mass_kg=mass_kg,
    )
    return write_handout(content, out, profile, paper, day)

"""Help > Keyboard shortcuts and Help > User guide.

The shortcuts are read from the window's own actions and shortcuts each time the list
opens, so it can never disagree with what the keys do. The user guide is the "Using the
app" section of the README, shipped with the app (in a wheel too: ``resources.py``), and
the documents it links to open in the same window, offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.errors import AnatomyViewerError
from anatomy_viewer.resources import readme_path

GUIDE_HEADING = "## Using the app"
#: Widest a picture of the guide is shown, in pixels (the guide's window is 820 wide).
PICTURE_WIDTH = 740

#: What the mouse and the fingers do in the 3D view (no action carries these).
POINTER_ROWS = (
    ("Drag", "Turn the body around"),
    ("Scroll wheel", "Zoom in and out"),
    ("Shift + drag, or middle button", "Slide the view"),
    ("Click", "Pick a structure and read about it"),
    ("One finger / two fingers", "Turn / pinch to zoom and slide (touch screens)"),
)


def _keys(sequences: list[QKeySequence]) -> str:
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
    return ", ".join(t for t in texts if t)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """Every keyboard shortcut of ``window``: ``(section, keys, what it does)``.

    Menus come first, in their order, each its own section; then shortcuts that belong to
    no menu (the lesson keys, Esc), then what the mouse and fingers do in the 3D view.
    """
    rows: list[tuple[str, str, str]] = []
    listed: set[int] = set()

    def walk(menu: QMenu, section: str, within: str = "") -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, section, _plain(action.text()))
            elif action.shortcuts() and id(action) not in listed:
                listed.add(id(action))
                words = _plain(action.text())
                # "Normal" alone says nothing: "Text size: Normal" does.
                words = f"{within}: {words}" if within else words
                rows.append((section, _keys(action.shortcuts()), words))

    menu_bar = getattr(window, "menuBar", None)
    if callable(menu_bar):
        for top in menu_bar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                walk(menu, _plain(top.text()))
    for action in window.findChildren(QAction):
        if action.shortcuts() and id(action) not in listed and action.isEnabled():
            listed.add(id(action))
            rows.append(("Other", _keys(action.shortcuts()), _plain(action.text())))
    # Shortcuts that do the same share a row: "Right, Space, PgDown: Next lesson step".
    keys_for: dict[str, list[QKeySequence]] = {}
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and shortcut.whatsThis():
            keys_for.setdefault(shortcut.whatsThis(), []).append(shortcut.key())
    rows.extend(("Lessons and presenting", _keys(keys), what) for what, keys in keys_for.items())
    rows.extend(("Mouse and touch in the 3D view", keys, what) for keys, what in POINTER_ROWS)
    return rows


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]


class QtShortcutsDialog(QDialog):
    """A list of every shortcut, by menu, read from the window when it opens."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcuts_list")
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "What they do"])
        self.tree.setRootIsDecorated(False)
        sections: dict[str, QTreeWidgetItem] = {}
        for section, keys, what in shortcut_rows(window):
            parent = sections.get(section)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [section])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFirstColumnSpanned(True)
                parent.setExpanded(True)
                sections[section] = parent
            QTreeWidgetItem(parent, [keys, what])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 620)

    def rows(self) -> list[tuple[str, str]]:
        """``(keys, what)`` of every row shown (for tests and screen readers)."""
        found: list[tuple[str, str]] = []
        for section in _children(self.tree.invisibleRootItem()):
            found.extend((item.text(0), item.text(1)) for item in _children(section))
        return found


def guide_section(readme: str) -> str:
    """The "Using the app" section of the README's text (heading included)."""
    lines = readme.splitlines()
    try:
        start = lines.index(GUIDE_HEADING)
    except ValueError as error:
        raise AnatomyViewerError(f"the README has no '{GUIDE_HEADING}' section") from error
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start:end]).strip() + "\n"


class QtGuideBrowser(QTextBrowser):
    """Shows Markdown from the guide's folder; links to other ``.md`` files open here too.

    Pictures and documents are read only from inside ``root``: a link can never make the
    browser read another file of the computer.
    """

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide_text")
        self.setAccessibleName("User guide")
        self.root = root.resolve()
        self.setOpenLinks(False)
        self.anchorClicked.connect(self.follow)
        self.page: Path | None = None

    def _inside(self, url: QUrl) -> Path | None:
        if not url.isLocalFile() and url.scheme():
            return None
        path = Path(url.toLocalFile() if url.isLocalFile() else url.path())
        if not path.is_absolute():
            base = self.page.parent if self.page is not None else self.root
            path = base / path
        path = path.resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None

    def show_markdown(self, text: str, page: Path) -> None:
        """Show ``text``, read from (or standing for) the file ``page``."""
        self.page = page.resolve()
        self.document().setBaseUrl(QUrl.fromLocalFile(str(self.page.parent) + "/"))
        self.setMarkdown(text)

    def follow(self, url: QUrl) -> None:
        """Open a linked document of the guide, or jump to an anchor on this page."""
        if url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
            return
        path = self._inside(url)
        if path is not None and path.suffix.lower() == ".md":
            self.show_markdown(path.read_text(encoding="utf-8"), path)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 (Qt's name)
        """Pictures from inside the guide's folder, shrunk to the width of the page."""
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        path = self._inside(QUrl(url))
        if path is None:
            return None
        image = QImage(str(path))
        if image.width() > PICTURE_WIDTH:
            image = image.scaledToWidth(PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        return image


class QtUserGuide(QDialog):
    """The user guide in a window of its own, beside the app's window."""

    def __init__(self, parent: QWidget | None = None, readme: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide")
        self.setWindowTitle("anatomy_viewer: user guide")
        self.readme = readme or readme_path()
        if not self.readme.is_file():
            raise AnatomyViewerError(
                f"{self.readme}: the user guide is missing; reinstall anatomy_viewer"
            )
        self.browser = QtGuideBrowser(self.readme.parent, self)
        self.home_button = QPushButton("Back to the guide", self)
        self.home_button.clicked.connect(self.show_guide)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.home_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.resize(820, 760)
        self.show_guide()

    def show_guide(self) -> None:
        """Show the guide itself (again)."""
        text = guide_section(self.readme.read_text(encoding="utf-8"))
        self.browser.show_markdown(text, self.readme)

    def text(self) -> str:
        """The plain text on show (for tests and screen readers)."""
        return self.browser.toPlainText()

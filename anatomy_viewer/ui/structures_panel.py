"""The Structures panel: a search field over a tree of bones, muscles and other tissue, each
with its visibility; the selected one's opacity, Isolate and Show all under it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from anatomy_viewer.anatomy.manifest import ManifestEntry

_GROUP_TITLES = (("bone", "Bones"), ("muscle", "Muscles"), ("other", "Other tissue"))
_SIDE_TITLES = (("right", "Right side"), ("left", "Left side"), ("center", "Midline"))
_ID_ROLE = Qt.ItemDataRole.UserRole


def _swatch(color: Sequence[float]) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor.fromRgbF(float(color[0]), float(color[1]), float(color[2])))
    return QIcon(pixmap)


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]


def _group_key(entry: ManifestEntry) -> str:
    return entry.group if entry.group in ("bone", "muscle") else "other"


def matches(query: str, name: str) -> bool:
    """Whether a structure's name answers a search: every word of ``query`` begins a word of
    the name, so "glut med" finds "Gluteus medius (right)" and "tfl" finds nothing false."""
    words = _words(name)
    return all(any(w.startswith(q) for w in words) for q in _words(query))


def _words(text: str) -> list[str]:
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in text)
    return cleaned.split()


class QtStructuresPanel(QWidget):
    """Tree of structures with check boxes, an opacity slider, "Isolate" and "Show all".

    The panel only reports what the user asks for; the window applies it to the scene
    and calls :meth:`set_checked` / :meth:`select` back with signals blocked.
    """

    visibility_changed = Signal(str, bool)
    opacity_changed = Signal(str, float)
    structure_selected = Signal(str)
    isolate_requested = Signal(str)
    show_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("structure_search")
        self.search.setPlaceholderText("Search structures")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search structures")
        self.search.setToolTip(
            "Type part of a name to narrow the list, e.g. 'glut med'; Enter selects the first"
        )
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._select_first_match)
        self.no_match = QLabel("No structure has that name.", self)
        self.no_match.setObjectName("no_match")
        self.no_match.setStyleSheet("color:#5a6470")
        self.no_match.hide()
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("structures_tree")
        self.tree.setAccessibleName("Structures")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        # Three levels (tissue, side, structure) in a narrow panel: a small indent leaves
        # the names room to be read in full.
        self.tree.setIndentation(14)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self._items: dict[str, QTreeWidgetItem] = {}

        self.opacity_label = QLabel("O&pacity", self)
        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setObjectName("opacity_slider")
        self.opacity.setRange(0, 100)
        self.opacity.setValue(100)
        self.opacity.setEnabled(False)
        self.opacity.setToolTip("How solid the selected structure is drawn")
        self.opacity.setAccessibleName("Opacity of the selected structure")
        self.opacity_label.setBuddy(self.opacity)
        self.opacity.valueChanged.connect(self._opacity_moved)
        self.isolate_button = QPushButton("Isolate", self)
        self.isolate_button.setToolTip("Show only the selected structure")
        self.isolate_button.setEnabled(False)
        self.isolate_button.clicked.connect(self._isolate_clicked)
        self.show_all_button = QPushButton("Show all", self)
        self.show_all_button.setToolTip("Show every structure again")
        self.show_all_button.clicked.connect(self.show_all_requested)

        opacity_row = QHBoxLayout()
        opacity_row.addWidget(self.opacity_label)
        opacity_row.addWidget(self.opacity, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.isolate_button)
        buttons.addWidget(self.show_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.no_match)
        layout.addWidget(self.tree, 1)
        layout.addLayout(opacity_row)
        layout.addLayout(buttons)

    def populate(self, entries: Sequence[ManifestEntry], visible: dict[str, bool]) -> None:
        """Fill the tree, grouped by tissue then side, with each structure's visibility."""
        blocker = QSignalBlocker(self.tree)
        self.tree.clear()
        self._items.clear()
        for group_key, group_title in _GROUP_TITLES:
            members = [e for e in entries if _group_key(e) == group_key]
            if not members:
                continue
            group_item = QTreeWidgetItem(self.tree, [group_title])
            group_item.setFlags(
                group_item.flags()
                | Qt.ItemFlag.ItemIsAutoTristate
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            for side, side_title in _SIDE_TITLES:
                on_side = [e for e in members if e.side == side]
                if not on_side:
                    continue
                side_item = QTreeWidgetItem(group_item, [side_title])
                side_item.setFlags(
                    side_item.flags()
                    | Qt.ItemFlag.ItemIsAutoTristate
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                for entry in on_side:
                    item = QTreeWidgetItem(side_item, [entry.name])
                    item.setData(0, _ID_ROLE, entry.id)
                    item.setIcon(0, _swatch(entry.color))
                    tip = f"<b>{escape(entry.name)}</b><br>{escape(entry.description)}"
                    item.setToolTip(0, tip)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    checked = visible.get(entry.id, True)
                    item.setCheckState(
                        0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
                    self._items[entry.id] = item
                side_item.setExpanded(True)
            group_item.setExpanded(True)
        del blocker
        self.filter(self.search.text())

    def filter(self, query: str) -> None:
        """Show only the structures whose names answer ``query`` (all when it is empty)."""
        found = 0
        for group in _children(self.tree.invisibleRootItem()):
            group_shown = False
            for side in _children(group):
                side_shown = False
                for leaf in _children(side):
                    shown = matches(query, leaf.text(0))
                    leaf.setHidden(not shown)
                    side_shown |= shown
                    found += shown
                side.setHidden(not side_shown)
                group_shown |= side_shown
            group.setHidden(not group_shown)
        self.no_match.setVisible(bool(self._items) and found == 0)

    def shown_ids(self) -> list[str]:
        """Structures the tree lists now (after the search), in tree order."""
        return [sid for sid, item in self._items.items() if not item.isHidden()]

    def _select_first_match(self) -> None:
        shown = self.shown_ids()
        if shown:
            self.tree.setCurrentItem(self._items[shown[0]])

    def item(self, structure_id: str) -> QTreeWidgetItem:
        """The tree item of a structure."""
        return self._items[structure_id]

    def is_checked(self, structure_id: str) -> bool:
        """Whether the structure's box is ticked."""
        return self._items[structure_id].checkState(0) == Qt.CheckState.Checked

    def set_checked(self, structure_id: str, checked: bool) -> None:
        """Tick or clear a box without reporting it back."""
        item = self._items.get(structure_id)
        if item is None:
            return
        blocker = QSignalBlocker(self.tree)
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        del blocker
        self.tree.viewport().update()

    def select(self, structure_id: str | None, opacity: float = 1.0) -> None:
        """Select a structure's row (or none) without reporting it back."""
        tree_blocker = QSignalBlocker(self.tree)
        slider_blocker = QSignalBlocker(self.opacity)
        item = self._items.get(structure_id) if structure_id else None
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
        else:
            self.tree.setCurrentIndex(QModelIndex())
        self.opacity.setEnabled(item is not None)
        self.isolate_button.setEnabled(item is not None)
        self.opacity.setValue(round(opacity * 100))
        del tree_blocker, slider_blocker

    def selected_id(self) -> str | None:
        """Id of the structure whose row is current."""
        item = self.tree.currentItem()
        value = item.data(0, _ID_ROLE) if item is not None else None
        return str(value) if value else None

    def _item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        structure_id = item.data(0, _ID_ROLE)
        if structure_id:
            self.visibility_changed.emit(
                str(structure_id), item.checkState(0) == Qt.CheckState.Checked
            )

    def _current_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        structure_id = current.data(0, _ID_ROLE) if current is not None else None
        self.opacity.setEnabled(bool(structure_id))
        self.isolate_button.setEnabled(bool(structure_id))
        if structure_id:
            self.structure_selected.emit(str(structure_id))

    def _opacity_moved(self, value: int) -> None:
        structure_id = self.selected_id()
        if structure_id:
            self.opacity_changed.emit(structure_id, value / 100.0)

    def _isolate_clicked(self) -> None:
        structure_id = self.selected_id()
        if structure_id:
            self.isolate_requested.emit(structure_id)

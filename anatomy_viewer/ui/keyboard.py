"""The lesson's keys (arrows, Space, Page Up/Down), and the controls that keep them.

A window-wide shortcut is tried before the focused widget sees the key, so without care
the Right arrow would move the lesson on while the strength slider has the focus, and the
new step would reset the strength. Qt's way out is the ``ShortcutOverride`` event: the
focused widget is asked first, and when it accepts, the key goes to the widget and the
shortcut does not fire. :class:`QtLessonKeys` watches whichever widget has the focus (one
at a time, so no application-wide filter runs on every event) and accepts the override for
the keys that widget uses itself: a slider its arrows and Page keys, a text field its
arrows and Space, a list or tree everything, a button or tick box its Space.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

_ARROWS_AND_PAGES = frozenset(
    {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
)
_ALL = _ARROWS_AND_PAGES | {Qt.Key.Key_Space}

#: The lesson's keys: (keys, what they do in words) for next and previous.
NEXT_KEYS = ("Right", "Space", "PgDown")
PREVIOUS_KEYS = ("Left", "PgUp")


def keys_the_widget_uses(widget: QWidget | None) -> frozenset[Qt.Key]:
    """The lesson keys that ``widget`` needs for itself while it has the focus."""
    if widget is None:
        return frozenset()
    if isinstance(widget, QLineEdit | QAbstractSpinBox | QComboBox | QAbstractItemView):
        return _ALL
    if isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.isReadOnly():
        return _ALL
    if isinstance(widget, QAbstractSlider | QTabBar):
        return _ARROWS_AND_PAGES
    if isinstance(widget, QAbstractButton):
        return frozenset({Qt.Key.Key_Space})
    return frozenset()


class QtLessonKeys(QObject):
    """Window-wide lesson keys that give way to the control with the focus.

    Parameters
    ----------
    window
        The window the shortcuts belong to.
    next_step, previous_step
        What the keys do.
    """

    def __init__(
        self,
        window: QWidget,
        next_step: Callable[[], None],
        previous_step: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.shortcuts: list[QShortcut] = []
        for keys, slot, words in (
            (NEXT_KEYS, next_step, "Next lesson step"),
            (PREVIOUS_KEYS, previous_step, "Previous lesson step"),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), window)
                shortcut.setWhatsThis(words)
                shortcut.activated.connect(slot)
                self.shortcuts.append(shortcut)
        self._watched: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            self._focus_changed(None, app.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched.destroyed.disconnect(self._forget)
        self._watched = new if keys_the_widget_uses(new) else None
        if self._watched is not None:
            self._watched.installEventFilter(self)
            self._watched.destroyed.connect(self._forget)

    def _forget(self) -> None:
        self._watched = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Keep a lesson key for the focused control that uses it."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            == Qt.KeyboardModifier.NoModifier
            and Qt.Key(event.key()) in keys_the_widget_uses(watched)
        ):
            event.accept()
            return True
        return False

    def close(self) -> None:
        """Stop watching the focus."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self._focus_changed(None, None)

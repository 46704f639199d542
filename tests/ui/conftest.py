"""The real main window under Xvfb; every test closes what it opens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from anatomy_viewer.ui.app import create_application
from anatomy_viewer.ui.main_window import QtMainWindow


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """The app's own QApplication (names and font), shared by the session."""
    return create_application(["anatomy-viewer-tests"])


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a temporary INI file, so tests never touch the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot: QtBot, settings: QSettings) -> Iterator[Callable[..., QtMainWindow]]:
    """Build shown main windows with their anatomy loaded; closes them and checks cleanup."""
    windows: list[QtMainWindow] = []

    def make(**kwargs: object) -> QtMainWindow:
        window = QtMainWindow(kwargs.pop("settings", settings), **kwargs)  # type: ignore[arg-type]
        windows.append(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.scene is not None, timeout=20000)
        return window

    yield make
    for window in windows:
        window.close()
        assert window.scene is None
        running = [t for t in window.findChildren(QTimer) if t.isActive()]
        assert not running, f"timers still running after close: {running}"
        window.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def window(make_window: Callable[..., QtMainWindow]) -> QtMainWindow:
    """One main window with the bundled anatomy."""
    return make_window()

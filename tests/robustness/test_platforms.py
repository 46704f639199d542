"""Windows, macOS and Linux paths that this Linux machine cannot run itself.

The operating system is faked (``sys.platform`` and the environment) to check the
decisions: whether there is a display, which Qt platform the app asks for, how memory is
read. Which Unix-only modules the code imports is read from its source.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from anatomy_viewer import system
from anatomy_viewer.errors import AnatomyViewerError

PACKAGE = Path(system.__file__).resolve().parent
#: Modules of the standard library that exist only on Unix.
UNIX_ONLY = {"resource", "fcntl", "termios", "pwd", "grp", "posix"}


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    # Set, then removed: the test may set them again, and all are restored after it.
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "VTK_DEFAULT_OPENGL_WINDOW"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    return monkeypatch


def _top_level_imports(path: Path) -> set[str]:
    """Modules a file imports when it is imported (not inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_imports_a_unix_only_module_when_it_is_imported() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(_top_level_imports(path) & UNIX_ONLY)
        for path in PACKAGE.rglob("*.py")
        if _top_level_imports(path) & UNIX_ONLY
    }
    assert offenders == {}


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_always_have_a_display(
    no_display: pytest.MonkeyPatch, platform: str
) -> None:
    no_display.setattr(sys, "platform", platform)
    assert system.has_display() and system.has_x11_display() and not system.uses_x11()


def test_linux_needs_a_display_variable(no_display: pytest.MonkeyPatch) -> None:
    no_display.setattr(sys, "platform", "linux")
    assert not system.has_display() and not system.has_x11_display()
    no_display.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert system.has_display() and not system.has_x11_display()  # no XWayland
    no_display.setenv("DISPLAY", ":0")
    assert system.has_x11_display()


def test_memory_is_read_in_mebibytes() -> None:
    resident, peak = system.resident_memory_mb(), system.peak_memory_mb()
    assert 10 < resident <= peak * 1.01 < 100_000


@pytest.mark.parametrize(
    ("platform", "maxrss", "expected"), [("darwin", 2**30, 1024.0), ("linux", 2**20, 1024.0)]
)
def test_peak_memory_unit_follows_the_system(
    monkeypatch: pytest.MonkeyPatch, platform: str, maxrss: int, expected: float
) -> None:
    # ru_maxrss is in bytes on macOS and in kibibytes on Linux.
    resource = pytest.importorskip("resource")
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(resource, "getrusage", lambda _who: SimpleNamespace(ru_maxrss=maxrss))
    assert system.peak_memory_mb() == expected


def test_qt_chooses_the_platform_on_windows_and_macos(no_display: pytest.MonkeyPatch) -> None:
    from anatomy_viewer.ui.app import prepare_environment

    for platform in ("win32", "darwin"):
        no_display.setattr(sys, "platform", platform)
        prepare_environment()
        assert "QT_QPA_PLATFORM" not in __import__("os").environ


def test_linux_asks_qt_for_x11_where_the_3d_view_needs_it(no_display: pytest.MonkeyPatch) -> None:
    import os

    from anatomy_viewer.ui.app import prepare_environment

    no_display.setattr(sys, "platform", "linux")
    no_display.setenv("WAYLAND_DISPLAY", "wayland-0")
    no_display.setenv("DISPLAY", ":0")  # a Wayland desktop with XWayland
    prepare_environment()
    assert os.environ["QT_QPA_PLATFORM"] == "xcb"
    no_display.setenv("QT_QPA_PLATFORM", "wayland")  # the user's own choice is kept
    prepare_environment()
    assert os.environ["QT_QPA_PLATFORM"] == "wayland"


def test_a_wayland_desktop_without_xwayland_is_told_what_to_install(
    no_display: pytest.MonkeyPatch,
) -> None:
    from anatomy_viewer.ui.app import prepare_environment

    no_display.setattr(sys, "platform", "linux")
    no_display.setenv("WAYLAND_DISPLAY", "wayland-0")
    with pytest.raises(AnatomyViewerError, match="XWayland"):
        prepare_environment()
    no_display.delenv("WAYLAND_DISPLAY")
    with pytest.raises(AnatomyViewerError, match="anatomy-viewer render"):
        prepare_environment()


def test_headless_commands_use_egl_only_where_vtk_would_look_for_x11(
    no_display: pytest.MonkeyPatch,
) -> None:
    import os

    from anatomy_viewer.cli import _headless_environment

    no_display.setattr(sys, "platform", "win32")
    _headless_environment()
    assert "VTK_DEFAULT_OPENGL_WINDOW" not in os.environ
    no_display.setattr(sys, "platform", "linux")
    _headless_environment()
    assert os.environ["VTK_DEFAULT_OPENGL_WINDOW"] == "vtkEGLRenderWindow"


def test_freed_memory_goes_back_to_the_system_where_the_c_library_can() -> None:
    import numpy as np

    blocks = [np.ones(2048) for _ in range(10_000)]  # 160 MiB in small blocks on the C heap
    del blocks[::2]  # freed, but held by the allocator among the blocks still in use
    held = system.resident_memory_mb()
    system.release_freed_memory()
    assert system.resident_memory_mb() <= held
    if sys.platform.startswith("linux"):
        assert system.resident_memory_mb() < held - 40  # glibc: about 80 MiB were freed
    del blocks


def test_releasing_memory_does_nothing_on_windows_and_macos(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctypes

    def refuse(_name: object) -> None:
        raise AssertionError("no C library call expected")

    monkeypatch.setattr(ctypes, "CDLL", refuse)
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        system.release_freed_memory()

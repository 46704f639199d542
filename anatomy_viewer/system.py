"""What the operating system offers: a display, and how much memory this process uses.

Windows and macOS always have their window system (there is no ``DISPLAY`` to look at);
Linux and the other Unix desktops reach the screen through X11 or Wayland, named by the
``DISPLAY`` and ``WAYLAND_DISPLAY`` variables, and are headless without them.
Nothing here imports Qt or VTK, so the command line can decide before loading either.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from pathlib import Path


def uses_x11() -> bool:
    """Whether Qt and VTK reach the screen through X11 (or Wayland) here.

    True on Linux and the BSDs; False on Windows and macOS, whose window systems need no
    environment variable.
    """
    return not (sys.platform == "win32" or sys.platform == "darwin")


def has_display() -> bool:
    """Whether a window can be shown: always on Windows and macOS, else with a display."""
    if not uses_x11():
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def has_x11_display() -> bool:
    """Whether VTK's native window can be shown: always on Windows and macOS.

    On Linux VTK draws into an X11 window, so it needs an X server: a desktop's own, or
    XWayland on a Wayland desktop (which sets ``DISPLAY`` too).
    """
    return not uses_x11() or bool(os.environ.get("DISPLAY"))


def _windows_working_set_bytes(peak: bool = False) -> int:
    """Working set (resident memory) of this process on Windows, now or at its peak."""

    class ProcessMemoryCounters(ctypes.Structure):
        _fields_ = [
            ("cb", ctypes.c_ulong),
            ("PageFaultCount", ctypes.c_ulong),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    counters = ProcessMemoryCounters()
    counters.cb = ctypes.sizeof(counters)
    windll = ctypes.windll  # type: ignore[attr-defined]  # Windows only
    process = windll.kernel32.GetCurrentProcess()
    if not windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
        raise OSError("GetProcessMemoryInfo failed")
    return int(counters.PeakWorkingSetSize if peak else counters.WorkingSetSize)


def peak_memory_mb() -> float:
    """The most resident memory this process has used so far, in MiB.

    ``ru_maxrss`` is in kibibytes on Linux and the BSDs but in bytes on macOS.
    """
    if sys.platform == "win32":
        return _windows_working_set_bytes(peak=True) / 2**20
    import resource  # Unix only

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024.0


def exclude_imports_from_collections() -> None:
    """Leave every object alive now out of Python's full garbage collections (``gc.freeze``).

    Call it once the app's modules are imported, before its window is built. What the
    imports made (some 195,000 objects: modules, functions, classes, Qt and VTK wrappers)
    lives until the app quits, yet every full collection walks all of it while the event
    loop waits: 165 to 185 ms measured on a 2-core machine, during a new patient's anatomy
    being read. Left out, the slowest full collection measured 66 ms. Objects made later
    are collected as before.
    """
    gc.freeze()


def release_freed_memory() -> None:
    """Give memory the app has freed back to the operating system, where the C library can.

    glibc keeps freed memory in its heap for later use, still counted as the app's: a
    lesson step's passing work (compiling shaders on a software renderer, solving the
    model, building labels) leaves tens of MiB free but held. ``malloc_trim`` returns it
    (a few milliseconds). Other C libraries, Windows and macOS manage this themselves:
    nothing is done there.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return
    trim(0)


def resident_memory_mb() -> float:
    """Resident memory of this process now, in MiB.

    Read from ``/proc`` on Linux and from psapi on Windows; elsewhere (macOS) the
    operating system reports only the peak, which is returned instead.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    if sys.platform == "win32":
        return _windows_working_set_bytes() / 2**20
    return peak_memory_mb()

"""How many bytes the C heap holds in use, read exactly from glibc (all its arenas).

Resident memory (RSS) also counts pages the allocator keeps free and whatever the X
server's and GL driver's buffers happen to hold at the moment it is read; the heap's own
account of the bytes in use (``malloc_info``) does not, so a leak of a few hundred bytes a
frame shows in a few thousand frames. glibc only: elsewhere :func:`heap_in_use_mb` is None.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
import tempfile


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.malloc_info  # noqa: B018 (glibc has it; musl does not)
    except (OSError, AttributeError):
        return None
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    return libc


_LIBC = _libc()


def _total(xml: str, tag: str, kind: str) -> int:
    found = re.search(rf'<{tag} type="{kind}"(?: count="\d+")? size="(\d+)"', xml)
    if found is None:
        raise ValueError(f"malloc_info printed no {tag} {kind}")
    return int(found.group(1))


def heap_in_use_mb() -> float | None:
    """MiB the C heap holds in use: what it took from the system, less its free chunks."""
    if _LIBC is None:
        return None
    handle, path = tempfile.mkstemp(suffix=".xml")
    os.close(handle)
    try:
        stream = _LIBC.fopen(path.encode(), b"w")
        _LIBC.malloc_info(0, stream)
        _LIBC.fclose(stream)
        with open(path, encoding="ascii") as file:
            xml = file.read()
    finally:
        os.unlink(path)
    totals = xml[xml.rindex("</heap>") :]  # the totals over every arena follow the last heap
    in_use = (
        _total(totals, "system", "current")
        - _total(totals, "total", "fast")
        - _total(totals, "total", "rest")
        + _total(totals, "total", "mmap")
    )
    return in_use / 2**20

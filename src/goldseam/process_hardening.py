"""Keep the process from leaving copies of its memory on disk.

Core dumps are switched off and, on Linux, the process is marked non-dumpable (which also
stops other processes of the same user from attaching a debugger or reading its memory).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import faulthandler
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def disable_core_dumps() -> None:
    if sys.platform == "win32":
        return
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None


def set_not_dumpable() -> None:
    if not sys.platform.startswith("linux"):
        return
    libc = _libc()
    if libc is not None:
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def is_dumpable() -> bool | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = _libc()
    if libc is None:
        return None
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def harden_process() -> None:
    disable_core_dumps()
    set_not_dumpable()
    # Tracebacks of hard crashes go to stderr only (no locals, no files, no reporter).
    if sys.stderr is not None:
        with contextlib.suppress(Exception):
            faulthandler.enable()

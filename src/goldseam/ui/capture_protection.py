"""Keep Goldseam's windows out of screenshots and screen sharing where the OS allows it.

Windows: ``SetWindowDisplayAffinity(WDA_EXCLUDEFROMCAPTURE)``. macOS: the window's
``sharingType`` set to none (pyobjc). Linux compositors offer no such control.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

from PySide6.QtWidgets import QWidget

WDA_NONE = 0x0
WDA_EXCLUDEFROMCAPTURE = 0x11


def supported() -> bool:
    return sys.platform in ("win32", "darwin")


def set_capture_protection(window: QWidget, enabled: bool) -> bool:
    """Returns True if the platform accepted the setting."""
    if sys.platform == "win32":
        with contextlib.suppress(Exception):
            user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]
            affinity = WDA_EXCLUDEFROMCAPTURE if enabled else WDA_NONE
            return bool(user32.SetWindowDisplayAffinity(ctypes.c_void_p(int(window.winId())), affinity))
        return False
    if sys.platform == "darwin":
        with contextlib.suppress(Exception):
            import objc

            view = objc.objc_object(c_void_p=ctypes.c_void_p(int(window.winId())))
            view.window().setSharingType_(0 if enabled else 1)  # NSWindowSharingNone / ReadOnly
            return True
        return False
    return False

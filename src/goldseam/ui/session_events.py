"""Platform notices that should lock the vault: screen locked, going to sleep, user switch.

* Linux: D-Bus signals from the freedesktop, GNOME, KDE and XFCE screen savers
  (``ActiveChanged``) and logind (``PrepareForSleep``, session ``Lock``).
* Windows: ``WM_WTSSESSION_CHANGE`` (lock, console disconnect) and ``WM_POWERBROADCAST``
  (suspend) through a native event filter.
* macOS: ``com.apple.screenIsLocked`` and NSWorkspace sleep / session-resign notices
  (needs pyobjc, installed on macOS by the project's dependencies).

If none is available, Settings says so; the idle timer still applies.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sys
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

_SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ("org.xfce.ScreenSaver", "/org/xfce/ScreenSaver", "org.xfce.ScreenSaver"),
    ("org.mate.ScreenSaver", "/org/mate/ScreenSaver", "org.mate.ScreenSaver"),
)

WM_WTSSESSION_CHANGE = 0x02B1
WTS_CONSOLE_DISCONNECT = 0x2
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4


class SessionEvents(QObject):
    """Emits ``lock_requested`` with a short reason code ("screen", "sleep", "switch")."""

    lock_requested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []
        self._native_filter: _WindowsFilter | None = None
        self._mac_observer: Any = None

    @property
    def available(self) -> bool:
        return bool(self.sources)

    def start(self, window_id: int | None = None) -> None:
        if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
            self._start_dbus()
        elif sys.platform == "win32":
            self._start_windows(window_id)
        elif sys.platform == "darwin":
            self._start_macos()

    # -- Linux ---------------------------------------------------------------------------

    def _start_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path, interface in _SCREENSAVERS:
                if self._listen(session, service, path, interface, "ActiveChanged", "on_screensaver_active(bool)"):
                    self.sources.append(interface)
        system = QDBusConnection.systemBus()
        if system.isConnected():
            manager = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager")
            if self._listen(system, *manager, "PrepareForSleep", "on_prepare_for_sleep(bool)"):
                self.sources.append("logind-sleep")
            session_id = os.environ.get("XDG_SESSION_ID")
            if session_id:
                path = "/org/freedesktop/login1/session/" + _dbus_escape(session_id)
                login_session = ("org.freedesktop.login1", path, "org.freedesktop.login1.Session")
                if self._listen(system, *login_session, "Lock", "on_session_lock()"):
                    self.sources.append("logind-lock")

    def _listen(self, bus: Any, service: str, path: str, interface: str, signal: str, slot: str) -> bool:
        # PySide6's stub asks for bytes, but only the str made by SLOT() works at run time.
        return bool(bus.connect(service, path, interface, signal, self, SLOT(slot)))

    @Slot(bool)
    def on_screensaver_active(self, active: bool) -> None:
        if active:
            self.lock_requested.emit("screen")

    @Slot(bool)
    def on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.lock_requested.emit("sleep")

    @Slot()
    def on_session_lock(self) -> None:
        self.lock_requested.emit("screen")

    # -- Windows -------------------------------------------------------------------------

    def _start_windows(self, window_id: int | None) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        self._native_filter = _WindowsFilter(self)
        app.installNativeEventFilter(self._native_filter)
        self.sources.append("power")
        if window_id is not None:
            with contextlib.suppress(Exception):
                wtsapi = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
                if wtsapi.WTSRegisterSessionNotification(ctypes.c_void_p(window_id), 0):
                    self.sources.append("wts-session")

    def handle_windows_message(self, message: int, wparam: int) -> None:
        if message == WM_WTSSESSION_CHANGE and wparam in (WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT):
            self.lock_requested.emit("screen" if wparam == WTS_SESSION_LOCK else "switch")
        elif message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND:
            self.lock_requested.emit("sleep")

    # -- macOS ---------------------------------------------------------------------------

    def _start_macos(self) -> None:
        try:
            from goldseam.ui.session_events_macos import install_observer
        except ImportError:
            log.warning("screen-lock notices unavailable: pyobjc is not installed")
            return
        with contextlib.suppress(Exception):
            self._mac_observer = install_observer(self.lock_requested.emit)
            self.sources.append("macos-notifications")


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, owner: SessionEvents) -> None:
        super().__init__()
        self._owner = owner

    def nativeEventFilter(self, event_type: Any, message: Any) -> Any:
        if bytes(event_type.data() if isinstance(event_type, QByteArray) else event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            self._owner.handle_windows_message(msg.message, msg.wParam)
        return False, 0


def _dbus_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch.isalnum() and ch.isascii():
            out.append(ch)
        else:
            out.append(f"_{ord(ch):02x}")
    escaped = "".join(out)
    return ("_3" + escaped[1:]) if escaped[:1].isdigit() else escaped

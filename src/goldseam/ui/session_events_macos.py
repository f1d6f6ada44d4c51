"""macOS screen-lock, sleep and user-switch notices via pyobjc (macOS only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import objc
from AppKit import NSWorkspace
from Foundation import NSDistributedNotificationCenter, NSObject

_SCREEN_LOCKED = "com.apple.screenIsLocked"


class _Observer(NSObject):  # type: ignore[misc]
    def initWithCallback_(self, callback: Callable[[str], None]) -> Any:
        self = objc.super(_Observer, self).init()
        if self is None:
            return None
        self._callback = callback
        return self

    def screenLocked_(self, _note: Any) -> None:
        self._callback("screen")

    def willSleep_(self, _note: Any) -> None:
        self._callback("sleep")

    def sessionResigned_(self, _note: Any) -> None:
        self._callback("switch")


def install_observer(callback: Callable[[str], None]) -> Any:
    observer = _Observer.alloc().initWithCallback_(callback)
    distributed = NSDistributedNotificationCenter.defaultCenter()
    distributed.addObserver_selector_name_object_(observer, "screenLocked:", _SCREEN_LOCKED, None)
    workspace = NSWorkspace.sharedWorkspace().notificationCenter()
    workspace.addObserver_selector_name_object_(observer, "willSleep:", "NSWorkspaceWillSleepNotification", None)
    workspace.addObserver_selector_name_object_(
        observer, "sessionResigned:", "NSWorkspaceSessionDidResignActiveNotification", None
    )
    return observer

"""Locks after a period without keyboard or mouse input in Goldseam's windows.

Time is measured with both the monotonic clock and the wall clock and the larger gap
wins: on Linux the monotonic clock stops during suspend, and time asleep counts as idle.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)

Clock = Callable[[], float]


class IdleWatcher(QObject):
    idle_timeout = Signal()

    def __init__(
        self,
        timeout_seconds: float,
        parent: QObject | None = None,
        monotonic: Clock = time.monotonic,
        wall: Clock = time.time,
        check_interval_ms: int = 1000,
    ) -> None:
        super().__init__(parent)
        self.timeout_seconds = timeout_seconds
        self._monotonic = monotonic
        self._wall = wall
        self._active = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)
        self.reset()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def reset(self) -> None:
        self._last_mono = self._monotonic()
        self._last_wall = self._wall()

    def start(self) -> None:
        self._active = True
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._active = False
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._active

    def idle_seconds(self) -> float:
        mono = self._monotonic() - self._last_mono
        wall = self._wall() - self._last_wall
        return max(mono, wall if wall > 0 else 0.0)

    def check(self) -> None:
        if self._active and self.idle_seconds() >= self.timeout_seconds:
            self.stop()
            self.idle_timeout.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in _INPUT_EVENTS:
            self.reset()
        return False

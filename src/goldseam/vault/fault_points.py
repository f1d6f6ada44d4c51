"""Named points in multi-step writes where crash tests can stop the process.

Production code calls ``reached("name")``; nothing happens unless a test registered a
handler (for example one that sends SIGKILL to its own process).
"""

from __future__ import annotations

from collections.abc import Callable

_handlers: dict[str, Callable[[], None]] = {}


def reached(name: str) -> None:
    handler = _handlers.get(name)
    if handler is not None:
        handler()


def on(name: str, handler: Callable[[], None]) -> None:
    _handlers[name] = handler


def clear() -> None:
    _handlers.clear()

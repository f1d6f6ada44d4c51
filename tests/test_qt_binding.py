"""The installed Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on CPython 3.11 drops a reference to ``True`` on every ``Signal.emit()`` and one to
``None`` on every Qt call that returns nothing (``update()``, ``setText()``, ``processEvents()`` …).
Nothing shows until the count reaches zero: then the process aborts with "bool_dealloc" or
"none_dealloc" — after a few thousand signals, i.e. minutes of ordinary use, and at the end of the
test suite. pyproject.toml keeps that release out; this test catches any binding with the same fault.
(On CPython 3.12+ these objects are immortal and the counts never move, so the test passes there.)
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

import pytest

CALLS = 500


def drift(action: Callable[[], object]) -> dict[str, int]:
    action()  # first call may create caches that legitimately hold references
    gc.collect()
    before = {"True": sys.getrefcount(True), "False": sys.getrefcount(False), "None": sys.getrefcount(None)}
    for _ in range(CALLS):
        action()
    gc.collect()
    after = {"True": sys.getrefcount(True), "False": sys.getrefcount(False), "None": sys.getrefcount(None)}
    return {name: after[name] - before[name] for name in before}


@pytest.mark.parametrize("kind", ["emit without arguments", "emit a bool", "void call", "painter", "bool getter"])
def test_qt_calls_do_not_drop_references_to_none_true_or_false(qapp: Any, kind: str) -> None:
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QLabel

    class Emitter(QObject):
        plain = Signal()
        flag = Signal(bool)

    emitter = Emitter()
    received: list[object] = []
    emitter.flag.connect(received.append)
    label = QLabel()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)

    def paint() -> None:
        painter = QPainter(image)
        painter.save()
        painter.restore()
        painter.end()

    actions: dict[str, Callable[[], object]] = {
        "emit without arguments": emitter.plain.emit,
        "emit a bool": lambda: emitter.flag.emit(False),
        "void call": lambda: label.setText("x"),
        "painter": paint,
        "bool getter": label.isVisible,
    }
    changes = drift(actions[kind])
    received.clear()
    # A handful either way is ordinary caching; a faulty binding loses one per call (-500).
    assert all(change > -CALLS // 10 for change in changes.values()), (
        f"{kind}: reference counts dropped by {changes} over {CALLS} calls — this Qt binding "
        "corrupts reference counts and the app would abort; install the version pyproject.toml names"
    )

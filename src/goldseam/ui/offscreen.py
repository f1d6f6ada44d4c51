"""A QGuiApplication for command-line work that needs Qt's text engine (PDF export)."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication


def ensure_gui_application() -> QGuiApplication:
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1])

"""The app icon and the neutral icon used in discreet mode."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from goldseam.app_paths import resources_dir


@cache
def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "goldseam.svg"))


@cache
def discreet_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "notes.svg"))


@cache
def named_icon(name: str) -> QIcon:
    """A bundled SVG from ``resources/icons`` (Qt's theme icons are missing on Windows and macOS)."""
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))

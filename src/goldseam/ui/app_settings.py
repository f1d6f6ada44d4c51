"""QSettings restricted to the allow-list in ``goldseam.settings_schema``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from goldseam.settings_schema import ALLOWED_KEYS, SETTINGS


class SettingNotAllowed(KeyError):
    pass


class AppSettings(QObject):
    changed = Signal(str)

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if path is not None:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings()
        self._purge_unknown_keys()

    def _purge_unknown_keys(self) -> None:
        unknown = [key for key in self._qs.allKeys() if key not in ALLOWED_KEYS]
        for key in unknown:
            self._qs.remove(key)
        if unknown:
            self._qs.sync()  # now, not at the next event-loop turn: a crash must not keep them

    def value(self, key: str) -> Any:
        if key not in ALLOWED_KEYS:
            raise SettingNotAllowed(key)
        spec = SETTINGS[key]
        raw = self._qs.value(key)
        if raw is None:
            return spec.default
        if spec.kind is bytes:
            return bytes(raw.data()) if isinstance(raw, QByteArray) else spec.coerce(raw)
        return spec.coerce(raw)

    def set_value(self, key: str, value: Any) -> None:
        if key not in ALLOWED_KEYS:
            raise SettingNotAllowed(key)
        spec = SETTINGS[key]
        coerced = spec.coerce(value)
        stored = QByteArray(coerced) if spec.kind is bytes else coerced
        if self._qs.value(key) == stored:
            return
        self._qs.setValue(key, stored)
        self._qs.sync()
        self.changed.emit(key)

    def file_name(self) -> str:
        return self._qs.fileName()

    def keys(self) -> list[str]:
        return list(self._qs.allKeys())

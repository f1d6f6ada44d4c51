"""The only settings Goldseam keeps outside the vault, and what values they may take.

These live in plain OS storage (an INI file on Linux, the registry on Windows, a plist on
macOS), so nothing private may go there: no entry text, search terms, names, passphrase
hints or vault contents. Anything not listed here is refused by ``goldseam.ui.app_settings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: type
    default: Any
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def coerce(self, value: Any) -> Any:
        """Return a valid value for this setting, falling back to the default."""
        try:
            if self.kind is bool:
                if isinstance(value, str):
                    value = value.strip().lower() in ("1", "true", "yes", "on")
                value = bool(value)
            elif self.kind is int:
                value = int(value)
                if self.minimum is not None:
                    value = max(self.minimum, value)
                if self.maximum is not None:
                    value = min(self.maximum, value)
            elif self.kind is str:
                value = "" if value is None else str(value)
            elif self.kind is bytes:
                value = bytes(value) if value is not None else b""
        except (TypeError, ValueError):
            return self.default
        if self.choices and value not in self.choices:
            return self.default
        return value


THEMES = ("system", "light", "dark")

SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("window/geometry", bytes, b""),
        SettingSpec("ui/theme", str, "system", THEMES),
        SettingSpec("ui/language", str, ""),  # "" follows the system
        SettingSpec("lock/idle_minutes", int, 5, minimum=1, maximum=60),
        SettingSpec("lock/on_minimize", bool, False),
        SettingSpec("lock/on_screen_lock", bool, True),
        SettingSpec("privacy/discreet_mode", bool, False),
        SettingSpec("privacy/clipboard_seconds", int, 60, minimum=10, maximum=600),
        SettingSpec("privacy/capture_protection", bool, True),
        # Only written when the user ticks "remember this vault location".
        SettingSpec("vault/remembered_path", str, ""),
    )
}

ALLOWED_KEYS = frozenset(SETTINGS)

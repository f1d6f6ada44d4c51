"""What the pages of an unlocked vault may use, handed to them at construction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from goldseam.ui.app_settings import AppSettings
from goldseam.ui.care_session import CareSession
from goldseam.ui.clipboard_guard import ClipboardGuard
from goldseam.ui.language import LanguageManager
from goldseam.ui.theme import ThemeManager
from goldseam.ui.vault_bridge import VaultBridge


@dataclass
class AppServices:
    bridge: VaultBridge
    settings: AppSettings
    clipboard: ClipboardGuard
    theme: ThemeManager
    language: LanguageManager
    show_status: Callable[[str], None]
    lock_now: Callable[[], None]
    care: CareSession
    # Go to another page: navigate(page_key, argument); the page decides what the argument means.
    navigate: Callable[[str, object], None] = lambda _key, _argument: None
    show_help: Callable[[], None] = lambda: None
    quick_exit: Callable[[], None] = lambda: None

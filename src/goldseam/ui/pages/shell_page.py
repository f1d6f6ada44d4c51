"""The contract between the unlocked window and each area page (Today, Journal, …)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices


class ShellPage(RetranslateMixin, QWidget):
    """Base class for the pages shown while the vault is unlocked.

    Locking must never lose work and never leave anything on screen: ``drafts_for_lock``
    returns unsaved editor text (saved in the same worker queue, before the connection
    closes), then ``clear_for_lock`` empties every model, editor, undo stack and search
    field.
    """

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services

    def nav_title(self) -> str:
        raise NotImplementedError

    def vault_unlocked(self) -> None:
        """The vault just opened; load what the page shows (asynchronously)."""

    def page_shown(self) -> None:
        """The user navigated to this page."""

    def drafts_for_lock(self) -> list[tuple[str, str]]:
        return []

    def clear_for_lock(self) -> None:
        """Remove every trace of vault content from the page's widgets and models."""

"""The contract between the unlocked window and each area page (Today, Journal, …)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

SaveJob = Callable[[VaultWorker], Any]


class ShellPage(RetranslateMixin, QWidget):
    """Base class for the pages shown while the vault is unlocked.

    Locking must never lose work and never leave anything on screen: ``pending_saves``
    returns jobs that save unsaved edits (run in the same worker queue, before the
    connection closes), then ``clear_for_lock`` empties every model, editor, undo stack and
    search field.
    """

    key = ""  # stable name used by services.navigate(key, argument)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services

    def nav_title(self) -> str:
        raise NotImplementedError

    def vault_unlocked(self) -> None:
        """The vault just opened; load what the page shows (asynchronously)."""

    def page_shown(self) -> None:
        """The user navigated to this page."""

    def navigate_to(self, argument: object) -> None:
        """Another page sent the user here with a request (e.g. "new urge")."""

    def drafts_for_lock(self) -> list[tuple[str, str]]:
        """Simple pages: unsaved text per draft slot (saved in the vault's ``draft`` table)."""
        return []

    def pending_saves(self) -> list[SaveJob]:
        def save_drafts(drafts: list[tuple[str, str]]) -> SaveJob:
            def job(worker: VaultWorker) -> None:
                for slot, body in drafts:
                    worker.session.save_draft(slot, body)

            return job

        drafts = self.drafts_for_lock()
        return [save_drafts(drafts)] if drafts else []

    def clear_for_lock(self) -> None:
        """Remove every trace of vault content from the page's widgets and models."""

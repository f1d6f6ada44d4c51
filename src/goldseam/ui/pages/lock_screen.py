"""The lock screen: passphrase, progress while the key is derived, calm specific errors."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from goldseam.i18n import _, ngettext
from goldseam.ui.building_blocks import (
    BusyNote,
    body_label,
    card,
    centered_column,
    link_button,
    primary_button,
    title_label,
)
from goldseam.ui.passphrase_widgets import PassphraseInput
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.vault.errors import VaultError, WrongPassphrase

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 30


def retry_delay_seconds(failures: int) -> int:
    """No delay for the first few tries, then 1, 2, 4 … up to 30 seconds.

    It only slows someone guessing at the keyboard; the vault's real protection against
    guessing is the slow key derivation.
    """
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_ATTEMPTS)))


class LockScreen(RetranslateMixin, QWidget):
    unlock_requested = Signal(object)  # passphrase bytes
    recovery_requested = Signal()
    restore_requested = Signal()
    start_over_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._failures = 0
        self._reason: Callable[[], str] | None = None
        self._wait_left = 0
        column = centered_column(self, 520)
        column.addStretch(1)
        box, layout = card(self)
        self.title = title_label(box)
        self.reason = body_label(box, "muted")
        self.label = QLabel(box)
        self.passphrase = PassphraseInput(box)
        self.label.setBuddy(self.passphrase)
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock = primary_button(box)
        self.unlock.clicked.connect(self._submit)
        self.busy = BusyNote(box)
        self.error = body_label(box, "error")
        self.error.hide()
        self.wait_note = body_label(box, "muted")
        self.wait_note.hide()
        self.restore_primary = primary_button(box)
        self.restore_primary.clicked.connect(self.restore_requested.emit)
        self.restore_primary.hide()
        self.start_over = link_button(box)
        self.start_over.clicked.connect(self.start_over_requested.emit)
        self.start_over.hide()
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock)
        for widget in (self.title, self.reason, self.label):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.wait_note)
        layout.addWidget(self.restore_primary)
        layout.addWidget(self.start_over)
        column.addWidget(box)
        self.recovery = link_button(self)
        self.recovery.clicked.connect(self.recovery_requested.emit)
        self.restore = link_button(self)
        self.restore.clicked.connect(self.restore_requested.emit)
        links = QVBoxLayout()
        links.setSpacing(2)
        links.addWidget(self.recovery)
        links.addWidget(self.restore)
        column.addLayout(links)
        column.addStretch(2)
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick)
        self.retranslate()

    def set_reason(self, reason: Callable[[], str] | None) -> None:
        """Why the vault locked, as a function so it follows language changes."""
        self._reason = reason
        text = reason() if reason else ""
        self.reason.setText(text)
        self.reason.setVisible(bool(text))

    def _submit(self) -> None:
        if not self.unlock.isEnabled() or not self.passphrase.text():
            return
        self.unlock_requested.emit(self.passphrase.take_secret())

    def set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.unlock.setEnabled(not busy and self._wait_left == 0)
        if busy:
            self.error.hide()
            self.busy.start(_("Unlocking… deriving your key takes about a second on purpose."))
        else:
            self.busy.stop()

    def show_error(self, error: VaultError) -> None:
        self.set_busy(False)
        self.error.setText(error.user_message())
        self.error.show()
        self.restore_primary.setVisible(error.offers_restore)
        self.start_over.setVisible(error.offers_restore)
        if isinstance(error, WrongPassphrase):
            self._failures += 1
            delay = retry_delay_seconds(self._failures)
            if delay:
                self._wait_left = delay
                self.unlock.setEnabled(False)
                self._tick(initial=True)
                self._wait_timer.start()
        self.passphrase.setFocus()

    def _tick(self, initial: bool = False) -> None:
        if not initial:
            self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_left = 0
            self._wait_timer.stop()
            self.wait_note.hide()
            self.unlock.setEnabled(self.passphrase.isEnabled())
            return
        self.wait_note.setText(
            ngettext(
                "You can try again in {count} second.", "You can try again in {count} seconds.", self._wait_left
            ).format(count=self._wait_left)
        )
        self.wait_note.show()

    def reset(self) -> None:
        """Back to a clean lock screen (after a successful unlock or when shown anew)."""
        self.passphrase.wipe()
        self.error.hide()
        self.restore_primary.hide()
        self.start_over.hide()
        self.set_busy(False)

    def unlocked(self) -> None:
        self._failures = 0
        self._wait_left = 0
        self._wait_timer.stop()
        self.wait_note.hide()
        self.reset()

    def retranslate(self) -> None:
        self.title.setText(_("Goldseam is locked"))
        self.label.setText(_("&Passphrase:"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.retranslate_toggle()
        self.unlock.setText(_("Unlock"))
        self.restore_primary.setText(_("Restore from a backup…"))
        self.start_over.setText(_("Set these files aside and create a new vault…"))
        self.recovery.setText(_("Forgot your passphrase? Use your recovery key"))
        self.restore.setText(_("Restore from a backup…"))
        self.set_reason(self._reason)

"""Changing the passphrase, and setting a new one after opening with the recovery key."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from goldseam.crypto.recovery_key import RecoveryKey
from goldseam.crypto.secret_buffer import wipe
from goldseam.i18n import _
from goldseam.ui.building_blocks import DIALOG_MARGIN, body_label, title_label
from goldseam.ui.dialogs.job_dialog import JobDialog
from goldseam.ui.new_passphrase_form import NewPassphraseForm
from goldseam.ui.passphrase_widgets import PassphraseInput
from goldseam.ui.vault_bridge import VaultBridge
from goldseam.vault import opening
from goldseam.vault.errors import VaultError, WrongPassphrase
from goldseam.vault_worker import VaultWorker


def _formatted(key: RecoveryKey | None) -> str | None:
    return None if key is None else key.formatted()


class ChangePassphraseDialog(JobDialog):
    """Re-encrypts the vault under a new key; the old passphrase stops working."""

    changed = Signal(object)  # the new recovery key, formatted, or None

    def __init__(self, bridge: VaultBridge, has_recovery_key: bool, parent: QWidget | None = None) -> None:
        super().__init__(bridge, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        layout.setSpacing(12)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")
        current_row = QFormLayout()
        self.current_label = QLabel(self)
        self.current = PassphraseInput(self)
        self.current_label.setBuddy(self.current)
        current_row.addRow(self.current_label, self.current)
        self.new_heading = body_label(self, "subtitle")
        self.form = NewPassphraseForm(self)
        self.recovery = QCheckBox(self)
        self.recovery.setChecked(has_recovery_key)
        self.recovery_note = body_label(self, "muted")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.form.ready_changed.connect(lambda _r: self._update_ok())
        self.current.textChanged.connect(lambda _t: self._update_ok())
        self.form.submitted.connect(self._submit)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(current_row)
        layout.addWidget(self.new_heading)
        layout.addWidget(self.form)
        layout.addWidget(self.recovery)
        layout.addWidget(self.recovery_note)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()

    def _update_ok(self) -> None:
        self.ok.setEnabled(self.form.ready and bool(self.current.text()) and not self.running)

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.current, self.form, self.recovery):
            widget.setEnabled(enabled)
        self.buttons.setEnabled(enabled)
        self._update_ok()

    def _submit(self) -> None:
        if not self.ok.isEnabled():
            return
        current = self.current.take_secret()
        new = self.form.take_secret()
        with_recovery = self.recovery.isChecked()
        report = self.bridge.report

        def job(worker: VaultWorker) -> str | None:
            try:
                return _formatted(
                    worker.session.rotate_keys(current, new, with_recovery=with_recovery, progress=report)
                )
            finally:
                wipe(current)
                wipe(new)

        self.run_job(job, _("Re-encrypting your vault with a new key…"), self._done, self._failed)

    def _done(self, formatted: Any) -> None:
        self.changed.emit(formatted)
        self.accept()

    def _failed(self, error: VaultError) -> None:
        if isinstance(error, WrongPassphrase):
            self.show_error(_("Your current passphrase isn't right, so nothing was changed."))
            self.current.setFocus()
        else:
            self.show_error(error.user_message())

    def reject(self) -> None:
        if self.running:
            return  # the change is past the point of no return; let it finish
        self.current.wipe()
        self.form.clear()
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Change passphrase"))
        self.title.setText(_("Change your passphrase"))
        self.intro.setText(
            _(
                "Goldseam re-encrypts the whole vault with a brand-new key, so the old passphrase stops "
                "working here — even for someone who kept a copy of the old key file. Backups made earlier "
                "still open with the passphrase that was valid when they were made."
            )
        )
        self.current_label.setText(_("&Current passphrase:"))
        self.current.setAccessibleName(_("Current passphrase"))
        self.current.retranslate_toggle()
        self.new_heading.setText(_("New passphrase"))
        self.recovery.setText(_("Give me a new &recovery key"))
        self.recovery_note.setText(
            _("Any recovery key you have now stops working. Leave this unticked to have no recovery key.")
        )
        self.ok.setText(_("Change passphrase"))


class RecoveryUnlockDialog(JobDialog):
    """Opens the vault with the recovery key, then requires a new passphrase."""

    unlocked = Signal(object)  # the new recovery key, formatted, or None

    def __init__(self, bridge: VaultBridge, parent: QWidget | None = None) -> None:
        super().__init__(bridge, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        layout.setSpacing(12)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")
        key_row = QFormLayout()
        self.key_label = QLabel(self)
        self.key = QLineEdit(self)
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhPreferUppercase
        )
        self.key_label.setBuddy(self.key)
        key_row.addRow(self.key_label, self.key)
        self.new_heading = body_label(self, "subtitle")
        self.form = NewPassphraseForm(self)
        self.recovery = QCheckBox(self)
        self.recovery.setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.form.ready_changed.connect(lambda _r: self._update_ok())
        self.key.textChanged.connect(lambda _t: self._update_ok())
        self.form.submitted.connect(self._submit)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(key_row)
        for part in (self.new_heading, self.form, self.recovery, self.busy, self.error, self.buttons):
            layout.addWidget(part)
        self.setMinimumWidth(580)
        self.retranslate()

    def _update_ok(self) -> None:
        self.ok.setEnabled(self.form.ready and len(self.key.text().strip()) >= 36 and not self.running)

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.key, self.form, self.recovery):
            widget.setEnabled(enabled)
        self.buttons.setEnabled(enabled)
        self._update_ok()

    def _submit(self) -> None:
        if not self.ok.isEnabled():
            return
        text = self.key.text()
        new = self.form.take_secret()
        with_recovery = self.recovery.isChecked()
        report = self.bridge.report

        def job(worker: VaultWorker) -> str | None:
            try:
                session = worker.adopt(opening.unlock_with_recovery_key(worker.folder, text, report))
                try:
                    key = session.rotate_keys(None, new, with_recovery=with_recovery, progress=report)
                except BaseException:
                    worker.lock()  # never leave a vault open behind the lock screen
                    raise
                return _formatted(key)
            finally:
                wipe(new)

        self.run_job(job, _("Opening your vault with the recovery key…"), self._done, any_epoch=True)

    def _done(self, formatted: Any) -> None:
        self.key.clear()
        self.unlocked.emit(formatted)
        self.accept()

    def reject(self) -> None:
        if self.running:
            return
        self.key.clear()
        self.form.clear()
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Use your recovery key"))
        self.title.setText(_("Use your recovery key"))
        self.intro.setText(
            _(
                "Type the recovery key you printed or wrote down when you created the vault (or the latest one "
                "Goldseam gave you). Then choose a new passphrase; the old one will stop working."
            )
        )
        self.key_label.setText(_("Recovery &key:"))
        self.key.setAccessibleName(_("Recovery key"))
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.new_heading.setText(_("New passphrase"))
        self.recovery.setText(_("Give me a new &recovery key"))
        self.ok.setText(_("Open vault"))

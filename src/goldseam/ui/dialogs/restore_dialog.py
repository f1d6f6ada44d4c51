"""Restoring a ``.gsbackup``: pick the file, check it, then open it with that time's passphrase."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.crypto.secret_buffer import wipe
from goldseam.i18n import _
from goldseam.ui.building_blocks import DIALOG_MARGIN, body_label, card, title_label
from goldseam.ui.dialogs.job_dialog import JobDialog
from goldseam.ui.file_dialogs import choose_open_file
from goldseam.ui.new_passphrase_form import NewPassphraseForm
from goldseam.ui.passphrase_widgets import PassphraseInput
from goldseam.ui.vault_bridge import VaultBridge
from goldseam.vault import opening
from goldseam.vault.backup import BackupHeader
from goldseam.vault_worker import VaultWorker


class RestoreDialog(JobDialog):
    restored = Signal(object, object)  # new recovery key (formatted) or None, previous-copy folder or None

    def __init__(self, bridge: VaultBridge, vault_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(bridge, parent)
        self.vault_dir = vault_dir
        self.bundle: Path | None = None
        self.info: BackupHeader | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        layout.setSpacing(12)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")
        self.choose = QPushButton(self)
        self.choose.clicked.connect(self._choose)
        self.file_label = body_label(self)
        file_row = QHBoxLayout()
        file_row.addWidget(self.choose)
        file_row.addWidget(self.file_label, 1)
        self.details, details_layout = card(self)
        form = QFormLayout()
        self.passphrase_label = QLabel(self.details)
        self.passphrase = PassphraseInput(self.details)
        self.passphrase_label.setBuddy(self.passphrase)
        form.addRow(self.passphrase_label, self.passphrase)
        self.use_recovery = QCheckBox(self.details)
        self.use_recovery.toggled.connect(self._mode_changed)
        self.key_label = QLabel(self.details)
        self.key = QLineEdit(self.details)
        self.key_label.setBuddy(self.key)
        form.addRow(self.key_label, self.key)
        details_layout.addLayout(form)
        details_layout.addWidget(self.use_recovery)
        self.new_form = NewPassphraseForm(self.details)
        details_layout.addWidget(self.new_form)
        self.new_recovery = QCheckBox(self.details)
        self.new_recovery.setChecked(True)
        details_layout.addWidget(self.new_recovery)
        self.details.hide()
        self.replace_note = body_label(self, "muted")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.passphrase.textChanged.connect(lambda _t: self._update_ok())
        self.key.textChanged.connect(lambda _t: self._update_ok())
        self.new_form.ready_changed.connect(lambda _r: self._update_ok())
        self.passphrase.returnPressed.connect(self._submit)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(file_row)
        for part in (self.details, self.replace_note, self.busy, self.error, self.buttons):
            layout.addWidget(part)
        self.setMinimumWidth(600)
        self._mode_changed(False)
        self.retranslate()

    def _mode_changed(self, use_recovery: bool) -> None:
        self.passphrase_label.setVisible(not use_recovery)
        self.passphrase.setVisible(not use_recovery)
        self.key_label.setVisible(use_recovery)
        self.key.setVisible(use_recovery)
        self.new_form.setVisible(use_recovery)
        self.new_recovery.setVisible(use_recovery)
        self._update_ok()

    def _update_ok(self) -> None:
        if self.info is None or self.running:
            self.ok.setEnabled(False)
        elif self.use_recovery.isChecked():
            self.ok.setEnabled(self.new_form.ready and len(self.key.text().strip()) >= 36)
        else:
            self.ok.setEnabled(bool(self.passphrase.text()))

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.choose.setEnabled(enabled)
        self.details.setEnabled(enabled)
        self.buttons.setEnabled(enabled)
        self._update_ok()

    def _choose(self) -> None:
        path = choose_open_file(
            self, _("Choose a Goldseam backup"), self.vault_dir / "backups", _("Goldseam backups (*.gsbackup)")
        )
        if path is None:
            return
        self.bundle = path
        self.info = None
        self.details.hide()
        self.file_label.setText(path.name)
        self.run_job(
            lambda _w: opening.inspect_backup(path), _("Checking the backup file…"), self._inspected, any_epoch=True
        )

    def _inspected(self, info: Any) -> None:
        self.info = info
        made = datetime.strptime(info.created_utc, "%Y-%m-%dT%H:%M:%SZ")
        self.file_label.setText(
            _("{name} — made on {date}").format(
                name=self.bundle.name if self.bundle else "", date=i18n.format_datetime(made, "medium")
            )
        )
        self.details.show()
        self.passphrase.setFocus()
        self._update_ok()

    def _submit(self) -> None:
        if not self.ok.isEnabled() or self.bundle is None:
            return
        bundle = self.bundle
        with_recovery = self.new_recovery.isChecked()
        report = self.bridge.report
        if self.use_recovery.isChecked():
            passphrase = None
            key_text: str | None = self.key.text()
            new: bytearray | None = self.new_form.take_secret()
        else:
            passphrase = self.passphrase.take_secret()
            key_text = None
            new = None

        def job(worker: VaultWorker) -> tuple[str | None, Path | None]:
            worker.lock()
            try:
                result = opening.restore_backup(
                    worker.folder,
                    bundle,
                    passphrase=passphrase,
                    recovery_text=key_text,
                    new_passphrase=new,
                    with_recovery=with_recovery,
                    progress=report,
                )
            finally:
                wipe(passphrase)
                wipe(new)
            worker.adopt(result.session)
            key = None if result.recovery_key is None else result.recovery_key.formatted()
            return key, result.previous_copy

        self.run_job(job, _("Restoring your backup…"), self._done, any_epoch=True)

    def _done(self, result: Any) -> None:
        key, previous = result
        self.key.clear()
        self.restored.emit(key, previous)
        self.accept()

    def reject(self) -> None:
        if self.running:
            return
        self.passphrase.wipe()
        self.key.clear()
        self.new_form.clear()
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Restore from a backup"))
        self.title.setText(_("Restore from a backup"))
        self.intro.setText(
            _(
                "Choose a Goldseam backup (.gsbackup). It opens with the passphrase that was valid when it was "
                "made. Goldseam checks the whole file before it changes anything."
            )
        )
        self.choose.setText(_("Choose &file…"))
        if self.bundle is None:
            self.file_label.setText(_("No file chosen yet."))
        self.passphrase_label.setText(_("&Passphrase at that time:"))
        self.passphrase.setAccessibleName(_("Passphrase valid when the backup was made"))
        self.passphrase.retranslate_toggle()
        self.use_recovery.setText(_("I only have that time's recovery key"))
        self.key_label.setText(_("Recovery &key:"))
        self.key.setAccessibleName(_("Recovery key"))
        self.new_recovery.setText(_("Give me a new &recovery key"))
        self.replace_note.setText(
            _(
                "The restored vault replaces the one in {folder}. If a vault is there now, it is kept in a "
                "“previous-…” folder inside it, so nothing is thrown away."
            ).format(folder=str(self.vault_dir))
        )
        self.ok.setText(_("Restore"))

"""Creating the vault: a passphrase with a strength meter, a generator, a recovery key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from goldseam.i18n import _
from goldseam.ui.building_blocks import (
    BusyNote,
    body_label,
    card,
    centered_column,
    link_button,
    primary_button,
    title_label,
)
from goldseam.ui.new_passphrase_form import NewPassphraseForm
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.vault.vault_folder import sync_service_for


class CreateVaultPage(RetranslateMixin, QWidget):
    # passphrase bytes, names to avoid, create a recovery key
    create_requested = Signal(object, list, bool)
    back_requested = Signal()
    change_location_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault_dir: Path | None = None
        column = centered_column(self, 640)
        self.title = title_label(self)
        self.intro = body_label(self)
        form_card, form_layout = card(self)
        self.form = NewPassphraseForm(form_card)
        form_layout.addWidget(self.form)

        self.recovery = QCheckBox(self)
        self.recovery.setChecked(True)
        self.recovery_help = body_label(self, "muted")

        self.location = body_label(self, "muted")
        self.change_location = link_button(self)
        self.change_location.clicked.connect(self.change_location_requested.emit)
        location_row = QHBoxLayout()
        location_row.addWidget(self.location, 1)
        location_row.addWidget(self.change_location)
        self.sync_notice, notice_layout = card(self, "notice")
        self.sync_warning = body_label(self.sync_notice)
        notice_layout.addWidget(self.sync_warning)
        self.sync_notice.hide()

        self.error = body_label(self, "error")
        self.error.hide()
        self.busy = BusyNote(self)
        self.back = QPushButton(self)
        self.back.clicked.connect(self.back_requested.emit)
        self.create_button = primary_button(self)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._create)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        for widget in (self.title, self.intro, form_card, self.recovery, self.recovery_help):
            column.addWidget(widget)
        column.addLayout(location_row)
        column.addWidget(self.sync_notice)
        column.addWidget(self.error)
        column.addWidget(self.busy)
        column.addStretch(1)
        column.addLayout(buttons)

        self.form.ready_changed.connect(lambda _r: self._update_state())
        self.form.submitted.connect(self._create)
        self.retranslate()

    def set_vault_dir(self, path: Path) -> None:
        self._vault_dir = path
        self._show_location()

    def _show_location(self) -> None:
        if self._vault_dir is None:
            return
        self.location.setText(_("Your vault will be kept in: {folder}").format(folder=str(self._vault_dir)))
        service = sync_service_for(self._vault_dir)
        self.sync_notice.setVisible(service is not None)
        if service:
            self.sync_warning.setText(
                _(
                    "This folder looks like it is synced by {service}. Sync services keep old copies, and "
                    "anyone with an old copy and an old passphrase could open that copy. A folder that is "
                    "not synced is safer."
                ).format(service=service)
            )

    def _update_state(self) -> None:
        self.create_button.setEnabled(self.form.ready and not self.busy.isVisible())

    def _create(self) -> None:
        if not self.create_button.isEnabled():
            return
        names = self.form.names_to_avoid()
        self.create_requested.emit(self.form.take_secret(), names, self.recovery.isChecked())

    def set_busy(self, message: str | None) -> None:
        for widget in (self.form, self.recovery, self.back, self.change_location):
            widget.setEnabled(message is None)
        if message is None:
            self.busy.stop()
        else:
            self.error.hide()
            self.busy.start(message)
        self._update_state()

    def show_error(self, message: str) -> None:
        self.set_busy(None)
        self.error.setText(message)
        self.error.show()

    def reset(self) -> None:
        self.form.clear()
        self.error.hide()
        self.set_busy(None)

    def retranslate(self) -> None:
        self.title.setText(_("Choose a passphrase"))
        self.intro.setText(
            _(
                "Your passphrase is the only way into your vault. Pick something you can remember but that "
                "someone who knows you well — including your ex — couldn't guess. A few unrelated words "
                "work well."
            )
        )
        self.recovery.setText(_("Create a printable &recovery key (recommended)"))
        self.recovery_help.setText(
            _(
                "If you ever forget your passphrase, the recovery key is the only other way in. "
                "Print it or write it down and keep it somewhere private."
            )
        )
        self.change_location.setText(_("Choose another folder…"))
        self.back.setText(_("Back"))
        self.create_button.setText(_("Create vault"))
        self._show_location()
        self._update_state()

"""Choosing a new passphrase: entry, confirmation, strength meter, generator, names to avoid.

Used when creating a vault, changing the passphrase, and after unlocking with a recovery key.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from goldseam import passphrase_policy
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label
from goldseam.ui.passphrase_widgets import PassphraseInput, StrengthMeter
from goldseam.ui.retranslate import RetranslateMixin


class NewPassphraseForm(RetranslateMixin, QWidget):
    ready_changed = Signal(bool)
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.passphrase_label = QLabel(self)
        self.passphrase = PassphraseInput(self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.meter = StrengthMeter(self)
        self.confirm_label = QLabel(self)
        self.confirm = PassphraseInput(self)
        self.confirm_label.setBuddy(self.confirm)
        self.match = body_label(self, "muted")
        self.generate = QPushButton(self)
        self.generate.clicked.connect(self.fill_generated)
        self.generated_note = body_label(self, "muted")
        self.generated_note.hide()
        self.avoid_label = QLabel(self)
        self.avoid = QLineEdit(self)
        self.avoid_label.setBuddy(self.avoid)
        self.avoid_help = body_label(self, "muted")
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow("", self.meter)
        form.addRow(self.confirm_label, self.confirm)
        form.addRow("", self.match)
        form.addRow("", self.generate)
        form.addRow("", self.generated_note)
        form.addRow(self.avoid_label, self.avoid)
        form.addRow("", self.avoid_help)
        self._ready = False
        self.passphrase.textChanged.connect(self._on_text_changed)
        self.confirm.textChanged.connect(self._update_state)
        self.avoid.textChanged.connect(lambda _t: self.meter.set_user_inputs(self.names_to_avoid()))
        self.meter.assessed.connect(lambda _a: self._update_state())
        self.passphrase.returnPressed.connect(self.confirm.setFocus)
        self.confirm.returnPressed.connect(lambda: self.submitted.emit() if self._ready else None)
        self.retranslate()

    @property
    def ready(self) -> bool:
        return self._ready

    def names_to_avoid(self) -> list[str]:
        return [part.strip() for part in self.avoid.text().split(",") if part.strip()]

    def _on_text_changed(self, text: str) -> None:
        self.generated_note.hide()
        self.meter.update_text(text)
        self._update_state()

    def _update_state(self) -> None:
        typed, confirm = self.passphrase.text(), self.confirm.text()
        if not confirm:
            self.match.setText("")
        elif typed == confirm:
            self.match.setText(_("The passphrases match."))
        else:
            self.match.setText(_("The passphrases don't match yet."))
        self.match.setVisible(bool(self.match.text()))
        assessment = self.meter.latest
        ready = bool(typed) and typed == confirm and assessment is not None and assessment.acceptable
        if ready != self._ready:
            self._ready = ready
            self.ready_changed.emit(ready)

    def fill_generated(self) -> None:
        phrase = passphrase_policy.generate()
        self.passphrase.setText(phrase)
        self.confirm.setText(phrase)
        self.passphrase.set_revealed(True)
        self.generated_note.show()
        self.passphrase.setFocus()

    def take_secret(self) -> bytearray:
        secret = self.passphrase.take_secret()
        self.clear()
        return secret

    def clear(self) -> None:
        self.passphrase.wipe()
        self.confirm.wipe()
        self.avoid.clear()
        self.meter.clear()
        self.generated_note.hide()
        self._update_state()

    def retranslate(self) -> None:
        self.passphrase_label.setText(_("&Passphrase:"))
        self.passphrase.setAccessibleName(_("New passphrase"))
        self.confirm_label.setText(_("&Type it again:"))
        self.confirm.setAccessibleName(_("Confirm the new passphrase"))
        self.passphrase.retranslate_toggle()
        self.confirm.retranslate_toggle()
        self.generate.setText(_("&Suggest a passphrase"))
        self.generated_note.setText(
            _("Write it down somewhere safe until you know it by heart, then destroy the note.")
        )
        self.avoid_label.setText(_("&Names to avoid:"))
        self.avoid.setAccessibleName(_("Names and dates to avoid"))
        self.avoid.setPlaceholderText(_("Optional, separated by commas"))
        self.avoid_help.setText(
            _(
                "Your name, your ex's name, pets, places, anniversaries. Used only to check your passphrase "
                "while you type; never saved."
            )
        )
        self._update_state()

"""Logging an urge (and what you did instead) and noting contact that happened."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from goldseam.domain import space
from goldseam.domain.space import (
    ALTERNATIVE_LABELS,
    CHANNEL_LABELS,
    INITIATOR_LABELS,
    URGE_LABELS,
    Alternative,
    Channel,
    ContactEvent,
    Initiator,
    Urge,
    UrgeKind,
)
from goldseam.i18n import N_, _
from goldseam.ui.building_blocks import DIALOG_MARGIN, body_label, localise_date_edit, title_label
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

INTENSITY = {1: N_("A flicker"), 2: N_("Noticeable"), 3: N_("Strong"), 4: N_("Very strong"), 5: N_("Overwhelming")}
FEELING = {
    1: N_("Much worse"),
    2: N_("A bit worse"),
    3: N_("No different"),
    4: N_("A bit better"),
    5: N_("Much better"),
}


def _private_text(editor: QPlainTextEdit) -> None:
    editor.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
    editor.setTabChangesFocus(True)


class UrgeDialog(RetranslateMixin, QDialog):
    logged = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setModal(True)
        layout = QVBoxLayout(self)
        widget: QWidget
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")
        form = QFormLayout()
        self.kind_label = QLabel(self)
        self.kind = QComboBox(self)
        for kind in UrgeKind:
            self.kind.addItem("", str(kind))
        self.kind_label.setBuddy(self.kind)
        self.strength_label = QLabel(self)
        self.strength = QSlider(Qt.Orientation.Horizontal, self)
        self.strength.setRange(1, 5)
        self.strength.setValue(3)
        self.strength.setPageStep(1)
        self.strength.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.strength_label.setBuddy(self.strength)
        self.strength_text = QLabel(self)
        self.strength.valueChanged.connect(lambda _v: self._show_strength())
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.strength_label, self.strength)
        form.addRow("", self.strength_text)
        self.instead_box = QGroupBox(self)
        grid = QGridLayout(self.instead_box)
        self.instead: dict[Alternative, QCheckBox] = {}
        for index, alternative in enumerate(Alternative):
            box = QCheckBox(self.instead_box)
            self.instead[alternative] = box
            grid.addWidget(box, index // 2, index % 2)
        self.acted = QCheckBox(self)
        self.acted_note = body_label(self, "muted")
        self.acted.toggled.connect(self.acted_note.setVisible)
        self.acted_note.hide()
        self.note_label = QLabel(self)
        self.note = QPlainTextEdit(self)
        _private_text(self.note)
        self.note.setMaximumHeight(110)
        self.note_label.setBuddy(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        for widget in (self.instead_box, self.acted, self.acted_note, self.note_label, self.note, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(560)
        self.retranslate()

    def _show_strength(self) -> None:
        self.strength_text.setText(_(INTENSITY[self.strength.value()]))
        self.strength.setAccessibleDescription(self.strength_text.text())

    def _save(self) -> None:
        urge = Urge(
            written_at=datetime.now().replace(microsecond=0).isoformat(),
            urge_kind=UrgeKind(str(self.kind.currentData())),
            intensity=self.strength.value(),
            instead=tuple(a for a, box in self.instead.items() if box.isChecked()),
            acted=self.acted.isChecked(),
            note=self.note.toPlainText(),
        )

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                space.log_urge(conn, urge)

        self.buttons.setEnabled(False)
        self.services.bridge.run(job, lambda _r: self._saved(urge), self._failed)

    def _saved(self, urge: Urge) -> None:
        if urge.acted:
            self.services.show_status(_("Noted. Noticing the urge is a step in itself."))
        else:
            self.services.show_status(_("Noted. You let the urge pass — that takes strength."))
        self.logged.emit()
        self.accept()

    def _failed(self, error: object) -> None:
        self.buttons.setEnabled(True)
        self.intro.setText(getattr(error, "user_message", lambda: "")())

    def reject(self) -> None:
        self.note.setPlainText("")
        self.note.document().clearUndoRedoStacks()
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Log an urge"))
        self.title.setText(_("You have an urge to contact them"))
        self.intro.setText(
            _(
                "Writing it down here instead is already a good choice. Urges rise and fall like waves; riding one "
                "out gets easier with practice."
            )
        )
        self.kind_label.setText(_("I wanted to:"))
        for index in range(self.kind.count()):
            self.kind.setItemText(index, _(URGE_LABELS[UrgeKind(self.kind.itemData(index))]))
        self.strength_label.setText(_("How strong:"))
        self.strength.setAccessibleName(_("How strong the urge is, from 1 to 5"))
        self._show_strength()
        self.instead_box.setTitle(_("What I did, or will do, instead"))
        for alternative, box in self.instead.items():
            box.setText(_(ALTERNATIVE_LABELS[alternative]))
        self.acted.setText(_("I did contact or check on them in the end"))
        self.acted_note.setText(_("That's okay. Noting it honestly helps you see what sets it off."))
        self.note_label.setText(_("What set it off? (optional)"))
        self.note.setAccessibleName(_("What set off the urge"))


class ContactDialog(RetranslateMixin, QDialog):
    saved = Signal()

    def __init__(self, services: AppServices, event: ContactEvent | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self._event = event
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")
        form = QFormLayout()
        self.when_label, self.when = QLabel(self), QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDateTime(
            QDateTime.fromString(event.happened_at, Qt.DateFormat.ISODate) if event else QDateTime.currentDateTime()
        )
        self.who_label, self.who = QLabel(self), QComboBox(self)
        for initiator in Initiator:
            self.who.addItem("", str(initiator))
        self.how_label, self.how = QLabel(self), QComboBox(self)
        for channel in Channel:
            self.how.addItem("", str(channel))
        self.feeling_label, self.feeling = QLabel(self), QComboBox(self)
        self.feeling.addItem("", None)
        for value in FEELING:
            self.feeling.addItem("", value)
        for label, field in (
            (self.when_label, self.when),
            (self.who_label, self.who),
            (self.how_label, self.how),
            (self.feeling_label, self.feeling),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.practical = QCheckBox(self)
        self.note_label, self.note = QLabel(self), QPlainTextEdit(self)
        _private_text(self.note)
        self.note.setMaximumHeight(110)
        self.note_label.setBuddy(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        if event is not None:
            self.who.setCurrentIndex(self.who.findData(str(event.initiated_by)))
            self.how.setCurrentIndex(self.how.findData(str(event.channel)))
            self.feeling.setCurrentIndex(max(0, self.feeling.findData(event.feeling)) if event.feeling else 0)
            self.practical.setChecked(event.practical)
            self.note.setPlainText(event.note)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        for widget in (self.practical, self.note_label, self.note, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(520)
        self.retranslate()

    def _save(self) -> None:
        event = ContactEvent(
            happened_at=self.when.dateTime().toString(Qt.DateFormat.ISODate)[:19],
            initiated_by=Initiator(str(self.who.currentData())),
            channel=Channel(str(self.how.currentData())),
            feeling=self.feeling.currentData(),
            practical=self.practical.isChecked(),
            note=self.note.toPlainText(),
            id=self._event.id if self._event else None,
        )

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                space.log_contact(conn, event)

        self.buttons.setEnabled(False)
        self.services.bridge.run(job, self._done)

    def _done(self, _result: object) -> None:
        self.saved.emit()
        self.accept()

    def reject(self) -> None:
        self.note.setPlainText("")
        self.note.document().clearUndoRedoStacks()
        super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Note contact"))
        self.title.setText(_("Contact that happened"))
        self.intro.setText(_("Noting it helps you see patterns. It doesn't undo anything you've done for yourself."))
        self.when_label.setText(_("&When:"))
        localise_date_edit(self.when, with_time=True)
        self.who_label.setText(_("&Who started it:"))
        for index in range(self.who.count()):
            self.who.setItemText(index, _(INITIATOR_LABELS[Initiator(self.who.itemData(index))]))
        self.how_label.setText(_("&How:"))
        for index in range(self.how.count()):
            self.how.setItemText(index, _(CHANNEL_LABELS[Channel(self.how.itemData(index))]))
        self.feeling_label.setText(_("&Afterwards I felt:"))
        self.feeling.setItemText(0, _("Not noted"))
        for index in range(1, self.feeling.count()):
            self.feeling.setItemText(index, _(FEELING[self.feeling.itemData(index)]))
        self.practical.setText(_("Practical contact (children, a shared home, work)"))
        self.note_label.setText(_("&Notes (optional):"))
        self.note.setAccessibleName(_("Notes about the contact"))

"""Dialogs around a meetup: adding it to a calendar (neutral title, nothing private), and the
reflection afterwards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from goldseam.domain.journal import MOOD_LABELS
from goldseam.domain.meetup import CONCERNS, REUNION_RAISED, SIGNS, WANT_NEXT, Reflection
from goldseam.i18n import _, ngettext
from goldseam.transfer.calendar_file import NEUTRAL_TITLES, REMINDER_CHOICES, CalendarOptions
from goldseam.ui.building_blocks import DIALOG_MARGIN, WrappingCheckBox, body_label, title_label
from goldseam.ui.retranslate import RetranslateMixin


def reminder_text(minutes: int) -> str:
    if minutes == 0:
        return _("No reminder")
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return ngettext("{count} day before", "{count} days before", days).format(count=days)
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("{count} hour before", "{count} hours before", hours).format(count=hours)
    return ngettext("{count} minute before", "{count} minutes before", minutes).format(count=minutes)


class CalendarDialog(RetranslateMixin, QDialog):
    """What goes into the calendar file: a neutral title, the time, and only what the user ticks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        self.heading = title_label(self)
        self.note = body_label(self, "muted")
        form = QFormLayout()
        self.title_label, self.title = QLabel(self), QComboBox(self)
        for title in NEUTRAL_TITLES:
            self.title.addItem("", title)
        self.reminder_label, self.reminder = QLabel(self), QComboBox(self)
        for minutes in REMINDER_CHOICES:
            self.reminder.addItem("", minutes)
        for label, field in ((self.title_label, self.title), (self.reminder_label, self.reminder)):
            label.setBuddy(field)
            form.addRow(label, field)
        self.include_place = QCheckBox(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.include_place)
        layout.addWidget(self.buttons)
        self.retranslate()

    def options(self) -> CalendarOptions:
        return CalendarOptions(
            title=str(self.title.currentData()),
            include_place=self.include_place.isChecked(),
            reminder_minutes=int(self.reminder.currentData()),
        )

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add to a calendar"))
        self.heading.setText(_("Add to a calendar"))
        self.note.setText(
            _(
                "Calendars sync to other devices and are sometimes shared. The event gets a neutral title and the "
                "time — no names, no notes, and nothing about Goldseam."
            )
        )
        self.title_label.setText(_("&Title:"))
        for i in range(self.title.count()):
            self.title.setItemText(i, _(str(self.title.itemData(i))))
        self.reminder_label.setText(_("&Reminder:"))
        for i in range(self.reminder.count()):
            self.reminder.setItemText(i, reminder_text(int(self.reminder.itemData(i))))
        self.include_place.setText(_("Include the place"))


class ReflectionDialog(RetranslateMixin, QDialog):
    """After the meetup: how it felt, what was said, who raised getting back together, and what
    you noticed. It feeds “Have they changed?” and the dashboard's next step."""

    def __init__(self, reflection: Reflection | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        start = reflection or Reflection()
        self.resize(560, 680)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        self.heading = title_label(self)
        self.feeling_label = body_label(self, "subtitle")
        self.feeling = QSlider(Qt.Orientation.Horizontal, self)
        self.feeling.setRange(1, 5)
        self.feeling.setValue(start.feeling)
        self.feeling.setPageStep(1)
        self.feeling_value = body_label(self, "muted")
        self.feeling.valueChanged.connect(lambda _v: self._show_feeling())
        self.said_label = body_label(self, "subtitle")
        self.said = QPlainTextEdit(self)
        self.said.setPlainText(start.said)
        self.said.setTabChangesFocus(True)
        self.said.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.said.setMaximumHeight(90)
        self.raised_label = body_label(self, "subtitle")
        self.raised_group = QButtonGroup(self)
        self.raised: dict[str, QRadioButton] = {}
        for key in REUNION_RAISED:
            button = QRadioButton(self)
            button.setChecked(key == start.reunion_raised)
            self.raised_group.addButton(button)
            self.raised[key] = button
        self.signs_label = body_label(self, "subtitle")
        self.signs = {key: WrappingCheckBox(self) for key in SIGNS}
        self.concerns_label = body_label(self, "subtitle")
        self.concerns = {key: WrappingCheckBox(self) for key in CONCERNS}
        for key, box in self.signs.items():
            box.setChecked(key in start.signs)
        for key, box in self.concerns.items():
            box.setChecked(key in start.concerns)
        self.next_label = body_label(self, "subtitle")
        self.next_group = QButtonGroup(self)
        self.next: dict[str, QRadioButton] = {}
        for key in WANT_NEXT:
            button = QRadioButton(self)
            button.setChecked(key == start.want_next)
            self.next_group.addButton(button)
            self.next[key] = button
        self.notes_label = body_label(self, "subtitle")
        self.notes = QPlainTextEdit(self)
        self.notes.setPlainText(start.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        widgets: list[QWidget] = [
            self.feeling_label,
            self.feeling,
            self.feeling_value,
            self.said_label,
            self.said,
            self.raised_label,
            *self.raised.values(),
            self.signs_label,
            *self.signs.values(),
            self.concerns_label,
            *self.concerns.values(),
            self.next_label,
            *self.next.values(),
            self.notes_label,
            self.notes,
        ]
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 8, 0)
        for widget in widgets:
            widget.setParent(content)
            content_layout.addWidget(widget)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def reflection(self) -> Reflection:
        return Reflection(
            feeling=self.feeling.value(),
            said=self.said.toPlainText(),
            reunion_raised=next((k for k, b in self.raised.items() if b.isChecked()), "no"),
            signs=tuple(k for k, b in self.signs.items() if b.isChecked()),
            concerns=tuple(k for k, b in self.concerns.items() if b.isChecked()),
            want_next=next((k for k, b in self.next.items() if b.isChecked()), "unsure"),
            notes=self.notes.toPlainText(),
        )

    def _show_feeling(self) -> None:
        self.feeling_value.setText(_(MOOD_LABELS[self.feeling.value()]))

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            for editor in (self.said, self.notes):
                editor.setPlainText("")
                editor.document().clearUndoRedoStacks()
        super().done(result)

    def retranslate(self) -> None:
        self.setWindowTitle(_("After the meeting"))
        self.heading.setText(_("After the meeting"))
        self.feeling_label.setText(_("How do you feel about how it went?"))
        self.feeling.setAccessibleName(_("How do you feel about how it went?"))
        self._show_feeling()
        self.said_label.setText(_("What was said that matters to you?"))
        self.said.setAccessibleName(_("What was said that matters to you?"))
        self.raised_label.setText(_("Did either of you bring up getting back together?"))
        for key, button in self.raised.items():
            button.setText(_(REUNION_RAISED[key]))
        self.signs_label.setText(_("Signs of change you noticed"))
        for key, box in self.signs.items():
            box.setText(_(SIGNS[key]))
        self.concerns_label.setText(_("Anything that worried you"))
        for key, box in self.concerns.items():
            box.setText(_(CONCERNS[key]))
        self.next_label.setText(_("What do you want now?"))
        for key, button in self.next.items():
            button.setText(_(WANT_NEXT[key]))
        self.notes_label.setText(_("Anything else, just for you"))
        self.notes.setAccessibleName(_("Anything else, just for you"))

"""First run: what Goldseam is and is not, and how the vault keeps things private."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from goldseam import i18n
from goldseam.i18n import _
from goldseam.ui.building_blocks import (
    body_label,
    card,
    centered_column,
    link_button,
    primary_button,
    title_label,
)
from goldseam.ui.retranslate import RetranslateMixin


class WelcomePage(RetranslateMixin, QWidget):
    get_started = Signal()
    restore_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = centered_column(self, 660)
        self.title = title_label(self)
        self.intro = body_label(self)
        about, about_layout = card(self)
        self.is_heading = body_label(about, "subtitle")
        self.is_text = body_label(about)
        self.not_heading = body_label(about, "subtitle")
        self.not_text = body_label(about)
        for widget in (self.is_heading, self.is_text, self.not_heading, self.not_text):
            about_layout.addWidget(widget)
        privacy, privacy_layout = card(self)
        self.privacy_heading = body_label(privacy, "subtitle")
        self.privacy_text = body_label(privacy)
        privacy_layout.addWidget(self.privacy_heading)
        privacy_layout.addWidget(self.privacy_text)

        self.language_label = QLabel(self)
        self.language = QComboBox(self)
        self.language.addItem("", "")
        for language in i18n.available_languages():
            if language.code not in i18n.PSEUDO_LANGUAGES:
                self.language.addItem(language.native_name, language.code)
        self.language.activated.connect(lambda _index: self.language_chosen.emit(self.language.currentData()))
        self.language_label.setBuddy(self.language)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language, 1)

        self.start_button = primary_button(self)
        self.start_button.clicked.connect(self.get_started.emit)
        self.restore_button = link_button(self)
        self.restore_button.clicked.connect(self.restore_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)

        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addWidget(about)
        column.addWidget(privacy)
        column.addLayout(language_row)
        column.addStretch(1)
        column.addLayout(buttons)
        self.retranslate()

    def select_language(self, code: str) -> None:
        index = self.language.findData(code)
        self.language.setCurrentIndex(max(index, 0))

    def retranslate(self) -> None:
        self.title.setText(_("Welcome to Goldseam"))
        self.intro.setText(
            _(
                "A breakup can leave you with more questions than answers. Goldseam is a quiet, private "
                "place to look after yourself, understand what happened, and decide — honestly and "
                "safely — whether reconnecting is right for you, or whether moving forward is."
            )
        )
        self.is_heading.setText(_("What Goldseam is"))
        self.is_text.setText(
            _(
                "A private reflection tool: a journal, structured check-ins, and planning help. "
                "It supports both paths equally — reconnecting if you both want to, and moving on."
            )
        )
        self.not_heading.setText(_("What it is not"))
        self.not_text.setText(
            _(
                "It isn't therapy or medical care, it can't diagnose anything, and it can't predict what "
                "another person will do. It will never help you pressure someone who has said no. "
                "If you're struggling, a doctor, counsellor or helpline can help; "
                "“Get help now” is always at the top of the window."
            )
        )
        self.privacy_heading.setText(_("Private by design"))
        self.privacy_text.setText(
            _(
                "Everything you write stays on this device in an encrypted vault that only your passphrase "
                "opens. There is no account and no cloud. If you forget your passphrase, only the printed "
                "recovery key you'll be offered can open the vault — we can't."
            )
        )
        self.language_label.setText(_("&Language:"))
        self.language.setItemText(0, _("Same as the system"))
        self.language.setAccessibleName(_("Language"))
        self.start_button.setText(_("Create my private vault"))
        self.restore_button.setText(_("Restore from a backup…"))

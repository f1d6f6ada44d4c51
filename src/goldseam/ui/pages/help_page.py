""" "Get help now": emergency numbers, helplines, a directory, and a quick exit.

Reachable from every screen, including the lock screen and the welcome, because none of it
is private.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from goldseam import i18n
from goldseam.domain.helplines import CountryHelp, Helpline, load_help_directory
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, card, centered_column, help_button, title_label
from goldseam.ui.retranslate import RetranslateMixin

# Where the system locale says nothing useful ("C" on many Linux setups), start from the
# main country of the interface language.
_LANGUAGE_COUNTRY = {"fr": "FR", "de": "DE", "es": "ES", "pt": "BR", "en": "US"}


def _system_country() -> str:
    system = QLocale.system()
    if system.name() not in ("C", "POSIX"):
        code = QLocale.territoryToCode(system.territory())
        if code:
            return code
    return _LANGUAGE_COUNTRY.get(i18n.current_language().split("_")[0], "US")


class HelpPage(RetranslateMixin, QWidget):
    back_requested = Signal()
    quick_exit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = load_help_directory()
        column = centered_column(self, 700)
        inner = self

        self.title = title_label(inner)
        danger, danger_layout = card(inner, "notice")
        self.danger_text = body_label(danger)
        danger_layout.addWidget(self.danger_text)

        self.country_label = QLabel(inner)
        self.country = QComboBox(inner)
        self.country_label.setBuddy(self.country)
        self.country.currentIndexChanged.connect(lambda _i: self._show_country())
        country_row = QHBoxLayout()
        country_row.addWidget(self.country_label)
        country_row.addWidget(self.country, 1)

        lines, lines_layout = card(inner)
        self.emergency_text = body_label(lines)
        self.crisis_heading = body_label(lines, "subtitle")
        self.crisis_text = body_label(lines)
        self.abuse_heading = body_label(lines, "subtitle")
        self.abuse_text = body_label(lines)
        for widget in (self.emergency_text, self.crisis_heading, self.crisis_text, self.abuse_heading, self.abuse_text):
            lines_layout.addWidget(widget)

        self.directory_text = body_label(inner)
        self.directory_text.setOpenExternalLinks(True)
        self.directory_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        safety, safety_layout = card(inner)
        self.plan_heading = body_label(safety, "subtitle")
        self.plan_text = body_label(safety)
        self.plan_text.setOpenExternalLinks(True)
        self.plan_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.device_heading = body_label(safety, "subtitle")
        self.device_tips = body_label(safety)
        for widget in (self.plan_heading, self.plan_text, self.device_heading, self.device_tips):
            safety_layout.addWidget(widget)
        self.device_text = body_label(inner, "muted")
        self.checked_text = body_label(inner, "muted")
        self.disclaimer = body_label(inner, "muted")

        self.quick_exit = help_button(inner)
        self.quick_exit.clicked.connect(self.quick_exit_requested.emit)
        self.back = QPushButton(inner)
        self.back.clicked.connect(self.back_requested.emit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.back_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.quick_exit)

        column.addWidget(self.title)
        column.addWidget(danger)
        column.addLayout(country_row)
        column.addWidget(lines)
        column.addWidget(self.directory_text)
        column.addWidget(safety)
        column.addWidget(self.device_text)
        column.addWidget(self.disclaimer)
        column.addWidget(self.checked_text)
        column.addStretch(1)
        column.addLayout(buttons)
        self.retranslate()
        self.select_country(_system_country())

    def select_country(self, code: str) -> None:
        index = self.country.findData(code.upper())
        self.country.setCurrentIndex(index if index >= 0 else 0)

    def current_country(self) -> CountryHelp | None:
        return self.directory.country(str(self.country.currentData() or ""))

    def retranslate(self) -> None:
        current = self.country.currentData()
        territories = i18n.babel_locale().territories
        self.country.blockSignals(True)
        self.country.clear()
        entries = sorted(
            ((territories.get(c.code, c.code), c.code) for c in self.directory.countries), key=lambda e: e[0]
        )
        for name, code in entries:
            self.country.addItem(name, code)
        self.country.blockSignals(False)
        if current:
            self.select_country(str(current))
        self.title.setText(_("Get help now"))
        self.danger_text.setText(
            _(
                "If you or someone else is in immediate danger, call your local emergency number now. "
                "You don't have to face this alone."
            )
        )
        self.country_label.setText(_("&Country:"))
        self.country.setAccessibleName(_("Country"))
        self.crisis_heading.setText(_("Talk to someone now"))
        self.abuse_heading.setText(_("If someone is hurting, threatening or frightening you"))
        link = f'<a href="{html.escape(self.directory.directory_url)}">{html.escape(self.directory.directory_name)}</a>'
        self.directory_text.setText(
            _(
                "Not listed, or somewhere else? {directory} lists free, confidential helplines in many countries."
            ).format(directory=link)
        )
        self.device_text.setText(
            _(
                "If someone might look at this device, “Quick exit” locks Goldseam and hides it at once. "
                "Discreet mode in Settings gives the window a neutral name."
            )
        )
        self.disclaimer.setText(
            _(
                "Goldseam is a private reflection tool, not therapy or medical care. It can't diagnose anything "
                "or predict what another person will do. A doctor, counsellor or helpline can help."
            )
        )
        self.checked_text.setText(
            _("These numbers were last checked in {month}. Services change: please check your local services.").format(
                month=i18n.format_month(date.fromisoformat(self.directory.checked + "-01"))
            )
        )
        self.plan_heading.setText(_("Planning for safety"))
        plan = [
            _("Trust your sense of danger: if something feels unsafe, it matters."),
            _("Know where you could go at short notice, and how you would get there."),
            _("Keep your phone charged, and important documents, money and medicines where you can reach them."),
            _("Agree a code word with someone you trust that means “call for help”."),
            _("If you ever meet, choose a busy public place, tell a friend, and have your own way home."),
            _("A specialist support line can help you make a plan that fits your situation."),
        ]
        myplan = '<a href="https://www.myplanapp.org/">myPlan</a>'
        self.plan_text.setText(
            "<br>".join("• " + html.escape(line) for line in plan)
            + "<br><br>"
            + _("{myplan} is a free, private safety decision aid from Johns Hopkins University.").format(myplan=myplan)
        )
        self.device_heading.setText(_("Keeping this device private"))
        device = [
            _("Someone who can use your phone or computer may see messages, photos, locations and browsing."),
            _("Look for apps you don't recognise, shared accounts and location sharing you didn't choose."),
            _("Change important passwords from a device they have never used."),
            _(
                "If you think you're being watched, sudden changes can alert the other person: a support line can "
                "help you plan first."
            ),
        ]
        self.device_tips.setText("\n".join("• " + line for line in device))
        self.quick_exit.setText(_("Quick exit"))
        self.quick_exit.setToolTip(_("Lock Goldseam and hide its window immediately"))
        self.back.setText(_("Back"))
        self._show_country()

    def _show_country(self) -> None:
        country = self.current_country()
        if country is None:
            return
        self.emergency_text.setText(
            _("Emergency numbers: {numbers}").format(
                numbers=", ".join(f"<b>{html.escape(n)}</b>" for n in country.emergency)
            )
        )
        self.emergency_text.setTextFormat(Qt.TextFormat.RichText)
        for kind, heading, text in (
            ("crisis", self.crisis_heading, self.crisis_text),
            ("abuse", self.abuse_heading, self.abuse_text),
        ):
            lines = country.lines_of_kind(kind)
            heading.setVisible(bool(lines))
            text.setVisible(bool(lines))
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setText("<br>".join(self._describe(line) for line in lines))

    @staticmethod
    def _describe(line: Helpline) -> str:
        parts = [f"<b>{html.escape(line.name)}</b>"]
        if line.phone:
            parts.append(_("call {number}").format(number=html.escape(line.phone)))
        if line.text:
            parts.append(_("text {number}").format(number=html.escape(line.text)))
        if line.hours == "24/7":
            parts.append(_("day and night"))
        return " · ".join(parts)

"""Space from the ex: the period of space, urges, contact that happened, unsent messages."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import space
from goldseam.domain.space import (
    ALTERNATIVE_LABELS,
    CHANNEL_LABELS,
    INITIATOR_LABELS,
    URGE_LABELS,
    ContactEvent,
    SpaceSummary,
    Urge,
)
from goldseam.i18n import _, ngettext
from goldseam.ui.building_blocks import (
    body_label,
    card,
    centered_column,
    localise_date_edit,
    record_list_view,
    title_label,
)
from goldseam.ui.pages.shell_page import SaveJob, ShellPage
from goldseam.ui.record_list_model import RECORD_ROLE, RecordListModel
from goldseam.ui.services import AppServices
from goldseam.ui.space.space_dialogs import FEELING, INTENSITY, ContactDialog, UrgeDialog
from goldseam.ui.space.unsent_panel import UnsentPanel
from goldseam.vault_worker import VaultWorker


def _when(text: str) -> str:
    from datetime import datetime

    try:
        return i18n.format_day_time(datetime.fromisoformat(text))
    except ValueError:
        return text


def describe_contact(event: ContactEvent) -> str:
    parts = [_when(event.happened_at), _(INITIATOR_LABELS[event.initiated_by]), _(CHANNEL_LABELS[event.channel])]
    if event.feeling:
        parts.append(_(FEELING[event.feeling]))
    if event.practical:
        parts.append(_("practical"))
    return " · ".join(parts)


def describe_urge(urge: Urge) -> str:
    instead = ", ".join(_(ALTERNATIVE_LABELS[a]) for a in urge.instead) or _("nothing noted")
    outcome = _("acted on it") if urge.acted else _("rode it out")
    return "{when} · {kind} ({strength})\n{instead_label} {instead} · {outcome}".format(
        when=_when(urge.written_at),
        kind=_(URGE_LABELS[urge.urge_kind]),
        strength=_(INTENSITY[urge.intensity]),
        instead_label=_("Instead:"),
        instead=instead,
        outcome=outcome,
    )


def _load(worker: VaultWorker) -> tuple[SpaceSummary, list[ContactEvent], list[Urge]]:
    conn = worker.session.conn
    return space.summary(conn, date.today()), space.contacts(conn), space.urges(conn)


class SpacePage(ShellPage):
    key = "space"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._summary: SpaceSummary | None = None
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

        overview = QWidget(self.tabs)
        column = centered_column(overview, 680)
        self.title = title_label(overview)
        self.intro = body_label(overview)
        self.period_box, period_layout = card(overview)
        form = QFormLayout()
        self.start_label = QLabel(self.period_box)
        self.start_date = QDateEdit(self.period_box)
        self.start_date.setCalendarPopup(True)
        self.start_date.setDate(QDate.currentDate())
        self.start_label.setBuddy(self.start_date)
        form.addRow(self.start_label, self.start_date)
        self.practical = QCheckBox(self.period_box)
        self.practical_note = body_label(self.period_box, "muted")
        self.practical.toggled.connect(self.practical_note.setVisible)
        self.practical_note.hide()
        self.start_button = QPushButton(self.period_box)
        self.start_button.clicked.connect(self._start)
        self.end_button = QPushButton(self.period_box)
        self.end_button.clicked.connect(self._end)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        period_layout.addLayout(form)
        period_layout.addWidget(self.practical)
        period_layout.addWidget(self.practical_note)
        period_layout.addLayout(buttons)
        self.summary_box, summary_layout = card(overview)
        self.summary_text = body_label(self.summary_box)
        self.cared_today = QCheckBox(self.summary_box)
        self.cared_today.clicked.connect(self._cared)
        summary_layout.addWidget(self.summary_text)
        summary_layout.addWidget(self.cared_today)
        for widget in (self.title, self.intro, self.period_box, self.summary_box):
            column.addWidget(widget)
        column.addStretch(1)

        urges_tab = QWidget(self.tabs)
        urges_layout = QVBoxLayout(urges_tab)
        self.urge_intro = body_label(urges_tab, "muted")
        self.urge_button = QPushButton(urges_tab)
        self.urge_button.clicked.connect(self.log_urge)
        self.urge_model: RecordListModel[Urge] = RecordListModel(describe_urge, self)
        self.urge_list = record_list_view(urges_tab)
        self.urge_list.setModel(self.urge_model)
        urges_layout.addWidget(self.urge_intro)
        urges_layout.addWidget(self.urge_button)
        urges_layout.addWidget(self.urge_list, 1)

        contacts_tab = QWidget(self.tabs)
        contacts_layout = QVBoxLayout(contacts_tab)
        self.contact_intro = body_label(contacts_tab, "muted")
        self.contact_button = QPushButton(contacts_tab)
        self.contact_button.clicked.connect(lambda: self.log_contact(None))
        self.contact_model: RecordListModel[ContactEvent] = RecordListModel(describe_contact, self)
        self.contact_list = record_list_view(contacts_tab)
        self.contact_list.setModel(self.contact_model)
        self.contact_list.doubleClicked.connect(self._edit_contact)
        self.delete_contact = QPushButton(contacts_tab)
        self.delete_contact.clicked.connect(self._delete_contact)
        row = QHBoxLayout()
        row.addWidget(self.contact_button)
        row.addStretch(1)
        row.addWidget(self.delete_contact)
        contacts_layout.addWidget(self.contact_intro)
        contacts_layout.addLayout(row)
        contacts_layout.addWidget(self.contact_list, 1)

        self.unsent = UnsentPanel(services, self.tabs)
        self.tabs.addTab(overview, "")
        self.tabs.addTab(urges_tab, "")
        self.tabs.addTab(contacts_tab, "")
        self.tabs.addTab(self.unsent, "")
        self.retranslate()
        self._show()

    # -- ShellPage ------------------------------------------------------------------------------

    def nav_title(self) -> str:
        return _("Space")

    def vault_unlocked(self) -> None:
        self.tabs.setCurrentIndex(0)

    def page_shown(self) -> None:
        self.refresh()
        self.unsent.refresh()

    def navigate_to(self, argument: object) -> None:
        if argument == "urge":
            self.tabs.setCurrentIndex(1)
            self.log_urge()
        elif argument == "contact":
            self.tabs.setCurrentIndex(2)
            self.log_contact(None)
        elif argument == "messages":
            self.tabs.setCurrentIndex(3)
        elif argument == "start":
            self.tabs.setCurrentIndex(0)
            self.start_date.setFocus()

    def pending_saves(self) -> list[SaveJob]:
        job = self.unsent.pending_save_job()
        return [job] if job is not None else []

    def clear_for_lock(self) -> None:
        self._summary = None
        self.urge_model.set_records([])
        self.contact_model.set_records([])
        self.unsent.clear()
        self._show()

    def refresh(self) -> None:
        self.services.bridge.run(_load, self._loaded)

    def _loaded(self, result: Any) -> None:
        self._summary, contacts, urges = result
        self.contact_model.set_records(contacts)
        self.urge_model.set_records(urges)
        self._show()

    # -- actions -----------------------------------------------------------------------------------

    def _run(self, change: Any, message: str | None = None) -> None:
        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                change(conn)

        def done(_result: object) -> None:
            self.refresh()
            if message:
                self.services.show_status(message)

        self.services.bridge.run(job, done)

    def _start(self) -> None:
        chosen = self.start_date.date()
        start = date(chosen.year(), chosen.month(), chosen.day())
        practical = self.practical.isChecked()
        self._run(lambda conn: space.start_space(conn, start, practical), _("Your time of space has begun."))

    def _end(self) -> None:
        answer = QMessageBox.question(
            self,
            _("End this time of space?"),
            _(
                "You can end it when you've decided what comes next — reconnecting, or moving on. Nothing you noted "
                "is deleted."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda conn: space.end_space(conn, date.today()))

    def _cared(self, checked: bool) -> None:
        self._run(lambda conn: space.set_cared_for(conn, date.today(), checked))

    def log_urge(self) -> None:
        dialog = UrgeDialog(self.services, self)
        dialog.logged.connect(self.refresh)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def log_contact(self, event: ContactEvent | None) -> None:
        dialog = ContactDialog(self.services, event, self)
        dialog.saved.connect(self.refresh)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _edit_contact(self, index: QModelIndex) -> None:
        self.log_contact(index.data(RECORD_ROLE))

    def _delete_contact(self) -> None:
        event = self.contact_list.currentIndex().data(RECORD_ROLE)
        if event is not None and event.id is not None:
            event_id = event.id
            self._run(lambda conn: space.delete_contact(conn, event_id))

    # -- presentation ------------------------------------------------------------------------------

    def _show(self) -> None:
        summary = self._summary
        started = summary is not None and summary.period is not None
        self.start_button.setText(_("Change the start date") if started else _("Start taking space"))
        self.end_button.setVisible(started)
        self.summary_box.setVisible(started)
        if summary is not None and summary.period is not None:
            started_on = summary.period.started_on
            self.start_date.setDate(QDate(started_on.year, started_on.month, started_on.day))
            self.practical.setChecked(summary.period.practical_contact)
            lines = [
                ngettext(
                    "You started on {date} — {count} day ago.",
                    "You started on {date} — {count} days ago.",
                    summary.days_since_start,
                ).format(date=i18n.format_date(summary.period.started_on, "long"), count=summary.days_since_start - 1),
                ngettext(
                    "You looked after yourself on {count} day.",
                    "You looked after yourself on {count} days.",
                    summary.days_cared_for,
                ).format(count=summary.days_cared_for),
                ngettext(
                    "{count} urge noted, {ridden} ridden out.",
                    "{count} urges noted, {ridden} ridden out.",
                    summary.urges,
                ).format(count=summary.urges, ridden=summary.urges_ridden_out),
                ngettext("{count} contact noted.", "{count} contacts noted.", summary.contacts).format(
                    count=summary.contacts
                ),
            ]
            self.summary_text.setText("\n".join(lines))
            self.cared_today.setChecked(summary.cared_today)
        self.delete_contact.setEnabled(self.contact_model.rowCount() > 0)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("Overview"))
        self.tabs.setTabText(1, _("Urges"))
        self.tabs.setTabText(2, _("Contact log"))
        self.tabs.setTabText(3, _("Unsent messages"))
        self.title.setText(_("Space from your ex"))
        self.intro.setText(
            _(
                "Taking space helps you heal, and it respects their space too. It isn't a trick to make them miss "
                "you — honestly, it can make getting back together less likely. What counts here is the days you "
                "look after yourself. If contact happens, note it; it doesn't wipe anything out."
            )
        )
        self.start_label.setText(_("&Started on:"))
        localise_date_edit(self.start_date, with_time=False)
        self.practical.setText(_("Some contact is necessary (children, a home, work)"))
        self.practical_note.setText(
            _("Then aim for low, business-like contact: brief, about practical things, in writing where you can.")
        )
        self.end_button.setText(_("End this time of space…"))
        self.cared_today.setText(_("I looked after myself today"))
        self.urge_intro.setText(
            _("When you want to text, call or check on them, log it here instead and choose something else to do.")
        )
        self.urge_button.setText(_("I have an urge right now…"))
        self.urge_list.setAccessibleName(_("Urges you noted"))
        self.contact_intro.setText(_("Contact that happened, who started it and how it felt. No judgement."))
        self.contact_button.setText(_("Note contact…"))
        self.delete_contact.setText(_("Delete selected"))
        self.contact_list.setAccessibleName(_("Contact log"))
        self.urge_model.refresh_texts()
        self.contact_model.refresh_texts()
        self._show()

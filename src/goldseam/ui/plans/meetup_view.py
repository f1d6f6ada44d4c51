"""The meetup planner: when and where (with gentle nudges toward casual, daytime, sober and easy to
leave), an agenda with an apology builder, an expectations check, a calendar file with a neutral
title, and the reflection afterwards."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import meetup as meetups
from goldseam.domain.meetup import (
    AVOID_TOPICS,
    EXPECTATIONS,
    NOTICE,
    PLACE_LABELS,
    WARM_END_EXAMPLE,
    Agenda,
    Apology,
    Meetup,
    PlaceKind,
    Status,
)
from goldseam.i18n import _
from goldseam.transfer.calendar_file import export_calendar
from goldseam.ui.building_blocks import (
    WrappingCheckBox,
    body_label,
    card,
    localise_date_edit,
    primary_button,
    record_list_view,
)
from goldseam.ui.file_dialogs import choose_save_file
from goldseam.ui.pages.shell_page import SaveJob
from goldseam.ui.plans.meetup_dialogs import CalendarDialog, ReflectionDialog
from goldseam.ui.record_list_model import RecordListModel
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker


def describe_meetup(m: Meetup) -> str:
    when = i18n.format_day_time(m.starts_local)
    if m.status is Status.CANCELLED:
        state = _("cancelled")
    elif m.reflection is not None:
        state = _("reflected on")
    elif m.ends_local <= datetime.now():
        state = _("ready to reflect on")
    else:
        state = _("planned")
    return f"{when} · {state}\n{_(PLACE_LABELS[m.place_kind])}"


def next_daytime_slot(now: datetime) -> datetime:
    """A sensible default: tomorrow at 11:00, a coffee-time hour."""
    return (now + timedelta(days=1)).replace(hour=11, minute=0, second=0, microsecond=0)


class MeetupView(RetranslateMixin, QWidget):
    reflected = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.current: Meetup | None = None
        self._loading = False
        self._dirty = False
        self.model: RecordListModel[Meetup] = RecordListModel(describe_meetup, self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.new_button = QPushButton(left)
        self.new_button.clicked.connect(self.new_meetup)
        self.list = record_list_view(left)
        self.list.setModel(self.model)
        self.list.selectionModel().currentChanged.connect(lambda current, _p: self._select(current.row()))
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.list, 1)

        self.editor = QWidget(self)
        editor_layout = QVBoxLayout(self.editor)
        self.when_box, when_layout = card(self.editor)
        self.when_heading = body_label(self.when_box, "subtitle")
        form = QFormLayout()
        self.starts_label, self.starts = QLabel(self.when_box), QDateTimeEdit(self.when_box)
        self.starts.setCalendarPopup(True)
        localise_date_edit(self.starts, True)
        self.minutes_label, self.minutes = QLabel(self.when_box), QSpinBox(self.when_box)
        self.minutes.setRange(meetups.MIN_MINUTES, meetups.MAX_MINUTES)
        self.minutes.setSingleStep(15)
        self.kind_label, self.kind = QLabel(self.when_box), QComboBox(self.when_box)
        for kind in PlaceKind:
            self.kind.addItem("", str(kind))
        self.place_label, self.place = QLabel(self.when_box), QLineEdit(self.when_box)
        for label, field in (
            (self.starts_label, self.starts),
            (self.minutes_label, self.minutes),
            (self.kind_label, self.kind),
            (self.place_label, self.place),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.sober = WrappingCheckBox(self.when_box)
        self.friend_knows = WrappingCheckBox(self.when_box)
        self.own_way_home = WrappingCheckBox(self.when_box)
        when_layout.addWidget(self.when_heading)
        when_layout.addLayout(form)
        for box in (self.sober, self.friend_knows, self.own_way_home):
            when_layout.addWidget(box)
        self.nudge_box, nudge_layout = card(self.editor, "notice")
        self.nudges = body_label(self.nudge_box)
        nudge_layout.addWidget(self.nudges)

        self.agenda_box, agenda_layout = card(self.editor)
        self.agenda_heading = body_label(self.agenda_box, "subtitle")
        self.apology_note = body_label(self.agenda_box, "muted")
        apology_form = QFormLayout()
        self.acknowledge_label, self.acknowledge = QLabel(self.agenda_box), QLineEdit(self.agenda_box)
        self.responsibility_label, self.responsibility = QLabel(self.agenda_box), QLineEdit(self.agenda_box)
        self.change_label, self.change = QLabel(self.agenda_box), QLineEdit(self.agenda_box)
        for label, field in (
            (self.acknowledge_label, self.acknowledge),
            (self.responsibility_label, self.responsibility),
            (self.change_label, self.change),
        ):
            label.setBuddy(field)
            apology_form.addRow(label, field)
        self.apology_preview = body_label(self.agenda_box)
        self.apology_hints = body_label(self.agenda_box, "muted")
        self.avoid_heading = body_label(self.agenda_box, "subtitle")
        self.avoid = {key: WrappingCheckBox(self.agenda_box) for key in AVOID_TOPICS}
        self.notice_heading = body_label(self.agenda_box, "subtitle")
        self.notice = {key: WrappingCheckBox(self.agenda_box) for key in NOTICE}
        self.warm_end_label, self.warm_end = QLabel(self.agenda_box), QLineEdit(self.agenda_box)
        self.warm_end_label.setBuddy(self.warm_end)
        agenda_layout.addWidget(self.agenda_heading)
        agenda_layout.addWidget(self.apology_note)
        agenda_layout.addLayout(apology_form)
        agenda_layout.addWidget(self.apology_preview)
        agenda_layout.addWidget(self.apology_hints)
        agenda_layout.addWidget(self.avoid_heading)
        for box in self.avoid.values():
            agenda_layout.addWidget(box)
        agenda_layout.addWidget(self.notice_heading)
        for box in self.notice.values():
            agenda_layout.addWidget(box)
        agenda_layout.addWidget(self.warm_end_label)
        agenda_layout.addWidget(self.warm_end)

        self.expect_box, expect_layout = card(self.editor)
        self.expect_heading = body_label(self.expect_box, "subtitle")
        self.expectations = {key: WrappingCheckBox(self.expect_box) for key in EXPECTATIONS}
        self.expect_state = body_label(self.expect_box, "muted")
        expect_layout.addWidget(self.expect_heading)
        for box in self.expectations.values():
            expect_layout.addWidget(box)
        expect_layout.addWidget(self.expect_state)

        self.problems = body_label(self.editor, "error")
        self.save_button = primary_button(self.editor)
        self.save_button.clicked.connect(self.save_now)
        self.calendar_button = QPushButton(self.editor)
        self.calendar_button.clicked.connect(self._export_calendar)
        self.reflect_button = QPushButton(self.editor)
        self.reflect_button.clicked.connect(self.reflect)
        self.cancel_button = QPushButton(self.editor)
        self.cancel_button.clicked.connect(self._cancel)
        self.delete_button = QPushButton(self.editor)
        self.delete_button.clicked.connect(self._delete)
        # Two rows, so long translations of the button labels still fit the narrow pane.
        actions = QVBoxLayout()
        main_actions, other_actions = QHBoxLayout(), QHBoxLayout()
        for button in (self.save_button, self.calendar_button):
            main_actions.addWidget(button)
        main_actions.addStretch(1)
        other_actions.addWidget(self.reflect_button)
        other_actions.addStretch(1)
        other_actions.addWidget(self.cancel_button)
        other_actions.addWidget(self.delete_button)
        actions.addLayout(main_actions)
        actions.addLayout(other_actions)
        for widget in (self.when_box, self.nudge_box, self.agenda_box, self.expect_box, self.problems):
            editor_layout.addWidget(widget)
        editor_layout.addLayout(actions)
        editor_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.editor)

        self.empty = body_label(self, "muted")
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(800)
        self._save_timer.timeout.connect(self._autosave)
        for line in (self.place, self.acknowledge, self.responsibility, self.change, self.warm_end):
            line.textChanged.connect(self._edited)
        self.starts.dateTimeChanged.connect(self._edited)
        self.minutes.valueChanged.connect(self._edited)
        self.kind.currentIndexChanged.connect(self._edited)
        for box in (
            self.sober,
            self.friend_knows,
            self.own_way_home,
            *self.avoid.values(),
            *self.notice.values(),
            *self.expectations.values(),
        ):
            box.toggled.connect(self._edited)
        services.care.changed.connect(lambda _state: self._show_state())
        self.retranslate()
        self._show_current()

    # -- loading ---------------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        def job(worker: VaultWorker) -> list[Meetup]:
            return meetups.meetups(worker.session.conn)

        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        self.services.bridge.run(job, lambda found: self._loaded(found, keep))

    def _loaded(self, found: Any, select_id: int | None) -> None:
        if self._dirty:
            return  # don't replace what is being edited; the save reloads
        self.model.set_records(found)
        row = next((i for i, m in enumerate(found) if m.id == select_id), None)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        elif self.current is None or self.current.id is not None:
            self.current = None
            self._show_current()

    def _select(self, row: int) -> None:
        chosen = self.model.record(row)
        if chosen is None or (self.current is not None and chosen.id == self.current.id):
            return
        if self._dirty:
            self._autosave()
        self.current = chosen
        self._show_current()

    def new_meetup(self) -> None:
        if self._dirty:
            self._autosave()
        self.list.clearSelection()
        self.current = Meetup(starts_local=next_daytime_slot(datetime.now()))
        self._show_current()
        self.place.setFocus()

    def show_reflection_for(self, meetup_id: int) -> None:
        """Open the reflection for a meetup (from the dashboard's next step)."""

        def job(worker: VaultWorker) -> Meetup | None:
            return meetups.load(worker.session.conn, meetup_id)

        def done(found: Any) -> None:
            if isinstance(found, Meetup):
                self.current = found
                self._show_current()
                self.reflect()

        self.services.bridge.run(job, done)

    # -- the form --------------------------------------------------------------------------------------

    def _show_current(self) -> None:
        m = self.current
        self.editor.setVisible(m is not None)
        if m is None:
            return
        self._loading = True
        starts = m.starts_local
        self.starts.setDateTime(
            QDateTime(QDate(starts.year, starts.month, starts.day), QTime(starts.hour, starts.minute, starts.second))
        )
        self.minutes.setValue(m.minutes)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(m.place_kind))))
        self.place.setText(m.place)
        self.sober.setChecked(m.sober)
        self.friend_knows.setChecked(m.friend_knows)
        self.own_way_home.setChecked(m.own_way_home)
        self.acknowledge.setText(m.agenda.apology.acknowledge)
        self.responsibility.setText(m.agenda.apology.responsibility)
        self.change.setText(m.agenda.apology.change)
        for key, box in self.avoid.items():
            box.setChecked(key in m.agenda.avoid)
        for key, box in self.notice.items():
            box.setChecked(key in m.agenda.notice)
        self.warm_end.setText(m.agenda.warm_end)
        for key, box in self.expectations.items():
            box.setChecked(key in m.agenda.expectations)
        self._loading = False
        self._dirty = False
        self._show_state()

    def _read_form(self) -> Meetup | None:
        if self.current is None:
            return None
        starts = self.starts.dateTime().toPython()
        assert isinstance(starts, datetime)
        agenda = Agenda(
            apology=Apology(self.acknowledge.text(), self.responsibility.text(), self.change.text()),
            avoid=tuple(k for k, b in self.avoid.items() if b.isChecked()),
            notice=tuple(k for k, b in self.notice.items() if b.isChecked()),
            warm_end=self.warm_end.text(),
            expectations=tuple(k for k, b in self.expectations.items() if b.isChecked()),
        )
        return replace(
            self.current,
            starts_local=starts.replace(second=0, microsecond=0),
            minutes=self.minutes.value(),
            place=self.place.text(),
            place_kind=PlaceKind(str(self.kind.currentData())),
            sober=self.sober.isChecked(),
            friend_knows=self.friend_knows.isChecked(),
            own_way_home=self.own_way_home.isChecked(),
            agenda=agenda,
        )

    def _edited(self, *_args: object) -> None:
        if self._loading or self.current is None:
            return
        read = self._read_form()
        if read is not None:
            self.current = read
        self._dirty = True
        self._save_timer.start()
        self._show_state()

    def _show_state(self) -> None:
        m = self.current
        if m is None:
            return
        care = self.services.care.state
        found = meetups.nudges(m, care)
        self.nudge_box.setVisible(bool(found))
        self.nudges.setText("\n\n".join(_(n.text) for n in found))
        preview = m.agenda.apology.text()
        self.apology_preview.setVisible(bool(preview))
        self.apology_preview.setText(_("Your apology, in your words: “{text}”").format(text=preview))
        hints = meetups.apology_notes(m.agenda.apology)
        self.apology_hints.setVisible(bool(hints))
        self.apology_hints.setText("\n".join("• " + _(h) for h in hints))
        ready = m.agenda.expectations_met
        self.expect_state.setText(
            _("You're going in ready for any outcome.")
            if ready
            else _("Not every box is ticked yet. It's fine to wait until they are, or to go another time.")
        )
        problems = [_(p) for p in meetups.problems(m)]
        if not meetups.safety_ready(m, care):
            problems.append(
                _(
                    "Because the safety check flagged something, meet in a public place, tell a friend, "
                    "and have your own way home."
                )
            )
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        past = m.ends_local <= datetime.now()
        allowed = care.reunion_coaching
        self.save_button.setEnabled(allowed and not problems and m.status is Status.PLANNED)
        self.calendar_button.setEnabled(m.id is not None and not past and m.status is Status.PLANNED and not problems)
        self.reflect_button.setEnabled(m.id is not None and past and m.status is not Status.CANCELLED)
        self.reflect_button.setText(_("Edit the reflection…") if m.reflection else _("Reflect on it…"))
        self.cancel_button.setEnabled(m.id is not None and m.status is Status.PLANNED)
        self.delete_button.setEnabled(m.id is not None)

    # -- saving ----------------------------------------------------------------------------------------

    def _savable(self) -> Meetup | None:
        m = self._read_form()
        care = self.services.care.state
        if m is None or not care.reunion_coaching or meetups.problems(m) or not meetups.safety_ready(m, care):
            return None
        return m

    def _save_job(self, m: Meetup) -> SaveJob:
        def job(worker: VaultWorker) -> int:
            with worker.session.transaction() as conn:
                return meetups.save(conn, m)

        return job

    def _autosave(self) -> None:
        """Autosave only a plan that is complete and valid; otherwise the problems stay on screen."""
        m = self._savable()
        if m is None or m.status is not Status.PLANNED:
            return
        self._dirty = False
        self.services.bridge.run(self._save_job(m), lambda new_id: self._saved(int(new_id)))

    def save_now(self) -> None:
        self._save_timer.stop()
        m = self._savable()
        if m is None:
            self._show_state()
            return
        self._dirty = False
        self.services.bridge.run(self._save_job(m), lambda new_id: self._saved(int(new_id), announce=True))

    def _saved(self, new_id: int, announce: bool = False) -> None:
        if self.current is not None and self.current.id is None:
            self.current = replace(self.current, id=new_id)
        self._show_state()
        if announce:
            self.services.show_status(_("Meeting plan saved."))
        self.reload(new_id)

    def pending_save_jobs(self) -> list[SaveJob]:
        if not self._dirty:
            return []
        m = self._savable()
        self._dirty = False
        return [self._save_job(m)] if m is not None and m.status is Status.PLANNED else []

    # -- actions -------------------------------------------------------------------------------------------

    def _export_calendar(self) -> None:
        m = self._savable()
        if m is None:
            return
        dialog = CalendarDialog(self)
        if dialog.exec() != CalendarDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        suggested = Path.home() / f"{_(options.title).lower().replace(' ', '-')}.ics"
        target = choose_save_file(self, _("Save the calendar file"), suggested, _("Calendar files (*.ics)"))
        if target is None:
            return
        if target.suffix.lower() != ".ics":
            target = target.with_name(target.name + ".ics")

        def job(_worker: VaultWorker) -> None:
            export_calendar(m, target, options)

        self.services.bridge.run(
            job, lambda _r: self.services.show_status(_("Saved the calendar file {name}.").format(name=target.name))
        )

    def reflect(self) -> None:
        m = self.current
        if m is None or m.id is None:
            return
        dialog = ReflectionDialog(m.reflection, self)
        if dialog.exec() != ReflectionDialog.DialogCode.Accepted:
            return
        reflection = dialog.reflection()
        meetup_id = m.id

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                meetups.save_reflection(conn, meetup_id, reflection)

        def done(_result: object) -> None:
            self._dirty = False
            self.current = replace(m, reflection=reflection, status=Status.HAPPENED)
            self.services.show_status(
                _("Saved. “Have they changed?” can help you weigh what you noticed, when you're ready.")
            )
            self.reflected.emit()
            self.reload(meetup_id)

        self.services.bridge.run(job, done)

    def _cancel(self) -> None:
        m = self.current
        if m is None or m.id is None:
            return
        meetup_id = m.id

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                meetups.set_status(conn, meetup_id, Status.CANCELLED)

        self.current = replace(m, status=Status.CANCELLED)
        self._dirty = False
        self.services.bridge.run(job, lambda _r: self.reload(meetup_id))

    def _delete(self) -> None:
        m = self.current
        if m is None or m.id is None:
            return
        if (
            QMessageBox.question(self, _("Delete this meeting?"), _("The plan and any reflection are removed."))
            != QMessageBox.StandardButton.Yes
        ):
            return
        meetup_id = m.id

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                meetups.delete(conn, meetup_id)

        self.current = None
        self._dirty = False
        self._show_current()
        self.services.bridge.run(job, lambda _r: self.reload())

    def clear(self) -> None:
        self._save_timer.stop()
        self._dirty = False
        self.current = None
        self.model.set_records([])
        self._loading = True
        for line in (self.place, self.acknowledge, self.responsibility, self.change, self.warm_end):
            line.clear()
        self._loading = False
        self._show_current()

    def retranslate(self) -> None:
        self.new_button.setText(_("Plan a meeting"))
        self.when_heading.setText(_("When and where"))
        self.starts_label.setText(_("&When:"))
        localise_date_edit(self.starts, True)
        self.minutes_label.setText(_("&Length:"))
        self.minutes.setSuffix(" " + _("min"))
        self.kind_label.setText(_("&Kind of place:"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, _(PLACE_LABELS[PlaceKind(str(self.kind.itemData(i)))]))
        self.place_label.setText(_("&Place:"))
        self.place.setPlaceholderText(_("A café you both know, a park…"))
        self.sober.setText(_("We'll both stay sober"))
        self.friend_knows.setText(_("A friend knows where I'll be"))
        self.own_way_home.setText(_("I have my own way home"))
        self.agenda_heading.setText(_("What you'd like to say"))
        self.apology_note.setText(
            _(
                "If there's something to apologise for, do it early and simply. An apology lands when it names what "
                "you did, owns it, and says what's changing — without a “but”, and without asking for forgiveness."
            )
        )
        self.acknowledge_label.setText(_("What I did:"))
        self.responsibility_label.setText(_("That it was on me:"))
        self.change_label.setText(_("What I'm changing:"))
        self.acknowledge.setPlaceholderText(_("I'm sorry I stopped listening when things got hard."))
        self.responsibility.setPlaceholderText(_("That was my doing, not yours."))
        self.change.setPlaceholderText(_("I've been seeing a counsellor and I'm learning to say when I'm overwhelmed."))
        self.avoid_heading.setText(_("Leave for another time"))
        for key, box in self.avoid.items():
            box.setText(_(AVOID_TOPICS[key]))
        self.notice_heading.setText(_("What to notice"))
        for key, box in self.notice.items():
            box.setText(_(NOTICE[key]))
        self.warm_end_label.setText(_("A warm way to end:"))
        self.warm_end.setPlaceholderText(_(WARM_END_EXAMPLE))
        self.expect_heading.setText(_("Before you go"))
        for key, box in self.expectations.items():
            box.setText(_(EXPECTATIONS[key]))
        self.save_button.setText(_("Save the plan"))
        self.calendar_button.setText(_("Add to a calendar…"))
        self.cancel_button.setText(_("It's off"))
        self.delete_button.setText(_("Delete…"))
        self.model.refresh_texts()
        self._show_state()

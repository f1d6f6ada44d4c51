"""Check-ins: the eight structured self-assessments, safety first.

The overview lists each check with where it stands; taking one swaps in the runner, then the
result; "History and trends" shows every past result. What may be offered comes from the care
state machine (``services.care``), never from this page's own judgement.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from goldseam import i18n
from goldseam.domain import care_gate, decision_overview, meetup
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.assessments.evaluation import Outcome
from goldseam.domain.assessments.runs import FLEXIBLE_RETAKE, Run
from goldseam.domain.care_gate import CareState
from goldseam.domain.decision_overview import CheckStatus
from goldseam.domain.meetup import CONCERNS, SIGNS, Meetup, Reflection
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, card, centered_column, help_button, primary_button, title_label
from goldseam.ui.checkins.assessment_runner import AssessmentRunner
from goldseam.ui.checkins.history_view import HistoryView
from goldseam.ui.checkins.result_view import DISCLAIMER, ResultView
from goldseam.ui.pages.shell_page import SaveJob, ShellPage
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

GATED_BY_CONTACT_PLANNING = frozenset({"respect"})


def reflection_reminder(met: Meetup, reflection: Reflection) -> str:
    """What the user noted after their last meeting, shown while weighing evidence of change."""
    signs = ", ".join(_(SIGNS[k]) for k in reflection.signs) or _("none noted")
    worries = ", ".join(_(CONCERNS[k]) for k in reflection.concerns) or _("none noted")
    return _("After meeting on {date}, you noted — signs of change: {signs}. Worries: {worries}.").format(
        date=i18n.format_date(met.starts_local.date(), "medium"), signs=signs, worries=worries
    )


class CheckCard(QWidget):
    """One check on the overview: what it is, where it stands, and how to take it."""

    def __init__(self, assessment: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assessment = assessment
        self.status: CheckStatus | None = None
        self.frame, layout = card(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.heading = body_label(self.frame, "subtitle")
        self.summary = body_label(self.frame, "muted")
        self.state = body_label(self.frame)
        self.take = QPushButton(self.frame)
        self.history = QPushButton(self.frame)
        row = QHBoxLayout()
        row.addWidget(self.take)
        row.addWidget(self.history)
        row.addStretch(1)
        for widget in (self.heading, self.summary, self.state):
            layout.addWidget(widget)
        layout.addLayout(row)

    def show_status(self, status: CheckStatus | None, care: CareState, now: datetime) -> None:
        self.status = status
        definition = definitions.get(self.assessment)
        self.heading.setText(_(definition.title))
        self.summary.setText(_(definition.summary))
        self.heading.setAccessibleName(_(definition.title))
        self.history.setText(_("History"))
        self.history.setAccessibleName(_("History: {title}").format(title=_(definition.title)))
        gated = self.assessment in GATED_BY_CONTACT_PLANNING and not care.contact_planning
        if status is None:
            self.state.setText("")
            self.take.setText(_("Start"))
            return
        lines = []
        if status.completed_utc is not None and status.band_label:
            lines.append(
                _("Last result, {date}: {band}").format(
                    date=i18n.format_date(status.completed_utc.astimezone().date(), "medium"),
                    band=_(status.band_label),
                )
            )
        elif status.completed_utc is None:
            lines.append(_("Not taken yet."))
        waiting = (
            status.next_allowed_utc is not None
            and now < status.next_allowed_utc
            and self.assessment not in FLEXIBLE_RETAKE
            and not status.in_progress
        )
        if waiting and status.next_allowed_utc is not None:
            lines.append(
                _("You can take it again from {date}. Waiting a little lets real change show.").format(
                    date=i18n.format_date(status.next_allowed_utc.astimezone().date(), "medium")
                )
            )
        if gated:
            lines.append(
                _("This check is for a first message or a meeting, so it opens with contact planning in Plans.")
            )
        self.state.setText("\n".join(lines))
        if status.in_progress:
            self.take.setText(_("Resume"))
        elif status.completed_utc is not None:
            self.take.setText(_("Take again"))
        else:
            self.take.setText(_("Start"))
        self.take.setAccessibleName(f"{self.take.text()}: {_(definition.title)}")
        self.take.setEnabled(not gated and not waiting)
        self.history.setEnabled(status.completed_utc is not None)


class CheckinsPage(ShellPage):
    key = "checkins"
    statuses_loaded = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.statuses: dict[str, CheckStatus] = {}
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.overview = QWidget(self.stack)
        column = centered_column(self.overview, 720)
        self.title = title_label(self.overview)
        self.intro = body_label(self.overview, "muted")
        self.support_box, support_layout = card(self.overview, "notice")
        self.support_text = body_label(self.support_box)
        self.support_button = help_button(self.support_box)
        self.support_button.clicked.connect(services.show_help)
        support_layout.addWidget(self.support_text)
        support_layout.addWidget(self.support_button)
        self.amber_box, amber_layout = card(self.overview, "notice")
        self.amber_heading = body_label(self.amber_box, "subtitle")
        self.amber_text = body_label(self.amber_box)
        self.amber_read = primary_button(self.amber_box)
        self.amber_read.clicked.connect(self._acknowledge_amber)
        self.amber_help = QPushButton(self.amber_box)
        self.amber_help.clicked.connect(services.show_help)
        amber_row = QHBoxLayout()
        amber_row.addWidget(self.amber_read)
        amber_row.addWidget(self.amber_help)
        amber_row.addStretch(1)
        for widget in (self.amber_heading, self.amber_text):
            amber_layout.addWidget(widget)
        amber_layout.addLayout(amber_row)
        for block in (self.title, self.intro, self.support_box, self.amber_box):
            column.addWidget(block)
        self.cards: dict[str, CheckCard] = {}
        for definition in definitions.load_all():
            check = CheckCard(definition.id, self.overview)
            check.take.clicked.connect(lambda _c=False, a=definition.id: self.take(a))
            check.history.clicked.connect(lambda _c=False, a=definition.id: self.show_history(a))
            self.cards[definition.id] = check
            column.addWidget(check)
        self.disclaimer = body_label(self.overview, "muted")
        column.addWidget(self.disclaimer)
        column.addStretch(1)

        self.runner = AssessmentRunner(services, self.stack)
        self.runner.finished.connect(self._finished)
        self.runner.closed.connect(self.show_overview)
        self.runner.crisis_answered.connect(self._crisis)
        self.result = ResultView(services, self.stack)
        self.result.back_requested.connect(self.show_overview)
        self.result.history_requested.connect(self.show_history)
        self.history = HistoryView(services, self.stack)
        self.history.back_requested.connect(self.show_overview)
        self.history.open_result.connect(self._open_past_result)
        self.history.changed.connect(self._data_changed)
        for view in (self.overview, self.runner, self.result, self.history):
            self.stack.addWidget(view)
        services.care.changed.connect(lambda _state: self._show_statuses())
        self.retranslate()

    def nav_title(self) -> str:
        return _("Check-ins")

    # -- loading ----------------------------------------------------------------------------------

    def vault_unlocked(self) -> None:
        self.reload()

    def page_shown(self) -> None:
        if self.stack.currentWidget() is self.overview:
            self.reload()

    def reload(self) -> None:
        def job(worker: VaultWorker) -> tuple[CheckStatus, ...]:
            return decision_overview.check_statuses(worker.session.conn, datetime.now(UTC))

        self.services.bridge.run(job, self._loaded)

    def _loaded(self, statuses: Any) -> None:
        self.statuses = {s.assessment: s for s in statuses}
        self._show_statuses()
        self.statuses_loaded.emit()

    def _show_statuses(self) -> None:
        care = self.services.care.state
        now = datetime.now(UTC)
        for assessment, check in self.cards.items():
            check.show_status(self.statuses.get(assessment), care, now)
        self.support_box.setVisible(care.show_support)
        self.amber_box.setVisible(care.needs_interstitial)
        safety = self.statuses.get("safety")
        first_time = safety is not None and safety.completed_utc is None and not safety.in_progress
        self.intro.setText(
            _(
                "Short, private check-ins to understand what happened and what you want. Start with the safety "
                "check: it comes first, because your safety matters more than any plan."
            )
            if first_time
            else _(
                "Short, private check-ins to understand what happened and what you want. Take them at your own "
                "pace; every answer is saved as you go."
            )
        )

    # -- taking a check ------------------------------------------------------------------------------

    def navigate_to(self, argument: object) -> None:
        if isinstance(argument, str) and argument in self.cards:
            status = self.statuses.get(argument)
            if self.cards[argument].take.isEnabled() or (status is not None and status.in_progress):
                self.take(argument)
                return
        self.show_overview()

    def take(self, assessment: str) -> None:
        def job(worker: VaultWorker) -> tuple[Run, str]:
            with worker.session.transaction() as conn:
                run = runs.resume_or_start(conn, assessment)
                reflection = meetup.latest_reflection(conn) if assessment == "changed" else None
            return run, reflection_reminder(*reflection) if reflection else ""

        self.services.bridge.run(job, self._begin)

    def _begin(self, result: Any) -> None:
        run, reminder = result
        assert isinstance(run, Run)
        self.runner.begin(run.assessment, run.id, run.answers, run.context, run.position)
        self.runner.set_reminder(reminder)
        if self.runner.crisis_already_answered():
            self.services.care.set_crisis()  # a crisis answer from an earlier session still counts today
        self.stack.setCurrentWidget(self.runner)

    def _crisis(self) -> None:
        """A crisis answer shows help at once; the check-in stays where it was."""
        self.services.care.set_crisis()
        self.services.show_help()

    def _finished(self, _run_id: int, outcome: Any) -> None:
        assert isinstance(outcome, Outcome)
        definition = self.runner.definition
        if definition is None:
            return
        self.result.show_outcome(definition, outcome)
        self.stack.setCurrentWidget(self.result)
        self.runner.clear()
        if outcome.band.id == "crisis":
            # Help was shown when the answer was given; the result page keeps it in view.
            self.services.care.set_crisis()
        self._data_changed()

    def _open_past_result(self, run: Any) -> None:
        assert isinstance(run, Run)
        self.result.show_outcome(definitions.get(run.assessment), runs.outcome_of(run))
        self.stack.setCurrentWidget(self.result)

    def _data_changed(self) -> None:
        self.services.care.refresh()
        self.reload()

    def _acknowledge_amber(self) -> None:
        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                care_gate.acknowledge_amber(conn)

        self.services.bridge.run(job, lambda _r: self.services.care.refresh())

    def show_history(self, assessment: str) -> None:
        self.history.show_assessment(assessment)
        self.stack.setCurrentWidget(self.history)

    def show_overview(self) -> None:
        self.stack.setCurrentWidget(self.overview)
        self.reload()

    # -- locking ----------------------------------------------------------------------------------

    def pending_saves(self) -> list[SaveJob]:
        if self.stack.currentWidget() is self.runner:
            job = self.runner.pending_save_job()
            return [job] if job is not None else []
        return []

    def clear_for_lock(self) -> None:
        self.runner.clear()
        self.result.clear()
        self.history.clear()
        self.statuses = {}
        self.stack.setCurrentWidget(self.overview)
        self._show_statuses()

    def retranslate(self) -> None:
        self.title.setText(_("Check-ins"))
        self.support_text.setText(
            _(
                "Some of your answers suggest things are hard or unsafe right now. Support is available, in "
                "confidence, whenever you want it."
            )
        )
        self.support_button.setText(_("Get help now"))
        self.amber_heading.setText(_("Before anything about reconnecting"))
        self.amber_text.setText(
            _(
                "Some of what you described, such as being put down, checked up on or kept from people, is "
                "behaviour that specialists take seriously, and it can make contact risky. You decide what happens "
                "next. If you do think about contact, choose a public place, tell a friend where you'll be, and have "
                "your own way home. A support line can talk it through with you in confidence."
            )
        )
        self.amber_read.setText(_("I've read this"))
        self.amber_help.setText(_("See support lines"))
        self.disclaimer.setText(_(DISCLAIMER))
        self._show_statuses()

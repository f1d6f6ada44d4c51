"""First contact: the readiness summary, an honest approach for a long or a short relationship, a
draft checked for respect as you write, and what happened. Goldseam never sends anything."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import contact_plan, message_check
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.assessments.runs import Run
from goldseam.domain.contact_plan import (
    APPROACH,
    HONESTY,
    INTENT_LABELS,
    LENGTH_LABELS,
    ContactOutcome,
    ContactPlan,
    Intent,
    Length,
)
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, card, centered_column, help_button, primary_button
from goldseam.ui.pages.shell_page import SaveJob
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

SAVE_DELAY_MS = 800


@dataclass(frozen=True)
class ContactContext:
    plan: ContactPlan | None
    readiness: Run | None
    respect: Run | None


def load_context(worker: VaultWorker) -> ContactContext:
    conn = worker.session.conn
    return ContactContext(contact_plan.current(conn), runs.latest(conn, "readiness"), runs.latest(conn, "respect"))


def band_label(run: Run | None) -> str:
    if run is None or run.band is None:
        return ""
    band = definitions.get(run.assessment).band(run.band)
    return _(band.label) if band else ""


class ContactPlanView(RetranslateMixin, QWidget):
    outcome_recorded = Signal(str)
    plan_meeting = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.context: ContactContext | None = None
        self.plan = ContactPlan()
        self._loading = False
        self._dirty = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        column = centered_column(self, 720)

        self.summary_box, summary_layout = card(self)
        self.summary_heading = body_label(self.summary_box, "subtitle")
        self.summary_text = body_label(self.summary_box)
        summary_layout.addWidget(self.summary_heading)
        summary_layout.addWidget(self.summary_text)

        self.approach_box, approach_layout = card(self)
        self.length_heading = body_label(self.approach_box, "subtitle")
        self.length_group = QButtonGroup(self)
        self.length_buttons: dict[Length, QRadioButton] = {}
        approach_layout.addWidget(self.length_heading)
        for length in Length:
            button = QRadioButton(self.approach_box)
            self.length_group.addButton(button)
            button.toggled.connect(self._edited)
            self.length_buttons[length] = button
            approach_layout.addWidget(button)
        self.intent_heading = body_label(self.approach_box, "subtitle")
        approach_layout.addWidget(self.intent_heading)
        self.intent_group = QButtonGroup(self)
        self.intent_buttons: dict[Intent, QRadioButton] = {}
        for intent in Intent:
            button = QRadioButton(self.approach_box)
            self.intent_group.addButton(button)
            button.toggled.connect(self._edited)
            self.intent_buttons[intent] = button
            approach_layout.addWidget(button)
        self.content = QCheckBox(self.approach_box)
        self.content.toggled.connect(self._edited)
        approach_layout.addWidget(self.content)
        self.approach_text = body_label(self.approach_box, "muted")
        approach_layout.addWidget(self.approach_text)

        self.draft_box, draft_layout = card(self)
        self.draft_heading = body_label(self.draft_box, "subtitle")
        self.draft_note = body_label(self.draft_box, "muted")
        self.draft = QPlainTextEdit(self.draft_box)
        self.draft.setMinimumHeight(110)
        self.draft.setTabChangesFocus(True)
        self.draft.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.draft.textChanged.connect(self._edited)
        self.findings = body_label(self.draft_box)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.problems = body_label(self.draft_box, "muted")
        self.respect_state = body_label(self.draft_box)
        self.respect_button = QPushButton(self.draft_box)
        self.respect_button.clicked.connect(self._respect_check)
        self.copy_button = QPushButton(self.draft_box)
        self.copy_button.clicked.connect(self._copy)
        row = QHBoxLayout()
        row.addWidget(self.respect_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        for widget in (
            self.draft_heading,
            self.draft_note,
            self.draft,
            self.findings,
            self.problems,
            self.respect_state,
        ):
            draft_layout.addWidget(widget)
        draft_layout.addLayout(row)

        self.outcome_box, outcome_layout = card(self)
        self.outcome_heading = body_label(self.outcome_box, "subtitle")
        self.outcome_note = body_label(self.outcome_box, "muted")
        self.outcome_buttons: dict[ContactOutcome, QPushButton] = {}
        outcome_row = QHBoxLayout()
        for outcome in (ContactOutcome.NO_REPLY, ContactOutcome.SAID_NO, ContactOutcome.YES):
            outcome_button = QPushButton(self.outcome_box)
            outcome_button.clicked.connect(lambda _c=False, o=outcome: self._record(o))
            self.outcome_buttons[outcome] = outcome_button
            outcome_row.addWidget(outcome_button)
        outcome_row.addStretch(1)
        outcome_layout.addWidget(self.outcome_heading)
        outcome_layout.addWidget(self.outcome_note)
        outcome_layout.addLayout(outcome_row)

        self.after_box, after_layout = card(self, "notice")
        self.after_heading = body_label(self.after_box, "subtitle")
        self.after_text = body_label(self.after_box)
        self.after_forward = primary_button(self.after_box)
        self.after_forward.clicked.connect(lambda: services.navigate("growth", None))
        self.after_help = help_button(self.after_box)
        self.after_help.clicked.connect(services.show_help)
        self.after_meet = primary_button(self.after_box)
        self.after_meet.clicked.connect(self.plan_meeting.emit)
        after_row = QHBoxLayout()
        after_row.addWidget(self.after_meet)
        after_row.addWidget(self.after_forward)
        after_row.addWidget(self.after_help)
        after_row.addStretch(1)
        after_layout.addWidget(self.after_heading)
        after_layout.addWidget(self.after_text)
        after_layout.addLayout(after_row)

        for box in (self.summary_box, self.approach_box, self.draft_box, self.outcome_box, self.after_box):
            column.addWidget(box)
        column.addStretch(1)
        services.care.changed.connect(lambda _state: self._show_state())
        self.retranslate()

    # -- loading and saving -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.services.bridge.run(load_context, self._loaded)

    def _loaded(self, context: Any) -> None:
        assert isinstance(context, ContactContext)
        if self._dirty:  # keep what is being typed; the save will catch up
            self.context = replace(context, plan=self.plan)
        else:
            self.context = context
            self.plan = context.plan or ContactPlan()
            self._fill()
        self._show_state()

    def _fill(self) -> None:
        self._loading = True
        for length, button in self.length_buttons.items():
            button.setChecked(self.plan.relationship_length is length)
        for intent, button in self.intent_buttons.items():
            button.setChecked(self.plan.intent is intent)
        self.content.setChecked(self.plan.content_with_friendship)
        if self.draft.toPlainText() != self.plan.draft:
            self.draft.setPlainText(self.plan.draft)
            self.draft.document().clearUndoRedoStacks()
        self._loading = False

    def _read_form(self) -> ContactPlan:
        length = next((k for k, b in self.length_buttons.items() if b.isChecked()), None)
        intent = next((k for k, b in self.intent_buttons.items() if b.isChecked()), None)
        return replace(
            self.plan,
            relationship_length=length,
            intent=intent,
            content_with_friendship=self.content.isChecked(),
            draft=self.draft.toPlainText(),
        )

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.plan = self._read_form()
        self._dirty = True
        self._save_timer.start()
        self._show_state()

    def _save_job(self) -> SaveJob:
        plan = self.plan

        def job(worker: VaultWorker) -> int:
            with worker.session.transaction() as conn:
                return contact_plan.save(conn, plan)

        return job

    def save_now(self) -> None:
        if not self._dirty or self.plan.closed or self.plan.agreed:
            return
        self._dirty = False
        self.services.bridge.run(self._save_job(), self._saved)

    def _saved(self, plan_id: Any) -> None:
        if self.plan.id is None:
            self.plan = replace(self.plan, id=int(plan_id))

    def pending_save_jobs(self) -> list[SaveJob]:
        if not self._dirty or self.plan.closed or self.plan.agreed:
            return []
        self._dirty = False
        return [self._save_job()]

    # -- actions ---------------------------------------------------------------------------------------------

    def _respect_check(self) -> None:
        self.save_now()
        self.services.navigate("checkins", "respect")

    def _respect_ok(self) -> bool:
        respect = self.context.respect if self.context else None
        return respect is not None and respect.band in ("ready", "almost")

    def _copy(self) -> None:
        care = self.services.care.state
        if not (care.contact_planning and care.message_copy and self._respect_ok()) or not self.plan.draft.strip():
            return
        answer = QMessageBox.question(
            self,
            _("Copy this draft?"),
            _(
                "Goldseam never sends anything. If you send it, send it once, then leave them free to answer — or not. "
                "Come back here to note what happened."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.services.clipboard.copy_text(self.plan.draft)
            self.services.show_status(_("Copied. It will be cleared from the clipboard shortly."))

    def _record(self, outcome: ContactOutcome) -> None:
        questions = {
            ContactOutcome.NO_REPLY: _(
                "No reply is an answer for now. Goldseam will close contact planning, and "
                "won't suggest writing again. Note this?"
            ),
            ContactOutcome.SAID_NO: _("Their answer stands. Goldseam will close contact planning for good. Note this?"),
            ContactOutcome.YES: _("They'd like to meet or talk. Note this and open the meeting planner?"),
        }
        if QMessageBox.question(self, _("What happened"), questions[outcome]) != QMessageBox.StandardButton.Yes:
            return
        plan = self._read_form()
        self._save_timer.stop()
        self._dirty = False

        def job(worker: VaultWorker) -> ContactPlan:
            with worker.session.transaction() as conn:
                return contact_plan.record_outcome(conn, plan, outcome)

        def done(result: Any) -> None:
            self.plan = result
            if self.context is not None:
                self.context = replace(self.context, plan=result)
            self.services.care.refresh()
            self._show_state()
            self.outcome_recorded.emit(str(outcome))

        self.services.bridge.run(job, done)

    # -- presentation -----------------------------------------------------------------------------------------

    def _show_state(self) -> None:
        care = self.services.care.state
        plan = self.plan
        context = self.context
        readiness = context.readiness if context else None
        if readiness is not None and readiness.completed_utc is not None:
            definition = definitions.get("readiness")
            band = definition.band(readiness.band or "")
            self.summary_text.setText(
                _("Readiness check, {date}: {band}.").format(
                    date=i18n.format_date(readiness.completed_utc.astimezone().date(), "medium"),
                    band=band_label(readiness),
                )
                + ("\n" + _(band.explanation) if band else "")
            )
        else:
            self.summary_text.setText(
                _(
                    "Take the readiness check first: contact planning opens when it says you're "
                    "ready, and only if the safety rules allow it."
                )
            )
        length = plan.relationship_length
        guidance = [_(line) for line in APPROACH[length]] if length else []
        self.approach_text.setText("\n".join(["• " + line for line in guidance] + [_(HONESTY)]))
        self.content.setVisible(plan.intent is Intent.FRIENDSHIP)
        found = message_check.concerns(plan.draft) if plan.draft.strip() else []
        self.findings.setVisible(bool(found))
        self.findings.setText(
            "<br><br>".join(
                f"<b>{_(message_check.CONCERN_TITLES[c])}</b><br>{_(message_check.CONCERN_GUIDANCE[c])}" for c in found
            )
        )
        problems = contact_plan.problems(plan)
        self.problems.setText("\n".join(_(p) for p in problems))
        self.problems.setVisible(bool(problems))
        respect = context.respect if context else None
        if respect is not None and respect.completed_utc is not None:
            self.respect_state.setText(
                _("Respect check, {date}: {band}").format(
                    date=i18n.format_date(respect.completed_utc.astimezone().date(), "medium"), band=band_label(respect)
                )
            )
        else:
            self.respect_state.setText(
                _(
                    "Before copying the draft, take the respect check: twelve yes-or-no "
                    "questions about the message and any meeting."
                )
            )
        open_for_drafting = care.contact_planning and not plan.closed and not plan.agreed
        for widget in (self.length_buttons.values(), self.intent_buttons.values()):
            for button in widget:
                button.setEnabled(open_for_drafting)
        self.content.setEnabled(open_for_drafting)
        self.draft.setReadOnly(not open_for_drafting)
        self.respect_button.setEnabled(open_for_drafting)
        self.copy_button.setEnabled(
            open_for_drafting and care.message_copy and self._respect_ok() and not problems and not found
        )
        self.outcome_box.setVisible(open_for_drafting and bool(plan.draft.strip()))
        self.after_box.setVisible(plan.outcome is not None)
        self._show_after(plan)

    def _show_after(self, plan: ContactPlan) -> None:
        if plan.outcome in (ContactOutcome.SAID_NO, ContactOutcome.NO_REPLY):
            self.after_heading.setText(_("You did this respectfully. That took courage."))
            self.after_text.setText(
                _(
                    "It's natural to grieve this. Their answer stands, so Goldseam has switched off contact planning; "
                    "the energy you put into this can go into your own life now. Choosing to move forward isn't "
                    "failing; it's choosing a future you get to shape."
                )
            )
            self.after_forward.setVisible(True)
            self.after_help.setVisible(True)
            self.after_meet.setVisible(False)
        elif plan.agreed:
            self.after_heading.setText(_("They'd like to meet or talk"))
            self.after_text.setText(
                _(
                    "Take it slowly. The meeting planner helps you keep it short, daytime and easy to leave, and an "
                    "expectations check helps you go in ready for any outcome."
                )
            )
            self.after_forward.setVisible(False)
            self.after_help.setVisible(False)
            self.after_meet.setVisible(True)

    def clear(self) -> None:
        self._save_timer.stop()
        self._loading = True
        self.draft.setPlainText("")
        self.draft.document().clearUndoRedoStacks()
        self._loading = False
        self._dirty = False
        self.plan = ContactPlan()
        self.context = None
        self._fill()
        self._show_state()

    def retranslate(self) -> None:
        self.summary_heading.setText(_("Where you are"))
        self.length_heading.setText(_("How long were you together?"))
        for length, button in self.length_buttons.items():
            button.setText(_(LENGTH_LABELS[length]))
        self.intent_heading.setText(_("What do you honestly hope for?"))
        for intent, button in self.intent_buttons.items():
            button.setText(_(INTENT_LABELS[intent]))
        self.content.setText(_("I'd genuinely be content with friendship alone"))
        self.draft_heading.setText(_("Your first message"))
        self.draft_note.setText(
            _("Short, honest, easy to say no to. It stays in the vault: Goldseam never sends anything.")
        )
        self.draft.setAccessibleName(_("Your first message"))
        self.draft.setPlaceholderText(_("Hi — I hope you're well. …"))
        self.respect_button.setText(_("Take the respect check"))
        self.copy_button.setText(_("Copy…"))
        self.outcome_heading.setText(_("What happened?"))
        self.outcome_note.setText(_("Note it here when you know. One message, then wait: no reply is an answer too."))
        self.outcome_buttons[ContactOutcome.NO_REPLY].setText(_("No reply"))
        self.outcome_buttons[ContactOutcome.SAID_NO].setText(_("They said no"))
        self.outcome_buttons[ContactOutcome.YES].setText(_("They'd like to meet or talk"))
        self.after_forward.setText(_("Focus on moving forward"))
        self.after_meet.setText(_("Plan the meeting"))
        self.after_help.setText(_("Get help now"))
        self._show_state()

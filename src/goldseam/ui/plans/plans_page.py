"""Plans: step 3, "reconnect, if both want it" — first contact, the meeting, ground rules.

Everything here sits behind the care state machine: the page asks ``contact_plan.access`` what
it may offer, and explains plainly when something is switched off. Moving forward is offered
on this page too, with equal weight.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from goldseam.domain import contact_plan
from goldseam.domain.care_gate import Level
from goldseam.domain.contact_plan import ContactPlan, PlanAccess
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, card, help_button, title_label
from goldseam.ui.pages.shell_page import SaveJob, ShellPage
from goldseam.ui.plans.contact_plan_view import ContactPlanView
from goldseam.ui.plans.ground_rules_view import GroundRulesView
from goldseam.ui.plans.meetup_view import MeetupView
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

CONTACT_TAB, MEETUP_TAB, RULES_TAB = range(3)


class PlansPage(ShellPage):
    key = "plans"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.plan: ContactPlan | None = None
        self.court_order = False
        layout = QVBoxLayout(self)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")
        self.gate_box, gate_layout = card(self, "notice")
        self.gate_text = body_label(self.gate_box)
        self.gate_checkins = QPushButton(self.gate_box)
        self.gate_checkins.clicked.connect(lambda: services.navigate("checkins", None))
        self.gate_reached_out = QPushButton(self.gate_box)
        self.gate_reached_out.clicked.connect(self._they_reached_out)
        self.gate_help = help_button(self.gate_box)
        self.gate_help.clicked.connect(services.show_help)
        gate_row = QHBoxLayout()
        for button in (self.gate_checkins, self.gate_reached_out, self.gate_help):
            gate_row.addWidget(button)
        gate_row.addStretch(1)
        gate_layout.addWidget(self.gate_text)
        gate_layout.addLayout(gate_row)

        self.tabs = QTabWidget(self)
        self.contact = ContactPlanView(services, self.tabs)
        self.contact.outcome_recorded.connect(lambda _o: self.reload())
        self.contact.plan_meeting.connect(lambda: self.navigate_to("meetup"))
        self.meetups = MeetupView(services, self.tabs)
        self.meetups.reflected.connect(services.care.refresh)
        self.rules = GroundRulesView(services, self.tabs)
        for view in (self.contact, self.meetups, self.rules):
            self.tabs.addTab(view, "")

        # Moving forward, with the same weight as everything above it.
        self.forward_box, forward_layout = card(self)
        self.forward_text = body_label(self.forward_box, "muted")
        self.forward_button = QPushButton(self.forward_box)
        self.forward_button.setMinimumHeight(40)
        self.forward_button.clicked.connect(lambda: services.navigate("growth", None))
        forward_row = QHBoxLayout()
        forward_row.addWidget(self.forward_text, 1)
        forward_row.addWidget(self.forward_button)
        forward_layout.addLayout(forward_row)

        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.gate_box)
        layout.addWidget(self.tabs, 100)
        layout.addWidget(self.forward_box)
        layout.addStretch(1)  # takes the room when the tabs are hidden
        services.care.changed.connect(lambda _state: self._show_access())
        self.retranslate()
        self._show_access()

    def nav_title(self) -> str:
        return _("Plans")

    # -- loading ---------------------------------------------------------------------------------------

    def vault_unlocked(self) -> None:
        self.reload()

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        def job(worker: VaultWorker) -> tuple[ContactPlan | None, bool]:
            conn = worker.session.conn
            return contact_plan.current(conn), contact_plan.court_order(conn)

        self.services.bridge.run(job, self._loaded)
        self.contact.reload()
        self.meetups.reload()
        self.rules.reload()

    def _loaded(self, result: Any) -> None:
        self.plan, self.court_order = result
        self._show_access()

    def access(self) -> PlanAccess:
        return contact_plan.access(self.services.care.state, self.plan)

    def navigate_to(self, argument: object) -> None:
        access = self.access()
        if argument == "meetup" and access.meetup:
            self.tabs.setCurrentIndex(MEETUP_TAB)
        elif isinstance(argument, tuple) and argument[0] == "reflect" and access.meetup:
            self.tabs.setCurrentIndex(MEETUP_TAB)
            self.meetups.show_reflection_for(int(argument[1]))
        elif argument == "rules" and access.ground_rules:
            self.tabs.setCurrentIndex(RULES_TAB)

    # -- the gate --------------------------------------------------------------------------------------

    def _show_access(self) -> None:
        care = self.services.care.state
        access = self.access()
        self.tabs.setTabEnabled(CONTACT_TAB, access.contact or self.plan is not None)
        self.tabs.setTabEnabled(MEETUP_TAB, access.meetup)
        self.tabs.setTabEnabled(RULES_TAB, access.ground_rules)
        any_open = access.contact or access.meetup or access.ground_rules or self.plan is not None
        self.tabs.setVisible(any_open)
        if not self.tabs.isTabEnabled(self.tabs.currentIndex()):
            for index in (CONTACT_TAB, MEETUP_TAB, RULES_TAB):
                if self.tabs.isTabEnabled(index):
                    self.tabs.setCurrentIndex(index)
                    break
        message = self._gate_message(access)
        self.gate_box.setVisible(bool(message))
        self.gate_text.setText(message)
        self.gate_checkins.setVisible(care.level in (Level.UNSCREENED, Level.SAFETY_AMBER, Level.NOT_READY))
        self.gate_reached_out.setVisible(care.level is Level.EX_BOUNDARY and not self.court_order)
        self.gate_help.setVisible(care.show_support or care.level is Level.EX_BOUNDARY)

    def _gate_message(self, access: PlanAccess) -> str:
        care = self.services.care.state
        if care.level is Level.CRISIS:
            return _(
                "Reconnecting is set aside for today. Please look after yourself first; “Get help now” has "
                "people you can talk to."
            )
        if care.level is Level.SAFETY_RED:
            return _(
                "Because your safety comes first, Goldseam doesn't help plan contact or meetings with this "
                "person. Support lines can help you think through what's safest, in confidence."
            )
        if care.level is Level.EX_BOUNDARY and self.court_order:
            return _(
                "A court order or the police are involved, so there is no contact to plan. Goldseam won't "
                "help with contact while it stands; your energy can go into your own life."
            )
        if care.level is Level.EX_BOUNDARY:
            return _(
                "Their answer stands: they've said no, asked for no contact, blocked you, or didn't reply. "
                "Goldseam respects that, so planning is switched off. If they get in touch with you "
                "themselves, you can note it here."
            )
        if care.level is Level.UNSCREENED:
            return _("Plans open after the safety check, which comes first.")
        if care.needs_interstitial:
            return _("Before anything about reconnecting, please read the safety notes on the check-ins page.")
        if not access.contact and not access.meetup and self.plan is None:
            return _(
                "Contact planning opens when the readiness check says you're ready. There's no fixed waiting "
                "time: it's about how you're doing, not the calendar."
            )
        if care.safety_framing:
            return _(
                "Because the safety check flagged something, every plan here includes the safety basics: a "
                "public place, a friend who knows, and your own way home."
            )
        return ""

    def _they_reached_out(self) -> None:
        answer = QMessageBox.question(
            self,
            _("They got in touch first?"),
            _(
                "Only note this if they contacted you themselves. Goldseam will never help reach someone who asked "
                "not to be contacted."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def job(worker: VaultWorker) -> ContactPlan | None:
            with worker.session.transaction() as conn:
                return contact_plan.they_reached_out(conn)

        def done(_result: object) -> None:
            self.services.care.refresh()
            self.reload()

        self.services.bridge.run(job, done)

    # -- locking ---------------------------------------------------------------------------------------

    def pending_saves(self) -> list[SaveJob]:
        return [*self.contact.pending_save_jobs(), *self.meetups.pending_save_jobs(), *self.rules.pending_save_jobs()]

    def clear_for_lock(self) -> None:
        self.plan = None
        self.court_order = False
        self.contact.clear()
        self.meetups.clear()
        self.rules.clear()
        self._show_access()

    def retranslate(self) -> None:
        self.title.setText(_("Plans"))
        self.intro.setText(
            _(
                "If you both want it: a calm first contact, a short and easy meeting, and ground rules for trying "
                "again. Goldseam never sends anything, and a “no” from them is final."
            )
        )
        self.tabs.setTabText(CONTACT_TAB, _("First contact"))
        self.tabs.setTabText(MEETUP_TAB, _("Meeting"))
        self.tabs.setTabText(RULES_TAB, _("Ground rules"))
        self.gate_checkins.setText(_("Open check-ins"))
        self.gate_reached_out.setText(_("They got in touch with me first"))
        self.gate_help.setText(_("Get help now"))
        self.forward_text.setText(
            _("Whatever happens here, moving forward is always open to you, and it's never failing.")
        )
        self.forward_button.setText(_("Focus on moving forward"))
        self._show_access()

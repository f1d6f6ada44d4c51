"""Your path: the decision dashboard. Where you are on the three steps, what the latest
check-ins say, open issues, evidence of change, space and growth, and one next small step.

Results are words, never a percentage, and the two ways forward share one row and one style.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from goldseam import i18n
from goldseam.domain import decision_overview
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.care_gate import CareState
from goldseam.domain.decision_overview import NextStep, Overview, StepStatus
from goldseam.i18n import N_, _, ngettext
from goldseam.ui.building_blocks import body_label, card, centered_column, primary_button, title_label
from goldseam.ui.checkins.result_view import DISCLAIMER
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.services import AppServices
from goldseam.ui.two_paths import TwoPaths
from goldseam.vault_worker import VaultWorker

STEP_TITLES = (
    N_("1. Work on yourself"),
    N_("2. Understand and decide"),
    N_("3. Reconnect, if you both want to"),
)
STEP_SUMMARIES = (
    N_("Space, self-care and growth: for you, whatever happens."),
    N_("Why it ended, what could change, and what you really want."),
    N_("A calm first contact and a simple meeting, only if it's safe and mutual."),
)
STATUS_LABELS = {
    StepStatus.NOW: N_("You are here"),
    StepStatus.VISITED: N_("Open any time"),
    StepStatus.LATER: N_("Later, if it fits"),
    StepStatus.CLOSED: N_("Switched off"),
}


def next_step_text(step: NextStep) -> str:
    title = _(step.title) if step.title_is_source and step.title else step.title
    return _(step.text).replace("{title}", title)


class DashboardPage(ShellPage):
    key = "dashboard"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.overview: Overview | None = None
        column = centered_column(self, 760)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")

        path_row = QGridLayout()
        self.step_boxes = []
        for i in range(3):
            box, box_layout = card(self)
            heading = body_label(box, "subtitle")
            summary = body_label(box, "muted")
            status = body_label(box)
            for widget in (heading, summary, status):
                box_layout.addWidget(widget)
            box_layout.addStretch(1)
            path_row.addWidget(box, 0, i)
            path_row.setColumnStretch(i, 1)
            self.step_boxes.append((box, heading, summary, status))

        self.next_box, next_layout = card(self, "notice")
        self.next_heading = body_label(self.next_box, "subtitle")
        self.next_text = body_label(self.next_box)
        self.next_go = primary_button(self.next_box)
        self.next_go.clicked.connect(self._go_next)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_go)
        next_row.addStretch(1)
        next_layout.addWidget(self.next_heading)
        next_layout.addWidget(self.next_text)
        next_layout.addLayout(next_row)

        self.paths_box = TwoPaths(services, self)

        details = QGridLayout()
        self.checks_box, checks_layout = card(self)
        self.checks_heading = body_label(self.checks_box, "subtitle")
        self.checks_text = body_label(self.checks_box)
        self.checks_text.setTextFormat(Qt.TextFormat.RichText)
        self.checks_open = QPushButton(self.checks_box)
        self.checks_open.clicked.connect(lambda: services.navigate("checkins", None))
        checks_layout.addWidget(self.checks_heading)
        checks_layout.addWidget(self.checks_text)
        checks_layout.addWidget(self.checks_open)
        checks_layout.addStretch(1)
        self.issues_box, issues_layout = card(self)
        self.issues_heading = body_label(self.issues_box, "subtitle")
        self.issues_text = body_label(self.issues_box)
        self.change_heading = body_label(self.issues_box, "subtitle")
        self.change_text = body_label(self.issues_box)
        for widget in (self.issues_heading, self.issues_text, self.change_heading, self.change_text):
            issues_layout.addWidget(widget)
        issues_layout.addStretch(1)
        self.life_box, life_layout = card(self)
        self.life_heading = body_label(self.life_box, "subtitle")
        self.space_text = body_label(self.life_box)
        self.growth_text = body_label(self.life_box)
        for widget in (self.life_heading, self.space_text, self.growth_text):
            life_layout.addWidget(widget)
        life_layout.addStretch(1)
        details.addWidget(self.checks_box, 0, 0, 2, 1)
        details.addWidget(self.issues_box, 0, 1)
        details.addWidget(self.life_box, 1, 1)
        details.setColumnStretch(0, 1)
        details.setColumnStretch(1, 1)

        self.disclaimer = body_label(self, "muted")
        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addLayout(path_row)
        column.addWidget(self.next_box)
        column.addWidget(self.paths_box)
        column.addLayout(details)
        column.addWidget(self.disclaimer)
        column.addStretch(1)
        services.care.changed.connect(lambda _state: self.reload())
        self.retranslate()

    def nav_title(self) -> str:
        return _("Your path")

    def vault_unlocked(self) -> None:
        self.reload()

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        if not self.isVisible() and self.overview is not None:
            return
        care = self.services.care.state

        def job(worker: VaultWorker) -> Overview:
            return decision_overview.build(worker.session.conn, care, date.today())

        self.services.bridge.run(job, self._loaded)

    def _loaded(self, overview: Any) -> None:
        assert isinstance(overview, Overview)
        self.overview = overview
        self._show()

    def _go_next(self) -> None:
        if self.overview is None:
            return
        step = self.overview.next_step
        if step.target == "help":
            self.services.show_help()
        else:
            self.services.navigate(step.target, step.argument)

    # -- showing ----------------------------------------------------------------------------------

    def _show(self) -> None:
        overview = self.overview
        for i, (box, heading, summary, status) in enumerate(self.step_boxes):
            heading.setText(_(STEP_TITLES[i]))
            summary.setText(_(STEP_SUMMARIES[i]))
            state = overview.steps[i] if overview else StepStatus.LATER
            status.setText(_(STATUS_LABELS[state]))
            box.setProperty("role", "notice" if state is StepStatus.NOW else "card")
            box.style().unpolish(box)
            box.style().polish(box)
            box.setAccessibleName(f"{_(STEP_TITLES[i])}: {_(STATUS_LABELS[state])}")
        if overview is None:
            for label in (
                self.next_text,
                self.checks_text,
                self.issues_text,
                self.change_text,
                self.space_text,
                self.growth_text,
            ):
                label.clear()
            return
        self.next_text.setText(next_step_text(overview.next_step))
        self.next_go.setText(_("Get help now") if overview.next_step.target == "help" else _("Go there"))
        self._show_paths(overview.care)
        self._show_checks(overview)
        self._show_issues(overview)
        self._show_life(overview)

    def _show_paths(self, care: CareState) -> None:
        closed_by = None if care.reunion_coaching else care.level
        self.paths_box.show_paths(closed_by, care.primary_path == "move_forward", care.show_support)

    def _show_checks(self, overview: Overview) -> None:
        blocks = []
        for check in overview.checks:
            if check.band_label and check.completed_utc:
                when = i18n.format_date(check.completed_utc.astimezone().date(), "medium")
                state = _("{band}, {date}").format(band=_(check.band_label), date=when)
            elif check.in_progress:
                state = _("Started, not finished")
            else:
                state = _("Not taken yet")
            blocks.append(f"<b>{html.escape(_(check.title))}</b><br>{html.escape(state)}")
        self.checks_text.setText("<br>".join(blocks))

    def _show_issues(self, overview: Overview) -> None:
        if overview.open_issues:
            self.issues_text.setText(
                "\n".join(f"• {_(issue.label)}: {_(issue.tag_label)}" for issue in overview.open_issues)
            )
        elif any(c.assessment == "reasons" and c.completed_utc for c in overview.checks):
            self.issues_text.setText(_("Nothing marked as hard or unclear in your latest map of why it ended."))
        else:
            self.issues_text.setText(
                _("Take “{title}” to map which issues look workable and which don't.").format(
                    title=_(definitions.get("reasons").title)
                )
            )
        if overview.change_band is None:
            self.change_text.setText(
                _("Not looked at yet. “{title}” weighs what you've actually seen.").format(
                    title=_(definitions.get("changed").title)
                )
            )
        else:
            parts = [_(overview.change_band)]
            if overview.change_evidence is not None:
                parts.append(
                    _("Changes you've seen: {value} of 18").format(value=i18n.format_decimal(overview.change_evidence))
                )
            if overview.change_warnings:
                parts.append(
                    _("Warning signs: {value} of 4").format(value=i18n.format_decimal(overview.change_warnings))
                )
            self.change_text.setText("\n".join(parts))

    def _show_life(self, overview: Overview) -> None:
        summary = overview.space
        if summary.period is None:
            self.space_text.setText(_("No period of space started. Space helps you heal, whatever you decide."))
        else:
            self.space_text.setText(
                ngettext(
                    "Taking space since {date}: {count} day you looked after yourself.",
                    "Taking space since {date}: {count} days you looked after yourself.",
                    summary.days_cared_for,
                ).format(date=i18n.format_date(summary.period.started_on, "medium"), count=summary.days_cared_for)
            )
        if overview.goals_active == 0:
            self.growth_text.setText(_("No growth goals yet. One small goal for yourself is a good start."))
        else:
            self.growth_text.setText(
                ngettext(
                    "{done} of {total} growth steps done across {count} goal.",
                    "{done} of {total} growth steps done across {count} goals.",
                    overview.goals_active,
                ).format(done=overview.steps_done, total=overview.steps_total, count=overview.goals_active)
            )

    def clear_for_lock(self) -> None:
        self.overview = None
        self._show()

    def retranslate(self) -> None:
        self.title.setText(_("Your path"))
        self.intro.setText(
            _(
                "Where you are on the three steps, and what your check-ins say so far. This is a decision aid: it "
                "helps you weigh things, it doesn't predict anything, and only you can decide."
            )
        )
        self.next_heading.setText(_("A next small step"))
        self.paths_box.heading.setText(_("Two ways forward"))
        self.checks_heading.setText(_("Latest check-ins"))
        self.checks_open.setText(_("Open check-ins"))
        self.issues_heading.setText(_("Open issues"))
        self.change_heading.setText(_("Evidence of change"))
        self.life_heading.setText(_("Space and growth"))
        self.disclaimer.setText(_(DISCLAIMER))
        self._show()

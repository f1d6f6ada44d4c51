"""Today: where Goldseam opens after unlocking — a question for today, the next small step,
recent mood, space from the ex, and anything waiting to be re-read."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from goldseam import i18n
from goldseam.domain import goals, prompts, space, today
from goldseam.domain.journal import KIND_LABELS, EntryKind
from goldseam.domain.today import TodayInfo
from goldseam.i18n import _, ngettext
from goldseam.ui.building_blocks import (
    body_label,
    card,
    centered_column,
    help_button,
    link_button,
    primary_button,
    title_label,
)
from goldseam.ui.mood_colors import is_dark, mood_color, paint_line_chart
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker


class MoodSparkline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[float | None] = []
        self.setMinimumHeight(70)

    def sizeHint(self) -> QSize:
        return QSize(320, 80)

    def set_values(self, values: list[float | None]) -> None:
        self._values = values
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(6, 8, -6, -8)
        known = [v for v in self._values if v is not None]
        color = (
            mood_color(sum(known) / len(known), is_dark(self))
            if known
            else self.palette().color(QPalette.ColorRole.Accent)
        )
        paint_line_chart(painter, rect, self._values, 1, 5, color, self.palette().color(QPalette.ColorRole.Mid))
        painter.end()


def _load(worker: VaultWorker) -> TodayInfo:
    return today.today_info(worker.session.conn, date.today())


class TodayPage(ShellPage):
    key = "today"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._info: TodayInfo | None = None
        widget: QWidget
        column = centered_column(self, 720)
        self.title = title_label(self)
        self.date_label = body_label(self, "muted")

        self.prompt_card, layout = card(self)
        self.prompt_heading = body_label(self.prompt_card, "subtitle")
        self.prompt_kind = body_label(self.prompt_card, "muted")
        self.prompt_text = body_label(self.prompt_card)
        self.write = primary_button(self.prompt_card)
        self.write.clicked.connect(self._write)
        self.free = link_button(self.prompt_card)
        self.free.clicked.connect(lambda: self.services.navigate("journal", EntryKind.FREE))
        row = QHBoxLayout()
        row.addWidget(self.free, 1)
        row.addWidget(self.write)
        for widget in (self.prompt_heading, self.prompt_kind, self.prompt_text):
            layout.addWidget(widget)
        layout.addLayout(row)

        self.rumination_card, layout = card(self, "notice")
        self.rumination_text = body_label(self.rumination_card)
        self.activities = body_label(self.rumination_card)
        layout.addWidget(self.rumination_text)
        layout.addWidget(self.activities)

        self.step_card, layout = card(self)
        self.step_heading = body_label(self.step_card, "subtitle")
        self.step_text = body_label(self.step_card)
        self.step_done = QPushButton(self.step_card)
        self.step_done.clicked.connect(self._step_done)
        self.set_goal = link_button(self.step_card)
        self.set_goal.clicked.connect(lambda: self.services.navigate("growth", "new"))
        row = QHBoxLayout()
        row.addWidget(self.set_goal, 1)
        row.addWidget(self.step_done)
        layout.addWidget(self.step_heading)
        layout.addWidget(self.step_text)
        layout.addLayout(row)

        self.mood_card, layout = card(self)
        self.mood_heading = body_label(self.mood_card, "subtitle")
        self.mood_chart = MoodSparkline(self.mood_card)
        self.mood_note = body_label(self.mood_card, "muted")
        for widget in (self.mood_heading, self.mood_chart, self.mood_note):
            layout.addWidget(widget)

        self.space_card, layout = card(self)
        self.space_heading = body_label(self.space_card, "subtitle")
        self.space_text = body_label(self.space_card)
        self.cared_today = QCheckBox(self.space_card)
        self.cared_today.clicked.connect(self._cared_today)
        self.urge_button = QPushButton(self.space_card)
        self.urge_button.clicked.connect(lambda: self.services.navigate("space", "urge"))
        self.contact_button = QPushButton(self.space_card)
        self.contact_button.clicked.connect(lambda: self.services.navigate("space", "contact"))
        self.start_space = QPushButton(self.space_card)
        self.start_space.clicked.connect(lambda: self.services.navigate("space", "start"))
        row = QHBoxLayout()
        row.addWidget(self.urge_button)
        row.addWidget(self.contact_button)
        row.addWidget(self.start_space)
        row.addStretch(1)
        for widget in (self.space_heading, self.space_text, self.cared_today):
            layout.addWidget(widget)
        layout.addLayout(row)

        self.reread_card, layout = card(self, "notice")
        self.reread_text = body_label(self.reread_card)
        self.reread_button = QPushButton(self.reread_card)
        self.reread_button.clicked.connect(lambda: self.services.navigate("space", "messages"))
        layout.addWidget(self.reread_text)
        layout.addWidget(self.reread_button)

        self.recheck_card, layout = card(self, "notice")
        self.recheck_text = body_label(self.recheck_card)
        self.recheck_button = primary_button(self.recheck_card)
        self.recheck_button.clicked.connect(lambda: self.services.navigate("checkins", "wellbeing"))
        self.recheck_help = help_button(self.recheck_card)
        self.recheck_help.clicked.connect(self.services.show_help)
        row = QHBoxLayout()
        row.addWidget(self.recheck_button)
        row.addWidget(self.recheck_help)
        row.addStretch(1)
        layout.addWidget(self.recheck_text)
        layout.addLayout(row)

        for widget in (
            self.title,
            self.date_label,
            self.recheck_card,
            self.reread_card,
            self.rumination_card,
            self.prompt_card,
            self.step_card,
            self.mood_card,
            self.space_card,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        self.retranslate()
        self._show()

    # -- ShellPage ------------------------------------------------------------------------------

    def nav_title(self) -> str:
        return _("Today")

    def vault_unlocked(self) -> None:
        self.refresh()

    def page_shown(self) -> None:
        self.refresh()

    def clear_for_lock(self) -> None:
        self._info = None
        self._show()

    def refresh(self) -> None:
        self.services.bridge.run(_load, self._loaded)

    def _loaded(self, info: Any) -> None:
        self._info = info
        self._show()

    # -- actions ------------------------------------------------------------------------------------

    def _write(self) -> None:
        if self._info is not None:
            self.services.navigate("journal", self._info.prompt)

    def _step_done(self) -> None:
        if self._info is None or self._info.next_step is None:
            return
        step_id = self._info.next_step[1].id

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                goals.set_step_done(conn, step_id or 0, date.today())

        self.services.bridge.run(job, self._step_marked)

    def _step_marked(self, _result: object) -> None:
        self.services.show_status(_("Step done. Well done."))
        self.refresh()

    def _cared_today(self, checked: bool) -> None:
        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                space.set_cared_for(conn, date.today(), checked)

        self.services.bridge.run(job, lambda _r: self.refresh())

    # -- presentation ----------------------------------------------------------------------------

    def _show(self) -> None:
        info = self._info
        loaded = info is not None
        for widget in (self.prompt_card, self.step_card, self.mood_card, self.space_card):
            widget.setVisible(loaded)
        self.rumination_card.setVisible(loaded and info.rumination is not None)  # type: ignore[union-attr]
        self.reread_card.setVisible(loaded and info.messages_to_reread > 0)  # type: ignore[union-attr]
        self.recheck_card.setVisible(loaded and info.recheck_after_crisis)  # type: ignore[union-attr]
        self.date_label.setText(i18n.format_date(date.today(), "full"))
        if info is None:
            self.mood_chart.set_values([])
            return
        self.prompt_kind.setText(_(KIND_LABELS[info.prompt.kind]))
        self.prompt_text.setText(info.prompt.text)
        if info.rumination is not None:
            library = prompts.library()
            self.activities.setText("\n".join("• " + activity.text for activity in library.activities[:4]))
        if info.next_step is not None:
            goal, step = info.next_step
            self.step_text.setText(_("{step} — for “{goal}”").format(step=step.title, goal=goal.title))
        else:
            self.step_text.setText(
                _("Small steps in your own life — work, hobbies, health, friends — rebuild a sense of who you are.")
            )
        self.step_done.setVisible(info.next_step is not None)
        self.set_goal.setText(_("See your goals") if info.goals_count else _("Set a first goal"))
        days = [date.today() - timedelta(days=offset) for offset in range(today.MOOD_DAYS - 1, -1, -1)]
        moods = dict(info.moods)
        values: list[float | None] = [moods.get(day) for day in days]
        self.mood_chart.set_values(values)
        noted = [v for v in values if v is not None]
        self.mood_chart.setVisible(bool(noted))
        self.mood_note.setText(
            _("No mood noted in the last two weeks. You can note one with any journal entry.")
            if not noted
            else _("Your mood over the last two weeks, from the moods you noted.")
        )
        self.mood_chart.setAccessibleDescription(
            ", ".join(f"{i18n.format_date(d, 'short')}: {i18n.format_decimal(round(v, 1))}" for d, v in moods.items())
        )
        self._show_space(info.space)
        self.reread_text.setText(
            ngettext(
                "An unsent message has finished cooling off. How does it read now?",
                "{count} unsent messages have finished cooling off. How do they read now?",
                info.messages_to_reread,
            ).format(count=info.messages_to_reread)
        )

    def _show_space(self, summary: space.SpaceSummary) -> None:
        started = summary.period is not None
        self.cared_today.setVisible(started)
        self.urge_button.setVisible(started)
        self.contact_button.setVisible(started)
        self.start_space.setVisible(not started)
        if summary.period is None:
            self.space_text.setText(
                _(
                    "Time apart gives you room to heal and respects their space too. It isn't a tactic to make "
                    "anyone miss you — and it may even make getting back together less likely. It's for you."
                )
            )
            return
        self.space_text.setText(
            ngettext(
                "Since {date}, you've looked after yourself on {count} day.",
                "Since {date}, you've looked after yourself on {count} days.",
                summary.days_cared_for,
            ).format(date=i18n.format_date(summary.period.started_on, "long"), count=summary.days_cared_for)
        )
        self.cared_today.setChecked(summary.cared_today)

    def retranslate(self) -> None:
        self.title.setText(_("Today"))
        self.prompt_heading.setText(_("A question for today"))
        self.write.setText(_("Write about this"))
        self.free.setText(_("Or write freely"))
        self.rumination_text.setText(
            _(
                "You've written a lot about “why” in the last few days. Going over it again and again tends to keep "
                "the hurt fresh. Today, something different might help more:"
            )
        )
        self.step_heading.setText(_("Your next small step"))
        self.step_done.setText(_("Done"))
        self.mood_heading.setText(_("Recent mood"))
        self.space_heading.setText(_("Space from your ex"))
        self.cared_today.setText(_("I looked after myself today"))
        self.urge_button.setText(_("I have an urge to contact them"))
        self.contact_button.setText(_("Note contact that happened"))
        self.start_space.setText(_("Start taking space"))
        self.reread_button.setText(_("Re-read it now"))
        self.recheck_text.setText(
            _(
                "Recently, things felt very hard. How are you doing today? A short check-in can help, and support "
                "is there whenever you want it."
            )
        )
        self.recheck_button.setText(_("Check in now"))
        self.recheck_help.setText(_("Get help now"))
        self._show()

"""A check-in's result: the band in plain words, notes, next steps, and two equally weighted
paths — explore reconnecting, or focus on moving forward — unless safety rules one out."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from goldseam.domain.assessments.definition import Definition
from goldseam.domain.assessments.evaluation import Outcome
from goldseam.domain.care_gate import CareState, Level
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, card, centered_column, help_button, title_label
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices

DISCLAIMER = (
    "Goldseam is a private reflection tool, not therapy or medical care. Its check-ins can't diagnose anything or "
    "predict what another person will do. Only you can decide."
)


def explanation_text(outcome: Outcome) -> str:
    text = _(outcome.band.explanation)
    if "{concerns}" in text:
        concerns = ", ".join(_(c) for c in outcome.concerns) or _("some of your answers")
        text = text.replace("{concerns}", concerns)
    return text


class ResultView(RetranslateMixin, QWidget):
    back_requested = Signal()
    history_requested = Signal(str)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.definition: Definition | None = None
        self.outcome: Outcome | None = None
        column = centered_column(self, 700)
        self.assessment_title = body_label(self, "muted")
        self.band = title_label(self)
        self.explanation = body_label(self)
        self.help_box, help_layout = card(self, "notice")
        self.help_text = body_label(self.help_box)
        self.help_button = help_button(self.help_box)
        self.help_button.clicked.connect(services.show_help)
        help_layout.addWidget(self.help_text)
        help_layout.addWidget(self.help_button)
        self.notes_box, notes_layout = card(self)
        self.notes = body_label(self.notes_box)
        notes_layout.addWidget(self.notes)
        self.steps_box, steps_layout = card(self)
        self.steps_heading = body_label(self.steps_box, "subtitle")
        self.steps = body_label(self.steps_box)
        steps_layout.addWidget(self.steps_heading)
        steps_layout.addWidget(self.steps)
        self.paths_box, paths_layout = card(self)
        self.paths_heading = body_label(self.paths_box, "subtitle")
        self.paths_note = body_label(self.paths_box, "muted")
        # The two paths share one style and one row: neither is the "right" answer.
        self.reconnect = QPushButton(self.paths_box)
        self.move_forward = QPushButton(self.paths_box)
        for button in (self.reconnect, self.move_forward):
            button.setMinimumHeight(40)
        self.reconnect.clicked.connect(lambda: services.navigate("plans", "reconnect"))
        self.move_forward.clicked.connect(lambda: services.navigate("growth", None))
        row = QHBoxLayout()
        row.addWidget(self.reconnect, 1)
        row.addWidget(self.move_forward, 1)
        self.not_offered = body_label(self.paths_box, "muted")
        paths_layout.addWidget(self.paths_heading)
        paths_layout.addWidget(self.paths_note)
        paths_layout.addLayout(row)
        paths_layout.addWidget(self.not_offered)
        self.attribution = body_label(self, "muted")
        self.disclaimer = body_label(self, "muted")
        self.back = QPushButton(self)
        self.back.clicked.connect(self.back_requested.emit)
        self.history = QPushButton(self)
        self.history.clicked.connect(lambda: self.history_requested.emit(self.definition.id if self.definition else ""))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.history)
        buttons.addStretch(1)
        for widget in (
            self.assessment_title,
            self.band,
            self.explanation,
            self.help_box,
            self.notes_box,
            self.steps_box,
            self.paths_box,
            self.attribution,
            self.disclaimer,
        ):
            column.addWidget(widget)
        column.addLayout(buttons)
        column.addStretch(1)
        services.care.changed.connect(lambda _state: self._show_paths())
        self.retranslate()

    def show_outcome(self, definition: Definition, outcome: Outcome) -> None:
        self.definition = definition
        self.outcome = outcome
        self._show()

    def _show(self) -> None:
        definition, outcome = self.definition, self.outcome
        if definition is None or outcome is None:
            return
        self.assessment_title.setText(_(definition.title))
        self.band.setText(_(outcome.band.label))
        self.explanation.setText(explanation_text(outcome))
        safety = outcome.band.primary_path == "safety" or any(n.kind in ("safety", "help") for n in outcome.notes)
        self.help_box.setVisible(safety)
        self.help_text.setText(
            _("Support is available now, in confidence. “Get help now” has numbers for your country.")
        )
        self.notes_box.setVisible(bool(outcome.notes))
        self.notes.setText("\n\n".join(_(n.text) for n in outcome.notes))
        self.steps_box.setVisible(bool(outcome.band.next_steps))
        self.steps.setText("\n".join("• " + _(step) for step in outcome.band.next_steps))
        self.attribution.setText(_(definition.attribution))
        self._show_paths()

    def _show_paths(self) -> None:
        if self.outcome is None:
            return
        state: CareState = self.services.care.state
        closed_by_result = self.outcome.band.primary_path in ("safety", "boundary")
        reconnect_possible = state.reunion_coaching and not closed_by_result
        self.reconnect.setVisible(reconnect_possible)
        self.not_offered.setVisible(not reconnect_possible)
        if not reconnect_possible:
            level = state.level
            if self.outcome.band.primary_path == "boundary" and level not in (Level.CRISIS, Level.SAFETY_RED):
                level = Level.EX_BOUNDARY
            elif self.outcome.band.primary_path == "safety" and level not in (Level.CRISIS, Level.SAFETY_RED):
                # This result itself rules reconnecting out, even before the care state catches up.
                level = Level.CRISIS if self.outcome.band.id == "crisis" else Level.SAFETY_RED
            self.not_offered.setText(self._why_not(level))
        leaning = self.outcome.band.primary_path == "move_forward" or state.primary_path == "move_forward"
        if not reconnect_possible:
            note = _("Choosing to move forward isn't failing; it's choosing a future you get to shape.")
        elif leaning:
            note = _(
                "From your answers, focusing on moving forward may serve you best right now. Both paths stay open to "
                "you; this is a suggestion, not a verdict."
            )
        else:
            note = _("Both are real options. Neither is failing.")
        self.paths_note.setText(note)

    @staticmethod
    def _why_not(level: Level) -> str:
        reasons = {
            Level.CRISIS: _("Reconnecting is set aside for today. Please look after yourself first."),
            Level.SAFETY_RED: _(
                "Because your safety comes first, Goldseam doesn't coach reconnecting with this person. "
                "If you choose contact anyway, “Get help now” has ways to do it more safely."
            ),
            Level.EX_BOUNDARY: _(
                "They've asked for no contact, or their answer is clear. Goldseam respects that, and "
                "so the planning tools are switched off."
            ),
            Level.UNSCREENED: _("Reconnecting tools open after the safety check, which comes first."),
            Level.SAFETY_AMBER: _(
                "Before any planning about reconnecting, please read the safety notes on the check-ins page."
            ),
        }
        return reasons.get(level, _("Reconnecting tools aren't available right now."))

    def clear(self) -> None:
        self.definition = None
        self.outcome = None
        for label in (self.assessment_title, self.band, self.explanation, self.notes, self.steps, self.attribution):
            label.clear()

    def retranslate(self) -> None:
        self.steps_heading.setText(_("What might help next"))
        self.paths_heading.setText(_("Where would you like to go from here?"))
        self.reconnect.setText(_("Explore reconnecting"))
        self.move_forward.setText(_("Focus on moving forward"))
        self.help_button.setText(_("Get help now"))
        self.disclaimer.setText(_(DISCLAIMER))
        self.back.setText(_("Back to check-ins"))
        self.history.setText(_("History and trends"))
        self._show()

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
from goldseam.ui.two_paths import TwoPaths

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
        self.paths_box = TwoPaths(services, self)
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
        band = self.outcome.band
        closed_by: Level | None = None if state.reunion_coaching else state.level
        if band.primary_path in ("safety", "boundary") and state.level not in (Level.CRISIS, Level.SAFETY_RED):
            # This result itself rules reconnecting out, even before the care state catches up.
            if band.primary_path == "boundary":
                closed_by = Level.EX_BOUNDARY
            else:
                closed_by = Level.CRISIS if band.id == "crisis" else Level.SAFETY_RED
        leaning = band.primary_path == "move_forward" or state.primary_path == "move_forward"
        self.paths_box.show_paths(closed_by, leaning)

    def clear(self) -> None:
        self.definition = None
        self.outcome = None
        for label in (self.assessment_title, self.band, self.explanation, self.notes, self.steps, self.attribution):
            label.clear()

    def retranslate(self) -> None:
        self.steps_heading.setText(_("What might help next"))
        self.paths_box.heading.setText(_("Where would you like to go from here?"))
        self.help_button.setText(_("Get help now"))
        self.disclaimer.setText(_(DISCLAIMER))
        self.back.setText(_("Back to check-ins"))
        self.history.setText(_("History and trends"))
        self._show()

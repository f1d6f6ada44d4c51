"""The two ways forward, offered together wherever a result or the dashboard is shown:
"Explore reconnecting" and "Focus on moving forward" share one row and one style, because
neither is the right answer. When the care state (or the result itself) rules reconnecting out,
only moving forward shows, with the reason in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from goldseam.domain.care_gate import Level
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, help_button
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices


def why_not(level: Level) -> str:
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


class TwoPaths(RetranslateMixin, QFrame):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self._closed_by: Level | None = None
        self._leaning = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(10)
        self.heading = body_label(self, "subtitle")
        self.note = body_label(self, "muted")
        self.reconnect = QPushButton(self)
        self.move_forward = QPushButton(self)
        for button in (self.reconnect, self.move_forward):
            button.setMinimumHeight(40)
        self.reconnect.clicked.connect(lambda: services.navigate("plans", "reconnect"))
        self.move_forward.clicked.connect(lambda: services.navigate("growth", None))
        row = QHBoxLayout()
        row.addWidget(self.reconnect, 1)
        row.addWidget(self.move_forward, 1)
        self.not_offered = body_label(self, "muted")
        self.support = help_button(self)
        self.support.clicked.connect(services.show_help)
        self.support.hide()
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.not_offered)
        layout.addWidget(self.support)
        self.retranslate()

    def show_paths(self, closed_by: Level | None, leaning: bool, show_support: bool = False) -> None:
        """``closed_by``: why reconnecting isn't offered (None: both paths are open).
        ``leaning``: the check-ins suggest moving forward may serve the user best."""
        self._closed_by = closed_by
        self._leaning = leaning
        self.support.setVisible(show_support)
        self._show()

    def _show(self) -> None:
        closed = self._closed_by is not None
        self.reconnect.setVisible(not closed)
        self.not_offered.setVisible(closed)
        if self._closed_by is not None:
            self.not_offered.setText(why_not(self._closed_by))
            self.note.setText(_("Choosing to move forward isn't failing; it's choosing a future you get to shape."))
        elif self._leaning:
            self.note.setText(
                _(
                    "From your answers, focusing on moving forward may serve you best right now. Both paths stay open "
                    "to you; this is a suggestion, not a verdict."
                )
            )
        else:
            self.note.setText(_("Both are real options. Neither is failing."))

    def retranslate(self) -> None:
        self.reconnect.setText(_("Explore reconnecting"))
        self.move_forward.setText(_("Focus on moving forward"))
        self.support.setText(_("Get help now"))
        self._show()

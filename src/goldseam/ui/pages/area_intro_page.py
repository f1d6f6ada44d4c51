"""A page for an area whose tools are not built yet: says plainly what will be there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from goldseam.ui.building_blocks import body_label, centered_column, title_label
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.services import AppServices


class AreaIntroPage(ShellPage):
    def __init__(
        self, services: AppServices, title: Callable[[], str], text: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self._title = title
        self._text = text
        column = centered_column(self, 640)
        self.heading = title_label(self)
        self.body = body_label(self, "muted")
        column.addWidget(self.heading)
        column.addWidget(self.body)
        column.addStretch(1)
        self.retranslate()

    def nav_title(self) -> str:
        return self._title()

    def retranslate(self) -> None:
        self.heading.setText(self._title())
        self.body.setText(self._text())

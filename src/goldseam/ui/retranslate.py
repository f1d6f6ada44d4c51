"""Live language switching: widgets re-set their texts on ``QEvent.LanguageChange``."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class RetranslateMixin:
    """Put first in the bases of a QWidget subclass and implement ``retranslate``.

    ``retranslate`` must set every user-visible text of the widget (and is also called by
    the widget's own ``__init__``), so switching the language in Settings updates the whole
    window without a restart.
    """

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

"""The care state for this unlocked session, shared by every page that offers anything about
reconnecting. Pages call ``refresh()`` after something changes and listen to ``changed``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from goldseam.domain import care_gate
from goldseam.domain.care_gate import LAST_CRISIS_SETTING, CareInputs, CareState
from goldseam.ui.vault_bridge import VaultBridge
from goldseam.vault_worker import VaultWorker


class CareSession(QObject):
    changed = Signal(object)  # CareState

    def __init__(self, bridge: VaultBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.crisis_this_session = False
        self.state: CareState = care_gate.decide(CareInputs())

    def refresh(self) -> None:
        crisis = self.crisis_this_session

        def job(worker: VaultWorker) -> CareState:
            return care_gate.decide(care_gate.gather(worker.session.conn, crisis))

        self.bridge.run(job, self._got)

    def _got(self, state: Any) -> None:
        self.state = state
        self.changed.emit(state)

    def set_crisis(self) -> None:
        """A crisis answer: reconnecting is set aside for the rest of this session."""
        self.crisis_this_session = True
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
        self.bridge.run(lambda w: w.session.set_vault_setting(LAST_CRISIS_SETTING, stamp), lambda _r: self.refresh())

    def reset(self) -> None:
        """Locking ends the session."""
        self.crisis_this_session = False
        self.state = care_gate.decide(CareInputs())

"""A dialog that runs one vault job with a progress note and a specific error message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from goldseam.ui.building_blocks import BusyNote, body_label
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.vault_bridge import VaultBridge
from goldseam.vault.errors import VaultError
from goldseam.vault_worker import VaultWorker


class JobDialog(RetranslateMixin, QDialog):
    # True while a job runs: the app defers locking until key changes finish.
    running_changed = Signal(bool)

    def __init__(self, bridge: VaultBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.setModal(True)
        self.busy = BusyNote(self)
        self.error = body_label(self, "error")
        self.error.hide()
        self._running = False
        bridge.progress.connect(self._on_progress)

    @property
    def running(self) -> bool:
        return self._running

    def _on_progress(self, message: str) -> None:
        if self._running:
            self.busy.update_message(message)

    def set_inputs_enabled(self, enabled: bool) -> None:
        """Subclasses enable or disable their inputs here."""

    def run_job(
        self,
        job: Callable[[VaultWorker], Any],
        message: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[VaultError], None] | None = None,
        *,
        any_epoch: bool = False,
    ) -> None:
        self._running = True
        self.running_changed.emit(True)
        self.error.hide()
        self.busy.start(message)
        self.set_inputs_enabled(False)

        def done(result: Any) -> None:
            self._finish()
            on_done(result)

        def failed(error: VaultError) -> None:
            self._finish()
            if on_error is not None:
                on_error(error)
            else:
                self.show_error(error.user_message())

        self.bridge.run(job, done, failed, any_epoch=any_epoch)

    def _finish(self) -> None:
        self._running = False
        self.running_changed.emit(False)
        self.busy.stop()
        self.set_inputs_enabled(True)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

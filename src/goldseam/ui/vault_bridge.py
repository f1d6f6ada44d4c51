"""Runs jobs on the vault worker thread and delivers their results on the GUI thread.

Views call ``bridge.run(job, on_done, on_error)`` and return immediately; ``job`` receives
the ``VaultWorker`` on its own thread. Results of jobs submitted before a lock are dropped
(their ``epoch`` is stale), so nothing from a locked session can reach a view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from goldseam.vault.errors import VaultError, as_vault_error
from goldseam.vault_worker import VaultLocked, VaultWorker

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Delivery:
    __slots__ = ("epoch", "error", "on_done", "on_error", "result")

    def __init__(
        self, epoch: int | None, on_done: Callable[[Any], None] | None, on_error: Callable[[VaultError], None] | None
    ) -> None:
        self.epoch = epoch
        self.on_done = on_done
        self.on_error = on_error
        self.result: Any = None
        self.error: VaultError | None = None


class VaultBridge(QObject):
    _delivered = Signal(object)
    busy_changed = Signal(bool)
    failed = Signal(object)  # VaultError without a handler of its own
    progress = Signal(str)  # stage messages from long jobs; safe to emit from any thread

    def __init__(self, worker: VaultWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.epoch = 0
        self._pending = 0
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def new_epoch(self) -> None:
        """Invalidate every pending result (called when the vault locks)."""
        self.epoch += 1

    def run(
        self,
        job: Callable[[VaultWorker], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[VaultError], None] | None = None,
        *,
        any_epoch: bool = False,
    ) -> Future[T]:
        delivery = _Delivery(None if any_epoch else self.epoch, on_done, on_error)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        future = self.worker.submit(job)

        def finished(done: Future[T]) -> None:
            error = done.exception()
            if error is not None:
                delivery.error = as_vault_error(error)
                if not isinstance(error, VaultError):
                    log.error("vault job failed: %s", type(error).__name__)
            else:
                delivery.result = done.result()
            self._delivered.emit(delivery)

        future.add_done_callback(finished)
        return future

    @Slot(object)
    def _deliver(self, delivery: _Delivery) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if delivery.epoch is not None and delivery.epoch != self.epoch:
            return
        if delivery.error is not None:
            if delivery.on_error is not None:
                delivery.on_error(delivery.error)
            elif not isinstance(delivery.error, VaultLocked):  # moot once the vault has locked
                self.failed.emit(delivery.error)
        elif delivery.on_done is not None:
            delivery.on_done(delivery.result)

    def report(self, message: str) -> None:
        """A progress callback for core functions running on the worker thread."""
        self.progress.emit(message)

    def is_busy(self) -> bool:
        return self._pending > 0

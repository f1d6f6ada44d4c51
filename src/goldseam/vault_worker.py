"""The single owner of the vault connection: one thread, a queue of jobs.

SQLite connections belong to the thread that made them, and the vault must never be used
from the GUI thread (a KDF or a query would freeze the window). Every vault operation is a
job submitted here; it runs on the ``goldseam-vault`` thread and its result comes back as
a ``concurrent.futures.Future``. ``goldseam.ui.vault_bridge`` turns those into Qt signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from goldseam.vault.errors import VaultError
from goldseam.vault.instance_lock import InstanceLock
from goldseam.vault.vault_folder import VaultFolder
from goldseam.vault.vault_session import VaultSession

T = TypeVar("T")


class VaultLocked(VaultError):
    """A job needed an unlocked vault but it is locked (for example it auto-locked)."""


class VaultWorker:
    def __init__(self, folder: VaultFolder) -> None:
        self.folder = folder
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="goldseam-vault")
        self._session: VaultSession | None = None
        self._thread_id: int | None = None
        self.instance_lock = InstanceLock(folder.lock_file)

    # -- running jobs ----------------------------------------------------------------------

    def submit(self, job: Callable[[VaultWorker], T]) -> Future[T]:
        return self._executor.submit(self._run, job)

    def _run(self, job: Callable[[VaultWorker], T]) -> T:
        self._thread_id = threading.get_ident()
        return job(self)

    def on_worker_thread(self) -> bool:
        return threading.get_ident() == self._thread_id

    # -- session (only touched on the worker thread) ---------------------------------------

    @property
    def session(self) -> VaultSession:
        if self._session is None or not self._session.is_open:
            raise VaultLocked()
        return self._session

    @property
    def is_unlocked(self) -> bool:
        return self._session is not None and self._session.is_open

    def adopt(self, session: VaultSession) -> VaultSession:
        if self._session is not None and self._session is not session:
            self._session.lock()
        self._session = session
        return session

    def lock(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.lock()

    def shutdown(self) -> None:
        """Lock, release the folder and stop the thread (waits for the running job)."""
        self._executor.submit(self.lock)
        self._executor.shutdown(wait=True)
        self.instance_lock.release()

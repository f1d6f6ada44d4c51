"""Crash-safety battery (design §4.6, §4.7; §6 tests 19, 20, 21, 22, 24, 25, 27).

Crashes are real: a subprocess (``tests/crash_worker.py``) opens the vault and is killed
with SIGKILL, either at a random moment or at a named ``fault_points`` step. The parent then
unlocks the vault and checks what must hold. SIGKILL keeps the page cache, so these are
process-crash tests, not power-loss tests (that is test 23, dm-log-writes).

Environment:

* ``GOLDSEAM_CRASH_TRIALS`` – trials of each randomized test (default 20, which keeps this
  file well under two minutes on two cores). The long run is ``GOLDSEAM_CRASH_TRIALS=200``.
  The randomized backup test runs a quarter as many trials (at least 2).
* ``GOLDSEAM_CRASH_SEED`` – seed for the kill delays. Random by default; every failure
  message quotes the seed in use, so a failing schedule can be replayed.

The randomized loops are marked ``slow`` (deselect with ``-m "not slow"``). Timing is
random, but what each test asserts is not.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import PYTHON, python_subprocess_env, snapshot_files
from crash_worker import PASSPHRASES, ROWS_PER_TXN, TABLE_SQL, passphrase
from goldseam.crypto.kdf import FLOOR_COST, derive_kek
from goldseam.crypto.key_wrap import open_key
from goldseam.crypto.secret_buffer import wipe
from goldseam.vault import atomic_files, opening
from goldseam.vault import backup as backup_files
from goldseam.vault.errors import VaultWriteFailed, WrongPassphrase, as_vault_error
from goldseam.vault.header import SLOT_PASSPHRASE, VaultHeader
from goldseam.vault.sqlcipher_db import DatabaseError, content_digest, is_disk_full, open_for_check
from goldseam.vault.vault_folder import VaultFolder
from goldseam.vault.vault_session import VaultSession

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="crash tests kill the worker with SIGKILL (POSIX)")

TRIALS = max(1, int(os.environ.get("GOLDSEAM_CRASH_TRIALS", "20")))
BACKUP_TRIALS = max(2, TRIALS // 4)
SEED = os.environ.get("GOLDSEAM_CRASH_SEED") or str(random.SystemRandom().randrange(2**32))
WORKER = Path(__file__).with_name("crash_worker.py")
SEED_ROWS = 1500
READY_TIMEOUT = 90.0
EXIT_TIMEOUT = 90.0
_worker_numbers = itertools.count(1)


# -- helpers --------------------------------------------------------------------------------


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> random.Random:
    """Kill delays: reproducible from GOLDSEAM_CRASH_SEED, independent per test."""
    return random.Random(f"{SEED}:{request.node.name}")


def other(label: str) -> str:
    return "B" if label == "A" else "A"


def unlock(folder: VaultFolder, label: str) -> VaultSession:
    return opening.unlock_vault(folder, passphrase(label))


def new_vault(tmp_path: Path) -> tuple[VaultFolder, tuple[int, str]]:
    """A locked vault (passphrase "A") with the worker's table and fixed seed rows.

    Returns the folder and the seed table's (row count, content hash).
    """
    folder = VaultFolder(tmp_path / "vault")
    session = opening.create_vault(folder, passphrase("A"), cost=FLOOR_COST, with_recovery=False).session
    try:
        session.conn.execute(TABLE_SQL)
        session.conn.execute("CREATE TABLE seed(id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        with session.transaction() as conn:
            conn.executemany(
                "INSERT INTO seed(body) VALUES(?)", [(f"seed row {i} " + "x" * 64,) for i in range(SEED_ROWS)]
            )
        seed = content_digest(session.conn)["seed"]
    finally:
        session.lock()
    assert seed[0] == SEED_ROWS
    return folder, seed


def data_key(header: VaultHeader, label: str) -> bytearray:
    """Unwrap a header's data key the way unlock does (for checks on copies and backups)."""
    kek = derive_kek(passphrase(label), header.kdf)
    try:
        return open_key(kek, header.passphrase_wrap, header.aad(SLOT_PASSPHRASE))
    finally:
        wipe(kek)


def current_header(folder: VaultFolder) -> VaultHeader:
    return VaultHeader.from_bytes(folder.header.read_bytes())


def integrity(session: VaultSession) -> list[str]:
    return [str(row[0]) for row in session.conn.execute("PRAGMA integrity_check").fetchall()]


def txns(session: VaultSession) -> set[int]:
    return {int(row[0]) for row in session.conn.execute("SELECT DISTINCT txn FROM t")}


def check_data(
    session: VaultSession,
    *,
    seed: tuple[int, str],
    before: set[int],
    reported: list[int],
    in_flight_allowed: bool,
    context: str,
) -> set[int]:
    """Integrity ok; seed rows intact; every transaction complete; nothing committed was lost.

    ``before`` are the markers present before this crash, ``reported`` those the worker saw
    COMMIT return for. The only other marker allowed is the one whose COMMIT had completed
    but not yet been reported when the kill arrived.
    """
    assert integrity(session) == ["ok"], context
    assert content_digest(session.conn)["seed"] == seed, "seed rows changed " + context
    torn = session.conn.execute(
        "SELECT txn, count(*) FROM t GROUP BY txn HAVING count(*) != ?", (ROWS_PER_TXN,)
    ).fetchall()
    assert torn == [], f"partial transactions {torn} " + context
    present = txns(session)
    assert before <= present, f"lost earlier transactions {sorted(before - present)} " + context
    new = present - before
    first = max(before, default=0) + 1
    assert sorted(reported) == list(range(first, first + len(reported))), f"worker reported {reported} " + context
    allowed = [set(reported)]
    if in_flight_allowed:
        allowed.append(set(reported) | {max([*before, *reported], default=0) + 1})
    assert new in allowed, f"new transactions {sorted(new)} but reported {reported} " + context
    return present


def assert_cleaned_up(folder: VaultFolder, context: str) -> None:
    """After an unlock: only the current generation's files, spare header refreshed, no temp files."""
    generation = current_header(folder).generation
    assert folder.generations() == [generation], context
    leftovers = sorted(
        p.name
        for p in folder.path.iterdir()
        if p.name.startswith("vault.") and p.name.split(".")[1] not in {"gsh", str(generation)}
    )
    assert leftovers == [], f"files of other generations remain: {leftovers} " + context
    assert folder.header_backup.read_bytes() == folder.header.read_bytes(), "vault.gsh.bak not refreshed " + context
    partials = sorted(p.name for p in folder.path.iterdir() if atomic_files.PARTIAL_SUFFIX in p.name)
    assert partials == [], f"temp files remain: {partials} " + context


class Worker:
    """``crash_worker.py`` in a subprocess; stdout lines are collected by a reader thread."""

    def __init__(self, tmp_path: Path, mode: str, vault: Path, *options: str) -> None:
        self.stderr_path = tmp_path / f"worker-{next(_worker_numbers)}.stderr"
        self.lines: list[str] = []
        self._ready = threading.Event()
        with self.stderr_path.open("wb") as stderr:
            self.proc = subprocess.Popen(
                [PYTHON, str(WORKER), mode, str(vault), *options],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=python_subprocess_env(),
                text=True,
            )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.strip() == "ready":
                self._ready.set()
        self._ready.set()  # end of output: stop waiting either way

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=EXIT_TIMEOUT)
        self._reader.join(timeout=EXIT_TIMEOUT)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def details(self) -> str:
        stderr = self.stderr_path.read_text(errors="replace")[-3000:]
        return f"\nworker exit {self.proc.returncode}; last output {self.lines[-5:]}\nstderr:\n{stderr}"

    def wait_ready(self) -> None:
        self._ready.wait(READY_TIMEOUT)
        if "ready" not in self.lines:
            self.proc.poll()
            pytest.fail("worker never became ready" + self.details())

    def kill(self) -> None:
        """SIGKILL now; fail if the worker had already died some other way."""
        self.proc.kill()
        self.proc.wait(timeout=EXIT_TIMEOUT)
        self._reader.join(timeout=EXIT_TIMEOUT)
        if self.proc.returncode != -signal.SIGKILL:
            pytest.fail("worker exited before the kill" + self.details())

    def wait_exit(self) -> int:
        self.proc.wait(timeout=EXIT_TIMEOUT)
        self._reader.join(timeout=EXIT_TIMEOUT)
        return self.proc.returncode

    def committed(self) -> list[int]:
        return [int(line.split()[1]) for line in self.lines if line.startswith("committed ")]

    def backups(self) -> dict[str, str]:
        return {line.split()[1]: line.split()[2] for line in self.lines if line.startswith("backup ")}


# -- test 19: writes -----------------------------------------------------------------------


@pytest.mark.slow
def test_sigkill_during_write_transactions_leaves_every_transaction_all_or_nothing(
    tmp_path: Path, rng: random.Random
) -> None:
    """Test 19. Random SIGKILLs while a process commits write transactions (WAL, synchronous=FULL).

    After every kill the vault unlocks, ``integrity_check`` is ok, each transaction's rows are
    all there or none are, every transaction whose COMMIT returned survived, and nothing from
    earlier trials was lost. Trials accumulate on the same vault.
    """
    folder, seed = new_vault(tmp_path)
    present: set[int] = set()
    for trial in range(TRIALS):
        with Worker(tmp_path, "write", folder.path, "--passphrase", "A") as worker:
            worker.wait_ready()
            time.sleep(rng.uniform(0.0, 0.25))
            worker.kill()
        context = f"(trial {trial}, GOLDSEAM_CRASH_SEED={SEED})"
        session = unlock(folder, "A")
        try:
            present = check_data(
                session,
                seed=seed,
                before=present,
                reported=worker.committed(),
                in_flight_allowed=True,
                context=context,
            )
        finally:
            session.lock()
    print(f"\n{TRIALS} kills during writes; {len(present)} transactions survived intact")


# -- test 20: rotation ---------------------------------------------------------------------


@pytest.mark.slow
def test_sigkill_during_passphrase_changes_leaves_exactly_one_passphrase_working(
    tmp_path: Path, rng: random.Random
) -> None:
    """Test 20. Random SIGKILLs while a process alternates writes and passphrase changes A<->B.

    After every kill exactly one of A and B unlocks (the other raises ``WrongPassphrase``),
    all rows are present and complete, integrity is ok, and that unlock removed the other
    generations' files and temp files and made ``vault.gsh.bak`` equal to ``vault.gsh``.
    """
    folder, seed = new_vault(tmp_path)
    present: set[int] = set()
    current = "A"
    outcomes = {"old": 0, "new": 0}
    for trial in range(TRIALS):
        with Worker(tmp_path, "rotate", folder.path, "--current", current, "--other", other(current)) as worker:
            worker.wait_ready()
            time.sleep(rng.uniform(0.0, 1.2))
            worker.kill()
        context = f"(trial {trial}, GOLDSEAM_CRASH_SEED={SEED})"
        works = []
        # Try both in a random order, so each is sometimes tried on the untouched crash state.
        for label in rng.sample(["A", "B"], 2):
            try:
                session = unlock(folder, label)
            except WrongPassphrase:
                continue
            works.append(label)
            if len(works) > 1:  # both work: the assertion below reports it
                session.lock()
                continue
            try:
                present = check_data(
                    session,
                    seed=seed,
                    before=present,
                    reported=worker.committed(),
                    in_flight_allowed=True,
                    context=context,
                )
                assert_cleaned_up(folder, context)
            finally:
                session.lock()
        assert len(works) == 1, f"passphrases that unlock: {works} " + context
        outcomes["old" if works[0] == current else "new"] += 1
        current = works[0]
    print(f"\n{TRIALS} kills during passphrase changes; the working passphrase afterwards was {outcomes}")


# -- test 21: deterministic crash points ---------------------------------------------------

ROTATION_POINTS = [
    # (fault point, passphrase that must work afterwards, generation vault.gsh names)
    ("before_export", "A", 1),
    ("after_export", "A", 1),
    ("before_header_replace", "A", 1),
    ("after_header_replace", "B", 2),
    ("after_header_backup", "B", 2),
]


@pytest.mark.parametrize(("point", "works", "generation"), ROTATION_POINTS)
def test_crash_at_each_step_of_a_passphrase_change(tmp_path: Path, point: str, works: str, generation: int) -> None:
    """Test 21. A crash at each step of the generation commit protocol (A -> B).

    Before the header replace (the commit point) only the old passphrase works; from
    ``after_header_replace`` on (including before the ``.bak`` refresh) only the new one.
    No committed row is lost, the next unlock cleans up, and the vault can change its
    passphrase again afterwards.
    """
    folder, seed = new_vault(tmp_path)
    old_header = folder.header.read_bytes()
    with Worker(tmp_path, "rotate-once", folder.path, "--current", "A", "--new", "B", "--crash-at", point) as worker:
        returncode = worker.wait_exit()
    assert returncode == -signal.SIGKILL, f"the worker did not die at {point}" + worker.details()
    assert worker.committed() == [1]

    # The state the crash left, before any unlock tidies up.
    assert current_header(folder).generation == generation
    if point in {"after_export", "before_header_replace"}:
        assert folder.generations() == [1, 2], "the exported generation is an orphan"
    if point == "after_header_replace":
        assert folder.header_backup.read_bytes() == old_header, "the spare copy is still the old header"
    if generation == 2:
        assert 1 in folder.generations(), "the old generation is deleted only after the switch"

    with pytest.raises(WrongPassphrase):
        unlock(folder, other(works))
    session = unlock(folder, works)
    try:
        check_data(session, seed=seed, before=set(), reported=[1], in_flight_allowed=False, context=point)
        assert_cleaned_up(folder, point)
        session.rotate_keys(passphrase(works), passphrase(other(works)), with_recovery=False)
        assert folder.generations() == [session.header.generation]
    finally:
        session.lock()
    again = unlock(folder, other(works))
    try:
        check_data(again, seed=seed, before={1}, reported=[], in_flight_allowed=False, context=point)
    finally:
        again.lock()


# -- test 22: hot journal vs wrong passphrase ----------------------------------------------


def test_wrong_passphrases_after_a_crash_with_a_hot_wal_do_not_lose_committed_data(tmp_path: Path) -> None:
    """Test 22. A crash leaves committed transactions only in a hot ``-wal``.

    Three wrong-passphrase attempts change no file at all (the hot ``-wal`` included); then
    the right passphrase recovers every committed transaction. Orphan cleanup removes other
    generations' files but never the current database's ``-wal``/``-shm``/``-journal``.
    """
    folder, seed = new_vault(tmp_path)
    with Worker(tmp_path, "hold-wal", folder.path, "--passphrase", "A", "--txns", "40") as worker:
        worker.wait_ready()
        worker.kill()
    committed = worker.committed()
    assert committed == list(range(1, 41))
    header = current_header(folder)
    db = folder.db_path(header.generation)
    wal = db.with_name(db.name + "-wal")
    assert wal.stat().st_size > 0, "the crash should leave a hot -wal"

    # The committed transactions really live only in the -wal: the database file alone lacks them.
    alone = tmp_path / "db-alone"
    alone.mkdir()
    shutil.copy2(db, alone / db.name)
    dek = data_key(header, "A")
    try:
        check = open_for_check(alone / db.name, dek, header.db_salt, read_only=False)
        try:
            assert check.execute("SELECT count(*) FROM t").fetchone()[0] == 0
        finally:
            check.close()
    finally:
        wipe(dek)

    # remove_orphans on a copy of the crashed folder, with every side file of the current DB present.
    scratch = VaultFolder(tmp_path / "scratch")
    shutil.copytree(folder.path, scratch.path)
    for suffix in ("-shm", "-journal"):
        scratch.db_path(header.generation).with_name(db.name + suffix).write_bytes(os.urandom(512))
    orphan = scratch.db_path(header.generation + 1)
    for name in (orphan.name, orphan.name + "-wal", orphan.name + "-journal"):
        (scratch.path / name).write_bytes(os.urandom(4096))
    keep = {name: data for name, data in snapshot_files(scratch.path).items() if name.startswith(db.name)}
    assert set(keep) == {db.name + s for s in ("", "-wal", "-shm", "-journal")}
    scratch.remove_orphans(header.generation)
    after = snapshot_files(scratch.path)
    assert {name: after.get(name) for name in keep} == keep, "the current database's side files must survive"
    assert not any(name.startswith(orphan.name) for name in after)

    # An interrupted rotation's orphan in the real folder, then three wrong passphrases.
    planted = folder.db_path(header.generation + 1)
    planted.write_bytes(os.urandom(8192))
    planted.with_name(planted.name + "-journal").write_bytes(os.urandom(512))
    before = snapshot_files(folder.path)
    for wrong in (PASSPHRASES["B"], PASSPHRASES["A"].upper(), PASSPHRASES["A"] + " "):
        with pytest.raises(WrongPassphrase):
            opening.unlock_vault(folder, bytearray(wrong.encode("utf-8")))
        assert snapshot_files(folder.path) == before, "a wrong passphrase must not touch any file"

    session = unlock(folder, "A")
    try:
        check_data(session, seed=seed, before=set(), reported=committed, in_flight_allowed=False, context="hot wal")
        assert not planted.exists() and not planted.with_name(planted.name + "-journal").exists()
        assert wal.exists(), "the open database's -wal is not deleted by cleanup"
    finally:
        session.lock()
    again = unlock(folder, "A")
    try:
        assert txns(again) == set(committed)
        assert integrity(again) == ["ok"]
    finally:
        again.lock()


# -- test 24: atomic header write under faults ---------------------------------------------


class _ModuleProxy:
    """Stands in for ``os``/``sys``/``time`` inside one module, overriding a few names."""

    def __init__(self, real: Any, **overrides: Any) -> None:
        self._real = real
        self.__dict__.update(overrides)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _DiskFillsUp:
    """A file whose write stores half the data, then fails with ENOSPC."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, data: bytes) -> int:
        self._real.write(data[: len(data) // 2])
        self._real.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def inject_enospc(monkeypatch: pytest.MonkeyPatch) -> None:
    def fdopen(fd: int, *args: Any, **kwargs: Any) -> _DiskFillsUp:
        return _DiskFillsUp(os.fdopen(fd, *args, **kwargs))

    monkeypatch.setattr(atomic_files, "os", _ModuleProxy(os, fdopen=fdopen))


class _SharingViolation:
    """Pretend to be Windows with the header held open by another program (antivirus, sync client)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, locked_name: str, failures: int = 1_000_000) -> None:
        self.replace_attempts = 0
        self.sleeps: list[float] = []
        self.unlinked: list[str] = []
        self.failures = failures
        real_replace, real_unlink = Path.replace, Path.unlink

        def replace(path: Path, target: Any) -> Path:
            if Path(target).name == locked_name:
                self.replace_attempts += 1
                if self.replace_attempts <= self.failures:
                    raise PermissionError(errno.EACCES, "Access is denied", str(target))
            return real_replace(path, target)

        def unlink(path: Path, missing_ok: bool = False) -> None:
            self.unlinked.append(path.name)
            real_unlink(path, missing_ok=missing_ok)

        def refuse(*args: Any, **_kwargs: Any) -> None:
            raise AssertionError(f"atomic_files deleted a file directly: {args}")

        monkeypatch.setattr(Path, "replace", replace)
        monkeypatch.setattr(Path, "unlink", unlink)
        monkeypatch.setattr(atomic_files, "sys", _ModuleProxy(sys, platform="win32"))
        monkeypatch.setattr(atomic_files, "time", _ModuleProxy(time, sleep=self.sleeps.append))
        monkeypatch.setattr(atomic_files, "os", _ModuleProxy(os, remove=refuse, unlink=refuse))


def folder_listing(folder: VaultFolder) -> list[str]:
    return sorted(p.name for p in folder.path.iterdir())


def test_enospc_while_writing_the_header_leaves_it_intact_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Test 24a. ENOSPC in the middle of the temp-file write of ``vault.gsh`` (simulated).

    The error surfaces (shown to the user as a full disk), the original header is
    byte-identical and the same file (same inode), and no temp file is left behind.
    """
    folder, _seed = new_vault(tmp_path)
    original, inode, listing = folder.header.read_bytes(), folder.header.stat().st_ino, folder_listing(folder)
    inject_enospc(monkeypatch)
    with pytest.raises(OSError) as caught:
        atomic_files.atomic_write_bytes(folder.header, original + b" " * 4096)
    assert caught.value.errno == errno.ENOSPC
    assert "disk is full" in as_vault_error(caught.value).user_message()
    assert folder.header.read_bytes() == original and folder.header.stat().st_ino == inode
    assert folder_listing(folder) == listing, "the temp file must be removed"


@pytest.mark.parametrize("fault", ["enospc", "windows_sharing_violation"])
def test_a_failed_header_write_during_a_passphrase_change_keeps_the_old_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    """Test 24b. The commit point itself fails (ENOSPC, or a Windows rename that stays locked).

    The change is reported as a write failure; ``vault.gsh`` and ``vault.gsh.bak`` are
    byte-identical to before, the new generation's file and all temp files are gone, the
    session keeps working, and afterwards only the old passphrase unlocks.
    """
    folder, seed = new_vault(tmp_path)
    session = unlock(folder, "A")
    try:
        originals = (folder.header.read_bytes(), folder.header_backup.read_bytes())
        listing = folder_listing(folder)
        if fault == "enospc":
            inject_enospc(monkeypatch)
        else:
            _SharingViolation(monkeypatch, folder.header.name)
        with pytest.raises(OSError) as caught:
            session.rotate_keys(passphrase("A"), passphrase("B"), with_recovery=False)
        monkeypatch.undo()
        assert isinstance(as_vault_error(caught.value), VaultWriteFailed)
        assert (folder.header.read_bytes(), folder.header_backup.read_bytes()) == originals
        assert folder_listing(folder) == listing, "no new generation or temp file may remain"
        session.verify_passphrase(passphrase("A"))
        with session.transaction() as conn:
            conn.executemany("INSERT INTO t(txn, payload) VALUES(1, ?)", [("after",)] * ROWS_PER_TXN)
    finally:
        session.lock()
    with pytest.raises(WrongPassphrase):
        unlock(folder, "B")
    again = unlock(folder, "A")
    try:
        check_data(again, seed=seed, before=set(), reported=[1], in_flight_allowed=False, context=fault)
    finally:
        again.lock()


def test_a_windows_rename_held_open_by_another_program_is_retried_then_surfaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Test 24c. ``PermissionError`` from the rename on Windows: retried with backoff, then raised.

    The original header stays byte-identical (same inode), the temp file is removed, and
    the target is never deleted to make way for the rename.
    """
    folder, _seed = new_vault(tmp_path)
    original, inode, listing = folder.header.read_bytes(), folder.header.stat().st_ino, folder_listing(folder)
    windows = _SharingViolation(monkeypatch, folder.header.name)
    with pytest.raises(PermissionError):
        atomic_files.atomic_write_bytes(folder.header, b"new header")
    assert windows.replace_attempts > 1, "a sharing violation must be retried"
    assert len(windows.sleeps) == windows.replace_attempts - 1
    assert windows.sleeps == sorted(windows.sleeps) and windows.sleeps[-1] > windows.sleeps[0], "backoff"
    assert folder.header.read_bytes() == original and folder.header.stat().st_ino == inode
    assert folder.header.name not in windows.unlinked, "never delete-then-rename"
    assert folder_listing(folder) == listing, "the temp file must be removed"


def test_a_windows_rename_that_is_briefly_locked_succeeds_on_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Test 24d. Two sharing violations, then the rename goes through: the new header is in place."""
    folder, _seed = new_vault(tmp_path)
    listing = folder_listing(folder)
    windows = _SharingViolation(monkeypatch, folder.header.name, failures=2)
    atomic_files.atomic_write_bytes(folder.header, b"new header")
    assert windows.replace_attempts == 3 and len(windows.sleeps) == 2
    assert folder.header.read_bytes() == b"new header"
    assert folder.header.name not in windows.unlinked
    assert folder_listing(folder) == listing


def test_enospc_on_a_real_full_tmpfs_leaves_the_header_intact(tmp_path: Path) -> None:
    """Test 24e. The same on a real, full tmpfs (private mount namespace; skipped where impossible).

    ENOSPC surfaces with the disk-full message, the header is byte-identical, no temp file
    remains, and once space is freed the same write succeeds.
    """
    unshare = shutil.which("unshare")
    if unshare is None or shutil.which("mount") is None:
        pytest.skip("needs unshare and mount")
    folder, _seed = new_vault(tmp_path)
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    namespace = [unshare, "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        namespace[1:1] = ["--user", "--map-root-user"]
    result = subprocess.run(
        [*namespace, PYTHON, str(WORKER), "tmpfs-header", str(mount_point), "--header-from", str(folder.header)],
        env=python_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=EXIT_TIMEOUT,
        check=False,
    )
    if result.returncode == 3 or (result.returncode != 0 and result.stderr.startswith("unshare:")):
        pytest.skip("cannot mount a private tmpfs here: " + (result.stdout + result.stderr).strip())
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errno"] == errno.ENOSPC, report
    assert "disk is full" in report["message"]
    assert report["header_identical"] is True
    assert report["leftovers"] == [], "the temp file must be removed"
    assert report["write_after_freeing_space"] is True


# -- test 25: disk full during a transaction -----------------------------------------------


def fill_until_full(session: VaultSession) -> DatabaseError:
    """Cap the database at its current size, then run a transaction that needs more pages."""
    pages = int(session.conn.execute("PRAGMA page_count").fetchone()[0])
    session.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DatabaseError) as caught, session.transaction() as conn:
        for _ in range(ROWS_PER_TXN * 50):
            conn.execute("INSERT INTO t(txn, payload) VALUES(99, ?)", (os.urandom(2000).hex(),))
    return caught.value


def test_disk_full_during_a_transaction_rolls_it_back_and_the_vault_still_unlocks(tmp_path: Path) -> None:
    """Test 25. SQLITE_FULL mid-transaction (``PRAGMA max_page_count``).

    The error is recognised by ``is_disk_full``, the transaction is rolled back entirely,
    the same action succeeds once there is room again (the retry), and the vault unlocks
    afterwards with all earlier data and integrity ok.
    """
    folder, seed = new_vault(tmp_path)
    session = unlock(folder, "A")
    try:
        for txn in (1, 2, 3):
            with session.transaction() as conn:
                conn.executemany("INSERT INTO t(txn, payload) VALUES(?, 'x')", [(txn,)] * ROWS_PER_TXN)
        error = fill_until_full(session)
        assert is_disk_full(error), repr(error)
        assert not session.conn.in_transaction
        assert txns(session) == {1, 2, 3}, "nothing of the failed transaction may remain"
        session.conn.execute("PRAGMA max_page_count = 2147483646")
        with session.transaction() as conn:
            conn.executemany("INSERT INTO t(txn, payload) VALUES(4, 'retried')", [()] * ROWS_PER_TXN)
    finally:
        session.lock()
    again = unlock(folder, "A")
    try:
        check_data(again, seed=seed, before=set(), reported=[1, 2, 3, 4], in_flight_allowed=False, context="full")
    finally:
        again.lock()


def test_disk_full_during_a_transaction_is_explained_as_a_full_disk(tmp_path: Path) -> None:
    """Test 25 (message). The user is told the disk is full, not that something went wrong."""
    folder, _seed = new_vault(tmp_path)
    session = unlock(folder, "A")
    try:
        error = fill_until_full(session)
    finally:
        session.lock()
    assert is_disk_full(error)
    assert "disk is full" in as_vault_error(error).user_message()


# -- test 27: backup under crash -----------------------------------------------------------


def vault_with_backups(tmp_path: Path) -> tuple[VaultFolder, tuple[int, str], dict[str, bytes]]:
    """A vault with one committed transaction and two finished backups in ``backups/``."""
    folder, seed = new_vault(tmp_path)
    session = unlock(folder, "A")
    try:
        folder.backups.mkdir(mode=0o700)
        session.backup_to(folder.backups / "previous-1.gsbackup")
        with session.transaction() as conn:
            conn.executemany("INSERT INTO t(txn, payload) VALUES(1, 'x')", [()] * ROWS_PER_TXN)
        session.backup_to(folder.backups / "previous-2.gsbackup")
    finally:
        session.lock()
    previous = {p.name: p.read_bytes() for p in folder.backups.iterdir()}
    assert sorted(previous) == ["previous-1.gsbackup", "previous-2.gsbackup"]
    return folder, seed, previous


def assert_complete_backup(path: Path, dek: bytearray) -> None:
    header = backup_files.read_backup_header(path)  # also checks the exact file length
    backup_files.verify_backup_mac(path, header, dek)


@pytest.mark.parametrize(
    ("point", "trace"),
    [
        ("backup_after_snapshot", ".new.gsbackup.snapshot.partial"),
        ("backup_before_verify", "new.gsbackup.partial"),
        ("backup_after_rename", None),  # control: past the rename the backup is complete
    ],
)
def test_crash_during_a_backup_never_leaves_a_partial_file_under_the_final_name(
    tmp_path: Path, point: str, trace: str | None
) -> None:
    """Test 27. SIGKILL at each step of writing ``backups/new.gsbackup``.

    Before the rename nothing exists at the final name, only ``*.partial`` files; after it,
    the file there is a complete backup whose MAC verifies. Earlier backups are
    byte-identical, the vault still unlocks with its data, and that unlock removes the
    stale ``*.partial`` files.
    """
    folder, seed, previous = vault_with_backups(tmp_path)
    final = folder.backups / "new.gsbackup"
    with Worker(tmp_path, "backup", folder.path, "--dest", str(final), "--crash-at", point) as worker:
        returncode = worker.wait_exit()
    assert returncode == -signal.SIGKILL, f"the worker did not die at {point}" + worker.details()

    names = {p.name for p in folder.backups.iterdir()}
    assert {name: (folder.backups / name).read_bytes() for name in previous} == previous
    extra = names - set(previous)
    assert all(name.endswith(".partial") for name in extra - {final.name}), extra
    if trace is None:
        assert final.name in extra
        dek = data_key(current_header(folder), "A")
        try:
            assert_complete_backup(final, dek)
        finally:
            wipe(dek)
    else:
        assert not final.exists()
        assert trace in extra, "the crash should have interrupted the backup"

    session = unlock(folder, "A")
    try:
        check_data(session, seed=seed, before=set(), reported=[1], in_flight_allowed=False, context=point)
    finally:
        session.lock()
    assert {p.name for p in folder.backups.iterdir()} == set(previous) | ({final.name} if trace is None else set())
    assert {name: (folder.backups / name).read_bytes() for name in previous} == previous


@pytest.mark.slow
def test_sigkill_at_a_random_moment_of_repeated_backups(tmp_path: Path, rng: random.Random) -> None:
    """Test 27 (random). Random SIGKILLs while a process writes backups in a loop.

    Every file under a final ``*.gsbackup`` name is a complete backup whose MAC verifies;
    every backup reported finished is still there, byte for byte; earlier backups are
    untouched; anything else has a temporary ``.partial`` name, and the next unlock removes
    the ``*.partial`` files (including the snapshot's ``-journal``).
    """
    folder, seed, previous = vault_with_backups(tmp_path)
    dek = data_key(current_header(folder), "A")
    finished: dict[str, str] = {}
    try:
        for trial in range(BACKUP_TRIALS):
            context = f"(trial {trial}, GOLDSEAM_CRASH_SEED={SEED})"
            with Worker(tmp_path, "backup-loop", folder.path, "--dest-dir", str(folder.backups)) as worker:
                worker.wait_ready()
                time.sleep(rng.uniform(0.0, 0.6))
                worker.kill()
            finished.update(worker.backups())
            for path in folder.backups.iterdir():
                if ".partial" in path.name:  # temp names, incl. the snapshot's -journal
                    continue
                assert path.suffix == backup_files.SUFFIX, path.name + context
                assert_complete_backup(path, dek)
            for name, digest in finished.items():
                assert hashlib.sha256((folder.backups / name).read_bytes()).hexdigest() == digest
            assert {name: (folder.backups / name).read_bytes() for name in previous} == previous
            session = unlock(folder, "A")
            try:
                check_data(session, seed=seed, before=set(), reported=[1], in_flight_allowed=False, context=context)
            finally:
                session.lock()
            assert not [p.name for p in folder.backups.iterdir() if p.name.endswith(".partial")], context
    finally:
        wipe(dek)
    print(f"\n{BACKUP_TRIALS} kills during backups; {len(finished)} backups finished and verified")


def test_a_crash_while_the_backup_snapshot_is_written_leaves_nothing_behind_after_unlock(tmp_path: Path) -> None:
    """Test 27 (cleanup). SIGKILL inside ``VACUUM INTO`` while the snapshot is being written.

    Nothing appears at the final name and earlier backups are untouched (checked with
    ``pytest.fail``); the next unlock then removes
    every temporary file of the interrupted backup, including the snapshot's ``-journal``.
    """
    folder, seed, previous = vault_with_backups(tmp_path)
    final = folder.backups / "new.gsbackup"
    journal = folder.backups / ".new.gsbackup.snapshot.partial-journal"
    with Worker(tmp_path, "backup", folder.path, "--dest", str(final), "--crash-in-snapshot") as worker:
        returncode = worker.wait_exit()
    if returncode != -signal.SIGKILL or not journal.exists():
        pytest.fail("the worker should have died inside VACUUM INTO" + worker.details())
    if final.exists() or {name: (folder.backups / name).read_bytes() for name in previous} != previous:
        pytest.fail("a crash during the snapshot must not touch final names")
    session = unlock(folder, "A")
    try:
        check_data(session, seed=seed, before=set(), reported=[1], in_flight_allowed=False, context="vacuum")
    finally:
        session.lock()
    leftovers = sorted(p.name for p in folder.backups.iterdir() if p.name not in previous)
    assert leftovers == [], "temp files of the interrupted backup survive the next unlock"

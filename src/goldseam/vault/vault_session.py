"""An unlocked vault: one SQLCipher connection and the data key, owned by one thread.

Create one with ``goldseam.vault.opening``. Every method runs on the vault worker thread;
the GUI never calls these directly.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.exceptions import InvalidTag

from goldseam.crypto.kdf import KdfCost, KdfParamsRejected, derive_kek
from goldseam.crypto.key_wrap import open_key
from goldseam.crypto.recovery_key import RecoveryKey
from goldseam.crypto.secret_buffer import wipe
from goldseam.i18n import _
from goldseam.storage.migrations import apply_pending, latest_version, pending, schema_version
from goldseam.vault import backup as backup_files
from goldseam.vault.atomic_files import atomic_write_bytes, is_partial_file
from goldseam.vault.errors import (
    DatabaseDamaged,
    HeaderDamaged,
    NewerFormat,
    TransactionOpen,
    VaultError,
    WrongPassphrase,
)
from goldseam.vault.generations import write_generation
from goldseam.vault.header import SLOT_PASSPHRASE, VaultHeader
from goldseam.vault.sqlcipher_db import (
    Connection,
    integrity_problems,
    open_database,
    quick_check,
    transaction,
)
from goldseam.vault.vault_folder import VaultFolder

Progress = Callable[[str], None]

AUTO_BACKUP_PREFIX = "auto-"
UPGRADE_BACKUP_PREFIX = "before-upgrade-"
AUTO_BACKUPS_KEPT = 7
UPGRADE_BACKUPS_KEPT = 3
AUTO_BACKUP_INTERVAL = timedelta(hours=20)
_STAMP = re.compile(r"(\d{8}-\d{6})")


def _no_progress(_message: str) -> None:
    return None


class VaultSession:
    def __init__(self, folder: VaultFolder, header: VaultHeader, conn: Connection, dek: bytearray) -> None:
        self.folder = folder
        self.header = header
        self._conn: Connection | None = conn
        self._dek = dek
        # Set when opened with the recovery key: the holder may set a new passphrase
        # without knowing the old one.
        self.opened_with_recovery = False

    # -- basics --------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise VaultError("locked")
        return self._conn

    @property
    def has_recovery_key(self) -> bool:
        return self.header.recovery is not None

    def transaction(self) -> contextlib.AbstractContextManager[Connection]:
        return transaction(self.conn)

    def lock(self) -> None:
        """Close the connection (checkpointing the WAL) and wipe the data key. Never raises."""
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            with contextlib.suppress(Exception):
                conn.close()
        wipe(self._dek)

    # -- after unlock --------------------------------------------------------------------

    def prepare_after_unlock(self, progress: Progress = _no_progress) -> list[int]:
        """Check, migrate (backing up first), refresh the spare header, drop orphans."""
        problems = quick_check(self.conn)
        if problems:
            raise DatabaseDamaged("quick_check: " + "; ".join(problems[:3]))
        version = schema_version(self.conn)
        if version > latest_version():
            raise NewerFormat()
        applied: list[int] = []
        steps = pending(self.conn)
        if steps:
            if version > 0:
                progress(_("Backing up before updating the vault format…"))
                self._write_rotating_backup(
                    f"{UPGRADE_BACKUP_PREFIX}v{version}-to-v{latest_version()}-",
                    UPGRADE_BACKUP_PREFIX,
                    UPGRADE_BACKUPS_KEPT,
                )
            progress(_("Updating the vault format…"))
            applied = apply_pending(self.conn)
        # Repair whichever header copy is missing or differs (we may have opened via the spare).
        current = self.header.to_bytes()
        with contextlib.suppress(OSError):
            for path in (self.folder.header, self.folder.header_backup):
                if _read_or_empty(path) != current:
                    atomic_write_bytes(path, current)
            self.folder.remove_orphans(self.header.generation)
            self._remove_stale_backup_partials()
        return applied

    # -- keys ----------------------------------------------------------------------------

    def verify_passphrase(self, passphrase: bytearray) -> None:
        """Raise ``WrongPassphrase`` unless ``passphrase`` opens the current header."""
        try:
            kek = derive_kek(passphrase, self.header.kdf)
        except KdfParamsRejected as error:
            raise HeaderDamaged() from error
        try:
            dek = open_key(kek, self.header.passphrase_wrap, self.header.aad(SLOT_PASSPHRASE))
        except InvalidTag as error:
            raise WrongPassphrase() from error
        finally:
            wipe(kek)
        wipe(dek)

    def rotate_keys(
        self,
        current_passphrase: bytearray | None,
        new_passphrase: bytearray,
        *,
        with_recovery: bool,
        cost: KdfCost | None = None,
        progress: Progress = _no_progress,
    ) -> RecoveryKey | None:
        """Change the passphrase (and the recovery key) by writing a new generation.

        The data key is replaced too, so an old passphrase together with an old copy of the
        header no longer opens anything written from now on. ``current_passphrase`` may be
        None only when the session was opened with the recovery key.
        """
        if current_passphrase is not None:
            self.verify_passphrase(current_passphrase)
        elif not self.opened_with_recovery:
            raise WrongPassphrase()
        conn = self.conn
        if conn.in_transaction:
            raise TransactionOpen()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        result = write_generation(
            self.folder,
            conn,
            vault_id=self.header.vault_id,
            current_generation=self.header.generation,
            passphrase=new_passphrase,
            cost=cost or self.header.kdf.cost,
            with_recovery=with_recovery,
            progress=progress,
        )
        self._switch_to(result.header, result.dek)
        self.opened_with_recovery = False
        return result.recovery_key

    def _switch_to(self, header: VaultHeader, dek: bytearray) -> None:
        old_conn, old_dek = self._conn, self._dek
        self._conn = None
        if old_conn is not None:
            with contextlib.suppress(Exception):
                old_conn.close()
        wipe(old_dek)
        self.header, self._dek = header, dek
        self._conn = open_database(self.folder.db_path(header.generation), dek, header.db_salt)
        with contextlib.suppress(OSError):
            self.folder.remove_orphans(header.generation)

    # -- integrity -----------------------------------------------------------------------

    def full_integrity_check(self) -> list[str]:
        """Both integrity checks on fresh connections (the live one is closed meanwhile)."""
        path = self.folder.db_path(self.header.generation)
        conn = self.conn
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        self._conn = None
        try:
            return integrity_problems(path, self._dek, self.header.db_salt, read_only=False)
        finally:
            self._conn = open_database(path, self._dek, self.header.db_salt)

    # -- backups -------------------------------------------------------------------------

    def backup_to(self, destination: Path, progress: Progress = _no_progress) -> backup_files.BackupInfo:
        if self.conn.in_transaction:
            raise TransactionOpen()
        return backup_files.write_backup(self.conn, self.header, self._dek, destination, progress)

    def auto_backups(self) -> list[Path]:
        return self._backups_with_prefix(AUTO_BACKUP_PREFIX)

    def latest_backup_time(self) -> datetime | None:
        times = []
        for path in self.folder.backups.glob("*" + backup_files.SUFFIX) if self.folder.backups.is_dir() else []:
            with contextlib.suppress(OSError):
                times.append(datetime.fromtimestamp(path.stat().st_mtime, UTC))
        return max(times) if times else None

    def auto_backup_if_due(self, now: datetime | None = None, progress: Progress = _no_progress) -> Path | None:
        """Keep a rolling week of daily backups inside the vault folder."""
        now = now or datetime.now(UTC)
        existing = self.auto_backups()
        if existing:
            newest = _stamp_time(existing[-1])
            if newest is not None and now - newest < AUTO_BACKUP_INTERVAL:
                return None
        info = self._write_rotating_backup(AUTO_BACKUP_PREFIX, AUTO_BACKUP_PREFIX, AUTO_BACKUPS_KEPT, now, progress)
        return info.path

    def _write_rotating_backup(
        self,
        name_prefix: str,
        family_prefix: str,
        keep: int,
        now: datetime | None = None,
        progress: Progress = _no_progress,
    ) -> backup_files.BackupInfo:
        now = now or datetime.now(UTC)
        self.folder.backups.mkdir(mode=0o700, exist_ok=True)
        destination = self.folder.backups / f"{name_prefix}{now.strftime('%Y%m%d-%H%M%S')}{backup_files.SUFFIX}"
        info = self.backup_to(destination, progress)
        # Only after the new one verified: drop the oldest beyond the limit.
        for old in self._backups_with_prefix(family_prefix)[:-keep]:
            with contextlib.suppress(OSError):
                old.unlink()
        return info

    def _backups_with_prefix(self, prefix: str) -> list[Path]:
        if not self.folder.backups.is_dir():
            return []
        found = [p for p in self.folder.backups.glob(prefix + "*" + backup_files.SUFFIX) if _stamp_time(p)]
        return sorted(found, key=lambda p: _stamp_time(p) or datetime.min.replace(tzinfo=UTC))

    def _remove_stale_backup_partials(self) -> None:
        if not self.folder.backups.is_dir():
            return
        for entry in self.folder.backups.iterdir():
            if is_partial_file(entry.name):
                with contextlib.suppress(OSError):
                    entry.unlink()

    # -- drafts (autosave used by every editor and by locking) ---------------------------

    def save_draft(self, slot: str, body: str) -> None:
        with self.transaction() as conn:
            if body:
                conn.execute(
                    "INSERT INTO draft(slot, body, updated_at) VALUES(?, ?, ?) "
                    "ON CONFLICT(slot) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                    (slot, body, datetime.now(UTC).isoformat(timespec="seconds")),
                )
            else:
                conn.execute("DELETE FROM draft WHERE slot = ?", (slot,))

    def load_draft(self, slot: str) -> str | None:
        row = self.conn.execute("SELECT body FROM draft WHERE slot = ?", (slot,)).fetchone()
        return None if row is None else str(row[0])

    def vault_setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM vault_setting WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_vault_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO vault_setting(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def iter_rows(self, sql: str, params: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
        yield from self.conn.execute(sql, params)


def _read_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _stamp_time(path: Path) -> datetime | None:
    match = _STAMP.search(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None

"""Creating, unlocking, recovering and restoring vaults.

Unlock classifies every failure before anything is written (design §4.3):

* **NoVault** – the folder holds no vault files at all;
* **HeaderDamaged** – neither ``vault.gsh`` nor its spare copy is intact (or the header is
  missing while a database is present);
* **WrongPassphrase** – the header is intact but the passphrase does not unwrap the key;
* **DatabaseDamaged** – the key is right but the database is missing, foreign, truncated
  or fails its checks. A damaged or empty file is never treated as a fresh vault.
"""

from __future__ import annotations

import contextlib
import enum
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag

from goldseam.crypto.kdf import KdfCost, KdfParamsRejected, derive_kek
from goldseam.crypto.key_wrap import new_data_key, open_key
from goldseam.crypto.recovery_key import RecoveryKey, RecoveryKeyTypo
from goldseam.crypto.secret_buffer import wipe
from goldseam.i18n import _
from goldseam.storage.migrations import apply_pending, latest_version, schema_version
from goldseam.vault import backup as backup_files
from goldseam.vault.atomic_files import PARTIAL_SUFFIX, fsync_dir, fsync_file
from goldseam.vault.errors import (
    BackupDamaged,
    DatabaseDamaged,
    HeaderDamaged,
    HeaderMissing,
    NewerFormat,
    NoRecoveryKey,
    NoVault,
    RecoveryKeyMalformed,
    VaultExists,
    WrongPassphrase,
    WrongRecoveryKey,
)
from goldseam.vault.generations import commit_header, seal_header, write_generation
from goldseam.vault.header import SLOT_PASSPHRASE, SLOT_RECOVERY, HeaderInvalid, HeaderTooNew, VaultHeader
from goldseam.vault.self_check import require_engine
from goldseam.vault.sqlcipher_db import DatabaseError, integrity_problems, open_database, open_for_check
from goldseam.vault.vault_folder import DB_SIDE_SUFFIXES, VaultFolder, remove_database_files
from goldseam.vault.vault_session import VaultSession

Progress = Callable[[str], None]


def _no_progress(_message: str) -> None:
    return None


class FolderState(enum.Enum):
    NO_VAULT = "no_vault"
    VAULT = "vault"


def folder_state(folder: VaultFolder) -> FolderState:
    """A cheap look (no key needed) to decide between the welcome and the lock screen."""
    return FolderState.VAULT if folder.has_any_vault_file() else FolderState.NO_VAULT


# -- header ---------------------------------------------------------------------------------


def read_header(folder: VaultFolder) -> VaultHeader:
    too_new = False
    present = False
    for path in (folder.header, folder.header_backup):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            present = True
            continue
        present = True
        try:
            return VaultHeader.from_bytes(data)
        except HeaderTooNew:
            too_new = True
        except HeaderInvalid:
            continue
    if too_new:
        raise NewerFormat()
    if not present:
        if folder.generations():
            raise HeaderMissing()
        raise NoVault()
    raise HeaderDamaged()


# -- create ---------------------------------------------------------------------------------


@dataclass
class CreatedVault:
    session: VaultSession
    recovery_key: RecoveryKey | None


def create_vault(
    folder: VaultFolder,
    passphrase: bytearray,
    *,
    cost: KdfCost,
    with_recovery: bool = True,
    progress: Progress = _no_progress,
) -> CreatedVault:
    require_engine()
    cost.check()
    if folder.has_any_vault_file():
        raise VaultExists()
    folder.ensure_private()
    generation = 1
    path = folder.db_path(generation)
    dek = new_data_key()
    db_salt = os.urandom(16)
    vault_id = VaultHeader.new_vault_id()
    try:
        progress(_("Creating the encrypted database…"))
        conn = open_database(path, dek, db_salt, create=True)
        try:
            apply_pending(conn)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO meta(key, value) VALUES('created_utc', ?), ('created_by', ?)",
                (datetime.now(UTC).isoformat(timespec="seconds"), "goldseam"),
            )
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        fsync_file(path)
        fsync_dir(folder.path)
        progress(_("Sealing the key with your passphrase…"))
        sealed = seal_header(
            vault_id=vault_id,
            generation=generation,
            db_salt=db_salt,
            dek=dek,
            passphrase=passphrase,
            cost=cost,
            with_recovery=with_recovery,
        )
        commit_header(folder, sealed.header)
    except BaseException:
        if not folder.header.exists():
            remove_database_files(path)
        wipe(dek)
        raise
    session = _open_session(folder, sealed.header, dek)
    return CreatedVault(session, sealed.recovery_key)


def set_aside_incomplete(folder: VaultFolder) -> Path:
    """Move leftover vault files (e.g. an interrupted creation) into a dated subfolder.

    Nothing is deleted: if the files were a real vault whose header got lost, they can
    still be restored later.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = folder.path / f"set-aside-{stamp}"
    aside.mkdir(mode=0o700)
    for path in _vault_files(folder):
        path.rename(aside / path.name)
    fsync_dir(folder.path)
    return aside


def _vault_files(folder: VaultFolder) -> list[Path]:
    files = [p for p in (folder.header, folder.header_backup) if p.exists()]
    for generation in folder.generations():
        base = folder.db_path(generation)
        files.extend(p for p in [base, *(base.with_name(base.name + s) for s in DB_SIDE_SUFFIXES)] if p.exists())
    return files


# -- unlock ---------------------------------------------------------------------------------


def unlock_vault(folder: VaultFolder, passphrase: bytearray, progress: Progress = _no_progress) -> VaultSession:
    require_engine()
    header = read_header(folder)
    try:
        kek = derive_kek(passphrase, header.kdf)
    except KdfParamsRejected as error:
        raise HeaderDamaged() from error
    try:
        dek = open_key(kek, header.passphrase_wrap, header.aad(SLOT_PASSPHRASE))
    except InvalidTag as error:
        raise WrongPassphrase() from error
    finally:
        wipe(kek)
    return _open_session(folder, header, dek, progress)


def unlock_with_recovery_key(
    folder: VaultFolder, recovery_text: str, progress: Progress = _no_progress
) -> VaultSession:
    """Open with the printed recovery key; the caller must then set a new passphrase."""
    require_engine()
    header = read_header(folder)
    dek = _unwrap_with_recovery(header, recovery_text)
    session = _open_session(folder, header, dek, progress)
    session.opened_with_recovery = True
    return session


def _unwrap_with_recovery(header: VaultHeader, recovery_text: str) -> bytearray:
    try:
        key = RecoveryKey.parse(recovery_text)
    except RecoveryKeyTypo as error:
        raise RecoveryKeyMalformed() from error
    if header.recovery is None:
        raise NoRecoveryKey()
    kek = key.derive_kek(header.recovery.salt)
    try:
        return open_key(kek, header.recovery.wrap, header.aad(SLOT_RECOVERY))
    except InvalidTag as error:
        raise WrongRecoveryKey() from error
    finally:
        wipe(kek)


def _open_session(
    folder: VaultFolder, header: VaultHeader, dek: bytearray, progress: Progress = _no_progress
) -> VaultSession:
    path = folder.db_path(header.generation)
    try:
        try:
            with path.open("rb") as handle:
                first = handle.read(16)
        except FileNotFoundError as error:
            raise DatabaseDamaged("database file missing") from error
        if first != header.db_salt:
            raise DatabaseDamaged("database file does not belong to this header, or its first page is damaged")
        conn = open_database(path, dek, header.db_salt)
    except BaseException:
        wipe(dek)
        raise
    session = VaultSession(folder, header, conn, dek)
    try:
        session.prepare_after_unlock(progress)
    except DatabaseError as error:
        session.lock()
        raise DatabaseDamaged(str(error)) from error
    except BaseException:
        session.lock()
        raise
    return session


# -- restore --------------------------------------------------------------------------------


@dataclass
class RestoredVault:
    session: VaultSession
    recovery_key: RecoveryKey | None
    previous_copy: Path | None


def inspect_backup(path: Path) -> backup_files.BackupHeader:
    return backup_files.read_backup_header(path)


def restore_backup(
    folder: VaultFolder,
    bundle: Path,
    *,
    passphrase: bytearray | None = None,
    recovery_text: str | None = None,
    new_passphrase: bytearray | None = None,
    with_recovery: bool = True,
    progress: Progress = _no_progress,
) -> RestoredVault:
    """Restore a backup into ``folder`` as a new generation under fresh keys.

    Opens the backup with the passphrase valid when it was made (or that time's recovery
    key, then ``new_passphrase`` is required). Verifies everything before touching the
    folder; the vault it replaces, if any, is kept in a ``previous-<time>`` subfolder.
    """
    require_engine()
    progress(_("Checking the backup…"))
    info = backup_files.read_backup_header(bundle)
    header = info.vault_header
    if passphrase is not None:
        dek = _backup_data_key(header, passphrase)
        final_passphrase = new_passphrase if new_passphrase is not None else passphrase
    elif recovery_text is not None and new_passphrase is not None:
        dek = _unwrap_with_recovery(header, recovery_text)
        final_passphrase = new_passphrase
    else:
        raise ValueError("restore needs the backup's passphrase, or its recovery key and a new passphrase")

    folder.ensure_private()
    staging = folder.path / f"restore-{secrets.token_hex(4)}.db{PARTIAL_SUFFIX}"
    try:
        progress(_("Verifying the backup's contents…"))
        backup_files.extract_snapshot(bundle, info, dek, staging)
        if integrity_problems(staging, dek, header.db_salt):
            raise BackupDamaged("snapshot failed integrity checks")
        check = open_for_check(staging, dek, header.db_salt)
        try:
            if schema_version(check) > latest_version():
                raise NewerFormat()
        finally:
            check.close()
        previous = _keep_previous(folder) if folder.has_any_vault_file() else None
        current_generation = max([0, *folder.generations()])
        source = open_database(staging, dek, header.db_salt)
        try:
            source.execute("PRAGMA journal_mode = DELETE")
            result = write_generation(
                folder,
                source,
                vault_id=header.vault_id,
                current_generation=current_generation,
                passphrase=final_passphrase,
                cost=header.kdf.cost,
                with_recovery=with_recovery,
                progress=progress,
            )
        finally:
            source.close()
    finally:
        wipe(dek)
        remove_database_files(staging)
    session = _open_session(folder, result.header, result.dek, progress)
    return RestoredVault(session, result.recovery_key, previous)


def _backup_data_key(header: VaultHeader, passphrase: bytearray) -> bytearray:
    """The data key of a backup's header copy: ``BackupDamaged`` for impossible KDF parameters,
    ``WrongPassphrase`` when the passphrase does not open it."""
    try:
        kek = derive_kek(passphrase, header.kdf)
    except KdfParamsRejected as error:
        raise BackupDamaged("kdf parameters") from error
    try:
        return open_key(kek, header.passphrase_wrap, header.aad(SLOT_PASSPHRASE))
    except InvalidTag as error:
        raise WrongPassphrase() from error
    finally:
        wipe(kek)


def verify_backup(bundle: Path, passphrase: bytearray) -> backup_files.BackupHeader:
    """Check a backup completely without restoring it: header, passphrase, MAC and both integrity checks.

    The snapshot is extracted (still encrypted) next to the backup file, checked and deleted.
    """
    require_engine()
    info = backup_files.read_backup_header(bundle)
    header = info.vault_header
    dek = _backup_data_key(header, passphrase)
    staging = bundle.with_name(f".{bundle.name}.verify-{secrets.token_hex(4)}{PARTIAL_SUFFIX}")
    try:
        backup_files.extract_snapshot(bundle, info, dek, staging)
        if integrity_problems(staging, dek, header.db_salt):
            raise BackupDamaged("snapshot failed integrity checks")
    finally:
        wipe(dek)
        remove_database_files(staging)
    return info


def _keep_previous(folder: VaultFolder) -> Path:
    """Link (or copy) the current vault files into ``previous-<time>/`` before replacing."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    keep = folder.path / f"previous-{stamp}"
    keep.mkdir(mode=0o700)
    for path in _vault_files(folder):
        target = keep / path.name
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
    for path in keep.iterdir():
        with contextlib.suppress(OSError):
            fsync_file(path)
    fsync_dir(keep)
    return keep

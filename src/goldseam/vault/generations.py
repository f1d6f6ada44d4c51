"""Writing a new generation of the database and committing it with the header.

This is the crash-safe path for every change of keys (passphrase change, recovery key
replacement, restore). The old database is never rewritten in place:

1. a fresh data key and salt; ``sqlcipher_export`` into ``vault.<g+1>.db``;
2. verify that file on fresh connections (integrity checks, identical row contents);
3. sync it to disk, derive the new key-encryption key and seal a header for it;
4. **commit point**: atomically replace ``vault.gsh``; then refresh ``vault.gsh.bak``.

A crash before step 4 leaves the old header and database untouched (the new file is an
orphan removed at the next unlock); after it, the new ones apply. Exactly one passphrase
works at any moment.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from goldseam.crypto.kdf import KdfCost, KdfParams, derive_kek
from goldseam.crypto.key_wrap import WrappedKey, new_data_key, seal_key
from goldseam.crypto.recovery_key import RecoveryKey
from goldseam.crypto.secret_buffer import wipe
from goldseam.i18n import _
from goldseam.storage.migrations import schema_version
from goldseam.vault import fault_points
from goldseam.vault.atomic_files import atomic_write_bytes, fsync_dir, fsync_file
from goldseam.vault.errors import DatabaseDamaged, TransactionOpen
from goldseam.vault.header import SLOT_PASSPHRASE, SLOT_RECOVERY, RecoverySlot, VaultHeader
from goldseam.vault.sqlcipher_db import (
    Connection,
    content_digest,
    create_keyed,
    integrity_problems,
    open_for_check,
)
from goldseam.vault.vault_folder import VaultFolder, remove_database_files

Progress = Callable[[str], None]

_PLACEHOLDER_WRAP = WrappedKey(b"\0" * 12, b"\0" * 48)


def _no_progress(_message: str) -> None:
    return None


@dataclass
class SealedHeader:
    header: VaultHeader
    recovery_key: RecoveryKey | None


def seal_header(
    *,
    vault_id: str,
    generation: int,
    db_salt: bytes,
    dek: bytearray,
    passphrase: bytearray,
    cost: KdfCost,
    with_recovery: bool,
) -> SealedHeader:
    """Derive a fresh KEK for ``passphrase`` and wrap ``dek`` (and a new recovery key)."""
    recovery_key = RecoveryKey.generate() if with_recovery else None
    recovery_salt = os.urandom(16) if with_recovery else None
    draft = VaultHeader(
        vault_id=vault_id,
        generation=generation,
        db_salt=db_salt,
        kdf=KdfParams.fresh(cost),
        passphrase_wrap=_PLACEHOLDER_WRAP,
        recovery=None if recovery_salt is None else RecoverySlot(recovery_salt, _PLACEHOLDER_WRAP),
    )
    kek = derive_kek(passphrase, draft.kdf)
    try:
        passphrase_wrap = seal_key(kek, dek, draft.aad(SLOT_PASSPHRASE))
    finally:
        wipe(kek)
    recovery_slot = None
    if recovery_key is not None and recovery_salt is not None:
        recovery_kek = recovery_key.derive_kek(recovery_salt)
        try:
            recovery_slot = RecoverySlot(recovery_salt, seal_key(recovery_kek, dek, draft.aad(SLOT_RECOVERY)))
        finally:
            wipe(recovery_kek)
    return SealedHeader(draft.with_wraps(passphrase_wrap, recovery_slot), recovery_key)


def commit_header(folder: VaultFolder, header: VaultHeader) -> None:
    """The commit point: replace ``vault.gsh`` atomically, then refresh the spare copy."""
    data = header.to_bytes()
    fault_points.reached("before_header_replace")
    atomic_write_bytes(folder.header, data)
    fault_points.reached("after_header_replace")
    # Past the commit point a failure must not be reported as a failed change: the new
    # header is authoritative. A stale spare copy is refreshed at the next unlock.
    with contextlib.suppress(OSError):
        atomic_write_bytes(folder.header_backup, data)
    fault_points.reached("after_header_backup")


def next_generation(folder: VaultFolder, current: int) -> int:
    return max([current, *folder.generations()]) + 1


@dataclass
class NewGeneration:
    header: VaultHeader
    dek: bytearray
    recovery_key: RecoveryKey | None


def write_generation(
    folder: VaultFolder,
    source: Connection,
    *,
    vault_id: str,
    current_generation: int,
    passphrase: bytearray,
    cost: KdfCost,
    with_recovery: bool,
    progress: Progress = _no_progress,
) -> NewGeneration:
    """Export ``source`` into the next generation under a fresh key and commit it.

    ``source`` must have no open transaction (``sqlcipher_export`` and ATTACH would commit
    it). On success the caller closes ``source`` and removes the old generation's files.
    """
    if source.in_transaction:
        raise TransactionOpen()
    generation = next_generation(folder, current_generation)
    target = folder.db_path(generation)
    remove_database_files(target)  # an orphan from an interrupted attempt
    dek = new_data_key()
    db_salt = os.urandom(16)
    try:
        progress(_("Checking your data before copying it…"))
        version = schema_version(source)
        source_digest = content_digest(source)
        fault_points.reached("before_export")
        progress(_("Writing a freshly encrypted copy…"))
        # SQLite's backup API into a destination keyed with the new key: every page is
        # re-encrypted under the new key and salt (pinned by tests/test_key_changes.py).
        destination = create_keyed(target, dek, db_salt)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            destination.close()
        fault_points.reached("after_export")

        progress(_("Verifying the new copy…"))
        problems = integrity_problems(target, dek, db_salt)
        if problems:
            raise DatabaseDamaged("new generation failed integrity checks")
        check = open_for_check(target, dek, db_salt)
        try:
            if content_digest(check) != source_digest or schema_version(check) != version:
                raise DatabaseDamaged("new generation differs from the source")
        finally:
            check.close()
        with target.open("rb") as handle:
            if handle.read(16) != db_salt:
                raise DatabaseDamaged("new generation has an unexpected salt")
        fsync_file(target)
        fsync_dir(folder.path)

        progress(_("Sealing the new key…"))
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
        if not _header_points_to(folder, generation):
            remove_database_files(target)
            wipe(dek)
        raise
    return NewGeneration(sealed.header, dek, sealed.recovery_key)


def _header_points_to(folder: VaultFolder, generation: int) -> bool:
    try:
        return VaultHeader.from_bytes(folder.header.read_bytes()).generation == generation
    except (OSError, ValueError):
        return False

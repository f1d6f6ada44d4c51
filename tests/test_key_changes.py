"""Passphrase change with data-key rotation, and the recovery key (design §4.6, §6 tests 20–21, 44)."""

from __future__ import annotations

import pytest

from conftest import PASSPHRASE, pw, unlock
from goldseam.vault import opening
from goldseam.vault.errors import (
    NoRecoveryKey,
    RecoveryKeyMalformed,
    TransactionOpen,
    WrongPassphrase,
    WrongRecoveryKey,
)
from goldseam.vault.opening import CreatedVault
from goldseam.vault.vault_folder import VaultFolder

NEW = "copper kettle sings at dawn softly"


def test_change_rotates_the_data_key_and_retires_the_old_passphrase(created: CreatedVault) -> None:
    session = created.session
    folder = session.folder
    session.save_draft("note", "before the change")
    old_dek, old_generation, old_salt = bytes(session._dek), session.header.generation, session.header.db_salt
    old_header = folder.header.read_bytes()
    new_key = session.rotate_keys(pw(), pw(NEW), with_recovery=True)
    assert new_key is not None
    assert bytes(session._dek) != old_dek and session.header.db_salt != old_salt
    assert session.header.generation == old_generation + 1
    assert folder.generations() == [old_generation + 1], "the old generation is removed"
    assert folder.header_backup.read_bytes() == folder.header.read_bytes() != old_header
    assert session.load_draft("note") == "before the change"
    session.save_draft("note", "after the change")
    session.lock()
    with pytest.raises(WrongPassphrase):
        unlock(folder, PASSPHRASE)
    again = unlock(folder, NEW)
    assert again.load_draft("note") == "after the change"
    again.lock()


def test_an_old_header_copy_cannot_open_the_new_generation(created: CreatedVault) -> None:
    """Threat A2: the ex kept a copy of the old header and knows the old passphrase."""
    session = created.session
    folder = session.folder
    old_header = folder.header.read_bytes()
    session.rotate_keys(pw(), pw(NEW), with_recovery=False)
    session.lock()
    new_header = folder.header.read_bytes()
    from goldseam.vault.header import VaultHeader

    stale = VaultHeader.from_bytes(old_header)
    current = VaultHeader.from_bytes(new_header)
    assert stale.db_salt != current.db_salt and stale.generation != current.generation
    # Even with the new database renamed to where the stale header points, the old key can't open it.
    folder.db_path(current.generation).rename(folder.db_path(stale.generation))
    folder.header.write_bytes(old_header)
    folder.header_backup.write_bytes(old_header)
    from goldseam.vault.errors import DatabaseDamaged

    with pytest.raises(DatabaseDamaged):
        unlock(folder, PASSPHRASE)


def test_change_needs_the_current_passphrase(created: CreatedVault) -> None:
    session = created.session
    before = session.folder.header.read_bytes()
    with pytest.raises(WrongPassphrase):
        session.rotate_keys(pw("not it"), pw(NEW), with_recovery=True)
    with pytest.raises(WrongPassphrase):
        session.rotate_keys(None, pw(NEW), with_recovery=True)
    assert session.folder.header.read_bytes() == before


def test_change_refuses_while_a_transaction_is_open(created: CreatedVault) -> None:
    """Design §6 test 44: export/rekey would silently commit a pending write; refuse instead."""
    session = created.session
    conn = session.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO draft VALUES ('pending', 'not yet', 'now')")
    with pytest.raises(TransactionOpen):
        session.rotate_keys(pw(), pw(NEW), with_recovery=True)
    conn.execute("ROLLBACK")
    assert session.load_draft("pending") is None


def test_recovery_key_opens_the_vault_and_requires_a_new_passphrase(created: CreatedVault) -> None:
    session = created.session
    folder = session.folder
    session.save_draft("note", "kept")
    key = created.recovery_key
    assert key is not None
    session.lock()
    recovered = opening.unlock_with_recovery_key(folder, key.formatted().lower())
    assert recovered.opened_with_recovery and recovered.load_draft("note") == "kept"
    replacement = recovered.rotate_keys(None, pw(NEW), with_recovery=True)
    recovered.lock()
    assert replacement is not None and replacement != key
    with pytest.raises(WrongRecoveryKey):
        opening.unlock_with_recovery_key(folder, key.formatted())
    with pytest.raises(WrongPassphrase):
        unlock(folder, PASSPHRASE)
    opening.unlock_with_recovery_key(folder, replacement.formatted()).lock()
    unlock(folder, NEW).lock()


def test_recovery_key_typos_and_absence_are_reported_distinctly(created: CreatedVault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = created.session.folder
    key = created.recovery_key
    assert key is not None
    created.session.lock()
    with pytest.raises(RecoveryKeyMalformed):
        opening.unlock_with_recovery_key(folder, key.formatted()[:-1])
    bare = VaultFolder(tmp_path / "bare")
    from goldseam.crypto.kdf import FLOOR_COST

    opening.create_vault(bare, pw(), cost=FLOOR_COST, with_recovery=False).session.lock()
    with pytest.raises(NoRecoveryKey):
        opening.unlock_with_recovery_key(bare, key.formatted())


def test_removing_the_recovery_key_by_changing_to_the_same_passphrase(created: CreatedVault) -> None:
    session = created.session
    folder = session.folder
    key = created.recovery_key
    assert key is not None and session.has_recovery_key
    assert session.rotate_keys(pw(), pw(), with_recovery=False) is None
    assert not session.has_recovery_key
    session.lock()
    with pytest.raises(NoRecoveryKey):
        opening.unlock_with_recovery_key(folder, key.formatted())
    unlock(folder).lock()


def test_old_generation_orphans_are_removed_but_never_the_current_wal(created: CreatedVault) -> None:
    session = created.session
    folder = session.folder
    orphan = folder.db_path(99)
    orphan.write_bytes(b"left over")
    (folder.path / "vault.99.db-journal").write_bytes(b"journal")
    session.save_draft("x", "y")
    current_wal = folder.db_path(session.header.generation).with_name(
        folder.db_path(session.header.generation).name + "-wal"
    )
    assert current_wal.exists()
    removed = folder.remove_orphans(session.header.generation)
    assert orphan in removed and current_wal.exists()
    assert not (folder.path / "vault.99.db-journal").exists()

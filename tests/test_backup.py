"""Verified backups and restore (design §4.7, §6 tests 28–30)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import PASSPHRASE, pw, unlock
from goldseam.vault import backup as backup_files
from goldseam.vault import opening
from goldseam.vault.errors import BackupDamaged, NotABackup, WrongPassphrase
from goldseam.vault.opening import CreatedVault
from goldseam.vault.sqlcipher_db import content_digest
from goldseam.vault.vault_folder import VaultFolder

CANARY = "backup-canary-Zq81"
NEW = "copper kettle sings at dawn softly"


def populate(session) -> None:  # type: ignore[no-untyped-def]
    with session.transaction() as conn:
        conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany("INSERT INTO notes(body) VALUES (?)", [(f"{CANARY} {i} " + "z" * 300,) for i in range(200)])


@pytest.fixture
def backed_up(created: CreatedVault, tmp_path: Path) -> tuple[CreatedVault, Path, dict]:  # type: ignore[type-arg]
    populate(created.session)
    digest = content_digest(created.session.conn)
    (tmp_path / "out").mkdir()
    info = created.session.backup_to(tmp_path / "out" / "one.gsbackup")
    assert info.path.exists()
    return created, info.path, digest


def test_round_trip_restores_identical_content(backed_up, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Design §6 test 28: restore into a new folder gives row-by-row identical content."""
    _created, bundle, digest = backed_up
    restored = opening.restore_backup(VaultFolder(tmp_path / "restored"), bundle, passphrase=pw())
    try:
        assert content_digest(restored.session.conn) == digest
        assert restored.previous_copy is None
        assert restored.recovery_key is not None
    finally:
        restored.session.lock()


def test_backup_opens_with_the_passphrase_of_its_time(backed_up, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    created, bundle, _digest = backed_up
    created.session.rotate_keys(pw(), pw(NEW), with_recovery=False)
    with pytest.raises(WrongPassphrase):
        opening.restore_backup(VaultFolder(tmp_path / "r1"), bundle, passphrase=pw(NEW))
    opening.restore_backup(VaultFolder(tmp_path / "r2"), bundle, passphrase=pw(PASSPHRASE)).session.lock()


def test_backup_of_its_time_also_opens_with_that_recovery_key(backed_up, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    created, bundle, digest = backed_up
    key = created.recovery_key
    assert key is not None
    restored = opening.restore_backup(
        VaultFolder(tmp_path / "r"), bundle, recovery_text=key.formatted(), new_passphrase=pw(NEW)
    )
    try:
        assert content_digest(restored.session.conn) == digest
    finally:
        restored.session.lock()
    unlock(VaultFolder(tmp_path / "r"), NEW).lock()


def test_restore_over_a_vault_keeps_the_previous_one(backed_up) -> None:  # type: ignore[no-untyped-def]
    created, bundle, digest = backed_up
    session = created.session
    folder = session.folder
    session.save_draft("after-backup", "written after the backup")
    session.lock()
    restored = opening.restore_backup(folder, bundle, passphrase=pw())
    try:
        assert content_digest(restored.session.conn) == digest
        assert restored.session.load_draft("after-backup") is None
        previous = restored.previous_copy
        assert previous is not None and previous.parent == folder.path
    finally:
        restored.session.lock()
    kept = VaultFolder(previous)
    old = unlock(kept)
    try:
        assert old.load_draft("after-backup") == "written after the backup"
    finally:
        old.lock()


def corrupt(bundle: Path, how: str) -> None:
    data = bytearray(bundle.read_bytes())
    header = backup_files.read_backup_header(bundle)
    if how == "truncate-page":
        data = data[:-4096]
    elif how == "append":
        data += os.urandom(4096)
    elif how == "flip":
        data[header.offset + 5000] ^= 0x01
    elif how == "header-flip":
        data[20] ^= 0x01
    elif how == "bad-magic":
        data[0:4] = b"ZZZZ"
    elif how == "empty":
        data = bytearray()
    bundle.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncate-page", "append", "flip", "header-flip"])
def test_tampered_backups_are_refused_as_damaged(backed_up, tmp_path: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    """Design §6 test 29: never "wrong passphrase", and nothing is written to the target folder."""
    _created, bundle, _digest = backed_up
    corrupt(bundle, how)
    target = VaultFolder(tmp_path / "target")
    with pytest.raises(BackupDamaged) as info:
        opening.restore_backup(target, bundle, passphrase=pw())
    assert not isinstance(info.value, WrongPassphrase)
    assert not target.path.exists() or not target.has_any_vault_file()


def test_a_snapshot_page_replaced_by_an_older_version_is_caught_by_the_mac(created: CreatedVault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = created.session
    populate(session)
    (tmp_path / "out").mkdir()
    first = session.backup_to(tmp_path / "out" / "first.gsbackup").path
    with session.transaction() as conn:
        conn.execute("UPDATE notes SET body = 'changed ' || id")
    second = session.backup_to(tmp_path / "out" / "second.gsbackup").path
    a, b = first.read_bytes(), bytearray(second.read_bytes())
    ha, hb = backup_files.read_backup_header(first), backup_files.read_backup_header(second)
    page = 4096 * 3
    b[hb.offset + page : hb.offset + page + 4096] = a[ha.offset + page : ha.offset + page + 4096]
    second.write_bytes(bytes(b))
    with pytest.raises(BackupDamaged):
        opening.restore_backup(VaultFolder(tmp_path / "t"), second, passphrase=pw())


@pytest.mark.parametrize("how", ["bad-magic", "empty"])
def test_files_that_are_not_backups_say_so(backed_up, how: str) -> None:  # type: ignore[no-untyped-def]
    _created, bundle, _digest = backed_up
    corrupt(bundle, how)
    with pytest.raises(NotABackup):
        backup_files.read_backup_header(bundle)


def test_backup_contains_no_plaintext(backed_up) -> None:  # type: ignore[no-untyped-def]
    """Design §6 test 30: the bundle holds only ciphertext and the (non-secret) header."""
    _created, bundle, _digest = backed_up
    data = bundle.read_bytes()
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert CANARY.encode(encoding) not in data
    assert b"SQLite format 3" not in data


def test_backup_api_refuses_an_unkeyed_destination(created: CreatedVault, tmp_path: Path) -> None:
    """Pinned SQLCipher behaviour: an accidental plaintext copy via the backup API fails."""
    import sqlcipher3.dbapi2 as sqlcipher

    plain = sqlcipher.connect(str(tmp_path / "plain.db"))
    with pytest.raises(sqlcipher.OperationalError):
        created.session.conn.backup(plain)
    plain.close()


def test_failed_backup_never_replaces_a_good_one(backed_up, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    created, bundle, _digest = backed_up
    good = bundle.read_bytes()

    def fail(*_args, **_kwargs) -> None:  # type: ignore[no-untyped-def]
        raise BackupDamaged("simulated verification failure")

    monkeypatch.setattr(backup_files, "verify_backup_mac", fail)
    with pytest.raises(BackupDamaged):
        created.session.backup_to(bundle)
    assert bundle.read_bytes() == good
    assert not list(bundle.parent.glob("*.partial"))


def test_automatic_backups_keep_a_rolling_week(created: CreatedVault) -> None:
    session = created.session
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    made = [session.auto_backup_if_due(now=start + timedelta(days=day)) for day in range(10)]
    assert all(made)
    assert session.auto_backup_if_due(now=start + timedelta(days=9, hours=3)) is None
    kept = session.auto_backups()
    assert len(kept) == 7
    assert [p.name for p in kept] == [p.name for p in made[-7:] if p is not None]


def test_restore_refuses_a_backup_from_a_newer_goldseam(backed_up, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from goldseam.storage import migrations
    from goldseam.vault.errors import NewerFormat

    _created, bundle, _digest = backed_up
    # Pretend this build only knows schema version 0, so the backup's version 1 is "newer".
    monkeypatch.setattr(migrations, "LADDER", (migrations.Migration(0, "older build", lambda conn: None),))
    with pytest.raises(NewerFormat):
        opening.restore_backup(VaultFolder(tmp_path / "t"), bundle, passphrase=pw())


def test_backup_of_a_vault_with_a_recovery_key_keeps_it_in_the_copy(created: CreatedVault, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    info = created.session.backup_to(tmp_path / "out" / "b")
    assert info.path.suffix == ".gsbackup"
    header = backup_files.read_backup_header(info.path)
    assert header.vault_header.recovery is not None
    assert header.vault_header.generation == created.session.header.generation

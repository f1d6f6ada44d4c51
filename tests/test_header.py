"""The header format: canonical, checksummed, and bound to the key wraps (design §4.2)."""

from __future__ import annotations

import hashlib
import json

import pytest

from conftest import PASSPHRASE, pw, unlock
from goldseam.crypto.kdf import FLOOR_COST
from goldseam.vault import opening
from goldseam.vault.errors import HeaderDamaged, NewerFormat, WrongPassphrase
from goldseam.vault.header import HeaderInvalid, HeaderTooNew, VaultHeader, canonical_json
from goldseam.vault.vault_folder import VaultFolder


def rewrite(folder: VaultFolder, mutate, *, fix_checksum: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Edit both header copies as an attacker would, optionally recomputing the checksum."""
    for path in (folder.header, folder.header_backup):
        obj = json.loads(path.read_bytes())
        mutate(obj)
        if fix_checksum:
            obj.pop("checksum")
            obj["checksum"] = hashlib.sha256(canonical_json(obj)).hexdigest()
        path.write_bytes(canonical_json(obj) + b"\n")


def test_new_header_parameters(locked_vault: VaultFolder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Design §6 test 1: argon2id v19, m ≥ 64 MiB, t ≥ 3, 16-byte salts; two vaults never share salts or keys."""
    header = VaultHeader.from_bytes(locked_vault.header.read_bytes())
    obj = json.loads(locked_vault.header.read_bytes())
    assert obj["kdf"]["alg"] == "argon2id" and obj["kdf"]["v"] == 19
    assert header.kdf.cost.memory_kib >= 65536 and header.kdf.cost.iterations >= 3 and header.kdf.cost.lanes >= 1
    assert len(header.kdf.salt) == 16 and len(header.db_salt) == 16
    other = opening.create_vault(VaultFolder(tmp_path / "other"), pw(), cost=FLOOR_COST)
    try:
        second = other.session.header
        assert second.kdf.salt != header.kdf.salt and second.db_salt != header.db_salt
        first_session = unlock(locked_vault)
        try:
            assert bytes(first_session._dek) != bytes(other.session._dek)
        finally:
            first_session.lock()
    finally:
        other.session.lock()


def test_round_trip_is_canonical(locked_vault: VaultFolder) -> None:
    data = locked_vault.header.read_bytes()
    assert VaultHeader.from_bytes(data).to_bytes() == data
    assert locked_vault.header_backup.read_bytes() == data


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-20],
        lambda b: b[:10],
        lambda b: b"",
        lambda b: b.replace(b'"generation":1', b'"generation":2'),
        lambda b: b"\xff" + b[1:],
        lambda b: b[:40] + bytes([b[40] ^ 0x20]) + b[41:],
    ],
)
def test_damaged_bytes_are_invalid_not_a_wrong_passphrase(locked_vault: VaultFolder, damage) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(HeaderInvalid):
        VaultHeader.from_bytes(damage(locked_vault.header.read_bytes()))


def test_unknown_fields_are_rejected(locked_vault: VaultFolder) -> None:
    rewrite(locked_vault, lambda obj: obj.update(extra="x"))
    with pytest.raises(HeaderDamaged):
        unlock(locked_vault)


def test_newer_format_version_is_refused_not_misread(locked_vault: VaultFolder) -> None:
    rewrite(locked_vault, lambda obj: obj.update(version=2))
    with pytest.raises(HeaderTooNew):
        VaultHeader.from_bytes(locked_vault.header.read_bytes())
    with pytest.raises(NewerFormat):
        unlock(locked_vault)


def test_lowered_kdf_memory_with_valid_checksum_fails_closed(locked_vault: VaultFolder) -> None:
    """Design §6 test 11: a downgrade below the floor is refused before deriving anything."""
    rewrite(locked_vault, lambda obj: obj["kdf"].update(m_kib=8192))
    with pytest.raises(HeaderDamaged):
        unlock(locked_vault)


def test_changed_cost_within_range_fails_the_tag(locked_vault: VaultFolder) -> None:
    """Raising t (still a valid cost) changes the associated data, so the wrap no longer opens."""
    rewrite(locked_vault, lambda obj: obj["kdf"].update(t=obj["kdf"]["t"] + 1))
    with pytest.raises(WrongPassphrase):
        unlock(locked_vault)


@pytest.mark.parametrize("field", ["db_salt", "vault_id"])
def test_edited_bound_fields_fail_the_tag(locked_vault: VaultFolder, field: str) -> None:
    def mutate(obj):  # type: ignore[no-untyped-def]
        if field == "db_salt":
            obj["db_salt"] = "AAAAAAAAAAAAAAAAAAAAAA=="
        else:
            obj["vault_id"] = "0" * 32

    rewrite(locked_vault, mutate)
    with pytest.raises(WrongPassphrase):
        unlock(locked_vault)


def test_db_file_pointing_elsewhere_is_rejected(locked_vault: VaultFolder) -> None:
    """The file name must match the generation; a path like ../x is never opened."""
    rewrite(locked_vault, lambda obj: obj.update(db_file="../elsewhere.db"))
    with pytest.raises(HeaderDamaged):
        unlock(locked_vault)


def test_swapping_wraps_between_slots_fails(created) -> None:  # type: ignore[no-untyped-def]
    """The recovery wrap cannot be used as the passphrase wrap: each slot has its own AAD."""
    folder = created.session.folder
    created.session.lock()

    def swap(obj):  # type: ignore[no-untyped-def]
        wraps = obj["wraps"]
        wraps["passphrase"], wraps["recovery"] = wraps["recovery"], wraps["passphrase"]

    rewrite(folder, swap)
    with pytest.raises(WrongPassphrase):
        unlock(folder, PASSPHRASE)

"""Single-file, verified, encrypted backups (``*.gsbackup``).

Layout: ``b"GSBK" | u8 version | u32 header length | header JSON | snapshot``.

The snapshot is a ``VACUUM INTO`` copy of the database, still encrypted with the vault's
data key. The header carries a copy of the vault header (so the passphrase valid at backup
time opens it), the snapshot length and an HMAC over header and snapshot keyed from the
data key. The MAC catches what SQLCipher alone misses: truncation at a page boundary,
appended pages and a page rolled back to an older version.

A backup is written to ``<name>.partial`` next to its destination, verified (MAC, and both
integrity checks on fresh connections), synced and only then renamed into place, so an
older good backup is never replaced by an unverified one.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from goldseam import __version__
from goldseam.crypto.secret_buffer import wipe
from goldseam.i18n import _
from goldseam.storage.migrations import latest_version, schema_version
from goldseam.vault import fault_points
from goldseam.vault.atomic_files import PARTIAL_SUFFIX, fsync_dir, full_fsync, replace_with_retry
from goldseam.vault.errors import BackupDamaged, NewerFormat, NotABackup
from goldseam.vault.header import HeaderInvalid, HeaderTooNew, VaultHeader, canonical_json
from goldseam.vault.sqlcipher_db import Connection, integrity_problems, open_for_check

BUNDLE_MAGIC = b"GSBK"
BUNDLE_VERSION = 1
HEADER_MAGIC = "GOLDSEAM-BACKUP"
MAX_BUNDLE_HEADER = 1024 * 1024
SUFFIX = ".gsbackup"
_PREFIX = struct.Struct(">4sBI")
_CHUNK = 1024 * 1024

Progress = Callable[[str], None]


def _no_progress(_message: str) -> None:
    return None


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    created_utc: str
    generation: int
    schema_version: int


@dataclass(frozen=True)
class BackupHeader:
    vault_header: VaultHeader
    schema_version: int
    app_version: str
    created_utc: str
    snapshot_len: int
    snapshot_mac: str
    offset: int  # where the snapshot starts in the file

    def mac_input(self) -> bytes:
        return canonical_json(
            _bound_fields(self.vault_header, self.schema_version, self.app_version, self.created_utc, self.snapshot_len)
        )


def _bound_fields(
    vault_header: VaultHeader, version: int, app_version: str, created: str, length: int
) -> dict[str, Any]:
    return {
        "magic": HEADER_MAGIC,
        "version": BUNDLE_VERSION,
        "vault_header": json.loads(vault_header.to_bytes()),
        "schema_version": version,
        "app_version": app_version,
        "created_utc": created,
        "snapshot_len": length,
    }


def new_mac(dek: bytearray, bound: bytes) -> hmac.HMAC:
    """HMAC-SHA256 keyed with HKDF(DEK, "goldseam backup mac v1"), primed with the bound header."""
    key = bytearray(32)
    HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"goldseam backup mac v1").derive_into(dek, key)
    try:
        return hmac.new(key, bound, hashlib.sha256)
    finally:
        wipe(key)


def _copy_with_mac(source: BinaryIO, target: BinaryIO | None, mac: hmac.HMAC, length: int) -> int:
    copied = 0
    while copied < length:
        chunk = source.read(min(_CHUNK, length - copied))
        if not chunk:
            break
        mac.update(chunk)
        if target is not None:
            target.write(chunk)
        copied += len(chunk)
    return copied


def write_backup(
    conn: Connection,
    vault_header: VaultHeader,
    dek: bytearray,
    destination: Path,
    progress: Progress = _no_progress,
) -> BackupInfo:
    """Write a verified backup of the open vault to ``destination`` (atomically)."""
    destination = destination.with_suffix(SUFFIX) if destination.suffix != SUFFIX else destination
    partial = destination.with_name(destination.name + PARTIAL_SUFFIX)
    snapshot = destination.with_name("." + destination.name + ".snapshot" + PARTIAL_SUFFIX)
    for stale in (partial, snapshot):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    try:
        progress(_("Taking a consistent snapshot…"))
        conn.execute("VACUUM INTO ?", (str(snapshot),))
        fault_points.reached("backup_after_snapshot")
        progress(_("Checking the snapshot…"))
        if integrity_problems(snapshot, dek, vault_header.db_salt):
            raise BackupDamaged("snapshot failed integrity checks")
        check = open_for_check(snapshot, dek, vault_header.db_salt)
        try:
            version = schema_version(check)
        finally:
            check.close()

        progress(_("Writing the backup file…"))
        created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        length = snapshot.stat().st_size
        bound = _bound_fields(vault_header, version, __version__, created, length)
        mac = new_mac(dek, canonical_json(bound))
        with snapshot.open("rb") as source, partial.open("xb") as target:
            placeholder = {**bound, "snapshot_mac": "0" * 64}
            header_bytes = _header_bytes(placeholder)
            target.write(_PREFIX.pack(BUNDLE_MAGIC, BUNDLE_VERSION, len(header_bytes)))
            target.write(header_bytes)
            if _copy_with_mac(source, target, mac, length) != length:
                raise BackupDamaged("snapshot changed while copying")
            final_header = _header_bytes({**bound, "snapshot_mac": mac.hexdigest()})
            if len(final_header) != len(header_bytes):
                raise AssertionError("backup header length changed")
            target.seek(_PREFIX.size)
            target.write(final_header)
            target.flush()
            full_fsync(target.fileno())
        fault_points.reached("backup_before_verify")

        progress(_("Verifying the backup file…"))
        header = read_backup_header(partial)
        verify_backup_mac(partial, header, dek)
        replace_with_retry(partial, destination)
        fsync_dir(destination.parent)
        fault_points.reached("backup_after_rename")
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    finally:
        with contextlib.suppress(OSError):
            snapshot.unlink()
    return BackupInfo(destination, destination.stat().st_size, created, vault_header.generation, version)


def _header_bytes(fields: dict[str, Any]) -> bytes:
    body = dict(fields)
    body["checksum"] = hashlib.sha256(canonical_json(body)).hexdigest()
    return canonical_json(body)


def read_backup_header(path: Path) -> BackupHeader:
    """Parse and sanity-check a bundle's header (no key needed). Raises ``BackupDamaged``."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            prefix = handle.read(_PREFIX.size)
            if len(prefix) < _PREFIX.size or prefix[:4] != BUNDLE_MAGIC:
                raise NotABackup("no magic")
            _magic, version, header_len = _PREFIX.unpack(prefix)
            if version > BUNDLE_VERSION:
                raise NewerFormat()
            if header_len > MAX_BUNDLE_HEADER:
                raise BackupDamaged("header length")
            raw = handle.read(header_len)
    except OSError as error:
        raise BackupDamaged(f"unreadable: {error.strerror}") from error
    if len(raw) != header_len:
        raise BackupDamaged("truncated header")
    try:
        obj = json.loads(raw.decode("ascii"))
        checksum = obj.pop("checksum")
        if hashlib.sha256(canonical_json(obj)).hexdigest() != checksum:
            raise BackupDamaged("header checksum")
        if obj["magic"] != HEADER_MAGIC or obj["version"] != BUNDLE_VERSION:
            raise BackupDamaged("header magic")
        vault_header = VaultHeader.from_bytes(canonical_json(obj["vault_header"]))
        header = BackupHeader(
            vault_header=vault_header,
            schema_version=int(obj["schema_version"]),
            app_version=str(obj["app_version"]),
            created_utc=str(obj["created_utc"]),
            snapshot_len=int(obj["snapshot_len"]),
            snapshot_mac=str(obj["snapshot_mac"]),
            offset=_PREFIX.size + header_len,
        )
    except HeaderTooNew as error:
        raise NewerFormat() from error
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, HeaderInvalid) as error:
        if isinstance(error, BackupDamaged):
            raise
        raise BackupDamaged(f"header: {type(error).__name__}") from error
    if header.schema_version > latest_version():
        raise NewerFormat()
    if size != header.offset + header.snapshot_len:
        raise BackupDamaged("file length does not match (truncated or appended)")
    return header


def verify_backup_mac(path: Path, header: BackupHeader, dek: bytearray) -> None:
    mac = new_mac(dek, header.mac_input())
    try:
        with path.open("rb") as handle:
            handle.seek(header.offset)
            copied = _copy_with_mac(handle, None, mac, header.snapshot_len)
    except OSError as error:
        raise BackupDamaged(f"unreadable: {error.strerror}") from error
    if copied != header.snapshot_len or not hmac.compare_digest(mac.hexdigest(), header.snapshot_mac):
        raise BackupDamaged("MAC mismatch")


def extract_snapshot(path: Path, header: BackupHeader, dek: bytearray, target: Path) -> None:
    """Copy the snapshot out, checking the MAC on the bytes actually written."""
    mac = new_mac(dek, header.mac_input())
    with path.open("rb") as source, target.open("xb") as out:
        source.seek(header.offset)
        copied = _copy_with_mac(source, out, mac, header.snapshot_len)
        out.flush()
        full_fsync(out.fileno())
    if copied != header.snapshot_len or not hmac.compare_digest(mac.hexdigest(), header.snapshot_mac):
        with contextlib.suppress(OSError):
            target.unlink()
        raise BackupDamaged("MAC mismatch")

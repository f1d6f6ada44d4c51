"""Startup check of the cryptographic building blocks.

Goldseam refuses to open any vault if the SQLCipher build is not what the design assumes
(SQLCipher 4 with ``TEMP_STORE`` 2 or 3, so temporary tables never spill plaintext to
disk), if Argon2id is unavailable, or if the crypto provider is on the denylist.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import sqlcipher3.dbapi2 as sqlcipher

from goldseam.vault.errors import SelfCheckFailed

# OpenSSL branches with known-vulnerable or unsupported status. 3.6 reached end of support
# on 2026-11-01; SQLCipher uses only AES/HMAC/PBKDF2 from it, so it warns rather than fails
# until a wheel with a supported branch is available (tracked in CHANGELOG.md).
PROVIDER_DENYLIST = (re.compile(r"^OpenSSL (1\.|3\.0\.[0-6]\b|3\.1\.[0-4]\b)"),)
PROVIDER_WARNLIST = (re.compile(r"^OpenSSL 3\.6\."),)


@dataclass
class EngineReport:
    cipher_version: str = ""
    provider_version: str = ""
    compile_options: list[str] = field(default_factory=list)
    argon2id: bool = False
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _probe_connection(memory_security: bool = True) -> tuple[str, str, list[str]]:
    """Engine facts from a throwaway keyed in-memory database. ``memory_security`` is False only
    in the benchmark's what-if run (the setting is process-wide and cannot be undone)."""
    conn = sqlcipher.connect(":memory:", isolation_level=None)
    try:
        key = bytearray(b"x'" + b"0" * 96 + b"'")
        conn.set_key(key)
        key[:] = bytes(len(key))
        if memory_security:
            conn.execute("PRAGMA cipher_memory_security = ON")
        version = str(conn.execute("PRAGMA cipher_version").fetchone()[0] or "")
        provider = str(conn.execute("PRAGMA cipher_provider_version").fetchone()[0] or "")
        options = [str(row[0]) for row in conn.execute("PRAGMA compile_options")]
    finally:
        conn.close()
    return version, provider, options


def _argon2id_available() -> bool:
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        Argon2id(salt=os.urandom(16), length=32, iterations=1, lanes=1, memory_cost=8).derive(b"probe")
    except Exception:
        return False
    return True


def inspect_engine() -> EngineReport:
    report = EngineReport()
    try:
        report.cipher_version, report.provider_version, report.compile_options = _probe_connection()
    except Exception as error:
        report.problems.append(f"SQLCipher is not usable ({type(error).__name__})")
        return report
    if not report.cipher_version.startswith("4."):
        report.problems.append(f"SQLCipher 4 is required, found '{report.cipher_version or 'none'}'")
    if "HAS_CODEC" not in report.compile_options:
        report.problems.append("the SQLite library has no encryption codec")
    if not any(opt in ("TEMP_STORE=2", "TEMP_STORE=3") for opt in report.compile_options):
        report.problems.append("SQLCipher is not built with TEMP_STORE=2 or 3")
    if any(p.search(report.provider_version) for p in PROVIDER_DENYLIST):
        report.problems.append(f"crypto provider '{report.provider_version}' is on the denylist")
    elif any(p.search(report.provider_version) for p in PROVIDER_WARNLIST):
        report.warnings.append(f"crypto provider '{report.provider_version}' is past its end of support")
    report.argon2id = _argon2id_available()
    if not report.argon2id:
        report.problems.append("Argon2id is not available in the cryptography package")
    return report


_CACHED: EngineReport | None = None


def require_engine() -> EngineReport:
    """Run the check once per process and raise ``SelfCheckFailed`` if anything is wrong."""
    global _CACHED
    if _CACHED is None:
        _CACHED = inspect_engine()
    if not _CACHED.ok:
        raise SelfCheckFailed(_CACHED.problems)
    return _CACHED


def reset_cache() -> None:
    global _CACHED
    _CACHED = None

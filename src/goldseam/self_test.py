"""``goldseam --self-test``: prove this installation can keep a vault safe.

Headless and self-contained, so packaged builds can run it on every OS: checks the
SQLCipher build and Argon2id, then creates a throwaway vault in a temporary folder, writes,
locks, unlocks, reads back, checks a wrong passphrase is classified as such, makes and
verifies a backup, and scans the files for the plaintext it wrote.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from goldseam import __version__, i18n
from goldseam.crypto.kdf import FLOOR_COST
from goldseam.vault import opening
from goldseam.vault.errors import WrongPassphrase
from goldseam.vault.self_check import inspect_engine
from goldseam.vault.vault_folder import VaultFolder

Report = Callable[[str], None]

_MARKER = "goldseam-self-test-marker-7Q2F"


def run_self_test(report: Report = print) -> bool:
    report(f"Goldseam {__version__} self-test")
    failures: list[str] = []

    def step(name: str, action: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail = action()
        except Exception as error:  # report and continue with the next step
            failures.append(name)
            report(f"FAIL {name}: {type(error).__name__}: {error}")
            return
        report(f"ok   {name}: {detail} ({(time.perf_counter() - start) * 1000:.0f} ms)")

    engine = inspect_engine()

    def check_engine() -> str:
        if not engine.ok:
            raise RuntimeError("; ".join(engine.problems))
        temp = next(o for o in engine.compile_options if o.startswith("TEMP_STORE"))
        return f"SQLCipher {engine.cipher_version}, {engine.provider_version}, {temp}, Argon2id present"

    step("encryption engine", check_engine)
    for warning in engine.warnings:
        report(f"warn {warning}")
    if not engine.ok:
        report("FAILED: " + ", ".join(failures))
        return False

    root = Path(tempfile.mkdtemp(prefix="goldseam-self-test-"))
    folder = VaultFolder(root / "vault")
    passphrase = "self test passphrase: quiet harbour lantern"
    try:

        def create_and_write() -> str:
            created = opening.create_vault(folder, bytearray(passphrase.encode()), cost=FLOOR_COST)
            session = created.session
            session.save_draft("self-test", _MARKER)
            session.lock()
            return "created, wrote, locked"

        def unlock_and_read() -> str:
            session = opening.unlock_vault(folder, bytearray(passphrase.encode()))
            try:
                if session.load_draft("self-test") != _MARKER:
                    raise RuntimeError("read back different data")
                info = session.backup_to(root / "self-test.gsbackup")
            finally:
                session.lock()
            return f"unlocked, read back, backup of {info.size} bytes verified"

        def wrong_passphrase() -> str:
            try:
                opening.unlock_vault(folder, bytearray(b"not the passphrase"))
            except WrongPassphrase:
                return "classified correctly"
            raise RuntimeError("a wrong passphrase was not refused")

        def no_plaintext() -> str:
            needle = _MARKER.encode()
            for path in root.rglob("*"):
                if path.is_file() and needle in path.read_bytes():
                    raise RuntimeError(f"plaintext found in {path.name}")
            return "no plaintext in the vault files or the backup"

        def catalogs() -> str:
            languages = i18n.shipped_language_codes()
            for code in languages:
                i18n.load_catalog(code)
            return "languages: " + ", ".join(languages)

        step("create vault", create_and_write)
        step("unlock and read", unlock_and_read)
        step("wrong passphrase", wrong_passphrase)
        step("leak scan", no_plaintext)
        step("translations", catalogs)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        report("FAILED: " + ", ".join(failures))
        return False
    report("Self-test passed.")
    return True

"""Leak controls: no key material or private text escapes the vault (vault-security.md §2.7, §3.6, §4.5, §4.9).

Covers the design's test list §6, items 6, 7, 26, 31, 32, 33, 34, 35, 36 and 40. Item 39 (process
hardening) is in ``test_hardening.py``. Heavy or process-wide checks run in subprocesses through
the helper scripts ``leak_memscan_script.py``, ``leak_tempfile_script.py`` and
``leak_gui_session_script.py``.

A "canary" is a unique marker written through the app; scans look for it in UTF-8, UTF-16LE
and UTF-16BE. Every detector here has a positive control that proves it can find a leak.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from conftest import PASSPHRASE, PYTHON, pw, python_subprocess_env, unlock
from goldseam.crypto import kdf
from goldseam.crypto.kdf import FLOOR_COST
from goldseam.crypto.recovery_key import RecoveryKey
from goldseam.settings_schema import ALLOWED_KEYS
from goldseam.vault import generations, opening, sqlcipher_db, vault_session
from goldseam.vault.errors import DatabaseDamaged, VaultAlreadyOpen, WrongPassphrase
from goldseam.vault.instance_lock import InstanceLock
from goldseam.vault.opening import CreatedVault
from goldseam.vault.sqlcipher_db import build_key_spec
from goldseam.vault.vault_folder import VaultFolder

HERE = Path(__file__).resolve().parent
NEW_PASSPHRASE = "a different, equally long passphrase for rotation"
LINUX = sys.platform.startswith("linux")
linux_only = pytest.mark.skipif(not LINUX, reason="uses /proc, inotify or Linux core-dump semantics")


# -- helpers ------------------------------------------------------------------------------------


def make_canary(tag: str) -> str:
    """A unique marker; the non-ASCII tail makes the UTF-16 scans meaningful."""
    return f"GSCANARY-{tag}-{secrets.token_hex(6)}-Kanarienvögel"


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def hits_in(data: bytes, needles: dict[str, str]) -> list[str]:
    """Names of the needles found in ``data`` in any of the three encodings."""
    return [name for name, text in needles.items() if any(form in data for form in encodings(text))]


def scan_tree(root: Path, needles: dict[str, str]) -> dict[str, list[str]]:
    """``{relative path: [needle names]}`` for every file under ``root`` that holds a needle."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            names = hits_in(path.read_bytes(), needles)
            if names:
                found[str(path.relative_to(root))] = names
    return found


def hex_forms(name: str, secret: bytes) -> dict[str, str]:
    """Lower- and upper-case hex of a secret, as scan needles."""
    return {f"{name} hex": secret.hex(), f"{name} HEX": secret.hex().upper()}


def run_helper(script: str, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [PYTHON, str(HERE / script), *args],
        env=python_subprocess_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{script} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


@dataclass
class KekRecorder:
    """Copies of every key-encryption key derived while installed (fine outside memory scans)."""

    keks: list[tuple[str, bytes]]

    @classmethod
    def install(cls, monkeypatch: pytest.MonkeyPatch) -> KekRecorder:
        recorder = cls([])
        real_derive = kdf.derive_kek
        real_recovery = RecoveryKey.derive_kek

        def derive_kek(passphrase: bytearray, params: kdf.KdfParams) -> bytearray:
            out = real_derive(passphrase, params)
            recorder.keks.append(("passphrase KEK", bytes(out)))
            return out

        def recovery_kek(key: RecoveryKey, salt: bytes) -> bytearray:
            out = real_recovery(key, salt)
            recorder.keks.append(("recovery KEK", bytes(out)))
            return out

        for module in (opening, generations, vault_session):
            monkeypatch.setattr(module, "derive_kek", derive_kek)
        monkeypatch.setattr(RecoveryKey, "derive_kek", recovery_kek)
        return recorder


def test_canary_scanner_finds_every_encoding(tmp_path: Path) -> None:
    """Positive control for the file scans below: each encoding of a canary is found, and only it."""
    canary = make_canary("control")
    for number, data in enumerate(encodings(canary)):
        (tmp_path / f"plain{number}.bin").write_bytes(b"\0prefix" + data + b"suffix\0")
    (tmp_path / "clean.bin").write_bytes(os.urandom(4096))
    found = scan_tree(tmp_path, {"canary": canary})
    assert found == {f"plain{n}.bin": ["canary"] for n in range(3)}


# -- test 6: no key material in SQL ---------------------------------------------------------------


@dataclass
class TracedLifecycle:
    statements: list[str]
    deks: list[bytes]
    keks: list[tuple[str, bytes]]
    salts: list[bytes]
    canary: str


@pytest.fixture(scope="module")
def traced_lifecycle(tmp_path_factory: pytest.TempPathFactory) -> TracedLifecycle:
    """Create, unlock, write, back up, rotate, unlock with the recovery key and restore, tracing every
    statement on every connection the vault opens (``set_trace_callback`` on ``_raw_connect``)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        return run_traced_lifecycle(tmp_path_factory.mktemp("traced"), monkeypatch)


def run_traced_lifecycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TracedLifecycle:
    statements: list[str] = []
    real_connect = sqlcipher_db._raw_connect

    def traced_connect(path: Path, mode: str) -> Any:
        conn = real_connect(path, mode)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlcipher_db, "_raw_connect", traced_connect)
    recorder = KekRecorder.install(monkeypatch)
    canary = make_canary("sql")
    folder = VaultFolder(tmp_path / "vault")
    deks, salts = [], []

    created = opening.create_vault(folder, pw(), cost=FLOOR_COST)
    deks.append(bytes(created.session._dek))
    salts.append(created.session.header.db_salt)
    created.session.save_draft("journal", canary)
    created.session.lock()

    session = unlock(folder)
    session.save_draft("journal", canary + " edited")
    assert session.load_draft("journal") == canary + " edited"
    session.backup_to(tmp_path / "traced.gsbackup")
    recovery = session.rotate_keys(pw(), pw(NEW_PASSPHRASE), with_recovery=True)
    assert recovery is not None
    deks.append(bytes(session._dek))
    salts.append(session.header.db_salt)
    session.save_draft("after rotation", canary)
    session.lock()

    by_recovery = opening.unlock_with_recovery_key(folder, recovery.formatted())
    by_recovery.lock()
    restored = opening.restore_backup(VaultFolder(tmp_path / "restored"), tmp_path / "traced.gsbackup", passphrase=pw())
    deks.append(bytes(restored.session._dek))
    salts.append(restored.session.header.db_salt)
    restored.session.lock()
    return TracedLifecycle(statements, deks, list(recorder.keks), salts, canary)


def test_06_no_key_material_in_traced_sql(traced_lifecycle: TracedLifecycle) -> None:
    """Test 6: across create, unlock, write, backup, rotate, recovery unlock and restore, no SQL statement
    SQLite ran contains a data key or a key-encryption key as hex (either case) or either passphrase.

    Keys reach SQLCipher through ``set_key(bytearray)`` and bound parameters, never as SQL text."""
    life = traced_lifecycle
    assert any(s.startswith("INSERT INTO draft") for s in life.statements), "trace captured nothing useful"
    assert len(set(life.deks)) >= 3, "create, rotation and restore should each have made a data key"
    assert not any(s.upper().startswith("ATTACH") for s in life.statements), "keys must not travel through ATTACH"
    assert {kind for kind, _key in life.keks} == {"passphrase KEK", "recovery KEK"}
    secrets_hex = [key.hex() for key in life.deks] + [key.hex() for _kind, key in life.keks]
    for statement in life.statements:
        lowered = statement.lower()
        for key_hex in secrets_hex:
            assert key_hex not in lowered, f"key hex in SQL: {statement[:80]}…"
        assert PASSPHRASE not in statement and NEW_PASSPHRASE not in statement


def test_06_no_key_material_in_expanded_bound_parameters(traced_lifecycle: TracedLifecycle) -> None:
    """Test 6, second half: the data key must not appear in any reversible encoding either. A bound
    key spec is expanded by SQLite as a blob literal, i.e. hex of the ASCII ``x'<key hex><salt hex>'``."""
    life = traced_lifecycle
    for dek, salt in zip(life.deks, life.salts, strict=True):
        spec_blob_hex = bytes(build_key_spec(bytearray(dek), salt)).hex()
        dek_ascii_hex = dek.hex().encode("ascii").hex()
        for statement in life.statements:
            lowered = statement.lower()
            assert spec_blob_hex not in lowered and dek_ascii_hex not in lowered, statement[:120]


# -- test 7: key material in memory after lock ------------------------------------------------------


@pytest.fixture(scope="module")
def memscan_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A vault created (and locked) by the memory-scan helper, plus that run's own scan report."""
    root = tmp_path_factory.mktemp("memscan")
    result = run_helper("leak_memscan_script.py", str(root / "vault"), "create")
    return root, json.loads(result.stdout.strip().splitlines()[-1])


def memscan(memscan_vault: tuple[Path, dict[str, Any]], tmp_path: Path, scenario: str) -> dict[str, Any]:
    root, create_report = memscan_vault
    if scenario == "create":
        return create_report
    shutil.copytree(root / "vault", tmp_path / "vault")
    shutil.copy2(root / "recovery.txt", tmp_path / "recovery.txt")
    result = run_helper("leak_memscan_script.py", str(tmp_path / "vault"), scenario)
    return json.loads(result.stdout.strip().splitlines()[-1])


@linux_only
@pytest.mark.parametrize(
    ("scenario", "kek_kinds"),
    [
        pytest.param("create", {"passphrase_kek", "recovery_kek"}, id="create"),
        pytest.param("unlock", {"passphrase_kek"}, id="unlock"),
        pytest.param("backup", {"passphrase_kek"}, id="backup"),
        pytest.param("recovery", {"recovery_kek"}, id="recovery"),
        pytest.param("rotate", {"passphrase_kek", "recovery_kek"}, id="rotate"),
    ],
)
def test_07_no_key_material_in_memory_after_lock(
    memscan_vault: tuple[Path, dict[str, Any]], tmp_path: Path, scenario: str, kek_kinds: set[str]
) -> None:
    """Test 7: after ``lock()`` a scan of the whole process memory (``/proc/self/mem``, half-needle
    method, in a fresh subprocess) finds 0 copies of any data key used in the session, raw or as
    lowercase hex, and 0 copies of the passphrase- and recovery-derived KEKs; their buffers are zeroed.

    Controls in the same scan: a key held only as halves is found 0 times, a key held in full exactly
    once, and before the lock the live data key is found (the needles are right)."""
    report = memscan(memscan_vault, tmp_path, scenario)
    counts = report["counts"]
    assert counts.pop("control_absent") == 0, "the scan itself created a copy"
    assert counts.pop("control_present") == 1, "the scan missed a key that was in memory"
    assert report["scanned_bytes"] > 10 * 1024 * 1024
    before = report["found_before_lock"]
    live = f"dek{len(before) - 1}_raw"
    assert before[live] >= 1, "the live data key was not found before lock: the needles are wrong"
    if scenario == "rotate":
        assert before["dek0_raw"] == 0, "the replaced data key survived rotation in memory"
    recorded = {name.rstrip("0123456789") for name in report["kek_buffers_zeroed"]}
    assert recorded == kek_kinds, "the KEK recorder did not see the expected derivations"
    leftovers = {name: n for name, n in counts.items() if n}
    assert leftovers == {}, f"key material still in memory after lock: {leftovers}"
    assert report["dek_buffer_zeroed"]
    assert all(report["kek_buffers_zeroed"].values()), report["kek_buffers_zeroed"]


# -- test 26: single instance -------------------------------------------------------------------


SECOND_PROCESS = """
import json, sys
from pathlib import Path
from goldseam.vault import opening
from goldseam.vault.instance_lock import InstanceLock
from goldseam.vault.vault_folder import VaultFolder
folder = VaultFolder(Path(sys.argv[1]))
out = {}
try:
    InstanceLock(folder.lock_file).acquire()
    out["instance_lock"] = "acquired"
except Exception as error:
    out["instance_lock"] = type(error).__name__
try:
    opening.unlock_vault(folder, bytearray(sys.argv[2].encode())).lock()
    out["unlock"] = "opened"
except Exception as error:
    out["unlock"] = type(error).__name__
print(json.dumps(out))
"""


SNAPSHOT = """
import hashlib, json, sys
from pathlib import Path
root = Path(sys.argv[1])
print(json.dumps({
    str(p.relative_to(root)): [hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns]
    for p in sorted(root.rglob("*")) if p.is_file()
}))
"""


def snapshot_elsewhere(root: Path) -> dict[str, list[Any]]:
    """Hash and mtime of every file, read by another process.

    Reading the database here would open and close it, and closing any descriptor of a file drops
    all of this process's POSIX (fcntl) locks on it, which would release SQLCipher's exclusive lock.
    """
    result = subprocess.run([PYTHON, "-c", SNAPSHOT, str(root)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_26_second_instance_lock_is_refused_in_process(created: CreatedVault) -> None:
    """Test 26: while one ``InstanceLock`` holds the folder, a second one raises ``VaultAlreadyOpen``;
    after release it can be taken again."""
    lock_file = created.session.folder.lock_file
    with InstanceLock(lock_file) as first:
        assert first.held
        with pytest.raises(VaultAlreadyOpen):
            InstanceLock(lock_file).acquire()
    with InstanceLock(lock_file) as again:
        assert again.held


def test_26_second_process_gets_already_open_and_writes_nothing(created: CreatedVault) -> None:
    """Test 26: a second process finds the folder locked (``VaultAlreadyOpen`` from the instance lock)
    and, even ignoring that, its unlock fails with ``VaultAlreadyOpen`` (SQLCipher's exclusive lock),
    without changing a byte of any vault file."""
    session = created.session
    session.save_draft("journal", "written by the first instance")
    folder = session.folder
    with InstanceLock(folder.lock_file):
        before = snapshot_elsewhere(folder.path)
        result = subprocess.run(
            [PYTHON, "-c", SECOND_PROCESS, str(folder.path), PASSPHRASE],
            env=python_subprocess_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == {"instance_lock": "VaultAlreadyOpen", "unlock": "VaultAlreadyOpen"}
        assert snapshot_elsewhere(folder.path) == before
    session.save_draft("journal", "still writable by the first instance")


def test_26_second_connection_is_locked_out_without_corruption(created: CreatedVault) -> None:
    """Test 26: a second SQLCipher connection with the right key cannot read or write the open vault
    ("database is locked"), ``open_database`` reports ``VaultAlreadyOpen``, no file changes, and the
    vault stays intact and complete."""
    session = created.session
    session.save_draft("journal", "first")
    path = session.folder.db_path(session.header.generation)
    before = snapshot_elsewhere(session.folder.path)

    intruder = sqlcipher.connect(path.resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None, timeout=0.2)
    spec = build_key_spec(session._dek, session.header.db_salt)
    try:
        intruder.set_key(spec)
        with pytest.raises(sqlcipher.OperationalError, match="database is locked"):
            intruder.execute("SELECT count(*) FROM sqlite_master").fetchone()
        with pytest.raises(sqlcipher.OperationalError, match="database is locked"):
            intruder.execute("INSERT INTO draft(slot, body, updated_at) VALUES('x', 'intruder', 'now')")
    finally:
        spec[:] = bytes(len(spec))
        intruder.close()
    with pytest.raises(VaultAlreadyOpen):
        sqlcipher_db.open_database(path, session._dek, session.header.db_salt)
    assert snapshot_elsewhere(session.folder.path) == before

    session.save_draft("journal", "second")
    folder = session.folder
    session.lock()
    reopened = unlock(folder)
    try:
        assert reopened.load_draft("journal") == "second"
        assert reopened.load_draft("x") is None
        assert reopened.full_integrity_check() == []
    finally:
        reopened.lock()


# -- test 31: vault folder scan -------------------------------------------------------------------


def test_31_vault_files_hold_no_canary_while_open_or_after_lock(folder: VaultFolder) -> None:
    """Test 31: with canaries in drafts (small and page-spanning), slot names and vault settings, the
    header files, the database, its ``-wal``/``-shm``/``-journal`` and ``backups/*`` contain no
    canary in UTF-8 or UTF-16 — while unlocked (WAL hot), after an automatic backup and rotation,
    and after lock."""
    canaries = {"small": make_canary("small"), "large": make_canary("large"), "slot": make_canary("slot")}
    session = opening.create_vault(folder, pw(), cost=FLOOR_COST).session
    try:
        session.save_draft("journal", f"Today I wrote {canaries['small']}.")
        session.save_draft("long", (canaries["large"] + " ") * 800)  # ~40 KiB: overflow pages
        session.save_draft(canaries["slot"], "body")
        session.set_vault_setting("names_to_avoid", canaries["small"])
        files = {p.name for p in folder.path.iterdir()}
        assert any(name.endswith("-wal") for name in files), f"no WAL to scan while open: {files}"
        # Reading the live files here drops this process's fcntl locks on them (POSIX semantics); harmless
        # in this single-process test, see snapshot_elsewhere() for where it matters.
        assert scan_tree(folder.path, canaries) == {}

        assert session.auto_backup_if_due() is not None
        session.rotate_keys(pw(), pw(NEW_PASSPHRASE), with_recovery=False)
        session.save_draft("after rotation", canaries["small"])
        assert list(folder.backups.iterdir())
        assert scan_tree(folder.path, canaries) == {}
    finally:
        session.lock()
    assert scan_tree(folder.path, canaries) == {}
    reopened = unlock(folder, NEW_PASSPHRASE)
    try:
        assert reopened.load_draft("long") == (canaries["large"] + " ") * 800  # the data really is there
    finally:
        reopened.lock()


# -- test 32: no temp files ----------------------------------------------------------------------


@linux_only
def test_32_heavy_statements_open_no_temp_files(tmp_path: Path) -> None:
    """Test 32: a large ORDER BY, a search with ORDER BY, GROUP BY, CREATE INDEX, VACUUM and an encrypted
    backup on the vault open no ``etilqs_*`` file (``/proc/self/fd`` watched throughout, inotify on the
    private ``$TMPDIR`` that SQLite uses first).

    Negative control: the same statements on a SQLCipher connection with ``temp_store=FILE`` and a
    10-page cache do spill, and the spilled files hold the canary in plaintext."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    canary = make_canary("temp")
    result = run_helper("leak_tempfile_script.py", str(tmp_path), canary, TMPDIR=str(temp), SQLITE_TMPDIR=str(temp))
    report = json.loads(result.stdout.strip().splitlines()[-1])
    control, vault = report["control"], report["vault"]
    assert control["inotify_tmpdir"], "negative control: no temp file seen, the detector is blind"
    assert control["fd_with_canary"], "negative control: spilled files without the canary, detector is blind"
    assert vault["fd_seen"] == [], vault
    assert vault["inotify_tmpdir"] == [], vault
    # /tmp and /var/tmp are shared with other processes, so files there cannot be attributed to this
    # run; SQLite only falls back to them if $TMPDIR is unusable, and the fd watcher would see ours.
    assert report["tmpdir_left"] == []


# -- tests 33–36 (session part): a scripted GUI session in a private home ------------------------


@dataclass
class GuiSession:
    root: Path
    report: dict[str, Any]
    output: str
    canary: str
    passphrase: str

    def needles(self) -> dict[str, str]:
        needles = {"canary": self.canary, "passphrase": self.passphrase}
        for number, key in enumerate(self.report["recovery_keys"]):
            needles[f"recovery key {number}"] = key
            needles[f"recovery key {number} (no dashes)"] = key.replace("-", "")
        return needles


@pytest.fixture(scope="module")
def gui_session(tmp_path_factory: pytest.TempPathFactory) -> GuiSession:
    """Runs ``leak_gui_session_script.py`` once with HOME, XDG_*, APPDATA and TMPDIR inside a temp root."""
    base = tmp_path_factory.mktemp("gui-session")
    root = base / "root"
    dirs = {
        "HOME": root / "home",
        "XDG_CONFIG_HOME": root / "home" / ".config",
        "XDG_DATA_HOME": root / "home" / ".local" / "share",
        "XDG_CACHE_HOME": root / "home" / ".cache",
        "XDG_STATE_HOME": root / "home" / ".local" / "state",
        "XDG_RUNTIME_DIR": root / "runtime",
        "APPDATA": root / "appdata",
        "LOCALAPPDATA": root / "localappdata",
        "TMPDIR": root / "tmp",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    canary = make_canary("gui")
    passphrase = f"gui session passphrase {secrets.token_hex(4)} with otters"
    env = {name: str(path) for name, path in dirs.items()}
    env.update(QT_QPA_PLATFORM="offscreen", GOLDSEAM_DEBUG="1", GOLDSEAM_VAULT_DIR="", SQLITE_TMPDIR=env["TMPDIR"])
    report_path = base / "report.json"  # outside the swept root: it holds the canary on purpose
    result = run_helper("leak_gui_session_script.py", str(report_path), canary, passphrase, **env)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return GuiSession(root, report, result.stdout + result.stderr, canary, passphrase)


def test_33_gui_session_completed_every_step(gui_session: GuiSession) -> None:
    """The scripted session really created, wrote, copied, backed up, locked, unlocked and quit, so
    the sweeps below are not vacuous."""
    report = gui_session.report
    steps = [step.split(" @")[0] for step in report["steps"]]
    assert steps == [
        "welcome",
        "created",
        "wrote and copied",
        "settings changed",
        "backed up",
        "failed job",
        "locked",
        "unlocked again",
        "quit",
    ]
    assert report["clipboard_after_copy"].startswith(gui_session.canary)
    assert report["draft_survived"]
    assert report["state_after_wrong_passphrase"] == "locked"
    assert report["recovery_keys"] and report["auto_backups"]
    assert Path(report["manual_backup"]).is_file()
    assert Path(report["settings_file"]).is_relative_to(gui_session.root)
    assert Path(report["vault_dir"]).is_relative_to(gui_session.root)


def test_33_home_wide_sweep_finds_no_canary(gui_session: GuiSession) -> None:
    """Test 33: after the session, no file anywhere under the redirected home (settings, caches, state,
    temp, runtime, the vault folder and both backups) holds the canary, the passphrase or the recovery
    key in UTF-8 or UTF-16, and no recent-files list mentions the vault or the backup."""
    files = [p for p in gui_session.root.rglob("*") if p.is_file()]
    assert len(files) >= 5, files
    assert scan_tree(gui_session.root, gui_session.needles()) == {}
    for recent in gui_session.root.rglob("recently-used.xbel"):
        text = recent.read_text(encoding="utf-8", errors="replace")
        assert ".gsbackup" not in text and "vault.gsh" not in text, recent


# -- test 34: QSettings allow-list -----------------------------------------------------------------


def test_34_unknown_keys_are_refused(qapp: Any, tmp_path: Path) -> None:
    """Test 34: ``AppSettings`` raises for any key outside ``ALLOWED_KEYS``, for reads and writes, and
    writes nothing for them."""
    from goldseam.ui.app_settings import AppSettings, SettingNotAllowed

    path = tmp_path / "settings.ini"
    settings = AppSettings(path)
    canary = make_canary("settings")
    for key in ("journal/last_entry", "search/last_query", "vault/passphrase_hint", "window/title", "ui/themes"):
        with pytest.raises(SettingNotAllowed):
            settings.set_value(key, canary)
        with pytest.raises(SettingNotAllowed):
            settings.value(key)
    settings.set_value("ui/theme", "dark")
    assert settings.keys() == ["ui/theme"]
    assert canary not in path.read_text(encoding="utf-8")


def write_polluted_settings(path: Path, canary: str) -> None:
    path.write_text(
        f"[General]\nlast_search={canary}\n\n[journal]\nlast_entry={canary}\n\n[ui]\ntheme=dark\n",
        encoding="utf-8",
    )


def test_34_unknown_keys_are_purged_from_an_existing_file(qapp: Any, tmp_path: Path) -> None:
    """Test 34: keys an older or tampered settings file holds outside the allow-list are dropped when
    ``AppSettings`` opens it (and gone from the file once Qt syncs); allowed values are kept."""
    from goldseam.ui.app_settings import AppSettings

    path = tmp_path / "settings.ini"
    canary = make_canary("stale")
    write_polluted_settings(path, canary)
    settings = AppSettings(path)
    assert settings.keys() == ["ui/theme"]
    assert settings.value("ui/theme") == "dark"
    qapp.processEvents()
    text = path.read_text(encoding="utf-8")
    assert canary not in text and "last_entry" not in text
    assert "theme=dark" in text


def test_34_purge_reaches_the_disk_immediately(qapp: Any, tmp_path: Path) -> None:
    """Test 34: the purge is written to the file as soon as ``AppSettings`` is constructed, without
    relying on a later event-loop sync."""
    from goldseam.ui.app_settings import AppSettings

    path = tmp_path / "settings.ini"
    canary = make_canary("stale")
    write_polluted_settings(path, canary)
    settings = AppSettings(path)
    assert settings.keys() == ["ui/theme"]
    assert canary not in path.read_text(encoding="utf-8")


def test_34_allow_list_holds_nothing_that_sounds_private() -> None:
    """Test 34 (tripwire): no allowed key is named like private content (entries, searches, hints,
    names, titles, recent files, passphrases)."""
    forbidden = ("pass", "hint", "search", "entry", "recent", "name", "title", "text", "draft", "query")
    for key in ALLOWED_KEYS:
        assert not any(word in key.lower() for word in forbidden), key


def test_34_gui_session_wrote_only_allowed_keys_without_private_values(qapp: Any, gui_session: GuiSession) -> None:
    """Test 34: every key the GUI session wrote to its settings file is allowed, values changed
    through the settings page are there, and no value holds the canary, the passphrase or the key."""
    from PySide6.QtCore import QSettings

    path = Path(gui_session.report["settings_file"])
    stored = QSettings(str(path), QSettings.Format.IniFormat)
    keys = set(stored.allKeys())
    assert {"lock/idle_minutes", "privacy/clipboard_seconds", "ui/theme"} <= keys
    assert keys <= ALLOWED_KEYS, keys - ALLOWED_KEYS
    assert hits_in(path.read_bytes(), gui_session.needles()) == []
    for key in keys:
        value = stored.value(key)
        text = bytes(value.data()).decode("latin-1") if hasattr(value, "data") else str(value)
        assert not any(needle in text for needle in gui_session.needles().values()), key


# -- test 35: logs --------------------------------------------------------------------------------


def test_35_gui_session_output_at_debug_holds_no_secrets(gui_session: GuiSession) -> None:
    """Test 35: everything the GUI session printed (stdout and stderr, logging at DEBUG via
    ``GOLDSEAM_DEBUG=1``, including a failing job whose exception text held the canary and the
    passphrase) contains neither, nor the recovery key; the failure is logged by type only."""
    output = gui_session.output
    assert "vault job failed: RuntimeError" in output, "the logging path under test did not run"
    for name, needle in gui_session.needles().items():
        assert needle not in output, name
    assert gui_session.canary not in gui_session.report["failure_message"]


def test_35_vault_lifecycle_at_debug_logs_no_secrets(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Test 35: create, write, backup, rotate, recovery unlock, a wrong passphrase and a damaged
    database, all with the root logger at DEBUG: neither the log records (messages, arguments,
    tracebacks) nor the captured stdout/stderr of the process (including SQLCipher's own log) hold a
    canary, a passphrase, the recovery key, a data key or KEK as hex, or the header's wrapped key."""
    monkeypatch.setenv("GOLDSEAM_DEBUG", "1")
    caplog.set_level(logging.DEBUG)
    recorder = KekRecorder.install(monkeypatch)
    canary = make_canary("log")
    folder = VaultFolder(tmp_path / "vault")
    deks: list[bytes] = []

    created = opening.create_vault(folder, pw(), cost=FLOOR_COST)
    deks.append(bytes(created.session._dek))
    created.session.save_draft("journal", canary)
    created.session.backup_to(tmp_path / "log.gsbackup")
    recovery = created.session.rotate_keys(pw(), pw(NEW_PASSPHRASE), with_recovery=True)
    assert recovery is not None
    deks.append(bytes(created.session._dek))
    created.session.lock()
    with pytest.raises(WrongPassphrase):
        unlock(folder, PASSPHRASE)
    opening.unlock_with_recovery_key(folder, recovery.formatted()).lock()
    header = json.loads(folder.header.read_bytes())
    wrapped = header["wraps"]["passphrase"]["ct"]

    db = folder.db_path(header["generation"])
    with db.open("r+b") as handle:  # damage page 2 so SQLCipher's HMAC check fails and logs
        handle.seek(4096 + 100)
        byte = handle.read(1)
        handle.seek(4096 + 100)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(DatabaseDamaged):
        unlock(folder, NEW_PASSPHRASE)
    logging.getLogger("goldseam.test").debug("probe %s", "visible")

    out, err = capfd.readouterr()
    records = (
        "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.stack_info or ''}" for r in caplog.records)
        + "\n"
        + caplog.text
    )
    assert "probe visible" in records, "DEBUG records were not captured"
    assert "hmac check failed" in err, "SQLCipher's own log did not reach the captured stderr"
    needles = {"canary": canary, "passphrase": PASSPHRASE, "new passphrase": NEW_PASSPHRASE}
    needles["recovery key"] = recovery.formatted()
    needles["wrapped key (base64)"] = wrapped
    needles["wrapped key (hex)"] = base64.b64decode(wrapped).hex()
    for number, dek in enumerate(deks):
        needles.update(hex_forms(f"data key {number}", dek))
    for number, (kind, key) in enumerate(recorder.keks):
        needles.update(hex_forms(f"{kind} {number}", key))
    for text in (out, err, records):
        leaked = [name for name, needle in needles.items() if needle in text]
        assert leaked == [], leaked


# -- test 36: clipboard ----------------------------------------------------------------------------


@pytest.fixture
def clipboard(qapp: Any) -> Iterator[Any]:
    from PySide6.QtGui import QGuiApplication

    board = QGuiApplication.clipboard()
    board.clear()
    yield board
    board.clear()


WINDOWS_FORMAT = 'application/x-qt-windows-mime;value="{}"'


def test_36_copied_text_carries_the_sensitive_hints(clipboard: Any, qtbot: Any) -> None:
    """Test 36: a copy made through ``ClipboardGuard`` holds the text plus KDE's password-manager hint,
    the macOS concealed type and the exact Windows format names (history and cloud DWORD 0), and arms
    the clear timer with the configured timeout."""
    from goldseam.ui.clipboard_guard import ClipboardGuard

    guard = ClipboardGuard(60)
    canary = make_canary("clip")
    guard.copy_text(canary)
    data = clipboard.mimeData()
    assert data.text() == canary
    assert bytes(data.data("x-kde-passwordManagerHint")) == b"secret"
    assert bytes(data.data("application/x-nspasteboard-concealed-type")) == b"secret"
    assert bytes(data.data(WINDOWS_FORMAT.format("ExcludeClipboardContentFromMonitorProcessing")))
    assert bytes(data.data(WINDOWS_FORMAT.format("CanIncludeInClipboardHistory"))) == b"\0\0\0\0"
    assert bytes(data.data(WINDOWS_FORMAT.format("CanUploadToCloudClipboard"))) == b"\0\0\0\0"
    assert guard.holds_ours()
    assert guard._timer.isActive() and guard._timer.interval() == 60_000
    guard.clear_if_ours()
    assert clipboard.text() == ""


def test_36_timeout_clears_only_an_unchanged_clipboard(clipboard: Any, qtbot: Any) -> None:
    """Test 36: when the timer fires, our text is cleared; if the user copied something else meanwhile,
    that is left alone."""
    from goldseam.ui.clipboard_guard import ClipboardGuard

    guard = ClipboardGuard(1)
    guard.copy_text(make_canary("clip"))
    assert clipboard.text().startswith("GSCANARY")
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=4000)

    guard.copy_text(make_canary("clip"))
    clipboard.setText("something the user copied later")
    qtbot.wait(1300)
    assert not guard._timer.isActive()
    assert clipboard.text() == "something the user copied later"


def test_36_clear_if_ours_is_what_lock_and_quit_call(clipboard: Any, qtbot: Any) -> None:
    """Test 36: ``clear_if_ours`` (called on lock and on quit) empties our copy, and leaves a newer copy
    by the user alone."""
    from goldseam.ui.clipboard_guard import ClipboardGuard

    guard = ClipboardGuard(60)
    guard.copy_text(make_canary("clip"))
    guard.clear_if_ours()
    assert clipboard.text() == "" and not guard._timer.isActive()
    guard.copy_text(make_canary("clip"))
    clipboard.setText("user text")
    guard.clear_if_ours()
    assert clipboard.text() == "user text"
    if clipboard.supportsSelection():  # X11: the selection buffer is cleared too
        from PySide6.QtGui import QClipboard

        guard.copy_text("selected secret")
        guard.clear_if_ours()
        assert clipboard.text(QClipboard.Mode.Selection) == ""


def test_36_gui_session_clears_the_clipboard_on_lock_and_quit(gui_session: GuiSession) -> None:
    """Test 36: in the real app, locking and quitting each cleared a canary copied just before."""
    report = gui_session.report
    assert gui_session.canary in report["clipboard_after_copy"]
    assert report["clipboard_after_lock"] == ""
    assert gui_session.canary in report["clipboard_before_quit"]
    assert report["clipboard_after_quit"] == ""


def test_36_password_fields_refuse_to_copy(clipboard: Any, qtbot: Any) -> None:
    """Test 36: ``copy()`` and ``cut()`` on a ``QLineEdit`` in Password mode, and on Goldseam's own
    ``PassphraseInput`` (Password mode unless the user reveals it), leave the clipboard unchanged."""
    from PySide6.QtWidgets import QLineEdit

    from goldseam.ui.passphrase_widgets import PassphraseInput

    plain = QLineEdit()
    plain.setEchoMode(QLineEdit.EchoMode.Password)
    ours = PassphraseInput()
    assert ours.echoMode() == QLineEdit.EchoMode.Password
    for edit in (plain, ours):
        qtbot.addWidget(edit)
        clipboard.setText("before")
        edit.setText(PASSPHRASE)
        edit.selectAll()
        edit.copy()
        assert clipboard.text() == "before"
        edit.cut()  # deletes the selection but must not copy it
        assert clipboard.text() == "before"


# -- test 40: file dialogs ------------------------------------------------------------------------


def test_40_every_file_dialog_is_qts_own(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Test 40: every helper in ``goldseam.ui.file_dialogs`` builds a ``QFileDialog`` with
    ``DontUseNativeDialog`` (native dialogs feed the OS recent-documents lists). ``exec`` is patched
    to record the options and answer "Rejected", so each helper returns nothing (None or [])."""
    from PySide6.QtWidgets import QFileDialog

    from goldseam.ui import file_dialogs

    seen: list[tuple[str, Any]] = []

    def fake_exec(dialog: QFileDialog) -> QFileDialog.DialogCode:
        seen.append((dialog.windowTitle(), dialog.options()))
        return QFileDialog.DialogCode.Rejected

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    calls: dict[str, Callable[[], Any]] = {
        "choose_save_file": lambda: file_dialogs.choose_save_file(None, "save", tmp_path / "b.gsbackup", "*.gsbackup"),
        "choose_open_file": lambda: file_dialogs.choose_open_file(None, "open", tmp_path, "*.gsbackup"),
        "choose_open_files": lambda: file_dialogs.choose_open_files(None, "open several", tmp_path, ["*.md"]),
        "choose_folder": lambda: file_dialogs.choose_folder(None, "folder", tmp_path),
    }
    helpers = {
        name for name in dir(file_dialogs) if name.startswith("choose_") and callable(getattr(file_dialogs, name))
    }
    assert helpers == set(calls), "a file-dialog helper was added; add it to this test"
    for name, call in calls.items():
        assert call() in (None, []), name
    assert [title for title, _options in seen] == ["save", "open", "open several", "folder"]
    for title, options in seen:
        assert options & QFileDialog.Option.DontUseNativeDialog, title


def python_sources() -> Iterable[Path]:
    return (Path(__file__).resolve().parents[1] / "src" / "goldseam").rglob("*.py")


def test_40_no_code_opens_file_dialogs_around_the_helpers() -> None:
    """Test 40: outside ``file_dialogs.py`` nothing uses ``QFileDialog`` directly (its static
    ``getOpenFileName``-style functions use native dialogs), and nothing touches recent-file or
    jump lists."""
    offenders = []
    for path in python_sources():
        if path.name == "file_dialogs.py":
            continue
        text = path.read_text(encoding="utf-8")
        for word in ("QFileDialog", "QWinJumpList", "SHAddToRecentDocs", "QRecentFile", "recently-used"):
            if word in text:
                offenders.append(f"{path.name}: {word}")
    assert offenders == []

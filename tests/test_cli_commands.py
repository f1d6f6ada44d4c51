"""The scripting commands: export, import, backup and verify, with the passphrase on stdin."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import PASSPHRASE, PYTHON, pw, python_subprocess_env
from goldseam.crypto.kdf import FLOOR_COST
from goldseam.domain import journal
from goldseam.domain.journal import Entry, EntryKind
from goldseam.vault import opening
from goldseam.vault.vault_folder import VaultFolder

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    created = opening.create_vault(VaultFolder(tmp_path / "vault"), pw(), cost=FLOOR_COST)
    with created.session.transaction() as conn:
        journal.save_entry(conn, Entry(written_at="2026-11-01T10:00:00", title="Morning", body="cli canary text"))
        journal.save_entry(conn, Entry(written_at="2026-11-02T10:00:00", kind=EntryKind.VENT, body="private vent"))
    created.session.lock()
    return tmp_path / "vault"


def goldseam(*args: str, stdin: str = PASSPHRASE + "\n", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "goldseam", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=python_subprocess_env(QT_QPA_PLATFORM="offscreen"),
        cwd=cwd,
        timeout=120,
    )


def test_export_markdown_and_json_leave_out_venting_unless_asked(vault: Path, tmp_path: Path) -> None:
    result = goldseam("export", "--vault", str(vault), "-o", str(tmp_path / "j.md"), "--yes")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "j.md").read_text(encoding="utf-8")
    assert "cli canary text" in text and "private vent" not in text
    assert "unencrypted" in result.stderr
    result = goldseam("export", "--vault", str(vault), "-o", str(tmp_path / "j.json"), "--yes", "--include-vent")
    assert result.returncode == 0, result.stderr
    entries = json.loads((tmp_path / "j.json").read_text(encoding="utf-8"))["entries"]
    assert [e["body"] for e in entries] == ["cli canary text", "private vent"]
    assert (tmp_path / "j.json").stat().st_mode & 0o077 == 0, "exports are readable by this user only"


def test_export_pdf_works_without_a_display(vault: Path, tmp_path: Path) -> None:
    result = goldseam("export", "--vault", str(vault), "-o", str(tmp_path / "j.pdf"), "--yes")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "j.pdf").read_bytes().startswith(b"%PDF")


def test_export_without_yes_from_a_pipe_is_refused(vault: Path, tmp_path: Path) -> None:
    result = goldseam("export", "--vault", str(vault), "-o", str(tmp_path / "j.md"))
    assert result.returncode == 1 and "--yes" in result.stderr
    assert not (tmp_path / "j.md").exists()


def test_a_wrong_passphrase_exits_3_and_changes_nothing(vault: Path, tmp_path: Path) -> None:
    before = sorted((p.name, p.read_bytes()) for p in vault.iterdir() if p.is_file() and p.name != "goldseam.lock")
    result = goldseam("backup", "--vault", str(vault), "-o", str(tmp_path / "b.gsbackup"), stdin="nope\n")
    assert result.returncode == 3 and "passphrase" in result.stderr
    after = sorted((p.name, p.read_bytes()) for p in vault.iterdir() if p.is_file() and p.name != "goldseam.lock")
    assert before == after and not (tmp_path / "b.gsbackup").exists()
    assert "Traceback" not in result.stderr


def test_backup_then_verify_both_the_vault_and_the_backup(vault: Path, tmp_path: Path) -> None:
    result = goldseam("backup", "--vault", str(vault), "-o", str(tmp_path / "b.gsbackup"))
    assert result.returncode == 0, result.stderr
    assert goldseam("verify", "--vault", str(vault)).returncode == 0
    result = goldseam("verify", "--backup", str(tmp_path / "b.gsbackup"))
    assert result.returncode == 0 and "intact" in result.stdout
    data = bytearray((tmp_path / "b.gsbackup").read_bytes())
    data[-100] ^= 1
    (tmp_path / "b.gsbackup").write_bytes(bytes(data))
    result = goldseam("verify", "--backup", str(tmp_path / "b.gsbackup"))
    assert result.returncode == 4 and "damaged" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if ".verify-" in p.name] == [], "no leftovers beside the backup"


def test_import_reports_every_file_and_is_all_or_nothing(vault: Path) -> None:
    result = goldseam("import", "--vault", str(vault), str(DATA / "jrnl"), str(DATA / "damaged" / "truncated.json"))
    assert result.returncode == 1
    assert (
        "journal.json" in result.stdout
        and "truncated.json" in result.stderr
        and "Nothing was imported" in result.stderr
    )
    result = goldseam("import", "--vault", str(vault), str(DATA / "jrnl"), "--dry-run", stdin="")
    assert result.returncode == 0 and "nothing was imported" in result.stdout
    result = goldseam("import", "--vault", str(vault), str(DATA / "jrnl"))
    assert result.returncode == 0 and "6 entries imported" in result.stdout
    result = goldseam("import", "--vault", str(vault), str(DATA / "jrnl"))
    assert "6 were already in the journal" in result.stdout


def test_missing_vault_and_missing_files_exit_4_with_a_clear_line(tmp_path: Path) -> None:
    result = goldseam("verify", "--vault", str(tmp_path / "nowhere"))
    assert result.returncode == 4 and "no Goldseam vault" in result.stderr
    result = goldseam("verify", "--backup", str(tmp_path / "nothing.gsbackup"))
    assert result.returncode == 4 and "no file" in result.stderr


def test_the_passphrase_is_never_accepted_as_an_argument() -> None:
    result = goldseam("backup", "--passphrase", "x", "-o", "y")
    assert result.returncode == 2


def test_a_vault_open_in_the_app_is_refused(vault: Path, tmp_path: Path) -> None:
    from goldseam.vault.instance_lock import InstanceLock

    with InstanceLock(VaultFolder(vault).lock_file):
        result = goldseam("backup", "--vault", str(vault), "-o", str(tmp_path / "b.gsbackup"))
    assert result.returncode == 5 and "already open" in result.stderr

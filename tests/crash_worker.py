"""Subprocess side of the crash-safety tests (``tests/test_crash_safety.py``).

Run as a plain script (``python tests/crash_worker.py MODE VAULT_DIR ...``); pytest does not
collect it. Each mode opens the vault, prints ``ready`` once it is about to do the risky work,
and then reports every completed step on stdout (flushed), so the parent knows what is
durable when it sends SIGKILL:

* ``committed <txn>``  – a write transaction with marker ``txn`` returned from COMMIT;
* ``rotated <label>``  – a passphrase change to ``label`` returned;
* ``backup <name> <sha256>`` – a backup was renamed to its final name;
* ``finished``         – the mode ran to its end (a fault point that should have killed the
  process was never reached).

``--crash-at POINT`` registers a ``goldseam.vault.fault_points`` handler that SIGKILLs this
process at that point, so crashes land deterministically between two steps
(``backup --crash-in-snapshot`` dies inside ``VACUUM INTO`` instead).
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from goldseam.vault import fault_points, opening
from goldseam.vault.vault_folder import VaultFolder
from goldseam.vault.vault_session import VaultSession

# Labels keep passphrases off the command line; the tests import this mapping too.
PASSPHRASES = {
    "A": "marmalade otter lighthouse quietly wanders",
    "B": "copper kettle sings at dawn softly",
}
ROWS_PER_TXN = 8
TABLE_SQL = "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, payload TEXT NOT NULL)"


def passphrase(label: str) -> bytearray:
    return bytearray(PASSPHRASES[label].encode("utf-8"))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def crash_at(point: str | None) -> None:
    if point:
        fault_points.on(point, kill_self)


def next_txn(session: VaultSession) -> int:
    return int(session.conn.execute("SELECT coalesce(max(txn), 0) + 1 FROM t").fetchone()[0])


def write_txn(session: VaultSession, txn: int, payload_bytes: int = 100) -> None:
    """One all-or-nothing transaction: ROWS_PER_TXN rows, all marked ``txn``."""
    with session.transaction() as conn:
        for _ in range(ROWS_PER_TXN):
            conn.execute("INSERT INTO t(txn, payload) VALUES(?, ?)", (txn, os.urandom(payload_bytes).hex()))
    say(f"committed {txn}")


def open_vault(vault: Path, label: str) -> VaultSession:
    session = opening.unlock_vault(VaultFolder(vault), passphrase(label))
    session.conn.execute(TABLE_SQL)
    return session


# -- modes ------------------------------------------------------------------------------------


def mode_write(args: argparse.Namespace) -> None:
    """Write transactions in a loop until killed."""
    session = open_vault(args.vault, args.passphrase)
    txn = next_txn(session)
    say("ready")
    while True:
        write_txn(session, txn)
        txn += 1


def mode_hold_wal(args: argparse.Namespace) -> None:
    """Commit ``--txns`` transactions with checkpoints off, then wait to be killed (hot -wal)."""
    session = open_vault(args.vault, args.passphrase)
    session.conn.execute("PRAGMA wal_autocheckpoint = 0")
    txn = next_txn(session)
    for offset in range(args.txns):
        write_txn(session, txn + offset)
    say("ready")
    time.sleep(3600)


def mode_rotate(args: argparse.Namespace) -> None:
    """Alternate write transaction / passphrase change between two labels until killed."""
    current, other = args.current, args.other
    session = open_vault(args.vault, current)
    txn = next_txn(session)
    say("ready")
    while True:
        write_txn(session, txn)
        txn += 1
        session.rotate_keys(passphrase(current), passphrase(other), with_recovery=False)
        current, other = other, current
        say(f"rotated {current}")


def mode_rotate_once(args: argparse.Namespace) -> None:
    """One write transaction, then one passphrase change that dies at ``--crash-at``."""
    session = open_vault(args.vault, args.current)
    write_txn(session, next_txn(session))
    crash_at(args.crash_at)
    say("ready")
    session.rotate_keys(passphrase(args.current), passphrase(args.new), with_recovery=False)
    say(f"rotated {args.new}")
    session.lock()
    say("finished")


def mode_backup(args: argparse.Namespace) -> None:
    """One backup to ``--dest`` that dies at ``--crash-at`` (or inside ``VACUUM INTO``)."""
    session = open_vault(args.vault, args.passphrase)
    crash_at(args.crash_at)
    if args.crash_in_snapshot:
        # Die while VACUUM INTO is still writing the snapshot (its rollback journal exists).
        dest = Path(args.dest)
        journal = dest.with_name(f".{dest.name}.snapshot.partial-journal")

        def die_once_journal_exists() -> int:
            if journal.exists():
                kill_self()
            return 0

        session.conn.set_progress_handler(die_once_journal_exists, 50)
    say("ready")
    info = session.backup_to(Path(args.dest))
    say(f"backup {info.path.name} {sha256(info.path)}")
    session.lock()
    say("finished")


def mode_backup_loop(args: argparse.Namespace) -> None:
    """Backups to ``<dest-dir>/loop-<n>.gsbackup`` in a loop until killed."""
    session = open_vault(args.vault, args.passphrase)
    dest_dir = Path(args.dest_dir)
    dest_dir.mkdir(mode=0o700, exist_ok=True)
    number = 1 + max((int(p.stem.split("-")[1]) for p in dest_dir.glob("loop-*.gsbackup")), default=0)
    say("ready")
    while True:
        info = session.backup_to(dest_dir / f"loop-{number}.gsbackup")
        say(f"backup {info.path.name} {sha256(info.path)}")
        number += 1


def mode_tmpfs_header(args: argparse.Namespace) -> None:
    """Inside a private mount namespace: ENOSPC on a real, full tmpfs during a header write.

    Mounts a small tmpfs on ``VAULT_DIR`` (an empty folder), puts ``--header-from`` there as
    ``vault.gsh``, fills the file system and rewrites the header atomically. Prints one JSON
    line with what happened; exits 3 if the tmpfs cannot be mounted here.
    """
    from goldseam.vault.atomic_files import atomic_write_bytes
    from goldseam.vault.errors import as_vault_error

    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(args.vault)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mount.returncode != 0:
        say("skip: " + (mount.stderr.strip() or "mount failed"))
        sys.exit(3)
    folder = VaultFolder(args.vault)
    original = Path(args.header_from).read_bytes()
    folder.header.write_bytes(original)
    filler = args.vault / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
    result: dict[str, object] = {"errno": None, "message": ""}
    try:
        atomic_write_bytes(folder.header, original + b" " * 16384)
    except OSError as error:
        result["errno"] = error.errno
        result["message"] = as_vault_error(error).user_message()
    result["header_identical"] = folder.header.read_bytes() == original
    result["leftovers"] = sorted(p.name for p in args.vault.iterdir() if p.name not in {"vault.gsh", "filler"})
    # With space freed, the same write goes through: the failure really was the full disk.
    filler.unlink()
    atomic_write_bytes(folder.header, original)
    result["write_after_freeing_space"] = folder.header.read_bytes() == original
    say(json.dumps(result))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)

    def mode(name: str, handler: object) -> argparse.ArgumentParser:
        sub = modes.add_parser(name)
        sub.add_argument("vault", type=Path)
        sub.set_defaults(handler=handler)
        return sub

    mode("write", mode_write).add_argument("--passphrase", default="A", choices=PASSPHRASES)
    hold = mode("hold-wal", mode_hold_wal)
    hold.add_argument("--passphrase", default="A", choices=PASSPHRASES)
    hold.add_argument("--txns", type=int, default=40)
    rotate = mode("rotate", mode_rotate)
    rotate.add_argument("--current", required=True, choices=PASSPHRASES)
    rotate.add_argument("--other", required=True, choices=PASSPHRASES)
    once = mode("rotate-once", mode_rotate_once)
    once.add_argument("--current", required=True, choices=PASSPHRASES)
    once.add_argument("--new", required=True, choices=PASSPHRASES)
    once.add_argument("--crash-at")
    backup = mode("backup", mode_backup)
    backup.add_argument("--passphrase", default="A", choices=PASSPHRASES)
    backup.add_argument("--dest", required=True)
    backup.add_argument("--crash-at")
    backup.add_argument("--crash-in-snapshot", action="store_true")
    loop = mode("backup-loop", mode_backup_loop)
    loop.add_argument("--passphrase", default="A", choices=PASSPHRASES)
    loop.add_argument("--dest-dir", required=True)
    mode("tmpfs-header", mode_tmpfs_header).add_argument("--header-from", required=True)

    args = parser.parse_args(argv)
    args.handler(args)


if __name__ == "__main__":
    main()

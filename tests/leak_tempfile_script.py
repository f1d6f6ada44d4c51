"""Subprocess helper for ``tests/test_leaks.py`` (design test 32): SQLite temp files.

Usage: ``TMPDIR=<private dir> python leak_tempfile_script.py <work dir> <canary>``.

Runs heavy statements (a large ORDER BY, a search with ORDER BY, GROUP BY, CREATE INDEX,
VACUUM and an encrypted backup) on a real vault, and the same statements on a negative
control: a separate SQLCipher connection with ``PRAGMA temp_store = FILE`` and a tiny cache,
which makes SQLite spill to ``etilqs_*`` files. Two detectors watch:

* ``inotify`` on ``$TMPDIR`` (SQLite's first choice of temp folder), plus ``/var/tmp`` and
  ``/tmp`` (reported separately, since other processes may use them);
* ``/proc/self/fd``, polled by a thread while statements run and checked in between; every
  temp file seen there is read through its descriptor (it is unlinked on open) and searched
  for the canary.

Prints one JSON line: for ``vault`` and ``control``, the temp files seen and whether any
held the canary.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import struct
import sys
import threading
from pathlib import Path

IN_CREATE = 0x100
IN_NONBLOCK = 0o4000
ROWS = 10000


class Inotify:
    def __init__(self, folders: list[str]) -> None:
        self.libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = self.libc.inotify_init1(IN_NONBLOCK)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self.folders: dict[int, str] = {}
        for folder in folders:
            if Path(folder).is_dir():
                wd = self.libc.inotify_add_watch(self.fd, folder.encode(), IN_CREATE)
                if wd >= 0:
                    self.folders[wd] = folder

    def created(self) -> list[str]:
        names = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return names
            offset = 0
            while offset < len(data):
                wd, _mask, _cookie, length = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16 : offset + 16 + length].rstrip(b"\0").decode("utf-8", "replace")
                names.append(str(Path(self.folders.get(wd, "?")) / name))
                offset += 16 + length


class FdWatcher:
    """Looks at this process's open files; reads any SQLite temp file it finds."""

    def __init__(self, canary: bytes) -> None:
        self.canary = canary
        self.seen: set[str] = set()
        self.with_canary: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def check(self) -> None:
        with contextlib.suppress(OSError):
            for entry in Path("/proc/self/fd").iterdir():
                try:
                    target = str(entry.readlink())
                except OSError:
                    continue
                if "etilqs_" not in target:
                    continue
                self.seen.add(target)
                if target in self.with_canary:
                    continue
                with contextlib.suppress(OSError), entry.open("rb") as handle:
                    if self.canary in handle.read():
                        self.with_canary.add(target)

    def _loop(self) -> None:
        while not self._stop.wait(0.002):
            self.check()

    def __enter__(self) -> FdWatcher:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.check()


def workload(conn, watcher: FdWatcher, canary: str, after_sort=None) -> None:  # type: ignore[no-untyped-def]
    """The same heavy statements for the vault and for the control."""
    conn.execute("CREATE TABLE bulk (id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
    conn.execute("BEGIN IMMEDIATE")
    filler = "x" * 150
    conn.executemany(
        "INSERT INTO bulk(title, body) VALUES(?, ?)",
        ((f"{(i * 7919) % ROWS:08d} {canary}", f"{canary} {i} {filler}") for i in range(ROWS)),
    )
    conn.execute("COMMIT")
    for sql, params in (
        ("SELECT title, body FROM bulk ORDER BY title DESC", ()),
        ("SELECT id, body FROM bulk WHERE body LIKE ? ORDER BY substr(body, 5) DESC", (f"%{canary}%",)),
        ("SELECT body, count(*) FROM bulk GROUP BY body ORDER BY 2, 1", ()),
    ):
        cursor = conn.execute(sql, params)
        assert cursor.fetchone() is not None  # the sort is complete; any spill file is still open
        watcher.check()
        cursor.fetchall()
    conn.execute("CREATE INDEX bulk_body ON bulk(body)")
    watcher.check()
    conn.execute("VACUUM")
    watcher.check()
    if after_sort is not None:
        after_sort()
        watcher.check()


def main() -> int:
    work, canary = Path(sys.argv[1]), sys.argv[2]
    import sqlcipher3.dbapi2 as sqlcipher

    from goldseam.crypto.kdf import FLOOR_COST
    from goldseam.vault import opening
    from goldseam.vault.vault_folder import VaultFolder

    tmpdir = os.environ["TMPDIR"]
    private = Inotify([tmpdir])
    shared = Inotify(["/var/tmp", "/tmp"])
    report: dict[str, dict[str, object]] = {}

    session = opening.create_vault(
        VaultFolder(work / "vault"), bytearray(b"temp file scenario passphrase"), cost=FLOOR_COST
    ).session
    with FdWatcher(canary.encode()) as watcher:

        def backup() -> None:
            session.folder.backups.mkdir(mode=0o700, exist_ok=True)
            session.backup_to(session.folder.backups / "tempfile-scenario.gsbackup")

        workload(session.conn, watcher, canary, after_sort=backup)
    session.lock()
    report["vault"] = {
        "fd_seen": sorted(watcher.seen),
        "fd_with_canary": sorted(watcher.with_canary),
        "inotify_tmpdir": [p for p in private.created() if "etilqs_" in p],
        "inotify_shared": [p for p in shared.created() if "etilqs_" in p],
    }

    control = sqlcipher.connect(str(work / "control.db"), isolation_level=None)
    key = bytearray(b"x'" + os.urandom(48).hex().encode() + b"'")
    control.set_key(key)
    control.execute("PRAGMA temp_store = FILE")
    control.execute("PRAGMA cache_size = 10")
    with FdWatcher(canary.encode()) as watcher:
        workload(control, watcher, canary)
    control.close()
    report["control"] = {
        "fd_seen": sorted(watcher.seen),
        "fd_with_canary": sorted(watcher.with_canary),
        "inotify_tmpdir": [p for p in private.created() if "etilqs_" in p],
        "inotify_shared": [p for p in shared.created() if "etilqs_" in p],
    }
    report["tmpdir_left"] = sorted(p.name for p in Path(tmpdir).iterdir())
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

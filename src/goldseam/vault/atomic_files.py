"""Durable, atomic file replacement.

Write to a temporary file in the same folder, flush it to the device (``F_FULLFSYNC`` on
macOS), then ``os.replace`` it over the target and sync the folder. On Windows the rename
is retried when another program (antivirus, indexer, sync client) briefly holds the file;
the code never falls back to delete-then-rename.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PARTIAL_SUFFIX = ".partial"
_SQLITE_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def is_partial_file(name: str) -> bool:
    """A temporary file of ours, or the journal SQLite made next to one (e.g. during VACUUM INTO)."""
    return name.endswith(PARTIAL_SUFFIX) or any(name.endswith(PARTIAL_SUFFIX + s) for s in _SQLITE_SIDE_SUFFIXES)


def full_fsync(fd: int) -> None:
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return  # directories cannot be opened for fsync on Windows
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        full_fsync(fd)
    finally:
        os.close(fd)


def replace_with_retry(source: Path, target: Path, attempts: int = 10, delay: float = 0.05) -> None:
    for attempt in range(attempts):
        try:
            source.replace(target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == attempts - 1:
                raise
            time.sleep(delay * (attempt + 1))


def temp_path_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


@contextlib.contextmanager
def atomic_writer(target: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Yield a file to write; on success it atomically replaces ``target``.

    On any error the temporary file is removed and ``target`` is left exactly as it was.
    """
    temp = temp_path_for(target)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    handle = os.fdopen(fd, "wb")
    try:
        yield handle
        handle.flush()
        full_fsync(handle.fileno())
        handle.close()
        replace_with_retry(temp, target)
    except BaseException:
        handle.close()
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(target.parent)


def atomic_write_bytes(target: Path, data: bytes, mode: int = 0o600) -> None:
    with atomic_writer(target, mode) as handle:
        handle.write(data)

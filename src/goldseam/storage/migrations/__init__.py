"""The numbered migration ladder.

The schema version is SQLite's ``user_version``. Each step runs in its own transaction and
bumps the version; a vault with a version above ``LATEST_VERSION`` is refused (it was
written by a newer Goldseam). Before any step runs on an existing vault, the caller makes a
verified backup.

To add a step: create ``vNNN_<name>.py`` with an ``apply(conn)`` and append it to ``LADDER``.
Never edit a step that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from goldseam.storage.migrations import (
    v001_foundation,
    v002_journal,
    v003_checkins,
    v004_reconnect,
    v005_journal_list,
)

Connection = Any


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


LADDER: tuple[Migration, ...] = (
    Migration(1, "foundation", v001_foundation.apply),
    Migration(2, "journal, space, goals", v002_journal.apply),
    Migration(3, "check-ins and boundaries", v003_checkins.apply),
    Migration(4, "contact plan, meetups, ground rules", v004_reconnect.apply),
    Migration(5, "journal list index", v005_journal_list.apply),
)
LATEST_VERSION = LADDER[-1].version

assert [m.version for m in LADDER] == list(range(1, len(LADDER) + 1)), "migration ladder has gaps"


def latest_version() -> int:
    """The newest schema this build understands (read at call time, so tests can extend the ladder)."""
    return LADDER[-1].version


def schema_version(conn: Connection, schema: str = "main") -> int:
    return int(conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0])


def pending(conn: Connection) -> list[Migration]:
    current = schema_version(conn)
    return [m for m in LADDER if m.version > current]


def apply_pending(conn: Connection) -> list[int]:
    """Run every pending step, each in its own transaction. Returns the versions applied."""
    applied = []
    for migration in pending(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(migration.version)
    return applied

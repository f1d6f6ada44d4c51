"""Version 1: what the vault itself needs before any feature adds its tables."""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    # Facts about the vault (creation time, app version that created it).
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
    # Settings that are private and so live inside the vault rather than in QSettings
    # (for example names the user asked the passphrase checker to avoid).
    """CREATE TABLE vault_setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
    # Autosaved editor drafts, keyed by the editor's slot. Locking saves here, never prompts.
    """CREATE TABLE draft (
        slot TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) WITHOUT ROWID""",
)


def apply(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)

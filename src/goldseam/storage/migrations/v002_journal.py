"""Version 2: step 1 of the method — journal, space from the ex, urges, unsent messages, goals."""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    # Journal entries. ``written_at`` is local wall-clock time ('YYYY-MM-DDTHH:MM:SS'), editable
    # by the user; entries sort by it (then id). ``kind`` is one of goldseam.domain.journal.EntryKind.
    """CREATE TABLE entry (
        id INTEGER PRIMARY KEY,
        written_at TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        updated_utc TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        mood INTEGER CHECK (mood BETWEEN 1 AND 5),
        prompt_id TEXT,
        word_count INTEGER NOT NULL DEFAULT 0,
        source TEXT
    )""",
    "CREATE INDEX entry_written ON entry(written_at, id)",
    "CREATE INDEX entry_kind_written ON entry(kind, written_at, id)",
    "CREATE INDEX entry_mood_written ON entry(mood, written_at, id)",
    "CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)",
    """CREATE TABLE entry_tag (
        entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
        PRIMARY KEY (entry_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX entry_tag_by_tag ON entry_tag(tag_id, entry_id)",
    # Full-text index inside the encrypted database (external content: the text is stored once).
    """CREATE VIRTUAL TABLE entry_fts USING fts5(
        title, body, content='entry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN
        INSERT INTO entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
        INSERT INTO entry_fts(entry_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER entry_fts_update AFTER UPDATE OF title, body ON entry BEGIN
        INSERT INTO entry_fts(entry_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    # An urge to contact or check on the ex, logged instead of acted on (an entry of kind 'urge').
    """CREATE TABLE urge (
        entry_id INTEGER PRIMARY KEY REFERENCES entry(id) ON DELETE CASCADE,
        urge_kind TEXT NOT NULL,
        intensity INTEGER NOT NULL CHECK (intensity BETWEEN 1 AND 5),
        instead TEXT NOT NULL DEFAULT '',
        acted INTEGER NOT NULL DEFAULT 0
    )""",
    # Periods of space from the ex. Usually one open period (ended_on NULL).
    """CREATE TABLE space_period (
        id INTEGER PRIMARY KEY,
        started_on TEXT NOT NULL,
        ended_on TEXT,
        practical_contact INTEGER NOT NULL DEFAULT 0
    )""",
    # Contact that happened: who started it, how, how it felt. A slip is recorded, never punished.
    """CREATE TABLE contact_event (
        id INTEGER PRIMARY KEY,
        happened_at TEXT NOT NULL,
        initiated_by TEXT NOT NULL,
        channel TEXT NOT NULL,
        feeling INTEGER CHECK (feeling BETWEEN 1 AND 5),
        practical INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX contact_event_time ON contact_event(happened_at)",
    # Days the user explicitly marked as "I looked after myself today".
    "CREATE TABLE care_day (day TEXT PRIMARY KEY) WITHOUT ROWID",
    # Messages to the ex that are written but never sent by the app; copyable only after cooling off.
    """CREATE TABLE unsent_message (
        id INTEGER PRIMARY KEY,
        created_utc TEXT NOT NULL,
        updated_utc TEXT NOT NULL,
        cooling_until_utc TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'cooling',
        reread_utc TEXT,
        reread_feeling TEXT
    )""",
    # Growth goals in the method's areas, with small steps and check-ins over time.
    """CREATE TABLE goal (
        id INTEGER PRIMARY KEY,
        area TEXT NOT NULL,
        title TEXT NOT NULL,
        why TEXT NOT NULL DEFAULT '',
        created_utc TEXT NOT NULL,
        archived_utc TEXT
    )""",
    """CREATE TABLE goal_step (
        id INTEGER PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        position INTEGER NOT NULL,
        done_on TEXT
    )""",
    "CREATE INDEX goal_step_by_goal ON goal_step(goal_id, position)",
    """CREATE TABLE goal_checkin (
        id INTEGER PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
        checked_on TEXT NOT NULL,
        progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX goal_checkin_by_goal ON goal_checkin(goal_id, checked_on)",
)


def apply(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)

"""Version 4: step 3 of the method — the contact plan, meetups with their reflections, ground
rules for trying again, and "resolve, then release" for the issues that ended it."""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    # One row per attempt at first contact. Goldseam never sends anything: the draft stays here.
    # outcome: NULL (not sent or no news yet), 'no_reply', 'said_no', 'yes' or 'they_reached_out'.
    """CREATE TABLE contact_plan (
        id INTEGER PRIMARY KEY,
        created_utc TEXT NOT NULL,
        updated_utc TEXT NOT NULL,
        relationship_length TEXT NOT NULL DEFAULT '',
        intent TEXT NOT NULL DEFAULT '',
        content_with_friendship INTEGER NOT NULL DEFAULT 0,
        draft TEXT NOT NULL DEFAULT '',
        respect_run_id INTEGER REFERENCES assessment_run(id) ON DELETE SET NULL,
        outcome TEXT,
        outcome_utc TEXT,
        outcome_note TEXT NOT NULL DEFAULT ''
    )""",
    # A planned meeting. starts_local is wall-clock time (no zone); agenda and reflection are JSON.
    """CREATE TABLE meetup (
        id INTEGER PRIMARY KEY,
        created_utc TEXT NOT NULL,
        updated_utc TEXT NOT NULL,
        starts_local TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        place_kind TEXT NOT NULL,
        sober INTEGER NOT NULL DEFAULT 1,
        friend_knows INTEGER NOT NULL DEFAULT 0,
        own_way_home INTEGER NOT NULL DEFAULT 0,
        agenda TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'planned',
        reflection TEXT,
        reflected_utc TEXT
    )""",
    "CREATE INDEX meetup_by_start ON meetup(starts_local)",
    # Ground rules for trying again, agreed by both (or not yet).
    """CREATE TABLE ground_rule (
        id INTEGER PRIMARY KEY,
        created_utc TEXT NOT NULL,
        area TEXT NOT NULL,
        text TEXT NOT NULL,
        proposed_by TEXT NOT NULL,
        agreed TEXT NOT NULL DEFAULT 'not_yet',
        notes TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    # "Resolve, then release": one row per old issue.
    """CREATE TABLE release_item (
        id INTEGER PRIMARY KEY,
        created_utc TEXT NOT NULL,
        issue TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'own',
        talked_through INTEGER NOT NULL DEFAULT 0,
        amends INTEGER NOT NULL DEFAULT 0,
        released_utc TEXT,
        notes TEXT NOT NULL DEFAULT ''
    )""",
)


def apply(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)

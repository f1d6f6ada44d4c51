"""Version 3: step 2 of the method — check-ins (assessment runs) and the ex's boundaries."""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    # One row per attempt at an assessment. In progress while completed_utc is NULL (resume);
    # answers, scores and tags are JSON. Every completed result is kept unless deleted.
    """CREATE TABLE assessment_run (
        id INTEGER PRIMARY KEY,
        assessment TEXT NOT NULL,
        definition_version INTEGER NOT NULL,
        started_utc TEXT NOT NULL,
        updated_utc TEXT NOT NULL,
        completed_utc TEXT,
        answers TEXT NOT NULL DEFAULT '{}',
        position TEXT,
        context TEXT NOT NULL DEFAULT '{}',
        band TEXT,
        scores TEXT,
        tags TEXT,
        hidden INTEGER NOT NULL DEFAULT 0,
        marked_mistake_utc TEXT
    )""",
    "CREATE INDEX assessment_run_by_assessment ON assessment_run(assessment, completed_utc)",
    # What the ex has said or done about contact. A "no" is final in Goldseam: nothing here is
    # ever lifted by the app; only the user can note that they themselves got in touch again.
    """CREATE TABLE boundary_event (
        id INTEGER PRIMARY KEY,
        happened_utc TEXT NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        they_reached_out_utc TEXT
    )""",
)


def apply(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)

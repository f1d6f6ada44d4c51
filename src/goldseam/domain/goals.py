"""Growth goals in the areas of the method, with small steps and check-ins over time.

Growth here is for the user's own sake — rebuilding a clear sense of self — never a
"glow-up" to show the ex what they lost.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from goldseam.domain.journal import now_utc
from goldseam.i18n import N_

Connection = Any


class Area(enum.StrEnum):
    CAREER = "career"
    HOBBIES = "hobbies"
    HEALTH = "health"
    APPEARANCE = "appearance"
    MINDSET = "mindset"
    PEOPLE = "people"


AREA_LABELS = {
    Area.CAREER: N_("Work, study and career"),
    Area.HOBBIES: N_("Hobbies and interests"),
    Area.HEALTH: N_("Fitness and health"),
    Area.APPEARANCE: N_("Looking after how I look and feel"),
    Area.MINDSET: N_("Mindset and wellbeing"),
    Area.PEOPLE: N_("Friends and family"),
}

AREA_EXAMPLES = {
    Area.CAREER: N_("Finish the course I put off; ask for feedback at work"),
    Area.HOBBIES: N_("Pick the guitar back up; join a weekly class"),
    Area.HEALTH: N_("Walk every morning; sleep before midnight"),
    Area.APPEARANCE: N_("A haircut I choose for me; clothes that feel like me"),
    Area.MINDSET: N_("Ten minutes of quiet each day; talk to a counsellor"),
    Area.PEOPLE: N_("Call my sister every Sunday; say yes to one invitation a week"),
}


@dataclass
class Step:
    title: str
    position: int
    done_on: date | None = None
    id: int | None = None


@dataclass
class Goal:
    area: Area
    title: str
    why: str = ""
    steps: list[Step] = field(default_factory=list)
    archived: bool = False
    id: int | None = None

    @property
    def done_steps(self) -> int:
        return sum(1 for s in self.steps if s.done_on is not None)

    def next_step(self) -> Step | None:
        return next((s for s in sorted(self.steps, key=lambda s: s.position) if s.done_on is None), None)


@dataclass(frozen=True)
class CheckIn:
    checked_on: date
    progress: int
    note: str = ""
    id: int | None = None


def save_goal(conn: Connection, goal: Goal) -> int:
    if goal.id is None:
        cursor = conn.execute(
            "INSERT INTO goal(area, title, why, created_utc) VALUES (?, ?, ?, ?)",
            (str(goal.area), goal.title, goal.why, now_utc()),
        )
        goal_id = int(cursor.lastrowid)
    else:
        goal_id = goal.id
        conn.execute(
            "UPDATE goal SET area = ?, title = ?, why = ?, archived_utc = ? WHERE id = ?",
            (str(goal.area), goal.title, goal.why, now_utc() if goal.archived else None, goal_id),
        )
    keep = []
    for position, step in enumerate(goal.steps):
        done = step.done_on.isoformat() if step.done_on else None
        if step.id is None:
            cursor = conn.execute(
                "INSERT INTO goal_step(goal_id, title, position, done_on) VALUES (?, ?, ?, ?)",
                (goal_id, step.title, position, done),
            )
            keep.append(int(cursor.lastrowid))
        else:
            conn.execute(
                "UPDATE goal_step SET title = ?, position = ?, done_on = ? WHERE id = ? AND goal_id = ?",
                (step.title, position, done, step.id, goal_id),
            )
            keep.append(step.id)
    placeholders = ",".join("?" * len(keep)) or "NULL"
    conn.execute(f"DELETE FROM goal_step WHERE goal_id = ? AND id NOT IN ({placeholders})", (goal_id, *keep))
    return goal_id


def set_step_done(conn: Connection, step_id: int, done_on: date | None) -> None:
    conn.execute("UPDATE goal_step SET done_on = ? WHERE id = ?", (done_on.isoformat() if done_on else None, step_id))


def delete_goal(conn: Connection, goal_id: int) -> None:
    conn.execute("DELETE FROM goal WHERE id = ?", (goal_id,))


def goals(conn: Connection, include_archived: bool = False) -> list[Goal]:
    where = "" if include_archived else "WHERE archived_utc IS NULL"
    rows = conn.execute(f"SELECT id, area, title, why, archived_utc FROM goal {where} ORDER BY id").fetchall()
    result = []
    for r in rows:
        steps = [
            Step(s[1], s[2], date.fromisoformat(s[3]) if s[3] else None, s[0])
            for s in conn.execute(
                "SELECT id, title, position, done_on FROM goal_step WHERE goal_id = ? ORDER BY position", (r[0],)
            )
        ]
        result.append(Goal(Area(r[1]), r[2], r[3], steps, r[4] is not None, r[0]))
    return result


def add_checkin(conn: Connection, goal_id: int, checkin: CheckIn) -> int:
    cursor = conn.execute(
        "INSERT INTO goal_checkin(goal_id, checked_on, progress, note) VALUES (?, ?, ?, ?)",
        (goal_id, checkin.checked_on.isoformat(), checkin.progress, checkin.note),
    )
    return int(cursor.lastrowid)


def checkins(conn: Connection, goal_id: int) -> list[CheckIn]:
    return [
        CheckIn(date.fromisoformat(r[1]), r[2], r[3], r[0])
        for r in conn.execute(
            "SELECT id, checked_on, progress, note FROM goal_checkin WHERE goal_id = ? ORDER BY checked_on, id",
            (goal_id,),
        )
    ]


def next_small_step(conn: Connection) -> tuple[Goal, Step] | None:
    """The first open step of the goal touched most recently (steps done or check-ins)."""
    candidates = []
    for goal in goals(conn):
        step = goal.next_step()
        if step is None:
            continue
        row = conn.execute(
            "SELECT max(d) FROM (SELECT max(done_on) AS d FROM goal_step WHERE goal_id = ? "
            "UNION ALL SELECT max(checked_on) FROM goal_checkin WHERE goal_id = ?)",
            (goal.id, goal.id),
        ).fetchone()
        candidates.append((row[0] or "", goal.id or 0, goal, step))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return candidates[0][2], candidates[0][3]

"""Unsent messages: write the message you want to send to your ex — and keep it here.

Goldseam never sends anything. A message cools off (72 hours by default, restarting
whenever it is edited) before it can even be copied, and then invites a re-read: how does it
read now? Many people are glad they waited.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from goldseam.i18n import N_

Connection = Any
DEFAULT_COOLING_HOURS = 72
COOLING_SETTING = "unsent/cooling_hours"


class Reread(enum.StrEnum):
    STILL_WANT = "still_want"
    GLAD_I_WAITED = "glad_i_waited"
    REWRITE = "rewrite"


REREAD_LABELS = {
    Reread.STILL_WANT: N_("I'd still want to send something like this"),
    Reread.GLAD_I_WAITED: N_("I'm glad I didn't send it"),
    Reread.REWRITE: N_("I'd say it differently now"),
}


@dataclass(frozen=True)
class UnsentMessage:
    id: int
    created_utc: datetime
    updated_utc: datetime
    cooling_until_utc: datetime
    body: str
    reread_utc: datetime | None
    reread_feeling: Reread | None

    def cooling(self, now: datetime) -> bool:
        return now < self.cooling_until_utc

    def time_left(self, now: datetime) -> timedelta:
        return max(timedelta(0), self.cooling_until_utc - now)

    def ready_to_reread(self, now: datetime) -> bool:
        return not self.cooling(now) and self.reread_utc is None


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _parse(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def cooling_hours(conn: Connection) -> int:
    row = conn.execute("SELECT value FROM vault_setting WHERE key = ?", (COOLING_SETTING,)).fetchone()
    try:
        return max(1, min(24 * 14, int(row[0]))) if row else DEFAULT_COOLING_HOURS
    except ValueError:
        return DEFAULT_COOLING_HOURS


def create(conn: Connection, body: str, now: datetime | None = None) -> int:
    now = now or _now()
    until = now + timedelta(hours=cooling_hours(conn))
    cursor = conn.execute(
        "INSERT INTO unsent_message(created_utc, updated_utc, cooling_until_utc, body) VALUES (?, ?, ?, ?)",
        (now.isoformat(), now.isoformat(), until.isoformat(), body),
    )
    return int(cursor.lastrowid)


def update(conn: Connection, message_id: int, body: str, now: datetime | None = None) -> None:
    """Save edits; changed words have not cooled yet, so the cooling-off period starts again."""
    now = now or _now()
    row = conn.execute("SELECT body FROM unsent_message WHERE id = ?", (message_id,)).fetchone()
    if row is None:
        raise KeyError(message_id)
    if row[0] == body:
        return
    until = now + timedelta(hours=cooling_hours(conn))
    conn.execute(
        "UPDATE unsent_message SET body = ?, updated_utc = ?, cooling_until_utc = ?, reread_utc = NULL, "
        "reread_feeling = NULL WHERE id = ?",
        (body, now.isoformat(), until.isoformat(), message_id),
    )


def record_reread(conn: Connection, message_id: int, feeling: Reread, now: datetime | None = None) -> None:
    conn.execute(
        "UPDATE unsent_message SET reread_utc = ?, reread_feeling = ? WHERE id = ?",
        ((now or _now()).isoformat(), str(feeling), message_id),
    )


def let_go(conn: Connection, message_id: int) -> None:
    """Delete the message for good (secure_delete is on, so its pages are zeroed)."""
    conn.execute("DELETE FROM unsent_message WHERE id = ?", (message_id,))


def load(conn: Connection, message_id: int) -> UnsentMessage | None:
    rows = _select(conn, "WHERE id = ?", (message_id,))
    return rows[0] if rows else None


def all_messages(conn: Connection) -> list[UnsentMessage]:
    return _select(conn, "ORDER BY updated_utc DESC, id DESC", ())


def ready_to_reread(conn: Connection, now: datetime | None = None) -> list[UnsentMessage]:
    now = now or _now()
    return [m for m in all_messages(conn) if m.ready_to_reread(now)]


def _select(conn: Connection, tail: str, params: tuple[object, ...]) -> list[UnsentMessage]:
    rows = conn.execute(
        "SELECT id, created_utc, updated_utc, cooling_until_utc, body, reread_utc, reread_feeling FROM unsent_message "
        + tail,
        params,
    ).fetchall()
    result = []
    for r in rows:
        feeling = Reread(r[6]) if r[6] in Reread.__members__.values() else None
        created, updated, until = (datetime.fromisoformat(v) for v in (r[1], r[2], r[3]))
        result.append(UnsentMessage(r[0], created, updated, until, r[4], _parse(r[5]), feeling))
    return result

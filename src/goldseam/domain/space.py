"""Space from the ex, done kindly: a tracker of days you looked after yourself, a contact log
without shame, and an urge log that records what you did instead.

There is deliberately no "days since contact" streak: a slip is written down and the count
of days you looked after yourself simply carries on.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from goldseam.domain.journal import Entry, EntryKind, save_entry
from goldseam.i18n import N_

Connection = Any


class UrgeKind(enum.StrEnum):
    TEXT = "text"
    CALL = "call"
    CHECK_PROFILE = "check_profile"
    VISIT = "visit"
    THROUGH_FRIENDS = "through_friends"
    OTHER = "other"


URGE_LABELS = {
    UrgeKind.TEXT: N_("Text or message them"),
    UrgeKind.CALL: N_("Call them"),
    UrgeKind.CHECK_PROFILE: N_("Check their profile or photos"),
    UrgeKind.VISIT: N_("Go where they might be"),
    UrgeKind.THROUGH_FRIENDS: N_("Ask friends about them"),
    UrgeKind.OTHER: N_("Something else"),
}


class Alternative(enum.StrEnum):
    WROTE_HERE = "wrote_here"
    UNSENT = "unsent"
    WALK = "walk"
    FRIEND = "friend"
    BREATHE = "breathe"
    MOVE = "move"
    MUSIC = "music"
    WAITED = "waited"
    OTHER = "other"


ALTERNATIVE_LABELS = {
    Alternative.WROTE_HERE: N_("Wrote about it here instead"),
    Alternative.UNSENT: N_("Wrote an unsent message"),
    Alternative.WALK: N_("Went for a walk"),
    Alternative.FRIEND: N_("Talked to a friend"),
    Alternative.BREATHE: N_("Slow breathing for a few minutes"),
    Alternative.MOVE: N_("Exercise or moved my body"),
    Alternative.MUSIC: N_("Music, a show or a book"),
    Alternative.WAITED: N_("Waited until the wave passed"),
    Alternative.OTHER: N_("Something else"),
}


class Initiator(enum.StrEnum):
    ME = "me"
    THEM = "them"
    BOTH = "both"
    CHANCE = "chance"


INITIATOR_LABELS = {
    Initiator.ME: N_("I did"),
    Initiator.THEM: N_("They did"),
    Initiator.BOTH: N_("Both of us / mutual"),
    Initiator.CHANCE: N_("By chance"),
}


class Channel(enum.StrEnum):
    MESSAGE = "message"
    CALL = "call"
    IN_PERSON = "in_person"
    SOCIAL = "social"
    THROUGH_OTHERS = "through_others"
    OTHER = "other"


CHANNEL_LABELS = {
    Channel.MESSAGE: N_("Message"),
    Channel.CALL: N_("Call"),
    Channel.IN_PERSON: N_("In person"),
    Channel.SOCIAL: N_("Social media"),
    Channel.THROUGH_OTHERS: N_("Through other people"),
    Channel.OTHER: N_("Other"),
}


@dataclass(frozen=True)
class SpacePeriod:
    id: int
    started_on: date
    ended_on: date | None
    practical_contact: bool


@dataclass(frozen=True)
class ContactEvent:
    happened_at: str
    initiated_by: Initiator
    channel: Channel
    feeling: int | None = None
    practical: bool = False
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Urge:
    written_at: str
    urge_kind: UrgeKind
    intensity: int
    instead: tuple[Alternative, ...] = ()
    acted: bool = False
    note: str = ""
    entry_id: int | None = None


@dataclass(frozen=True)
class SpaceSummary:
    period: SpacePeriod | None
    days_since_start: int
    days_cared_for: int
    contacts: int
    contacts_started_by_me: int
    urges: int
    urges_ridden_out: int
    cared_today: bool


# -- the period --------------------------------------------------------------------------------


def current_period(conn: Connection) -> SpacePeriod | None:
    row = conn.execute(
        "SELECT id, started_on, ended_on, practical_contact FROM space_period WHERE ended_on IS NULL "
        "ORDER BY started_on DESC, id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return SpacePeriod(row[0], date.fromisoformat(row[1]), None, bool(row[3]))


def start_space(conn: Connection, started_on: date, practical_contact: bool = False) -> int:
    conn.execute("UPDATE space_period SET ended_on = ? WHERE ended_on IS NULL", (started_on.isoformat(),))
    cursor = conn.execute(
        "INSERT INTO space_period(started_on, practical_contact) VALUES (?, ?)",
        (started_on.isoformat(), int(practical_contact)),
    )
    return int(cursor.lastrowid)


def end_space(conn: Connection, ended_on: date) -> None:
    conn.execute("UPDATE space_period SET ended_on = ? WHERE ended_on IS NULL", (ended_on.isoformat(),))


# -- care days -----------------------------------------------------------------------------------


def set_cared_for(conn: Connection, day: date, cared: bool) -> None:
    if cared:
        conn.execute("INSERT INTO care_day(day) VALUES (?) ON CONFLICT(day) DO NOTHING", (day.isoformat(),))
    else:
        conn.execute("DELETE FROM care_day WHERE day = ?", (day.isoformat(),))


def cared_for_days(conn: Connection, since: date) -> set[date]:
    """Days with any act of self-care: marked, written (not venting alone), a goal step or check-in."""
    start = since.isoformat()
    rows = conn.execute(
        "SELECT day FROM care_day WHERE day >= ? "
        "UNION SELECT substr(written_at, 1, 10) FROM entry WHERE written_at >= ? AND kind != 'vent' "
        "UNION SELECT done_on FROM goal_step WHERE done_on IS NOT NULL AND done_on >= ? "
        "UNION SELECT checked_on FROM goal_checkin WHERE checked_on >= ?",
        (start, start, start, start),
    ).fetchall()
    return {date.fromisoformat(r[0]) for r in rows if r[0]}


# -- contact log -----------------------------------------------------------------------------------


def log_contact(conn: Connection, event: ContactEvent) -> int:
    values = (
        event.happened_at,
        str(event.initiated_by),
        str(event.channel),
        event.feeling,
        int(event.practical),
        event.note,
    )
    if event.id is None:
        cursor = conn.execute(
            "INSERT INTO contact_event(happened_at, initiated_by, channel, feeling, practical, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            values,
        )
        return int(cursor.lastrowid)
    conn.execute(
        "UPDATE contact_event SET happened_at=?, initiated_by=?, channel=?, feeling=?, practical=?, note=? WHERE id=?",
        (*values, event.id),
    )
    return event.id


def delete_contact(conn: Connection, event_id: int) -> None:
    conn.execute("DELETE FROM contact_event WHERE id = ?", (event_id,))


def contacts(conn: Connection, since: date | None = None) -> list[ContactEvent]:
    rows = conn.execute(
        "SELECT id, happened_at, initiated_by, channel, feeling, practical, note FROM contact_event "
        "WHERE happened_at >= ? ORDER BY happened_at DESC, id DESC",
        ((since or date.min).isoformat(),),
    ).fetchall()
    return [ContactEvent(r[1], Initiator(r[2]), Channel(r[3]), r[4], bool(r[5]), r[6], id=r[0]) for r in rows]


# -- urges ------------------------------------------------------------------------------------------


def log_urge(conn: Connection, urge: Urge) -> int:
    """An urge is also a journal entry (kind 'urge'), so it shows in the journal and in search."""
    entry = Entry(written_at=urge.written_at, kind=EntryKind.URGE, title="", body=urge.note, id=urge.entry_id)
    entry_id = save_entry(conn, entry)
    conn.execute(
        "INSERT INTO urge(entry_id, urge_kind, intensity, instead, acted) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(entry_id) DO UPDATE SET urge_kind=excluded.urge_kind, intensity=excluded.intensity, "
        "instead=excluded.instead, acted=excluded.acted",
        (entry_id, str(urge.urge_kind), urge.intensity, ",".join(str(a) for a in urge.instead), int(urge.acted)),
    )
    return entry_id


def load_urge(conn: Connection, entry_id: int) -> Urge | None:
    row = conn.execute(
        "SELECT e.written_at, u.urge_kind, u.intensity, u.instead, u.acted, e.body FROM urge u "
        "JOIN entry e ON e.id = u.entry_id WHERE u.entry_id = ?",
        (entry_id,),
    ).fetchone()
    if row is None:
        return None
    instead = tuple(Alternative(a) for a in row[3].split(",") if a in Alternative.__members__.values())
    return Urge(row[0], UrgeKind(row[1]), row[2], instead, bool(row[4]), row[5], entry_id)


def urges(conn: Connection, since: date | None = None, limit: int = 500) -> list[Urge]:
    rows = conn.execute(
        "SELECT e.id, e.written_at, u.urge_kind, u.intensity, u.instead, u.acted, e.body FROM urge u "
        "JOIN entry e ON e.id = u.entry_id WHERE e.written_at >= ? ORDER BY e.written_at DESC, e.id DESC "
        f"LIMIT {int(limit)}",  # a literal: see journal.list_page
        ((since or date.min).isoformat(),),
    ).fetchall()
    result = []
    for r in rows:
        instead = tuple(Alternative(a) for a in r[4].split(",") if a in Alternative.__members__.values())
        result.append(Urge(r[1], UrgeKind(r[2]), r[3], instead, bool(r[5]), r[6], r[0]))
    return result


# -- summary -----------------------------------------------------------------------------------------


def summary(conn: Connection, today: date) -> SpaceSummary:
    period = current_period(conn)
    since = period.started_on if period else today
    cared = cared_for_days(conn, since)
    contact_rows = conn.execute(
        "SELECT initiated_by FROM contact_event WHERE happened_at >= ?", (since.isoformat(),)
    ).fetchall()
    urge_rows = conn.execute(
        "SELECT u.acted FROM urge u JOIN entry e ON e.id = u.entry_id WHERE e.written_at >= ?", (since.isoformat(),)
    ).fetchall()
    return SpaceSummary(
        period=period,
        days_since_start=(today - since).days + 1 if period else 0,
        days_cared_for=len([d for d in cared if d <= today]) if period else 0,
        contacts=len(contact_rows),
        contacts_started_by_me=sum(1 for r in contact_rows if r[0] == Initiator.ME),
        urges=len(urge_rows),
        urges_ridden_out=sum(1 for r in urge_rows if not r[0]),
        cared_today=today in cared,
    )


def local_now() -> str:
    return datetime.now().replace(microsecond=0).isoformat()

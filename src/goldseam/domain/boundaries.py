"""The ex's boundaries. A "no", a block, a request for no contact or a court order is final in
Goldseam: drafting and contact planning switch off and stay off. The app never suggests trying
again later; only if the user notes that *they* got in touch does the boundary stop counting."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from goldseam.i18n import N_

Connection = Any


class BoundaryKind(enum.StrEnum):
    SAID_NO = "said_no"
    NO_CONTACT = "no_contact"
    BLOCKED = "blocked"
    NO_REPLY = "no_reply"
    NEW_RELATIONSHIP = "new_relationship"
    COURT_ORDER = "court_order"


BOUNDARY_LABELS = {
    BoundaryKind.SAID_NO: N_("They said no"),
    BoundaryKind.NO_CONTACT: N_("They asked not to be contacted"),
    BoundaryKind.BLOCKED: N_("They blocked you"),
    BoundaryKind.NO_REPLY: N_("Your message went unanswered"),
    BoundaryKind.NEW_RELATIONSHIP: N_("They're in a new relationship and not interested"),
    BoundaryKind.COURT_ORDER: N_("A court order or the police are involved"),
}

# Which readiness answers record which boundary.
READINESS_ITEMS = {
    "H1": BoundaryKind.NO_CONTACT,
    "H2": BoundaryKind.BLOCKED,
    "H3": BoundaryKind.COURT_ORDER,
    "H4": BoundaryKind.NEW_RELATIONSHIP,
}


@dataclass(frozen=True)
class Boundary:
    id: int
    happened_utc: datetime
    kind: BoundaryKind
    source: str
    note: str


def record(conn: Connection, kind: BoundaryKind, source: str, note: str = "", now: datetime | None = None) -> int:
    existing = conn.execute(
        "SELECT id FROM boundary_event WHERE kind = ? AND they_reached_out_utc IS NULL", (str(kind),)
    ).fetchone()
    if existing:
        return int(existing[0])
    cursor = conn.execute(
        "INSERT INTO boundary_event(happened_utc, kind, source, note) VALUES (?, ?, ?, ?)",
        ((now or datetime.now(UTC)).replace(microsecond=0).isoformat(), str(kind), source, note),
    )
    return int(cursor.lastrowid)


def record_from_readiness(conn: Connection, answers: dict[str, Any]) -> list[BoundaryKind]:
    recorded = []
    for item, kind in READINESS_ITEMS.items():
        if answers.get(item) == "yes":
            record(conn, kind, "readiness")
            recorded.append(kind)
    return recorded


def active(conn: Connection) -> list[Boundary]:
    rows = conn.execute(
        "SELECT id, happened_utc, kind, source, note FROM boundary_event WHERE they_reached_out_utc IS NULL "
        "ORDER BY happened_utc"
    ).fetchall()
    return [Boundary(r[0], datetime.fromisoformat(r[1]), BoundaryKind(r[2]), r[3], r[4]) for r in rows]


def note_they_reached_out(conn: Connection, boundary_id: int, now: datetime | None = None) -> None:
    """Only for when the ex contacted the user themselves."""
    conn.execute(
        "UPDATE boundary_event SET they_reached_out_utc = ? WHERE id = ?",
        ((now or datetime.now(UTC)).replace(microsecond=0).isoformat(), boundary_id),
    )

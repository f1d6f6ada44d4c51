"""First contact, planned honestly: the approach for a long or a short relationship, a draft
that stays in the vault (Goldseam never sends anything), and what happened.

A "no" or no reply is recorded as a boundary: contact planning closes and stays closed, and the
app offers support to move on. Only the ex getting in touch themselves reopens anything, and
never a court order.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from goldseam.domain import boundaries
from goldseam.domain.boundaries import BoundaryKind
from goldseam.domain.care_gate import CareState, Level
from goldseam.i18n import N_

Connection = Any
DRAFT_SOFT_LIMIT = 600  # characters: a first message that runs longer stops being low-pressure


class Length(enum.StrEnum):
    LONG = "long"
    SHORT = "short"


class Intent(enum.StrEnum):
    RECONNECT = "reconnect"  # hoping to try again
    TALK = "talk"  # to talk things through, open about the outcome
    FRIENDSHIP = "friendship"  # friendship, and content with only that


class ContactOutcome(enum.StrEnum):
    NO_REPLY = "no_reply"
    SAID_NO = "said_no"
    YES = "yes"
    THEY_REACHED_OUT = "they_reached_out"


LENGTH_LABELS = {
    Length.LONG: N_("A long relationship (a year or more, or living together)"),
    Length.SHORT: N_("A short relationship (a few weeks or months)"),
}
INTENT_LABELS = {
    Intent.RECONNECT: N_("I'd like us to try again, if they want that too"),
    Intent.TALK: N_("I'd like to talk things through, without expecting anything"),
    Intent.FRIENDSHIP: N_("I'd like a friendship, and I'd be content with only that"),
}
OUTCOME_LABELS = {
    ContactOutcome.NO_REPLY: N_("No reply"),
    ContactOutcome.SAID_NO: N_("They said no"),
    ContactOutcome.YES: N_("They'd like to meet or talk"),
    ContactOutcome.THEY_REACHED_OUT: N_("They got in touch with me first"),
}

APPROACH = {
    Length.LONG: (
        N_(
            "After a long relationship, being upfront is kinder than being vague: say that you've missed them and "
            "that you'd like to meet, if they would."
        ),
        N_(
            "Name one thing you've understood or changed since the breakup — briefly. The full conversation belongs "
            "in person, not in a first message."
        ),
        N_("Make it easy to say no: “No pressure at all, and no need to reply if you'd rather not.”"),
    ),
    Length.SHORT: (
        N_(
            "After a short relationship, keep it simple and light: a friendly hello and an easy question, such as "
            "whether they'd be free for a coffee."
        ),
        N_("There's no need for a long explanation or a big apology unless something specific happened."),
        N_("Make it easy to say no, and leave it there."),
    ),
}
HONESTY = N_(
    "Be honest about what you hope for. Offering friendship as a route back is a kind of pretending, and it tends to "
    "hurt you both."
)


@dataclass(frozen=True)
class ContactPlan:
    relationship_length: Length | None = None
    intent: Intent | None = None
    content_with_friendship: bool = False
    draft: str = ""
    respect_run_id: int | None = None
    outcome: ContactOutcome | None = None
    outcome_utc: datetime | None = None
    outcome_note: str = ""
    id: int | None = None

    @property
    def closed(self) -> bool:
        return self.outcome in (ContactOutcome.NO_REPLY, ContactOutcome.SAID_NO)

    @property
    def agreed(self) -> bool:
        """They want to meet or talk: a meeting can be planned."""
        return self.outcome in (ContactOutcome.YES, ContactOutcome.THEY_REACHED_OUT)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _plan(row: tuple[Any, ...]) -> ContactPlan:
    return ContactPlan(
        relationship_length=Length(row[1]) if row[1] else None,
        intent=Intent(row[2]) if row[2] else None,
        content_with_friendship=bool(row[3]),
        draft=row[4],
        respect_run_id=row[5],
        outcome=ContactOutcome(row[6]) if row[6] else None,
        outcome_utc=datetime.fromisoformat(row[7]) if row[7] else None,
        outcome_note=row[8],
        id=row[0],
    )


_COLUMNS = (
    "id, relationship_length, intent, content_with_friendship, draft, respect_run_id, outcome, outcome_utc, "
    "outcome_note"
)


def current(conn: Connection) -> ContactPlan | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM contact_plan ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else _plan(row)


def save(conn: Connection, plan: ContactPlan, now: datetime | None = None) -> int:
    stamp = (now or _now()).isoformat()
    values = (
        str(plan.relationship_length or ""),
        str(plan.intent or ""),
        int(plan.content_with_friendship),
        plan.draft,
        plan.respect_run_id,
    )
    if plan.id is None:
        cursor = conn.execute(
            "INSERT INTO contact_plan(created_utc, updated_utc, relationship_length, intent, content_with_friendship, "
            "draft, respect_run_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (stamp, stamp, *values),
        )
        return int(cursor.lastrowid)
    conn.execute(
        "UPDATE contact_plan SET updated_utc = ?, relationship_length = ?, intent = ?, content_with_friendship = ?, "
        "draft = ?, respect_run_id = ? WHERE id = ?",
        (stamp, *values, plan.id),
    )
    return plan.id


def record_outcome(
    conn: Connection, plan: ContactPlan, outcome: ContactOutcome, note: str = "", now: datetime | None = None
) -> ContactPlan:
    """What happened. A "no" or no reply becomes a lasting boundary."""
    stamp = now or _now()
    plan_id = plan.id if plan.id is not None else save(conn, plan, stamp)
    conn.execute(
        "UPDATE contact_plan SET outcome = ?, outcome_utc = ?, outcome_note = ?, updated_utc = ? WHERE id = ?",
        (str(outcome), stamp.isoformat(), note, stamp.isoformat(), plan_id),
    )
    if outcome is ContactOutcome.SAID_NO:
        boundaries.record(conn, BoundaryKind.SAID_NO, "contact_plan", now=stamp)
    elif outcome is ContactOutcome.NO_REPLY:
        boundaries.record(conn, BoundaryKind.NO_REPLY, "contact_plan", now=stamp)
    return replace(plan, id=plan_id, outcome=outcome, outcome_utc=stamp, outcome_note=note)


def they_reached_out(conn: Connection, now: datetime | None = None) -> ContactPlan | None:
    """The ex got in touch first. Lifts every boundary except a court order (which Goldseam never
    lifts) and notes it; returns the new plan, or None when a court order still stands."""
    active = boundaries.active(conn)
    if any(b.kind is BoundaryKind.COURT_ORDER for b in active):
        return None
    for boundary in active:
        boundaries.note_they_reached_out(conn, boundary.id, now)
    return record_outcome(conn, ContactPlan(), ContactOutcome.THEY_REACHED_OUT, now=now)


def court_order(conn: Connection) -> bool:
    return any(b.kind is BoundaryKind.COURT_ORDER for b in boundaries.active(conn))


def problems(plan: ContactPlan) -> list[str]:
    """What stands between this plan and a draft worth checking (English sources)."""
    found = []
    if plan.relationship_length is None:
        found.append(N_("Choose how long the relationship was, so the approach fits."))
    if plan.intent is None:
        found.append(N_("Say honestly what you hope for."))
    elif plan.intent is Intent.FRIENDSHIP and not plan.content_with_friendship:
        found.append(
            N_(
                "Offer friendship only if you'd be content with friendship alone. If you hope for more, choose that "
                "instead; honesty is kinder to you both."
            )
        )
    if not plan.draft.strip():
        found.append(N_("Write a draft first. It stays here; Goldseam never sends anything."))
    elif len(plan.draft) > DRAFT_SOFT_LIMIT:
        found.append(N_("The draft is long for a first message. Shorter leaves them freer to answer, or not."))
    return found


@dataclass(frozen=True)
class PlanAccess:
    contact: bool  # plan and draft first contact
    meetup: bool  # plan a meeting, the agenda, the reflection
    ground_rules: bool  # ground rules, resolve then release
    level: Level


def access(care: CareState, plan: ContactPlan | None) -> PlanAccess:
    """What the Plans page may offer: the care state machine first, then the contact outcome."""
    agreed = plan is not None and plan.agreed
    closed = plan is not None and plan.closed
    return PlanAccess(
        contact=care.contact_planning and not closed and not agreed,
        meetup=care.reunion_coaching and agreed,
        ground_rules=care.reunion_coaching and agreed,
        level=care.level,
    )

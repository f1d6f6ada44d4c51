"""A first meeting, planned the way the method suggests: casual, daytime, sober, short and easy
to leave; an agenda (an apology that names things, topics to leave for later, what to notice,
a warm way to end); an expectations check; and a reflection afterwards.

Nudges explain *why* rather than forbid: the user decides. Where the safety check flagged
anything, the safety basics (public place, a friend who knows, own way home) are asked for.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from goldseam.domain.care_gate import CareState
from goldseam.i18n import N_

Connection = Any
MIN_MINUTES, MAX_MINUTES = 15, 8 * 60
EVENING_HOUR = 18


class PlaceKind(enum.StrEnum):
    COFFEE = "coffee"
    WALK = "walk"
    LUNCH = "lunch"
    OUTING = "outing"  # a park, a museum, a market
    DRINKS = "drinks"  # a bar, in the evening
    DINNER = "dinner"
    HOME = "home"  # one of your homes
    OTHER = "other"


PLACE_LABELS = {
    PlaceKind.COFFEE: N_("Coffee or tea"),
    PlaceKind.WALK: N_("A walk"),
    PlaceKind.LUNCH: N_("A quick lunch"),
    PlaceKind.OUTING: N_("A park, museum or market"),
    PlaceKind.DRINKS: N_("Drinks at a bar"),
    PlaceKind.DINNER: N_("Dinner"),
    PlaceKind.HOME: N_("At one of your homes"),
    PlaceKind.OTHER: N_("Somewhere else"),
}
PUBLIC_KINDS = frozenset(PlaceKind) - {PlaceKind.HOME}


class Status(enum.StrEnum):
    PLANNED = "planned"
    HAPPENED = "happened"
    CANCELLED = "cancelled"


# Topics to leave out of a first meeting (all suggested; the user can untick any).
AVOID_TOPICS = {
    "reunion": N_("Pushing to get back together: let it be their choice, in their time"),
    "old_fights": N_("Re-running old arguments point by point"),
    "new_people": N_("Who either of you has been seeing"),
    "blame": N_("Keeping score of who was more to blame"),
}
# What to notice: signs they have changed too (feeds “Have they changed?”).
NOTICE = {
    "listens": N_("Do they listen without interrupting or getting defensive?"),
    "ownership": N_("Do they own their part, without excuses?"),
    "respect": N_("Do they respect your pace and your answers?"),
    "consistency": N_("Do their words match what they have actually done lately?"),
    "pressure": N_("Is there any pressure, guilt or anger when things don't go their way?"),
}
# Before going: every one should honestly be true.
EXPECTATIONS = {
    "any_answer": N_("I'm ready for any outcome, including that this is goodbye."),
    "no_decision": N_("I don't need a decision about us today."),
    "their_pace": N_("I'll follow their lead on whether to talk about the relationship."),
    "aftercare": N_("I have something kind planned for myself afterwards, whatever happens."),
    "can_leave": N_("I can leave whenever I want, and I know how I'll get home."),
}
WARM_END_EXAMPLE = N_("“It was really good to see you. Thank you for coming.”")

REUNION_RAISED = {
    "they": N_("They did"),
    "me": N_("I did"),
    "both": N_("We both did"),
    "no": N_("Neither of us"),
}
SIGNS = {
    "listened": N_("They listened"),
    "owned": N_("They owned their part"),
    "apologised": N_("They apologised for something specific"),
    "respected": N_("They respected my pace"),
    "changes": N_("They described real changes, with examples"),
}
CONCERNS = {
    "pressure": N_("Pressure or guilt"),
    "blame": N_("Blame for everything that went wrong"),
    "anger": N_("Anger or sulking"),
    "old_patterns": N_("The same old patterns"),
    "drinking": N_("Heavy drinking"),
}
WANT_NEXT = {
    "again": N_("I'd like to meet again"),
    "unsure": N_("I'm not sure yet"),
    "no": N_("I don't want to take this further"),
}


@dataclass(frozen=True)
class Apology:
    acknowledge: str = ""  # what I did
    responsibility: str = ""  # that it was mine, with no "but"
    change: str = ""  # what I'm doing differently

    @property
    def empty(self) -> bool:
        return not (self.acknowledge.strip() or self.responsibility.strip() or self.change.strip())

    def text(self) -> str:
        return " ".join(part.strip() for part in (self.acknowledge, self.responsibility, self.change) if part.strip())


@dataclass(frozen=True)
class Agenda:
    apology: Apology = Apology()
    avoid: tuple[str, ...] = tuple(AVOID_TOPICS)
    notice: tuple[str, ...] = tuple(NOTICE)
    warm_end: str = ""
    expectations: tuple[str, ...] = ()  # the EXPECTATIONS keys the user ticked

    @property
    def expectations_met(self) -> bool:
        return set(EXPECTATIONS) <= set(self.expectations)


@dataclass(frozen=True)
class Reflection:
    feeling: int = 3  # 1 (awful) .. 5 (very good)
    said: str = ""
    reunion_raised: str = "no"
    signs: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    want_next: str = "unsure"
    notes: str = ""


@dataclass(frozen=True)
class Meetup:
    starts_local: datetime  # wall-clock time, no zone
    minutes: int = 60
    place: str = ""
    place_kind: PlaceKind = PlaceKind.COFFEE
    sober: bool = True
    friend_knows: bool = False
    own_way_home: bool = False
    agenda: Agenda = field(default_factory=Agenda)
    status: Status = Status.PLANNED
    reflection: Reflection | None = None
    reflected_utc: datetime | None = None
    id: int | None = None

    @property
    def ends_local(self) -> datetime:
        return self.starts_local + timedelta(minutes=self.minutes)


# -- nudges and checks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nudge:
    kind: str  # "why" (the method's reasoning) or "safety"
    text: str  # English source


def nudges(meetup: Meetup, care: CareState) -> list[Nudge]:
    """Gentle explanations for choices the method would make differently, and safety basics."""
    found: list[Nudge] = []
    evening = meetup.starts_local.hour >= EVENING_HOUR or meetup.ends_local.hour >= EVENING_HOUR + 3
    if meetup.place_kind is PlaceKind.DRINKS or not meetup.sober:
        found.append(
            Nudge(
                "why",
                N_(
                    "Staying sober keeps the conversation clear and your judgement your own. Alcohol makes "
                    "old arguments easier to restart and harder to leave."
                ),
            )
        )
    if evening:
        found.append(
            Nudge(
                "why",
                N_(
                    "Daytime keeps it light: an evening meeting can feel like a date with expectations "
                    "attached. A morning coffee or an afternoon walk asks less of you both."
                ),
            )
        )
    if meetup.place_kind is PlaceKind.DINNER:
        found.append(
            Nudge(
                "why",
                N_(
                    "A long dinner is hard to leave early. Coffee or a walk lets either of you end it "
                    "kindly whenever it feels right."
                ),
            )
        )
    if meetup.place_kind is PlaceKind.HOME:
        found.append(
            Nudge(
                "safety",
                N_(
                    "Meeting at home makes it harder to leave and easier to slide back into old patterns. "
                    "A public place is safer and calmer for both of you."
                ),
            )
        )
    if meetup.minutes > 120:
        found.append(
            Nudge(
                "why",
                N_(
                    "Short is kind: about an hour is enough for a first meeting, and leaves room to decide "
                    "calmly afterwards."
                ),
            )
        )
    if not meetup.friend_knows:
        found.append(Nudge("safety", N_("Let a friend know where you'll be and when you expect to be back.")))
    if care.safety_framing and not meetup.own_way_home:
        found.append(Nudge("safety", N_("Have your own way home, so you can leave whenever you want.")))
    return found


def problems(meetup: Meetup, now_local: datetime | None = None) -> list[str]:
    """What must be fixed before the plan can be saved (English sources)."""
    found = []
    now = now_local or datetime.now()
    if meetup.status is Status.PLANNED and meetup.starts_local < now - timedelta(minutes=5):
        found.append(N_("The time is in the past. Choose when you're meeting."))
    if not MIN_MINUTES <= meetup.minutes <= MAX_MINUTES:
        found.append(N_("Choose a length between 15 minutes and 8 hours."))
    if not meetup.place.strip():
        found.append(N_("Add where you'll meet (it stays in the vault)."))
    return found


def safety_ready(meetup: Meetup, care: CareState) -> bool:
    """Where the safety check flagged anything, the basics are required, not suggested."""
    if not care.safety_framing:
        return True
    return meetup.place_kind in PUBLIC_KINDS and meetup.friend_knows and meetup.own_way_home


_BUT = re.compile(r"\b(but|however|although|mais|aber|pero|mas|porém)\b", re.IGNORECASE)
_DEMAND = re.compile(
    r"\b(forgive me|you have to forgive|pardonne[- ]moi|vergib mir|perdóname|me perdoa|me perdoe)\b", re.IGNORECASE
)


def apology_notes(apology: Apology) -> list[str]:
    """Kind pointers for an apology that works: specific, owned, with repair, no 'but'."""
    found: list[str] = []
    if apology.empty:
        return found
    if not apology.acknowledge.strip():
        found.append(N_("Name what you did, specifically. “I'm sorry for everything” is hard to believe."))
    if _BUT.search(apology.text()):
        found.append(N_("A “but” tends to cancel the apology before it. Keep the explanation for later, if they ask."))
    if not apology.change.strip():
        found.append(N_("Say what you're doing differently: repair matters more than the words “I'm sorry”."))
    if _DEMAND.search(apology.text()):
        found.append(N_("Leave forgiveness to them. An apology that asks for something back is harder to accept."))
    return found


# -- storage ---------------------------------------------------------------------------------------------------


def _agenda_json(agenda: Agenda) -> str:
    return json.dumps(asdict(agenda), ensure_ascii=False)


def _agenda(text: str) -> Agenda:
    data = json.loads(text or "{}")
    apology = Apology(**{k: str(v) for k, v in (data.get("apology") or {}).items() if k in Apology.__annotations__})
    return Agenda(
        apology=apology,
        avoid=tuple(k for k in data.get("avoid", AVOID_TOPICS) if k in AVOID_TOPICS),
        notice=tuple(k for k in data.get("notice", NOTICE) if k in NOTICE),
        warm_end=str(data.get("warm_end", "")),
        expectations=tuple(k for k in data.get("expectations", ()) if k in EXPECTATIONS),
    )


def _reflection(text: str | None) -> Reflection | None:
    if not text:
        return None
    data = json.loads(text)
    return Reflection(
        feeling=int(data.get("feeling", 3)),
        said=str(data.get("said", "")),
        reunion_raised=str(data.get("reunion_raised", "no")),
        signs=tuple(k for k in data.get("signs", ()) if k in SIGNS),
        concerns=tuple(k for k in data.get("concerns", ()) if k in CONCERNS),
        want_next=str(data.get("want_next", "unsure")),
        notes=str(data.get("notes", "")),
    )


_COLUMNS = (
    "id, starts_local, minutes, place, place_kind, sober, friend_knows, own_way_home, agenda, status, reflection, "
    "reflected_utc"
)


def _meetup(row: tuple[Any, ...]) -> Meetup:
    return Meetup(
        id=row[0],
        starts_local=datetime.fromisoformat(row[1]),
        minutes=row[2],
        place=row[3],
        place_kind=PlaceKind(row[4]),
        sober=bool(row[5]),
        friend_knows=bool(row[6]),
        own_way_home=bool(row[7]),
        agenda=_agenda(row[8]),
        status=Status(row[9]),
        reflection=_reflection(row[10]),
        reflected_utc=datetime.fromisoformat(row[11]) if row[11] else None,
    )


def save(conn: Connection, meetup: Meetup, now: datetime | None = None) -> int:
    stamp = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    values = (
        meetup.starts_local.replace(microsecond=0).isoformat(),
        meetup.minutes,
        meetup.place,
        str(meetup.place_kind),
        int(meetup.sober),
        int(meetup.friend_knows),
        int(meetup.own_way_home),
        _agenda_json(meetup.agenda),
        str(meetup.status),
    )
    if meetup.id is None:
        cursor = conn.execute(
            "INSERT INTO meetup(created_utc, updated_utc, starts_local, minutes, place, place_kind, sober, "
            "friend_knows, own_way_home, agenda, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (stamp, stamp, *values),
        )
        return int(cursor.lastrowid)
    conn.execute(
        "UPDATE meetup SET updated_utc = ?, starts_local = ?, minutes = ?, place = ?, place_kind = ?, sober = ?, "
        "friend_knows = ?, own_way_home = ?, agenda = ?, status = ? WHERE id = ?",
        (stamp, *values, meetup.id),
    )
    return meetup.id


def save_reflection(conn: Connection, meetup_id: int, reflection: Reflection, now: datetime | None = None) -> None:
    """After the meetup: the reflection is kept, and the meetup counts as having happened."""
    stamp = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    conn.execute(
        "UPDATE meetup SET reflection = ?, reflected_utc = ?, status = ?, updated_utc = ? WHERE id = ?",
        (json.dumps(asdict(reflection), ensure_ascii=False), stamp, str(Status.HAPPENED), stamp, meetup_id),
    )


def load(conn: Connection, meetup_id: int) -> Meetup | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM meetup WHERE id = ?", (meetup_id,)).fetchone()
    return None if row is None else _meetup(row)


def meetups(conn: Connection) -> list[Meetup]:
    """Newest first."""
    return [_meetup(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM meetup ORDER BY starts_local DESC, id DESC")]


def delete(conn: Connection, meetup_id: int) -> None:
    conn.execute("DELETE FROM meetup WHERE id = ?", (meetup_id,))


def set_status(conn: Connection, meetup_id: int, status: Status) -> None:
    conn.execute("UPDATE meetup SET status = ? WHERE id = ?", (str(status), meetup_id))


def latest_reflection(conn: Connection) -> tuple[Meetup, Reflection] | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM meetup WHERE reflection IS NOT NULL ORDER BY reflected_utc DESC, id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    found = _meetup(row)
    assert found.reflection is not None
    return found, found.reflection


def with_status(meetup: Meetup, status: Status) -> Meetup:
    return replace(meetup, status=status)

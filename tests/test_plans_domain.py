"""Step 3 rules: what the Plans page may offer (table-driven over the care state and the contact
outcome), contact-plan validation and outcomes (a "no" becomes a lasting boundary), meetup
nudges and validation, the apology builder, and the .ics file parsed back with `icalendar`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from goldseam.domain import boundaries, care_gate, contact_plan, decision_overview, meetup
from goldseam.domain.boundaries import BoundaryKind
from goldseam.domain.care_gate import CareInputs, Level
from goldseam.domain.contact_plan import ContactOutcome, ContactPlan, Intent, Length
from goldseam.domain.meetup import Agenda, Apology, Meetup, PlaceKind, Reflection, Status
from goldseam.transfer.calendar_file import CalendarOptions, export_calendar, meetup_calendar
from goldseam.vault.opening import CreatedVault
from test_assessments import tx

READY = CareInputs(safety_band="green", readiness_band="ready")
AMBER_READY = CareInputs(safety_band="amber", amber_acknowledged=True, readiness_band="ready")


@pytest.fixture
def conn(created: CreatedVault):  # type: ignore[no-untyped-def]
    return created.session.conn


# (name, care inputs, plan outcome, contact, meetup, ground rules)
ACCESS_TABLE = [
    ("ready, nothing sent yet", READY, None, True, False, False),
    ("ready, they said yes", READY, ContactOutcome.YES, False, True, True),
    ("ready, they reached out", READY, ContactOutcome.THEY_REACHED_OUT, False, True, True),
    ("ready, no reply", READY, ContactOutcome.NO_REPLY, False, False, False),
    ("ready, they said no", READY, ContactOutcome.SAID_NO, False, False, False),
    ("not ready yet", CareInputs(safety_band="green", readiness_band="not_yet"), None, False, False, False),
    ("not ready, but they said yes", CareInputs(safety_band="green"), ContactOutcome.YES, False, True, True),
    ("unscreened", CareInputs(readiness_band="ready"), ContactOutcome.YES, False, False, False),
    ("red safety", CareInputs(safety_band="red", readiness_band="ready"), ContactOutcome.YES, False, False, False),
    ("amber unread", CareInputs(safety_band="amber", readiness_band="ready"), None, False, False, False),
    ("amber read", AMBER_READY, ContactOutcome.YES, False, True, True),
    (
        "crisis",
        CareInputs(crisis_this_session=True, safety_band="green", readiness_band="ready"),
        None,
        False,
        False,
        False,
    ),
    (
        "boundary",
        CareInputs(safety_band="green", readiness_band="ready", boundary=True),
        ContactOutcome.YES,
        False,
        False,
        False,
    ),
]


@pytest.mark.parametrize(
    "inputs,outcome,contact,meet,rules", [row[1:] for row in ACCESS_TABLE], ids=[row[0] for row in ACCESS_TABLE]
)
def test_plan_access(inputs, outcome, contact, meet, rules) -> None:  # type: ignore[no-untyped-def]
    plan = ContactPlan(outcome=outcome) if outcome else None
    access = contact_plan.access(care_gate.decide(inputs), plan)
    assert (access.contact, access.meetup, access.ground_rules) == (contact, meet, rules)


def test_contact_plan_validation() -> None:
    assert len(contact_plan.problems(ContactPlan())) == 3
    friend = ContactPlan(Length.SHORT, Intent.FRIENDSHIP, draft="Coffee sometime?")
    assert contact_plan.problems(friend) == [
        "Offer friendship only if you'd be content with friendship alone. If you hope for more, choose that instead; "
        "honesty is kinder to you both."
    ]
    assert contact_plan.problems(ContactPlan(Length.SHORT, Intent.FRIENDSHIP, True, "Coffee sometime?")) == []
    long_draft = ContactPlan(Length.LONG, Intent.RECONNECT, draft="x" * (contact_plan.DRAFT_SOFT_LIMIT + 1))
    assert any("long for a first message" in p for p in contact_plan.problems(long_draft))
    assert contact_plan.APPROACH[Length.LONG] != contact_plan.APPROACH[Length.SHORT]


@pytest.mark.parametrize(
    "outcome,kind", [(ContactOutcome.SAID_NO, BoundaryKind.SAID_NO), (ContactOutcome.NO_REPLY, BoundaryKind.NO_REPLY)]
)
def test_a_no_or_no_reply_closes_planning_for_good(conn: Any, outcome: ContactOutcome, kind: BoundaryKind) -> None:
    plan_id = tx(conn, contact_plan.save, ContactPlan(Length.LONG, Intent.RECONNECT, draft="Hi"))
    plan = contact_plan.current(conn)
    assert plan is not None and plan.id == plan_id
    recorded = tx(conn, contact_plan.record_outcome, plan, outcome)
    assert recorded.closed and [b.kind for b in boundaries.active(conn)] == [kind]
    state = care_gate.decide(care_gate.gather(conn, False))
    assert state.level in (Level.EX_BOUNDARY, Level.UNSCREENED) and not state.contact_planning
    assert not contact_plan.access(state, contact_plan.current(conn)).contact


def test_they_reached_out_lifts_boundaries_but_never_a_court_order(conn: Any) -> None:
    tx(conn, boundaries.record, BoundaryKind.NO_CONTACT, "readiness")
    plan = tx(conn, contact_plan.they_reached_out)
    assert plan is not None and plan.outcome is ContactOutcome.THEY_REACHED_OUT and plan.agreed
    assert boundaries.active(conn) == []
    tx(conn, boundaries.record, BoundaryKind.COURT_ORDER, "readiness")
    assert tx(conn, contact_plan.they_reached_out) is None
    assert contact_plan.court_order(conn) and len(boundaries.active(conn)) == 1


def test_a_readiness_boundary_stops_counting_once_they_reached_out(conn: Any) -> None:
    from test_decision_overview import complete

    complete(conn, "safety")
    complete(conn, "readiness", {"H1": "yes"})
    tx(conn, boundaries.record_from_readiness, {"H1": "yes"})
    assert care_gate.decide(care_gate.gather(conn, False)).level is Level.EX_BOUNDARY
    tx(conn, contact_plan.they_reached_out)
    assert care_gate.decide(care_gate.gather(conn, False)).level is not Level.EX_BOUNDARY


# -- meetups ---------------------------------------------------------------------------------------------


NOON = datetime(2030, 5, 4, 11, 0)


def test_the_method_meeting_gets_no_nudges_but_safety_basics_are_asked_for() -> None:
    care = care_gate.decide(READY)
    good = Meetup(NOON, 60, "Café Lune", PlaceKind.COFFEE, friend_knows=True, own_way_home=True)
    assert meetup.nudges(good, care) == [] and meetup.problems(good, NOON - timedelta(days=1)) == []
    alone = Meetup(NOON, 60, "Café Lune", PlaceKind.COFFEE)
    assert [n.kind for n in meetup.nudges(alone, care)] == ["safety"]


def test_an_evening_bar_is_explained_not_forbidden() -> None:
    care = care_gate.decide(READY)
    bar = Meetup(NOON.replace(hour=21), 180, "The Anchor", PlaceKind.DRINKS, sober=False, friend_knows=True)
    texts = [n.text for n in meetup.nudges(bar, care)]
    assert any("sober" in t for t in texts) and any("Daytime" in t for t in texts) and any("Short" in t for t in texts)
    assert meetup.problems(bar, NOON - timedelta(days=1)) == [], "the user may still choose it"
    home = Meetup(NOON, 60, "My flat", PlaceKind.HOME, friend_knows=True)
    assert any(n.kind == "safety" for n in meetup.nudges(home, care))


def test_safety_basics_are_required_after_an_amber_result() -> None:
    care = care_gate.decide(AMBER_READY)
    assert care.safety_framing
    plan = Meetup(NOON, 60, "Café", PlaceKind.COFFEE)
    assert not meetup.safety_ready(plan, care)
    assert {n.text for n in meetup.nudges(plan, care) if n.kind == "safety"} >= {
        "Let a friend know where you'll be and when you expect to be back.",
        "Have your own way home, so you can leave whenever you want.",
    }
    assert meetup.safety_ready(Meetup(NOON, 60, "Café", PlaceKind.COFFEE, friend_knows=True, own_way_home=True), care)
    assert not meetup.safety_ready(Meetup(NOON, 60, "Home", PlaceKind.HOME, friend_knows=True, own_way_home=True), care)
    assert meetup.safety_ready(plan, care_gate.decide(READY)), "only required where something was flagged"


def test_meetup_validation() -> None:
    now = NOON
    assert meetup.problems(Meetup(NOON - timedelta(hours=2), 60, "Café"), now) == [
        "The time is in the past. Choose when you're meeting."
    ]
    assert len(meetup.problems(Meetup(NOON + timedelta(days=1), 5, ""), now)) == 2
    assert meetup.problems(Meetup(NOON - timedelta(days=1), 60, "Café", status=Status.HAPPENED), now) == []


def test_apology_builder_notes() -> None:
    assert meetup.apology_notes(Apology()) == []
    good = Apology("I'm sorry I stopped listening.", "That was on me.", "I'm seeing a counsellor.")
    assert meetup.apology_notes(good) == []
    notes = meetup.apology_notes(Apology("", "Sorry, but you pushed me. Please forgive me.", ""))
    assert len(notes) == 4
    assert good.text() == "I'm sorry I stopped listening. That was on me. I'm seeing a counsellor."


def test_meetups_are_stored_with_agenda_and_reflection(conn: Any) -> None:
    agenda = Agenda(
        Apology("I'm sorry", "mine", "changing"),
        avoid=("reunion",),
        warm_end="Thank you",
        expectations=tuple(meetup.EXPECTATIONS),
    )
    assert agenda.expectations_met and not Agenda().expectations_met
    meetup_id = tx(conn, meetup.save, Meetup(NOON, 45, "Café Lune", PlaceKind.WALK, agenda=agenda))
    stored = meetup.load(conn, meetup_id)
    assert stored is not None and stored.agenda == agenda and stored.place_kind is PlaceKind.WALK
    reflection = Reflection(4, "They apologised", "they", ("listened", "owned"), ("old_patterns",), "again", "")
    tx(conn, meetup.save_reflection, meetup_id, reflection)
    latest = meetup.latest_reflection(conn)
    assert latest is not None and latest[1] == reflection and latest[0].status is Status.HAPPENED
    tx(conn, meetup.delete, meetup_id)
    assert meetup.meetups(conn) == []


def test_a_reflection_feeds_the_next_step(conn: Any) -> None:
    from test_decision_overview import complete

    complete(conn, "safety")
    complete(conn, "wellbeing", when=datetime.now(UTC))
    for assessment in ("reasons", "motives", "reality", "changed"):
        complete(conn, assessment, when=datetime.now(UTC) - timedelta(days=30))
    complete(conn, "readiness", {f"R{i}": "4" for i in range(1, 11)}, when=datetime.now(UTC) - timedelta(days=30))
    plan = tx(conn, contact_plan.save, ContactPlan(Length.SHORT, Intent.TALK, draft="Coffee?"))
    tx(conn, contact_plan.record_outcome, ContactPlan(id=plan), ContactOutcome.YES)
    care = care_gate.decide(READY)  # check-ins that don't lean either way
    today = datetime.now().date()
    overview = decision_overview.build(conn, care, today)
    assert (overview.next_step.target, overview.next_step.argument) == ("plans", "meetup")
    past = datetime.now().replace(microsecond=0) - timedelta(days=1)
    meetup_id = tx(conn, meetup.save, Meetup(past, 60, "Café", status=Status.PLANNED))
    overview = decision_overview.build(conn, care, today)
    assert overview.next_step.argument == ("reflect", meetup_id)
    tx(conn, meetup.save_reflection, meetup_id, Reflection(want_next="again"))
    overview = decision_overview.build(conn, care, today)
    assert (overview.next_step.target, overview.next_step.argument) == ("checkins", "changed")
    tx(conn, meetup.save_reflection, meetup_id, Reflection(want_next="no"))
    assert decision_overview.build(conn, care, today).next_step.target == "growth"


# -- the calendar file --------------------------------------------------------------------------------------


def test_calendar_file_parses_back_with_a_neutral_title_and_nothing_private(tmp_path: Path) -> None:
    plan = Meetup(
        NOON,
        75,
        "Café Lune, rue des Rosiers; table by the window",
        PlaceKind.COFFEE,
        agenda=Agenda(Apology("I'm sorry I lied about Sam", "", ""), warm_end="See you"),
    )
    target = tmp_path / "coffee.ics"
    export_calendar(plan, target, CalendarOptions("Coffee", include_place=False, reminder_minutes=30))
    raw = target.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    text = raw.decode("utf-8")
    for private in ("Sam", "Lune", "sorry", "Goldseam", "goldseam", "See you"):
        assert private not in text
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Coffee"
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    assert start == NOON.astimezone().astimezone(UTC) and end - start == timedelta(minutes=75)
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == -timedelta(minutes=30)
    assert "LOCATION" not in event


def test_calendar_place_is_only_included_when_asked_and_escaped_and_folded() -> None:
    place = "Café Lune, rue des Rosiers; près de la fenêtre — " + "très loin " * 10
    plan = Meetup(NOON, 60, place, PlaceKind.COFFEE)
    text = meetup_calendar(plan, CalendarOptions("Walk", include_place=True), uid="fixed-uid")
    event = next(iter(icalendar.Calendar.from_ical(text).walk("VEVENT")))
    assert str(event["LOCATION"]) == " ".join(place.split())
    assert str(event["UID"]) == "fixed-uid" and "VALARM" not in text
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_calendar_title_is_written_in_the_interface_language() -> None:
    from goldseam import i18n

    i18n.set_language("fr")
    try:
        text = meetup_calendar(Meetup(NOON, 60, "x"), CalendarOptions("Coffee"))
        expected = i18n._("Coffee")
    finally:
        i18n.set_language("en")
    event = next(iter(icalendar.Calendar.from_ical(text).walk("VEVENT")))
    assert str(event["SUMMARY"]) == expected

"""The decision dashboard's rules (next small step, the three-step path, open issues), the gentle
re-check after a crisis, starting and resuming runs, and check-ins in exports."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from goldseam.domain import care_gate, decision_overview, goals, space
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.care_gate import CareInputs, Level
from goldseam.domain.decision_overview import CheckStatus, StepStatus
from goldseam.domain.journal import Entry, save_entry
from goldseam.transfer.exporting import ExportOptions, export_json, markdown_document
from goldseam.vault.opening import CreatedVault
from test_assessments import fill, lowest, tx

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture
def conn(created: CreatedVault):  # type: ignore[no-untyped-def]
    return created.session.conn


def complete(conn: Any, assessment: str, chosen: dict[str, Any] | None = None, when: datetime = NOW) -> int:
    d = definitions.get(assessment)
    context = runs.context_for(conn, assessment, when)
    run_id = tx(conn, runs.start, d, context, when)
    answers = fill(d, lambda key, rs: (chosen or {}).get(key, lowest(key, rs)), context)
    tx(conn, runs.complete, run_id, answers, when)
    return run_id


def statuses(**completed: datetime | None) -> dict[str, CheckStatus]:
    return {d.id: CheckStatus(d.id, d.title, None, completed.get(d.id), False, None) for d in definitions.load_all()}


def no_space() -> space.SpaceSummary:
    return space.SpaceSummary(None, 0, 0, 0, 0, 0, 0, False)


def with_space() -> space.SpaceSummary:
    return space.SpaceSummary(space.SpacePeriod(1, date(2026, 11, 1), None, False), 20, 12, 0, 0, 0, 0, True)


ALL_DONE = {d.id: NOW - timedelta(days=1) for d in definitions.load_all()}

# (name, care inputs, completed checks, space, growth step, expected target, expected argument)
NEXT_STEP_TABLE = [
    ("crisis first", CareInputs(crisis_this_session=True), {}, no_space(), None, "help", None),
    ("red safety", CareInputs(safety_band="red"), ALL_DONE, with_space(), None, "help", None),
    ("amber unread", CareInputs(safety_band="amber"), ALL_DONE, with_space(), None, "checkins", "safety"),
    ("safety check first", CareInputs(), {}, with_space(), None, "checkins", "safety"),
    ("weekly wellbeing", CareInputs(safety_band="green"), {"safety": NOW}, with_space(), None, "checkins", "wellbeing"),
    (
        "wellbeing a week old",
        CareInputs(safety_band="green", readiness_band="ready"),
        ALL_DONE | {"wellbeing": NOW - timedelta(days=8)},
        with_space(),
        None,
        "checkins",
        "wellbeing",
    ),
    (
        "boundary: move forward",
        CareInputs(safety_band="green", boundary=True),
        ALL_DONE,
        with_space(),
        "Paint",
        "growth",
        None,
    ),
    (
        "mostly hard: move forward",
        CareInputs(safety_band="green", readiness_band="ready", reasons_band="mostly_hard"),
        ALL_DONE,
        with_space(),
        None,
        "growth",
        None,
    ),
    (
        "no space yet",
        CareInputs(safety_band="green", readiness_band="ready"),
        {"safety": NOW, "wellbeing": NOW},
        no_space(),
        None,
        "space",
        None,
    ),
    (
        "understand next",
        CareInputs(safety_band="green", readiness_band="ready"),
        {"safety": NOW, "wellbeing": NOW},
        with_space(),
        None,
        "checkins",
        "reasons",
    ),
    (
        "have they changed",
        CareInputs(safety_band="green", readiness_band="ready"),
        {"safety": NOW, "wellbeing": NOW, "reasons": NOW, "motives": NOW, "reality": NOW},
        with_space(),
        None,
        "checkins",
        "changed",
    ),
    (
        "ready: plans",
        CareInputs(safety_band="green", readiness_band="ready"),
        ALL_DONE,
        with_space(),
        None,
        "plans",
        None,
    ),
]


@pytest.mark.parametrize(
    "care_inputs,completed,summary,growth,target,argument",
    [row[1:] for row in NEXT_STEP_TABLE],
    ids=[row[0] for row in NEXT_STEP_TABLE],
)
def test_next_small_step(care_inputs, completed, summary, growth, target, argument) -> None:  # type: ignore[no-untyped-def]
    care = care_gate.decide(care_inputs)
    step = decision_overview.next_step(care, statuses(**completed), summary, growth, NOW)
    assert (step.target, step.argument) == (target, argument)
    if growth and target == "growth":
        assert step.title == growth and not step.title_is_source, "the user's own step, never translated"


def test_next_step_never_suggests_contact_when_planning_is_off() -> None:
    for inputs in (
        CareInputs(safety_band="green", readiness_band="not_yet"),
        CareInputs(safety_band="green", readiness_band="ready", boundary=True),
        CareInputs(safety_band="amber", readiness_band="ready", amber_acknowledged=True),
        CareInputs(safety_band="red", readiness_band="ready"),
    ):
        care = care_gate.decide(inputs)
        step = decision_overview.next_step(care, statuses(**ALL_DONE), with_space(), None, NOW)
        assert step.target != "plans" or care.contact_planning


def test_unfinished_check_in_is_suggested_before_new_ones() -> None:
    checks = statuses(safety=NOW)
    checks["motives"] = CheckStatus("motives", "Why do I want them back?", None, None, True, None)
    care = care_gate.decide(CareInputs(safety_band="green"))
    step = decision_overview.next_step(care, checks, with_space(), None, NOW)
    assert (step.target, step.argument, step.title) == ("checkins", "motives", "Why do I want them back?")


def test_path_steps() -> None:
    ready = care_gate.decide(CareInputs(safety_band="green", readiness_band="ready"))
    assert decision_overview.path_steps(ready, statuses(**ALL_DONE)) == (
        StepStatus.VISITED,
        StepStatus.VISITED,
        StepStatus.NOW,
    )
    fresh = care_gate.decide(CareInputs())
    assert decision_overview.path_steps(fresh, statuses()) == (StepStatus.NOW, StepStatus.LATER, StepStatus.LATER)
    red = care_gate.decide(CareInputs(safety_band="red", readiness_band="ready"))
    assert decision_overview.path_steps(red, statuses(**ALL_DONE))[2] is StepStatus.CLOSED
    boundary = care_gate.decide(CareInputs(safety_band="green", boundary=True))
    assert decision_overview.path_steps(boundary, statuses(reasons=NOW)) == (
        StepStatus.VISITED,
        StepStatus.NOW,
        StepStatus.CLOSED,
    )


def test_build_brings_it_together_without_any_percentage(conn: Any) -> None:
    complete(conn, "safety")
    complete(
        conn,
        "reasons",
        {"issues": ["trust", "practical", "conflict"], "ex_sees@trust": "no", "changed@practical": "yes"},
    )
    tx(conn, space.start_space, date(2026, 11, 1))
    tx(conn, goals.save_goal, goals.Goal(goals.Area.HOBBIES, "Paint", steps=[goals.Step("Brushes", 0, date.today())]))
    care = care_gate.decide(care_gate.gather(conn, False))
    overview = decision_overview.build(conn, care, date(2026, 11, 20), NOW + timedelta(hours=1))
    assert [c.assessment for c in overview.checks][:2] == ["safety", "wellbeing"]
    assert overview.checks[0].band_label and overview.checks[1].band_label is None
    issues = {i.label: i.tag for i in overview.open_issues}
    assert issues["Trust, or unfaithfulness"] == "hard"
    assert "Practical pressures (distance, work, money, housing)" not in issues, "situational issues aren't open"
    assert [i.tag for i in overview.open_issues] == sorted(
        (i.tag for i in overview.open_issues), key=["safety", "hard", "unclear"].index
    )
    assert overview.goals_active == 1 and overview.steps_done == 1
    assert overview.steps[1] is StepStatus.NOW
    text = json.dumps(overview, default=str)
    assert "%" not in text and "chance" not in text.lower()


def test_gentle_recheck_after_a_crisis(conn: Any) -> None:
    assert not care_gate.needs_gentle_recheck(conn, NOW)
    tx(
        conn,
        lambda c: c.execute(
            "INSERT INTO vault_setting(key, value) VALUES (?, ?)", (care_gate.LAST_CRISIS_SETTING, NOW.isoformat())
        ),
    )
    assert care_gate.needs_gentle_recheck(conn, NOW + timedelta(days=1))
    assert not care_gate.needs_gentle_recheck(conn, NOW + timedelta(days=15)), "not for ever"
    complete(conn, "wellbeing", when=NOW + timedelta(days=2))
    assert not care_gate.needs_gentle_recheck(conn, NOW + timedelta(days=3)), "answered by a new check-in"


def test_resume_or_start_and_the_retake_rule(conn: Any) -> None:
    first = tx(conn, runs.resume_or_start, "motives")
    again = tx(conn, runs.resume_or_start, "motives")
    assert first.id == again.id, "a half-finished run is resumed, not duplicated"
    d = definitions.get("motives")
    tx(conn, runs.complete, first.id, fill(d, lowest), NOW)
    last = runs.latest(conn, "motives")
    assert not runs.may_start(d, last, NOW + timedelta(days=13))
    assert runs.may_start(d, last, NOW + timedelta(days=14))
    wellbeing = definitions.get("wellbeing")
    complete(conn, "wellbeing")
    assert runs.may_start(wellbeing, runs.latest(conn, "wellbeing"), NOW), "wellbeing can always be taken"
    assert tx(conn, runs.resume_or_start, "motives").id != first.id


def test_have_they_changed_knows_about_earlier_safety_flags(conn: Any) -> None:
    assert runs.context_for(conn, "changed") == {"safety_ever_flagged": False}
    complete(conn, "safety", {"S7": "often"})
    assert runs.context_for(conn, "changed") == {"safety_ever_flagged": True}
    assert set(runs.context_for(conn, "wellbeing")) == {"monthly_due"}


def test_check_ins_are_exported_with_the_journal_but_not_hidden_ones(conn: Any, tmp_path: Path) -> None:
    tx(conn, save_entry, Entry(written_at="2026-11-01T10:00:00", title="walk", body="by the river"))
    shown = complete(
        conn,
        "reasons",
        {"issues": ["conflict"], "concrete@conflict": "yes", "concrete_text@conflict": "We'd talk every Sunday"},
    )
    hidden = complete(conn, "motives", when=NOW + timedelta(minutes=1))
    tx(conn, runs.set_hidden, hidden, True)
    tx(conn, runs.resume_or_start, "readiness")  # half-finished: never exported
    target = tmp_path / "export.json"
    assert export_json(conn, target) == 1
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [c["assessment"] for c in document["goldseam_checkins"]] == ["reasons"]
    record = document["goldseam_checkins"][0]
    assert record["result_label"] and record["completed"].startswith("2026-11-20")
    assert {
        "question": "Which of these played a part in the ending? Choose all that apply.",
        "answer": "Conflict or communication",
    } in record["answers"]
    assert any(a["answer"] == "We'd talk every Sunday" for a in record["answers"])
    markdown = markdown_document(conn)
    assert "# Check-ins" in markdown and "We'd talk every Sunday" in markdown
    assert "Why do I want them back?" not in markdown, "hidden results stay out"
    assert "Check-ins" not in markdown_document(conn, ExportOptions(include_checkins=False))
    assert shown


def test_exported_json_still_imports_as_a_journal(conn: Any, tmp_path: Path) -> None:
    from goldseam.transfer import importing

    tx(conn, save_entry, Entry(written_at="2026-11-01T10:00:00", title="walk", body="by the river"))
    complete(conn, "safety")
    target = tmp_path / "export.json"
    export_json(conn, target)
    plan = importing.plan_import([target])
    assert plan.ok and [(r.format, r.entries, r.error) for r in plan.reports] == [("jrnl", 1, None)]


def test_a_care_level_for_every_dashboard_reason() -> None:
    """Every level the dashboard explains exists in the state machine (guards renames)."""
    assert {Level.CRISIS, Level.SAFETY_RED, Level.EX_BOUNDARY, Level.UNSCREENED, Level.SAFETY_AMBER} <= set(Level)

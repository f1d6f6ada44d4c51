"""The assessment engine: every definition is valid, every band is reachable with sensible
answers, conditional and repeated items work, and runs are saved, resumed and kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from babel.messages.pofile import read_po

from conftest import SRC
from goldseam.domain import boundaries, care_gate
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.assessments.definition import Definition
from goldseam.domain.assessments.evaluation import Evaluator, validate
from goldseam.resource_strings import translatable_strings
from goldseam.vault.opening import CreatedVault

ALL = definitions.load_all()
IDS = [d.id for d in ALL]


def fill(d: Definition, pick: Callable[[str, Any], Any], context: dict[str, bool] | None = None) -> dict[str, Any]:
    """Answer every visible question with pick(key, response_set), re-evaluating visibility as we go."""
    answers: dict[str, Any] = {}
    for _round in range(50):
        missing = [q for q in Evaluator(d, answers, context).questions() if q.key not in answers]
        if not missing:
            return answers
        for q in missing:
            answers[q.key] = pick(q.key, d.response_set(q.item))
    raise AssertionError("questions never settled")


def lowest(_key: str, rs: Any) -> Any:
    if rs.kind == "multi":
        return []
    if rs.kind == "text":
        return ""
    return next(o.value for o in rs.options if not o.prefer_not)


def test_there_are_eight_assessments_with_safety_first() -> None:
    assert IDS == ["safety", "wellbeing", "reasons", "motives", "reality", "readiness", "changed", "respect"]


@pytest.mark.parametrize("d", ALL, ids=IDS)
def test_every_definition_is_valid(d: Definition) -> None:
    assert validate(d) == []
    assert d.title and d.intro and d.attribution
    for band in d.bands:
        assert band.label and band.explanation


@pytest.mark.parametrize("d", ALL, ids=IDS)
def test_every_text_is_in_the_translation_template(d: Definition) -> None:
    import json

    pot = {m.id for m in read_po((SRC.parent / "translations" / "goldseam.pot").open("rb")) if m.id}
    data = json.loads((definitions.definitions_dir() / f"{d.id}.json").read_text(encoding="utf-8"))
    missing = [s for s in translatable_strings(data) if s not in pot]
    assert missing == []


def test_sensitive_items_offer_prefer_not_to_say() -> None:
    safety = definitions.get("safety")
    for item in safety.items:
        if item.id != "S14":
            assert item.prefer_not and any(o.prefer_not for o in safety.response_set(item).options), item.id
    wellbeing = definitions.get("wellbeing")
    assert wellbeing.item("crisis").prefer_not


@pytest.mark.parametrize(
    "assessment,answers,band",
    [
        ("safety", {"S1": "never"}, "green"),
        ("safety", {"S1": "once"}, "red"),
        ("safety", {"S5b": "yes"}, "red"),
        ("safety", {"S11": "more_than_once"}, "red"),
        ("safety", {"S11t": "once"}, "red"),
        ("safety", {"S7": "more_than_once"}, "amber"),
        ("safety", {"S6": "once", "S9": "once"}, "amber"),
        ("safety", {"S6": "once"}, "green"),
        ("safety", {"S2": "prefer_not"}, "amber"),
        ("safety", {"S5b": "not_sure"}, "amber"),
        ("wellbeing", {"crisis": "yes"}, "crisis"),
        ("wellbeing", {"phq1": "2", "phq2": "1"}, "struggling"),
        ("wellbeing", {"gad1": "3"}, "struggling"),
        ("wellbeing", {"phq1": "1", "gad1": "1"}, "steady"),
        ("motives", {f"M{i}": "4" for i in range(1, 7)}, "approach_led"),
        ("motives", {f"M{i}": "3" for i in range(7, 15)}, "avoidance_led"),
        ("motives", {**{f"M{i}": "3" for i in range(1, 15)}}, "mixed"),
        ("motives", {}, "low_both"),
        ("reality", {f"Q{i}": "5" for i in range(1, 9)} | {"Q5": "1"}, "positive"),
        ("reality", {f"Q{i}": "3" for i in range(1, 9)}, "mixed"),
        ("readiness", {"H1": "yes"}, "boundary"),
        ("readiness", {"H2": "yes"}, "no_reply"),
        ("readiness", {f"R{i}": "4" for i in range(1, 11)}, "ready"),
        ("readiness", {f"R{i}": "3" for i in range(1, 11)} | {"R3": "0", "R9": "0"}, "getting_there"),
        ("readiness", {f"R{i}": "4" for i in range(1, 11)} | {"R7": "1"}, "not_yet"),
        ("changed", {"F5": "yes"}, "pressure"),
        ("changed", {"F1": "yes", "F2": "yes"}, "warning"),
        ("changed", {f"C{i}": "seen" for i in range(1, 10)}, "strong"),
        ("changed", {f"C{i}": "said" for i in range(1, 10)}, "words"),
        ("changed", {f"C{i}": "dont_know" for i in range(1, 10)}, "not_enough"),
        ("respect", {f"P{i}": "yes" for i in range(1, 13)}, "ready"),
        ("respect", {f"P{i}": "yes" for i in range(1, 13)} | {"P10": "no"}, "almost"),
        ("respect", {f"P{i}": "yes" for i in range(1, 13)} | {"P5": "no"}, "revise"),
    ],
)
def test_bands(assessment: str, answers: dict[str, Any], band: str) -> None:
    d = definitions.get(assessment)
    full = fill(d, lambda key, rs: answers.get(key, lowest(key, rs)))
    evaluator = Evaluator(d, full)
    assert evaluator.complete()
    assert evaluator.outcome().band.id == band


def test_reality_low_quality_reverses_the_wish_to_leave_item() -> None:
    d = definitions.get("reality")
    answers = fill(d, lambda key, rs: {"Q5": "5"}.get(key, lowest(key, rs)))
    assert Evaluator(d, answers).scores()["quality"] == pytest.approx(1.0)
    assert Evaluator(d, answers).outcome().band.id == "low"


def test_gun_question_appears_only_after_violence_or_threats() -> None:
    d = definitions.get("safety")
    calm = fill(d, lowest)
    assert "S13" not in calm
    violent = fill(d, lambda key, rs: "once" if key == "S3" else lowest(key, rs))
    assert "S13" in violent
    outcome = Evaluator(d, violent).outcome()
    assert outcome.band.id == "red" and "threats to hurt you" in outcome.concerns
    assert [n.id for n in outcome.notes] == ["serious_signs"]


def test_monthly_questions_only_when_due() -> None:
    d = definitions.get("wellbeing")
    assert len(Evaluator(d, {}).questions()) == 7
    monthly = fill(d, lambda key, rs: rs.options[-1].value, {"monthly_due": True})
    scores = Evaluator(d, monthly, {"monthly_due": True}).scores()
    assert scores["swls"] == 35 and scores["spane_b"] == 0 and len(monthly) == 24


def reasons_answers(issues: dict[str, dict[str, str]], **top: str) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "who_ended": "them",
        "clarity": "3",
        "issues": list(issues),
        "raised_before": "never",
        "cycles": "0",
        **top,
    }
    for option, values in issues.items():
        defaults = {
            "severity": "2",
            "pattern": "ongoing",
            "whose": "both",
            "ex_sees": "yes",
            "help": "yes",
            "concrete": "yes",
            "concrete_text": "",
            "owned": "yes",
            "firm": "no",
            "treated": "yes",
            "changed": "no",
        }
        for key, value in (defaults | values).items():
            answers[f"{key}@{option}"] = value
    return answers


@pytest.mark.parametrize(
    "issues,top,tags,band",
    [
        ({"conflict": {}}, {}, {"conflict": "workable"}, "workable"),
        ({"control": {}}, {}, {"control": "safety"}, "safety"),
        ({"trust": {"pattern": "few_times", "owned": "no"}}, {}, {"trust": "hard"}, "mostly_hard"),
        ({"goals": {"firm": "yes"}, "conflict": {}}, {}, {"goals": "hard", "conflict": "workable"}, "mixed"),
        ({"practical": {"changed": "yes"}}, {}, {"practical": "situational"}, "workable"),
        ({"conflict": {}}, {"clarity": "1"}, {"conflict": "unclear"}, "unclear"),
        ({"apart": {"ex_sees": "no"}}, {}, {"apart": "hard"}, "mostly_hard"),
        ({}, {}, {}, "unclear"),
    ],
)
def test_fixability_map_tags_each_issue(issues, top, tags, band) -> None:  # type: ignore[no-untyped-def]
    d = definitions.get("reasons")
    answers = reasons_answers(issues, **top)
    evaluator = Evaluator(d, answers)
    assert evaluator.complete()
    assert evaluator.tags() == tags
    assert evaluator.outcome().band.id == band


def test_repeated_questions_name_the_issue_and_follow_its_conditions() -> None:
    d = definitions.get("reasons")
    questions = Evaluator(d, {"issues": ["trust", "goals"]}).questions()
    keys = [q.key for q in questions]
    assert "owned@trust" in keys and "owned@goals" not in keys and "firm@goals" in keys
    assert all(q.option_label for q in questions if "@" in q.key)


# -- runs ------------------------------------------------------------------------------------------------


@pytest.fixture
def conn(created: CreatedVault):  # type: ignore[no-untyped-def]
    return created.session.conn


def tx(conn, fn, *args):  # type: ignore[no-untyped-def]
    conn.execute("BEGIN")
    try:
        return fn(conn, *args)
    finally:
        conn.execute("COMMIT")


def test_a_run_is_resumed_then_completed_and_kept(conn) -> None:  # type: ignore[no-untyped-def]
    d = definitions.get("motives")
    run_id = tx(conn, runs.start, d, {})
    tx(conn, runs.save_progress, run_id, {"M1": "3"}, "M2")
    resumed = runs.in_progress(conn, "motives")
    assert resumed is not None and resumed.answers == {"M1": "3"} and resumed.position == "M2"
    with pytest.raises(ValueError):
        tx(conn, runs.complete, run_id, {"M1": "3"})
    outcome = tx(conn, runs.complete, run_id, fill(d, lowest))
    assert outcome.band.id == "low_both"
    assert runs.in_progress(conn, "motives") is None
    assert [r.band for r in runs.history(conn, "motives")] == ["low_both"]
    tx(conn, runs.set_hidden, run_id, True)
    assert runs.history(conn, "motives", include_hidden=False) == []
    tx(conn, runs.delete, run_id)
    assert runs.history(conn, "motives") == []


def test_retake_intervals(conn) -> None:  # type: ignore[no-untyped-def]
    d = definitions.get("readiness")
    run_id = tx(conn, runs.start, d, {})
    when = datetime(2026, 11, 1, tzinfo=UTC)
    tx(conn, runs.complete, run_id, fill(d, lowest), when)
    last = runs.latest(conn, "readiness")
    assert runs.next_allowed(d, last) == when + timedelta(days=7)
    assert runs.next_allowed(definitions.get("safety"), runs.latest(conn, "safety")) is None


def test_red_safety_persists_until_marked_as_a_mistake(conn) -> None:  # type: ignore[no-untyped-def]
    d = definitions.get("safety")
    red = tx(conn, runs.start, d, {})
    tx(conn, runs.complete, red, fill(d, lambda key, rs: "once" if key == "S1" else lowest(key, rs)))
    green = tx(conn, runs.start, d, {})
    tx(conn, runs.complete, green, fill(d, lowest))
    state = care_gate.decide(care_gate.gather(conn, False))
    assert state.level is care_gate.Level.SAFETY_RED, "a later green result doesn't erase a red one"
    tx(conn, runs.mark_mistake, red)
    assert care_gate.decide(care_gate.gather(conn, False)).level is care_gate.Level.NOT_READY


def test_readiness_hard_stops_become_lasting_boundaries(conn) -> None:  # type: ignore[no-untyped-def]
    recorded = tx(conn, boundaries.record_from_readiness, {"H1": "yes", "H2": "no", "H4": "yes"})
    assert recorded == [boundaries.BoundaryKind.NO_CONTACT, boundaries.BoundaryKind.NEW_RELATIONSHIP]
    tx(conn, boundaries.record_from_readiness, {"H1": "yes"})
    assert len(boundaries.active(conn)) == 2, "recorded once"
    safety = definitions.get("safety")
    run_id = tx(conn, runs.start, safety, {})
    tx(conn, runs.complete, run_id, fill(safety, lowest))
    assert care_gate.decide(care_gate.gather(conn, False)).level is care_gate.Level.EX_BOUNDARY
    for boundary in boundaries.active(conn):
        tx(conn, boundaries.note_they_reached_out, boundary.id)
    assert care_gate.decide(care_gate.gather(conn, False)).level is care_gate.Level.NOT_READY


def test_amber_needs_acknowledging_before_reconnecting(conn) -> None:  # type: ignore[no-untyped-def]
    d = definitions.get("safety")
    run_id = tx(conn, runs.start, d, {})
    tx(conn, runs.complete, run_id, fill(d, lambda key, rs: "often" if key == "S7" else lowest(key, rs)))
    state = care_gate.decide(care_gate.gather(conn, False))
    assert state.needs_interstitial and not state.reunion_coaching
    tx(conn, care_gate.acknowledge_amber)
    state = care_gate.decide(care_gate.gather(conn, False))
    assert state.reunion_coaching and state.safety_framing and not state.needs_interstitial


def test_monthly_add_on_is_due_once_a_month(conn) -> None:  # type: ignore[no-untyped-def]
    assert runs.monthly_due(conn)
    d = definitions.get("wellbeing")
    run_id = tx(conn, runs.start, d, {"monthly_due": True})
    tx(conn, runs.complete, run_id, fill(d, lambda key, rs: rs.options[0].value, {"monthly_due": True}))
    assert not runs.monthly_due(conn)
    assert runs.monthly_due(conn, datetime.now(UTC) + timedelta(days=29))

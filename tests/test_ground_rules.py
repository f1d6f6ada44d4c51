"""Ground rules and "resolve, then release": rules are kept in order and edited in place, an
empty rule is never saved, an issue can't be released before it's talked through (nor,
for broken trust, control or substances, before amends), and the issues from the "why did
it end" map are added once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from goldseam.domain import ground_rules
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.ground_rules import Agreement, Area, GroundRule, ProposedBy, ReleaseItem
from goldseam.vault.opening import CreatedVault
from test_assessments import fill, lowest, tx

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
ALL_LABEL_TABLES = (
    ground_rules.AREA_LABELS,
    ground_rules.AREA_EXAMPLES,
    ground_rules.PROPOSED_LABELS,
    ground_rules.AGREEMENT_LABELS,
)


@pytest.fixture
def conn(created: CreatedVault):  # type: ignore[no-untyped-def]
    return created.session.conn


def map_issues(conn: Any, issues: list[str]) -> None:
    """Complete the "why did it end" check choosing ``issues``."""
    d = definitions.get("reasons")
    run_id = tx(conn, runs.start, d, {}, NOW)
    answers = fill(d, lambda key, rs: issues if key == "issues" else lowest(key, rs))
    tx(conn, runs.complete, run_id, answers, NOW)


# -- ground rules -----------------------------------------------------------------------------------


def test_rules_are_saved_listed_in_order_edited_and_deleted(conn) -> None:  # type: ignore[no-untyped-def]
    first = tx(conn, ground_rules.save_rule, GroundRule(Area.COMMUNICATION, "We say so within a day."), NOW)
    second = tx(
        conn,
        ground_rules.save_rule,
        GroundRule(Area.BOUNDARIES, "One evening a week each.", ProposedBy.THEM, Agreement.BOTH, "her idea"),
        NOW,
    )
    third = tx(conn, ground_rules.save_rule, GroundRule(Area.OLD_ISSUES, "Counselling for three months."), NOW)
    assert [r.id for r in ground_rules.rules(conn)] == [first, second, third]
    kept = ground_rules.rules(conn)[1]
    assert kept == GroundRule(
        Area.BOUNDARIES, "One evening a week each.", ProposedBy.THEM, Agreement.BOTH, "her idea", second
    )

    edited = GroundRule(Area.COMMUNICATION, "We say so the same day.", ProposedBy.BOTH, Agreement.NO, "", first)
    assert tx(conn, ground_rules.save_rule, edited) == first
    assert ground_rules.rules(conn)[0] == edited, "editing keeps the rule's place"

    tx(conn, ground_rules.delete_rule, second)
    assert [r.id for r in ground_rules.rules(conn)] == [first, third]
    fourth = tx(conn, ground_rules.save_rule, GroundRule(Area.OTHER, "Check in monthly."), NOW)
    assert [r.id for r in ground_rules.rules(conn)] == [first, third, fourth], "new rules go last"


def test_rule_problems_ask_for_a_short_sentence() -> None:
    assert ground_rules.rule_problems(GroundRule(Area.OTHER, "Take it slowly.")) == []
    assert len(ground_rules.rule_problems(GroundRule(Area.OTHER, "   \n "))) == 1
    assert len(ground_rules.rule_problems(GroundRule(Area.OTHER, "x" * 501))) == 1
    assert ground_rules.rule_problems(GroundRule(Area.OTHER, "x" * 500)) == []


def test_every_enum_value_has_a_label() -> None:
    for enum_type, table in zip((Area, Area, ProposedBy, Agreement), ALL_LABEL_TABLES, strict=True):
        assert set(table) == set(enum_type)
        assert all(text.strip() for text in table.values())


# -- resolve, then release ---------------------------------------------------------------------------


def test_an_own_issue_is_released_only_after_it_is_talked_through(conn) -> None:  # type: ignore[no-untyped-def]
    item_id = tx(conn, ground_rules.save_item, ReleaseItem("Who does the planning"), NOW)
    (item,) = ground_rules.items(conn)
    assert item == ReleaseItem("Who does the planning", "own", id=item_id)
    assert not item.from_map and not item.amends_matter and not item.released
    assert len(ground_rules.release_problems(item)) == 1

    with pytest.raises(ValueError):
        tx(conn, ground_rules.save_item, ReleaseItem(item.issue, released_utc=NOW, id=item_id))
    assert not ground_rules.items(conn)[0].released, "the refused release left nothing behind"

    talked = ReleaseItem(item.issue, talked_through=True, id=item_id)
    assert ground_rules.release_problems(talked) == [], "amends aren't asked for on the user's own issues"
    tx(conn, ground_rules.save_item, ReleaseItem(item.issue, talked_through=True, released_utc=NOW, id=item_id))
    released = ground_rules.items(conn)[0]
    assert released.released and released.released_utc == NOW and released.talked_through

    tx(conn, ground_rules.save_item, ReleaseItem(item.issue, talked_through=True, notes="open again", id=item_id))
    reopened = ground_rules.items(conn)[0]
    assert not reopened.released and reopened.notes == "open again", "releasing can be undone"

    tx(conn, ground_rules.delete_item, item_id)
    assert ground_rules.items(conn) == []


@pytest.mark.parametrize("option", sorted(ground_rules.AMENDS_MATTER))
def test_broken_trust_needs_amends_before_release(option: str) -> None:
    item = ReleaseItem("label", f"reasons:{option}", talked_through=True)
    assert item.from_map and item.amends_matter
    assert len(ground_rules.release_problems(item)) == 1
    assert ground_rules.release_problems(ReleaseItem("label", f"reasons:{option}")) != [], "still needs talking"
    assert len(ground_rules.release_problems(ReleaseItem("label", f"reasons:{option}"))) == 2
    assert ground_rules.release_problems(ReleaseItem("label", f"reasons:{option}", True, True)) == []


def test_amends_are_not_asked_for_issues_without_a_wrong(conn) -> None:  # type: ignore[no-untyped-def]
    item = ReleaseItem("Practical pressures", "reasons:practical", talked_through=True)
    assert item.from_map and not item.amends_matter
    assert ground_rules.release_problems(item) == []
    with pytest.raises(ValueError):
        tx(conn, ground_rules.save_item, ReleaseItem("Trust", "reasons:trust", True, False, NOW))
    tx(conn, ground_rules.save_item, ReleaseItem("Trust", "reasons:trust", True, True, NOW))
    assert ground_rules.items(conn)[0].released


def test_the_wording_never_says_forgive_and_forget() -> None:
    texts = [
        *ground_rules.release_problems(ReleaseItem("x", "reasons:trust")),
        *ground_rules.rule_problems(GroundRule(Area.OTHER, "")),
        *ground_rules.rule_problems(GroundRule(Area.OTHER, "x" * 501)),
    ]
    assert texts and not any("forget" in text.lower() for text in texts)


# -- the fixability map -----------------------------------------------------------------------------


def test_nothing_is_imported_without_a_map(conn) -> None:  # type: ignore[no-untyped-def]
    assert tx(conn, ground_rules.import_from_fixability_map, NOW) == 0
    assert ground_rules.items(conn) == []


def test_issues_from_the_map_are_added_once(conn) -> None:  # type: ignore[no-untyped-def]
    own = tx(conn, ground_rules.save_item, ReleaseItem("Who does the planning"), NOW)
    map_issues(conn, ["someone_else", "conflict", "practical"])
    assert tx(conn, ground_rules.import_from_fixability_map, NOW) == 3
    found = ground_rules.items(conn)
    assert found[0].id == own
    d = definitions.get("reasons")
    options = {o.value: o.label for o in d.response_set(d.item("issues")).options}
    assert [(i.issue, i.source) for i in found[1:]] == [
        (options["conflict"], "reasons:conflict"),
        (options["practical"], "reasons:practical"),
        (options["someone_else"], "reasons:someone_else"),
    ], "in the map's own order, with the English source label"
    assert [i.amends_matter for i in found[1:]] == [False, False, True]
    assert not any(i.talked_through or i.amends or i.released for i in found)

    assert tx(conn, ground_rules.import_from_fixability_map, NOW) == 0, "not duplicated"
    assert len(ground_rules.items(conn)) == 4

    map_issues(conn, ["conflict", "trust"])
    assert tx(conn, ground_rules.import_from_fixability_map, NOW) == 1, "only the new issue from a later map"
    assert [i.source for i in ground_rules.items(conn)][-1] == "reasons:trust"


def test_only_a_completed_map_counts(conn) -> None:  # type: ignore[no-untyped-def]
    d = definitions.get("reasons")
    run_id = tx(conn, runs.start, d, {}, NOW)
    tx(conn, runs.save_progress, run_id, {"issues": ["trust"]}, "issues")
    assert tx(conn, ground_rules.import_from_fixability_map, NOW) == 0
    assert ground_rules.items(conn) == []

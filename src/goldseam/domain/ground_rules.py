"""Ground rules for trying again, and "resolve, then release" for the issues that ended it.

A ground rule counts only when both agreed to it. An old issue can be released (left in the
past) only after it has been talked through; forgiving without amends tends to cost
self-respect, so where trust was broken the app asks about amends too — it never says
"forgive and forget".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.i18n import N_

Connection = Any


class Area(enum.StrEnum):
    COMMUNICATION = "communication"
    OLD_ISSUES = "old_issues"
    BOUNDARIES = "boundaries"
    OTHER = "other"


class ProposedBy(enum.StrEnum):
    ME = "me"
    THEM = "them"
    BOTH = "both"


class Agreement(enum.StrEnum):
    BOTH = "both"
    NOT_YET = "not_yet"
    NO = "no"


AREA_LABELS = {
    Area.COMMUNICATION: N_("Communication"),
    Area.OLD_ISSUES: N_("The issues that ended it"),
    Area.BOUNDARIES: N_("Boundaries and space"),
    Area.OTHER: N_("Something else"),
}
AREA_EXAMPLES = {
    Area.COMMUNICATION: N_("For example: “When something bothers us, we say so within a day, calmly.”"),
    Area.OLD_ISSUES: N_("For example: “We see a couples counsellor together for the first three months.”"),
    Area.BOUNDARIES: N_("For example: “We each keep one evening a week for our own friends.”"),
    Area.OTHER: N_("For example: “We take it slowly and check in with each other every month.”"),
}
PROPOSED_LABELS = {
    ProposedBy.ME: N_("I suggested it"),
    ProposedBy.THEM: N_("They suggested it"),
    ProposedBy.BOTH: N_("We came up with it together"),
}
AGREEMENT_LABELS = {
    Agreement.BOTH: N_("We both agreed"),
    Agreement.NOT_YET: N_("Not agreed yet"),
    Agreement.NO: N_("We didn't agree"),
}

# Issues from the fixability map where a wrong was done and amends matter before releasing.
AMENDS_MATTER = frozenset({"trust", "someone_else", "control", "substances"})


@dataclass(frozen=True)
class GroundRule:
    area: Area
    text: str
    proposed_by: ProposedBy = ProposedBy.ME
    agreed: Agreement = Agreement.NOT_YET
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ReleaseItem:
    issue: str  # the user's words, or an English source label from the fixability map
    source: str = "own"  # "own", or "reasons:<option value>" for issues from the fixability map
    talked_through: bool = False
    amends: bool = False
    released_utc: datetime | None = None
    notes: str = ""
    id: int | None = None

    @property
    def from_map(self) -> bool:
        return self.source.startswith("reasons:")

    @property
    def amends_matter(self) -> bool:
        return self.from_map and self.source.split(":", 1)[1] in AMENDS_MATTER

    @property
    def released(self) -> bool:
        return self.released_utc is not None


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


# -- ground rules -------------------------------------------------------------------------------------


def rule_problems(rule: GroundRule) -> list[str]:
    if not rule.text.strip():
        return [N_("Write the rule in a sentence you'd both recognise.")]
    if len(rule.text) > 500:
        return [N_("Keep a rule short enough to remember — one sentence is best.")]
    return []


def save_rule(conn: Connection, rule: GroundRule, now: datetime | None = None) -> int:
    if rule.id is None:
        position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM ground_rule").fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO ground_rule(created_utc, area, text, proposed_by, agreed, notes, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (now or _now()).isoformat(),
                str(rule.area),
                rule.text,
                str(rule.proposed_by),
                str(rule.agreed),
                rule.notes,
                position,
            ),
        )
        return int(cursor.lastrowid)
    conn.execute(
        "UPDATE ground_rule SET area = ?, text = ?, proposed_by = ?, agreed = ?, notes = ? WHERE id = ?",
        (str(rule.area), rule.text, str(rule.proposed_by), str(rule.agreed), rule.notes, rule.id),
    )
    return rule.id


def rules(conn: Connection) -> list[GroundRule]:
    return [
        GroundRule(Area(r[1]), r[2], ProposedBy(r[3]), Agreement(r[4]), r[5], r[0])
        for r in conn.execute(
            "SELECT id, area, text, proposed_by, agreed, notes FROM ground_rule ORDER BY position, id"
        )
    ]


def delete_rule(conn: Connection, rule_id: int) -> None:
    conn.execute("DELETE FROM ground_rule WHERE id = ?", (rule_id,))


# -- resolve, then release ----------------------------------------------------------------------------


def release_problems(item: ReleaseItem) -> list[str]:
    """Why an item can't be released yet (English sources); empty when it can."""
    found = []
    if not item.talked_through:
        found.append(
            N_(
                "Talk it through together first. Releasing something that was never resolved tends to "
                "bring it back later."
            )
        )
    if item.amends_matter and not item.amends:
        found.append(
            N_(
                "Where trust was broken, letting go is safer once amends have been made — owned, "
                "apologised for, and changed. Forgiving is for you; trusting again needs evidence."
            )
        )
    return found


def save_item(conn: Connection, item: ReleaseItem, now: datetime | None = None) -> int:
    if item.released and release_problems(item):
        raise ValueError("this issue can't be released yet")
    released = item.released_utc.isoformat() if item.released_utc else None
    if item.id is None:
        cursor = conn.execute(
            "INSERT INTO release_item(created_utc, issue, source, talked_through, amends, released_utc, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (now or _now()).isoformat(),
                item.issue,
                item.source,
                int(item.talked_through),
                int(item.amends),
                released,
                item.notes,
            ),
        )
        return int(cursor.lastrowid)
    conn.execute(
        "UPDATE release_item SET issue = ?, talked_through = ?, amends = ?, released_utc = ?, notes = ? WHERE id = ?",
        (item.issue, int(item.talked_through), int(item.amends), released, item.notes, item.id),
    )
    return item.id


def items(conn: Connection) -> list[ReleaseItem]:
    return [
        ReleaseItem(r[1], r[2], bool(r[3]), bool(r[4]), datetime.fromisoformat(r[5]) if r[5] else None, r[6], r[0])
        for r in conn.execute(
            "SELECT id, issue, source, talked_through, amends, released_utc, notes FROM release_item ORDER BY id"
        )
    ]


def delete_item(conn: Connection, item_id: int) -> None:
    conn.execute("DELETE FROM release_item WHERE id = ?", (item_id,))


def import_from_fixability_map(conn: Connection, now: datetime | None = None) -> int:
    """Add the issues chosen in the latest "why did it end" check that aren't listed yet."""
    run = runs.latest(conn, "reasons")
    if run is None:
        return 0
    definition = definitions.get("reasons")
    issues_item = definition.item("issues")
    options = definition.response_set(issues_item).options
    chosen = run.answers.get("issues") or []
    existing = {r[0] for r in conn.execute("SELECT source FROM release_item")}
    added = 0
    for option in options:
        source = f"reasons:{option.value}"
        if option.value in chosen and source not in existing:
            save_item(conn, ReleaseItem(option.label, source), now)
            added += 1
    return added

"""What Goldseam may offer right now: one small state machine every screen asks.

Precedence (design §2.0.3), first match wins:

1. CRISIS — a "yes" to thoughts of self-harm in this session's wellbeing check-in.
2. SAFETY_RED / SAFETY_AMBER — from the safety check (a red result is lifetime history and
   persists unless the user marks it as entered by mistake). Threats or guilt from the ex in
   "Have they changed?" count as red.
3. EX_BOUNDARY — they said no, blocked the user, asked for no contact, a court order, or a
   new relationship and no interest.
4. UNSCREENED — the safety check hasn't been taken: reconnecting features wait for it.
5. NOT_READY / READY — from the readiness check.

Moving forward is always available; reconnecting features are the ones switched off.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from goldseam.domain import boundaries
from goldseam.domain.assessments import runs

Connection = Any


class Level(enum.Enum):
    CRISIS = "crisis"
    SAFETY_RED = "safety_red"
    SAFETY_AMBER = "safety_amber"
    EX_BOUNDARY = "ex_boundary"
    UNSCREENED = "unscreened"
    NOT_READY = "not_ready"
    READY = "ready"


@dataclass(frozen=True)
class CareInputs:
    crisis_this_session: bool = False
    safety_band: str | None = None  # latest counting result: "green", "amber", "red" or None
    safety_ever_red: bool = False
    amber_acknowledged: bool = False  # the user has read the safety interstitial
    boundary: bool = False
    readiness_band: str | None = None
    motives_band: str | None = None
    reasons_band: str | None = None
    reality_band: str | None = None
    changed_band: str | None = None
    reality_cycles: int = 0


@dataclass(frozen=True)
class CareState:
    level: Level
    reunion_coaching: bool  # meetup planning, ground rules, reconnect guidance
    contact_planning: bool  # drafting a first message, the respect check, the contact plan
    message_copy: bool  # copying an unsent message out of the vault
    show_support: bool  # helplines and support shown prominently
    safety_framing: bool  # every reconnect screen carries safety tips
    needs_interstitial: bool  # the safety interstitial must be read first
    primary_path: str  # "move_forward" or "both": never "reconnect"
    reasons: tuple[str, ...] = field(default=())

    @property
    def reconnecting_allowed(self) -> bool:
        return self.reunion_coaching


def decide(i: CareInputs) -> CareState:
    """Every condition that applies restricts; the level reported is the first in precedence."""
    red = i.safety_ever_red or i.safety_band == "red" or i.changed_band == "pressure"
    amber = i.safety_band == "amber" and not red
    unacknowledged_amber = amber and not i.amber_acknowledged
    unscreened = i.safety_band is None and not red
    ready = i.readiness_band == "ready"
    applicable = [
        (Level.CRISIS, i.crisis_this_session),
        (Level.SAFETY_RED, red),
        (Level.SAFETY_AMBER, amber),
        (Level.EX_BOUNDARY, i.boundary),
        (Level.UNSCREENED, unscreened),
        (Level.NOT_READY, not ready),
    ]
    level = next((lvl for lvl, applies in applicable if applies), Level.READY)
    blocked_coaching = i.crisis_this_session or red or unacknowledged_amber or i.boundary or unscreened
    move_forward = _move_forward_reasons(i)
    reasons = tuple(lvl.value for lvl, applies in applicable if applies) + move_forward
    restricted = any(applies for lvl, applies in applicable if lvl is not Level.UNSCREENED)
    primary = "move_forward" if move_forward or restricted else "both"
    return CareState(
        level=level,
        reunion_coaching=not blocked_coaching,
        contact_planning=not blocked_coaching and ready,
        message_copy=not (i.crisis_this_session or i.boundary),
        show_support=i.crisis_this_session or red or amber,
        safety_framing=red or amber,
        needs_interstitial=unacknowledged_amber and not (i.crisis_this_session or red),
        primary_path=primary,
        reasons=reasons,
    )


def _move_forward_reasons(i: CareInputs) -> tuple[str, ...]:
    """Design §3.4: results that make "focus on moving forward" the primary (still optional) path."""
    reasons = []
    if i.reasons_band == "mostly_hard":
        reasons.append("mostly_hard")
    if i.reality_band == "low" or i.reality_cycles >= 2:
        reasons.append("reality")
    if i.motives_band == "avoidance_led":
        reasons.append("avoidance_led")
    if i.changed_band == "warning":
        reasons.append("warning_signs")
    return tuple(reasons)


AMBER_ACK_SETTING = "care/amber_acknowledged_run"


def gather(conn: Connection, crisis_this_session: bool) -> CareInputs:
    """Read everything the state machine needs from the vault."""
    safety = runs.latest(conn, "safety")
    ever_red = any(r.band == "red" and not r.marked_mistake for r in runs.history(conn, "safety"))
    ack = conn.execute("SELECT value FROM vault_setting WHERE key = ?", (AMBER_ACK_SETTING,)).fetchone()
    readiness = runs.latest(conn, "readiness")
    reality = runs.latest(conn, "reality")
    cycles = 0
    if reality is not None:
        value = reality.answers.get("Q9")
        cycles = int(value) if isinstance(value, str) and value.isdigit() else 0

    def band(assessment: str) -> str | None:
        run = runs.latest(conn, assessment)
        return run.band if run else None

    return CareInputs(
        crisis_this_session=crisis_this_session,
        safety_band=safety.band if safety else None,
        safety_ever_red=ever_red,
        amber_acknowledged=bool(safety and ack and ack[0] == str(safety.id)),
        boundary=bool(boundaries.active(conn)) or _readiness_boundary_stands(conn, readiness),
        readiness_band=readiness.band if readiness else None,
        motives_band=band("motives"),
        reasons_band=band("reasons"),
        reality_band=reality.band if reality else None,
        changed_band=band("changed"),
        reality_cycles=cycles,
    )


def _readiness_boundary_stands(conn: Connection, readiness: runs.Run | None) -> bool:
    """A readiness result that found a boundary counts until the user notes that the ex got in
    touch themselves after it."""
    if readiness is None or readiness.band not in ("boundary", "no_reply") or readiness.completed_utc is None:
        return False
    row = conn.execute(
        "SELECT 1 FROM boundary_event WHERE they_reached_out_utc >= ? LIMIT 1", (readiness.completed_utc.isoformat(),)
    ).fetchone()
    return row is None


def acknowledge_amber(conn: Connection) -> None:
    safety = runs.latest(conn, "safety")
    if safety is not None:
        conn.execute(
            "INSERT INTO vault_setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (AMBER_ACK_SETTING, str(safety.id)),
        )


LAST_CRISIS_SETTING = "care/last_crisis_utc"
RECHECK_WINDOW = timedelta(days=14)


def needs_gentle_recheck(conn: Connection, now: datetime | None = None) -> bool:
    """After a crisis answer, Today asks gently how the user is, until a wellbeing check-in
    has been taken since (or two weeks have passed)."""
    row = conn.execute("SELECT value FROM vault_setting WHERE key = ?", (LAST_CRISIS_SETTING,)).fetchone()
    if row is None:
        return False
    try:
        crisis = datetime.fromisoformat(row[0])
    except ValueError:
        return False
    if (now or datetime.now(UTC)) - crisis > RECHECK_WINDOW:
        return False
    latest = runs.latest(conn, "wellbeing")
    return latest is None or latest.completed_utc is None or latest.completed_utc <= crisis

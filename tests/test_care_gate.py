"""The care state machine: table-driven over every precedence rule (design §2.0.3, §3.4)."""

from __future__ import annotations

import itertools

import pytest

from goldseam.domain.care_gate import CareInputs, Level, decide

GREEN_READY = CareInputs(safety_band="green", readiness_band="ready")

# (name, inputs, level, reunion_coaching, contact_planning, message_copy, show_support, interstitial, primary)
TABLE = [
    ("ready and safe", GREEN_READY, Level.READY, True, True, True, False, False, "both"),
    ("unscreened", CareInputs(readiness_band="ready"), Level.UNSCREENED, False, False, True, False, False, "both"),
    (
        "not ready",
        CareInputs(safety_band="green", readiness_band="not_yet"),
        Level.NOT_READY,
        True,
        False,
        True,
        False,
        False,
        "move_forward",
    ),
    (
        "never took readiness",
        CareInputs(safety_band="green"),
        Level.NOT_READY,
        True,
        False,
        True,
        False,
        False,
        "move_forward",
    ),
    (
        "crisis beats everything",
        CareInputs(crisis_this_session=True, safety_band="green", readiness_band="ready"),
        Level.CRISIS,
        False,
        False,
        False,
        True,
        False,
        "move_forward",
    ),
    (
        "crisis over red",
        CareInputs(crisis_this_session=True, safety_band="red"),
        Level.CRISIS,
        False,
        False,
        False,
        True,
        False,
        "move_forward",
    ),
    (
        "red",
        CareInputs(safety_band="red", readiness_band="ready"),
        Level.SAFETY_RED,
        False,
        False,
        True,
        True,
        False,
        "move_forward",
    ),
    (
        "red in history persists",
        CareInputs(safety_band="green", safety_ever_red=True, readiness_band="ready"),
        Level.SAFETY_RED,
        False,
        False,
        True,
        True,
        False,
        "move_forward",
    ),
    (
        "threats from the ex count as red",
        CareInputs(safety_band="green", readiness_band="ready", changed_band="pressure"),
        Level.SAFETY_RED,
        False,
        False,
        True,
        True,
        False,
        "move_forward",
    ),
    (
        "red over boundary",
        CareInputs(safety_band="red", boundary=True),
        Level.SAFETY_RED,
        False,
        False,
        False,
        True,
        False,
        "move_forward",
    ),
    (
        "amber unread",
        CareInputs(safety_band="amber", readiness_band="ready"),
        Level.SAFETY_AMBER,
        False,
        False,
        True,
        True,
        True,
        "move_forward",
    ),
    (
        "amber read",
        CareInputs(safety_band="amber", amber_acknowledged=True, readiness_band="ready"),
        Level.SAFETY_AMBER,
        True,
        True,
        True,
        True,
        False,
        "move_forward",
    ),
    (
        "amber over boundary",
        CareInputs(safety_band="amber", amber_acknowledged=True, boundary=True, readiness_band="ready"),
        Level.SAFETY_AMBER,
        False,
        False,
        False,
        True,
        False,
        "move_forward",
    ),
    (
        "boundary",
        CareInputs(safety_band="green", boundary=True, readiness_band="ready"),
        Level.EX_BOUNDARY,
        False,
        False,
        False,
        False,
        False,
        "move_forward",
    ),
    (
        "boundary over unscreened",
        CareInputs(boundary=True),
        Level.EX_BOUNDARY,
        False,
        False,
        False,
        False,
        False,
        "move_forward",
    ),
    (
        "avoidance-led motives lead to moving forward, without blocking",
        CareInputs(safety_band="green", readiness_band="ready", motives_band="avoidance_led"),
        Level.READY,
        True,
        True,
        True,
        False,
        False,
        "move_forward",
    ),
    (
        "mostly hard issues",
        CareInputs(safety_band="green", readiness_band="ready", reasons_band="mostly_hard"),
        Level.READY,
        True,
        True,
        True,
        False,
        False,
        "move_forward",
    ),
    (
        "low quality or cycling",
        CareInputs(safety_band="green", readiness_band="ready", reality_cycles=2),
        Level.READY,
        True,
        True,
        True,
        False,
        False,
        "move_forward",
    ),
    (
        "warning signs",
        CareInputs(safety_band="green", readiness_band="ready", changed_band="warning"),
        Level.READY,
        True,
        True,
        True,
        False,
        False,
        "move_forward",
    ),
]


@pytest.mark.parametrize(
    "name,inputs,level,coaching,planning,copy,support,interstitial,primary", TABLE, ids=[row[0] for row in TABLE]
)
def test_precedence_table(name, inputs, level, coaching, planning, copy, support, interstitial, primary) -> None:  # type: ignore[no-untyped-def]
    state = decide(inputs)
    assert (
        state.level,
        state.reunion_coaching,
        state.contact_planning,
        state.message_copy,
        state.show_support,
        state.needs_interstitial,
        state.primary_path,
    ) == (level, coaching, planning, copy, support, interstitial, primary)


FLAGS = ["crisis_this_session", "safety_ever_red", "boundary", "amber_acknowledged"]
SAFETY = [None, "green", "amber", "red"]
READINESS = [None, "not_yet", "getting_there", "ready", "boundary"]


@pytest.mark.parametrize("flags", list(itertools.product([False, True], repeat=len(FLAGS))))
@pytest.mark.parametrize("safety", SAFETY)
@pytest.mark.parametrize("readiness", READINESS)
def test_invariants_hold_for_every_combination(flags, safety, readiness) -> None:  # type: ignore[no-untyped-def]
    inputs = CareInputs(**dict(zip(FLAGS, flags, strict=True)), safety_band=safety, readiness_band=readiness)
    state = decide(inputs)
    # Reconnecting is never the primary recommendation; moving forward is always possible.
    assert state.primary_path in ("both", "move_forward")
    if inputs.crisis_this_session:
        assert state.level is Level.CRISIS and not state.reunion_coaching and state.show_support
    if inputs.safety_ever_red or safety == "red":
        assert not state.reunion_coaching and not state.contact_planning and state.show_support
    if inputs.boundary:
        assert not state.contact_planning and not state.message_copy and not state.reunion_coaching
    if safety is None and not inputs.safety_ever_red:
        assert not state.reunion_coaching, "the safety check comes first"
    if state.contact_planning:
        assert readiness == "ready" and state.reunion_coaching
    if state.level is not Level.READY:
        assert state.primary_path == "move_forward" or state.level is Level.UNSCREENED

"""What the Today view shows after unlocking: a prompt, the next small step, recent mood,
space from the ex, messages ready to re-read, and a gentle nudge if writing has turned into
going round in circles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from goldseam.domain import care_gate, goals, journal, prompts, rumination, space, unsent_messages
from goldseam.domain.journal import EntryKind

Connection = Any
MOOD_DAYS = 14


@dataclass(frozen=True)
class TodayInfo:
    day: date
    prompt: prompts.Prompt
    next_step: tuple[goals.Goal, goals.Step] | None
    moods: list[tuple[date, float]]
    space: space.SpaceSummary
    messages_to_reread: int
    rumination: rumination.RuminationSignal | None
    entries_today: int
    goals_count: int
    recheck_after_crisis: bool = False


def least_recent_kinds(conn: Connection) -> list[EntryKind]:
    """Rotation kinds ordered by how long ago each was last written (never written first)."""
    last = {
        EntryKind(r[0]): r[1]
        for r in conn.execute("SELECT kind, max(written_at) FROM entry GROUP BY kind")
        if r[0] in EntryKind.__members__.values()
    }
    return sorted(prompts.ROTATION, key=lambda k: (last.get(k, ""), prompts.ROTATION.index(k)))


def today_info(conn: Connection, day: date, now_utc: datetime | None = None) -> TodayInfo:
    library = prompts.library()
    signal = rumination.check_rumination(conn, day)
    kinds = least_recent_kinds(conn)
    if signal is not None:  # lean away from open-ended reflection while ruminating
        kinds = [k for k in kinds if k in (EntryKind.APART, EntryKind.GRATITUDE, EntryKind.LESSONS)]
    prompt = library.prompt_for_day(day, kinds)
    return TodayInfo(
        day=day,
        prompt=prompt,
        next_step=goals.next_small_step(conn),
        moods=journal.recent_moods(conn, day - timedelta(days=MOOD_DAYS - 1)),
        space=space.summary(conn, day),
        messages_to_reread=len(unsent_messages.ready_to_reread(conn, now_utc)),
        rumination=signal,
        entries_today=journal.count_entries(conn, journal.EntryFilter(day=day)),
        goals_count=len(goals.goals(conn)),
        recheck_after_crisis=care_gate.needs_gentle_recheck(conn, now_utc),
    )

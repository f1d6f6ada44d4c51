"""Noticing when journaling has turned into going round in circles.

Open-ended writing that keeps searching for "why" can slow recovery for people who
ruminate. When several long, why-heavy entries land in a short time, Goldseam gently
offers a different prompt or an activity. It never blocks writing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from goldseam.domain.journal import EntryKind

Connection = Any
LONG_ENTRY_WORDS = 250
WHY_HEAVY_COUNT = 3
WINDOW_DAYS = 7
ENTRIES_IN_WINDOW = 3
SHORT_WINDOW_DAYS = 2
ENTRIES_IN_SHORT_WINDOW = 2

# "Why" in the languages Goldseam ships (users often write in another language than the UI's).
_WHY = re.compile(
    r"\b(why|pourquoi|warum|wieso|weshalb|por\s?qu[eé]|porque|por\s+que|por\s+qu[eê])\b", re.IGNORECASE | re.UNICODE
)


def why_count(text: str) -> int:
    return len(_WHY.findall(text))


def is_why_heavy(title: str, body: str) -> bool:
    return why_count(body) >= WHY_HEAVY_COUNT or (why_count(title) > 0 and why_count(body) >= 1)


@dataclass(frozen=True)
class RuminationSignal:
    entries: int
    since: date


def check_rumination(conn: Connection, today: date) -> RuminationSignal | None:
    since = today - timedelta(days=WINDOW_DAYS - 1)
    rows = conn.execute(
        "SELECT written_at, title, body FROM entry WHERE written_at >= ? AND word_count >= ? AND kind IN (?, ?, ?)",
        (since.isoformat(), LONG_ENTRY_WORDS, str(EntryKind.FREE), str(EntryKind.PROMPT), str(EntryKind.VENT)),
    ).fetchall()
    heavy = [date.fromisoformat(r[0][:10]) for r in rows if is_why_heavy(r[1], r[2])]
    recent = [d for d in heavy if d >= today - timedelta(days=SHORT_WINDOW_DAYS - 1)]
    if len(heavy) >= ENTRIES_IN_WINDOW or len(recent) >= ENTRIES_IN_SHORT_WINDOW:
        return RuminationSignal(len(heavy), since)
    return None

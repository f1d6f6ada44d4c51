"""Full-text search over the journal (FTS5 inside the encrypted database).

What people type is turned into a safe FTS5 expression: words are matched as words (with
accents folded), ``word*`` is a prefix, ``"two words"`` is a phrase, and everything else —
stray quotes, lone asterisks, operators, brackets — is treated as plain text, so a typo
never becomes an error.

Two orders: newest first (the entry index drives the scan and probes the FTS hits, which
stays fast for common words even when every page must be decrypted) and best match (bm25).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from goldseam.domain.journal import EntryFilter, EntryKind, _kind

Connection = Any
PAGE_SIZE = 50
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD_CHARS = re.compile(r"[\w]+", re.UNICODE)


class SearchOrder(enum.StrEnum):
    NEWEST = "newest"
    BEST = "best"


def build_match(query: str) -> str | None:
    """Turn what the user typed into an FTS5 MATCH expression, or None if nothing searchable."""
    parts: list[str] = []
    for match in _TOKEN.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            words = _WORD_CHARS.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        prefix = word.endswith("*")
        words = _WORD_CHARS.findall(word)
        if not words:
            continue
        if prefix and len(words) == 1:
            parts.append('"' + words[0] + '"*')
        elif len(words) == 1:
            parts.append('"' + words[0] + '"')
        else:  # "don't", "e-mail": match the pieces next to each other
            parts.append('"' + " ".join(words) + '"' + ("*" if prefix else ""))
    return " AND ".join(parts) if parts else None


@dataclass(frozen=True)
class SearchHit:
    id: int
    written_at: str
    kind: EntryKind
    title: str
    snippet: str  # with HIGHLIGHT_START/END around matched terms
    mood: int | None
    word_count: int
    rank: float

    @property
    def key(self) -> tuple[str, int]:
        return (self.written_at, self.id)


def search_page(
    conn: Connection,
    query: str,
    order: SearchOrder = SearchOrder.NEWEST,
    entry_filter: EntryFilter | None = None,
    after: tuple[str, int] | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> list[SearchHit]:
    """One page of results. Newest-first pages continue from ``after``; best-match pages use ``offset``."""
    match = build_match(query)
    if match is None:
        return []
    clauses, params = (entry_filter or EntryFilter()).where("e")
    if order is SearchOrder.NEWEST:
        if after is not None:
            clauses.append("(e.written_at, e.id) < (?, ?)")
            params.extend(after)
        extra = (" AND " + " AND ".join(clauses)) if clauses else ""
        rows = conn.execute(
            "SELECT e.id, e.written_at, e.kind, e.title, e.mood, e.word_count FROM entry e INDEXED BY entry_written "
            f"WHERE e.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?){extra} "
            "ORDER BY e.written_at DESC, e.id DESC LIMIT ?",
            (match, *params, limit),
        ).fetchall()
        snippets = _snippets(conn, match, [r[0] for r in rows])
        return [SearchHit(r[0], r[1], _kind(r[2]), r[3], snippets.get(r[0], ""), r[4], r[5], 0.0) for r in rows]
    extra = (" AND " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(
        "SELECT e.id, e.written_at, e.kind, e.title, e.mood, e.word_count, "
        f"snippet(entry_fts, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 14), bm25(entry_fts, 4.0, 1.0) "
        f"FROM entry_fts JOIN entry e ON e.id = entry_fts.rowid WHERE entry_fts MATCH ?{extra} "
        "ORDER BY bm25(entry_fts, 4.0, 1.0), e.written_at DESC LIMIT ? OFFSET ?",
        (match, *params, limit, offset),
    ).fetchall()
    return [SearchHit(r[0], r[1], _kind(r[2]), r[3], r[6], r[4], r[5], r[7]) for r in rows]


def _snippets(conn: Connection, match: str, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = conn.execute(
        f"SELECT rowid, snippet(entry_fts, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 14) FROM entry_fts "
        f"WHERE entry_fts MATCH ? AND rowid IN ({','.join('?' * len(ids))})",
        (match, *ids),
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def count_matches(conn: Connection, query: str, entry_filter: EntryFilter | None = None) -> int:
    match = build_match(query)
    if match is None:
        return 0
    clauses, params = (entry_filter or EntryFilter()).where("e")
    extra = (" AND " + " AND ".join(clauses)) if clauses else ""
    return int(
        conn.execute(
            f"SELECT count(*) FROM entry e WHERE e.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?){extra}",
            (match, *params),
        ).fetchone()[0]
    )

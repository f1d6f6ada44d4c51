"""Best-match scores in Python for a query of one part (a word, a prefix or a phrase).

FTS5's ``bm25()`` first counts, over the whole index, how many entries contain each part of the
query (for the inverse document frequency), then scores each row. For a phrase of two common words
that count alone took 10–20 ms on a vault of 100,000 entries, more than the rest of the search.

With one part, that frequency is the same number for every entry, so it cannot change the order:
``bm25`` is ``-idf × g`` where ``g`` depends only on how often the part occurs in the entry (title
counted four times) and on the entry's length. This module computes ``g`` exactly as FTS5 does
(k1 = 1.2, b = 0.75), with FTS5's own token counts (the ``entry_fts_docsize`` and averages records)
and occurrences found by the same regular expressions the snippets use. Higher is better.

``scores`` returns None whenever it cannot stand in for ``bm25``: a query of several parts (their
frequencies weigh them against each other) or an entry where the expressions find nothing (text the
index tokenises differently); the search then asks FTS5.
"""

from __future__ import annotations

from typing import Any

from goldseam.domain import snippets

Connection = Any
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 4.0  # as in search._BM25: bm25(entry_fts, 4.0, 1.0)
BODY_WEIGHT = 1.0
_AVERAGES_ROWID = 1  # FTS5 keeps the row count and token totals per column in this record


def read_varints(blob: bytes) -> list[int]:
    """SQLite's variable-length integers, one after another (big-endian groups of seven bits; a ninth
    byte, when there is one, holds eight)."""
    values: list[int] = []
    at = 0
    while at < len(blob):
        value = 0
        for length in range(9):
            byte = blob[at]
            at += 1
            if length == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values


def one_part(match: str) -> bool:
    """Whether ``match`` (from ``search.build_match``) is one word, prefix or phrase."""
    return len(snippets.query_patterns(match).plain) == 1


def scores(conn: Connection, match: str, ids: list[int], texts: dict[int, tuple[str, str]]) -> dict[int, float] | None:
    """``g`` for each of ``ids`` (whose ``texts`` are (title, body)), or None when FTS5 must rank."""
    patterns = snippets.query_patterns(match)
    if len(patterns.plain) != 1 or not ids:
        return None
    averages = conn.execute("SELECT block FROM entry_fts_data WHERE id = ?", (_AVERAGES_ROWID,)).fetchone()
    if averages is None:
        return None
    counts = read_varints(bytes(averages[0]))
    if len(counts) < 3 or counts[0] == 0:
        return None
    average_length = sum(counts[1:]) / counts[0]
    marks = ",".join("?" * len(ids))
    lengths = {
        entry_id: sum(read_varints(bytes(size)))
        for entry_id, size in conn.execute(f"SELECT id, sz FROM entry_fts_docsize WHERE id IN ({marks})", ids)
    }
    overlapping = " " in match.strip('"*')  # only a phrase of several words can overlap itself
    result: dict[int, float] = {}
    for entry_id in ids:
        title, body = texts[entry_id]
        frequency = TITLE_WEIGHT * _occurrences(title, patterns, overlapping)
        frequency += BODY_WEIGHT * _occurrences(body, patterns, overlapping)
        length = lengths.get(entry_id)
        if frequency == 0 or length is None:
            return None
        result[entry_id] = frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / average_length))
    return result


def _occurrences(text: str, patterns: snippets.QueryPatterns, overlapping: bool) -> int:
    """How many times the (one) part occurs in ``text``, as FTS5 counts instances (overlaps included)."""
    searched, (pattern,) = snippets.haystack(text, patterns)
    if not overlapping:
        return sum(1 for found in pattern.finditer(searched) if snippets.starts_word(text, found.start()))
    count = 0
    found = pattern.search(searched)
    while found is not None:
        count += snippets.starts_word(text, found.start())
        found = pattern.search(searched, found.start() + 1)
    return count

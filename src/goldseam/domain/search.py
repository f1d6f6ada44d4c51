"""Full-text search over the journal (FTS5 inside the encrypted database).

What people type is turned into a safe FTS5 expression: words are matched as words (with
accents folded), ``word*`` is a prefix, ``"two words"`` is a phrase, and everything else —
stray quotes, lone asterisks, operators, brackets — is treated as plain text, so a typo
never becomes an error.

Two orders: newest first (the entry index drives the scan and probes the FTS hits, which
stays fast for common words even when every page must be decrypted) and best match (bm25's
order; for a query of one part computed in Python, see ``goldseam.domain.ranking``).

Best match ranks at most ``BEST_MATCH_POOL`` matches: the newest ones. Scoring costs about
14 µs per match on the vault (SQLCipher's memory security wipes every allocation bm25 makes),
so ranking all 30,000 entries that contain "would" took over half a second; the newest 500
take about 10 ms. The journal says so under the search field whenever the pool is smaller
than the number of matches (``pooled``); newest first always shows every match.
"""

from __future__ import annotations

import enum
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from goldseam.domain import ranking, snippets
from goldseam.domain.journal import EntryFilter, EntryKind, _kind

Connection = Any
PAGE_SIZE = 50
BEST_MATCH_POOL = 500
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
        ids = _newest_ids(conn, match, clauses, params, limit)
        rows = _rows_by_id(conn, ids)
        snippets = _snippets(conn, match, ids)
        return [SearchHit(r[0], r[1], _kind(r[2]), r[3], snippets.get(r[0], ""), r[4], r[5], 0.0) for r in rows]
    newest = _newest_ids(conn, match, clauses, params, BEST_MATCH_POOL)
    return _best_among(conn, match, newest, offset, limit) if newest else []


_BM25 = "bm25(entry_fts, 4.0, 1.0)"
# Up to this many matches are simply sorted by date; more are found by walking the date index.
_FEW_MATCHES = 256
# A walk of the date index longer than this (entries, estimated) is not worth it when there may be
# only a few matches in all: the rest of the matches are read first (ids cost ~0.2 µs a row to walk).
_LONG_WALK = 16_384
_MATCH_IDS = "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?"


def _newest_ids(conn: Connection, match: str, clauses: list[str], params: list[object], limit: int) -> list[int]:
    """Ids of the newest ``limit`` matching entries, newest first.

    Never reads the whole list of matches for a common word or phrase (the cost that dominates on
    an encrypted vault). The index is first asked for the ``2 × limit + 1`` matches with the highest
    rowids; entries are mostly written in date order, so those are usually the newest. Then:

    * no more than ``limit`` came back: they are all the matches, sorted by date;
    * they are dense enough that the newest ``limit`` are near: the entry index is walked newest
      first in windows (``_walk``), each answered from those matches as far as its rowids lie at or
      above the lowest of them, the index being asked only about the part below;
    * they are sparse (and fewer than ``_FEW_MATCHES``): the rest are read too, up to that many; if
      that is all of them they are sorted by date, otherwise the walk goes ahead knowing all of those.

    A phrase of two common words (about 2 % of entries) reads the matches of ~5,000 entries, not
    the ~13,000 that finding ``_FEW_MATCHES`` of them took.
    """
    top = [r[0] for r in conn.execute(f"{_MATCH_IDS} ORDER BY rowid DESC LIMIT {2 * int(limit) + 1}", (match,))]
    if len(top) <= limit:
        return _by_date(conn, top, clauses, params, limit)
    covered = top[0] - top[-1] + 1  # rowids from the highest match down to the lowest one read
    walk = limit * covered / len(top)  # entries to walk for ``limit`` matches, by the density seen
    if len(top) <= _FEW_MATCHES and walk > _LONG_WALK:
        rest = conn.execute(
            f"{_MATCH_IDS} AND rowid < ? ORDER BY rowid DESC LIMIT {_FEW_MATCHES + 1 - len(top)}", (match, top[-1])
        )
        top += [r[0] for r in rest]
        if len(top) <= _FEW_MATCHES:
            return _by_date(conn, top, clauses, params, limit)
    return _walk(conn, match, clauses, params, limit, set(top), top[-1], walk)


def _by_date(conn: Connection, ids: list[int], clauses: list[str], params: list[object], limit: int) -> list[int]:
    """The newest ``limit`` of ``ids`` (every match there is) that pass the filter, newest first."""
    if not ids:
        return []
    extra = "".join(" AND " + c for c in clauses)
    marks = ",".join("?" * len(ids))
    sql = f"SELECT e.id FROM entry e NOT INDEXED WHERE e.id IN ({marks}){extra} "
    rows = conn.execute(sql + f"ORDER BY e.written_at DESC, e.id DESC LIMIT {int(limit)}", (*ids, *params))
    return [r[0] for r in rows]


def _walk(
    conn: Connection,
    match: str,
    clauses: list[str],
    params: list[object],
    limit: int,
    known: set[int],
    known_from: int,
    expected: float,
) -> list[int]:
    """The entry index newest first in growing windows, the first one about ``expected`` entries long;
    ``known`` holds every match whose rowid is at or above ``known_from``, and the full-text index is
    asked only about the part of a window's rowid range below that."""
    extra = "".join(" AND " + c for c in clauses)
    hits: list[int] = []
    window = _window_size(max(limit, expected * 1.25 + 16))
    scanned = 0
    position: tuple[str, int] | None = None
    while len(hits) < limit:
        keyset = " AND (e.written_at, e.id) < (?, ?)" if position else ""
        ids = [
            r[0]
            for r in conn.execute(
                f"SELECT e.id FROM entry e INDEXED BY entry_written WHERE 1{extra}{keyset} "
                f"ORDER BY e.written_at DESC, e.id DESC LIMIT {int(window)}",
                (*params, *(position or ())),
            )
        ]  # ids alone: a window is thousands of rows, and a second column cost a third more
        if not ids:
            break
        low, high = min(ids), min(max(ids), known_from - 1)
        found = known
        if low <= high:
            found = known | {r[0] for r in conn.execute(_MATCH_IDS + " AND rowid BETWEEN ? AND ?", (match, low, high))}
        hits.extend(i for i in ids if i in found)
        scanned += len(ids)
        if len(ids) < window:
            break
        position = (conn.execute("SELECT written_at FROM entry WHERE id = ?", (ids[-1],)).fetchone()[0], ids[-1])
        # Next window: about what the density so far needs for the rest, at most four times larger.
        needed = (limit - len(hits)) * scanned / max(len(hits), 1)
        window = _window_size(max(limit, min(window * 4, needed * 1.25 + 16)))
    return hits[:limit]


def _window_size(wanted: float) -> int:
    """``wanted`` rounded up to 1, 1.25, 1.5 or 1.75 times a power of two: at most a quarter more
    rows, and few distinct sizes, so the windows' statements (the size is in the SQL) are reused."""
    size = max(4, int(wanted))
    step = 1 << max(0, size.bit_length() - 3)
    return -(-size // step) * step


def _rows_by_id(conn: Connection, ids: list[int]) -> list[tuple[Any, ...]]:
    """(id, written_at, kind, title, mood, word_count) for ``ids``, in their order."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found = {
        r[0]: r
        for r in conn.execute(
            f"SELECT e.id, e.written_at, e.kind, e.title, e.mood, e.word_count FROM entry e WHERE e.id IN ({marks})",
            ids,
        )
    }
    return [found[i] for i in ids if i in found]


def _best_among(conn: Connection, match: str, newest: list[int], offset: int, limit: int) -> list[SearchHit]:
    """Best match within ``newest`` (ids, newest first); equal scores keep the newest first.

    A query of one part is ranked in Python (``goldseam.domain.ranking``: the same order as bm25
    without its whole-index count); otherwise, or when that cannot be sure, FTS5's bm25 is computed
    for these rows only (CASE skips the call for the rest of their rowid range). ``rank`` in the
    hits is bm25 in both cases, lower is better: ``-g`` for the Python scores.
    """
    texts = _texts(conn, newest) if ranking.one_part(match) else None  # bm25 needs no text
    by_python = ranking.scores(conn, match, newest, texts) if texts is not None else None
    if by_python is not None:
        score = {entry_id: -g for entry_id, g in by_python.items()}
    else:
        marks = ",".join("?" * len(newest))
        scored = conn.execute(
            f"SELECT rowid, CASE WHEN rowid IN ({marks}) THEN {_BM25} END FROM entry_fts "
            "WHERE entry_fts MATCH ? AND rowid BETWEEN ? AND ?",
            (*newest, match, min(newest), max(newest)),
        ).fetchall()
        score = {r[0]: r[1] for r in scored if r[1] is not None}
    position = {entry_id: i for i, entry_id in enumerate(newest)}
    ranked = sorted(score, key=lambda entry_id: (score[entry_id], position[entry_id]))
    page = ranked[offset : offset + limit]
    rows = _rows_by_id(conn, page)
    snippets = _snippets(conn, match, page, texts)
    return [SearchHit(r[0], r[1], _kind(r[2]), r[3], snippets.get(r[0], ""), r[4], r[5], score[r[0]]) for r in rows]


def _texts(conn: Connection, ids: list[int]) -> dict[int, tuple[str, str]]:
    """(title, body) of each of ``ids``."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r[0]: (r[1], r[2]) for r in conn.execute(f"SELECT id, title, body FROM entry WHERE id IN ({marks})", ids)}


def pooled(order: SearchOrder, total_matches: int) -> bool:
    """True when best match ranks only the newest ``BEST_MATCH_POOL`` of ``total_matches``."""
    return order is SearchOrder.BEST and total_matches > BEST_MATCH_POOL


def _snippets(
    conn: Connection, match: str, ids: list[int], texts: dict[int, tuple[str, str]] | None = None
) -> dict[int, str]:
    """Snippets for ``ids``, made in Python from the body (or the title when only it matches); FTS5's
    snippet() for any entry where that finds nothing (see goldseam.domain.snippets). ``texts`` may
    already hold their (title, body)."""
    if not ids:
        return {}
    patterns = snippets.query_patterns(match)
    found: dict[int, str] = {}
    known = texts if texts is not None else _texts(conn, ids)
    for entry_id in ids:
        if entry_id not in known:
            continue
        title, body = known[entry_id]
        text = snippets.make_snippet(body, patterns, HIGHLIGHT_START, HIGHLIGHT_END)
        if text is None:
            text = snippets.make_snippet(title, patterns, HIGHLIGHT_START, HIGHLIGHT_END)
        if text is not None:
            found[entry_id] = text
    missing = [i for i in ids if i not in found]
    return found | _fts_snippets(conn, match, missing)


def _fts_snippets(conn: Connection, match: str, ids: list[int]) -> dict[int, str]:
    """FTS5's snippet() for ``ids``: one pass over the matches in their rowid range, snippet() only for
    the wanted rows. ("rowid IN (…)" would restart the full-text query once per id: several times slower.)"""
    if not ids:
        return {}
    wanted = set(ids)
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT rowid, CASE WHEN rowid IN ({marks}) THEN "
        f"snippet(entry_fts, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 14) END FROM entry_fts "
        "WHERE entry_fts MATCH ? AND rowid BETWEEN ? AND ?",
        (*ids, match, min(ids), max(ids)),
    ).fetchall()
    return {r[0]: r[1] for r in rows if r[0] in wanted}


TIDY_AFTER_IMPORT = 1_000


def tidy_index(conn: Connection) -> None:
    """Merge the full-text index into one segment (FTS5 'optimize').

    Bulk inserts leave the index in many segments (28 after importing 100,000 entries), and every
    query then looks each term up in each of them: phrase searches took about a third longer on the
    vault. The merge rewrites the whole index (about 8 s at 100,000 entries on the vault), so it is
    done only after large imports, inside their transaction (the vault thread is busy meanwhile,
    and a lock waits behind it); ``merge_index_step`` keeps the small segments in check otherwise.
    """
    conn.execute("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')")


MERGE_PAGES = 256  # about 1 MiB of index written per step at most


def merge_small_segments(transaction: Callable[[], AbstractContextManager[Connection]], seconds: float) -> bool:
    """``merge_index_step`` again and again, each step in its own ``transaction()``, until there is
    nothing left to merge (True) or ``seconds`` have passed (False). Saves made one by one leave the
    index in 7–16 segments, and every search looks each word up in each one: a phrase search at
    100,000 entries took 10.7 ms with 15 segments, 7.7 with 3, 5.3 with one."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with transaction() as conn:
            if not merge_index_step(conn):
                return True
    return False


def merge_index_step(conn: Connection) -> bool:
    """One bounded step of merging the small segments that single saves leave in the full-text index,
    in the caller's transaction (FTS5 'merge' with a positive page count: only levels holding several
    segments; the large one is left alone). False when there was nothing to merge (FTS5 then changes
    fewer than two rows). 300 saves after an import: 15 segments, two steps (11 ms), 3 segments."""
    before = int(conn.total_changes)
    conn.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('merge', ?)", (MERGE_PAGES,))
    return int(conn.total_changes) - before >= 2


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

"""Journal storage, keyset pages, filters, day statistics and full-text search."""

from __future__ import annotations

from datetime import date

import pytest

from goldseam.domain import journal, search
from goldseam.domain.journal import Entry, EntryFilter, EntryKind
from goldseam.domain.search import SearchOrder, build_match, search_page
from goldseam.vault.opening import CreatedVault


@pytest.fixture
def conn(created: CreatedVault):  # type: ignore[no-untyped-def]
    return created.session.conn


def add(conn, written_at: str, title: str = "", body: str = "", **kw) -> int:  # type: ignore[no-untyped-def]
    conn.execute("BEGIN")
    entry_id = journal.save_entry(conn, Entry(written_at=written_at, title=title, body=body, **kw))
    conn.execute("COMMIT")
    return entry_id


def test_save_load_update_and_tags(conn) -> None:  # type: ignore[no-untyped-def]
    entry_id = add(
        conn,
        "2026-11-20T08:30:00",
        "Morning",
        "A long walk by the river.",
        mood=4,
        tags=["#walks", "River", "walks"],
        kind=EntryKind.GRATITUDE,
    )
    loaded = journal.load_entry(conn, entry_id)
    assert loaded is not None
    assert loaded.tags == ["River", "walks"] and loaded.mood == 4 and loaded.kind is EntryKind.GRATITUDE
    loaded.body = "Changed body"
    loaded.tags = ["river"]
    conn.execute("BEGIN")
    journal.save_entry(conn, loaded)
    conn.execute("COMMIT")
    again = journal.load_entry(conn, entry_id)
    assert again is not None and again.body == "Changed body" and again.tags == ["River"]
    assert journal.all_tags(conn) == [("River", 1)], "unused tags are removed"


def test_word_counts_handle_punctuation_and_unicode() -> None:
    assert journal.count_words("Don't stop — it's fine, l'été est là.") == 7
    assert Entry(written_at="x", title="Two words", body="and three more").word_count == 5


def test_keyset_pages_are_newest_first_and_complete(conn) -> None:  # type: ignore[no-untyped-def]
    conn.execute("BEGIN")
    for day in range(1, 31):
        for hour in (9, 21):
            journal.save_entry(conn, Entry(written_at=f"2026-10-{day:02d}T{hour:02d}:00:00", title=f"d{day}h{hour}"))
    conn.execute("COMMIT")
    seen: list[str] = []
    after = None
    while True:
        page = journal.list_page(conn, after=after, limit=7)
        if not page:
            break
        seen.extend(s.title for s in page)
        after = page[-1].key
    assert len(seen) == 60 and len(set(seen)) == 60
    assert seen[0] == "d30h21" and seen[-1] == "d1h9"


def test_list_rows_show_the_start_of_the_body_on_one_line(conn) -> None:  # type: ignore[no-untyped-def]
    body = "# Morning\n\nSlept   badly.\n- walked\n" + "word " * 40
    add(conn, "2026-10-01T09:00:00", body=body)
    (row,) = journal.list_page(conn)
    assert row.preview == body[: journal.SUMMARY_CHARS]
    assert row.summary.startswith("Morning Slept badly. - walked word word")
    assert "\n" not in row.summary and "#" not in row.summary and "  " not in row.summary


def test_same_time_entries_are_ordered_by_id_and_never_skipped(conn) -> None:  # type: ignore[no-untyped-def]
    ids = [add(conn, "2026-11-01T10:00:00", f"same {i}") for i in range(5)]
    page1 = journal.list_page(conn, limit=2)
    page2 = journal.list_page(conn, after=page1[-1].key, limit=10)
    assert [s.id for s in page1 + page2] == list(reversed(ids))


def test_filters_by_kind_mood_tag_and_day(conn) -> None:  # type: ignore[no-untyped-def]
    add(conn, "2026-11-01T10:00:00", "a", kind=EntryKind.GRATITUDE, mood=5, tags=["sun"])
    add(conn, "2026-11-01T20:00:00", "b", kind=EntryKind.VENT, mood=1)
    add(conn, "2026-11-02T10:00:00", "c", kind=EntryKind.FREE, mood=3, tags=["sun"])
    titles = lambda f: [s.title for s in journal.list_page(conn, f)]  # noqa: E731
    assert titles(EntryFilter(kinds=(EntryKind.GRATITUDE,))) == ["a"]
    assert titles(EntryFilter(moods=(1, 3))) == ["c", "b"]
    assert titles(EntryFilter(tag="#SUN")) == ["c", "a"]
    assert titles(EntryFilter(day=date(2026, 11, 1))) == ["b", "a"]
    assert titles(EntryFilter(exclude_kinds=(EntryKind.VENT,))) == ["c", "a"]
    assert journal.count_entries(conn, EntryFilter(tag="sun")) == 2


def test_day_stats_for_the_heat_map(conn) -> None:  # type: ignore[no-untyped-def]
    add(conn, "2026-11-01T10:00:00", "", "one two three", mood=2)
    add(conn, "2026-11-01T22:00:00", "", "four", mood=4)
    add(conn, "2026-11-03T10:00:00", "", "five")
    stats = journal.day_stats(conn, date(2026, 11, 1), date(2026, 11, 30))
    assert [(s.day.day, s.entries, s.words, s.mood) for s in stats] == [(1, 2, 4, 3.0), (3, 1, 1, None)]


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("walk", '"walk"'),
        ("long walk", '"long" AND "walk"'),
        ('"long walk"', '"long walk"'),
        ('"long walk', '"long walk"'),
        ("wal*", '"wal"*'),
        ("*", None),
        ('"', None),
        ("", None),
        ("   ", None),
        ("NOT OR AND", '"NOT" AND "OR" AND "AND"'),
        ("title:walk", '"title walk"'),
        ("(walk)", '"walk"'),
        ("don't", '"don t"'),
        ("été", '"été"'),
        ('a"b"c', '"a b c"'),
    ],
)
def test_whatever_people_type_becomes_a_safe_expression(typed: str, expected: str | None) -> None:
    assert build_match(typed) == expected


@pytest.fixture
def searchable(conn):  # type: ignore[no-untyped-def]
    add(conn, "2026-01-01T09:00:00", "Winter", "A long walk along the cold beach. Walking helps.", mood=3)
    add(conn, "2026-02-01T09:00:00", "Why", "Why why why did it end? I keep asking.", kind=EntryKind.FREE)
    add(conn, "2026-03-01T09:00:00", "Été", "L'été arrive; une longue promenade au soleil.")
    add(conn, "2026-04-01T09:00:00", "Walk", "walk walk walk, the walk of the day", kind=EntryKind.GRATITUDE)
    return conn


def test_search_newest_first_and_best_match(searchable) -> None:  # type: ignore[no-untyped-def]
    newest = search_page(searchable, "walk")
    assert [h.title for h in newest] == ["Walk", "Winter"]
    best = search_page(searchable, "walk", SearchOrder.BEST)
    assert best[0].title == "Walk" and {h.title for h in best} == {"Walk", "Winter"}
    assert search.HIGHLIGHT_START in best[0].snippet and "walk" in best[0].snippet.lower()


def test_prefix_phrase_accents_and_filters(searchable) -> None:  # type: ignore[no-untyped-def]
    assert {h.title for h in search_page(searchable, "walk*")} == {"Walk", "Winter"}
    assert [h.title for h in search_page(searchable, '"long walk"')] == ["Winter"]
    assert [h.title for h in search_page(searchable, "ete")] == ["Été"], "accents are folded"
    assert [
        h.title for h in search_page(searchable, "walk", entry_filter=EntryFilter(kinds=(EntryKind.GRATITUDE,)))
    ] == ["Walk"]
    assert search.count_matches(searchable, "why") == 1


@pytest.mark.parametrize(
    "typed", ['"', "*", "AND", "NEAR(", "a OR", '"unbalanced', "\\", "'", "^", "-walk", "+walk", "{x}"]
)
def test_odd_queries_never_raise(searchable, typed: str) -> None:  # type: ignore[no-untyped-def]
    for order in SearchOrder:
        search_page(searchable, typed, order)


def test_search_keyset_and_offset_pages(conn) -> None:  # type: ignore[no-untyped-def]
    conn.execute("BEGIN")
    for i in range(25):
        journal.save_entry(conn, Entry(written_at=f"2026-05-{i + 1:02d}T10:00:00", title=f"t{i}", body="river stone"))
    conn.execute("COMMIT")
    first = search_page(conn, "river", limit=10)
    second = search_page(conn, "river", after=first[-1].key, limit=10)
    third = search_page(conn, "river", after=second[-1].key, limit=10)
    assert len({h.id for h in first + second + third}) == 25 and len(third) == 5
    best = [h.id for o in (0, 10, 20) for h in search_page(conn, "river", SearchOrder.BEST, offset=o, limit=10)]
    assert len(set(best)) == 25


def test_index_follows_edits_and_deletes(conn) -> None:  # type: ignore[no-untyped-def]
    entry_id = add(conn, "2026-06-01T10:00:00", "x", "original words")
    entry = journal.load_entry(conn, entry_id)
    assert entry is not None
    entry.body = "replacement text"
    conn.execute("BEGIN")
    journal.save_entry(conn, entry)
    conn.execute("COMMIT")
    assert search_page(conn, "original") == [] and len(search_page(conn, "replacement")) == 1
    conn.execute("BEGIN")
    journal.delete_entry(conn, entry_id)
    conn.execute("COMMIT")
    assert search_page(conn, "replacement") == []
    assert conn.execute("INSERT INTO entry_fts(entry_fts) VALUES ('integrity-check')") is not None


@pytest.mark.parametrize("dates", ["shuffled", "mostly in order"])
def test_fast_search_paths_agree_with_a_plain_query(conn, monkeypatch: pytest.MonkeyPatch, dates: str) -> None:  # type: ignore[no-untyped-def]
    """Past ``_FEW_MATCHES`` matches newest-first walks the date index in windows and best match ranks
    in the full-text index alone; both must give exactly what the plain SQL would, page by page,
    with filters, with dates that do not follow insertion order, and with dates that mostly do (the
    windows are then answered from the first probe's matches) but not quite: some entries written
    later carry old dates and some early ones were moved to the newest dates."""
    import random
    import re

    rng = random.Random(7)
    words = ["river", "stone", "quiet", "morning", "letter", "coffee"]
    conn.execute("BEGIN")
    for i in range(900):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
        if dates == "shuffled" or i % 37 == 0:
            day = (
                f"20{rng.randint(20, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00"
            )
        else:
            day = f"2024-{1 + i // 80:02d}-{1 + i % 80 // 3:02d}T{i % 3 + 9:02d}:00:00"
        kind = EntryKind.GRATITUDE if i % 3 == 0 else EntryKind.FREE
        journal.save_entry(conn, Entry(written_at=day, title=f"t{i}", body=body, kind=kind))
    conn.execute("COMMIT")
    assert search.count_matches(conn, "river") > search._FEW_MATCHES
    statements: list[str] = []
    conn.set_trace_callback(statements.append)

    def plain_newest(match: str, kind: EntryKind | None) -> list[int]:
        extra = " AND e.kind = ?" if kind else ""
        rows = conn.execute(
            "SELECT e.id FROM entry_fts JOIN entry e ON e.id = entry_fts.rowid WHERE entry_fts MATCH ?"
            f"{extra} ORDER BY e.written_at DESC, e.id DESC",
            (match, *([str(kind)] if kind else [])),
        )
        return [r[0] for r in rows]

    for typed in ("river", "riv*", '"quiet morning"', "letter coffee"):
        match = build_match(typed)
        assert match is not None
        for kind in (None, EntryKind.GRATITUDE):
            entry_filter = EntryFilter(kinds=(kind,)) if kind else None
            got: list[int] = []
            after = None
            while True:
                page = search_page(conn, typed, entry_filter=entry_filter, after=after, limit=50)
                got += [h.id for h in page]
                if len(page) < 50:
                    break
                after = page[-1].key
            assert got == plain_newest(match, kind), (typed, kind)
        if typed == "river":  # the probe's matches answer every window for their part of the rowids
            probe_low = conn.execute(
                "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET 100", (match,)
            ).fetchone()[0]
            asked = [int(m.group(1)) for s in statements if (m := re.search(r"rowid BETWEEN \d+ AND (\d+)", s))]
            assert any(s.startswith("SELECT e.id FROM entry e INDEXED BY entry_written") for s in statements)
            assert asked and max(asked) < probe_low, "never asked again about rowids the probe covered"
        scores = {
            r[0]: r[1]
            for r in conn.execute(f"SELECT rowid, {search._BM25} FROM entry_fts WHERE entry_fts MATCH ?", (match,))
        }
        for pool in (10_000, 100):  # every match ranked; only the newest 100 ranked
            monkeypatch.setattr(search, "BEST_MATCH_POOL", pool)
            ranked = set(plain_newest(match, None)[:pool])
            assert search.pooled(SearchOrder.BEST, len(scores)) is (len(scores) > pool)
            best = [
                h
                for offset in range(0, len(scores) + 40, 40)
                for h in search_page(conn, typed, SearchOrder.BEST, offset=offset, limit=40)
            ]
            assert sorted(h.id for h in best) == sorted(ranked), (typed, pool)
            ranks = [scores[h.id] for h in best]
            assert ranks == sorted(ranks), f"{typed}: best match is ordered by score"
            assert all(search.HIGHLIGHT_START in h.snippet for h in best[:40]), typed
    conn.set_trace_callback(None)


def test_one_part_queries_are_ranked_in_python_exactly_as_bm25(conn, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """goldseam.domain.ranking stands in for FTS5's bm25 when the query has one part: the order must be
    bm25's, ties newest first, for words, prefixes and phrases (also ones that overlap themselves),
    in titles and bodies, accented or not. Queries of several parts are left to bm25."""
    import random

    from goldseam.domain import ranking

    rng = random.Random(11)
    words = ["ha", "café", "Cafe", "morning", "letter", "quiet", "río", "rio", "stone", "mornings"]
    conn.execute("BEGIN")
    for _ in range(400):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        title = " ".join(rng.choice(words) for _ in range(rng.randint(0, 3)))
        day = f"20{rng.randint(20, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00"
        journal.save_entry(conn, Entry(written_at=day, title=title, body=body))
    conn.execute("COMMIT")
    used: list[bool] = []
    real_scores = ranking.scores

    def spy(*args):  # type: ignore[no-untyped-def]
        result = real_scores(*args)
        used.append(result is not None)
        return result

    monkeypatch.setattr(ranking, "scores", spy)
    for typed in ("cafe", "CAFÉ", "rio", "morn*", '"ha ha"', '"quiet morning"', "letter", "sto*", "river"):
        match = build_match(typed)
        expected = [
            r[0]
            for r in conn.execute(
                f"SELECT e.id FROM entry_fts JOIN entry e ON e.id = entry_fts.rowid WHERE entry_fts MATCH ? "
                f"ORDER BY {search._BM25}, e.written_at DESC, e.id DESC",
                (match,),
            )
        ]
        assert len(expected) <= search.BEST_MATCH_POOL
        used.clear()
        got = [h.id for offset in range(0, 450, 50) for h in search_page(conn, typed, SearchOrder.BEST, offset=offset)]
        assert got == expected, typed
        assert all(used) and (used or not expected), f"{typed}: ranked in Python"
    used.clear()
    assert [h.id for h in search_page(conn, "letter quiet", SearchOrder.BEST, limit=400)] == [
        r[0]
        for r in conn.execute(
            f"SELECT e.id FROM entry_fts JOIN entry e ON e.id = entry_fts.rowid WHERE entry_fts MATCH ? "
            f"ORDER BY {search._BM25}, e.written_at DESC, e.id DESC",
            (build_match("letter quiet"),),
        )
    ]
    assert used == [], "two parts: bm25 weighs them, so FTS5 ranks (and no text is read for it)"
    assert not ranking.one_part(build_match("letter quiet") or "")
    assert ranking.one_part(build_match('"quiet morning"') or "") and ranking.one_part(build_match("sto*") or "")
    ids = [r[0] for r in conn.execute("SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'letter'")]
    texts = {i: ("", "letter") for i in ids}
    assert real_scores(conn, '"letter"', ids, texts) is not None
    texts[ids[0]] = ("", "the index saw it, these expressions do not")
    assert real_scores(conn, '"letter"', ids, texts) is None, "unsure: FTS5 ranks"


def test_varints_as_sqlite_writes_them() -> None:
    from goldseam.domain.ranking import read_varints

    assert read_varints(bytes([0x05, 0x81, 0x00, 0xFF, 0x7F])) == [5, 128, 0x3FFF]
    assert read_varints(bytes([0xFF] * 8 + [0x01])) == [(2**56 - 1) << 8 | 1]
    assert read_varints(b"") == []


def test_maintenance_merges_the_search_index_a_step_at_a_time(folder) -> None:  # type: ignore[no-untyped-def]
    """Entries saved one by one leave the full-text index in several segments; the maintenance after
    unlock merges the small ones in bounded steps, each its own transaction (unless its time is up),
    and never holds the vault thread for a whole-index merge; the index still matches."""
    from conftest import pw
    from goldseam.crypto.kdf import FLOOR_COST
    from goldseam.ui.vault_backup_actions import _maintenance
    from goldseam.vault import opening
    from goldseam.vault_worker import VaultWorker

    def segments(conn) -> int:  # type: ignore[no-untyped-def]
        return int(conn.execute("SELECT count(DISTINCT segid) FROM entry_fts_idx").fetchone()[0])

    worker = VaultWorker(folder)
    try:
        worker.submit(lambda w: w.adopt(opening.create_vault(folder, pw(), cost=FLOOR_COST).session)).result()

        def save_one_by_one(w: VaultWorker) -> int:
            for i in range(40):
                with w.session.transaction() as conn:
                    journal.save_entry(conn, Entry(written_at=f"2026-01-{1 + i % 28:02d}T10:{i:02d}", body=f"walk {i}"))
            return segments(w.session.conn)

        scattered = worker.submit(save_one_by_one).result()
        assert scattered > 3
        no_time = worker.submit(lambda w: search.merge_small_segments(w.session.transaction, 0.0)).result()
        assert no_time is False, "no time: nothing done"
        assert worker.submit(lambda w: segments(w.session.conn)).result() == scattered
        assert not worker.submit(lambda w: _maintenance(w)).result()[1], "no damage found"
        assert 1 <= worker.submit(lambda w: segments(w.session.conn)).result() < scattered

        def nothing_left_to_merge(w: VaultWorker) -> bool:
            with w.session.transaction() as conn:
                return not search.merge_index_step(conn)

        assert worker.submit(nothing_left_to_merge).result(), "the maintenance merged what it could"
        assert worker.submit(lambda w: search.merge_small_segments(w.session.transaction, 5.0)).result() is True

        def still_right(w: VaultWorker) -> int:
            w.session.conn.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")
            assert not w.session.conn.in_transaction
            return search.count_matches(w.session.conn, "walk")

        assert worker.submit(still_right).result() == 40
    finally:
        worker.shutdown()


def test_list_pages_are_read_from_the_covering_index_alone(conn) -> None:  # type: ignore[no-untyped-def]
    """The list query must match the entry_list index (migration v005) exactly, so an unfiltered page
    never reads (and decrypts) the entries' table rows. (Kind and mood filters use their own indexes.)"""
    no_vent = EntryFilter(exclude_kinds=(EntryKind.VENT,))
    for entry_filter, after in ((None, None), (None, ("2026-01-01T00:00:00", 5)), (no_vent, None)):
        clauses, params = (entry_filter or EntryFilter()).where()
        if after:
            clauses.append("(e.written_at, e.id) < (?, ?)")
            params.extend(after)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        plan = " ".join(
            str(row[3])
            for row in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT {journal._SUMMARY_COLUMNS} FROM entry e {where} "
                "ORDER BY e.written_at DESC, e.id DESC LIMIT ?",
                (*params, 50),
            )
        )
        assert "COVERING INDEX entry_list" in plan, plan

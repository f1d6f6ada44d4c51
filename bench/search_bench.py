"""Search latency for ``journal_bench.py``: query pools picked from the data, vault and baseline interleaved."""

from __future__ import annotations

import itertools
import random
import re
import sqlite3
from functools import partial
from typing import Any

import bench_common as bc
from bench_common import STD, Figure, median, median_ratio, p95

from goldseam.domain import search
from goldseam.domain.search import SearchOrder

Conn = Any
SEARCH_ROUNDS = 60  # per query class and order, per database


def term_pools(plain: sqlite3.Connection, count: int, rng: random.Random) -> dict[str, list[str]]:
    """Queries as a person would type them, chosen from the data by document frequency."""
    plain.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, entry_fts, row)")
    docs = {str(t): int(d) for t, d in plain.execute("SELECT term, doc FROM temp.bench_vocab") if str(t).isalpha()}
    common = sorted(t for t, d in docs.items() if 0.2 * count <= d <= 0.5 * count and len(t) >= 3)
    rare = sorted(t for t, d in docs.items() if 5 <= d <= 50)
    frequent = {t for t, d in docs.items() if d >= 0.2 * count}
    phrases: set[str] = set()
    ids = [r[0] for r in plain.execute("SELECT id FROM entry")]
    while len(phrases) < 10:
        body = plain.execute("SELECT body FROM entry WHERE id = ?", (rng.choice(ids),)).fetchone()[0]
        words = re.findall(r"[\w]+", body.lower())
        pairs = [f'"{a} {b}"' for a, b in itertools.pairwise(words) if a in frequent and b in frequent]
        if pairs:
            phrases.add(rng.choice(pairs))
    prefixes = sorted({t[:3] + "*" for t in common if len(t) >= 4})
    return {
        "common word": rng.sample(common, min(10, len(common))),
        "rare word": rng.sample(rare, min(20, len(rare))),
        "phrase": sorted(phrases),
        "prefix": rng.sample(prefixes, min(10, len(prefixes))),
    }


def bench_search(vault: Conn, plain: sqlite3.Connection, pools: dict[str, list[str]], figures: list[Figure]) -> None:
    classes = [(name, order) for name in pools for order in (SearchOrder.NEWEST, SearchOrder.BEST)]
    for name, order in classes:  # warm-up: every query once on each database
        for query in pools[name]:
            search.search_page(vault, query, order)
            search.search_page(plain, query, order)
    samples: dict[tuple[str, SearchOrder], tuple[list[float], list[float]]] = {c: ([], []) for c in classes}
    for i in range(SEARCH_ROUNDS):  # interleaved: every class and order in each round
        for name, order in classes:
            query = pools[name][i % len(pools[name])]
            vault_ms, plain_ms = bc.pair_once(
                i, partial(search.search_page, vault, query, order), partial(search.search_page, plain, query, order)
            )
            samples[(name, order)][0].append(vault_ms)
            samples[(name, order)][1].append(plain_ms)
    for name, order in classes:
        a, b = samples[(name, order)]
        hits = [search.count_matches(plain, q) for q in pools[name]]
        newest = order is SearchOrder.NEWEST
        label = "newest first" if newest else "best match"
        examples = ", ".join(pools[name][:3])
        note = f"n={len(a)}; {len(pools[name])} queries, e.g. {examples}; avg {sum(hits) / len(hits):,.0f} matches"
        if not newest:
            note += f"; best match ranks the newest {search.BEST_MATCH_POOL:,} matches (goldseam.domain.search)"
        ratio = median_ratio(list(zip(a, b, strict=True)))
        figures.append(
            bc.figure_with_baseline(
                f"search {name}, {label}, median",
                median(a),
                "ms",
                median(b),
                STD,
                target=10.0 if newest else 40.0,
                ratio=ratio,
            )
        )
        p95_target: dict[str, Any] = {"target": 50.0} if newest else {"target_text": "(none; design <100 ms)"}
        figures.append(
            bc.figure_with_baseline(f"search {name}, {label}, p95", p95(a), "ms", p95(b), STD, note=note, **p95_target)
        )

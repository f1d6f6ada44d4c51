"""Snippets made in Python for search results (goldseam.domain.snippets)."""

from __future__ import annotations

import pytest

from goldseam.domain.search import build_match
from goldseam.domain.snippets import ELLIPSIS, make_snippet, query_patterns


def snip(text: str, typed: str) -> str | None:
    match = build_match(typed)
    assert match is not None
    return make_snippet(text, query_patterns(match), "[", "]")


LONG = " ".join(f"w{i}" for i in range(40))


def test_a_word_deep_in_the_text_gets_context_and_ellipses() -> None:
    text = LONG + " we were there " + LONG
    assert snip(text, "were") == f"{ELLIPSIS}w39 we [were] there w0 w1 w2 w3 w4 w5 w6 w7 w8 w9{ELLIPSIS}"


@pytest.mark.parametrize(
    ("text", "typed", "expected"),
    [
        ("Were we happy?", "were", "[Were] we happy?"),
        ("L'été arrive enfin.", "ete", "L'[été] arrive enfin."),
        ("ÉTÉ", "été", "[ÉTÉ]"),
        ("Walking helps. A walk too.", "wal*", "[Walking] helps. A [walk] too."),
        ("A long day, a long walk.", '"long walk"', "A long day, a [long] [walk]."),
        ("werewolves and were", "were", "werewolves and [were]"),
        ("snake_were here", "were", "snake_[were] here"),
        ("don't stop", "don't", "[don]'[t] stop"),
        ("Café au lait", "cafe lait", "[Café] au [lait]"),
    ],
)
def test_words_are_matched_whole_without_case_or_accents(text: str, typed: str, expected: str) -> None:
    assert snip(text, typed) == expected


def test_nothing_to_mark_is_none_so_the_search_falls_back_to_fts5() -> None:
    assert snip("nothing here", "river") is None
    assert snip("e\u0301te\u0301 decomposed", "ete") is None, "decomposed accents are left to FTS5"


def test_the_window_prefers_the_spot_with_every_part_of_the_query() -> None:
    text = "river " + LONG + " stone by the river again " + LONG
    result = snip(text, "river stone")
    assert result is not None and "[stone] by the [river]" in result and result.startswith(ELLIPSIS)

"""Search-result snippets made in Python from an entry's title and body.

FTS5's ``snippet()`` re-tokenises each result inside SQLite, and on the vault every allocation it
makes is wiped by SQLCipher's memory security: about 4.6 of the 6.3 ms of a newest-first search
for a common word went there, against 0.2 ms to read the 50 bodies. Here one regular expression
per part of the query finds whole words without regard to case or accents, as the index's
``unicode61 remove_diacritics 2`` tokenizer does for Latin letters. The search falls back to
``snippet()`` for any entry where this finds nothing to mark.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

WINDOW_TOKENS = 14
_WINDOW_CHARS = 90  # about fourteen words of ordinary prose
ELLIPSIS = "…"
_TOKEN = re.compile(r"[^\W_]+")
_PART = re.compile(r'"([^"]*)"(\*?)')


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _accented_variants() -> dict[str, str]:
    """For each plain letter, the Latin letters that fold to it (é, È, ê … for e)."""
    variants: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        letter = chr(code)
        base = fold(letter)
        if len(base) == 1 and base.isascii() and base.isalpha():
            variants[base] = variants.get(base, "") + letter
    return variants


_VARIANTS = _accented_variants()


def _letter_pattern(letter: str) -> str:
    if not letter.isalpha():
        return re.escape(letter)
    return "[" + re.escape(letter + letter.upper() + _VARIANTS.get(letter, "")) + "]"


@dataclass(frozen=True)
class QueryPatterns:
    """One regular expression per conjunct of a MATCH expression made by ``search.build_match`` (a
    phrase of one or more words in a row, the last one perhaps a prefix). ``plain`` ones run on the
    lower-cased text when it is ASCII (a literal start lets the regex engine skip ahead); ``folding``
    ones run on any text and accept every accented form of each letter. Both leave the check that
    a match starts a word to ``starts_word``."""

    plain: tuple[re.Pattern[str], ...]
    folding: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=64)
def query_patterns(match: str) -> QueryPatterns:
    plain, folding = [], []
    for found in _PART.finditer(match):
        words = [fold(w) for w in _TOKEN.findall(found.group(1))]
        if not words:
            continue
        tail = r"[^\W_]*" if found.group(2) == "*" else ""
        plain.append(re.compile(r"[\W_]+".join(re.escape(w) for w in words) + tail + r"(?![^\W_])"))
        letters = r"[\W_]+".join("".join(_letter_pattern(c) for c in word) for word in words)
        folding.append(re.compile(letters + tail + r"(?![^\W_])"))
    return QueryPatterns(tuple(plain), tuple(folding))


def starts_word(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum())


def haystack(text: str, patterns: QueryPatterns) -> tuple[str, tuple[re.Pattern[str], ...]]:
    """What to search in ``text`` and with which expressions: the lower-cased text and the ``plain``
    ones when it is ASCII, else the text itself and the ``folding`` ones. Offsets are the text's."""
    if text.isascii():
        return text.lower(), patterns.plain
    return text, patterns.folding


def _best_spot(found: list[tuple[int, int, int]]) -> int:
    """The match that has the most different parts of the query within the next few words; the
    earliest such one wins. ``found`` is sorted."""
    best, best_score = found[0][0], 0
    for start, _end, _number in found:
        score = len({n for s, _e, n in found if start <= s < start + _WINDOW_CHARS})
        if score > best_score:
            best, best_score = start, score
    return best


def make_snippet(text: str, patterns: QueryPatterns, start_mark: str, end_mark: str) -> str | None:
    """About ``WINDOW_TOKENS`` words of ``text`` around the best spot, matched words between the marks;
    None when nothing in ``text`` matches."""
    searched, expressions = haystack(text, patterns)
    found: list[tuple[int, int, int]] = []  # (start, end, which part of the query)
    for number, pattern in enumerate(expressions):
        found.extend((m.start(), m.end(), number) for m in pattern.finditer(searched) if starts_word(text, m.start()))
    if not found:
        return None
    found.sort()
    best = found[0][0] if len(patterns.plain) == 1 else _best_spot(found)
    # Words only around that spot: two before it, the rest after (read no further than needed).
    region_start = max(0, best - _WINDOW_CHARS)
    # The spot starts a word, so no word runs across it.
    before = [m.span() for m in _TOKEN.finditer(text, region_start, best)]
    after = [m.span() for m in itertools.islice(_TOKEN.finditer(text, best, best + 4 * _WINDOW_CHARS), WINDOW_TOKENS)]
    region = before + after
    first = max(0, len(before) - 2)
    if len(after) < WINDOW_TOKENS and not _TOKEN.search(text, region[-1][1]):
        first = max(0, min(first, len(region) - WINDOW_TOKENS))  # the text ends in view: fill from before
    words = region[first : first + WINDOW_TOKENS]
    pieces = [ELLIPSIS] if first > 0 or (region_start > 0 and _TOKEN.search(text, 0, region[0][0])) else []
    cursor = words[0][0]
    shown = [(s, e) for s, e, _n in found if s < words[-1][1] and words[0][0] < e]
    for a, b in words:
        pieces.append(text[cursor:a])
        hit = any(s < b and a < e for s, e in shown)
        pieces.append(f"{start_mark}{text[a:b]}{end_mark}" if hit else text[a:b])
        cursor = b
    pieces.append(ELLIPSIS if _TOKEN.search(text, cursor) else text[cursor:])
    return "".join(pieces)

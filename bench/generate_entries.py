"""Deterministic, realistic journal data for the benchmark, written as a jrnl JSON export.

    .venv/bin/python bench/generate_entries.py --entries 100000 --out bench/out/entries-100000.json

Entries are spread over ~10 years (oldest first, ids end up chronological), each with a 2–6 word
title and a body of 110–190 words (150 ± 40) drawn from a Zipf–Mandelbrot vocabulary (exponent 1.1):
a few hundred real English journal words at the head (~63 % of all words) and syllable-built
pseudo-words in a 40,000-word tail, in sentences with capitals, commas, full stops, questions and
paragraphs. Moods are 1–5 or none, 0–3 tags come from 30, kinds are spread across every
``EntryKind`` (urge-log entries carry urge details), and one entry in ten uses typographic
apostrophes, as text typed on a phone does. The file has jrnl's fields plus the "goldseam" object
Goldseam's own export writes, so the real importer restores kind, mood and exact time.
Same seed and count, same bytes; a file already written for them is reused.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from goldseam.domain.journal import EntryKind
from goldseam.domain.space import Alternative, UrgeKind

SEED = 20261123
GENERATOR_VERSION = 1  # bump when the output changes, so cached files are rebuilt
TAIL_WORDS = 40_000
YEARS = 10
START = datetime(2016, 1, 1)

# Roughly in order of how often they turn up in a personal journal; the order sets the Zipf rank.
_HEAD_TEXT = """
the i and to a of my was it in that me is for but he she with on so at this have not be just all
about what we like had felt feel today it's about how when them out up him her do his they there
really time because think know one day some again still more get from if or been would things
too could much were can i'm want don't an did even go back went by didn't then tonight morning
night myself work now other no felt us your something who feel people thing make very why good
better made last new little bit tired long walk friend friends home week ago maybe though after
before over through down off into alone yesterday tomorrow thought talked told said called asked
sleep slept woke coffee tea breakfast dinner lunch kitchen room bed phone message text call
quiet loud hard easy sad happy angry calm anxious hopeful lonely grateful proud afraid scared
okay fine better worse enough nothing everything anything someone everyone anyone mother father
mom dad sister brother family kids children dog cat neighbour colleague boss therapist doctor
walked ran running run cycling gym yoga swim swam stretch breathe breathing music song book read
reading wrote writing journal page words letter cried crying laughed smile smiled hug miss missed
missing remember remembered forget forgot memory memories future past present year years month
months weekend monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter
rain sun snow wind cold warm outside garden park river sea beach city street car bus train
office meeting project deadline email emails finished started trying tried help helped needed
need wanted love loved hurt pain heart head body hands eyes face voice silence space distance
trust honest honesty boundaries boundary change changed changing grow growing learn learned lesson
lessons patience kindness gentle careful slowly quickly suddenly finally almost always never often
sometimes usually probably maybe perhaps clearly exactly simply mostly nearly half whole first
second next old young small big great best worst right wrong true real strange different same
own every each both few many most less least fear hope hopes dream dreams plan plans goal goals
step steps progress setback setbacks urge urges checked profile photo photos old pictures wanted
reach out contact decided decision choose chose choice together apart alone relationship breakup
ex partner space weeks counting days since ended ending beginning start restart healing healed
heal closure anger grief guilt shame relief peace joy comfort routine habit habits notice noticed
noticing feeling feelings emotion emotions mood moods energy tiredness rest resting nap headache
cooked cooking baked cleaned tidy washed laundry shopping groceries market bakery café dinner
visited visit stayed home quietly listened listening watched film series episode podcast news
"""
HEAD_WORDS = _HEAD_TEXT.split()

_TAG_TEXT = (
    "work family sleep running therapy friends health gratitude urges anxiety morning evening walks "
    "cooking reading music money home holiday weekend dating kids parents exercise meditation "
    "nature writing goals selfcare progress setback"
)
TAGS = _TAG_TEXT.split()

_SYLLABLE_TEXT = (
    "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si "
    "so su ta te ti to tu va ve vi vo da de di do du fa fe fi fo ga ge go pa pe pi po za zo tha the shi "
    "cho ar er or an en in on el al il ost ern ind ack ell omb ist ald"
)
SYLLABLES = _SYLLABLE_TEXT.split()

KIND_WEIGHTS = {
    EntryKind.PROMPT: 34,
    EntryKind.FREE: 26,
    EntryKind.GRATITUDE: 12,
    EntryKind.LESSONS: 9,
    EntryKind.APART: 8,
    EntryKind.URGE: 6,
    EntryKind.VENT: 5,
}


def vocabulary(rng: random.Random) -> list[str]:
    """Head words in rank order (duplicates dropped), then unique pseudo-words."""
    words = list(dict.fromkeys(HEAD_WORDS))
    seen = set(words)
    target = len(words) + TAIL_WORDS
    while len(words) < target:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_cumulative(size: int, exponent: float = 1.1, shift: float = 2.7) -> list[float]:
    """Cumulative Zipf–Mandelbrot weights 1 / (rank + shift) ** exponent."""
    return list(itertools.accumulate(1.0 / (rank + shift) ** exponent for rank in range(1, size + 1)))


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary(rng)
        self.cumulative = zipf_cumulative(len(self.words))
        head = len(dict.fromkeys(HEAD_WORDS))
        self.title_words = self.words[30:head]  # skip the most common function words in titles
        self.title_cumulative = zipf_cumulative(len(self.title_words), exponent=0.6)

    def body(self, word_total: int, curly: bool) -> str:
        rng = self.rng
        drawn = rng.choices(self.words, cum_weights=self.cumulative, k=word_total)
        paragraphs: list[str] = []
        sentences: list[str] = []
        position = 0
        next_break = rng.randint(3, 6)
        while position < word_total:
            length = min(rng.randint(4, 18), word_total - position)
            sentence = drawn[position : position + length]
            position += length
            if length > 7 and rng.random() < 0.4:
                cut = rng.randint(2, length - 3)
                sentence[cut] += ","
            end = rng.choices((".", "!", "?", "..."), weights=(82, 6, 9, 3))[0]
            text = " ".join(sentence)
            sentences.append(text[0].upper() + text[1:] + end)
            if len(sentences) >= next_break:
                paragraphs.append(" ".join(sentences))
                sentences = []
                next_break = rng.randint(3, 6)
        if sentences:
            paragraphs.append(" ".join(sentences))
        text = "\n\n".join(paragraphs)
        return text.replace("'", "\u2019") if curly else text

    def title(self) -> str:
        words = self.rng.choices(self.title_words, cum_weights=self.title_cumulative, k=self.rng.randint(2, 6))
        text = " ".join(words)
        return text[0].upper() + text[1:]


def entry_times(rng: random.Random, count: int) -> list[datetime]:
    span = int(timedelta(days=365 * YEARS).total_seconds())
    return [START + timedelta(seconds=s) for s in sorted(rng.randrange(span) for _ in range(count))]


def make_entry(writer: Writer, rng: random.Random, written: datetime) -> dict[str, Any]:
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    curly = rng.random() < 0.1
    written_at = written.isoformat(timespec="seconds")
    details: dict[str, Any] = {
        "kind": str(kind),
        "mood": None if rng.random() < 0.2 else rng.randint(1, 5),
        "written_at": written_at,
    }
    if kind is EntryKind.URGE:
        details["urge"] = {
            "urge_kind": str(rng.choice(list(UrgeKind))),
            "intensity": rng.randint(1, 5),
            "instead": [str(a) for a in rng.sample(list(Alternative), rng.randint(0, 2))],
            "acted": rng.random() < 0.15,
        }
    return {
        "title": writer.title(),
        "body": writer.body(rng.randint(110, 190), curly),
        "date": written_at[:10],
        "time": written_at[11:16],
        "tags": ["@" + t for t in rng.sample(TAGS, rng.choices((0, 1, 2, 3), weights=(30, 35, 22, 13))[0])],
        "starred": False,
        "goldseam": details,
    }


def generate(count: int, seed: int = SEED) -> dict[str, Any]:
    rng = random.Random(seed)
    writer = Writer(rng)
    entries = [make_entry(writer, rng, written) for written in entry_times(rng, count)]
    tag_counts: dict[str, int] = {}
    for entry in entries:
        for tag in entry["tags"]:
            tag_counts[tag] = tag_counts.get(tag, 0) + 1
    return {"tags": dict(sorted(tag_counts.items())), "entries": entries}


def write_file(path: Path, count: int, seed: int = SEED) -> Path:
    """Write the jrnl JSON file (atomically), unless an identical one is already there."""
    stamp = path.with_name(path.name + ".stamp")
    wanted = f"{GENERATOR_VERSION} {count} {seed}"
    if path.exists() and stamp.exists() and stamp.read_text() == wanted:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(generate(count, seed), handle, ensure_ascii=False, indent=1)
    partial.replace(path)
    stamp.write_text(wanted)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "entries.json")
    args = parser.parse_args(argv)
    path = write_file(args.out, args.entries, args.seed)
    print(f"{args.entries} entries -> {path} ({path.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

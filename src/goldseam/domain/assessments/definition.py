"""Loading and validating assessment definitions (resources/assessments/*.json).

A definition lists response sets, items (some conditional, some repeated for each option
picked in a multi-select item), scores, optional per-repeat tags, bands (first match wins)
and notes. Conditions are small JSON trees evaluated by goldseam.domain.assessments.evaluation.
Every user-visible string is English source text, translated where it is shown; the Babel
extractor in goldseam.resource_strings collects them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from goldseam import app_paths

Condition = Any  # "always" or a dict; see evaluation.py
PATHS = ("reconnect", "move_forward", "both", "safety")


class DefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    score: float | None = None
    prefer_not: bool = False

    @property
    def scored(self) -> bool:
        return self.score is not None and not self.prefer_not


@dataclass(frozen=True)
class ResponseSet:
    id: str
    kind: str  # "single", "multi" or "text"
    options: tuple[Option, ...] = ()

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def rank(self, value: str) -> int | None:
        """Position among the scored options (prefer-not-to-say has no rank)."""
        ranked = [o.value for o in self.options if not o.prefer_not]
        return ranked.index(value) if value in ranked else None


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    responses: str
    timeframe: str = ""
    help: str = ""
    prefer_not: bool = False
    show_if: Condition = None
    concern: str = ""
    optional: bool = False
    group: str | None = None  # repeat group this item belongs to


@dataclass(frozen=True)
class RepeatGroup:
    id: str
    for_each_selected: str  # a multi-select item id
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ScoreDef:
    id: str
    label: str
    method: str  # "sum", "mean" or "count"
    items: tuple[str, ...] = ()
    reverse: tuple[str, ...] = ()
    count_when: tuple[Condition, ...] = ()
    low: float = 0
    high: float = 1
    chart: bool = False


@dataclass(frozen=True)
class TagRule:
    id: str
    label: str
    when: Condition


@dataclass(frozen=True)
class TagScheme:
    group: str
    rules: tuple[TagRule, ...]  # first match wins, per repeat
    rank: tuple[str, ...]  # worst first


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    explanation: str
    when: Condition
    next_steps: tuple[str, ...] = ()
    primary_path: str = "both"  # "both", "move_forward", "safety" or "boundary" (their answer stands)
    severity: int = 0  # for history charts of categorical results


@dataclass(frozen=True)
class Note:
    id: str
    text: str
    when: Condition
    kind: str = "info"  # "info", "challenge", "help" or "safety"


@dataclass(frozen=True)
class Definition:
    id: str
    version: int
    order: int
    title: str
    summary: str
    intro: str
    retake_days: int
    attribution: str
    response_sets: dict[str, ResponseSet]
    items: tuple[Item, ...]  # top-level items in order
    groups: dict[str, RepeatGroup]
    scores: tuple[ScoreDef, ...]
    tags: TagScheme | None
    bands: tuple[Band, ...]
    notes: tuple[Note, ...] = field(default=())

    def item(self, item_id: str) -> Item:
        base = item_id.split("@", 1)[0]
        for item in self.items:
            if item.id == base:
                return item
        for group in self.groups.values():
            for item in group.items:
                if item.id == base:
                    return item
        raise KeyError(item_id)

    def response_set(self, item: Item) -> ResponseSet:
        return self.response_sets[item.responses]

    def band(self, band_id: str) -> Band | None:
        return next((b for b in self.bands if b.id == band_id), None)

    def score(self, score_id: str) -> ScoreDef | None:
        return next((s for s in self.scores if s.id == score_id), None)

    def all_items(self) -> list[Item]:
        return [*self.items, *(i for g in self.groups.values() for i in g.items)]


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list) else ((value,) if value is not None else ())


def parse_definition(data: dict[str, Any]) -> Definition:
    try:
        response_sets = {
            key: ResponseSet(
                key,
                spec.get("kind", "single"),
                tuple(
                    Option(o["value"], o["label"], o.get("score"), bool(o.get("prefer_not", False)))
                    for o in spec.get("options", [])
                ),
            )
            for key, spec in data["response_sets"].items()
        }
        items: list[Item] = []
        groups: dict[str, RepeatGroup] = {}
        for raw in data["items"]:
            if "repeat" in raw:
                group_id = raw["repeat"]["id"]
                sub = tuple(_item(r, group_id) for r in raw["repeat"]["items"])
                groups[group_id] = RepeatGroup(group_id, raw["repeat"]["for_each_selected"], sub)
            else:
                items.append(_item(raw, None))
        scores = tuple(
            ScoreDef(
                s["id"],
                s.get("label", ""),
                s["method"],
                _tuple(s.get("items")),
                _tuple(s.get("reverse")),
                _tuple(s.get("count_when")),
                float(s.get("low", 0)),
                float(s.get("high", 1)),
                bool(s.get("chart")),
            )
            for s in data.get("scores", [])
        )
        tags = None
        if "tags" in data:
            t = data["tags"]
            tags = TagScheme(
                t["group"], tuple(TagRule(r["id"], r["label"], r["when"]) for r in t["rules"]), tuple(t["rank"])
            )
        bands = tuple(
            Band(
                b["id"],
                b["label"],
                b["explanation"],
                b["when"],
                tuple(b.get("next_steps", [])),
                b.get("primary_path", "both"),
                int(b.get("severity", 0)),
            )
            for b in data["bands"]
        )
        notes = tuple(Note(n["id"], n["text"], n["when"], n.get("kind", "info")) for n in data.get("notes", []))
        return Definition(
            id=data["id"],
            version=int(data["version"]),
            order=int(data.get("order", 99)),
            title=data["title"],
            summary=data.get("summary", ""),
            intro=data.get("intro", ""),
            retake_days=int(data.get("retake_days", 0)),
            attribution=data.get("attribution", ""),
            response_sets=response_sets,
            items=tuple(items),
            groups=groups,
            scores=scores,
            tags=tags,
            bands=bands,
            notes=notes,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DefinitionError(f"{data.get('id', '?')}: {type(error).__name__}: {error}") from error


def _item(raw: dict[str, Any], group: str | None) -> Item:
    return Item(
        id=raw["id"],
        question=raw["question"],
        responses=raw["responses"],
        timeframe=raw.get("timeframe", ""),
        help=raw.get("help", ""),
        prefer_not=bool(raw.get("prefer_not", False)),
        show_if=raw.get("show_if"),
        concern=raw.get("concern", ""),
        optional=bool(raw.get("optional", False)),
        group=group,
    )


def definitions_dir() -> Path:
    return app_paths.resources_dir() / "assessments"


@lru_cache(maxsize=1)
def load_all() -> tuple[Definition, ...]:
    found = []
    for path in sorted(definitions_dir().glob("*.json")):
        found.append(parse_definition(json.loads(path.read_text(encoding="utf-8"))))
    return tuple(sorted(found, key=lambda d: (d.order, d.id)))


def get(definition_id: str) -> Definition:
    for definition in load_all():
        if definition.id == definition_id:
            return definition
    raise KeyError(definition_id)

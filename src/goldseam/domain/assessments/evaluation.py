"""Which items are shown, and what the answers add up to.

Conditions (JSON):

* ``"always"``
* ``{"item": "S1", "at_least": "once"}`` — at or above that option in the item's scale
  (prefer-not-to-say never counts); ``"is"``, ``"in"``, ``"selected"`` (multi-select),
  ``"answered": true``, ``"prefer_not": true``
* ``{"score": "A", "gte": 2.5}`` — also ``gt``, ``lte``, ``lt``, ``eq``
* ``{"any": [...]}``, ``{"all": [...]}``, ``{"not": {...}}``, ``{"count": [...], "gte": 2}``
* ``{"context": "monthly_due"}`` — a flag the caller passes in
* inside a repeat: ``{"option_in": ["controlling"]}`` — the option being repeated;
  item ids of the repeat resolve to the current repetition
* for bands: ``{"tag_any": "hard"}``, ``{"tag_share": "hard", "gte": 0.5}``, ``{"tags_none": true}``

Answers map an item key to an option value, a list of values (multi-select) or text. Items in
a repeat group use keys like ``"A1_4@conflict"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from goldseam.domain.assessments.definition import Band, Condition, Definition, DefinitionError, Item, Note

Answers = dict[str, Any]
_COMPARE = {
    "gte": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
    "eq": lambda a, b: a == b,
}


@dataclass(frozen=True)
class Question:
    """One screen of the flow: an item, possibly repeated for an option of a multi-select item."""

    key: str
    item: Item
    option: str | None = None  # the repeated-for option value
    option_label: str = ""


@dataclass
class Outcome:
    band: Band
    scores: dict[str, float | None]
    tags: dict[str, str] = field(default_factory=dict)  # repeated option -> tag id
    notes: list[Note] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)  # English source labels of flagged items


class Evaluator:
    def __init__(self, definition: Definition, answers: Answers, context: dict[str, bool] | None = None) -> None:
        self.d = definition
        self.answers = answers
        self.context = context or {}
        self._scores: dict[str, float | None] | None = None
        self._tags: dict[str, str] | None = None

    # -- the flow -------------------------------------------------------------------------------

    def questions(self) -> list[Question]:
        shown: list[Question] = []
        for item in self.d.items:
            if self._visible(item, None):
                shown.append(Question(item.id, item))
            for group in self.d.groups.values():
                if group.for_each_selected != item.id:
                    continue
                selected = self.answers.get(item.id) or []
                options = self.d.response_set(item).options
                for option in options:
                    if option.value not in selected:
                        continue
                    for sub in group.items:
                        if self._visible(sub, option.value):
                            shown.append(Question(f"{sub.id}@{option.value}", sub, option.value, option.label))
        return shown

    def _visible(self, item: Item, option: str | None) -> bool:
        return item.show_if is None or self.check(item.show_if, option)

    def complete(self) -> bool:
        return all(self._answered(q) for q in self.questions())

    def _answered(self, question: Question) -> bool:
        value = self.answers.get(question.key)
        if question.item.optional:
            return True
        kind = self.d.response_set(question.item).kind
        if kind == "multi":
            return isinstance(value, list)
        if kind == "text":
            return isinstance(value, str)
        return isinstance(value, str) and value != ""

    # -- conditions -----------------------------------------------------------------------------

    def check(self, condition: Condition, option: str | None = None) -> bool:
        if condition == "always":
            return True
        if not isinstance(condition, dict):
            raise DefinitionError(f"bad condition {condition!r}")
        if "any" in condition:
            return any(self.check(c, option) for c in condition["any"])
        if "all" in condition:
            return all(self.check(c, option) for c in condition["all"])
        if "not" in condition:
            return not self.check(condition["not"], option)
        if "count" in condition:
            hits = sum(1 for c in condition["count"] if self.check(c, option))
            return self._compare(hits, condition)
        if "context" in condition:
            return bool(self.context.get(condition["context"]))
        if "option_in" in condition:
            return option in condition["option_in"]
        if "score" in condition:
            value = self.scores().get(condition["score"])
            return value is not None and self._compare(value, condition)
        if "tag_any" in condition:
            return condition["tag_any"] in self.tags().values()
        if "tag_share" in condition:
            tags = list(self.tags().values())
            share = tags.count(condition["tag_share"]) / len(tags) if tags else 0.0
            return bool(tags) and self._compare(share, condition)
        if "tags_none" in condition:
            return not self.tags()
        if "item" in condition:
            return self._check_item(condition, option)
        raise DefinitionError(f"unknown condition {condition!r}")

    @staticmethod
    def _compare(value: float, condition: dict[str, Any]) -> bool:
        tests = [(op, condition[op]) for op in _COMPARE if op in condition]
        return bool(tests) and all(_COMPARE[op](value, bound) for op, bound in tests)

    def _key(self, item_id: str, option: str | None) -> str:
        item = self.d.item(item_id)
        return f"{item_id}@{option}" if item.group is not None and option is not None else item_id

    def _check_item(self, condition: dict[str, Any], option: str | None) -> bool:
        item = self.d.item(condition["item"])
        responses = self.d.response_set(item)
        value = self.answers.get(self._key(item.id, option))
        if "answered" in condition:
            return (value not in (None, "", [])) == bool(condition["answered"])
        if "prefer_not" in condition:
            chosen = responses.option(value) if isinstance(value, str) else None
            return (chosen is not None and chosen.prefer_not) == bool(condition["prefer_not"])
        if "selected" in condition:
            return isinstance(value, list) and condition["selected"] in value
        if not isinstance(value, str):
            return False
        if "is" in condition:
            return bool(value == condition["is"])
        if "in" in condition:
            return value in condition["in"]
        if "at_least" in condition:
            have, need = responses.rank(value), responses.rank(condition["at_least"])
            return have is not None and need is not None and have >= need
        raise DefinitionError(f"unknown item test {condition!r}")

    # -- scores and tags --------------------------------------------------------------------------

    def scores(self) -> dict[str, float | None]:
        if self._scores is None:
            self._scores = {}
            for score in self.d.scores:
                self._scores[score.id] = self._score(score)
        return self._scores

    def _score(self, score: Any) -> float | None:
        if score.method == "count":
            return float(sum(1 for c in score.count_when if self.check(c)))
        if score.method == "diff":  # items name two earlier scores: first minus second
            first, second = (self._scores or {}).get(score.items[0]), (self._scores or {}).get(score.items[1])
            return None if first is None or second is None else first - second
        values = []
        for item_id in score.items:
            item = self.d.item(item_id)
            value = self.answers.get(item_id)
            option = self.d.response_set(item).option(value) if isinstance(value, str) else None
            if option is None or not option.scored or option.score is None:
                continue
            points = option.score
            if item_id in score.reverse:
                points = score.low + score.high - points
            values.append(points)
        if not values:
            return None
        if score.method == "sum":
            return float(sum(values)) if len(values) == len(score.items) else None
        return sum(values) / len(values)

    def tags(self) -> dict[str, str]:
        if self._tags is None:
            self._tags = {}
            scheme = self.d.tags
            if scheme is not None:
                group = self.d.groups[scheme.group]
                for option in self.answers.get(group.for_each_selected) or []:
                    for rule in scheme.rules:
                        if self.check(rule.when, option):
                            self._tags[option] = rule.id
                            break
        return self._tags

    def outcome(self) -> Outcome:
        band = next(b for b in self.d.bands if self.check(b.when))
        notes = [n for n in self.d.notes if self.check(n.when)]
        concerns = []
        for item in self.d.all_items():
            if item.concern and item.group is None:
                responses = self.d.response_set(item)
                value = self.answers.get(item.id)
                option = responses.option(value) if isinstance(value, str) else None
                if option is not None and option.scored and (option.score or 0) > 0:
                    concerns.append(item.concern)
        return Outcome(band, dict(self.scores()), dict(self.tags()), notes, concerns)


def validate(definition: Definition) -> list[str]:
    """Static checks: references resolve, every condition is well formed, the last band always matches."""
    problems: list[str] = []
    ids = [i.id for i in definition.all_items()]
    if len(ids) != len(set(ids)):
        problems.append("duplicate item ids")
    for item in definition.all_items():
        if item.responses not in definition.response_sets:
            problems.append(f"{item.id}: unknown response set {item.responses}")
        if not item.question.strip():
            problems.append(f"{item.id}: empty question")
    for rs in definition.response_sets.values():
        values = [o.value for o in rs.options]
        if len(values) != len(set(values)):
            problems.append(f"response set {rs.id}: duplicate values")
        if rs.kind not in ("single", "multi", "text"):
            problems.append(f"response set {rs.id}: unknown kind {rs.kind}")
        if rs.kind != "text" and not rs.options:
            problems.append(f"response set {rs.id}: no options")
    for group in definition.groups.values():
        try:
            base = definition.item(group.for_each_selected)
            if definition.response_set(base).kind != "multi":
                problems.append(f"group {group.id} repeats over a non-multi item")
        except KeyError:
            problems.append(f"group {group.id}: unknown item {group.for_each_selected}")
    if not definition.bands or definition.bands[-1].when != "always":
        problems.append("the last band must be 'always'")
    for band in definition.bands:
        if band.primary_path not in ("move_forward", "both", "safety", "boundary"):
            problems.append(f"band {band.id}: unknown primary_path {band.primary_path}")
    conditions: list[tuple[str, Condition, bool]] = [(f"band {b.id}", b.when, False) for b in definition.bands]
    conditions += [(f"note {n.id}", n.when, False) for n in definition.notes]
    conditions += [(f"item {i.id}", i.show_if, i.group is not None) for i in definition.all_items() if i.show_if]
    if definition.tags:
        conditions += [(f"tag {r.id}", r.when, True) for r in definition.tags.rules]
    for score in definition.scores:
        conditions += [(f"score {score.id}", c, False) for c in score.count_when]
        known = ids if score.method != "diff" else [s.id for s in definition.scores]
        for item_id in score.items:
            if item_id not in known:
                problems.append(f"score {score.id}: unknown item {item_id}")
    for where, condition, in_repeat in conditions:
        problems.extend(f"{where}: {p}" for p in _check_condition(definition, condition, in_repeat))
    return problems


def _check_condition(d: Definition, c: Condition, in_repeat: bool) -> list[str]:
    if c == "always":
        return []
    if not isinstance(c, dict) or not c:
        return [f"bad condition {c!r}"]
    for combinator in ("any", "all", "count"):
        if combinator in c:
            return [p for sub in c[combinator] for p in _check_condition(d, sub, in_repeat)]
    if "not" in c:
        return _check_condition(d, c["not"], in_repeat)
    if "item" in c:
        try:
            item = d.item(c["item"])
        except KeyError:
            return [f"unknown item {c['item']}"]
        rs = d.response_set(item)
        for key in ("is", "at_least", "selected"):
            if key in c and rs.option(c[key]) is None:
                return [f"{item.id}: unknown option {c[key]}"]
        if "in" in c and any(rs.option(v) is None for v in c["in"]):
            return [f"{item.id}: unknown option in {c['in']}"]
        if item.group is not None and not in_repeat:
            return [f"{item.id} is in a repeat group but used outside it"]
        return []
    if "score" in c:
        return [] if d.score(c["score"]) else [f"unknown score {c['score']}"]
    if "option_in" in c:
        return [] if in_repeat else ["option_in used outside a repeat"]
    if any(k in c for k in ("context", "tag_any", "tag_share", "tags_none")):
        return []
    return [f"unknown condition {c!r}"]

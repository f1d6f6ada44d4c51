"""Guided writing prompts and alternative activities (texts in resources/prompts/prompts.json).

The prompt of the day rotates through the kinds the method favours — guided reflection,
positive aspects and lessons, who I am apart from us, gratitude — leaning towards the kinds
the user has written least recently, so no single theme takes over.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from goldseam import app_paths
from goldseam.domain.journal import EntryKind
from goldseam.i18n import _

ROTATION = (EntryKind.PROMPT, EntryKind.LESSONS, EntryKind.APART, EntryKind.GRATITUDE)


@dataclass(frozen=True)
class Prompt:
    id: str
    kind: EntryKind
    source_text: str

    @property
    def text(self) -> str:
        return _(self.source_text)


@dataclass(frozen=True)
class Activity:
    id: str
    source_text: str

    @property
    def text(self) -> str:
        return _(self.source_text)


@dataclass(frozen=True)
class PromptLibrary:
    prompts: tuple[Prompt, ...]
    activities: tuple[Activity, ...]
    kind_help: dict[str, str]

    def by_id(self, prompt_id: str | None) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)

    def of_kind(self, kind: EntryKind) -> list[Prompt]:
        return [p for p in self.prompts if p.kind == kind]

    def help_for(self, kind: EntryKind) -> str:
        source = self.kind_help.get(str(kind), "")
        return _(source) if source else ""

    def prompt_for_day(self, day: date, least_recent_kinds: list[EntryKind] | None = None) -> Prompt:
        """Deterministic for a given day (so Today and the editor agree)."""
        order = [k for k in (least_recent_kinds or []) if k in ROTATION] or list(ROTATION)
        kind = order[0] if least_recent_kinds else ROTATION[day.toordinal() % len(ROTATION)]
        options = self.of_kind(kind) or list(self.prompts)
        return options[day.toordinal() % len(options)]

    def next_prompt(self, kind: EntryKind, after: str | None) -> Prompt:
        """Another prompt of the same kind (for "Show me a different question")."""
        options = self.of_kind(kind) or list(self.prompts)
        ids = [p.id for p in options]
        index = (ids.index(after) + 1) % len(options) if after in ids else 0
        return options[index]


@lru_cache(maxsize=1)
def library() -> PromptLibrary:
    path = app_paths.resources_dir() / "prompts" / "prompts.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    prompts = tuple(Prompt(p["id"], EntryKind(p["kind"]), p["text"]) for p in data["prompts"])
    activities = tuple(Activity(a["id"], a["text"]) for a in data["activities"])
    kind_help = {kind: value["help"] for kind, value in data["kinds"].items()}
    return PromptLibrary(prompts, activities, kind_help)

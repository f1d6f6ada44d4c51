"""Emergency numbers and helplines shown on the "Get help now" page.

The list lives in ``resources/help/helplines.json`` so it can be checked and updated without
touching code. It is deliberately short: well-known national services for the countries of
Goldseam's languages, plus a directory for everywhere else. The page always says to check
local services.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from goldseam import app_paths

KINDS = ("crisis", "abuse")


@dataclass(frozen=True)
class Helpline:
    kind: str
    name: str
    phone: str
    text: str
    hours: str


@dataclass(frozen=True)
class CountryHelp:
    code: str
    emergency: tuple[str, ...]
    lines: tuple[Helpline, ...]

    def lines_of_kind(self, kind: str) -> list[Helpline]:
        return [line for line in self.lines if line.kind == kind]


@dataclass(frozen=True)
class HelpDirectory:
    checked: str
    directory_name: str
    directory_url: str
    countries: tuple[CountryHelp, ...]

    def country(self, code: str) -> CountryHelp | None:
        code = code.upper()
        return next((c for c in self.countries if c.code == code), None)


@lru_cache(maxsize=1)
def load_help_directory() -> HelpDirectory:
    path = app_paths.resources_dir() / "help" / "helplines.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    countries = []
    for entry in data["countries"]:
        lines = tuple(
            Helpline(
                kind=str(line["kind"]),
                name=str(line["name"]),
                phone=str(line.get("phone", "")),
                text=str(line.get("text", "")),
                hours=str(line.get("hours", "")),
            )
            for line in entry["lines"]
        )
        countries.append(CountryHelp(str(entry["code"]), tuple(str(n) for n in entry["emergency"]), lines))
    return HelpDirectory(
        checked=str(data["checked"]),
        directory_name=str(data["directory"]["name"]),
        directory_url=str(data["directory"]["url"]),
        countries=tuple(countries),
    )

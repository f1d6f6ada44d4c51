"""jrnl's JSON export (``jrnl --format json``), which is also Goldseam's own JSON export.

Goldseam adds a "goldseam" object to each entry (kind, mood, exact time and urge details);
jrnl ignores it, and reading it back restores everything the journal holds.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from goldseam.domain.journal import Entry, EntryKind, normalise_tag
from goldseam.domain.space import Alternative, Urge, UrgeKind
from goldseam.i18n import _
from goldseam.transfer.source_files import (
    DateImpossible,
    DateUnreadable,
    ParsedFile,
    UnusableFile,
    date_error,
    load_json_file,
    missing_date_error,
    mood_value,
    no_entries_warning,
    not_an_entry,
    parse_date,
    parse_time,
    skipped_empty_warning,
    tag_list,
    text_field,
    time_error,
    wall_time,
)

FORMAT = "jrnl"
# jrnl's tag pattern with its default tag symbols "#@" (jrnl/journals/Entry.py).
_TAG_IN_TEXT = re.compile(r"(?<!\S)([#@][-+*#/\w]+)")
_WRITTEN_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
_KINDS = {str(k): k for k in EntryKind}
_URGE_KINDS = {str(k): k for k in UrgeKind}
_ALTERNATIVES = {str(a): a for a in Alternative}


def parse(path: Path) -> ParsedFile:
    return parse_document(load_json_file(path))


def parse_document(document: Any) -> ParsedFile:
    if not isinstance(document, dict):
        raise UnusableFile(
            _(
                "This file is JSON, but not a jrnl export: a jrnl export is an object with a list called “entries”. "
                "Check that you chose the right file."
            )
        )
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise UnusableFile(
            _("This file is JSON, but it has no list of “entries”, so it isn't a jrnl export. Check the file.")
        )
    listed = document.get("tags")
    # Older jrnl files have no per-entry tags; jrnl found them in the text, so do the same for known tags.
    known_tags = {str(name).casefold() for name in listed} if isinstance(listed, dict) and listed else None
    parsed = ParsedFile()
    skipped = 0
    for number, raw in enumerate(entries, 1):
        entry, urge = _entry(raw, number, known_tags)
        if entry.is_blank() and urge is None:
            skipped += 1
            continue
        parsed.add(entry, urge)
    if not entries:
        parsed.warnings.append(no_entries_warning())
    if skipped:
        parsed.warnings.append(skipped_empty_warning(skipped))
    return parsed


def _entry(raw: object, number: int, known_tags: set[str] | None) -> tuple[Entry, Urge | None]:
    if not isinstance(raw, dict):
        raise not_an_entry(number)
    title = text_field(raw, "title", number)
    body = text_field(raw, "body", number)
    written_at = _date_and_time(raw, number)
    if "tags" in raw:
        tags = tag_list(raw, "tags", number)
    elif known_tags:
        found = _TAG_IN_TEXT.findall(title + "\n" + body)
        tags = [t for t in found if t.casefold() in known_tags]
    else:
        tags = []
    entry = Entry(
        written_at=written_at,
        kind=EntryKind.FREE,
        title=title,
        body=body,
        tags=[name for name in (normalise_tag(t) for t in tags) if name],
        source=FORMAT,
    )
    details = raw.get("goldseam")
    if details is None:
        return entry, None
    return _restore_goldseam_details(entry, details, number)


def _date_and_time(raw: dict[str, Any], number: int) -> str:
    if "date" not in raw or raw["date"] in (None, ""):
        raise missing_date_error(number)
    value = raw["date"]
    if not isinstance(value, str):
        raise date_error(number, value)
    try:
        day = parse_date(value)
    except (DateUnreadable, DateImpossible) as error:
        raise date_error(number, value, error) from None
    at = raw.get("time") or "00:00"
    if not isinstance(at, str):
        raise time_error(number, at)
    try:
        return wall_time(day, parse_time(at))
    except (DateUnreadable, DateImpossible):
        raise time_error(number, at) from None


def _details_error(number: int, what: str) -> UnusableFile:
    return UnusableFile(
        _(
            "Entry {number} has Goldseam details that can't be read (“{field}”). "
            "The file may have been changed after it was exported; export it again from Goldseam."
        ).format(number=number, field=what)
    )


def _restore_goldseam_details(entry: Entry, details: object, number: int) -> tuple[Entry, Urge | None]:
    if not isinstance(details, dict):
        raise _details_error(number, "goldseam")
    kind = details.get("kind", str(EntryKind.FREE))
    # An unknown kind (from a newer Goldseam) reads as free writing, as the journal itself does.
    entry.kind = _KINDS.get(kind, EntryKind.FREE) if isinstance(kind, str) else EntryKind.FREE
    entry.mood = mood_value(details.get("mood"), number)
    written_at = details.get("written_at")
    if written_at is not None:
        if not isinstance(written_at, str) or not _WRITTEN_AT.fullmatch(written_at):
            raise date_error(number, written_at)
        try:
            wall_time(parse_date(written_at[:10]), parse_time(written_at[11:]))
        except (DateUnreadable, DateImpossible) as error:
            raise date_error(number, written_at, error) from None
        entry.written_at = written_at
    entry.prompt_id = text_field(details, "prompt_id", number) or None
    urge = details.get("urge")
    if urge is None:
        return entry, None
    return entry, _urge(entry, urge, number)


def _urge(entry: Entry, raw: object, number: int) -> Urge:
    if not isinstance(raw, dict):
        raise _details_error(number, "urge")
    urge_kind = raw.get("urge_kind")
    intensity = raw.get("intensity")
    if not isinstance(intensity, int) or isinstance(intensity, bool) or not 1 <= intensity <= 5:
        raise _details_error(number, "intensity")
    instead = raw.get("instead") or []
    if not isinstance(instead, list):
        raise _details_error(number, "instead")
    acted = raw.get("acted", False)
    if not isinstance(acted, bool):
        raise _details_error(number, "acted")
    return Urge(
        written_at=entry.written_at,
        # Unknown values (from a newer Goldseam) fall back as the urge log itself does.
        urge_kind=_URGE_KINDS.get(urge_kind, UrgeKind.OTHER) if isinstance(urge_kind, str) else UrgeKind.OTHER,
        intensity=intensity,
        instead=tuple(_ALTERNATIVES[a] for a in instead if isinstance(a, str) and a in _ALTERNATIVES),
        acted=acted,
        note=entry.body,
    )

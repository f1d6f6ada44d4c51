"""Markdown or plain-text files, one entry per file.

Optional front matter between ``---`` lines holds simple ``key: value`` lines: title, date,
time, tags ("[a, b]" or "a, b"), mood (1–5) and kind. Without a title, a leading "# Heading"
is the title. Without a date, a YYYY-MM-DD in the file name is used, and failing that the
time the file was last changed (with a note, since that may not be when it was written).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

from goldseam.domain.journal import Entry, EntryKind, normalise_tag
from goldseam.i18n import _, format_datetime
from goldseam.transfer.source_files import (
    DateImpossible,
    DateUnreadable,
    ParsedFile,
    UnusableFile,
    decode_text,
    parse_date,
    parse_time,
    read_bytes,
    read_error,
    shown,
    wall_time,
)

FORMAT = "markdown"
SUFFIXES = (".md", ".markdown", ".txt")
_FENCE = re.compile(r"---[ \t]*")
_FENCE_END = re.compile(r"(?:---|\.\.\.)[ \t]*")
_KEY_VALUE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")
_LIST_ITEM = re.compile(r"[ \t]*-[ \t]+(.*)")
_H1 = re.compile(r"#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_DATE_TIME = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})(?:[T ](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_KINDS = {str(k): k for k in EntryKind}


def parse(path: Path) -> ParsedFile:
    text = decode_text(read_bytes(path)).replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _split_front_matter(text)
    parsed = ParsedFile()
    title = _clean(meta.get("title", ""))
    if not title:
        title, body = _leading_heading(body)
    body = body.strip("\n").rstrip()
    entry = Entry(
        written_at=_written_at(path, meta, parsed),
        kind=_kind(meta.get("kind", ""), parsed),
        title=title,
        body=body,
        mood=_mood(meta.get("mood", "")),
        tags=_tags(meta.get("tags", "")),
        source=FORMAT,
    )
    if not (entry.title.strip() or entry.body.strip()):
        raise UnusableFile(_("This file has no text to import — only its front matter."))
    parsed.add(entry)
    return parsed


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    lines = text.split("\n")
    if not lines or not _FENCE.fullmatch(lines[0]):
        return {}, text
    for end in range(1, len(lines)):
        if _FENCE_END.fullmatch(lines[end]):
            break
    else:
        raise UnusableFile(
            _(
                "The front matter at the top of this file starts with a --- line but never ends. "
                "Add a line with just --- after it and try again."
            )
        )
    meta: dict[str, str] = {}
    key = None
    for line in lines[1:end]:
        pair = _KEY_VALUE.fullmatch(line)
        item = _LIST_ITEM.fullmatch(line)
        if pair is not None:
            key = pair[1].lower()
            meta[key] = pair[2].strip()
        elif item is not None and key is not None:
            # A YAML list under a key ("tags:" then "- a" lines) reads like "a, b".
            meta[key] = ", ".join(v for v in (meta[key], item[1].strip()) if v)
    return meta, "\n".join(lines[end + 1 :])


def _clean(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value.strip()


def _leading_heading(body: str) -> tuple[str, str]:
    stripped = body.lstrip("\n")
    first, _newline, rest = stripped.partition("\n")
    heading = _H1.fullmatch(first)
    if heading is None:
        return "", body
    return heading[1].strip(), rest


def _date_problem(value: str, error: ValueError) -> UnusableFile:
    if isinstance(error, DateImpossible):
        return UnusableFile(
            _("The date “{value}” in this file doesn't exist on the calendar. Correct it and try again.").format(
                value=shown(value)
            )
        )
    return UnusableFile(
        _("Goldseam can't read the date “{value}” in this file. Dates should look like 2024-03-01.").format(
            value=shown(value)
        )
    )


def _written_at(path: Path, meta: dict[str, str], parsed: ParsedFile) -> str:
    raw_date = _clean(meta.get("date", ""))
    raw_time = _clean(meta.get("time", ""))
    day: date | None = None
    at = time(0, 0)
    if raw_date:
        match = _DATE_TIME.fullmatch(raw_date)
        if match is None:
            raise _date_problem(raw_date, DateUnreadable(raw_date))
        try:
            day = parse_date(match[1])
            if match[2]:
                at = parse_time(match[2])
        except (DateUnreadable, DateImpossible) as error:
            raise _date_problem(raw_date, error) from None
    else:
        named = _DATE_IN_NAME.search(path.stem)
        if named is not None:
            try:
                day = parse_date(named[1])
            except DateImpossible as error:
                raise _date_problem(named[1], error) from None
    if raw_time:
        try:
            at = parse_time(raw_time)
        except (DateUnreadable, DateImpossible):
            raise UnusableFile(
                _("Goldseam can't read the time “{value}” in this file. Times should look like 18:30.").format(
                    value=shown(raw_time)
                )
            ) from None
    if day is not None:
        return wall_time(day, at)
    try:
        changed = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except OSError as error:
        raise read_error(error) from None
    parsed.warnings.append(
        _("This file has no date, so Goldseam used the time it was last changed: {when}.").format(
            when=format_datetime(changed)
        )
    )
    return changed.isoformat(timespec="seconds")


def _kind(value: str, parsed: ParsedFile) -> EntryKind:
    value = _clean(value)
    if not value:
        return EntryKind.FREE
    kind = _KINDS.get(value.lower())
    if kind is None:
        parsed.warnings.append(
            _("The kind “{value}” isn't one Goldseam knows, so this entry was imported as free writing.").format(
                value=shown(value)
            )
        )
        return EntryKind.FREE
    return kind


def _mood(value: str) -> int | None:
    value = _clean(value)
    if not value:
        return None
    if value.isdigit() and 1 <= int(value) <= 5:
        return int(value)
    raise UnusableFile(
        _("The mood “{value}” in this file isn't one Goldseam uses; moods go from 1 to 5.").format(value=shown(value))
    )


def _tags(value: str) -> list[str]:
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    names = (normalise_tag(_clean(part)) for part in value.split(","))
    return [name for name in names if name]

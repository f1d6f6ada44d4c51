"""Day One's JSON export: a .zip with one <Journal>.json per journal at its root, or a bare .json.

Times are stored in UTC ("creationDate") with the entry's IANA "timeZone"; Goldseam keeps local
wall-clock time, so each entry is converted to the time it was where it was written. Text is Day
One Markdown: punctuation is backslash-escaped and media are ``![](dayone-moment://…)`` links.
Goldseam stores text only, so media are left out and counted in a note.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from goldseam.domain.journal import Entry, EntryKind, normalise_tag
from goldseam.i18n import _, ngettext
from goldseam.transfer.source_files import (
    DateImpossible,
    DateUnreadable,
    ParsedFile,
    UnusableFile,
    date_error,
    decode_text,
    load_json_file,
    missing_date_error,
    no_entries_warning,
    not_an_entry,
    parse_json,
    parse_timestamp,
    read_error,
    read_head,
    skipped_empty_warning,
    tag_list,
    text_field,
)

FORMAT = "dayone"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
TITLE_MAX_CHARS = 80
_MEDIA = re.compile(r"!\[[^\]\n]*\]\((dayone-moment:[^)\s]*)\)")
_HEADING = re.compile(r"#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
# CommonMark lets any ASCII punctuation be backslash-escaped; Day One escapes liberally.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_MEDIA_LISTS = ("photos", "audios", "videos", "pdfAttachments")


@dataclass
class _Counts:
    photos: int = 0
    other_media: int = 0
    unknown_zones: int = 0
    empty: int = 0
    listed: int = 0


def looks_like_zip(path: Path) -> bool:
    return read_head(path, 4).startswith(ZIP_MAGIC)


def parse(path: Path) -> ParsedFile:
    counts = _Counts()
    if path.suffix.lower() == ".zip" or looks_like_zip(path):
        parsed = _parse_zip(path, counts)
    else:
        parsed = ParsedFile()
        parse_document(load_json_file(path), parsed, counts)
    parsed.warnings.extend(_notes(counts))
    return parsed


def _damaged_zip() -> UnusableFile:
    return UnusableFile(
        _(
            "This zip file is damaged or incomplete — it may have been cut off while downloading or copying. "
            "Export it again from Day One."
        )
    )


def _journal_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    members = []
    for info in archive.infolist():
        name = PurePosixPath(info.filename)
        if info.is_dir() or len(name.parts) != 1 or name.name.startswith("."):
            continue
        if name.suffix.lower() == ".json":
            members.append(info)
    return sorted(members, key=lambda i: i.filename)


def _parse_zip(path: Path, counts: _Counts) -> ParsedFile:
    parsed = ParsedFile()
    try:
        with zipfile.ZipFile(path) as archive:
            members = _journal_members(archive)
            if not members:
                raise UnusableFile(
                    _(
                        "This zip file has no Day One journal in it (Goldseam looks for a .json file at the top of "
                        "the zip). In Day One, choose Export › JSON, then import the zip it makes."
                    )
                )
            for info in members:
                if info.flag_bits & 0x1:
                    raise UnusableFile(
                        _("This zip file is protected with a password. Export it again from Day One without one.")
                    )
                try:
                    parse_document(parse_json(decode_text(archive.read(info))), parsed, counts)
                except UnusableFile as problem:
                    if len(members) == 1:
                        raise
                    # Translators: {problem} is one of the other import messages, a full sentence.
                    message = _("In the journal “{journal}” inside this zip: {problem}")
                    raise UnusableFile(
                        message.format(journal=PurePosixPath(info.filename).stem, problem=problem.message)
                    ) from None
    except (FileNotFoundError, PermissionError, IsADirectoryError) as error:
        raise read_error(error) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise _damaged_zip() from None
    except NotImplementedError:
        raise UnusableFile(
            _("This zip file was packed in a way Goldseam can't unpack. Export it again from Day One.")
        ) from None
    return parsed


def parse_document(document: Any, parsed: ParsedFile, counts: _Counts) -> None:
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise UnusableFile(
            _(
                "This file is JSON, but not a Day One export: a Day One export has “metadata” and a list of "
                "“entries”. Check that you chose the right file."
            )
        )
    entries = document["entries"]
    counts.listed += len(entries)
    for number, raw in enumerate(entries, 1):
        entry = _entry(raw, number, counts)
        if entry.is_blank():
            counts.empty += 1
        else:
            parsed.add(entry)


def _zone(name: object) -> tzinfo | None:
    if not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _entry(raw: object, number: int, counts: _Counts) -> Entry:
    if not isinstance(raw, dict):
        raise not_an_entry(number)
    created = raw.get("creationDate")
    if created in (None, ""):
        raise missing_date_error(number)
    if not isinstance(created, str):
        raise date_error(number, created)
    try:
        moment = parse_timestamp(created)
    except (DateUnreadable, DateImpossible) as error:
        raise date_error(number, created, error) from None
    zone = _zone(raw.get("timeZone"))
    if zone is None:
        counts.unknown_zones += 1
        zone = UTC
    try:
        local = moment.astimezone(zone).replace(tzinfo=None)
    except (OverflowError, ValueError):
        raise date_error(number, created) from None
    text = text_field(raw, "text", number)
    title, body = split_text(_drop_media(text, raw, counts))
    return Entry(
        written_at=local.isoformat(timespec="seconds"),
        kind=EntryKind.FREE,
        title=title,
        body=body,
        tags=[name for name in (normalise_tag(t) for t in tag_list(raw, "tags", number)) if name],
        source=FORMAT,
    )


def _drop_media(text: str, raw: dict[str, Any], counts: _Counts) -> str:
    links = [m[1] for m in _MEDIA.finditer(text)]
    linked_photos = sum(1 for link in links if link.startswith("dayone-moment://"))
    listed = {key: len(raw[key]) if isinstance(raw.get(key), list) else 0 for key in _MEDIA_LISTS}
    counts.photos += max(linked_photos, listed["photos"])
    others = sum(n for key, n in listed.items() if key != "photos")
    counts.other_media += max(len(links) - linked_photos, others)
    if not links:
        return text
    return _BLANK_RUN.sub("\n\n", _MEDIA.sub("", text))


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def split_text(text: str) -> tuple[str, str]:
    """Title and body: the first line is the title if it is a "# heading", or short with text after it."""
    text = text.strip()
    first, _newline, rest = text.partition("\n")
    heading = _HEADING.fullmatch(first)
    if heading is not None:
        return unescape(heading[1]).strip(), unescape(rest.strip())
    if rest.strip() and len(first.strip()) <= TITLE_MAX_CHARS:
        return unescape(first.strip()), unescape(rest.strip())
    return "", unescape(text)


def _notes(counts: _Counts) -> list[str]:
    notes = []
    if counts.listed == 0:
        notes.append(no_entries_warning())
    if counts.photos:
        notes.append(
            ngettext(
                "{count} photo was left out: Goldseam stores text only.",
                "{count} photos were left out: Goldseam stores text only.",
                counts.photos,
            ).format(count=counts.photos)
        )
    if counts.other_media:
        notes.append(
            ngettext(
                "{count} audio, video or PDF attachment was left out: Goldseam stores text only.",
                "{count} audio, video or PDF attachments were left out: Goldseam stores text only.",
                counts.other_media,
            ).format(count=counts.other_media)
        )
    if counts.unknown_zones:
        notes.append(
            ngettext(
                "{count} entry had no time zone Goldseam knows, so its time is shown in UTC.",
                "{count} entries had no time zone Goldseam knows, so their times are shown in UTC.",
                counts.unknown_zones,
            ).format(count=counts.unknown_zones)
        )
    if counts.empty:
        notes.append(skipped_empty_warning(counts.empty))
    return notes

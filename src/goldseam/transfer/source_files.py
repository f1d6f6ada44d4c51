"""Reading one file to import: bytes, text, JSON, dates and entry fields.

Every way a file can fail becomes an ``UnusableFile`` carrying a translated, specific and calm
message that says what is wrong and what to do. Nothing here prints or logs the file's text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from goldseam.domain.journal import Entry
from goldseam.domain.space import Urge
from goldseam.i18n import _, ngettext

SNIFF_BYTES = 64 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_TIMESTAMP_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHOWN_VALUE_CHARS = 40


class UnusableFile(Exception):
    """The whole file cannot be imported; ``message`` is translated and ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DateUnreadable(ValueError):
    """Not laid out as a date Goldseam reads."""


class DateImpossible(ValueError):
    """Laid out as a date, but not one on the calendar (for example 2023-02-30)."""


@dataclass
class ParsedFile:
    """What one file holds: entries, urge details by index into ``entries``, and notes."""

    entries: list[Entry] = field(default_factory=list)
    urges: dict[int, Urge] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, entry: Entry, urge: Urge | None = None) -> None:
        if urge is not None:
            self.urges[len(self.entries)] = urge
        self.entries.append(entry)


# -- reading -----------------------------------------------------------------------------------


def read_error(error: OSError) -> UnusableFile:
    if isinstance(error, FileNotFoundError):
        return UnusableFile(_("This file can't be found any more. It may have been moved or renamed; choose it again."))
    if isinstance(error, PermissionError):
        return UnusableFile(
            _("Goldseam isn't allowed to read this file. Check its permissions, or copy it somewhere you can open it.")
        )
    if isinstance(error, IsADirectoryError):
        return UnusableFile(_("This is a folder, not a file."))
    return UnusableFile(
        _(
            "Goldseam couldn't read this file ({reason}). If it is on a removable or network drive, copy it here first."
        ).format(reason=error.strerror or type(error).__name__)
    )


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise read_error(error) from None


def read_head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first ``size`` bytes, or b"" when the file cannot be read (for sniffing only)."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def decode_text(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed); empty and binary files are refused."""
    if not data.strip():
        raise UnusableFile(_("This file is empty. Check that you chose the right file, or export it again."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusableFile(
            _(
                "This file is saved as UTF-16 text, and Goldseam reads UTF-8. "
                "Open it in a text editor, save it with UTF-8 encoding and try again."
            )
        )
    if b"\x00" in data[:SNIFF_BYTES]:
        raise UnusableFile(
            _("This isn't a text file (it looks like a picture, a program or another binary file). Choose the export.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnusableFile(
            _(
                "This file isn't UTF-8 text (the first problem is at byte {offset}). "
                "Open it in a text editor, save it with UTF-8 encoding and try again."
            ).format(offset=error.start)
        ) from None


def parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        end = len(text.rstrip())
        if error.pos >= end or error.msg.startswith("Unterminated string"):
            raise UnusableFile(
                _("This file ends too early — it may have been cut off while copying or downloading. Export it again.")
            ) from None
        raise UnusableFile(
            _(
                "This file isn't valid JSON: there is a mistake on line {line}, column {column}. "
                "It may have been changed after it was exported; export it again."
            ).format(line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise UnusableFile(_("This JSON file is nested far too deeply to be a journal export.")) from None


def load_json_file(path: Path) -> Any:
    return parse_json(decode_text(read_bytes(path)))


# -- dates -----------------------------------------------------------------------------------------


def parse_date(text: str) -> date:
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise DateUnreadable(text)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise DateImpossible(text) from None


def parse_time(text: str) -> time:
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise DateUnreadable(text)
    try:
        return time(int(match[1]), int(match[2]), int(match[3] or 0))
    except ValueError:
        raise DateImpossible(text) from None


def parse_timestamp(text: str) -> datetime:
    """An ISO-8601 timestamp; without an offset it is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        head = text.strip()[:10]
        if _TIMESTAMP_DATE.fullmatch(head):
            try:
                parse_date(head)
            except DateImpossible:
                raise DateImpossible(text) from None
        raise DateUnreadable(text) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def wall_time(day: date, at: time) -> str:
    """The stored form of a local wall-clock time: 'YYYY-MM-DDTHH:MM:SS'."""
    return datetime.combine(day, at).isoformat(timespec="seconds")


def shown(value: object) -> str:
    """A short, safe rendering of a field value for an error message."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN_VALUE_CHARS else text[: _SHOWN_VALUE_CHARS - 1] + "…"


def date_error(number: int, value: object, error: ValueError | None = None) -> UnusableFile:
    if isinstance(error, DateImpossible):
        return UnusableFile(
            _(
                "Entry {number} has a date that doesn't exist on the calendar (“{value}”). Correct it and try again."
            ).format(number=number, value=shown(value))
        )
    return UnusableFile(
        _("Entry {number} has a date Goldseam can't read (“{value}”). Dates should look like 2024-03-01.").format(
            number=number, value=shown(value)
        )
    )


def time_error(number: int, value: object) -> UnusableFile:
    return UnusableFile(
        _("Entry {number} has a time Goldseam can't read (“{value}”). Times should look like 18:30.").format(
            number=number, value=shown(value)
        )
    )


def missing_date_error(number: int) -> UnusableFile:
    return UnusableFile(
        _("Entry {number} has no date, so nothing from this file was imported. Export it again.").format(number=number)
    )


# -- entry fields -------------------------------------------------------------------------------------


def not_an_entry(number: int) -> UnusableFile:
    return UnusableFile(
        _(
            "Entry {number} isn't laid out as a journal entry. "
            "The file may have been changed after it was exported; export it again."
        ).format(number=number)
    )


def text_field(raw: dict[str, Any], key: str, number: int) -> str:
    """An optional text field ("" when absent); refuses numbers, lists and damaged characters."""
    value = raw.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise UnusableFile(
            _(
                "Entry {number} has a “{field}” that isn't text. The file may have been changed after it was exported."
            ).format(number=number, field=key)
        )
    if _SURROGATE.search(value):
        raise UnusableFile(
            _("Entry {number} contains damaged characters that can't be stored. Export the file again.").format(
                number=number
            )
        )
    return value


def tag_list(raw: dict[str, Any], key: str, number: int) -> list[str]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise UnusableFile(
            _(
                "Entry {number} has tags that aren't a list of words. "
                "The file may have been changed after it was exported."
            ).format(number=number)
        )
    if any(_SURROGATE.search(t) for t in value):
        raise UnusableFile(
            _("Entry {number} contains damaged characters that can't be stored. Export the file again.").format(
                number=number
            )
        )
    return list(value)


def mood_value(value: object, number: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    raise UnusableFile(
        _("Entry {number} has a mood of “{value}”; moods go from 1 to 5.").format(number=number, value=shown(value))
    )


def skipped_empty_warning(count: int) -> str:
    return ngettext(
        "{count} empty entry was left out.",
        "{count} empty entries were left out.",
        count,
    ).format(count=count)


def no_entries_warning() -> str:
    return _("This export has no entries in it.")

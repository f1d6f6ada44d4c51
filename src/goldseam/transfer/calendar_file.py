"""A meetup as an iCalendar (RFC 5545) file, with a neutral title and nothing private.

Calendars sync to phones, laptops and shared family accounts, so the event says only what the
user chose: a neutral title such as "Coffee", the time, optionally the place, and an optional
reminder. No names, no notes, no agenda, and nothing that says "Goldseam".
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from goldseam.domain.meetup import Meetup
from goldseam.i18n import N_, _
from goldseam.vault.atomic_files import atomic_writer

NEUTRAL_TITLES = (N_("Coffee"), N_("Walk"), N_("Lunch"), N_("Appointment"), N_("Busy"))
REMINDER_CHOICES = (0, 15, 30, 60, 120, 24 * 60)  # minutes before; 0 = no reminder


@dataclass(frozen=True)
class CalendarOptions:
    title: str = NEUTRAL_TITLES[0]  # English source; written translated
    include_place: bool = False
    reminder_minutes: int = 0


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 sequence."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(value: datetime) -> str:
    aware = value if value.tzinfo else value.astimezone()  # wall-clock time in this computer's zone
    return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meetup_calendar(
    meetup: Meetup, options: CalendarOptions, now: datetime | None = None, uid: str | None = None
) -> str:
    stamp = now or datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Private//Calendar//EN",  # says nothing about which app made it
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid or uuid.uuid4()}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(meetup.starts_local)}",
        f"DTEND:{_utc(meetup.ends_local)}",
        f"SUMMARY:{_escape(_(options.title))}",
    ]
    if options.include_place and meetup.place.strip():
        lines.append(f"LOCATION:{_escape(' '.join(meetup.place.split()))}")
    lines += ["CLASS:PRIVATE", "TRANSP:OPAQUE"]
    if options.reminder_minutes > 0:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(_(options.title))}",
            f"TRIGGER:-PT{options.reminder_minutes}M",
            "END:VALARM",
        ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def export_calendar(meetup: Meetup, target: Path, options: CalendarOptions) -> None:
    """Write the event atomically to the path the user chose."""
    with atomic_writer(target) as handle:
        handle.write(meetup_calendar(meetup, options).encode("utf-8"))

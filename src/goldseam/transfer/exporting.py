"""Plaintext exports: jrnl-compatible JSON and one Markdown document.

Exports are written straight to the path the user chose through an atomic write in that same
folder (never a temporary folder), read from the vault a page at a time and streamed out, and
never logged. Vent entries are private by design and left out unless asked for.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from goldseam.domain.journal import KIND_LABELS, MOOD_LABELS, Entry, EntryFilter, EntryKind
from goldseam.domain.space import ALTERNATIVE_LABELS, URGE_LABELS, Alternative, Urge, UrgeKind
from goldseam.i18n import _, format_datetime
from goldseam.transfer.checkin_export import checkin_record, checkins_markdown, exported_runs
from goldseam.vault.atomic_files import atomic_writer

Connection = Any
EXPORT_PAGE = 500
_ALTERNATIVES = {str(a): a for a in Alternative}
_URGE_KINDS = {str(k): k for k in UrgeKind}
_HEADING = re.compile(r"(#{1,6})(?=[ \t]|$)")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")


@dataclass(frozen=True)
class ExportOptions:
    include_vent: bool = False  # vent entries are private by design: excluded unless asked
    include_checkins: bool = True  # completed, not hidden check-in results


DEFAULT_OPTIONS = ExportOptions()


@dataclass
class _Count:
    entries: int = 0


# -- reading the vault a page at a time -------------------------------------------------------------


def _filter(options: ExportOptions) -> EntryFilter:
    return EntryFilter(exclude_kinds=() if options.include_vent else (EntryKind.VENT,))


@contextlib.contextmanager
def _snapshot(conn: Connection) -> Iterator[None]:
    """One read transaction, so every page and the tag counts see the same vault."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def _kind(value: str) -> EntryKind:
    try:
        return EntryKind(value)
    except ValueError:
        return EntryKind.FREE


def iter_entries(conn: Connection, options: ExportOptions = DEFAULT_OPTIONS) -> Iterator[tuple[Entry, Urge | None]]:
    """Entries oldest first with their tags and urge details, fetched ``EXPORT_PAGE`` at a time (keyset)."""
    base, base_params = _filter(options).where()
    after: tuple[str, int] | None = None
    while True:
        clauses, params = list(base), list(base_params)
        if after is not None:
            clauses.append("(e.written_at, e.id) > (?, ?)")
            params.extend(after)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = conn.execute(
            "SELECT e.id, e.written_at, e.kind, e.title, e.body, e.mood, e.prompt_id, e.source FROM entry e "
            f"{where} ORDER BY e.written_at, e.id LIMIT {EXPORT_PAGE}",
            params,
        ).fetchall()
        if not rows:
            return
        ids = [row[0] for row in rows]
        marks = ",".join("?" * len(ids))
        tags: dict[int, list[str]] = defaultdict(list)
        for entry_id, name in conn.execute(
            "SELECT et.entry_id, t.name FROM entry_tag et JOIN tag t ON t.id = et.tag_id "
            f"WHERE et.entry_id IN ({marks}) ORDER BY t.name",
            ids,
        ):
            tags[entry_id].append(name)
        urges = {
            row[0]: row[1:]
            for row in conn.execute(
                f"SELECT entry_id, urge_kind, intensity, instead, acted FROM urge WHERE entry_id IN ({marks})", ids
            )
        }
        for row in rows:
            entry = Entry(
                id=row[0],
                written_at=row[1],
                kind=_kind(row[2]),
                title=row[3],
                body=row[4],
                mood=row[5],
                prompt_id=row[6],
                source=row[7],
                tags=tags.get(row[0], []),
            )
            urge = None
            if row[0] in urges:
                urge_kind, intensity, instead, acted = urges[row[0]]
                urge = Urge(
                    written_at=entry.written_at,
                    urge_kind=_URGE_KINDS.get(urge_kind, UrgeKind.OTHER),
                    intensity=intensity,
                    instead=tuple(_ALTERNATIVES[a] for a in instead.split(",") if a in _ALTERNATIVES),
                    acted=bool(acted),
                    note=entry.body,
                    entry_id=entry.id,
                )
            yield entry, urge
        after = (rows[-1][1], rows[-1][0])


def tag_counts(conn: Connection, options: ExportOptions = DEFAULT_OPTIONS) -> dict[str, int]:
    clauses, params = _filter(options).where()
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(
        "SELECT t.name, count(*) FROM entry_tag et JOIN tag t ON t.id = et.tag_id JOIN entry e ON e.id = et.entry_id "
        f"{where} GROUP BY t.id ORDER BY t.name",
        params,
    ).fetchall()
    return {"@" + name: count for name, count in rows}


# -- JSON (jrnl-compatible) ------------------------------------------------------------------------------


def jrnl_entry(entry: Entry, urge: Urge | None) -> dict[str, Any]:
    """One entry as jrnl writes it, plus a "goldseam" object that restores what jrnl has no field for."""
    details: dict[str, Any] = {"kind": str(entry.kind), "mood": entry.mood, "written_at": entry.written_at}
    if entry.prompt_id is not None:
        details["prompt_id"] = entry.prompt_id
    if urge is not None:
        details["urge"] = {
            "urge_kind": str(urge.urge_kind),
            "intensity": urge.intensity,
            "instead": [str(a) for a in urge.instead],
            "acted": urge.acted,
        }
    return {
        "title": entry.title,
        "body": entry.body,
        "date": entry.written_at[:10],
        "time": entry.written_at[11:16],
        "tags": ["@" + name for name in entry.tags],
        "starred": False,
        "goldseam": details,
    }


def _json_chunks(conn: Connection, options: ExportOptions, count: _Count) -> Iterator[str]:
    """The same text as json.dumps(document, indent=2, ensure_ascii=False), an entry at a time."""
    head = json.dumps({"tags": tag_counts(conn, options)}, indent=2, ensure_ascii=False)
    yield head[: -len("\n}")] + ',\n  "entries": ['
    for entry, urge in iter_entries(conn, options):
        text = json.dumps(jrnl_entry(entry, urge), indent=2, ensure_ascii=False)
        yield ("\n" if count.entries == 0 else ",\n") + "\n".join("    " + line for line in text.split("\n"))
        count.entries += 1
    yield "\n  ]" if count.entries else "]"
    records = [checkin_record(run) for run in exported_runs(conn)] if options.include_checkins else []
    if records:
        text = json.dumps(records, indent=2, ensure_ascii=False)
        yield ',\n  "goldseam_checkins": ' + "\n".join(
            ("  " if i else "") + line for i, line in enumerate(text.split("\n"))
        )
    yield "\n}\n"


def export_json(conn: Connection, target: Path, options: ExportOptions = DEFAULT_OPTIONS) -> int:
    """Write a jrnl-compatible JSON export to ``target`` (atomically); returns the number of entries."""
    count = _Count()
    with _snapshot(conn), atomic_writer(target) as handle:
        for chunk in _json_chunks(conn, options, count):
            handle.write(chunk.encode("utf-8"))
    return count.entries


# -- Markdown ---------------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _when(written_at: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(written_at))
    except ValueError:
        return written_at


def demote_headings(body: str, levels: int = 2) -> str:
    """Push the body's own "#" headings below the entry heading (outside fenced code)."""
    out = []
    fence: str | None = None
    for line in body.split("\n"):
        marker = _FENCE.match(line)
        if marker is not None:
            fence = None if fence == marker[1] else (fence or marker[1])
        elif fence is None:
            heading = _HEADING.match(line)
            if heading is not None:
                line = "#" * min(6, len(heading[1]) + levels) + line[heading.end() :]
        out.append(line)
    return "\n".join(out)


def _details_line(entry: Entry, urge: Urge | None) -> str:
    parts = []
    if entry.title.strip():
        parts.append(_(KIND_LABELS[entry.kind]))
    if entry.mood is not None and entry.mood in MOOD_LABELS:
        parts.append(_("Mood: {mood} ({value} of 5)").format(mood=_(MOOD_LABELS[entry.mood]), value=entry.mood))
    if entry.tags:
        parts.append(_("Tags: {tags}").format(tags=", ".join(entry.tags)))
    if urge is not None:
        parts.append(
            _("Urge: {urge}, strength {intensity} of 5").format(
                urge=_(URGE_LABELS[urge.urge_kind]), intensity=urge.intensity
            )
        )
        if urge.instead:
            parts.append(
                _("Instead: {alternatives}").format(
                    alternatives=", ".join(_(ALTERNATIVE_LABELS[a]) for a in urge.instead)
                )
            )
        parts.append(_("Acted on it") if urge.acted else _("Rode it out"))
    return " · ".join(parts)


def _markdown_chunks(conn: Connection, options: ExportOptions, count: _Count) -> Iterator[str]:
    yield "# " + _("Goldseam journal") + "\n"
    for entry, urge in iter_entries(conn, options):
        count.entries += 1
        label = _one_line(entry.title) or _(KIND_LABELS[entry.kind])
        # Translators: the heading of one entry in a Markdown export, e.g. "12 Mar 2026, 08:30 — Morning walk".
        heading = _("{when} — {title}").format(when=_when(entry.written_at), title=label)
        parts = ["\n## " + heading + "\n"]
        details = _details_line(entry, urge)
        if details:
            parts.append("\n" + details + "\n")
        body = entry.body.strip("\n").rstrip()
        if body:
            parts.append("\n" + demote_headings(body) + "\n")
        yield "".join(parts)
    if options.include_checkins:
        yield checkins_markdown(conn)


def markdown_document(conn: Connection, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    """The Markdown export as one string (the GUI renders it to PDF)."""
    with _snapshot(conn):
        return "".join(_markdown_chunks(conn, options, _Count()))


def export_markdown(conn: Connection, target: Path, options: ExportOptions = DEFAULT_OPTIONS) -> int:
    """Write the Markdown export to ``target`` (atomically); returns the number of entries."""
    count = _Count()
    with _snapshot(conn), atomic_writer(target) as handle:
        for chunk in _markdown_chunks(conn, options, count):
            handle.write(chunk.encode("utf-8"))
    return count.entries

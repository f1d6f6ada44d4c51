"""Import (jrnl, Day One, Markdown) and export (jrnl-compatible JSON, Markdown): reports, safety, round trip."""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import pw
from goldseam import i18n
from goldseam.crypto.kdf import FLOOR_COST
from goldseam.domain import journal, search, space
from goldseam.domain.journal import Entry, EntryKind
from goldseam.domain.space import Alternative, Urge, UrgeKind
from goldseam.transfer import exporting, importing
from goldseam.transfer.exporting import ExportOptions, export_json, export_markdown, markdown_document
from goldseam.transfer.importing import apply_import, detect_format, plan_import
from goldseam.vault import atomic_files, opening
from goldseam.vault.opening import CreatedVault
from goldseam.vault.vault_folder import VaultFolder

DATA = Path(__file__).resolve().parent / "data" / "import"
DAMAGED = DATA / "damaged"
DAY_ONE_ZIP = DATA / "dayone" / "DayOneExport.zip"


@pytest.fixture
def conn(created: CreatedVault) -> Any:
    return created.session.conn


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[CreatedVault]:
    """A second, empty vault to import into."""
    result = opening.create_vault(VaultFolder(tmp_path / "fresh"), pw(), cost=FLOOR_COST)
    yield result
    result.session.lock()


def count(conn: Any, table: str = "entry") -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def all_entries(conn: Any) -> list[Entry]:
    ids = [r[0] for r in conn.execute("SELECT id FROM entry ORDER BY written_at, id")]
    return [e for e in (journal.load_entry(conn, i) for i in ids) if e is not None]


def add(conn: Any, entry: Entry) -> int:
    conn.execute("BEGIN IMMEDIATE")
    entry_id = journal.save_entry(conn, entry)
    conn.execute("COMMIT")
    return entry_id


def write_jrnl(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"tags": {}, "entries": entries}, indent=2), encoding="utf-8")
    return path


# -- reading good exports --------------------------------------------------------------------------


def test_jrnl_exports_are_read_with_tags_and_non_ascii_text() -> None:
    """A jrnl export gives one entry per item with title, body, wall time and @/# dropped from tags;
    an older file without per-entry tags gets the listed tags from the text, as jrnl found them."""
    plan = plan_import([DATA / "jrnl"])
    assert plan.ok
    assert [(r.path.name, r.format, r.entries, r.error, r.warnings) for r in plan.reports] == [
        ("journal.json", "jrnl", 3, None, []),
        ("older-jrnl.json", "jrnl", 3, None, []),
    ]
    first, second, third, ran, rest, club = plan.entries
    assert first.written_at == "2024-02-11T03:12:00" and first.tags == ["sleep"]
    assert "café" in first.body and first.kind is EntryKind.FREE and first.source == "jrnl"
    assert "crêpes" in second.body and second.tags == ["work"]
    assert third.body.startswith("ありがとう") and third.tags == ["family", "work"]
    assert (ran.tags, rest.tags, club.tags) == (["running"], [], ["running"])
    assert ran.title == "Ran 5k by the canal." and ran.written_at == "2019-06-02T07:30:00"


def test_day_one_zip_converts_time_zones_unescapes_and_leaves_out_photos() -> None:
    """Day One times (UTC or with an offset) become the local wall time of the entry's own time zone,
    across a date line and a DST change; escapes are undone, "# heading" or a short first line is the
    title, the photo link is removed and counted in one note."""
    plan = plan_import([DAY_ONE_ZIP])
    assert plan.ok
    (report,) = plan.reports
    assert (report.format, report.entries) == ("dayone", 3)
    assert report.warnings == ["1 photo was left out: Goldseam stores text only."]
    london, sydney, bus = plan.entries
    assert london.written_at == "2023-07-14T19:30:00"  # 18:30Z in British Summer Time
    assert sydney.written_at == "2024-01-01T00:05:00"  # 13:05Z on New Year's Eve is past midnight in Sydney
    assert bus.written_at == "2024-03-10T10:00:00"  # 09:00-08:00, after Los Angeles moved to PDT that morning
    assert london.title == "A better evening"
    assert (
        london.body == "Walked along the river. Called Sam (finally)! Didn't check her profile - not once.\n\nGood day."
    )
    assert london.tags == ["walks", "Friends"] and london.source == "dayone"
    assert sydney.title == "New Year's, at Bondi" and "1. Swim more" in sydney.body
    assert (bus.title, bus.body) == (
        "Notes from the bus",
        "The 1.5 hour ride gave me time to think. Prices up 10% + more * sigh.",
    )
    assert "dayone-moment" not in "".join(e.body for e in plan.entries)


def test_bare_day_one_json_with_unknown_zone_and_photo_only_entry(tmp_path: Path) -> None:
    """A bare Day One .json works too; an unknown time zone falls back to UTC with a note, and an entry
    that was only a photo is left out with a note rather than imported empty."""
    document = {
        "metadata": {"version": "1.0"},
        "entries": [
            {"creationDate": "2024-05-01T08:00:00Z", "timeZone": "Mars/Olympus_Mons", "text": "Odd zone\\."},
            {"creationDate": "2024-05-02T08:00:00Z", "timeZone": "Europe/Paris", "text": "![](dayone-moment://AB12)"},
        ],
    }
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert detect_format(path) == "dayone"
    plan = plan_import([path])
    assert plan.ok and [(e.written_at, e.body) for e in plan.entries] == [("2024-05-01T08:00:00", "Odd zone.")]
    assert plan.reports[0].warnings == [
        "1 photo was left out: Goldseam stores text only.",
        "1 entry had no time zone Goldseam knows, so its time is shown in UTC.",
        "1 empty entry was left out.",
    ]


def test_day_one_zip_with_several_journals(tmp_path: Path) -> None:
    """Every journal at the top of a Day One zip is read; if one is damaged the whole zip is refused and
    the message names that journal."""
    entry = {"creationDate": "2024-01-01T12:00:00Z", "timeZone": "Europe/Berlin", "text": "Hallo"}
    good = tmp_path / "two.zip"
    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr("Journal.json", json.dumps({"metadata": {"version": "1.0"}, "entries": [entry]}))
        archive.writestr("Travel.json", json.dumps({"metadata": {"version": "1.0"}, "entries": [entry, entry]}))
        archive.writestr("__MACOSX/._Journal.json", b"\x00\x05\x16\x07")
    plan = plan_import([good])
    assert plan.ok and len(plan.entries) == 3 and plan.entries[0].written_at == "2024-01-01T13:00:00"
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("Journal.json", json.dumps({"metadata": {"version": "1.0"}, "entries": [entry]}))
        archive.writestr("Travel.json", '{"metadata": {"version": "1.0"}, "entries": [')
    (report,) = plan_import([bad]).reports
    assert report.error is not None and report.error.startswith(
        "In the journal “Travel” inside this zip: This file ends"
    )
    assert report.entries == 0


def test_markdown_folder_reads_front_matter_headings_file_names_and_subfolders(tmp_path: Path) -> None:
    """Each Markdown or text file (subfolders too) is one entry: front matter sets title, date, time, tags,
    mood and kind; a leading "# Heading" is the title; a date in the file name is used; failing all that
    the file's modification time is used, with a note saying so."""
    folder = tmp_path / "notes"
    shutil.copytree(DATA / "markdown", folder)
    changed = datetime(2024, 4, 1, 9, 15, 30).timestamp()
    os.utime(folder / "heading-only.md", (changed, changed))
    (folder / ".obsidian").mkdir()
    (folder / ".obsidian" / "workspace.md").write_text("ignored", encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n")
    plan = plan_import([folder])
    assert plan.ok
    names = [r.path.relative_to(folder).as_posix() for r in plan.reports]
    assert names == ["2024-03-02-evening.md", "front-matter.md", "heading-only.md", "nested/2024-01-10.txt"]
    by_name = dict(zip(names, plan.entries, strict=True))
    letter = by_name["front-matter.md"]
    assert (letter.title, letter.written_at, letter.tags, letter.mood, letter.kind) == (
        "Letter I won't send",
        "2024-03-05T21:40:00",
        ["unsent", "anger"],
        2,
        EntryKind.VENT,
    )
    assert letter.body.startswith("I keep drafting this in my head.") and "## What I'd say" in letter.body
    listed = by_name["heading-only.md"]
    assert listed.title == "Things that helped this week" and listed.body.startswith("- The walk on Tuesday")
    assert listed.written_at == "2024-04-01T09:15:30"
    assert len(plan.reports[2].warnings) == 1 and "last changed" in plan.reports[2].warnings[0]
    assert by_name["2024-03-02-evening.md"].written_at == "2024-03-02T00:00:00"
    assert by_name["nested/2024-01-10.txt"].written_at == "2024-01-10T00:00:00"
    assert {r.format for r in plan.reports} == {"markdown"}


def test_detect_format_recognises_each_kind() -> None:
    """Formats are recognised from name and first bytes; a folder reports its files' common format."""
    assert detect_format(DATA / "jrnl" / "journal.json") == "jrnl"
    assert detect_format(DAY_ONE_ZIP) == "dayone"
    assert detect_format(DAMAGED / "corrupt.zip") == "dayone"
    assert detect_format(DATA / "markdown" / "front-matter.md") == "markdown"
    assert detect_format(DATA / "markdown") == "markdown"
    assert detect_format(DATA / "jrnl") == "jrnl"
    assert detect_format(DATA) is None, "a folder mixing formats has no single format"


# -- damaged files -------------------------------------------------------------------------------------


DAMAGED_CASES = [
    ("truncated.json", "jrnl", "ends too early — it may have been cut off while copying"),
    ("wrong-shape-list.json", "jrnl", "JSON, but not a jrnl export"),
    ("missing-date.json", "jrnl", "Entry 2 has no date"),
    ("impossible-date.json", "jrnl", "Entry 1 has a date that doesn't exist on the calendar (“2023-02-29”)"),
    ("empty.json", "jrnl", "This file is empty."),
    ("no-journal.zip", "dayone", "no Day One journal in it"),
    ("corrupt.zip", "dayone", "damaged or incomplete"),
    ("not-utf8.md", "markdown", "isn't UTF-8 text (the first problem is at byte 14)"),
]


@pytest.mark.parametrize(("name", "fmt", "message"), DAMAGED_CASES)
def test_each_damaged_file_gets_its_own_specific_message(name: str, fmt: str, message: str) -> None:
    """Each kind of damage gives that file a specific, calm message, no entries, and an unusable plan."""
    plan = plan_import([DAMAGED / name])
    (report,) = plan.reports
    assert (report.format, report.entries) == (fmt, 0)
    assert report.error is not None and message in report.error
    assert not plan.ok and plan.entries == []


STRANGE_INPUTS: list[tuple[str, bytes, str]] = [
    ("photo.json", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "isn't a text file"),
    ("deep.json", b"[" * 100_000, "nested far too deeply"),
    ("bad.json", b'{"entries": [}', "mistake on line 1, column 14"),
    ("dict.json", b'{"entries": {"a": 1}}', "no list of “entries”"),
    ("item.json", b'{"entries": ["just text"]}', "Entry 1 isn't laid out as a journal entry"),
    ("title.json", b'{"entries": [{"date": "2024-01-01", "title": 5}]}', "Entry 1 has a “title” that isn't text"),
    ("tags.json", b'{"entries": [{"date": "2024-01-01", "tags": "a"}]}', "tags that aren't a list"),
    ("date.json", b'{"entries": [{"date": "yesterday"}]}', "date Goldseam can't read (“yesterday”)"),
    ("time.json", b'{"entries": [{"date": "2024-01-01", "time": "25:99"}]}', "time Goldseam can't read"),
    ("broken.json", b'{"entries": [{"date": "2024-01-01", "body": "\\ud83d"}]}', "damaged characters"),
    ("mood.json", b'{"entries": [{"date": "2024-01-01", "goldseam": {"mood": 9}}]}', "mood of “9”"),
    ("urge.json", b'{"entries": [{"date": "2024-01-01", "goldseam": {"urge": {"intensity": 0}}}]}', "“intensity”"),
    ("d1.json", b'{"metadata": {}, "entries": [{"creationDate": "2023-02-30T10:00:00Z"}]}', "doesn't exist"),
    ("d1-text.json", b'{"metadata": {}, "entries": [{"creationDate": "2023-01-01T10:00:00Z", "text": 1}]}', "text"),
    ("fm.md", b"---\ntitle: never closed\nSome text\n", "never ends"),
    ("only-fm.md", b"---\ntitle: \n---\n\n", "no text to import"),
    ("mood.md", b"---\nmood: 7\n---\nText\n", "moods go from 1 to 5"),
    ("bad-date.md", b"---\ndate: 2023-13-45\n---\nText\n", "“2023-13-45” in this file doesn't exist"),
    ("2023-02-30-note.md", b"Text\n", "“2023-02-30” in this file doesn't exist"),
    ("notes.docx", b"PK\x03\x04 this is really a Word file", "damaged or incomplete"),
    ("notes.pdf", b"%PDF-1.7 binary", "can't tell what kind of file this is"),
    ("blank.md", b"  \n\n\t\n", "This file is empty."),
    ("notepad.txt", "Dear diary".encode("utf-16"), "saved as UTF-16"),
]


@pytest.mark.parametrize(("name", "content", "message"), STRANGE_INPUTS)
def test_plan_import_never_raises_on_strange_input(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    """Binary, malformed, oddly shaped and out-of-range input is reported per file; nothing escapes."""
    path = tmp_path / name
    path.write_bytes(content)
    (report,) = plan_import([path]).reports
    assert report.entries == 0 and report.error is not None
    assert message in report.error


def test_missing_paths_and_empty_folders_are_reported(tmp_path: Path) -> None:
    """A path that isn't there, or a folder with nothing importable, is a report, not an exception."""
    (tmp_path / "empty-folder").mkdir()
    plan = plan_import([tmp_path / "gone.json", tmp_path / "empty-folder"])
    errors = {r.path.name: r.error or "" for r in plan.reports}
    assert "can't be found any more" in errors["gone.json"]
    assert "no files Goldseam can import" in errors["empty-folder"]
    assert not plan.ok


def test_error_messages_are_translated() -> None:
    """Reports go through the translation catalog (visible with the accented pseudo-locale)."""
    i18n.set_language(i18n.PSEUDO_ACCENTED)
    report = plan_import([DAMAGED / "truncated.json"]).reports[0]
    assert report.error is not None and report.error.startswith("⟦")


def test_one_bad_file_blocks_the_whole_import_and_the_vault_is_unchanged(conn: Any) -> None:
    """Good files are reported fine, the bad one with its message; the plan is not ok, apply refuses,
    and the vault keeps exactly what it had. A half-valid file contributes no entries at all."""
    add(conn, Entry(written_at="2024-01-01T09:00:00", title="Before", tags=["keep"]))
    plan = plan_import([DATA / "jrnl" / "journal.json", DAMAGED / "missing-date.json", DAY_ONE_ZIP])
    assert [(r.path.name, r.entries, r.error is None) for r in plan.reports] == [
        ("journal.json", 3, True),
        ("missing-date.json", 0, False),
        ("DayOneExport.zip", 3, True),
    ]
    assert not plan.ok and len(plan.entries) == 6
    assert "Has a date." not in [e.title for e in plan.entries]
    with pytest.raises(ValueError):
        apply_import(conn, plan)
    assert [e.title for e in all_entries(conn)] == ["Before"] and count(conn, "tag") == 1


# -- applying -------------------------------------------------------------------------------------------------


def test_import_stores_entries_and_reimport_skips_duplicates(conn: Any, tmp_path: Path) -> None:
    """Imported entries land with their tags (reusing an existing tag whatever its case); importing
    the same export again, or a copy of it, adds nothing and counts duplicates."""
    add(conn, Entry(written_at="2020-01-01T00:00:00", title="Old", tags=["Work"]))
    result = apply_import(conn, plan_import([DATA / "jrnl"]))
    assert (result.imported, result.duplicates) == (6, 0)
    stored = all_entries(conn)
    assert len(stored) == 7 and dict(journal.all_tags(conn))["Work"] == 3
    assert next(e for e in stored if e.title.startswith("Sunday")).tags == ["family", "Work"]
    copy = tmp_path / "copy.json"
    shutil.copy(DATA / "jrnl" / "journal.json", copy)
    again = apply_import(conn, plan_import([DATA / "jrnl", copy]))
    assert (again.imported, again.duplicates) == (0, 9)
    assert count(conn) == 7


def test_json_round_trip_restores_every_entry(conn: Any, fresh: CreatedVault, tmp_path: Path) -> None:
    """Export to JSON and import into a fresh vault: written_at, kind, title, body, mood, tags, prompt
    and urge details all come back (vent included when asked)."""
    add(
        conn,
        Entry(
            written_at="2024-03-01T08:30:15",
            kind=EntryKind.GRATITUDE,
            title="Small things",
            body="Sun on the desk.\nCoffee — warm.",
            mood=4,
            tags=["Morning", "été"],
            prompt_id="gratitude-01",
        ),
    )
    add(conn, Entry(written_at="2024-03-01T22:10:00", kind=EntryKind.VENT, body="Furious, and allowed to be.", mood=1))
    add(conn, Entry(written_at="2024-02-28T12:00:00", kind=EntryKind.FREE, title="", body="No title here"))
    conn.execute("BEGIN IMMEDIATE")
    urge_id = space.log_urge(
        conn,
        Urge(
            "2024-03-02T23:45:00",
            UrgeKind.CHECK_PROFILE,
            4,
            (Alternative.WALK, Alternative.FRIEND),
            False,
            "Wanted to look. Didn't.",
        ),
    )
    conn.execute("COMMIT")
    target = tmp_path / "journal.json"
    assert export_json(conn, target, ExportOptions(include_vent=True)) == 4
    plan = plan_import([target])
    assert plan.ok and plan.reports[0].format == "jrnl"
    assert apply_import(fresh.session.conn, plan).imported == 4

    def comparable(c: Any) -> list[tuple[object, ...]]:
        return [(e.written_at, e.kind, e.title, e.body, e.mood, e.tags, e.prompt_id) for e in all_entries(c)]

    assert comparable(fresh.session.conn) == comparable(conn)
    new_urge_id = fresh.session.conn.execute("SELECT entry_id FROM urge").fetchone()[0]
    original, restored = space.load_urge(conn, urge_id), space.load_urge(fresh.session.conn, new_urge_id)
    assert original is not None and restored is not None
    assert (
        restored.written_at,
        restored.urge_kind,
        restored.intensity,
        restored.instead,
        restored.acted,
        restored.note,
    ) == (original.written_at, original.urge_kind, original.intensity, original.instead, original.acted, original.note)


def test_json_export_is_jrnl_shaped_and_streamed_exactly_like_json_dumps(
    conn: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export reads as jrnl JSON (tag counts, @tags, date, time, starred), oldest first, across
    several keyset pages, and the streamed text is exactly json.dumps(indent=2, ensure_ascii=False)."""
    monkeypatch.setattr(exporting, "EXPORT_PAGE", 2)
    for day in (5, 3, 4, 1, 2):
        add(
            conn, Entry(written_at=f"2024-06-0{day}T07:0{day}:00", title=f"Día {day}", tags=["walk"] if day % 2 else [])
        )
    target = tmp_path / "out.json"
    assert export_json(conn, target) == 5
    text = target.read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert document["tags"] == {"@walk": 3}
    assert [e["date"] for e in document["entries"]] == [f"2024-06-0{d}" for d in range(1, 6)]
    first = document["entries"][0]
    assert first == {
        "title": "Día 1",
        "body": "",
        "date": "2024-06-01",
        "time": "07:01",
        "tags": ["@walk"],
        "starred": False,
        "goldseam": {"kind": "prompt", "mood": None, "written_at": "2024-06-01T07:01:00"},
    }
    empty = tmp_path / "empty.json"
    conn.execute("DELETE FROM entry")
    assert export_json(conn, empty) == 0
    assert json.loads(empty.read_text(encoding="utf-8")) == {"tags": {}, "entries": []}


def test_vent_entries_are_left_out_of_exports_unless_asked(conn: Any, tmp_path: Path) -> None:
    """Vent entries are private: JSON and Markdown exports leave them (and their tags) out by default."""
    add(conn, Entry(written_at="2024-01-01T10:00:00", kind=EntryKind.VENT, body="private rage", tags=["raw"]))
    add(conn, Entry(written_at="2024-01-02T10:00:00", kind=EntryKind.FREE, body="shared thought"))
    assert export_json(conn, tmp_path / "a.json") == 1
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert [e["body"] for e in document["entries"]] == ["shared thought"] and document["tags"] == {}
    assert "private rage" not in markdown_document(conn, ExportOptions())
    assert "private rage" in markdown_document(conn, ExportOptions(include_vent=True))
    assert export_markdown(conn, tmp_path / "b.md", ExportOptions(include_vent=True)) == 2


def test_markdown_export_content(conn: Any, tmp_path: Path) -> None:
    """One document: a title, then per entry a localised date-and-time heading with the title (or the
    kind), a line with kind, mood, tags and urge details, and the body with its headings pushed down."""
    add(
        conn,
        Entry(
            written_at="2024-03-01T08:30:00",
            kind=EntryKind.GRATITUDE,
            title="Small things",
            body="# Big heading\nText\n```\n# not a heading\n```",
            mood=4,
            tags=["calm", "morning"],
        ),
    )
    conn.execute("BEGIN IMMEDIATE")
    space.log_urge(conn, Urge("2024-03-02T23:45:00", UrgeKind.TEXT, 3, (Alternative.UNSENT,), False, "Wrote instead."))
    conn.execute("COMMIT")
    document = markdown_document(conn, ExportOptions())
    when = i18n.format_datetime(datetime(2024, 3, 1, 8, 30))
    late = i18n.format_datetime(datetime(2024, 3, 2, 23, 45))
    assert document == (
        "# Goldseam journal\n"
        f"\n## {when} — Small things\n"
        "\nGratitude · Mood: Good (4 of 5) · Tags: calm, morning\n"
        "\n### Big heading\nText\n```\n# not a heading\n```\n"
        f"\n## {late} — Urge log\n"
        "\nUrge: Text or message them, strength 3 of 5 · Instead: Wrote an unsent message · Rode it out\n"
        "\nWrote instead.\n"
    )
    target = tmp_path / "journal.md"
    assert export_markdown(conn, target) == 2
    assert target.read_text(encoding="utf-8") == document


def test_failed_export_leaves_the_existing_file_unchanged_and_no_temp_file(
    conn: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exports go through a temp file next to the target (never a temp folder); a failure half-way
    leaves the previous export byte for byte and no partial file behind."""
    for day in range(1, 6):
        add(conn, Entry(written_at=f"2024-01-0{day}T10:00:00", body=f"entry {day}"))
    target = tmp_path / "exports" / "journal.json"
    target.parent.mkdir()
    target.write_bytes(b"previous export")
    temp_paths: list[Path] = []
    real_temp_path_for = atomic_files.temp_path_for

    def recording_temp_path_for(path: Path) -> Path:
        temp_paths.append(real_temp_path_for(path))
        return temp_paths[-1]

    monkeypatch.setattr(atomic_files, "temp_path_for", recording_temp_path_for)
    real_entry = exporting.jrnl_entry
    written: list[int] = []

    def failing_entry(entry: Entry, urge: Urge | None) -> dict[str, Any]:
        written.append(1)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return real_entry(entry, urge)

    monkeypatch.setattr(exporting, "jrnl_entry", failing_entry)
    with pytest.raises(OSError):
        export_json(conn, target)
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in target.parent.iterdir()] == ["journal.json"]
    assert temp_paths and all(p.parent == target.parent for p in temp_paths)

    def failing_demote(body: str, levels: int = 2) -> str:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(exporting, "demote_headings", failing_demote)
    with pytest.raises(OSError):
        export_markdown(conn, target.with_suffix(".md"))
    assert [p.name for p in target.parent.iterdir()] == ["journal.json"]
    assert not conn.in_transaction


def test_import_of_2000_entries_is_one_transaction(conn: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 generated entries import in one transaction: a failure half-way (raised from the progress
    callback once 1,000 rows are in, as a cancel would) leaves zero entries and tags; the full import
    is fast, searchable, and reports progress up to the total."""
    chunk = importing.CHUNK
    monkeypatch.setattr(importing, "CHUNK", 250)
    entries = [
        {
            "title": f"Day {i}",
            "body": f"Entry number {i} with a few words in it.",
            "date": f"20{10 + i // 365:02d}-01-01",
            "time": f"{i % 24:02d}:{i % 60:02d}",
            "tags": [f"@tag{i % 7}", "#daily"],
            "starred": False,
        }
        for i in range(2000)
    ]
    plan = plan_import([write_jrnl(tmp_path / "big.json", entries)])
    assert plan.ok and len(plan.entries) == 2000

    class Cancelled(Exception):
        pass

    def cancel_half_way(done: int, total: int) -> None:
        if done >= total // 2:
            assert count(conn) == done == 1000, "the first half is in, inside the open transaction"
            raise Cancelled

    with pytest.raises(Cancelled):
        apply_import(conn, plan, cancel_half_way)
    assert count(conn) == 0 and count(conn, "tag") == 0 and count(conn, "entry_tag") == 0
    assert not conn.in_transaction
    monkeypatch.setattr(importing, "CHUNK", chunk)
    calls: list[tuple[int, int]] = []
    started = time.perf_counter()
    result = apply_import(conn, plan, lambda done, total: calls.append((done, total)))
    elapsed = time.perf_counter() - started
    print(f"\nimported 2,000 entries in {elapsed:.2f} s")
    assert (result.imported, result.duplicates) == (2000, 0) and count(conn) == 2000
    assert count(conn, "entry_tag") == 4000 and count(conn, "tag") == 8
    assert calls[-1] == (2000, 2000) and [c[0] for c in calls] == sorted(c[0] for c in calls)
    hits = conn.execute("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'number'").fetchone()[0]
    assert hits == 2000, "imported entries are searchable"
    assert elapsed < 20


def fts_segments(conn: Any) -> int:
    return int(conn.execute("SELECT count(DISTINCT segid) FROM entry_fts_idx").fetchone()[0])


def test_a_large_import_leaves_the_search_index_in_one_piece(conn: Any, tmp_path: Path) -> None:
    """Entries saved one by one leave the full-text index in several segments; a small import keeps
    them (merging the whole index would cost more than the import), an import of TIDY_AFTER_IMPORT
    entries or more merges them into one, and the index still matches the text exactly."""
    for i in range(9):
        add(conn, Entry(written_at=f"2024-02-{i + 1:02d}T09:00:00", title=f"Saved {i}", body="kept apart"))
    scattered = fts_segments(conn)
    assert scattered > 1

    def jrnl(count: int, name: str) -> Path:
        rows = [
            {
                "date": f"2023-{1 + i % 12:02d}-01",
                "time": f"{i % 24:02d}:{i % 60:02d}",
                "title": f"{name} {i}",
                "body": f"imported words {i}",
            }
            for i in range(count)
        ]
        return write_jrnl(tmp_path / f"{name}.json", rows)

    assert apply_import(conn, plan_import([jrnl(10, "small")])).imported == 10
    assert fts_segments(conn) > 1, "a small import does not rewrite the index"
    assert apply_import(conn, plan_import([jrnl(search.TIDY_AFTER_IMPORT, "large")])).imported == 1000
    assert fts_segments(conn) == 1
    conn.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")
    assert search.count_matches(conn, "imported") == 1010 and search.count_matches(conn, '"kept apart"') == 9


def test_forced_format_and_unknown_format_name(tmp_path: Path) -> None:
    """A caller may force a format (a .txt jrnl JSON read as JSON); an unknown format name is a programming
    error and raises."""
    path = tmp_path / "export.txt"
    path.write_text(json.dumps({"entries": [{"date": "2024-01-01", "title": "x"}]}), encoding="utf-8")
    assert plan_import([path]).entries[0].body.startswith("{")
    forced = plan_import([path], fmt="jrnl")
    assert forced.ok and forced.entries[0].title == "x"
    with pytest.raises(ValueError):
        plan_import([path], fmt="evernote")
    assert importing.FORMATS == ("jrnl", "dayone", "markdown")

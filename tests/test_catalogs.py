"""Translation catalogs: complete, compilable, placeholder-safe, and in step with the code."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "goldseam.pot"
LANGUAGES = sorted(p.name for p in TRANSLATIONS.iterdir() if (p / "LC_MESSAGES" / "goldseam.po").is_file())
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
TAG = re.compile(r"</?[a-z]+")
MNEMONIC = re.compile(r"&(?=[^&\s])")


def load(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def po_path(code: str) -> Path:
    return TRANSLATIONS / code / "LC_MESSAGES" / "goldseam.po"


def strings(message_id: str | tuple[str, ...]) -> list[str]:
    return list(message_id) if isinstance(message_id, tuple) else [message_id]


def test_there_is_at_least_one_translation() -> None:
    assert "fr" in LANGUAGES


def test_pot_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    """Re-extract from the sources; the committed .pot must hold exactly the same messages."""
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n_catalogs.py"), "extract", "--output", str(fresh)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    committed = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in load(POT) if m.id}
    extracted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in load(fresh) if m.id}
    assert extracted - committed == set(), "strings missing from the .pot: run tools/i18n_catalogs.py extract"
    assert committed - extracted == set(), "stale strings in the .pot: run tools/i18n_catalogs.py extract"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_matches_the_template(code: str) -> None:
    template = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in load(POT) if m.id}
    catalog = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in load(po_path(code), code) if m.id}
    assert template - catalog == set(), f"{code}: run tools/i18n_catalogs.py update"
    assert catalog - template == set(), f"{code}: obsolete entries; run tools/i18n_catalogs.py update"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(code: str) -> None:
    catalog = load(po_path(code), code)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(("fuzzy", message.id))
        translations = strings(message.string)
        if not all(translations):
            problems.append(("untranslated", message.id))
        if isinstance(message.id, tuple) and len(translations) != catalog.num_plurals:
            problems.append(("plural forms", message.id))
    assert problems == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_markup_and_mnemonics_match(code: str) -> None:
    catalog = load(po_path(code), code)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        sources = strings(message.id)
        expected = set(PLACEHOLDER.findall(" ".join(sources)))
        for translation in strings(message.string):
            if not translation:
                continue
            found = set(PLACEHOLDER.findall(translation))
            # A plural translation may leave {count} out of a singular form ("one item"), never add unknown ones.
            if found - expected or (not isinstance(message.id, tuple) and found != expected):
                problems.append(("placeholders", message.id, translation))
            if sorted(TAG.findall(" ".join(sources))) != sorted(TAG.findall(translation)):
                problems.append(("markup", message.id, translation))
            if len(MNEMONIC.findall(sources[0])) != len(MNEMONIC.findall(translation)):
                problems.append(("mnemonic", message.id, translation))
    assert problems == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_compiles(code: str) -> None:
    catalog = load(po_path(code), code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert buffer.getvalue()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("code", LANGUAGES)
def test_gnu_msgfmt_check_passes(code: str, tmp_path: Path) -> None:
    """msgfmt also checks python-brace-format placeholders and plural formulas."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po_path(code))], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr

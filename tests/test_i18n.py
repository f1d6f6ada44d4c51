"""Language selection, formatting and pseudo-localisation (Qt-free)."""

from __future__ import annotations

from datetime import date

import pytest

from goldseam import i18n
from goldseam.i18n import _, ngettext


def test_best_match_prefers_exact_then_base_language() -> None:
    shipped = ["en", "fr", "pt_BR", "de"]
    assert i18n.best_match(["pt-BR"], shipped) == "pt_BR"
    assert i18n.best_match(["pt_PT", "fr_CA"], shipped) == "pt_BR"
    assert i18n.best_match(["fr_BE.UTF-8"], shipped) == "fr"
    assert i18n.best_match(["C", "POSIX", ""], shipped) == "en"
    assert i18n.best_match(["ja_JP"], shipped) == "en"


def test_c_locale_formats_as_english_instead_of_failing() -> None:
    i18n.set_language(None, ["C"])
    assert i18n.format_date(date(2026, 3, 1), "long") == "March 1, 2026"


def test_switching_languages_changes_formatting() -> None:
    i18n.set_language("fr")
    assert i18n.current_language() == "fr"
    assert i18n.format_date(date(2026, 3, 1), "long") == "1 mars 2026"
    assert i18n.format_number(1234567).replace("\u202f", " ").replace("\xa0", " ") == "1 234 567"
    i18n.set_language("en")
    assert i18n.format_number(1234567) == "1,234,567"


def test_language_listeners_are_told() -> None:
    seen: list[str] = []
    i18n.add_language_listener(seen.append)
    try:
        i18n.set_language("fr")
        i18n.set_language("en")
    finally:
        i18n.remove_language_listener(seen.append)
    assert seen == ["fr", "en"]


@pytest.mark.parametrize(
    "message",
    ["Locked after {count} minutes without activity.", "<b>{name}</b> call {number}", "&Passphrase:", ""],
)
def test_pseudo_translation_keeps_placeholders_and_markup(message: str) -> None:
    out = i18n.pseudo_translate(message)
    for token in ("{count}", "{name}", "{number}", "<b>", "</b>"):
        assert (token in message) == (token in out)
    if message:
        assert out.startswith("⟦") and len(out) > len(message)


def test_pseudo_locale_marks_every_translated_string() -> None:
    i18n.set_language(i18n.PSEUDO_ACCENTED)
    assert _("Lock").startswith("⟦")
    assert ngettext("{count} day", "{count} days", 3).startswith("⟦")
    assert not i18n.is_rtl()
    i18n.set_language(i18n.PSEUDO_RTL)
    assert i18n.is_rtl()


def test_the_five_shipped_languages() -> None:
    codes = i18n.shipped_language_codes()
    assert set(codes) == {"en", "fr", "de", "es", "pt_BR"}
    names = {lang.code: lang.native_name for lang in i18n.available_languages(include_pseudo=False)}
    assert names["fr"] == "Français" and names["de"] == "Deutsch" and names["es"] == "Español"
    assert names["pt_BR"].startswith("Português")


@pytest.mark.parametrize("code", ["de", "es", "pt_BR"])
def test_dates_and_plurals_follow_the_language(code: str) -> None:
    from datetime import date

    i18n.set_language(code)
    try:
        assert i18n.current_language() == code
        assert i18n._("Get help now") != "Get help now"
        assert "December" not in i18n.format_date(date(2026, 12, 24), "long")
    finally:
        i18n.set_language("en")


def test_file_sizes_are_localised() -> None:
    assert i18n.format_bytes(1536) == "1.5 KB"

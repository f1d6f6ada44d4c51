"""Translation and locale-aware formatting for the whole app (Qt-free).

Every user-visible string goes through ``_``, ``ngettext``, ``pgettext`` or ``npgettext``
with named ``{placeholders}`` filled by ``str.format`` (never f-strings: they cannot be
extracted). Module-level constants are marked with ``N_`` and translated where they are
shown. Dates and numbers are formatted with Babel in the active language.

Catalogs come from compiled ``.mo`` files when present (packaged builds) and otherwise from
the ``.po`` sources, compiled in memory, so a source checkout needs no build step.
"""

from __future__ import annotations

import gettext
import io
import locale as _stdlib_locale
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from goldseam import app_paths

DOMAIN = "goldseam"
SOURCE_LANGUAGE = "en"

# Development pseudo-locales: stretched, accented text (finds clipped layouts and unmarked
# strings) and a right-to-left variant (finds layouts that do not mirror).
PSEUDO_ACCENTED = "en_XA"
PSEUDO_RTL = "ar_XB"
PSEUDO_LANGUAGES = (PSEUDO_ACCENTED, PSEUDO_RTL)
RTL_LANGUAGES = {"ar", "he", "fa", "ur", PSEUDO_RTL}

_NATIVE_NAMES = {PSEUDO_ACCENTED: "Pseudo (accented)", PSEUDO_RTL: "Pseudo (right-to-left)"}


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str


class _State:
    translations: gettext.NullTranslations = gettext.NullTranslations()
    language: str = SOURCE_LANGUAGE
    listeners: list[Callable[[str], None]] = []  # noqa: RUF012 - a module-level registry


def _(message: str) -> str:
    return _State.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _State.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _State.translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _State.translations.npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it (translate it where shown)."""
    return message


# --- catalogs -----------------------------------------------------------------------


def _po_path(code: str) -> Path | None:
    base = app_paths.translations_dir()
    if base is None:
        return None
    path = base / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    return path if path.is_file() else None


def _mo_path(code: str) -> Path | None:
    for base in app_paths.compiled_locale_dirs():
        path = base / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if path.is_file():
            return path
    return None


def shipped_language_codes() -> list[str]:
    """English plus every language with a catalog (compiled or source)."""
    codes = {SOURCE_LANGUAGE}
    roots = [*app_paths.compiled_locale_dirs()]
    po_root = app_paths.translations_dir()
    if po_root is not None:
        roots.append(po_root)
    for root in roots:
        for child in root.iterdir():
            if (child / "LC_MESSAGES").is_dir():
                codes.add(child.name)
    return sorted(codes)


def load_catalog(code: str) -> gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    if code in PSEUDO_LANGUAGES:
        return PseudoTranslations(rtl=code == PSEUDO_RTL)
    mo = _mo_path(code)
    if mo is not None:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    po = _po_path(code)
    if po is not None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as handle:
            catalog = read_po(handle, locale=code, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def available_languages(include_pseudo: bool | None = None) -> list[Language]:
    """Shipped languages; plus the pseudo-locales when ``GOLDSEAM_PSEUDO_LOCALES=1`` (development)."""
    if include_pseudo is None:
        include_pseudo = os.environ.get("GOLDSEAM_PSEUDO_LOCALES") == "1"
    codes = shipped_language_codes() + (list(PSEUDO_LANGUAGES) if include_pseudo else [])
    return [Language(code, native_language_name(code)) for code in codes]


def native_language_name(code: str) -> str:
    if code in _NATIVE_NAMES:
        return _NATIVE_NAMES[code]
    try:
        name = Locale.parse(code).get_display_name(Locale.parse(code)) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def best_match(preferences: Iterable[str], available: Iterable[str]) -> str:
    """Pick the first preferred language we ship: exact match, then same base language."""
    shipped = list(available)
    for raw in preferences:
        pref = raw.replace("-", "_").split(".")[0].split("@")[0]
        if not pref or pref in ("C", "POSIX"):
            continue
        if pref in shipped:
            return pref
        base = pref.split("_")[0]
        for code in shipped:
            if code == base or code.split("_")[0] == base:
                return code
    return SOURCE_LANGUAGE


def system_language_preferences() -> list[str]:
    """Language preferences from the environment (the UI adds Qt's ``uiLanguages``)."""
    prefs: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            prefs.extend(value.split(":"))
    if not prefs:
        try:
            code = _stdlib_locale.getlocale()[0]
        except ValueError:
            code = None
        if code:
            prefs.append(code)
    return prefs


def set_language(code: str | None, system_preferences: Iterable[str] = ()) -> str:
    """Activate a language (None: follow the system). Returns the code now active."""
    shipped = shipped_language_codes()
    if code in PSEUDO_LANGUAGES or (code and code in shipped):
        chosen = code
    else:
        chosen = best_match([*system_preferences, *system_language_preferences()], shipped)
    _State.translations = load_catalog(chosen)
    _State.language = chosen
    for listener in list(_State.listeners):
        listener(chosen)
    return chosen


def current_language() -> str:
    return _State.language


def add_language_listener(listener: Callable[[str], None]) -> None:
    _State.listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _State.listeners:
        _State.listeners.remove(listener)


def is_rtl(code: str | None = None) -> bool:
    code = code or _State.language
    return code in RTL_LANGUAGES or code.split("_")[0] in RTL_LANGUAGES


def babel_locale() -> Locale:
    code = _State.language
    if code == PSEUDO_ACCENTED:
        code = "en"
    elif code == PSEUDO_RTL:
        code = "ar"
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


# --- formatting -------------------------------------------------------------------------


def format_date(value: date, fmt: str = "medium") -> str:
    return babel_dates.format_date(value, format=fmt, locale=babel_locale())


def format_datetime(value: datetime, fmt: str = "medium") -> str:
    return babel_dates.format_datetime(value, format=fmt, locale=babel_locale())


def format_time(value: time | datetime, fmt: str = "short") -> str:
    return babel_dates.format_time(value, format=fmt, locale=babel_locale())


def format_day_time(value: datetime) -> str:
    """Weekday, date and time without seconds, e.g. "Sun, Nov 22, 2026, 8:00 PM"."""
    locale = babel_locale()
    day = babel_dates.format_skeleton("yMMMEd", value, locale=locale)
    clock = babel_dates.format_time(value, "short", locale=locale)
    pattern = str(locale.datetime_formats.get("medium", "{1} {0}"))
    return pattern.replace("{1}", day).replace("{0}", clock).replace("'", "")


def format_month(value: date) -> str:
    """Month and year, e.g. "November 2026" / "novembre 2026"."""
    return babel_dates.format_skeleton("yMMMM", value, locale=babel_locale())


def format_number(value: int) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale())


def format_decimal(value: float, fmt: str | None = None) -> str:
    return babel_numbers.format_decimal(value, format=fmt, locale=babel_locale())


def format_duration(value: timedelta, threshold: float = 0.85) -> str:
    return babel_dates.format_timedelta(value, threshold=threshold, locale=babel_locale())


def format_bytes(size: int) -> str:
    units = [_("{size} B"), _("{size} KB"), _("{size} MB"), _("{size} GB")]
    value = float(size)
    for unit in units[:-1]:
        if value < 1024:
            return unit.format(size=format_decimal(round(value, 1)))
        value /= 1024
    return units[-1].format(size=format_decimal(round(value, 1)))


# --- pseudo-localisation ----------------------------------------------------------------

_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķłɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶŁṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Placeholders, markup and entities pass through untouched.
_PROTECTED = re.compile(r"(\{[^{}]*\}|<[^<>]*>|&[a-zA-Z]+;|%\([a-z_]+\)[sd]|%[sd])")


def pseudo_translate(message: str, rtl: bool = False) -> str:
    if not message:
        return message
    parts = _PROTECTED.split(message)
    out = []
    for index, part in enumerate(parts):
        out.append(part if index % 2 else part.translate(_ACCENTS))
    text = "".join(out)
    # About 40 % longer, like German or French, in word-sized pieces so it wraps like real text.
    length = max(1, len(message) * 2 // 5)
    padding = " ".join("~" * min(6, length - i) for i in range(0, length, 6))
    if rtl:
        return "\u202b" + text + " " + padding + "\u202c"
    return "⟦" + text + " " + padding + "⟧"


class PseudoTranslations(gettext.NullTranslations):
    def __init__(self, rtl: bool = False) -> None:
        super().__init__()
        self._rtl = rtl

    def gettext(self, message: str) -> str:
        return pseudo_translate(message, self._rtl)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translate(msgid1 if n == 1 else msgid2, self._rtl)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_translate(message, self._rtl)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translate(msgid1 if n == 1 else msgid2, self._rtl)

"""What makes a passphrase acceptable, and a generator for good ones.

Rules (vault design §4.10): at least 12 characters and an estimated 10^12 guesses, counting
the names and dates the user gives us (their own, the ex's, pets, anniversaries), because
the person most likely to guess is someone who knows them. A warning below 10^14 or 15
characters. No composition rules, any Unicode (NFC), never truncated. The estimator only
sees the first 72 characters (it slows down sharply beyond); longer passphrases get credit
for their length.
"""

from __future__ import annotations

import enum
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from goldseam import app_paths
from goldseam.i18n import N_, _

MIN_LENGTH = 12
RECOMMENDED_LENGTH = 15
MIN_GUESSES_LOG10 = 12.0
GOOD_GUESSES_LOG10 = 14.0
VERY_STRONG_GUESSES_LOG10 = 20.0
ESTIMATOR_MAX_CHARS = 72
GENERATED_WORDS = 6
BASE_USER_INPUTS = ("goldseam", "vault", "breakup", "journal", "password", "passphrase")


class Strength(enum.IntEnum):
    TOO_WEAK = 0
    FAIR = 1
    STRONG = 2
    VERY_STRONG = 3


STRENGTH_LABELS = {
    Strength.TOO_WEAK: N_("Too easy to guess"),
    Strength.FAIR: N_("Acceptable, could be stronger"),
    Strength.STRONG: N_("Strong"),
    Strength.VERY_STRONG: N_("Very strong"),
}

# zxcvbn's English feedback, mapped to our own translatable sentences.
_FEEDBACK = {
    "Straight rows of keys are easy to guess.": N_("Rows of neighbouring keys are easy to guess."),
    "Short keyboard patterns are easy to guess.": N_("Keyboard patterns are easy to guess."),
    'Repeats like "aaa" are easy to guess.': N_("Repeated characters are easy to guess."),
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': N_(
        "Repeating a word or pattern adds very little."
    ),
    "Sequences like abc or 6543 are easy to guess.": N_("Sequences such as abc or 6543 are easy to guess."),
    "Recent years are easy to guess.": N_("Years, especially recent ones, are easy to guess."),
    "Dates are often easy to guess.": N_("Dates are easy to guess, especially meaningful ones."),
    "This is a top-10 common password.": N_("This is one of the most common passwords."),
    "This is a top-100 common password.": N_("This is a very common password."),
    "This is a very common password.": N_("This is a very common password."),
    "This is similar to a commonly used password.": N_("This is close to a commonly used password."),
    "A word by itself is easy to guess.": N_("A single word is easy to guess."),
    "Names and surnames by themselves are easy to guess.": N_(
        "Names are easy to guess, especially ones linked to you."
    ),
    "Common names and surnames are easy to guess.": N_("Names are easy to guess, especially ones linked to you."),
}


@dataclass(frozen=True)
class Assessment:
    strength: Strength
    guesses_log10: float
    length: int
    problems: list[str] = field(default_factory=list)  # translated; empty when acceptable
    hints: list[str] = field(default_factory=list)  # translated suggestions

    @property
    def acceptable(self) -> bool:
        return self.strength >= Strength.FAIR

    @property
    def label(self) -> str:
        return _(STRENGTH_LABELS[self.strength])


def _personal_tokens(user_inputs: list[str]) -> list[str]:
    tokens: list[str] = list(BASE_USER_INPUTS)
    for raw in user_inputs:
        text = unicodedata.normalize("NFC", raw).strip().lower()
        if not text:
            continue
        tokens.append(text)
        tokens.extend(part for part in re.split(r"[\s,;/.\-]+", text) if len(part) >= 2)
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 4:
            tokens.append(digits)
    return tokens


def assess(passphrase: str, user_inputs: list[str] | None = None) -> Assessment:
    """Estimate strength. Pure function; call it off the GUI thread (it can take ~20 ms)."""
    from zxcvbn import zxcvbn

    text = unicodedata.normalize("NFC", passphrase)
    length = len(text)
    if length == 0:
        return Assessment(Strength.TOO_WEAK, 0.0, 0, [_("Enter a passphrase.")])
    sample = text[:ESTIMATOR_MAX_CHARS]
    result = zxcvbn(sample, user_inputs=_personal_tokens(user_inputs or []))
    guesses = float(result["guesses_log10"])
    if length > ESTIMATOR_MAX_CHARS:
        guesses *= length / ESTIMATOR_MAX_CHARS
    lowered = text.lower()
    personal_hit = any(
        len(t) >= 3 and t in lowered for t in _personal_tokens(user_inputs or [])[len(BASE_USER_INPUTS) :]
    )

    problems: list[str] = []
    hints: list[str] = []
    if length < MIN_LENGTH:
        problems.append(_("Use at least {count} characters.").format(count=MIN_LENGTH))
    if guesses < MIN_GUESSES_LOG10:
        problems.append(_("This would be too quick to guess for someone with a copy of your vault."))
    warning = result["feedback"].get("warning") or ""
    if warning in _FEEDBACK:
        hints.append(_(_FEEDBACK[warning]))
    if personal_hit:
        hints.append(_("It contains a name or date you told us about; someone who knows you might try it."))
    if not problems and (guesses < GOOD_GUESSES_LOG10 or length < RECOMMENDED_LENGTH):
        hints.append(_("Adding another unrelated word or two makes it much stronger."))

    if problems:
        strength = Strength.TOO_WEAK
    elif guesses >= VERY_STRONG_GUESSES_LOG10 and length >= RECOMMENDED_LENGTH:
        strength = Strength.VERY_STRONG
    elif guesses >= GOOD_GUESSES_LOG10 and length >= RECOMMENDED_LENGTH:
        strength = Strength.STRONG
    else:
        strength = Strength.FAIR
    return Assessment(strength, guesses, length, problems, hints)


@lru_cache(maxsize=1)
def wordlist() -> tuple[str, ...]:
    path = app_paths.resources_dir() / "wordlists" / "eff_large_wordlist.txt"
    words = tuple(w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())
    if len(set(words)) != 7776:
        raise RuntimeError("passphrase word list is incomplete")
    return words


def generate(words: int = GENERATED_WORDS, separator: str = " ") -> str:
    """A random passphrase of ``words`` words from the EFF list (≈12.9 bits per word)."""
    pool = wordlist()
    return separator.join(secrets.choice(pool) for _ in range(words))


def generated_entropy_bits(words: int = GENERATED_WORDS) -> float:
    return words * math.log2(len(wordlist()))

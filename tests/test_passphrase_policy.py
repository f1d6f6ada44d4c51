"""Passphrase rules and the generator (design §4.10, §6 test 41)."""

from __future__ import annotations

import math
import time

import pytest

from goldseam import passphrase_policy
from goldseam.passphrase_policy import Strength, assess, generate


@pytest.mark.parametrize("weak", ["password1", "Tr0ub4dor&3", "short", "aaaaaaaaaaaaaaaa", "qwertyuiopasdfgh"])
def test_common_and_short_passphrases_are_refused(weak: str) -> None:
    result = assess(weak)
    assert not result.acceptable and result.problems


def test_names_and_dates_the_user_gave_count_against_the_passphrase() -> None:
    """A passphrase built from the ex's name and an anniversary is refused once we know them."""
    candidate = "alexandra14061989"
    assert assess(candidate, ["Alexandra", "14/06/1989"]).guesses_log10 < assess(candidate).guesses_log10
    assert not assess(candidate, ["Alexandra", "14/06/1989"]).acceptable
    hinted = assess("alexandra forever and ever 2019", ["Alexandra"])
    assert any("name or date" in hint for hint in hinted.hints)


def test_a_random_five_word_phrase_is_accepted() -> None:
    result = assess("ravage geology duller hypnoses uncurled")
    assert result.acceptable and result.strength >= Strength.STRONG


def test_very_long_passphrases_are_assessed_without_error_and_credited() -> None:
    """Design §6 test 41: 80+ characters do not raise (zxcvbn caps at 72) and stay strong."""
    long = "the tide comes in slowly over stones and the gulls wait on the harbour wall"
    assert len(long) > 72
    start = time.perf_counter()
    result = assess(long)
    assert time.perf_counter() - start < 1.0
    assert result.acceptable and result.length == len(long)


def test_unicode_passphrases_are_measured_by_code_point() -> None:
    result = assess("ναυτίλος ωκεανός σελήνη πέτρα")
    assert result.length == len("ναυτίλος ωκεανός σελήνη πέτρα") and result.acceptable


def test_generator_uses_the_full_eff_list_uniformly() -> None:
    words = passphrase_policy.wordlist()
    assert len(words) == 7776 and len(set(words)) == 7776
    phrase = generate()
    assert len(phrase.split(" ")) == 6 and all(w in words for w in phrase.split(" "))
    assert passphrase_policy.generated_entropy_bits() == pytest.approx(6 * math.log2(7776))
    assert assess(phrase).acceptable


def test_generated_phrases_differ() -> None:
    assert len({generate() for _ in range(20)}) == 20


def test_empty_passphrase_has_a_problem_not_an_exception() -> None:
    result = assess("")
    assert result.strength == Strength.TOO_WEAK and result.problems

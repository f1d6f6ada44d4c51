"""KDF parameters and calibration, raw-key specs, key wrapping, recovery keys, secret buffers."""

from __future__ import annotations

import re

import pytest
from cryptography.exceptions import InvalidTag

from goldseam.crypto import kdf
from goldseam.crypto.kdf import FLOOR_COST, KdfCost, KdfParams, KdfParamsRejected, calibrate, derive_kek
from goldseam.crypto.key_wrap import new_data_key, open_key, seal_key
from goldseam.crypto.recovery_key import RecoveryKey, RecoveryKeyTypo
from goldseam.crypto.secret_buffer import passphrase_bytes, wipe
from goldseam.vault.sqlcipher_db import SPEC_LENGTH, build_key_spec


def test_floor_is_rfc9106_second_recommendation() -> None:
    assert (FLOOR_COST.memory_kib, FLOOR_COST.iterations, FLOOR_COST.lanes) == (65536, 3, 4)


@pytest.mark.parametrize(
    "cost",
    [KdfCost(32768, 3, 4), KdfCost(65536, 2, 4), KdfCost(65536, 3, 1), KdfCost(8 * 1024 * 1024, 3, 4)],
)
def test_costs_outside_the_accepted_range_are_refused(cost: KdfCost) -> None:
    """Below the floor (a downgrade) or absurdly high (a denial of service) never runs."""
    with pytest.raises(KdfParamsRejected):
        derive_kek(bytearray(b"x"), KdfParams.fresh(cost))


def test_derivation_is_deterministic_per_salt_and_differs_across_salts() -> None:
    params = KdfParams.fresh(FLOOR_COST)
    a = derive_kek(bytearray(b"same passphrase"), params)
    b = derive_kek(bytearray(b"same passphrase"), params)
    c = derive_kek(bytearray(b"same passphrase"), KdfParams.fresh(FLOOR_COST))
    assert a == b and a != c and len(a) == 32


def test_calibration_lands_in_the_target_window() -> None:
    """With a model where time ∝ memory × iterations, calibration ends between 0.5 s and 1 s."""

    def timer(cost: KdfCost) -> float:
        return 0.09 * (cost.memory_kib / 65536) * cost.iterations / 3

    result = calibrate(timer=timer)
    seconds = timer(result.cost)
    assert 0.5 <= seconds <= 1.0
    assert result.cost.memory_kib >= 65536 and result.cost.iterations >= 3 and result.cost.lanes == 4
    assert not result.fell_back_to_floor


def test_calibration_halves_memory_on_a_slow_machine_but_never_below_the_floor() -> None:
    def slow(cost: KdfCost) -> float:
        return 2.0 * cost.memory_kib / 65536

    result = calibrate(timer=slow)
    assert result.cost == KdfCost(65536, 3, 4)


def test_calibration_falls_back_to_the_floor_when_memory_is_short() -> None:
    def timer(cost: KdfCost) -> float:
        if cost.memory_kib > 65536:
            raise MemoryError
        return 0.2

    result = calibrate(timer=timer)
    assert result.fell_back_to_floor and result.cost == FLOOR_COST


def test_real_calibration_on_this_machine_is_within_half_a_second_to_a_second_and_a_half() -> None:
    """Design §6 test 2: the real derivation with the calibrated cost takes 0.3–1.5 s here."""
    result = kdf.calibrate()
    assert 0.3 <= result.seconds <= 1.5, result


def test_key_spec_is_exactly_99_bytes_of_lowercase_hex() -> None:
    dek, salt = bytearray(range(32)), bytes(range(16, 32))
    spec = build_key_spec(dek, salt)
    assert len(spec) == SPEC_LENGTH == 99
    assert re.fullmatch(rb"x'[0-9a-f]{96}'", bytes(spec))
    assert bytes(spec[2:66]) == dek.hex().encode() and bytes(spec[66:98]) == salt.hex().encode()


@pytest.mark.parametrize("dek_len,salt_len", [(31, 16), (33, 16), (32, 15), (32, 17), (0, 0)])
def test_key_spec_refuses_wrong_lengths_before_sqlcipher_sees_anything(dek_len: int, salt_len: int) -> None:
    with pytest.raises(ValueError):
        build_key_spec(bytearray(dek_len), bytes(salt_len))


def test_wrap_round_trip_and_any_change_fails() -> None:
    kek, dek = bytearray(b"k" * 32), new_data_key()
    wrapped = seal_key(kek, dek, b"aad")
    assert open_key(kek, wrapped, b"aad") == dek
    with pytest.raises(InvalidTag):
        open_key(kek, wrapped, b"aae")
    with pytest.raises(InvalidTag):
        open_key(bytearray(b"j" * 32), wrapped, b"aad")
    tampered = type(wrapped)(wrapped.nonce, bytes([wrapped.ciphertext[0] ^ 1]) + wrapped.ciphertext[1:])
    with pytest.raises(InvalidTag):
        open_key(kek, tampered, b"aad")


def test_recovery_key_format_round_trip_and_forgiving_parsing() -> None:
    key = RecoveryKey.generate()
    text = key.formatted()
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}", text)
    assert RecoveryKey.parse(text) == key
    assert RecoveryKey.parse(text.lower().replace("-", " ")) == key
    # O/0 and I/L/1 confusions are accepted.
    confusable = text.replace("0", "O").replace("1", "l")
    assert RecoveryKey.parse(confusable) == key


def test_recovery_key_typos_are_told_apart_from_wrong_keys() -> None:
    text = RecoveryKey.generate().formatted()
    changed = ("A" if text[0] != "A" else "B") + text[1:]
    with pytest.raises(RecoveryKeyTypo):
        RecoveryKey.parse(changed)
    with pytest.raises(RecoveryKeyTypo):
        RecoveryKey.parse(text[:-5])
    with pytest.raises(RecoveryKeyTypo):
        RecoveryKey.parse(text + "-AAAA")


def test_passphrase_bytes_normalise_to_nfc_and_never_truncate() -> None:
    assert passphrase_bytes("caf\u00e9") == passphrase_bytes("cafe\u0301")
    long = "ü" * 300
    assert passphrase_bytes(long).decode() == long


def test_wipe_zeroes_in_place() -> None:
    buffer = bytearray(b"secret material")
    view_before = id(buffer)
    wipe(buffer)
    assert buffer == bytearray(len(b"secret material")) and id(buffer) == view_before
    wipe(None)
    wipe(bytearray())

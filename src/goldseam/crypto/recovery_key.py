"""Printable recovery keys: a second wrap of the data key for a forgotten passphrase.

A recovery key is 160 random bits written as 32 Crockford base-32 characters plus a
4-character checksum, shown in groups of four. The checksum tells a typing mistake apart
from a wrong key. Because the key is random and long, its key-encryption key is derived
with HKDF-SHA256 rather than a slow password hash.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_DECODE = {c: i for i, c in enumerate(ALPHABET)}
_DECODE.update({"O": 0, "I": 1, "L": 1})
RAW_LENGTH = 20
BODY_CHARS = 32
CHECK_CHARS = 4
HKDF_INFO = b"goldseam recovery kek v1"


class RecoveryKeyTypo(ValueError):
    """The text is not a well-formed recovery key (wrong length, characters or checksum)."""


@dataclass(frozen=True)
class RecoveryKey:
    raw: bytes

    @classmethod
    def generate(cls) -> RecoveryKey:
        return cls(os.urandom(RAW_LENGTH))

    def formatted(self) -> str:
        text = _encode(self.raw) + _checksum(self.raw)
        return "-".join(text[i : i + 4] for i in range(0, len(text), 4))

    @classmethod
    def parse(cls, text: str) -> RecoveryKey:
        cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
        if len(cleaned) != BODY_CHARS + CHECK_CHARS or any(ch not in _DECODE for ch in cleaned):
            raise RecoveryKeyTypo("not a recovery key")
        normalised = "".join(ALPHABET[_DECODE[ch]] for ch in cleaned)
        raw = _decode(normalised[:BODY_CHARS])
        if _checksum(raw) != normalised[BODY_CHARS:]:
            raise RecoveryKeyTypo("checksum mismatch")
        return cls(raw)

    def derive_kek(self, salt: bytes) -> bytearray:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=HKDF_INFO)
        kek = bytearray(32)
        hkdf.derive_into(self.raw, kek)
        return kek


def _encode(raw: bytes) -> str:
    number = int.from_bytes(raw, "big")
    chars = []
    for _ in range(BODY_CHARS):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


def _decode(text: str) -> bytes:
    number = 0
    for ch in text:
        number = (number << 5) | _DECODE[ch]
    return number.to_bytes(RAW_LENGTH, "big")


def _checksum(raw: bytes) -> str:
    digest = int.from_bytes(hashlib.sha256(b"goldseam-recovery" + raw).digest()[:3], "big") >> 4
    chars = []
    for _ in range(CHECK_CHARS):
        chars.append(ALPHABET[digest & 31])
        digest >>= 5
    return "".join(reversed(chars))

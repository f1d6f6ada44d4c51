"""AES-256-GCM wrapping of the vault's data key.

The data key (DEK) is only ever stored wrapped. The associated data binds the wrap to the
header fields, so a header whose KDF parameters, file name or salt were edited no longer
authenticates.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_LENGTH = 12
TAG_LENGTH = 16
DEK_LENGTH = 32

__all__ = ["DEK_LENGTH", "InvalidTag", "WrappedKey", "new_data_key", "open_key", "seal_key"]


@dataclass(frozen=True)
class WrappedKey:
    nonce: bytes
    ciphertext: bytes  # 32-byte key followed by the 16-byte tag


def new_data_key() -> bytearray:
    return bytearray(os.urandom(DEK_LENGTH))


def seal_key(kek: bytearray, dek: bytearray, aad: bytes) -> WrappedKey:
    if len(kek) != 32 or len(dek) != DEK_LENGTH:
        raise ValueError("keys must be 32 bytes")
    nonce = os.urandom(NONCE_LENGTH)
    out = bytearray(DEK_LENGTH + TAG_LENGTH)
    AESGCM(kek).encrypt_into(nonce, dek, aad, out)
    return WrappedKey(nonce, bytes(out))


def open_key(kek: bytearray, wrapped: WrappedKey, aad: bytes) -> bytearray:
    """Unwrap into a new wipeable buffer. Raises ``InvalidTag`` on a wrong key or edited header."""
    if len(wrapped.nonce) != NONCE_LENGTH or len(wrapped.ciphertext) != DEK_LENGTH + TAG_LENGTH:
        raise InvalidTag()
    out = bytearray(DEK_LENGTH)
    AESGCM(kek).decrypt_into(wrapped.nonce, wrapped.ciphertext, aad, out)
    return out

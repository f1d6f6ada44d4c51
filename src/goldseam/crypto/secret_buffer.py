"""Secrets held in mutable buffers so they can be wiped after use.

Python ``str`` and ``bytes`` objects cannot be wiped, so every secret the vault handles
(passphrase bytes, key-encryption keys, the data key, the SQLCipher key spec) lives in a
``bytearray`` that is overwritten with zeros as soon as it is no longer needed. This is
best effort: the passphrase ``str`` typed into a widget still exists until it is collected.
"""

from __future__ import annotations

import ctypes
import unicodedata


def wipe(buffer: bytearray | None) -> None:
    """Overwrite a buffer with zeros in place (no copy is made)."""
    if not buffer:
        return
    address = (ctypes.c_char * len(buffer)).from_buffer(buffer)
    ctypes.memset(ctypes.addressof(address), 0, len(buffer))
    del address


def passphrase_bytes(text: str) -> bytearray:
    """Normalise a typed passphrase to NFC and return its UTF-8 bytes in a wipeable buffer.

    The same passphrase typed with precomposed or combining characters (for example
    "é" as U+00E9 or as "e" + U+0301) therefore gives the same key. Nothing is truncated.
    """
    normalised = unicodedata.normalize("NFC", text)
    return bytearray(normalised.encode("utf-8"))

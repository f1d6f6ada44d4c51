"""The vault header: KDF parameters, salts and the wrapped data key.

Serialised as canonical JSON (sorted keys, no whitespace). An unkeyed SHA-256 checksum over
all other fields detects accidental damage (so damage is never reported as a wrong
passphrase); the AES-GCM tag of each key wrap, whose associated data is every non-wrap
field, detects tampering and wrong passphrases.

```json
{"magic":"GOLDSEAM-VAULT","version":1,"vault_id":"…","generation":3,
 "db_file":"vault.3.db","db_salt":"<b64>",
 "kdf":{"alg":"argon2id","v":19,"m_kib":262144,"t":3,"p":4,"salt":"<b64>"},
 "recovery":{"alg":"hkdf-sha256","salt":"<b64>"} | null,
 "sqlcipher":{"compat":4,"page_size":4096},
 "wraps":{"passphrase":{"alg":"AES-256-GCM","nonce":"<b64>","ct":"<b64>"},
          "recovery":{…} | absent},
 "checksum":"<sha256 hex>"}
```
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import uuid
from dataclasses import dataclass, replace
from typing import Any

from goldseam.crypto.kdf import ARGON2_VERSION, KdfCost, KdfParams
from goldseam.crypto.key_wrap import WrappedKey
from goldseam.vault.vault_folder import db_name

MAGIC = "GOLDSEAM-VAULT"
FORMAT_VERSION = 1
DB_SALT_LENGTH = 16
SLOT_PASSPHRASE = "passphrase"
SLOT_RECOVERY = "recovery"
MAX_HEADER_BYTES = 64 * 1024


class HeaderInvalid(ValueError):
    """The bytes are not an intact Goldseam header (damage, truncation, wrong file)."""


class HeaderTooNew(ValueError):
    """The header is intact but written by a newer format version."""


@dataclass(frozen=True)
class RecoverySlot:
    salt: bytes
    wrap: WrappedKey


@dataclass(frozen=True)
class VaultHeader:
    vault_id: str
    generation: int
    db_salt: bytes
    kdf: KdfParams
    passphrase_wrap: WrappedKey
    recovery: RecoverySlot | None = None

    @property
    def db_file(self) -> str:
        return db_name(self.generation)

    @staticmethod
    def new_vault_id() -> str:
        return uuid.uuid4().hex

    def with_wraps(self, passphrase_wrap: WrappedKey, recovery: RecoverySlot | None) -> VaultHeader:
        return replace(self, passphrase_wrap=passphrase_wrap, recovery=recovery)

    # -- associated data -----------------------------------------------------------------

    def _bound_fields(self) -> dict[str, Any]:
        """Every field except the wraps and the checksum."""
        return {
            "magic": MAGIC,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "generation": self.generation,
            "db_file": self.db_file,
            "db_salt": _b64(self.db_salt),
            "kdf": {
                "alg": "argon2id",
                "v": ARGON2_VERSION,
                "m_kib": self.kdf.cost.memory_kib,
                "t": self.kdf.cost.iterations,
                "p": self.kdf.cost.lanes,
                "salt": _b64(self.kdf.salt),
            },
            "recovery": None if self.recovery is None else {"alg": "hkdf-sha256", "salt": _b64(self.recovery.salt)},
            "sqlcipher": {"compat": 4, "page_size": 4096},
        }

    def aad(self, slot: str) -> bytes:
        return canonical_json(self._bound_fields()) + b"\x00" + slot.encode("ascii")

    # -- serialisation -------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        fields = self._bound_fields()
        wraps = {SLOT_PASSPHRASE: _wrap_json(self.passphrase_wrap)}
        if self.recovery is not None:
            wraps[SLOT_RECOVERY] = _wrap_json(self.recovery.wrap)
        fields["wraps"] = wraps
        fields["checksum"] = hashlib.sha256(canonical_json(fields)).hexdigest()
        return canonical_json(fields) + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes) -> VaultHeader:
        if len(data) > MAX_HEADER_BYTES:
            raise HeaderInvalid("header too large")
        try:
            obj = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise HeaderInvalid("not JSON") from error
        if not isinstance(obj, dict) or obj.get("magic") != MAGIC:
            raise HeaderInvalid("not a Goldseam header")
        checksum = obj.pop("checksum", None)
        if not isinstance(checksum, str) or hashlib.sha256(canonical_json(obj)).hexdigest() != checksum:
            raise HeaderInvalid("checksum mismatch")
        version = obj.get("version")
        if not isinstance(version, int):
            raise HeaderInvalid("no version")
        if version > FORMAT_VERSION:
            raise HeaderTooNew(str(version))
        try:
            header = _parse_v1(obj)
        except (KeyError, TypeError, ValueError, binascii.Error) as error:
            raise HeaderInvalid(f"malformed field: {type(error).__name__}") from error
        # The canonical re-serialisation must match what was stored: no unknown fields.
        if header.to_bytes().rstrip(b"\n") != canonical_json({**obj, "checksum": checksum}):
            raise HeaderInvalid("unexpected fields")
        return header


def _parse_v1(obj: dict[str, Any]) -> VaultHeader:
    generation = obj["generation"]
    if not isinstance(generation, int) or generation < 1:
        raise ValueError("generation")
    if obj["db_file"] != db_name(generation):
        raise ValueError("db_file")
    kdf = obj["kdf"]
    if kdf["alg"] != "argon2id" or kdf["v"] != ARGON2_VERSION:
        raise ValueError("kdf alg")
    for key in ("m_kib", "t", "p"):
        if not isinstance(kdf[key], int):
            raise ValueError("kdf cost")
    db_salt = _unb64(obj["db_salt"])
    if len(db_salt) != DB_SALT_LENGTH:
        raise ValueError("db_salt length")
    vault_id = obj["vault_id"]
    if not isinstance(vault_id, str) or len(vault_id) != 32:
        raise ValueError("vault_id")
    if obj["sqlcipher"] != {"compat": 4, "page_size": 4096}:
        raise ValueError("sqlcipher settings")
    wraps = obj["wraps"]
    recovery_meta = obj["recovery"]
    recovery = None
    if recovery_meta is not None:
        if recovery_meta["alg"] != "hkdf-sha256":
            raise ValueError("recovery alg")
        recovery = RecoverySlot(_unb64(recovery_meta["salt"]), _parse_wrap(wraps[SLOT_RECOVERY]))
    elif SLOT_RECOVERY in wraps:
        raise ValueError("recovery wrap without slot")
    return VaultHeader(
        vault_id=vault_id,
        generation=generation,
        db_salt=db_salt,
        kdf=KdfParams(KdfCost(kdf["m_kib"], kdf["t"], kdf["p"]), _unb64(kdf["salt"])),
        passphrase_wrap=_parse_wrap(wraps[SLOT_PASSPHRASE]),
        recovery=recovery,
    )


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise TypeError("base64 field")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _wrap_json(wrap: WrappedKey) -> dict[str, str]:
    return {"alg": "AES-256-GCM", "nonce": _b64(wrap.nonce), "ct": _b64(wrap.ciphertext)}


def _parse_wrap(obj: Any) -> WrappedKey:
    if obj["alg"] != "AES-256-GCM":
        raise ValueError("wrap alg")
    return WrappedKey(_unb64(obj["nonce"]), _unb64(obj["ct"]))

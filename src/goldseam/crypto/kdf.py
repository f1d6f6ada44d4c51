"""Argon2id key derivation for the passphrase, with calibration at vault creation.

The parameters follow the vault design: Argon2id version 19, 16-byte random salt, 32-byte
output, never below m = 64 MiB, t = 3, p = 4 (RFC 9106 "second recommended"). At creation
the cost is calibrated so an unlock takes about half a second to a second on this machine.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

ARGON2_VERSION = 19
KEY_LENGTH = 32
SALT_LENGTH = 16

FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_ITERATIONS = 3
LANES = 4
DEFAULT_MEMORY_KIB = 256 * 1024

# Upper bounds accepted from a header: a hostile header must not make unlock allocate
# unbounded memory or spin for minutes before the authentication tag is checked.
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_ITERATIONS = 64
MAX_LANES = 16

TARGET_SECONDS_LOW = 0.5
TARGET_SECONDS_HIGH = 1.0


class KdfParamsRejected(ValueError):
    """The parameters are below Goldseam's floor or beyond sane limits."""


@dataclass(frozen=True)
class KdfCost:
    """Argon2id cost parameters without a salt."""

    memory_kib: int
    iterations: int
    lanes: int = LANES

    def check(self) -> None:
        if self.memory_kib < FLOOR_MEMORY_KIB or self.iterations < FLOOR_ITERATIONS or self.lanes < LANES:
            raise KdfParamsRejected("Argon2id parameters are below the minimum m=64 MiB, t=3, p=4")
        if self.memory_kib > MAX_MEMORY_KIB or self.iterations > MAX_ITERATIONS or self.lanes > MAX_LANES:
            raise KdfParamsRejected("Argon2id parameters are beyond the accepted limits")


FLOOR_COST = KdfCost(FLOOR_MEMORY_KIB, FLOOR_ITERATIONS, LANES)


@dataclass(frozen=True)
class KdfParams:
    """Everything needed to re-derive a key: the cost plus the salt."""

    cost: KdfCost
    salt: bytes

    @classmethod
    def fresh(cls, cost: KdfCost) -> KdfParams:
        return cls(cost, os.urandom(SALT_LENGTH))


def derive_kek(passphrase: bytearray, params: KdfParams) -> bytearray:
    """Derive a 32-byte key-encryption key into a new wipeable buffer."""
    params.cost.check()
    if len(params.salt) != SALT_LENGTH:
        raise KdfParamsRejected("Argon2id salt must be 16 bytes")
    kdf = Argon2id(
        salt=params.salt,
        length=KEY_LENGTH,
        iterations=params.cost.iterations,
        lanes=params.cost.lanes,
        memory_cost=params.cost.memory_kib,
    )
    out = bytearray(KEY_LENGTH)
    kdf.derive_into(passphrase, out)  # type: ignore[arg-type]  # accepts any buffer at run time
    return out


@dataclass(frozen=True)
class Calibration:
    """The outcome of calibrating the KDF on this machine."""

    cost: KdfCost
    seconds: float
    fell_back_to_floor: bool


def _time_once(cost: KdfCost, clock: Callable[[], float]) -> float:
    probe = bytearray(b"goldseam calibration probe")
    start = clock()
    key = derive_kek(probe, KdfParams.fresh(cost))
    elapsed = clock() - start
    key[:] = bytes(len(key))
    return elapsed


def calibrate(
    *,
    low: float = TARGET_SECONDS_LOW,
    high: float = TARGET_SECONDS_HIGH,
    clock: Callable[[], float] = time.perf_counter,
    timer: Callable[[KdfCost], float] | None = None,
) -> Calibration:
    """Pick Argon2id parameters so one derivation takes between ``low`` and ``high`` seconds.

    Start at 256 MiB and t=3. If that is too slow, halve the memory (never below 64 MiB);
    if it is too fast, raise the iteration count. If 256 MiB cannot be allocated, fall back
    to the floor and report it so the UI can tell the user.
    """
    measure = timer or (lambda cost: _time_once(cost, clock))
    memory = DEFAULT_MEMORY_KIB
    fell_back = False
    cost = KdfCost(memory, FLOOR_ITERATIONS)
    try:
        seconds = measure(cost)
    except MemoryError:
        fell_back = True
        cost = FLOOR_COST
        seconds = measure(cost)
        return Calibration(cost, seconds, fell_back)

    while seconds > high and cost.memory_kib > FLOOR_MEMORY_KIB:
        cost = KdfCost(max(FLOOR_MEMORY_KIB, cost.memory_kib // 2), cost.iterations)
        seconds = measure(cost)

    while seconds < low and cost.iterations < 12:
        # Time grows about linearly with iterations; aim for the middle of the window.
        per_pass = seconds / cost.iterations
        wanted = max(cost.iterations + 1, round(((low + high) / 2) / max(per_pass, 1e-6)))
        cost = KdfCost(cost.memory_kib, min(12, wanted))
        seconds = measure(cost)
    return Calibration(cost, seconds, fell_back)

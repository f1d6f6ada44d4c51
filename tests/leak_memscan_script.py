"""Subprocess helper for ``tests/test_leaks.py`` (design test 7): key material left in memory after lock.

Usage: ``python leak_memscan_script.py <vault dir> <scenario>`` with scenario one of

* ``create``   – create a vault, write, lock (the vault is left for the other scenarios);
* ``unlock``   – unlock with the passphrase, write and read drafts, lock;
* ``backup``   – unlock, write, make an encrypted backup, lock;
* ``rotate``   – unlock, change the passphrase (new data key), lock;
* ``recovery`` – unlock with the recovery key written by ``create``, lock.

After the lock this process's readable memory is scanned through ``/proc/self/maps`` and
``/proc/self/mem``. Every secret is only ever held here as two separate halves (never as one
contiguous copy): the scan looks for the first half and compares the second half in place,
in a single preallocated read buffer whose own address range is excluded. The result is one
JSON line on stdout: for each needle, the number of places it was found.

Controls run in the same scan: a random key held only as halves must be found 0 times, and a
random key deliberately held as one full copy must be found exactly once.
"""

from __future__ import annotations

import ctypes
import json
import os
import secrets
import sys
from pathlib import Path

CHUNK = 1 << 20
HEX = b"0123456789abcdef"
PASSPHRASE = "marmalade otter lighthouse quietly wanders"
NEW_PASSPHRASE = "a different, equally long passphrase for rotation"

Needle = tuple[bytearray, bytearray]


def halves(secret: bytearray) -> Needle:
    """Two separate copies of the two halves (slicing copies only half at a time)."""
    middle = len(secret) // 2
    return secret[:middle], secret[middle:]


def hex_halves(secret: bytearray) -> Needle:
    """Lowercase hex of each half, built byte by byte so no full hex string ever exists."""
    middle = len(secret) // 2
    parts = []
    for start, stop in ((0, middle), (middle, len(secret))):
        out = bytearray(2 * (stop - start))
        for offset, index in enumerate(range(start, stop)):
            out[2 * offset] = HEX[secret[index] >> 4]
            out[2 * offset + 1] = HEX[secret[index] & 15]
        parts.append(out)
    return parts[0], parts[1]


def random_buffer(length: int) -> bytearray:
    """Random bytes filled in place: ``bytearray(os.urandom(n))`` would leave a freed, unwiped copy."""
    out = bytearray(length)
    for index in range(length):
        out[index] = secrets.randbits(8)
    return out


def buffer_address(buffer: bytearray) -> int:
    view = (ctypes.c_char * len(buffer)).from_buffer(buffer)
    address = ctypes.addressof(view)
    del view
    return address


def readable_regions() -> list[tuple[int, int]]:
    regions = []
    with Path("/proc/self/maps").open(encoding="ascii", errors="replace") as maps:
        for line in maps:
            fields = line.split()
            start, end = (int(part, 16) for part in fields[0].split("-"))
            name = fields[5] if len(fields) > 5 else ""
            if fields[1].startswith("r") and name not in ("[vvar]", "[vvar_vclock]", "[vsyscall]"):
                regions.append((start, end))
    return regions


def scan(needles: dict[str, Needle]) -> tuple[dict[str, int], int]:
    longest = max(len(a) + len(b) for a, b in needles.values())
    buf = bytearray(CHUNK + longest)
    view = memoryview(buf)
    own_start = buffer_address(buf)
    own_end = own_start + len(buf)
    found: dict[str, set[int]] = {name: set() for name in needles}
    scanned = 0
    fd = os.open("/proc/self/mem", os.O_RDONLY)
    try:
        for start, end in readable_regions():
            position = start
            while position < end:
                wanted = min(len(buf), end - position)
                try:
                    got = os.preadv(fd, [view[:wanted]], position)
                except OSError:
                    break
                if got <= 0:
                    break
                scanned += got
                limit = min(got, CHUNK)  # a match must start in this chunk; the tail overlaps the next
                for name, (first, second) in needles.items():
                    index = buf.find(first, 0, got)
                    while index != -1 and index < limit:
                        tail = index + len(first)
                        if tail + len(second) <= got and view[tail : tail + len(second)] == second:
                            address = position + index
                            if not own_start <= address < own_end:
                                found[name].add(address)
                        index = buf.find(first, index + 1, got)
                position += CHUNK
    finally:
        os.close(fd)
        buf[:] = bytes(len(buf))
        view.release()
    return {name: len(addresses) for name, addresses in found.items()}, scanned


class Recorder:
    """Wraps the functions that produce key-encryption keys and keeps halves plus the buffers."""

    def __init__(self) -> None:
        self.keks: list[tuple[str, Needle, Needle, bytearray]] = []

    def record(self, kind: str, buffer: bytearray) -> bytearray:
        self.keks.append((kind, halves(buffer), hex_halves(buffer), buffer))
        return buffer

    def install(self) -> None:
        from goldseam.crypto import kdf
        from goldseam.crypto.recovery_key import RecoveryKey
        from goldseam.vault import generations, opening, vault_session

        real_derive = kdf.derive_kek

        def derive_kek(passphrase, params):  # type: ignore[no-untyped-def]
            return self.record("passphrase_kek", real_derive(passphrase, params))

        for module in (opening, generations, vault_session):
            module.derive_kek = derive_kek  # type: ignore[attr-defined]

        real_recovery = RecoveryKey.derive_kek

        def recovery_kek(key, salt):  # type: ignore[no-untyped-def]
            return self.record("recovery_kek", real_recovery(key, salt))

        RecoveryKey.derive_kek = recovery_kek  # type: ignore[method-assign]


def main() -> int:
    vault_dir, scenario = Path(sys.argv[1]), sys.argv[2]

    from goldseam.crypto.kdf import FLOOR_COST
    from goldseam.vault import opening
    from goldseam.vault.vault_folder import VaultFolder

    folder = VaultFolder(vault_dir)
    recorder = Recorder()
    recorder.install()
    deks: list[tuple[Needle, Needle]] = []
    session = None

    if scenario == "create":
        created = opening.create_vault(folder, bytearray(PASSPHRASE.encode()), cost=FLOOR_COST)
        session = created.session
        assert created.recovery_key is not None
        (vault_dir.parent / "recovery.txt").write_text(created.recovery_key.formatted(), encoding="ascii")
    elif scenario == "recovery":
        text = (vault_dir.parent / "recovery.txt").read_text(encoding="ascii")
        session = opening.unlock_with_recovery_key(folder, text)
    else:
        session = opening.unlock_vault(folder, bytearray(PASSPHRASE.encode()))
    deks.append((halves(session._dek), hex_halves(session._dek)))

    session.save_draft("memscan", "a draft written during the memory-scan scenario")
    assert session.load_draft("memscan")
    if scenario == "backup":
        session.backup_to(vault_dir.parent / "memscan-backup.gsbackup")
    if scenario == "rotate":
        session.rotate_keys(bytearray(PASSPHRASE.encode()), bytearray(NEW_PASSPHRASE.encode()), with_recovery=True)
        deks.append((halves(session._dek), hex_halves(session._dek)))
    # Validates the needles: while unlocked the live key must be found (at least our own buffer).
    before_lock, _scanned = scan({f"dek{n}_raw": raw for n, (raw, _hex) in enumerate(deks)})
    dek_buffer = session._dek
    session.lock()
    del session

    # Controls: a key held only as halves (must not be found) and one held in full (found once).
    absent = random_buffer(32)
    absent_needle = halves(absent)
    absent[:] = bytes(32)
    present = random_buffer(32)

    needles: dict[str, Needle] = {"control_absent": absent_needle, "control_present": halves(present)}
    for number, (raw, hexed) in enumerate(deks):
        needles[f"dek{number}_raw"] = raw
        needles[f"dek{number}_hex"] = hexed
    for number, (kind, raw, hexed, _buffer) in enumerate(recorder.keks):
        needles[f"{kind}{number}_raw"] = raw
        needles[f"{kind}{number}_hex"] = hexed

    counts, scanned = scan(needles)
    report = {
        "counts": counts,
        "scanned_bytes": scanned,
        "found_before_lock": before_lock,
        "dek_buffer_zeroed": not any(dek_buffer),
        "kek_buffers_zeroed": {f"{kind}{n}": not any(buf) for n, (kind, _r, _h, buf) in enumerate(recorder.keks)},
    }
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

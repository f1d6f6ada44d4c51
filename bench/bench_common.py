"""Helpers shared by the benchmark scripts: statistics, memory readings, the unencrypted twin, the report."""

from __future__ import annotations

import json
import math
import resource
import sqlite3
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from time import perf_counter, strftime
from typing import Any

from goldseam.storage.migrations import apply_pending

PASSPHRASE = "bench only: quiet harbour lantern seventeen"
MIB = 2**20


def passphrase() -> bytearray:
    return bytearray(PASSPHRASE.encode("utf-8"))


# -- timing ----------------------------------------------------------------------------------------------

STD = "stdlib sqlite3, no encryption"


def log(message: str) -> None:
    print(f"[{strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pair_once(i: int, vault: Callable[[], object], plain: Callable[[], object]) -> tuple[float, float]:
    """Milliseconds for one vault call and one baseline call; which goes first alternates with ``i``."""
    times: dict[int, float] = {}
    for which in (0, 1) if i % 2 == 0 else (1, 0):
        action = vault if which == 0 else plain
        start = perf_counter()
        action()
        times[which] = (perf_counter() - start) * 1000
    return times[0], times[1]


def paired(
    rounds: int, vault: Callable[[int], object], plain: Callable[[int], object]
) -> tuple[list[float], list[float]]:
    pairs = [pair_once(i, partial(vault, i), partial(plain, i)) for i in range(rounds)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def timed(action: Callable[[], object]) -> float:
    """Seconds taken by ``action()``."""
    start = perf_counter()
    action()
    return perf_counter() - start


# -- statistics ---------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def p95(values: Sequence[float]) -> float:
    """95th percentile, nearest rank (the value 95 % of the samples do not exceed)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def median_ratio(pairs: Sequence[tuple[float, float]]) -> float:
    """Median of per-pair ratios a / b: robust when the machine's speed drifts during the run."""
    return median([a / b for a, b in pairs if b > 0])


# -- memory ---------------------------------------------------------------------------------------------


def rss_mib() -> float:
    """Current resident set size (VmRSS) of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


def peak_rss_mib() -> float:
    """Peak RSS of this process so far (ru_maxrss, KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def high_water_rss_mib() -> float:
    """Peak RSS since this program started (VmHWM). In a child started by ``journal_bench.py`` this is the
    figure to use: Linux carries ru_maxrss over exec, so there it would include the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return math.nan


# -- the unencrypted twin --------------------------------------------------------------------------------


def open_plain(path: Path) -> sqlite3.Connection:
    """Stdlib sqlite3 (no encryption) with the real migrations and the vault's connection policy.

    Except ``trusted_schema = OFF``: SQLite 3.40 then refuses the FTS triggers ("unsafe use of virtual
    table"); it is a safety switch with no effect on speed.
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in (
        "locking_mode = EXCLUSIVE",
        "journal_mode = WAL",
        "synchronous = FULL",
        "temp_store = MEMORY",
        "mmap_size = 0",
        "secure_delete = ON",
        "foreign_keys = ON",
        "cache_size = -16000",
    ):
        conn.execute(f"PRAGMA {pragma}").fetchall()
    apply_pending(conn)
    return conn


# -- what-if: the vault without SQLCipher's memory security ----------------------------------------------


def without_memory_security() -> None:
    """Diagnosis only, NOT the shipped policy: open vaults without ``PRAGMA cipher_memory_security = ON``.

    That pragma makes SQLCipher mlock, munlock and wipe every allocation SQLite makes (FTS5 makes
    thousands per query); this shows what the policy costs. Must run before any vault is opened
    (the pragma is process-wide and cannot be turned off again).
    """

    from goldseam.crypto.secret_buffer import wipe
    from goldseam.vault import self_check, sqlcipher_db

    def apply_key(conn: Any, dek: bytearray, salt: bytes) -> None:
        spec = sqlcipher_db.build_key_spec(dek, salt)
        try:
            conn.set_key(spec)
        finally:
            wipe(spec)
        conn.execute("PRAGMA cipher_compatibility = 4")

    sqlcipher_db._apply_key = apply_key
    sqlcipher_db.EXPECTED_PRAGMAS = tuple(p for p in sqlcipher_db.EXPECTED_PRAGMAS if p[0] != "cipher_memory_security")
    self_check._probe_connection = partial(self_check._probe_connection, memory_security=False)


# -- the report ------------------------------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: float | None = None  # the figure must stay below this
    target_text: str = ""
    baseline: float | None = None
    baseline_text: str = ""  # what the baseline is
    ratio: float | None = None  # median of paired ratios where measured pairwise, else value / baseline
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return bool(self.value < self.target)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["passed"] = self.passed
        for key in ("value", "baseline", "ratio", "target"):
            if isinstance(data[key], float) and math.isnan(data[key]):
                data[key] = None
        return data


def figure_with_baseline(
    name: str, value: float, unit: str, baseline: float, baseline_text: str, **extra: Any
) -> Figure:
    ratio = extra.pop("ratio", value / baseline if baseline else math.nan)
    return Figure(name, value, unit, baseline=baseline, baseline_text=baseline_text, ratio=ratio, **extra)


def _number(value: float | None, unit: str = "") -> str:
    if value is None or math.isnan(value):
        return "–"
    magnitude = abs(value)
    text = f"{value:,.0f}" if magnitude >= 1000 else f"{value:.1f}" if magnitude >= 10 else f"{value:.3g}"
    return f"{text} {unit}".rstrip()


def format_table(figures: Sequence[Figure]) -> str:
    header = ("figure", "value", "target", "result", "baseline (same run)", "ratio")
    rows = [header]
    for f in figures:
        verdict = {True: "PASS", False: "FAIL", None: ""}[f.passed]
        target = f.target_text or (f"< {_number(f.target, f.unit)}" if f.target is not None else "")
        baseline = f"{_number(f.baseline, f.unit)} {f.baseline_text}".strip() if f.baseline is not None else ""
        ratio = f"×{f.ratio:.2f}" if f.ratio is not None and not math.isnan(f.ratio) else ""
        rows.append((f.name, _number(f.value, f.unit), target, verdict, baseline, ratio))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["", "notes:", *notes] if notes else []))


def write_results(path: Path, figures: Sequence[Figure], facts: dict[str, Any]) -> None:
    failed = [f.name for f in figures if f.passed is False]
    document = {"facts": facts, "failed": failed, "figures": [f.as_json() for f in figures]}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

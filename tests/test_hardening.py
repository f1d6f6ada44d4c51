"""Process hardening: no core dumps, not dumpable (vault-security.md §2.7, §4.5; §6 test 39).

Everything runs in subprocesses, because hardening is process-wide and irreversible. The
abort tests use ``hardening_abort_script.py``, which forks a child and reports ``WCOREDUMP``
from ``waitpid``, so they hold whatever ``core_pattern`` says (a file or a pipe to a collector).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import PYTHON, python_subprocess_env

HERE = Path(__file__).resolve().parent
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="RLIMIT_CORE, prctl(PR_GET_DUMPABLE) and core files are Linux-specific"
)

PROBE = """
import ctypes, ctypes.util, faulthandler, json, resource, sys
from pathlib import Path

libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)

def state():
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rlimit_core": list(resource.getrlimit(resource.RLIMIT_CORE)),
        "prctl_dumpable": libc.prctl(3, 0, 0, 0, 0),  # PR_GET_DUMPABLE
        "status_dumpable": fields.get("Dumpable", "").strip() or None,
        "faulthandler": faulthandler.is_enabled(),
    }

# Start permissive, so any change is hardening's doing.
_soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
before = state()
if sys.argv[1] == "harden_process":
    from goldseam.process_hardening import harden_process, is_dumpable
    harden_process()
    reported = is_dumpable()
else:  # the real entry point hardens before it parses arguments
    from goldseam import cli
    from goldseam.process_hardening import is_dumpable
    try:
        cli.main(["--version"])
    except SystemExit:
        pass
    reported = is_dumpable()
print(json.dumps({"before": before, "after": state(), "is_dumpable": reported}))
"""


def probe(how: str) -> dict[str, Any]:
    result = subprocess.run(
        [PYTHON, "-c", PROBE, how],
        env=python_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("how", ["harden_process", "cli_entry_point"])
def test_39_hardened_process_has_no_core_limit_and_is_not_dumpable(how: str) -> None:
    """Test 39: after ``harden_process()`` (directly, or through ``goldseam.cli.main``), RLIMIT_CORE is
    (0, 0) and the process is not dumpable (``prctl(PR_GET_DUMPABLE) == 0``; ``/proc/self/status``
    agrees where the kernel shows a Dumpable field); faulthandler writes to stderr only. The same
    process was dumpable with a non-zero core limit just before."""
    report = probe(how)
    before, after = report["before"], report["after"]
    assert before["prctl_dumpable"] == 1, "the probe did not start dumpable; the test proves nothing"
    assert after["rlimit_core"] == [0, 0]
    assert after["prctl_dumpable"] == 0
    assert after["status_dumpable"] in (None, "0")
    assert report["is_dumpable"] is False
    assert after["faulthandler"]


def abort_child(mode: str, cwd: Path) -> dict[str, Any]:
    result = subprocess.run(
        [PYTHON, str(HERE / "hardening_abort_script.py"), mode],
        cwd=cwd,
        env=python_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def core_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith("core")]


def test_39_hardened_child_abort_leaves_no_core(tmp_path: Path) -> None:
    """Test 39: a child that hardens itself and then calls ``os.abort()`` dies of SIGABRT without the
    kernel dumping core (``WCOREDUMP`` false) and leaves no core file in its working directory."""
    report = abort_child("harden", tmp_path)
    assert report["signaled"] and report["signal"] == signal.SIGABRT
    assert report["core_dumped"] is False
    assert core_files(tmp_path) == []


def file_core_pattern() -> str | None:
    try:
        pattern = Path("/proc/sys/kernel/core_pattern").read_text(encoding="ascii").strip()
    except OSError:
        return None
    return None if pattern.startswith(("|", "/")) or not pattern else pattern


def test_39_control_unhardened_child_abort_does_dump_core(tmp_path: Path) -> None:
    """Negative control for the test above: the same child without hardening does dump core (and,
    with a file ``core_pattern``, leaves a core file), so "no core" really is hardening's effect."""
    if file_core_pattern() is None:
        pytest.skip("core_pattern pipes to a collector or writes elsewhere; not creating a host-wide crash report")
    report = abort_child("plain", tmp_path)
    if report["hard_core_limit"] == 0:
        pytest.skip("the hard RLIMIT_CORE is 0 here, so no process can dump core")
    assert report["signaled"] and report["signal"] == signal.SIGABRT
    assert report["core_dumped"] is True
    cores = core_files(tmp_path)
    assert cores, "the kernel reported a core dump but no core file is in the working directory"
    for core in cores:
        core.unlink()

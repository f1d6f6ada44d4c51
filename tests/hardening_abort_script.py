"""Subprocess helper for ``tests/test_hardening.py`` (design test 39): does an abort leave a core?

Usage: ``python hardening_abort_script.py harden|plain`` with the working directory set to an
empty folder. A child process is forked; it raises its soft ``RLIMIT_CORE`` to the hard limit
(so that, unhardened, it would dump core), calls ``harden_process()`` when asked, and then
``os.abort()``. The parent waits and prints one JSON line: the signal that ended the child,
whether the kernel reported a core dump (``WCOREDUMP``), and what the child's limits were.
"""

from __future__ import annotations

import json
import os
import resource
import sys


def child(harden: bool) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
    if harden:
        from goldseam.process_hardening import harden_process

        harden_process()
    os.abort()


def main() -> int:
    harden = sys.argv[1] == "harden"
    if harden:
        import goldseam.process_hardening  # noqa: F401  # import before forking, so a failure shows here

    pid = os.fork()
    if pid == 0:
        try:
            child(harden)
        finally:
            os._exit(99)  # only reached if abort() did not end the process
    _pid, status = os.waitpid(pid, 0)
    print(
        json.dumps(
            {
                "signaled": os.WIFSIGNALED(status),
                "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                "core_dumped": os.WCOREDUMP(status),
                "hard_core_limit": resource.getrlimit(resource.RLIMIT_CORE)[1],
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

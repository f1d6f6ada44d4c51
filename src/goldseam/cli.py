"""Command-line entry: the GUI by default, plus ``--version`` and ``--self-test``.

Scripting commands (``export``, ``import``, ``backup``, ``verify``) are subcommands; each
reads the passphrase from the terminal without echo, or from stdin when piped, never from
an argument.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from goldseam import __version__, app_paths
from goldseam.process_hardening import harden_process


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="goldseam",
        description="Goldseam: a private, encrypted companion for working through a breakup.",
    )
    parser.add_argument("--version", action="version", version=f"Goldseam {__version__}")
    parser.add_argument(
        "--vault",
        metavar="DIR",
        type=Path,
        help="use the vault in DIR (for example on a USB stick) instead of the default location",
    )
    parser.add_argument("--language", metavar="CODE", help="interface language for this run, e.g. fr or pt_BR")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the encryption engine and a throwaway vault without a window, then exit",
    )
    parser.add_argument(
        "--self-test-gui",
        action="store_true",
        help="with --self-test: also start Qt and show the main window once (offscreen if no display)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    harden_process()
    args = build_parser().parse_args(argv)
    if args.self_test:
        from goldseam.self_test import run_self_test

        ok = run_self_test(lambda line: print(line, flush=True))
        if ok and args.self_test_gui:
            from goldseam.ui.window_smoke_test import run_window_smoke_test

            ok = run_window_smoke_test(lambda line: print(line, flush=True))
        return 0 if ok else 1
    vault_dir = args.vault.expanduser() if args.vault else app_paths.default_vault_dir()
    from goldseam.ui.app import run_app

    return run_app(vault_dir=vault_dir, language=args.language, vault_dir_explicit=args.vault is not None)


if __name__ == "__main__":
    sys.exit(main())

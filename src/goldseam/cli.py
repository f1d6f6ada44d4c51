"""Command-line entry: the GUI by default; ``--version``, ``--self-test``; and scripting
subcommands (``export``, ``import``, ``backup``, ``verify``) — see goldseam.cli_commands.

The passphrase is never taken from an argument: the commands read it from the terminal
without echo, or from stdin when it is piped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from goldseam import __version__, app_paths, i18n
from goldseam.process_hardening import harden_process

EPILOG = """exit codes: 0 done; 1 failed (the message says why); 2 bad arguments;
3 wrong passphrase; 4 no vault, or vault/backup damaged; 5 vault open in another window.
The passphrase is read from the terminal without echo, or as one line from stdin when piped."""


def _vault_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--vault",
        metavar="DIR",
        type=Path,
        default=default,
        help="use the vault in DIR (for example on a USB stick) instead of the default location",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="goldseam",
        description="Goldseam: a private, encrypted companion for working through a breakup.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Goldseam {__version__}")
    _vault_option(parser)
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = commands.add_parser("export", help="write the journal as Markdown, JSON or PDF (unencrypted!)")
    export.add_argument("--output", "-o", required=True, metavar="FILE", help="where to write the export")
    export.add_argument("--format", "-f", choices=["md", "markdown", "json", "pdf"], help="default: from FILE")
    export.add_argument("--include-vent", action="store_true", help="include private venting (left out by default)")
    export.add_argument("--yes", "-y", action="store_true", help="don't ask before writing a readable copy")
    _vault_option(export, argparse.SUPPRESS)

    importer = commands.add_parser("import", help="import jrnl JSON, Day One JSON (zip) or Markdown files")
    importer.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER")
    importer.add_argument("--format", default="auto", choices=["auto", "jrnl", "dayone", "markdown"])
    importer.add_argument("--dry-run", action="store_true", help="check the files and report, import nothing")
    _vault_option(importer, argparse.SUPPRESS)

    backup = commands.add_parser("backup", help="write a verified, encrypted backup (.gsbackup)")
    backup.add_argument("--output", "-o", required=True, metavar="FILE")
    _vault_option(backup, argparse.SUPPRESS)

    verify = commands.add_parser("verify", help="check every page of the vault, or a backup file")
    verify.add_argument("--backup", metavar="FILE", help="check this backup instead of the vault")
    _vault_option(verify, argparse.SUPPRESS)
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
    if args.command:
        from goldseam.cli_commands import run_command

        i18n.set_language(args.language)
        return run_command(args)
    vault_dir = args.vault.expanduser() if args.vault else app_paths.default_vault_dir()
    from goldseam.ui.app import run_app

    return run_app(vault_dir=vault_dir, language=args.language, vault_dir_explicit=args.vault is not None)


if __name__ == "__main__":
    sys.exit(main())

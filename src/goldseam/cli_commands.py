"""Scripting commands in the spirit of ``keepassxc-cli``: export, import, backup, verify.

The passphrase is read from the terminal without echo, or as one line from stdin when it is
piped — never from an argument or the environment. Every failure prints one clear line to
stderr and exits non-zero:

  1  something else went wrong (the message says what)
  3  wrong passphrase
  4  no vault, or the vault or backup is damaged
  5  the vault is open in another Goldseam window
"""

from __future__ import annotations

import getpass
import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from goldseam import app_paths, i18n
from goldseam.crypto.secret_buffer import passphrase_bytes, wipe
from goldseam.i18n import _, ngettext
from goldseam.transfer import exporting, importing
from goldseam.transfer.exporting import ExportOptions
from goldseam.vault import opening
from goldseam.vault.errors import (
    BackupDamaged,
    DatabaseDamaged,
    HeaderDamaged,
    NoVault,
    VaultAlreadyOpen,
    VaultError,
    WrongPassphrase,
    as_vault_error,
)
from goldseam.vault.instance_lock import InstanceLock
from goldseam.vault.vault_folder import VaultFolder
from goldseam.vault.vault_session import VaultSession

T = TypeVar("T")
EXIT_FAILED, EXIT_WRONG_PASSPHRASE, EXIT_DAMAGED, EXIT_ALREADY_OPEN = 1, 3, 4, 5


class CommandFailed(Exception):
    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def exit_code_for(error: VaultError) -> int:
    if isinstance(error, WrongPassphrase):
        return EXIT_WRONG_PASSPHRASE
    if isinstance(error, (NoVault, HeaderDamaged, DatabaseDamaged, BackupDamaged)):
        return EXIT_DAMAGED
    if isinstance(error, VaultAlreadyOpen):
        return EXIT_ALREADY_OPEN
    return EXIT_FAILED


def read_passphrase(prompt: str, stdin: TextIO | None = None) -> bytearray:
    stream = stdin or sys.stdin
    if stream.isatty():
        text = getpass.getpass(prompt, stream=sys.stderr)
    else:
        text = stream.readline()
        if text.endswith("\n"):
            text = text[:-1]
        if text.endswith("\r"):
            text = text[:-1]
    if not text:
        raise CommandFailed(_("No passphrase was given."))
    secret = passphrase_bytes(text)
    del text
    return secret


def vault_folder(args: Namespace) -> VaultFolder:
    return VaultFolder(Path(args.vault).expanduser() if args.vault else app_paths.default_vault_dir())


def with_unlocked_vault(args: Namespace, action: Callable[[VaultSession], T]) -> T:
    folder = vault_folder(args)
    lock = InstanceLock(folder.lock_file)
    if not folder.has_any_vault_file():
        raise CommandFailed(NoVault().user_message() + " " + str(folder.path), EXIT_DAMAGED)
    lock.acquire()
    try:
        passphrase = read_passphrase(_("Passphrase for {folder}: ").format(folder=str(folder.path)))
        try:
            session = opening.unlock_vault(folder, passphrase)
        finally:
            wipe(passphrase)
        try:
            return action(session)
        finally:
            session.lock()
    finally:
        lock.release()


def confirm_plaintext(args: Namespace, out: TextIO) -> None:
    print(_("Warning: an export is a readable, unencrypted copy. Anyone who opens the file can read it."), file=out)
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise CommandFailed(_("Add --yes to confirm that you want a readable, unencrypted copy."))
    answer = input(_("Continue? [y/N] "))
    if answer.strip().lower() not in (_("y"), _("yes"), "y", "yes"):
        raise CommandFailed(_("Nothing was exported."))


def cmd_export(args: Namespace) -> int:
    target = Path(args.output).expanduser()
    fmt = args.format or (target.suffix.lower().lstrip(".") if target.suffix else "md")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in ("md", "json", "pdf"):
        raise CommandFailed(_("Choose --format md, json or pdf."))
    if not target.parent.is_dir():
        raise CommandFailed(_("The folder {folder} doesn't exist.").format(folder=str(target.parent)))
    confirm_plaintext(args, sys.stderr)
    options = ExportOptions(include_vent=args.include_vent)

    def export(session: VaultSession) -> int:
        conn = session.conn
        if fmt == "json":
            return exporting.export_json(conn, target, options)
        if fmt == "md":
            return exporting.export_markdown(conn, target, options)
        from goldseam.ui.journal.pdf_export import write_pdf
        from goldseam.ui.offscreen import ensure_gui_application

        ensure_gui_application()
        count = sum(1 for _pair in exporting.iter_entries(conn, options))
        write_pdf(exporting.markdown_document(conn, options), target, _("Goldseam journal"))
        return count

    count = with_unlocked_vault(args, export)
    print(
        ngettext("{count} entry exported to {path}", "{count} entries exported to {path}", count).format(
            count=i18n.format_number(count), path=str(target)
        )
    )
    return 0


def cmd_import(args: Namespace) -> int:
    paths = [Path(p).expanduser() for p in args.files]
    plan = importing.plan_import(paths, args.format)
    for report in plan.reports:
        if report.error:
            print(_("✗ {path}: {error}").format(path=str(report.path), error=report.error), file=sys.stderr)
        else:
            print(
                _("✓ {path}: {count}").format(
                    path=str(report.path),
                    count=ngettext("{count} entry", "{count} entries", report.entries).format(count=report.entries),
                )
            )
        for warning in report.warnings:
            print("  " + warning)
    if not plan.ok:
        raise CommandFailed(_("Nothing was imported: every file must be readable first."))
    if args.dry_run:
        print(_("Checked only (--dry-run); nothing was imported."))
        return 0
    result = with_unlocked_vault(args, lambda session: importing.apply_import(session.conn, plan))
    message = ngettext("{count} entry imported.", "{count} entries imported.", result.imported).format(
        count=i18n.format_number(result.imported)
    )
    if result.duplicates:
        message += " " + ngettext(
            "{count} was already in the journal.", "{count} were already in the journal.", result.duplicates
        ).format(count=i18n.format_number(result.duplicates))
    print(message)
    return 0


def cmd_backup(args: Namespace) -> int:
    target = Path(args.output).expanduser()
    if not target.parent.is_dir():
        raise CommandFailed(_("The folder {folder} doesn't exist.").format(folder=str(target.parent)))
    info = with_unlocked_vault(args, lambda session: session.backup_to(target))
    print(
        _("Backup written and verified: {path} ({size})").format(path=str(info.path), size=i18n.format_bytes(info.size))
    )
    return 0


def cmd_verify(args: Namespace) -> int:
    if args.backup:
        bundle = Path(args.backup).expanduser()
        if not bundle.is_file():
            raise CommandFailed(_("There is no file at {path}.").format(path=str(bundle)), EXIT_DAMAGED)
        passphrase = read_passphrase(_("Passphrase that was valid when the backup was made: "))
        try:
            info = opening.verify_backup(bundle, passphrase)
        finally:
            wipe(passphrase)
        print(_("The backup is intact (made {when}).").format(when=info.created_utc))
        return 0
    problems = with_unlocked_vault(args, lambda session: session.full_integrity_check())
    if problems:
        raise CommandFailed(DatabaseDamaged().user_message(), EXIT_DAMAGED)
    print(_("The vault is intact: every page checked out."))
    return 0


COMMANDS: dict[str, Callable[[Namespace], int]] = {
    "export": cmd_export,
    "import": cmd_import,
    "backup": cmd_backup,
    "verify": cmd_verify,
}


def run_command(args: Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except CommandFailed as failure:
        print(f"goldseam: {failure}", file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        print("goldseam: " + _("Stopped; nothing was changed."), file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # a calm, specific line instead of a traceback
        vault_error = as_vault_error(error)
        print(f"goldseam: {vault_error.user_message()}", file=sys.stderr)
        return exit_code_for(vault_error)

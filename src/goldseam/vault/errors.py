"""Everything that can go wrong with a vault, each with a calm, specific message.

The unlock path classifies failures into distinct kinds (no vault, header damaged, wrong
passphrase, database damaged) so the user is never told "wrong passphrase" about a damaged
file, or offered a fresh empty vault in place of a damaged one.
"""

from __future__ import annotations

import errno

from goldseam.i18n import _


class VaultError(Exception):
    """Base class. ``user_message`` is translated and safe to show; it never holds secrets."""

    offers_restore = False

    def user_message(self) -> str:
        return _("Something went wrong with the vault.")


class NoVault(VaultError):
    def user_message(self) -> str:
        return _("There is no Goldseam vault in this folder yet.")


class VaultExists(VaultError):
    def user_message(self) -> str:
        return _("This folder already holds a Goldseam vault. Nothing was changed.")


class HeaderDamaged(VaultError):
    offers_restore = True

    def user_message(self) -> str:
        return _(
            "The vault's key file is damaged, and its spare copy is damaged too. "
            "Your entries may be intact, but they cannot be opened without it. "
            "You can restore from a backup."
        )


class HeaderMissing(HeaderDamaged):
    def user_message(self) -> str:
        return _(
            "This folder holds a vault database but not its key file. If you were creating a vault "
            "when Goldseam closed, you can start again; otherwise restore from a backup."
        )


class WrongPassphrase(VaultError):
    def user_message(self) -> str:
        return _("That passphrase doesn't open this vault. Check Caps Lock and your keyboard layout.")


class WrongRecoveryKey(VaultError):
    def user_message(self) -> str:
        return _("That recovery key doesn't belong to this vault, or it was replaced later.")


class RecoveryKeyMalformed(VaultError):
    def user_message(self) -> str:
        return _("That doesn't look like a complete recovery key. Check for a mistyped or missing group.")


class NoRecoveryKey(VaultError):
    def user_message(self) -> str:
        return _("This vault was created without a recovery key.")


class DatabaseDamaged(VaultError):
    offers_restore = True

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail

    def user_message(self) -> str:
        return _(
            "Your passphrase is right, but the vault's database is damaged, so Goldseam won't open it "
            "rather than risk showing or saving wrong data. You can restore from a backup."
        )


class NewerFormat(VaultError):
    def user_message(self) -> str:
        return _(
            "This vault was written by a newer version of Goldseam. Please update Goldseam to open it. "
            "Nothing was changed."
        )


class VaultAlreadyOpen(VaultError):
    def user_message(self) -> str:
        return _(
            "This vault is already open in another Goldseam window. Switch to that window, or close it and try again."
        )


class TransactionOpen(VaultError):
    def user_message(self) -> str:
        return _("Goldseam is still saving. Please try again in a moment.")


class BackupDamaged(VaultError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail

    def user_message(self) -> str:
        return _("This backup file is damaged or incomplete, so it can't be restored. Nothing was changed.")


class NotABackup(BackupDamaged):
    def user_message(self) -> str:
        return _("This file isn't a Goldseam backup.")


class SelfCheckFailed(VaultError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems

    def user_message(self) -> str:
        return _(
            "Goldseam's encryption components failed a safety check, so it won't open any vault: {problems}"
        ).format(problems="; ".join(self.problems))


class VaultWriteFailed(VaultError):
    """Writing to disk failed; whatever was already saved is untouched."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.errno = error.errno

    def user_message(self) -> str:
        if self.errno == errno.ENOSPC:
            return _(
                "The disk is full, so Goldseam couldn't save. Free some space and try again; "
                "nothing already saved was lost."
            )
        if self.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return _("Goldseam isn't allowed to write to the vault folder. Nothing already saved was lost.")
        return _("Goldseam couldn't write to the disk ({reason}). Nothing already saved was lost.").format(
            reason=self.args[0]
        )


SQLITE_FULL = 13


def as_vault_error(error: BaseException) -> VaultError:
    """Wrap unexpected errors so the UI always has a message to show."""
    if isinstance(error, VaultError):
        return error
    if getattr(error, "sqlite_errorcode", None) == SQLITE_FULL:
        return VaultWriteFailed(OSError(errno.ENOSPC, "database or disk is full"))
    if isinstance(error, OSError):
        return VaultWriteFailed(error)
    return VaultError(type(error).__name__)

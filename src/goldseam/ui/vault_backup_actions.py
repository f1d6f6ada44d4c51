"""Backups and checks started from the UI: "Back up now", "Check for damage", and the
quiet maintenance after unlock (rolling backup, weekly integrity check, tidying the search index)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from goldseam.domain import search
from goldseam.i18n import _
from goldseam.ui.file_dialogs import choose_save_file
from goldseam.ui.services import AppServices
from goldseam.vault.errors import VaultError
from goldseam.vault_worker import VaultWorker

INTEGRITY_INTERVAL = timedelta(days=7)
LAST_CHECK_KEY = "integrity/last_full_check_utc"
INDEX_TIDY_SECONDS = 0.5  # the vault thread is busy meanwhile: saves wait at most about this long


def _maintenance(worker: VaultWorker) -> tuple[Path | None, list[str] | None]:
    session = worker.session
    made = session.auto_backup_if_due()
    problems: list[str] | None = None
    last = session.vault_setting(LAST_CHECK_KEY)
    now = datetime.now(UTC)
    due = not last or now - datetime.fromisoformat(last) >= INTEGRITY_INTERVAL
    if due:
        problems = session.full_integrity_check()
        if not problems:
            session.set_vault_setting(LAST_CHECK_KEY, now.isoformat(timespec="seconds"))
    search.merge_small_segments(session.transaction, INDEX_TIDY_SECONDS)
    return made, problems


class VaultBackupActions(QObject):
    def __init__(self, services: AppServices, window: QWidget) -> None:
        super().__init__(window)
        self.services = services
        self.window = window

    def run_maintenance(self) -> None:
        self.services.bridge.run(_maintenance, self._maintenance_done, lambda _e: None)

    def _maintenance_done(self, result: Any) -> None:
        made, problems = result
        if problems:
            self._report_damage()
        elif made is not None:
            self.services.show_status(_("Today's automatic backup is saved and verified."))

    def _report_damage(self) -> None:
        QMessageBox.warning(
            self.window,
            _("The vault needs attention"),
            _(
                "Goldseam's check found damage in the vault file (this can happen after a disk problem). "
                "Don't delete anything. Make a backup now, then restore your most recent good backup from "
                "Settings. Your automatic backups are in the vault folder."
            ),
        )

    def back_up_now(self) -> None:
        documents = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home()
        )
        suggested = documents / f"goldseam-backup-{date.today().isoformat()}.gsbackup"
        path = choose_save_file(self.window, _("Save a backup"), suggested, _("Goldseam backups (*.gsbackup)"))
        if path is None:
            return
        progress = self._progress_dialog(_("Making a verified backup…"))
        bridge = self.services.bridge
        bridge.progress.connect(progress.setLabelText)

        def finish() -> None:
            bridge.progress.disconnect(progress.setLabelText)
            progress.close()

        def done(info: Any) -> None:
            finish()
            QMessageBox.information(
                self.window,
                _("Backup saved"),
                _(
                    "Your backup is saved and verified:\n{path}\n\nIt opens with your current passphrase. Keep it "
                    "somewhere only you can reach."
                ).format(path=str(info.path)),
            )

        def failed(error: VaultError) -> None:
            finish()
            QMessageBox.warning(self.window, _("Backup not saved"), error.user_message())

        bridge.run(lambda w: w.session.backup_to(path, bridge.report), done, failed)

    def check_integrity(self) -> None:
        progress = self._progress_dialog(_("Checking every page of the vault…"))

        def job(worker: VaultWorker) -> list[str]:
            problems = worker.session.full_integrity_check()
            if not problems:
                worker.session.set_vault_setting(LAST_CHECK_KEY, datetime.now(UTC).isoformat(timespec="seconds"))
            return problems

        def done(problems: Any) -> None:
            progress.close()
            if problems:
                self._report_damage()
            else:
                QMessageBox.information(self.window, _("No damage found"), _("Every page of the vault checked out."))

        def failed(error: VaultError) -> None:
            progress.close()
            QMessageBox.warning(self.window, _("Check not finished"), error.user_message())

        self.services.bridge.run(job, done, failed)

    def _progress_dialog(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, "", 0, 0, self.window)
        dialog.setCancelButton(None)
        dialog.setWindowTitle(_("Please wait"))
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.show()
        return dialog

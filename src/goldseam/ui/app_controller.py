"""Wires the window, the vault worker and the lock logic together.

States: starting → welcome / locked → (create →) unlocked ⇄ locked. "Get help now" can be
shown over any state and returns to it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from goldseam.crypto.kdf import calibrate
from goldseam.crypto.secret_buffer import wipe
from goldseam.i18n import _, ngettext
from goldseam.ui import capture_protection
from goldseam.ui.app_settings import AppSettings
from goldseam.ui.area_pages import build_area_pages
from goldseam.ui.care_session import CareSession
from goldseam.ui.clipboard_guard import ClipboardGuard
from goldseam.ui.dialogs.passphrase_dialogs import ChangePassphraseDialog, RecoveryUnlockDialog
from goldseam.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from goldseam.ui.dialogs.restore_dialog import RestoreDialog
from goldseam.ui.file_dialogs import choose_folder
from goldseam.ui.idle_watcher import IdleWatcher
from goldseam.ui.language import LanguageManager
from goldseam.ui.main_window import MainWindow
from goldseam.ui.pages.create_vault_page import CreateVaultPage
from goldseam.ui.pages.help_page import HelpPage
from goldseam.ui.pages.lock_screen import LockScreen
from goldseam.ui.pages.settings_page import SettingsPage
from goldseam.ui.pages.shell import Shell
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.pages.welcome_page import WelcomePage
from goldseam.ui.services import AppServices
from goldseam.ui.session_events import SessionEvents
from goldseam.ui.theme import ThemeManager
from goldseam.ui.tray import Tray
from goldseam.ui.vault_backup_actions import VaultBackupActions
from goldseam.ui.vault_bridge import VaultBridge
from goldseam.vault import opening
from goldseam.vault.errors import SelfCheckFailed, VaultAlreadyOpen, VaultError
from goldseam.vault.opening import FolderState
from goldseam.vault.self_check import require_engine
from goldseam.vault.vault_folder import VaultFolder
from goldseam.vault_worker import VaultWorker

log = logging.getLogger(__name__)

STARTING, WELCOME, CREATE, LOCKED, UNLOCKED, NOTICE = "starting", "welcome", "create", "locked", "unlocked", "notice"
MAINTENANCE_DELAY_MS = 4000


def _start_job(worker: VaultWorker) -> FolderState:
    require_engine()
    worker.instance_lock.acquire()
    return opening.folder_state(worker.folder)


class AppController(QObject):
    def __init__(
        self,
        settings: AppSettings,
        vault_dir: Path,
        *,
        vault_dir_explicit: bool = False,
        use_tray: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.vault_dir_explicit = vault_dir_explicit
        self.state = STARTING
        self._critical = 0
        self._pending_lock: str | None = None
        self._help_return: QWidget | None = None
        self._shutting_down = False

        self.language = LanguageManager(self)
        self.theme = ThemeManager(self)
        self.clipboard = ClipboardGuard(settings.value("privacy/clipboard_seconds"), self)
        self.worker = VaultWorker(VaultFolder(vault_dir))
        self.bridge = VaultBridge(self.worker, self)
        self.bridge.progress.connect(self._on_progress)
        self.bridge.failed.connect(self._on_unhandled_error)
        self.window = MainWindow()
        self.care = CareSession(self.bridge, self)
        self.idle = IdleWatcher(settings.value("lock/idle_minutes") * 60, self)
        self.idle.idle_timeout.connect(lambda: self.lock("idle"))
        self.session_events = SessionEvents(self)
        self.session_events.lock_requested.connect(self._on_session_event)
        self.services = AppServices(
            self.bridge,
            settings,
            self.clipboard,
            self.theme,
            self.language,
            self.show_status,
            lambda: self.lock("manual"),
            self.care,
            self.navigate,
            self.show_help,
            self.quick_exit,
        )

        self.welcome = WelcomePage()
        self.create_page = CreateVaultPage()
        self.lock_screen = LockScreen()
        self.help_page = HelpPage()
        self.settings_page = SettingsPage(self.services)
        self.pages: list[ShellPage] = [*build_area_pages(self.services), self.settings_page]
        self.shell = Shell(self.pages)
        for screen in (self.welcome, self.create_page, self.lock_screen, self.shell, self.help_page):
            self.window.add_screen(screen)
        self.backups = VaultBackupActions(self.services, self.window)

        self.tray: Tray | None = Tray(self) if use_tray and Tray.available() else None
        self._connect()

    # -- wiring ------------------------------------------------------------------------

    def _connect(self) -> None:
        w = self.window
        w.lock_requested.connect(lambda: self.lock("manual"))
        w.help_requested.connect(self.show_help)
        w.minimized.connect(self._on_minimized)
        w.closing.connect(self.shutdown)
        self.help_page.back_requested.connect(self._close_help)
        self.help_page.quick_exit_requested.connect(self.quick_exit)
        self.welcome.get_started.connect(self._show_create)
        self.welcome.restore_requested.connect(self.restore)
        self.welcome.language_chosen.connect(self._language_chosen)
        self.create_page.back_requested.connect(self._show_welcome)
        self.create_page.create_requested.connect(self._create_vault)
        self.create_page.change_location_requested.connect(self._choose_location)
        self.lock_screen.unlock_requested.connect(self._unlock)
        self.lock_screen.recovery_requested.connect(self._recovery_unlock)
        self.lock_screen.restore_requested.connect(self.restore)
        self.lock_screen.start_over_requested.connect(self._start_over)
        self.settings_page.change_passphrase_requested.connect(self._change_passphrase)
        self.settings_page.backup_requested.connect(self.backups.back_up_now)
        self.settings_page.integrity_check_requested.connect(self.backups.check_integrity)
        self.settings_page.restore_requested.connect(self._restore_from_settings)
        self.settings.changed.connect(self._on_setting_changed)
        if self.tray is not None:
            self.tray.show_requested.connect(self._show_window)
            self.tray.lock_requested.connect(lambda: self.lock("manual"))
            self.tray.quit_requested.connect(self.window.close)

    # -- start and stop ----------------------------------------------------------------

    def start(self, language: str | None = None) -> None:
        self.theme.apply(self.settings.value("ui/theme"))
        self.language.apply(language or self.settings.value("ui/language"))
        self.welcome.select_language(self.settings.value("ui/language"))
        self.window.set_discreet(self.settings.value("privacy/discreet_mode"))
        geometry = self.settings.value("window/geometry")
        if geometry:
            self.window.restoreGeometry(QByteArray(geometry))
        self.window.show()
        self._apply_capture_protection()
        self.session_events.start(int(self.window.winId()))
        self.settings_page.set_lock_sources(self.session_events.sources)
        if self.tray is not None:
            self.tray.set_discreet(self.settings.value("privacy/discreet_mode"))
            self.tray.set_unlocked(False)
            self.tray.icon.show()
        self.bridge.run(_start_job, self._started, self._start_failed, any_epoch=True)

    def _started(self, state: Any) -> None:
        if state == FolderState.NO_VAULT:
            self._show_welcome()
        else:
            self._show_locked(None)

    def _start_failed(self, error: VaultError) -> None:
        self.state = NOTICE
        if isinstance(error, VaultAlreadyOpen):
            self.window.show_notice(_("Goldseam is already open"), error.user_message())
        elif isinstance(error, SelfCheckFailed):
            self.window.show_notice(_("Goldseam can't run safely here"), error.user_message())
        else:
            self.window.show_notice(_("Goldseam couldn't open its folder"), error.user_message())

    def shutdown(self) -> None:
        if self._shutting_down:
            return
        self._shutting_down = True
        self.settings.set_value("window/geometry", bytes(self.window.saveGeometry().data()))
        self.lock("quit")
        self.idle.stop()
        self.clipboard.clear_if_ours()
        self.worker.shutdown()
        if self.tray is not None:
            self.tray.icon.hide()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # -- screens -----------------------------------------------------------------------

    def _show_welcome(self) -> None:
        self.state = WELCOME
        self.create_page.reset()
        self.window.show_screen(self.welcome)
        self.welcome.start_button.setFocus()

    def _show_create(self) -> None:
        self.state = CREATE
        self.create_page.reset()
        self.create_page.set_vault_dir(self.worker.folder.path)
        self.window.show_screen(self.create_page)
        self.create_page.form.passphrase.setFocus()

    def _show_locked(self, reason: Callable[[], str] | None) -> None:
        self.state = LOCKED
        self.window.set_unlocked(False)
        if self.tray is not None:
            self.tray.set_unlocked(False)
        self.lock_screen.reset()
        self.lock_screen.set_reason(reason)
        self.window.show_screen(self.lock_screen)
        self.lock_screen.passphrase.setFocus()

    def show_help(self) -> None:
        if self.window.current_screen() is not self.help_page:
            self._help_return = self.window.current_screen()
        self.window.show_screen(self.help_page)
        self.help_page.back.setFocus()

    def _close_help(self) -> None:
        target = self._help_return or self.lock_screen
        self._help_return = None
        if self.state == LOCKED and target is self.shell:
            target = self.lock_screen
        self.window.show_screen(target)

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def navigate(self, key: str, argument: object = None) -> None:
        """Show the page with ``key`` and pass it ``argument`` (only while unlocked)."""
        if key == "help":
            self.show_help()
            return
        if self.state != UNLOCKED:
            return
        for index, page in enumerate(self.pages):
            if page.key == key:
                self.shell.show_page(index)
                if argument is not None:
                    page.navigate_to(argument)
                return

    def show_status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    # -- create, unlock ------------------------------------------------------------------

    def _create_vault(self, passphrase: bytearray, _names: list[str], with_recovery: bool) -> None:
        self.create_page.set_busy(_("Tuning the encryption to this computer…"))
        report = self.bridge.report

        def job(worker: VaultWorker) -> tuple[bool, str | None]:
            try:
                tuned = calibrate()
                report(_("Creating your encrypted vault…"))
                created = opening.create_vault(
                    worker.folder, passphrase, cost=tuned.cost, with_recovery=with_recovery, progress=report
                )
            finally:
                wipe(passphrase)
            worker.adopt(created.session)
            key = None if created.recovery_key is None else created.recovery_key.formatted()
            return tuned.fell_back_to_floor, key

        def done(result: Any) -> None:
            fell_back, key = result
            self.create_page.reset()
            self._enter_unlocked()
            if fell_back:
                self.show_status(
                    _(
                        "This computer had too little free memory for the strongest setting, so "
                        "Goldseam used its minimum safe setting."
                    )
                )
            if key:
                self._show_recovery_key(key)

        self.bridge.run(job, done, lambda e: self.create_page.show_error(e.user_message()), any_epoch=True)

    def _unlock(self, passphrase: bytearray) -> None:
        self.lock_screen.set_busy(True)
        report = self.bridge.report

        def job(worker: VaultWorker) -> None:
            try:
                worker.adopt(opening.unlock_vault(worker.folder, passphrase, report))
            finally:
                wipe(passphrase)

        self.bridge.run(job, lambda _r: self._enter_unlocked(), self.lock_screen.show_error, any_epoch=True)

    def _enter_unlocked(self) -> None:
        self.state = UNLOCKED
        self.bridge.new_epoch()
        self.lock_screen.unlocked()
        self.window.set_unlocked(True)
        if self.tray is not None:
            self.tray.set_unlocked(True)
        self.window.show_screen(self.shell)
        self.care.refresh()
        for page in self.pages:
            page.vault_unlocked()
        self.shell.active = True
        if self.shell.stack.currentIndex() == 0:
            self.pages[0].page_shown()
        self.shell.show_page(0)
        self.idle.timeout_seconds = self.settings.value("lock/idle_minutes") * 60
        self.idle.start()
        QTimer.singleShot(MAINTENANCE_DELAY_MS, self.backups.run_maintenance)
        self.shell.navigation.setFocus()

    def _show_recovery_key(self, formatted: str) -> None:
        dialog = RecoveryKeyDialog(formatted, self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_progress(self, message: str) -> None:
        if self.state == CREATE:
            self.create_page.busy.update_message(message)
        elif self.state == LOCKED and self.lock_screen.busy.isVisible():
            self.lock_screen.busy.update_message(message)

    def _on_unhandled_error(self, error: VaultError) -> None:
        QMessageBox.warning(self.window, _("Something went wrong"), error.user_message())

    # -- locking -------------------------------------------------------------------------

    def lock(self, reason: str) -> None:
        """Lock without asking: save drafts, clear every view, close the vault, wipe the key."""
        if self.state != UNLOCKED:
            return
        if self._critical and reason != "quit":
            self._pending_lock = reason
            return
        self.idle.stop()
        self.shell.active = False
        self.care.reset()
        saves = [job for page in self.pages for job in page.pending_saves()]
        for page in self.pages:
            page.clear_for_lock()
        self._close_dialogs()
        self.clipboard.clear_if_ours()
        self.bridge.new_epoch()

        def job(worker: VaultWorker) -> None:
            if worker.is_unlocked:
                for save in saves:
                    try:
                        save(worker)
                    except Exception as error:  # locking must never stall
                        log.error("could not save pending edits while locking: %s", type(error).__name__)
            worker.lock()

        self.bridge.run(job, any_epoch=True)
        self._show_locked(self._lock_reason(reason))

    def _lock_reason(self, reason: str) -> Callable[[], str] | None:
        minutes = self.settings.value("lock/idle_minutes")
        reasons: dict[str, Callable[[], str]] = {
            "idle": lambda: ngettext(
                "Locked after {count} minute without activity.",
                "Locked after {count} minutes without activity.",
                minutes,
            ).format(count=minutes),
            "screen": lambda: _("Locked because the screen locked or the computer went to sleep."),
            "minimize": lambda: _("Locked when the window was minimised."),
        }
        return reasons.get(reason)

    def _close_dialogs(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
                if widget.isVisible():
                    widget.hide()

    def _set_critical(self, running: bool) -> None:
        self._critical += 1 if running else -1
        if running:
            self.idle.stop()
        elif self._critical == 0 and self.state == UNLOCKED:
            self.idle.start()
            if self._pending_lock is not None:
                reason, self._pending_lock = self._pending_lock, None
                QTimer.singleShot(0, lambda: self.lock(reason))

    def quick_exit(self) -> None:
        """Lock and get the window off the screen at once."""
        if self.state == UNLOCKED:
            self.lock("quick")
        elif self.state == CREATE:
            self._show_welcome()
        if self.window.current_screen() is self.help_page:
            self._close_help()
        if self.tray is not None:
            self.window.hide()
        else:
            self.window.showMinimized()

    def _on_minimized(self) -> None:
        if self.settings.value("lock/on_minimize"):
            self.lock("minimize")

    def _on_session_event(self, _kind: str) -> None:
        if self.settings.value("lock/on_screen_lock"):
            self.lock("screen")

    # -- settings ------------------------------------------------------------------------

    def _language_chosen(self, code: str) -> None:
        self.settings.set_value("ui/language", code)
        self.language.apply(code)

    def _on_setting_changed(self, key: str) -> None:
        value = self.settings.value(key)
        if key == "lock/idle_minutes":
            self.idle.timeout_seconds = value * 60
        elif key == "privacy/clipboard_seconds":
            self.clipboard.timeout_seconds = value
        elif key == "privacy/discreet_mode":
            self.window.set_discreet(value)
            if self.tray is not None:
                self.tray.set_discreet(value)
        elif key == "privacy/capture_protection":
            self._apply_capture_protection()

    def _apply_capture_protection(self) -> None:
        if capture_protection.supported():
            capture_protection.set_capture_protection(self.window, self.settings.value("privacy/capture_protection"))

    # -- vault location, keys, restore ---------------------------------------------------

    def _choose_location(self) -> None:
        chosen = choose_folder(self.window, _("Choose a folder for your vault"), self.worker.folder.path.parent)
        if chosen is None:
            return
        folder = VaultFolder(chosen / "Goldseam" if any(chosen.iterdir()) else chosen)
        old = self.worker
        new = VaultWorker(folder)

        def job(_worker: VaultWorker) -> FolderState:
            return _start_job(new)

        def done(state: Any) -> None:
            old.shutdown()
            self.worker = new
            self.bridge.worker = new
            self.settings.set_value("vault/remembered_path", str(folder.path))
            if state == FolderState.VAULT:
                self._show_locked(None)
            else:
                self.create_page.set_vault_dir(folder.path)

        def failed(error: VaultError) -> None:
            new.shutdown()
            self.create_page.show_error(error.user_message())

        self.bridge.run(job, done, failed, any_epoch=True)

    def _change_passphrase(self, has_recovery_key: bool) -> None:
        dialog = ChangePassphraseDialog(self.bridge, has_recovery_key, self.window)
        dialog.running_changed.connect(self._set_critical)
        dialog.changed.connect(self._passphrase_changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _passphrase_changed(self, formatted: Any) -> None:
        self.show_status(_("Your passphrase is changed. The old one no longer opens this vault."))
        self.settings_page.refresh_status()
        if formatted:
            self._show_recovery_key(str(formatted))

    def _recovery_unlock(self) -> None:
        dialog = RecoveryUnlockDialog(self.bridge, self.window)
        dialog.unlocked.connect(self._after_recovery_unlock)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _after_recovery_unlock(self, formatted: Any) -> None:
        self._enter_unlocked()
        self.show_status(_("Your vault is open and has a new passphrase."))
        if formatted:
            self._show_recovery_key(str(formatted))

    def _restore_from_settings(self) -> None:
        self.lock("manual")
        self.restore()

    def restore(self) -> None:
        dialog = RestoreDialog(self.bridge, self.worker.folder.path, self.window)
        dialog.running_changed.connect(self._set_critical)
        dialog.restored.connect(self._after_restore)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _after_restore(self, formatted: Any, previous: Any) -> None:
        self._enter_unlocked()
        if previous is not None:
            self.show_status(
                _("Backup restored. The vault it replaced is kept in {folder}.").format(folder=str(previous))
            )
        else:
            self.show_status(_("Backup restored."))
        if formatted:
            self._show_recovery_key(str(formatted))

    def _start_over(self) -> None:
        answer = QMessageBox.question(
            self.window,
            _("Create a new vault?"),
            _(
                "Goldseam will move the files it can't open into a “set-aside-…” folder inside the vault folder. "
                "Nothing is deleted, so they can still be restored later. Then you can create a new vault."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.bridge.run(
            lambda w: opening.set_aside_incomplete(w.folder),
            lambda _p: self._show_create(),
            self.lock_screen.show_error,
            any_epoch=True,
        )

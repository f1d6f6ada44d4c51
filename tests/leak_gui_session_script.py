"""Subprocess helper for ``tests/test_leaks.py`` (design tests 33–36): a scripted GUI session.

Usage: ``python leak_gui_session_script.py <report.json> <canary> <passphrase>``, with
``QT_QPA_PLATFORM=offscreen``, ``GOLDSEAM_DEBUG=1`` and HOME / XDG_* / TMPDIR pointing into a
temporary root. The session goes through the real window as a user would, started the way
``goldseam.cli`` starts the app (process hardening, logging at DEBUG):

1. welcome → "get started" → type the passphrase twice → create (KDF calibration is replaced
   by the floor cost to keep the test fast; the real creation path runs otherwise);
2. write canaries as drafts and as a vault setting, copy a canary with the clipboard guard;
3. change a few allowed settings through the settings page widgets;
4. "Back up now" into ~/Documents (the file dialog is replaced by a fixed answer) and the
   daily maintenance (automatic backup in the vault folder, integrity check);
5. a job that fails with a canary in its exception (the bridge logs the type only);
6. lock, a wrong passphrase on the lock screen, the right one, copy again, quit.

The report (JSON) holds the recovery key shown, the clipboard before/after lock and quit,
the settings file name and what the session saw; stdout/stderr are left to the caller.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def main() -> int:
    report_path, canary, passphrase = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

    from goldseam.process_hardening import harden_process

    harden_process()

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from goldseam import app_paths
    from goldseam.crypto.kdf import FLOOR_COST, Calibration
    from goldseam.ui import app, app_controller, vault_backup_actions
    from goldseam.ui.app_controller import AppController
    from goldseam.ui.app_settings import AppSettings

    app.configure_logging()
    qt_app = app.make_application(["goldseam"])
    report: dict[str, Any] = {"steps": []}
    started = time.monotonic()

    def step(name: str) -> None:
        report["steps"].append(f"{name} @{time.monotonic() - started:.2f}")

    def wait_until(condition: Any, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for: {what} (steps so far: {report['steps']})")
            qt_app.processEvents()
            time.sleep(0.005)
        qt_app.processEvents()

    def clipboard_text() -> str:
        return QGuiApplication.clipboard().text()

    # Message boxes are modal; answer them the way a user would, and keep what they said.
    report["message_boxes"] = []

    def dismiss_message_boxes() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                report["message_boxes"].append(widget.text())
                widget.accept()

    dismisser = QTimer()
    dismisser.timeout.connect(dismiss_message_boxes)
    dismisser.start(20)

    app_controller.calibrate = lambda: Calibration(FLOOR_COST, 0.1, False)  # type: ignore[attr-defined]
    shown_keys: list[str] = []
    original_show_key = AppController._show_recovery_key

    def record_key(self: AppController, formatted: str) -> None:
        shown_keys.append(formatted)
        original_show_key(self, formatted)

    AppController._show_recovery_key = record_key  # type: ignore[method-assign]
    documents = Path.home() / "Documents"
    documents.mkdir(parents=True, exist_ok=True)
    manual_backup = documents / "leak-sweep.gsbackup"
    vault_backup_actions.choose_save_file = lambda *_args: manual_backup  # type: ignore[attr-defined]

    settings = AppSettings()
    vault_dir = app_paths.default_vault_dir()
    controller = AppController(settings, vault_dir, use_tray=False)
    controller.start("en")
    wait_until(lambda: controller.state == app_controller.WELCOME, "welcome screen")
    step("welcome")

    controller.welcome.get_started.emit()
    form = controller.create_page.form
    form.passphrase.setText(passphrase)
    form.confirm.setText(passphrase)
    wait_until(lambda: controller.create_page.create_button.isEnabled(), "create button enabled")
    controller.create_page.create_button.click()
    wait_until(lambda: controller.state == app_controller.UNLOCKED and shown_keys, "vault created")
    step("created")

    def run(job: Any) -> Any:
        future = controller.bridge.run(job, any_epoch=True)
        wait_until(future.done, "vault job")
        return future.result()

    def write(worker: Any) -> None:
        session = worker.session
        session.save_draft("journal", f"Dear diary, {canary} journal line")
        session.save_draft("unsent", f"{canary} unsent letter")
        session.set_vault_setting("names_to_avoid", f"{canary}-name")

    run(write)
    controller.clipboard.copy_text(f"{canary} copied text")
    report["clipboard_after_copy"] = clipboard_text()
    step("wrote and copied")

    page = controller.settings_page
    page.idle.setValue(7)
    page.clipboard.setValue(90)
    page.discreet.setChecked(True)
    page.on_minimize.setChecked(True)
    settings.set_value("ui/theme", "dark")
    step("settings changed")

    controller.backups.back_up_now()
    wait_until(manual_backup.exists, "manual backup")
    wait_until(lambda: not controller.bridge.is_busy(), "backup job finished")
    controller.backups.run_maintenance()
    wait_until(lambda: not controller.bridge.is_busy(), "maintenance finished")
    report["auto_backups"] = sorted(p.name for p in (vault_dir / "backups").glob("*"))
    step("backed up")

    def failing_job(_worker: Any) -> None:
        raise RuntimeError(f"an unexpected failure mentioning {canary} and {passphrase}")

    failures: list[Any] = []
    controller.bridge.run(failing_job, None, failures.append, any_epoch=True)
    wait_until(lambda: failures, "failing job reported")
    report["failure_message"] = failures[0].user_message()
    step("failed job")

    controller.lock("manual")
    wait_until(lambda: not controller.bridge.is_busy(), "lock job finished")
    report["clipboard_after_lock"] = clipboard_text()
    step("locked")

    controller.lock_screen.passphrase.setText(passphrase + " but wrong")
    controller.lock_screen._submit()
    wait_until(lambda: not controller.bridge.is_busy(), "wrong passphrase refused")
    report["state_after_wrong_passphrase"] = controller.state
    # The escalating retry delay keeps the button disabled for a moment; submit when allowed.
    wait_until(lambda: controller.lock_screen.unlock.isEnabled(), "unlock button enabled again")
    controller.lock_screen.passphrase.setText(passphrase)
    controller.lock_screen._submit()
    wait_until(lambda: controller.state == app_controller.UNLOCKED, "unlocked again")
    drafts = run(lambda worker: worker.session.load_draft("journal"))
    report["draft_survived"] = canary in (drafts or "")
    step("unlocked again")

    controller.clipboard.copy_text(f"{canary} copied before quitting")
    report["clipboard_before_quit"] = clipboard_text()
    controller.shutdown()
    report["clipboard_after_quit"] = clipboard_text()
    step("quit")

    report["recovery_keys"] = shown_keys
    report["settings_file"] = settings.file_name()
    report["settings_keys"] = settings.keys()
    report["vault_dir"] = str(vault_dir)
    report["manual_backup"] = str(manual_backup)
    del settings
    report_path.write_text(json.dumps(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Create, unlock, wrong passphrase, lock, change passphrase, recovery and restore, driven through the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QPlainTextEdit, QTextEdit

from conftest import PASSPHRASE, pw
from goldseam.crypto.kdf import FLOOR_COST
from goldseam.ui.dialogs.passphrase_dialogs import ChangePassphraseDialog, RecoveryUnlockDialog
from goldseam.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from goldseam.ui.dialogs.restore_dialog import RestoreDialog
from goldseam.vault import opening
from goldseam.vault.errors import WrongPassphrase
from goldseam.vault.vault_folder import VaultFolder
from gui.conftest import CANARY, EditorTestPage, visible_dialogs

pytestmark = pytest.mark.gui
NEW = "copper kettle sings at dawn softly"


def make_vault(path: Path, with_recovery: bool = True) -> opening.CreatedVault:
    created = opening.create_vault(VaultFolder(path), pw(), cost=FLOOR_COST, with_recovery=with_recovery)
    created.session.lock()
    return created


def unlock_through_window(qtbot, controller, passphrase: str = PASSPHRASE) -> None:  # type: ignore[no-untyped-def]
    screen = controller.lock_screen
    screen.passphrase.clear()
    qtbot.keyClicks(screen.passphrase, passphrase)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)


def test_first_run_welcome_create_and_recovery_key(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    assert controller.state == "welcome"
    qtbot.mouseClick(controller.welcome.start_button, Qt.MouseButton.LeftButton)
    page = controller.create_page
    assert controller.window.current_screen() is page
    qtbot.keyClicks(page.form.passphrase, "tiny")
    qtbot.keyClicks(page.form.confirm, "tiny")
    qtbot.waitUntil(lambda: page.form.meter.latest is not None)
    assert not page.create_button.isEnabled(), "a weak passphrase cannot be used"
    page.form.passphrase.clear()
    page.form.confirm.clear()
    qtbot.keyClicks(page.form.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.form.confirm, PASSPHRASE)
    qtbot.waitUntil(page.create_button.isEnabled, timeout=5000)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=20000)
    assert page.form.passphrase.text() == "" and page.form.confirm.text() == ""
    qtbot.waitUntil(lambda: any(isinstance(d, RecoveryKeyDialog) for d in visible_dialogs()))
    dialog = next(d for d in visible_dialogs() if isinstance(d, RecoveryKeyDialog))
    assert not dialog.ok.isEnabled()
    dialog.confirm.setChecked(True)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert (tmp_path / "vault" / "vault.gsh").exists() and (tmp_path / "vault" / "vault.gsh.bak").exists()
    assert controller.window.windowTitle() == "Goldseam"


def test_generated_passphrase_fills_both_fields_and_is_accepted(qtbot, make_controller) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    controller.welcome.get_started.emit()
    form = controller.create_page.form
    qtbot.mouseClick(form.generate, Qt.MouseButton.LeftButton)
    assert form.passphrase.text() == form.confirm.text() and len(form.passphrase.text().split()) == 6
    assert form.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.waitUntil(controller.create_page.create_button.isEnabled, timeout=5000)


def test_wrong_then_right_passphrase(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_vault(tmp_path / "vault")
    controller = make_controller()
    assert controller.state == "locked"
    unlock_through_window(qtbot, controller, "not the passphrase")
    qtbot.waitUntil(controller.lock_screen.error.isVisible, timeout=10000)
    assert controller.lock_screen.error.text() == WrongPassphrase().user_message()
    assert controller.state == "locked" and not controller.lock_screen.restore_primary.isVisible()
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    assert controller.window.current_screen() is controller.shell
    assert controller.lock_screen.passphrase.text() == ""


def test_repeated_wrong_passphrases_add_a_short_wait(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_vault(tmp_path / "vault")
    controller = make_controller()
    screen = controller.lock_screen
    for attempt in range(3):
        unlock_through_window(qtbot, controller, f"wrong {attempt}")
        qtbot.waitUntil(lambda: screen.error.isVisible() and not screen.busy.isVisible(), timeout=10000)
        screen.error.hide()
    assert screen.wait_note.isVisible() and not screen.unlock.isEnabled()


def test_damaged_database_offers_restore(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_vault(tmp_path / "vault")
    db = tmp_path / "vault" / "vault.1.db"
    data = bytearray(db.read_bytes())
    data[300] ^= 0xFF
    db.write_bytes(bytes(data))
    controller = make_controller()
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(controller.lock_screen.error.isVisible, timeout=10000)
    assert "damaged" in controller.lock_screen.error.text()
    assert controller.lock_screen.restore_primary.isVisible()


def test_lock_saves_drafts_and_clears_every_view(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Design §6 tests 37–38: no prompt, draft autosaved, editors and undo stacks empty, title generic."""
    make_vault(tmp_path / "vault")
    controller = make_controller(with_editor=True)
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    page = controller.pages[0]
    assert isinstance(page, EditorTestPage)
    qtbot.keyClicks(page.editor, f"secret line {CANARY}")
    assert page.editor.document().isUndoAvailable()
    qtbot.keyClick(controller.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert controller.state == "locked"
    assert controller.window.windowTitle() == "Goldseam"
    for line_edit in controller.window.findChildren(QLineEdit):
        assert CANARY not in line_edit.text()
    for kind in (QPlainTextEdit, QTextEdit):
        for editor in controller.window.findChildren(kind):
            assert CANARY not in editor.toPlainText()
            assert not editor.document().isUndoAvailable()
    # The lock job ran on the vault thread (after saving the draft) and closed the vault.
    assert controller.worker.submit(lambda w: w.is_unlocked).result() is False
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    saved = controller.worker.submit(lambda w: w.session.load_draft("test-editor")).result()
    assert saved == f"secret line {CANARY}"


def test_change_passphrase_through_settings(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_vault(tmp_path / "vault")
    controller = make_controller()
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    controller.settings_page.change_passphrase_requested.emit(True)
    dialog = next(d for d in visible_dialogs() if isinstance(d, ChangePassphraseDialog))
    qtbot.keyClicks(dialog.current, "not it")
    qtbot.keyClicks(dialog.form.passphrase, NEW)
    qtbot.keyClicks(dialog.form.confirm, NEW)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert dialog.isVisible() and "current passphrase" in dialog.error.text()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.form.passphrase, NEW)
    qtbot.keyClicks(dialog.form.confirm, NEW)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(isinstance(d, RecoveryKeyDialog) for d in visible_dialogs()), timeout=15000)
    controller.lock("manual")
    unlock_through_window(qtbot, controller, PASSPHRASE)
    qtbot.waitUntil(controller.lock_screen.error.isVisible, timeout=10000)
    unlock_through_window(qtbot, controller, NEW)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)


def test_recovery_key_unlock_sets_a_new_passphrase(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    created = make_vault(tmp_path / "vault")
    assert created.recovery_key is not None
    controller = make_controller()
    controller.lock_screen.recovery_requested.emit()
    dialog = next(d for d in visible_dialogs() if isinstance(d, RecoveryUnlockDialog))
    qtbot.keyClicks(dialog.key, created.recovery_key.formatted())
    qtbot.keyClicks(dialog.form.passphrase, NEW)
    qtbot.keyClicks(dialog.form.confirm, NEW)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=15000)
    controller.lock("manual")
    unlock_through_window(qtbot, controller, NEW)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)


def test_restore_from_the_welcome_screen(qtbot, make_controller, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    source = opening.create_vault(VaultFolder(tmp_path / "source"), pw(), cost=FLOOR_COST)
    source.session.save_draft("kept", "from the backup")
    bundle = source.session.backup_to(tmp_path / "saved.gsbackup").path
    source.session.lock()
    import goldseam.ui.dialogs.restore_dialog as restore_module

    monkeypatch.setattr(restore_module, "choose_open_file", lambda *args: bundle)
    controller = make_controller()
    controller.welcome.restore_requested.emit()
    dialog = next(d for d in visible_dialogs() if isinstance(d, RestoreDialog))
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.details.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=15000)
    saved = controller.worker.submit(lambda w: w.session.load_draft("kept")).result()
    assert saved == "from the backup"


def test_second_window_on_the_same_vault_is_told_it_is_already_open(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_vault(tmp_path / "vault")
    first = make_controller()
    second = make_controller()
    assert first.state == "locked"
    assert second.state == "notice"
    assert "already open" in second.window.notice.text.text()


def test_recovery_key_dialog_needs_confirmation_and_forgets_the_key(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RecoveryKeyDialog("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-JJJJ")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "AAAA" in dialog.key_label.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.findChild(QCheckBox).setChecked(True)
    assert ok.isEnabled()
    dialog.accept()
    assert dialog.key_label.text() == ""

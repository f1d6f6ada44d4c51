"""Auto-lock triggers, "Get help now" from every screen, quick exit, title, keyboard use, live language."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from conftest import PYTHON, python_subprocess_env
from goldseam import i18n
from goldseam.ui.idle_watcher import IdleWatcher
from goldseam.ui.pages.lock_screen import retry_delay_seconds
from gui.test_vault_flows import make_vault, unlock_through_window

pytestmark = pytest.mark.gui


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def unlocked(qtbot, make_controller, tmp_path: Path, **kwargs):  # type: ignore[no-untyped-def]
    make_vault(tmp_path / "vault")
    controller = make_controller(**kwargs)
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    return controller


def test_idle_watcher_counts_the_larger_of_monotonic_and_wall_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    mono, wall = FakeClock(), FakeClock()
    watcher = IdleWatcher(300, monotonic=mono, wall=wall)
    fired = []
    watcher.idle_timeout.connect(lambda: fired.append(True))
    watcher.start()
    mono.now += 200
    watcher.check()
    assert not fired
    wall.now += 400  # the machine slept: monotonic time stood still, wall time moved on
    watcher.check()
    assert fired == [True] and not watcher.active


def test_idle_locks_and_input_resets_the_timer(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Design §6 test 38."""
    controller = unlocked(qtbot, make_controller, tmp_path)
    mono, wall = FakeClock(), FakeClock()
    idle = controller.idle
    idle._monotonic, idle._wall = mono, wall
    idle.reset()
    minutes = controller.settings.value("lock/idle_minutes")
    mono.now += minutes * 60 - 5
    wall.now += minutes * 60 - 5
    idle.check()
    assert controller.state == "unlocked"
    qtbot.keyClick(controller.shell.navigation, Qt.Key.Key_Down)  # any input restarts the clock
    mono.now += 30
    wall.now += 30
    idle.check()
    assert controller.state == "unlocked"
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPoint(5, 5),
        QPoint(5, 5),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(controller.window, move)
    mono.now += minutes * 60
    wall.now += minutes * 60
    idle.check()
    assert controller.state == "locked"
    assert "without activity" in controller.lock_screen.reason.text()


def test_idle_timeout_follows_the_setting(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    controller.settings_page.idle.setValue(12)
    assert controller.idle.timeout_seconds == 12 * 60
    assert controller.settings.value("lock/idle_minutes") == 12


def test_minimise_locks_only_when_enabled(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    controller.window.minimized.emit()
    assert controller.state == "unlocked"
    controller.settings_page.on_minimize.setChecked(True)
    controller.window.minimized.emit()
    assert controller.state == "locked"


def test_screen_lock_and_sleep_notices_lock(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    events = controller.session_events
    events.on_screensaver_active(False)
    assert controller.state == "unlocked"
    events.on_prepare_for_sleep(True)
    assert controller.state == "locked"
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    events.handle_windows_message(0x02B1, 0x7)  # WM_WTSSESSION_CHANGE / WTS_SESSION_LOCK
    assert controller.state == "locked"
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    controller.settings_page.on_screen_lock.setChecked(False)
    events.on_screensaver_active(True)
    assert controller.state == "unlocked"


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs dbus-run-session")
def test_real_dbus_screensaver_signal_requests_a_lock() -> None:
    """A real session bus: a fake screensaver emits ActiveChanged(true) and the listener reacts."""
    script = r"""
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from goldseam.ui.session_events import SessionEvents
app = QCoreApplication(sys.argv)
events = SessionEvents()
events.start()
assert "org.freedesktop.ScreenSaver" in events.sources, events.sources
got = []
events.lock_requested.connect(lambda kind: (got.append(kind), app.quit()))
fake = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, "fake-screensaver")
assert fake.registerService("org.freedesktop.ScreenSaver")
def send():
    msg = QDBusMessage.createSignal("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged")
    msg.setArguments([True])
    fake.send(msg)
QTimer.singleShot(100, send)
QTimer.singleShot(5000, app.quit)
app.exec()
print("GOT", got)
sys.exit(0 if got == ["screen"] else 1)
"""
    result = subprocess.run(
        ["dbus-run-session", "--", PYTHON, "-c", script],
        env=python_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_help_is_reachable_from_every_screen_and_returns(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    window = controller.window
    for screen in (controller.welcome, controller.create_page):
        window.show_screen(screen)
        qtbot.mouseClick(window.help_button, Qt.MouseButton.LeftButton)
        assert window.current_screen() is controller.help_page
        qtbot.mouseClick(controller.help_page.back, Qt.MouseButton.LeftButton)
        assert window.current_screen() is screen
    window.show_screen(controller.welcome)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.current_screen() is controller.help_page
    qtbot.keyClick(controller.help_page, Qt.Key.Key_Escape)
    assert window.current_screen() is controller.welcome
    assert controller.help_page.current_country() is not None


def test_help_from_the_unlocked_shell_and_quick_exit(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    qtbot.mouseClick(controller.window.help_button, Qt.MouseButton.LeftButton)
    assert controller.window.current_screen() is controller.help_page
    qtbot.mouseClick(controller.help_page.quick_exit, Qt.MouseButton.LeftButton)
    assert controller.state == "locked"
    assert controller.window.isMinimized() or not controller.window.isVisible()
    assert controller.window.current_screen() is controller.lock_screen


def test_help_page_lists_every_country_with_numbers() -> None:
    from goldseam.domain.helplines import load_help_directory

    directory = load_help_directory()
    codes = {c.code for c in directory.countries}
    assert {"US", "GB", "IE", "FR", "DE", "ES", "BR", "CA"} <= codes
    for country in directory.countries:
        assert country.emergency and all(line.phone for line in country.lines)
    assert directory.directory_url.startswith("https://")


def test_window_title_is_generic_everywhere_and_neutral_in_discreet_mode(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    for index in range(len(controller.pages)):
        controller.shell.show_page(index)
        assert controller.window.windowTitle() == "Goldseam"
    controller.settings_page.discreet.setChecked(True)
    assert controller.window.windowTitle() == "Notes"
    controller.lock("manual")
    assert controller.window.windowTitle() == "Notes"


def test_keyboard_only_unlock_and_navigation(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_vault(tmp_path / "vault")
    controller = make_controller()
    controller.window.activateWindow()
    assert QApplication.focusWidget() in (controller.lock_screen.passphrase, None)
    controller.lock_screen.passphrase.setFocus()
    from conftest import PASSPHRASE

    qtbot.keyClicks(controller.lock_screen.passphrase, PASSPHRASE)
    qtbot.keyClick(controller.lock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    settings_number = controller.pages.index(controller.settings_page) + 1
    qtbot.keyClick(controller.shell, Qt.Key(Qt.Key.Key_0.value + settings_number), Qt.KeyboardModifier.ControlModifier)
    assert controller.shell.current_page() is controller.settings_page
    qtbot.keyClick(controller.shell, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert controller.shell.stack.currentIndex() == 0


def test_every_control_has_an_accessible_name_or_label(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit

    controller = unlocked(qtbot, make_controller, tmp_path)
    controller.shell.show_page(len(controller.pages) - 1)
    labelled = {id(label.buddy()) for label in controller.window.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for kind in (QLineEdit, QComboBox, QAbstractSpinBox):
        for widget in controller.window.findChildren(kind):
            if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue
            if not widget.accessibleName() and id(widget) not in labelled:
                missing.append(widget.objectName() or type(widget).__name__)
    for button in controller.window.findChildren(QAbstractButton):
        unnamed = not (button.text() or button.accessibleName())
        # QToolButtons here are Qt's own (scroll arrows, line-edit actions with tooltips).
        if button.isVisibleTo(controller.window) and unnamed and type(button).__name__ != "QToolButton":
            missing.append(type(button).__name__)
    assert missing == []


def test_language_switches_live_without_restart(qtbot, make_controller, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOLDSEAM_PSEUDO_LOCALES", "1")
    controller = unlocked(qtbot, make_controller, tmp_path)
    page = controller.settings_page
    index = page.language.findData(i18n.PSEUDO_ACCENTED)
    assert index >= 0
    page.language.setCurrentIndex(index)
    page.language.activated.emit(index)
    assert controller.window.lock_button.text().startswith("⟦")
    assert controller.window.help_button.text().startswith("⟦")
    assert controller.shell.model.item(0).text().startswith("⟦")
    assert controller.window.windowTitle() == "Goldseam"
    assert controller.settings.value("ui/language") == i18n.PSEUDO_ACCENTED
    rtl = page.language.findData(i18n.PSEUDO_RTL)
    page.language.setCurrentIndex(rtl)
    page.language.activated.emit(rtl)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    english = page.language.findData("en")
    page.language.setCurrentIndex(english)
    page.language.activated.emit(english)
    assert controller.window.lock_button.text() == "Lock"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_retry_delay_grows_but_stays_short() -> None:
    assert [retry_delay_seconds(n) for n in range(0, 10)] == [0, 0, 0, 1, 2, 4, 8, 16, 30, 30]


def test_qt_dialog_buttons_follow_the_language(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    controller = make_controller()
    controller.language.apply("fr")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    assert controller.window.lock_button.text() == "Verrouiller"
    controller.language.apply("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_window_geometry_is_remembered_and_nothing_private_is_stored(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from goldseam.settings_schema import ALLOWED_KEYS

    controller = make_controller()
    controller.window.resize(900, 650)
    controller.shutdown()
    assert controller.settings.value("window/geometry")
    assert set(controller.settings.keys()) <= ALLOWED_KEYS

"""Settings: language, appearance, locking, privacy, and the vault's keys and backups."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.i18n import _
from goldseam.ui import capture_protection
from goldseam.ui.building_blocks import body_label, title_label
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker


class VaultStatus:
    def __init__(self, folder: Path, has_recovery_key: bool, latest_backup: datetime | None, auto_backups: int):
        self.folder = folder
        self.has_recovery_key = has_recovery_key
        self.latest_backup = latest_backup
        self.auto_backups = auto_backups


def _vault_status(worker: VaultWorker) -> VaultStatus:
    session = worker.session
    return VaultStatus(
        session.folder.path, session.has_recovery_key, session.latest_backup_time(), len(session.auto_backups())
    )


class SettingsPage(ShellPage):
    key = "settings"
    change_passphrase_requested = Signal(bool)  # has a recovery key now
    backup_requested = Signal()
    restore_requested = Signal()
    integrity_check_requested = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._status: VaultStatus | None = None
        self._lock_sources: list[str] = []
        settings = services.settings
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        column = QVBoxLayout(inner)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(14)
        self.title = title_label(inner)
        column.addWidget(self.title)

        # Language and appearance
        self.appearance = QGroupBox(inner)
        form = QFormLayout(self.appearance)
        self.language_label = QLabel(self.appearance)
        self.language = QComboBox(self.appearance)
        self.language.addItem("", "")
        for language in i18n.available_languages():
            self.language.addItem(language.native_name, language.code)
        self.language_label.setBuddy(self.language)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.value("ui/language"))))
        self.language.activated.connect(self._language_chosen)
        self.theme_label = QLabel(self.appearance)
        self.theme = QComboBox(self.appearance)
        for code in ("system", "light", "dark"):
            self.theme.addItem("", code)
        self.theme_label.setBuddy(self.theme)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.value("ui/theme"))))
        self.theme.activated.connect(self._theme_chosen)
        form.addRow(self.language_label, self.language)
        form.addRow(self.theme_label, self.theme)
        column.addWidget(self.appearance)

        # Locking
        self.locking = QGroupBox(inner)
        form = QFormLayout(self.locking)
        self.idle_label = QLabel(self.locking)
        self.idle = QSpinBox(self.locking)
        self.idle.setRange(1, 60)
        self.idle.setValue(settings.value("lock/idle_minutes"))
        self.idle.valueChanged.connect(lambda v: settings.set_value("lock/idle_minutes", v))
        self.idle_label.setBuddy(self.idle)
        self.on_screen_lock = QCheckBox(self.locking)
        self.on_screen_lock.setChecked(settings.value("lock/on_screen_lock"))
        self.on_screen_lock.toggled.connect(lambda v: settings.set_value("lock/on_screen_lock", v))
        self.screen_lock_note = body_label(self.locking, "muted")
        self.on_minimize = QCheckBox(self.locking)
        self.on_minimize.setChecked(settings.value("lock/on_minimize"))
        self.on_minimize.toggled.connect(lambda v: settings.set_value("lock/on_minimize", v))
        self.lock_now = QPushButton(self.locking)
        self.lock_now.clicked.connect(services.lock_now)
        form.addRow(self.idle_label, self.idle)
        form.addRow(self.on_screen_lock)
        form.addRow(self.screen_lock_note)
        form.addRow(self.on_minimize)
        form.addRow(self.lock_now)
        column.addWidget(self.locking)

        # Privacy
        self.privacy = QGroupBox(inner)
        form = QFormLayout(self.privacy)
        self.discreet = QCheckBox(self.privacy)
        self.discreet.setChecked(settings.value("privacy/discreet_mode"))
        self.discreet.toggled.connect(lambda v: settings.set_value("privacy/discreet_mode", v))
        self.clipboard_label = QLabel(self.privacy)
        self.clipboard = QSpinBox(self.privacy)
        self.clipboard.setRange(10, 600)
        self.clipboard.setSingleStep(10)
        self.clipboard.setValue(settings.value("privacy/clipboard_seconds"))
        self.clipboard.valueChanged.connect(lambda v: settings.set_value("privacy/clipboard_seconds", v))
        self.clipboard_label.setBuddy(self.clipboard)
        self.capture = QCheckBox(self.privacy)
        self.capture.setChecked(settings.value("privacy/capture_protection"))
        self.capture.setEnabled(capture_protection.supported())
        self.capture.toggled.connect(lambda v: settings.set_value("privacy/capture_protection", v))
        self.capture_note = body_label(self.privacy, "muted")
        form.addRow(self.discreet)
        form.addRow(self.clipboard_label, self.clipboard)
        form.addRow(self.capture)
        form.addRow(self.capture_note)
        column.addWidget(self.privacy)

        # Vault
        self.vault = QGroupBox(inner)
        vault_layout = QVBoxLayout(self.vault)
        self.location = body_label(self.vault, "muted")
        self.backup_status = body_label(self.vault, "muted")
        self.recovery_status = body_label(self.vault, "muted")
        row1 = QHBoxLayout()
        self.change_passphrase = QPushButton(self.vault)
        self.change_passphrase.clicked.connect(
            lambda: self.change_passphrase_requested.emit(bool(self._status and self._status.has_recovery_key))
        )
        row1.addWidget(self.change_passphrase)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        self.backup_now = QPushButton(self.vault)
        self.backup_now.clicked.connect(self.backup_requested.emit)
        self.restore = QPushButton(self.vault)
        self.restore.clicked.connect(self.restore_requested.emit)
        self.check = QPushButton(self.vault)
        self.check.clicked.connect(self.integrity_check_requested.emit)
        row2.addWidget(self.backup_now)
        row2.addWidget(self.restore)
        row2.addWidget(self.check)
        row2.addStretch(1)
        for widget in (self.location, self.recovery_status):
            vault_layout.addWidget(widget)
        vault_layout.addLayout(row1)
        vault_layout.addWidget(self.backup_status)
        vault_layout.addLayout(row2)
        column.addWidget(self.vault)
        column.addStretch(1)
        self.retranslate()

    # -- ShellPage -------------------------------------------------------------------------

    def nav_title(self) -> str:
        return _("Settings")

    def vault_unlocked(self) -> None:
        self.refresh_status()

    def page_shown(self) -> None:
        self.refresh_status()

    def clear_for_lock(self) -> None:
        self._status = None
        self._show_status()

    def refresh_status(self) -> None:
        self.services.bridge.run(_vault_status, self._got_status)

    def _got_status(self, status: Any) -> None:
        self._status = status
        self._show_status()

    def set_lock_sources(self, sources: list[str]) -> None:
        self._lock_sources = sources
        self._show_lock_sources()

    # -- handlers --------------------------------------------------------------------------

    def _language_chosen(self, _index: int) -> None:
        code = str(self.language.currentData() or "")
        self.services.settings.set_value("ui/language", code)
        self.services.language.apply(code)

    def _theme_chosen(self, _index: int) -> None:
        mode = str(self.theme.currentData())
        self.services.settings.set_value("ui/theme", mode)
        self.services.theme.apply(mode)

    # -- texts -----------------------------------------------------------------------------

    def _show_lock_sources(self) -> None:
        if self._lock_sources:
            self.screen_lock_note.setText(_("This system tells Goldseam when the screen locks or the computer sleeps."))
        else:
            self.screen_lock_note.setText(
                _("This system doesn't report screen locking to Goldseam, so only the timer above applies.")
            )

    def _show_status(self) -> None:
        status = self._status
        if status is None:
            for label in (self.location, self.backup_status, self.recovery_status):
                label.clear()
            return
        self.location.setText(_("Vault folder: {folder}").format(folder=str(status.folder)))
        if status.latest_backup is None:
            self.backup_status.setText(_("No backups yet."))
        else:
            when = i18n.format_datetime(status.latest_backup.astimezone(), "medium")
            self.backup_status.setText(
                i18n.ngettext(
                    "Latest backup: {when}. Goldseam keeps {count} daily backup in the vault folder.",
                    "Latest backup: {when}. Goldseam keeps {count} daily backups in the vault folder.",
                    status.auto_backups,
                ).format(when=when, count=status.auto_backups)
            )
        if status.has_recovery_key:
            self.recovery_status.setText(
                _(
                    "A recovery key can open this vault if you forget your passphrase. To replace or remove it, "
                    "use “Change passphrase” (you may keep the same passphrase)."
                )
            )
        else:
            self.recovery_status.setText(
                _(
                    "This vault has no recovery key. “Change passphrase” can create one "
                    "(you may keep the same passphrase)."
                )
            )

    def retranslate(self) -> None:
        self.title.setText(_("Settings"))
        self.appearance.setTitle(_("Language and appearance"))
        self.language_label.setText(_("&Language:"))
        self.language.setItemText(0, _("Same as the system"))
        self.theme_label.setText(_("&Appearance:"))
        for index, text in enumerate((_("Same as the system"), _("Light"), _("Dark"))):
            self.theme.setItemText(index, text)
        self.locking.setTitle(_("Locking"))
        self.idle_label.setText(_("Lock after &inactivity:"))
        self.idle.setSuffix(_(" min"))
        self.idle.setAccessibleName(_("Minutes without activity before Goldseam locks"))
        self.on_screen_lock.setText(_("Lock when the &screen locks or the computer sleeps"))
        self.on_minimize.setText(_("Lock when the window is &minimised"))
        self.lock_now.setText(_("Lock now (Ctrl+L)"))
        self.privacy.setTitle(_("Privacy"))
        self.discreet.setText(_("&Discreet mode: a neutral window name and icon"))
        self.clipboard_label.setText(_("Clear copied text after:"))
        self.clipboard.setSuffix(_(" s"))
        self.clipboard.setAccessibleName(_("Seconds before copied text is cleared"))
        self.capture.setText(_("Keep Goldseam out of &screenshots and screen sharing"))
        self.capture_note.setText(
            _("Available on Windows and macOS.")
            if not capture_protection.supported()
            else _("Other apps capturing the screen will see an empty window.")
        )
        self.vault.setTitle(_("Vault"))
        self.change_passphrase.setText(_("Change &passphrase…"))
        self.backup_now.setText(_("&Back up now…"))
        self.restore.setText(_("&Restore from a backup…"))
        self.check.setText(_("Check for &damage"))
        self._show_lock_sources()
        self._show_status()

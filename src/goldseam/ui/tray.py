"""An optional tray icon with Show, Lock and Quit (only where the desktop has a tray)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from goldseam import APP_NAME
from goldseam.i18n import _
from goldseam.ui.icons import app_icon, discreet_icon
from goldseam.ui.main_window import discreet_title


class Tray(QObject):
    show_requested = Signal()
    lock_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.show_action = QAction(self.menu)
        self.show_action.triggered.connect(self.show_requested.emit)
        self.lock_action = QAction(self.menu)
        self.lock_action.triggered.connect(self.lock_requested.emit)
        self.quit_action = QAction(self.menu)
        self.quit_action.triggered.connect(self.quit_requested.emit)
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.lock_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self._discreet = False
        self.retranslate()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_requested.emit()

    def set_discreet(self, discreet: bool) -> None:
        self._discreet = discreet
        self.retranslate()

    def set_unlocked(self, unlocked: bool) -> None:
        self.lock_action.setEnabled(unlocked)

    def retranslate(self) -> None:
        name = discreet_title() if self._discreet else APP_NAME
        self.icon.setIcon(discreet_icon() if self._discreet else app_icon())
        self.icon.setToolTip(name)
        self.show_action.setText(_("Show {name}").format(name=name))
        self.lock_action.setText(_("Lock"))
        self.quit_action.setText(_("Quit"))

"""The single main window: a header with "Get help now" and "Lock", and a stack of screens.

The title is always the app's name (or a neutral one in discreet mode); no screen ever puts
private text in the title, the taskbar or the tray.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from goldseam import APP_NAME
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, centered_column, help_button, title_label
from goldseam.ui.icons import app_icon, discreet_icon
from goldseam.ui.retranslate import RetranslateMixin


def discreet_title() -> str:
    return _("Notes")


class NoticePage(RetranslateMixin, QWidget):
    """A full-window message (e.g. "already open", or the engine failed its check)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = centered_column(self, 560)
        column.addStretch(1)
        self.title = title_label(self)
        self.text = body_label(self)
        self.quit = QPushButton(self)
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addWidget(self.quit, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(2)
        self._title = ""
        self._message = ""
        self.retranslate()

    def show_message(self, title: str, message: str) -> None:
        self._title, self._message = title, message
        self.title.setText(title)
        self.text.setText(message)

    def retranslate(self) -> None:
        self.quit.setText(_("Close Goldseam"))


class MainWindow(RetranslateMixin, QMainWindow):
    closing = Signal()
    minimized = Signal()
    help_requested = Signal()
    lock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._discreet = False
        self.setObjectName("goldseam-main-window")
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QWidget(central)
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(16, 8, 12, 8)
        self.app_label = QLabel(header)
        self.app_label.setProperty("role", "subtitle")
        self.lock_button = QPushButton(header)
        self.lock_button.clicked.connect(self.lock_requested.emit)
        self.lock_button.hide()
        self.help_button = help_button(header)
        self.help_button.clicked.connect(self.help_requested.emit)
        header_layout.addWidget(self.app_label)
        header_layout.addStretch(1)
        header_layout.addWidget(self.lock_button)
        header_layout.addWidget(self.help_button)
        self.stack = QStackedWidget(central)
        outer.addWidget(header)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.notice = NoticePage(self)
        self.notice.quit.clicked.connect(self.close)
        self.stack.addWidget(self.notice)

        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_requested.emit)
        self.addAction(self.lock_action)
        self.help_action = QAction(self)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.help_action.triggered.connect(self.help_requested.emit)
        self.addAction(self.help_action)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.addAction(self.quit_action)
        self.resize(1100, 760)
        self.setMinimumSize(640, 520)
        self.set_discreet(False)
        self.retranslate()

    def add_screen(self, widget: QWidget) -> None:
        self.stack.addWidget(widget)

    def show_screen(self, widget: QWidget) -> None:
        self.stack.setCurrentWidget(widget)

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def set_unlocked(self, unlocked: bool) -> None:
        self.lock_button.setVisible(unlocked)
        self.lock_action.setEnabled(unlocked)

    def set_discreet(self, discreet: bool) -> None:
        self._discreet = discreet
        icon: QIcon = discreet_icon() if discreet else app_icon()
        self.setWindowIcon(icon)
        self._apply_title()

    def _apply_title(self) -> None:
        title = discreet_title() if self._discreet else APP_NAME
        self.setWindowTitle(title)
        self.app_label.setText(title)

    def show_notice(self, title: str, message: str) -> None:
        self.notice.show_message(title, message)
        self.show_screen(self.notice)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            self.minimized.emit()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    def retranslate(self) -> None:
        self._apply_title()
        self.lock_button.setText(_("Lock"))
        self.lock_button.setToolTip(_("Lock Goldseam now (Ctrl+L)"))
        self.help_button.setText(_("Get help now"))
        self.help_button.setToolTip(_("Emergency numbers, helplines and a quick exit (F1)"))
        self.lock_action.setText(_("Lock"))
        self.help_action.setText(_("Get help now"))
        self.quit_action.setText(_("Quit"))

"""Small, styled widgets shared by the pages: titles, notes, cards, buttons, busy notes."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from goldseam.i18n import _


def title_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", "title")
    label.setWordWrap(True)
    label.setAccessibleDescription(_("heading"))
    return label


def subtitle_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", "subtitle")
    label.setWordWrap(True)
    return label


DIALOG_MARGIN = 22


def body_label(parent: QWidget | None = None, role: str | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


def card(parent: QWidget | None = None, role: str = "card") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setProperty("role", role)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 16, 18, 16)
    layout.setSpacing(10)
    return frame, layout


def primary_button(parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(parent)
    button.setProperty("role", "primary")
    button.setDefault(True)
    button.setAutoDefault(True)
    return button


class LinkLabel(QLabel):
    """A text link that runs an action: wraps like text, reachable with Tab, activated by Enter."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plain = ""
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.linkActivated.connect(lambda _href: self.clicked.emit())

    def setText(self, text: str) -> None:
        self._plain = text
        self.setAccessibleName(text)
        super().setText(f'<a href="#action">{html.escape(text)}</a>')

    def plain_text(self) -> str:
        return self._plain

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class WrappingCheckBox(QWidget):
    """A check box whose text wraps (QCheckBox's doesn't), so long or translated choices fit
    narrow panes. Keyboard focus and the accessible name stay on the box itself."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.label = _ClickableLabel(self)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        self.label.clicked.connect(lambda: self.box.toggle() if self.box.isEnabled() else None)
        self.box.toggled.connect(self.toggled.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.setFocusProxy(self.box)

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.box.setAccessibleName(text)

    def text(self) -> str:
        return self.label.text()

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        self.box.setChecked(checked)

    def click(self) -> None:
        self.box.click()


def link_button(parent: QWidget | None = None) -> LinkLabel:
    return LinkLabel(parent)


def help_button(parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(parent)
    button.setProperty("role", "help")
    return button


class BusyNote(QWidget):
    """An indeterminate progress bar with a message, for work running on the vault thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.message = QLabel(self)
        self.message.setProperty("role", "muted")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        self.hide()

    def start(self, message: str) -> None:
        self.message.setText(message)
        self.bar.setAccessibleName(message)
        self.show()

    def update_message(self, message: str) -> None:
        self.message.setText(message)

    def stop(self) -> None:
        self.hide()
        self.message.clear()


def centered_column(parent: QWidget, max_width: int = 620) -> QVBoxLayout:
    """A scrollable column of limited width centred in ``parent``; returns the column's layout.

    Scrolling keeps long translations and large fonts from squeezing the content together.
    """
    outer = QVBoxLayout(parent)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    inner = QWidget(scroll)
    scroll.setWidget(inner)
    outer.addWidget(scroll)
    row = QHBoxLayout(inner)
    row.setContentsMargins(24, 24, 24, 24)
    row.addStretch(1)
    column = QWidget(inner)
    column.setMaximumWidth(max_width)
    column.setMinimumWidth(min(max_width, 360))
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(14)
    row.addWidget(column, 4)
    row.addStretch(1)
    return layout


def record_list_view(parent: QWidget | None = None) -> QListView:
    """A list for multi-line records: wraps and elides instead of scrolling sideways."""
    view = QListView(parent)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSpacing(2)
    view.setAlternatingRowColors(True)
    return view


def localise_date_edit(edit: QDateTimeEdit, with_time: bool) -> None:
    """Date widgets keep the format they were created with; re-apply it when the language changes."""
    locale = QLocale()
    edit.setLocale(locale)
    fmt = (
        locale.dateTimeFormat(QLocale.FormatType.ShortFormat)
        if with_time
        else locale.dateFormat(QLocale.FormatType.ShortFormat)
    )
    edit.setDisplayFormat(fmt.replace("yy", "yyyy") if "yyyy" not in fmt else fmt)

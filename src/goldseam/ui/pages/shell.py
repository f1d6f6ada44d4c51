"""The unlocked window's content: navigation on the side, the chosen area on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListView, QStackedWidget, QWidget

from goldseam.i18n import _
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.retranslate import RetranslateMixin


class Shell(RetranslateMixin, QWidget):
    page_changed = Signal(int)

    def __init__(self, pages: list[ShellPage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.active = False  # pages load data only while the vault is unlocked
        self.model = QStandardItemModel(self)
        self.navigation = QListView(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setModel(self.model)
        self.navigation.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.navigation.setUniformItemSizes(True)
        self.navigation.setFixedWidth(200)
        self.stack = QStackedWidget(self)
        for page in pages:
            self.model.appendRow(QStandardItem())
            self.stack.addWidget(page)
        self.navigation.selectionModel().currentChanged.connect(self._on_current_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        for number in range(1, min(len(pages), 9) + 1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda n=number: self.show_page(n - 1))
        self.retranslate()
        self.show_page(0)

    def show_page(self, index: int) -> None:
        self.navigation.setCurrentIndex(self.model.index(index, 0))

    def current_page(self) -> ShellPage:
        page = self.stack.currentWidget()
        assert isinstance(page, ShellPage)
        return page

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self.stack.setCurrentIndex(current.row())
        if self.active:
            self.pages[current.row()].page_shown()
        self.page_changed.emit(current.row())

    def retranslate(self) -> None:
        self.navigation.setAccessibleName(_("Sections"))
        for row, page in enumerate(self.pages):
            item = self.model.item(row)
            item.setText(page.nav_title())
            item.setData(page.nav_title(), Qt.ItemDataRole.AccessibleTextRole)
            item.setToolTip(_("Ctrl+{number}").format(number=row + 1))

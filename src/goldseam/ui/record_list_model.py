"""A small list model for short lists loaded whole (contacts, urges, messages, goals).

Long lists (the journal) use their own paged model; these stay in the hundreds of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordListModel(QAbstractListModel, Generic[T]):
    def __init__(self, describe: Callable[[T], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._describe = describe
        self._records: list[T] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self._describe(record)
        if role == RECORD_ROLE:
            return record
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def replace(self, row: int, record: T) -> None:
        if 0 <= row < len(self._records):
            self._records[row] = record
            self.dataChanged.emit(self.index(row), self.index(row))

    def record(self, row: int) -> T | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def records(self) -> list[T]:
        return list(self._records)

    def refresh_texts(self) -> None:
        if self._records:
            self.dataChanged.emit(self.index(0), self.index(len(self._records) - 1))

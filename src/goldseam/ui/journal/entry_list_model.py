"""The journal list: a Qt model that fetches pages from the vault as the view scrolls.

Rows arrive a page at a time from the vault thread (keyset pagination, newest first, or
best-match pages when searching). A query change starts a new generation; pages that come
back for an older generation are dropped, so fast typing never mixes result sets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from goldseam import i18n
from goldseam.domain import journal, search
from goldseam.domain.journal import KIND_LABELS, EntryFilter, EntryKind, EntrySummary
from goldseam.domain.search import SearchHit, SearchOrder
from goldseam.i18n import _
from goldseam.ui.vault_bridge import VaultBridge
from goldseam.vault_worker import VaultWorker

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
WRITTEN_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
MOOD_ROLE = Qt.ItemDataRole.UserRole + 4
WORDS_ROLE = Qt.ItemDataRole.UserRole + 5
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 6
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 7
DATE_TEXT_ROLE = Qt.ItemDataRole.UserRole + 8

Row = EntrySummary | SearchHit


NO_FILTER = EntryFilter()


@dataclass(frozen=True)
class ListQuery:
    entry_filter: EntryFilter = NO_FILTER
    text: str = ""
    order: SearchOrder = SearchOrder.NEWEST

    @property
    def searching(self) -> bool:
        return search.build_match(self.text) is not None


def _fetch(query: ListQuery, after: tuple[str, int] | None, offset: int, limit: int):  # type: ignore[no-untyped-def]
    def job(worker: VaultWorker) -> list[Row]:
        conn = worker.session.conn
        if query.searching:
            return list(search.search_page(conn, query.text, query.order, query.entry_filter, after, offset, limit))
        return list(journal.list_page(conn, query.entry_filter, after, limit))

    return job


def _count(query: ListQuery):  # type: ignore[no-untyped-def]
    def job(worker: VaultWorker) -> int:
        conn = worker.session.conn
        if query.searching:
            return search.count_matches(conn, query.text, query.entry_filter)
        return journal.count_entries(conn, query.entry_filter)

    return job


class EntryListModel(QAbstractListModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)
    first_page_loaded = Signal()

    def __init__(self, bridge: VaultBridge, page_size: int = journal.PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.page_size = page_size
        self.query = ListQuery()
        self._rows: list[Row] = []
        self._generation = 0
        self._exhausted = True
        self._loading = False
        self._dates: dict[int, str] = {}
        i18n.add_language_listener(self._language_changed)

    # -- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title or _(KIND_LABELS[row.kind])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _("{date}: {title}").format(date=self._date_text(row), title=row.title or _(KIND_LABELS[row.kind]))
        if role == ID_ROLE:
            return row.id
        if role == WRITTEN_ROLE:
            return row.written_at
        if role == KIND_ROLE:
            return str(row.kind)
        if role == MOOD_ROLE:
            return row.mood
        if role == WORDS_ROLE:
            return row.word_count
        if role == SUMMARY_ROLE:
            return row.summary if isinstance(row, EntrySummary) else ""
        if role == SNIPPET_ROLE:
            return row.snippet if isinstance(row, SearchHit) else ""
        if role == DATE_TEXT_ROLE:
            return self._date_text(row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request_page()

    # -- loading ---------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    def set_query(self, query: ListQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._dates.clear()
        self._generation += 1
        self._exhausted = False
        self._set_loading(False)
        self.endResetModel()
        self._request_page()
        generation = self._generation
        self.bridge.run(_count(self.query), lambda total: self._got_total(generation, total))

    def clear(self) -> None:
        """Forget every row (locking): nothing of the vault stays in memory here."""
        self.beginResetModel()
        self._rows = []
        self._dates.clear()
        self._generation += 1
        self._exhausted = True
        self._set_loading(False)
        self.endResetModel()

    def _request_page(self) -> None:
        self._set_loading(True)
        generation = self._generation
        after = self._rows[-1].key if self._rows and self.query.order is SearchOrder.NEWEST else None
        job = _fetch(self.query, after, len(self._rows), self.page_size)
        self.bridge.run(
            job, lambda rows: self._got_page(generation, rows), lambda _error: self._page_failed(generation)
        )

    def _got_page(self, generation: int, rows: list[Row]) -> None:
        if generation != self._generation:
            return
        first = not self._rows
        self._set_loading(False)
        if len(rows) < self.page_size:
            self._exhausted = True
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        if first:
            self.first_page_loaded.emit()

    def _page_failed(self, generation: int) -> None:
        if generation == self._generation:
            self._exhausted = True
            self._set_loading(False)

    def _got_total(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total_changed.emit(total)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # -- keeping rows in step with the editor ----------------------------------------------

    def row_of(self, entry_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == entry_id), -1)

    def upsert(self, summary: EntrySummary) -> None:
        """Reflect a saved entry without reloading (browse mode only; search results reload)."""
        if self.query.searching:
            return
        row = self.row_of(summary.id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._dates.pop(summary.id, None)
            self.endRemoveRows()
        position = self._insert_position(summary)
        if position is None:
            return  # older than everything loaded so far: it will arrive with a later page
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, summary)
        self.endInsertRows()

    def _insert_position(self, summary: EntrySummary) -> int | None:
        descending = [_inverted(r.key) for r in self._rows]
        position = bisect.bisect_left(descending, _inverted(summary.key))
        if position == len(self._rows) and not self._exhausted:
            return None
        return position

    def remove(self, entry_id: int) -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    # -- presentation ------------------------------------------------------------------------

    def _date_text(self, row: Row) -> str:
        text = self._dates.get(row.id)
        if text is None:
            try:
                text = i18n.format_day_time(datetime.fromisoformat(row.written_at))
            except ValueError:
                text = row.written_at
            self._dates[row.id] = text
        return text

    def _language_changed(self, _code: str) -> None:
        self._dates.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))


class _Inverted:
    """Wraps a key so bisect on an ascending list gives descending order."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[str, int]) -> None:
        self.key = key

    def __lt__(self, other: _Inverted) -> bool:
        return self.key > other.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Inverted) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


def _inverted(key: tuple[str, int]) -> _Inverted:
    return _Inverted(key)


def kind_of(value: str) -> EntryKind:
    try:
        return EntryKind(value)
    except ValueError:
        return EntryKind.FREE

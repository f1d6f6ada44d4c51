"""The journal: search and filters, a calendar of days, the list of entries, and the editor."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import journal, prompts, rumination, search
from goldseam.domain.journal import KIND_LABELS, MOOD_LABELS, EntryFilter, EntryKind, EntrySummary
from goldseam.domain.prompts import Prompt
from goldseam.domain.search import SearchOrder
from goldseam.i18n import _, ngettext
from goldseam.transfer.importing import ImportResult
from goldseam.ui.journal.entry_delegate import EntryDelegate
from goldseam.ui.journal.entry_editor import EntryEditor
from goldseam.ui.journal.entry_list_model import ID_ROLE, EntryListModel, ListQuery
from goldseam.ui.journal.heat_map import HeatMap
from goldseam.ui.journal.transfer_dialogs import ExportDialog, ImportDialog, import_result_message
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

SEARCH_DELAY_MS = 250
NEW_ENTRY_KINDS = (EntryKind.PROMPT, EntryKind.LESSONS, EntryKind.APART, EntryKind.GRATITUDE, EntryKind.FREE)


def _side_info(worker: VaultWorker) -> tuple[list[journal.DayStat], list[str], bool]:
    conn = worker.session.conn
    today = date.today()
    stats = journal.day_stats(conn, today - timedelta(days=400), today)
    tags = [name for name, _count in journal.all_tags(conn)]
    return stats, tags, rumination.check_rumination(conn, today) is not None


class JournalPage(ShellPage):
    key = "journal"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.model = EntryListModel(services.bridge, parent=self)
        self.editor = EntryEditor(services, self)
        self._loaded_once = False
        self._ruminating = False

        self.new_button = QToolButton(self)
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_menu = QMenu(self.new_button)
        self.new_actions: dict[EntryKind, QAction] = {}
        for kind in NEW_ENTRY_KINDS:
            action = self.new_menu.addAction("")
            action.triggered.connect(lambda _checked=False, k=kind: self.start_entry(k))
            self.new_actions[kind] = action
        self.new_button.setMenu(self.new_menu)
        self.new_button.clicked.connect(lambda: self.start_entry(EntryKind.PROMPT))
        self.vent_button = QPushButton(self)
        self.vent_button.clicked.connect(lambda: self.start_entry(EntryKind.VENT))
        self.more_button = QToolButton(self)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.import_action = self.more_menu.addAction("")
        self.import_action.triggered.connect(self.open_import)
        self.export_action = self.more_menu.addAction("")
        self.export_action.triggered.connect(self.open_export)
        self.more_button.setMenu(self.more_menu)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.order = QComboBox(self)
        for order in SearchOrder:
            self.order.addItem("", str(order))
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem("", None)
        for kind in EntryKind:
            self.kind_filter.addItem("", str(kind))
        self.mood_filter = QComboBox(self)
        self.mood_filter.addItem("", None)
        for mood in MOOD_LABELS:
            self.mood_filter.addItem("", mood)
        self.tag_filter = QComboBox(self)
        self.tag_filter.addItem("", None)
        self.calendar_button = QPushButton(self)
        self.calendar_button.setCheckable(True)
        self.heat_map = HeatMap(self)
        self.heat_map.hide()
        self.day_label = QLabel(self)
        self.day_label.setProperty("role", "muted")
        self.clear_day = QPushButton(self)
        self.clear_day.clicked.connect(lambda: self.heat_map.choose(None))
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(EntryDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "muted")
        self.count_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.vent_button)
        top.addStretch(1)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.order)
        search_row.addWidget(self.calendar_button)
        filters = QHBoxLayout()
        for widget in (self.kind_filter, self.mood_filter, self.tag_filter):
            filters.addWidget(widget, 1)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_label, 1)
        day_row.addWidget(self.clear_day)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 6, 12)
        left_layout.addLayout(top)
        left_layout.addLayout(search_row)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.heat_map)
        left_layout.addLayout(day_row)
        left_layout.addWidget(self.list, 1)
        # Import / Export sits under the list, beside the count: the top row keeps room for long
        # translations of "New entry" and "Vent privately".
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignTop)
        left_layout.addLayout(bottom)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_query)
        for combo in (self.order, self.kind_filter, self.mood_filter, self.tag_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_query())
        self.calendar_button.toggled.connect(self.heat_map.setVisible)
        self.heat_map.day_chosen.connect(lambda _d: self.apply_query())
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.total_changed.connect(self._show_total)
        self.editor.saved.connect(self._entry_saved)
        self.editor.deleted.connect(self._entry_deleted)
        self.editor.suggest_other_kind.connect(lambda kind: self.start_entry(kind))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, lambda: self.start_entry(EntryKind.PROMPT))
        self.retranslate()
        self._update_day_row()

    # -- ShellPage ------------------------------------------------------------------------------

    def nav_title(self) -> str:
        return _("Journal")

    def vault_unlocked(self) -> None:
        self._loaded_once = False

    def page_shown(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self.apply_query()
        self.refresh_side_info()

    def pending_saves(self) -> list[Any]:
        job = self.editor.pending_save_job()
        return [job] if job is not None else []

    def clear_for_lock(self) -> None:
        self._search_timer.stop()
        self.model.clear()
        self.editor.clear()
        self.heat_map.clear()
        for line in (self.search,):
            line.clear()
        self.tag_filter.blockSignals(True)
        while self.tag_filter.count() > 1:
            self.tag_filter.removeItem(1)
        self.tag_filter.blockSignals(False)
        self.count_label.clear()
        self._loaded_once = False

    def navigate_to(self, argument: object) -> None:
        if isinstance(argument, Prompt):
            self.start_entry(argument.kind, argument)
        elif isinstance(argument, EntryKind):
            self.start_entry(argument)

    # -- actions -----------------------------------------------------------------------------------

    def start_entry(self, kind: EntryKind, prompt: Prompt | None = None) -> None:
        self.list.clearSelection()
        self.editor.new_entry(kind, prompt)
        if self._ruminating and kind in (EntryKind.PROMPT, EntryKind.FREE):
            activity = prompts.library().activities[date.today().toordinal() % len(prompts.library().activities)]
            self.editor.show_rumination(activity.text)

    def open_import(self) -> ImportDialog:
        dialog = ImportDialog(self.services.bridge, self)
        dialog.imported.connect(self._imported)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _imported(self, result: ImportResult) -> None:
        self.services.show_status(import_result_message(result))
        self.apply_query()
        self.refresh_side_info()

    def open_export(self) -> ExportDialog:
        self.editor.flush()
        dialog = ExportDialog(self.services.bridge, self)
        dialog.exported.connect(self._exported)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _exported(self, path: object, count: int) -> None:
        self.services.show_status(
            ngettext("{count} entry exported to {path}", "{count} entries exported to {path}", count).format(
                count=i18n.format_number(count), path=str(path)
            )
        )

    def open_entry(self, entry_id: int) -> None:
        self.editor.open_entry(entry_id)

    def current_query(self) -> ListQuery:
        entry_filter = EntryFilter(
            kinds=(EntryKind(self.kind_filter.currentData()),) if self.kind_filter.currentData() else (),
            moods=(int(self.mood_filter.currentData()),) if self.mood_filter.currentData() else (),
            tag=self.tag_filter.currentData() or None,
            day=self.heat_map.chosen(),
        )
        return ListQuery(entry_filter, self.search.text(), SearchOrder(str(self.order.currentData())))

    def apply_query(self) -> None:
        self._search_timer.stop()
        self._update_day_row()
        self.model.set_query(self.current_query())

    def refresh_side_info(self) -> None:
        self.services.bridge.run(_side_info, self._got_side_info)

    def _got_side_info(self, info: Any) -> None:
        stats, tags, ruminating = info
        self.heat_map.set_stats(stats)
        self.editor.set_tags(tags)
        self._ruminating = ruminating
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        while self.tag_filter.count() > 1:
            self.tag_filter.removeItem(1)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)) if current else 0)
        self.tag_filter.blockSignals(False)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.editor.open_entry(int(current.data(ID_ROLE)))

    def _entry_saved(self, summary: EntrySummary) -> None:
        self.model.upsert(summary)
        row = self.model.row_of(summary.id)
        if row >= 0:
            self.list.selectionModel().blockSignals(True)
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list.selectionModel().blockSignals(False)
        self.refresh_side_info()

    def _entry_deleted(self, entry_id: int) -> None:
        self.model.remove(entry_id)
        self.refresh_side_info()
        self.services.show_status(_("Entry deleted."))

    def _show_total(self, total: int) -> None:
        query = self.current_query()
        if query.searching:
            text = ngettext("{count} entry matches", "{count} entries match", total)
            if search.pooled(query.order, total):
                # Only the newest matches are ranked (see goldseam.domain.search): say so, and where to see all.
                text += "\n" + _("Best matches among the newest {pool}; sort by newest first to see them all.").format(
                    pool=i18n.format_number(search.BEST_MATCH_POOL)
                )
        else:
            text = ngettext("{count} entry", "{count} entries", total)
        self.count_label.setText(text.format(count=i18n.format_number(total)))

    def _update_day_row(self) -> None:
        day = self.heat_map.chosen()
        self.day_label.setVisible(day is not None)
        self.clear_day.setVisible(day is not None)
        if day is not None:
            self.day_label.setText(_("Showing {date}").format(date=i18n.format_date(day, "full")))

    def retranslate(self) -> None:
        self.new_button.setText(_("New entry"))
        self.new_button.setToolTip(_("A guided question (Ctrl+N); the arrow offers other kinds"))
        for kind, action in self.new_actions.items():
            action.setText(_(KIND_LABELS[kind]))
        self.vent_button.setText(_("Vent privately"))
        self.vent_button.setToolTip(_("Say it here, not to them and not online"))
        self.more_button.setText(_("Import / export"))
        self.import_action.setText(_("Import from jrnl, Day One or Markdown…"))
        self.export_action.setText(_("Export the journal…"))
        self.search.setPlaceholderText(_("Search your journal (Ctrl+F)"))
        self.search.setAccessibleName(_("Search the journal"))
        self.order.setItemText(0, _("Newest first"))
        self.order.setItemText(1, _("Best match"))
        self.order.setAccessibleName(_("Order of results"))
        self.kind_filter.setItemText(0, _("All kinds"))
        for index in range(1, self.kind_filter.count()):
            self.kind_filter.setItemText(index, _(KIND_LABELS[EntryKind(self.kind_filter.itemData(index))]))
        self.kind_filter.setAccessibleName(_("Filter by kind"))
        self.mood_filter.setItemText(0, _("Any mood"))
        for index in range(1, self.mood_filter.count()):
            self.mood_filter.setItemText(index, _(MOOD_LABELS[self.mood_filter.itemData(index)]))
        self.mood_filter.setAccessibleName(_("Filter by mood"))
        self.tag_filter.setItemText(0, _("All tags"))
        self.tag_filter.setAccessibleName(_("Filter by tag"))
        self.calendar_button.setText(_("Calendar"))
        self.clear_day.setText(_("All days"))
        self.list.setAccessibleName(_("Journal entries"))
        self._update_day_row()

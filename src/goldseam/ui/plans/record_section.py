"""A list of records beside an editor that autosaves: the shared frame of the ground-rules and
release sections."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from goldseam.ui.building_blocks import body_label, record_list_view
from goldseam.ui.pages.shell_page import SaveJob
from goldseam.ui.record_list_model import RECORD_ROLE, RecordListModel
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

SAVE_DELAY_MS = 800


class RecordSlot:
    """The id of the record an editor shows. Save jobs set it on the worker thread, so a second
    save of a new record (queued before the first one finished) updates instead of inserting."""

    def __init__(self, record_id: int | None) -> None:
        self.id = record_id


def one_line(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class TabbingTextBox(QPlainTextEdit):
    def sizeHint(self) -> QSize:
        return QSize(240, min(self.maximumHeight(), 90))  # grows with the space there is; asks for little


def text_box(parent: QWidget, height: int) -> QPlainTextEdit:
    box = TabbingTextBox(parent)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(height)
    box.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
    return box


def chain_focus(*widgets: QWidget) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def select_row(view: QListView, row: int) -> None:
    view.selectionModel().setCurrentIndex(view.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)


class RecordSection(QWidget):
    """What both tabs share: a record list, an editor, a debounced autosave."""

    def __init__(
        self,
        services: AppServices,
        parent: QWidget | None,
        reload_all: Callable[[], None],
        describe: Callable[[Any], str],
        save: Callable[[Any, Any], int],
        delete: Callable[[Any, int], None],
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._reload_all, self._save, self._delete = reload_all, save, delete
        self.model: RecordListModel[Any] = RecordListModel(describe, self)
        self.slot: RecordSlot | None = None
        self.loading = False
        self.dirty = False
        self.intro = body_label(self, "muted")
        self.summary = body_label(self, "subtitle")
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_record)
        self.list = record_list_view(self)
        self.list.setModel(self.model)
        self.editor = QWidget(self)
        self.problem = body_label(self.editor, "muted")
        self.delete_button = QPushButton(self.editor)
        self.delete_button.clicked.connect(self.delete_current)
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_now)

    def _assemble(self, *above_list: QWidget) -> None:
        self.list.selectionModel().currentChanged.connect(self._selected)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.new_button, *above_list):
            left_layout.addWidget(widget)
        left_layout.addWidget(self.list, 1)
        # The editor scrolls rather than pushing the window taller (long translations, large fonts).
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.editor)
        scroll.viewport().setAutoFillBackground(False)
        self.editor.setAutoFillBackground(False)
        self.editor.setMinimumSize(1, 1)  # sized by its height-for-width, so wrapped text scrolls, not squeezes
        splitter = QSplitter(self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 580])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.intro)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    # -- to implement ---------------------------------------------------------------------------

    def show_record(self, record: Any) -> None:
        raise NotImplementedError

    def current(self) -> Any:
        """The record as edited, or None when there is none or it can't be saved yet."""
        raise NotImplementedError

    def new_record(self) -> None:
        raise NotImplementedError

    def delete_question(self) -> tuple[str, str]:
        raise NotImplementedError

    def show_summary(self) -> None:
        raise NotImplementedError

    # -- shared behaviour -----------------------------------------------------------------------

    def set_records(self, records: list[Any]) -> None:
        self.model.set_records(records)
        self.show_summary()
        keep = self.slot.id if self.slot is not None else None
        row = next((i for i, r in enumerate(records) if r.id == keep), -1) if keep is not None else -1
        if row >= 0:
            select_row(self.list, row)

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return  # a list reload; whatever is in the editor stays
        record = current.data(RECORD_ROLE)
        if self.slot is not None and record is not None and record.id == self.slot.id:
            return  # the same record, refreshed: leave the editor as the user has it
        self.save_now()
        self.show_record(record)

    def start_new(self) -> None:
        self.save_now()
        self.list.selectionModel().clear()

    def edited(self, *_args: object) -> None:
        if self.loading or self.slot is None:
            return
        self.dirty = True
        self.show_problems()
        self.save_timer.start()

    def show_problems(self) -> None:
        """Subclasses show what stops saving (or releasing)."""

    def pending_save_job(self) -> SaveJob | None:
        record, slot, save = self.current(), self.slot, self._save
        if not self.dirty or record is None or slot is None:
            return None

        def job(worker: VaultWorker) -> Any:
            with worker.session.transaction() as conn:
                slot.id = save(conn, replace(record, id=slot.id))
            return replace(record, id=slot.id)

        return job

    def save_now(self) -> None:
        self.save_timer.stop()
        job = self.pending_save_job()
        if job is not None:
            self.dirty = False
            self.services.bridge.run(job, self.saved)

    def saved(self, record: Any) -> None:
        row = next((i for i, r in enumerate(self.model.records()) if r.id == record.id), -1)
        if row >= 0:
            self.model.replace(row, record)
            self.show_summary()
        else:
            self._reload_all()

    def delete_current(self) -> None:
        if self.slot is None:
            return
        title, text = self.delete_question()
        if QMessageBox.question(self, title, text) != QMessageBox.StandardButton.Yes:
            return
        slot, delete = self.slot, self._delete
        self.save_timer.stop()
        self.dirty = False
        self.show_record(None)

        def job(worker: VaultWorker) -> None:
            if slot.id is not None:  # a new record may have been saved meanwhile, on the worker
                with worker.session.transaction() as conn:
                    delete(conn, slot.id)

        self.services.bridge.run(job, lambda _r: self._reload_all())

    def clear(self) -> None:
        self.save_timer.stop()
        self.model.set_records([])
        self.show_record(None)
        self.show_summary()

"""Unsent messages: write what you want to say to them, let it cool, re-read it later.

There is no send button. Copying is possible only after the cooling-off period, with a
reminder; the respect check explains what might land badly, and a "no" from them means
there is nothing to send.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import message_check, unsent_messages
from goldseam.domain.care_gate import Level
from goldseam.domain.message_check import Concern
from goldseam.domain.unsent_messages import REREAD_LABELS, Reread, UnsentMessage
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, card, help_button, record_list_view
from goldseam.ui.record_list_model import RECORD_ROLE, RecordListModel
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

SAVE_DELAY_MS = 800
CHECK_DELAY_MS = 300


def _now() -> datetime:
    return datetime.now(UTC)


def describe(message: UnsentMessage) -> str:
    first = " ".join(message.body.split())[:60] or _("(empty)")
    when = i18n.format_date(message.updated_utc.astimezone().date(), "medium")
    if message.cooling(_now()):
        state = _("cooling off")
    elif message.reread_feeling is not None:
        state = _(REREAD_LABELS[message.reread_feeling])
    else:
        state = _("ready to re-read")
    return f"{when} · {state}\n{first}"


class UnsentPanel(RetranslateMixin, QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        services.care.changed.connect(lambda _state: self._show_state())
        self.model: RecordListModel[UnsentMessage] = RecordListModel(describe, self)
        self._current: UnsentMessage | None = None
        self._loading = False
        self._dirty = False

        self.reminder_box, reminder_layout = card(self, "notice")
        self.reminder = body_label(self.reminder_box)
        reminder_layout.addWidget(self.reminder)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_message)
        self.list = record_list_view(self)
        self.list.setModel(self.model)
        self.list.selectionModel().currentChanged.connect(self._selected)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.list, 1)

        self.editor = QPlainTextEdit(self)
        self.editor.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._edited)
        self.state = body_label(self, "muted")
        self.findings_box, findings_layout = card(self)
        self.findings = body_label(self.findings_box)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.help_button = help_button(self.findings_box)
        self.help_button.clicked.connect(services.show_help)
        findings_layout.addWidget(self.findings)
        findings_layout.addWidget(self.help_button)
        self.reread_box, reread_layout = card(self, "notice")
        self.reread_text = body_label(self.reread_box)
        reread_layout.addWidget(self.reread_text)
        self.reread_buttons: dict[Reread, QPushButton] = {}
        for feeling in Reread:
            button = QPushButton(self.reread_box)
            button.clicked.connect(lambda _c=False, f=feeling: self._reread(f))
            self.reread_buttons[feeling] = button
            reread_layout.addWidget(button)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self._copy)
        self.let_go_button = QPushButton(self)
        self.let_go_button.clicked.connect(self._let_go)
        actions = QHBoxLayout()
        actions.addWidget(self.state, 1)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.let_go_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.reread_box)
        right_layout.addWidget(self.editor, 1)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.findings_box)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([260, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(self.reminder_box)
        layout.addWidget(splitter, 1)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._run_check)
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self._show_state)
        self.retranslate()
        self._show_current()

    # -- loading ---------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self._current.id if self._current else None)
        self.services.bridge.run(
            lambda w: unsent_messages.all_messages(w.session.conn), lambda messages: self._got(messages, keep)
        )

    def _got(self, messages: list[UnsentMessage], keep: int | None) -> None:
        self.model.set_records(messages)
        self._tick.start()
        row = next((i for i, m in enumerate(messages) if m.id == keep), -1)
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        elif self._current is not None and all(m.id != self._current.id for m in messages):
            self._current = None
            self._show_current()

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return  # a list reload; whatever is in the editor stays
        message = current.data(RECORD_ROLE)
        if self._current is not None and message is not None and message.id == self._current.id:
            self._current = message  # same message, refreshed: keep the editor as it is
            self._show_state()
            return
        self.save_now()
        self._current = message
        self._show_current()

    # -- editing ---------------------------------------------------------------------------------

    def new_message(self) -> None:
        self.save_now()

        def job(worker: VaultWorker) -> int:
            with worker.session.transaction() as conn:
                return unsent_messages.create(conn, "")

        self.services.bridge.run(job, self._created)

    def _created(self, message_id: int) -> None:
        self.refresh(message_id)
        self.editor.setFocus()

    def _edited(self) -> None:
        if self._loading or self._current is None:
            return
        self._dirty = True
        self._save_timer.start()
        self._check_timer.start()

    def save_now(self) -> None:
        self._save_timer.stop()
        job = self.pending_save_job()
        if job is not None:
            self._dirty = False
            self.services.bridge.run(job, self._saved)

    def pending_save_job(self) -> Any:
        if not self._dirty or self._current is None:
            return None
        message_id, body = self._current.id, self.editor.toPlainText()

        def job(worker: VaultWorker) -> UnsentMessage | None:
            with worker.session.transaction() as conn:
                unsent_messages.update(conn, message_id, body)
            return unsent_messages.load(worker.session.conn, message_id)

        return job

    def _saved(self, message: UnsentMessage | None) -> None:
        if message is None:
            return
        row = next((r for r, m in enumerate(self.model.records()) if m.id == message.id), -1)
        if row >= 0:
            self.model.replace(row, message)
        if self._current is not None and self._current.id == message.id:
            self._current = message
            self._show_state()

    def _run_check(self) -> None:
        text = self.editor.toPlainText()
        concerns = message_check.concerns(text)
        self.help_button.setVisible(Concern.DISTRESS in concerns)
        if not text.strip():
            self.findings.setText(_("As you write, Goldseam gently points out anything that might land as pressure."))
        elif not concerns:
            self.findings.setText(
                _("Nothing here reads as pleading, blame, guilt, jealousy bait, insults or pressure.")
            )
        else:
            parts = [
                f"<b>{_(message_check.CONCERN_TITLES[c])}</b><br>{_(message_check.CONCERN_GUIDANCE[c])}"
                for c in concerns
            ]
            self.findings.setText("<br><br>".join(parts))

    def _copy(self) -> None:
        if self._current is None or self._current.cooling(_now()) or not self.services.care.state.message_copy:
            return
        answer = QMessageBox.question(
            self,
            _("Copy this message?"),
            _(
                "Goldseam never sends anything. If you do send it, send it once and then leave them free to answer "
                "— or not. If they have said no, asked for no contact or blocked you, there is nothing to send."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.services.clipboard.copy_text(self.editor.toPlainText())
            self.services.show_status(_("Copied. It will be cleared from the clipboard shortly."))

    def _reread(self, feeling: Reread) -> None:
        if self._current is None:
            return
        message_id = self._current.id

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                unsent_messages.record_reread(conn, message_id, feeling)

        self.services.bridge.run(job, lambda _r: self.refresh(message_id))

    def _let_go(self) -> None:
        if self._current is None:
            return
        answer = QMessageBox.question(
            self, _("Let this message go?"), _("It will be deleted for good. Letting go of words can feel good.")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        message_id = self._current.id
        self._dirty = False
        self._current = None
        self._show_current()

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                unsent_messages.let_go(conn, message_id)

        self.services.bridge.run(job, lambda _r: self.refresh())

    # -- presentation --------------------------------------------------------------------------

    def _show_current(self) -> None:
        message = self._current
        self._loading = True
        self.editor.setPlainText(message.body if message else "")
        self.editor.document().clearUndoRedoStacks()
        self._loading = False
        self._dirty = False
        for widget in (self.editor, self.copy_button, self.let_go_button, self.findings_box, self.state):
            widget.setVisible(message is not None)
        self._run_check()
        self._show_state()

    def _show_state(self) -> None:
        message = self._current
        now = _now()
        self.reread_box.setVisible(message is not None and message.ready_to_reread(now))
        if message is None:
            return
        cooling = message.cooling(now)
        allowed = self.services.care.state.message_copy
        self.copy_button.setEnabled(not cooling and allowed)
        if not allowed:
            self.state.setText(
                _(
                    "Copying is switched off: {reason} These words can stay here, where they're safe. Letting them "
                    "go is an option too."
                ).format(reason=self._copy_off_reason())
            )
        elif cooling:
            left = message.time_left(now)
            self.state.setText(
                _("Cooling off: copying is possible in {time}.").format(time=i18n.format_duration(left, threshold=1.0))
            )
        else:
            self.state.setText(
                _("Cooled off since {when}.").format(
                    when=i18n.format_datetime(message.cooling_until_utc.astimezone(), "short")
                )
            )

    def _copy_off_reason(self) -> str:
        if self.services.care.state.level is Level.CRISIS:
            return _("today is a day to look after yourself, not to send anything.")
        return _("they've said no, asked for no contact or blocked you, and Goldseam respects that.")

    def clear(self) -> None:
        self._save_timer.stop()
        self._check_timer.stop()
        self._tick.stop()
        self.model.set_records([])
        self._current = None
        self._show_current()

    def retranslate(self) -> None:
        self.reminder.setText(_(message_check.BOUNDARY_REMINDER))
        self.new_button.setText(_("Write a new unsent message"))
        self.list.setAccessibleName(_("Unsent messages"))
        self.editor.setPlaceholderText(
            _("Write what you want to say to them. It stays here; Goldseam never sends anything.")
        )
        self.editor.setAccessibleName(_("Unsent message"))
        self.reread_text.setText(
            _("This message has cooled off. Read it again slowly, as if you were receiving it. How does it read now?")
        )
        for feeling, button in self.reread_buttons.items():
            button.setText(_(REREAD_LABELS[feeling]))
        self.copy_button.setText(_("Copy…"))
        self.let_go_button.setText(_("Let it go"))
        self.help_button.setText(_("Get help now"))
        self._run_check()
        self._show_state()
        self.model.refresh_texts()

"""Writing and editing one journal entry, saved automatically as you type.

Saves are debounced and run on the vault thread. A shared ``_EntryRef`` learns the new id on
that thread, so a save queued at lock time updates the entry instead of inserting it twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from goldseam.domain import journal
from goldseam.domain.journal import KIND_LABELS, MOOD_LABELS, Entry, EntryKind, EntrySummary
from goldseam.domain.prompts import Prompt, library
from goldseam.i18n import _, ngettext
from goldseam.ui.building_blocks import body_label, card, link_button, localise_date_edit
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault.errors import VaultError
from goldseam.vault_worker import VaultWorker

AUTOSAVE_MS = 800
RETRY_MS = 10_000
GUIDED = (EntryKind.PROMPT, EntryKind.LESSONS, EntryKind.APART, EntryKind.GRATITUDE)


@dataclass
class _EntryRef:
    id: int | None = None


class PrivateTextBrowser(QTextBrowser):
    """Markdown preview that never loads anything: no images, files or network resources."""

    def loadResource(self, type: int, name: Any) -> Any:
        return None


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: Any) -> str:
        field = self.widget()
        typed = field.text() if isinstance(field, QLineEdit) else ""
        head = [p.strip() for p in typed.split(",")[:-1] if p.strip()]
        return ", ".join([*head, str(index.data())]) + ", "


def save_job(ref: _EntryRef, snapshot: Entry) -> Callable[[VaultWorker], EntrySummary]:
    def job(worker: VaultWorker) -> EntrySummary:
        entry = replace(snapshot, id=ref.id)
        with worker.session.transaction() as conn:
            entry_id = journal.save_entry(conn, entry)
        ref.id = entry_id
        return EntrySummary(
            entry_id,
            entry.written_at,
            entry.kind,
            entry.title,
            entry.body[: journal.SUMMARY_CHARS],
            entry.mood,
            entry.word_count,
        )

    return job


class EntryEditor(RetranslateMixin, QWidget):
    saved = Signal(object)  # EntrySummary
    deleted = Signal(int)
    suggest_other_kind = Signal(object)  # EntryKind

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._ref = _EntryRef()
        self._prompt: Prompt | None = None
        self._source: str | None = None
        self._loading = False
        self._dirty = False
        self._saving = False
        self._open = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(AUTOSAVE_MS)
        self._debounce.timeout.connect(self.save_now)

        self.when_label = QLabel(self)
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when_label.setBuddy(self.when)
        self.kind_label = QLabel(self)
        self.kind = QComboBox(self)
        for kind in EntryKind:
            self.kind.addItem("", str(kind))
        self.kind_label.setBuddy(self.kind)
        self.mood_label = QLabel(self)
        self.mood = QComboBox(self)
        self.mood.addItem("", None)
        for value in MOOD_LABELS:
            self.mood.addItem("", value)
        self.mood_label.setBuddy(self.mood)
        meta = QGridLayout()
        meta.addWidget(self.when_label, 0, 0)
        meta.addWidget(self.when, 0, 1, 1, 3)
        meta.addWidget(self.kind_label, 1, 0)
        meta.addWidget(self.kind, 1, 1)
        meta.addWidget(self.mood_label, 1, 2)
        meta.addWidget(self.mood, 1, 3)
        meta.setColumnStretch(1, 2)
        meta.setColumnStretch(3, 1)

        self.prompt_box, prompt_layout = card(self, "notice")
        self.prompt_text = body_label(self.prompt_box)
        self.prompt_help = body_label(self.prompt_box, "muted")
        self.other_prompt = link_button(self.prompt_box)
        self.other_prompt.clicked.connect(self._another_prompt)
        prompt_layout.addWidget(self.prompt_text)
        prompt_layout.addWidget(self.prompt_help)
        prompt_layout.addWidget(self.other_prompt)

        self.rumination_box, rumination_layout = card(self, "notice")
        self.rumination_text = body_label(self.rumination_box)
        self.rumination_apart = link_button(self.rumination_box)
        self.rumination_apart.clicked.connect(lambda: self.suggest_other_kind.emit(EntryKind.APART))
        self.rumination_activity = body_label(self.rumination_box, "muted")
        self.rumination_dismiss = link_button(self.rumination_box)
        self.rumination_dismiss.clicked.connect(self.rumination_box.hide)
        for widget in (self.rumination_text, self.rumination_apart, self.rumination_activity, self.rumination_dismiss):
            rumination_layout.addWidget(widget)
        self.rumination_box.hide()

        self.title = QLineEdit(self)
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        for editor in (self.title, self.body):
            editor.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.preview = PrivateTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.body_stack = QStackedWidget(self)
        self.body_stack.addWidget(self.body)
        self.body_stack.addWidget(self.preview)
        self.tags_label = QLabel(self)
        self.tags = QLineEdit(self)
        self.tags_label.setBuddy(self.tags)
        self._tag_model = QStringListModel(self)
        self.tag_completer = TagCompleter(self._tag_model, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(self.tag_completer)
        tags_row = QFormLayout()
        tags_row.addRow(self.tags_label, self.tags)

        self.words = QLabel(self)
        self.words.setProperty("role", "muted")
        self.status = QLabel(self)
        self.status.setProperty("role", "muted")
        self.preview_button = QPushButton(self)
        self.preview_button.setCheckable(True)
        self.preview_button.toggled.connect(self._toggle_preview)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self._delete)
        footer = QHBoxLayout()
        footer.addWidget(self.words)
        footer.addWidget(self.status, 1)
        footer.addWidget(self.preview_button)
        footer.addWidget(self.delete_button)

        self.private_note = body_label(self, "muted")
        self.empty_note = body_label(self, "muted")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(meta)
        layout.addWidget(self.rumination_box)
        layout.addWidget(self.prompt_box)
        layout.addWidget(self.title)
        layout.addWidget(self.body_stack, 1)
        layout.addLayout(tags_row)
        layout.addWidget(self.private_note)
        layout.addLayout(footer)
        layout.addWidget(self.empty_note)

        for signal in (self.title.textChanged, self.body.textChanged, self.tags.textChanged):
            signal.connect(self._changed)
        self.when.dateTimeChanged.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.mood.currentIndexChanged.connect(self._changed)
        self.retranslate()
        self._set_fields_visible(False)

    # -- opening -----------------------------------------------------------------------------

    def new_entry(self, kind: EntryKind = EntryKind.PROMPT, prompt: Prompt | None = None) -> None:
        self.flush()
        if kind in GUIDED and prompt is None:
            prompt = library().prompt_for_day(datetime.now().date(), [kind])
        self._show(Entry(written_at=journal.now_local(), kind=kind, prompt_id=prompt.id if prompt else None))
        self.body.setFocus()

    def open_entry(self, entry_id: int) -> None:
        if entry_id == self._ref.id and self._open:
            return
        self.flush()
        self.services.bridge.run(lambda w: journal.load_entry(w.session.conn, entry_id), self._loaded)

    def _loaded(self, entry: Entry | None) -> None:
        if entry is not None:
            self._show(entry)

    def _show(self, entry: Entry) -> None:
        self._loading = True
        self._ref = _EntryRef(entry.id)
        self._source = entry.source
        self._prompt = library().by_id(entry.prompt_id)
        self.when.setDateTime(QDateTime.fromString(entry.written_at, Qt.DateFormat.ISODate))
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(entry.kind))))
        self.mood.setCurrentIndex(max(0, self.mood.findData(entry.mood)) if entry.mood else 0)
        self.title.setText(entry.title)
        self.body.setPlainText(entry.body)  # also clears the undo history of the previous entry
        self.tags.setText(", ".join(entry.tags))
        self.preview_button.setChecked(False)
        self._dirty = False
        self._open = True
        self._loading = False
        self._set_fields_visible(True)
        self._update_kind_ui()
        self._update_words()
        self.status.setText(_("Saved") if entry.id else "")

    def set_tags(self, tags: list[str]) -> None:
        self._tag_model.setStringList(tags)

    def show_rumination(self, activity_text: str) -> None:
        self.rumination_activity.setText(_("Or step away for a while: {activity}").format(activity=activity_text))
        self.rumination_box.show()

    # -- saving -----------------------------------------------------------------------------

    def current_entry(self) -> Entry:
        written = self.when.dateTime().toString(Qt.DateFormat.ISODate)
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return Entry(
            written_at=written[:19],
            kind=EntryKind(str(self.kind.currentData())),
            title=self.title.text().strip(),
            body=self.body.toPlainText(),
            mood=self.mood.currentData(),
            tags=tags,
            prompt_id=self._prompt.id if self._prompt else None,
            id=self._ref.id,
            source=self._source,
        )

    def _changed(self, *_args: Any) -> None:
        if self._loading or not self._open:
            return
        self._dirty = True
        self._update_words()
        self.status.setText(_("Editing…"))
        self._debounce.start()

    def save_now(self) -> None:
        self._debounce.stop()
        if not self._dirty or not self._open or self._saving:
            return
        snapshot = self.current_entry()
        if snapshot.id is None and self._ref.id is None and snapshot.is_blank():
            return
        self._dirty = False
        self._saving = True
        self.status.setText(_("Saving…"))
        self.services.bridge.run(save_job(self._ref, snapshot), self._save_done, self._save_failed)

    def _save_done(self, summary: EntrySummary) -> None:
        self._saving = False
        self.status.setText(_("Saved"))
        self.saved.emit(summary)
        if self._dirty:
            self._debounce.start()

    def _save_failed(self, error: VaultError) -> None:
        self._saving = False
        self._dirty = True
        self.status.setText(
            _("Not saved yet: {reason} Your text is still here; Goldseam will try again.").format(
                reason=error.user_message()
            )
        )
        self._debounce.start(RETRY_MS)

    def flush(self) -> None:
        """Queue a save of pending edits now (before switching entries)."""
        if self._dirty:
            self._saving = False
            self.save_now()

    def pending_save_job(self) -> Callable[[VaultWorker], Any] | None:
        """For locking: a job that saves unsaved edits, run before the vault closes."""
        if not self._open or not self._dirty:
            return None
        snapshot = self.current_entry()
        if snapshot.id is None and self._ref.id is None and snapshot.is_blank():
            return None
        return save_job(self._ref, snapshot)

    def _delete(self) -> None:
        entry_id = self._ref.id
        self.clear()
        if entry_id is None:
            return

        def job(worker: VaultWorker) -> int:
            with worker.session.transaction() as conn:
                journal.delete_entry(conn, entry_id)
            return entry_id

        self.services.bridge.run(job, self.deleted.emit)

    def clear(self) -> None:
        """Empty every field and undo history (locking, or after deleting)."""
        self._debounce.stop()
        self._loading = True
        for line in (self.title, self.tags):
            line.clear()
            line.setModified(False)
        self.body.setPlainText("")
        self.body.document().clearUndoRedoStacks()
        self.preview.setPlainText("")
        self.preview.document().clearUndoRedoStacks()
        self._tag_model.setStringList([])
        self._ref = _EntryRef()
        self._prompt = None
        self._source = None
        self._dirty = False
        self._saving = False
        self._open = False
        self._loading = False
        self.rumination_box.hide()
        self.status.clear()
        self._set_fields_visible(False)

    # -- presentation -------------------------------------------------------------------------

    def _set_fields_visible(self, visible: bool) -> None:
        for widget in (
            self.when,
            self.when_label,
            self.kind,
            self.kind_label,
            self.mood,
            self.mood_label,
            self.title,
            self.body_stack,
            self.tags,
            self.tags_label,
            self.words,
            self.status,
            self.preview_button,
            self.delete_button,
        ):
            widget.setVisible(visible)
        self.empty_note.setVisible(not visible)
        if not visible:
            self.prompt_box.hide()
            self.private_note.hide()

    def _kind_changed(self) -> None:
        if self._loading:
            return
        kind = EntryKind(str(self.kind.currentData()))
        if kind in GUIDED and (self._prompt is None or self._prompt.kind != kind):
            self._prompt = library().prompt_for_day(datetime.now().date(), [kind])
        elif kind not in GUIDED:
            self._prompt = None
        self._update_kind_ui()
        self._changed()

    def _another_prompt(self) -> None:
        kind = EntryKind(str(self.kind.currentData()))
        self._prompt = library().next_prompt(kind, self._prompt.id if self._prompt else None)
        self._update_kind_ui()
        self._changed()

    def _update_kind_ui(self) -> None:
        kind = EntryKind(str(self.kind.currentData()))
        help_text = library().help_for(kind)
        self.prompt_box.setVisible(self._open and (self._prompt is not None or bool(help_text)))
        self.prompt_text.setVisible(self._prompt is not None)
        self.other_prompt.setVisible(self._prompt is not None)
        if self._prompt is not None:
            self.prompt_text.setText(self._prompt.text)
        self.prompt_help.setText(help_text)
        self.private_note.setVisible(self._open and kind == EntryKind.VENT)

    def _update_words(self) -> None:
        count = journal.count_words(self.title.text()) + journal.count_words(self.body.toPlainText())
        self.words.setText(ngettext("{count} word", "{count} words", count).format(count=count))

    def _toggle_preview(self, on: bool) -> None:
        if on:
            doc = QTextDocument(self.preview)
            doc.setMarkdown(self.body.toPlainText(), QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
            self.preview.setDocument(doc)
        self.body_stack.setCurrentIndex(1 if on else 0)

    def retranslate(self) -> None:
        self.when_label.setText(_("&When:"))
        localise_date_edit(self.when, with_time=True)
        self.kind_label.setText(_("&Kind:"))
        self.mood_label.setText(_("&Mood:"))
        for index in range(self.kind.count()):
            self.kind.setItemText(index, _(KIND_LABELS[EntryKind(self.kind.itemData(index))]))
        self.mood.setItemText(0, _("Not noted"))
        for index in range(1, self.mood.count()):
            self.mood.setItemText(index, _(MOOD_LABELS[self.mood.itemData(index)]))
        self.title.setPlaceholderText(_("Title (optional)"))
        self.title.setAccessibleName(_("Entry title"))
        self.body.setPlaceholderText(_("Write here. Markdown works: *italic*, **bold**, lists, headings."))
        self.body.setAccessibleName(_("Entry text"))
        self.preview.setAccessibleName(_("Formatted preview"))
        self.tags_label.setText(_("&Tags:"))
        self.tags.setPlaceholderText(_("Comma-separated, e.g. sleep, friends"))
        self.other_prompt.setText(_("Show me a different question"))
        self.preview_button.setText(_("&Preview"))
        self.delete_button.setText(_("Delete entry"))
        self.private_note.setText(
            _(
                "Private venting: this stays here. It is left out of exports unless you include it, and it never "
                "becomes a message."
            )
        )
        self.empty_note.setText(_("Choose an entry on the left, or start a new one."))
        self.rumination_text.setText(
            _(
                "You've been turning “why” over a lot lately. That's very human — and writing more of it can keep the "
                "hurt going. Would something different help for now?"
            )
        )
        self.rumination_apart.setText(_("Write about who you are apart from the relationship"))
        self.rumination_dismiss.setText(_("Not now"))
        self._update_kind_ui()
        if self._open:
            self._update_words()

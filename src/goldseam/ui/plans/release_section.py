"""Resolve, then release: each old issue, talked through (and amends made where trust was broken)
before it is left in the past."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import ground_rules
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.ground_rules import ReleaseItem
from goldseam.i18n import _, ngettext
from goldseam.ui.building_blocks import body_label, card, primary_button
from goldseam.ui.plans.record_section import RecordSection, RecordSlot, chain_focus, one_line, text_box
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker


def issue_text(item: ReleaseItem) -> str:
    """Issues from the map are English source labels (the current wording, if the check was reworded
    since); the user's own words are never translated."""
    if not item.from_map:
        return item.issue
    d = definitions.get("reasons")
    labels = {f"reasons:{o.value}": o.label for o in d.response_set(d.item("issues")).options}
    return _(labels.get(item.source, item.issue))


def item_state(item: ReleaseItem) -> str:
    if item.released:
        return _("Released")
    return _("Talked through") if item.talked_through else _("Still open")


def describe_item(item: ReleaseItem) -> str:
    return f"{one_line(issue_text(item))}\n{item_state(item)}"


class ReleaseSection(RecordSection):
    def __init__(self, services: AppServices, parent: QWidget | None, reload_all: Callable[[], None]) -> None:
        super().__init__(services, parent, reload_all, describe_item, ground_rules.save_item, ground_rules.delete_item)
        self._item: ReleaseItem | None = None
        self._released: datetime | None = None
        self._import_result: tuple[int, bool] | None = None  # (added, a map exists)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self.import_from_map)
        self.import_note = body_label(self, "muted")

        self.heading = body_label(self.editor, "subtitle")
        self.source_note = body_label(self.editor, "muted")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.issue_label, self.issue = QLabel(self.editor), QLineEdit(self.editor)
        self.issue.setMaxLength(300)
        self.issue.textChanged.connect(self.edited)
        self.issue_label.setBuddy(self.issue)
        form.addRow(self.issue_label, self.issue)
        self.talked = QCheckBox(self.editor)
        self.talked.toggled.connect(self.edited)
        self.amends = QCheckBox(self.editor)
        self.amends.toggled.connect(self.edited)
        self.amends_hint = body_label(self.editor, "muted")
        self.amends_hint.setContentsMargins(24, 0, 0, 0)
        self.notes_label, self.notes = QLabel(self.editor), text_box(self.editor, 16777215)
        self.notes_label.setBuddy(self.notes)
        self.notes.textChanged.connect(self.edited)

        self.release_box, release_layout = card(self.editor)
        self.release_button = primary_button(self.release_box)
        self.release_button.clicked.connect(lambda: self._set_released(datetime.now(UTC).replace(microsecond=0)))
        self.released_note = body_label(self.release_box)
        self.undo_button = QPushButton(self.release_box)
        self.undo_button.clicked.connect(lambda: self._set_released(None))
        release_row = QHBoxLayout()
        release_row.addWidget(self.released_note, 1)
        release_row.addWidget(self.release_button)
        release_row.addWidget(self.undo_button)
        release_layout.addWidget(self.problem)
        release_layout.addLayout(release_row)

        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(4, 0, 0, 0)
        editor_layout.addWidget(self.heading)
        editor_layout.addWidget(self.source_note)
        editor_layout.addLayout(form)
        for widget in (self.talked, self.amends, self.amends_hint, self.notes_label, self.notes, self.release_box):
            editor_layout.addWidget(widget, 1 if widget is self.notes else 0)
        delete_row = QHBoxLayout()
        delete_row.addStretch(1)
        delete_row.addWidget(self.delete_button)
        editor_layout.addLayout(delete_row)
        self._assemble(self.import_button, self.import_note)
        chain_focus(self.new_button, self.import_button, self.list, self.issue, self.talked, self.amends, self.notes)
        chain_focus(self.notes, self.release_button, self.undo_button, self.delete_button)

    def new_record(self) -> None:
        self.start_new()
        self.show_record(ReleaseItem(""))
        self.issue.setFocus()

    def show_record(self, record: Any) -> None:
        item: ReleaseItem | None = record
        self._item = item
        self._released = item.released_utc if item is not None else None
        self.slot = RecordSlot(item.id) if item is not None else None
        self.loading = True
        self.editor.setVisible(item is not None)
        own = item is None or not item.from_map
        self.issue.setText(item.issue if item is not None and own else "")
        self.issue_label.setVisible(own)
        self.issue.setVisible(own)
        self.heading.setVisible(not own)
        self.source_note.setVisible(not own)
        self.talked.setChecked(item.talked_through if item else False)
        self.amends.setChecked(item.amends if item else False)
        self.notes.setPlainText(item.notes if item else "")
        self.notes.document().clearUndoRedoStacks()
        self.loading = False
        self.dirty = False
        self.show_problems()

    def edited_item(self) -> ReleaseItem | None:
        if self._item is None or self.slot is None:
            return None
        issue = self._item.issue if self._item.from_map else self.issue.text().strip()
        return replace(
            self._item,
            issue=issue,
            talked_through=self.talked.isChecked(),
            amends=self.amends.isChecked(),
            released_utc=self._released,
            notes=self.notes.toPlainText(),
            id=self.slot.id,
        )

    def show_problems(self) -> None:
        item = self.edited_item()
        self.heading.setText(issue_text(item) if item is not None else "")
        if item is None:
            self.problem.clear()
            return
        released = item.released_utc is not None
        problems = [] if released else ground_rules.release_problems(item)
        if not item.issue:
            problems = [_("Name the issue in a few words, so you'll both know what it is.")] if self.dirty else []
        else:
            problems = [_(p) for p in problems]
        self.problem.setText("\n\n".join(problems))
        self.problem.setVisible(bool(problems))
        self.release_button.setAccessibleDescription(self.problem.text())
        self.talked.setEnabled(not released)
        self.amends.setEnabled(not released)
        self.amends_hint.setEnabled(not released)
        self.release_button.setVisible(not released)
        self.release_button.setEnabled(not released and not problems and bool(item.issue))
        self.undo_button.setVisible(released)
        if item.released_utc is not None:
            when = i18n.format_date(item.released_utc.astimezone().date(), "medium")
            self.released_note.setText(
                _("Released on {date}. You let go of it; what you learned stays.").format(date=when)
            )
        elif not problems and item.issue:
            self.released_note.setText(_("You've talked it through. When you're ready, you can let it go."))
        else:
            self.released_note.clear()

    def _set_released(self, when: datetime | None) -> None:
        item = self.edited_item()
        if item is None or not item.issue or (when is not None and ground_rules.release_problems(item)):
            return
        self._released = when
        self.dirty = True
        self.show_problems()
        self.save_now()
        (self.undo_button if when is not None else self.release_button).setFocus()
        self.services.show_status(
            _("Released. You can undo this whenever you like.") if when is not None else _("It's open again.")
        )

    def current(self) -> ReleaseItem | None:
        item = self.edited_item()
        return item if item is not None and item.issue else None

    def delete_question(self) -> tuple[str, str]:
        return _("Remove this issue?"), _("It will be taken off this list, with its notes. This can't be undone.")

    def import_from_map(self) -> None:
        self.save_now()

        def job(worker: VaultWorker) -> tuple[int, bool]:
            with worker.session.transaction() as conn:
                added = ground_rules.import_from_fixability_map(conn)
            return added, runs.latest(worker.session.conn, "reasons") is not None

        self.services.bridge.run(job, self._imported)

    def _imported(self, result: tuple[int, bool]) -> None:
        self._import_result = result
        self._show_import_result()
        if result[0]:
            self._reload_all()

    def _show_import_result(self) -> None:
        if self._import_result is None:
            self.import_note.clear()
            self.import_note.hide()
            return
        added, has_map = self._import_result
        if not has_map:
            text = _(
                "Take the “{title}” check first. The issues you choose there can then be added here in one go."
            ).format(title=_(definitions.get("reasons").title))
        elif added:
            text = ngettext("Added {count} issue from your map.", "Added {count} issues from your map.", added).format(
                count=i18n.format_number(added)
            )
        else:
            text = _("Nothing new to add: everything from your latest map is already on the list.")
        self.import_note.setText(text)
        self.import_note.show()

    def show_summary(self) -> None:
        found = self.model.records()
        if not found:
            self.summary.setText(_("No issues listed yet."))
            return
        released = sum(1 for i in found if i.released)
        self.summary.setText(
            ngettext(
                "{released} of {count} issue released", "{released} of {count} issues released", len(found)
            ).format(released=i18n.format_number(released), count=i18n.format_number(len(found)))
        )

    def clear(self) -> None:
        self._import_result = None
        self._show_import_result()
        super().clear()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Resolve, then release. Talk each old issue through together first; only then let it go, so it "
                "stops coming back in every argument. Letting go of the resentment is something you do for your own "
                "peace. Trusting again is different: it needs amends and some evidence that things have changed. "
                "And nobody is asking you to forget — what happened is part of what you both learned."
            )
        )
        self.import_button.setText(_("Add the issues from your map"))
        self.new_button.setText(_("Add an issue"))
        self.list.setAccessibleName(_("Issues to resolve"))
        self.source_note.setText(_("From your map of why it ended."))
        self.issue_label.setText(_("The &issue:"))
        self.issue.setPlaceholderText(_("In a few words, for example: “Who does the planning”"))
        self.talked.setText(_("We've &talked it through together"))
        self.amends.setText(_("They (or I) have made &amends"))
        self.amends_hint.setText(_("Owned it, apologised, and changed what led to it."))
        self.amends.setAccessibleDescription(self.amends_hint.text())
        self.notes_label.setText(_("N&otes:"))
        self.notes.setPlaceholderText(_("What you said, what you agreed, what still hurts (optional)"))
        self.release_button.setText(_("Release it"))
        self.undo_button.setText(_("Undo"))
        self.delete_button.setText(_("Remove…"))
        self.model.refresh_texts()
        self.show_summary()
        self.show_problems()
        self._show_import_result()

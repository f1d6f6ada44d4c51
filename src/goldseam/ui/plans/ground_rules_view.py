"""Ground rules for trying again, and "resolve, then release" for the issues that ended it.

Two tabs, each a list on the left and an autosaving editor on the right. A rule counts once
you both agreed to it; an old issue can be released only after it has been talked through
(and, where trust was broken, after amends). Releasing can always be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import ground_rules
from goldseam.domain.ground_rules import AGREEMENT_LABELS, AREA_LABELS, Agreement, Area, GroundRule, ReleaseItem
from goldseam.i18n import _, ngettext
from goldseam.ui.pages.shell_page import SaveJob
from goldseam.ui.plans.record_section import RecordSection, RecordSlot, chain_focus, one_line, text_box
from goldseam.ui.plans.release_section import ReleaseSection
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker


def describe_rule(rule: GroundRule) -> str:
    return f"{one_line(rule.text)}\n{_(AREA_LABELS[rule.area])} · {_(AGREEMENT_LABELS[rule.agreed])}"


class RulesSection(RecordSection):
    def __init__(self, services: AppServices, parent: QWidget | None, reload_all: Callable[[], None]) -> None:
        super().__init__(services, parent, reload_all, describe_rule, ground_rules.save_rule, ground_rules.delete_rule)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.area_label, self.area = QLabel(self.editor), self._combo(list(Area))
        self.area.currentIndexChanged.connect(self._show_example)
        self.text_label, self.text = QLabel(self.editor), text_box(self.editor, 84)
        self.text.textChanged.connect(self.edited)
        self.proposed_label, self.proposed = QLabel(self.editor), self._combo(list(ground_rules.ProposedBy))
        self.agreed_label, self.agreed = QLabel(self.editor), self._combo(list(Agreement))
        self.notes_label, self.notes = QLabel(self.editor), text_box(self.editor, 16777215)
        self.notes.textChanged.connect(self.edited)
        for label, field in (
            (self.area_label, self.area),
            (self.text_label, self.text),
            (self.proposed_label, self.proposed),
            (self.agreed_label, self.agreed),
            (self.notes_label, self.notes),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.insertRow(2, "", self.problem)
        self.form = form
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(4, 0, 0, 0)
        editor_layout.addLayout(form, 1)
        editor_layout.addLayout(bottom)
        self._assemble()
        chain_focus(
            self.new_button, self.list, self.area, self.text, self.proposed, self.agreed, self.notes, self.delete_button
        )

    def _combo(self, values: list[str]) -> QComboBox:
        combo = QComboBox(self.editor)
        for value in values:
            combo.addItem("", str(value))
        combo.currentIndexChanged.connect(self.edited)
        return combo

    def new_record(self) -> None:
        self.start_new()
        self.show_record(GroundRule(Area.COMMUNICATION, ""))
        self.text.setFocus()

    def show_record(self, record: Any) -> None:
        rule: GroundRule | None = record
        self.slot = RecordSlot(rule.id) if rule is not None else None
        self.loading = True
        self.editor.setVisible(rule is not None)
        if rule is not None:
            self.area.setCurrentIndex(self.area.findData(str(rule.area)))
            self.proposed.setCurrentIndex(self.proposed.findData(str(rule.proposed_by)))
            self.agreed.setCurrentIndex(self.agreed.findData(str(rule.agreed)))
        self.text.setPlainText(rule.text if rule else "")
        self.notes.setPlainText(rule.notes if rule else "")
        for box in (self.text, self.notes):
            box.document().clearUndoRedoStacks()
        self.loading = False
        self.dirty = False
        self.problem.clear()
        self._show_example()

    def edited_rule(self) -> GroundRule | None:
        if self.slot is None:
            return None
        return GroundRule(
            Area(str(self.area.currentData())),
            self.text.toPlainText().strip(),
            ground_rules.ProposedBy(str(self.proposed.currentData())),
            Agreement(str(self.agreed.currentData())),
            self.notes.toPlainText(),
            self.slot.id,
        )

    def current(self) -> GroundRule | None:
        rule = self.edited_rule()
        return None if rule is None or ground_rules.rule_problems(rule) else rule

    def show_problems(self) -> None:
        rule = self.edited_rule()
        problems = ground_rules.rule_problems(rule) if rule is not None and self.dirty else []
        self.problem.setText("\n".join(_(p) for p in problems))
        self.form.setRowVisible(self.problem, bool(problems))

    def delete_question(self) -> tuple[str, str]:
        return _("Delete this rule?"), _("It will be removed from your list. This can't be undone.")

    def show_summary(self) -> None:
        found = self.model.records()
        if not found:
            self.summary.setText(_("No ground rules yet. One you'd both find easy to keep is a good start."))
            return
        agreed = sum(1 for r in found if r.agreed is Agreement.BOTH)
        self.summary.setText(
            ngettext(
                "{agreed} of {count} rule agreed by you both",
                "{agreed} of {count} rules agreed by you both",
                len(found),
            ).format(agreed=i18n.format_number(agreed), count=i18n.format_number(len(found)))
        )

    def _show_example(self, _index: int = 0) -> None:
        area = Area(str(self.area.currentData()))
        self.text.setPlaceholderText(_(ground_rules.AREA_EXAMPLES[area]))

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Ground rules are the few things you both agree to do differently this time: how you talk when it's "
                "hard, how the issues that ended it will be handled, and the space each of you keeps. A rule only "
                "counts once you've both agreed to it."
            )
        )
        self.new_button.setText(_("New rule"))
        self.list.setAccessibleName(_("Your ground rules"))
        self.area_label.setText(_("&About:"))
        labels: tuple[tuple[QComboBox, dict[Any, str]], ...] = (
            (self.area, AREA_LABELS),
            (self.proposed, ground_rules.PROPOSED_LABELS),
            (self.agreed, AGREEMENT_LABELS),
        )
        for combo, texts in labels:
            for index in range(combo.count()):
                combo.setItemText(index, _(texts[combo.itemData(index)]))
        self.text_label.setText(_("The &rule:"))
        self.proposed_label.setText(_("&Who suggested it:"))
        self.agreed_label.setText(_("A&greed:"))
        self.notes_label.setText(_("&Notes:"))
        self.notes.setPlaceholderText(_("Anything you want to remember about it (optional)"))
        self.delete_button.setText(_("Delete…"))
        self.model.refresh_texts()
        self.show_summary()
        self.show_problems()
        self._show_example()


class GroundRulesView(RetranslateMixin, QWidget):
    loaded = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tabs = QTabWidget(self)
        self.rules = RulesSection(services, self.tabs, self.reload)
        self.release = ReleaseSection(services, self.tabs, self.reload)
        self.tabs.addTab(self.rules, "")
        self.tabs.addTab(self.release, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()
        self.clear()

    def reload(self) -> None:
        def job(worker: VaultWorker) -> tuple[list[GroundRule], list[ReleaseItem]]:
            conn = worker.session.conn
            return ground_rules.rules(conn), ground_rules.items(conn)

        self.services.bridge.run(job, self._loaded)

    def _loaded(self, result: tuple[list[GroundRule], list[ReleaseItem]]) -> None:
        self.rules.set_records(result[0])
        self.release.set_records(result[1])
        self.loaded.emit()

    def pending_save_jobs(self) -> list[SaveJob]:
        return [job for job in (self.rules.pending_save_job(), self.release.pending_save_job()) if job is not None]

    def clear(self) -> None:
        self.rules.clear()
        self.release.clear()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("Ground rules"))
        self.tabs.setTabText(1, _("Resolve, then release"))
        self.rules.retranslate()
        self.release.retranslate()

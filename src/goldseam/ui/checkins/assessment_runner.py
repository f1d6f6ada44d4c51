"""Taking a check-in: one calm question at a time, back and forward, saved as you go.

Every answer is autosaved in the vault, so closing, locking or a crash never loses a
half-finished check-in; it resumes where it stopped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.assessments.definition import Definition
from goldseam.domain.assessments.evaluation import Evaluator, Outcome, Question
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, card, centered_column, help_button, primary_button, title_label
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault.errors import VaultError
from goldseam.vault_worker import VaultWorker


def question_text(question: Question) -> str:
    text = _(question.item.question)
    return text.replace("{option}", _(question.option_label)) if question.option_label else text


class AssessmentRunner(RetranslateMixin, QWidget):
    finished = Signal(int, object)  # run id, Outcome
    closed = Signal()  # "save and finish later"
    crisis_answered = Signal()  # an answer that means "get help now", emitted at once

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.definition: Definition | None = None
        self.run_id: int | None = None
        self.answers: dict[str, Any] = {}
        self.context: dict[str, bool] = {}
        self.position = 0
        self._option_widgets: list[QAbstractButton] = []
        self._text: QPlainTextEdit | None = None
        self._crisis_shown = False

        column = centered_column(self, 680)
        self.title = title_label(self)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress_text = body_label(self, "muted")
        self.reminder = body_label(self, "muted")
        self.reminder.hide()
        self.box, box_layout = card(self)
        self.timeframe = body_label(self.box, "muted")
        self.question = body_label(self.box, "subtitle")
        self.help = body_label(self.box, "muted")
        self.options_area = QWidget(self.box)
        self.options_layout = QVBoxLayout(self.options_area)
        self.options_layout.setContentsMargins(0, 4, 0, 4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for widget in (self.timeframe, self.question, self.help, self.options_area):
            box_layout.addWidget(widget)
        self.back = QPushButton(self)
        self.back.clicked.connect(self.previous)
        self.later = QPushButton(self)
        self.later.clicked.connect(self._later)
        self.quick_exit = help_button(self)
        self.quick_exit.clicked.connect(services.quick_exit)
        self.next = primary_button(self)
        self.next.clicked.connect(self.advance)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.later)
        buttons.addStretch(1)
        buttons.addWidget(self.quick_exit)
        buttons.addWidget(self.next)
        self.error = body_label(self, "error")
        self.error.hide()
        for widget in (self.title, self.progress, self.progress_text, self.reminder, self.box, self.error):
            column.addWidget(widget)
        column.addLayout(buttons)
        column.addStretch(1)
        self.retranslate()

    # -- starting -------------------------------------------------------------------------------

    def begin(
        self, definition_id: str, run_id: int, answers: dict[str, Any], context: dict[str, bool], position: str | None
    ) -> None:
        self.definition = definitions.get(definition_id)
        self.run_id = run_id
        self.answers = dict(answers)
        self.context = dict(context)
        crisis = self.definition.band("crisis")
        self._crisis_shown = crisis is not None and Evaluator(self.definition, self.answers, self.context).check(
            crisis.when
        )
        keys = [q.key for q in self.questions()]
        unanswered = next((i for i, k in enumerate(keys) if k not in self.answers), len(keys) - 1)
        self.position = keys.index(position) if position in keys else max(0, unanswered)
        self.title.setText(_(self.definition.title))
        self.quick_exit.setVisible(definition_id in ("safety", "wellbeing", "changed"))
        self._show()

    def set_reminder(self, text: str) -> None:
        """Something the user noted earlier that helps answer (e.g. their reflection after meeting)."""
        self.reminder.setText(text)
        self.reminder.setVisible(bool(text))

    def crisis_already_answered(self) -> bool:
        return self._crisis_shown

    def questions(self) -> list[Question]:
        assert self.definition is not None
        return Evaluator(self.definition, self.answers, self.context).questions()

    # -- showing a question ---------------------------------------------------------------------

    def _show(self) -> None:
        questions = self.questions()
        if not questions or self.definition is None:
            return
        self.position = max(0, min(self.position, len(questions) - 1))
        current = questions[self.position]
        self.progress.setRange(0, len(questions))
        self.progress.setValue(self.position + 1)
        self.progress_text.setText(
            _("Question {number} of {count}").format(number=self.position + 1, count=len(questions))
        )
        self.timeframe.setText(_(current.item.timeframe) if current.item.timeframe else "")
        self.timeframe.setVisible(bool(current.item.timeframe))
        self.question.setText(question_text(current))
        self.help.setText(_(current.item.help) if current.item.help else "")
        self.help.setVisible(bool(current.item.help))
        self._build_options(current)
        self.back.setEnabled(self.position > 0)
        self.next.setText(_("Finish") if self.position == len(questions) - 1 else _("Next"))
        self._update_next()
        self.error.hide()

    def _build_options(self, question: Question) -> None:
        assert self.definition is not None
        for widget in self._option_widgets:
            self.group.removeButton(widget)
            widget.deleteLater()
        self._option_widgets = []
        if self._text is not None:
            self._text.deleteLater()
            self._text = None
        responses = self.definition.response_set(question.item)
        value = self.answers.get(question.key)
        if responses.kind == "text":
            self._text = QPlainTextEdit(self.options_area)
            self._text.setPlainText(value if isinstance(value, str) else "")
            self._text.setTabChangesFocus(True)
            self._text.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
            self._text.setAccessibleName(question_text(question))
            self._text.textChanged.connect(self._text_changed)
            self.options_layout.addWidget(self._text)
            self._text.setFocus()
            return
        self.group.setExclusive(responses.kind == "single")
        for option in responses.options:
            if responses.kind == "single" and option.prefer_not and not question.item.prefer_not:
                continue
            button: QAbstractButton = (
                QRadioButton(self.options_area) if responses.kind == "single" else QCheckBox(self.options_area)
            )
            button.setText(_(option.label))
            button.setProperty("option_value", option.value)
            if responses.kind == "single":
                button.setChecked(value == option.value)
            else:
                button.setChecked(isinstance(value, list) and option.value in value)
            self.group.addButton(button)
            button.toggled.connect(lambda _checked, q=question: self._chosen(q))
            self.options_layout.addWidget(button)
            self._option_widgets.append(button)
        if self._option_widgets:
            checked = next((b for b in self._option_widgets if b.isChecked()), self._option_widgets[0])
            checked.setFocus()

    def _chosen(self, question: Question) -> None:
        assert self.definition is not None
        if self.definition.response_set(question.item).kind == "multi":
            self.answers[question.key] = [
                str(b.property("option_value")) for b in self._option_widgets if b.isChecked()
            ]
        else:
            chosen = next((b for b in self._option_widgets if b.isChecked()), None)
            if chosen is None:
                return
            self.answers[question.key] = str(chosen.property("option_value"))
        self._autosave(question.key)
        self._update_next()
        self._check_crisis()

    def _check_crisis(self) -> None:
        """A crisis answer doesn't wait for the end of the check-in."""
        if self.definition is None:
            return
        if self._crisis_shown:
            return
        crisis = self.definition.band("crisis")
        if crisis is not None and Evaluator(self.definition, self.answers, self.context).check(crisis.when):
            self._crisis_shown = True  # once per run: help isn't pushed again at every later answer
            self.crisis_answered.emit()

    def _text_changed(self) -> None:
        questions = self.questions()
        if self._text is not None and questions:
            self.answers[questions[self.position].key] = self._text.toPlainText()
            self._update_next()

    def _update_next(self) -> None:
        questions = self.questions()
        if not questions or self.definition is None:
            return
        current = questions[self.position]
        kind = self.definition.response_set(current.item).kind
        answered = current.key in self.answers or current.item.optional or kind == "multi"
        self.next.setEnabled(answered)

    # -- moving ------------------------------------------------------------------------------------

    def advance(self) -> None:
        questions = self.questions()
        if not questions or not self.next.isEnabled():
            return
        current = questions[self.position]
        if self.definition and self.definition.response_set(current.item).kind == "multi":
            self.answers.setdefault(current.key, [])
        if current.item.optional:
            self.answers.setdefault(current.key, "")
        questions = self.questions()  # an answer can change what comes next
        if self.position >= len(questions) - 1:
            self._complete()
            return
        self.position += 1
        self._autosave(questions[self.position].key)
        self._show()

    def previous(self) -> None:
        if self.position > 0:
            self.position -= 1
            self._show()

    def _autosave(self, position: str | None) -> None:
        if self.run_id is None:
            return
        run_id, answers = self.run_id, dict(self.answers)

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                runs.save_progress(conn, run_id, answers, position)

        self.services.bridge.run(job)

    def pending_save_job(self) -> Any:
        if self.run_id is None:
            return None
        run_id, answers = self.run_id, dict(self.answers)
        questions = self.questions() if self.definition else []
        position = questions[self.position].key if questions else None

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                runs.save_progress(conn, run_id, answers, position)

        return job

    def _complete(self) -> None:
        if self.run_id is None or self.definition is None:
            return
        run_id, answers, assessment = self.run_id, dict(self.answers), self.definition.id

        def job(worker: VaultWorker) -> Outcome:
            from goldseam.domain import boundaries

            with worker.session.transaction() as conn:
                outcome = runs.complete(conn, run_id, answers)
                if assessment == "readiness":
                    boundaries.record_from_readiness(conn, answers)
            return outcome

        self.next.setEnabled(False)
        self.services.bridge.run(job, lambda outcome: self.finished.emit(run_id, outcome), self._failed)

    def _failed(self, error: VaultError) -> None:
        self.error.setText(error.user_message())
        self.error.show()
        self._update_next()

    def _later(self) -> None:
        self._autosave(self.questions()[self.position].key if self.definition else None)
        self.services.show_status(_("Saved. You can carry on later from where you stopped."))
        self.closed.emit()

    def clear(self) -> None:
        self.definition = None
        self.run_id = None
        self.answers = {}
        for widget in self._option_widgets:
            self.group.removeButton(widget)
            widget.deleteLater()
        self._option_widgets = []
        if self._text is not None:
            self._text.setPlainText("")
            self._text.document().clearUndoRedoStacks()
            self._text.deleteLater()
            self._text = None
        for label in (self.question, self.timeframe, self.help, self.title, self.progress_text, self.reminder):
            label.clear()
        self.reminder.hide()

    def retranslate(self) -> None:
        self.back.setText(_("Back"))
        self.later.setText(_("Save and finish later"))
        self.quick_exit.setText(_("Quick exit"))
        self.quick_exit.setToolTip(_("Lock Goldseam and hide its window immediately"))
        if self.definition is not None:
            self.title.setText(_(self.definition.title))
            self._show()

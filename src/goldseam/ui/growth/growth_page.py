"""Growth goals: small steps in your own life, with check-ins and progress over time."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import goals
from goldseam.domain.goals import AREA_EXAMPLES, AREA_LABELS, Area, CheckIn, Goal, Step
from goldseam.i18n import _, ngettext
from goldseam.ui.building_blocks import body_label, card, primary_button, record_list_view, title_label
from goldseam.ui.mood_colors import paint_line_chart
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.record_list_model import RECORD_ROLE, RecordListModel
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

STEP_ID_ROLE = Qt.ItemDataRole.UserRole + 10
STEP_DONE_ROLE = Qt.ItemDataRole.UserRole + 11


def describe_goal(goal: Goal) -> str:
    steps = ngettext("{done} of {count} step done", "{done} of {count} steps done", len(goal.steps)).format(
        done=goal.done_steps, count=len(goal.steps)
    )
    return f"{goal.title}\n{_(AREA_LABELS[goal.area])} · {steps}"


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checkins: list[CheckIn] = []
        self.setMinimumHeight(90)

    def sizeHint(self) -> QSize:
        return QSize(360, 110)

    def set_checkins(self, checkins: list[CheckIn]) -> None:
        self._checkins = checkins
        self.setAccessibleDescription(
            ", ".join(f"{i18n.format_date(c.checked_on, 'short')}: {c.progress}/10" for c in checkins)
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        palette = self.palette()
        values: list[float | None] = [float(c.progress) for c in self._checkins]
        paint_line_chart(
            painter,
            rect,
            values,
            0,
            10,
            palette.color(QPalette.ColorRole.Accent),
            palette.color(QPalette.ColorRole.Mid),
        )
        painter.end()


def _load(worker: VaultWorker) -> list[Goal]:
    return goals.goals(worker.session.conn)


class GrowthPage(ShellPage):
    key = "growth"

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self._goal: Goal | None = None
        self.goal_model: RecordListModel[Goal] = RecordListModel(describe_goal, self)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_goal)
        self.goal_list = record_list_view(self)
        self.goal_list.setModel(self.goal_model)
        self.goal_list.selectionModel().currentChanged.connect(self._selected)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.goal_list, 1)

        self.editor = QWidget(self)
        form = QFormLayout()
        self.area_label, self.area = QLabel(self.editor), QComboBox(self.editor)
        for area in Area:
            self.area.addItem("", str(area))
        self.area.currentIndexChanged.connect(lambda _i: self._show_example())
        self.goal_title_label, self.goal_title = QLabel(self.editor), QLineEdit(self.editor)
        self.why_label, self.why = QLabel(self.editor), QPlainTextEdit(self.editor)
        self.why.setMaximumHeight(70)
        self.why.setTabChangesFocus(True)
        for label, field in (
            (self.area_label, self.area),
            (self.goal_title_label, self.goal_title),
            (self.why_label, self.why),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.steps_heading = body_label(self.editor, "subtitle")
        self.steps_model = QStandardItemModel(self)
        self.steps = QListView(self.editor)
        self.steps.setModel(self.steps_model)
        self.new_step = QLineEdit(self.editor)
        self.new_step.returnPressed.connect(self._add_step)
        self.add_step = QPushButton(self.editor)
        self.add_step.clicked.connect(self._add_step)
        self.remove_step = QPushButton(self.editor)
        self.remove_step.clicked.connect(self._remove_step)
        step_row = QHBoxLayout()
        step_row.addWidget(self.new_step, 1)
        step_row.addWidget(self.add_step)
        step_row.addWidget(self.remove_step)
        self.save_button = primary_button(self.editor)
        self.save_button.clicked.connect(self.save_goal)
        self.archive_button = QPushButton(self.editor)
        self.archive_button.clicked.connect(self._archive)
        save_row = QHBoxLayout()
        save_row.addWidget(self.archive_button)
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)

        self.checkin_box, checkin_layout = card(self.editor)
        self.checkin_heading = body_label(self.checkin_box, "subtitle")
        self.progress_label = QLabel(self.checkin_box)
        self.progress = QSlider(Qt.Orientation.Horizontal, self.checkin_box)
        self.progress.setRange(0, 10)
        self.progress.setValue(5)
        self.progress.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.progress_label.setBuddy(self.progress)
        self.progress_value = QLabel(self.checkin_box)
        self.progress.valueChanged.connect(lambda v: self.progress_value.setText(f"{v}/10"))
        self.checkin_note = QLineEdit(self.checkin_box)
        self.checkin_button = QPushButton(self.checkin_box)
        self.checkin_button.clicked.connect(self._check_in)
        self.chart = ProgressChart(self.checkin_box)
        slider_row = QHBoxLayout()
        slider_row.addWidget(self.progress_label)
        slider_row.addWidget(self.progress, 1)
        slider_row.addWidget(self.progress_value)
        note_row = QHBoxLayout()
        note_row.addWidget(self.checkin_note, 1)
        note_row.addWidget(self.checkin_button)
        checkin_layout.addWidget(self.checkin_heading)
        checkin_layout.addLayout(slider_row)
        checkin_layout.addLayout(note_row)
        checkin_layout.addWidget(self.chart)

        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.steps_heading)
        editor_layout.addWidget(self.steps, 1)
        editor_layout.addLayout(step_row)
        editor_layout.addLayout(save_row)
        editor_layout.addWidget(self.checkin_box)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setSizes([300, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self._show_goal(None)

    # -- ShellPage ---------------------------------------------------------------------------------

    def nav_title(self) -> str:
        return _("Growth")

    def page_shown(self) -> None:
        self.refresh()

    def navigate_to(self, argument: object) -> None:
        if argument == "new":
            self.new_goal()

    def clear_for_lock(self) -> None:
        self.goal_model.set_records([])
        self._show_goal(None)

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self._goal.id if self._goal else None)
        self.services.bridge.run(_load, lambda found: self._loaded(found, keep))

    def _loaded(self, found: list[Goal], keep: int | None) -> None:
        self.goal_model.set_records(found)
        row = next((i for i, g in enumerate(found) if g.id == keep), -1)
        if row >= 0:
            self.goal_list.setCurrentIndex(self.goal_model.index(row))
        elif self._goal is not None and self._goal.id is not None:
            self._show_goal(None)

    # -- editing ------------------------------------------------------------------------------------

    def new_goal(self) -> None:
        self.goal_list.clearSelection()
        self._show_goal(Goal(Area.HOBBIES, ""))
        self.goal_title.setFocus()

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return  # a list reload; an unsaved new goal stays in the editor
        goal = current.data(RECORD_ROLE)
        self._show_goal(goal)
        if goal is not None and goal.id is not None:
            goal_id = goal.id
            self.services.bridge.run(lambda w: goals.checkins(w.session.conn, goal_id), self.chart.set_checkins)

    def _show_goal(self, goal: Goal | None) -> None:
        self._goal = goal
        self.editor.setVisible(goal is not None)
        self.steps_model.clear()
        if goal is None:
            self.goal_title.clear()
            self.why.setPlainText("")
            self.why.document().clearUndoRedoStacks()
            self.chart.set_checkins([])
            return
        self.area.setCurrentIndex(self.area.findData(str(goal.area)))
        self.goal_title.setText(goal.title)
        self.why.setPlainText(goal.why)
        for step in goal.steps:
            self._append_step(step.title, step.id, step.done_on)
        self.checkin_box.setVisible(goal.id is not None)
        self.archive_button.setVisible(goal.id is not None)
        if goal.id is None:
            self.chart.set_checkins([])
        self._show_example()

    def _append_step(self, title: str, step_id: int | None, done_on: date | None) -> None:
        item = QStandardItem(title)
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Checked if done_on else Qt.CheckState.Unchecked)
        item.setData(step_id, STEP_ID_ROLE)
        item.setData(done_on.isoformat() if done_on else None, STEP_DONE_ROLE)
        self.steps_model.appendRow(item)

    def _add_step(self) -> None:
        text = self.new_step.text().strip()
        if text:
            self._append_step(text, None, None)
            self.new_step.clear()

    def _remove_step(self) -> None:
        index = self.steps.currentIndex()
        if index.isValid():
            self.steps_model.removeRow(index.row())

    def current_goal(self) -> Goal | None:
        if self._goal is None or not self.goal_title.text().strip():
            return None
        steps = []
        for row in range(self.steps_model.rowCount()):
            item = self.steps_model.item(row)
            done = item.checkState() == Qt.CheckState.Checked
            previous = item.data(STEP_DONE_ROLE)
            done_on = (date.fromisoformat(previous) if previous else date.today()) if done else None
            steps.append(Step(item.text(), row, done_on, item.data(STEP_ID_ROLE)))
        return Goal(
            Area(str(self.area.currentData())),
            self.goal_title.text().strip(),
            self.why.toPlainText(),
            steps,
            False,
            self._goal.id,
        )

    def save_goal(self) -> None:
        goal = self.current_goal()
        if goal is None:
            self.goal_title.setFocus()
            return

        def job(worker: VaultWorker) -> int:
            with worker.session.transaction() as conn:
                return goals.save_goal(conn, goal)

        self.services.bridge.run(job, self._goal_saved)

    def _archive(self) -> None:
        goal = self.current_goal()
        if goal is None or goal.id is None:
            return
        answer = QMessageBox.question(
            self,
            _("Put this goal away?"),
            _("It leaves your list but stays in the vault, with its steps and check-ins."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        goal.archived = True

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                goals.save_goal(conn, goal)

        self._goal = None
        self.services.bridge.run(job, lambda _r: self.refresh())

    def _check_in(self) -> None:
        if self._goal is None or self._goal.id is None:
            return
        goal_id = self._goal.id
        checkin = CheckIn(date.today(), self.progress.value(), self.checkin_note.text())

        def job(worker: VaultWorker) -> list[CheckIn]:
            with worker.session.transaction() as conn:
                goals.add_checkin(conn, goal_id, checkin)
            return goals.checkins(worker.session.conn, goal_id)

        self.checkin_note.clear()
        self.services.bridge.run(job, self._checked_in)

    def _goal_saved(self, goal_id: int) -> None:
        self.refresh(goal_id)
        self.services.show_status(_("Goal saved."))

    def _checked_in(self, found: list[CheckIn]) -> None:
        self.chart.set_checkins(found)
        self.services.show_status(_("Check-in saved."))

    # -- texts --------------------------------------------------------------------------------------

    def _show_example(self) -> None:
        area = Area(str(self.area.currentData()))
        self.goal_title.setPlaceholderText(_("For example: {example}").format(example=_(AREA_EXAMPLES[area])))

    def retranslate(self) -> None:
        self.title.setText(_("Growth"))
        self.intro.setText(
            _(
                "Goals in your own life — for you, not to show anyone what they lost. Keep steps small enough to do "
                "this week."
            )
        )
        self.new_button.setText(_("New goal"))
        self.goal_list.setAccessibleName(_("Your goals"))
        self.area_label.setText(_("&Area:"))
        for index in range(self.area.count()):
            self.area.setItemText(index, _(AREA_LABELS[Area(self.area.itemData(index))]))
        self.goal_title_label.setText(_("&Goal:"))
        self.why_label.setText(_("&Why it matters to me:"))
        self.steps_heading.setText(_("Small steps"))
        self.steps.setAccessibleName(_("Steps; tick the ones you've done"))
        self.new_step.setPlaceholderText(_("Add a small step and press Enter"))
        self.new_step.setAccessibleName(_("New step"))
        self.add_step.setText(_("Add"))
        self.remove_step.setText(_("Remove"))
        self.save_button.setText(_("Save goal"))
        self.archive_button.setText(_("Put away…"))
        self.checkin_heading.setText(_("How is it going?"))
        self.progress_label.setText(_("&Progress:"))
        self.progress.setAccessibleName(_("Progress from 0 to 10"))
        self.progress_value.setText(f"{self.progress.value()}/10")
        self.checkin_note.setPlaceholderText(_("A word about it (optional)"))
        self.checkin_note.setAccessibleName(_("Check-in note"))
        self.checkin_button.setText(_("Check in"))
        self.goal_model.refresh_texts()
        if self._goal is not None:
            self._show_example()

"""Every completed result of one check-in: a trend chart and a list where any result can be
reopened, hidden or deleted. A safety result can be marked as entered by mistake."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from goldseam import i18n
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.assessments.definition import Definition
from goldseam.domain.assessments.runs import Run
from goldseam.i18n import _
from goldseam.ui.building_blocks import body_label, record_list_view, title_label
from goldseam.ui.mood_colors import is_dark, paint_line_chart
from goldseam.ui.record_list_model import RecordListModel
from goldseam.ui.retranslate import RetranslateMixin
from goldseam.ui.services import AppServices
from goldseam.vault_worker import VaultWorker

# Distinct, colour-blind-friendly line colours (Okabe–Ito), light and dark variants.
LINE_COLORS = (
    ("#0072B2", "#56B4E9"),
    ("#D55E00", "#E69F00"),
    ("#009E73", "#5BD1A8"),
    ("#CC79A7", "#E3A5CB"),
    ("#7A5C00", "#F0E442"),
    ("#444444", "#BBBBBB"),
)


def describe_run(run: Run) -> str:
    definition = definitions.get(run.assessment)
    band = definition.band(run.band) if run.band else None
    when = i18n.format_date(run.completed_utc.astimezone().date(), "medium") if run.completed_utc else ""
    text = f"{when} · {_(band.label) if band else ''}"
    if run.marked_mistake:
        text += " · " + _("entered by mistake")
    if run.hidden:
        text += " · " + _("hidden")
    return text


class TrendChart(QWidget):
    """Each chart score as a line, scaled between its own lowest and highest value; checks
    without scores chart their band from least to most concerning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[tuple[str, float, float, list[float | None]]] = []
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:
        return QSize(480, 180)

    def set_runs(self, definition: Definition, shown: list[Run]) -> None:
        chart_scores = [s for s in definition.scores if s.chart]
        if chart_scores:
            self.series = [(_(s.label), s.low, s.high, [r.scores.get(s.id) for r in shown]) for s in chart_scores]
        else:
            severities = [b.severity for b in definition.bands]
            high = max(severities, default=1) or 1
            values: list[float | None] = []
            for run in shown:
                band = definition.band(run.band) if run.band else None
                values.append(float(band.severity) if band else None)
            self.series = [(_("How concerning the result was"), 0.0, float(high), values)]
        parts = []
        for label, _low, _high, points in self.series:
            numbers = ", ".join("–" if v is None else f"{v:g}" for v in points)
            parts.append(f"{label}: {numbers}")
        self.setAccessibleDescription("; ".join(parts))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        dark = is_dark(self)
        palette = self.palette()
        metrics = painter.fontMetrics()
        legend_height = (metrics.height() + 4) * ((len(self.series) + 1) // 2)
        rect = QRectF(self.rect()).adjusted(10, 10, -10, -10 - legend_height)
        if not any(any(v is not None for v in points) for *_rest, points in self.series):
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, _("Your results will appear here over time."))
            painter.end()
            return
        half = self.width() / 2
        for i, (label, low, high, points) in enumerate(self.series):
            color = QColor(LINE_COLORS[i % len(LINE_COLORS)][1 if dark else 0])
            paint_line_chart(
                painter,
                rect,
                points,
                low,
                high if high > low else low + 1,
                color,
                palette.color(QPalette.ColorRole.Mid),
            )
            x = 10 + (i % 2) * half
            y = rect.bottom() + 8 + (i // 2) * (metrics.height() + 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(QPointF(x + 5, y + metrics.height() / 2), 4, 4)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(half - 30))
            painter.drawText(QPointF(x + 14, y + metrics.ascent()), text)
        painter.end()


class HistoryView(RetranslateMixin, QWidget):
    back_requested = Signal()
    open_result = Signal(object)  # Run
    changed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.definition: Definition | None = None
        self.all_runs: list[Run] = []
        layout = QVBoxLayout(self)
        self.title = title_label(self)
        self.picker = QComboBox(self)
        for definition in definitions.load_all():
            self.picker.addItem("", definition.id)
        self.picker.currentIndexChanged.connect(lambda _i: self.show_assessment(str(self.picker.currentData())))
        self.show_hidden = QCheckBox(self)
        self.show_hidden.toggled.connect(lambda _on: self._fill())
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.show_hidden)
        self.chart = TrendChart(self)
        self.chart_note = body_label(self, "muted")
        self.model: RecordListModel[Run] = RecordListModel(describe_run, self)
        self.list = record_list_view(self)
        self.list.setModel(self.model)
        self.list.selectionModel().currentChanged.connect(lambda _c, _p: self._update_buttons())
        self.list.doubleClicked.connect(lambda _i: self._open())
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self._open)
        self.hide_button = QPushButton(self)
        self.hide_button.clicked.connect(self._toggle_hidden)
        self.mistake_button = QPushButton(self)
        self.mistake_button.clicked.connect(self._mark_mistake)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self._delete)
        self.back = QPushButton(self)
        self.back.clicked.connect(self.back_requested.emit)
        actions = QHBoxLayout()
        for button in (self.open_button, self.hide_button, self.mistake_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.back)
        for widget in (self.title,):
            layout.addWidget(widget)
        layout.addLayout(top)
        layout.addWidget(self.chart)
        layout.addWidget(self.chart_note)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        self.retranslate()
        self._update_buttons()

    def show_assessment(self, assessment: str) -> None:
        index = self.picker.findData(assessment)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.setCurrentIndex(index)  # comes back here through the signal
            return
        self.definition = definitions.get(assessment)
        self.reload()

    def reload(self) -> None:
        if self.definition is None:
            return
        assessment = self.definition.id

        def job(worker: VaultWorker) -> list[Run]:
            return runs.history(worker.session.conn, assessment)

        self.services.bridge.run(job, self._loaded)

    def _loaded(self, loaded: object) -> None:
        assert isinstance(loaded, list)
        self.all_runs = loaded
        self._fill()

    def _fill(self) -> None:
        if self.definition is None:
            return
        listed = [r for r in self.all_runs if self.show_hidden.isChecked() or not r.hidden]
        self.model.set_records(list(reversed(listed)))  # newest first
        charted = [r for r in self.all_runs if not r.hidden and not r.marked_mistake]
        self.chart.set_runs(self.definition, charted)
        self.chart_note.setVisible(len(self.all_runs) > len(charted))
        self._update_buttons()

    def _selected(self) -> Run | None:
        index = self.list.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        run = self._selected()
        for button in (self.open_button, self.hide_button, self.delete_button):
            button.setEnabled(run is not None)
        self.mistake_button.setVisible(self.definition is not None and self.definition.id == "safety")
        self.mistake_button.setEnabled(run is not None and not run.marked_mistake)
        self.hide_button.setText(_("Show in charts") if run is not None and run.hidden else _("Hide"))

    def _open(self) -> None:
        run = self._selected()
        if run is not None:
            self.open_result.emit(run)

    def _change(self, job: Callable[[VaultWorker], None]) -> None:
        def done(_result: object) -> None:
            self.reload()
            self.changed.emit()

        self.services.bridge.run(job, done)

    def _toggle_hidden(self) -> None:
        run = self._selected()
        if run is None:
            return
        run_id, hidden = run.id, not run.hidden

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                runs.set_hidden(conn, run_id, hidden)

        self._change(job)

    def _mark_mistake(self) -> None:
        run = self._selected()
        if run is None:
            return
        answer = QMessageBox.question(
            self,
            _("Entered by mistake?"),
            _(
                "This result will stop counting, and Goldseam will ask you to take the safety check again before "
                "anything about reconnecting. It stays in your history."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_id = run.id

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                runs.mark_mistake(conn, run_id)

        self._change(job)

    def _delete(self) -> None:
        run = self._selected()
        if run is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Delete this result?"),
            _("The result and its answers are removed from the vault. This can't be undone."),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return
        run_id = run.id

        def job(worker: VaultWorker) -> None:
            with worker.session.transaction() as conn:
                runs.delete(conn, run_id)

        self._change(job)

    def clear(self) -> None:
        self.all_runs = []
        self.model.set_records([])
        self.chart.series = []
        self.chart.setAccessibleDescription("")
        self.chart.update()

    def retranslate(self) -> None:
        for i in range(self.picker.count()):
            self.picker.setItemText(i, _(definitions.get(str(self.picker.itemData(i))).title))
        self.picker.setAccessibleName(_("Check-in"))
        self.title.setText(_("History and trends"))
        self.show_hidden.setText(_("Show hidden results"))
        self.chart_note.setText(_("Hidden results and results entered by mistake aren't drawn in the chart."))
        self.open_button.setText(_("Open result"))
        self.mistake_button.setText(_("Entered by mistake"))
        self.delete_button.setText(_("Delete…"))
        self.back.setText(_("Back to check-ins"))
        self.model.refresh_texts()
        if self.definition is not None:
            self.chart.set_runs(self.definition, [r for r in self.all_runs if not r.hidden and not r.marked_mistake])
        self._update_buttons()

"""A year of days as a grid: a square per day, coloured by average mood (or by how much you
wrote, where no mood was noted). Click or press Enter on a day to see its entries."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from goldseam import i18n
from goldseam.domain.journal import DayStat
from goldseam.i18n import _, ngettext
from goldseam.ui.mood_colors import is_dark, mood_color
from goldseam.ui.retranslate import RetranslateMixin

MAX_WEEKS = 53
MIN_WEEKS = 12
CELL = 11
GAP = 2
TOP = 16


class HeatMap(RetranslateMixin, QWidget):
    day_chosen = Signal(object)  # date, or None to clear

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._stats: dict[date, DayStat] = {}
        self._end = date.today()
        self._cursor: date | None = None
        self._chosen: date | None = None
        self._weeks = MAX_WEEKS
        self.retranslate()

    # -- data ----------------------------------------------------------------------------

    def range(self) -> tuple[date, date]:
        end = self._end + timedelta(days=6 - self._end.weekday())
        return end - timedelta(days=self._weeks * 7 - 1), end

    def set_stats(self, stats: list[DayStat], today: date | None = None) -> None:
        self._end = today or date.today()
        self._stats = {s.day: s for s in stats}
        self.update()

    def clear(self) -> None:
        self._stats = {}
        self._chosen = None
        self._cursor = None
        self.update()

    def chosen(self) -> date | None:
        return self._chosen

    def choose(self, day: date | None) -> None:
        self._chosen = day
        self.update()
        self.day_chosen.emit(day)

    # -- geometry ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(MAX_WEEKS * (CELL + GAP) + 2, TOP + 7 * (CELL + GAP) + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_WEEKS * (CELL + GAP) + 2, TOP + 7 * (CELL + GAP) + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # As many recent weeks as fit; the newest week is always on screen.
        self._weeks = max(MIN_WEEKS, min(MAX_WEEKS, (self.width() - 2) // (CELL + GAP)))
        super().resizeEvent(event)

    def _cell(self, day: date) -> QRect:
        start, _end = self.range()
        offset = (day - start).days
        return QRect((offset // 7) * (CELL + GAP), TOP + (offset % 7) * (CELL + GAP), CELL, CELL)

    def _day_at(self, point: QPoint) -> date | None:
        if point.y() < TOP:
            return None
        column, row = point.x() // (CELL + GAP), (point.y() - TOP) // (CELL + GAP)
        if not (0 <= column < self._weeks and 0 <= row < 7):
            return None
        start, _end = self.range()
        day = start + timedelta(days=column * 7 + row)
        return day if day <= self._end else None

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = is_dark(self)
        empty = palette.color(QPalette.ColorRole.AlternateBase)
        accent = palette.color(QPalette.ColorRole.Accent)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        start, _end = self.range()
        painter.setPen(muted)
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.8))
        painter.setFont(small)
        last_month = None
        for week in range(self._weeks):
            first = start + timedelta(days=week * 7)
            if first.month != last_month:
                last_month = first.month
                painter.drawText(
                    week * (CELL + GAP), TOP - 4, i18n.babel_locale().months["stand-alone"]["abbreviated"][first.month]
                )
        day = start
        while day <= self._end:
            rect = self._cell(day)
            stat = self._stats.get(day)
            if stat is None:
                color = empty
            elif stat.mood is not None:
                color = mood_color(stat.mood, dark)
            else:
                color = QColor(accent)
                color.setAlphaF(min(1.0, 0.35 + 0.15 * stat.entries))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(rect, 2, 2)
            if day in (self._chosen, self._cursor if self.hasFocus() else None):
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(palette.color(QPalette.ColorRole.Text))
                painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 2, 2)
            day += timedelta(days=1)
        painter.end()

    # -- interaction ---------------------------------------------------------------------------

    def describe(self, day: date) -> str:
        stat = self._stats.get(day)
        when = i18n.format_date(day, "full")
        if stat is None:
            return _("{date}: nothing written").format(date=when)
        text = ngettext("{date}: {count} entry", "{date}: {count} entries", stat.entries).format(
            date=when, count=stat.entries
        )
        if stat.mood is not None:
            text += " · " + _("average mood {mood} of 5").format(mood=i18n.format_decimal(round(stat.mood, 1)))
        return text

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self._day_at(event.position().toPoint())
        if day is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(day), self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self._day_at(event.position().toPoint())
        if day is not None:
            self._cursor = day
            self.choose(None if day == self._chosen else day)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._cursor is None:
            self._cursor = self._chosen or self._end
        self._announce()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -7, Qt.Key.Key_Right: 7}
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            steps[Qt.Key.Key_Left], steps[Qt.Key.Key_Right] = 7, -7
        key = Qt.Key(event.key())
        if key in steps and self._cursor is not None:
            start, _end = self.range()
            moved = self._cursor + timedelta(days=steps[key])
            if start <= moved <= self._end:
                self._cursor = moved
                self._announce()
                self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._cursor is not None:
            self.choose(None if self._cursor == self._chosen else self._cursor)
            return
        if key == Qt.Key.Key_Escape and self._chosen is not None:
            self.choose(None)
            return
        super().keyPressEvent(event)

    def _announce(self) -> None:
        if self._cursor is not None:
            self.setAccessibleDescription(self.describe(self._cursor))
            self.setToolTip(self.describe(self._cursor))

    def retranslate(self) -> None:
        self.setAccessibleName(_("Calendar of days you wrote"))
        self._announce()
        self.update()

"""Colours and small charts for mood (1 very low … 5 very good) in both palettes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QWidget

_LIGHT = {1: "#B4493F", 2: "#D98A3D", 3: "#C9A43A", 4: "#7FA65A", 5: "#3F8F5B"}
_DARK = {1: "#E0786D", 2: "#EBA65E", 3: "#E2C25E", 4: "#9CC77A", 5: "#6CC08A"}


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def mood_color(mood: float, dark: bool) -> QColor:
    table = _DARK if dark else _LIGHT
    low = max(1, min(5, int(mood)))
    high = min(5, low + 1)
    t = max(0.0, min(1.0, mood - low))
    a, b = QColor(table[low]), QColor(table[high])
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def paint_line_chart(
    painter: QPainter, rect: QRectF, values: list[float | None], low: float, high: float, color: QColor, grid: QColor
) -> None:
    """A simple line through the values (None leaves a gap), with dots."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
    for fraction in (0.0, 0.5, 1.0):
        y = rect.bottom() - fraction * rect.height()
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    count = len(values)
    if count == 0:
        painter.restore()
        return
    step = rect.width() / max(1, count - 1)

    def point(i: int, v: float) -> QPointF:
        return QPointF(
            rect.left() + i * step if count > 1 else rect.center().x(),
            rect.bottom() - (v - low) / (high - low) * rect.height(),
        )

    path = QPainterPath()
    started = False
    for i, value in enumerate(values):
        if value is None:
            started = False
            continue
        if started:
            path.lineTo(point(i, value))
        else:
            path.moveTo(point(i, value))
            started = True
    painter.setPen(QPen(color, 2))
    painter.drawPath(path)
    painter.setBrush(color)
    for i, value in enumerate(values):
        if value is not None:
            painter.drawEllipse(point(i, value), 3, 3)
    painter.restore()

"""How one journal row looks: date and kind, title, a line of text (or a highlighted search
snippet), and a mood dot. Every row has the same height, so long lists stay fast."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from goldseam.domain.journal import KIND_LABELS, MOOD_LABELS
from goldseam.domain.search import HIGHLIGHT_END, HIGHLIGHT_START
from goldseam.i18n import _, ngettext
from goldseam.ui.journal.entry_list_model import (
    DATE_TEXT_ROLE,
    KIND_ROLE,
    MOOD_ROLE,
    SNIPPET_ROLE,
    SUMMARY_ROLE,
    WORDS_ROLE,
    kind_of,
)
from goldseam.ui.mood_colors import mood_color

PADDING = 8
DOT = 10


class EntryDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.lineSpacing() * 3 + PADDING * 2 + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(PADDING + DOT + 8, PADDING, -PADDING, -PADDING)
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128

        mood = index.data(MOOD_ROLE)
        if mood is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mood_color(float(mood), dark))
            painter.drawEllipse(option.rect.left() + PADDING, option.rect.top() + PADDING + line + 2, DOT, DOT)

        kind = kind_of(str(index.data(KIND_ROLE)))
        words = int(index.data(WORDS_ROLE) or 0)
        meta = "{kind} · {words}".format(
            kind=_(KIND_LABELS[kind]), words=ngettext("{count} word", "{count} words", words).format(count=words)
        )
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        painter.setFont(small)
        painter.setPen(muted if not selected else text_color)
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        date_text = str(index.data(DATE_TEXT_ROLE) or "")
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, date_text)
        meta_width = QFontMetrics(small).horizontalAdvance(meta)
        if meta_width < rect.width() - QFontMetrics(small).horizontalAdvance(date_text) - 12:
            painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, meta)

        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(text_color)
        title_rect = QRect(rect.left(), rect.top() + line, rect.width(), line)
        title = QFontMetrics(bold).elidedText(str(index.data() or ""), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

        painter.setFont(option.font)
        body_rect = QRect(rect.left(), rect.top() + 2 * line, rect.width(), line + 2)
        snippet = str(index.data(SNIPPET_ROLE) or "")
        if snippet:
            self._paint_snippet(painter, body_rect, snippet, option, text_color.name())
        else:
            summary = metrics.elidedText(str(index.data(SUMMARY_ROLE) or ""), Qt.TextElideMode.ElideRight, rect.width())
            painter.setPen(muted if not selected else text_color)
            painter.drawText(body_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, summary)
        if mood is not None:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.restore()

    @staticmethod
    def _paint_snippet(painter: QPainter, rect: QRect, snippet: str, option: QStyleOptionViewItem, color: str) -> None:
        escaped = html.escape(" ".join(snippet.split()))
        marked = escaped.replace(HIGHLIGHT_START, "<b><u>").replace(HIGHLIGHT_END, "</u></b>")
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(f'<span style="color:{color}">{marked}</span>')
        doc.setTextWidth(10_000)
        width = rect.width()
        ellipsis = ""
        if doc.idealWidth() > width:  # cut off like the plain summary line, with an ellipsis
            ellipsis = "…"
            width -= QFontMetrics(option.font).horizontalAdvance(ellipsis)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRect(0, 0, width, rect.height()))
        doc.drawContents(painter)
        painter.restore()
        if ellipsis:
            painter.save()
            painter.setPen(QColor(color))
            painter.drawText(
                QRect(rect.left() + width, rect.top(), rect.width() - width, rect.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                ellipsis,
            )
            painter.restore()


def mood_text(mood: int | None) -> str:
    return _(MOOD_LABELS[mood]) if mood in MOOD_LABELS else _("No mood noted")

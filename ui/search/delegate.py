"""Drawing a search hit: headline, publication line and snippet, matches highlighted.

Every string is laid out with ``QTextLayout`` as plain text, so markup in a headline or a
snippet is drawn as the characters it is; the matches are character formats on ranges.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.reader.document import highlight_format, utf16_length
from ui.search.model import Role

Index = QModelIndex | QPersistentModelIndex
PADDING = 6
LINE_GAP = 2
TITLE_LINES = 2
SNIPPET_LINES = 4
TITLE_SCALE = 1.08
META_SCALE = 0.88
ELLIPSIS = "…"


def format_ranges(
    text: str, spans: Sequence[tuple[int, int]], char_format: QTextCharFormat
) -> list[QTextLayout.FormatRange]:
    """Format ranges (UTF-16 positions) for Python-offset spans of ``text``."""
    ranges: list[QTextLayout.FormatRange] = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        item = QTextLayout.FormatRange()
        item.start = utf16_length(text[:start])
        item.length = utf16_length(text[start:end])
        item.format = char_format
        ranges.append(item)
    return ranges


class _Block:
    """One laid-out paragraph of a hit (headline, meta line or snippet).

    Text beyond ``max_lines`` is cut and ends with an ellipsis.
    """

    def __init__(
        self,
        text: str,
        font: QFont,
        width: float,
        max_lines: int,
        formats: list[QTextLayout.FormatRange] | None = None,
    ) -> None:
        self.layout = QTextLayout(text, font)
        self._font = font
        self._width = max(1.0, width)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        if formats:
            self.layout.setFormats(formats)
        self.height = 0.0
        self.lines = 0
        units = utf16_length(text)
        end = self._lay_out(max_lines)
        for attempt in range(4):
            if end >= units:
                break
            # Cut the text where the last line ends, one more unit each time, and add "…".
            kept = text.encode("utf-16-le")[: 2 * max(0, end - 1 - attempt)]
            self.layout.setText(kept.decode("utf-16-le", errors="ignore") + ELLIPSIS)
            end = self._lay_out(max_lines)
            units = utf16_length(self.layout.text())

    def _lay_out(self, max_lines: int) -> int:
        """Lay out up to ``max_lines`` lines; return where the text shown ends (UTF-16)."""
        self.height = 0.0
        self.lines = 0
        leading = QFontMetricsF(self._font).leading()
        end = 0
        self.layout.beginLayout()
        while self.lines < max_lines:
            line = self.layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(self._width)
            line.setPosition(QPointF(0, self.height))
            self.height += line.height() + leading
            self.lines += 1
            end = line.textStart() + line.textLength()
        self.layout.endLayout()
        return end

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        for number in range(self.lines):
            self.layout.lineAt(number).draw(painter, QPointF(x, y))


class SearchHitDelegate(QStyledItemDelegate):
    """Draws a hit in three parts: headline (bold), where and when (muted), snippet."""

    def __init__(self, view: QAbstractItemView, parent: QWidget | None = None) -> None:
        """Draw the hits of ``view`` (its width decides the line breaks)."""
        super().__init__(parent or view)
        self._view = view

    def _width(self, option: QStyleOptionViewItem) -> float:
        width = option.rect.width()  # type: ignore[attr-defined]
        if width <= 0:
            width = self._view.viewport().width()
        return max(80.0, float(width - 2 * PADDING))

    def _blocks(
        self, option: QStyleOptionViewItem, index: Index, palette: QPalette
    ) -> list[_Block]:
        base = QFont(option.font)  # type: ignore[attr-defined]
        width = self._width(option)
        highlight = highlight_format("search", palette)
        if not highlight.hasProperty(QTextFormat.Property.ForegroundBrush):
            # Readable on the highlight colour even in a selected row (light text there).
            highlight.setForeground(palette.color(QPalette.ColorRole.Text))
        title_font = QFont(base)
        title_font.setBold(True)
        title_font.setPointSizeF(base.pointSizeF() * TITLE_SCALE)
        if not index.data(Role.Title):
            title_font.setItalic(True)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        title_spans = (index.data(Role.TitleSpans) or []) if index.data(Role.Title) else []
        meta_font = QFont(base)
        meta_font.setPointSizeF(base.pointSizeF() * META_SCALE)
        blocks = [
            _Block(
                title, title_font, width, TITLE_LINES, format_ranges(title, title_spans, highlight)
            ),
            _Block(str(index.data(Role.Meta) or ""), meta_font, width, 1),
        ]
        snippet = str(index.data(Role.Snippet) or "")
        if snippet:
            spans = index.data(Role.SnippetSpans) or []
            blocks.append(
                _Block(
                    snippet, base, width, SNIPPET_LINES, format_ranges(snippet, spans, highlight)
                )
            )
        return blocks

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Height of the three parts at the view's width."""
        palette = option.palette  # type: ignore[attr-defined]
        blocks = self._blocks(option, index, palette)
        height = sum(block.height for block in blocks) + LINE_GAP * (len(blocks) - 1)
        return QSize(int(self._width(option)) + 2 * PADDING, int(height) + 2 * PADDING + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Draw the item background (selection, hover) and the three parts."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        painter.save()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        palette: QPalette = opt.palette  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active  # type: ignore[attr-defined]
            else QPalette.ColorGroup.Inactive
        )
        roles = QPalette.ColorRole
        text_role = roles.HighlightedText if selected else roles.Text
        muted_role = roles.HighlightedText if selected else roles.PlaceholderText
        rect: QRectF = QRectF(opt.rect)  # type: ignore[attr-defined]
        painter.setClipRect(rect)
        x = rect.left() + PADDING
        y = rect.top() + PADDING
        for number, block in enumerate(self._blocks(opt, index, palette)):
            role = muted_role if number == 1 else text_role
            painter.setPen(palette.color(group, role))
            block.draw(painter, x, y)
            y += block.height + LINE_GAP
        painter.restore()

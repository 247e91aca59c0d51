"""A small bar chart of an entity's mentions over time, drawn with QPainter (bars per month)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.text import plain_tooltip

#: Above this many months the chart shows a bar per year.
MAX_MONTH_BARS = 120


class Bar(NamedTuple):
    """One bar: its period (``2024-03`` or ``2024``) and the number of mentions in it."""

    label: str
    count: int


def _month(value: str) -> tuple[int, int] | None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day.year, day.month


def timeline_bars(timeline: Sequence[tuple[str, int]]) -> list[Bar]:
    """Mentions per day → bars per month, months without mentions included as zeros.

    Over ``MAX_MONTH_BARS`` months, the bars are per year (again with empty years).

    Args:
        timeline: (ISO date, count) pairs, in any order; unreadable dates are skipped.

    Returns:
        The bars, oldest first.
    """
    months: dict[tuple[int, int], int] = {}
    for date, count in timeline:
        month = _month(date)
        if month is not None:
            months[month] = months.get(month, 0) + count
    if not months:
        return []
    first, last = min(months), max(months)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > MAX_MONTH_BARS:
        years: dict[int, int] = {}
        for (year, _month_no), count in months.items():
            years[year] = years.get(year, 0) + count
        return [Bar(str(year), years.get(year, 0)) for year in range(first[0], last[0] + 1)]
    bars: list[Bar] = []
    year, month = first
    for _ in range(span):
        bars.append(Bar(f"{year:04d}-{month:02d}", months.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return bars


class TimelineChart(QWidget):
    """Bars of mentions per month (per year over ten years), with the peak on the axis.

    Colours come from the palette, so the chart follows the light and dark themes.
    Hovering a bar tells its period and count.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create an empty chart."""
        super().__init__(parent)
        self.setObjectName("entityTimeline")
        self._bars: list[Bar] = []
        self._hover = -1
        self.setMouseTracking(True)
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Mentions over time"))

    def set_timeline(self, timeline: Sequence[tuple[str, int]]) -> None:
        """Show mentions per date (they are summed per month)."""
        self._bars = timeline_bars(timeline)
        self._hover = -1
        self.update()

    def bars(self) -> list[Bar]:
        """The bars shown, oldest first."""
        return list(self._bars)

    def sizeHint(self) -> QSize:
        """Wide and short."""
        return QSize(320, 120)

    # ----- geometry

    def _plot_rect(self) -> QRect:
        metrics = self.fontMetrics()
        peak = max((bar.count for bar in self._bars), default=0)
        left = metrics.horizontalAdvance(str(peak)) + 8
        rect = self.contentsRect()
        return rect.adjusted(left, metrics.height() // 2 + 2, -4, -(metrics.height() + 6))

    def _bar_rects(self) -> list[QRectF]:
        plot = self._plot_rect()
        count = len(self._bars)
        peak = max((bar.count for bar in self._bars), default=0)
        if not count or peak <= 0 or plot.width() <= 0 or plot.height() <= 0:
            return []
        width = plot.width() / count
        gap = min(2.0, width * 0.2) if width >= 3 else 0.0
        bar_width = min(width - gap, 48.0)
        rects: list[QRectF] = []
        for index, bar in enumerate(self._bars):
            height = max(1.0, plot.height() * bar.count / peak) if bar.count > 0 else 0.0
            x = plot.left() + index * width + (width - bar_width) / 2
            rects.append(QRectF(x, plot.bottom() + 1 - height, bar_width, height))
        return rects

    def bar_at(self, position: QPoint) -> int:
        """The index of the bar under a point (its column, however short), or -1."""
        plot = self._plot_rect()
        count = len(self._bars)
        if not count or not plot.adjusted(0, -4, 0, 4).contains(position):
            return -1
        index = int((position.x() - plot.left()) * count / max(1, plot.width()))
        return index if 0 <= index < count else -1

    # ----- painting and events

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the axis, the bars and a few period labels."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = self.fontMetrics()
        if not self._bars:
            painter.setPen(muted)
            painter.drawText(
                self.contentsRect(), Qt.AlignmentFlag.AlignCenter, self.tr("No dated mentions")
            )
            return
        plot = self._plot_rect()
        peak = max(bar.count for bar in self._bars)
        axis = QColor(muted)
        painter.setPen(axis)
        painter.drawLine(plot.left(), plot.bottom() + 1, plot.right(), plot.bottom() + 1)
        grid = QColor(muted)
        grid.setAlpha(70)
        painter.setPen(grid)
        painter.drawLine(plot.left(), plot.top(), plot.right(), plot.top())
        painter.setPen(muted)
        painter.drawText(
            QRect(0, plot.top() - metrics.height() // 2, plot.left() - 4, metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(peak),
        )
        painter.drawText(
            QRect(0, plot.bottom() + 1 - metrics.height() // 2, plot.left() - 4, metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "0",
        )
        colour = palette.color(QPalette.ColorRole.Highlight)
        hover = colour.lighter(135) if colour.lightness() < 128 else colour.darker(125)
        painter.setPen(Qt.PenStyle.NoPen)
        for index, rect in enumerate(self._bar_rects()):
            if rect.height() <= 0:
                continue
            painter.setBrush(hover if index == self._hover else colour)
            painter.drawRect(rect)
        self._draw_labels(painter, plot, text)

    def _draw_labels(self, painter: QPainter, plot: QRect, colour: QColor) -> None:
        metrics = self.fontMetrics()
        count = len(self._bars)
        width = plot.width() / count
        label_width = max(metrics.horizontalAdvance(bar.label) for bar in self._bars) + 10
        step = max(1, int(label_width / max(width, 1.0)) + 1)
        painter.setPen(colour)
        top = plot.bottom() + 4
        last_right = -1
        indices = list(range(0, count, step))
        if count - 1 not in indices:
            indices.append(count - 1)
        for index in indices:
            label = self._bars[index].label
            advance = metrics.horizontalAdvance(label)
            centre = plot.left() + index * width + width / 2
            left = int(max(0, min(centre - advance / 2, self.width() - advance)))
            if left <= last_right:
                continue
            painter.drawText(
                QRect(left, top, advance + 1, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                label,
            )
            last_right = left + advance + 6

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Mark the bar under the pointer."""
        index = self.bar_at(event.position().toPoint())
        if index != self._hover:
            self._hover = index
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        """Unmark the bar when the pointer leaves."""
        if self._hover != -1:
            self._hover = -1
            self.update()
        super().leaveEvent(event)

    def bar_tooltip(self, index: int) -> str:
        """The text telling a bar's period and count (plain; empty for no bar)."""
        if not 0 <= index < len(self._bars):
            return ""
        bar = self._bars[index]
        return self.tr("%1: %n mention(s)", "", bar.count).replace("%1", bar.label)

    def event(self, event: QEvent) -> bool:
        """Show the period and count of the bar under the pointer as a tooltip."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.bar_tooltip(self.bar_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

"""The Notes pane's model: annotations in a table, orphaned ones flagged."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from reader.notes.annotations import AnnotationInfo
from ui.itemmodels import RowsTableModel
from ui.notes.layer import colour_icon, colour_label
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    """Data roles of the annotation table."""

    AnnotationId = Qt.ItemDataRole.UserRole + 1
    ArticleId = Qt.ItemDataRole.UserRole + 2
    Orphaned = Qt.ItemDataRole.UserRole + 3
    Colour = Qt.ItemDataRole.UserRole + 4
    Annotation = Qt.ItemDataRole.UserRole + 5


class Column(IntEnum):
    """Columns of the annotation table."""

    PASSAGE = 0
    NOTE = 1
    ARTICLE = 2
    STATUS = 3


def one_line(text: str) -> str:
    """Text on one line: paragraph breaks shown as ¶, runs of white space collapsed."""
    return " ¶ ".join(" ".join(part.split()) for part in text.split("\n") if part.strip())


class AnnotationTableModel(RowsTableModel[AnnotationInfo]):
    """A list of annotations (plain ``AnnotationInfo`` data), one per row.

    Every text is shown as plain text (item views never interpret markup; tooltips are
    escaped). An annotation whose passage could not be found again (``orphaned``) has a
    warning icon and says so in the Status column; one that was found elsewhere after the
    article's text changed says "moved".
    """

    columns = len(Column)
    roles = Role

    set_annotations = RowsTableModel.set_rows
    annotation = RowsTableModel.row_item

    def row_of(self, annotation_id: int) -> int | None:
        """The row of an annotation."""
        for row, annotation in enumerate(self._rows):
            if annotation.id == annotation_id:
                return row
        return None

    def _titles(self) -> list[str]:
        return [self.tr("Passage"), self.tr("Note"), self.tr("Article"), self.tr("Status")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        annotation = self._item(index)
        if annotation is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(annotation, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(annotation, column)
            return plain_tooltip(tip) if tip else None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.PASSAGE:
            if annotation.orphaned:
                style = QApplication.style()
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return colour_icon(annotation.color)
        if role == Qt.ItemDataRole.FontRole and column == Column.PASSAGE and annotation.orphaned:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Role.AnnotationId:
            return annotation.id
        if role == Role.ArticleId:
            return annotation.article_id
        if role == Role.Orphaned:
            return annotation.orphaned
        if role == Role.Colour:
            return annotation.color
        if role == Role.Annotation:
            return annotation
        return None

    def _display(self, annotation: AnnotationInfo, column: int) -> str:
        if column == Column.PASSAGE:
            if annotation.field == "article":
                return self.tr("(whole article)")
            return one_line(annotation.quote)
        if column == Column.NOTE:
            return one_line(annotation.note)
        if column == Column.ARTICLE:
            return annotation.article.label()
        if column == Column.STATUS:
            return self.status_text(annotation)
        return ""

    def status_text(self, annotation: AnnotationInfo) -> str:
        """What the Status column says of an annotation."""
        if annotation.article_id is None:
            return self.tr("article gone")
        if annotation.orphaned:
            return self.tr("not found")
        if annotation.status == "moved":
            return self.tr("moved")
        return ""

    def _tooltip(self, annotation: AnnotationInfo, column: int) -> str:
        if column == Column.STATUS or (column == Column.PASSAGE and annotation.orphaned):
            if annotation.article_id is None:
                return self.tr("The article is no longer in the archive; the annotation is kept.")
            if annotation.orphaned:
                return self.tr(
                    "This passage could not be found in the article's text any more "
                    "(it was changed or re-imported). The annotation is kept: "
                    "“%1”"
                ).replace("%1", annotation.quote)
            if annotation.status == "moved":
                return self.tr("The article's text changed; the passage was found again.")
        if column == Column.NOTE:
            return annotation.note
        if column == Column.ARTICLE:
            return annotation.article.label()
        text = annotation.quote
        return f"{text}\n\n{colour_label(annotation.color)}"

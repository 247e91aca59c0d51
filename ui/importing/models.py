"""Item models of the import flow: files with editable metadata, article previews, results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from reader.import_plan import ArticlePreview, FilePreview, PlannedFile
from reader.importer import FileResult, ImportReport
from reader.store import PageMeta
from ui.itemmodels import TableModel
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
FAILED_COLOUR = "#d0453a"


class Role(IntEnum):
    """Data roles of the import models."""

    Path = Qt.ItemDataRole.UserRole + 1
    Error = Qt.ItemDataRole.UserRole + 2
    Edited = Qt.ItemDataRole.UserRole + 3
    Status = Qt.ItemDataRole.UserRole + 4


class FileColumn(IntEnum):
    """Columns of the file table of the import dialog."""

    FILE = 0
    PUBLICATION = 1
    DATE = 2
    PAGE = 3
    ARTICLES = 4
    NOTE = 5


EDITABLE = {
    FileColumn.PUBLICATION: "publication",
    FileColumn.DATE: "date",
    FileColumn.PAGE: "page_label",
}


@dataclass(slots=True)
class _FileRow:
    preview: FilePreview
    meta: PageMeta
    checked: bool = True

    @property
    def edited(self) -> bool:
        found = self.preview.found
        return (self.meta.publication, self.meta.date, self.meta.page_label) != (
            found.publication,
            found.date,
            found.page_label,
        )


def _muted() -> QBrush:
    return QBrush(
        QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    )


class ImportFilesModel(TableModel):
    """The files to import with the metadata found, which the user can correct.

    Publication, date and page are editable; the first column has a check box to leave a
    file out. Corrected cells are shown in bold.
    """

    columns = len(FileColumn)
    roles = Role

    def __init__(self, previews: list[FilePreview], parent: QObject | None = None) -> None:
        """Show a list of previews.

        Args:
            previews: one per file.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self._rows = [_FileRow(preview, preview.found) for preview in previews]

    def _titles(self) -> list[str]:
        return [
            self.tr("File"),
            self.tr("Publication"),
            self.tr("Date"),
            self.tr("Page"),
            self.tr("Articles"),
            self.tr("Note"),
        ]

    def _row_count(self) -> int:
        return len(self._rows)

    def preview(self, row: int) -> FilePreview:
        """The preview of a row."""
        return self._rows[row].preview

    def meta(self, row: int) -> PageMeta:
        """The metadata of a row as confirmed or corrected by the user."""
        return self._rows[row].meta

    def planned_files(self) -> list[PlannedFile]:
        """The checked files with their metadata, in order."""
        return [
            PlannedFile(path=row.preview.path, overrides=row.meta)
            for row in self._rows
            if row.checked
        ]

    def set_for_rows(
        self, rows: list[int], *, publication: str | None = None, date: dt.date | None = None
    ) -> None:
        """Set the publication and/or the date of several rows at once."""
        for row in rows:
            item = self._rows[row]
            if publication is not None:
                item.meta = replace(item.meta, publication=publication or None)
            if date is not None:
                item.meta = replace(item.meta, date=date)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _note(self, preview: FilePreview) -> str:
        if preview.error:
            return preview.error
        notes = []
        if preview.several:
            notes.append(self.tr("%n page(s)", "", len(preview.pages)))
        if preview.problems:
            notes.append(self.tr("%n page(s) cannot be read", "", len(preview.problems)))
        sources = set(preview.sources.values())
        if "document" in sources:
            notes.append(self.tr("found in the document"))
        elif "masthead" in sources:
            notes.append(self.tr("found on the page"))
        elif "file name" in sources:
            notes.append(self.tr("from the file name"))
        else:
            notes.append(self.tr("no metadata found"))
        if preview.doubtful:
            notes.append(self.tr("encoding uncertain (%1)").replace("%1", preview.encoding or "?"))
        return "; ".join(notes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = str(item.preview.path) if column == FileColumn.FILE else self._text(item, column)
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.CheckStateRole and column == FileColumn.FILE:
            return Qt.CheckState.Checked if item.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == FileColumn.NOTE and item.preview.error is not None:
                return QBrush(QColor(FAILED_COLOUR))
            if column == FileColumn.NOTE or not item.checked:
                return _muted()
        if role == Qt.ItemDataRole.FontRole and column in EDITABLE and item.edited:
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.Path:
            return str(item.preview.path)
        if role == Role.Error:
            return item.preview.error
        if role == Role.Edited:
            return item.edited
        return None

    def _text(self, item: _FileRow, column: int) -> str:
        meta = item.meta
        if column == FileColumn.FILE:
            return item.preview.path.name
        if column == FileColumn.PUBLICATION:
            return meta.publication or ""
        if column == FileColumn.DATE:
            return meta.date.isoformat() if meta.date else ""
        if column == FileColumn.PAGE:
            if item.preview.several:  # each page keeps the label found on it
                return "、".join(item.preview.pages)
            return meta.page_label or ""
        if column == FileColumn.ARTICLES:
            return "" if item.preview.error else str(len(item.preview.articles))
        if column == FileColumn.NOTE:
            return self._note(item.preview)
        return ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Metadata cells are editable; the file cell is checkable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = index.row()
        several = row < len(self._rows) and self._rows[row].preview.several
        if index.column() in EDITABLE and not (several and index.column() == FileColumn.PAGE):
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == FileColumn.FILE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Correct a metadata cell, or check/uncheck a file; a malformed date is refused."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == FileColumn.FILE:
            item.checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(
                self.index(index.row(), 0), self.index(index.row(), len(FileColumn) - 1)
            )
            return True
        if role != Qt.ItemDataRole.EditRole or column not in EDITABLE:
            return False
        if column == FileColumn.PAGE and item.preview.several:
            return False  # a file of several pages: each keeps its own label
        text = str(value).strip()
        if column == FileColumn.DATE:
            try:
                date = dt.date.fromisoformat(text) if text else None
            except ValueError:
                return False
            item.meta = replace(item.meta, date=date)
        elif column == FileColumn.PUBLICATION:
            item.meta = replace(item.meta, publication=text or None)
        else:
            item.meta = replace(item.meta, page_label=text or None)
        self.dataChanged.emit(index, index)
        return True


class ArticlePreviewModel(TableModel):
    """The articles the parser finds in one file: title and paragraph count."""

    columns = 3
    roles = Role

    def __init__(self, parent: QObject | None = None) -> None:
        """Create an empty preview."""
        super().__init__(parent)
        self._articles: list[ArticlePreview] = []

    def _titles(self) -> list[str]:
        return [self.tr("Title"), self.tr("Paragraphs"), self.tr("Continues")]

    def _row_count(self) -> int:
        return len(self._articles)

    def set_articles(self, articles: list[ArticlePreview]) -> None:
        """Show the articles of another file."""
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        article = self._articles[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return article.title or self.tr("(untitled)")
            if column == 1:
                return str(article.paragraphs)
            if column == 2:
                parts = []
                if article.continued_from:
                    parts.append(self.tr("from %1").replace("%1", article.continued_from))
                if article.continues_to:
                    parts.append(self.tr("on %1").replace("%1", article.continues_to))
                return "、".join(parts)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return plain_tooltip(article.title) if article.title else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and not article.title:
            return _muted()
        return None


class ResultColumn(IntEnum):
    """Columns of the import results."""

    STATUS = 0
    FILE = 1
    ARTICLES = 2
    DETAILS = 3


class ImportResultsModel(TableModel):
    """The outcome of every file of an import: imported, unchanged or failed (and why)."""

    columns = len(ResultColumn)
    roles = Role

    def __init__(self, report: ImportReport, parent: QObject | None = None) -> None:
        """Show a report, failed files first."""
        super().__init__(parent)
        order = {"failed": 0, "imported": 1, "unchanged": 2}
        self._results: list[FileResult] = sorted(report.files, key=lambda r: order.get(r.status, 3))
        self._kept = set(report.kept_corrections)  # pages the user corrected: not re-imported

    def _titles(self) -> list[str]:
        return [self.tr("Status"), self.tr("File"), self.tr("Articles"), self.tr("Details")]

    def _row_count(self) -> int:
        return len(self._results)

    def _status(self, result: FileResult) -> str:
        return {
            "imported": self.tr("imported"),
            "unchanged": self.tr("unchanged"),
            "failed": self.tr("failed"),
        }.get(result.status, result.status)

    def _details(self, result: FileResult) -> str:
        if result.error:
            return result.error
        if result.status == "unchanged" and result.note and result.note in self._kept:
            where = " ".join(filter(None, (result.publication, result.date)))
            return (
                self.tr("page %1 of %2 has your corrections — kept")
                .replace("%1", result.page or "?")
                .replace("%2", where)
            )
        if result.status == "unchanged":
            return self.tr("already in the archive")
        details = " ".join(filter(None, (result.publication, result.date, result.page)))
        if result.replaced:
            details += " " + self.tr("(replaced the earlier import)")
        return details

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ResultColumn.STATUS:
                return self._status(result)
            if column == ResultColumn.FILE:
                return result.name
            if column == ResultColumn.ARTICLES:
                return str(result.articles) if result.status == "imported" else ""
            if column == ResultColumn.DETAILS:
                return self._details(result)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            text = result.path if column == ResultColumn.FILE else self._details(result)
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.ForegroundRole and result.status == "failed":
            return QBrush(QColor(FAILED_COLOUR))
        if role == Role.Path:
            return result.path
        if role == Role.Error:
            return result.error
        if role == Role.Status:
            return result.status
        return None

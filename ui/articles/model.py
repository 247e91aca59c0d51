"""The article list model: a lazy table over the database, sorted and filtered in SQL."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
)
from sqlalchemy.exc import SQLAlchemyError

from db.engine import Database
from reader.listing import (
    DEFAULT_BATCH,
    ArticleBatch,
    ArticleQuery,
    ArticleRow,
    Cursor,
    SortKey,
    count_articles,
    fetch_articles,
)
from ui.itemmodels import TableModel
from ui.tasks import TaskRunner
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
logger = logging.getLogger(__name__)


def star_icon(size: int = 14) -> QIcon:
    """A gold star: the mark of a bookmarked article."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#b8860b"))
    painter.setBrush(QColor("#f5c518"))
    centre, outer, inner = size / 2, size / 2 - 0.5, size / 5
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append(QPointF(centre + radius * math.cos(angle), centre - radius * math.sin(angle)))
    painter.drawPolygon(QPolygonF(points))
    painter.end()
    return QIcon(pixmap)


class Role(IntEnum):
    """Data roles of the article list."""

    ArticleId = Qt.ItemDataRole.UserRole + 1
    IssueId = Qt.ItemDataRole.UserRole + 2
    Row = Qt.ItemDataRole.UserRole + 3
    Marked = Qt.ItemDataRole.UserRole + 4
    """Whether the article is bookmarked (a star before its title)."""


class Column(IntEnum):
    """Columns of the article list."""

    TITLE = 0
    PUBLICATION = 1
    DATE = 2
    PAGES = 3
    AUTHORS = 4
    ENTITIES = 5


SORT_OF_COLUMN = {
    Column.TITLE: SortKey.TITLE,
    Column.PUBLICATION: SortKey.PUBLICATION,
    Column.DATE: SortKey.DATE,
    Column.PAGES: SortKey.PAGES,
    Column.AUTHORS: SortKey.AUTHORS,
}
"""The column each SQL order belongs to (the entity count is not sortable: it is read per
batch, never over the whole list)."""


@dataclass(slots=True)
class LoadedBatch:
    """What a background load hands back, tagged with the query generation it answers."""

    generation: int
    batch: ArticleBatch
    total: int | None = None
    error: str | None = None


def load_batch(
    db: Database,
    query: ArticleQuery,
    cursor: Cursor | None,
    limit: int,
    *,
    count: bool,
    generation: int,
) -> LoadedBatch:
    """Read one batch of a list in a session of its own (runs on a worker thread).

    A database error comes back in ``error`` (with the generation), never raised.
    """
    try:
        with db.read() as session:
            batch = fetch_articles(session, query, after=cursor, limit=limit)
            total = count_articles(session, query) if count else None
    except SQLAlchemyError as error:
        logger.exception("Loading articles failed")
        return LoadedBatch(generation, ArticleBatch(), error=str(error))
    return LoadedBatch(generation, batch, total)


class ArticleTableModel(TableModel):
    """Articles of a query, fetched batch by batch as the view scrolls (keyset paging).

    Only the rows scrolled to are ever loaded. Each batch is read on the task runner,
    so a slow query (a full sort of 100k articles) never freezes the window: rows appear
    when their batch arrives. Sorting (``sort``) and filtering (``set_query``) start a
    new SQL query from the first batch; batches of an older query are dropped.

    Signals:
        totalChanged(count): the number of articles the query lists changed.
        batchLoaded(): a batch of rows was added.
    """

    totalChanged = Signal(int)
    batchLoaded = Signal()
    columns = len(Column)
    roles = Role

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        parent: QObject | None = None,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        """Create an empty model on an archive database.

        Args:
            db: the archive's database (read sessions only).
            runner: the task runner that reads the batches.
            parent: the owning QObject.
            batch_size: rows fetched per batch.
        """
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._batch = batch_size
        self._query = ArticleQuery()
        self._rows: list[ArticleRow] = []
        self._row_of: dict[int, int] = {}
        self._cursor: Cursor | None = None
        self._more = False
        self._loading = False
        self._generation = 0
        self._total = 0
        self._active = False
        self._changing = False
        self._marked: frozenset[int] = frozenset()
        self._star: QIcon | None = None

    @property
    def query(self) -> ArticleQuery:
        """The query shown."""
        return self._query

    @property
    def total(self) -> int:
        """How many articles the query lists (loaded or not)."""
        return self._total

    @property
    def loading(self) -> bool:
        """Whether a batch is being read."""
        return self._loading

    def set_query(self, query: ArticleQuery) -> None:
        """Show another query, from its first batch."""
        self._query = query
        self._active = True
        self.reload()

    def clear(self) -> None:
        """Show nothing (no query)."""
        self._active = False
        self._restart(more=False)
        self._set_total(0)

    def reload(self) -> None:
        """Run the query again (after an import), from its first batch."""
        if not self._active:
            return
        self._restart(more=True)
        self._request(count=True)

    def _restart(self, *, more: bool) -> None:
        self._generation += 1  # batches of the previous query are dropped on arrival
        self._loading = False
        self._changing = True
        try:
            self.beginResetModel()
            self._rows, self._row_of, self._cursor, self._more = [], {}, None, more
            self.endResetModel()
        finally:
            self._changing = False

    def _request(self, *, count: bool = False) -> None:
        self._loading = True
        generation = self._generation
        db, query, cursor, limit = self._db, self._query, self._cursor, self._batch
        self._runner.submit(
            self.tr("Loading articles"),
            lambda _progress, _cancelled: load_batch(
                db, query, cursor, limit, count=count, generation=generation
            ),
            visible=False,
            on_finished=self._on_loaded,  # a bound slot: dropped if the model is deleted
        )

    def _on_loaded(self, loaded: LoadedBatch) -> None:
        if loaded.generation != self._generation:
            return  # an answer to an older query
        self._loading = False
        if loaded.error is not None:
            self._more = False
            return
        batch = loaded.batch
        if batch.rows:
            start = len(self._rows)
            self._changing = True
            try:
                self.beginInsertRows(QModelIndex(), start, start + len(batch.rows) - 1)
                self._rows.extend(batch.rows)
                for offset, row in enumerate(batch.rows):
                    self._row_of[row.id] = start + offset
                self._cursor = batch.cursor
                self._more = batch.cursor is not None
                self.endInsertRows()  # views may ask for more while handling this: wait
            finally:
                self._changing = False
        else:
            self._cursor, self._more = None, False
        if loaded.total is not None:
            self._set_total(loaded.total)
        self.batchLoaded.emit()

    def _set_total(self, total: int) -> None:
        self._total = total
        self.totalChanged.emit(total)

    def set_marked(self, article_ids: frozenset[int] | set[int]) -> None:
        """Star these articles (the bookmarked ones) wherever they are listed."""
        marked = frozenset(article_ids)
        changed = marked ^ self._marked
        self._marked = marked
        rows = [self._row_of[i] for i in changed if i in self._row_of]
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), Column.TITLE),
                self.index(max(rows), Column.TITLE),
                [Qt.ItemDataRole.DecorationRole, Role.Marked],
            )

    def is_marked(self, article_id: int) -> bool:
        """Whether an article has a star."""
        return article_id in self._marked

    def _star_icon(self) -> QIcon:
        if self._star is None:
            self._star = star_icon()
        return self._star

    def article_id(self, row: int) -> int | None:
        """The id of the article on a row (None out of range)."""
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_data(self, row: int) -> ArticleRow | None:
        """The data of a row (None out of range)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        """The row of an article among those loaded."""
        return self._row_of.get(article_id)

    # ----- lazy loading

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether another batch can be asked for now (none while one is on its way)."""
        return (
            not parent.isValid()
            and self._active
            and self._more
            and not self._loading
            and not self._changing
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Ask for the next batch (its rows are added when it arrives)."""
        if self.canFetchMore(parent):
            self._request()

    # ----- QAbstractTableModel

    def _row_count(self) -> int:
        return len(self._rows)

    def _titles(self) -> list[str]:
        return [
            self.tr("Title"),
            self.tr("Publication"),
            self.tr("Date"),
            self.tr("Pages"),
            self.tr("Authors"),
            self.tr("Entities"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.ENTITIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.ENTITIES:
                return self.tr("%n distinct entities named", "", row.entities)
            text = self._display(row, column)
            if column == Column.TITLE and row.subtitle:
                text = f"{text}\n——{row.subtitle}"
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.TITLE and not row.title:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.FontRole and column == Column.TITLE and not row.title:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Role.ArticleId:
            return row.id
        if role == Role.IssueId:
            return row.issue_id
        if role == Role.Row:
            return row
        if role == Role.Marked:
            return row.id in self._marked
        if (
            role == Qt.ItemDataRole.DecorationRole
            and column == Column.TITLE
            and row.id in self._marked
        ):
            return self._star_icon()
        return None

    def _display(self, row: ArticleRow, column: int) -> str:
        if column == Column.TITLE:
            return row.title or self.tr("(untitled)")
        if column == Column.PUBLICATION:
            return row.publication
        if column == Column.DATE:
            return row.date or ""
        if column == Column.PAGES:
            return "、".join(row.pages)
        if column == Column.AUTHORS:
            return "、".join(row.authors)
        if column == Column.ENTITIES:
            return str(row.entities) if row.entities else ""
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by a column (-1: archive order); the entity count column is ignored."""
        if column == Column.ENTITIES:
            return
        key = SORT_OF_COLUMN.get(Column(column)) if 0 <= column < len(Column) else None
        descending = order == Qt.SortOrder.DescendingOrder
        sorted_query = replace(
            self._query, sort=key or SortKey.ARCHIVE, descending=descending and key is not None
        )
        if sorted_query != self._query:
            self._query = sorted_query
            self.reload()

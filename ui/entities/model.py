"""Models of the entities pane: the entity tree by kind, and an entity's neighbours and articles."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication
from sqlalchemy.exc import SQLAlchemyError

from db.engine import Database
from reader.entities.browse import CoEntity, EntityMention, EntitySummary, list_entities
from reader.errors import ReaderError
from ui.entities.kinds import ENTITY_KINDS, kind_colour, kind_group_label, kind_label
from ui.itemmodels import SELECTABLE, RowsTableModel, column_title
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
logger = logging.getLogger(__name__)

#: At most this many entities of each kind are listed (the filter finds the others).
KIND_LIMIT = 2000
_NO_PARENT = 0  # internal id of the kind rows; entity rows carry their kind's row + 1


class Role(IntEnum):
    """Data roles of the entity models."""

    Name = Qt.ItemDataRole.UserRole + 1
    Type = Qt.ItemDataRole.UserRole + 2
    Mentions = Qt.ItemDataRole.UserRole + 3
    Articles = Qt.ItemDataRole.UserRole + 4
    IsKind = Qt.ItemDataRole.UserRole + 5
    ArticleId = Qt.ItemDataRole.UserRole + 6
    Date = Qt.ItemDataRole.UserRole + 7


class Column(IntEnum):
    """Columns of the entity tree."""

    NAME = 0
    MENTIONS = 1
    ARTICLES = 2


@dataclass(slots=True)
class EntityListing:
    """What a background load of the tree hands back.

    Attributes:
        filter: the filter text the rows answer.
        groups: kind → entities of that kind, most mentioned first.
        truncated: the kinds that had more than ``KIND_LIMIT`` entities.
        error: why the list could not be read (None when it was).
    """

    filter: str
    groups: dict[str, list[EntitySummary]] = field(default_factory=dict)
    truncated: set[str] = field(default_factory=set)
    error: str | None = None


def load_entity_listing(db: Database, filter: str = "", limit: int = KIND_LIMIT) -> EntityListing:
    """Read the entities of every kind (runs on a worker); errors come back as data."""
    listing = EntityListing(filter=filter)
    try:
        with db.read() as session:
            for kind in ENTITY_KINDS:
                rows = list_entities(session, kind, filter or None, limit=limit + 1)
                if len(rows) > limit:
                    listing.truncated.add(kind)
                listing.groups[kind] = rows[:limit]
    except (SQLAlchemyError, ReaderError) as error:
        logger.exception("Loading the entities failed")
        listing.error = str(error)
    return listing


class EntityTreeModel(QAbstractItemModel):
    """People, places and organizations, each kind a row whose children are its entities.

    The kind rows are always there (with the number of entities listed); entity rows show
    the name (always as plain text), the number of mentions and of articles.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        """Create an empty tree (the three kind rows, no entity)."""
        super().__init__(parent)
        self._groups: dict[str, list[EntitySummary]] = {kind: [] for kind in ENTITY_KINDS}
        self._truncated: set[str] = set()
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_listing(self, listing: EntityListing) -> None:
        """Show a new list of entities (a reset: views keep no selection)."""
        self.beginResetModel()
        self._groups = {kind: list(listing.groups.get(kind, [])) for kind in ENTITY_KINDS}
        self._truncated = set(listing.truncated)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def entity(self, index: Index) -> EntitySummary | None:
        """The entity of an index (None for a kind row or an invalid index)."""
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        rows = self._groups[ENTITY_KINDS[index.internalId() - 1]]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def index_of(self, name: str, kind: str) -> QModelIndex:
        """The index of an entity (column 0), invalid when it is not listed."""
        rows = self._groups.get(kind, [])
        for row, summary in enumerate(rows):
            if summary.name == name:
                return self.index(row, 0, self.kind_index(kind))
        return QModelIndex()

    def kind_index(self, kind: str) -> QModelIndex:
        """The index of a kind's row."""
        return self.index(ENTITY_KINDS.index(kind), 0) if kind in ENTITY_KINDS else QModelIndex()

    def entity_count(self, kind: str | None = None) -> int:
        """How many entities are listed (of one kind, or in all)."""
        kinds = [kind] if kind is not None else list(ENTITY_KINDS)
        return sum(len(self._groups.get(name, [])) for name in kinds)

    # ----- QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a cell."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT)
        if parent.internalId() == _NO_PARENT:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """The kind row of an entity row; invalid for a kind row."""
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Three kinds at the top; the entities of a kind below it."""
        if not parent.isValid():
            return len(ENTITY_KINDS)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._groups[ENTITY_KINDS[parent.row()]])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Name, mentions, articles."""
        return len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable, never editable."""
        return SELECTABLE if index.isValid() else Qt.ItemFlag.NoItemFlags

    def _titles(self) -> list[str]:
        return [self.tr("Name"), self.tr("Mentions"), self.tr("Articles")]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        return column_title(self._titles, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            return self._kind_data(ENTITY_KINDS[index.row()], index.column(), role)
        summary = self.entity(index)
        if summary is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return summary.name
            return str(summary.mentions if column == Column.MENTIONS else summary.articles)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                self.tr("%1 (%2): %3 mention(s) in %4 article(s)")
                .replace("%1", summary.name)
                .replace("%2", kind_label(summary.type))
                .replace("%3", str(summary.mentions))
                .replace("%4", str(summary.articles))
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Column.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._entity_role(summary, role)

    def _entity_role(self, summary: EntitySummary, role: int) -> Any:
        values = {
            Role.Name: summary.name,
            Role.Type: summary.type,
            Role.Mentions: summary.mentions,
            Role.Articles: summary.articles,
            Role.IsKind: False,
        }
        return values.get(role)  # type: ignore[call-overload]

    def _kind_data(self, kind: str, column: int, role: int) -> Any:
        rows = self._groups[kind]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                count = f"{len(rows)}+" if kind in self._truncated else str(len(rows))
                return f"{kind_group_label(kind)} ({count})"
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.NAME:
            return kind_colour(kind, QGuiApplication.palette())
        if role == Qt.ItemDataRole.FontRole and column == Column.NAME:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and kind in self._truncated:
            return plain_tooltip(
                self.tr(
                    "Only the %1 most mentioned are listed: type in the filter to find others."
                ).replace("%1", str(KIND_LIMIT))
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Column.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.Type:
            return kind
        if role == Role.IsKind:
            return True
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the entities of each kind by a column (the kinds keep their order)."""
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        old = {
            (kind, row): summary
            for kind in ENTITY_KINDS
            for row, summary in enumerate(self._groups[kind])
        }
        self._sort = (column, order)
        self._sort_rows(column, order)
        new_rows = {
            (kind, summary.name): row
            for kind in ENTITY_KINDS
            for row, summary in enumerate(self._groups[kind])
        }
        for persistent in self.persistentIndexList():
            if not persistent.isValid() or persistent.internalId() == _NO_PARENT:
                continue
            kind = ENTITY_KINDS[persistent.internalId() - 1]
            summary = old.get((kind, persistent.row()))
            if summary is None:
                continue
            self.changePersistentIndex(
                persistent,
                self.createIndex(
                    new_rows[(kind, summary.name)], persistent.column(), persistent.internalId()
                ),
            )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        for kind in ENTITY_KINDS:
            rows = self._groups[kind]
            if column == Column.NAME:
                rows.sort(key=lambda row: row.name, reverse=descending)
            elif column == Column.MENTIONS:
                rows.sort(key=lambda row: (row.mentions, row.articles), reverse=descending)
            else:
                rows.sort(key=lambda row: (row.articles, row.mentions), reverse=descending)


class CoEntityModel(RowsTableModel[CoEntity]):
    """The entities named in the same articles as one entity: name, kind, shared articles."""

    columns = 3

    def _titles(self) -> list[str]:
        return [self.tr("Name"), self.tr("Kind"), self.tr("Shared articles")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        other = self._item(index)
        if other is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [other.name, kind_label(other.type), str(other.articles)][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                self.tr("%1: named in %2 of the same articles (click to show it)")
                .replace("%1", other.name)
                .replace("%2", str(other.articles))
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return kind_colour(other.type, QGuiApplication.palette())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.Name:
            return other.name
        if role == Role.Type:
            return other.type
        if role == Role.Articles:
            return other.articles
        return None

    neighbour = RowsTableModel.row_item


@dataclass(frozen=True, slots=True)
class ArticleMentions:
    """One article naming an entity: its title, date, number of mentions, first snippet."""

    article_id: int
    title: str
    date: str | None
    mentions: int
    snippet: str


def group_by_article(mentions: Sequence[EntityMention]) -> list[ArticleMentions]:
    """The mentions of an entity grouped by article, in the order of their first mention."""
    order: list[int] = []
    firsts: dict[int, EntityMention] = {}
    counts: dict[int, int] = {}
    for mention in mentions:
        if mention.article_id not in firsts:
            order.append(mention.article_id)
            firsts[mention.article_id] = mention
        counts[mention.article_id] = counts.get(mention.article_id, 0) + 1
    return [
        ArticleMentions(
            article_id=article_id,
            title=firsts[article_id].title,
            date=firsts[article_id].date,
            mentions=counts[article_id],
            snippet=firsts[article_id].snippet,
        )
        for article_id in order
    ]


class MentionArticlesModel(RowsTableModel[ArticleMentions]):
    """The articles that name an entity: date, title, mentions, and a snippet of the first."""

    columns = 4

    def article_ids(self) -> list[int]:
        """The ids of every article listed."""
        return [row.article_id for row in self._rows]

    row_data = RowsTableModel.row_item

    def _titles(self) -> list[str]:
        return [self.tr("Date"), self.tr("Title"), self.tr("Mentions"), self.tr("Context")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        row = self._item(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            title = row.title or self.tr("(untitled)")
            return [row.date or self.tr("undated"), title, str(row.mentions), row.snippet][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{row.title}\n{row.snippet}")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.ArticleId:
            return row.article_id
        if role == Role.Date:
            return row.date
        if role == Role.Mentions:
            return row.mentions
        return None

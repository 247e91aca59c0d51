"""The issue tree model: publication → year → issue → page, with counts and visible gaps."""

from __future__ import annotations

import bisect
import datetime as dt
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
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from reader.gaps import DateGap, missing_dates, missing_page_labels, split_label
from reader.listing import ArticleQuery, IssueEntry, PublicationEntry
from ui.itemmodels import column_title, with_role_names
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex


class NodeKind(IntEnum):
    """What a row of the tree stands for."""

    PUBLICATION = 1
    YEAR = 2
    ISSUE = 3
    PAGE = 4
    MISSING_PAGE = 5
    MISSING_ISSUE = 6


class Role(IntEnum):
    """Data roles of the issue tree."""

    Kind = Qt.ItemDataRole.UserRole + 1
    PublicationId = Qt.ItemDataRole.UserRole + 2
    IssueId = Qt.ItemDataRole.UserRole + 3
    PageId = Qt.ItemDataRole.UserRole + 4
    Date = Qt.ItemDataRole.UserRole + 5
    ArticleCount = Qt.ItemDataRole.UserRole + 6
    Missing = Qt.ItemDataRole.UserRole + 7
    Query = Qt.ItemDataRole.UserRole + 8
    Key = Qt.ItemDataRole.UserRole + 9


class Column(IntEnum):
    """Columns of the issue tree."""

    NAME = 0
    ARTICLES = 1


@dataclass(eq=False, slots=True)
class _Node:
    kind: NodeKind
    text: str
    node_id: int
    parent: _Node | None
    publication_id: int | None = None
    issue_id: int | None = None
    page_id: int | None = None
    date: dt.date | None = None
    date_to: dt.date | None = None
    articles: int | None = None
    tooltip: str = ""
    children: list[_Node] = field(default_factory=list)
    row: int = 0

    @property
    def missing(self) -> bool:
        return self.kind in (NodeKind.MISSING_PAGE, NodeKind.MISSING_ISSUE)

    @property
    def key(self) -> tuple[int, int | str | None]:
        """A stable identity across reloads (kind and database id or date)."""
        if self.kind is NodeKind.PAGE:
            return (self.kind, self.page_id)
        if self.kind is NodeKind.ISSUE:
            return (self.kind, self.issue_id)
        if self.kind is NodeKind.PUBLICATION:
            return (self.kind, self.publication_id)
        return (self.kind, f"{self.publication_id}/{self.issue_id}/{self.date}/{self.text}")

    def query(self) -> ArticleQuery | None:
        """The article list this node selects (None for a missing item)."""
        if self.kind is NodeKind.PAGE:
            return ArticleQuery(page_id=self.page_id)
        if self.kind is NodeKind.ISSUE:
            return ArticleQuery(issue_id=self.issue_id)
        if self.kind is NodeKind.YEAR:
            return ArticleQuery(
                publication_id=self.publication_id, date_from=self.date, date_to=self.date_to
            )
        if self.kind is NodeKind.PUBLICATION:
            return ArticleQuery(publication_id=self.publication_id)
        return None


class IssueTreeModel(QAbstractItemModel):
    """Publications, their years, issues and pages, with article counts.

    Gaps are rows too, greyed: a page missing from a run of page labels (``D5（缺）``)
    under its issue, and an issue missing from a publication's rhythm (a weekly without
    one week) under its year. Issues with missing pages say so in their tooltip.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        """Create an empty tree (fill it with :meth:`set_publications`)."""
        super().__init__(parent)
        self._root = _Node(NodeKind.PUBLICATION, "", 0, None)
        self._nodes: dict[int, _Node] = {}
        self._issue_nodes: dict[int, _Node] = {}
        self._page_nodes: dict[int, _Node] = {}
        self._dated_issues: list[tuple[dt.date, int, int]] = []  # (date, publication, issue)

    # ----- building

    def set_publications(self, publications: list[PublicationEntry]) -> None:
        """Replace the whole tree.

        Args:
            publications: the archive's publications (``reader.listing.issue_tree``).
        """
        self.beginResetModel()
        self._root = _Node(NodeKind.PUBLICATION, "", 0, None)
        self._nodes = {}
        self._issue_nodes = {}
        self._page_nodes = {}
        self._dated_issues = []
        for publication in publications:
            self._add_publication(publication)
        self._dated_issues.sort()
        self.endResetModel()

    def _new(self, parent: _Node, kind: NodeKind, text: str, **values: Any) -> _Node:
        node = _Node(kind, text, len(self._nodes) + 1, parent, **values)
        node.row = len(parent.children)
        parent.children.append(node)
        self._nodes[node.node_id] = node
        return node

    def _add_publication(self, publication: PublicationEntry) -> None:
        node = self._new(
            self._root,
            NodeKind.PUBLICATION,
            publication.name,
            publication_id=publication.id,
            articles=publication.articles,
            tooltip=publication.name,
        )
        dated = [
            issue for issue in publication.issues if issue.date is not None and not issue.unsorted
        ]
        gaps = missing_dates([issue.date for issue in dated if issue.date is not None])
        entries: list[tuple[dt.date, int, IssueEntry | DateGap]] = [
            (issue.date, 0, issue) for issue in dated if issue.date is not None
        ]
        entries.extend((gap.first, 1, gap) for gap in gaps)
        entries.sort(key=lambda entry: (entry[0], entry[1]))
        years: dict[int, _Node] = {}
        for day, _order, entry in entries:
            year = years.get(day.year)
            if year is None:
                year = years[day.year] = self._new(
                    node,
                    NodeKind.YEAR,
                    str(day.year),
                    publication_id=publication.id,
                    date=dt.date(day.year, 1, 1),
                    date_to=dt.date(day.year, 12, 31),
                    articles=0,
                )
            if isinstance(entry, IssueEntry):
                self._add_issue(year, publication.id, entry)
                year.articles = (year.articles or 0) + entry.articles
            else:
                self._add_missing_issue(year, publication.id, entry)
        for issue in publication.issues:
            if issue.date is None or issue.unsorted:
                self._add_issue(node, publication.id, issue)

    def _issue_text(self, issue: IssueEntry) -> str:
        if issue.date is None or issue.unsorted:
            text = self.tr("Undated pages")
        else:
            text = issue.date.isoformat()
        if issue.number:
            text += " " + self.tr("No. %1").replace("%1", issue.number)
        return text

    def _add_issue(self, parent: _Node, publication_id: int, issue: IssueEntry) -> None:
        labels = [page.label for page in issue.pages]
        missing = missing_page_labels(labels) if not issue.unsorted else []
        tooltip = self._issue_text(issue)
        if missing:
            tooltip += "\n" + self.tr("Missing pages: %1").replace("%1", "、".join(missing))
        node = self._new(
            parent,
            NodeKind.ISSUE,
            self._issue_text(issue),
            publication_id=publication_id,
            issue_id=issue.id,
            date=issue.date,
            articles=issue.articles,
            tooltip=tooltip,
        )
        self._issue_nodes[issue.id] = node
        if issue.date is not None and not issue.unsorted:
            self._dated_issues.append((issue.date, publication_id, issue.id))
        pages = [(page.label, page) for page in issue.pages]
        pages.extend((label, None) for label in missing)
        pages.sort(key=lambda item: _label_sort_key(item[0]))
        for label, page in pages:
            if page is None:
                self._new(
                    node,
                    NodeKind.MISSING_PAGE,
                    self.tr("%1 (missing)").replace("%1", label),
                    publication_id=publication_id,
                    issue_id=issue.id,
                    date=issue.date,
                    tooltip=self.tr("Page %1 of this issue is not in the archive").replace(
                        "%1", label
                    ),
                )
                continue
            child = self._new(
                node,
                NodeKind.PAGE,
                label,
                publication_id=publication_id,
                issue_id=issue.id,
                page_id=page.id,
                date=issue.date,
                articles=page.articles,
                tooltip=self.tr("Page %1 — from %2 (%3)")
                .replace("%1", label)
                .replace("%2", page.source_name)
                .replace("%3", page.encoding),
            )
            self._page_nodes[page.id] = child

    def _add_missing_issue(self, parent: _Node, publication_id: int, gap: DateGap) -> None:
        if gap.count == 1:
            text = self.tr("%1 (missing)").replace("%1", gap.first.isoformat())
        else:
            text = self.tr("%1 – %2 (%n issues missing)", "", gap.count)
            text = text.replace("%1", gap.first.isoformat()).replace("%2", gap.last.isoformat())
        self._new(
            parent,
            NodeKind.MISSING_ISSUE,
            text,
            publication_id=publication_id,
            date=gap.first,
            date_to=gap.last,
            tooltip=self.tr("Expected from the publication's rhythm, not in the archive"),
        )

    # ----- lookups

    def node_key(self, index: Index) -> tuple[int, int | str | None] | None:
        """A stable identity of the row at ``index`` (to reselect it after a reload)."""
        node = self._node(index)
        return node.key if node is not None else None

    def index_for_key(self, key: tuple[int, int | str | None] | None) -> QModelIndex:
        """The row with this identity, if still present."""
        if key is None:
            return QModelIndex()
        for node in self._nodes.values():
            if node.key == key:
                return self._index_of(node)
        return QModelIndex()

    def index_for_issue(self, issue_id: int) -> QModelIndex:
        """The row of an issue (invalid if unknown)."""
        node = self._issue_nodes.get(issue_id)
        return self._index_of(node) if node is not None else QModelIndex()

    def index_for_page(self, page_id: int) -> QModelIndex:
        """The row of a page (invalid if unknown)."""
        node = self._page_nodes.get(page_id)
        return self._index_of(node) if node is not None else QModelIndex()

    def index_for_page_label(self, issue_id: int, label: str) -> QModelIndex:
        """The row of a page of an issue by its label, missing rows included."""
        issue = self._issue_nodes.get(issue_id)
        if issue is None:
            return QModelIndex()
        for child in issue.children:
            if child.kind is NodeKind.PAGE and child.text == label:
                return self._index_of(child)
        return QModelIndex()

    def nearest_issue(self, day: dt.date, publication_id: int | None = None) -> QModelIndex:
        """The issue closest to a date (ties go to the earlier one).

        Args:
            day: the date wanted.
            publication_id: only this publication's issues (None: any publication).

        Returns:
            The issue's row, or an invalid index when there is no dated issue.
        """
        candidates = [
            item
            for item in self._dated_issues
            if publication_id is None or item[1] == publication_id
        ]
        if not candidates:
            return QModelIndex()
        position = bisect.bisect_left(candidates, (day, -1, -1))
        best = min(
            candidates[max(0, position - 1) : position + 1],
            key=lambda item: (abs((item[0] - day).days), item[0]),
        )
        return self.index_for_issue(best[2])

    def _node(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        return self._nodes.get(index.internalId())

    def _index_of(self, node: _Node, column: int = 0) -> QModelIndex:
        return self.createIndex(node.row, column, node.node_id)

    # ----- QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a child row."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        owner = self._node(parent) if parent.isValid() else self._root
        if owner is None or row >= len(owner.children):
            return QModelIndex()
        return self._index_of(owner.children[row], column)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """The parent of a row."""
        node = self._node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """How many children a row has."""
        if parent.isValid():
            if parent.column() != 0:
                return 0
            node = self._node(parent)
            return len(node.children) if node is not None else 0
        return len(self._root.children)

    def columnCount(self, _parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Name and article count."""
        return len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Missing rows can be seen but not selected."""
        node = self._node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        if node.missing:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _titles(self) -> list[str]:
        return [self.tr("Issue"), self.tr("Articles")]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        return column_title(self._titles, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a row for a role."""
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return node.text
            if column == Column.ARTICLES and node.articles is not None:
                return str(node.articles)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(node.tooltip) if node.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole and node.missing:
            palette = QGuiApplication.palette()
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and node.missing:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.ARTICLES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._user_data(node, role)

    def _user_data(self, node: _Node, role: int) -> Any:
        if role == Role.Kind:
            return int(node.kind)
        if role == Role.PublicationId:
            return node.publication_id
        if role == Role.IssueId:
            return node.issue_id
        if role == Role.PageId:
            return node.page_id
        if role == Role.Date:
            return node.date.isoformat() if node.date else None
        if role == Role.ArticleCount:
            return node.articles
        if role == Role.Missing:
            return node.missing
        if role == Role.Query:
            return node.query()
        if role == Role.Key:
            return node.key
        return None

    def roleNames(self) -> dict[int, bytes]:
        """Role names (for QML and debugging)."""
        return with_role_names(super().roleNames(), Role)


def _label_sort_key(label: str) -> tuple[str, int, str]:
    parsed = split_label(label)
    if parsed is None:
        return (label, -1, "")
    return (parsed.prefix, parsed.number, parsed.suffix)

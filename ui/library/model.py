"""The Library tree model: Bookmarked, Tags (hierarchical), Collections (nested), Saved searches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from reader.notes.collections import CollectionInfo
from reader.notes.saved_searches import SavedSearchInfo
from reader.notes.tags import TagInfo
from ui.itemmodels import column_title, with_role_names
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
COLLECTION_MIME = "application/x-baokan-collection"
"""Drag data of a collection: its id as ASCII digits."""


class NodeKind(IntEnum):
    """What a row of the library tree stands for."""

    BOOKMARKS = 1
    TAGS = 2
    TAG = 3
    COLLECTIONS = 4
    COLLECTION = 5
    SEARCHES = 6
    SEARCH = 7


ROOT_KINDS = (NodeKind.BOOKMARKS, NodeKind.TAGS, NodeKind.COLLECTIONS, NodeKind.SEARCHES)


class Role(IntEnum):
    """Data roles of the library tree."""

    Kind = Qt.ItemDataRole.UserRole + 1
    Key = Qt.ItemDataRole.UserRole + 2
    """Tag path, collection id, saved search name; None for the top nodes."""
    Count = Qt.ItemDataRole.UserRole + 3
    Label = Qt.ItemDataRole.UserRole + 4
    """The node's own name (a tag's last segment, a collection's name)."""
    Query = Qt.ItemDataRole.UserRole + 5
    """A saved search's query."""
    Path = Qt.ItemDataRole.UserRole + 6
    """A tag's or a collection's full path (names joined with "/")."""


class Column(IntEnum):
    """Columns of the library tree."""

    NAME = 0
    ARTICLES = 1


@dataclass(slots=True)
class LibraryData:
    """Everything the tree shows, read in one go on a worker (plain data)."""

    bookmarks: int = 0
    tags: list[TagInfo] = field(default_factory=list)
    collections: list[CollectionInfo] = field(default_factory=list)
    searches: list[SavedSearchInfo] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class _Node:
    kind: NodeKind
    label: str
    parent: _Node | None
    key: str | int | None = None
    path: str = ""
    count: int | None = None
    query: str = ""
    children: list[_Node] = field(default_factory=list)
    row: int = 0

    def add(self, child: _Node) -> _Node:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child


class LibraryModel(QAbstractItemModel):
    """The user's own ways into the archive, as a tree.

    Top rows: Bookmarked, Tags (by path: 产业 → 光伏), Collections (nested folders) and
    Saved searches. The Articles column counts the articles under a node (a tag's and a
    collection's include those below it). Collections can be dragged onto another
    collection or onto the Collections row: the model does not move them itself, it asks
    with ``collectionMoveRequested`` and shows the result after the next reload.

    Signals:
        collectionMoveRequested(collection_id, new_parent_id): a collection was dropped
            (``new_parent_id`` -1: the top level).
    """

    collectionMoveRequested = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        """Create the tree with its four top rows (empty)."""
        super().__init__(parent)
        self._root = _Node(NodeKind.BOOKMARKS, "", None)
        self._data = LibraryData()
        self._build()

    @property
    def library(self) -> LibraryData:
        """The data shown."""
        return self._data

    def set_library(self, data: LibraryData) -> None:
        """Show another state of the library (the tree is rebuilt)."""
        self.beginResetModel()
        self._data = data
        self._build()
        self.endResetModel()

    def _build(self) -> None:
        data = self._data
        root = _Node(NodeKind.BOOKMARKS, "", None)
        root.add(_Node(NodeKind.BOOKMARKS, self.tr("Bookmarked"), None, count=data.bookmarks))
        tags = root.add(_Node(NodeKind.TAGS, self.tr("Tags"), None, count=None))
        by_path: dict[str, _Node] = {}
        for tag in sorted(data.tags, key=lambda t: t.path.split("/")):
            parent = by_path.get(tag.parent or "", tags) if tag.parent else tags
            by_path[tag.path] = parent.add(
                _Node(NodeKind.TAG, tag.name, None, key=tag.path, path=tag.path, count=tag.total)
            )
        collections = root.add(_Node(NodeKind.COLLECTIONS, self.tr("Collections"), None))
        by_id: dict[int, _Node] = {}
        pending = list(data.collections)
        while pending:  # tree order is promised; this also copes with any other order
            left: list[CollectionInfo] = []
            for info in pending:
                if info.parent_id is None:
                    parent = collections
                elif info.parent_id in by_id:
                    parent = by_id[info.parent_id]
                else:
                    left.append(info)
                    continue
                by_id[info.id] = parent.add(
                    _Node(
                        NodeKind.COLLECTION,
                        info.name,
                        None,
                        key=info.id,
                        path=info.path,
                        count=info.total,
                    )
                )
            if len(left) == len(pending):
                break  # parents that do not exist: left out rather than loop
            pending = left
        searches = root.add(_Node(NodeKind.SEARCHES, self.tr("Saved searches"), None))
        for search in data.searches:
            searches.add(
                _Node(NodeKind.SEARCH, search.name, None, key=search.name, query=search.query)
            )
        self._root = root

    # ----- finding nodes

    def _node(self, index: Index) -> _Node:
        node = index.internalPointer() if index.isValid() else None
        return node if isinstance(node, _Node) else self._root

    def _index_of(self, node: _Node, column: int = 0) -> QModelIndex:
        if node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def top_index(self, kind: NodeKind) -> QModelIndex:
        """The index of a top row (Bookmarked, Tags, Collections, Saved searches)."""
        for node in self._root.children:
            if node.kind is kind:
                return self._index_of(node)
        return QModelIndex()

    def find(self, kind: NodeKind, key: str | int | None = None) -> QModelIndex:
        """The index of a node by kind and key (a top row when ``key`` is None)."""
        if key is None and kind in ROOT_KINDS:
            return self.top_index(kind)
        stack = list(self._root.children)
        while stack:
            node = stack.pop()
            if node.kind is kind and node.key == key:
                return self._index_of(node)
            stack.extend(node.children)
        return QModelIndex()

    # ----- QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a child row."""
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        node = self._node(parent)
        if 0 <= row < len(node.children) and 0 <= column < len(Column):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """The parent of an index."""
        if not child.isValid():
            return QModelIndex()
        node = self._node(child)
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self._index_of(parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Child rows."""
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The columns of ``Column``."""
        return len(Column)

    def _titles(self) -> list[str]:
        return [self.tr("Name"), self.tr("Articles")]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        return column_title(self._titles, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        if not index.isValid():
            return None
        node = self._node(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return node.label
            return str(node.count) if node.count is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(node))
        if role == Qt.ItemDataRole.DecorationRole and column == Column.NAME:
            return self._icon(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.ARTICLES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and node.parent is self._root:
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.Kind:
            return node.kind
        if role == Role.Key:
            return node.key
        if role == Role.Count:
            return node.count
        if role == Role.Label:
            return node.label
        if role == Role.Query:
            return node.query or None
        if role == Role.Path:
            return node.path or None
        return None

    def _tooltip(self, node: _Node) -> str:
        if node.kind is NodeKind.SEARCH:
            return f"{node.label}\n{node.query}"
        if node.kind in (NodeKind.TAG, NodeKind.COLLECTION):
            return node.path
        if node.kind is NodeKind.BOOKMARKS:
            return self.tr("The articles you starred (Ctrl+D)")
        return node.label

    def _icon(self, node: _Node) -> Any:
        style = QApplication.style()
        icons = {
            NodeKind.BOOKMARKS: QStyle.StandardPixmap.SP_DialogApplyButton,
            NodeKind.TAGS: QStyle.StandardPixmap.SP_FileDialogListView,
            NodeKind.TAG: QStyle.StandardPixmap.SP_FileDialogDetailedView,
            NodeKind.COLLECTIONS: QStyle.StandardPixmap.SP_DirHomeIcon,
            NodeKind.COLLECTION: QStyle.StandardPixmap.SP_DirIcon,
            NodeKind.SEARCHES: QStyle.StandardPixmap.SP_FileDialogContentsView,
            NodeKind.SEARCH: QStyle.StandardPixmap.SP_FileDialogContentsView,
        }
        return style.standardIcon(icons[node.kind])

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable rows; collections can be dragged, and dropped on."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = self._node(index).kind
        if kind is NodeKind.COLLECTION:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        elif kind is NodeKind.COLLECTIONS:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether a node has children."""
        return self.rowCount(parent) > 0

    # ----- drag and drop of collections

    def supportedDropActions(self) -> Qt.DropAction:
        """Collections are moved."""
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        """Collections are moved."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        """The drag data this model makes and takes."""
        return [COLLECTION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]
        """The drag data of a collection (the first one dragged)."""
        for index in indexes:
            node = self._node(index)
            if index.isValid() and node.kind is NodeKind.COLLECTION:
                data = QMimeData()
                data.setData(COLLECTION_MIME, QByteArray(str(node.key).encode("ascii")))
                return data
        return None

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        """Whether a collection may be dropped there (not on itself or below itself)."""
        moved = _dragged_collection(data)
        if moved is None or not parent.isValid():
            return False
        target = self._node(parent)
        if target.kind not in (NodeKind.COLLECTION, NodeKind.COLLECTIONS):
            return False
        node: _Node | None = target
        while node is not None:
            if node.kind is NodeKind.COLLECTION and node.key == moved:
                return False
            node = node.parent
        return True

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        """Ask for a dropped collection to be moved under the target (nothing moves here)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        moved = _dragged_collection(data)
        target = self._node(parent)
        new_parent = int(target.key) if target.kind is NodeKind.COLLECTION else -1  # type: ignore[arg-type]
        if moved is not None:
            self.collectionMoveRequested.emit(moved, new_parent)
        return False  # the rows move when the library is read again

    def roleNames(self) -> dict[int, bytes]:
        """Role names (for QML and debugging)."""
        return with_role_names(super().roleNames(), Role)


def _dragged_collection(data: QMimeData) -> int | None:
    if not data.hasFormat(COLLECTION_MIME):
        return None
    raw = bytes(data.data(COLLECTION_MIME).data()).decode("ascii", "replace")
    return int(raw) if raw.isdigit() else None

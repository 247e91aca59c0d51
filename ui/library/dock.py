"""The Library pane: a tree of bookmarks, tags, collections and saved searches."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from db.engine import Database
from reader.errors import ReaderError
from reader.notes import bookmarks, collections, saved_searches, tags
from ui.library.dialogs import ask_text
from ui.library.edits import LibraryEditor
from ui.library.model import Column, LibraryData, LibraryModel, NodeKind, Role
from ui.menus import popup_menu
from ui.panes import Pane
from ui.tasks import TaskRunner

logger = logging.getLogger(__name__)

NodeKey = tuple[NodeKind, str | int | None]
"""A node of the tree: its kind and key (tag path, collection id, search name)."""


@dataclass(frozen=True, slots=True)
class NodeArticles:
    """The articles under a node, read on a worker (None when they cannot be read)."""

    node: NodeKey
    ids: tuple[int, ...] | None


def load_library(db: Database) -> LibraryData | None:
    """Everything the tree shows (runs on a worker); None when it cannot be read."""
    try:
        with db.read() as session:
            return LibraryData(
                bookmarks=len(bookmarks.bookmarked_ids(session)),
                tags=tags.list_tags(session),
                collections=collections.list_collections(session),
                searches=saved_searches.list_saved_searches(session),
            )
    except (SQLAlchemyError, ReaderError):
        logger.exception("Reading the library failed")
        return None


def load_node_articles(db: Database, node: NodeKey) -> NodeArticles:
    """The live articles under a node (runs on a worker)."""
    kind, key = node
    try:
        with db.read() as session:
            if kind is NodeKind.BOOKMARKS:
                ids = sorted(bookmarks.bookmarked_ids(session))
            elif kind is NodeKind.TAG:
                ids = tags.articles_with_tag(session, str(key), descendants=True)
            elif kind is NodeKind.COLLECTION:
                ids = collections.articles_in_collection(session, int(key or 0), recursive=True)
            else:
                return NodeArticles(node, None)
    except (SQLAlchemyError, ReaderError):
        logger.exception("Reading the articles of %s failed", node)
        return NodeArticles(node, None)
    return NodeArticles(node, tuple(ids))


class LibraryPane(Pane):
    """The user's bookmarks, tags, collections and saved searches.

    Choosing Bookmarked, a tag or a collection lists its articles (``articlesChosen``);
    choosing a saved search runs it in the search pane (``searchChosen``). Collections are
    made, renamed, moved (by drag and drop or the menu) and deleted from the context
    menu; tags renamed and deleted; searches renamed and deleted. Every edit goes through
    the editor (undoable).

    Signals:
        articlesChosen(ids, label): list these articles (a tuple; None: stop narrowing).
        articlesUpdated(ids, label): the articles of the chosen node after a reload.
        searchChosen(query): run a saved search.
        saveSearchRequested(): save the search pane's query.
        loaded(): the tree was read again.
    """

    pane_id = "library"
    default_area = Qt.DockWidgetArea.LeftDockWidgetArea
    articlesChosen = Signal(object, str)
    articlesUpdated = Signal(object, str)
    searchChosen = Signal(str)
    saveSearchRequested = Signal()
    loaded = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        editor: LibraryEditor,
        parent: QWidget | None = None,
    ) -> None:
        """Create the pane.

        Args:
            db: the archive database (read sessions only).
            runner: the task runner.
            editor: makes the edits (undoable).
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("libraryPane")
        self._db = db
        self._runner = runner
        self.editor = editor
        self._generation = 0
        self._node_generation = 0
        self._chosen: NodeKey | None = None

        self.model = LibraryModel(self)
        self.model.collectionMoveRequested.connect(self._on_move_requested)
        self.tree = QTreeView(self)
        self.tree.setObjectName("libraryTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.ARTICLES, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.tree.activated.connect(self._on_activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_menu)

        self.new_collection_button = QToolButton(self)
        self.new_collection_button.setObjectName("libraryNewCollection")
        self.new_collection_button.setText(self.tr("New collection…"))
        self.new_collection_button.clicked.connect(lambda: self.ask_new_collection(None))
        self.save_search_button = QToolButton(self)
        self.save_search_button.setObjectName("librarySaveSearch")
        self.save_search_button.setText(self.tr("Save search…"))
        self.save_search_button.setToolTip(self.tr("Save the query of the search pane"))
        self.save_search_button.clicked.connect(self.saveSearchRequested)
        row = QHBoxLayout()
        row.addWidget(self.new_collection_button)
        row.addWidget(self.save_search_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self._expand_tops()

    def title(self) -> str:
        """The dock title."""
        return self.tr("Library")

    # ----- loading

    def refresh(self) -> None:
        """Read the library again (after an edit or an import); keeps expansion and choice."""
        self._generation += 1
        generation = self._generation
        db = self._db
        self._runner.submit(
            self.tr("Reading the library"),
            lambda _progress, _cancelled: load_library(db),
            visible=False,
            on_finished=lambda data: self._on_loaded(generation, data),
        )

    def _on_loaded(self, generation: int, data: LibraryData | None) -> None:
        if generation != self._generation or data is None:
            return
        expanded = self._expanded_keys()
        chosen = self.current_node()
        self.tree.selectionModel().blockSignals(True)
        self.model.set_library(data)
        self._expand_tops()
        for key in expanded:
            index = self.model.find(*key)
            if index.isValid():
                self.tree.expand(index)
        if chosen is not None:
            index = self.model.find(*chosen)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(False)
        if self._chosen is not None:
            self._load_node(self._chosen, updated=True)
        self.loaded.emit()

    def _expand_tops(self) -> None:
        for kind in (NodeKind.TAGS, NodeKind.COLLECTIONS, NodeKind.SEARCHES):
            self.tree.expand(self.model.top_index(kind))

    def _expanded_keys(self) -> list[NodeKey]:
        keys: list[NodeKey] = []
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    keys.append((NodeKind(index.data(Role.Kind)), index.data(Role.Key)))
                    stack.append(index)
        return keys

    # ----- choosing

    def current_node(self) -> NodeKey | None:
        """The node selected."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return NodeKind(index.data(Role.Kind)), index.data(Role.Key)

    def choose(self, kind: NodeKind, key: str | int | None = None) -> bool:
        """Select a node (as a click would).

        Returns:
            False when the tree has no such node.
        """
        index = self.model.find(kind, key)
        if not index.isValid():
            return False
        if self.tree.currentIndex() == index:
            self._on_chosen(index)
        else:
            self.tree.setCurrentIndex(index)
        return True

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._on_chosen(self.tree.currentIndex())

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(Role.Kind) == NodeKind.SEARCH:
            self.searchChosen.emit(str(index.data(Role.Query)))

    def _on_chosen(self, index: QModelIndex) -> None:
        if not index.isValid():
            self._chosen = None
            self.articlesChosen.emit(None, "")
            return
        kind = NodeKind(index.data(Role.Kind))
        key = index.data(Role.Key)
        if kind is NodeKind.SEARCH:
            self._chosen = None
            self.searchChosen.emit(str(index.data(Role.Query)))
            return
        if kind in (NodeKind.BOOKMARKS, NodeKind.TAG, NodeKind.COLLECTION):
            self._chosen = (kind, key)
            self._load_node(self._chosen, updated=False)
        else:
            self._chosen = None
            self.articlesChosen.emit(None, "")

    def _load_node(self, node: NodeKey, *, updated: bool) -> None:
        self._node_generation += 1
        generation = self._node_generation
        db = self._db
        self._runner.submit(
            self.tr("Reading articles"),
            lambda _progress, _cancelled: load_node_articles(db, node),
            visible=False,
            on_finished=lambda found: self._on_node_loaded(generation, found, updated),
        )

    def _on_node_loaded(self, generation: int, found: NodeArticles, updated: bool) -> None:
        if generation != self._node_generation or found.node != self._chosen:
            return
        index = self.model.find(*found.node)
        label = str(index.data(Role.Path) or index.data(Role.Label) or "")
        (self.articlesUpdated if updated else self.articlesChosen).emit(found.ids, label)

    # ----- edits

    def ask_new_collection(self, parent_id: int | None) -> None:
        """Ask for a name, then make a collection (inside ``parent_id``, or at the top)."""
        ask_text(
            self,
            self.tr("New collection"),
            self.tr("Name of the new collection:"),
            lambda name: self.editor.create_collection(name, parent_id),
            object_name="newCollectionDialog",
        )

    def _on_move_requested(self, collection_id: int, new_parent_id: int) -> None:
        index = self.model.find(NodeKind.COLLECTION, collection_id)
        name = str(index.data(Role.Label) or "")
        self.editor.move_collection(
            collection_id, name, new_parent_id if new_parent_id >= 0 else None
        )

    def _show_menu(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        menu = self.context_menu(index)
        if menu is None:
            return
        popup_menu(menu, self.tree, position)

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The context menu of a node (not shown); None when it has none."""
        if not index.isValid():
            return None
        kind = NodeKind(index.data(Role.Kind))
        key = index.data(Role.Key)
        label = str(index.data(Role.Label) or "")
        path = str(index.data(Role.Path) or label)
        menu = QMenu(self.tree)
        if kind is NodeKind.COLLECTIONS:
            menu.addAction(self.tr("&New collection…"), lambda: self.ask_new_collection(None))
        elif kind is NodeKind.COLLECTION:
            collection_id = int(key)
            menu.addAction(
                self.tr("&New collection inside…"),
                lambda: self.ask_new_collection(collection_id),
            )
            menu.addAction(
                self.tr("&Rename…"),
                lambda: ask_text(
                    self,
                    self.tr("Rename collection"),
                    self.tr("New name of %1:").replace("%1", path),
                    lambda name: self.editor.rename_collection(collection_id, label, name),
                    label,
                    "renameCollectionDialog",
                ),
            )
            move = menu.addMenu(self.tr("&Move to"))
            move.addAction(
                self.tr("(top level)"),
                lambda: self.editor.move_collection(collection_id, label, None),
            )
            for info in self.model.library.collections:
                if info.id == collection_id or info.path.startswith(path + "/"):
                    continue  # not into itself nor below itself
                target = info.id
                move.addAction(
                    info.path,
                    lambda t=target: self.editor.move_collection(collection_id, label, t),
                )
            menu.addSeparator()
            menu.addAction(
                self.tr("&Delete collection"),
                lambda: self.editor.delete_collection(collection_id, path),
            )
        elif kind is NodeKind.TAG:
            menu.addAction(
                self.tr("&Rename tag…"),
                lambda: ask_text(
                    self,
                    self.tr("Rename tag"),
                    self.tr("New path of %1:").replace("%1", path),
                    lambda new_path: self.editor.rename_tag(path, new_path),
                    path,
                    "renameTagDialog",
                ),
            )
            menu.addAction(self.tr("&Delete tag"), lambda: self.editor.delete_tag(path))
        elif kind is NodeKind.SEARCHES:
            menu.addAction(self.tr("&Save the current search…"), self.saveSearchRequested)
        elif kind is NodeKind.SEARCH:
            name = str(key)
            query = str(index.data(Role.Query) or "")
            menu.addAction(self.tr("R&un"), lambda: self.searchChosen.emit(query))
            menu.addAction(
                self.tr("&Rename…"),
                lambda: ask_text(
                    self,
                    self.tr("Rename search"),
                    self.tr("New name of %1:").replace("%1", name),
                    lambda new_name: self.editor.rename_search(name, new_name),
                    name,
                    "renameSearchDialog",
                ),
            )
            menu.addAction(self.tr("&Delete search"), lambda: self.editor.delete_search(name))
        else:
            menu.deleteLater()
            return None
        return menu

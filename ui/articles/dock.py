"""The articles pane: filter-as-you-type, a lazy sortable table, previous and next article."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from reader.listing import ArticleQuery
from ui.articles.model import ArticleTableModel, Column
from ui.filter_edit import FilterEdit
from ui.menus import popup_menu
from ui.panes import Pane
from ui.tasks import TaskRunner
from ui.text import plain_label


class ArticlesPane(Pane):
    """The articles of the current scope (publication, issue, page, later a search).

    Signals:
        articleSelected(article_id): the current article changed (-1: none).
        contextMenuRequested(menu, article_id): the context menu of the article under the
            pointer is being built: features add their actions to ``menu``.
    """

    pane_id = "articles"
    default_area = Qt.DockWidgetArea.TopDockWidgetArea
    articleSelected = Signal(int)
    contextMenuRequested = Signal(QMenu, int)

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        """Create the pane (empty until :meth:`set_scope`).

        Args:
            db: the archive database.
            runner: the task runner that reads the batches of the list.
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("articlesPane")
        self.model = ArticleTableModel(db, runner, self)
        self.model.batchLoaded.connect(self._on_batch)
        self._scope = ArticleQuery()
        self._pending_row: int | None = None
        self._pending_article: tuple[int, bool, int] | None = None  # id, emit, batches left

        self.filter_edit = FilterEdit(self.tr("Filter by title or author"), "articleFilter", self)
        self.filter_edit.filterRequested.connect(self.apply_filter)
        self.count_label = plain_label("", self)
        self.count_label.setObjectName("articleCount")
        self.model.totalChanged.connect(self._show_total)

        self.table = QTableView(self)
        self.table.setObjectName("articleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # archive order at first
        header.setSortIndicatorClearable(True)
        self._sort_indicator = (-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.setSortingEnabled(True)
        self._size_columns()
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)

        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.table)

    def title(self) -> str:
        """The dock title."""
        return self.tr("Articles")

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        widths = {
            Column.PUBLICATION: metrics.horizontalAdvance("中" * 8),
            Column.DATE: metrics.horizontalAdvance("0000-00-00") + 24,
            Column.PAGES: metrics.horizontalAdvance("A00、A00") + 16,
            Column.AUTHORS: metrics.horizontalAdvance("中" * 9),
            Column.ENTITIES: max(
                metrics.horizontalAdvance("0000"),
                metrics.horizontalAdvance(
                    str(self.model.headerData(Column.ENTITIES, Qt.Orientation.Horizontal))
                ),
            )
            + 28,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

    def _on_sort_indicator(self, section: int, order: Qt.SortOrder) -> None:
        """Keep the indicator off the entity count column (the list is not sorted by it)."""
        if section != Column.ENTITIES:
            self._sort_indicator = (section, order)
            return
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self._sort_indicator)
        header.blockSignals(False)

    def narrow_to(self, article_ids: tuple[int, ...] | None) -> None:
        """Show only these articles (an entity's, a search's) anywhere in the archive.

        Filter text and order are kept; None shows the whole archive again.
        """
        self.set_scope(ArticleQuery(article_ids=article_ids) if article_ids is not None else None)

    @property
    def scope(self) -> ArticleQuery:
        """The scope shown (without the filter text and order)."""
        return self._scope

    def refresh(self) -> None:
        """Run the list's query again (after the archive changed); keeps the current article."""
        current = self.current_article_id()
        self.model.reload()
        if current is not None:
            self.select_article(current, emit=False)

    def set_scope(self, scope: ArticleQuery | None) -> None:
        """Show the articles of a scope (issue tree or search), keeping filter and order.

        Args:
            scope: which articles; None shows the whole archive.
        """
        scope = scope or ArticleQuery()
        self._scope = scope
        self._pending_row = self._pending_article = None
        current = self.model.query
        self.model.set_query(
            replace(
                scope,
                text=self.filter_edit.text(),
                sort=current.sort,
                descending=current.descending,
            )
        )
        self.table.scrollToTop()
        self.articleSelected.emit(-1)

    def apply_filter(self) -> None:
        """Filter the list by the text typed (in SQL, on titles, subtitles and authors)."""
        self.filter_edit.cancel_pending()
        text = self.filter_edit.text()
        if text != self.model.query.text:
            self._pending_row = self._pending_article = None
            self.model.set_query(self.model.query.with_text(text))
            self.articleSelected.emit(-1)

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("%n article(s)", "", total))

    def current_article_id(self) -> int | None:
        """The id of the selected article."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.article_id(rows[0].row()) if rows else None

    def select_row(self, row: int) -> bool:
        """Select a row; a row not loaded yet is selected when its batch arrives.

        Returns:
            False when the list has no such row.
        """
        if 0 <= row < self.model.rowCount():
            self._pending_row = None
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            return True
        if row >= 0 and (self.model.loading or self.model.canFetchMore(QModelIndex())):
            self._pending_row = row
            self.model.fetchMore(QModelIndex())
            return True
        return False

    def select_article(self, article_id: int, *, emit: bool = True, max_batches: int = 50) -> bool:
        """Select an article if it is in the list, loading batches as needed.

        Returns:
            True when selected now or looked for in the batches to come.
        """
        row = self.model.row_of(article_id)
        if row is not None:
            self._pending_article = None
            if not emit:
                self.table.selectionModel().blockSignals(True)
            self.select_row(row)
            self.table.selectionModel().blockSignals(False)
            return True
        if max_batches > 0 and (self.model.loading or self.model.canFetchMore(QModelIndex())):
            self._pending_article = (article_id, emit, max_batches - 1)
            self.model.fetchMore(QModelIndex())
            return True
        self._pending_article = None
        return False

    def _on_batch(self) -> None:
        if self._pending_article is not None:
            article_id, emit, batches = self._pending_article
            self.select_article(article_id, emit=emit, max_batches=batches)
        elif self._pending_row is not None:
            self.select_row(self._pending_row)

    def select_next(self) -> bool:
        """Select the article after the current one (the first when none is)."""
        rows = self.table.selectionModel().selectedRows()
        return self.select_row(rows[0].row() + 1 if rows else 0)

    def select_previous(self) -> bool:
        """Select the article before the current one."""
        rows = self.table.selectionModel().selectedRows()
        return bool(rows) and self.select_row(rows[0].row() - 1)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        current = self.current_article_id()
        self.articleSelected.emit(current if current is not None else -1)

    def context_menu(self, position: QPoint) -> QMenu | None:
        """Build the context menu of the row at a point of the table's viewport (not shown).

        Returns:
            The menu with the features' actions, or None off the rows or when empty.
        """
        index = self.table.indexAt(position)
        article_id = self.model.article_id(index.row()) if index.isValid() else None
        if article_id is None:
            return None
        menu = QMenu(self.table)
        self.contextMenuRequested.emit(menu, article_id)
        if menu.isEmpty():
            menu.deleteLater()
            return None
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        if menu is not None:
            popup_menu(menu, self.table, position)

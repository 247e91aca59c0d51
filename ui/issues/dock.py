"""The issues pane: the issue tree, a jump to a date, and the article scope it selects."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QItemSelection, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from reader.listing import ArticleQuery, PublicationEntry, issue_tree
from ui.issues.model import Column, IssueTreeModel, NodeKind, Role
from ui.menus import popup_menu
from ui.panes import Pane
from ui.tasks import TaskRunner


def load_issue_tree(db: Database) -> list[PublicationEntry]:
    """Read the issue tree in a session of its own (runs on a worker thread)."""
    with db.read() as session:
        return issue_tree(session)


class IssuesPane(Pane):
    """Publications → years → issues → pages; selecting a row narrows the article list.

    Signals:
        queryChanged(query): the article list to show (an ``ArticleQuery``), or None
            when nothing is selected.
        loaded(): the tree was (re)loaded from the archive.
        contextMenuRequested(menu, index): the context menu of the row under the pointer
            is being built: features add their actions to ``menu`` (the index's ``Role``
            data say which publication, issue or page it is).
    """

    pane_id = "issues"
    default_area = Qt.DockWidgetArea.LeftDockWidgetArea
    queryChanged = Signal(object)
    loaded = Signal()
    contextMenuRequested = Signal(QMenu, QModelIndex)

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        """Create the pane; call :meth:`refresh` to load the tree.

        Args:
            db: the archive database.
            runner: the task runner (the tree loads off the GUI thread).
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("issuesPane")
        self._db = db
        self._runner = runner
        self.model = IssueTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("issueTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.ARTICLES, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)

        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("jumpToDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(self.tr("Go to the issue nearest to a date"))
        self.date_edit.editingFinished.connect(self.jump_to_edited_date)
        self.date_edit.calendarWidget().clicked.connect(lambda _date: self.jump_to_edited_date())
        self._last_jump = QDate()
        jump_label = QLabel(self.tr("Go to date:"), self)
        jump_label.setBuddy(self.date_edit)

        row = QHBoxLayout()
        row.addWidget(jump_label)
        row.addWidget(self.date_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.tree)

    def title(self) -> str:
        """The dock title."""
        return self.tr("Issues")

    def refresh(self) -> None:
        """Reload the tree from the archive (keeps the selection and expanded rows)."""
        db = self._db
        self._runner.submit(
            self.tr("Loading issues"),
            lambda _progress, _cancelled: load_issue_tree(db),
            visible=False,
            on_finished=self._on_loaded,
        )

    def _on_loaded(self, publications: list[PublicationEntry]) -> None:
        selected = self.model.node_key(self._current())
        expanded = self._expanded_keys()
        first_load = self.model.rowCount() == 0
        self.tree.selectionModel().blockSignals(True)
        self.model.set_publications(publications)
        self.tree.selectionModel().blockSignals(False)
        for key in expanded:
            index = self.model.index_for_key(key)
            if index.isValid():
                self.tree.setExpanded(index, True)
        if first_load:
            for row in range(self.model.rowCount()):
                self.tree.setExpanded(self.model.index(row, 0), True)
        index = self.model.index_for_key(selected)
        if index.isValid():
            self._select(index, emit=False)
        elif selected is not None:
            self.queryChanged.emit(None)
        self._update_date_range(publications)
        self.loaded.emit()

    def _expanded_keys(self) -> list[Any]:
        keys: list[Any] = []
        pending = [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    keys.append(self.model.node_key(index))
                    pending.append(index)
        return keys

    def _update_date_range(self, publications: list[PublicationEntry]) -> None:
        dates = [
            issue.date
            for publication in publications
            for issue in publication.issues
            if issue.date is not None
        ]
        if dates:
            self.date_edit.setDateRange(_qdate(min(dates)), _qdate(max(dates)))
            if self._current().data(Role.Date) is None:
                self._show_date(max(dates))
            self.date_edit.setEnabled(True)
        else:
            self.date_edit.setEnabled(False)

    def _current(self) -> QModelIndex:
        rows = self.tree.selectionModel().selectedRows(0)
        return rows[0] if rows else QModelIndex()

    def current_query(self) -> ArticleQuery | None:
        """The article list of the selected row (None without a selection)."""
        index = self._current()
        return index.data(Role.Query) if index.isValid() else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        day = self._current().data(Role.Date)
        if day:
            self._show_date(dt.date.fromisoformat(day))
        self.queryChanged.emit(self.current_query())

    def _show_date(self, day: dt.date) -> None:
        """Show a date in the date field without jumping to it."""
        self._last_jump = _qdate(day)
        self.date_edit.setDate(self._last_jump)

    def _select(self, index: QModelIndex, *, emit: bool = True) -> None:
        parent = index.parent()
        while parent.isValid():
            self.tree.setExpanded(parent, True)
            parent = parent.parent()
        if not emit:
            self.tree.selectionModel().blockSignals(True)
        self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(False)
        self.tree.scrollTo(index)

    def select_issue(self, issue_id: int) -> bool:
        """Select an issue (its articles become the list); False if unknown."""
        index = self.model.index_for_issue(issue_id)
        if index.isValid():
            self._select(index)
        return index.isValid()

    def select_page(self, issue_id: int, label: str) -> bool:
        """Select a page of an issue by label; False if that page is not in the archive."""
        index = self.model.index_for_page_label(issue_id, label)
        if index.isValid():
            self._select(index)
        return index.isValid()

    def jump_to_date(self, day: dt.date) -> bool:
        """Select the issue nearest to a date (in the selected publication, if any).

        Returns:
            Whether an issue was selected.
        """
        current = self._current()
        publication_id = current.data(Role.PublicationId) if current.isValid() else None
        index = self.model.nearest_issue(day, publication_id)
        if not index.isValid() and publication_id is not None:
            index = self.model.nearest_issue(day)
        if index.isValid():
            self._select(index)
        return index.isValid()

    def jump_to_edited_date(self) -> None:
        """Jump to the date in the date field.

        Once per date: leaving the field again without changing it does not move the
        selection.
        """
        date = self.date_edit.date()
        if date == self._last_jump:
            return
        self._last_jump = date
        self.jump_to_date(dt.date(date.year(), date.month(), date.day()))

    def context_menu(self, position: QPoint) -> QMenu | None:
        """Build the context menu of the row at a point of the tree's viewport (not shown).

        Returns:
            The menu with the features' actions, or None off the rows or when empty.
        """
        index = self.tree.indexAt(position)
        if not index.isValid():
            return None
        menu = QMenu(self.tree)
        self.contextMenuRequested.emit(menu, index.siblingAtColumn(0))
        if menu.isEmpty():
            menu.deleteLater()
            return None
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        if menu is not None:
            popup_menu(menu, self.tree, position)

    def selected_kind(self) -> NodeKind | None:
        """The kind of the selected row."""
        index = self._current()
        return NodeKind(index.data(Role.Kind)) if index.isValid() else None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)

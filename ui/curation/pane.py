"""The History pane: the archive's corrections newest first, the diff of one, and its revert."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from reader.curation.history import FieldDiff, RevisionInfo
from ui.curation.diffview import DiffView
from ui.curation.loads import RevisionScope, load_diff, load_revisions
from ui.curation.model import RevisionColumn, RevisionTableModel
from ui.panes import Pane
from ui.tasks import TaskRunner
from ui.tasks.latest import LatestOnly
from ui.text import plain_label

logger = logging.getLogger(__name__)

THIS_ARTICLE, THIS_PAGE, ALL = 0, 1, 2
"""The scopes of the list, in the order of the scope box."""


class HistoryPane(Pane):
    """Every correction of the archive (who, when, what), newest first, and what it changed.

    The list shows the revisions of the article shown, of its page, or all; the diff of
    the selected one is shown below it (before and after of each field, changes marked).
    Revert undoes the selected revision (as a new revision, itself undoable); a revert
    the archive refuses says why. Double-clicking a revision asks to show its article.
    While the pane is hidden, changes only mark it out of date.

    Signals:
        revertRequested(revision_id, summary): revert a revision.
        articleRequested(article_ids): show the first of these articles still there.
        loaded(): a list arrived.
        diffShown(revision_id): the diff of a revision is shown.
    """

    pane_id = "history"
    default_area = Qt.DockWidgetArea.RightDockWidgetArea
    revertRequested = Signal(int, str)
    articleRequested = Signal(list)
    loaded = Signal()
    diffShown = Signal(int)

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        """Create the pane (empty until shown or refreshed).

        Args:
            db: the archive database (read sessions only).
            runner: the task runner.
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("historyPane")
        self._db = db
        self._runner = runner
        self._article_id: int | None = None
        self._page_id: int | None = None
        self._list_reads = LatestOnly()
        self._diff_reads = LatestOnly()
        self._stale = True

        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("historyScope")
        self.scope_combo.addItem(self.tr("This article"))
        self.scope_combo.addItem(self.tr("This page"))
        self.scope_combo.addItem(self.tr("All"))
        self.scope_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.count_label = plain_label("", self)
        self.count_label.setObjectName("historyCount")
        self.revert_button = QPushButton(self.tr("&Revert"), self)
        self.revert_button.setObjectName("revertRevision")
        self.revert_button.setToolTip(
            self.tr("Undo the selected correction (the revert is kept in the history too)")
        )
        self.revert_button.clicked.connect(self.revert_selected)

        self.model = RevisionTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RevisionColumn.SUMMARY, QHeaderView.ResizeMode.Stretch)
        for column in (RevisionColumn.WHEN, RevisionColumn.ACTION, RevisionColumn.STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.activated.connect(self._on_activated)

        self.diff_view = DiffView(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("historySplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.diff_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        top = QHBoxLayout()
        top.addWidget(self.scope_combo)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._update_button()

    def title(self) -> str:
        """The dock title."""
        return self.tr("History")

    # ----- what is listed

    def scope(self) -> RevisionScope:
        """What the list shows now."""
        index = self.scope_combo.currentIndex()
        if index == THIS_ARTICLE:
            return ("article", self._article_id)
        if index == THIS_PAGE:
            return ("page", self._page_id)
        return ("all", None)

    def set_scope(self, index: int) -> None:
        """Show the revisions of the article shown, of its page, or all (``THIS_ARTICLE``…)."""
        self.scope_combo.setCurrentIndex(index)

    def set_context(self, article_id: int | None, page_id: int | None) -> None:
        """Follow the article shown in the reader and its page (None: none)."""
        if (article_id, page_id) == (self._article_id, self._page_id):
            return
        self._article_id, self._page_id = article_id, page_id
        if self.scope_combo.currentIndex() != ALL:
            self.refresh()

    def refresh(self) -> None:
        """Read the list again now if the pane is shown, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        """Read the list when the pane is shown out of date."""
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the list in the background (the selection is kept when still listed)."""
        self._stale = False
        fresh = self._list_reads.start()
        scope = self.scope()
        db = self._db
        self._runner.submit(
            self.tr("Reading the history"),
            lambda _progress, _cancelled: load_revisions(db, scope),
            visible=False,
            on_finished=fresh(self._on_loaded),
            on_failed=fresh(self._on_load_failed),
        )

    def _on_loaded(self, found: list[RevisionInfo]) -> None:
        current = self.current_revision()
        self.model.set_revisions(found)
        row = self.model.row_of(current.id) if current is not None else None
        if row is None and found:
            row = 0  # the newest: its diff shows at once
        if row is not None:
            self.table.selectRow(row)
        else:
            self.diff_view.clear()
        kind, key = self.scope()
        if kind != "all" and key is None:
            text = self.tr("No article shown")
        else:
            text = self.tr("%n revision(s)", "", len(found))
        self.count_label.setText(text)
        self._update_button()
        self.loaded.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        self.model.set_revisions([])
        self.count_label.setText(self.tr("The history could not be read."))
        self.diff_view.show_message(str(error))
        self._update_button()

    # ----- the selected revision

    def current_revision(self) -> RevisionInfo | None:
        """The revision selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.revision(rows[0].row()) if rows else None

    def select_row(self, row: int) -> bool:
        """Select a revision by row (its diff is shown). False when there is no such row."""
        if self.model.revision(row) is None:
            return False
        self.table.selectRow(row)
        return True

    def _update_button(self) -> None:
        info = self.current_revision()
        self.revert_button.setEnabled(info is not None and info.reverted_by is None)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_button()
        info = self.current_revision()
        fresh = self._diff_reads.start()
        if info is None:
            self.diff_view.clear()
            return
        db = self._db
        revision_id = info.id
        many = len(info.article_ids) > 1
        self.diff_view.show_message(self.tr("Reading the changes…"))
        self._runner.submit(
            self.tr("Reading a revision"),
            lambda _progress, _cancelled: load_diff(db, revision_id),
            visible=False,
            on_finished=fresh(lambda diffs: self._on_diff(revision_id, diffs, many)),
            on_failed=fresh(self._on_diff_failed),
        )

    def _on_diff(self, revision_id: int, diffs: list[FieldDiff], many: bool) -> None:
        self.diff_view.show_diffs(diffs, many_articles=many)
        self.diffShown.emit(revision_id)

    def _on_diff_failed(self, error: BaseException) -> None:
        self.diff_view.show_message(
            self.tr("The changes could not be read: %1").replace("%1", str(error))
        )

    def revert_selected(self) -> bool:
        """Ask to revert the selected revision (False with none, or one reverted already)."""
        info = self.current_revision()
        if info is None or info.reverted_by is not None:
            return False
        self.revertRequested.emit(info.id, info.summary)
        return True

    def _on_activated(self, index: QModelIndex) -> None:
        info = self.model.revision(index.row()) if index.isValid() else None
        if info is not None and info.article_ids:
            self.articleRequested.emit(list(info.article_ids))

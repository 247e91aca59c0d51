"""The Notes pane: the annotations of the article shown, or all of them, filtered and searched."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from db.engine import Database
from reader.errors import ReaderError
from reader.notes.annotations import AnnotationInfo, list_annotations
from reader.notes.common import COLORS
from ui.filter_edit import FilterEdit
from ui.menus import popup_menu
from ui.notes.layer import colour_icon, colour_label
from ui.notes.model import AnnotationTableModel, Column
from ui.panes import Pane
from ui.tasks import TaskRunner
from ui.text import plain_label

logger = logging.getLogger(__name__)

THIS_ARTICLE, ALL = 0, 1
"""The tabs of the pane."""


@dataclass(frozen=True, slots=True)
class NotesFilter:
    """What the pane lists: one article's annotations or all, narrowed."""

    article_id: int | None = None
    all_articles: bool = False
    text: str = ""
    colour: str | None = None
    orphaned_only: bool = False


def load_notes(db: Database, wanted: NotesFilter) -> list[AnnotationInfo] | None:
    """The annotations a filter lists (runs on a worker); None when they cannot be read."""
    if not wanted.all_articles and wanted.article_id is None:
        return []
    try:
        with db.read() as session:
            return list_annotations(
                session,
                article_id=None if wanted.all_articles else wanted.article_id,
                color=wanted.colour,
                orphaned=True if wanted.orphaned_only else None,
                text=wanted.text or None,
            )
    except (SQLAlchemyError, ReaderError):
        logger.exception("Reading annotations failed")
        return None


class NotesPane(Pane):
    """The user's annotations: those of the article shown, or all of them.

    The list can be narrowed by text (quotes and notes), by colour, and to the
    annotations whose passage could not be found again (flagged, never dropped).
    Double-clicking one (or Enter) asks to show it in its article.

    Signals:
        annotationActivated(annotation): show an ``AnnotationInfo`` in its article.
        editRequested(annotation): edit its note.
        removeRequested(annotation): remove it.
        loaded(): a list arrived.
    """

    pane_id = "notes"
    default_area = Qt.DockWidgetArea.RightDockWidgetArea
    annotationActivated = Signal(object)
    editRequested = Signal(object)
    removeRequested = Signal(object)
    loaded = Signal()

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        """Create the pane.

        Args:
            db: the archive database (read sessions only).
            runner: the task runner.
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("notesPane")
        self._db = db
        self._runner = runner
        self._article_id: int | None = None
        self._generation = 0

        self.tabs = QTabBar(self)
        self.tabs.setObjectName("notesScope")
        self.tabs.addTab(self.tr("This article"))
        self.tabs.addTab(self.tr("All"))
        self.tabs.setDrawBase(False)
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        self.filter_edit = FilterEdit(self.tr("Search quotes and notes"), "notesFilter", self)
        self.filter_edit.filterRequested.connect(self.refresh)
        self.colour_combo = QComboBox(self)
        self.colour_combo.setObjectName("notesColour")
        self.colour_combo.addItem(self.tr("All colours"), None)
        for name in COLORS:
            self.colour_combo.addItem(colour_icon(name), colour_label(name), name)
        self.colour_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.orphaned_check = QCheckBox(self.tr("Not found only"), self)
        self.orphaned_check.setObjectName("notesOrphaned")
        self.orphaned_check.setToolTip(
            self.tr("Only the annotations whose passage could not be found in the text")
        )
        self.orphaned_check.toggled.connect(lambda _checked: self.refresh())
        self.count_label = plain_label("", self)
        self.count_label.setObjectName("notesCount")

        self.model = AnnotationTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("notesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.PASSAGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(Column.ARTICLE, 110)
        self.table.setColumnWidth(Column.STATUS, 56)
        self.table.activated.connect(self._on_activated)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)

        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.colour_combo)
        row.addWidget(self.orphaned_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self._update_columns()

    def title(self) -> str:
        """The dock title."""
        return self.tr("Notes")

    # ----- what is listed

    @property
    def showing_all(self) -> bool:
        """Whether all annotations are listed (else those of the article shown)."""
        return self.tabs.currentIndex() == ALL

    def show_all(self, all_articles: bool = True) -> None:
        """List all annotations, or those of the article shown."""
        self.tabs.setCurrentIndex(ALL if all_articles else THIS_ARTICLE)

    def current_filter(self) -> NotesFilter:
        """What the controls ask for."""
        colour = self.colour_combo.currentData()
        return NotesFilter(
            article_id=self._article_id,
            all_articles=self.showing_all,
            text=self.filter_edit.text().strip(),
            colour=str(colour) if colour else None,
            orphaned_only=self.orphaned_check.isChecked(),
        )

    def set_article(self, article_id: int) -> None:
        """Follow the article shown in the reader (-1: none)."""
        self._article_id = article_id if article_id >= 0 else None
        if not self.showing_all:
            self.refresh()

    def refresh(self) -> None:
        """Read the list again (after an edit, an import, a change of the filter)."""
        self.filter_edit.cancel_pending()
        self._generation += 1
        generation = self._generation
        wanted = self.current_filter()
        self._update_columns()
        db = self._db
        self._runner.submit(
            self.tr("Reading annotations"),
            lambda _progress, _cancelled: load_notes(db, wanted),
            visible=False,
            on_finished=lambda found: self._on_loaded(generation, found),
        )

    def _on_loaded(self, generation: int, found: list[AnnotationInfo] | None) -> None:
        if generation != self._generation:
            return  # an answer to an older filter
        current = self.current_annotation()
        self.model.set_annotations(found or [])
        if current is not None and (row := self.model.row_of(current.id)) is not None:
            self.table.selectRow(row)
        total = self.model.rowCount()
        if found is None:
            text = self.tr("The annotations could not be read.")
        elif not self.showing_all and self._article_id is None:
            text = self.tr("No article shown")
        else:
            text = self.tr("%n annotation(s)", "", total)
        self.count_label.setText(text)
        self.loaded.emit()

    def _update_columns(self) -> None:
        self.table.setColumnHidden(Column.ARTICLE, not self.showing_all)

    # ----- the annotations

    def current_annotation(self) -> AnnotationInfo | None:
        """The annotation selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.annotation(rows[0].row()) if rows else None

    def activate_row(self, row: int) -> bool:
        """Select a row and show its annotation in its article (as a double-click would).

        Returns:
            False when there is no such row.
        """
        annotation = self.model.annotation(row)
        if annotation is None:
            return False
        self.table.selectRow(row)
        self.annotationActivated.emit(annotation)
        return True

    def _on_activated(self, index: QModelIndex) -> None:
        annotation = self.model.annotation(index.row()) if index.isValid() else None
        if annotation is not None:
            self.annotationActivated.emit(annotation)

    def _show_menu(self, position: QPoint) -> None:
        annotation = self.model.annotation(self.table.indexAt(position).row())
        if annotation is None:
            return
        menu = QMenu(self.table)
        show = menu.addAction(self.tr("&Show in the article"))
        show.setEnabled(annotation.article_id is not None)
        show.triggered.connect(lambda: self.annotationActivated.emit(annotation))
        menu.addAction(self.tr("&Edit note…"), lambda: self.editRequested.emit(annotation))
        menu.addAction(
            self.tr("&Copy the passage"),
            lambda: QGuiApplication.clipboard().setText(annotation.quote),
        )
        menu.addSeparator()
        menu.addAction(self.tr("&Remove"), lambda: self.removeRequested.emit(annotation))
        popup_menu(menu, self.table, position)

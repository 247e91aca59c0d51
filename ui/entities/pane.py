"""The entities pane: a filterable tree of entities by kind; details; corrections."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from db.engine import Database
from reader.entities.browse import (
    EntityDetail,
    EntitySummary,
    articles_mentioning,
    entity_detail,
    list_entities,
)
from reader.errors import NotFoundError, ReaderError
from ui.dialog_slot import DialogSlot
from ui.entities.detail import EntityDetailView
from ui.entities.dialogs import (
    CANDIDATE_LIMIT,
    MergeDialog,
    RenameDialog,
    SplitDialog,
    entity_text,
)
from ui.entities.kinds import ENTITY_KINDS, kind_label
from ui.entities.model import Column, EntityListing, EntityTreeModel, load_entity_listing
from ui.entities.undo import CorrectionController
from ui.filter_edit import FilterEdit
from ui.panes import Pane
from ui.tasks import TaskRunner
from ui.text import plain_label, plain_message

logger = logging.getLogger(__name__)


EntityKey = tuple[str, str]
"""(name, kind) of an entity."""


@dataclass(slots=True)
class EntityFocus:
    """What the pane shows of the entity chosen: its details and the ids of its articles."""

    key: EntityKey
    detail: EntityDetail | None
    article_ids: tuple[int, ...]
    error: str | None = None


def load_focus(db: Database, key: EntityKey) -> EntityFocus:
    """Read an entity's details and articles (runs on a worker); a vanished entity gives None."""
    name, kind = key
    try:
        with db.read() as session:
            detail = entity_detail(session, name, kind)
            ids = tuple(articles_mentioning(session, name, kind))
    except NotFoundError:
        return EntityFocus(key, None, ())
    except (SQLAlchemyError, ReaderError) as error:
        logger.exception("Reading entity %s failed", name)
        return EntityFocus(key, None, (), str(error))
    return EntityFocus(key, detail, ids)


def load_candidates(db: Database, text: str) -> list[EntitySummary]:
    """Entities whose name holds a text, any kind (runs on a worker); [] on errors."""
    try:
        with db.read() as session:
            return list_entities(session, None, text or None, limit=CANDIDATE_LIMIT)
    except (SQLAlchemyError, ReaderError):
        logger.exception("Reading merge candidates failed")
        return []


class EntitiesPane(Pane):
    """People, places and organizations with their mention counts, one entity in detail.

    Choosing an entity shows its details and emits ``articlesChosen`` with the ids of the
    articles that name it (the window narrows its article list to them). Corrections are
    in the tree's context menu (and the Correct button); they run on the task runner
    through the correction controller, which keeps the undo stack.

    Signals:
        articlesChosen(ids, name): the user chose an entity (ids: a tuple) or none (None).
        articlesUpdated(ids, name): after a refresh, the chosen entity's articles (None
            when it is gone): the window follows them if its list still shows them.
        articleActivated(article_id): the user chose one of the entity's articles.
        loaded(): the entity list was (re)loaded.
        detailLoaded(): the details of the chosen entity were (re)loaded.
    """

    pane_id = "entities"
    default_area = Qt.DockWidgetArea.RightDockWidgetArea
    articlesChosen = Signal(object, str)
    articlesUpdated = Signal(object, str)
    articleActivated = Signal(int)
    loaded = Signal()
    detailLoaded = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        controller: CorrectionController,
        parent: QWidget | None = None,
    ) -> None:
        """Create the pane (empty until :meth:`refresh`).

        Args:
            db: the archive database.
            runner: the task runner (lists and details are read off the GUI thread).
            controller: runs the corrections and keeps their undo stack.
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("entitiesPane")
        self._db = db
        self._runner = runner
        self.controller = controller
        self._list_generation = 0
        self._focus_generation = 0
        self._focus: EntityKey | None = None
        self._pending_focus: EntityKey | None = None
        self._user_focus = False
        self._sized = False
        self._loaded_once = False
        self._dialogs = DialogSlot()

        self.filter_edit = FilterEdit(self.tr("Filter by name"), "entityFilter", self)
        self.filter_edit.filterRequested.connect(self.apply_filter)
        self._filter = ""

        self.model = EntityTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("entityTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        self.tree.setSortingEnabled(True)
        self.tree.header().setSortIndicatorClearable(False)
        self.tree.sortByColumn(Column.MENTIONS, Qt.SortOrder.DescendingOrder)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        metrics = self.tree.fontMetrics()
        for column in (Column.MENTIONS, Column.ARTICLES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(title), metrics.horizontalAdvance("00000"))
            self.tree.setColumnWidth(column, width + 40)  # room for the sort indicator
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)

        self.detail = EntityDetailView(self)
        self.detail.entityActivated.connect(self.focus_entity)
        self.detail.articleActivated.connect(self.articleActivated)

        self._build_actions()
        self.correct_button = QPushButton(self.tr("Correct"), self)
        self.correct_button.setObjectName("entityCorrectButton")
        self.correct_button.setToolTip(self.tr("Correct the entity chosen"))
        self.correct_button.setMenu(self.menu)
        self.count_label = plain_label("", self)
        self.count_label.setObjectName("entityCount")

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("entitySplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.splitter, 1)
        controller.busyChanged.connect(lambda _busy: self._update_actions())
        self._update_actions()

    def title(self) -> str:
        """The dock title."""
        return self.tr("Entities")

    def showEvent(self, event: QShowEvent) -> None:
        """On the first show, share the height between the list and the details."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            height = max(1, self.splitter.height())
            self.splitter.setSizes([height * 2 // 5, height - height * 2 // 5])

    # ----- actions

    def _build_actions(self) -> None:
        self.rename_action = QAction(self.tr("&Rename…"), self)
        self.rename_action.setObjectName("renameEntity")
        self.rename_action.triggered.connect(self.ask_rename)
        self.merge_action = QAction(self.tr("&Merge into…"), self)
        self.merge_action.setObjectName("mergeEntity")
        self.merge_action.triggered.connect(self.ask_merge)
        self.split_action = QAction(self.tr("&Split…"), self)
        self.split_action.setObjectName("splitEntity")
        self.split_action.triggered.connect(self.ask_split)
        self.retype_menu = QMenu(self.tr("Change &kind"), self)
        self.retype_menu.setObjectName("retypeEntityMenu")
        self.retype_actions: dict[str, QAction] = {}
        for kind in ENTITY_KINDS:
            action = QAction(kind_label(kind), self)
            action.setObjectName(f"retypeEntity{kind.capitalize()}")
            action.triggered.connect(lambda _checked=False, k=kind: self.retype(k))
            self.retype_menu.addAction(action)
            self.retype_actions[kind] = action
        self.delete_action = QAction(self.tr("&Delete…"), self)
        self.delete_action.setObjectName("deleteEntity")
        self.delete_action.setToolTip(self.tr("Never tag this name as this kind again"))
        self.delete_action.triggered.connect(self.ask_delete)
        self.menu = QMenu(self)
        self.menu.setObjectName("entityMenu")
        self.menu.addAction(self.rename_action)
        self.menu.addAction(self.merge_action)
        self.menu.addAction(self.split_action)
        self.menu.addMenu(self.retype_menu)
        self.menu.addSeparator()
        self.menu.addAction(self.delete_action)
        self.menu.addSeparator()
        self.menu.addAction(self.controller.undo_action)
        self.menu.addAction(self.controller.redo_action)

    def _update_actions(self) -> None:
        key = self.current_entity()
        usable = key is not None and not self.controller.busy
        for action in (self.rename_action, self.merge_action, self.delete_action):
            action.setEnabled(usable)
        self.split_action.setEnabled(usable and self.detail.articles_model.rowCount() > 0)
        self.retype_menu.setEnabled(usable)
        for kind, action in self.retype_actions.items():
            action.setEnabled(usable and key is not None and key[1] != kind)

    def _show_menu(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        if not index.isValid() or self.model.entity(index) is None:
            return
        if self.tree.currentIndex().siblingAtColumn(0) != index.siblingAtColumn(0):
            self.tree.setCurrentIndex(index.siblingAtColumn(0))
        self._update_actions()
        self.menu.popup(self.tree.viewport().mapToGlobal(position))

    @property
    def dialog(self) -> QDialog | None:
        """The correction dialog open, if any."""
        return self._dialogs.current

    def _open(self, dialog: QDialog) -> QDialog:
        return self._dialogs.open(dialog)

    def ask_rename(self) -> RenameDialog | None:
        """Ask for the chosen entity's new name, then rename it."""
        key = self.current_entity()
        if key is None:
            return None
        dialog = RenameDialog(*key, parent=self)
        dialog.accepted.connect(lambda: self.controller.rename(*key, dialog.new_name()))
        self._open(dialog)
        return dialog

    def ask_merge(self) -> MergeDialog | None:
        """Ask which entity the chosen one is, then merge it into that one."""
        key = self.current_entity()
        if key is None:
            return None
        db, runner = self._db, self._runner

        def load(text: str, deliver: object) -> None:
            runner.submit(
                self.tr("Reading entities"),
                lambda _progress, _cancelled: load_candidates(db, text),
                visible=False,
                on_finished=deliver,  # type: ignore[arg-type]
            )

        dialog = MergeDialog(*key, load_candidates=load, parent=self)

        def accepted() -> None:
            target = dialog.target()
            if target is not None:
                self.controller.merge(*key, *target)

        dialog.accepted.connect(accepted)
        self._open(dialog)
        return dialog

    def ask_split(self) -> SplitDialog | None:
        """Ask which of the chosen entity's articles name another entity, and its name."""
        key = self.current_entity()
        detail = self.detail.detail
        if key is None or detail is None:
            return None
        rows = [
            row
            for index in range(self.detail.articles_model.rowCount())
            if (row := self.detail.articles_model.row_data(index)) is not None
        ]
        dialog = SplitDialog(*key, rows, checked=self.detail.selected_article_ids(), parent=self)
        dialog.accepted.connect(
            lambda: self.controller.split(*key, dialog.article_ids(), dialog.new_name())
        )
        self._open(dialog)
        return dialog

    def retype(self, kind: str) -> bool:
        """Make the chosen entity another kind (no dialog: the menu names the kind)."""
        key = self.current_entity()
        if key is None or key[1] == kind:
            return False
        self.controller.retype(*key, kind)
        return True

    def ask_delete(self) -> QMessageBox | None:
        """Ask for confirmation, then delete the chosen entity."""
        key = self.current_entity()
        if key is None:
            return None
        box = plain_message(
            self,
            QMessageBox.Icon.Question,
            self.tr("Delete entity"),
            self.tr(
                "Delete %1? Its mentions are removed and this name is never tagged as a %2 "
                "again (you can undo it)."
            )
            .replace("%1", entity_text(*key))
            .replace("%2", kind_label(key[1])),
        )
        box.setObjectName("deleteEntityBox")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.controller.delete(*key))
        self._open(box)
        return box

    # ----- the list

    def refresh(self) -> None:
        """Reload the list (and the chosen entity) after the archive changed."""
        self._list_generation += 1
        generation = self._list_generation
        db, text = self._db, self._filter
        self._runner.submit(
            self.tr("Loading entities"),
            lambda _progress, _cancelled: load_entity_listing(db, text),
            visible=False,
            on_finished=lambda listing: self._on_loaded(generation, listing),
        )

    def apply_filter(self) -> None:
        """List only the entities whose name holds the text typed."""
        self.filter_edit.cancel_pending()
        text = self.filter_edit.text().strip()
        if text != self._filter:
            self._filter = text
            self.refresh()

    def current_entity(self) -> EntityKey | None:
        """The (name, kind) of the entity chosen in the tree."""
        rows = self.tree.selectionModel().selectedRows(0)
        summary = self.model.entity(rows[0]) if rows else None
        return (summary.name, summary.type) if summary is not None else None

    def _on_loaded(self, generation: int, listing: EntityListing) -> None:
        if generation != self._list_generation:
            return
        if listing.error is not None:
            self.count_label.setText(
                self.tr("The entities cannot be read: %1").replace("%1", listing.error)
            )
            return
        pending, self._pending_focus = self._pending_focus, None
        wanted = pending or self._focus
        collapsed = {
            kind
            for kind in ENTITY_KINDS
            if self._loaded_once and not self.tree.isExpanded(self.model.kind_index(kind))
        }
        selection = self.tree.selectionModel()
        selection.blockSignals(True)
        self.model.set_listing(listing)
        for kind in ENTITY_KINDS:
            self.tree.setExpanded(self.model.kind_index(kind), kind not in collapsed)
        index = self.model.index_of(*wanted) if wanted is not None else QModelIndex()
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        selection.blockSignals(False)
        self._loaded_once = True
        self.count_label.setText(self.tr("%n entities", "", self.model.entity_count()))
        self._update_actions()
        self.loaded.emit()
        if pending is not None and not index.isValid() and self._filter:
            self._show_unfiltered(pending)  # hidden by the filter: list everything
            return
        user, self._user_focus = self._user_focus, False
        self._focus = wanted if index.isValid() else None
        if wanted is not None:
            # The chosen entity again (its counts changed), or the one a correction or a
            # click on a neighbour asked for; a vanished entity clears the details.
            self._load_focus(wanted, user=user)

    # ----- the chosen entity

    def show_entity(self, name: str, kind: str) -> None:
        """Choose an entity once the list is reloaded (after a correction that made it)."""
        self._pending_focus = (name, kind)

    def focus_entity(self, name: str, kind: str) -> None:
        """Choose an entity (a click on a neighbour); the filter is cleared if it hides it."""
        index = self.model.index_of(name, kind)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            return
        self._user_focus = True
        self._show_unfiltered((name, kind))

    def _show_unfiltered(self, key: EntityKey) -> None:
        self._pending_focus = key
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.filter_edit.cancel_pending()
        self._filter = ""
        self.refresh()

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        key = self.current_entity()
        self._update_actions()
        if key == self._focus:
            return
        self._focus = key
        if key is None:
            self._focus_generation += 1
            self.detail.show_detail(None)
            self._update_actions()
            self.articlesChosen.emit(None, "")
            return
        self._load_focus(key, user=True)

    def _load_focus(self, key: EntityKey, *, user: bool) -> None:
        self._focus_generation += 1
        generation = self._focus_generation
        db = self._db
        self._runner.submit(
            self.tr("Reading an entity"),
            lambda _progress, _cancelled: load_focus(db, key),
            visible=False,
            on_finished=lambda focus: self._on_focus(generation, focus, user),
        )

    def _on_focus(self, generation: int, focus: EntityFocus, user: bool) -> None:
        if generation != self._focus_generation:
            return
        if focus.error is not None:
            self.count_label.setText(
                self.tr("The entity cannot be read: %1").replace("%1", focus.error)
            )
        self.detail.show_detail(focus.detail)
        self._update_actions()
        ids = focus.article_ids if focus.detail is not None else None
        name = focus.detail.name if focus.detail is not None else ""
        (self.articlesChosen if user else self.articlesUpdated).emit(ids, name)
        self.detailLoaded.emit()

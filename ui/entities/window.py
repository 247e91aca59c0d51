"""The entities in the main window: the pane, reader highlights and tagging, Edit and View menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QMessageBox

from reader.entities.corrections import CorrectionResult
from reader.listing import ArticleQuery
from ui.entities.dialogs import TagSelectionDialog
from ui.entities.highlights import EntityHighlighter, ReaderTagMenu, SelectionTarget
from ui.entities.pane import EntitiesPane
from ui.entities.undo import CorrectionController
from ui.text import plain_message

if TYPE_CHECKING:
    from ui.main_window import MainWindow

STATUS_TIMEOUT_MS = 6000


class EntitiesFeature(QObject):
    """Plugs the entities into a main window.

    It adds the Entities pane (tabbed with the Search pane when there is one), an Edit menu
    with the undo and redo of corrections, a View submenu to show or hide the highlights
    of each kind, the entity highlights of the reader and its "Tag as…" context menu.
    Choosing an entity narrows the Articles list to its articles; every correction, undo
    and redo refreshes the window's panes.
    """

    def __init__(self, window: MainWindow) -> None:
        """Install everything in the window (call before the window restores its layout).

        Args:
            window: the main window, its menus built.
        """
        super().__init__(window)
        self.window = window
        self._scope: ArticleQuery | None = None  # the narrowing of the list, while shown
        self.tag_dialog: TagSelectionDialog | None = None
        self.controller = CorrectionController(window.archive, window.runner, self)
        self.controller.corrected.connect(self._on_corrected)
        self.controller.failed.connect(self._on_failed)
        self.undo_stack = self.controller.undo_stack

        self.pane = EntitiesPane(window.archive.db, window.runner, self.controller, window)
        self.pane.articlesChosen.connect(self._on_articles_chosen)
        self.pane.articlesUpdated.connect(self._on_articles_updated)
        self.pane.articleActivated.connect(self.open_article)
        self.dock = window.add_pane(self.pane)
        search = window.docks.get("search")
        if search is not None:
            window.tabifyDockWidget(search, self.dock)
            search.raise_()

        self.highlighter = EntityHighlighter(
            window.reader, window.archive.db, window.runner, window.settings, self
        )
        window.archiveChanged.connect(self.highlighter.reload)
        self.tagger = ReaderTagMenu(window.reader, self.ask_tag, self)
        self._build_menus()

    def _build_menus(self) -> None:
        window = self.window
        bar = window.menuBar()
        view_menu = window.findChild(QMenu, "viewMenu")
        self.edit_menu = QMenu(self.tr("&Edit"), window)
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.controller.undo_action)
        self.edit_menu.addAction(self.controller.redo_action)
        if view_menu is not None:
            bar.insertMenu(view_menu.menuAction(), self.edit_menu)
        else:
            bar.addMenu(self.edit_menu)
        # The actions work wherever the focus is (docks included), not only in the menu.
        window.addAction(self.controller.undo_action)
        window.addAction(self.controller.redo_action)
        self.highlight_menu = QMenu(self.tr("Entity &highlights"), window)
        self.highlight_menu.setObjectName("entityHighlightMenu")
        for action in self.highlighter.actions.values():
            self.highlight_menu.addAction(action)
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addMenu(self.highlight_menu)

    # ----- the article list

    def _on_articles_chosen(self, ids: tuple[int, ...] | None, name: str) -> None:
        articles = self.window.articles
        if ids is None:
            if self._scope is not None and articles.scope == self._scope:
                articles.set_scope(self.window.issues.current_query())
            self._scope = None
            return
        articles.narrow_to(ids)
        self._scope = articles.scope
        self.window.docks["articles"].show()
        self.window.statusBar().showMessage(
            self.tr("Articles naming %1: %n", "", len(ids)).replace("%1", name),
            STATUS_TIMEOUT_MS,
        )

    def _on_articles_updated(self, ids: tuple[int, ...] | None, name: str) -> None:
        """Follow the chosen entity's articles after a refresh, if the list still shows them."""
        articles = self.window.articles
        if self._scope is None or articles.scope != self._scope:
            return  # the list shows something else now (an issue, a search)
        if ids is None:
            articles.set_scope(self.window.issues.current_query())
            self._scope = None
            return
        if ids != self._scope.article_ids:
            current = articles.current_article_id()
            articles.narrow_to(ids)
            self._scope = articles.scope
            if current is not None and current in ids:
                articles.select_article(current, emit=False)

    def open_article(self, article_id: int) -> None:
        """Show one of the entity's articles: selected in the list, or in the reader alone."""
        articles = self.window.articles
        if articles.model.row_of(article_id) is not None:
            articles.select_article(article_id)
        else:
            self.window.open_article(article_id)

    # ----- corrections

    def ask_tag(self, target: SelectionTarget, kind: str) -> TagSelectionDialog | None:
        """Ask for the entity a selected text names, then tag it (the reader's context menu)."""
        article = self.window.reader.article
        if article is None:
            return None
        if self.tag_dialog is not None:
            self.tag_dialog.close()
        dialog = TagSelectionDialog(target.text, kind, self.window)
        self.tag_dialog = dialog
        article_id = article.id

        def accepted() -> None:
            self.controller.add_mention(
                article_id, target.field, target.start, target.end, dialog.kind(), dialog.name()
            )

        def finished(_result: int) -> None:
            if self.tag_dialog is dialog:
                self.tag_dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _on_corrected(
        self, _result: CorrectionResult, focus: tuple[str, str] | None, text: str
    ) -> None:
        if focus is not None:
            self.pane.show_entity(*focus)
        self.window.statusBar().showMessage(
            self.tr("Done: %1").replace("%1", text), STATUS_TIMEOUT_MS
        )
        self.window.refresh()

    def _on_failed(self, message: str) -> None:
        box = plain_message(
            self.window,
            QMessageBox.Icon.Warning,
            self.tr("Correction failed"),
            self.tr("The correction could not be made: %1").replace("%1", message),
        )
        box.setObjectName("correctionFailedBox")
        box.finished.connect(box.deleteLater)
        box.open()

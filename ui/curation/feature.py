"""Curation in the main window: menus, context menus, dialogs, the History pane and undo."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from reader.curation.history import CurationResult
from reader.library import ArticleDetail
from reader.listing import PublicationEntry
from ui.curation.dialogs import (
    ArticleChoiceDialog,
    ArticleEditDialog,
    DetailsDialog,
    PageChoiceDialog,
    issue_text,
)
from ui.curation.edits import CurationEditor
from ui.curation.loads import (
    ArticleContext,
    Candidate,
    ChoiceMode,
    first_live_article,
    load_candidates,
    load_context,
    load_issue_tree,
    load_texts,
)
from ui.curation.model import ArticleChoice
from ui.curation.pane import THIS_ARTICLE, HistoryPane
from ui.dialog_slot import DialogSlot
from ui.issues.model import NodeKind
from ui.issues.model import Role as IssueRole
from ui.menus import new_action
from ui.reader.document import RenderedArticle, utf16_length
from ui.tasks.latest import LatestOnly
from ui.text import plain_message
from ui.undo import Affects, EditDone, UserEdits

if TYPE_CHECKING:
    from ui.main_window import MainWindow

logger = logging.getLogger(__name__)

STATUS_TIMEOUT_MS = 8000


def block_at(rendered: RenderedArticle, position: int) -> int | None:
    """The index of the block at a document position (None: not in a block of the body)."""
    for index, placed in enumerate(rendered.blocks):
        if placed.start <= position <= placed.start + utf16_length(placed.text):
            return index
    return None


def blocks_between(rendered: RenderedArticle, start: int, end: int) -> list[int]:
    """The indexes of the blocks a document range touches (a collapsed range: its block)."""
    if end <= start:
        index = block_at(rendered, start)
        return [index] if index is not None else []
    return [
        index
        for index, placed in enumerate(rendered.blocks)
        if placed.start < end and placed.start + utf16_length(placed.text) > start
    ]


class CurationFeature(QObject):
    """Plugs archivist curation into a main window.

    * Article menu: Edit article… (Ctrl+E), an Article structure submenu (split here,
      merge with the previous or next article, move the selected paragraphs, join a
      continuation, unjoin at a page, move the article to a page), Correct page details…
      and Correct issue details…; the reader's context menu has the same for the
      paragraph under the pointer, the article list's for the article under it, the
      issue tree's for its pages and issues.
    * Tools ▸ Correction history (Ctrl+H): the History pane (tabbed on the right,
      hidden at first).
    * Every operation is a command on the window's one undo stack (Ctrl+Z undoes it by
      reverting its revision; Ctrl+Shift+Z puts it back); after each step the panes and
      the reader are refreshed.
    """

    def __init__(self, window: MainWindow) -> None:
        """Install everything in the window (after the research feature, before the layout).

        Args:
            window: the main window, its menus, entities and research features built.
        """
        super().__init__(window)
        self.window = window
        self._db = window.archive.db
        self.context: ArticleContext | None = None
        self._context_reads = LatestOnly()
        self._reshow_reads = LatestOnly()
        self._dialogs = DialogSlot()

        self.edits = UserEdits(window.runner, window.entities.undo_stack, self)
        self.edits.edited.connect(self._on_edited)
        self.edits.failed.connect(self._on_failed)
        self.editor = CurationEditor(window.archive, self.edits, self)

        self.history = HistoryPane(self._db, window.runner, window)
        self.history.revertRequested.connect(self.revert)
        self.history.articleRequested.connect(self.show_first_article)
        self.history_dock = window.add_pane(self.history)
        neighbour = window.docks.get("notes") or window.docks.get("search")
        if neighbour is not None:
            window.tabifyDockWidget(neighbour, self.history_dock)
            neighbour.raise_()
        self.history_dock.hide()

        window.reader.articleShown.connect(self._on_article_shown)
        window.reader.contextMenuRequested.connect(self._add_reader_actions)
        articles_menu_signal = getattr(window.articles, "contextMenuRequested", None)
        if articles_menu_signal is not None:
            articles_menu_signal.connect(self._add_list_actions)
        issues_menu_signal = getattr(window.issues, "contextMenuRequested", None)
        if issues_menu_signal is not None:
            issues_menu_signal.connect(self._add_tree_actions)
        self._build_menus()
        self._update_actions()

    # ----- menus

    def _build_menus(self) -> None:
        window = self.window
        self.edit_action = new_action(
            self, self.tr("E&dit article…"), self.edit_article, "editArticle", "Ctrl+E"
        )
        self.split_action = new_action(
            self, self.tr("&Split article here"), self.split_here, "splitArticle"
        )
        self.split_action.setStatusTip(
            self.tr("The paragraph at the cursor and the rest become a new article")
        )
        self.merge_previous_action = new_action(
            self,
            self.tr("Merge with &previous article"),
            lambda: self.merge("previous"),
            "mergePrevious",
        )
        self.merge_next_action = new_action(
            self, self.tr("Merge with &next article"), lambda: self.merge("next"), "mergeNext"
        )
        self.move_blocks_action = new_action(
            self, self.tr("&Move selected paragraphs to…"), self.move_paragraphs, "moveParagraphs"
        )
        self.join_action = new_action(
            self, self.tr("&Join as continuation with…"), self.join, "joinContinuation"
        )
        self.unjoin_menu = QMenu(self.tr("&Unjoin at page"), window)
        self.unjoin_menu.setObjectName("unjoinMenu")
        self.unjoin_menu.aboutToShow.connect(self._fill_unjoin_menu)
        self.move_article_action = new_action(
            self, self.tr("Move article to p&age…"), self.move_article, "moveArticle"
        )
        self.correct_page_action = new_action(
            self, self.tr("Correct pa&ge details…"), self.correct_page, "correctPage"
        )
        self.correct_issue_action = new_action(
            self, self.tr("Correct iss&ue details…"), self.correct_issue, "correctIssue"
        )
        self.history_action = new_action(
            self, self.tr("Correction &history"), self.show_history, "showHistory", "Ctrl+H"
        )
        self.history_action.setToolTip(self.tr("Every correction of the archive, with its diff"))

        self.structure_menu = QMenu(self.tr("Article st&ructure"), window)
        self.structure_menu.setObjectName("structureMenu")
        self._fill_structure_menu(self.structure_menu)

        article_menu = window.findChild(QMenu, "articleMenu")
        cite_menu = window.findChild(QMenu, "citeMenu")
        items: list[QAction | QMenu | None] = [
            None,
            self.edit_action,
            self.structure_menu,
            self.correct_page_action,
            self.correct_issue_action,
        ]
        if article_menu is None:
            article_menu = window.menuBar().addMenu(self.tr("&Article"))
            article_menu.setObjectName("articleMenu")
        before = cite_menu.menuAction() if cite_menu is not None else None
        for item in items:
            if item is None:
                if before is not None:
                    article_menu.insertSeparator(before)
                else:
                    article_menu.addSeparator()
            elif isinstance(item, QMenu):
                if before is not None:
                    article_menu.insertMenu(before, item)
                else:
                    article_menu.addMenu(item)
            elif before is not None:
                article_menu.insertAction(before, item)
            else:
                article_menu.addAction(item)
        if before is not None:
            article_menu.insertSeparator(before)
        article_menu.aboutToShow.connect(self._update_actions)
        self.article_menu = article_menu

        tools = window.findChild(QMenu, "toolsMenu")
        if tools is not None:
            tools.addSeparator()
            tools.addAction(self.history_action)
        # The shortcuts work wherever the focus is (docks included), not only in the menu.
        window.addAction(self.edit_action)
        window.addAction(self.history_action)
        self.article_actions = [
            self.edit_action,
            self.merge_previous_action,
            self.merge_next_action,
            self.join_action,
            self.move_article_action,
        ]

    def _fill_structure_menu(self, menu: QMenu) -> None:
        menu.addAction(self.split_action)
        menu.addAction(self.merge_previous_action)
        menu.addAction(self.merge_next_action)
        menu.addAction(self.move_blocks_action)
        menu.addSeparator()
        menu.addAction(self.join_action)
        menu.addMenu(self.unjoin_menu)
        menu.addSeparator()
        menu.addAction(self.move_article_action)

    def _cursor_blocks(self) -> tuple[int | None, list[int]]:
        """The block at the reader's cursor, and the blocks its selection touches."""
        reader = self.window.reader
        rendered = reader.rendered
        if rendered is None:
            return None, []
        cursor = reader.browser.textCursor()
        at = block_at(rendered, cursor.position())
        return at, blocks_between(rendered, cursor.selectionStart(), cursor.selectionEnd())

    def _update_actions(self) -> None:
        article = self.window.reader.article
        shown = article is not None
        context = self._context_of(article.id) if article is not None else None
        for action in self.article_actions:
            action.setEnabled(shown)
        at, selected = self._cursor_blocks()
        self.split_action.setEnabled(context is not None and at is not None and at >= 1)
        self.move_blocks_action.setEnabled(
            context is not None and bool(selected) and len(selected) < context.blocks
        )
        self.unjoin_menu.setEnabled(context is not None and len(context.parts) > 1)
        page_known = context is not None and context.page_id(at) is not None
        self.correct_page_action.setEnabled(page_known)
        self.correct_issue_action.setEnabled(context is not None)

    def _fill_unjoin_menu(self) -> None:
        self.unjoin_menu.clear()
        article = self.window.reader.article
        context = self._context_of(article.id) if article is not None else None
        if context is None:
            return
        for part in context.parts[1:]:
            action = self.unjoin_menu.addAction(
                self.tr("Page %1").replace("%1", part.page_label),
            )
            action.setObjectName(f"unjoinAt{part.index}")
            action.triggered.connect(
                lambda _checked=False, p=part.index, label=part.page_label: self.unjoin(p, label)
            )

    # ----- context menus of the reader, the article list and the issue tree

    def _add_reader_actions(self, menu: QMenu, position: int) -> None:
        article = self.window.reader.article
        rendered = self.window.reader.rendered
        if article is None or rendered is None:
            return
        context = self._context_of(article.id)
        at = block_at(rendered, position) if position >= 0 else None
        cursor = self.window.reader.browser.textCursor()
        selected = blocks_between(rendered, cursor.selectionStart(), cursor.selectionEnd())
        if not cursor.hasSelection() or (at is not None and at not in selected):
            selected = [at] if at is not None else []
        menu.addSeparator()
        split = menu.addAction(self.tr("&Split article here"))
        split.setObjectName("splitArticleHere")
        split.setEnabled(context is not None and at is not None and at >= 1)
        split.triggered.connect(lambda _checked=False, index=at: self.split_here(index))
        move = menu.addAction(self.tr("&Move selected paragraphs to…"))
        move.setObjectName("moveParagraphsHere")
        move.setEnabled(context is not None and bool(selected) and len(selected) < context.blocks)
        move.triggered.connect(lambda _checked=False, blocks=selected: self.move_paragraphs(blocks))
        menu.addAction(self.edit_action)
        structure = menu.addMenu(self.tr("Article st&ructure"))
        structure.setObjectName("readerStructureMenu")
        structure.addAction(self.merge_previous_action)
        structure.addAction(self.merge_next_action)
        structure.addAction(self.join_action)
        if context is not None and len(context.parts) > 1:
            for part in context.parts[1:]:
                action = structure.addAction(
                    self.tr("Unjoin at page %1").replace("%1", part.page_label)
                )
                action.triggered.connect(
                    lambda _checked=False, p=part.index, label=part.page_label: self.unjoin(
                        p, label
                    )
                )
        structure.addAction(self.move_article_action)
        page = menu.addAction(self.tr("Correct pa&ge details…"))
        page.setObjectName("correctPageHere")
        page_id = context.page_id(at) if context is not None else None
        page.setEnabled(page_id is not None)
        if page_id is not None:
            page.triggered.connect(lambda _checked=False, p=page_id: self.correct_page(p))

    def _add_list_actions(self, menu: QMenu, article_id: int) -> None:
        title = self._list_title(article_id)
        menu.addSeparator()
        edit = menu.addAction(self.tr("E&dit article…"))
        edit.setObjectName("listEditArticle")
        edit.triggered.connect(lambda _checked=False: self.edit_article(article_id))
        for text, direction, name in (
            (self.tr("Merge with &previous article"), "previous", "listMergePrevious"),
            (self.tr("Merge with &next article"), "next", "listMergeNext"),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(
                lambda _checked=False, d=direction: self.merge(d, article_id, title)
            )
        join = menu.addAction(self.tr("&Join as continuation with…"))
        join.setObjectName("listJoin")
        join.triggered.connect(lambda _checked=False: self.join(article_id, title))
        move = menu.addAction(self.tr("Move article to p&age…"))
        move.setObjectName("listMoveArticle")
        move.triggered.connect(lambda _checked=False: self.move_article(article_id, title))
        menu.addSeparator()
        history = menu.addAction(self.tr("&History of this article"))
        history.setObjectName("listHistory")
        history.triggered.connect(lambda _checked=False: self.show_history(THIS_ARTICLE))

    def _list_title(self, article_id: int) -> str:
        model = self.window.articles.model
        row = model.row_of(article_id)
        data = model.row_data(row) if row is not None else None
        return data.title if data is not None else ""

    def _add_tree_actions(self, menu: QMenu, index: QModelIndex) -> None:
        kind = index.data(IssueRole.Kind)
        if kind == NodeKind.PAGE:
            page_id = index.data(IssueRole.PageId)
            menu.addSeparator()
            action = menu.addAction(self.tr("Correct pa&ge details…"))
            action.setObjectName("treeCorrectPage")
            action.triggered.connect(lambda _checked=False: self.correct_page(page_id))
        elif kind == NodeKind.ISSUE:
            issue_id = index.data(IssueRole.IssueId)
            menu.addSeparator()
            action = menu.addAction(self.tr("Correct iss&ue details…"))
            action.setObjectName("treeCorrectIssue")
            action.triggered.connect(lambda _checked=False: self.correct_issue(issue_id))

    # ----- following the reader

    def _context_of(self, article_id: int) -> ArticleContext | None:
        context = self.context
        return context if context is not None and context.article_id == article_id else None

    def _on_article_shown(self, article_id: int) -> None:
        fresh = self._context_reads.start()
        if article_id < 0:
            self.context = None
            self.history.set_context(None, None)
            self._update_actions()
            return
        self._update_actions()
        db = self._db
        self.window.runner.submit(
            self.tr("Reading the article's parts"),
            lambda _progress, _cancelled: load_context(db, article_id),
            visible=False,
            on_finished=fresh(self._on_context),
        )

    def _on_context(self, context: ArticleContext | None) -> None:
        self.context = context
        if context is not None:
            self.history.set_context(context.article_id, context.page_id())
        else:
            self.history.set_context(None, None)
        self._update_actions()

    # ----- the operations

    def _shown(self) -> ArticleDetail | None:
        article = self.window.reader.article
        if article is None:
            self._status(self.tr("Choose an article first."))
        return article

    def _read(self, name: str, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self.window.runner.submit(
            name,
            lambda _progress, _cancelled: work(),
            visible=False,
            on_finished=then,
            on_failed=lambda error: self._warn(
                self.tr("The archive could not be read"), str(error), "curationReadFailedBox"
            ),
        )

    @property
    def dialog(self) -> QDialog | None:
        """The curation dialog open, if any."""
        return self._dialogs.current

    def _open_dialog(self, dialog: QDialog) -> None:
        self._dialogs.open(dialog)

    def edit_article(self, article_id: int | None = None) -> None:
        """Open the edit dialog of an article (None: the one shown); OK stores the changes."""
        if article_id is None:
            article = self._shown()
            if article is None:
                return
            article_id = article.id
        db = self._db
        chosen = article_id

        def show(texts: tuple[Any, Any]) -> None:
            current, original = texts
            dialog = ArticleEditDialog(current, original, self.window)

            def accepted() -> None:
                fields, parts = dialog.changed_fields(), dialog.changed_parts()
                if not fields and not parts:
                    self._status(self.tr("Nothing was changed."))
                    return
                self.editor.edit_article(
                    chosen, current.title, fields=fields or None, parts=parts or None
                )

            dialog.accepted.connect(accepted)
            self._open_dialog(dialog)

        self._read(self.tr("Reading the article"), lambda: load_texts(db, chosen), show)

    def split_here(self, block_index: int | None = None) -> bool:
        """Split the article shown before a block (None: the block at the reader's cursor).

        Returns:
            False when there is no article or no block after the first one there.
        """
        article = self._shown()
        if article is None:
            return False
        if block_index is None:
            block_index, _selected = self._cursor_blocks()
        if block_index is None or not 1 <= block_index < len(article.blocks):
            self._status(
                self.tr(
                    "Put the cursor in the paragraph that should begin the new article "
                    "(not the first one)."
                )
            )
            return False
        self.editor.split(article.id, block_index, article.title)
        return True

    def merge(
        self,
        direction: Literal["previous", "next"],
        article_id: int | None = None,
        title: str | None = None,
    ) -> bool:
        """Merge an article (None: the one shown) with its neighbour on the page."""
        if article_id is None:
            article = self._shown()
            if article is None:
                return False
            article_id, title = article.id, article.title
        self.editor.merge(article_id, direction, title or "")
        return True

    def move_paragraphs(self, block_indexes: list[int] | None = None) -> None:
        """Choose an article of the same issue and move paragraphs of the one shown there.

        Args:
            block_indexes: the paragraphs (None: those the reader's selection touches, or
                the one at its cursor).
        """
        article = self._shown()
        if article is None:
            return
        if block_indexes is None:
            _at, block_indexes = self._cursor_blocks()
        if not block_indexes:
            self._status(self.tr("Select the paragraphs to move in the reader first."))
            return
        if len(set(block_indexes)) >= len(article.blocks):
            self._status(self.tr("To move every paragraph, merge the articles instead."))
            return
        indexes = sorted(set(block_indexes))
        source_id = article.id

        def chosen(dialog: ArticleChoiceDialog) -> None:
            choice = dialog.choice()
            if choice is not None:
                self.editor.move_blocks(source_id, indexes, choice.id, dialog.place(), choice.title)

        self._choose_article(
            source_id,
            "move",
            self.tr("Move paragraphs"),
            self.tr("Move %n paragraph(s) to which article of this issue?", "", len(indexes)),
            chosen,
        )

    def join(self, article_id: int | None = None, title: str | None = None) -> None:
        """Choose the continuation (tail) of an article (None: the one shown) and join it."""
        if article_id is None:
            article = self._shown()
            if article is None:
                return
            article_id, title = article.id, article.title
        head_id, head_title = article_id, title or ""

        def chosen(dialog: ArticleChoiceDialog) -> None:
            tail = dialog.article_id()
            if tail is not None:
                self.editor.join(head_id, tail, head_title)

        self._choose_article(
            head_id,
            "join",
            self.tr("Join as continuation"),
            self.tr(
                "Which article continues “%1”? Its text is appended and it is removed."
            ).replace("%1", head_title or self.tr("(untitled)")),
            chosen,
        )

    def _choose_article(
        self,
        article_id: int,
        mode: ChoiceMode,
        title: str,
        prompt: str,
        chosen: Callable[[ArticleChoiceDialog], None],
    ) -> None:
        db = self._db

        def show(candidates: list[Candidate]) -> None:
            if not candidates:
                self._status(self.tr("This issue has no other article."))
                return
            choices = [self._choice(candidate, mode) for candidate in candidates]
            dialog = ArticleChoiceDialog(
                title, prompt, choices, self.window, with_place=mode == "move"
            )
            dialog.accepted.connect(lambda: chosen(dialog))
            self._open_dialog(dialog)

        self._read(
            self.tr("Reading the articles of the issue"),
            lambda: load_candidates(db, article_id, mode),
            show,
        )

    def _choice(self, candidate: Candidate, mode: ChoiceMode) -> ArticleChoice:
        note = ""
        if mode == "join" and candidate.continued_from:
            note = self.tr("continued from page %1").replace("%1", candidate.continued_from)
        elif mode == "move" and candidate.likely:
            note = self.tr("same page")
        return ArticleChoice(
            id=candidate.id,
            title=candidate.title,
            pages=candidate.pages,
            note=note,
            likely=candidate.likely,
        )

    def unjoin(self, part_index: int, page_label: str) -> bool:
        """Cut the article shown before one of its parts (its page and the later ones)."""
        article = self._shown()
        if article is None:
            return False
        self.editor.unjoin(article.id, part_index, page_label, article.title)
        return True

    def move_article(self, article_id: int | None = None, title: str | None = None) -> None:
        """Choose a page (of any issue) and move an article (None: the one shown) there."""
        current_page: int | None = None
        if article_id is None:
            article = self._shown()
            if article is None:
                return
            article_id, title = article.id, article.title
        context = self._context_of(article_id)
        if context is not None:
            current_page = context.page_id()
        moved_id, moved_title = article_id, title or ""
        db = self._db

        def show(publications: list[PublicationEntry]) -> None:
            dialog = PageChoiceDialog(publications, current_page, self.window)

            def accepted() -> None:
                page_id = dialog.page_id()
                if page_id is not None and page_id != current_page:
                    self.editor.move_article(moved_id, page_id, dialog.page_text(), moved_title)

            dialog.accepted.connect(accepted)
            self._open_dialog(dialog)

        self._read(self.tr("Reading the issues"), lambda: load_issue_tree(db), show)

    def correct_page(self, page_id: int | None = None) -> None:
        """Correct the details of a page (None: the page at the reader's cursor)."""
        if page_id is None:
            article = self._shown()
            if article is None:
                return
            context = self._context_of(article.id)
            at, _selected = self._cursor_blocks()
            page_id = context.page_id(at) if context is not None else None
            if page_id is None:
                self._status(self.tr("The page of this article is not known yet."))
                return
        self._correct("page", page_id)

    def correct_issue(self, issue_id: int | None = None) -> None:
        """Correct the details of an issue (None: the issue of the article shown)."""
        if issue_id is None:
            article = self._shown()
            if article is None:
                return
            issue_id = article.issue_id
        self._correct("issue", issue_id)

    def _correct(self, kind: Literal["page", "issue"], key: int) -> None:
        db = self._db

        def show(publications: list[PublicationEntry]) -> None:
            found = _find(publications, kind, key)
            if found is None:
                self._status(self.tr("This page or issue is no longer in the archive."))
                return
            publication, issue, label = found
            dialog = DetailsDialog(
                kind,
                publication.name,
                issue.date,
                issue.number,
                label,
                [entry.name for entry in publications],
                self.window,
            )
            where = issue_text(publication.name, issue.date, issue.number)
            if label is not None:
                where = f"{where} {label}"

            def accepted() -> None:
                changes = dialog.changes()
                if not changes:
                    return
                if kind == "page":
                    self.editor.edit_page(key, changes, where)
                else:
                    self.editor.edit_issue(key, changes, where)

            dialog.accepted.connect(accepted)
            self._open_dialog(dialog)

        self._read(self.tr("Reading the issues"), lambda: load_issue_tree(db), show)

    def revert(self, revision_id: int, summary: str = "") -> None:
        """Revert a revision of the history (undoable)."""
        self.editor.revert(revision_id, summary)

    # ----- the History pane

    def show_history(self, scope: int | None = None) -> HistoryPane:
        """Show the History pane in front (optionally of the article or page shown, or all)."""
        if scope is not None:
            self.history.set_scope(scope)
        self.history_dock.show()
        self.history_dock.raise_()
        return self.history

    def show_first_article(self, article_ids: list[int]) -> None:
        """Show the first of these articles still in the archive (a revision's)."""
        db = self._db
        ids = list(article_ids)

        def show(detail: ArticleDetail | None) -> None:
            if detail is None:
                self._status(self.tr("The articles of this revision are no longer in the archive."))
                return
            self._present(detail)

        self._read(self.tr("Reading the article"), lambda: first_live_article(db, ids), show)

    def _present(self, detail: ArticleDetail, scroll: int | None = None) -> None:
        articles = self.window.articles
        self.window.reader.show_article(detail)
        if scroll is not None:
            self.window.reader.browser.verticalScrollBar().setValue(scroll)
        if articles.model.row_of(detail.id) is not None:
            articles.select_article(detail.id, emit=False)

    # ----- after every step

    def _on_edited(self, done: EditDone) -> None:
        if not done.affects & Affects.ARTICLES:
            return
        result = done.result
        self.window.refresh()
        if isinstance(result, CurationResult):
            self._reshow(result)
        text = done.text
        message = getattr(result, "message", "")
        if message:
            text = self.tr("%1 (%2)").replace("%1", text).replace("%2", message)
        template = self.tr("Undone: %1") if done.undone else self.tr("Done: %1")
        self._status(template.replace("%1", text))

    def _reshow(self, result: CurationResult) -> None:
        """Show the article again with its new text (or the one that took its place)."""
        reader = self.window.reader
        shown = reader.article.id if reader.article is not None else None
        ids: list[int] = []
        if shown is not None and shown not in result.removed_ids:
            ids.append(shown)
        ids += [i for i in result.article_ids if i not in ids and i not in result.removed_ids]
        if not ids:
            return
        fresh = self._reshow_reads.start()
        scroll = reader.browser.verticalScrollBar().value()
        db = self._db

        def show(detail: ArticleDetail | None) -> None:
            current = reader.article.id if reader.article is not None else None
            if current != shown or detail is None:
                return
            self._present(detail, scroll if detail.id == shown else None)

        self.window.runner.submit(
            self.tr("Reading the article"),
            lambda _progress, _cancelled: first_live_article(db, ids),
            visible=False,
            on_finished=fresh(show),
        )

    def _on_failed(self, message: str) -> None:
        self._warn(self.tr("The correction could not be made"), message, "curationFailedBox")
        self.window.refresh()

    def _warn(self, title: str, message: str, name: str) -> QMessageBox:
        box = plain_message(self.window, QMessageBox.Icon.Warning, title, message)
        box.setObjectName(name)
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_TIMEOUT_MS)


def _find(
    publications: list[PublicationEntry], kind: Literal["page", "issue"], key: int
) -> tuple[Any, Any, str | None] | None:
    """The publication, issue and page label of a page or issue of the issue tree."""
    for publication in publications:
        for issue in publication.issues:
            if kind == "issue" and issue.id == key:
                return publication, issue, None
            if kind == "page":
                for page in issue.pages:
                    if page.id == key:
                        return publication, issue, page.label
    return None

"""Researcher tools in the window: annotations, library, article actions, cite, export, print."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox
from sqlalchemy.exc import SQLAlchemyError

from db.engine import Database
from reader import citation, export
from reader.errors import ReaderError
from reader.library import ArticleDetail
from reader.listing import ArticleQuery, fetch_articles
from reader.notes import bookmarks, tags
from reader.notes.annotations import AnnotationInfo
from ui.dialog_slot import DialogSlot
from ui.library.dialogs import CollectionDialog, TagDialog, ask_text
from ui.library.dock import LibraryPane
from ui.library.edits import LibraryEditor
from ui.library.model import NodeKind
from ui.menus import new_action
from ui.notes.anchors import AnnotationTarget, body_pieces, field_text
from ui.notes.dialog import NoteDialog
from ui.notes.dock import NotesPane
from ui.notes.edits import AnnotationEditor
from ui.notes.layer import AnnotationLayer
from ui.reader.document import utf16_length
from ui.research.printing import export_pdf, print_article
from ui.text import plain_message
from ui.undo import Affects, EditDone, UserEdits

if TYPE_CHECKING:
    from ui.main_window import MainWindow

logger = logging.getLogger(__name__)

STATUS_TIMEOUT_MS = 6000
LIST_LIMIT = 100_000
"""At most this many articles of the list are cited or exported at once."""
SEARCH_FIELDS = ("note", "tag", "collection", "笔记", "标签", "收藏夹", "专题")
"""Query fields whose hits change when the user's data changes (the search is re-run)."""


def listed_article_ids(db: Database, query: ArticleQuery, limit: int = LIST_LIMIT) -> list[int]:
    """The ids of every article a list query shows, in its order (runs on a worker)."""
    ids: list[int] = []
    cursor = None
    with db.read() as session:
        while len(ids) < limit:
            batch = fetch_articles(session, query, after=cursor, limit=1000)
            ids.extend(row.id for row in batch.rows)
            cursor = batch.cursor
            if cursor is None:
                break
    return ids[:limit]


def read_marks(db: Database) -> frozenset[int] | None:
    """The bookmarked articles (runs on a worker); None when they cannot be read."""
    try:
        with db.read() as session:
            return frozenset(bookmarks.bookmarked_ids(session))
    except (SQLAlchemyError, ReaderError):
        logger.exception("Reading bookmarks failed")
        return None


class ResearchFeature(QObject):
    """Plugs the researcher tools into a main window.

    It adds the annotation layer of the reader (highlight and note a selection, click a
    highlight to edit its note), the Notes pane (tabbed with the search pane), the
    Library pane (tabbed with the issues), and an Article menu: Bookmark (Ctrl+D), Tag…,
    Add to collection…, a note on the whole article, Cite ▸ and Export ▸ (notes, the
    article list, PDF and printing). Every edit is a command on the window's one undo
    stack (shared with the entity corrections: Ctrl+Z undoes the latest edit of any kind)
    and refreshes the views it affects.
    """

    def __init__(self, window: MainWindow) -> None:
        """Install everything in the window (after the entities feature, before the layout).

        Args:
            window: the main window, its menus and the entities feature built.
        """
        super().__init__(window)
        self.window = window
        archive, runner, db = window.archive, window.runner, window.archive.db
        self._db = db
        self._marks: frozenset[int] = frozenset()
        self._marks_generation = 0
        self._library_scope: ArticleQuery | None = None
        self._pending_scroll: AnnotationInfo | None = None
        self._note_dialogs = DialogSlot()
        self._dialogs = DialogSlot()  # the tag or collection dialog open, if any

        self.edits = UserEdits(runner, window.entities.undo_stack, self)
        self.edits.edited.connect(self._on_edited)
        self.edits.failed.connect(self._on_failed)
        self.annotation_editor = AnnotationEditor(archive, self.edits, self)
        self.library_editor = LibraryEditor(archive, self.edits, self)

        self.layer = AnnotationLayer(window.reader, db, runner, self)
        self.layer.highlightRequested.connect(self.highlight)
        self.layer.noteRequested.connect(self.ask_note)
        self.layer.editRequested.connect(self.edit_note)
        self.layer.removeRequested.connect(self.annotation_editor.remove)
        window.archiveChanged.connect(self.layer.reload)

        self.notes = NotesPane(db, runner, window)
        self.notes.annotationActivated.connect(self.show_annotation)
        self.notes.editRequested.connect(self.edit_note)
        self.notes.removeRequested.connect(self.annotation_editor.remove)
        self.notes_dock = window.add_pane(self.notes)
        self.library = LibraryPane(db, runner, self.library_editor, window)
        self.library.articlesChosen.connect(self._on_library_articles)
        self.library.articlesUpdated.connect(self._on_library_updated)
        self.library.searchChosen.connect(self.run_search)
        self.library.saveSearchRequested.connect(self.ask_save_search)
        self.library_dock = window.add_pane(self.library)
        for neighbour, dock in (("search", self.notes_dock), ("issues", self.library_dock)):
            if neighbour in window.docks:
                window.tabifyDockWidget(window.docks[neighbour], dock)
                window.docks[neighbour].raise_()

        window.reader.articleShown.connect(self._on_article_shown)
        window.archiveChanged.connect(self.reload_marks)
        self._build_menus()
        self._update_actions()

    # ----- menus

    def _build_menus(self) -> None:
        window = self.window
        menu = QMenu(self.tr("&Article"), window)
        menu.setObjectName("articleMenu")
        self.article_menu = menu
        tools = window.findChild(QMenu, "toolsMenu")
        bar = window.menuBar()
        if tools is not None:
            bar.insertMenu(tools.menuAction(), menu)
        else:
            bar.addMenu(menu)

        self.bookmark_action = QAction(self.tr("&Bookmark"), self)
        self.bookmark_action.setObjectName("bookmarkArticle")
        self.bookmark_action.setCheckable(True)
        self.bookmark_action.setShortcut(QKeySequence("Ctrl+D"))
        self.bookmark_action.triggered.connect(self.set_bookmarked)
        self.tag_action = new_action(self, self.tr("&Tag…"), self.ask_tags, "tagArticle", "Ctrl+T")
        self.collect_action = new_action(
            self, self.tr("Add to &collection…"), self.ask_collection, "addToCollection"
        )
        self.article_note_action = new_action(
            self, self.tr("Note on the &article…"), lambda: self.ask_note(None), "noteOnArticle"
        )
        menu.addAction(self.bookmark_action)
        menu.addAction(self.tag_action)
        menu.addAction(self.collect_action)
        menu.addAction(self.article_note_action)
        menu.addSeparator()
        menu.addMenu(self.layer.highlight_menu)
        menu.addAction(self.layer.highlight_action)
        menu.addAction(self.layer.note_action)
        menu.addSeparator()

        styles = (
            ("gbt7714", self.tr("GB/T 7714-2015"), "Gbt7714"),
            ("ris", self.tr("RIS"), "Ris"),
            ("bibtex", self.tr("BibTeX"), "Bibtex"),
            ("csl-json", self.tr("CSL-JSON"), "CslJson"),
        )
        self.cite_menu = menu.addMenu(self.tr("&Cite"))
        self.cite_menu.setObjectName("citeMenu")
        self.cite_actions: dict[str, QAction] = {}
        for style, label, name in styles:
            action = new_action(
                self,
                self.tr("Copy %1").replace("%1", label),
                lambda s=style: self.copy_citation(s),
                f"cite{name}",
                "Ctrl+Shift+C" if style == "gbt7714" else "",
            )
            self.cite_menu.addAction(action)
            self.cite_actions[style] = action
        list_menu = self.cite_menu.addMenu(self.tr("Copy citations of the &list"))
        list_menu.setObjectName("citeListMenu")
        for style, label, name in styles:
            list_menu.addAction(
                new_action(
                    self,
                    label,
                    lambda s=style: self.copy_citation(s, listed=True),
                    f"citeList{name}",
                )
            )
        self.cite_menu.addSeparator()
        self.save_citation_action = new_action(
            self, self.tr("&Save citation as…"), self.ask_save_citation, "saveCitation"
        )
        self.cite_menu.addAction(self.save_citation_action)
        self.cite_menu.addAction(
            new_action(
                self,
                self.tr("Save citations of the list as…"),
                lambda: self.ask_save_citation(listed=True),
                "saveListCitations",
            )
        )

        self.export_menu = menu.addMenu(self.tr("&Export"))
        self.export_menu.setObjectName("exportMenu")
        self.export_note_actions = [
            new_action(
                self,
                self.tr("Notes of this article as &Markdown…"),
                lambda: self.ask_export_notes("markdown"),
                "exportArticleNotesMarkdown",
            ),
            new_action(
                self,
                self.tr("Notes of this article as &JSON…"),
                lambda: self.ask_export_notes("json"),
                "exportArticleNotesJson",
            ),
        ]
        for action in self.export_note_actions:
            self.export_menu.addAction(action)
        self.export_menu.addAction(
            new_action(
                self,
                self.tr("Notes of a collection as Markdown…"),
                lambda: self.ask_export_collection_notes("markdown"),
                "exportCollectionNotesMarkdown",
            )
        )
        self.export_menu.addAction(
            new_action(
                self,
                self.tr("Notes of a collection as JSON…"),
                lambda: self.ask_export_collection_notes("json"),
                "exportCollectionNotesJson",
            )
        )
        self.export_menu.addSeparator()
        self.export_menu.addAction(
            new_action(
                self, self.tr("Article list as &CSV…"), self.ask_export_list, "exportListCsv"
            )
        )
        self.export_menu.addSeparator()
        self.pdf_action = new_action(
            self, self.tr("Article as &PDF…"), self.ask_export_pdf, "exportPdf"
        )
        self.export_menu.addAction(self.pdf_action)
        menu.addSeparator()
        self.print_action = new_action(
            self, self.tr("&Print…"), self.print_current, "printArticle", "Ctrl+P"
        )
        self.preview_action = new_action(
            self, self.tr("Print pre&view…"), self.preview_current, "printPreview"
        )
        menu.addAction(self.print_action)
        menu.addAction(self.preview_action)
        # The shortcuts work wherever the focus is (docks included), not only in the menu.
        for action in (
            self.bookmark_action,
            self.tag_action,
            self.layer.highlight_action,
            self.layer.note_action,
            self.cite_actions["gbt7714"],
            self.print_action,
        ):
            window.addAction(action)
        self.article_actions = [
            self.bookmark_action,
            self.tag_action,
            self.collect_action,
            self.article_note_action,
            *self.cite_actions.values(),
            self.save_citation_action,
            *self.export_note_actions,
            self.pdf_action,
            self.print_action,
            self.preview_action,
        ]

    def _update_actions(self) -> None:
        article = self.window.reader.article
        for action in self.article_actions:
            action.setEnabled(article is not None)
        self.bookmark_action.setChecked(article is not None and article.id in self._marks)

    # ----- following the reader and the archive

    def _on_article_shown(self, article_id: int) -> None:
        self._update_actions()
        self.notes.set_article(article_id)
        pending = self._pending_scroll
        if pending is not None and pending.article_id == article_id:
            self._pending_scroll = None
            self._scroll_to(pending)

    def reload_marks(self) -> None:
        """Read which articles are bookmarked (stars in the list, the Bookmark action)."""
        self._marks_generation += 1
        generation = self._marks_generation
        db = self._db
        self.window.runner.submit(
            self.tr("Reading bookmarks"),
            lambda _progress, _cancelled: read_marks(db),
            visible=False,
            on_finished=lambda marks: self._on_marks(generation, marks),
        )

    def _on_marks(self, generation: int, marks: frozenset[int] | None) -> None:
        if generation != self._marks_generation or marks is None:
            return
        self._marks = marks
        self.window.articles.model.set_marked(marks)
        self._update_actions()

    @property
    def bookmarked(self) -> frozenset[int]:
        """The bookmarked articles, as last read."""
        return self._marks

    def _on_edited(self, done: EditDone) -> None:
        affects = done.affects
        if affects & Affects.ANNOTATIONS:
            self.layer.reload()
            self.notes.refresh()
        if affects & Affects.BOOKMARKS:
            self.reload_marks()
        if affects & (Affects.BOOKMARKS | Affects.TAGS | Affects.COLLECTIONS | Affects.SEARCHES):
            self.library.refresh()
        if affects & (Affects.ANNOTATIONS | Affects.TAGS | Affects.COLLECTIONS):
            search = self.window.search
            query = search.model.query
            if query and any(name in query for name in SEARCH_FIELDS):
                search.refresh()
        template = self.tr("Undone: %1") if done.undone else self.tr("Done: %1")
        self.window.statusBar().showMessage(template.replace("%1", done.text), STATUS_TIMEOUT_MS)

    def _on_failed(self, message: str) -> None:
        self._warn(self.tr("The change could not be saved"), message, "editFailedBox")
        self.layer.reload()
        self.notes.refresh()
        self.library.refresh()
        self.reload_marks()

    def _warn(self, title: str, message: str, name: str) -> QMessageBox:
        box = plain_message(self.window, QMessageBox.Icon.Warning, title, message)
        box.setObjectName(name)
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    # ----- annotations

    def highlight(self, target: AnnotationTarget, colour: str) -> None:
        """Highlight a passage of the article shown in a colour."""
        article = self.window.reader.article
        if article is not None:
            self.annotation_editor.create(article.id, target, colour)
            self.window.reader.browser.textCursor().clearSelection()

    def ask_note(self, target: AnnotationTarget | None, colour: str = "") -> NoteDialog | None:
        """Ask for a note on a passage (None: on the whole article), then store it."""
        article = self.window.reader.article
        if article is None:
            return None
        article_id = article.id
        colour = colour or self.layer.last_colour
        dialog = NoteDialog(target.quote if target else "", "", colour, parent=self.window)

        def accepted() -> None:
            note = dialog.note()
            if target is None and not note:
                return  # a note on the article needs some text
            self.layer.last_colour = dialog.colour()
            self.annotation_editor.create(article_id, target, dialog.colour(), note)

        dialog.accepted.connect(accepted)
        self._open_note_dialog(dialog)
        return dialog

    def edit_note(self, annotation: AnnotationInfo) -> NoteDialog:
        """Edit the note and colour of an annotation (or remove it)."""
        dialog = NoteDialog(
            annotation.quote, annotation.note, annotation.color, existing=True, parent=self.window
        )
        dialog.accepted.connect(
            lambda: self.annotation_editor.update(annotation, dialog.note(), dialog.colour())
        )
        dialog.removeRequested.connect(lambda: self.annotation_editor.remove(annotation))
        self._open_note_dialog(dialog)
        return dialog

    @property
    def note_dialog(self) -> NoteDialog | None:
        """The note dialog open, if any."""
        current = self._note_dialogs.current
        return current if isinstance(current, NoteDialog) else None

    def _open_note_dialog(self, dialog: NoteDialog) -> None:
        self._note_dialogs.open(dialog)

    def show_annotation(self, annotation: AnnotationInfo) -> bool:
        """Open an annotation's article and scroll to its passage (selected).

        Returns:
            False when its article is gone.
        """
        article_id = annotation.article_id
        if article_id is None:
            self._status(self.tr("The article of this annotation is no longer in the archive."))
            return False
        shown = self.window.reader.article
        if shown is None or shown.id != article_id:
            self._pending_scroll = annotation
            articles = self.window.articles
            if articles.model.row_of(article_id) is not None:
                articles.select_article(article_id)
            else:
                self.window.open_article(article_id)
            return True
        self._scroll_to(annotation)
        return True

    def _scroll_to(self, annotation: AnnotationInfo) -> None:
        reader = self.window.reader
        article, rendered = reader.article, reader.rendered
        if article is None or rendered is None:
            return
        if annotation.orphaned or annotation.field == "article":
            reader.browser.verticalScrollBar().setValue(0)
            if annotation.orphaned:
                self._status(
                    self.tr("This passage could not be found in the article's text any more.")
                )
            return
        text = field_text(article, annotation.field)
        if text[annotation.start : annotation.end] != annotation.quote:
            return
        if annotation.field == "body":
            pieces = body_pieces(article, annotation.start, annotation.end)
            if not pieces:
                return
            first, last = pieces[0], pieces[-1]
            start = rendered.position(first[0], first[1])
            end = rendered.position(last[0], last[2])
            reader.scroll_to_block(first[0], first[1])
        else:
            placed = rendered.fields.get(annotation.field)
            if placed is None:
                return
            start = placed.start + utf16_length(placed.text[: annotation.start])
            end = start + utf16_length(placed.text[annotation.start : annotation.end])
            reader.browser.verticalScrollBar().setValue(0)
        cursor = QTextCursor(rendered.document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        reader.browser.setTextCursor(cursor)

    # ----- bookmarks, tags, collections, saved searches

    def set_bookmarked(self, on: bool | None = None) -> bool:
        """Star the article shown (``on`` None: toggle). Returns False with no article."""
        article = self.window.reader.article
        if article is None:
            return False
        if on is None:
            on = article.id not in self._marks
        self.bookmark_action.setChecked(on)
        self.library_editor.set_bookmarked(article.id, article.title, on)
        return True

    def ask_tags(self) -> TagDialog | None:
        """Show the tags of the article shown; add and remove tags."""
        article = self.window.reader.article
        if article is None:
            return None
        db = self._db
        article_id, title = article.id, article.title

        def read(_progress: Any, _cancelled: Any) -> tuple[list[str], list[str]]:
            with db.read() as session:
                return (
                    tags.tags_of_article(session, article_id),
                    [info.path for info in tags.list_tags(session)],
                )

        opened: list[TagDialog] = []

        def show(found: tuple[list[str], list[str]]) -> None:
            current, known = found
            dialog = TagDialog(title, current, known, self.window)
            dialog.accepted.connect(lambda: self._apply_tags(dialog, article_id, title))
            self._open_dialog(dialog)
            opened.append(dialog)

        self.window.runner.submit(self.tr("Reading tags"), read, visible=False, on_finished=show)
        return opened[0] if opened else None

    def _apply_tags(self, dialog: TagDialog, article_id: int, title: str) -> None:
        for path in dialog.removed():
            self.library_editor.untag([article_id], path, title)
        for path in dialog.added():
            self.library_editor.tag([article_id], path, title)

    def tag_current(self, path: str) -> bool:
        """Tag the article shown (False with no article)."""
        article = self.window.reader.article
        if article is None:
            return False
        self.library_editor.tag([article.id], path, article.title)
        return True

    def ask_collection(self) -> CollectionDialog | None:
        """Choose a collection and file the article shown in it."""
        article = self.window.reader.article
        if article is None:
            return None
        article_id, title = article.id, article.title

        def chosen(dialog: CollectionDialog) -> None:
            collection_id = dialog.collection_id()
            if collection_id is None:
                return
            name = next(
                (c.path for c in self.library.model.library.collections if c.id == collection_id),
                "",
            )
            self.library_editor.add_to_collection(collection_id, name, [article_id], title)

        return self._choose_collection(self.tr("Add to collection"), chosen)

    def _choose_collection(
        self, title: str, chosen: Callable[[CollectionDialog], None]
    ) -> CollectionDialog:
        dialog = CollectionDialog(
            title,
            self.library.model.library.collections,
            lambda name, parent_id: self.library_editor.create_collection(name, parent_id),
            self.window,
        )
        follow = self.library.loaded.connect(
            lambda: dialog.set_collections(self.library.model.library.collections)
        )
        dialog.finished.connect(lambda _result: self.library.loaded.disconnect(follow))
        dialog.accepted.connect(lambda: chosen(dialog))
        self._open_dialog(dialog)
        return dialog

    @property
    def dialog(self) -> QDialog | None:
        """The tag or collection dialog open, if any."""
        return self._dialogs.current

    def _open_dialog(self, dialog: QDialog) -> None:
        self._dialogs.open(dialog)

    def _on_library_articles(self, ids: tuple[int, ...] | None, label: str) -> None:
        articles = self.window.articles
        if ids is None:
            if self._library_scope is not None and articles.scope == self._library_scope:
                articles.set_scope(self.window.issues.current_query())
            self._library_scope = None
            return
        articles.narrow_to(ids)
        self._library_scope = articles.scope
        self.window.docks["articles"].show()
        self._status(self.tr("%1: %n article(s)", "", len(ids)).replace("%1", label))

    def _on_library_updated(self, ids: tuple[int, ...] | None, _label: str) -> None:
        articles = self.window.articles
        if self._library_scope is None or articles.scope != self._library_scope:
            return  # the list shows something else now
        if ids is None or ids == self._library_scope.article_ids:
            return
        current = articles.current_article_id()
        articles.narrow_to(ids)
        self._library_scope = articles.scope
        if current is not None and current in ids:
            articles.select_article(current, emit=False)

    def run_search(self, query: str) -> None:
        """Run a saved search in the search pane."""
        window = self.window
        window.docks["search"].show()
        window.docks["search"].raise_()
        window.search.search(query)

    def ask_save_search(self) -> None:
        """Ask for a name and save the search pane's query."""
        query = self.window.search.query_edit.text().strip() or self.window.search.model.query
        if not query:
            self._status(self.tr("Type a query in the search pane first."))
            return
        ask_text(
            self.window,
            self.tr("Save search"),
            self.tr("Name of the search “%1”:").replace("%1", query),
            lambda name: self.library_editor.save_search(name, query),
            object_name="saveSearchDialog",
        )

    # ----- citations

    def _cited_ids(self, listed: bool, then: Callable[[list[int]], None]) -> None:
        """The ids to cite or export: the article shown, or every article of the list."""
        if not listed:
            article = self.window.reader.article
            if article is None:
                self._status(self.tr("Choose an article first."))
                return
            then([article.id])
            return
        db = self._db
        query = self.window.articles.model.query
        self.window.runner.submit(
            self.tr("Reading the article list"),
            lambda _progress, _cancelled: listed_article_ids(db, query),
            on_finished=then,
            on_failed=lambda error: self._warn(
                self.tr("The list could not be read"), str(error), "listFailedBox"
            ),
        )

    def copy_citation(self, style: str, *, listed: bool = False) -> None:
        """Copy the citation of the article shown (or of the list) in a style."""
        db = self._db

        def cite(ids: list[int]) -> None:
            if not ids:
                self._status(self.tr("No article to cite."))
                return
            self.window.runner.submit(
                self.tr("Formatting citations"),
                lambda _progress, _cancelled: _cite(db, ids, style),
                visible=False,
                on_finished=lambda text: self._copied(text, len(ids)),
                on_failed=lambda error: self._warn(
                    self.tr("The citation could not be made"), str(error), "citeFailedBox"
                ),
            )

        self._cited_ids(listed, cite)

    def _copied(self, text: str, count: int) -> None:
        QGuiApplication.clipboard().setText(text)
        self._status(self.tr("%n citation(s) copied to the clipboard.", "", count))

    def ask_save_citation(self, *, listed: bool = False) -> QFileDialog:
        """Ask for a file (its type chooses the style) and save the citation(s) there."""
        filters = {
            self.tr("GB/T 7714 text (*.txt)"): "gbt7714",
            self.tr("RIS (*.ris)"): "ris",
            self.tr("BibTeX (*.bib)"): "bibtex",
            self.tr("CSL-JSON (*.json)"): "csl-json",
        }
        dialog = self._save_dialog(self.tr("Save citation"), "citation.txt", list(filters))

        def chosen(name: str) -> None:
            style = filters.get(dialog.selectedNameFilter(), "gbt7714")
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(citation.FILE_SUFFIXES[style])
            self.save_citation(style, path, listed=listed)

        dialog.fileSelected.connect(chosen)
        dialog.open()
        return dialog

    def save_citation(self, style: str, path: Path, *, listed: bool = False) -> None:
        """Write the citation of the article shown (or of the list) to a file."""
        db = self._db

        def write(ids: list[int]) -> None:
            def work(_progress: Any, _cancelled: Any) -> Path:
                text = _cite(db, ids, style)
                path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
                return path

            self._submit_file_task(self.tr("Saving citations"), work)

        self._cited_ids(listed, write)

    # ----- exports

    def _save_dialog(self, title: str, name: str, filters: list[str]) -> QFileDialog:
        dialog = QFileDialog(self.window, title)
        dialog.setObjectName("exportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters(filters)
        dialog.selectFile(name)
        dialog.finished.connect(dialog.deleteLater)
        return dialog

    def _submit_file_task(self, name: str, work: Callable[[Any, Any], Path]) -> None:
        self.window.runner.submit(
            name,
            work,
            on_finished=lambda path: self._status(self.tr("Saved %1").replace("%1", str(path))),
            on_failed=lambda error: self._warn(
                self.tr("The file could not be saved"), str(error), "exportFailedBox"
            ),
        )

    def export_notes(
        self,
        fmt: str,
        path: Path,
        *,
        article_ids: list[int] | None = None,
        collection_id: int | None = None,
    ) -> None:
        """Write notes and annotations (of articles, or of a collection) to a file."""
        db = self._db

        def work(progress: Any, cancelled: Any) -> Path:
            with db.read() as session:
                export.export_to_file(
                    session,
                    "notes",
                    fmt,
                    path,
                    article_ids=article_ids,
                    collection_id=collection_id,
                    progress=lambda done, total: progress(done, total, ""),
                    cancelled=cancelled,
                )
            return path

        self._submit_file_task(self.tr("Exporting notes"), work)

    def ask_export_notes(self, fmt: str) -> QFileDialog | None:
        """Ask for a file and export the notes of the article shown."""
        article = self.window.reader.article
        if article is None:
            return None
        article_id = article.id
        dialog = self._notes_dialog(fmt)
        dialog.fileSelected.connect(
            lambda name: self.export_notes(fmt, _with_suffix(name, fmt), article_ids=[article_id])
        )
        dialog.open()
        return dialog

    def ask_export_collection_notes(self, fmt: str) -> CollectionDialog:
        """Choose a collection, then a file, and export the notes of its articles."""
        node = self.library.current_node()

        def chosen(choice: CollectionDialog) -> None:
            collection_id = choice.collection_id()
            if collection_id is None:
                return
            dialog = self._notes_dialog(fmt)
            dialog.fileSelected.connect(
                lambda name: self.export_notes(
                    fmt, _with_suffix(name, fmt), collection_id=collection_id
                )
            )
            dialog.open()

        dialog = self._choose_collection(self.tr("Export the notes of a collection"), chosen)
        if node is not None and node[0] is NodeKind.COLLECTION:
            dialog.select(int(node[1] or 0))
        return dialog

    def _notes_dialog(self, fmt: str) -> QFileDialog:
        if fmt == "json":
            return self._save_dialog(
                self.tr("Export notes"), "notes.json", [self.tr("JSON (*.json)")]
            )
        return self._save_dialog(self.tr("Export notes"), "notes.md", [self.tr("Markdown (*.md)")])

    def export_list(self, path: Path) -> None:
        """Write the article list (every article of the list's query) to a CSV file."""
        db = self._db

        def write(ids: list[int]) -> None:
            def work(progress: Any, cancelled: Any) -> Path:
                with db.read() as session:
                    export.export_to_file(
                        session,
                        "articles",
                        "csv",
                        path,
                        article_ids=ids,
                        progress=lambda done, total: progress(done, total, ""),
                        cancelled=cancelled,
                    )
                return path

            self._submit_file_task(self.tr("Exporting the article list"), work)

        self._cited_ids(True, write)

    def ask_export_list(self) -> QFileDialog:
        """Ask for a file and export the article list as CSV."""
        dialog = self._save_dialog(
            self.tr("Export the article list"), "articles.csv", [self.tr("CSV (*.csv)")]
        )
        dialog.fileSelected.connect(lambda name: self.export_list(_with_suffix(name, "csv")))
        dialog.open()
        return dialog

    # ----- PDF and printing

    def export_pdf(self, path: Path) -> Path | None:
        """Save the article shown as a PDF file (None with no article)."""
        article = self.window.reader.article
        if article is None:
            return None
        try:
            written = export_pdf(article, path, self.window.reader.browser.font())
        except OSError as error:
            self._warn(self.tr("The file could not be saved"), str(error), "exportFailedBox")
            return None
        self._status(self.tr("Saved %1").replace("%1", str(written)))
        return written

    def ask_export_pdf(self) -> QFileDialog | None:
        """Ask for a file and save the article shown as PDF."""
        article = self.window.reader.article
        if article is None:
            return None
        dialog = self._save_dialog(
            self.tr("Export the article as PDF"), "article.pdf", [self.tr("PDF (*.pdf)")]
        )
        dialog.fileSelected.connect(lambda name: self.export_pdf(_with_suffix(name, "pdf")))
        dialog.open()
        return dialog

    def _print_target(self) -> tuple[ArticleDetail, QPrinter] | None:
        article = self.window.reader.article
        if article is None:
            return None
        return article, QPrinter(QPrinter.PrinterMode.HighResolution)

    def print_current(self) -> QPrintDialog | None:
        """Print the article shown (the print dialog, not blocking)."""
        target = self._print_target()
        if target is None:
            return None
        article, printer = target
        dialog = QPrintDialog(printer, self.window)
        dialog.setObjectName("printDialog")
        font = self.window.reader.browser.font()
        dialog.accepted.connect(lambda: print_article(article, printer, font))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def preview_current(self) -> QPrintPreviewDialog | None:
        """Show the print preview of the article shown."""
        target = self._print_target()
        if target is None:
            return None
        article, printer = target
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setObjectName("printPreviewDialog")
        font = self.window.reader.browser.font()
        dialog.paintRequested.connect(lambda paper: print_article(article, paper, font))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def collection_id(self, path: str) -> int | None:
        """The id of a collection by path, as the Library pane last read it."""
        return next((c.id for c in self.library.model.library.collections if c.path == path), None)


def _cite(db: Database, ids: list[int], style: str) -> str:
    with db.read() as session:
        return citation.cite(session, ids, style)


def _with_suffix(name: str, fmt: str) -> Path:
    suffix = {"markdown": ".md", "json": ".json", "csv": ".csv", "pdf": ".pdf"}[fmt]
    path = Path(name)
    return path if path.suffix else path.with_suffix(suffix)

"""The main window: reader in the centre, dock panes around it, menus, drag-and-drop import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from reader.archive import Archive
from reader.errors import NotFoundError
from reader.library import ArticleDetail, get_article
from reader.listing import has_articles
from reader.search.document import SearchHit
from ui.articles.dock import ArticlesPane
from ui.curation.feature import CurationFeature
from ui.entities.window import EntitiesFeature
from ui.importing.controller import ImportController
from ui.issues.dock import IssuesPane
from ui.maintenance.feature import MaintenanceFeature
from ui.panes import Pane
from ui.preferences.dialog import PreferencesDialog
from ui.quality.feature import QualityFeature
from ui.reader.view import ArticleReader
from ui.research.window import ResearchFeature
from ui.scan.feature import ScanFeature
from ui.search.help import QueryHelpDialog
from ui.search.index_state import IndexState, SearchIndexController
from ui.search.pane import SearchPane
from ui.search.spans import body_spans_to_blocks
from ui.settings import (
    LAST_IMPORT_FOLDER,
    READER_FONT_SIZE,
    THEME,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
    Theme,
)
from ui.tasks import TaskRunner
from ui.tasks.progress import TaskProgress
from ui.text import plain_message
from ui.theme import ThemeController
from ui.welcome.panel import WelcomePanel

if TYPE_CHECKING:  # the importer's modules load with the first import, not at start-up
    from reader.importer import ImportReport

LAYOUT_VERSION = 1
STATUS_TIMEOUT_MS = 6000
STARTUP_PANES = ("issues", "articles")  # loaded first; the other panes once these are shown
STARTUP_TIMEOUT_MS = 3000  # the other panes load by then even if the first loads failed


class MainWindow(QMainWindow):
    """The window of one open archive.

    The reader (or, on an empty archive, the welcome panel) fills the centre; panes live
    in docks that can be moved, closed, floated and restored from the View menu; their
    layout and the window geometry are remembered in the settings.

    Start-up loads the issue tree and the first articles first; the other panes, the
    search index check and other background work (:meth:`after_startup`) follow once both
    have arrived, so that they do not compete for the worker threads and the GIL.

    Signals:
        archiveChanged(): the archive's content changed (an import); panes reload.
        startupFinished(): the issue tree and the first articles were shown (or
            ``STARTUP_TIMEOUT_MS`` passed); the deferred loads have started.
    """

    archiveChanged = Signal()
    startupFinished = Signal()

    def __init__(
        self,
        archive: Archive,
        settings: Settings,
        runner: TaskRunner,
        theme: ThemeController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Build the window on an open archive.

        Args:
            archive: the archive, opened for writing.
            settings: the window settings.
            runner: the task runner for long work.
            theme: the theme controller (None: theme changes only saved).
            parent: the parent widget (none for the main window).
        """
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.archive = archive
        self.settings = settings
        self.runner = runner
        self.theme = theme
        self.panes: dict[str, Pane] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._startup_waiting: set[str] | None = set(STARTUP_PANES)  # None: start-up done
        self._after_startup: list[Callable[[], object]] = []
        self._fresh_panes: set[str] = set()  # loaded at start-up: skip the deferred reload
        self.setWindowTitle(
            self.tr("%1 — %2")
            .replace("%1", self.tr("Newspaper Archive Reader"))
            .replace("%2", str(archive.root))
        )
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )
        self.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

        self.reader = ArticleReader(self, font_size=settings.font_size())
        self.reader.fontSizeChanged.connect(self._on_font_size)
        self.reader.pageLinkActivated.connect(self.show_page)
        self.welcome = WelcomePanel(str(archive.root), self)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.reader)
        self.setCentralWidget(self.central)

        self.importer = ImportController(archive, runner, self)
        self.importer.imported.connect(self._on_imported)
        self.welcome.importRequested.connect(self.choose_files)
        self.welcome.importFolderRequested.connect(self.choose_folder)
        self.welcome.demoRequested.connect(self.importer.import_demo)

        self.issues = IssuesPane(archive.db, runner, self)
        self.articles = ArticlesPane(archive.db, runner, self)
        self.issues.queryChanged.connect(self.articles.set_scope)
        self.articles.articleSelected.connect(self.open_article)

        self.search_index = SearchIndexController(archive, runner, self)
        self.search_index.stateChanged.connect(self._on_index_state)
        self._index_state = self.search_index.state
        # Connected before the pane: after an import the index is checked, then searched.
        self.archiveChanged.connect(self.search_index.refresh)
        self.search = SearchPane(archive, runner, self.search_index, self)
        self.search.hitChosen.connect(self.open_search_hit)
        self.search.helpRequested.connect(self.show_query_help)
        self.query_help: QueryHelpDialog | None = None
        self._shown_once = False

        self.progress = TaskProgress(runner, self)
        self.statusBar().addPermanentWidget(self.progress)

        self._build_menus()
        self.add_pane(self.issues)
        self.add_pane(self.articles)
        self.add_pane(self.search)
        self.entities = EntitiesFeature(self)  # its pane, menus and reader highlights
        self.research = ResearchFeature(self)  # notes, library, bookmarks, cite, export
        self.quality = QualityFeature(self)  # the quality report: hidden pane, Tools menu
        self.scans = ScanFeature(self)  # the page's scan beside the text (View ▸ Show scan)
        self.maintenance = MaintenanceFeature(self)  # Archive menu: backups, check, export
        self.curation = CurationFeature(self)  # edit and restructure articles, History pane
        self.resizeDocks(
            [self.docks["issues"], self.docks["search"]], [300, 380], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.docks["articles"]], [300], Qt.Orientation.Vertical)
        self.restore_layout()
        self._start_up()

    # ----- panes

    def add_pane(self, pane: Pane, area: Qt.DockWidgetArea | None = None) -> QDockWidget:
        """Put a pane in a dock and list it in the View menu.

        Later panes (Search, Entities) are added the same way, before
        :meth:`restore_layout` runs; ``refresh`` reaches them after every archive change.

        Args:
            pane: the pane.
            area: where it docks (default: the pane's ``default_area``).

        Returns:
            The dock.
        """
        dock = QDockWidget(pane.title(), self)
        dock.setObjectName(f"{pane.pane_id}Dock")
        dock.setWidget(pane)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area or pane.default_area, dock)
        toggle = dock.toggleViewAction()
        toggle.setObjectName(f"show{pane.pane_id.capitalize()}Pane")
        self.panes_menu.addAction(toggle)
        self.archiveChanged.connect(lambda pane=pane: self._refresh_pane(pane))
        self.panes[pane.pane_id] = pane
        self.docks[pane.pane_id] = dock
        return dock

    # ----- start-up

    def _start_up(self) -> None:
        """Load the issue tree and the first articles now, the other panes when they arrive."""
        self.issues.loaded.connect(lambda: self._startup_loaded("issues"))
        self.articles.model.batchLoaded.connect(lambda: self._startup_loaded("articles"))
        QTimer.singleShot(STARTUP_TIMEOUT_MS, self, self._finish_startup)
        self._show_welcome_if_empty()
        self.articles.set_scope(None)  # the first batch of the whole archive
        self.issues.refresh()

    def _startup_loaded(self, pane_id: str) -> None:
        if self._startup_waiting is None:
            return
        self._startup_waiting.discard(pane_id)
        if not self._startup_waiting:
            self._finish_startup()

    def _finish_startup(self) -> None:
        """Load everything else (``archiveChanged``), then run :meth:`after_startup`'s work."""
        if self._startup_waiting is None:
            return
        self._startup_waiting = None
        self._fresh_panes = set(STARTUP_PANES)
        try:
            self.archiveChanged.emit()
        finally:
            self._fresh_panes = set()
        queued, self._after_startup = self._after_startup, []
        for fn in queued:
            QTimer.singleShot(0, self, fn)
        self.startupFinished.emit()

    @property
    def starting(self) -> bool:
        """Whether the window still waits for its first issue tree and articles."""
        return self._startup_waiting is not None

    def after_startup(self, fn: Callable[[], object]) -> None:
        """Run ``fn`` in the GUI thread once start-up is done (soon, if it is already).

        Background work that is not needed to show the window (checks, secondary loads)
        goes here so that the issue tree and the first articles arrive first.
        """
        if self._startup_waiting is None:
            QTimer.singleShot(0, self, fn)
        else:
            self._after_startup.append(fn)

    def _refresh_pane(self, pane: Pane) -> None:
        if pane.pane_id not in self._fresh_panes:
            pane.refresh()

    def restore_layout(self) -> None:
        """Restore the remembered geometry and dock layout (defaults on first start)."""
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        state = self.settings.get(WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        """Remember the geometry and the dock layout."""
        self.settings.set(WINDOW_GEOMETRY, QByteArray(self.saveGeometry()))
        self.settings.set(WINDOW_STATE, QByteArray(self.saveState(LAYOUT_VERSION)))
        self.settings.sync()

    # ----- menus

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcuts: list[QKeySequence] | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            unique: list[QKeySequence] = []
            for sequence in shortcuts:  # a repeated sequence makes the shortcut ambiguous
                if not sequence.isEmpty() and sequence not in unique:
                    unique.append(sequence)
            action.setShortcuts(unique)
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        self.import_files_action = self._action(
            file_menu,
            self.tr("&Import files…"),
            self.choose_files,
            [QKeySequence(QKeySequence.StandardKey.Open)],
            "importFiles",
        )
        self.import_folder_action = self._action(
            file_menu,
            self.tr("Import &folder…"),
            self.choose_folder,
            [QKeySequence("Ctrl+Shift+O")],
            "importFolder",
        )
        file_menu.addSeparator()
        preferences = [QKeySequence(QKeySequence.StandardKey.Preferences)]
        if preferences[0].isEmpty():
            preferences = [QKeySequence("Ctrl+,")]
        self.preferences_action = self._action(
            file_menu, self.tr("&Preferences…"), self.show_preferences, preferences, "preferences"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addSeparator()
        self.quit_action = self._action(
            file_menu,
            self.tr("&Quit"),
            self.close,
            [QKeySequence(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q")],
            "quit",
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        self.panes_menu = view_menu.addMenu(self.tr("&Panes"))
        self.panes_menu.setObjectName("panesMenu")
        view_menu.addSeparator()
        self.zoom_in_action = self._action(
            view_menu,
            self.tr("Zoom &in"),
            self.reader.zoom_in,
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
            "zoomIn",
        )
        self.zoom_out_action = self._action(
            view_menu,
            self.tr("Zoom &out"),
            self.reader.zoom_out,
            [QKeySequence(QKeySequence.StandardKey.ZoomOut), QKeySequence("Ctrl+-")],
            "zoomOut",
        )
        self.zoom_reset_action = self._action(
            view_menu,
            self.tr("&Actual size"),
            lambda: self.reader.set_font_size(READER_FONT_SIZE.default),
            [QKeySequence("Ctrl+0")],
            "zoomReset",
        )
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        theme_menu.setObjectName("themeMenu")
        self.theme_actions: dict[Theme, QAction] = {}
        group = QActionGroup(self)
        current = Theme(self.settings.get(THEME))
        for theme, label in (
            (Theme.SYSTEM, self.tr("Follow the &system")),
            (Theme.LIGHT, self.tr("&Light")),
            (Theme.DARK, self.tr("&Dark")),
        ):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(theme is current)
            action.setObjectName(f"theme{theme.value.capitalize()}")
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[theme] = action

        go_menu = bar.addMenu(self.tr("&Go"))
        go_menu.setObjectName("goMenu")
        self.previous_action = self._action(
            go_menu,
            self.tr("&Previous article"),
            self.articles.select_previous,
            [QKeySequence("Alt+Up"), QKeySequence("Ctrl+[")],
            "previousArticle",
        )
        self.next_action = self._action(
            go_menu,
            self.tr("&Next article"),
            self.articles.select_next,
            [QKeySequence("Alt+Down"), QKeySequence("Ctrl+]")],
            "nextArticle",
        )
        go_menu.addSeparator()
        self.search_action = self._action(
            go_menu,
            self.tr("&Search…"),
            self.focus_search,
            [QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("Ctrl+F")],
            "search",
        )
        self._action(
            go_menu,
            self.tr("Go to &date…"),
            self._focus_date,
            [QKeySequence("Ctrl+G")],
            "goToDate",
        )
        self._action(
            go_menu,
            self.tr("&Filter articles"),
            self._focus_filter,
            [QKeySequence("Ctrl+L")],
            "filterArticles",
        )

        tools_menu = bar.addMenu(self.tr("&Tools"))
        tools_menu.setObjectName("toolsMenu")
        self.rebuild_index_action = self._action(
            tools_menu,
            self.tr("&Rebuild search index"),
            self.rebuild_search_index,
            None,
            "rebuildSearchIndex",
        )

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.query_help_action = self._action(
            help_menu, self.tr("&Query help"), self.show_query_help, None, "queryHelp"
        )
        help_menu.addSeparator()
        self.about_action = self._action(
            help_menu, self.tr("&About"), self.show_about, None, "about"
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._action(
            help_menu,
            self.tr("About &Qt"),
            lambda: QMessageBox.aboutQt(self),
            None,
            "aboutQt",
        )

    def _focus_date(self) -> None:
        self.docks["issues"].show()
        self.docks["issues"].raise_()
        self.issues.date_edit.setFocus()

    def focus_search(self) -> None:
        """Show the search pane and put the cursor in its query field (Ctrl+F)."""
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.search.focus_query()

    def _focus_filter(self) -> None:
        self.docks["articles"].show()
        self.docks["articles"].raise_()
        self.articles.filter_edit.setFocus()
        self.articles.filter_edit.selectAll()

    # ----- archive content

    def refresh(self) -> None:
        """Reload every pane and choose between the welcome panel and the reader."""
        self._show_welcome_if_empty()
        self.archiveChanged.emit()

    def _show_welcome_if_empty(self) -> None:
        with self.archive.db.read() as session:
            empty = not has_articles(session)
        self.central.setCurrentWidget(self.welcome if empty else self.reader)

    @property
    def showing_welcome(self) -> bool:
        """Whether the welcome panel is shown (the archive is empty)."""
        return self.central.currentWidget() is self.welcome

    def open_article(self, article_id: int) -> ArticleDetail | None:
        """Show an article in the reader (-1 clears it).

        Args:
            article_id: the article's id.

        Returns:
            The article shown, or None.
        """
        if article_id < 0:
            self.reader.show_article(None)
            return None
        try:
            with self.archive.db.read() as session:
                detail = get_article(session, article_id)
        except NotFoundError:
            self.statusBar().showMessage(self.tr("This article is no longer in the archive."))
            self.reader.show_article(None)
            return None
        self.reader.show_article(detail)
        return detail

    def open_search_hit(self, hit: SearchHit) -> ArticleDetail | None:
        """Show the article of a search hit with its matches marked.

        The hit's spans are offsets in the article's body (blocks joined with newlines);
        they are cut into block offsets for the reader, and the headline's matches are
        marked too. The reader scrolls to the first match of the body.

        Returns:
            The article shown, or None when it is no longer in the archive.
        """
        detail = self.open_article(hit.id)
        if detail is None:
            return None
        pieces = body_spans_to_blocks([block.text for block in detail.blocks], hit.spans)
        self.reader.highlight_spans([(block, start, end, "search") for block, start, end in pieces])
        self.reader.highlight_fields(
            [("title", start, end, "search") for start, end in hit.title_spans]
        )
        if pieces:
            self.reader.scroll_to_block(pieces[0][0], pieces[0][1])
        return detail

    def show_page(self, issue_id: int, label: str) -> bool:
        """List the articles of a page (the target of a 下转/上接 link).

        Returns:
            False when the page is not in the archive (the status bar says so).
        """
        if self.issues.select_page(issue_id, label):
            self.docks["articles"].show()
            return True
        self.statusBar().showMessage(
            self.tr("Page %1 of this issue is not in the archive.").replace("%1", label),
            STATUS_TIMEOUT_MS,
        )
        return False

    # ----- importing

    def choose_files(self) -> None:
        """Ask for page files and import them."""
        folder = self.settings.get(LAST_IMPORT_FOLDER)
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import page files"),
            folder,
            self.tr(
                "Page files (*.txt *.text *.html *.htm *.xml *.pdf *.zip);;All files (*)"
            ),
        )
        if names:
            self.settings.set(LAST_IMPORT_FOLDER, str(Path(names[0]).parent))
            self.import_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        """Ask for a folder and import its page files (recursively)."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a folder of pages"), self.settings.get(LAST_IMPORT_FOLDER)
        )
        if folder:
            self.settings.set(LAST_IMPORT_FOLDER, folder)
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Start the import flow for files and folders (preview, confirm, import)."""
        self.importer.start(paths)

    def _on_imported(self, report: ImportReport) -> None:
        imported = sum(1 for result in report.files if result.status == "imported")
        self.statusBar().showMessage(
            self.tr("%n file(s) imported.", "", imported), STATUS_TIMEOUT_MS
        )
        self.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files and folders dragged from a file manager."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import the dropped files and folders."""
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ----- search index

    def showEvent(self, event: QShowEvent) -> None:
        """On the first show, check the search index once the window is on screen."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.after_startup(self.search_index.start)

    def rebuild_search_index(self) -> bool:
        """Rebuild the search index in the background (Tools menu).

        Returns:
            False when a rebuild is already running.
        """
        if self.search_index.rebuild() is None:
            self.statusBar().showMessage(
                self.tr("The search index is already being rebuilt."), STATUS_TIMEOUT_MS
            )
            return False
        return True

    def _on_index_state(self, state: IndexState) -> None:
        previous, self._index_state = self._index_state, state
        if previous is IndexState.REBUILDING and state is IndexState.READY:
            self.statusBar().showMessage(self.tr("Search index rebuilt."), STATUS_TIMEOUT_MS)
        elif state is IndexState.UNAVAILABLE:
            self.statusBar().showMessage(
                self.tr("The search index is not available: %1").replace(
                    "%1", self.search_index.error
                ),
                STATUS_TIMEOUT_MS,
            )

    def show_query_help(self) -> QueryHelpDialog:
        """Show the query language (one non-modal dialog, raised when already open)."""
        if self.query_help is None:
            self.query_help = QueryHelpDialog(self)
        self.query_help.show()
        self.query_help.raise_()
        self.query_help.activateWindow()
        return self.query_help

    # ----- preferences

    def _on_font_size(self, points: int) -> None:
        self.settings.set(READER_FONT_SIZE, points)

    def set_theme(self, theme: Theme) -> None:
        """Switch the theme and remember it."""
        self.settings.set(THEME, theme.value)
        self.theme_actions[theme].setChecked(True)
        if self.theme is not None:
            self.theme.apply(theme)

    def show_preferences(self) -> PreferencesDialog:
        """Open the preferences dialog (non-blocking); changes apply when accepted."""
        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(lambda: self._apply_preferences(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _apply_preferences(self, dialog: PreferencesDialog) -> None:
        dialog.save()
        self.set_theme(Theme(self.settings.get(THEME)))
        self.reader.set_font_size(self.settings.font_size())

    def show_about(self) -> None:
        """Tell what the program is and which archive is open."""
        text = "\n\n".join(
            (
                self.tr("Newspaper Archive Reader"),
                self.tr(
                    "An offline reader for archives of Chinese newspapers: import page "
                    "files, browse issues, read and study articles."
                ),
                self.tr("Archive: %1").replace("%1", str(self.archive.root)),
            )
        )
        plain_message(self, QMessageBox.Icon.Information, self.tr("About"), text).open()

    # ----- closing

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the layout, then stop every task (cancel and wait) before closing."""
        self.save_layout()
        self.runner.shutdown()
        super().closeEvent(event)

"""The search pane: query field, sort, explain, highlighted hits loaded page by page, facets."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.archive import Archive
from reader.errors import QuerySyntaxError
from reader.search.document import SearchHit, SearchResults
from ui.panes import Pane
from ui.search.delegate import SearchHitDelegate
from ui.search.facets import FacetView, narrow_query
from ui.search.index_state import IndexState, SearchIndexController
from ui.search.model import SORTS, SearchResultsModel
from ui.tasks import TaskRunner
from ui.text import plain_label


def explain_query(archive: Archive, query: str) -> str:
    """How the index reads a query (on a worker: it loads the segmenter); errors as text."""
    try:
        return archive.search.index.explain(query)
    except QuerySyntaxError as error:
        return str(error)


class SearchPane(Pane):
    """Full-text search of the archive.

    The query runs on the task runner once the index is ready (a query typed while the
    index is checked or rebuilt waits and runs then). Choosing a hit emits ``hitChosen``;
    the window opens the article with the matches marked.

    Signals:
        hitChosen(hit): the user chose a hit (a ``SearchHit``).
        helpRequested(): the user asked for the query help.
    """

    pane_id = "search"
    default_area = Qt.DockWidgetArea.RightDockWidgetArea
    hitChosen = Signal(object)
    helpRequested = Signal()

    def __init__(
        self,
        archive: Archive,
        runner: TaskRunner,
        index: SearchIndexController,
        parent: QWidget | None = None,
    ) -> None:
        """Create the pane.

        Args:
            archive: the open archive.
            runner: the task runner (searches are reading tasks).
            index: the controller of the archive's search index.
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("searchPane")
        self._archive = archive
        self._runner = runner
        self.index = index
        self._pending: tuple[str, str] | None = None
        self._explain_generation = 0

        def search(query: str, page: int, page_size: int, sort: str) -> SearchResults:
            return archive.search.search(query, page=page, page_size=page_size, sort=sort)

        self.model = SearchResultsModel(search, runner, self)
        self.model.resultsReady.connect(self._on_results)
        self.model.searchFailed.connect(self._on_failed)
        self.model.loadingChanged.connect(lambda _loading: self._update_status())

        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setPlaceholderText(self.tr('Words, "a phrase", title:…, date:1998-01'))
        self.query_edit.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setObjectName("searchButton")
        self.search_button.clicked.connect(self.search)

        self.sort_combo = QComboBox(self)
        self.sort_combo.setObjectName("searchSort")
        for sort, label in zip(
            SORTS,
            (self.tr("Relevance"), self.tr("Newest first"), self.tr("Oldest first")),
            strict=True,
        ):
            self.sort_combo.addItem(label, sort)
        self.sort_combo.currentIndexChanged.connect(self._on_sort)
        self.explain_button = QToolButton(self)
        self.explain_button.setObjectName("searchExplain")
        self.explain_button.setText(self.tr("Explain"))
        self.explain_button.setToolTip(self.tr("Show how the query is segmented and read"))
        self.explain_button.setCheckable(True)
        self.explain_button.toggled.connect(self._on_explain_toggled)
        self.help_button = QToolButton(self)
        self.help_button.setObjectName("searchHelp")
        self.help_button.setText("?")
        self.help_button.setToolTip(self.tr("Query help"))
        self.help_button.clicked.connect(self.helpRequested)
        self.count_label = plain_label("", self)
        self.count_label.setObjectName("searchCount")

        self.message_label = plain_label("", self)
        self.message_label.setObjectName("searchMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setVisible(False)

        self.explain_view = QPlainTextEdit(self)
        self.explain_view.setObjectName("searchExplanation")
        self.explain_view.setReadOnly(True)
        self.explain_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.explain_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.explain_view.setVisible(False)

        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchHitDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(True)
        self.results.selectionModel().currentChanged.connect(self._on_current)
        self.results.activated.connect(self._choose)

        self.facets = FacetView(self)
        self.facets.facetChosen.connect(self.narrow)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("searchSplitter")
        self.splitter.addWidget(self.explain_view)
        self.splitter.addWidget(self.results)
        self.splitter.addWidget(self.facets)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)

        query_row = QHBoxLayout()
        query_row.addWidget(self.query_edit, 1)
        query_row.addWidget(self.search_button)
        options_row = QHBoxLayout()
        options_row.addWidget(self.sort_combo)
        options_row.addWidget(self.explain_button)
        options_row.addWidget(self.help_button)
        options_row.addStretch(1)
        options_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(query_row)
        layout.addLayout(options_row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.splitter, 1)

        index.stateChanged.connect(self._on_index_state)
        index.ready.connect(self._on_index_ready)

    def title(self) -> str:
        """The dock title."""
        return self.tr("Search")

    def refresh(self) -> None:
        """Run the query shown again after the archive changed (an import)."""
        if self.model.query:
            self._run(self.model.query, self.model.sort)

    # ----- searching

    @property
    def sort(self) -> str:
        """The order chosen: ``relevance``, ``date`` or ``date_asc``."""
        return str(self.sort_combo.currentData())

    @property
    def waiting(self) -> bool:
        """Whether a query waits for the index (checked or rebuilt)."""
        return self._pending is not None

    def focus_query(self) -> None:
        """Put the cursor in the query field, its text selected (Ctrl+F)."""
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def search(self, query: str | None = None) -> None:
        """Run the query typed (or ``query``, which is put in the field)."""
        if isinstance(query, str):
            self.query_edit.setText(query)
        text = self.query_edit.text().strip()
        self._show_message("")
        if not text:
            self._pending = None
            self.model.clear()
            self.facets.set_facets({})
            self._update_status()
            return
        self._run(text, self.sort)
        if self.explain_button.isChecked():
            self._explain(text)

    def narrow(self, name: str, value: str) -> None:
        """Narrow the query to a facet value (``publication``, ``date`` or ``page``)."""
        base = self.query_edit.text().strip() or self.model.query
        self.search(narrow_query(base, name, value))

    def _run(self, query: str, sort: str) -> None:
        if not self.index.is_ready:
            self._pending = (query, sort)
            if self.index.state is IndexState.UNCHECKED:
                self.index.start()
            elif self.index.state is IndexState.UNAVAILABLE:
                self.index.check()
            if self._pending is not None:  # still waiting (a synchronous runner may be done)
                self._update_status()
            return
        self._pending = None
        self.model.set_query(query, sort)
        self._update_status()

    def _on_index_ready(self) -> None:
        if self._pending is not None:
            query, sort = self._pending
            self._pending = None
            self._run(query, sort)

    def _on_sort(self, _index: int) -> None:
        query = self._pending[0] if self._pending else self.model.query
        if query:
            self._run(query, self.sort)

    def _on_results(self, _total: int) -> None:
        self.facets.set_facets(self.model.facets)
        self._update_status()
        if self.model.rowCount():
            self.results.scrollToTop()

    def _on_failed(self, message: str, syntax: bool) -> None:
        self.facets.set_facets({})
        if syntax:
            self._show_message(self.tr("The query cannot be read: %1").replace("%1", message))
        else:
            self._show_message(self.tr("The search failed: %1").replace("%1", message))
        self._update_status()

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _update_status(self) -> None:
        state = self.index.state
        if self._pending is not None or state is IndexState.REBUILDING:
            if state is IndexState.REBUILDING:
                text = self.tr("Rebuilding the search index…")
            elif state is IndexState.UNAVAILABLE:
                text = self.tr("The search index is not available.")
            else:
                text = self.tr("Opening the search index…")
        elif self.model.loading and self.model.rowCount() == 0:
            text = self.tr("Searching…")
        elif self.model.query and not self.message_label.text():
            text = self.tr("%n article(s) found", "", self.model.total)
        else:
            text = ""
        self.count_label.setText(text)

    def _on_index_state(self, state: IndexState) -> None:
        if state is IndexState.UNAVAILABLE and self._pending is not None:
            self._show_message(
                self.tr("The search index could not be prepared: %1").replace(
                    "%1", self.index.error
                )
            )
        self._update_status()

    # ----- explain

    def _on_explain_toggled(self, checked: bool) -> None:
        self.explain_view.setVisible(checked)
        text = self.query_edit.text().strip() or self.model.query
        if checked and text:
            self._explain(text)

    def _explain(self, query: str) -> None:
        self._explain_generation += 1
        generation = self._explain_generation
        archive = self._archive
        archive.search  # noqa: B018 - bound in the GUI thread before workers use it
        self.explain_view.setPlainText(self.tr("Reading the query…"))
        self._runner.submit(
            self.tr("Explaining the query"),
            lambda _progress, _cancelled: explain_query(archive, query),
            visible=False,
            on_finished=lambda text: self._on_explained(generation, text),
            on_failed=lambda error: self._on_explained(generation, str(error)),
        )

    def _on_explained(self, generation: int, text: str) -> None:
        if generation == self._explain_generation:
            self.explain_view.setPlainText(text)

    # ----- hits

    def current_hit(self) -> SearchHit | None:
        """The hit selected."""
        index = self.results.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else None

    def choose_row(self, row: int) -> bool:
        """Select a hit (as a click would) and open it.

        Returns:
            False when there is no such row.
        """
        if not 0 <= row < self.model.rowCount():
            return False
        index = self.model.index(row, 0)
        if self.results.currentIndex() == index:
            self._choose(index)
        else:
            self.results.setCurrentIndex(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._choose(current)

    def _choose(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row()) if index.isValid() else None
        if hit is not None:
            self.hitChosen.emit(hit)

"""The search results model: pages of hits read on the task runner, newer queries win."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from reader.errors import QuerySyntaxError, ReaderError
from reader.search.document import SearchHit, SearchResults
from ui.itemmodels import with_role_names
from ui.tasks import TaskRunner
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
logger = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 30
SORTS = ("relevance", "date", "date_asc")

SearchFn = Callable[[str, int, int, str], SearchResults]
"""``search(query, page, page_size, sort) -> SearchResults``; runs on a worker thread."""


class Role(IntEnum):
    """Data roles of the search results."""

    HitId = Qt.ItemDataRole.UserRole + 1
    Title = Qt.ItemDataRole.UserRole + 2
    TitleSpans = Qt.ItemDataRole.UserRole + 3
    Meta = Qt.ItemDataRole.UserRole + 4
    Snippet = Qt.ItemDataRole.UserRole + 5
    SnippetSpans = Qt.ItemDataRole.UserRole + 6
    Spans = Qt.ItemDataRole.UserRole + 7
    Hit = Qt.ItemDataRole.UserRole + 8


@dataclass(slots=True)
class LoadedPage:
    """What a background search hands back, tagged with the query generation it answers.

    Attributes:
        generation: the model's query generation when the search was asked for.
        page: the 1-based page of results.
        results: the results, or None when the query could not run.
        error: why it could not run, for the user.
        syntax: the error is a malformed query (the user's to fix).
    """

    generation: int
    page: int
    results: SearchResults | None = None
    error: str = ""
    syntax: bool = False


def run_search(
    search: SearchFn, query: str, page: int, page_size: int, sort: str, generation: int
) -> LoadedPage:
    """Run one page of a search (on a worker thread); errors come back as data, never raised."""
    try:
        results = search(query, page, page_size, sort)
    except QuerySyntaxError as error:
        return LoadedPage(generation, page, error=str(error), syntax=True)
    except ReaderError as error:
        logger.warning("Search failed: %s", error)
        return LoadedPage(generation, page, error=str(error))
    return LoadedPage(generation, page, results)


@dataclass(slots=True)
class _State:
    query: str = ""
    sort: str = "relevance"
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    pages: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class SearchResultsModel(QAbstractListModel):
    """The hits of a query, one page at a time as the view scrolls (``fetchMore``).

    Every search runs on the task runner as a reading task. A new query (or sort) starts
    a new generation: pages answering an older one are dropped when they arrive, so a
    slow query never overwrites the results of the query typed after it.

    Signals:
        resultsReady(total): the first page of a query arrived (total matches).
        searchFailed(message, syntax): the query could not run (``syntax``: malformed).
        facetsChanged(facets): facet counts of the query's matches.
        loadingChanged(loading): a page is being read, or not any more.
    """

    resultsReady = Signal(int)
    searchFailed = Signal(str, bool)
    facetsChanged = Signal(object)
    loadingChanged = Signal(bool)

    def __init__(
        self,
        search: SearchFn,
        runner: TaskRunner,
        parent: QObject | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        """Create an empty model.

        Args:
            search: runs one page of a query (called on a worker thread).
            runner: the task runner.
            parent: the owning QObject.
            page_size: hits read per page.
        """
        super().__init__(parent)
        self._search = search
        self._runner = runner
        self._page_size = page_size
        self._state = _State()
        self._generation = 0
        self._loading = False
        self._active = False
        self._changing = False

    # ----- queries

    @property
    def query(self) -> str:
        """The query shown (empty: none)."""
        return self._state.query

    @property
    def sort(self) -> str:
        """The order of the hits: ``relevance``, ``date`` (newest first) or ``date_asc``."""
        return self._state.sort

    @property
    def total(self) -> int:
        """How many articles match (loaded or not)."""
        return self._state.total

    @property
    def facets(self) -> dict[str, dict[str, int]]:
        """Facet counts of all matches."""
        return self._state.facets

    @property
    def loading(self) -> bool:
        """Whether a page is being read."""
        return self._loading

    def set_query(self, query: str, sort: str = "relevance") -> None:
        """Search for ``query`` from its first page (an empty query clears the results)."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        self._restart(query.strip(), sort)
        if self._state.query:
            self._active = True
            self._request(1)
        else:
            self._active = False

    def clear(self) -> None:
        """Show nothing; answers still on their way are dropped."""
        self._active = False
        self._restart("", self._state.sort)

    def _restart(self, query: str, sort: str) -> None:
        self._generation += 1
        self._set_loading(False)
        self._changing = True
        try:
            self.beginResetModel()
            self._state = _State(query=query, sort=sort)
            self.endResetModel()
        finally:
            self._changing = False
        self.facetsChanged.emit({})

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

    def _request(self, page: int) -> None:
        self._set_loading(True)
        generation = self._generation
        search, size = self._search, self._page_size
        query, sort = self._state.query, self._state.sort
        self._runner.submit(
            self.tr("Searching"),
            lambda _progress, _cancelled: run_search(search, query, page, size, sort, generation),
            visible=False,
            on_finished=self._on_loaded,
            on_failed=lambda error: self._on_loaded(
                LoadedPage(generation, page, error=str(error) or type(error).__name__)
            ),
        )

    def _on_loaded(self, loaded: LoadedPage) -> None:
        if loaded.generation != self._generation:
            return  # an answer to an older query
        self._set_loading(False)
        results = loaded.results
        if results is None:
            self._active = False
            self.searchFailed.emit(loaded.error, loaded.syntax)
            return
        state = self._state
        known = {hit.id for hit in state.hits}
        new = [hit for hit in results.hits if hit.id not in known]  # an import moved ranks
        state.pages = loaded.page
        state.total = results.total
        if new:
            start = len(state.hits)
            self._changing = True
            try:
                self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
                state.hits.extend(new)
                self.endInsertRows()
            finally:
                self._changing = False
        if len(results.hits) < self._page_size:
            state.total = len(state.hits)  # the last page: nothing more to ask for
        if loaded.page == 1:
            state.facets = results.facets
            self.facetsChanged.emit(results.facets)
            self.resultsReady.emit(results.total)

    # ----- hits

    def hit(self, row: int) -> SearchHit | None:
        """The hit on a row (None out of range)."""
        hits = self._state.hits
        return hits[row] if 0 <= row < len(hits) else None

    def row_of(self, article_id: int) -> int | None:
        """The row of an article among the hits loaded."""
        for row, hit in enumerate(self._state.hits):
            if hit.id == article_id:
                return row
        return None

    def meta_text(self, hit: SearchHit) -> str:
        """The publication, date and pages of a hit in one line."""
        parts = [hit.publication] if hit.publication else []
        parts.append(hit.date.isoformat() if hit.date else self.tr("undated"))
        if hit.pages:
            parts.append(self.tr("page %1").replace("%1", "、".join(hit.pages)))
        return " · ".join(parts)

    def title_text(self, hit: SearchHit) -> str:
        """The headline shown for a hit."""
        return hit.title or self.tr("(untitled)")

    # ----- lazy loading

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether another page can be asked for now (none while one is on its way)."""
        state = self._state
        return (
            not parent.isValid()
            and self._active
            and not self._loading
            and not self._changing
            and state.pages > 0
            and len(state.hits) < state.total
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Ask for the next page (its hits are added when it arrives)."""
        if self.canFetchMore(parent):
            self._request(self._state.pages + 1)

    # ----- QAbstractListModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Hits loaded so far."""
        return 0 if parent.isValid() else len(self._state.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a hit for a role (every string is plain text)."""
        if not index.isValid() or index.column() != 0:
            return None
        hit = self.hit(index.row())
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.title_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.title_text(hit), self.meta_text(hit)]
            if hit.snippet_text:
                lines.append(hit.snippet_text)
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.FontRole and not hit.title:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Role.HitId:
            return hit.id
        if role == Role.Title:
            return hit.title
        if role == Role.TitleSpans:
            return list(hit.title_spans)
        if role == Role.Meta:
            return self.meta_text(hit)
        if role == Role.Snippet:
            return hit.snippet_text
        if role == Role.SnippetSpans:
            return list(hit.snippet_spans)
        if role == Role.Spans:
            return list(hit.spans)
        if role == Role.Hit:
            return hit
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Hits can be selected, never edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, bytes]:
        """Role names (for QML and debugging)."""
        return with_role_names(super().roleNames(), Role)

"""Keeping the search index usable: checked off the GUI thread, rebuilt in the background."""

from __future__ import annotations

import logging
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.archive import Archive
from ui.tasks import TaskHandle, TaskRunner
from ui.tasks.runner import CancelledFn, ProgressFn

if TYPE_CHECKING:
    from reader.indexing import ArchiveSearch
    from reader.search.index import IndexStatus

logger = logging.getLogger(__name__)


class IndexState(Enum):
    """Where the search index is, as the window sees it."""

    UNCHECKED = "unchecked"  #: not looked at yet (before the window was shown)
    CHECKING = "checking"  #: its stamp is being checked, or it is being opened
    REBUILDING = "rebuilding"  #: being rebuilt from the database
    READY = "ready"  #: open and current: searches run
    UNAVAILABLE = "unavailable"  #: a rebuild failed or was cancelled


class SearchIndexController(QObject):
    """Checks, opens and rebuilds the archive's search index through the task runner.

    The check (reading the index's stamp) is a reading task; opening and rebuilding are
    writing tasks, so they never run beside an import, which updates the index too (the
    Whoosh index has a single writer). A rebuild is a visible task: the status bar shows
    its progress and offers Cancel.

    Signals:
        stateChanged(state): the state changed (an ``IndexState``).
        ready(): the index is open and current; pending searches may run.
    """

    stateChanged = Signal(object)
    ready = Signal()

    def __init__(self, archive: Archive, runner: TaskRunner, parent: QObject | None = None) -> None:
        """Follow the search index of an archive (nothing is read before :meth:`start`).

        Args:
            archive: the open archive.
            runner: the task runner.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self._state = IndexState.UNCHECKED
        self._generation = 0
        self._rebuild: TaskHandle | None = None
        self.error = ""

    @property
    def state(self) -> IndexState:
        """The state now."""
        return self._state

    @property
    def is_ready(self) -> bool:
        """Whether searches can run now."""
        return self._state is IndexState.READY

    def _search(self) -> ArchiveSearch:
        return self._archive.search  # bound in the GUI thread, then shared with workers

    def _set_state(self, state: IndexState, error: str = "") -> None:
        self.error = error
        if state is self._state:
            return
        self._state = state
        self.stateChanged.emit(state)
        if state is IndexState.READY:
            self.ready.emit()

    def start(self) -> None:
        """Check the index for the first time (called once the window is shown)."""
        if self._state is IndexState.UNCHECKED:
            self.check()

    def refresh(self) -> None:
        """Check again after the archive changed (an import may have left it behind)."""
        if self._state is not IndexState.UNCHECKED:
            self.check()

    def check(self) -> None:
        """Check the index off the GUI thread; open it if current, else rebuild it."""
        if self._state is IndexState.REBUILDING:
            return  # the rebuild ends with a current, open index
        self._generation += 1
        generation = self._generation
        search = self._search()
        self._set_state(IndexState.CHECKING)
        self._runner.submit(
            self.tr("Checking the search index"),
            lambda _progress, _cancelled: search.status(),
            visible=False,
            on_finished=lambda status: self._on_checked(generation, status),
            on_failed=lambda error: self._on_failed(generation, error),
            on_cancelled=lambda: self._on_cancelled(generation),
        )

    def _on_checked(self, generation: int, status: IndexStatus) -> None:
        if generation != self._generation:
            return
        from reader.search.index import IndexStatus

        search = self._search()
        if status is IndexStatus.OK and search.index.is_open:
            self._set_state(IndexState.READY)  # kept current by the imports
        elif status is IndexStatus.OK:
            # Opening is a writing task: it never closes the index under an import.
            self._runner.submit(
                self.tr("Opening the search index"),
                lambda progress, cancelled: search.ensure_current(progress, cancelled),
                writes=True,
                visible=False,
                on_finished=lambda _rebuilt: self._on_ready(generation),
                on_failed=lambda error: self._on_failed(generation, error),
                on_cancelled=lambda: self._on_cancelled(generation),
            )
        else:
            logger.info("Search index is %s: rebuilding it", status)
            self._start_rebuild(generation, force=False)

    def rebuild(self) -> TaskHandle | None:
        """Rebuild the index from the database in the background, whatever its state.

        Returns:
            The rebuild task, or None when one is already running.
        """
        if self._state is IndexState.REBUILDING:
            return None
        self._generation += 1
        return self._start_rebuild(self._generation, force=True)

    def _start_rebuild(self, generation: int, *, force: bool) -> TaskHandle:
        search = self._search()
        self._set_state(IndexState.REBUILDING)

        def work(progress: ProgressFn, cancelled: CancelledFn) -> int:
            if force:
                return search.rebuild(progress, cancelled)
            search.ensure_current(progress, cancelled)
            return -1

        self._rebuild = self._runner.submit(
            self.tr("Rebuilding the search index"),
            work,
            writes=True,
            on_finished=lambda _count: self._on_ready(generation),
            on_failed=lambda error: self._on_failed(generation, error),
            on_cancelled=lambda: self._on_cancelled(generation),
        )
        return self._rebuild

    def _on_ready(self, generation: int) -> None:
        self._rebuild = None
        if generation == self._generation:
            self._set_state(IndexState.READY)

    def _on_failed(self, generation: int, error: BaseException) -> None:
        self._rebuild = None
        if generation == self._generation:
            self._set_state(IndexState.UNAVAILABLE, str(error) or type(error).__name__)

    def _on_cancelled(self, generation: int) -> None:
        self._rebuild = None
        if generation != self._generation:
            return
        if self._archive.search.index.is_open:  # an older index is still usable
            self._set_state(IndexState.READY)
        else:
            self._set_state(IndexState.UNAVAILABLE, self.tr("The rebuild was cancelled."))

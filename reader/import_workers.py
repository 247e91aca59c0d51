"""The import's language work in worker processes: read, parse, segment, tag, index terms.

The import has one writer for the database and one for the search index, both in the
importing process. Everything before them is independent per file and pure Python, so it
runs in worker processes (``spawn`` start method: safe after threads and Qt, the same on
every platform). Each worker loads the segmenter, the entity extractor and the search
analyzer once, and turns a file into plain picklable data: the file's pages
(:class:`reader.formats.model.SourcePage`, as :func:`reader.formats.dispatch.iter_pages`
reads them) with, for each article part, its entity mentions and its search index fields
already encoded. The importing process then only stores.

:func:`prepare_file` is the one function both paths run: in a worker, or in the importing
process itself for small imports and in tests.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.analysis import ArticleAnalyzer, PartAnalysis, PartText
from reader.formats.dispatch import iter_pages
from reader.formats.model import Limits, PageOutcome, SourcePage
from reader.parsing.model import ParsedPage

if TYPE_CHECKING:
    from reader.entities.rules import CorrectionRules
    from reader.search.analyzer import Analyzer
    from reader.segment import Segmenter

logger = logging.getLogger(__name__)

#: Imports of fewer files run in the importing process (starting workers costs ~1–2 s).
MIN_FILES_FOR_WORKERS = 24
#: Files handed to the workers ahead of the writer, per worker (bounds memory).
AHEAD_PER_WORKER = 3
#: How much lower the workers' scheduling priority is than the writers' (POSIX ``nice``).
WORKER_NICENESS = 5

Prepared = list[tuple[PageOutcome, list[PartAnalysis] | None]]
"""A file's pages as read, each with the analysis of its article parts (None: not a page)."""


#: Environment variable: how many worker processes a large import uses (0: none, all in
#: the importing process — the test suite sets it so that tests stay quick).
WORKERS_VARIABLE = "BAOKAN_IMPORT_WORKERS"


def default_workers() -> int:
    """Worker processes for a large import: one per core, at most four (or as configured)."""
    configured = os.environ.get(WORKERS_VARIABLE, "").strip()
    if configured.isdigit():
        return int(configured)
    return max(1, min(4, os.cpu_count() or 1))


def analyze_page(
    parsed: ParsedPage, analyzer: ArticleAnalyzer, search: Analyzer | None = None
) -> list[PartAnalysis]:
    """The one language pass over every article part of a page.

    Args:
        parsed: the page's articles.
        analyzer: segmentation and entity tagging.
        search: the search analyzer; when given, each part also gets its title and text
            index fields (``PartAnalysis.search``), and parts that do not continue on
            another page drop their tokens (their article is the part: the index fields
            are all the index needs).

    Returns:
        One analysis per article part, in page order.
    """
    analyses = []
    for article in parsed.articles:
        part = PartText.from_parsed(article)
        analysis = analyzer.analyze(part)
        if search is not None:
            analysis.search = prepare_part_fields(search, part, analysis)
            if not (article.continues_to or article.continued_from):
                analysis.tokens = {}
        analyses.append(analysis)
    return analyses


def prepare_part_fields(search: Analyzer, part: PartText, analysis: PartAnalysis) -> dict[str, Any]:
    """The search index fields of a part read as a whole article, with what they were made of.

    Returns:
        ``{"fields": {index field: PreparedPostings}, "source": (title, subtitle, body
        length, credit, authors)}``; the index uses the fields only when the stored
        article still has exactly that text (``reader.indexing.documents_for`` checks).
    """
    from reader.search.document import SearchDocument
    from reader.search.index import prepare_text_fields

    authors: list[str] = []
    for name in part.authors:
        if name not in authors:
            authors.append(name)
    tokens = analysis.tokens
    document = SearchDocument(
        id=0,
        title=part.title,
        subtitle=part.subtitle,
        body=part.body,
        authors=authors,
        credit=part.credit or "",
        title_tokens=tokens.get("title"),
        subtitle_tokens=tokens.get("subtitle"),
        body_tokens=tokens.get("body"),
    )
    return {
        "fields": prepare_text_fields(search, document),
        "source": search_source(part.title, part.subtitle, len(part.body), part.credit, authors),
    }


def search_source(
    title: str | None,
    subtitle: str | None,
    body_length: int,
    credit: str | None,
    authors: Sequence[str],
) -> tuple[str, str, int, str, tuple[str, ...]]:
    """What prepared index fields were made of (compared with the stored article)."""
    return (title or "", subtitle or "", body_length, credit or "", tuple(authors))


def prepare_file(
    path: Path,
    *,
    limits: Limits,
    analyzer: ArticleAnalyzer,
    search: Analyzer | None,
    is_known: Callable[[str], bool],
) -> Iterator[tuple[PageOutcome, list[PartAnalysis] | None]]:
    """Read a file's pages and analyze each (the step between a file and the writers).

    Args:
        path: the file.
        limits: limits for untrusted input.
        analyzer: segmentation and entity tagging.
        search: the search analyzer (see :func:`analyze_page`).
        is_known: tells whether a page checksum is stored already.

    Yields:
        Each outcome of :func:`reader.formats.dispatch.iter_pages`, with the analyses of
        its article parts for a page to store (None otherwise).
    """
    pages = iter_pages(
        path, limits=limits, is_word=analyzer.segmenter.in_dictionary, is_known=is_known
    )
    try:
        for outcome in pages:
            if isinstance(outcome, SourcePage):
                yield outcome, analyze_page(outcome.parsed, analyzer, search)
            else:
                yield outcome, None
    finally:
        pages.close()


# ------------------------------------------------------------------------ worker processes


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """What a worker process needs to start: where the archive is, the import's limits."""

    database: Path
    cache_dir: Path
    limits: Limits


class _WorkerState:
    """One worker's loaded tools (built once per process)."""

    def __init__(self, config: WorkerConfig) -> None:
        from sqlalchemy.orm import Session

        from db.engine import make_engine
        from reader.entities.store import load_rules
        from reader.search.analyzer import Analyzer
        from reader.segment import Segmenter

        self.config = config
        self.engine = make_engine(config.database, write=False)
        with Session(self.engine) as session:
            rules: CorrectionRules = load_rules(session)
        segmenter: Segmenter = Segmenter(config.cache_dir)
        self.analyzer = ArticleAnalyzer(segmenter, rules)
        self.search = Analyzer(segmenter)
        segmenter.cut("预热")  # load the dictionary now, not in the first file
        _ = self.analyzer.extractor

    def is_known(self, sha256: str) -> bool:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from db.models import Page

        with Session(self.engine) as session:
            found = session.scalar(select(Page.id).where(Page.sha256 == sha256).limit(1))
            session.rollback()
        return found is not None

    def prepare(self, path: Path) -> Prepared:
        return list(
            prepare_file(
                path,
                limits=self.config.limits,
                analyzer=self.analyzer,
                search=self.search,
                is_known=self.is_known,
            )
        )


_STATE: _WorkerState | None = None


def _exit_with_parent() -> None:
    """End this worker when the importing process ends, even if it was killed.

    A killed parent never tells its pool; without this its workers would wait forever
    for files (each holding its dictionaries in memory).
    """
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - always a child here
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker_init(config: WorkerConfig) -> None:
    global _STATE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the importing process's
    _exit_with_parent()
    if hasattr(os, "nice"):
        # The two writers are the pipeline's narrow stages: with more processes than
        # cores, they get the CPU first and the workers fill the gaps.
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)
    _STATE = _WorkerState(config)


def _worker_prepare(path: Path) -> Prepared:
    if _STATE is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("import worker not initialised")
    return _STATE.prepare(path)


class WorkerPool:
    """Worker processes preparing files in order, a few files ahead of the writer.

    Use as a context manager; :meth:`results` yields each file's prepared pages in the
    order of the files given. Leaving the context stops the workers at once (files being
    prepared are dropped: nothing of them was stored).
    """

    def __init__(self, config: WorkerConfig, workers: int) -> None:
        """Start ``workers`` processes (they load their dictionaries in the background)."""
        self._workers = workers
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context("spawn"),
            initializer=_worker_init,
            initargs=(config,),
        )

    def results(self, paths: Sequence[Path]) -> Iterator[Future[Prepared]]:
        """Futures of the prepared files, in order; at most a few are in flight at a time."""
        pending: deque[Future[Prepared]] = deque()
        ahead = max(2, self._workers * AHEAD_PER_WORKER)
        upcoming = iter(paths)
        for path in upcoming:
            pending.append(self._executor.submit(_worker_prepare, path))
            if len(pending) >= ahead:
                break
        while pending:
            future = pending.popleft()
            yield future
            for path in upcoming:
                pending.append(self._executor.submit(_worker_prepare, path))
                break

    def close(self) -> None:
        """Stop the workers now, whatever they are doing."""
        processes = list(getattr(self._executor, "_processes", {}).values())
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ------------------------------------------------------------------- the index writer process


def _index_main(tasks: Any, answers: Any, root: Path) -> None:
    """The index writer process: write each batch received, answer True/False; stop on None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    from db.engine import Database
    from reader.indexing import ArchiveSearch
    from reader.paths import ArchivePaths
    from reader.segment import Segmenter

    paths = ArchivePaths(root)
    database = Database(paths.database)
    search = ArchiveSearch(paths, database, Segmenter(paths.cache_dir / "jieba"))
    search.index.merge_limit = None  # a large import: merge as the policy says
    try:
        while True:
            batch = tasks.get()
            if batch is None:
                break
            try:
                answers.put(search.write_changes(batch))
            except Exception as error:  # a bug of ours: the index is stale, rebuilt later
                logger.exception("Writing the search index failed")
                answers.put(repr(error))
    finally:
        search.close()
        database.dispose()


class IndexProcess:
    """The search index's one writer during a large import, in its own process.

    The importing process builds each batch (:meth:`ArchiveSearch.changes_for`: database
    reads, index fields) and hands it over; the writing (segments, merges, stamp) runs
    here in parallel with the next pages being stored. Batches are written in order; up to
    :data:`MAX_PENDING` wait in the queue, so that a long merge does not hold up storing.
    """

    MAX_PENDING = 2

    def __init__(self, root: Path) -> None:
        """Start the process for the archive at ``root`` (it opens the index itself)."""
        context = get_context("spawn")
        self._tasks = context.Queue()
        self._answers = context.Queue()
        self._process = context.Process(
            target=_index_main,
            args=(self._tasks, self._answers, root),
            name="search-index-writer",
            daemon=True,
        )
        self._process.start()
        self._pending = 0
        self.submitted = 0  #: batches handed over so far
        self.failed = False

    def _answer(self) -> bool:
        """Wait for the outcome of the oldest batch in flight."""
        import queue

        while True:
            try:
                answer = self._answers.get(timeout=1.0)
                break
            except queue.Empty:
                if not self._process.is_alive():
                    self.failed = True
                    self._pending = 0
                    logger.warning("The search index writer stopped; the index will be rebuilt")
                    return False
        self._pending -= 1
        if answer is not True and answer is not False:
            logger.warning("The search index writer failed: %s", answer)
            return False
        return answer

    def wait(self) -> bool | None:
        """Wait until every batch in flight is written; the last outcome (None: none was)."""
        outcome = None
        while self._pending > 0 and not self.failed:
            outcome = self._answer()
        return outcome

    def submit(self, batch: Any) -> None:
        """Queue the next batch (waiting while ``MAX_PENDING`` are queued already)."""
        while self._pending >= self.MAX_PENDING and not self.failed:
            self._answer()
        if self.failed:
            return
        self._tasks.put(batch)
        self._pending += 1
        self.submitted += 1

    def close(self) -> None:
        """Wait for the last batch, then stop the process."""
        self.wait()
        with contextlib.suppress(OSError, ValueError):
            self._tasks.put(None)
        self._process.join(timeout=60)
        if self._process.is_alive():  # pragma: no cover - a writer stuck beyond a minute
            self._process.terminate()
            self._process.join(timeout=5)
        for channel in (self._tasks, self._answers):
            channel.close()
            channel.join_thread()


__all__ = [
    "MIN_FILES_FOR_WORKERS",
    "BrokenProcessPool",
    "IndexProcess",
    "Prepared",
    "WorkerConfig",
    "WorkerPool",
    "analyze_page",
    "default_workers",
    "prepare_file",
    "search_source",
]

"""Importing page files into an archive: one transaction per file, clear per-file errors."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import ArticlePart, Page
from reader.analysis import ArticleAnalyzer, PartAnalysis
from reader.archive import Archive, bump_change_counter, read_change_counter
from reader.backup import backup_before_import
from reader.entities.store import EntityCache, load_rules, replace_mentions
from reader.errors import InputError
from reader.formats.dispatch import PAGE_SUFFIXES as FORMAT_SUFFIXES
from reader.formats.dispatch import drop_companions, unsupported_message
from reader.formats.model import FailedPage, KnownPage, Limits, PageOutcome, SourcePage
from reader.formats.originals import bytes_to_store
from reader.formats.scans import store_scans
from reader.formats.source import FILE_NAME_PATTERN as FILE_NAME_PATTERN
from reader.formats.source import meta_from_stem
from reader.formats.text import parse_text
from reader.import_workers import (
    MIN_FILES_FOR_WORKERS,
    BrokenProcessPool,
    IndexProcess,
    WorkerConfig,
    WorkerPool,
    analyze_page,
    default_workers,
    prepare_file,
)
from reader.indexing import ArchiveSearch, PreparedCache, TokenCache
from reader.notes.relink import after_page_stored, hold_user_data
from reader.parsing.masthead import normalise_page_label
from reader.parsing.model import ParsedPage
from reader.search.index import IndexStatus
from reader.store import (
    CorrectedKey,
    PageMeta,
    StoredPage,
    corrected_key,
    corrected_page_keys,
    get_or_create_issue,
    store_page,
)
from reader.textio import DecodedText, decode_page_bytes, normalize_text

if TYPE_CHECKING:
    from reader.entities.applying import PostPass
    from reader.search.analyzer import Analyzer as SearchAnalyzer

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = FORMAT_SUFFIXES  # text, HTML, ALTO/METS, PDF and ZIP (reader.formats)
DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024
DEFAULT_INDEX_BATCH_FILES = 200
DEFAULT_INDEX_BATCH_ARTICLES = 1500

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]
Status = Literal["imported", "unchanged", "failed"]


@dataclass(slots=True)
class FileResult:
    """The outcome of importing one file, or one page of a file that holds several.

    ``part`` names the page inside its file (``page 3`` of a PDF or METS issue, a ZIP
    member such as ``A01.html``); it is None for a file that is one page.
    """

    path: str
    status: Status
    articles: int = 0
    error: str | None = None
    encoding: str | None = None
    publication: str | None = None
    date: str | None = None
    page: str | None = None
    replaced: bool = False
    part: str | None = None
    note: str | None = None

    @property
    def name(self) -> str:
        """The result's name for the user: ``a1.txt``, ``paper.pdf, page 3``, ``b.zip:a.html``."""
        file_name = Path(self.path).name
        if self.part is None:
            return file_name
        if file_name.lower().endswith(".zip"):
            return f"{file_name}:{self.part}"
        return f"{file_name}, {self.part}"


@dataclass(slots=True)
class ImportReport:
    """The outcome of an import batch."""

    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    touched_article_ids: set[int] = field(default_factory=set)
    removed_article_ids: set[int] = field(default_factory=set)
    #: One line per file left alone because the user corrected its page (the user's wins).
    kept_corrections: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        """The files that could not be imported."""
        return [result for result in self.files if result.status == "failed"]

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data (the CLI's ``import --json`` output)."""
        counts = {status: 0 for status in ("imported", "unchanged", "failed")}
        for result in self.files:
            counts[result.status] += 1
        return {
            "files": [asdict(result) for result in self.files],
            "imported": counts["imported"],
            "unchanged": counts["unchanged"],
            "failed": counts["failed"],
            "cancelled": self.cancelled,
            "kept_corrections": list(self.kept_corrections),
        }


def meta_from_file_name(path: Path) -> PageMeta:
    """Read ``<publication>_<YYYY-MM-DD>_<page>.<ext>`` metadata from a file name.

    Args:
        path: the page file.

    Returns:
        The metadata found (fields missing when the name does not follow the pattern).
    """
    return meta_from_stem(path.stem)  # one definition, shared with reader.formats


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders (recursively) into the page files they hold, in a stable order.

    Files named explicitly are kept whatever their type (an unsupported one is reported
    when imported); inside folders only page files are taken, hidden ones skipped.

    Args:
        paths: files and folders given by the user.

    Returns:
        The files to import, without duplicates.
    """
    seen: set[Path] = set()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file()
                and candidate.suffix.lower() in PAGE_SUFFIXES
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
            )
        else:
            found = [path]
        for candidate in found:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                files.append(candidate)
    return drop_companions(files)  # ALTO files read through their METS, scans with their page


def check_page_suffix(path: Path) -> None:
    """Refuse a file whose type is not a page format.

    Raises:
        InputError: naming the file and its type.
    """
    if path.suffix.lower() not in PAGE_SUFFIXES:
        raise InputError(unsupported_message(path.name, path.suffix))


def read_page_bytes(path: Path, limit: int) -> bytes:
    """Read a page file, refusing one larger than ``limit`` bytes without reading it all.

    Raises:
        InputError: the file is missing, unreadable, a folder, or too large.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a page file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        size = path.stat().st_size
        raise InputError(
            f"{path.name}: file too large for one page ({size / 1_048_576:.1f} MB; "
            f"the limit is {limit / 1_048_576:.0f} MB)"
        )
    return data


@dataclass(slots=True)
class ReadPage:
    """A page file decoded and parsed, with the metadata printed on it."""

    decoded: DecodedText
    text: str
    parsed: ParsedPage
    masthead: PageMeta


def decode_and_parse(
    data: bytes, source: str, is_word: Callable[[str], bool] | None = None
) -> ReadPage:
    """Decode a page file's bytes and split the page into articles, as import does.

    Args:
        data: the file's bytes.
        source: the file name, for messages.
        is_word: dictionary look-up for column-break repair (see ``parse_page``).

    Returns:
        The decoded text, the parse and the masthead's metadata.

    Raises:
        DecodeError: the bytes are not readable text.
    """
    decoded = decode_page_bytes(data, source=source)
    text = normalize_text(decoded.text)
    parsed, masthead = parse_text(text, is_word)  # as the import of a text page does
    return ReadPage(decoded, text, parsed, masthead)


@dataclass(slots=True)
class _PendingIndexChanges:
    """Database changes not yet applied to the search index (applied in batches)."""

    counter_before: int | None = None
    counter_after: int = 0
    files: int = 0
    touched: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    created: set[int] = field(default_factory=set)
    tokens: TokenCache = field(default_factory=dict)
    prepared: PreparedCache = field(default_factory=dict)

    def record(
        self,
        stored: StoredPage,
        counter_before: int,
        counter_after: int,
        analyses: Sequence[PartAnalysis],
    ) -> None:
        """Add the changes of one stored page (its parts' analyses in page order)."""
        if self.counter_before is None:
            self.counter_before = counter_before
        self.counter_after = counter_after
        self.files += 1
        self.touched |= stored.touched_article_ids
        self.removed |= stored.removed_article_ids
        self.created |= stored.created_article_ids
        for part_id, analysis in zip(stored.part_ids, analyses, strict=True):
            if analysis.tokens:
                self.tokens[part_id] = analysis.tokens
            if analysis.search is not None:
                self.prepared[part_id] = analysis.search


def _kept(path: Path, source: SourcePage, page: Page, report: ImportReport) -> FileResult:
    """The result of a file whose page the user corrected: reported, nothing stored."""
    issue = page.issue
    date = issue.date.isoformat() if issue.date else None
    where = " ".join(filter(None, (issue.publication.name, date)))
    line = f"{source.name}: page {page.label} of {where} has your corrections — kept"
    report.kept_corrections.append(line)
    return FileResult(
        path=str(path),
        part=source.part,
        status="unchanged",
        publication=issue.publication.name,
        date=date,
        page=page.label,
        note=line,
    )


def _index_ready(search: ArchiveSearch, counter_before: int) -> bool:
    """Whether the search index takes the changes that follow ``counter_before``."""
    status = search.index.check(counter_before)
    return status is IndexStatus.OK or (status is IndexStatus.MISSING and counter_before == 0)


class Importer:
    """Imports page files into an open, writable archive."""

    def __init__(
        self,
        archive: Archive,
        *,
        overrides: PageMeta | None = None,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        limits: Limits | None = None,
        index_batch_files: int = DEFAULT_INDEX_BATCH_FILES,
        index_batch_articles: int = DEFAULT_INDEX_BATCH_ARTICLES,
        workers: int | None = None,
    ) -> None:
        """Prepare an import.

        Args:
            archive: the archive, opened for writing.
            overrides: metadata given by the user; wins over masthead and file name.
            max_file_bytes: larger text and HTML page files are refused.
            limits: the other limits for untrusted files (PDF, XML, ZIP, scans).
            index_batch_files: the search index is brought up to date after this many
                files (and at the end); the database commits every file on its own.
            index_batch_articles: … or after this many new or changed articles.
            workers: processes that read, parse, segment and tag files ahead of the writer:
                ``None`` picks one per core for imports of many files
                (:data:`~reader.import_workers.MIN_FILES_FOR_WORKERS` or more) and none for
                fewer; 0 does everything in this process.
        """
        self.archive = archive
        self.overrides = overrides or PageMeta()
        self.max_file_bytes = max_file_bytes
        self.limits = replace(limits or Limits(), max_page_bytes=max_file_bytes)
        self.index_batch_files = index_batch_files
        self.index_batch_articles = index_batch_articles
        self.workers = workers
        self._analyzer: ArticleAnalyzer | None = None
        self._search_analyzer: SearchAnalyzer | None = None
        self._entity_ids: dict[tuple[str, str], int] = {}
        self._index_process: IndexProcess | None = None
        #: Pages the user corrected, by key: read once per run (no correction can be
        #: stored while the run holds the writer).
        self._corrected: dict[CorrectedKey, int] | None = None
        self._corrections: PostPass | None = None
        self._pending = _PendingIndexChanges()

    def _article_analyzer(self) -> ArticleAnalyzer:
        if self._analyzer is None:
            with self.archive.db.read() as session:
                rules = load_rules(session)
            self._analyzer = ArticleAnalyzer(self.archive.segmenter, rules)
        return self._analyzer

    def _worker_count(self, files: int) -> int:
        if self.workers is not None:
            return max(0, self.workers)
        return default_workers() if files >= MIN_FILES_FOR_WORKERS else 0

    def run(
        self,
        paths: Sequence[Path],
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> ImportReport:
        """Import files and folders; a failing file never stops the batch.

        Args:
            paths: files and folders.
            progress: called with (files done, files in all, current file name).
            cancelled: polled between files; when it returns True the import stops, and
                every file already imported stays imported.

        Returns:
            The per-file report.
        """
        files = [(path, self.overrides) for path in collect_files(paths)]
        return self.run_files(files, progress=progress, cancelled=cancelled)

    def run_files(
        self,
        files: Sequence[tuple[Path, PageMeta]],
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> ImportReport:
        """Import page files, each with its own metadata given by the user.

        Args:
            files: (file, metadata that wins over masthead and file name) pairs.
            progress: as for :meth:`run`.
            cancelled: as for :meth:`run`.

        Returns:
            The per-file report.

        Raises:
            ArchiveError: the backup that precedes a bulk import failed (nothing imported).
        """
        report = ImportReport()
        self._corrected = None
        backup_before_import(self.archive.paths, len(files))  # a bulk import: back up first
        workers = self._worker_count(len(files))
        try:
            if workers:
                self._index_process = self._start_index_process()
                self._run_with_workers(files, workers, report, progress, cancelled)
            else:
                for done, (path, overrides) in enumerate(files):
                    if cancelled is not None and cancelled():
                        report.cancelled = True
                        break
                    if progress is not None:
                        progress(done, len(files), path.name)
                    report.files.extend(self._import_file(path, overrides, report, cancelled))
                    if report.cancelled:
                        break
        finally:
            self._flush_index()
            self._stop_index_process()
        if progress is not None and not report.cancelled:
            progress(len(files), len(files), "")
        return report

    def _run_with_workers(
        self,
        files: Sequence[tuple[Path, PageMeta]],
        workers: int,
        report: ImportReport,
        progress: ProgressCallback | None,
        cancelled: CancelCheck | None,
    ) -> None:
        """Import with worker processes preparing files ahead; this process only stores.

        Files are stored in the order given, each page in its own transaction, exactly as
        without workers. If the workers die (killed, out of memory), the remaining files
        are imported in this process.
        """
        config = WorkerConfig(
            database=self.archive.paths.database,
            cache_dir=self.archive.paths.cache_dir / "jieba",
            limits=self.limits,
        )
        done = 0
        with WorkerPool(config, workers) as pool:
            futures = pool.results([path for path, _ in files])
            for done, (path, overrides) in enumerate(files):
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    return
                if progress is not None:
                    progress(done, len(files), path.name)
                future = next(futures)
                try:
                    prepared = future.result()
                except BrokenProcessPool:
                    logger.warning("Import workers stopped; importing the rest in this process")
                    break
                except Exception as error:  # a bug of ours while preparing: this file fails
                    logger.error("Preparing %s failed: %r", path, error)
                    report.files.append(
                        FileResult(
                            path=str(path),
                            status="failed",
                            error=f"{path.name}: internal error ({type(error).__name__}: "
                            f"{error}); nothing of this file was stored — please report it",
                        )
                    )
                    continue
                for outcome, analyses in prepared:
                    report.files.append(
                        self._import_outcome(path, outcome, overrides, report, analyses)
                    )
            else:
                return
        for path, overrides in files[done:]:
            if cancelled is not None and cancelled():
                report.cancelled = True
                return
            if progress is not None:
                progress(done, len(files), path.name)
            report.files.extend(self._import_file(path, overrides, report, cancelled))
            done += 1

    def _start_index_process(self) -> IndexProcess | None:
        try:
            return IndexProcess(self.archive.root)
        except (OSError, RuntimeError) as error:  # no process: write the index here
            logger.warning("No search index writer process (%s): writing it here", error)
            return None

    def _stop_index_process(self) -> None:
        process, self._index_process = self._index_process, None
        if process is not None:
            process.close()
            self.archive.search.index.reload()  # searches in this process see what it wrote

    def _flush_index(self) -> None:
        """Bring the search index up to the files imported since the last flush."""
        pending = self._pending
        if pending.files == 0 or pending.counter_before is None:
            return
        self._pending = _PendingIndexChanges()
        process = self._index_process
        if process is not None and not process.failed:
            search = self.archive.search
            search.index.reload()  # searches in this process see what was written so far
            # The process checks each batch against the index's stamp before writing; here
            # the first batch is checked too, so that none is built for a stale index.
            ready = process.submitted or _index_ready(search, pending.counter_before)
            if ready:
                process.submit(
                    search.changes_for(
                        touched=pending.touched - pending.removed,
                        removed=pending.removed,
                        added=pending.created - pending.removed,
                        counter_before=pending.counter_before,
                        counter_after=pending.counter_after,
                        token_cache=pending.tokens,
                        prepared=pending.prepared,
                    )
                )
            return  # an index behind the database is left stale: rebuilt when next opened
        self.archive.search.apply_changes(
            touched=pending.touched - pending.removed,
            removed=pending.removed,
            added=pending.created - pending.removed,
            counter_before=pending.counter_before,
            counter_after=pending.counter_after,
            token_cache=pending.tokens,
            prepared=pending.prepared,
        )

    def _is_known(self, sha256: str) -> bool:
        """Whether a page with this source checksum is stored (re-importing it is a no-op)."""
        with self.archive.db.read() as session:
            return self._is_known_in(session, sha256)

    @staticmethod
    def _is_known_in(session: Session, sha256: str) -> bool:
        return session.scalar(select(Page.id).where(Page.sha256 == sha256).limit(1)) is not None

    def _import_file(
        self,
        path: Path,
        overrides: PageMeta,
        report: ImportReport,
        cancelled: CancelCheck | None = None,
    ) -> list[FileResult]:
        """Import every page of a file (one for a text file; a PDF's, a ZIP's … pages)."""
        results: list[FileResult] = []
        pages = prepare_file(
            path,
            limits=self.limits,
            analyzer=self._article_analyzer(),
            search=self._search(),
            is_known=self._is_known,
        )
        try:
            for outcome, analyses in pages:
                if results and cancelled is not None and cancelled():
                    report.cancelled = True  # between two pages of a file of many
                    break
                results.append(self._import_outcome(path, outcome, overrides, report, analyses))
        except Exception as error:  # a bug of ours in a reader: pages stored before stay
            logger.exception("Reading %s failed", path)
            results.append(
                FileResult(
                    path=str(path),
                    status="failed",
                    error=f"{path.name}: internal error ({type(error).__name__}: {error}); "
                    "the rest of this file was not read — please report it",
                )
            )
        finally:
            pages.close()
        return results

    def _search(self) -> SearchAnalyzer:
        if self._search_analyzer is None:
            from reader.search.analyzer import Analyzer

            self._search_analyzer = Analyzer(self.archive.segmenter)
        return self._search_analyzer

    def _import_outcome(
        self,
        path: Path,
        outcome: PageOutcome,
        overrides: PageMeta,
        report: ImportReport,
        analyses: list[PartAnalysis] | None = None,
    ) -> FileResult:
        if isinstance(outcome, FailedPage):
            return FileResult(
                path=str(path), part=outcome.part, status="failed", error=outcome.error
            )
        if isinstance(outcome, KnownPage):
            return FileResult(path=str(path), part=outcome.part, status="unchanged")
        try:
            return self._store_page_or_raise(path, outcome, overrides, report, analyses)
        except InputError as error:
            return FileResult(path=str(path), part=outcome.part, status="failed", error=str(error))
        except Exception as error:  # a bug of ours must not stop the batch either
            logger.exception("Importing %s failed", outcome.name)
            return FileResult(
                path=str(path),
                part=outcome.part,
                status="failed",
                error=f"{outcome.name}: internal error ({type(error).__name__}: {error}); "
                "nothing of this page was stored — please report it",
            )

    def _store_page_or_raise(
        self,
        path: Path,
        source: SourcePage,
        overrides: PageMeta,
        report: ImportReport,
        analyses: list[PartAnalysis] | None = None,
    ) -> FileResult:
        if overrides.page_label and not source.single:
            raise InputError(
                f"{source.name}: a page label given for the whole file cannot name each of "
                f"its pages; import {path.name} without one (its pages keep their own labels)"
            )
        parsed, text, sha256 = source.parsed, source.text, source.sha256
        meta = overrides.merged_over(source.found_meta())
        label = (
            normalise_page_label(meta.page_label) if meta.page_label else source.default_label
        )
        if analyses is None:
            analyses = analyze_page(parsed, self._article_analyzer(), self._search())
        with self.archive.db.write() as session:
            if self._is_known_in(session, sha256):  # the same page twice in one import
                return FileResult(path=str(path), part=source.part, status="unchanged")
            if self._corrected is None:  # no correction can happen while we write
                self._corrected = corrected_page_keys(session)
            corrected = self._corrected.get(corrected_key(meta, label))
            if corrected is not None:  # the user's corrections win: nothing is changed
                return _kept(path, source, session.get_one(Page, corrected), report)
            counter_before = read_change_counter(session)
            issue = get_or_create_issue(session, meta)
            page = session.scalar(
                select(Page).where(Page.issue_id == issue.id, Page.label == label)
            )
            if page is not None and page.source_name != source.name:
                raise InputError(
                    f"{source.name}: page {label} of this issue was already imported from "
                    f"{page.source_name}; give this file another page label (--page)"
                )
            held = hold_user_data(session, issue.id, label)
            stored = store_page(
                session,
                issue=issue,
                label=label,
                source_name=source.name[:500],
                sha256=sha256,
                encoding=source.encoding,
                confidence=source.confidence,
                text=text,
                source_bytes=bytes_to_store(session, source),  # a PDF's bytes once
                parsed=parsed,
            )
            session.execute(  # the format and the scans of the page (reader.formats)
                update(Page)
                .where(Page.id == stored.page_id)
                .values(source_format=source.source_format)
            )
            store_scans(session, stored.page_id, source.images)
            after_page_stored(  # users' annotations, bookmarks, tags follow the new text
                session,
                held,
                touched=stored.touched_article_ids,
                removed=stored.removed_article_ids,
                created=stored.created_article_ids,
            )
            entity_cache = EntityCache(
                session, known=self._entity_ids, corrections=self._corrections
            )
            entity_cache.prefetch(
                (mention.name, str(mention.type))
                for analysis in analyses
                for mention in analysis.mentions
            )
            part_articles = dict(
                session.execute(
                    select(ArticlePart.id, ArticlePart.article_id).where(
                        ArticlePart.id.in_(stored.part_ids)
                    )
                ).all()
            )
            for part_id, analysis in zip(stored.part_ids, analyses, strict=True):
                replace_mentions(
                    session,
                    entity_cache,
                    article_id=part_articles[part_id],
                    part_id=part_id,
                    mentions=analysis.mentions,
                    new_part=not stored.replaced,  # a new page: every part is new
                )
            self._corrections = entity_cache.corrections  # the same for the whole import
            counter_after = bump_change_counter(session)
            publication_name = issue.publication.name
            issue_date = issue.date.isoformat() if issue.date else None
        self._entity_ids.update(entity_cache.resolved)  # committed: later pages may use them
        self._pending.record(stored, counter_before, counter_after, analyses)
        if (
            self._pending.files >= self.index_batch_files
            or len(self._pending.touched) >= self.index_batch_articles
        ):
            self._flush_index()
        report.touched_article_ids |= stored.touched_article_ids
        report.touched_article_ids -= stored.removed_article_ids
        report.removed_article_ids |= stored.removed_article_ids
        return FileResult(
            path=str(path),
            part=source.part,
            status="imported",
            articles=len(parsed.articles),
            encoding=source.encoding,
            publication=publication_name,
            date=issue_date,
            page=label,
            replaced=stored.replaced,
        )

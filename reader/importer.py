"""Importing page files into an archive: one transaction per file, clear per-file errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import select

from db.models import ArticlePart, Page
from reader.analysis import ArticleAnalyzer, PartText
from reader.archive import Archive, bump_change_counter, read_change_counter
from reader.entities.store import EntityCache, load_rules, replace_mentions
from reader.errors import InputError
from reader.indexing import TokenCache
from reader.parsing.masthead import normalise_page_label
from reader.parsing.model import ParsedPage
from reader.parsing.page import parse_page
from reader.store import PageMeta, StoredPage, get_or_create_issue, store_page
from reader.textio import DecodedText, decode_page_bytes, normalize_text

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = frozenset({".txt", ".text"})
DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024
DEFAULT_INDEX_BATCH_FILES = 50
FILE_NAME_PATTERN = re.compile(
    r"^(?P<publication>.+?)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<page>[^_]+)$"
)

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]
Status = Literal["imported", "unchanged", "failed"]


@dataclass(slots=True)
class FileResult:
    """The outcome of importing one file."""

    path: str
    status: Status
    articles: int = 0
    error: str | None = None
    encoding: str | None = None
    publication: str | None = None
    date: str | None = None
    page: str | None = None
    replaced: bool = False


@dataclass(slots=True)
class ImportReport:
    """The outcome of an import batch."""

    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    touched_article_ids: set[int] = field(default_factory=set)
    removed_article_ids: set[int] = field(default_factory=set)

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
        }


def meta_from_file_name(path: Path) -> PageMeta:
    """Read ``<publication>_<YYYY-MM-DD>_<page>.<ext>`` metadata from a file name.

    Args:
        path: the page file.

    Returns:
        The metadata found (fields missing when the name does not follow the pattern).
    """
    match = FILE_NAME_PATTERN.match(path.stem)
    if match is None:
        return PageMeta()
    try:
        date = dt.date.fromisoformat(match["date"])
    except ValueError:
        return PageMeta()
    return PageMeta(publication=match["publication"], date=date, page_label=match["page"])


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
    return files


def check_page_suffix(path: Path) -> None:
    """Refuse a file whose type is not a page format.

    Raises:
        InputError: naming the file and its type.
    """
    if path.suffix.lower() not in PAGE_SUFFIXES:
        raise InputError(
            f"{path.name}: unsupported file type {path.suffix or '(none)'}; "
            "plain-text pages (.txt) are supported"
        )


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
    parsed = parse_page(text, is_word=is_word)
    masthead = PageMeta(
        publication=parsed.masthead.publication,
        date=parsed.masthead.date,
        page_label=parsed.masthead.page_label,
        number=parsed.masthead.number,
    )
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

    def record(
        self, stored: StoredPage, counter_before: int, counter_after: int, tokens: TokenCache
    ) -> None:
        """Add the changes of one stored page."""
        if self.counter_before is None:
            self.counter_before = counter_before
        self.counter_after = counter_after
        self.files += 1
        self.touched |= stored.touched_article_ids
        self.removed |= stored.removed_article_ids
        self.created |= stored.created_article_ids
        self.tokens.update(tokens)


class Importer:
    """Imports page files into an open, writable archive."""

    def __init__(
        self,
        archive: Archive,
        *,
        overrides: PageMeta | None = None,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        index_batch_files: int = DEFAULT_INDEX_BATCH_FILES,
    ) -> None:
        """Prepare an import.

        Args:
            archive: the archive, opened for writing.
            overrides: metadata given by the user; wins over masthead and file name.
            max_file_bytes: larger files are refused.
            index_batch_files: the search index is brought up to date after this many
                files (and at the end); the database commits every file on its own.
        """
        self.archive = archive
        self.overrides = overrides or PageMeta()
        self.max_file_bytes = max_file_bytes
        self.index_batch_files = index_batch_files
        self._analyzer: ArticleAnalyzer | None = None
        self._pending = _PendingIndexChanges()

    def _article_analyzer(self) -> ArticleAnalyzer:
        if self._analyzer is None:
            with self.archive.db.read() as session:
                rules = load_rules(session)
            self._analyzer = ArticleAnalyzer(self.archive.segmenter, rules)
        return self._analyzer

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
        """
        report = ImportReport()
        try:
            for done, (path, overrides) in enumerate(files):
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
                if progress is not None:
                    progress(done, len(files), path.name)
                report.files.append(self._import_file(path, overrides, report))
        finally:
            self._flush_index()
        if progress is not None and not report.cancelled:
            progress(len(files), len(files), "")
        return report

    def _flush_index(self) -> None:
        """Bring the search index up to the files imported since the last flush."""
        pending = self._pending
        if pending.files == 0 or pending.counter_before is None:
            return
        self._pending = _PendingIndexChanges()
        self.archive.search.apply_changes(
            touched=pending.touched - pending.removed,
            removed=pending.removed,
            added=pending.created - pending.removed,
            counter_before=pending.counter_before,
            counter_after=pending.counter_after,
            token_cache=pending.tokens,
        )

    def _import_file(self, path: Path, overrides: PageMeta, report: ImportReport) -> FileResult:
        try:
            return self._import_file_or_raise(path, overrides, report)
        except InputError as error:
            return FileResult(path=str(path), status="failed", error=str(error))
        except Exception as error:  # a bug of ours must not stop the batch either
            logger.exception("Importing %s failed", path)
            return FileResult(
                path=str(path),
                status="failed",
                error=f"{path.name}: internal error ({type(error).__name__}: {error}); "
                "nothing of this file was stored — please report it",
            )

    def _import_file_or_raise(
        self, path: Path, overrides: PageMeta, report: ImportReport
    ) -> FileResult:
        check_page_suffix(path)
        data = read_page_bytes(path, self.max_file_bytes)
        sha256 = hashlib.sha256(data).hexdigest()
        with self.archive.db.read() as session:
            existing = session.scalar(select(Page.id).where(Page.sha256 == sha256).limit(1))
        if existing is not None:
            return FileResult(path=str(path), status="unchanged")
        page = decode_and_parse(data, path.name, self.archive.segmenter.in_dictionary)
        decoded, text, parsed = page.decoded, page.text, page.parsed
        meta = overrides.merged_over(page.masthead).merged_over(meta_from_file_name(path))
        label = normalise_page_label(meta.page_label) if meta.page_label else path.stem
        analyzer = self._article_analyzer()
        analyses = [analyzer.analyze(PartText.from_parsed(article)) for article in parsed.articles]
        with self.archive.db.write() as session:
            counter_before = read_change_counter(session)
            issue = get_or_create_issue(session, meta)
            page = session.scalar(
                select(Page).where(Page.issue_id == issue.id, Page.label == label)
            )
            if page is not None and page.source_name != path.name:
                raise InputError(
                    f"{path.name}: page {label} of this issue was already imported from "
                    f"{page.source_name}; give this file another page label (--page)"
                )
            stored = store_page(
                session,
                issue=issue,
                label=label,
                source_name=path.name,
                sha256=sha256,
                encoding=decoded.encoding,
                confidence=decoded.confidence,
                text=text,
                source_bytes=data,
                parsed=parsed,
            )
            entity_cache = EntityCache(session)
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
                )
            counter_after = bump_change_counter(session)
            publication_name = issue.publication.name
            issue_date = issue.date.isoformat() if issue.date else None
        self._pending.record(
            stored,
            counter_before,
            counter_after,
            {
                part_id: analysis.tokens
                for part_id, analysis in zip(stored.part_ids, analyses, strict=True)
            },
        )
        if self._pending.files >= self.index_batch_files:
            self._flush_index()
        report.touched_article_ids |= stored.touched_article_ids
        report.touched_article_ids -= stored.removed_article_ids
        report.removed_article_ids |= stored.removed_article_ids
        return FileResult(
            path=str(path),
            status="imported",
            articles=len(parsed.articles),
            encoding=decoded.encoding,
            publication=publication_name,
            date=issue_date,
            page=label,
            replaced=stored.replaced,
        )

"""The search index: a Whoosh index stamped by the app, updated in batches, searched with facets.

The index is derived data. Next to Whoosh's files it keeps a stamp file written by this
module: the analyzer and schema versions, the database's change counter at the last update,
and a keyed SHA-256 digest of Whoosh's table of contents (a pickle) and the sizes of the
segment files. :meth:`SearchIndex.check` reads only the stamp and hashes the TOC; Whoosh is
asked to open the directory only when the check passed, so a directory the app did not write
is never unpickled.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import heapq
import hmac
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ArchiveError, CancelledError, InputError
from reader.search.analyzer import ANALYZER_VERSION, Analyzer, fold
from reader.search.document import SearchDocument, SearchHit, SearchResults
from reader.search.query import QueryCompiler
from reader.search.snippets import DEFAULT_MARKERS, make_snippet

if TYPE_CHECKING:
    from reader.segment import Segmenter

#: Bump when the schema changes: indexes stamped with another version are stale.
SCHEMA_VERSION = 2
STAMP_NAME = "baokan-search-index.json"
STAMP_FORMAT = "baokan-reader search index"
INDEX_NAME = "MAIN"
_DEFAULT_KEY = b"baokan-reader search index stamp"
_TOC_PATTERN = re.compile(rf"^_{INDEX_NAME}_(\d+)\.toc$")
_FACET_SEP = "\x1f"
_PAGE_SEP = "\x1e"

SORTS = ("relevance", "date", "date_asc")
UPDATE_MERGE_LIMIT = 2_000  # ≈ 3 s of merging on a laptop


class IndexStatus(StrEnum):
    """What :meth:`SearchIndex.check` found in the index directory."""

    OK = "ok"
    MISSING = "missing"  #: no index yet (directory absent or empty)
    STALE = "stale"  #: written by another analyzer/schema version or behind the database
    BROKEN = "broken"  #: ours, but interrupted or damaged
    FOREIGN = "foreign"  #: not written by this app: never opened


ProgressCallback = Callable[[int, int | None], None]
TextLoader = Callable[[Sequence[int]], dict[int, str]]
#: Put before a snippet taken from the original text of a corrected article.
ORIGINAL_PREFIX = "〔原文〕"


def _schema() -> Any:
    from whoosh import columns, fields

    from reader.search.engine import PreAnalyzedField

    spec: dict[str, Any] = {
        "id": fields.ID(unique=True),
        "docid": fields.COLUMN(columns.NumericColumn("q")),
        "title": fields.COLUMN(columns.VarBytesColumn()),
        "facet": fields.COLUMN(columns.VarBytesColumn()),
        "date": fields.NUMERIC(int, bits=32, signed=False, sortable=True, shift_step=8),
    }
    for family in ("title", "text", "note"):
        spec[f"{family}_w"] = PreAnalyzedField(positions=True)
        spec[f"{family}_ng"] = PreAnalyzedField(positions=True)
        spec[f"{family}_ch"] = PreAnalyzedField(positions=False)
    for name in ("authors", "publication", "pages", "entities", "tags", "collections"):
        spec[name] = PreAnalyzedField(positions=False, scorable=False)
    return fields.Schema(**spec)


def _ymd(value: dt.date | None) -> int:
    return value.year * 10000 + value.month * 100 + value.day if value else 0


def _date_of(value: int) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date(value // 10000, value // 100 % 100, value % 100)
    except ValueError:
        return None


def prepare_text_fields(analyzer: Analyzer, document: SearchDocument) -> dict[str, Any]:
    """The index fields of a document's title and text, analyzed and encoded.

    The title family holds the title; the text family the subtitle, body, credit, authors
    and the original text of corrected articles (in that order, ``PART_GAP`` positions
    apart). Used by the index for every
    document, and by the import's worker processes, whose results travel back as
    ``SearchDocument.prepared``.

    Args:
        analyzer: the search analyzer.
        document: the document (its tokens are used where given).

    Returns:
        Field name → :class:`reader.search.engine.PreparedPostings`, for non-empty fields.
    """
    from reader.search.engine import prepare_postings

    analyze = analyzer.analyze
    title = analyze([(document.title, document.title_tokens)])
    text_parts: list[tuple[str, Any]] = [
        (document.subtitle, document.subtitle_tokens),
        (document.body, document.body_tokens),
        (document.credit, None),
    ]
    text_parts.extend((author, None) for author in document.authors)
    if document.original:  # the machine's text of a corrected article: found too
        text_parts.append((document.original, None))
    text = analyze(text_parts)
    values: dict[str, Any] = {}
    for family, analyzed in (("title", title), ("text", text)):
        if analyzed.words:
            values[f"{family}_w"] = prepare_postings(analyzed.words, positions=True)
        if analyzed.bigrams:
            values[f"{family}_ng"] = prepare_postings(analyzed.bigrams, positions=True)
        if analyzed.chars:
            values[f"{family}_ch"] = prepare_postings(analyzed.chars, positions=False)
    return values


class _SegmentColumns:
    """Per-segment arrays read once: database ids, dates and facet keys by document number."""

    __slots__ = ("_codes", "_date_index", "dates", "facets", "ids", "months", "titles")

    def __init__(self, reader: Any) -> None:
        from array import array

        self.ids = _numeric_column(reader.column_reader("docid", translate=False))
        self.dates = _numeric_column(reader.column_reader("date", translate=False))
        self.facets = _bytes_column(reader.column_reader("facet", translate=False))
        self.titles = _bytes_column(reader.column_reader("title", translate=False))
        self.months = array("I", (date // 100 for date in self.dates))  # for the facets
        self._date_index: Any = None
        self._codes: Any = None

    @property
    def date_index(self) -> Any:
        """The documents sorted by date (``execution.DateIndex``), made on first use."""
        if self._date_index is None:
            from reader.search.execution import DateIndex

            self._date_index = DateIndex(self.dates)
        return self._date_index

    def count_facets(
        self, matched: Iterable[int], facet_keys: Counter[bytes], month_counts: Counter[int]
    ) -> None:
        """Add the facet keys and months of matched documents to the counters (one pass)."""
        if self._codes is None:
            from array import array

            keys = list(dict.fromkeys(self.facets))
            months = list(dict.fromkeys(self.months))
            key_code = {key: code for code, key in enumerate(keys)}
            month_code = {month: code for code, month in enumerate(months)}
            width = len(months)
            pairs = zip(self.facets, self.months, strict=True)
            codes = array("Q", (key_code[k] * width + month_code[m] for k, m in pairs))
            self._codes = (codes, keys, months, width)
        codes, keys, months, width = self._codes
        for code, count in Counter(map(codes.__getitem__, matched)).items():
            key, month = divmod(code, width)
            facet_keys[keys[key]] += count
            month_counts[months[month]] += count

    def match_set(self, query: Any, searcher: Any) -> set[int] | list[int]:
        """The document numbers of this segment that a query matches."""
        from reader.search.execution import match_set

        return match_set(query, searcher, self.dates, self.date_index)


def _segment_key(reader: Any) -> str:
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else str(id(reader))


def _numeric_column(column: Any) -> Sequence[int]:
    """All values of a numeric column, read in one piece when Whoosh's layout allows."""
    from array import array

    from whoosh.columns import NumericColumn

    if type(column) is NumericColumn.Reader and column._typecode in "bBhHiIlLqQ":
        values = array(column._typecode)
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values.frombytes(raw)
        if sys.byteorder == "little" and values.itemsize > 1:
            values.byteswap()  # Whoosh writes numbers big-endian
        missing = column._doccount - len(values)
        if missing > 0:
            values.extend([column._default] * missing)
        return values
    return list(column)


def _bytes_column(column: Any) -> Sequence[bytes]:
    """All values of a variable-length bytes column, read in one piece when possible."""
    from whoosh.columns import VarBytesColumn

    if type(column) is VarBytesColumn.Reader:
        lengths = column._lengths
        data = column._dbfile.get(column._basepos, sum(lengths))
        values = []
        append = values.append
        position = 0
        for length in lengths:
            append(data[position : position + length])
            position += length
        return values
    return list(column)


class IndexWriter:
    """Batch updates through ONE writer; use via :meth:`SearchIndex.writer`.

    New and replacing documents go into one new segment written by
    :class:`reader.search.bulk.SegmentBuilder` (a replaced document is deleted by id
    first); Whoosh's own writer holds the lock, marks the deletions and writes the TOC.
    """

    def __init__(self, index: SearchIndex, whoosh_writer: Any) -> None:
        self._index = index
        self._writer = whoosh_writer
        self._builder: Any = None
        self.added = 0
        self.deleted = 0

    def _add_fields(self, fields: dict[str, Any]) -> None:
        if self._builder is None:
            from reader.search.bulk import SegmentBuilder

            self._builder = SegmentBuilder(
                self._writer.storage, self._writer.indexname, self._writer.schema
            )
        self._builder.add(fields)

    def update(self, documents: Iterable[SearchDocument]) -> int:
        """Add documents or replace those with the same id.

        Args:
            documents: the documents.

        Returns:
            How many were written.
        """
        return self.update_fields(self._index.document_fields(d) for d in documents)

    def add(self, documents: Iterable[SearchDocument]) -> int:
        """Add documents known to be new (faster than :meth:`update`; no duplicate check)."""
        return self.add_fields(self._index.document_fields(d) for d in documents)

    def add_fields(self, documents: Iterable[dict[str, Any]]) -> int:
        """Add new documents given as index fields (:meth:`SearchIndex.document_fields`)."""
        count = 0
        for fields in documents:
            self._add_fields(fields)
            count += 1
        self.added += count
        return count

    def update_fields(self, documents: Iterable[dict[str, Any]]) -> int:
        """Add or replace documents given as index fields (their ``id`` field says which)."""
        count = 0
        for fields in documents:
            self._writer.delete_by_term("id", fields["id"])
            self._add_fields(fields)
            count += 1
        self.added += count
        return count

    def delete(self, ids: Iterable[int]) -> int:
        """Delete documents by database id.

        Args:
            ids: the article ids.

        Returns:
            How many index documents were deleted.
        """
        count = 0
        for doc_id in ids:
            count += self._writer.delete_by_term("id", str(int(doc_id)))
        self.deleted += count
        return count

    def commit(self, optimize: bool = False) -> None:
        """Write the new segment, merge segments as the merge policy says, write the TOC.

        Segments are written and merged first; the new table of contents is written (and
        the files of merged segments deleted) while no search of this process runs, and
        searches after it use new searchers.
        """
        from reader.search.bulk import merge_policy

        new = [self._builder.finish()] if self._builder is not None else []
        self._builder = None
        policy = merge_policy(new, optimize=optimize, max_docs=self._index.merge_limit)
        final = policy(self._writer, self._writer.segments)
        with self._index._swap_lock:
            self._writer.commit(mergetype=lambda _writer, _segments: final)
            self._index._generation += 1

    def cancel(self) -> None:
        """Drop everything written through this writer."""
        if self._builder is not None:
            self._builder.cancel()
            self._builder = None
        self._writer.cancel()


class SearchIndex:
    """The archive's full-text index in one directory.

    Typical use::

        index = SearchIndex(archive_dir / "search-index", segmenter)
        status = index.open(change_counter)          # ok / missing / stale / broken / foreign
        if status is not IndexStatus.OK:
            index.rebuild(all_documents(), change_counter, total=n, progress=cb)
        with index.writer(change_counter=new_counter) as w:
            w.update(changed_documents)
            w.delete(removed_ids)
        results = index.search("光伏 date:2023", load_texts=bodies_by_id)

    One writer at a time (a second raises :class:`reader.errors.ArchiveError`); searching
    from other threads is fine: each thread gets its own Whoosh searcher.

    Args:
        directory: the index directory (created on demand).
        segmenter: the app's segmenter (queries, and texts given without tokens).
        key: secret mixed into the stamp's digest (e.g. kept in the database), so that an
            index copied from elsewhere does not pass the check; optional.
    """

    def __init__(self, directory: Path, segmenter: Segmenter, key: bytes | None = None) -> None:
        self.directory = Path(directory)
        self.analyzer = Analyzer(segmenter)
        self.compiler = QueryCompiler(self.analyzer)
        self._key = key or _DEFAULT_KEY
        #: The largest segment merge an update may run (documents): larger merges are left
        #: to large imports and rebuilds (None: no limit), so that a small update never
        #: waits for a long merge.
        self.merge_limit: int | None = UPDATE_MERGE_LIMIT
        self._ix: Any = None
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._generation = 0
        self._columns: dict[str, _SegmentColumns] = {}
        self._columns_lock = threading.Lock()
        self._searchers: list[Any] = []
        self._searchers_lock = threading.Lock()
        self._swap_lock = threading.RLock()

    # ------------------------------------------------------------------ stamp

    @property
    def stamp_path(self) -> Path:
        """Path of the stamp file."""
        return self.directory / STAMP_NAME

    def _digest(self, path: Path) -> str:
        digest = hmac.new(self._key, digestmod=hashlib.sha256)
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def _tocs(self, directory: Path | None = None) -> list[tuple[int, str]]:
        found = []
        for name in os.listdir(directory or self.directory):
            match = _TOC_PATTERN.match(name)
            if match:
                found.append((int(match.group(1)), name))
        return sorted(found)

    def _segment_files(self, directory: Path | None = None) -> dict[str, int]:
        directory = directory or self.directory
        return {
            name: (directory / name).stat().st_size
            for name in os.listdir(directory)
            if name.startswith(f"{INDEX_NAME}_")
            and not name.endswith(".toc")
            and "WRITELOCK" not in name
        }

    def _read_stamp(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.stamp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None

    def _write_stamp(
        self, state: str, change_counter: int | None, directory: Path | None = None
    ) -> None:
        directory = directory or self.directory
        tocs = self._tocs(directory)
        stamp: dict[str, Any] = {
            "format": STAMP_FORMAT,
            "schema": SCHEMA_VERSION,
            "analyzer": ANALYZER_VERSION,
            "state": state,
            "change_counter": change_counter,
            "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        if state == "clean" and tocs:
            name = tocs[-1][1]
            stamp["toc"] = {"name": name, "digest": self._digest(directory / name)}
            stamp["segments"] = self._segment_files(directory)
        stamp_path = directory / STAMP_NAME
        temporary = stamp_path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(stamp, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, stamp_path)

    def check(self, change_counter: int | None = None) -> IndexStatus:
        """Check the directory without letting Whoosh read anything.

        Args:
            change_counter: the database's change counter; ``None`` skips that comparison.

        Returns:
            The status; only ``OK`` may be opened.
        """
        if not self.directory.is_dir() or not any(self.directory.iterdir()):
            return IndexStatus.MISSING
        stamp = self._read_stamp()
        if stamp is None:
            return IndexStatus.FOREIGN if not self.stamp_path.exists() else IndexStatus.BROKEN
        if stamp.get("format") != STAMP_FORMAT:
            return IndexStatus.FOREIGN
        if stamp.get("state") != "clean":
            return IndexStatus.BROKEN
        toc = stamp.get("toc")
        segments = stamp.get("segments")
        if not isinstance(toc, dict) or not isinstance(segments, dict):
            return IndexStatus.BROKEN
        tocs = self._tocs()
        if not tocs or tocs[-1][1] != toc.get("name"):
            return IndexStatus.BROKEN
        try:
            if not hmac.compare_digest(
                self._digest(self.directory / tocs[-1][1]), str(toc.get("digest"))
            ):
                return IndexStatus.BROKEN
            present = self._segment_files()
            if any(present.get(name) != size for name, size in segments.items()):
                return IndexStatus.BROKEN
        except OSError:
            return IndexStatus.BROKEN
        if stamp.get("schema") != SCHEMA_VERSION or stamp.get("analyzer") != ANALYZER_VERSION:
            return IndexStatus.STALE
        if change_counter is not None and stamp.get("change_counter") != change_counter:
            return IndexStatus.STALE
        return IndexStatus.OK

    @property
    def change_counter(self) -> int | None:
        """The database change counter the index was last brought up to, from the stamp."""
        stamp = self._read_stamp()
        return stamp.get("change_counter") if stamp else None

    # -------------------------------------------------------------- lifecycle

    def open(self, change_counter: int | None = None) -> IndexStatus:
        """Check the stamp and, if it is ``OK``, open the index for searching and writing.

        Args:
            change_counter: the database's change counter (``None``: do not compare).

        Returns:
            The status from :meth:`check`; the index is open only when it is ``OK``.
        """
        self.close()
        status = self.check(change_counter)
        if status is IndexStatus.OK:
            from whoosh.filedb.filestore import FileStorage

            self._ix = FileStorage(str(self.directory)).open_index(INDEX_NAME)
            self._generation += 1
        return status

    @property
    def is_open(self) -> bool:
        """Whether the index is open."""
        return self._ix is not None

    def close(self) -> None:
        """Close the index and every searcher opened on it (waits for a running search)."""
        with self._swap_lock:
            self._close()

    def _close(self) -> None:
        with self._searchers_lock:
            searchers, self._searchers = self._searchers, []
        for searcher in searchers:
            searcher.close()
        self._local = threading.local()
        self._ix = None
        self._generation += 1
        with self._columns_lock:
            self._columns.clear()

    def create(self, change_counter: int | None = 0) -> None:
        """Create an empty index in a missing or empty directory.

        Raises:
            ArchiveError: the directory exists and is not empty.
        """
        from whoosh.filedb.filestore import FileStorage

        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        if any(self.directory.iterdir()):
            raise ArchiveError(f"{self.directory} is not empty: will not create an index there")
        self._ix = FileStorage(str(self.directory)).create_index(_schema(), INDEX_NAME)
        self._write_stamp("clean", change_counter)
        self._generation += 1

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        change_counter: int | None,
        total: int | None = None,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        procs: int = 1,
        limitmb: int = 256,
    ) -> int:
        """Build a new index from all documents, then swap it in place of the old directory.

        The new index is written in a sibling directory; the old directory (ours, stale or
        broken) is deleted after the swap, a foreign one is kept aside as ``<name>.foreign-N``.
        Meant to run in a worker thread; searching the old index goes on meanwhile.

        Args:
            documents: every document of the archive.
            change_counter: the database change counter the documents reflect.
            total: the number of documents, for progress.
            progress: called as ``progress(done, total)`` every few hundred documents.
            cancelled: polled regularly; returning True stops the rebuild (old index kept).
            procs: ignored (kept for callers; segments are written in this process).
            limitmb: memory for the postings of one segment being built: a new segment is
                started when it is reached (segments are merged at the end as
                :func:`reader.search.bulk.merge_plan` says).

        Returns:
            The number of documents indexed.

        Raises:
            CancelledError: ``cancelled()`` returned True.
        """
        from whoosh.filedb.filestore import FileStorage

        parent = self.directory.parent
        parent.mkdir(parents=True, exist_ok=True)
        building = parent / f".{self.directory.name}.building-{os.getpid()}-{time.monotonic_ns()}"
        building.mkdir()
        count = 0
        try:
            from reader.search.bulk import SegmentBuilder, merge_policy

            ix = FileStorage(str(building)).create_index(_schema(), INDEX_NAME)
            writer = ix.writer(compound=False)
            segments: list[Any] = []
            builder: Any = None
            limit = max(1, limitmb) * 1024 * 1024
            try:
                for document in documents:
                    if builder is None:
                        builder = SegmentBuilder(ix.storage, INDEX_NAME, writer.schema)
                    builder.add(self.document_fields(document))
                    count += 1
                    if count % 256 == 0:
                        if cancelled is not None and cancelled():
                            raise CancelledError("search index rebuild cancelled")
                        if progress is not None:
                            progress(count, total)
                        if builder.estimated_bytes >= limit:
                            segments.append(builder.finish())
                            builder = None
                if builder is not None:
                    segments.append(builder.finish())
                    builder = None
            except BaseException:
                if builder is not None:
                    builder.cancel()
                writer.cancel()
                raise
            writer.commit(mergetype=merge_policy(segments))
            if progress is not None:
                progress(count, total)
            self._swap_in(building, change_counter)
        finally:
            if building.exists():
                shutil.rmtree(building, ignore_errors=True)
        return count

    def _swap_in(self, building: Path, change_counter: int | None) -> None:
        with self._swap_lock:
            self._swap_in_locked(building, change_counter)

    def _swap_in_locked(self, building: Path, change_counter: int | None) -> None:
        was_open = self.is_open
        old_status = self.check() if self.directory.exists() else IndexStatus.MISSING
        self.close()
        saved = self.directory
        self._write_stamp("clean", change_counter, building)
        aside: Path | None = None
        if saved.exists():
            suffix = "foreign" if old_status is IndexStatus.FOREIGN else "old"
            number = 1
            while True:
                aside = saved.parent / f"{saved.name}.{suffix}-{number}"
                if not aside.exists():
                    break
                number += 1
            os.replace(saved, aside)
        os.replace(building, saved)
        if aside is not None and old_status is not IndexStatus.FOREIGN:
            shutil.rmtree(aside, ignore_errors=True)
        status = self.open(change_counter)
        if status is not IndexStatus.OK and was_open:  # pragma: no cover - just written
            raise ArchiveError(f"the rebuilt search index does not check out: {status}")

    def _require_open(self) -> Any:
        if self._ix is None:
            raise ArchiveError("the search index is not open")
        return self._ix

    @contextlib.contextmanager
    def writer(self, change_counter: int | None = None) -> Iterator[IndexWriter]:
        """Open THE writer for a batch of updates; commit and re-stamp on success.

        The stamp is marked "writing" first, so a crash in the middle leaves an index that
        :meth:`check` reports as broken (and the app rebuilds).

        Args:
            change_counter: the database change counter after this batch (stamped on commit);
                ``None`` keeps the previous one.

        Yields:
            The writer.

        Raises:
            ArchiveError: another writer is active, or the index is not open.
        """
        ix = self._require_open()
        if not self._write_lock.acquire(blocking=False):
            raise ArchiveError("the search index is already being written")
        try:
            from whoosh.index import LockError

            previous = self.change_counter
            try:
                whoosh_writer = ix.writer(limitmb=128, compound=False)
            except LockError as error:
                raise ArchiveError("the search index is locked by another writer") from error
            self._write_stamp("writing", previous)
            wrapper = IndexWriter(self, whoosh_writer)
            try:
                yield wrapper
            except BaseException:
                wrapper.cancel()
                self._write_stamp("clean", previous)
                raise
            wrapper.commit()
            self._write_stamp("clean", previous if change_counter is None else change_counter)
            self._generation += 1
        finally:
            self._write_lock.release()

    def update(self, documents: Iterable[SearchDocument], change_counter: int | None = None) -> int:
        """Add or replace documents in one batch (see :meth:`writer`)."""
        with self.writer(change_counter) as writer:
            return writer.update(documents)

    def delete(self, ids: Iterable[int], change_counter: int | None = None) -> int:
        """Delete documents by id in one batch (see :meth:`writer`)."""
        with self.writer(change_counter) as writer:
            return writer.delete(ids)

    def optimize(self) -> None:
        """Merge all segments into one (faster searches after many small updates)."""
        ix = self._require_open()
        with self._write_lock:
            previous = self.change_counter
            self._write_stamp("writing", previous)
            IndexWriter(self, ix.writer(compound=False)).commit(optimize=True)
            self._write_stamp("clean", previous)
            self._generation += 1

    # -------------------------------------------------------------- documents

    def document_fields(self, document: SearchDocument) -> dict[str, Any]:
        """The Whoosh field values of a document (analysis happens here, once).

        The title and text fields come ready from ``document.prepared`` when the import
        analyzed them in a worker process (see :func:`prepare_text_fields`).
        """
        note = self.analyzer.analyze([(document.notes, None)])
        facet = _FACET_SEP.join([document.publication or "", _PAGE_SEP.join(document.pages)])
        values: dict[str, Any] = {
            "id": str(int(document.id)),
            "docid": int(document.id),
            "title": document.title.encode("utf-8"),
            "facet": facet.encode("utf-8"),
        }
        if document.date is not None:
            values["date"] = _ymd(document.date)
        prepared = document.prepared
        if prepared is None:
            prepared = prepare_text_fields(self.analyzer, document)
        values.update(prepared)
        if note.words:
            values["note_w"] = note.words
        if note.bigrams:
            values["note_ng"] = note.bigrams
        if note.chars:
            values["note_ch"] = note.chars
        for name, items in (
            ("authors", document.authors),
            ("publication", [document.publication] if document.publication else []),
            ("pages", document.pages),
            ("entities", document.entities),
            ("tags", document.tags),
            ("collections", document.collections),
        ):
            terms = {fold(item).strip(): 1 for item in items if item and item.strip()}
            if terms:
                values[name] = terms
        return values

    # ----------------------------------------------------------------- search

    def _searcher(self) -> Any:
        ix = self._require_open()
        local = self._local
        searcher = getattr(local, "searcher", None)
        if searcher is not None and getattr(local, "generation", None) == self._generation:
            return searcher
        if searcher is not None:
            with self._searchers_lock:
                if searcher in self._searchers:
                    self._searchers.remove(searcher)
            searcher.close()
        searcher = ix.searcher()
        with self._searchers_lock:
            self._searchers.append(searcher)
        scorable = [name for name in ix.schema.names() if ix.schema[name].scorable]
        for sub, _ in searcher.leaf_searchers():
            # Read the columns now: the files of a segment that another process merges
            # away meanwhile are deleted, but what is read or open stays readable.
            reader = sub.reader()
            self._segment_columns(reader)
            for name in scorable:
                reader.doc_field_length(0, name)
        live = {_segment_key(sub.reader()) for sub, _ in searcher.leaf_searchers()}
        with self._columns_lock:
            for key in [key for key in self._columns if key not in live]:
                del self._columns[key]
        local.searcher = searcher
        local.generation = self._generation
        return searcher

    def _segment_columns(self, reader: Any) -> _SegmentColumns:
        key = _segment_key(reader)
        columns = self._columns.get(key)
        if columns is None:
            columns = _SegmentColumns(reader)
            with self._columns_lock:
                self._columns[key] = columns
        return columns

    def reload(self) -> None:
        """Let the next search see what another process wrote (fresh searchers)."""
        self._generation += 1

    def warm_up(self) -> None:
        """Read the per-segment columns used for sorting and facets (call off the GUI thread)."""
        searcher = self._searcher()
        for sub, _ in searcher.leaf_searchers():
            columns = self._segment_columns(sub.reader())
            columns.date_index  # noqa: B018 - made now
            columns.count_facets((), Counter(), Counter())  # makes the facet codes

    @property
    def doc_count(self) -> int:
        """Number of documents in the index."""
        return self._searcher().doc_count()

    def explain(self, query: str) -> str:
        """How a query is segmented and parsed (see ``QueryCompiler.explain``)."""
        return self.compiler.explain(query)

    def search(
        self,
        query: str,
        *,
        page: int = 1,
        page_size: int = 20,
        sort: str = "relevance",
        load_texts: TextLoader | None = None,
        markers: tuple[str, str] = DEFAULT_MARKERS,
        snippet_width: int = 100,
        facets: bool = True,
        load_originals: TextLoader | None = None,
    ) -> SearchResults:
        """Run a query and return one page of hits, the total count and facet counts.

        Args:
            query: the query string (see :mod:`reader.search.query`).
            page: 1-based page number.
            page_size: hits per page.
            sort: ``"relevance"`` (BM25F), ``"date"`` (newest first) or ``"date_asc"``.
            load_texts: ``load_texts(ids) -> {id: body}`` for the hits of the page; without
                it, hits have no snippet.
            markers: put around each match in the snippet.
            snippet_width: the snippet's length in characters.
            facets: compute facet counts (publication, year, month, page) over all matches.
            load_originals: ``load_originals(ids) -> {id: original text}`` (the machine's
                text of corrected articles): a hit whose body has no match gets its snippet
                from there, prefixed with :data:`ORIGINAL_PREFIX`.

        Returns:
            The results.

        Raises:
            QuerySyntaxError: the query is malformed.
            InputError: a bad page, page size or sort.
        """
        if sort not in SORTS:
            raise InputError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if page < 1 or not 1 <= page_size <= 1000:
            raise InputError("page must be ≥ 1 and page size between 1 and 1000")
        compiled = self.compiler.compile(query)
        with self._swap_lock:  # never during the swap of a rebuilt index
            searcher = self._searcher()
            wanted = page * page_size
            heap: list[tuple[Any, ...]] = []
            total = 0
            facet_keys: Counter[bytes] = Counter()
            month_counts: Counter[int] = Counter()
            if sort == "relevance" and not compiled.scored:
                sort = "date"  # nothing to rank by (fields, dates, negations only): newest first
            descending = sort != "date_asc"
            context = searcher.context(needs_current=True, weighting=searcher.weighting)
            # Dates and NOTs only filter: the matches are ranked with the text part.
            scoring = _scoring_query(compiled.query)
            for sub, offset in searcher.leaf_searchers():
                reader = sub.reader()
                columns = self._segment_columns(reader)
                dates = columns.dates
                matched: Sequence[int] = columns.match_set(compiled.query, sub)
                if sort == "relevance":
                    from reader.search.execution import rank_segment

                    rank_segment(scoring, sub, context, matched, heap, wanted, offset)
                else:
                    matched = sorted(matched)
                    if descending:
                        best = heapq.nlargest(wanted, matched, key=dates.__getitem__)
                    else:
                        best = heapq.nsmallest(wanted, matched, key=dates.__getitem__)
                    for docnum in best:
                        date = dates[docnum]
                        key = (date if descending else -date, -(docnum + offset))
                        heap.append((key, 0.0, docnum + offset, sub, docnum))
                total += len(matched)
                if facets and matched:
                    columns.count_facets(matched, facet_keys, month_counts)
            ranked = sorted(heap, key=lambda item: (item[0], -item[2]), reverse=True)
            selected = ranked[(page - 1) * page_size : wanted]
            hits = [self._hit(item[3], item[4], item[1]) for item in selected]
            if load_texts is not None and hits:
                self._add_snippets(
                    hits, compiled.highlights, load_texts, markers, snippet_width, load_originals
                )
            elif hits:
                for hit in hits:
                    hit.title_spans = _title_spans(hit.title, compiled.highlights)
            return SearchResults(
                query=query,
                total=total,
                hits=hits,
                facets=_facets(facet_keys, month_counts) if facets else {},
                page=page,
                page_size=page_size,
                sort=sort,
            )

    def ids(self, query: str) -> list[int]:
        """The database ids of every article matching a query, unranked (e.g. to export all).

        Raises:
            QuerySyntaxError: the query is malformed.
        """
        compiled = self.compiler.compile(query)
        with self._swap_lock:
            return self._ids(compiled)

    def _ids(self, compiled: Any) -> list[int]:
        searcher = self._searcher()
        result: list[int] = []
        for sub, _ in searcher.leaf_searchers():
            columns = self._segment_columns(sub.reader())
            ids = columns.ids
            result.extend(ids[docnum] for docnum in sorted(columns.match_set(compiled.query, sub)))
        return result

    def _hit(self, sub: Any, docnum: int, score: float) -> SearchHit:
        reader = sub.reader()
        columns = self._segment_columns(reader)
        title = columns.titles[docnum].decode("utf-8")
        publication, _, pages = columns.facets[docnum].decode("utf-8").partition(_FACET_SEP)
        return SearchHit(
            id=int(columns.ids[docnum]),
            score=float(score),
            title=title,
            date=_date_of(columns.dates[docnum]),
            pages=pages.split(_PAGE_SEP) if pages else [],
            publication=publication,
        )

    @staticmethod
    def _add_snippets(
        hits: list[SearchHit],
        highlights: dict[str, list[str]],
        load_texts: TextLoader,
        markers: tuple[str, str],
        width: int,
        load_originals: TextLoader | None = None,
    ) -> None:
        texts = load_texts([hit.id for hit in hits])
        terms = highlights.get("body", []) + highlights.get("note", [])
        originals: dict[int, str] | None = None
        for hit in hits:
            hit.title_spans = _title_spans(hit.title, highlights)
            text = texts.get(hit.id)
            snippet = make_snippet(text, terms, width=width, markers=markers) if text else None
            matched_here = bool(hit.title_spans) or bool(snippet and snippet.all_spans)
            if not matched_here and load_originals and terms:
                if originals is None:  # loaded once, only when the current text has no match
                    originals = load_originals([hit.id for hit in hits])
                found = _original_snippet(originals.get(hit.id), terms, width, markers)
                if found is not None:
                    hit.snippet, hit.snippet_text, hit.snippet_spans = found
                    continue
            if snippet is None:
                continue
            hit.snippet = snippet.marked
            hit.snippet_text = snippet.text
            hit.snippet_spans = snippet.spans
            hit.spans = snippet.all_spans


def _original_snippet(
    original: str | None, terms: list[str], width: int, markers: tuple[str, str]
) -> tuple[str, str, list[tuple[int, int]]] | None:
    """A snippet of an article's original (machine) text, when the query matches there."""
    if not original:
        return None
    snippet = make_snippet(original, terms, width=width, markers=markers)
    if not snippet.all_spans:
        return None
    shift = len(ORIGINAL_PREFIX)
    spans = [(start + shift, end + shift) for start, end in snippet.spans]
    return ORIGINAL_PREFIX + snippet.marked, ORIGINAL_PREFIX + snippet.text, spans


def _scoring_query(query: Any) -> Any:
    """The part of a query that scores: date ranges in an AND and NOT parts are dropped.

    The result matches a superset of the query's matches, so ranking it among the query's
    matches gives the same order, without running a date range over thousands of postings.
    Returns ``query`` itself when nothing can be dropped.
    """
    from whoosh import query as wq

    if isinstance(query, wq.AndNot):
        return _scoring_query(query.a)
    if isinstance(query, wq.AndMaybe):
        return query
    if isinstance(query, wq.And):
        kept = [q for q in query.subqueries if not isinstance(q, wq.NumericRange)]
        if not kept:
            return wq.Every()
        parts = [_scoring_query(q) for q in kept]
        if len(kept) == len(query.subqueries) and all(
            new is old for new, old in zip(parts, kept, strict=True)
        ):
            return query
        return parts[0] if len(parts) == 1 else wq.And(parts)
    if isinstance(query, wq.Or):
        parts = [_scoring_query(q) for q in query.subqueries]
        if all(new is old for new, old in zip(parts, query.subqueries, strict=True)):
            return query
        return wq.Or(parts)
    return query


def _title_spans(title: str, highlights: dict[str, list[str]]) -> list[tuple[int, int]]:
    from reader.search.snippets import find_spans

    return find_spans(title, highlights.get("title", []))


def _facets(facet_keys: Counter[bytes], month_counts: Counter[int]) -> dict[str, dict[str, int]]:
    publications: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    for key, count in facet_keys.items():
        publication, _, page_labels = key.decode("utf-8").partition(_FACET_SEP)
        if publication:
            publications[publication] += count
        for label in set(page_labels.split(_PAGE_SEP)) if page_labels else ():
            pages[label] += count
    months: dict[str, int] = {}
    years: Counter[str] = Counter()
    for value, count in sorted(month_counts.items()):
        if not value:
            continue
        year, month = divmod(value, 100)
        months[f"{year:04d}-{month:02d}"] = count
        years[f"{year:04d}"] += count
    return {
        "publication": dict(publications.most_common()),
        "year": dict(sorted(years.items())),
        "month": months,
        "page": dict(sorted(pages.items(), key=lambda item: (-item[1], item[0]))),
    }

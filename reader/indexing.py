"""The archive's search index kept in step with the database (the only source of truth)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.engine import Database
from db.models import Article, ArticlePart, Issue, Page, Publication, TextBlock
from reader.archive import read_change_counter
from reader.entities.store import entity_names_of_articles
from reader.errors import ArchiveError, ReaderError
from reader.notes.search_data import user_search_data
from reader.parsing.model import BODY_SEPARATOR
from reader.paths import ArchivePaths
from reader.search.document import SearchDocument, SearchResults
from reader.search.index import IndexStatus, SearchIndex
from reader.segment import Segmenter, Token

logger = logging.getLogger(__name__)

#: Whoosh's posting pool during a rebuild: small enough to keep the window's memory in bounds.
REBUILD_MEMORY_MB = 64

#: part id → field name ("title", "subtitle", "body") → tokens of that field's text.
TokenCache = dict[int, dict[str, list[Token]]]
#: part id → the part's index fields prepared by an import worker (``PartAnalysis.search``).
PreparedCache = dict[int, dict[str, Any]]
ProgressCallback = Callable[[int, int, str], None]


def _shifted(tokens: Sequence[Token], offset: int) -> list[Token]:
    if offset == 0:
        return list(tokens)
    return [replace(token, start=token.start + offset, end=token.end + offset) for token in tokens]


def documents_for(
    session: Session,
    article_ids: Iterable[int],
    token_cache: TokenCache | None = None,
    prepared: PreparedCache | None = None,
) -> list[SearchDocument]:
    """Search documents for articles, built from the database.

    Tokens from the import's segmentation pass are reused where the cache has every part
    of an article; otherwise the index segments the text itself. An article of one part
    whose index fields an import worker prepared gets them (when its stored text is still
    what they were made of).

    Args:
        session: a session.
        article_ids: the articles.
        token_cache: tokens of freshly imported parts.
        prepared: index fields of freshly imported parts.

    Returns:
        One document per existing article.
    """
    ids = sorted(set(article_ids))
    cache = token_cache or {}
    ready = prepared or {}
    documents: list[SearchDocument] = []
    for chunk in in_batches(ids):
        rows = session.execute(
            select(Article, Issue.date, Publication.name)
            .join(Issue, Issue.id == Article.issue_id)
            .join(Publication, Publication.id == Issue.publication_id)
            .where(Article.id.in_(chunk))
        ).all()
        parts_by_article: dict[int, list[tuple[int, str]]] = {}
        for part_id, article_id, label in session.execute(
            select(ArticlePart.id, ArticlePart.article_id, Page.label)
            .join(Page, Page.id == ArticlePart.page_id)
            .where(ArticlePart.article_id.in_(chunk))
            .order_by(ArticlePart.article_id, ArticlePart.part_no)
        ):
            parts_by_article.setdefault(article_id, []).append((part_id, label))
        part_ids = [part_id for parts in parts_by_article.values() for part_id, _ in parts]
        blocks: dict[int, list[str]] = {}
        for part_id, text in session.execute(
            select(TextBlock.part_id, TextBlock.text)
            .where(TextBlock.part_id.in_(part_ids))
            .order_by(TextBlock.part_id, TextBlock.seq)
        ):
            blocks.setdefault(part_id, []).append(text)
        entities = entity_names_of_articles(session, chunk)
        users = user_search_data(session, chunk)
        originals = load_originals(session, chunk)
        for article, date, publication in rows:
            parts = parts_by_article.get(article.id, [])
            document = _document(article, date, publication, parts, blocks, entities, cache)
            document.original = originals.get(article.id, "")
            if len(parts) == 1 and parts[0][0] in ready and not document.original:
                document.prepared = _prepared_fields(document, ready[parts[0][0]])
            user = users.get(article.id)
            if user is not None:  # the user's tags, collections and annotations
                document.tags, document.collections = user.tags, user.collections
                document.notes = user.notes
            documents.append(document)
    return documents


def _document(
    article: Article,
    date: object,
    publication: str,
    parts: list[tuple[int, str]],
    blocks: dict[int, list[str]],
    entities: dict[int, list[str]],
    cache: TokenCache,
) -> SearchDocument:
    bodies: list[str] = []
    body_tokens: list[Token] | None = []
    offset = 0
    for part_id, _label in parts:
        part_body = BODY_SEPARATOR.join(blocks.get(part_id, []))
        if not part_body:
            continue
        cached = cache.get(part_id, {}).get("body")
        if cached is None or body_tokens is None:
            body_tokens = None
        else:
            if bodies:
                body_tokens.append(Token(BODY_SEPARATOR, "x", offset - 1, offset))
            body_tokens.extend(_shifted(cached, offset))
        bodies.append(part_body)
        offset += len(part_body) + len(BODY_SEPARATOR)
    first = cache.get(parts[0][0], {}) if parts else {}
    labels: list[str] = []
    for _part_id, label in parts:
        if label not in labels:
            labels.append(label)
    return SearchDocument(
        id=article.id,
        title=article.title or "",
        subtitle=article.subtitle or "",
        body=BODY_SEPARATOR.join(bodies),
        authors=list(article.authors or []),
        credit=article.credit or "",
        publication=publication,
        date=date,  # type: ignore[arg-type]
        pages=labels,
        entities=entities.get(article.id, []),
        title_tokens=first.get("title") if article.title else None,
        subtitle_tokens=first.get("subtitle") if article.subtitle else None,
        body_tokens=body_tokens if bodies else None,
    )


def _prepared_fields(document: SearchDocument, prepared: dict[str, Any]) -> dict[str, Any] | None:
    """The prepared index fields, if they were made of the document's text as stored."""
    from reader.import_workers import search_source

    source = search_source(
        document.title, document.subtitle, len(document.body), document.credit, document.authors
    )
    return prepared["fields"] if prepared.get("source") == source else None


def iter_all_documents(session: Session, batch: int = 500) -> Iterator[SearchDocument]:
    """Every article of the archive as a search document, in id order, batch by batch."""
    last = 0
    while True:
        ids = session.scalars(
            select(Article.id).where(Article.id > last).order_by(Article.id).limit(batch)
        ).all()
        if not ids:
            return
        yield from documents_for(session, ids)
        last = ids[-1]


def load_originals(session: Session, article_ids: Iterable[int]) -> dict[int, str]:
    """The machine's text of what users corrected in articles (only corrected ones appear).

    Every ``article_part.original`` value and ``text_block.original`` of the articles'
    parts, in reading order, joined with newlines.
    """
    ids = sorted(set(article_ids))
    found: dict[int, list[str]] = {}
    for chunk in in_batches(ids):
        for article_id, original in session.execute(
            select(ArticlePart.article_id, ArticlePart.original)
            .where(ArticlePart.article_id.in_(chunk), ArticlePart.original.is_not(None))
            .order_by(ArticlePart.article_id, ArticlePart.part_no)
        ):
            for value in (original or {}).values():
                items = value if isinstance(value, list) else [value]
                found.setdefault(article_id, []).extend(str(item) for item in items if item)
        for article_id, original in session.execute(
            select(ArticlePart.article_id, TextBlock.original)
            .join(TextBlock, TextBlock.part_id == ArticlePart.id)
            .where(ArticlePart.article_id.in_(chunk), TextBlock.original.is_not(None))
            .order_by(ArticlePart.article_id, ArticlePart.part_no, TextBlock.seq)
        ):
            found.setdefault(article_id, []).append(original)
    return {article_id: BODY_SEPARATOR.join(texts) for article_id, texts in found.items() if texts}


def load_bodies(session: Session, article_ids: Iterable[int]) -> dict[int, str]:
    """The body text of articles (every block, parts in order, joined with newlines)."""
    ids = list(article_ids)
    rows = session.execute(
        select(ArticlePart.article_id, TextBlock.text)
        .join(TextBlock, TextBlock.part_id == ArticlePart.id)
        .where(ArticlePart.article_id.in_(ids))
        .order_by(ArticlePart.article_id, ArticlePart.part_no, TextBlock.seq)
    ).all()
    texts: dict[int, list[str]] = {}
    for article_id, text in rows:
        texts.setdefault(article_id, []).append(text)
    return {article_id: BODY_SEPARATOR.join(parts) for article_id, parts in texts.items()}


@dataclass(slots=True)
class IndexBatch:
    """Changes of the search index for one database change, ready to write (plain data).

    ``added`` and ``updated`` hold index field values (``SearchIndex.document_fields``) of
    new and of changed articles; ``removed`` the ids of deleted articles.
    """

    counter_before: int
    counter_after: int
    removed: list[int] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)


class ArchiveSearch:
    """The search index of one archive: checked against the database, rebuilt when needed."""

    def __init__(self, paths: ArchivePaths, db: Database, segmenter: Segmenter) -> None:
        """Bind the index directory of an archive (nothing is opened yet).

        Args:
            paths: the archive's paths.
            db: its database.
            segmenter: its segmenter.
        """
        self.db = db
        self._paths = paths
        self.index = SearchIndex(paths.index_dir, segmenter)

    def database_counter(self) -> int:
        """The database's change counter now."""
        with self.db.read() as session:
            return read_change_counter(session)

    def status(self) -> IndexStatus:
        """Whether the index is usable as it is (without opening it)."""
        return self.index.check(self.database_counter())

    def open_if_current(self) -> IndexStatus:
        """Open the index if it matches the database; report its status either way.

        Whatever Whoosh raises while opening files that passed the stamp check makes the
        index "broken" (it is derived data: rebuilt, never trusted).
        """
        counter = self.database_counter()
        try:
            return self.index.open(counter)
        except ReaderError:
            raise
        except Exception as error:  # no traceback kept: it would hold Whoosh's open files
            logger.warning("The search index could not be opened (%s): rebuilding it", repr(error))
            self.mark_damaged()
            return IndexStatus.BROKEN

    def mark_damaged(self) -> None:
        """Close the index and make its stamp fail the check, so the next open rebuilds it."""
        from reader.backup import mark_index_stale

        self.index.close()
        mark_index_stale(self._paths)

    def rebuild(
        self,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Rebuild the index from the database (in the calling thread; run it on a worker).

        Args:
            progress: called with (documents done, total, "").
            cancelled: polled; True stops the rebuild and keeps the old index.

        Returns:
            The number of documents indexed.
        """
        with self.db.read() as session:
            counter = read_change_counter(session)
            total = session.scalar(select(func.count(Article.id))) or 0
            documents = iter_all_documents(session)

            def report(done: int, _total: int) -> None:
                if progress is not None:
                    progress(done, total, "")

            count = self.index.rebuild(
                documents,
                counter,
                total=total,
                progress=report,
                cancelled=cancelled,
                limitmb=REBUILD_MEMORY_MB,
            )
        self.index.open(counter)
        return count

    def ensure_current(
        self,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> bool:
        """Open the index, rebuilding it first when it is missing, stale, broken or foreign.

        Returns:
            True when the index had to be rebuilt.
        """
        if self.index.is_open and self.status() is IndexStatus.OK:
            return False
        if self.open_if_current() is IndexStatus.OK:
            return False
        self.rebuild(progress, cancelled)
        return True

    def _ready_for(self, counter_before: int) -> bool:
        """Open the index if needed; tell whether it is current up to ``counter_before``.

        A missing index is created when ``counter_before`` is 0 (the archive's first change).
        """
        if not self.index.is_open:
            try:
                status = self.index.open(counter_before)
            except ReaderError:
                raise
            except Exception as error:  # damaged Whoosh files: rebuilt later; the change is kept
                logger.warning("The search index could not be opened (%s)", repr(error))
                self.mark_damaged()
                return False
            if status is IndexStatus.MISSING and counter_before == 0:
                self.index.create(0)  # the archive's first change: start the index with it
            elif status is not IndexStatus.OK:
                return False
        elif self.index.change_counter != counter_before:
            return False
        return True

    def changes_for(
        self,
        *,
        touched: Iterable[int],
        removed: Iterable[int],
        counter_before: int,
        added: Iterable[int] = (),
        counter_after: int,
        token_cache: TokenCache | None = None,
        prepared: PreparedCache | None = None,
    ) -> IndexBatch:
        """The index changes of a database change, built from the database; nothing is written.

        The arguments are those of :meth:`apply_changes`. The documents are turned into
        index fields here, so that :meth:`write_changes` (possibly in another process)
        only writes.
        """
        new_ids = set(added)
        with self.db.read() as session:
            documents = documents_for(session, touched, token_cache, prepared)
        fields = self.index.document_fields
        return IndexBatch(
            counter_before=counter_before,
            counter_after=counter_after,
            removed=sorted(set(removed)),
            added=[fields(document) for document in documents if document.id in new_ids],
            updated=[fields(document) for document in documents if document.id not in new_ids],
        )

    def write_changes(self, batch: IndexBatch) -> bool:
        """Write a batch of changes, if the index is current up to its ``counter_before``.

        Returns:
            True when the index was updated.
        """
        if not self._ready_for(batch.counter_before):
            return False
        try:
            with self.index.writer(change_counter=batch.counter_after) as writer:
                writer.delete(batch.removed)
                writer.add_fields(batch.added)
                writer.update_fields(batch.updated)
        except ArchiveError:
            return False
        except Exception as error:  # damaged Whoosh files: rebuilt later; the change is kept
            logger.warning("The search index could not be updated (%s)", repr(error))
            self.mark_damaged()
            return False
        return True

    def apply_changes(
        self,
        *,
        touched: Iterable[int],
        removed: Iterable[int],
        counter_before: int,
        added: Iterable[int] = (),
        counter_after: int,
        token_cache: TokenCache | None = None,
        prepared: PreparedCache | None = None,
    ) -> bool:
        """Bring the index up to a database change, if it was current before it.

        An index that was already behind is left alone (stale): it gets rebuilt when the
        archive is next searched or opened.

        Args:
            touched: articles added or changed.
            removed: articles deleted.
            added: those of ``touched`` that the index has never seen (added without the
                cost of replacing).
            counter_before: the database change counter before the change.
            counter_after: the counter after it.
            token_cache: tokens of the changed parts from the import's segmentation.
            prepared: index fields of the changed parts from the import's workers.

        Returns:
            True when the index was updated.
        """
        if not self._ready_for(counter_before):
            return False
        batch = self.changes_for(
            touched=touched,
            removed=removed,
            added=added,
            counter_before=counter_before,
            counter_after=counter_after,
            token_cache=token_cache,
            prepared=prepared,
        )
        return self.write_changes(batch)

    def search(
        self,
        query: str,
        *,
        page: int = 1,
        page_size: int = 20,
        sort: str = "relevance",
        markers: tuple[str, str] = ("【", "】"),
    ) -> SearchResults:
        """Run a query (the index must be current: call :meth:`ensure_current` first).

        Raises:
            QuerySyntaxError: the query is malformed.
        """

        def load_texts(ids: Iterable[int]) -> dict[int, str]:
            with self.db.read() as session:
                return load_bodies(session, ids)

        def original_texts(ids: Iterable[int]) -> dict[int, str]:
            with self.db.read() as session:
                return load_originals(session, ids)

        try:
            return self.index.search(
                query,
                page=page,
                page_size=page_size,
                sort=sort,
                load_texts=load_texts,
                markers=markers,
                load_originals=original_texts,
            )
        except ReaderError:
            raise
        except Exception as error:  # Whoosh could not read its files
            logger.warning("The search index could not be read (%s): rebuilding it", repr(error))
            self.mark_damaged()
            raise ArchiveError(
                "The search index could not be read; it is rebuilt from the database at the "
                f"next search ({type(error).__name__}: {error})"
            ) from error

    def close(self) -> None:
        """Close the index."""
        self.index.close()

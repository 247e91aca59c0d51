"""Paged article listings for the window: SQL sorting and filtering with keyset paging."""

from __future__ import annotations

import datetime as dt
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from db.models import Article, ArticlePart, Issue, Mention, Page, Publication
from db.portable import first_json_item, json_array_has_like
from reader.library import PageInfo, pages_of_articles

DEFAULT_BATCH = 200
LIKE_ESCAPE = "\\"

Cursor = tuple[Any, ...]
"""The sort values of the last row of a batch: where the next batch starts."""


class SortKey(StrEnum):
    """The orders an article list can be sorted in (ties broken by archive order)."""

    ARCHIVE = "archive"
    TITLE = "title"
    PUBLICATION = "publication"
    DATE = "date"
    PAGES = "pages"
    AUTHORS = "authors"


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles a list shows, and in which order.

    Attributes:
        publication_id: only this publication's articles.
        issue_id: only this issue's articles.
        page_id: only the articles printed (at least in part) on this page.
        date_from: only issues of this date or later.
        date_to: only issues of this date or earlier.
        text: only articles whose title, subtitle or an author contains this text.
        article_ids: only these articles (a search result, for instance).
        sort: the order.
        descending: reverse the order.
    """

    publication_id: int | None = None
    issue_id: int | None = None
    page_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""
    article_ids: tuple[int, ...] | None = None
    sort: SortKey = SortKey.ARCHIVE
    descending: bool = False

    def with_text(self, text: str) -> ArticleQuery:
        """The same query with another filter text."""
        return replace(self, text=text)

    def sorted_by(self, sort: SortKey, descending: bool = False) -> ArticleQuery:
        """The same query in another order."""
        return replace(self, sort=sort, descending=descending)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One row of an article list: plain data, safe to hand to any thread.

    ``entities`` is the number of distinct entities the article mentions.
    """

    id: int
    title: str
    subtitle: str | None
    authors: tuple[str, ...]
    publication: str
    date: str | None
    pages: tuple[str, ...]
    issue_id: int
    entities: int = 0


@dataclass(slots=True)
class ArticleBatch:
    """A batch of rows and where the next batch starts (None when there is no more)."""

    rows: list[ArticleRow] = field(default_factory=list)
    cursor: Cursor | None = None


def _like_pattern(text: str) -> str:
    escaped = (text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%")).replace(
        "_", LIKE_ESCAPE + "_"
    )
    return f"%{escaped}%"


def _sort_columns(first_page: Any, first_part: Any) -> dict[str, ColumnElement[Any]]:
    return {
        "publication": Publication.name,
        "unsorted": Issue.unsorted,
        "date": func.coalesce(Issue.date, literal(""), type_=String),
        "label": func.coalesce(first_page.label, ""),
        "position": func.coalesce(first_part.position, -1),
        "id": Article.id,
        "title": Article.title,
        "authors": func.coalesce(first_json_item(Article.authors), "", type_=String),
    }


_ARCHIVE_ORDER = ("publication", "unsorted", "date", "label", "position", "id")
_ORDERS = {
    SortKey.ARCHIVE: _ARCHIVE_ORDER,
    SortKey.PUBLICATION: _ARCHIVE_ORDER,
    SortKey.DATE: ("date", "publication", "unsorted", "label", "position", "id"),
    SortKey.PAGES: ("label", "publication", "unsorted", "date", "position", "id"),
    SortKey.TITLE: ("title", "id"),
    SortKey.AUTHORS: ("authors", "id"),
}
"""The sort keys of each order: a primary key, then ties broken (archive order, or id)."""


def _order_names(sort: SortKey) -> tuple[str, ...]:
    return _ORDERS[sort]


def _filtered(query: ArticleQuery, statement: Select[Any]) -> Select[Any]:
    if query.publication_id is not None:
        statement = statement.where(Issue.publication_id == query.publication_id)
    if query.issue_id is not None:
        statement = statement.where(Article.issue_id == query.issue_id)
    if query.page_id is not None:
        statement = statement.where(
            Article.id.in_(
                select(ArticlePart.article_id).where(ArticlePart.page_id == query.page_id)
            )
        )
    if query.date_from is not None:
        statement = statement.where(Issue.date >= query.date_from)
    if query.date_to is not None:
        statement = statement.where(Issue.date <= query.date_to)
    if query.article_ids is not None:
        statement = statement.where(Article.id.in_(list(query.article_ids)))
    text = query.text.strip()
    if text:
        pattern = _like_pattern(text)
        author_match = json_array_has_like(Article.authors, literal(pattern), LIKE_ESCAPE)
        statement = statement.where(
            or_(
                Article.title.like(pattern, escape=LIKE_ESCAPE),
                Article.subtitle.like(pattern, escape=LIKE_ESCAPE),
                author_match,
            )
        )
    return statement


def _keys_statement(query: ArticleQuery) -> tuple[Select[Any], list[ColumnElement[Any]]]:
    """The narrow statement of a query: article ids and sort keys only (cheap to sort)."""
    first_part = aliased(ArticlePart)
    first_page = aliased(Page)
    columns = _sort_columns(first_page, first_part)
    names = _order_names(query.sort)
    keys = [columns[name] for name in names]
    statement = (
        select(
            Article.id.label("article_id"),
            *(key.label(f"sort_{n}") for n, key in zip(names, keys, strict=True)),
        )
        .select_from(Article)
        .join(Issue, Issue.id == Article.issue_id)
    )
    if {"publication"} & set(names):
        statement = statement.join(Publication, Publication.id == Issue.publication_id)
    if {"label", "position"} & set(names):
        statement = statement.outerjoin(
            first_part, and_(first_part.article_id == Article.id, first_part.part_no == 0)
        ).outerjoin(first_page, first_page.id == first_part.page_id)
    return _filtered(query, statement), keys


def count_articles(session: Session, query: ArticleQuery) -> int:
    """How many articles a query lists.

    Args:
        session: a read session.
        query: the query (its order is ignored).

    Returns:
        The number of articles.
    """
    statement = (
        select(func.count(Article.id))
        .select_from(Article)
        .join(Issue, Issue.id == Article.issue_id)
    )
    return int(session.scalar(_filtered(query, statement)) or 0)


def fetch_articles(
    session: Session,
    query: ArticleQuery,
    *,
    after: Cursor | None = None,
    limit: int = DEFAULT_BATCH,
) -> ArticleBatch:
    """One batch of an article list, starting after the row whose cursor is ``after``.

    Keyset paging: rows inserted meanwhile never shift the batches. The first batch is one
    sorted query stopped after ``limit`` rows; when the list is scrolled on, the whole
    order of that query is read once and kept (:class:`OrderCache`, invalidated by any
    change of the archive), so each later batch costs the same small lookup however deep.

    Args:
        session: a read session.
        query: filters and order.
        after: the cursor of the previous batch (None for the first batch).
        limit: the batch size.

    Returns:
        The rows, and the cursor of the next batch (None after the last one).
    """
    statement, keys = _keys_statement(query)
    names = _order_names(query.sort)
    ordering = [key.desc() if query.descending else key.asc() for key in keys]
    if after is not None:
        if len(after) != len(keys):
            raise ValueError("the cursor does not belong to this order")
        cached = ORDER_CACHE.after(session, query, statement, ordering, after[-1], limit)
        if cached is not None:
            ids, more = cached
            batch = _batch_of(session, ids)
            if more and ids:
                row = session.execute(statement.where(Article.id == ids[-1])).one()
                batch.cursor = tuple(getattr(row, f"sort_{name}") for name in names)
            return batch
        bound = tuple_(*keys)
        values = tuple_(*(literal(value) for value in after))
        statement = statement.where(bound < values if query.descending else bound > values)
    key_rows = session.execute(statement.order_by(*ordering).limit(limit + 1)).all()
    more = len(key_rows) > limit
    key_rows = key_rows[:limit]
    batch = _batch_of(session, [row.article_id for row in key_rows])
    if more and key_rows:
        last = key_rows[-1]
        batch.cursor = tuple(getattr(last, f"sort_{name}") for name in names)
    return batch


def _batch_of(session: Session, ids: list[int]) -> ArticleBatch:
    """The rows of these articles, in this order."""
    details = {
        row.id: row
        for row in session.execute(
            select(
                Article.id,
                Article.title,
                Article.subtitle,
                Article.authors,
                Article.issue_id,
                Publication.name,
                Issue.date,
            )
            .join(Issue, Issue.id == Article.issue_id)
            .join(Publication, Publication.id == Issue.publication_id)
            .where(Article.id.in_(ids))
        ).all()
    }
    pages = pages_of_articles(session, ids)
    entities = entity_counts(session, ids)
    batch = ArticleBatch()
    for article_id in ids:
        row = details.get(article_id)
        if row is None:  # deleted meanwhile
            continue
        batch.rows.append(
            ArticleRow(
                id=row.id,
                title=row.title or "",
                subtitle=row.subtitle,
                authors=tuple(row.authors or ()),
                publication=row.name,
                date=row.date.isoformat() if row.date else None,
                pages=tuple(pages.get(row.id, ())),
                issue_id=row.issue_id,
                entities=entities.get(row.id, 0),
            )
        )
    return batch


@dataclass(slots=True)
class _Order:
    """One query's whole order: article ids, and where each one is."""

    counter: int
    ids: array
    positions: dict[int, int]


class OrderCache:
    """The full order of the lists being scrolled, kept per database and change counter.

    The window scrolls one list at a time (two when a filter is being typed): a few orders
    of at most one id per article are kept (≈ 10 MB for 100k articles), the least recently
    used dropped first. Any change of the archive (its change counter) discards them.
    """

    def __init__(self, size: int = 2) -> None:
        """Keep at most ``size`` orders."""
        self._size = size
        self._orders: OrderedDict[tuple[str, ArticleQuery], _Order] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every order."""
        with self._lock:
            self._orders.clear()

    def after(
        self,
        session: Session,
        query: ArticleQuery,
        statement: Select[Any],
        ordering: list[ColumnElement[Any]],
        last_id: int,
        limit: int,
    ) -> tuple[list[int], bool] | None:
        """The ids of the ``limit`` articles after ``last_id`` in the query's order.

        Returns:
            The ids and whether more follow; None when ``last_id`` is not in the list
            (then keyset paging takes over).
        """
        from reader.archive import read_change_counter

        key = (str(session.get_bind().url), query)
        counter = read_change_counter(session)
        with self._lock:
            order = self._orders.get(key)
            if order is not None:
                self._orders.move_to_end(key)
        if order is None or order.counter != counter:
            ids = array(
                "q", session.scalars(statement.with_only_columns(Article.id).order_by(*ordering))
            )
            order = _Order(counter, ids, {article_id: i for i, article_id in enumerate(ids)})
            with self._lock:
                self._orders[key] = order
                self._orders.move_to_end(key)
                while len(self._orders) > self._size:
                    self._orders.popitem(last=False)
        position = order.positions.get(last_id)
        if position is None:
            return None
        following = order.ids[position + 1 : position + 2 + limit]
        return list(following[:limit]), len(following) > limit


#: The order cache of this process (the window's reader threads share it).
ORDER_CACHE = OrderCache()


def entity_counts(session: Session, article_ids: list[int]) -> dict[int, int]:
    """The number of distinct entities each of these articles mentions (absent: none).

    One grouped query on the mention table, restricted to the ids given (a batch), so the
    cost does not grow with the archive.
    """
    if not article_ids:
        return {}
    rows = session.execute(
        select(Mention.article_id, func.count(func.distinct(Mention.entity_id)))
        .where(Mention.article_id.in_(article_ids))
        .group_by(Mention.article_id)
    ).all()
    return {article_id: count for article_id, count in rows}


def find_page_id(session: Session, issue_id: int, label: str) -> int | None:
    """The id of the page with this label in an issue, if it is in the archive."""
    return session.scalar(
        select(Page.id).where(Page.issue_id == issue_id, Page.label == label).limit(1)
    )


@dataclass(slots=True)
class IssueEntry:
    """An issue of the issue tree with its pages and its number of articles."""

    id: int
    date: dt.date | None
    number: str | None
    unsorted: bool
    articles: int
    pages: list[PageInfo] = field(default_factory=list)


@dataclass(slots=True)
class PublicationEntry:
    """A publication of the issue tree with its issues, oldest first."""

    id: int
    name: str
    articles: int
    issues: list[IssueEntry] = field(default_factory=list)


def issue_tree(session: Session) -> list[PublicationEntry]:
    """Publications, issues and pages with article counts, without loading any page text.

    Args:
        session: a read session.

    Returns:
        Publications by name; issues by date (unsorted last); pages by label.
    """
    page_counts = dict(
        session.execute(
            select(ArticlePart.page_id, func.count(func.distinct(ArticlePart.article_id))).group_by(
                ArticlePart.page_id
            )
        ).all()
    )
    issue_counts = dict(
        session.execute(
            select(Article.issue_id, func.count(Article.id)).group_by(Article.issue_id)
        ).all()
    )
    publications: dict[int, PublicationEntry] = {}
    issues: dict[int, IssueEntry] = {}
    rows = session.execute(
        select(Publication.id, Publication.name, Issue.id, Issue.date, Issue.number, Issue.unsorted)
        .join(Issue, Issue.publication_id == Publication.id)
        .order_by(Publication.name, Issue.unsorted, Issue.date, Issue.number, Issue.id)
    ).all()
    for publication_id, name, issue_id, date, number, unsorted in rows:
        publication = publications.get(publication_id)
        if publication is None:
            publication = publications[publication_id] = PublicationEntry(
                id=publication_id, name=name, articles=0
            )
        entry = IssueEntry(
            id=issue_id,
            date=date,
            number=number,
            unsorted=bool(unsorted),
            articles=issue_counts.get(issue_id, 0),
        )
        publication.issues.append(entry)
        publication.articles += entry.articles
        issues[issue_id] = entry
    page_rows = session.execute(
        select(
            Page.id,
            Page.issue_id,
            Page.label,
            Page.source_name,
            Page.encoding,
            Page.encoding_confidence,
        ).order_by(Page.issue_id, Page.label)
    ).all()
    for page_id, issue_id, label, source_name, encoding, confidence in page_rows:
        issue = issues.get(issue_id)
        if issue is not None:
            issue.pages.append(
                PageInfo(
                    id=page_id,
                    label=label,
                    source_name=source_name,
                    articles=page_counts.get(page_id, 0),
                    encoding=encoding,
                    encoding_confidence=confidence,
                )
            )
    return list(publications.values())


def has_articles(session: Session) -> bool:
    """Whether the archive holds any article (an empty archive shows the welcome panel)."""
    # Core, not ORM: the window asks this first, before any mapper needs configuring.
    return session.execute(select(Article.__table__.c.id).limit(1)).first() is not None

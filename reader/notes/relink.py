"""Keeping users' data with the text it belongs to across re-imports, joins and corrections.

* :func:`reanchor_articles` re-anchors the annotations of articles whose text changed
  (see :mod:`reader.notes.anchors`); one whose passage left its article but is found in
  another article of the same page follows it there.
* On a re-import, :func:`hold_user_data` (before the page is replaced) and
  :func:`after_page_stored` (after) rescue the data of articles the new text no longer has:
  annotations go to the article of the page that now holds their passage; bookmarks, tags,
  collection items and notes on the whole article go to the article with the same
  headline (or, among the articles the re-import created, one with a very similar
  headline). What finds no home keeps its row with no article (the link is set to NULL by
  the database) and its ``context`` — flagged, never dropped.
* :func:`move_user_data` moves everything of an article absorbed by a continuation join to
  the article that absorbs it (a bookmark, tag or collection entry the absorbing article
  already has is the same fact twice and is kept once).

These functions work inside the caller's write transaction and bump nothing: the importer
(or the correction) counts the change and re-indexes the articles it touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import (
    Annotation,
    Article,
    ArticlePart,
    ArticleTag,
    Bookmark,
    CollectionItem,
    Page,
    utcnow,
)
from reader.errors import NotFoundError
from reader.library import get_article
from reader.notes.anchors import (
    ANCHORED,
    MIN_FUZZY_QUOTE,
    MOVED,
    ORPHANED,
    Anchor,
    Placement,
    article_texts,
    context_score,
    reanchor_in_texts,
)
from reader.notes.common import ArticleRef, article_refs

#: A removed article's bookmarks and tags go to a new article whose headline is this similar.
HEADLINE_SIMILARITY = 0.7


@dataclass(slots=True)
class ReanchorReport:
    """What re-anchoring did: annotations anchored in place, moved, orphaned, re-linked.

    ``relinked`` counts annotations that changed article; ``rescued`` counts bookmarks, tags
    and collection items moved to another article; ``unplaced`` the rows left without one.
    """

    anchored: int = 0
    moved: int = 0
    orphaned: int = 0
    relinked: int = 0
    rescued: int = 0
    unplaced: int = 0
    orphaned_ids: list[int] = field(default_factory=list)

    def merge(self, other: ReanchorReport) -> None:
        """Add another report's counts to this one."""
        self.anchored += other.anchored
        self.moved += other.moved
        self.orphaned += other.orphaned
        self.relinked += other.relinked
        self.rescued += other.rescued
        self.unplaced += other.unplaced
        self.orphaned_ids.extend(other.orphaned_ids)


class _Texts:
    """Article texts by field, loaded once per article."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: dict[int, dict[str, str] | None] = {}

    def get(self, article_id: int) -> dict[str, str] | None:
        if article_id not in self.cache:
            try:
                self.cache[article_id] = article_texts(get_article(self.session, article_id))
            except NotFoundError:
                self.cache[article_id] = None
        return self.cache[article_id]


def _anchor(row: Annotation) -> Anchor:
    return Anchor(row.field, row.start, row.end, row.quote, row.prefix, row.suffix)


def _place(row: Annotation, placed: Placement) -> None:
    anchor = placed.anchor
    if anchor.quote != row.quote and "original_quote" not in (row.context or {}):
        row.context = {**(row.context or {}), "original_quote": row.quote}
    row.field, row.start, row.end = anchor.field, anchor.start, anchor.end
    row.quote, row.prefix, row.suffix = anchor.quote, anchor.prefix, anchor.suffix


def _status_after(row: Annotation, placed: Placement) -> str:
    if placed.status == ANCHORED and row.status != ORPHANED:
        return row.status  # a "moved" annotation found where it was stays marked moved
    return MOVED if placed.status == ANCHORED else placed.status


def _best_elsewhere(
    row: Annotation, texts: _Texts, candidates: Iterable[int]
) -> tuple[int, Placement] | None:
    best: tuple[int, Placement] | None = None
    for candidate in sorted(set(candidates)):
        if candidate == row.article_id:
            continue
        candidate_texts = texts.get(candidate)
        if candidate_texts is None:
            continue
        placed = reanchor_in_texts(_anchor(row), candidate_texts)
        if placed.status == ORPHANED:
            continue
        if len("".join(row.quote.split())) < MIN_FUZZY_QUOTE:  # a short quote is everywhere:
            found = placed.anchor  # it moves to another article only with its context
            if (
                context_score(candidate_texts[found.field], found.start, found.end, _anchor(row))
                < 0.5
            ):
                continue
        if best is None or placed.score > best[1].score:
            best = (candidate, placed)
    return best


def _relink(row: Annotation, article_id: int, ref: ArticleRef | None) -> None:
    row.article_id = article_id
    if ref is not None:
        row.context = {**(row.context or {}), **ref.to_context()}


def reanchor_articles(
    session: Session, article_ids: Iterable[int], *, candidates: Iterable[int] | None = None
) -> ReanchorReport:
    """Re-anchor the annotations of articles against their current text.

    Args:
        session: an open write session.
        article_ids: the articles whose text may have changed.
        candidates: other articles an annotation may move to when its passage left its own
            article (e.g. the other articles of a re-imported page); default: ``article_ids``.

    Returns:
        Counts, and the ids of annotations now orphaned.
    """
    ids = sorted(set(article_ids))
    pool = set(candidates) if candidates is not None else set(ids)
    report = ReanchorReport()
    if not ids:
        return report
    texts = _Texts(session)
    rows = list(
        session.scalars(
            select(Annotation).where(Annotation.article_id.in_(ids), Annotation.field != "article")
        )
    )
    refs = article_refs(session, pool | set(ids))
    for row in rows:
        own = texts.get(row.article_id) if row.article_id is not None else None
        placed = reanchor_in_texts(_anchor(row), own) if own is not None else None
        if placed is not None and placed.status != ORPHANED:
            status = _status_after(row, placed)
            if (
                (row.field, row.start, row.end, row.status)
                != (
                    placed.anchor.field,
                    placed.anchor.start,
                    placed.anchor.end,
                    status,
                )
                or placed.anchor.prefix != row.prefix
                or placed.anchor.suffix != row.suffix
            ):
                _place(row, placed)
                row.status = status
                row.updated_at = utcnow()
            if status == ANCHORED:
                report.anchored += 1
            else:
                report.moved += 1
            continue
        elsewhere = _best_elsewhere(row, texts, pool)
        if elsewhere is not None:
            article_id, placed = elsewhere
            _relink(row, article_id, refs.get(article_id))
            _place(row, placed)
            row.status = MOVED
            row.updated_at = utcnow()
            report.moved += 1
            report.relinked += 1
            continue
        if row.status != ORPHANED:
            row.status = ORPHANED
            row.updated_at = utcnow()
        report.orphaned += 1
        report.orphaned_ids.append(row.id)
    session.flush()
    return report


def reanchor_article(session: Session, article_id: int) -> ReanchorReport:
    """Re-anchor one article's annotations after its text changed (e.g. a text correction).

    Works in the caller's write transaction; the caller counts the change and re-indexes
    the article (annotation text is searchable).
    """
    return reanchor_articles(session, [article_id])


@dataclass(slots=True)
class HeldArticle:
    """The user data attached to one article of a page about to be replaced."""

    article_id: int
    title: str
    annotation_ids: list[int] = field(default_factory=list)
    bookmark_ids: list[int] = field(default_factory=list)
    tag_link_ids: list[int] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether nothing of the user's hangs on the article."""
        return not (self.annotation_ids or self.bookmark_ids or self.tag_link_ids or self.item_ids)


@dataclass(slots=True)
class HeldUserData:
    """User data of the articles of a page, noted before the page is replaced."""

    articles: dict[int, HeldArticle] = field(default_factory=dict)


def hold_user_data(session: Session, issue_id: int, label: str) -> HeldUserData:
    """Note which user rows belong to the articles of a stored page (before re-importing it).

    Args:
        session: the import's write session.
        issue_id: the page's issue.
        label: the page label.

    Returns:
        The rows per article (empty when the page is new or carries no user data).
    """
    held = HeldUserData()
    page_id = session.scalar(select(Page.id).where(Page.issue_id == issue_id, Page.label == label))
    if page_id is None:
        return held
    rows = session.execute(
        select(Article.id, Article.title)
        .join(ArticlePart, ArticlePart.article_id == Article.id)
        .where(ArticlePart.page_id == page_id)
    ).all()
    ids = sorted({row[0] for row in rows})
    if not ids:
        return held
    for article_id, title in rows:
        held.articles.setdefault(article_id, HeldArticle(article_id, title or ""))
    for model, attribute in (
        (Annotation, "annotation_ids"),
        (Bookmark, "bookmark_ids"),
        (ArticleTag, "tag_link_ids"),
        (CollectionItem, "item_ids"),
    ):
        for row_id, article_id in session.execute(
            select(model.id, model.article_id).where(model.article_id.in_(ids))  # type: ignore[attr-defined]
        ):
            getattr(held.articles[article_id], attribute).append(row_id)
    held.articles = {key: value for key, value in held.articles.items() if not value.empty}
    return held


def _headline_match(title: str, candidates: dict[int, ArticleRef], created: set[int]) -> int | None:
    """The article with the same headline; else a new article with a very similar one."""
    if not title:
        return None
    same = [article_id for article_id, ref in candidates.items() if ref.title == title]
    if len(same) == 1:
        return same[0]
    scored = sorted(
        (SequenceMatcher(None, title, ref.title).ratio(), article_id)
        for article_id, ref in candidates.items()
        if article_id in created and ref.title
    )
    unique = len(scored) == 1 or (len(scored) > 1 and scored[-2][0] < scored[-1][0])
    if scored and scored[-1][0] >= HEADLINE_SIMILARITY and unique:
        return scored[-1][1]
    return None


def _move_rows(
    session: Session, row_ids: list[int], to: int, model: type, group: str | None
) -> tuple[int, int]:
    """Point rows at another article; a row duplicating one the target has is merged into it.

    Returns:
        (rows moved, duplicates merged).
    """
    moved = merged = 0
    for row in session.scalars(select(model).where(model.id.in_(row_ids))):  # type: ignore[attr-defined]
        clash_query = select(model.id).where(model.article_id == to, model.id != row.id)  # type: ignore[attr-defined]
        if group is not None:
            clash_query = clash_query.where(getattr(model, group) == getattr(row, group))
        if session.scalar(clash_query.limit(1)) is not None:
            session.delete(row)
            merged += 1
        else:
            row.article_id = to
            moved += 1
    session.flush()
    return moved, merged


def after_page_stored(
    session: Session,
    held: HeldUserData,
    *,
    touched: Iterable[int],
    removed: Iterable[int],
    created: Iterable[int] = (),
) -> ReanchorReport:
    """After a page was stored: rescue the data of removed articles, re-anchor the others.

    Args:
        session: the import's write session.
        held: what :func:`hold_user_data` noted before the page was replaced.
        touched: the articles of the page now (and those that grew by a join).
        removed: the articles the re-import deleted.
        created: the articles the re-import created (candidates for a changed headline).

    Returns:
        What happened to the annotations and the other rows.
    """
    touched_ids = set(touched)
    removed_ids = set(removed)
    report = ReanchorReport()
    texts = _Texts(session)
    refs = article_refs(session, touched_ids)
    created_ids = set(created)
    for article_id in sorted(removed_ids & set(held.articles)):
        item = held.articles[article_id]
        # Only rows the deletion left without an article: a continuation join has already
        # given the absorbed article's rows to the article that absorbed it.
        lost = list(
            session.scalars(
                select(Annotation).where(
                    Annotation.id.in_(item.annotation_ids), Annotation.article_id.is_(None)
                )
            )
        )
        notes = [row for row in lost if row.field == "article"]
        for row in lost:
            if row.field == "article":
                continue  # a note on the whole article goes with its bookmark and tags
            found = _best_elsewhere(row, texts, touched_ids)
            row.updated_at = utcnow()
            if found is None:
                row.status = ORPHANED
                report.orphaned += 1
                report.orphaned_ids.append(row.id)
                continue
            home, placed = found
            _relink(row, home, refs.get(home))
            _place(row, placed)
            row.status = MOVED
            report.moved += 1
            report.relinked += 1
        target = _headline_match(item.title, refs, created_ids)
        for row in notes:
            row.updated_at = utcnow()
            if target is None:
                row.status = ORPHANED
                report.unplaced += 1
            else:
                _relink(row, target, refs.get(target))
                row.status = MOVED
                report.rescued += 1
        for row_ids, model, group in (
            (item.bookmark_ids, Bookmark, None),
            (item.tag_link_ids, ArticleTag, "tag_id"),
            (item.item_ids, CollectionItem, "collection_id"),
        ):
            ids = list(
                session.scalars(
                    select(model.id).where(  # type: ignore[attr-defined]
                        model.id.in_(row_ids),  # type: ignore[attr-defined]
                        model.article_id.is_(None),  # type: ignore[attr-defined]
                    )
                )
            )
            if target is None:
                report.unplaced += len(ids)
                continue
            moved, merged = _move_rows(session, ids, target, model, group)
            report.rescued += moved + merged
    session.flush()
    report.merge(reanchor_articles(session, touched_ids, candidates=touched_ids))
    return report


def move_user_data(session: Session, from_article: int, to_article: int) -> None:
    """Give everything users attached to one article to another (a continuation join).

    Annotations keep their anchors (re-anchor the target afterwards); a bookmark, tag or
    collection entry the target already has is merged into the target's.
    """
    session.execute(
        update(Annotation)
        .where(Annotation.article_id == from_article)
        .values(article_id=to_article)
    )
    for model, group in (
        (Bookmark, None),
        (ArticleTag, "tag_id"),
        (CollectionItem, "collection_id"),
    ):
        ids = list(session.scalars(select(model.id).where(model.article_id == from_article)))  # type: ignore[attr-defined]
        if ids:
            _move_rows(session, ids, to_article, model, group)

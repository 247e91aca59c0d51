"""Writing parsed pages into the database: stable article identity and continuation joins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db.models import Article, ArticlePart, Issue, Mention, Page, Publication, TextBlock, utcnow
from reader.entities.store import nearest_occurrence
from reader.notes.relink import move_user_data
from reader.parsing.model import BODY_SEPARATOR, ParsedArticle, ParsedPage

UNSORTED_PUBLICATION = "未分类"


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Where a page belongs: publication, issue date and number, page label."""

    publication: str | None = None
    date: dt.date | None = None
    page_label: str | None = None
    number: str | None = None

    def merged_over(self, fallback: PageMeta) -> PageMeta:
        """Fill the fields missing here from ``fallback``.

        Args:
            fallback: metadata of lower priority.

        Returns:
            A new PageMeta.
        """
        return PageMeta(
            publication=self.publication or fallback.publication,
            date=self.date or fallback.date,
            page_label=self.page_label or fallback.page_label,
            number=self.number or fallback.number,
        )


@dataclass(slots=True)
class StoredPage:
    """What storing one page did."""

    page_id: int
    replaced: bool
    part_ids: list[int] = field(default_factory=list)
    touched_article_ids: set[int] = field(default_factory=set)
    removed_article_ids: set[int] = field(default_factory=set)
    created_article_ids: set[int] = field(default_factory=set)


def get_or_create_issue(session: Session, meta: PageMeta) -> Issue:
    """Find the issue a page belongs to, creating publication and issue as needed.

    A page without a publication goes to the unsorted publication; a page without a
    date goes to its publication's unsorted issue.

    Args:
        session: an open write session.
        meta: the page's resolved metadata.

    Returns:
        The issue.
    """
    name = meta.publication or UNSORTED_PUBLICATION
    publication = session.scalar(select(Publication).where(Publication.name == name))
    if publication is None:
        publication = Publication(name=name)
        session.add(publication)
        session.flush()
    query = select(Issue).where(Issue.publication_id == publication.id).order_by(Issue.id)
    if meta.date is None:
        query = query.where(Issue.unsorted.is_(True))
    else:
        query = query.where(Issue.date == meta.date, Issue.unsorted.is_(False))
    issue = _same_issue(list(session.scalars(query)), meta.number)
    if issue is None:
        issue = Issue(
            publication_id=publication.id,
            date=meta.date,
            number=meta.number,
            unsorted=meta.date is None,
        )
        session.add(issue)
        session.flush()
    return issue


def _same_issue(candidates: list[Issue], number: str | None) -> Issue | None:
    """The stored issue a page of that date belongs to, given the issue number it shows.

    Pages of one issue often print the number on the front page only: a page without a
    number joins the issue of its date, and a number fills in an issue that had none. Only
    two different numbers on one date make two issues (e.g. two editions).
    """
    if number is None:
        return candidates[0] if candidates else None
    for candidate in candidates:
        if candidate.number == number:
            return candidate
    for candidate in candidates:
        if candidate.number is None:
            candidate.number = number
            return candidate
    return None


def find_page(session: Session, issue_id: int, label: str) -> Page | None:
    """The page with this label in an issue, if stored."""
    return session.scalar(select(Page).where(Page.issue_id == issue_id, Page.label == label))


CorrectedKey = tuple[str, str | None, str]
"""A page's key: publication name, ISO date (None when unsorted) and label."""


def corrected_page_keys(session: Session) -> dict[CorrectedKey, int]:
    """The pages a user corrected, by every key a file of that page would carry (read only).

    That is a corrected page's current key (publication, date, label) and the key it was
    imported under before it was corrected (``page.original``). A re-import leaves such
    a page as it is: the user's version wins. One query: an import reads it once.

    Args:
        session: a session.

    Returns:
        Key → page id (the lowest id when two pages share a key).
    """
    rows = session.execute(
        select(Page.id, Publication.name, Issue.date, Issue.unsorted, Page.label, Page.original)
        .join(Issue, Issue.id == Page.issue_id)
        .join(Publication, Publication.id == Issue.publication_id)
        .where(Page.corrected.is_(True))
        .order_by(Page.id.desc())
    ).all()
    keys: dict[CorrectedKey, int] = {}
    for page_id, name, date, unsorted, label, original in rows:  # lowest id written last
        day = None if unsorted or date is None else date.isoformat()
        if original:
            imported_as = (original.get("publication"), original.get("date"), original.get("label"))
            keys[imported_as] = page_id
        keys[(name, day, label)] = page_id
    return keys


def corrected_key(meta: PageMeta, label: str) -> CorrectedKey:
    """The key a file of this metadata and label is looked up by in :func:`corrected_page_keys`."""
    return (
        meta.publication or UNSORTED_PUBLICATION,
        meta.date.isoformat() if meta.date else None,
        label,
    )


def _fill_part(part: ArticlePart, parsed: ParsedArticle) -> None:
    part.title = parsed.title
    part.subtitle = parsed.subtitle
    part.kicker = parsed.kicker
    part.byline = parsed.byline
    part.authors = list(parsed.authors)
    part.credit = parsed.credit
    part.continues_to = parsed.continues_to
    part.continued_from = parsed.continued_from
    part.captions = list(parsed.captions)
    part.consumed = list(parsed.consumed)
    part.blocks = [
        TextBlock(seq=seq, kind=str(block.kind), text=block.text)
        for seq, block in enumerate(parsed.blocks)
    ]


def _manual_mentions(session: Session, part_id: int) -> list[tuple[int, str, int, str]]:
    """The hand-added mentions of a part: (id, field, start, surface)."""
    rows = session.execute(
        select(Mention.id, Mention.field, Mention.start, Mention.surface).where(
            Mention.part_id == part_id, Mention.manual.is_(True)
        )
    ).all()
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def _reanchor(
    session: Session,
    part: ArticlePart,
    parsed: ParsedArticle,
    manual: list[tuple[int, str, int, str]],
) -> None:
    """Move hand-added mentions to their surface's nearest occurrence in the new text.

    A mention whose surface is gone is kept with offsets -1, flagged for the user, never
    dropped silently.
    """
    texts = {
        "title": part.title or "",
        "subtitle": part.subtitle or "",
        "body": BODY_SEPARATOR.join(block.text for block in parsed.blocks),
    }
    for mention_id, field_name, old_start, surface in manual:
        start = nearest_occurrence(texts.get(field_name, ""), surface, max(old_start, 0))
        end = start + len(surface) if start >= 0 else -1
        session.execute(
            update(Mention).where(Mention.id == mention_id).values(start=start, end=end)
        )


def refresh_article(article: Article) -> None:
    """Recompute an article's display fields from its parts (the first part's headline)."""
    parts = sorted(article.parts, key=lambda part: part.part_no)
    if not parts:
        return
    first = parts[0]
    article.title = first.title
    article.subtitle = first.subtitle
    article.kicker = first.kicker
    article.credit = first.credit
    authors: list[str] = []
    for part in parts:
        authors.extend(name for name in part.authors if name not in authors)
    article.authors = authors
    article.continues_to = first.continues_to
    article.continued_from = first.continued_from
    article.updated_at = utcnow()


def _match_old_parts(
    old_parts: list[ArticlePart], new_articles: list[ParsedArticle]
) -> list[ArticlePart | None]:
    """Pair each new parsed article with the old part it replaces (same title, else same slot)."""
    unused = list(old_parts)
    matched: list[ArticlePart | None] = [None] * len(new_articles)
    for index, parsed in enumerate(new_articles):
        for part in unused:
            if part.title == parsed.title:
                matched[index] = part
                unused.remove(part)
                break
    by_position = {part.position: part for part in unused}
    for index in range(len(new_articles)):
        if matched[index] is None and index in by_position:
            matched[index] = by_position.pop(index)
    return matched


def store_page(
    session: Session,
    *,
    issue: Issue,
    label: str,
    source_name: str,
    sha256: str,
    encoding: str,
    confidence: float,
    text: str,
    source_bytes: bytes,
    parsed: ParsedPage,
    keeps_user_data: Callable[[Session, int], bool] = lambda _session, _article_id: False,
) -> StoredPage:
    """Store a parsed page, replacing an earlier import of the same page in place.

    Articles of a re-imported page keep their ids where the new text still has them (same
    headline, else same position on the page), so whatever users attached to them stays
    attached. An old article that disappeared is deleted, unless ``keeps_user_data`` says
    users attached something to it: then it is kept, without text on this page.

    Args:
        session: an open write session.
        issue: the issue the page belongs to.
        label: the page label.
        source_name: the file name the page came from.
        sha256: checksum of the file's bytes.
        encoding: the encoding the file was decoded with.
        confidence: how sure the decoder was (0..1).
        text: the decoded text.
        source_bytes: the file's bytes, kept for export.
        parsed: the parse result.
        keeps_user_data: tells whether an article holds users' data.

    Returns:
        What was stored.
    """
    page = find_page(session, issue.id, label)
    replaced = page is not None
    if page is None:
        page = Page(issue_id=issue.id, label=label)
        session.add(page)
    page.source_name = source_name
    page.sha256 = sha256
    page.encoding = encoding
    page.encoding_confidence = confidence
    page.text = text
    page.source_bytes = source_bytes
    page.furniture = list(parsed.furniture)
    page.imported_at = utcnow()
    session.flush()
    result = StoredPage(page_id=page.id, replaced=replaced)

    old_parts = list(page.parts) if replaced else []
    matched = _match_old_parts(old_parts, parsed.articles)
    if old_parts:  # free the (page, position) slots before renumbering
        session.execute(
            update(ArticlePart)
            .where(ArticlePart.page_id == page.id)
            .values(position=-ArticlePart.id)
        )
        for part in old_parts:
            session.refresh(part, ["position"])
    kept_ids = {part.id for part in matched if part is not None}
    for stale in old_parts:
        if stale.id in kept_ids:
            continue
        article = stale.article
        result.touched_article_ids.add(article.id)
        session.delete(stale)
        session.flush()
        session.refresh(article, ["parts"])
        if not article.parts and not keeps_user_data(session, article.id):
            session.delete(article)
            result.removed_article_ids.add(article.id)
            result.touched_article_ids.discard(article.id)
    session.flush()

    stored_parts: list[ArticlePart] = []  # also keeps the new objects alive in the session
    for position, parsed_article in enumerate(parsed.articles):
        part = matched[position]
        manual: list[tuple[int, str, int, str]] = []
        if part is None:
            article = Article(issue_id=issue.id)
            session.add(article)
            part = ArticlePart(article=article, page_id=page.id, part_no=0, position=position)
            session.add(part)
        else:
            manual = _manual_mentions(session, part.id)
            session.execute(
                delete(Mention).where(Mention.part_id == part.id, Mention.manual.is_(False))
            )
            session.execute(delete(TextBlock).where(TextBlock.part_id == part.id))
            session.expire(part, ["blocks"])
            part.position = position
        _fill_part(part, parsed_article)
        if matched[position] is not None:  # new parts are flushed together below
            session.flush()
        if manual:
            _reanchor(session, part, parsed_article, manual)
        stored_parts.append(part)
    session.flush()
    created: dict[int, Article] = {}
    for position, part in enumerate(stored_parts):
        if matched[position] is None:
            result.created_article_ids.add(part.article_id)
            created[part.article_id] = part.article
        result.part_ids.append(part.id)
        result.touched_article_ids.add(part.article_id)
    for article_id in list(result.touched_article_ids):
        new = created.get(article_id)
        if new is not None:  # its one part is in memory: nothing to reload
            refresh_article(new)
            continue
        article = session.get(Article, article_id)
        if article is not None:
            session.refresh(article, ["parts"])
            refresh_article(article)
    result.touched_article_ids |= link_continuations(session, page, result.removed_article_ids)
    result.touched_article_ids -= result.removed_article_ids
    result.created_article_ids -= result.removed_article_ids
    return result


def _parts_in_order(article: Article) -> list[ArticlePart]:
    return sorted(article.parts, key=lambda part: part.part_no)


def _pick(candidates: list[ArticlePart], title: str) -> ArticlePart | None:
    for candidate in candidates:
        if title and candidate.title == title:
            return candidate
    return candidates[0] if candidates else None


def merge_articles(
    session: Session, head: Article, tail: Article, removed: set[int] | None = None
) -> None:
    """Append the parts of ``tail`` to ``head`` and delete ``tail``.

    Mentions follow their parts; ``tail``'s id goes into ``removed``.

    Args:
        session: an open write session.
        head: the article that continues.
        tail: the article holding the continuation.
        removed: collects the ids of deleted articles.
    """
    next_no = max((part.part_no for part in head.parts), default=-1) + 1
    for part in _parts_in_order(tail):
        part.article_id = head.id
        part.part_no = next_no
        next_no += 1
    session.execute(update(Mention).where(Mention.article_id == tail.id).values(article_id=head.id))
    move_user_data(session, tail.id, head.id)  # annotations, bookmarks, tags, collections
    session.flush()
    session.expire(tail, ["parts"])
    session.delete(tail)
    session.flush()
    session.refresh(head, ["parts"])
    refresh_article(head)
    if removed is not None:
        removed.add(tail.id)


def link_continuations(session: Session, page: Page, removed: set[int]) -> set[int]:
    """Join the parts of articles that continue between this page and others of its issue.

    An article part ending with （下转D5版） is joined with the part of page D5 of the same
    issue that starts with （上接<this page>版）, whichever page was imported first; the
    result is one logical article listing both pages.

    Args:
        session: an open write session.
        page: the page just stored.
        removed: collects the ids of articles absorbed by a join.

    Returns:
        The ids of the articles that grew.
    """
    grown: set[int] = set()
    session.refresh(page, ["parts"])
    for part in sorted(page.parts, key=lambda p: p.position):
        if not (part.continues_to or part.continued_from):
            continue  # nothing to join
        article = part.article
        if article.id in removed:
            continue
        parts = _parts_in_order(article)
        if part.continues_to and part is parts[-1]:
            target = find_page(session, page.issue_id, part.continues_to)
            if target is not None:
                candidates = [
                    other
                    for other in sorted(target.parts, key=lambda p: p.position)
                    if other.continued_from == page.label
                    and other.part_no == 0
                    and other.article_id != article.id
                ]
                chosen = _pick(candidates, part.title)
                if chosen is not None:
                    merge_articles(session, article, chosen.article, removed)
                    grown.add(article.id)
        if part.continued_from and part is parts[0]:
            source = find_page(session, page.issue_id, part.continued_from)
            if source is not None:
                candidates = [
                    other
                    for other in sorted(source.parts, key=lambda p: p.position)
                    if other.continues_to == page.label
                    and other is _parts_in_order(other.article)[-1]
                    and other.article_id != article.id
                ]
                chosen = _pick(candidates, part.title)
                if chosen is not None:
                    head = chosen.article
                    merge_articles(session, head, article, removed)
                    grown.add(head.id)
    return grown

"""Reads of the curation views, run on the task runner's workers: plain data in and out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from db.engine import Database
from reader.curation import edits, history
from reader.curation.edits import ArticleText
from reader.curation.history import FieldDiff, RevisionInfo
from reader.errors import NotFoundError
from reader.library import ArticleDetail, get_article
from reader.listing import ArticleQuery, PublicationEntry, fetch_articles, find_page_id, issue_tree

CHOICES_LIMIT = 500
"""At most this many articles of an issue are offered as targets."""

ChoiceMode = Literal["move", "join"]


@dataclass(frozen=True, slots=True)
class PartPlace:
    """One part of an article: where it is printed and which of the article's blocks it holds.

    Attributes:
        index: the part's place in reading order (0 first; ``unjoin`` takes it).
        part_id: the part's id.
        page_id: its page's id (None if the page could not be found).
        page_label: its page's label.
        first_block: the index, among the article's blocks, of its first block.
        blocks: how many blocks it holds.
    """

    index: int
    part_id: int
    page_id: int | None
    page_label: str
    first_block: int
    blocks: int


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the curation actions need to know of the article shown.

    Attributes:
        article_id: the article.
        title: its headline.
        issue_id: its issue.
        parts: its parts in reading order.
        blocks: how many blocks (paragraphs and headings) it has in all.
    """

    article_id: int
    title: str
    issue_id: int
    parts: tuple[PartPlace, ...]
    blocks: int

    def part_of_block(self, block_index: int) -> PartPlace | None:
        """The part holding a block (by its index among the article's blocks)."""
        for part in self.parts:
            if part.first_block <= block_index < part.first_block + part.blocks:
                return part
        return None

    def page_id(self, block_index: int | None = None) -> int | None:
        """The page of a block (None: of the first part)."""
        part = self.part_of_block(block_index) if block_index is not None else None
        if part is None and self.parts:
            part = self.parts[0]
        return part.page_id if part is not None else None


def load_context(db: Database, article_id: int) -> ArticleContext | None:
    """The parts and pages of an article (None when it is gone)."""
    with db.read() as session:
        try:
            detail = get_article(session, article_id)
            text = edits.article_text(session, article_id)
        except NotFoundError:
            return None
        parts: list[PartPlace] = []
        first = 0
        for index, part in enumerate(text.parts):
            parts.append(
                PartPlace(
                    index=index,
                    part_id=part.part_id,
                    page_id=find_page_id(session, detail.issue_id, part.page_label),
                    page_label=part.page_label,
                    first_block=first,
                    blocks=len(part.blocks),
                )
            )
            first += len(part.blocks)
        return ArticleContext(
            article_id=article_id,
            title=detail.title,
            issue_id=detail.issue_id,
            parts=tuple(parts),
            blocks=first,
        )


def load_texts(db: Database, article_id: int) -> tuple[ArticleText, ArticleText]:
    """The current and the original (machine's) text of an article, for the edit dialog."""
    with db.read() as session:
        return edits.article_text(session, article_id), edits.original_text(session, article_id)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article of the issue that could be the target of a move or the tail of a join."""

    id: int
    title: str
    pages: tuple[str, ...]
    continued_from: str | None
    likely: bool


def load_candidates(db: Database, article_id: int, mode: ChoiceMode) -> list[Candidate]:
    """The other articles of an article's issue, likely ones first.

    For a join, the likely tails are those continued from one of the article's pages, or
    printed on the page the article continues to, most certain first; for a move, the
    articles on the same pages.

    Args:
        db: the archive database.
        article_id: the article (the source of the move, the head of the join).
        mode: ``move`` or ``join``.

    Returns:
        At most ``CHOICES_LIMIT`` articles (the article itself left out).
    """
    with db.read() as session:
        try:
            head = get_article(session, article_id)
        except NotFoundError:
            return []
        rows = []
        cursor = None
        while len(rows) < CHOICES_LIMIT:
            batch = fetch_articles(
                session, ArticleQuery(issue_id=head.issue_id), after=cursor, limit=200
            )
            rows.extend(row for row in batch.rows if row.id != article_id)
            cursor = batch.cursor
            if cursor is None:
                break
        rows = rows[:CHOICES_LIMIT]
        scored: list[tuple[int, int, Candidate]] = []
        for order, row in enumerate(rows):
            continued_from = None
            score = 0
            if mode == "join":
                continued_from = get_article(session, row.id).continued_from
                if continued_from and continued_from in head.pages:
                    score += 2
                if head.continues_to and head.continues_to in row.pages:
                    score += 1
            elif set(row.pages) & set(head.pages):
                score = 1
            candidate = Candidate(
                id=row.id,
                title=row.title,
                pages=tuple(row.pages),
                continued_from=continued_from,
                likely=score > 0,
            )
            scored.append((-score, order, candidate))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [candidate for _score, _order, candidate in scored]


def load_issue_tree(db: Database) -> list[PublicationEntry]:
    """Publications, issues and pages (for choosing a page and correcting details)."""
    with db.read() as session:
        return issue_tree(session)


RevisionScope = tuple[Literal["article", "page", "all"], int | None]
"""What the history lists: ("article", id), ("page", id) or ("all", None)."""


def load_revisions(db: Database, scope: RevisionScope) -> list[RevisionInfo]:
    """The revisions of an article, of a page, or all of them, newest first."""
    kind, key = scope
    with db.read() as session:
        if kind == "article":
            return history.list_revisions(session, article_id=key) if key is not None else []
        if kind == "page":
            return history.list_revisions(session, page_id=key) if key is not None else []
        return history.list_revisions(session)


def load_diff(db: Database, revision_id: int) -> list[FieldDiff]:
    """The changes of a revision, field by field."""
    with db.read() as session:
        return history.revision_diff(session, revision_id)


def first_live_article(db: Database, article_ids: list[int]) -> ArticleDetail | None:
    """The first of these articles still in the archive, read whole (None: all gone)."""
    with db.read() as session:
        for article_id in article_ids:
            try:
                return get_article(session, article_id)
            except NotFoundError:
                continue
    return None

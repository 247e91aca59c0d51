"""Read-side queries of the archive shared by the CLI and the window: issues and articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Article, ArticlePart, Issue, Page, Publication, TextBlock
from reader.errors import NotFoundError
from reader.parsing.model import BODY_SEPARATOR, BlockKind


@dataclass(slots=True)
class PageInfo:
    """A stored page, for listings."""

    id: int
    label: str
    source_name: str
    articles: int
    encoding: str
    encoding_confidence: float


@dataclass(slots=True)
class IssueInfo:
    """An issue with its pages."""

    id: int
    date: str | None
    number: str | None
    unsorted: bool
    pages: list[PageInfo] = field(default_factory=list)


@dataclass(slots=True)
class PublicationInfo:
    """A publication with its issues, oldest first."""

    id: int
    name: str
    issues: list[IssueInfo] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data."""
        return asdict(self)


@dataclass(slots=True)
class ArticleSummary:
    """One row of an article list."""

    id: int
    title: str
    subtitle: str | None
    authors: list[str]
    credit: str | None
    publication: str
    date: str | None
    pages: list[str]
    paragraph_count: int

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (the CLI's ``articles --json`` rows)."""
        return asdict(self)


@dataclass(slots=True)
class BlockInfo:
    """A block of an article in reading order, with the page it is printed on."""

    kind: str
    text: str
    page: str


@dataclass(slots=True)
class ArticleDetail:
    """Everything about one logical article, its parts joined in reading order."""

    id: int
    title: str
    subtitle: str | None
    kicker: str | None
    authors: list[str]
    credit: str | None
    publication: str
    date: str | None
    issue_id: int
    pages: list[str]
    section_headings: list[str]
    paragraphs: list[str]
    blocks: list[BlockInfo]
    captions: list[str]
    continues_to: str | None
    continued_from: str | None

    @property
    def body(self) -> str:
        """The body text: every block (headings included) joined with newlines."""
        return BODY_SEPARATOR.join(block.text for block in self.blocks)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (the CLI's ``show --json`` output)."""
        data = asdict(self)
        data.pop("issue_id")
        return data


def list_publications(session: Session) -> list[PublicationInfo]:
    """Publications with their issues and pages, with article counts per page.

    Args:
        session: a read session.

    Returns:
        Publications by name; issues by date (unsorted last); pages by label.
    """
    counts = dict(
        session.execute(
            select(ArticlePart.page_id, func.count(ArticlePart.id)).group_by(ArticlePart.page_id)
        ).all()
    )
    publications: dict[int, PublicationInfo] = {}
    issues: dict[int, IssueInfo] = {}
    rows = session.execute(
        select(Publication, Issue)
        .join(Issue, Issue.publication_id == Publication.id)
        .order_by(Publication.name, Issue.unsorted, Issue.date, Issue.number)
    ).all()
    for publication, issue in rows:
        info = publications.setdefault(
            publication.id, PublicationInfo(id=publication.id, name=publication.name)
        )
        issue_info = IssueInfo(
            id=issue.id,
            date=issue.date.isoformat() if issue.date else None,
            number=issue.number,
            unsorted=issue.unsorted,
        )
        info.issues.append(issue_info)
        issues[issue.id] = issue_info
    for page in session.scalars(select(Page).order_by(Page.issue_id, Page.label)):
        issues[page.issue_id].pages.append(
            PageInfo(
                id=page.id,
                label=page.label,
                source_name=page.source_name,
                articles=counts.get(page.id, 0),
                encoding=page.encoding,
                encoding_confidence=page.encoding_confidence,
            )
        )
    return list(publications.values())


def _summaries(
    session: Session, query: Select[tuple[Article, Issue, Publication]]
) -> list[ArticleSummary]:
    rows = session.execute(query).all()
    ids = [article.id for article, _issue, _publication in rows]
    pages = pages_of_articles(session, ids)
    paragraph_counts = _paragraph_counts(session, ids)
    return [
        ArticleSummary(
            id=article.id,
            title=article.title,
            subtitle=article.subtitle,
            authors=list(article.authors or []),
            credit=article.credit,
            publication=publication.name,
            date=issue.date.isoformat() if issue.date else None,
            pages=pages.get(article.id, []),
            paragraph_count=paragraph_counts.get(article.id, 0),
        )
        for article, issue, publication in rows
    ]


def pages_of_articles(session: Session, article_ids: Sequence[int]) -> dict[int, list[str]]:
    """The page labels of each article, in reading order (a label listed once)."""
    result: dict[int, list[str]] = defaultdict(list)
    for chunk in in_batches(article_ids):
        rows = session.execute(
            select(ArticlePart.article_id, Page.label)
            .join(Page, Page.id == ArticlePart.page_id)
            .where(ArticlePart.article_id.in_(chunk))
            .order_by(ArticlePart.article_id, ArticlePart.part_no)
        ).all()
        for article_id, label in rows:
            if label not in result[article_id]:
                result[article_id].append(label)
    return result


def _paragraph_counts(session: Session, article_ids: Sequence[int]) -> dict[int, int]:
    result: dict[int, int] = {}
    for chunk in in_batches(article_ids):
        rows = session.execute(
            select(ArticlePart.article_id, func.count(TextBlock.id))
            .join(TextBlock, TextBlock.part_id == ArticlePart.id)
            .where(ArticlePart.article_id.in_(chunk), TextBlock.kind == str(BlockKind.PARAGRAPH))
            .group_by(ArticlePart.article_id)
        ).all()
        result.update(rows)
    return result


def list_articles(
    session: Session,
    *,
    issue_id: int | None = None,
    page_id: int | None = None,
    publication_id: int | None = None,
    article_ids: Sequence[int] | None = None,
) -> list[ArticleSummary]:
    """Articles in archive order (publication, date, first page, position on the page).

    Args:
        session: a read session.
        issue_id: only the articles of this issue.
        page_id: only the articles printed (at least in part) on this page.
        publication_id: only the articles of this publication.
        article_ids: only these articles.

    Returns:
        The article summaries.
    """
    first_part = (
        select(ArticlePart.article_id, Page.label.label("label"), ArticlePart.position)
        .join(Page, Page.id == ArticlePart.page_id)
        .where(ArticlePart.part_no == 0)
        .subquery()
    )
    query = (
        select(Article, Issue, Publication)
        .join(Issue, Issue.id == Article.issue_id)
        .join(Publication, Publication.id == Issue.publication_id)
        .outerjoin(first_part, first_part.c.article_id == Article.id)
        .order_by(
            Publication.name,
            Issue.unsorted,
            Issue.date,
            first_part.c.label,
            first_part.c.position,
            Article.id,
        )
    )
    if issue_id is not None:
        query = query.where(Article.issue_id == issue_id)
    if publication_id is not None:
        query = query.where(Issue.publication_id == publication_id)
    if page_id is not None:
        query = query.where(
            Article.id.in_(select(ArticlePart.article_id).where(ArticlePart.page_id == page_id))
        )
    if article_ids is not None:
        query = query.where(Article.id.in_(list(article_ids)))
    return _summaries(session, query)


def get_article(session: Session, article_id: int) -> ArticleDetail:
    """Everything about one article.

    Args:
        session: a read session.
        article_id: the article's id.

    Returns:
        The article with its parts joined in reading order.

    Raises:
        NotFoundError: there is no such article.
    """
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"No article with id {article_id}.")
    issue = article.issue
    blocks: list[BlockInfo] = []
    captions: list[str] = []
    pages: list[str] = []
    for part in sorted(article.parts, key=lambda part: part.part_no):
        label = part.page.label
        if label not in pages:
            pages.append(label)
        blocks.extend(
            BlockInfo(kind=block.kind, text=block.text, page=label) for block in part.blocks
        )
        captions.extend(part.captions or [])
    return ArticleDetail(
        id=article.id,
        title=article.title,
        subtitle=article.subtitle,
        kicker=article.kicker,
        authors=list(article.authors or []),
        credit=article.credit,
        publication=issue.publication.name,
        date=issue.date.isoformat() if issue.date else None,
        issue_id=issue.id,
        pages=pages,
        section_headings=[b.text for b in blocks if b.kind == BlockKind.HEADING],
        paragraphs=[b.text for b in blocks if b.kind == BlockKind.PARAGRAPH],
        blocks=blocks,
        captions=captions,
        continues_to=article.continues_to,
        continued_from=article.continued_from,
    )

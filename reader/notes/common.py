"""What the researcher-data modules share: article references, row snapshots, the write tail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Article, AuditEntry, Base, Issue, Publication
from reader.archive import Archive, bump_change_counter, read_change_counter
from reader.errors import InternalError, NotFoundError
from reader.library import pages_of_articles

#: Highlight colours offered by the window (stored by name).
COLORS = ("yellow", "green", "blue", "pink", "purple")
#: Longest subject an audit entry keeps.
AUDIT_SUBJECT_LENGTH = 200

T = TypeVar("T")


@dataclass(slots=True)
class ArticleRef:
    """The article a row of user data belongs to, or belonged to when it is gone.

    Built from the live article when it exists, else from the row's stored ``context``.
    """

    id: int | None
    title: str
    publication: str
    date: str | None
    pages: list[str] = field(default_factory=list)

    @property
    def gone(self) -> bool:
        """Whether the article no longer exists (the data is kept, flagged)."""
        return self.id is None

    def label(self) -> str:
        """A one-line description: headline (publication date pages)."""
        where = " ".join(filter(None, (self.publication, self.date, ",".join(self.pages))))
        return f"{self.title or '（无标题）'}（{where}）" if where else self.title or "（无标题）"

    def to_context(self) -> dict[str, Any]:
        """The JSON ``context`` stored with user rows."""
        return {
            "title": self.title,
            "publication": self.publication,
            "date": self.date,
            "pages": list(self.pages),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return asdict(self)


@dataclass(slots=True)
class WriteResult:
    """What one write did to the archive: change counters, articles re-indexed."""

    counter_before: int
    counter_after: int
    articles: list[int] = field(default_factory=list)
    index_updated: bool = False


def article_refs(session: Session, article_ids: Iterable[int]) -> dict[int, ArticleRef]:
    """References to live articles, by id (missing ids are left out)."""
    ids = sorted({int(article_id) for article_id in article_ids})
    result: dict[int, ArticleRef] = {}
    for chunk in in_batches(ids):
        rows = session.execute(
            select(Article.id, Article.title, Publication.name, Issue.date)
            .join(Issue, Issue.id == Article.issue_id)
            .join(Publication, Publication.id == Issue.publication_id)
            .where(Article.id.in_(chunk))
        ).all()
        pages = pages_of_articles(session, [row[0] for row in rows])
        for article_id, title, publication, date in rows:
            result[article_id] = ArticleRef(
                id=article_id,
                title=title or "",
                publication=publication,
                date=date.isoformat() if date else None,
                pages=pages.get(article_id, []),
            )
    return result


def require_article(session: Session, article_id: int) -> ArticleRef:
    """A live article's reference.

    Raises:
        NotFoundError: there is no such article.
    """
    found = article_refs(session, [article_id]).get(int(article_id))
    if found is None:
        raise NotFoundError(f"No article with id {article_id}.")
    return found


def require_articles(session: Session, article_ids: Sequence[int]) -> dict[int, ArticleRef]:
    """References to live articles, every one of them required.

    Raises:
        NotFoundError: naming the ids that do not exist.
    """
    refs = article_refs(session, article_ids)
    missing = sorted({int(i) for i in article_ids} - set(refs))
    if missing:
        listed = ", ".join(str(i) for i in missing[:10])
        raise NotFoundError(f"No article with id {listed}.")
    return refs


def ref_of(
    article_id: int | None, context: dict[str, Any] | None, live: dict[int, ArticleRef]
) -> ArticleRef:
    """The reference of a user row: the live article's, else the one kept in its context."""
    if article_id is not None and article_id in live:
        return live[article_id]
    context = context or {}
    return ArticleRef(
        id=None,
        title=str(context.get("title") or ""),
        publication=str(context.get("publication") or ""),
        date=context.get("date"),
        pages=list(context.get("pages") or []),
    )


def iso(value: dt.datetime | None) -> str:
    """A stored timestamp as ISO text (seconds), empty when missing."""
    return value.isoformat(timespec="seconds") if value else ""


def row_dict(row: Base) -> dict[str, Any]:
    """Every column of an ORM row, by attribute name (a snapshot for undo)."""
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}


def put_row(session: Session, model: type[Base], values: dict[str, Any]) -> None:
    """Make the row with ``values["id"]`` exactly ``values``: insert it or overwrite it."""
    existing = session.get(model, values["id"])
    if existing is None:
        session.add(model(**values))
    else:
        for key, value in values.items():
            setattr(existing, key, value)
    session.flush()


def live_article_ids(session: Session, article_ids: Iterable[int | None]) -> set[int]:
    """Those of the ids that still name an article."""
    ids = sorted({int(i) for i in article_ids if i is not None})
    found: set[int] = set()
    for chunk in in_batches(ids):
        found.update(session.scalars(select(Article.id).where(Article.id.in_(chunk))))
    return found


@dataclass(slots=True)
class Done(Generic[T]):
    """What the work of a write returns: its value, the articles to re-index, audit states."""

    value: T
    touched: set[int] = field(default_factory=set)
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


def write(
    archive: Archive,
    action: str,
    subject: str,
    work: Callable[[Session], Done[T]],
    *,
    actor: str = "user",
) -> tuple[T, WriteResult]:
    """Run one write of user data: one transaction, audit entry, change counter, index update.

    Args:
        archive: the archive, opened for writing.
        action: the audit action (``bookmark.add``, ``tag.rename`` …).
        subject: what it was done to, for the audit.
        work: does the change in the session and says which articles to re-index.
        actor: who did it.

    Returns:
        The work's value and what the write did.

    Raises:
        InternalError: the archive is read-only.
    """
    if not archive.writable:
        raise InternalError("changing user data needs the archive opened for writing")
    with archive.db.write() as session:
        counter_before = read_change_counter(session)
        done = work(session)
        session.flush()
        session.add(
            AuditEntry(
                actor=actor,
                action=action,
                subject=subject[:AUDIT_SUBJECT_LENGTH],
                before=_jsonable(done.before),
                after=_jsonable(done.after),
            )
        )
        counter_after = bump_change_counter(session)
        touched = live_article_ids(session, done.touched)
    updated = archive.search.apply_changes(
        touched=touched,
        removed=(),
        counter_before=counter_before,
        counter_after=counter_after,
    )
    return done.value, WriteResult(counter_before, counter_after, sorted(touched), updated)


def write_value(
    archive: Archive,
    action: str,
    subject: str,
    work: Callable[[Session], Done[T]],
    *,
    actor: str = "user",
) -> T:
    """Run one write of user data (see :func:`write`) and return only the work's value."""
    value, _change = write(archive, action, subject, work, actor=actor)
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value

"""Bookmarks: articles the user starred (Ctrl+D), listed in a Bookmarked view."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Bookmark
from reader.archive import Archive
from reader.errors import NotFoundError
from reader.notes.common import (
    ArticleRef,
    Done,
    article_refs,
    iso,
    live_article_ids,
    ref_of,
    require_article,
    row_dict,
    write_value,
)


@dataclass(slots=True)
class BookmarkInfo:
    """A bookmark; ``orphaned`` when its article is gone (shown from the stored context)."""

    id: int
    article_id: int | None
    article: ArticleRef
    created_at: str
    orphaned: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the CLI's ``bookmarks --json`` rows)."""
        return asdict(self)


@dataclass(slots=True)
class BookmarkSnapshot:
    """A removed bookmark as it was, to put it back (undo)."""

    id: int
    article_id: int | None
    context: dict[str, Any]
    created_at: dt.datetime


def _info(row: Bookmark, live: dict[int, ArticleRef]) -> BookmarkInfo:
    ref = ref_of(row.article_id, row.context, live)
    return BookmarkInfo(
        id=row.id,
        article_id=row.article_id,
        article=ref,
        created_at=iso(row.created_at),
        orphaned=ref.gone,
    )


def is_bookmarked(session: Session, article_id: int) -> bool:
    """Whether an article is bookmarked."""
    return session.scalar(select(Bookmark.id).where(Bookmark.article_id == article_id)) is not None


def bookmarked_ids(session: Session) -> set[int]:
    """The ids of every bookmarked (live) article."""
    return set(session.scalars(select(Bookmark.article_id).where(Bookmark.article_id.is_not(None))))


def list_bookmarks(session: Session) -> list[BookmarkInfo]:
    """Every bookmark, newest first; those whose article is gone are included, flagged."""
    rows = list(
        session.scalars(select(Bookmark).order_by(Bookmark.created_at.desc(), Bookmark.id.desc()))
    )
    live = article_refs(session, [row.article_id for row in rows if row.article_id is not None])
    return [_info(row, live) for row in rows]


def add_bookmark(archive: Archive, article_id: int, *, actor: str = "user") -> BookmarkInfo | None:
    """Bookmark an article (undo: :func:`remove_bookmark`).

    Args:
        archive: the archive, opened for writing.
        article_id: the article.
        actor: who did it (for the audit).

    Returns:
        The new bookmark, or None when the article was already bookmarked (nothing to undo).

    Raises:
        NotFoundError: no such article.
    """

    def work(session: Session) -> Done[BookmarkInfo | None]:
        ref = require_article(session, article_id)
        if is_bookmarked(session, article_id):
            return Done(None)
        row = Bookmark(article_id=article_id, context=ref.to_context())
        session.add(row)
        session.flush()
        return Done(_info(row, {article_id: ref}), after={"bookmark": row.id})

    return write_value(archive, "bookmark.add", f"article {article_id}", work, actor=actor)


def _remove(session: Session, row: Bookmark) -> Done[BookmarkSnapshot]:
    snapshot = BookmarkSnapshot(**row_dict(row))
    session.delete(row)
    return Done(snapshot, before={"bookmark": row.id, "article": row.article_id})


def remove_bookmark(
    archive: Archive, article_id: int, *, actor: str = "user"
) -> BookmarkSnapshot | None:
    """Take the star off an article (undo: :func:`restore_bookmark`).

    Returns:
        The removed bookmark, or None when the article was not bookmarked.
    """

    def work(session: Session) -> Done[BookmarkSnapshot | None]:
        row = session.scalar(select(Bookmark).where(Bookmark.article_id == article_id))
        if row is None:
            return Done(None)
        return _remove(session, row)  # type: ignore[return-value]

    return write_value(archive, "bookmark.remove", f"article {article_id}", work, actor=actor)


def remove_bookmark_by_id(
    archive: Archive, bookmark_id: int, *, actor: str = "user"
) -> BookmarkSnapshot:
    """Remove one bookmark by its id (also one whose article is gone).

    Raises:
        NotFoundError: no such bookmark.
    """

    def work(session: Session) -> Done[BookmarkSnapshot]:
        row = session.get(Bookmark, bookmark_id)
        if row is None:
            raise NotFoundError(f"No bookmark with id {bookmark_id}.")
        return _remove(session, row)

    return write_value(archive, "bookmark.remove", f"bookmark {bookmark_id}", work, actor=actor)


def restore_bookmark(
    archive: Archive, snapshot: BookmarkSnapshot, *, actor: str = "user"
) -> BookmarkInfo:
    """Put a removed bookmark back as it was (same id and date).

    If its article has gone meanwhile it comes back flagged; if the article was bookmarked
    again meanwhile, that bookmark is kept and returned.
    """

    def work(session: Session) -> Done[BookmarkInfo]:
        article_id = snapshot.article_id
        if article_id is not None and not live_article_ids(session, [article_id]):
            article_id = None
        if article_id is not None:
            existing = session.scalar(select(Bookmark).where(Bookmark.article_id == article_id))
            if existing is not None:
                return Done(_info(existing, article_refs(session, [article_id])))
        row = session.get(Bookmark, snapshot.id)
        if row is None:
            row = Bookmark(id=snapshot.id)
            session.add(row)
        row.article_id = article_id
        row.context = dict(snapshot.context)
        row.created_at = snapshot.created_at
        session.flush()
        live = article_refs(session, [article_id] if article_id is not None else [])
        return Done(_info(row, live), after={"bookmark": row.id, "article": article_id})

    return write_value(archive, "bookmark.restore", f"bookmark {snapshot.id}", work, actor=actor)

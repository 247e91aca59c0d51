"""Users' data as the search index sees it: tag and collection paths, annotation text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Annotation
from reader.notes.collections import collection_paths_of_articles
from reader.notes.tags import SEPARATOR, tags_of_articles


@dataclass(slots=True)
class UserSearchData:
    """What one article contributes to the ``tag:``, ``collection:`` and ``note:`` fields.

    Attributes:
        tags: its tag paths and every path above them (产业/光伏 → 产业, 产业/光伏), so that
            ``tag:产业`` also finds what is tagged below 产业.
        collections: likewise for the paths of the collections it is filed in.
        notes: its annotations' quoted passages and notes, one per line.
    """

    tags: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    notes: str = ""


def _with_parents(paths: Iterable[str]) -> list[str]:
    result: dict[str, None] = {}
    for path in paths:
        levels = path.split(SEPARATOR)
        for index in range(len(levels)):
            result[SEPARATOR.join(levels[: index + 1])] = None
    return list(result)


def user_search_data(session: Session, article_ids: Iterable[int]) -> dict[int, UserSearchData]:
    """The searchable user data of articles (articles without any are left out)."""
    ids = sorted(set(article_ids))
    result: dict[int, UserSearchData] = defaultdict(UserSearchData)
    for article_id, paths in tags_of_articles(session, ids).items():
        result[article_id].tags = _with_parents(paths)
    for article_id, paths in collection_paths_of_articles(session, ids).items():
        result[article_id].collections = _with_parents(paths)
    texts: dict[int, list[str]] = defaultdict(list)
    for chunk in in_batches(ids):
        for article_id, quote, note in session.execute(
            select(Annotation.article_id, Annotation.quote, Annotation.note)
            .where(Annotation.article_id.in_(chunk))
            .order_by(Annotation.article_id, Annotation.id)
        ):
            texts[article_id].extend(text for text in (quote, note) if text and text.strip())
    for article_id, lines in texts.items():
        result[article_id].notes = "\n".join(lines)
    return dict(result)

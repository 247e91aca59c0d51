"""Helpers of the structure-curation tests: row states, mention checks, articles by headline."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Article, ArticlePart, Entity, Mention, TextBlock
from reader.archive import Archive
from reader.parsing.model import BODY_SEPARATOR


def structure_state(session: Session) -> dict[str, Any]:
    """Every article, part and block row (by id) and the mentions (by entity and place)."""
    articles = {
        row.id: (
            row.issue_id,
            row.title,
            row.subtitle,
            row.kicker,
            list(row.authors or []),
            row.credit,
            row.continues_to,
            row.continued_from,
        )
        for row in session.scalars(select(Article))
    }
    parts = {
        row.id: (
            row.article_id,
            row.page_id,
            row.part_no,
            row.position,
            row.title,
            row.subtitle,
            row.kicker,
            row.byline,
            list(row.authors or []),
            row.credit,
            row.continues_to,
            row.continued_from,
            list(row.captions or []),
            list(row.consumed or []),
            row.original,
        )
        for row in session.scalars(select(ArticlePart))
    }
    blocks = {
        row.id: (row.part_id, row.seq, row.kind, row.text, row.original)
        for row in session.scalars(select(TextBlock))
    }
    mentions = sorted(
        tuple(row)
        for row in session.execute(
            select(
                Entity.name,
                Entity.type,
                Mention.article_id,
                Mention.part_id,
                Mention.field,
                Mention.start,
                Mention.end,
                Mention.surface,
                Mention.manual,
            ).join(Entity, Entity.id == Mention.entity_id)
        )
    )
    return {"articles": articles, "parts": parts, "blocks": blocks, "mentions": mentions}


def archive_state(archive: Archive) -> dict[str, Any]:
    """:func:`structure_state` of an archive."""
    with archive.db.read() as session:
        return structure_state(session)


def part_texts(session: Session, part: ArticlePart) -> dict[str, str]:
    """A part's field texts as mention offsets see them."""
    blocks = session.scalars(
        select(TextBlock.text).where(TextBlock.part_id == part.id).order_by(TextBlock.seq)
    )
    return {
        "title": part.title or "",
        "subtitle": part.subtitle or "",
        "body": BODY_SEPARATOR.join(blocks),
    }


def check_mentions(session: Session) -> int:
    """Assert every placed mention covers its surface in its part, of its article.

    Returns:
        How many mentions were checked.
    """
    checked = 0
    for mention in session.scalars(select(Mention)):
        part = session.get(ArticlePart, mention.part_id)
        assert part is not None
        assert part.article_id == mention.article_id, mention.surface
        if mention.start < 0:
            continue
        text = part_texts(session, part)[mention.field]
        assert text[mention.start : mention.end] == mention.surface, (mention.field, text)
        checked += 1
    return checked


def article_ids(archive: Archive) -> dict[str, int]:
    """Headline → id of every article with a headline."""
    with archive.db.read() as session:
        return {row.title: row.id for row in session.scalars(select(Article)) if row.title}


def body_blocks(session: Session, article_id: int) -> list[tuple[str, str]]:
    """(kind, text) of an article's blocks in reading order."""
    rows = session.execute(
        select(TextBlock.kind, TextBlock.text)
        .join(ArticlePart, ArticlePart.id == TextBlock.part_id)
        .where(ArticlePart.article_id == article_id)
        .order_by(ArticlePart.part_no, TextBlock.seq)
    ).all()
    return [(kind, text) for kind, text in rows]

"""Entity rows in the database: saving mentions per article part and loading corrections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import Entity, EntityRule
from db.models import Mention as MentionRow
from reader.entities.model import Mention
from reader.entities.rules import CorrectionRules


def rule_record(rule: EntityRule) -> dict[str, object]:
    """The extractor's record for a stored correction rule."""
    return {"action": rule.action, "text": rule.name, "type": rule.type, "canonical": rule.target}


def load_rules(session: Session) -> CorrectionRules:
    """The active correction rules of the archive, oldest first (later ones win).

    Args:
        session: any session.

    Returns:
        The rules for the extractor.
    """
    rows = session.scalars(
        select(EntityRule)
        .where(
            EntityRule.active.is_(True),
            EntityRule.action.in_(("never", "force", "alias", "rename")),
        )
        .order_by(EntityRule.id)
    )
    return CorrectionRules.from_records(rule_record(rule) for rule in rows)


class EntityCache:
    """Entity ids by (name, type) within one write transaction, created on demand."""

    def __init__(self, session: Session) -> None:
        """Create an empty cache on a session."""
        self.session = session
        self._ids: dict[tuple[str, str], int] = {}

    def id_of(self, name: str, kind: str) -> int:
        """The id of an entity, creating the row when it does not exist yet."""
        key = (name, kind)
        cached = self._ids.get(key)
        if cached is not None:
            return cached
        entity_id = self.session.scalar(
            select(Entity.id).where(Entity.name == name, Entity.type == kind)
        )
        if entity_id is None:
            entity = Entity(name=name, type=kind)
            self.session.add(entity)
            self.session.flush()
            entity_id = entity.id
        self._ids[key] = entity_id
        return entity_id


def replace_mentions(
    session: Session,
    cache: EntityCache,
    *,
    article_id: int,
    part_id: int,
    mentions: Sequence[Mention],
) -> None:
    """Store the tagger's mentions of one part, replacing its earlier automatic ones.

    Mentions added by hand stay.

    Args:
        session: an open write session.
        cache: the transaction's entity cache.
        article_id: the article the part belongs to.
        part_id: the part.
        mentions: the mentions found in the part's fields.
    """
    session.execute(
        delete(MentionRow).where(MentionRow.part_id == part_id, MentionRow.manual.is_(False))
    )
    rows = [
        {
            "entity_id": cache.id_of(mention.name, str(mention.type)),
            "article_id": article_id,
            "part_id": part_id,
            "field": mention.field,
            "start": mention.start,
            "end": mention.end,
            "surface": mention.surface,
            "manual": False,
        }
        for mention in mentions
    ]
    if rows:
        session.execute(MentionRow.__table__.insert(), rows)


def entity_names_of_articles(session: Session, article_ids: Iterable[int]) -> dict[int, list[str]]:
    """The distinct entity names mentioned in each article."""
    ids = list(article_ids)
    result: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(MentionRow.article_id, Entity.name)
            .join(Entity, Entity.id == MentionRow.entity_id)
            .where(MentionRow.article_id.in_(chunk))
            .distinct()
        ).all()
        for article_id, name in rows:
            result.setdefault(article_id, []).append(name)
    return result

"""Entity rows in the database: saving mentions per article part and loading corrections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Entity, EntityRule
from db.models import Mention as MentionRow
from reader.entities.applying import EXTRACTOR_ACTIONS, POST_ACTIONS, PostPass, extractor_records
from reader.entities.model import Mention
from reader.entities.rules import CorrectionRules


def load_rules(session: Session) -> CorrectionRules:
    """The active correction rules of the archive for the extractor, oldest first.

    Later rules win. Rules that only change which entity a mention belongs to (rename,
    merge, split) are applied after extraction by :func:`load_post_pass`.

    Args:
        session: any session.

    Returns:
        The rules for the extractor.
    """
    rows = session.scalars(
        select(EntityRule)
        .where(EntityRule.active.is_(True), EntityRule.action.in_(EXTRACTOR_ACTIONS))
        .order_by(EntityRule.id)
    )
    return CorrectionRules.from_records(
        record for rule in rows for record in extractor_records(rule)
    )


def load_post_pass(session: Session) -> PostPass:
    """The active corrections applied after extraction, and the mentions added by hand."""
    rows = session.scalars(
        select(EntityRule).where(
            EntityRule.active.is_(True), EntityRule.action.in_((*POST_ACTIONS, "add"))
        )
    )
    return PostPass.from_rules(rows)


def nearest_occurrence(text: str, surface: str, near: int) -> int:
    """The start of the occurrence of ``surface`` in ``text`` nearest to ``near``; -1 if none."""
    if not surface:
        return -1
    best = -1
    start = text.find(surface)
    while start != -1:
        if best == -1 or abs(start - near) < abs(best - near):
            best = start
        start = text.find(surface, start + 1)
    return best


_FIND_ENTITY = select(Entity.id).where(
    Entity.name == bindparam("name"), Entity.type == bindparam("type")
)
_INSERT_ENTITY = insert(Entity).returning(Entity.id)


class EntityCache:
    """Entity ids by (name, type) within one write transaction, created on demand.

    An import of many pages shares what earlier transactions resolved: ``known`` holds ids
    committed before this transaction (merge :attr:`resolved` into it after the commit)
    and ``corrections`` the post-extraction pass loaded once.
    """

    def __init__(
        self,
        session: Session,
        known: dict[tuple[str, str], int] | None = None,
        corrections: PostPass | None = None,
    ) -> None:
        """Create a cache on a session (empty unless ``known`` ids are given)."""
        self.session = session
        self._ids: dict[tuple[str, str], int] = {}
        self._known = known if known is not None else {}
        self._absent: set[tuple[str, str]] = set()  # looked up by prefetch: not stored yet
        self._post: PostPass | None = corrections

    @property
    def resolved(self) -> dict[tuple[str, str], int]:
        """The ids looked up or created in this transaction."""
        return self._ids

    def prefetch(self, keys: Iterable[tuple[str, str]]) -> None:
        """Look up the ids of several entities in one query (those not known already)."""
        missing = {key for key in keys if key not in self._ids and key not in self._known}
        for chunk in in_batches(sorted({name for name, _ in missing})):
            rows = self.session.execute(
                select(Entity.id, Entity.name, Entity.type).where(Entity.name.in_(chunk))
            )
            for entity_id, name, kind in rows:
                if (name, kind) in missing:
                    self._ids[(name, kind)] = entity_id
        self._absent |= {key for key in missing if key not in self._ids}

    @property
    def corrections(self) -> PostPass:
        """The archive's post-extraction corrections (loaded once per transaction)."""
        if self._post is None:
            self._post = load_post_pass(self.session)
        return self._post

    def id_of(self, name: str, kind: str) -> int:
        """The id of an entity, creating the row when it does not exist yet."""
        key = (name, kind)
        cached = self._ids.get(key)
        if cached is None:
            cached = self._known.get(key)
        if cached is not None:
            return cached
        entity_id = None
        if key not in self._absent:
            entity_id = self.session.scalar(_FIND_ENTITY, {"name": name, "type": kind})
        if entity_id is None:
            entity_id = self.session.execute(
                _INSERT_ENTITY, {"name": name, "type": kind}
            ).scalar_one()
            self._absent.discard(key)
        self._ids[key] = entity_id
        return entity_id


def replace_mentions(
    session: Session,
    cache: EntityCache,
    *,
    article_id: int,
    part_id: int,
    mentions: Sequence[Mention],
    new_part: bool = False,
) -> None:
    """Store the tagger's mentions of one part, replacing its earlier automatic ones.

    The users' corrections are applied to them (see :mod:`reader.entities.applying`).
    Mentions added by hand stay: their entity follows the corrections made after them (a
    later deletion removes the row; undoing it brings the mention back on re-tagging), and
    automatic mentions overlapping them are dropped.

    Args:
        session: an open write session.
        cache: the transaction's entity cache.
        article_id: the article the part belongs to.
        part_id: the part.
        mentions: the mentions found in the part's fields.
        new_part: the part was created in this transaction (it has no mentions yet: nothing
            to replace or keep).
    """
    post = cache.corrections
    manual_spans: list[tuple[str, int, int]] = []
    if not new_part:
        session.execute(
            delete(MentionRow).where(MentionRow.part_id == part_id, MentionRow.manual.is_(False))
        )
        manual_spans = refresh_manual_mentions(
            session, cache, article_id=article_id, part_id=part_id
        )
    rows = []
    for mention in mentions:
        if any(
            field == mention.field and start < mention.end and mention.start < end
            for field, start, end in manual_spans
        ):
            continue
        corrected = post.apply(mention.name, str(mention.type), article_id)
        if corrected is None:
            continue
        rows.append(
            {
                "entity_id": cache.id_of(*corrected),
                "article_id": article_id,
                "part_id": part_id,
                "field": mention.field,
                "start": mention.start,
                "end": mention.end,
                "surface": mention.surface,
                "manual": False,
            }
        )
    if rows:
        session.execute(MentionRow.__table__.insert(), rows)


def refresh_manual_mentions(
    session: Session, cache: EntityCache, *, article_id: int, part_id: int
) -> list[tuple[str, int, int]]:
    """Give the hand-added mentions of a part the entity that later corrections make of them.

    Args:
        session: an open write session.
        cache: the transaction's entity cache.
        article_id: the article the part belongs to.
        part_id: the part.

    Returns:
        (field, start, end) of the part's anchored hand-added mentions that remain.
    """
    post = cache.corrections
    spans: list[tuple[str, int, int]] = []
    rows = session.execute(
        select(
            MentionRow.id,
            MentionRow.entity_id,
            MentionRow.rule_id,
            MentionRow.field,
            MentionRow.start,
            MentionRow.end,
        ).where(MentionRow.part_id == part_id, MentionRow.manual.is_(True))
    ).all()
    for mention_id, entity_id, rule_id, field, start, end in rows:
        add = post.adds.get(rule_id) if rule_id is not None else None
        if add is not None:
            corrected = post.apply(add.name, add.type, article_id, after=add.rule_id)
            if corrected is None:
                session.execute(delete(MentionRow).where(MentionRow.id == mention_id))
                continue
            new_id = cache.id_of(*corrected)
            if new_id != entity_id:
                session.execute(
                    update(MentionRow).where(MentionRow.id == mention_id).values(entity_id=new_id)
                )
        if start >= 0:
            spans.append((field, start, end))
    return spans


def entity_names_of_articles(session: Session, article_ids: Iterable[int]) -> dict[int, list[str]]:
    """The distinct entity names mentioned in each article."""
    result: dict[int, list[str]] = {}
    for chunk in in_batches(article_ids):
        rows = session.execute(
            select(MentionRow.article_id, Entity.name)
            .join(Entity, Entity.id == MentionRow.entity_id)
            .where(MentionRow.article_id.in_(chunk))
            .distinct()
        ).all()
        for article_id, name in rows:
            result.setdefault(article_id, []).append(name)
    return result

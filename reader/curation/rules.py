"""Keep the entity rules of hand-added mentions pointing at where the mentions are now."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import EntityRule, Mention


def sync_rule(session: Session, mention: Mention) -> None:
    """Point a hand-added mention's rule at where the mention is now (re-tagging reads it)."""
    rule = session.get(EntityRule, mention.rule_id)
    if rule is None or rule.action != "add":
        return
    payload = dict(rule.payload or {})
    where = {
        "article_id": mention.article_id,
        "part_id": mention.part_id,
        "field": mention.field,
        "start": mention.start,
        "end": mention.end,
    }
    if any(payload.get(key) != value for key, value in where.items()):
        payload.update(where)
        rule.payload = payload


def sync_manual_rules(session: Session, part_ids: Iterable[int]) -> None:
    """Point the ``add`` rules of the hand-added mentions of parts at where the rows are now.

    Re-tagging re-creates a hand-added mention from its rule when its part lacks the row:
    after a mention moved to another part (or back, on a revert) its rule must follow.

    Args:
        session: an open write session.
        part_ids: the parts whose hand-added mentions may have moved.
    """
    ids = sorted(set(part_ids))
    if not ids:
        return
    for mention in session.scalars(
        select(Mention).where(
            Mention.part_id.in_(ids), Mention.manual.is_(True), Mention.rule_id.is_not(None)
        )
    ):
        sync_rule(session, mention)

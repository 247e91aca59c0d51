"""Browsing stored entities: lists with counts, one entity's mentions, neighbours and timeline."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Article, ArticlePart, Entity, EntityRule, Issue, Mention, TextBlock
from reader.entities.model import EntityType
from reader.errors import InputError, NotFoundError
from reader.parsing.model import BODY_SEPARATOR

FIELD_ORDER = ("title", "subtitle", "body")
SNIPPET_WIDTH = 60
DEFAULT_MENTION_LIMIT = 200
COOCCURRING_LIMIT = 20


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One row of the entity list."""

    name: str
    type: str
    mentions: int
    articles: int

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (the CLI's ``entities --json`` rows)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of an entity, located in its article (article-level offsets)."""

    article_id: int
    title: str
    date: str | None
    field: str
    start: int
    end: int
    surface: str
    snippet: str
    manual: bool

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CoEntity:
    """An entity named in some of the same articles, with the number of shared articles."""

    name: str
    type: str
    articles: int


@dataclass(slots=True)
class EntityDetail:
    """Everything the program knows about one entity."""

    name: str
    type: str
    mention_count: int
    article_count: int
    aliases: list[str]
    mentions: list[EntityMention]
    cooccurring: list[CoEntity]
    timeline: list[tuple[str, int]]
    undated: int
    other_types: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (the CLI's ``entity --json`` output)."""
        return {
            "name": self.name,
            "type": self.type,
            "mention_count": self.mention_count,
            "article_count": self.article_count,
            "aliases": list(self.aliases),
            "mentions": [mention.to_dict() for mention in self.mentions],
            "cooccurring": [asdict(other) for other in self.cooccurring],
            "timeline": [{"date": date, "count": count} for date, count in self.timeline],
            "undated": self.undated,
            "other_types": list(self.other_types),
        }


class ArticleMention(NamedTuple):
    """An entity mention of an article with offsets into the article's own fields."""

    name: str
    type: str
    field: str
    start: int
    end: int


def check_type(value: str | None) -> str | None:
    """Validate an entity type given by the user (None passes).

    Raises:
        InputError: the value is not person, place or organization.
    """
    if value is None:
        return None
    try:
        return str(EntityType(value))
    except ValueError:
        known = ", ".join(str(kind) for kind in EntityType)
        raise InputError(f"unknown entity type {value!r} (one of: {known})") from None


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere (backslash is the escape character)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


MENTIONS = func.count(Mention.id)
ARTICLES = func.count(func.distinct(Mention.article_id))


def _counts_query(type: str | None = None) -> Select[Any]:
    """Entities with their mention and article counts (only those that have mentions)."""
    query = (
        select(Entity.id, Entity.name, Entity.type, MENTIONS, ARTICLES)
        .join(Mention, Mention.entity_id == Entity.id)
        .group_by(Entity.id)
    )
    if type is not None:
        query = query.where(Entity.type == type)
    return query


def list_entities(
    session: Session,
    type: str | None = None,
    filter: str | None = None,
    *,
    limit: int | None = None,
) -> list[EntitySummary]:
    """Entities that have mentions, most mentioned first (then by name).

    Args:
        session: a read session.
        type: only entities of this type (person, place, organization).
        filter: only entities whose name contains this text.
        limit: at most this many rows.

    Returns:
        The entity rows with their mention and article counts.

    Raises:
        InputError: the type is unknown.
    """
    query = _counts_query(check_type(type))
    if filter:
        query = query.where(Entity.name.like(like_pattern(filter), escape="\\"))
    query = query.order_by(MENTIONS.desc(), Entity.name, Entity.type)
    if limit is not None:
        query = query.limit(limit)
    return [
        EntitySummary(name=name, type=kind, mentions=mentions, articles=articles)
        for _id, name, kind, mentions, articles in session.execute(query)
    ]


def suggest_names(session: Session, name: str, limit: int = 5) -> list[str]:
    """Names of stored entities close to ``name`` (containing it, or spelled alike)."""
    with_mentions = select(Mention.entity_id).distinct()
    containing = session.scalars(
        select(Entity.name)
        .where(Entity.name.like(like_pattern(name), escape="\\"), Entity.id.in_(with_mentions))
        .distinct()
        .limit(limit)
    ).all()
    every = session.scalars(select(Entity.name).where(Entity.id.in_(with_mentions)).distinct())
    close = difflib.get_close_matches(name, list(every), n=limit, cutoff=0.5)
    out: list[str] = []
    for candidate in [*close, *containing]:
        if candidate not in out and candidate != name:
            out.append(candidate)
    return out[:limit]


def resolve_entity(
    session: Session, name: str, type: str | None = None, *, strict: bool = True
) -> tuple[int, str, str]:
    """Find the stored entity a user means by a name (and maybe a type).

    Args:
        session: a session.
        name: the entity's canonical name.
        type: its type, needed when the name has several.
        strict: when the name has several types and none is given, refuse (True) or take
            the most mentioned one (False).

    Returns:
        (entity id, name, type) of an entity that has mentions.

    Raises:
        NotFoundError: no entity of that name (and type) has mentions; close names suggested.
        InputError: the name is ambiguous and ``strict``.
    """
    kind = check_type(type)
    name = name.strip()
    query = _counts_query(kind)
    rows = session.execute(
        query.where(Entity.name == name).order_by(MENTIONS.desc(), Entity.type)
    ).all()
    if not rows:
        suggestions = suggest_names(session, name)
        what = f"{name} ({kind})" if kind else name
        hint = f"; did you mean: {'、'.join(suggestions)}?" if suggestions else ""
        raise NotFoundError(f"no entity named {what}{hint}")
    if len(rows) > 1 and strict:
        kinds = ", ".join(row[2] for row in rows)
        raise InputError(f"{name} is an entity of several types ({kinds}): give its type")
    entity_id, found, found_type, _mentions, _articles = rows[0]
    return entity_id, found, found_type


def _snippet(text: str, start: int, end: int, markers: tuple[str, str]) -> str:
    around = max(0, (SNIPPET_WIDTH - (end - start)) // 2)
    left = max(0, start - around)
    right = min(len(text), end + around)
    snippet = (
        text[left:start] + markers[0] + text[start:end] + markers[1] + text[end:right]
    ).replace(BODY_SEPARATOR, " ")
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


@dataclass(slots=True)
class _PartLayout:
    article_id: int
    first: bool
    body_offset: int
    texts: dict[str, str]


def part_layouts(session: Session, article_ids: Iterable[int]) -> dict[int, _PartLayout]:
    """Each part of the articles with its field texts and where its body starts in the article.

    The article's body is every block of every part, parts in order, joined with newlines;
    its title and subtitle are its first part's.
    """
    ids = sorted(set(article_ids))
    layouts: dict[int, _PartLayout] = {}
    for chunk in in_batches(ids):
        parts = session.execute(
            select(ArticlePart.id, ArticlePart.article_id, ArticlePart.title, ArticlePart.subtitle)
            .where(ArticlePart.article_id.in_(chunk))
            .order_by(ArticlePart.article_id, ArticlePart.part_no, ArticlePart.id)
        ).all()
        blocks: dict[int, list[str]] = {}
        for part_id, text in session.execute(
            select(TextBlock.part_id, TextBlock.text)
            .join(ArticlePart, ArticlePart.id == TextBlock.part_id)
            .where(ArticlePart.article_id.in_(chunk))
            .order_by(TextBlock.part_id, TextBlock.seq)
        ):
            blocks.setdefault(part_id, []).append(text)
        offsets: dict[int, int] = {}
        for part_id, article_id, title, subtitle in parts:
            first = article_id not in offsets
            offset = offsets.get(article_id, 0)
            part_blocks = blocks.get(part_id, [])
            layouts[part_id] = _PartLayout(
                article_id=article_id,
                first=first,
                body_offset=offset,
                texts={
                    "title": title or "",
                    "subtitle": subtitle or "",
                    "body": BODY_SEPARATOR.join(part_blocks),
                },
            )
            # The article body joins blocks; a part without blocks adds nothing.
            length = sum(len(text) + len(BODY_SEPARATOR) for text in part_blocks)
            offsets[article_id] = offset + length
    return layouts


def _article_offsets(
    layout: _PartLayout | None, field_name: str, start: int, end: int
) -> tuple[int, int] | None:
    """Part-level offsets → article-level ones.

    None when the mention is not in the article's own fields (the title of a continuation
    part) or is not anchored.
    """
    if layout is None or start < 0:
        return None
    if field_name == "body":
        return layout.body_offset + start, layout.body_offset + end
    if not layout.first:
        return None
    return start, end


def mentions_of_article(session: Session, article_id: int) -> list[ArticleMention]:
    """The entity mentions of an article, with offsets into the article's fields.

    Title and subtitle offsets are those of the article's title and subtitle (its first
    part's); body offsets point into the article's full body (every block of every part,
    joined with newlines). Hand-added mentions whose text is gone are left out.

    Args:
        session: a read session.
        article_id: the article.

    Returns:
        Mentions ordered by field (title, subtitle, body), then offset.
    """
    layouts = part_layouts(session, [article_id])
    rows = session.execute(
        select(Entity.name, Entity.type, Mention.part_id, Mention.field, Mention.start, Mention.end)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id == article_id)
    ).all()
    out: list[ArticleMention] = []
    for name, kind, part_id, field_name, start, end in rows:
        offsets = _article_offsets(layouts.get(part_id), field_name, start, end)
        if offsets is not None:
            out.append(ArticleMention(name, kind, field_name, *offsets))
    order = {name: index for index, name in enumerate(FIELD_ORDER)}
    out.sort(key=lambda m: (order.get(m.field, len(order)), m.start, m.end, m.name))
    return out


def _aliases(session: Session, entity_id: int, name: str, kind: str) -> list[str]:
    surfaces = session.scalars(
        select(Mention.surface).where(Mention.entity_id == entity_id).distinct()
    ).all()
    aliases = {surface for surface in surfaces if surface != name}
    rules = session.scalars(
        select(EntityRule).where(
            EntityRule.active.is_(True),
            EntityRule.action.in_(("merge", "alias")),
            EntityRule.target == name,
        )
    )
    for rule in rules:
        if rule.action == "merge" and rule.target_type not in (None, kind):
            continue
        aliases.add(rule.name)
        aliases.update(
            text for text in (rule.payload or {}).get("surfaces", []) if isinstance(text, str)
        )
    aliases.discard(name)
    return sorted(aliases)


def _entity_mentions(
    session: Session, entity_id: int, limit: int | None, markers: tuple[str, str]
) -> list[EntityMention]:
    field_rank = case({name: index for index, name in enumerate(FIELD_ORDER)}, value=Mention.field)
    query = (
        select(
            Mention.article_id,
            Mention.part_id,
            Mention.field,
            Mention.start,
            Mention.end,
            Mention.surface,
            Mention.manual,
            Article.title,
            Issue.date,
        )
        .join(Article, Article.id == Mention.article_id)
        .join(Issue, Issue.id == Article.issue_id)
        .where(Mention.entity_id == entity_id)
        .order_by(Issue.date, Mention.article_id, field_rank, Mention.start)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    layouts = part_layouts(session, {row[0] for row in rows})
    out: list[EntityMention] = []
    for article_id, part_id, field_name, start, end, surface, manual, title, date in rows:
        layout = layouts.get(part_id)
        text = layout.texts.get(field_name, "") if layout is not None else ""
        anchored = 0 <= start <= end <= len(text)
        snippet = _snippet(text, start, end, markers) if anchored else surface
        offsets = _article_offsets(layout, field_name, start, end) if anchored else None
        article_start, article_end = offsets or (-1, -1)  # -1: not in the article's own text
        out.append(
            EntityMention(
                article_id=article_id,
                title=title or "",
                date=date.isoformat() if date else None,
                field=field_name,
                start=article_start,
                end=article_end,
                surface=surface,
                snippet=snippet,
                manual=bool(manual),
            )
        )
    return out


def entity_detail(
    session: Session,
    name: str,
    type: str | None = None,
    *,
    limit: int | None = DEFAULT_MENTION_LIMIT,
    markers: tuple[str, str] = ("【", "】"),
) -> EntityDetail:
    """One entity: its type, aliases, mentions, co-occurring entities and timeline.

    Args:
        session: a read session.
        name: the entity's canonical name.
        type: its type; without it, the most mentioned entity of that name (the others are
            listed in ``other_types``).
        limit: at most this many mentions listed (oldest first); None for all.
        markers: put around the mention in snippets.

    Returns:
        The entity's details.

    Raises:
        NotFoundError: no such entity (close names are suggested in the message).
    """
    entity_id, name, kind = resolve_entity(session, name, type, strict=False)
    mention_count, article_count = session.execute(
        select(func.count(Mention.id), func.count(func.distinct(Mention.article_id))).where(
            Mention.entity_id == entity_id
        )
    ).one()
    other_types = sorted(
        session.scalars(
            select(Entity.type).where(
                Entity.name == name,
                Entity.id != entity_id,
                Entity.id.in_(select(Mention.entity_id)),
            )
        )
    )
    its_articles = select(Mention.article_id).where(Mention.entity_id == entity_id)
    shared = func.count(func.distinct(Mention.article_id))
    cooccurring = [
        CoEntity(name=other, type=other_type, articles=count)
        for other, other_type, count in session.execute(
            select(Entity.name, Entity.type, shared)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(Mention.article_id.in_(its_articles), Mention.entity_id != entity_id)
            .group_by(Mention.entity_id)
            .order_by(shared.desc(), Entity.name)
            .limit(COOCCURRING_LIMIT)
        )
    ]
    timeline: list[tuple[str, int]] = []
    undated = 0
    for date, count in session.execute(
        select(Issue.date, func.count(Mention.id))
        .join(Article, Article.id == Mention.article_id)
        .join(Issue, Issue.id == Article.issue_id)
        .where(Mention.entity_id == entity_id)
        .group_by(Issue.date)
        .order_by(Issue.date)
    ):
        if date is None:
            undated += count
        else:
            timeline.append((date.isoformat(), count))
    return EntityDetail(
        name=name,
        type=kind,
        mention_count=mention_count,
        article_count=article_count,
        aliases=_aliases(session, entity_id, name, kind),
        mentions=_entity_mentions(session, entity_id, limit, markers),
        cooccurring=cooccurring,
        timeline=timeline,
        undated=undated,
        other_types=other_types,
    )


def articles_mentioning(session: Session, name: str, type: str | None = None) -> list[int]:
    """Ids of the articles that mention an entity (any type when none is given)."""
    query = (
        select(Mention.article_id)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Entity.name == name)
        .distinct()
        .order_by(Mention.article_id)
    )
    if type is not None:
        query = query.where(Entity.type == type)
    return list(session.scalars(query))


def articles_containing(session: Session, texts: Sequence[str]) -> set[int]:
    """Ids of the articles whose title, subtitle or body contains any of the texts."""
    found: set[int] = set()
    for text in {text for text in texts if text}:
        pattern = like_pattern(text)
        found.update(
            session.scalars(
                select(ArticlePart.article_id).where(
                    ArticlePart.title.like(pattern, escape="\\")
                    | ArticlePart.subtitle.like(pattern, escape="\\")
                )
            )
        )
        found.update(
            session.scalars(
                select(ArticlePart.article_id)
                .join(TextBlock, TextBlock.part_id == ArticlePart.id)
                .where(TextBlock.text.like(pattern, escape="\\"))
                .distinct()
            )
        )
    return found

"""Users' corrections of entity tagging: rename, merge, split, retype, delete, add, undo.

Users are the authority. Each correction is stored as one :class:`db.models.EntityRule`
row (applied on every tagging, so it survives re-tagging and re-import; see
:mod:`reader.entities.applying`) with an :class:`db.models.AuditEntry` saying what changed,
when, and the state before and after. Undoing deactivates the row (it stays in the history)
and writes its own audit entry.

Every operation takes an archive opened for writing and does its database work in one
transaction: it stores the rule, re-tags the articles concerned (those that mention the
entity and those whose text holds the strings involved) with freshly loaded rules, and
bumps the change counter; the search index is then brought up to the change, so counts,
article lists and ``entity:`` searches reflect the correction at once. Nothing here knows
about Qt: the window runs these functions on its task runner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete, exists, func, insert, select
from sqlalchemy.orm import Session, selectinload

from db.batching import in_batches
from db.models import Article, ArticlePart, AuditEntry, Entity, EntityRule, Mention
from reader.analysis import ArticleAnalyzer, PartText
from reader.archive import Archive, bump_change_counter, read_change_counter
from reader.entities.applying import CORRECTION_ACTIONS
from reader.entities.browse import (
    FIELD_ORDER,
    articles_containing,
    articles_mentioning,
    check_type,
    part_layouts,
    resolve_entity,
)
from reader.entities.store import (
    EntityCache,
    load_rules,
    nearest_occurrence,
    replace_mentions,
)
from reader.errors import InputError, InternalError, NotFoundError
from reader.indexing import TokenCache
from reader.segment import Segmenter

MAX_NAME_LENGTH = 200
#: Above this many re-tagged parts the search index segments the text itself again rather
#: than the tokens of the re-tagging being kept in memory for it.
TOKEN_CACHE_PARTS = 500

#: What the history calls each kind of rule.
ACTION_LABELS = {"never": "delete"}


@dataclass(slots=True)
class CorrectionResult:
    """What one correction (or undo) did."""

    audit_id: int
    rule_id: int | None
    action: str
    subject: str
    articles: list[int] = field(default_factory=list)
    index_updated: bool = False

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (the CLI's output of the correction commands)."""
        return asdict(self)


@dataclass(slots=True)
class HistoryEntry:
    """One audit entry of entity corrections, newest first in :func:`history`."""

    id: int
    at: str
    actor: str
    action: str
    subject: str
    rule_id: int | None
    active: bool | None
    before: dict[str, Any]
    after: dict[str, Any]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (the CLI's ``entity-history --json`` rows)."""
        return asdict(self)


@dataclass
class _Plan:
    """What an operation decided inside its transaction, before re-tagging."""

    action: str
    subject: str
    rule: EntityRule
    articles: set[int]
    before: dict[str, Any]
    after: Callable[[Session], dict[str, Any]]


# --- helpers -------------------------------------------------------------------------------


def _clean_name(value: str, what: str = "name") -> str:
    name = " ".join(value.split())
    if not name:
        raise InputError(f"the new {what} is empty")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(f"the new {what} is longer than {MAX_NAME_LENGTH} characters")
    return name


def _need_type(value: str | None, what: str = "type") -> str:
    kind = check_type(value)
    if kind is None:
        raise InputError(f"give the entity {what} (person, place or organization)")
    return kind


def entity_state(session: Session, name: str, kind: str) -> dict[str, Any]:
    """An entity's name, type and counts, as the audit records them."""
    mentions, articles = session.execute(
        select(func.count(Mention.id), func.count(func.distinct(Mention.article_id)))
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Entity.name == name, Entity.type == kind)
    ).one()
    return {"name": name, "type": kind, "mentions": mentions, "articles": articles}


def describe(rule: EntityRule) -> str:
    """A one-line description of a correction, for the history and the undo stack."""
    what = f"{rule.name}（{rule.type}）" if rule.type else rule.name
    payload = rule.payload or {}
    if rule.action == "rename":
        text = f"rename {what} → {rule.target}"
    elif rule.action == "merge":
        text = f"merge {what} into {rule.target}（{rule.target_type}）"
    elif rule.action == "split":
        ids = ", ".join(str(i) for i in payload.get("articles", []))
        text = f"split {what} in articles {ids} → {rule.target}"
    elif rule.action == "retype":
        text = f"retype {rule.name}: {rule.type} → {rule.target_type}"
    elif rule.action == "never":
        text = f"delete {what}"
    elif rule.action == "add":
        text = (
            f"add {what} to article {payload.get('article_id')} {payload.get('field')} "
            f"{payload.get('article_start')}–{payload.get('article_end')}"
        )
    else:
        text = f"{rule.action} {what}" + (f" → {rule.target}" if rule.target else "")
    return text[:MAX_NAME_LENGTH]


def rule_articles(session: Session, rule: EntityRule) -> set[int]:
    """The articles whose tagging a rule changes, as the archive stands now.

    Those that mention the entities involved, and, for rules that change what is found in
    the text, those whose text holds the string.
    """
    payload = rule.payload or {}
    found: set[int] = set(articles_mentioning(session, rule.name, rule.type))
    if rule.target:
        found.update(articles_mentioning(session, rule.target, rule.target_type or rule.type))
    if rule.action in ("never", "retype", "force", "alias"):
        found |= articles_containing(session, [rule.name])
    if rule.action == "retype":
        found.update(articles_mentioning(session, rule.name, rule.target_type))
    if rule.action == "split":
        found &= {int(i) for i in payload.get("articles", []) if isinstance(i, int)}
    if rule.action == "add":
        found = set(session.scalars(select(Mention.article_id).where(Mention.rule_id == rule.id)))
        part_article = session.scalar(
            select(ArticlePart.article_id).where(ArticlePart.id == payload.get("part_id"))
        )
        if part_article is not None:
            found.add(part_article)
    return found


def _audited_articles(session: Session, rule_id: int) -> set[int]:
    found: set[int] = set()
    for after in session.scalars(select(AuditEntry.after).where(AuditEntry.rule_id == rule_id)):
        found.update(i for i in (after or {}).get("retagged", []) if isinstance(i, int))
    return found


def _restore_manual(
    session: Session,
    cache: EntityCache,
    *,
    article_id: int,
    part_id: int,
    texts: Mapping[str, str],
) -> None:
    """Create the rows of a part's active hand-added mentions that have none.

    That is a new or redone addition, or one no longer removed by a later correction.
    """
    post = cache.corrections
    adds = post.adds_of_part(part_id)
    if not adds:
        return
    present = set(
        session.scalars(
            select(Mention.rule_id).where(Mention.part_id == part_id, Mention.manual.is_(True))
        )
    )
    for add in adds:
        if add.rule_id in present:
            continue
        corrected = post.apply(add.name, add.type, article_id, after=add.rule_id)
        if corrected is None:
            continue
        text = texts.get(add.field, "")
        start = add.start
        if text[add.start : add.end] != add.surface:
            start = nearest_occurrence(text, add.surface, add.start)
        session.execute(
            insert(Mention).values(
                entity_id=cache.id_of(*corrected),
                article_id=article_id,
                part_id=part_id,
                field=add.field,
                start=start,
                end=start + len(add.surface) if start >= 0 else -1,
                surface=add.surface,
                manual=True,
                rule_id=add.rule_id,
            )
        )


def retag_in_session(
    session: Session, segmenter: Segmenter, article_ids: Iterable[int]
) -> TokenCache:
    """Tag articles again with the archive's current rules, inside a write transaction.

    Args:
        session: an open write session (its uncommitted rules count).
        segmenter: the archive's segmenter.
        article_ids: the articles.

    Returns:
        The tokens of the re-tagged parts, for the search index (empty when there were too
        many to keep).
    """
    ids = sorted(set(article_ids))
    analyzer = ArticleAnalyzer(segmenter, load_rules(session))
    cache = EntityCache(session)
    tokens: TokenCache = {}
    parts_done = 0
    for chunk in in_batches(ids, 200):
        parts = session.scalars(
            select(ArticlePart)
            .where(ArticlePart.article_id.in_(chunk))
            .options(selectinload(ArticlePart.blocks))
            .order_by(ArticlePart.article_id, ArticlePart.part_no)
        ).all()
        for part in parts:
            text = PartText.from_blocks(
                part.title,
                part.subtitle,
                [block.text for block in part.blocks],
                part.authors or [],
                part.credit,
            )
            analysis = analyzer.analyze(text)
            texts = {"title": text.title, "subtitle": text.subtitle, "body": text.body}
            _restore_manual(
                session, cache, article_id=part.article_id, part_id=part.id, texts=texts
            )
            replace_mentions(
                session,
                cache,
                article_id=part.article_id,
                part_id=part.id,
                mentions=analysis.mentions,
            )
            parts_done += 1
            if parts_done <= TOKEN_CACHE_PARTS:
                tokens[part.id] = analysis.tokens
    if parts_done > TOKEN_CACHE_PARTS:
        tokens.clear()  # a partial cache is useless: the index needs every part of an article
    session.execute(delete(Entity).where(~exists().where(Mention.entity_id == Entity.id)))
    return tokens


def _writable(archive: Archive) -> None:
    if not archive.writable:
        raise InternalError("entity corrections need the archive opened for writing")


def _commit(
    archive: Archive, prepare: Callable[[Session], _Plan], *, actor: str
) -> CorrectionResult:
    """Run an operation and bring the search index up to it.

    Its rule, the re-tagging, the audit entry and the change counter share one transaction.
    """
    _writable(archive)
    with archive.db.write() as session:
        counter_before = read_change_counter(session)
        plan = prepare(session)
        session.add(plan.rule)
        session.flush()
        rule_id = plan.rule.id
        articles = set(
            session.scalars(select(Article.id).where(Article.id.in_(sorted(plan.articles))))
        )
        tokens = retag_in_session(session, archive.segmenter, articles)
        after = plan.after(session)
        after["retagged"] = sorted(articles)
        change = _record(
            session,
            counter_before,
            AuditEntry(
                actor=actor,
                action=plan.action,
                subject=plan.subject[:MAX_NAME_LENGTH],
                before=plan.before,
                after=after,
                rule_id=rule_id,
            ),
        )
    return _finish(archive, change, rule_id, plan.action, plan.subject, articles, tokens)


@dataclass(frozen=True, slots=True)
class _Recorded:
    """An audited change inside its transaction: the audit id and the change counters."""

    audit_id: int
    counter_before: int
    counter_after: int


def _record(session: Session, counter_before: int, audit: AuditEntry) -> _Recorded:
    """Store the audit entry of a correction and count the change (same transaction)."""
    session.add(audit)
    session.flush()
    return _Recorded(audit.id, counter_before, bump_change_counter(session))


def _finish(
    archive: Archive,
    change: _Recorded,
    rule_id: int,
    action: str,
    subject: str,
    articles: set[int],
    tokens: TokenCache,
) -> CorrectionResult:
    """After the commit: bring the search index up to the re-tagged articles."""
    updated = archive.search.apply_changes(
        touched=articles,
        removed=(),
        counter_before=change.counter_before,
        counter_after=change.counter_after,
        token_cache=tokens,
    )
    return CorrectionResult(
        audit_id=change.audit_id,
        rule_id=rule_id,
        action=action,
        subject=subject,
        articles=sorted(articles),
        index_updated=updated,
    )


# --- operations ----------------------------------------------------------------------------


def _simple_plan(
    session: Session,
    action: str,
    rule: EntityRule,
    *,
    before: tuple[str, str],
    after: tuple[str, str],
) -> _Plan:
    """The plan of a correction that changes one entity through one rule.

    Args:
        session: the correction's write session.
        action: the correction as the user named it (rename, retype, delete).
        rule: the new rule.
        before: the entity (name, type) whose state is recorded before the change.
        after: the entity (name, type) whose state is recorded after it.

    Returns:
        The plan: the rule, the articles it touches and the audit states.
    """
    return _Plan(
        action=action,
        subject=describe(rule),
        rule=rule,
        articles=rule_articles(session, rule),
        before=entity_state(session, *before),
        after=lambda s: entity_state(s, *after),
    )


def rename(
    archive: Archive, name: str, new_name: str, *, type: str | None = None, actor: str = "user"
) -> CorrectionResult:
    """Call an entity by another name from now on.

    Args:
        archive: the archive, opened for writing.
        name: the entity's current name.
        new_name: its new canonical name (if an entity of that name and type exists, the two
            become one).
        type: the entity's type, needed when the name has several.
        actor: who made the correction (for the audit).

    Returns:
        What was done.

    Raises:
        NotFoundError: no such entity.
        InputError: the new name is empty, the same, or the entity is ambiguous.
    """
    new = _clean_name(new_name)

    def prepare(session: Session) -> _Plan:
        _id, found, kind = resolve_entity(session, name, type)
        if new == found:
            raise InputError(f"{found} already has that name")
        rule = EntityRule(
            action="rename", name=found, type=kind, target=new, target_type=kind, payload={}
        )
        return _simple_plan(session, "rename", rule, before=(found, kind), after=(new, kind))

    return _commit(archive, prepare, actor=actor)


def merge(
    archive: Archive,
    source: str,
    target: str,
    *,
    source_type: str | None = None,
    target_type: str | None = None,
    actor: str = "user",
) -> CorrectionResult:
    """Make one entity of two: the source's mentions belong to the target from now on.

    The source's name and the surfaces it was printed as become aliases of the target.

    Args:
        archive: the archive, opened for writing.
        source: the entity that disappears.
        target: the entity that stays.
        source_type: the source's type, needed when its name has several.
        target_type: the target's type, needed when its name has several.
        actor: who made the correction.

    Returns:
        What was done.

    Raises:
        NotFoundError: either entity does not exist.
        InputError: both are the same entity, or a name is ambiguous.
    """

    def prepare(session: Session) -> _Plan:
        source_id, source_name, source_kind = resolve_entity(session, source, source_type)
        target_id, target_name, target_kind = resolve_entity(session, target, target_type)
        if source_id == target_id:
            raise InputError(f"{source_name} cannot be merged into itself")
        surfaces = sorted(
            set(
                session.scalars(
                    select(Mention.surface).where(Mention.entity_id == source_id).distinct()
                )
            )
            - {target_name}
        )
        rule = EntityRule(
            action="merge",
            name=source_name,
            type=source_kind,
            target=target_name,
            target_type=target_kind,
            payload={"surfaces": surfaces},
        )
        return _Plan(
            action="merge",
            subject=describe(rule),
            rule=rule,
            articles=set(articles_mentioning(session, source_name, source_kind)),
            before={
                "source": entity_state(session, source_name, source_kind),
                "target": entity_state(session, target_name, target_kind),
            },
            after=lambda s: entity_state(s, target_name, target_kind),
        )

    return _commit(archive, prepare, actor=actor)


def split(
    archive: Archive,
    name: str,
    article_ids: Iterable[int],
    new_name: str,
    *,
    type: str | None = None,
    actor: str = "user",
) -> CorrectionResult:
    """Give the mentions of an entity in some articles to a new entity (two people, one name).

    Args:
        archive: the archive, opened for writing.
        name: the entity.
        article_ids: the articles whose mentions belong to the new entity.
        new_name: the new entity's name (same type).
        type: the entity's type, needed when the name has several.
        actor: who made the correction.

    Returns:
        What was done.

    Raises:
        NotFoundError: no such entity.
        InputError: no articles given, an article does not mention the entity, or the new
            name is empty or the same.
    """
    new = _clean_name(new_name)
    wanted = sorted({int(article_id) for article_id in article_ids})
    if not wanted:
        raise InputError("give the articles whose mentions belong to the new entity")

    def prepare(session: Session) -> _Plan:
        _id, found, kind = resolve_entity(session, name, type)
        if new == found:
            raise InputError(f"the new entity needs another name than {found}")
        mentioning = set(articles_mentioning(session, found, kind))
        missing = [article_id for article_id in wanted if article_id not in mentioning]
        if missing:
            listed = ", ".join(str(article_id) for article_id in missing)
            raise InputError(f"{found} is not mentioned in article(s) {listed}")
        rule = EntityRule(
            action="split",
            name=found,
            type=kind,
            target=new,
            target_type=kind,
            payload={"articles": wanted},
        )
        return _Plan(
            action="split",
            subject=describe(rule),
            rule=rule,
            articles=set(wanted),
            before=entity_state(session, found, kind),
            after=lambda s: {
                "source": entity_state(s, found, kind),
                "new": entity_state(s, new, kind),
            },
        )

    return _commit(archive, prepare, actor=actor)


def retype(
    archive: Archive,
    name: str,
    new_type: str,
    *,
    type: str | None = None,
    actor: str = "user",
) -> CorrectionResult:
    """Change an entity's type: the string is never tagged as the old type, always as the new.

    Args:
        archive: the archive, opened for writing.
        name: the entity.
        new_type: person, place or organization.
        type: its current type, needed when the name has several.
        actor: who made the correction.

    Returns:
        What was done.

    Raises:
        NotFoundError: no such entity.
        InputError: the type is unknown or unchanged.
    """
    kind_new = _need_type(new_type, "new type")

    def prepare(session: Session) -> _Plan:
        _id, found, kind = resolve_entity(session, name, type)
        if kind == kind_new:
            raise InputError(f"{found} is already a {kind}")
        rule = EntityRule(
            action="retype", name=found, type=kind, target=found, target_type=kind_new, payload={}
        )
        return _simple_plan(session, "retype", rule, before=(found, kind), after=(found, kind_new))

    return _commit(archive, prepare, actor=actor)


def delete_entity(
    archive: Archive, name: str, *, type: str | None = None, actor: str = "user"
) -> CorrectionResult:
    """Remove an entity: this string is never tagged as that type again.

    Args:
        archive: the archive, opened for writing.
        name: the entity.
        type: its type, needed when the name has several.
        actor: who made the correction.

    Returns:
        What was done.

    Raises:
        NotFoundError: no such entity.
    """

    def prepare(session: Session) -> _Plan:
        _id, found, kind = resolve_entity(session, name, type)
        rule = EntityRule(action="never", name=found, type=kind, payload={})
        return _simple_plan(session, "delete", rule, before=(found, kind), after=(found, kind))

    return _commit(archive, prepare, actor=actor)


def add_mention(
    archive: Archive,
    article_id: int,
    field: str,
    start: int,
    end: int,
    type: str,
    *,
    name: str | None = None,
    actor: str = "user",
) -> CorrectionResult:
    """Tag a stretch of an article by hand.

    Args:
        archive: the archive, opened for writing.
        article_id: the article.
        field: "title", "subtitle" or "body".
        start: offset of the first character in the article's field (for the body: the
            article's full body, every block of every part joined with newlines).
        end: offset past the last character.
        type: person, place or organization.
        name: the entity's canonical name (default: the text itself).
        actor: who made the correction.

    Returns:
        What was done.

    Raises:
        NotFoundError: no such article.
        InputError: the field, offsets or type are unusable, or the mention was already added.
    """
    kind = _need_type(type)
    if field not in FIELD_ORDER:
        raise InputError(f"unknown field {field!r} (one of: {', '.join(FIELD_ORDER)})")
    if not 0 <= start < end:
        raise InputError(f"bad offsets {start}–{end}: need 0 ≤ start < end")

    def prepare(session: Session) -> _Plan:
        if session.get(Article, article_id) is None:
            raise NotFoundError(f"No article with id {article_id}.")
        layouts = part_layouts(session, [article_id])
        chosen = None
        for part_id, layout in layouts.items():
            if field == "body":
                body = layout.texts["body"]
                if layout.body_offset <= start and end <= layout.body_offset + len(body):
                    chosen = (part_id, start - layout.body_offset, layout.texts["body"])
                    break
            elif layout.first:
                chosen = (part_id, start, layout.texts[field])
                break
        if chosen is None:
            raise InputError(
                f"offsets {start}–{end} are not within one part of the {field} of "
                f"article {article_id}"
            )
        part_id, part_start, text = chosen
        part_end = part_start + (end - start)
        surface = text[part_start:part_end]
        if len(surface) != end - start or not surface.strip() or "\n" in surface:
            raise InputError(
                f"offsets {start}–{end} do not cover text of one paragraph of the {field}"
            )
        if len(surface) > MAX_NAME_LENGTH:
            raise InputError(f"a mention is at most {MAX_NAME_LENGTH} characters")
        canonical = _clean_name(name) if name is not None else surface.strip()
        duplicate = session.scalar(
            select(Mention.id)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(
                Mention.part_id == part_id,
                Mention.manual.is_(True),
                Mention.field == field,
                Mention.start == part_start,
                Mention.end == part_end,
                Entity.name == canonical,
                Entity.type == kind,
            )
        )
        if duplicate is not None:
            raise InputError(f"this mention of {canonical} was already added")
        rule = EntityRule(
            action="add",
            name=canonical,
            type=kind,
            payload={
                "article_id": article_id,
                "part_id": part_id,
                "field": field,
                "start": part_start,
                "end": part_end,
                "surface": surface,
                "article_start": start,
                "article_end": end,
            },
        )
        return _Plan(
            action="add",
            subject=describe(rule),
            rule=rule,
            articles={article_id},
            before=entity_state(session, canonical, kind),
            after=lambda s: entity_state(s, canonical, kind),
        )

    return _commit(archive, prepare, actor=actor)


# --- undo, redo, history -------------------------------------------------------------------


def _set_active(
    archive: Archive,
    pick: Callable[[Session], EntityRule],
    *,
    active: bool,
    actor: str,
) -> CorrectionResult:
    _writable(archive)
    with archive.db.write() as session:
        counter_before = read_change_counter(session)
        rule = pick(session)
        rule_id = rule.id
        articles = rule_articles(session, rule) | _audited_articles(session, rule_id)
        if rule.action != "add":  # text printed so, wherever later corrections put it since
            surfaces = [rule.name, *(rule.payload or {}).get("surfaces", [])]
            articles |= articles_containing(session, [t for t in surfaces if isinstance(t, str)])
        rule.active = active
        if not active and rule.action == "add":
            session.execute(delete(Mention).where(Mention.rule_id == rule_id))
        session.flush()
        articles = set(session.scalars(select(Article.id).where(Article.id.in_(sorted(articles)))))
        subject = describe(rule)
        action = "redo" if active else "undo"
        tokens = retag_in_session(session, archive.segmenter, articles)
        change = _record(
            session,
            counter_before,
            AuditEntry(
                actor=actor,
                action=action,
                subject=subject,
                before={"active": not active},
                after={"active": active, "retagged": sorted(articles)},
                rule_id=rule_id,
            ),
        )
    return _finish(archive, change, rule_id, action, subject, articles, tokens)


def _rule_by_id(session: Session, rule_id: int) -> EntityRule:
    rule = session.get(EntityRule, rule_id)
    if rule is None or rule.action not in CORRECTION_ACTIONS:
        raise NotFoundError(f"No entity correction with id {rule_id}.")
    return rule


def undo(
    archive: Archive,
    rule_id: int | None = None,
    *,
    audit_id: int | None = None,
    actor: str = "user",
) -> CorrectionResult:
    """Undo a correction: its rule is deactivated (kept in the history) and articles re-tagged.

    Args:
        archive: the archive, opened for writing.
        rule_id: the correction (its rule id); default: the last active correction.
        audit_id: or an audit entry: undoing an "undo" entry redoes its correction.
        actor: who asked.

    Returns:
        What was done.

    Raises:
        NotFoundError: no such correction, or nothing left to undo.
        InputError: the correction is already undone.
    """
    if audit_id is not None:

        def pick_from_audit(session: Session) -> EntityRule:
            entry = session.get(AuditEntry, audit_id)
            if entry is None or entry.rule_id is None:
                raise NotFoundError(f"No entity correction in history entry {audit_id}.")
            rule = _rule_by_id(session, entry.rule_id)
            wanted = entry.action != "undo"
            if rule.active != wanted:
                state = "in force" if rule.active else "undone"
                raise InputError(f"correction {rule.id} is already {state}")
            return rule

        with archive.db.read() as session:
            entry = session.get(AuditEntry, audit_id)
            reactivate = entry is not None and entry.action == "undo"
        return _set_active(archive, pick_from_audit, active=reactivate, actor=actor)

    def pick(session: Session) -> EntityRule:
        if rule_id is None:
            rule = session.scalars(
                select(EntityRule)
                .where(EntityRule.active.is_(True), EntityRule.action.in_(CORRECTION_ACTIONS))
                .order_by(EntityRule.id.desc())
                .limit(1)
            ).first()
            if rule is None:
                raise NotFoundError("There is no entity correction to undo.")
            return rule
        rule = _rule_by_id(session, rule_id)
        if not rule.active:
            raise InputError(f"correction {rule_id} is already undone")
        return rule

    return _set_active(archive, pick, active=False, actor=actor)


def redo(archive: Archive, rule_id: int, *, actor: str = "user") -> CorrectionResult:
    """Put an undone correction back in force.

    Args:
        archive: the archive, opened for writing.
        rule_id: the correction.
        actor: who asked.

    Returns:
        What was done.

    Raises:
        NotFoundError: no such correction.
        InputError: it is in force already.
    """

    def pick(session: Session) -> EntityRule:
        rule = _rule_by_id(session, rule_id)
        if rule.active:
            raise InputError(f"correction {rule_id} is in force already")
        return rule

    return _set_active(archive, pick, active=True, actor=actor)


def history(session: Session, *, limit: int | None = None) -> list[HistoryEntry]:
    """The audit entries of entity corrections, newest first.

    Args:
        session: a read session.
        limit: at most this many entries.

    Returns:
        The entries, each with whether its correction is in force now.
    """
    query = (
        select(AuditEntry, EntityRule.active)
        .join(EntityRule, EntityRule.id == AuditEntry.rule_id)
        .where(EntityRule.action.in_(CORRECTION_ACTIONS))
        .order_by(AuditEntry.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return [
        HistoryEntry(
            id=entry.id,
            at=entry.at.isoformat(timespec="seconds"),
            actor=entry.actor,
            action=entry.action,
            subject=entry.subject,
            rule_id=entry.rule_id,
            active=active,
            before=dict(entry.before or {}),
            after=dict(entry.after or {}),
        )
        for entry, active in session.execute(query)
    ]


def retag_articles(archive: Archive, article_ids: Iterable[int]) -> int:
    """Tag articles again with the current rules (e.g. after the word lists changed).

    Args:
        archive: the archive, opened for writing.
        article_ids: the articles.

    Returns:
        The number of articles re-tagged.
    """
    _writable(archive)
    with archive.db.write() as session:
        counter_before = read_change_counter(session)
        articles = set(
            session.scalars(select(Article.id).where(Article.id.in_(sorted(set(article_ids)))))
        )
        tokens = retag_in_session(session, archive.segmenter, articles)
        counter_after = bump_change_counter(session)
    archive.search.apply_changes(
        touched=articles,
        removed=(),
        counter_before=counter_before,
        counter_after=counter_after,
        token_cache=tokens,
    )
    return len(articles)

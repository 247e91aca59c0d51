"""The curation engine: revisions with snapshots of the rows they change, revert, history, diffs.

Every correction runs through :func:`curate` in one write transaction:

1. the rows in its scope are snapshotted — the articles named and every article printed on
   their pages, their parts and blocks (with the machine's ``original`` text), the pages'
   metadata, their issues and publications, and the users' rows attached to the articles;
2. the work runs (inside a savepoint: when it reaches articles or pages outside the scope,
   it is rolled back and run again over a wider scope, so the "before" always covers it);
3. users' data follows the text (rows of removed articles go to the article that got their
   text; annotations are re-anchored, or flagged orphaned — never deleted), hand-added entity
   mentions are re-anchored, the changed articles are re-tagged with the user's entity rules;
4. the rows that differ are stored as a :class:`db.models.Revision` (``before``/``after``
   hold only those rows, plus the plain text of the changed articles for the diff view), an
   audit entry is written, the change counter bumped, the pages marked ``corrected``;
5. after the commit the search index is brought up to the change.

:func:`revert_revision` restores a revision's ``before`` rows (same ids) when the rows it
changed still hold its ``after``; a revert is a revision too, and reverting it re-applies the
original (redo).
"""

from __future__ import annotations

import datetime as dt
import difflib
import getpass
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Date, DateTime, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import (
    Annotation,
    Article,
    ArticlePart,
    ArticleTag,
    AuditEntry,
    Base,
    Bookmark,
    Collection,
    CollectionItem,
    Issue,
    Mention,
    Page,
    Publication,
    Revision,
    Tag,
    TextBlock,
)
from reader.archive import Archive, bump_change_counter, read_change_counter
from reader.curation.rules import sync_manual_rules
from reader.entities.corrections import retag_in_session
from reader.entities.store import nearest_occurrence
from reader.errors import InputError, InternalError, NotFoundError
from reader.notes.common import article_refs
from reader.notes.relink import ReanchorReport, move_user_data, reanchor_articles
from reader.parsing.model import BODY_SEPARATOR
from reader.store import refresh_article

#: The actions a revision may record.
ACTIONS = (
    "split",
    "merge",
    "move_blocks",
    "join",
    "unjoin",
    "move_article",
    "edit_article",
    "edit_page",
    "edit_issue",
    "revert",
)
#: How a revert's summary starts; the revert of a revert (a redo) starts with ``REDO_PREFIX``.
REVERT_PREFIX = "revert: "
REDO_PREFIX = "redo: "
#: Longest summary an audit entry keeps.
_AUDIT_SUBJECT = 200
#: How many times a work function is run again over a wider scope before giving up.
_MAX_SCOPE_ROUNDS = 4

#: The snapshotted tables, in the order rows are restored; pages keep only their metadata.
_TABLES: tuple[tuple[str, type[Base], tuple[str, ...] | None], ...] = (
    ("publications", Publication, None),
    ("issues", Issue, None),
    ("articles", Article, None),
    ("pages", Page, ("id", "issue_id", "label", "original")),
    ("parts", ArticlePart, None),
    ("blocks", TextBlock, None),
)
#: Columns that change without the correction meaning anything by it (not compared).
_VOLATILE = {"updated_at"}
#: Users' rows linked to articles: snapshotted whole, put back on revert (never deleted).
_USER_MODELS: tuple[tuple[str, type[Base], str | None], ...] = (
    ("bookmarks", Bookmark, None),
    ("article_tags", ArticleTag, "tag_id"),
    ("collection_items", CollectionItem, "collection_id"),
)

Snapshot = dict[str, Any]


# ----------------------------------------------------------------------------- results


@dataclass(slots=True)
class CurationChange:
    """What a work function reports back to :func:`curate`.

    Attributes:
        touched: ids of the articles it changed.
        created: ids of articles it created.
        removed: ids of articles it deleted.
        pages: ids of further pages involved (e.g. the page an article moved to).
        moved_user_data: (from article, to article): everything users attached to the first
            goes to the second (done by the engine when the work has not done it).
        value: anything the caller wants back.
    """

    touched: set[int]
    created: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    pages: set[int] = field(default_factory=set)
    moved_user_data: list[tuple[int, int]] = field(default_factory=list)
    value: Any = None


@dataclass(slots=True)
class CurationResult:
    """What one correction (or revert) did.

    Attributes:
        revision_id: the revision stored.
        action: its action.
        summary: its one-line description.
        article_ids: live articles touched (re-indexed).
        created_ids: articles that did not exist before.
        removed_ids: articles that no longer exist.
        reanchored: what happened to the annotations.
        message: a sentence about users' data for the user ('' when nothing to say).
        value: the work function's value.
    """

    revision_id: int
    action: str
    summary: str
    article_ids: list[int] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)
    reanchored: ReanchorReport = field(default_factory=ReanchorReport)
    message: str = ""
    value: Any = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the work's value left out)."""
        return {
            "revision_id": self.revision_id,
            "action": self.action,
            "summary": self.summary,
            "article_ids": list(self.article_ids),
            "created_ids": list(self.created_ids),
            "removed_ids": list(self.removed_ids),
            "reanchored": asdict(self.reanchored),
            "message": self.message,
        }


@dataclass(slots=True)
class RevisionInfo:
    """One revision, for the history list."""

    id: int
    at: str
    actor: str
    action: str
    summary: str
    article_ids: list[int]
    page_ids: list[int]
    reverted_by: int | None
    revert_of: int | None

    @property
    def effective(self) -> bool:
        """Whether the revision's change is in the archive now (not reverted)."""
        return self.reverted_by is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return asdict(self)


@dataclass(slots=True)
class FieldDiff:
    """One field of an article (or a page's metadata) before and after a revision.

    ``label`` is an English key the window translates: ``title``, ``subtitle``, ``kicker``,
    ``authors``, ``credit``, ``captions``, ``body``, ``page``, ``issue``.
    """

    article_id: int | None
    label: str
    before: str
    after: str

    def ops(self) -> list[tuple[str, str, str]]:
        """Character-level differences: (tag, text before, text after).

        ``tag`` is ``equal``, ``delete``, ``insert`` or ``replace`` (difflib's opcodes).
        """
        matcher = difflib.SequenceMatcher(None, self.before, self.after, autojunk=False)
        return [
            (tag, self.before[i1:i2], self.after[j1:j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, with the operations."""
        return {**asdict(self), "ops": [list(op) for op in self.ops()]}


# --------------------------------------------------------------------------- snapshots


def _plain(value: Any) -> Any:
    """A column value as JSON data (dates as ISO text)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _jsonable(value: Any) -> Any:
    """Round-trip through JSON so that comparisons see what the database will store."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=_plain))


def _columns(model: type[Base], names: tuple[str, ...] | None) -> list[Any]:
    table = model.__table__
    return [column for column in table.columns if names is None or column.name in names]


def _rows(
    session: Session, model: type[Base], names: tuple[str, ...] | None, column: Any, ids: set[int]
) -> list[dict[str, Any]]:
    """Rows of a table whose ``column`` is in ``ids``, as JSON data, by id."""
    columns = _columns(model, names)
    found: list[dict[str, Any]] = []
    for chunk in in_batches(sorted(ids)):
        for row in session.execute(select(*columns).where(column.in_(chunk))).mappings():
            found.append({key: _plain(value) for key, value in row.items()})
    found.sort(key=lambda row: row["id"])
    return found


def _values(model: type[Base], row: dict[str, Any]) -> dict[str, Any]:
    """Snapshot data back into column values (ISO text into dates)."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.name not in row:
            continue
        value = row[column.name]
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = dt.date.fromisoformat(value)
        values[column.name] = value
    return values


@dataclass(slots=True)
class _Scope:
    """The ids a snapshot covers."""

    articles: set[int] = field(default_factory=set)
    pages: set[int] = field(default_factory=set)
    issues: set[int] = field(default_factory=set)


def _scope(
    session: Session, article_ids: Iterable[int], page_ids: Iterable[int], issue_ids: Iterable[int]
) -> _Scope:
    """Widen ids to a consistent scope: the pages of the articles and every article on them.

    Ids of rows that do not exist (yet, or any more) stay in: their absence is their state.
    """
    articles = {int(i) for i in article_ids}
    pages = {int(i) for i in page_ids}
    for chunk in in_batches(sorted(articles)):
        pages.update(
            session.scalars(
                select(ArticlePart.page_id).where(ArticlePart.article_id.in_(chunk)).distinct()
            )
        )
    for chunk in in_batches(sorted(pages)):
        articles.update(
            session.scalars(
                select(ArticlePart.article_id).where(ArticlePart.page_id.in_(chunk)).distinct()
            )
        )
    issues = {int(i) for i in issue_ids}
    for model, ids in ((Article, articles), (Page, pages)):
        for chunk in in_batches(sorted(ids)):
            issues.update(
                session.scalars(select(model.issue_id).where(model.id.in_(chunk)).distinct())  # type: ignore[attr-defined]
            )
    return _Scope(articles, pages, issues)


def _existing(session: Session, model: type[Base], ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    for chunk in in_batches(sorted({int(i) for i in ids})):
        found.update(session.scalars(select(model.id).where(model.id.in_(chunk))))  # type: ignore[attr-defined]
    return found


def _snapshot(session: Session, scope: _Scope) -> Snapshot:
    """The rows of a scope as JSON data (see the module's description)."""
    parts = _rows(session, ArticlePart, None, ArticlePart.article_id, scope.articles)
    seen = {row["id"] for row in parts}
    parts.extend(
        row
        for row in _rows(session, ArticlePart, None, ArticlePart.page_id, scope.pages)
        if row["id"] not in seen
    )
    parts.sort(key=lambda row: row["id"])
    part_ids = {row["id"] for row in parts}
    page_ids = scope.pages | {row["page_id"] for row in parts}
    pages = _rows(session, Page, _TABLES[3][2], Page.id, page_ids)
    articles = _rows(session, Article, None, Article.id, scope.articles)
    issue_ids = (
        scope.issues | {row["issue_id"] for row in pages} | {row["issue_id"] for row in articles}
    )
    issues = _rows(session, Issue, None, Issue.id, issue_ids)
    publications = _rows(
        session, Publication, None, Publication.id, {row["publication_id"] for row in issues}
    )
    users: dict[str, Any] = {}
    for key, model, _group in _USER_MODELS:
        users[key] = _rows(session, model, None, model.article_id, scope.articles)  # type: ignore[attr-defined]
    users["annotations"] = {
        str(row_id): article_id
        for chunk in in_batches(sorted(scope.articles))
        for row_id, article_id in session.execute(
            select(Annotation.id, Annotation.article_id).where(Annotation.article_id.in_(chunk))
        )
    }
    return _jsonable(
        {
            "publications": publications,
            "issues": issues,
            "articles": articles,
            "pages": pages,
            "parts": parts,
            "blocks": _rows(session, TextBlock, None, TextBlock.part_id, part_ids),
            "users": users,
        }
    )


def _comparable(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {key: value for key, value in row.items() if key not in _VOLATILE}


def _delta(before: Snapshot, after: Snapshot) -> tuple[Snapshot, Snapshot]:
    """Only the rows that differ between two snapshots (created rows on the after side only)."""
    old: Snapshot = {}
    new: Snapshot = {}
    for name, _model, _names in _TABLES:
        left = {row["id"]: row for row in before.get(name, [])}
        right = {row["id"]: row for row in after.get(name, [])}
        old[name], new[name] = [], []
        for row_id in sorted(set(left) | set(right)):
            if _comparable(left.get(row_id)) == _comparable(right.get(row_id)):
                continue
            if row_id in left:
                old[name].append(left[row_id])
            if row_id in right:
                new[name].append(right[row_id])
    return old, new


def _changed_ids(
    old: Snapshot, new: Snapshot, all_parts: list[dict[str, Any]]
) -> tuple[set[int], set[int], set[int]]:
    """(articles, articles whose text changed, pages) named by the rows of a delta.

    ``all_parts`` maps unchanged parts to their article and page.
    """
    part_rows = {row["id"]: row for row in all_parts}
    for side in (old, new):
        part_rows.update({row["id"]: row for row in side["parts"]})
    texts: set[int] = set()
    pages: set[int] = set()
    for side in (old, new):
        for row in side["parts"]:
            texts.add(row["article_id"])
            pages.add(row["page_id"])
        for row in side["blocks"]:
            part = part_rows.get(row["part_id"])
            if part is not None:
                texts.add(part["article_id"])
                pages.add(part["page_id"])
        pages.update(row["id"] for row in side["pages"])
    articles = set(texts)
    for side in (old, new):
        articles.update(row["id"] for row in side["articles"])
    return articles, texts, pages


# ------------------------------------------------------------------------- article texts


def _article_texts(session: Session, article_ids: Iterable[int]) -> dict[str, dict[str, str]]:
    """The plain text of each field of articles (what the diff view compares), by id."""
    result: dict[str, dict[str, str]] = {}
    for article_id in sorted(set(article_ids)):
        article = session.get(Article, article_id)
        if article is None:
            continue
        parts = sorted(article.parts, key=lambda part: part.part_no)
        labels: list[str] = []
        for part in parts:
            if part.page.label not in labels:
                labels.append(part.page.label)
        result[str(article_id)] = {
            "title": article.title or "",
            "subtitle": article.subtitle or "",
            "kicker": article.kicker or "",
            "authors": "、".join(article.authors or []),
            "credit": article.credit or "",
            "captions": "\n".join(caption for part in parts for caption in part.captions or []),
            "body": "\n\n".join(block.text for part in parts for block in part.blocks),
            "page": ", ".join(labels),
            "issue": _issue_label(article.issue),
        }
    return result


def _issue_label(issue: Issue) -> str:
    pieces = [issue.publication.name, issue.date.isoformat() if issue.date else "—"]
    if issue.number:
        pieces.append(f"({issue.number})")
    return " ".join(pieces)


# ---------------------------------------------------------------------- users' data, mentions


def _manual_mentions(session: Session, part_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Hand-added mentions of parts, as rows by id."""
    found: dict[int, dict[str, Any]] = {}
    for chunk in in_batches(sorted(set(part_ids))):
        for row in session.execute(
            select(*Mention.__table__.columns).where(
                Mention.part_id.in_(chunk), Mention.manual.is_(True)
            )
        ).mappings():
            found[row["id"]] = dict(row)
    return found


def _part_fields(
    session: Session, part_ids: Iterable[int]
) -> dict[int, tuple[int, dict[str, str]]]:
    """(article id, field texts) of parts, as mention offsets count them."""
    result: dict[int, tuple[int, dict[str, str]]] = {}
    for chunk in in_batches(sorted(set(part_ids))):
        rows = session.execute(
            select(
                ArticlePart.id, ArticlePart.article_id, ArticlePart.title, ArticlePart.subtitle
            ).where(ArticlePart.id.in_(chunk))
        ).all()
        bodies: dict[int, list[str]] = {}
        for part_id, text in session.execute(
            select(TextBlock.part_id, TextBlock.text)
            .where(TextBlock.part_id.in_(chunk))
            .order_by(TextBlock.part_id, TextBlock.seq)
        ):
            bodies.setdefault(part_id, []).append(text)
        for part_id, article_id, title, subtitle in rows:
            result[part_id] = (
                article_id,
                {
                    "title": title or "",
                    "subtitle": subtitle or "",
                    "body": BODY_SEPARATOR.join(bodies.get(part_id, [])),
                },
            )
    return result


def _keep_manual_mentions(
    session: Session, held: dict[int, dict[str, Any]], part_ids: set[int]
) -> int:
    """Re-anchor hand-added mentions in the current text; put back those whose part went.

    A mention whose surface is no longer in its part moves to the part (same article first)
    that holds it; one found nowhere keeps offsets -1 (flagged for the user, not dropped).

    Returns:
        How many mentions were left without their surface.
    """
    fields = _part_fields(session, part_ids)
    current = _manual_mentions(session, part_ids)
    lost = 0
    for mention_id, row in sorted(held.items()):
        now = current.get(mention_id)
        surface = row["surface"]
        field_name = row["field"]
        if now is not None:
            own = fields.get(now["part_id"])
            text = own[1].get(field_name, "") if own is not None else ""
            start = now["start"]
            if start >= 0 and text[start : start + len(surface)] == surface:
                continue
            start = nearest_occurrence(text, surface, max(start, 0))
            if start >= 0:
                session.execute(
                    update(Mention)
                    .where(Mention.id == mention_id)
                    .values(start=start, end=start + len(surface))
                )
                continue
        home = _home_of_mention(row, fields)
        values = {**row}
        if home is not None:
            part_id, start = home
            values.update(
                part_id=part_id,
                article_id=fields[part_id][0],
                start=start,
                end=start + len(surface),
            )
        else:
            lost += 1
            values.update(start=-1, end=-1)
            if now is None:  # its part is gone: keep it on a part of its article
                fallback = _fallback_part(row, fields)
                if fallback is None:
                    continue
                values.update(part_id=fallback, article_id=fields[fallback][0])
        if now is None:
            session.execute(insert(Mention).values(**values))
        else:
            session.execute(update(Mention).where(Mention.id == mention_id).values(**values))
    return lost


def _home_of_mention(
    row: dict[str, Any], fields: dict[int, tuple[int, dict[str, str]]]
) -> tuple[int, int] | None:
    surface = row["surface"]
    ordered = sorted(fields, key=lambda part_id: (fields[part_id][0] != row["article_id"], part_id))
    for part_id in ordered:
        text = fields[part_id][1].get(row["field"], "")
        start = nearest_occurrence(text, surface, max(row["start"], 0))
        if start >= 0:
            return part_id, start
    return None


def _fallback_part(
    row: dict[str, Any], fields: dict[int, tuple[int, dict[str, str]]]
) -> int | None:
    same = sorted(
        part_id for part_id, (article, _t) in fields.items() if article == row["article_id"]
    )
    return same[0] if same else None


def _successor(
    old_article: int,
    before: Snapshot,
    moved: dict[int, int],
    live: set[int],
    session: Session,
) -> int | None:
    """The live article that took over a removed article's text (its users' data goes there)."""
    target = moved.get(old_article)
    if target is not None and target in live:
        return target
    old_parts = {row["id"] for row in before["parts"] if row["article_id"] == old_article}
    old_blocks = [row["id"] for row in before["blocks"] if row["part_id"] in old_parts]
    counts: dict[int, int] = {}
    for chunk in in_batches(old_blocks):
        for article_id in session.scalars(
            select(ArticlePart.article_id)
            .join(TextBlock, TextBlock.part_id == ArticlePart.id)
            .where(TextBlock.id.in_(chunk))
        ):
            counts[article_id] = counts.get(article_id, 0) + 1
    for chunk in in_batches(sorted(old_parts)):
        for article_id in session.scalars(
            select(ArticlePart.article_id).where(ArticlePart.id.in_(chunk))
        ):
            counts[article_id] = counts.get(article_id, 0) + 1
    candidates = [
        (count, -article_id) for article_id, count in counts.items() if article_id in live
    ]
    if candidates:
        return -max(candidates)[1]
    return None


def _move_user_row(
    session: Session, model: type[Base], row_id: int, to: int, group: str | None
) -> bool:
    """Point one users' row at an article unless the article has the same fact already."""
    clash = select(model.id).where(model.article_id == to, model.id != row_id)  # type: ignore[attr-defined]
    if group is not None:
        value = session.scalar(select(getattr(model, group)).where(model.id == row_id))  # type: ignore[attr-defined]
        clash = clash.where(getattr(model, group) == value)
    if session.scalar(clash.limit(1)) is not None:
        return False
    session.execute(update(model).where(model.id == row_id).values(article_id=to))  # type: ignore[attr-defined]
    return True


def _rehome_users(
    session: Session,
    before: Snapshot,
    removed: set[int],
    moved: dict[int, int],
    live: set[int],
) -> tuple[int, set[int]]:
    """Give the users' rows of removed articles to the article that took their text.

    Returns:
        (rows moved, articles that received rows).
    """
    count = 0
    receivers: set[int] = set()
    users = before["users"]
    targets = {old: _successor(old, before, moved, live, session) for old in sorted(removed)}
    for key, model, group in _USER_MODELS:
        for row in users[key]:
            to = targets.get(row["article_id"])
            if to is None:
                continue
            current = session.execute(
                select(model.article_id).where(model.id == row["id"])  # type: ignore[attr-defined]
            ).first()
            if current is None or current[0] not in (None, row["article_id"]):
                continue  # deleted as a duplicate, or moved by the work already
            if _move_user_row(session, model, row["id"], to, group):
                count += 1
                receivers.add(to)
    for row_id, article_id in users["annotations"].items():
        to = targets.get(article_id)
        if to is None:
            continue
        result = session.execute(
            update(Annotation)
            .where(
                Annotation.id == int(row_id),
                or_(Annotation.article_id.is_(None), Annotation.article_id == article_id),
            )
            .values(article_id=to)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            count += 1
            receivers.add(to)
    _refresh_contexts(session, receivers)
    return count, receivers


def _refresh_contexts(session: Session, article_ids: set[int]) -> None:
    """Update the stored context (headline, pages …) of users' rows of these articles."""
    if not article_ids:
        return
    refs = article_refs(session, article_ids)
    for model in (Bookmark, ArticleTag, CollectionItem, Annotation):
        for row in session.scalars(select(model).where(model.article_id.in_(sorted(refs)))):  # type: ignore[attr-defined]
            context = {**(row.context or {}), **refs[row.article_id].to_context()}  # type: ignore[attr-defined]
            if context != row.context:  # type: ignore[attr-defined]
                row.context = context  # type: ignore[attr-defined]
    session.flush()


def _restore_users(session: Session, users: dict[str, Any]) -> set[int]:
    """Put users' rows back on the articles a snapshot had them on (never deleting any).

    A row deleted since as a duplicate is inserted again; one whose article or tag or
    collection is gone, or whose article has the same fact already, stays as it is.

    Returns:
        The articles that received rows.
    """
    receivers: set[int] = set()
    for key, model, group in _USER_MODELS:
        for row in users.get(key, []):
            article_id = row["article_id"]
            if article_id is None or session.get(Article, article_id) is None:
                continue
            current = session.execute(
                select(model.id, model.article_id).where(model.id == row["id"])  # type: ignore[attr-defined]
            ).first()
            if current is not None:
                if current[1] != article_id and _move_user_row(
                    session, model, row["id"], article_id, group
                ):
                    receivers.add(article_id)
                continue
            if group is not None:
                owner = Tag if group == "tag_id" else Collection
                if session.get(owner, row[group]) is None:
                    continue
            clash = select(model.id).where(model.article_id == article_id)  # type: ignore[attr-defined]
            if group is not None:
                clash = clash.where(getattr(model, group) == row[group])
            if session.scalar(clash.limit(1)) is None:
                session.execute(insert(model).values(**_values(model, row)))
                receivers.add(article_id)
    for row_id, article_id in users.get("annotations", {}).items():
        if article_id is None or session.get(Article, article_id) is None:
            continue
        result = session.execute(
            update(Annotation)
            .where(
                Annotation.id == int(row_id),
                or_(Annotation.article_id.is_(None), Annotation.article_id != article_id),
            )
            .values(article_id=article_id)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            receivers.add(article_id)
    return receivers


# ----------------------------------------------------------------------------- restore


def restore(session: Session, target: Snapshot, current: Snapshot) -> CurationChange:
    """Make the rows of a delta equal ``target`` (same ids), removing rows created since.

    ``current`` is the delta's other side: the state now for the same rows (its rows that
    ``target`` does not have were created by the change being undone). Articles left without
    parts are deleted; their users' data goes to the article that holds their text.
    Issues and publications created by the change are deleted when empty.

    Args:
        session: an open write session.
        target: the rows to put back (a revision's ``before``, or ``after`` for a redo).
        current: the same rows as they are now.

    Returns:
        What changed, for :func:`curate`.
    """
    rows = {name: {row["id"]: row for row in target.get(name, [])} for name, _m, _n in _TABLES}
    now = {name: {row["id"]: row for row in current.get(name, [])} for name, _m, _n in _TABLES}
    existed = _existing(
        session,
        Article,
        set(rows["articles"])
        | set(now["articles"])
        | {row["article_id"] for side in (rows, now) for row in side["parts"].values()},
    )
    session.flush()
    for name in ("publications", "issues", "articles"):
        model = dict((n, m) for n, m, _c in _TABLES)[name]
        for row in rows[name].values():
            _put(session, model, row)
    # Pages: free the (issue, label) slots first, then set the metadata.
    for page_id in rows["pages"]:
        session.execute(update(Page).where(Page.id == page_id).values(label=f"\x00{page_id}"))
    for row in rows["pages"].values():
        session.execute(update(Page).where(Page.id == row["id"]).values(**_values(Page, row)))
    # Parts and blocks: free the (page, position) and (part, seq) slots, put, then delete.
    part_ids = sorted(set(rows["parts"]) | set(now["parts"]))
    for chunk in in_batches(part_ids):
        session.execute(
            update(ArticlePart).where(ArticlePart.id.in_(chunk)).values(position=-ArticlePart.id)
        )
    for row in rows["parts"].values():
        _put(session, ArticlePart, row)
    block_ids = sorted(set(rows["blocks"]) | set(now["blocks"]))
    for chunk in in_batches(block_ids):
        session.execute(update(TextBlock).where(TextBlock.id.in_(chunk)).values(seq=-TextBlock.id))
    for row in rows["blocks"].values():
        _put(session, TextBlock, row)
    gone_blocks = sorted(set(now["blocks"]) - set(rows["blocks"]))
    for chunk in in_batches(gone_blocks):
        session.execute(delete(TextBlock).where(TextBlock.id.in_(chunk)))
    gone_parts = sorted(set(now["parts"]) - set(rows["parts"]))
    for chunk in in_batches(gone_parts):
        session.execute(delete(ArticlePart).where(ArticlePart.id.in_(chunk)))
    _sync_mentions(session, part_ids)
    session.flush()
    session.expire_all()
    touched = _existing(session, Article, set(rows["articles"]) | set(now["articles"]))
    touched |= _existing(
        session,
        Article,
        {row["article_id"] for side in (rows, now) for row in side["parts"].values()},
    )
    pages = (
        set(rows["pages"])
        | set(now["pages"])
        | {row["page_id"] for side in (rows, now) for row in side["parts"].values()}
    )
    touched |= _restore_users(session, target.get("users", {}))
    _drop_empty(
        session,
        set(now["issues"]) - set(rows["issues"]),
        set(now["publications"]) - set(rows["publications"]),
    )
    session.flush()
    return CurationChange(touched=touched, created=touched - existed, pages=pages)


def _sync_mentions(session: Session, part_ids: Iterable[int]) -> None:
    """Give the mentions of parts their part's article (parts may have changed article)."""
    for chunk in in_batches(sorted(set(part_ids))):
        session.execute(
            update(Mention)
            .where(Mention.part_id.in_(chunk))
            .values(
                article_id=select(ArticlePart.article_id)
                .where(ArticlePart.id == Mention.part_id)
                .scalar_subquery()
            )
        )


def _put(session: Session, model: type[Base], row: dict[str, Any]) -> None:
    """Insert the row with this id, or overwrite the one there (Core: no ORM state)."""
    values = _values(model, row)
    table = model.__table__
    exists = session.scalar(select(table.c.id).where(table.c.id == row["id"]))
    if exists is None:
        session.execute(insert(table).values(**values))
    else:
        session.execute(update(table).where(table.c.id == row["id"]).values(**values))


def _drop_empty(session: Session, issues: Iterable[int], publications: Iterable[int]) -> None:
    """Delete issues (then publications) a change created that nothing uses any more."""
    for issue_id in sorted(set(issues)):
        used = session.scalar(select(Page.id).where(Page.issue_id == issue_id).limit(1))
        used = used or session.scalar(
            select(Article.id).where(Article.issue_id == issue_id).limit(1)
        )
        if used is None:
            session.execute(delete(Issue).where(Issue.id == issue_id))
    for publication_id in sorted(set(publications)):
        used = session.scalar(
            select(Issue.id).where(Issue.publication_id == publication_id).limit(1)
        )
        if used is None:
            session.execute(delete(Publication).where(Publication.id == publication_id))


# ------------------------------------------------------------------------------ curate


@dataclass(slots=True)
class _Applied:
    """What happened inside the transaction, for the result and the search index."""

    revision_id: int
    counter_before: int
    counter_after: int
    live: set[int]
    created: set[int]
    removed: set[int]
    report: ReanchorReport
    message: str
    value: Any
    tokens: dict[int, Any]


def _writable(archive: Archive) -> None:
    if not archive.writable:
        raise InternalError("corrections need the archive opened for writing")


def current_actor() -> str:
    """Who is correcting: the computer's login name (``user`` when it cannot be read)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in this environment
        return "user"
    return name[:100] or "user"


def curate(
    archive: Archive,
    action: str,
    summary: str,
    article_ids: Iterable[int],
    work: Callable[[Session], CurationChange],
    *,
    actor: str | None = None,
    page_ids: Iterable[int] = (),
) -> CurationResult:
    """Run one correction: one transaction, a revision, users' data kept, the index updated.

    Args:
        archive: the archive, opened for writing.
        action: one of :data:`ACTIONS`.
        summary: a one-line description (headline + what).
        article_ids: the articles the correction is about (their pages are in its scope).
        work: makes the change in the session and reports it; it may be run more than once
            (rolled back in between) when it reaches rows outside the scope it was given.
        actor: who made it (default: the computer's user name, see :func:`current_actor`).
        page_ids: further pages in the scope.

    Returns:
        What the correction did.

    Raises:
        InputError: the work refused the change, or it changed nothing.
    """
    return _run(
        archive, action, summary, article_ids, page_ids, work, actor=actor or current_actor()
    )


def _run(
    archive: Archive,
    action: str,
    summary: str,
    article_ids: Iterable[int],
    page_ids: Iterable[int],
    work: Callable[[Session], CurationChange],
    *,
    actor: str,
    revert_of: int | None = None,
    issue_ids: Iterable[int] = (),
) -> CurationResult:
    _writable(archive)
    if action not in ACTIONS:
        raise InternalError(f"unknown curation action {action!r}")
    with archive.db.write() as session:
        applied = _apply(
            session,
            archive,
            action,
            summary,
            set(article_ids),
            set(page_ids),
            set(issue_ids),
            work,
            actor=actor,
            revert_of=revert_of,
        )
    archive.search.apply_changes(
        touched=applied.live,
        removed=applied.removed,
        counter_before=applied.counter_before,
        counter_after=applied.counter_after,
        token_cache=applied.tokens or None,
    )
    return CurationResult(
        revision_id=applied.revision_id,
        action=action,
        summary=summary,
        article_ids=sorted(applied.live),
        created_ids=sorted(applied.created),
        removed_ids=sorted(applied.removed),
        reanchored=applied.report,
        message=applied.message,
        value=applied.value,
    )


def _apply(
    session: Session,
    archive: Archive,
    action: str,
    summary: str,
    articles: set[int],
    pages: set[int],
    issues: set[int],
    work: Callable[[Session], CurationChange],
    *,
    actor: str,
    revert_of: int | None,
) -> _Applied:
    counter_before = read_change_counter(session)
    for _round in range(_MAX_SCOPE_ROUNDS):
        scope = _scope(session, articles, pages, issues)
        before = _snapshot(session, scope)
        held_mentions = _manual_mentions(session, [row["id"] for row in before["parts"]])
        top = {
            name: session.scalar(select(func.max(model.id))) or 0  # type: ignore[attr-defined]
            for name, model in (("articles", Article), ("issues", Issue))
        }
        savepoint = session.begin_nested()
        try:
            change = work(session)
            session.flush()
        except IntegrityError as error:
            savepoint.rollback()
            if revert_of is not None:
                raise _conflict(session, _require_revision(session, revert_of)) from None
            raise InputError(
                f"{summary}: the change conflicts with the archive ({error.orig})"
            ) from None
        except BaseException:
            savepoint.rollback()
            raise
        created = set(change.created) | {
            i for i in _existing(session, Article, change.touched) if i > top["articles"]
        }
        after_scope = _scope(
            session,
            (scope.articles | change.touched | created) - change.removed,
            scope.pages | change.pages,
            scope.issues,
        )
        created |= {i for i in after_scope.articles if i > top["articles"]}
        wider_articles = (after_scope.articles | change.touched | change.removed) - created
        wider_issues = {i for i in after_scope.issues if i <= top["issues"]}
        if (
            wider_articles <= scope.articles
            and after_scope.pages <= scope.pages
            and wider_issues <= scope.issues
        ):
            savepoint.commit()
            break
        savepoint.rollback()
        session.expire_all()
        articles |= wider_articles
        pages |= after_scope.pages
        issues |= wider_issues
    else:
        raise InternalError(f"{action}: the change keeps reaching beyond its scope")

    session.expire_all()
    live_now = _existing(session, Article, after_scope.articles | scope.articles | created)
    removed = (scope.articles - live_now) | (set(change.removed) - live_now)
    moved = {source: target for source, target in change.moved_user_data}
    for source, target in change.moved_user_data:
        if source in live_now and target in live_now:
            move_user_data(session, source, target)
    # Articles the change left without text: their users' data goes with the text.
    empty = {
        article_id
        for article_id in live_now
        if session.scalar(
            select(ArticlePart.id).where(ArticlePart.article_id == article_id).limit(1)
        )
        is None
    }
    live = live_now - empty
    rehomed, receivers = _rehome_users(session, before, removed | empty, moved, live)
    for article_id in sorted(empty):
        if not _holds_users_data(session, article_id):
            session.execute(delete(Article).where(Article.id == article_id))
            removed.add(article_id)
        else:
            live.add(article_id)
    session.flush()
    session.expire_all()

    full_after = _snapshot(
        session, _Scope(live, after_scope.pages | scope.pages, after_scope.issues | scope.issues)
    )
    old, new = _delta(before, full_after)
    if not any(old[name] or new[name] for name, _model, _names in _TABLES):
        raise InputError("nothing to change")
    changed, text_changed, changed_pages = _changed_ids(
        old, new, before["parts"] + full_after["parts"]
    )
    changed |= created | removed
    issues_changed = {row["id"] for side in (old, new) for row in side["issues"]}
    changed_pages |= {
        row["id"]
        for row in before["pages"] + full_after["pages"]
        if row["issue_id"] in issues_changed
    }
    for article_id in sorted((text_changed | created) & live):
        article = session.get(Article, article_id)
        if article is not None:
            refresh_article(article)
    _sync_mentions(session, {row["id"] for row in full_after["parts"]})
    session.flush()
    lost_mentions = _keep_manual_mentions(
        session, held_mentions, {row["id"] for row in full_after["parts"]}
    )
    sync_manual_rules(session, {row["id"] for row in full_after["parts"]})
    session.flush()
    session.expire_all()
    retag = sorted((text_changed | created) & live)
    tokens = retag_in_session(session, archive.segmenter, retag) if retag else {}
    report = reanchor_articles(
        session,
        sorted((changed | receivers) & live),
        candidates=sorted((changed | receivers) & live),
    )
    session.flush()
    session.expire_all()
    # Snapshots stored: the changed rows only, with the plain text of the changed articles.
    final_after = _snapshot(
        session, _Scope(live, after_scope.pages | scope.pages, after_scope.issues | scope.issues)
    )
    old, new = _delta(before, final_after)
    old["users"] = _users_of(before["users"], changed)
    new["users"] = _users_of(final_after["users"], changed)
    old["texts"] = _texts_from(before, changed)
    new["texts"] = _article_texts(session, changed & live)
    revision = Revision(
        actor=actor,
        action=action,
        summary=summary,
        article_ids=sorted(changed),
        page_ids=sorted(changed_pages),
        before=_jsonable(old),
        after=_jsonable(new),
        revert_of_id=revert_of,
    )
    session.add(revision)
    session.flush()
    if revert_of is not None:
        _link_revert(session, revert_of, revision.id)
    _mark_corrected(session, changed_pages | scope.pages | pages)
    session.add(
        AuditEntry(
            actor=actor,
            action=f"curation.{action}",
            subject=summary[:_AUDIT_SUBJECT],
            before={"revision": revision.id, "articles": sorted(changed & scope.articles)},
            after={"revision": revision.id, "articles": sorted(changed & live)},
        )
    )
    counter_after = bump_change_counter(session)
    return _Applied(
        revision_id=revision.id,
        counter_before=counter_before,
        counter_after=counter_after,
        live=changed & live,
        created=created & live,
        removed=removed,
        report=report,
        message=_message(report, rehomed, lost_mentions),
        value=change.value,
        tokens=tokens,
    )


def _texts_from(before: Snapshot, article_ids: set[int]) -> dict[str, Any]:
    """The plain texts of articles as a snapshot holds them (rows of the ``before`` state)."""
    parts_by_article: dict[int, list[dict[str, Any]]] = {}
    for row in before["parts"]:
        parts_by_article.setdefault(row["article_id"], []).append(row)
    blocks_by_part: dict[int, list[dict[str, Any]]] = {}
    for row in before["blocks"]:
        blocks_by_part.setdefault(row["part_id"], []).append(row)
    pages = {row["id"]: row for row in before["pages"]}
    issues = {row["id"]: row for row in before["issues"]}
    publications = {row["id"]: row["name"] for row in before["publications"]}
    result: dict[str, Any] = {}
    for article in before["articles"]:
        if article["id"] not in article_ids:
            continue
        parts = sorted(parts_by_article.get(article["id"], []), key=lambda row: row["part_no"])
        labels: list[str] = []
        for part in parts:
            label = pages.get(part["page_id"], {}).get("label", "")
            if label not in labels:
                labels.append(label)
        issue = issues.get(article["issue_id"])
        issue_text = ""
        if issue is not None:
            pieces = [publications.get(issue["publication_id"], ""), issue["date"] or "—"]
            if issue["number"]:
                pieces.append(f"({issue['number']})")
            issue_text = " ".join(pieces)
        result[str(article["id"])] = {
            "title": article["title"] or "",
            "subtitle": article["subtitle"] or "",
            "kicker": article["kicker"] or "",
            "authors": "、".join(article["authors"] or []),
            "credit": article["credit"] or "",
            "captions": "\n".join(c for part in parts for c in part["captions"] or []),
            "body": "\n\n".join(
                block["text"]
                for part in parts
                for block in sorted(blocks_by_part.get(part["id"], []), key=lambda b: b["seq"])
            ),
            "page": ", ".join(labels),
            "issue": issue_text,
        }
    return result


def _users_of(users: dict[str, Any], article_ids: set[int]) -> dict[str, Any]:
    kept: dict[str, Any] = {
        key: [row for row in users[key] if row["article_id"] in article_ids]
        for key, _model, _group in _USER_MODELS
    }
    kept["annotations"] = {
        row_id: article_id
        for row_id, article_id in users["annotations"].items()
        if article_id in article_ids
    }
    return kept


def _holds_users_data(session: Session, article_id: int) -> bool:
    for model in (Bookmark, ArticleTag, CollectionItem, Annotation):
        if session.scalar(select(model.id).where(model.article_id == article_id).limit(1)):  # type: ignore[attr-defined]
            return True
    return False


def _message(report: ReanchorReport, rehomed: int, lost_mentions: int) -> str:
    pieces: list[str] = []
    if report.moved:
        pieces.append(f"{report.moved} annotation(s) re-anchored")
    if report.orphaned:
        pieces.append(f"{report.orphaned} annotation(s) no longer found (kept, flagged)")
    if rehomed:
        pieces.append(f"{rehomed} bookmark(s), tag(s), note(s) or collection entries moved")
    if lost_mentions:
        pieces.append(f"{lost_mentions} hand-added entity mention(s) not found (kept, flagged)")
    return "; ".join(pieces)


# ------------------------------------------------------------------------------ revert


def _require_revision(session: Session, revision_id: int) -> Revision:
    revision = session.get(Revision, revision_id)
    if revision is None:
        raise NotFoundError(f"No revision with id {revision_id}.")
    return revision


def _describe(revision: Revision) -> str:
    summary = revision.summary or revision.action
    return f"revision {revision.id} ({summary})"


def _current_matches(session: Session, revision: Revision) -> bool:
    """Whether the rows a revision changed still hold its ``after``.

    Its created rows must exist as it left them, its removed rows must not exist.
    """
    after = revision.after or {}
    before = revision.before or {}
    for name, model, names in _TABLES:
        wanted = {row["id"]: row for row in after.get(name, [])}
        ids = set(wanted) | {row["id"] for row in before.get(name, [])}
        now = {
            row["id"]: row
            for row in _jsonable(_rows(session, model, names, model.__table__.c.id, ids))
        }
        for row_id in ids:
            if _comparable(now.get(row_id)) != _comparable(wanted.get(row_id)):
                return False
    return True


def _later_overlapping(session: Session, revision: Revision) -> list[Revision]:
    articles = set(revision.article_ids or [])
    pages = set(revision.page_ids or [])
    later = session.scalars(
        select(Revision).where(Revision.id > revision.id).order_by(Revision.id)
    ).all()
    return [
        other
        for other in later
        if other.reverted_by_id is None
        and (articles & set(other.article_ids or []) or pages & set(other.page_ids or []))
    ]


def _conflict(session: Session, revision: Revision) -> InputError:
    later = _later_overlapping(session, revision)
    if later:
        names = ", ".join(_describe(other) for other in later[:5])
        more = f" and {len(later) - 5} more" if len(later) > 5 else ""
        return InputError(
            f"Cannot revert {_describe(revision)}: its articles were changed since by "
            f"{names}{more}; revert that first."
        )
    return InputError(
        f"Cannot revert {_describe(revision)}: its articles were changed since "
        "(by an import or another change)."
    )


def _revert_summary(revision: Revision) -> str:
    """"revert: …" for a revision, "redo: …" for the revert of a revert."""
    summary = revision.summary or revision.action
    if revision.action == "revert" and summary.startswith(REVERT_PREFIX):
        return REDO_PREFIX + summary[len(REVERT_PREFIX) :]
    if revision.action == "revert" and summary.startswith(REDO_PREFIX):
        return REVERT_PREFIX + summary[len(REDO_PREFIX) :]
    return REVERT_PREFIX + summary


def revert_revision(
    archive: Archive, revision_id: int, *, actor: str | None = None
) -> CurationResult:
    """Undo a revision: put back the rows it changed as they were before it (same ids).

    Reverting a revert re-applies the revision it reverted (redo).

    Args:
        archive: the archive, opened for writing.
        revision_id: the revision to undo.
        actor: who does it (default: the computer's user name).

    Returns:
        What the revert did (its own revision, action ``revert``).

    Raises:
        NotFoundError: no such revision.
        InputError: it was reverted already, or later revisions changed the same rows.
    """
    _writable(archive)
    with archive.db.read() as session:
        revision = _require_revision(session, revision_id)
        summary = _revert_summary(revision)
        articles = set(revision.article_ids or [])
        pages = set(revision.page_ids or [])
        issues = {
            row["id"]
            for side in (revision.before or {}, revision.after or {})
            for row in side.get("issues", [])
        }

    def work(session: Session) -> CurationChange:
        revision = _require_revision(session, revision_id)
        if (revision.before or {}).get("bundle"):
            raise InputError(
                f"{_describe(revision)} came with an imported bundle: it can be shown, "
                "not reverted."
            )
        if revision.reverted_by_id is not None:
            raise InputError(
                f"{_describe(revision)} was already reverted by revision {revision.reverted_by_id}."
            )
        if not _current_matches(session, revision):
            raise _conflict(session, revision)
        return restore(session, revision.before or {}, revision.after or {})

    return _run(
        archive,
        "revert",
        summary[:500],
        articles,
        pages,
        work,
        actor=actor or current_actor(),
        revert_of=revision_id,
        issue_ids=issues,
    )


def _link_revert(session: Session, reverted_id: int, revert_id: int) -> None:
    """Mark a revision reverted; when it was itself a revert, its target is in effect again."""
    reverted = _require_revision(session, reverted_id)
    reverted.reverted_by_id = revert_id
    if reverted.revert_of_id is not None:
        original = session.get(Revision, reverted.revert_of_id)
        if original is not None:
            original.reverted_by_id = None
            if original.revert_of_id is not None:
                earlier = session.get(Revision, original.revert_of_id)
                if earlier is not None:
                    earlier.reverted_by_id = original.id
    session.flush()


def _mark_corrected(session: Session, page_ids: Iterable[int]) -> None:
    """Set ``page.corrected`` from the revisions in effect (a plain revert corrects nothing)."""
    ids = sorted(set(page_ids))
    if not ids:
        return
    effective: set[int] = set()
    for pages, _action in session.execute(
        select(Revision.page_ids, Revision.action).where(
            Revision.reverted_by_id.is_(None), Revision.action != "revert"
        )
    ):
        effective.update(pages or [])
    for chunk in in_batches(ids):
        session.execute(
            update(Page).where(Page.id.in_(chunk)).values(corrected=Page.id.in_(sorted(effective)))
        )


# ---------------------------------------------------------------------- history and diffs


def list_revisions(
    session: Session,
    *,
    article_id: int | None = None,
    page_id: int | None = None,
    issue_id: int | None = None,
    limit: int = 500,
) -> list[RevisionInfo]:
    """Revisions, newest first, optionally those about one article, page or issue.

    Args:
        session: a session.
        article_id: only revisions that changed this article.
        page_id: only revisions that changed this page.
        issue_id: only revisions that changed a page or an article of this issue.
        limit: at most this many.

    Returns:
        The revisions.
    """
    articles: set[int] | None = None
    pages: set[int] | None = None
    if article_id is not None:
        articles = {int(article_id)}
    if page_id is not None:
        pages = {int(page_id)}
    if issue_id is not None:
        articles = (articles or set()) | set(
            session.scalars(select(Article.id).where(Article.issue_id == issue_id))
        )
        pages = (pages or set()) | set(
            session.scalars(select(Page.id).where(Page.issue_id == issue_id))
        )
    query = select(
        Revision.id,
        Revision.at,
        Revision.actor,
        Revision.action,
        Revision.summary,
        Revision.article_ids,
        Revision.page_ids,
        Revision.reverted_by_id,
        Revision.revert_of_id,
    ).order_by(Revision.id.desc())
    found: list[RevisionInfo] = []
    for row in session.execute(query):
        row_articles = set(row.article_ids or [])
        row_pages = set(row.page_ids or [])
        filtered = articles is not None or pages is not None
        if filtered and not ((articles or set()) & row_articles or (pages or set()) & row_pages):
            continue
        found.append(
            RevisionInfo(
                id=row.id,
                at=row.at.isoformat(timespec="seconds") if row.at else "",
                actor=row.actor,
                action=row.action,
                summary=row.summary or "",
                article_ids=sorted(row_articles),
                page_ids=sorted(row_pages),
                reverted_by=row.reverted_by_id,
                revert_of=row.revert_of_id,
            )
        )
        if len(found) >= limit:
            break
    return found


def revision_info(session: Session, revision_id: int) -> RevisionInfo:
    """One revision's description.

    Raises:
        NotFoundError: no such revision.
    """
    revision = _require_revision(session, revision_id)
    return RevisionInfo(
        id=revision.id,
        at=revision.at.isoformat(timespec="seconds") if revision.at else "",
        actor=revision.actor,
        action=revision.action,
        summary=revision.summary or "",
        article_ids=sorted(revision.article_ids or []),
        page_ids=sorted(revision.page_ids or []),
        reverted_by=revision.reverted_by_id,
        revert_of=revision.revert_of_id,
    )


_DIFF_FIELDS = (
    "title",
    "subtitle",
    "kicker",
    "authors",
    "credit",
    "captions",
    "body",
    "page",
    "issue",
)


def revision_diff(session: Session, revision_id: int) -> list[FieldDiff]:
    """What a revision changed, field by field (only fields that differ).

    Args:
        session: a session.
        revision_id: the revision.

    Returns:
        One entry per changed field of each article (in id order), then one per page whose
        publication, date, number or label changed (``article_id`` None, label ``page``).

    Raises:
        NotFoundError: no such revision.
    """
    revision = _require_revision(session, revision_id)
    before = (revision.before or {}).get("texts", {})
    after = (revision.after or {}).get("texts", {})
    diffs: list[FieldDiff] = []
    for key in sorted(set(before) | set(after), key=int):
        old = before.get(key, {})
        new = after.get(key, {})
        for name in _DIFF_FIELDS:
            left, right = old.get(name, ""), new.get(name, "")
            if left != right:
                diffs.append(FieldDiff(int(key), name, left, right))
    old_pages = {row["id"]: row for row in (revision.before or {}).get("pages", [])}
    new_pages = {row["id"]: row for row in (revision.after or {}).get("pages", [])}
    issues = {
        row["id"]: row
        for side in (revision.before or {}, revision.after or {})
        for row in side.get("issues", [])
    }
    publications = {
        row["id"]: row["name"]
        for side in (revision.before or {}, revision.after or {})
        for row in side.get("publications", [])
    }
    for page_id in sorted(set(old_pages) | set(new_pages)):
        left = _page_text(session, old_pages.get(page_id), issues, publications)
        right = _page_text(session, new_pages.get(page_id), issues, publications)
        if left != right:
            diffs.append(FieldDiff(None, "page", left, right))
    return diffs


def _page_text(
    session: Session,
    row: dict[str, Any] | None,
    issues: dict[int, dict[str, Any]],
    publications: dict[int, str],
) -> str:
    if row is None:
        return ""
    issue = issues.get(row["issue_id"])
    if issue is None:
        found = session.get(Issue, row["issue_id"])
        text = _issue_label(found) if found is not None else "?"
    else:
        name = publications.get(issue["publication_id"])
        if name is None:
            name = (
                session.scalar(
                    select(Publication.name).where(Publication.id == issue["publication_id"])
                )
                or "?"
            )
        pieces = [name, issue["date"] or "—"]
        if issue["number"]:
            pieces.append(f"({issue['number']})")
        text = " ".join(pieces)
    return f"{text} {row['label']}"

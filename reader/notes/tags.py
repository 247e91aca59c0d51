"""Hierarchical tags on articles (产业/光伏), with rename, delete and undo.

A tag is a path of levels separated by "/". :func:`normalise_tag_path` makes one spelling of
each path: levels stripped, inner whitespace collapsed to one space, full-width forms folded to
half-width (so ``产业 ／ 光伏`` is ``产业/光伏``); an empty level is refused. Tagging an article
with ``产业/光伏`` also creates the tag ``产业`` (without tagging the article with it), so the
tree is always complete.

In searches ``tag:产业`` finds the articles tagged 产业 or any tag below it (产业/光伏,
产业/光伏/组件); ``tag:产业/光伏`` finds that tag and below; a path is always read from the
root, so ``tag:光伏`` does not find 产业/光伏. Matching ignores case, width and Traditional/
Simplified forms, like every search field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import ArticleTag, Tag
from reader.archive import Archive
from reader.errors import InputError, InternalError, NotFoundError
from reader.notes.common import (
    Done,
    WriteResult,
    live_article_ids,
    put_row,
    require_articles,
    row_dict,
    write,
    write_value,
)
from reader.segment import fold_width

SEPARATOR = "/"
MAX_TAG_LENGTH = 200
MAX_TAG_DEPTH = 10


@dataclass(slots=True)
class TagInfo:
    """A tag of the tree with its counts.

    Attributes:
        id: the tag's id.
        path: the whole path (产业/光伏).
        name: its last level (光伏).
        parent: the parent's path, None at the top.
        depth: 0 at the top.
        count: live articles tagged with exactly this tag.
        total: live articles tagged with it or any tag below it.
        orphaned: links kept whose article is gone.
    """

    id: int
    path: str
    name: str
    parent: str | None
    depth: int
    count: int
    total: int
    orphaned: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the CLI's ``tags --json`` rows)."""
        return asdict(self)


@dataclass(slots=True)
class TagChange:
    """What :func:`tag_articles` (or :func:`create_tag`) did; undo with :func:`undo_tag_articles`.

    Attributes:
        path: the tag.
        tag_id: its id.
        article_ids: the articles newly tagged (those already tagged are not listed).
        created_paths: tags created on the way (the tag and missing parents), deepest last.
        change: the write.
    """

    path: str
    tag_id: int
    article_ids: list[int]
    created_paths: list[str]
    change: WriteResult | None = None


@dataclass(slots=True)
class TagSnapshot:
    """Tag rows and links as they were before a change, to put them back (undo).

    Attributes:
        tags: tag rows (every column).
        links: article_tag rows (every column).
        created_tag_ids: tags the change created, removed again on restore when unused.
    """

    tags: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    created_tag_ids: list[int] = field(default_factory=list)


def normalise_tag_path(text: str) -> str:
    """The one spelling of a tag path (see the module's description).

    Raises:
        InputError: the tag is empty, has an empty level, or is too long or deep.
    """
    value = fold_width(text or "").replace("\\", SEPARATOR)
    if not value.strip():
        raise InputError("the tag is empty")
    levels = [" ".join(level.split()) for level in value.split(SEPARATOR)]
    if any(not level for level in levels):
        raise InputError(f"“{text}” has an empty level (write a path like 产业/光伏)")
    if len(levels) > MAX_TAG_DEPTH:
        raise InputError(f"“{text}” has more than {MAX_TAG_DEPTH} levels")
    path = SEPARATOR.join(levels)
    if len(path) > MAX_TAG_LENGTH:
        raise InputError(f"the tag is longer than {MAX_TAG_LENGTH} characters")
    return path


def ancestors(path: str) -> list[str]:
    """The path and every path above it, top first: 产业/光伏 → [产业, 产业/光伏]."""
    levels = path.split(SEPARATOR)
    return [SEPARATOR.join(levels[: index + 1]) for index in range(len(levels))]


def _in_subtree(path: str, root: str) -> bool:
    return path == root or path.startswith(root + SEPARATOR)


def _ensure(session: Session, path: str) -> tuple[Tag, list[Tag]]:
    """The tag of a path, created with its missing parents; also the rows created."""
    created: list[Tag] = []
    tag: Tag | None = None
    for step in ancestors(path):
        tag = session.scalar(select(Tag).where(Tag.path == step))
        if tag is None:
            tag = Tag(path=step)
            session.add(tag)
            session.flush()
            created.append(tag)
    if tag is None:  # pragma: no cover - a path has at least one level
        raise InternalError(f"no tag for path {path!r}")
    return tag, created


def _tag(session: Session, path: str) -> Tag:
    tag = session.scalar(select(Tag).where(Tag.path == path))
    if tag is None:
        raise NotFoundError(f"No tag {path}.")
    return tag


def list_tags(session: Session) -> list[TagInfo]:
    """Every tag, sorted by path (parents before their children), with article counts."""
    tags = list(session.scalars(select(Tag).order_by(Tag.path)))
    counts: dict[int, int] = dict(
        session.execute(
            select(ArticleTag.tag_id, func.count(ArticleTag.id))
            .where(ArticleTag.article_id.is_not(None))
            .group_by(ArticleTag.tag_id)
        ).all()
    )
    orphans: dict[int, int] = dict(
        session.execute(
            select(ArticleTag.tag_id, func.count(ArticleTag.id))
            .where(ArticleTag.article_id.is_(None))
            .group_by(ArticleTag.tag_id)
        ).all()
    )
    articles: dict[int, set[int]] = defaultdict(set)
    for tag_id, article_id in session.execute(
        select(ArticleTag.tag_id, ArticleTag.article_id).where(ArticleTag.article_id.is_not(None))
    ):
        articles[tag_id].add(article_id)
    by_path = {tag.path: tag for tag in tags}
    below: dict[str, set[int]] = defaultdict(set)
    for tag in tags:
        for step in ancestors(tag.path):
            if step in by_path:
                below[step] |= articles.get(tag.id, set())
    result = []
    for tag in tags:
        levels = tag.path.split(SEPARATOR)
        result.append(
            TagInfo(
                id=tag.id,
                path=tag.path,
                name=levels[-1],
                parent=SEPARATOR.join(levels[:-1]) or None,
                depth=len(levels) - 1,
                count=counts.get(tag.id, 0),
                total=len(below[tag.path]),
                orphaned=orphans.get(tag.id, 0),
            )
        )
    return result


def tags_of_articles(session: Session, article_ids: Iterable[int]) -> dict[int, list[str]]:
    """The tag paths put on each article (exactly as tagged, sorted)."""
    result: dict[int, list[str]] = defaultdict(list)
    for chunk in in_batches(sorted(set(article_ids))):
        for article_id, path in session.execute(
            select(ArticleTag.article_id, Tag.path)
            .join(Tag, Tag.id == ArticleTag.tag_id)
            .where(ArticleTag.article_id.in_(chunk))
            .order_by(Tag.path)
        ):
            result[article_id].append(path)
    return dict(result)


def tags_of_article(session: Session, article_id: int) -> list[str]:
    """The tag paths of one article, sorted."""
    return tags_of_articles(session, [article_id]).get(article_id, [])


def articles_with_tag(session: Session, path: str, *, descendants: bool = True) -> list[int]:
    """The live articles tagged with a tag (and, by default, with any tag below it).

    Raises:
        InputError: the path is malformed.
    """
    root = normalise_tag_path(path)
    tag_ids = [
        tag.id
        for tag in session.scalars(select(Tag))
        if (tag.path == root or (descendants and _in_subtree(tag.path, root)))
    ]
    if not tag_ids:
        return []
    ids = session.scalars(
        select(ArticleTag.article_id)
        .where(ArticleTag.tag_id.in_(tag_ids), ArticleTag.article_id.is_not(None))
        .distinct()
        .order_by(ArticleTag.article_id)
    )
    return list(ids)


def tag_articles(
    archive: Archive, article_ids: Sequence[int], path: str, *, actor: str = "user"
) -> TagChange:
    """Tag articles (undo: :func:`undo_tag_articles`).

    Args:
        archive: the archive, opened for writing.
        article_ids: the articles.
        path: the tag (normalised here; created with its parents if new).
        actor: who did it.

    Returns:
        What was done.

    Raises:
        InputError: malformed tag, or no article given.
        NotFoundError: an article does not exist.
    """
    tag_path = normalise_tag_path(path)
    if not article_ids:
        raise InputError("give at least one article to tag")

    def work(session: Session) -> Done[TagChange]:
        refs = require_articles(session, article_ids)
        tag, created = _ensure(session, tag_path)
        have = set(
            session.scalars(
                select(ArticleTag.article_id).where(
                    ArticleTag.tag_id == tag.id, ArticleTag.article_id.in_(sorted(refs))
                )
            )
        )
        new = [int(i) for i in dict.fromkeys(article_ids) if int(i) not in have]
        for article_id in new:
            session.add(
                ArticleTag(
                    tag_id=tag.id, article_id=article_id, context=refs[article_id].to_context()
                )
            )
        change = TagChange(tag_path, tag.id, new, [row.path for row in created])
        return Done(change, set(new), after={"tag": tag_path, "articles": new})

    change, result = write(archive, "tag.add", tag_path, work, actor=actor)
    change.change = result
    return change


def create_tag(archive: Archive, path: str, *, actor: str = "user") -> TagChange:
    """Create an empty tag (and its missing parents); undo with :func:`undo_tag_articles`.

    Raises:
        InputError: malformed tag.
    """
    tag_path = normalise_tag_path(path)

    def work(session: Session) -> Done[TagChange]:
        tag, created = _ensure(session, tag_path)
        return Done(TagChange(tag_path, tag.id, [], [row.path for row in created]))

    change, result = write(archive, "tag.create", tag_path, work, actor=actor)
    change.change = result
    return change


def _drop_unused(session: Session, paths: Iterable[str]) -> None:
    """Delete these tags, deepest first, when no article and no other tag hangs on them."""
    for path in sorted(paths, key=lambda p: -p.count(SEPARATOR)):
        tag = session.scalar(select(Tag).where(Tag.path == path))
        if tag is None:
            continue
        used = session.scalar(select(ArticleTag.id).where(ArticleTag.tag_id == tag.id).limit(1))
        child = session.scalar(
            select(Tag.id).where(Tag.path.startswith(path + SEPARATOR, autoescape=True)).limit(1)
        )
        if used is None and child is None:
            session.delete(tag)
            session.flush()


def undo_tag_articles(archive: Archive, change: TagChange, *, actor: str = "user") -> None:
    """Undo :func:`tag_articles` / :func:`create_tag`: remove exactly what it added."""

    def work(session: Session) -> Done[None]:
        if change.article_ids:
            session.execute(
                delete(ArticleTag).where(
                    ArticleTag.tag_id == change.tag_id,
                    ArticleTag.article_id.in_(change.article_ids),
                )
            )
        _drop_unused(session, change.created_paths)
        return Done(
            None,
            set(change.article_ids),
            before={"tag": change.path, "articles": change.article_ids},
        )

    write(archive, "tag.undo", change.path, work, actor=actor)


def untag_articles(
    archive: Archive, article_ids: Sequence[int], path: str, *, actor: str = "user"
) -> TagSnapshot:
    """Take a tag off articles (the tag itself stays); undo with :func:`restore_tags`.

    Raises:
        InputError: malformed tag.
        NotFoundError: no such tag.
    """
    tag_path = normalise_tag_path(path)

    def work(session: Session) -> Done[TagSnapshot]:
        tag = _tag(session, tag_path)
        links = list(
            session.scalars(
                select(ArticleTag).where(
                    ArticleTag.tag_id == tag.id,
                    ArticleTag.article_id.in_([int(i) for i in article_ids]),
                )
            )
        )
        snapshot = TagSnapshot(links=[row_dict(link) for link in links])
        touched = {link.article_id for link in links if link.article_id is not None}
        for link in links:
            session.delete(link)
        return Done(snapshot, touched, before={"tag": tag_path, "articles": sorted(touched)})

    return write_value(archive, "tag.remove", tag_path, work, actor=actor)


def _subtree(session: Session, root: str) -> list[Tag]:
    tags = [tag for tag in session.scalars(select(Tag)) if _in_subtree(tag.path, root)]
    if not tags:
        raise NotFoundError(f"No tag {root}.")
    return sorted(tags, key=lambda tag: tag.path.count(SEPARATOR))


def _snapshot(session: Session, tags: list[Tag]) -> TagSnapshot:
    ids = [tag.id for tag in tags]
    links = list(session.scalars(select(ArticleTag).where(ArticleTag.tag_id.in_(ids))))
    return TagSnapshot(
        tags=[row_dict(tag) for tag in tags], links=[row_dict(link) for link in links]
    )


def rename_tag(
    archive: Archive, old_path: str, new_path: str, *, actor: str = "user"
) -> TagSnapshot:
    """Rename or move a tag with everything below it (undo: :func:`restore_tags`).

    A path that exists already absorbs the renamed one (its articles are merged).

    Raises:
        InputError: malformed paths, the same path, or a move below itself.
        NotFoundError: no such tag.
    """
    old = normalise_tag_path(old_path)
    new = normalise_tag_path(new_path)
    if old == new:
        raise InputError(f"the tag is already called {new}")
    if _in_subtree(new, old):
        raise InputError(f"{old} cannot be moved below itself")

    def work(session: Session) -> Done[TagSnapshot]:
        tags = _subtree(session, old)
        snapshot = _snapshot(session, tags)
        touched = {link["article_id"] for link in snapshot.links if link["article_id"]}
        created: list[Tag] = []
        parent = new.rpartition(SEPARATOR)[0]
        if parent:
            _parent, created = _ensure(session, parent)
        for tag in tags:
            target_path = new + tag.path[len(old) :]
            target = session.scalar(select(Tag).where(Tag.path == target_path))
            if target is None:
                tag.path = target_path
                session.flush()
                continue
            _merge_links(session, tag.id, target.id)
            session.delete(tag)
            session.flush()
        snapshot.created_tag_ids = [row.id for row in created]
        return Done(snapshot, touched, before={"tag": old}, after={"tag": new})

    return write_value(archive, "tag.rename", f"{old} → {new}", work, actor=actor)


def delete_tag(archive: Archive, path: str, *, actor: str = "user") -> TagSnapshot:
    """Delete a tag, the tags below it and their links (undo: :func:`restore_tags`).

    Raises:
        InputError: malformed path.
        NotFoundError: no such tag.
    """
    root = normalise_tag_path(path)

    def work(session: Session) -> Done[TagSnapshot]:
        tags = _subtree(session, root)
        snapshot = _snapshot(session, tags)
        touched = {link["article_id"] for link in snapshot.links if link["article_id"]}
        ids = [tag.id for tag in tags]
        session.execute(delete(ArticleTag).where(ArticleTag.tag_id.in_(ids)))
        session.execute(delete(Tag).where(Tag.id.in_(ids)))
        return Done(
            snapshot,
            touched,
            before={"tags": [tag["path"] for tag in snapshot.tags], "links": len(snapshot.links)},
        )

    return write_value(archive, "tag.delete", root, work, actor=actor)


def restore_tags(archive: Archive, snapshot: TagSnapshot, *, actor: str = "user") -> None:
    """Put tag rows and links back exactly as in a snapshot (undo of untag, rename, delete).

    Rows keep their ids; a link whose article has gone meanwhile comes back flagged (no
    article); tags the undone change created are removed when nothing uses them.
    """

    def work(session: Session) -> Done[None]:
        session.expire_all()
        for values in snapshot.tags:  # free the paths first: rows may swap paths
            existing = session.get(Tag, values["id"])
            if existing is not None:
                existing.path = f"\x00restoring {values['id']}"
        session.flush()
        touched: set[int] = set()
        for values in snapshot.tags:
            holder = session.scalar(select(Tag).where(Tag.path == values["path"]))
            if holder is not None and holder.id != values["id"]:
                holder.path = f"\x00replaced {holder.id}"
                session.flush()
            put_row(session, Tag, dict(values))
            if holder is not None and holder.id != values["id"]:
                touched |= _merge_links(session, holder.id, values["id"])
                session.delete(holder)
                session.flush()
        live = live_article_ids(session, [link["article_id"] for link in snapshot.links])
        for values in snapshot.links:
            row = dict(values)
            if row["article_id"] is not None and row["article_id"] not in live:
                row["article_id"] = None
            if row["article_id"] is not None:
                clash = session.scalar(
                    select(ArticleTag).where(
                        ArticleTag.tag_id == row["tag_id"],
                        ArticleTag.article_id == row["article_id"],
                    )
                )
                if clash is not None and clash.id != row["id"]:
                    continue
                touched.add(row["article_id"])
            put_row(session, ArticleTag, row)
        created = [session.get(Tag, tag_id) for tag_id in snapshot.created_tag_ids]
        _drop_unused(session, [tag.path for tag in created if tag is not None])
        return Done(None, touched, after={"tags": [tag["path"] for tag in snapshot.tags]})

    write(
        archive,
        "tag.restore",
        f"{len(snapshot.tags)} tags, {len(snapshot.links)} links",
        work,
        actor=actor,
    )


def _merge_links(session: Session, from_tag: int, to_tag: int) -> set[int]:
    """Move the links of one tag to another, dropping those the target already has.

    Returns:
        The articles whose links moved.
    """
    have = set(session.scalars(select(ArticleTag.article_id).where(ArticleTag.tag_id == to_tag)))
    moved: set[int] = set()
    for link in list(session.scalars(select(ArticleTag).where(ArticleTag.tag_id == from_tag))):
        if link.article_id is not None:
            moved.add(link.article_id)
        if link.article_id is not None and link.article_id in have:
            session.delete(link)
        else:
            link.tag_id = to_tag
    session.flush()
    return moved

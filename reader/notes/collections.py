"""Collections: nested folders of articles (an article may be in many), with undo.

A collection's *path* is the names from the top joined with "/" (课题A/第一章), so a name
may not contain "/"; names are unique among siblings (compared ignoring case, width and
Traditional/Simplified forms, as searches compare them). In searches ``collection:课题A``
(also ``收藏夹:`` and ``专题:``) finds the articles filed in 课题A or any collection below it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Collection, CollectionItem
from reader.archive import Archive
from reader.errors import InputError, NotFoundError
from reader.notes.common import (
    ArticleRef,
    Done,
    article_refs,
    iso,
    live_article_ids,
    put_row,
    ref_of,
    require_articles,
    row_dict,
    write,
    write_value,
)
from reader.search.analyzer import fold
from reader.segment import fold_width

SEPARATOR = "/"
MAX_NAME_LENGTH = 200


@dataclass(slots=True)
class CollectionInfo:
    """A collection with its place in the tree and its counts.

    Attributes:
        id: its id.
        name: its own name.
        parent_id: the enclosing collection, None at the top.
        path: names from the top joined with "/".
        position: order among its siblings.
        depth: 0 at the top.
        count: live articles filed directly in it.
        total: live articles in it or any collection below it.
        orphaned: items kept whose article is gone.
    """

    id: int
    name: str
    parent_id: int | None
    path: str
    position: int
    depth: int = 0
    count: int = 0
    total: int = 0
    orphaned: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return asdict(self)


@dataclass(slots=True)
class CollectionItemInfo:
    """An article filed in a collection; ``orphaned`` when the article is gone."""

    id: int
    collection_id: int
    article_id: int | None
    article: ArticleRef
    position: int
    orphaned: bool
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return asdict(self)


@dataclass(slots=True)
class CollectionSnapshot:
    """Collection rows and items as they were before a change (undo).

    Attributes:
        collections: collection rows, parents before children (every column).
        items: collection_item rows (every column).
    """

    collections: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)


def clean_name(text: str) -> str:
    """A collection name with whitespace collapsed and width folded.

    Raises:
        InputError: empty, too long, or containing "/".
    """
    name = " ".join(fold_width(text or "").split())
    if not name:
        raise InputError("the collection name is empty")
    if SEPARATOR in name:
        raise InputError(f"“{name}”: a collection name may not contain “/”")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(f"the collection name is longer than {MAX_NAME_LENGTH} characters")
    return name


def _all(session: Session) -> list[Collection]:
    return list(session.scalars(select(Collection).order_by(Collection.position, Collection.id)))


def _paths(collections: Sequence[Collection]) -> dict[int, str]:
    by_id = {row.id: row for row in collections}
    paths: dict[int, str] = {}

    def path_of(row: Collection) -> str:
        if row.id in paths:
            return paths[row.id]
        seen = {row.id}
        names = [row.name]
        parent = by_id.get(row.parent_id) if row.parent_id is not None else None
        while parent is not None and parent.id not in seen:
            seen.add(parent.id)
            names.append(parent.name)
            parent = by_id.get(parent.parent_id) if parent.parent_id is not None else None
        paths[row.id] = SEPARATOR.join(reversed(names))
        return paths[row.id]

    for row in collections:
        path_of(row)
    return paths


def _descendants(collections: Sequence[Collection], root: int) -> list[int]:
    """The root and every collection below it, parents first."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for row in collections:
        children[row.parent_id].append(row.id)
    order = [root]
    index = 0
    while index < len(order):
        order.extend(child for child in children.get(order[index], []) if child not in order)
        index += 1
    return order


def _get(session: Session, collection_id: int) -> Collection:
    row = session.get(Collection, collection_id)
    if row is None:
        raise NotFoundError(f"No collection with id {collection_id}.")
    return row


def list_collections(session: Session) -> list[CollectionInfo]:
    """Every collection in tree order (parents before children, siblings by position)."""
    rows = _all(session)
    paths = _paths(rows)
    direct: dict[int, set[int]] = defaultdict(set)
    orphans: dict[int, int] = dict(
        session.execute(
            select(CollectionItem.collection_id, func.count(CollectionItem.id))
            .where(CollectionItem.article_id.is_(None))
            .group_by(CollectionItem.collection_id)
        ).all()
    )
    for collection_id, article_id in session.execute(
        select(CollectionItem.collection_id, CollectionItem.article_id).where(
            CollectionItem.article_id.is_not(None)
        )
    ):
        direct[collection_id].add(article_id)
    result: list[CollectionInfo] = []
    children: dict[int | None, list[Collection]] = defaultdict(list)
    for row in rows:
        children[row.parent_id if row.parent_id in paths else None].append(row)

    def visit(parent: int | None, depth: int) -> set[int]:
        under: set[int] = set()
        for row in children.get(parent, []):
            info = CollectionInfo(
                id=row.id,
                name=row.name,
                parent_id=row.parent_id,
                path=paths[row.id],
                position=row.position,
                depth=depth,
                count=len(direct.get(row.id, ())),
                orphaned=orphans.get(row.id, 0),
            )
            result.append(info)
            below = visit(row.id, depth + 1) | direct.get(row.id, set())
            info.total = len(below)
            under |= below
        return under

    visit(None, 0)
    return result


def resolve_collection(session: Session, name_or_path: str) -> int:
    """The id of a collection named by its path (课题A/第一章) or by a name unique in the archive.

    Raises:
        NotFoundError: no such collection.
        InputError: the name is empty, or several collections have it (give the path).
    """
    text = SEPARATOR.join(" ".join(fold_width(level).split()) for level in name_or_path.split("/"))
    text = text.strip(SEPARATOR)
    if not text:
        raise InputError("give a collection name or path")
    rows = _all(session)
    paths = _paths(rows)
    wanted = fold(text)
    exact = [cid for cid, path in paths.items() if fold(path) == wanted]
    if len(exact) == 1:
        return exact[0]
    named = [row.id for row in rows if fold(row.name) == wanted]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        listed = "; ".join(sorted(paths[cid] for cid in named))
        raise InputError(f"several collections are called {text} ({listed}): give the path")
    raise NotFoundError(f"No collection {text}.")


def _items(session: Session, collection_ids: Sequence[int]) -> list[CollectionItem]:
    items: list[CollectionItem] = []
    for chunk in in_batches(collection_ids):
        items.extend(
            session.scalars(select(CollectionItem).where(CollectionItem.collection_id.in_(chunk)))
        )
    order = {cid: index for index, cid in enumerate(collection_ids)}
    items.sort(key=lambda item: (order[item.collection_id], item.position, item.id))
    return items


def collection_items(
    session: Session, collection_id: int, *, recursive: bool = False
) -> list[CollectionItemInfo]:
    """The items of a collection in order (with ``recursive``, those below it too, parents first).

    Raises:
        NotFoundError: no such collection.
    """
    _get(session, collection_id)
    ids = _descendants(_all(session), collection_id) if recursive else [collection_id]
    items = _items(session, ids)
    live = article_refs(session, [item.article_id for item in items if item.article_id])
    result = []
    for item in items:
        ref = ref_of(item.article_id, item.context, live)
        result.append(
            CollectionItemInfo(
                id=item.id,
                collection_id=item.collection_id,
                article_id=item.article_id,
                article=ref,
                position=item.position,
                orphaned=ref.gone,
                created_at=iso(item.created_at),
            )
        )
    return result


def articles_in_collection(
    session: Session, collection_id: int, *, recursive: bool = True
) -> list[int]:
    """The live articles of a collection (and below it), in order, each once.

    Raises:
        NotFoundError: no such collection.
    """
    items = collection_items(session, collection_id, recursive=recursive)
    return list(dict.fromkeys(item.article_id for item in items if item.article_id is not None))


def collection_paths_of_articles(
    session: Session, article_ids: Iterable[int]
) -> dict[int, list[str]]:
    """The paths of the collections each article is filed in (directly), sorted."""
    ids = sorted(set(article_ids))
    found: dict[int, list[int]] = defaultdict(list)
    for chunk in in_batches(ids):
        for article_id, collection_id in session.execute(
            select(CollectionItem.article_id, CollectionItem.collection_id).where(
                CollectionItem.article_id.in_(chunk)
            )
        ):
            found[article_id].append(collection_id)
    if not found:
        return {}
    paths = _paths(_all(session))
    return {
        article_id: sorted(paths[cid] for cid in cids if cid in paths)
        for article_id, cids in found.items()
    }


def collections_of_article(session: Session, article_id: int) -> list[CollectionInfo]:
    """The collections an article is filed in (directly), by path."""
    cids = set(
        session.scalars(
            select(CollectionItem.collection_id).where(CollectionItem.article_id == article_id)
        )
    )
    return sorted(
        (info for info in list_collections(session) if info.id in cids), key=lambda i: i.path
    )


def _parent_is(parent_id: int | None) -> ColumnElement[bool]:
    if parent_id is None:
        return Collection.parent_id.is_(None)
    return Collection.parent_id == parent_id


def _check_sibling_name(
    session: Session, parent_id: int | None, name: str, exclude: int | None = None
) -> None:
    query = select(Collection).where(_parent_is(parent_id))
    for row in session.scalars(query):
        if row.id != exclude and fold(row.name) == fold(name):
            raise InputError(f"there is already a collection {row.name} here")


def _next_position(session: Session, parent_id: int | None) -> int:
    query = select(func.max(Collection.position)).where(_parent_is(parent_id))
    value = session.scalar(query)
    return 0 if value is None else value + 1


def _info(session: Session, collection_id: int) -> CollectionInfo:
    return next(info for info in list_collections(session) if info.id == collection_id)


def _subtree_articles(session: Session, collection_id: int) -> set[int]:
    ids = _descendants(_all(session), collection_id)
    return {item.article_id for item in _items(session, ids) if item.article_id is not None}


def create_collection(
    archive: Archive, name: str, parent_id: int | None = None, *, actor: str = "user"
) -> CollectionInfo:
    """Create a collection at the end of its parent (undo: :func:`delete_collection`).

    Raises:
        InputError: bad name or a sibling with that name.
        NotFoundError: no such parent.
    """
    clean = clean_name(name)

    def work(session: Session) -> Done[CollectionInfo]:
        if parent_id is not None:
            _get(session, parent_id)
        _check_sibling_name(session, parent_id, clean)
        row = Collection(
            name=clean, parent_id=parent_id, position=_next_position(session, parent_id)
        )
        session.add(row)
        session.flush()
        return Done(_info(session, row.id), after={"collection": row.id, "name": clean})

    return write_value(archive, "collection.create", clean, work, actor=actor)


def rename_collection(
    archive: Archive, collection_id: int, new_name: str, *, actor: str = "user"
) -> str:
    """Rename a collection (undo: rename it back).

    Returns:
        The old name.

    Raises:
        InputError: bad name or a sibling with that name.
        NotFoundError: no such collection.
    """
    clean = clean_name(new_name)

    def work(session: Session) -> Done[str]:
        row = _get(session, collection_id)
        old = row.name
        if old != clean:
            _check_sibling_name(session, row.parent_id, clean, exclude=row.id)
            row.name = clean
        return Done(
            old, _subtree_articles(session, row.id), before={"name": old}, after={"name": clean}
        )

    return write_value(
        archive, "collection.rename", f"collection {collection_id}", work, actor=actor
    )


def move_collection(
    archive: Archive,
    collection_id: int,
    new_parent_id: int | None,
    position: int | None = None,
    *,
    actor: str = "user",
) -> tuple[int | None, int]:
    """Move a collection under another (None: to the top), at a position among its siblings.

    Siblings at or after ``position`` move down by one; ``None`` puts it last.

    Returns:
        The old (parent id, position), to move it back (undo).

    Raises:
        InputError: a move into itself or below itself, or a sibling with its name there.
        NotFoundError: no such collection or parent.
    """

    def work(session: Session) -> Done[tuple[int | None, int]]:
        row = _get(session, collection_id)
        old = (row.parent_id, row.position)
        if new_parent_id is not None:
            _get(session, new_parent_id)
            if new_parent_id in _descendants(_all(session), collection_id):
                raise InputError("a collection cannot be moved into itself or below itself")
        if new_parent_id != row.parent_id:
            _check_sibling_name(session, new_parent_id, row.name, exclude=row.id)
        if position is None:
            last = session.scalar(
                select(func.max(Collection.position)).where(
                    _parent_is(new_parent_id), Collection.id != row.id
                )
            )
            row.parent_id = new_parent_id
            row.position = 0 if last is None else last + 1
        else:
            siblings = session.scalars(
                select(Collection).where(
                    _parent_is(new_parent_id),
                    Collection.id != row.id,
                    Collection.position >= position,
                )
            )
            for sibling in siblings:
                sibling.position += 1
            row.parent_id = new_parent_id
            row.position = max(position, 0)
        return Done(
            old,
            _subtree_articles(session, row.id),
            before={"parent": old[0], "position": old[1]},
            after={"parent": new_parent_id, "position": row.position},
        )

    return write_value(archive, "collection.move", f"collection {collection_id}", work, actor=actor)


def delete_collection(
    archive: Archive, collection_id: int, *, actor: str = "user"
) -> CollectionSnapshot:
    """Delete a collection with the collections below it and their items.

    Undo with :func:`restore_collections` (everything comes back with its ids).

    Raises:
        NotFoundError: no such collection.
    """

    def work(session: Session) -> Done[CollectionSnapshot]:
        _get(session, collection_id)
        ids = _descendants(_all(session), collection_id)
        rows = {
            row.id: row for row in session.scalars(select(Collection).where(Collection.id.in_(ids)))
        }
        items = _items(session, ids)
        snapshot = CollectionSnapshot(
            collections=[row_dict(rows[cid]) for cid in ids],
            items=[row_dict(item) for item in items],
        )
        touched = {item.article_id for item in items if item.article_id is not None}
        session.execute(delete(CollectionItem).where(CollectionItem.collection_id.in_(ids)))
        for cid in reversed(ids):
            session.execute(delete(Collection).where(Collection.id == cid))
        session.expire_all()
        return Done(
            snapshot,
            touched,
            before={
                "collections": [row["name"] for row in snapshot.collections],
                "items": len(items),
            },
        )

    return write_value(
        archive, "collection.delete", f"collection {collection_id}", work, actor=actor
    )


def add_to_collection(
    archive: Archive, collection_id: int, article_ids: Sequence[int], *, actor: str = "user"
) -> list[int]:
    """File articles at the end of a collection (undo: :func:`remove_from_collection`).

    Returns:
        The articles newly filed (those already in it are left where they are).

    Raises:
        NotFoundError: no such collection or article.
    """

    def work(session: Session) -> Done[list[int]]:
        _get(session, collection_id)
        refs = require_articles(session, article_ids)
        have = set(
            session.scalars(
                select(CollectionItem.article_id).where(
                    CollectionItem.collection_id == collection_id
                )
            )
        )
        position = session.scalar(
            select(func.max(CollectionItem.position)).where(
                CollectionItem.collection_id == collection_id
            )
        )
        position = -1 if position is None else position
        new: list[int] = []
        for article_id in dict.fromkeys(int(i) for i in article_ids):
            if article_id in have:
                continue
            position += 1
            session.add(
                CollectionItem(
                    collection_id=collection_id,
                    article_id=article_id,
                    position=position,
                    context=refs[article_id].to_context(),
                )
            )
            new.append(article_id)
        return Done(new, set(new), after={"collection": collection_id, "articles": new})

    return write_value(archive, "collection.add", f"collection {collection_id}", work, actor=actor)


def _remove_items(session: Session, items: list[CollectionItem]) -> Done[CollectionSnapshot]:
    snapshot = CollectionSnapshot(items=[row_dict(item) for item in items])
    touched = {item.article_id for item in items if item.article_id is not None}
    for item in items:
        session.delete(item)
    return Done(snapshot, touched, before={"items": [item["id"] for item in snapshot.items]})


def remove_from_collection(
    archive: Archive, collection_id: int, article_ids: Sequence[int], *, actor: str = "user"
) -> CollectionSnapshot:
    """Take articles out of a collection (undo: :func:`restore_collections`).

    Raises:
        NotFoundError: no such collection.
    """

    def work(session: Session) -> Done[CollectionSnapshot]:
        _get(session, collection_id)
        items = list(
            session.scalars(
                select(CollectionItem).where(
                    CollectionItem.collection_id == collection_id,
                    CollectionItem.article_id.in_([int(i) for i in article_ids]),
                )
            )
        )
        return _remove_items(session, items)

    return write_value(
        archive, "collection.remove", f"collection {collection_id}", work, actor=actor
    )


def remove_collection_items(
    archive: Archive, item_ids: Sequence[int], *, actor: str = "user"
) -> CollectionSnapshot:
    """Remove items by id (also those whose article is gone); undo: :func:`restore_collections`."""

    def work(session: Session) -> Done[CollectionSnapshot]:
        items = list(
            session.scalars(
                select(CollectionItem).where(CollectionItem.id.in_([int(i) for i in item_ids]))
            )
        )
        return _remove_items(session, items)

    return write_value(archive, "collection.remove", f"{len(item_ids)} items", work, actor=actor)


def restore_collections(
    archive: Archive, snapshot: CollectionSnapshot, *, actor: str = "user"
) -> None:
    """Put collections and items back exactly as in a snapshot (same ids, order, dates).

    An item whose article has gone meanwhile comes back flagged (no article); an item whose
    article was filed there again meanwhile is not doubled.
    """

    def work(session: Session) -> Done[None]:
        for values in snapshot.collections:
            put_row(session, Collection, dict(values))
        live = live_article_ids(session, [item["article_id"] for item in snapshot.items])
        touched: set[int] = set()
        for values in snapshot.items:
            row = dict(values)
            if row["article_id"] is not None and row["article_id"] not in live:
                row["article_id"] = None
            if row["article_id"] is not None:
                clash = session.scalar(
                    select(CollectionItem.id).where(
                        CollectionItem.collection_id == row["collection_id"],
                        CollectionItem.article_id == row["article_id"],
                    )
                )
                if clash is not None and clash != row["id"]:
                    continue
                touched.add(row["article_id"])
            put_row(session, CollectionItem, row)
        if snapshot.collections:
            for cid in (values["id"] for values in snapshot.collections):
                touched |= _subtree_articles(session, cid)
        return Done(
            None,
            touched,
            after={
                "collections": [values["id"] for values in snapshot.collections],
                "items": [values["id"] for values in snapshot.items],
            },
        )

    write(archive, "collection.restore", "collections", work, actor=actor)

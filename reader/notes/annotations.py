"""Annotations: highlights of passages (a few colours) with optional notes, and article notes.

Offsets are into one field of the article's reading text (see :mod:`reader.notes.anchors`);
the quote and its context are stored too, so :mod:`reader.notes.relink` can re-anchor the
annotation after a re-import or a text change. An annotation that cannot be re-anchored is
kept with status ``orphaned`` (and, when its article is gone, no article): listed and
exported, never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Annotation, utcnow
from reader.archive import Archive
from reader.errors import InputError, NotFoundError
from reader.library import get_article
from reader.notes.anchors import (
    FIELDS,
    ORPHANED,
    STATUSES,
    article_texts,
    find_quote,
    make_anchor,
)
from reader.notes.common import (
    COLORS,
    ArticleRef,
    Done,
    article_refs,
    iso,
    live_article_ids,
    put_row,
    ref_of,
    require_article,
    row_dict,
    write_value,
)
from reader.search.analyzer import fold

MAX_NOTE_LENGTH = 20_000
_FIELD_ORDER = {name: index for index, name in enumerate(FIELDS)}


@dataclass(slots=True)
class AnnotationInfo:
    """An annotation as the window and the CLI show it.

    Attributes:
        id: its id.
        article_id: its article, None when the article is gone.
        field: title, subtitle, body, or article (a note on the whole article).
        start, end: offsets of the passage in the field's text.
        quote: the passage; prefix/suffix: the text around it when it was last anchored.
        color: highlight colour (one of :data:`reader.notes.common.COLORS`).
        note: the user's note (may be empty).
        status: anchored, moved (re-anchored elsewhere) or orphaned (passage not found).
        article: the article it belongs (or belonged) to.
        created_at, updated_at: ISO timestamps.
    """

    id: int
    article_id: int | None
    field: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    color: str
    note: str
    status: str
    article: ArticleRef
    created_at: str
    updated_at: str

    @property
    def orphaned(self) -> bool:
        """Whether the passage could not be found again (or its article is gone)."""
        return self.status == ORPHANED or self.article_id is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the CLI's ``annotations --json`` rows)."""
        data = asdict(self)
        data["orphaned"] = self.orphaned
        return data


@dataclass(slots=True)
class AnnotationSnapshot:
    """An annotation row as it was (every column), to put it back (undo)."""

    row: dict[str, Any]


def _info(row: Annotation, live: dict[int, ArticleRef]) -> AnnotationInfo:
    return AnnotationInfo(
        id=row.id,
        article_id=row.article_id,
        field=row.field,
        start=row.start,
        end=row.end,
        quote=row.quote,
        prefix=row.prefix,
        suffix=row.suffix,
        color=row.color,
        note=row.note,
        status=row.status,
        article=ref_of(row.article_id, row.context, live),
        created_at=iso(row.created_at),
        updated_at=iso(row.updated_at),
    )


def _check_color(color: str) -> str:
    value = (color or "").strip().lower()
    if value not in COLORS:
        raise InputError(f"unknown colour {color!r}: use one of {', '.join(COLORS)}")
    return value


def _check_note(note: str) -> str:
    text = (note or "").replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_NOTE_LENGTH:
        raise InputError(f"the note is longer than {MAX_NOTE_LENGTH} characters")
    return text


def create_annotation(
    archive: Archive,
    article_id: int,
    *,
    field: str = "body",
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    occurrence: int = 0,
    note: str = "",
    color: str = "yellow",
    actor: str = "user",
) -> AnnotationInfo:
    """Highlight a passage (by offsets or by its text), or note the whole article.

    Undo with :func:`delete_annotation`.

    Args:
        archive: the archive, opened for writing.
        article_id: the article.
        field: title, subtitle, body, or ``article`` for a note on the whole article.
        start: first character of the passage in the field (with ``end``).
        end: one past its last character.
        quote: the passage's text, looked for in the field (instead of offsets).
        occurrence: which occurrence of ``quote`` (0 = the first).
        note: the note.
        color: the highlight colour.
        actor: who did it.

    Returns:
        The new annotation.

    Raises:
        InputError: bad field/colour/range, quote not found, or an article note without text.
        NotFoundError: no such article.
    """
    if field not in FIELDS:
        raise InputError(f"unknown field {field!r}: use one of {', '.join(FIELDS)}")
    shade = _check_color(color)
    text_note = _check_note(note)
    if field == "article" and not text_note.strip():
        raise InputError("a note on the whole article needs some text")
    if field != "article" and quote is None and (start is None or end is None):
        raise InputError("give the passage: its text (quote) or its start and end offsets")

    def work(session: Session) -> Done[AnnotationInfo]:
        ref = require_article(session, article_id)
        row = Annotation(
            article_id=article_id, color=shade, note=text_note, context=ref.to_context()
        )
        if field == "article":
            row.field, row.start, row.end = "article", 0, 0
        else:
            texts = article_texts(get_article(session, article_id))
            if quote is not None:
                anchor = find_quote(texts[field], field, quote, occurrence)
            else:
                anchor = make_anchor(texts[field], field, int(start or 0), int(end or 0))
            row.field, row.start, row.end = anchor.field, anchor.start, anchor.end
            row.quote, row.prefix, row.suffix = anchor.quote, anchor.prefix, anchor.suffix
        row.status = "anchored"
        session.add(row)
        session.flush()
        info = _info(row, {article_id: ref})
        return Done(
            info,
            {article_id},
            after={"annotation": row.id, "article": article_id, "quote": row.quote[:100]},
        )

    return write_value(archive, "annotation.add", f"article {article_id}", work, actor=actor)


def _row(session: Session, annotation_id: int) -> Annotation:
    row = session.get(Annotation, annotation_id)
    if row is None:
        raise NotFoundError(f"No annotation with id {annotation_id}.")
    return row


def get_annotation(session: Session, annotation_id: int) -> AnnotationInfo:
    """One annotation.

    Raises:
        NotFoundError: no such annotation.
    """
    row = _row(session, annotation_id)
    live = article_refs(session, [row.article_id] if row.article_id is not None else [])
    return _info(row, live)


def update_annotation(
    archive: Archive,
    annotation_id: int,
    *,
    note: str | None = None,
    color: str | None = None,
    actor: str = "user",
) -> AnnotationSnapshot:
    """Change an annotation's note and/or colour (undo: :func:`restore_annotation`).

    Returns:
        The annotation as it was before.

    Raises:
        InputError: bad colour or too long a note.
        NotFoundError: no such annotation.
    """
    shade = _check_color(color) if color is not None else None
    text_note = _check_note(note) if note is not None else None

    def work(session: Session) -> Done[AnnotationSnapshot]:
        row = _row(session, annotation_id)
        snapshot = AnnotationSnapshot(row_dict(row))
        if row.field == "article" and text_note is not None and not text_note.strip():
            raise InputError("a note on the whole article needs some text (delete it instead)")
        if shade is not None:
            row.color = shade
        if text_note is not None:
            row.note = text_note
        row.updated_at = utcnow()
        touched = {row.article_id} if row.article_id is not None else set()
        return Done(
            snapshot,
            touched,
            before={"note": snapshot.row["note"][:200], "color": snapshot.row["color"]},
            after={"note": row.note[:200], "color": row.color},
        )

    return write_value(archive, "annotation.edit", f"annotation {annotation_id}", work, actor=actor)


def delete_annotation(
    archive: Archive, annotation_id: int, *, actor: str = "user"
) -> AnnotationSnapshot:
    """Delete an annotation (undo: :func:`restore_annotation`).

    Raises:
        NotFoundError: no such annotation.
    """

    def work(session: Session) -> Done[AnnotationSnapshot]:
        row = _row(session, annotation_id)
        snapshot = AnnotationSnapshot(row_dict(row))
        touched = {row.article_id} if row.article_id is not None else set()
        session.delete(row)
        return Done(
            snapshot,
            touched,
            before={"quote": row.quote[:100], "note": row.note[:200], "article": row.article_id},
        )

    return write_value(
        archive, "annotation.delete", f"annotation {annotation_id}", work, actor=actor
    )


def restore_annotation(
    archive: Archive, snapshot: AnnotationSnapshot, *, actor: str = "user"
) -> AnnotationInfo:
    """Put an annotation back exactly as in a snapshot (same id; re-inserted if deleted).

    If its article has gone meanwhile it comes back orphaned, its context kept.
    """

    def work(session: Session) -> Done[AnnotationInfo]:
        values = dict(snapshot.row)
        article_id = values.get("article_id")
        if article_id is not None and not live_article_ids(session, [article_id]):
            values["article_id"] = None
            values["status"] = ORPHANED
        old = session.get(Annotation, values["id"])
        touched = {article_id} if article_id is not None else set()
        if old is not None and old.article_id is not None:
            touched.add(old.article_id)
        put_row(session, Annotation, values)
        row = _row(session, values["id"])
        live = article_refs(session, [row.article_id] if row.article_id is not None else [])
        return Done(_info(row, live), touched, after={"annotation": row.id})

    return write_value(
        archive, "annotation.restore", f"annotation {snapshot.row['id']}", work, actor=actor
    )


def list_annotations(
    session: Session,
    *,
    article_id: int | None = None,
    article_ids: Iterable[int] | None = None,
    status: str | None = None,
    orphaned: bool | None = None,
    color: str | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[AnnotationInfo]:
    """Annotations, filtered.

    Args:
        session: a read session.
        article_id: only this article's, in reading order (field, then offset).
        article_ids: only these articles' (in reading order per article).
        status: only this status (anchored, moved, orphaned).
        orphaned: True: only those flagged (orphaned or article gone); False: the others.
        color: only this colour.
        text: only those whose quote or note contains it (case, width and Traditional/
            Simplified forms ignored).
        limit: at most this many.

    Returns:
        The annotations; without an article filter, newest first.

    Raises:
        InputError: unknown status or colour.
    """
    query = select(Annotation)
    ordered_by_article = article_id is not None or article_ids is not None
    if article_id is not None:
        query = query.where(Annotation.article_id == article_id)
    if status is not None:
        if status not in STATUSES:
            raise InputError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        query = query.where(Annotation.status == status)
    if color is not None:
        query = query.where(Annotation.color == _check_color(color))
    if orphaned is True:
        query = query.where((Annotation.status == ORPHANED) | Annotation.article_id.is_(None))
    elif orphaned is False:
        query = query.where(Annotation.status != ORPHANED, Annotation.article_id.is_not(None))
    rows: list[Annotation] = []
    if article_ids is not None:
        for chunk in in_batches(sorted(set(article_ids))):
            rows.extend(session.scalars(query.where(Annotation.article_id.in_(chunk))))
    else:
        rows = list(session.scalars(query))
    if text:
        wanted = fold(text).strip()
        rows = [row for row in rows if wanted in fold(row.quote) or wanted in fold(row.note)]
    if ordered_by_article:
        rows.sort(
            key=lambda r: (r.article_id or 0, _FIELD_ORDER.get(r.field, 9), r.start, r.end, r.id)
        )
    else:
        rows.sort(key=lambda r: (r.created_at or dt.datetime.min, r.id), reverse=True)
    if limit is not None:
        rows = rows[: max(limit, 0)]
    live = article_refs(session, [row.article_id for row in rows if row.article_id is not None])
    return [_info(row, live) for row in rows]


def annotation_counts(session: Session, article_ids: Iterable[int]) -> dict[int, int]:
    """How many annotations each article has (articles without any are left out)."""
    result: dict[int, int] = {}
    for chunk in in_batches(sorted(set(article_ids))):
        result.update(
            session.execute(
                select(Annotation.article_id, func.count(Annotation.id))
                .where(Annotation.article_id.in_(chunk))
                .group_by(Annotation.article_id)
            ).all()
        )
    return result

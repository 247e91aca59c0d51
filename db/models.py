"""SQLAlchemy models of the archive: publications, issues, pages and logical articles."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time in UTC, without tzinfo (SQLite stores naive datetimes)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base with a naming convention that Alembic can rely on."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class ArchiveMeta(Base):
    """Key/value facts about the archive, such as its change counter."""

    __tablename__ = "archive_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Publication(Base):
    """A newspaper or periodical."""

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    issues: Mapped[list[Issue]] = relationship(back_populates="publication")


class Issue(Base):
    """One issue of a publication: a date and an optional number.

    An issue with ``unsorted`` set collects pages whose date could not be found; the
    user files them later.
    """

    __tablename__ = "issue"
    __table_args__ = (Index("ix_issue_publication_date", "publication_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id", ondelete="CASCADE"))
    date: Mapped[dt.date | None] = mapped_column(Date)
    number: Mapped[str | None] = mapped_column(String(50))
    unsorted: Mapped[bool] = mapped_column(Boolean, default=False)

    publication: Mapped[Publication] = relationship(back_populates="issues")
    pages: Mapped[list[Page]] = relationship(back_populates="issue")


class Page(Base):
    """One printed page, as imported from one source file."""

    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("issue_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(50))
    source_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    encoding: Mapped[str] = mapped_column(String(40))
    encoding_confidence: Mapped[float] = mapped_column(Float, default=1.0)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # The page's text and original bytes are large and rarely needed: loaded on access only.
    text: Mapped[str] = mapped_column(Text, deferred=True)
    source_bytes: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    furniture: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: What the page was imported from: text, html, alto, pdf.
    source_format: Mapped[str] = mapped_column(String(20), default="text", server_default="text")
    #: The page's key as imported, once the user corrected it: publication, date, number, label.
    original: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    #: Some effective revision changed this page's articles or metadata (a re-import keeps it).
    corrected: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    issue: Mapped[Issue] = relationship(back_populates="pages")
    parts: Mapped[list[ArticlePart]] = relationship(
        back_populates="page", order_by="ArticlePart.position"
    )


class Article(Base):
    """A logical article: one or more parts, possibly on several pages (下转/上接).

    The display fields are those of its first part; ``continues_to`` is the last part's
    and ``continued_from`` the first part's unresolved continuation label.
    """

    __tablename__ = "article"
    __table_args__ = (Index("ix_article_issue", "issue_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text, default="")
    subtitle: Mapped[str | None] = mapped_column(Text)
    kicker: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    credit: Mapped[str | None] = mapped_column(Text)
    continues_to: Mapped[str | None] = mapped_column(String(50))
    continued_from: Mapped[str | None] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    issue: Mapped[Issue] = relationship()
    parts: Mapped[list[ArticlePart]] = relationship(
        back_populates="article", order_by="ArticlePart.part_no"
    )


class ArticlePart(Base):
    """The part of an article printed on one page, with everything parsed from it."""

    __tablename__ = "article_part"
    __table_args__ = (UniqueConstraint("page_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    part_no: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text, default="")
    subtitle: Mapped[str | None] = mapped_column(Text)
    kicker: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    credit: Mapped[str | None] = mapped_column(Text)
    continues_to: Mapped[str | None] = mapped_column(String(50))
    continued_from: Mapped[str | None] = mapped_column(String(50))
    captions: Mapped[list[str]] = mapped_column(JSON, default=list)
    consumed: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The machine's values of the fields the user edited (only those keys); None = as imported.
    original: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))

    article: Mapped[Article] = relationship(back_populates="parts")
    page: Mapped[Page] = relationship(back_populates="parts")
    blocks: Mapped[list[TextBlock]] = relationship(
        back_populates="part", order_by="TextBlock.seq", cascade="all, delete-orphan"
    )


class TextBlock(Base):
    """A paragraph or section heading of an article part, in reading order."""

    __tablename__ = "text_block"
    __table_args__ = (UniqueConstraint("part_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("article_part.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    #: The machine's text of this paragraph when the user edited it (None = as imported).
    original: Mapped[str | None] = mapped_column(Text)

    part: Mapped[ArticlePart] = relationship(back_populates="blocks")


class Entity(Base):
    """A person, place or organization known to the archive, under its canonical name."""

    __tablename__ = "entity"
    __table_args__ = (UniqueConstraint("name", "type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))

    mentions: Mapped[list[Mention]] = relationship(back_populates="entity")


class Mention(Base):
    """One occurrence of an entity in a field of an article part, with character offsets.

    Offsets are relative to the part's own field text (its title, subtitle, or its blocks
    joined with newlines), so joining parts into one article never invalidates them.
    A mention added by hand has ``manual`` set and ``rule_id`` naming its ``add`` rule; when a
    re-imported text no longer holds its surface, its offsets are -1 (kept, flagged).
    """

    __tablename__ = "mention"
    __table_args__ = (
        Index("ix_mention_entity", "entity_id", "article_id"),
        Index("ix_mention_article", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    part_id: Mapped[int] = mapped_column(
        ForeignKey("article_part.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(String(200))
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("entity_rule.id", ondelete="SET NULL"))

    entity: Mapped[Entity] = relationship(back_populates="mentions")


class EntityRule(Base):
    """A user's correction of entity tagging, applied at every (re-)tagging.

    ``action`` is one of never (this string is never tagged as ``type``), retype, alias
    (``name`` is another name of ``target``), rename, merge (the entity ``name`` is the
    entity ``target``), split (``payload["articles"]``), force, add (a mention by hand,
    anchored by ``payload``). Undone rules stay stored with ``active`` false.
    """

    __tablename__ = "entity_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str | None] = mapped_column(String(20))
    target: Mapped[str | None] = mapped_column(String(200))
    target_type: Mapped[str | None] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEntry(Base):
    """What was changed by whom and when, with the state before and after."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100), default="user")
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("entity_rule.id", ondelete="SET NULL"))


class Revision(Base):
    """One correction of the archive's text or structure, with the state before and after.

    ``before`` and ``after`` are snapshots of the rows the correction covered (see
    :mod:`reader.curation.history`); reverting restores ``before``. Revisions are never
    deleted: a revert is a revision too (``revert_of_id``), and the reverted one points at
    it (``reverted_by_id``).
    """

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100), default="user")
    action: Mapped[str] = mapped_column(String(50))
    summary: Mapped[str] = mapped_column(Text, default="")
    article_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    page_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reverted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", ondelete="SET NULL")
    )
    revert_of_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id", ondelete="SET NULL"))


class PageImage(Base):
    """A scan of a page, stored beside its text so the reader can show both."""

    __tablename__ = "page_image"
    __table_args__ = (UniqueConstraint("page_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(500))
    media_type: Mapped[str] = mapped_column(String(50))
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


# Users' own data. Each row that points at an article keeps a ``context`` (publication,
# date, pages and headline of the article when the row was made) and its link is set to
# NULL, never cascaded away, when the article disappears: the row is then flagged for
# the user instead of being lost.


class Bookmark(Base):
    """An article the user starred."""

    __tablename__ = "bookmark"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL"), unique=True
    )
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Annotation(Base):
    """A highlight of a passage (or a note on a whole article), with an optional note.

    Anchored three ways so it survives a re-parse, a text correction or a re-import: the
    character offsets in ``field`` of the article's reading text, the quoted text itself
    and a little context on each side. ``status`` is ``anchored``, ``moved`` (re-anchored
    elsewhere by its quote) or ``orphaned`` (the quote is gone: shown to the user, kept).
    """

    __tablename__ = "annotation"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL"), index=True
    )
    field: Mapped[str] = mapped_column(String(20), default="body")
    start: Mapped[int] = mapped_column(Integer, default=0)
    end: Mapped[int] = mapped_column(Integer, default=0)
    quote: Mapped[str] = mapped_column(Text, default="")
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(20), default="yellow")
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="anchored")
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Tag(Base):
    """A user's tag; ``path`` is hierarchical with ``/`` between levels (产业/光伏)."""

    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(500), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ArticleTag(Base):
    """A tag put on an article."""

    __tablename__ = "article_tag"
    __table_args__ = (UniqueConstraint("tag_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL"), index=True
    )
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Collection(Base):
    """A folder of articles; folders nest, and an article may be in many."""

    __tablename__ = "collection"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CollectionItem(Base):
    """An article filed in a collection."""

    __tablename__ = "collection_item"
    __table_args__ = (UniqueConstraint("collection_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collection.id", ondelete="CASCADE"))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SavedSearch(Base):
    """A query the user saved under a name."""

    __tablename__ = "saved_search"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

"""Corrections in a portable bundle: the user's version of every corrected page, and the history.

A bundle re-imports the original page files; this module carries what the user made of
them. :func:`export_curation` records, for every corrected page, its key as imported
(``page.original``) and each of its parts with its fields, paragraphs and the machine's
original text, linked to its article by the article's stable key (see :mod:`reader.bundle`).
:func:`import_curation` replaces the re-imported machine parts of those pages by the
recorded ones (before users' rows are re-linked, so their article keys match).

Revisions travel as history: their summaries and diffs can be read, but their row
snapshots name ids of the exporting archive, so they cannot be reverted after the move.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.models import Article, ArticlePart, Page, Revision, TextBlock, utcnow
from reader.archive import Archive, bump_change_counter
from reader.bundle import _key_dict, _key_of, _page_by_key, article_keys
from reader.store import refresh_article

#: The bundle member holding the corrections.
CURATION_MEMBER = "curation.json"
CURATION_VERSION = 1
#: Part columns not carried (ids are the archive's own).
_PART_SKIP = {"id", "article_id", "page_id"}
#: Marks a revision brought by a bundle (shown, never reverted).
BUNDLE_MARK = "bundle"


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_curation(session: Session) -> dict[str, Any]:
    """The corrections of an archive as JSON data (see the module's description)."""
    keys = article_keys(session)
    pages: list[dict[str, Any]] = []
    for page in session.scalars(select(Page).where(Page.corrected.is_(True)).order_by(Page.id)):
        issue = page.issue
        parts: list[dict[str, Any]] = []
        for part in sorted(page.parts, key=lambda item: item.position):
            found = keys.get(part.article_id)
            parts.append(
                {
                    "article": _key_dict(*found) if found else None,
                    "fields": {
                        column.key: _plain(getattr(part, column.key))
                        for column in ArticlePart.__table__.columns
                        if column.key not in _PART_SKIP
                    },
                    "blocks": [
                        {"kind": block.kind, "text": block.text, "original": block.original}
                        for block in part.blocks
                    ],
                }
            )
        pages.append(
            {
                "publication": issue.publication.name,
                "date": issue.date.isoformat() if issue.date else None,
                "number": issue.number,
                "label": page.label,
                "original": page.original,
                "parts": parts,
            }
        )
    revisions = [
        {
            "id": revision.id,
            "at": _plain(revision.at),
            "actor": revision.actor,
            "action": revision.action,
            "summary": revision.summary,
            "reverted_by_id": revision.reverted_by_id,
            "revert_of_id": revision.revert_of_id,
            "before": {"texts": (revision.before or {}).get("texts", {})},
            "after": {"texts": (revision.after or {}).get("texts", {})},
        }
        for revision in session.scalars(select(Revision).order_by(Revision.id))
    ]
    return {"version": CURATION_VERSION, "pages": pages, "revisions": revisions}


def import_curation(archive: Archive, data: dict[str, Any]) -> set[int]:
    """Put the recorded corrections over freshly re-imported pages (in one transaction).

    Args:
        archive: the archive the bundle's pages were just imported into.
        data: what :func:`export_curation` wrote.

    Returns:
        The ids of the articles whose text was replaced (to re-tag and re-index).
    """
    touched: set[int] = set()
    records = [item for item in data.get("pages") or [] if isinstance(item, dict)]
    with archive.db.write() as session:
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        by_key = {key: article_id for article_id, (key, _title) in article_keys(session).items()}
        found: list[tuple[Page, dict[str, Any]]] = []
        for record in records:
            page = _page_by_key(session, record)
            if page is not None:
                found.append((page, record))
        machine: set[int] = set()
        for page, _record in found:
            for part in list(page.parts):
                machine.add(part.article_id)
                session.delete(part)
        session.flush()
        made: dict[Any, int] = {}
        for page, record in found:
            page.original = record.get("original")
            page.corrected = True
            for item in record.get("parts") or []:
                key = _key_of(item.get("article"))
                article_id = made.get(key) if key else None
                if article_id is None and key is not None:
                    article_id = by_key.get(key)
                if article_id is None or session.get(Article, article_id) is None:
                    article = Article(issue_id=page.issue_id)
                    session.add(article)
                    session.flush()
                    article_id = article.id
                if key is not None:
                    made[key] = article_id
                fields = {
                    column.key: item.get("fields", {}).get(column.key)
                    for column in ArticlePart.__table__.columns
                    if column.key not in _PART_SKIP and column.key in item.get("fields", {})
                }
                part = ArticlePart(article_id=article_id, page_id=page.id, **fields)
                part.blocks = [
                    TextBlock(
                        seq=seq,
                        kind=str(block.get("kind") or "paragraph"),
                        text=str(block.get("text") or ""),
                        original=block.get("original"),
                    )
                    for seq, block in enumerate(item.get("blocks") or [])
                ]
                session.add(part)
                touched.add(article_id)
        session.flush()
        session.expire_all()
        for article_id in sorted(touched | machine):
            article = session.get(Article, article_id)
            if article is None:
                continue
            if article.parts:
                refresh_article(article)
                touched.add(article_id)
            else:
                session.delete(article)
                touched.discard(article_id)
        for revision in data.get("revisions") or []:
            if not isinstance(revision, dict) or not isinstance(revision.get("id"), int):
                continue
            at = revision.get("at")
            session.add(
                Revision(
                    id=revision["id"],
                    at=dt.datetime.fromisoformat(at) if isinstance(at, str) else utcnow(),
                    actor=str(revision.get("actor") or "user"),
                    action=str(revision.get("action") or "edit_article"),
                    summary=str(revision.get("summary") or ""),
                    article_ids=[],
                    page_ids=[],
                    before={**(revision.get("before") or {}), BUNDLE_MARK: True},
                    after={**(revision.get("after") or {}), BUNDLE_MARK: True},
                    reverted_by_id=revision.get("reverted_by_id"),
                    revert_of_id=revision.get("revert_of_id"),
                )
            )
        bump_change_counter(session)
    return touched

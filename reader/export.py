"""Exports: notes and annotations (Markdown, JSON, CSV) and article lists (CSV, JSON, Markdown).

* **Notes** — per article, per collection (with everything below it) or all annotated
  articles: each article with its GB/T 7714 citation, its highlighted passages as
  ``>`` blockquotes and the notes under them; annotations whose passage or article is gone
  are exported too, flagged. User text is escaped so that it never turns into Markdown
  markup (links, headings, lists, HTML).
* **Article lists** — one row per article: id, headline, deck, authors, publication, date,
  pages, tags, collections, bookmarked, number of annotations and the citation.
* **CSV** files are UTF-8 *with* a byte-order mark (``utf-8-sig``): Excel, the program most
  researchers open CSV with, reads a BOM-less UTF-8 file as the local code page and shows
  Chinese as mojibake; Python's csv, LibreOffice and pandas read the BOM fine. Cells are
  quoted by the csv module as needed; a cell that would start with ``= + - @`` is prefixed
  with ``'`` so that a spreadsheet never runs it as a formula.
* Long exports report progress ``(done, total)`` and poll a cancel check between articles
  (:class:`reader.errors.CancelledError`); a file is written atomically (temporary file,
  then rename) so a cancelled or failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Annotation, Article
from reader.citation import CitationRecord, gbt7714, records_for
from reader.errors import CancelledError, InputError
from reader.library import list_articles
from reader.notes.annotations import AnnotationInfo, annotation_counts, list_annotations
from reader.notes.bookmarks import bookmarked_ids
from reader.notes.collections import (
    articles_in_collection,
    collection_items,
    collection_paths_of_articles,
    list_collections,
)
from reader.notes.tags import tags_of_articles

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

NOTES_FORMATS = ("markdown", "json", "csv")
ARTICLE_FORMATS = ("csv", "json", "markdown")
WHATS = ("notes", "articles")
FORMAT_SUFFIXES = {"markdown": ".md", "json": ".json", "csv": ".csv"}
JSON_FORMAT = "baokan-reader notes"
JSON_VERSION = 1

ARTICLE_COLUMNS = [
    "id",
    "title",
    "subtitle",
    "authors",
    "publication",
    "date",
    "pages",
    "tags",
    "collections",
    "bookmarked",
    "annotations",
    "citation",
]
NOTE_COLUMNS = [
    "annotation_id",
    "article_id",
    "title",
    "publication",
    "date",
    "pages",
    "field",
    "start",
    "end",
    "quote",
    "note",
    "color",
    "status",
    "created_at",
    "updated_at",
    "citation",
]
STATUS_LABELS = {"anchored": "", "moved": "（已重新定位）", "orphaned": "（原文已变，无法定位）"}
COLOR_LABELS = {"yellow": "黄", "green": "绿", "blue": "蓝", "pink": "粉", "purple": "紫"}

_MD_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(\s*)([-=+>#]|\d+[.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Escape user text so that Markdown shows it as written (no links, HTML, lists …)."""
    escaped = _MD_SPECIALS.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def _markdown_citation(record: CitationRecord) -> str:
    """The GB/T 7714 reference with its user-given parts escaped (and its [N] as written)."""
    return gbt7714(
        replace(
            record,
            title=escape_markdown(record.title),
            authors=[escape_markdown(name) for name in record.authors],
            publication=escape_markdown(record.publication),
            pages=[escape_markdown(page) for page in record.pages],
        )
    )


def _check(cancelled: CancelCheck | None) -> None:
    if cancelled is not None and cancelled():
        raise CancelledError("the export was cancelled")


def _report(progress: ProgressCallback | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


class _Scope:
    """The articles an export covers, and how to describe them."""

    def __init__(
        self,
        session: Session,
        *,
        article_ids: Sequence[int] | None,
        collection_id: int | None,
        notes: bool,
    ) -> None:
        self.collection_path: str | None = None
        self.orphans: list[AnnotationInfo] = []
        self.orphan_items: list[dict[str, Any]] = []
        if article_ids is not None and collection_id is not None:
            raise InputError("export either some articles or a collection, not both")
        if collection_id is not None:
            path = next((c.path for c in list_collections(session) if c.id == collection_id), None)
            self.collection_path = path
            self.ids = articles_in_collection(session, collection_id, recursive=True)
            for item in collection_items(session, collection_id, recursive=True):
                if item.orphaned:
                    self.orphan_items.append(item.article.to_dict())
            self.label = f"收藏夹 {path}"
        elif article_ids is not None:
            self.ids = list(dict.fromkeys(int(i) for i in article_ids))
            self.label = "所选文章"
        elif notes:
            rows = session.scalars(
                select(Annotation.article_id).where(Annotation.article_id.is_not(None)).distinct()
            )
            self.ids = _in_archive_order(session, set(rows))
            self.orphans = [
                info for info in list_annotations(session, orphaned=True) if info.article_id is None
            ]
            self.label = "全部笔记"
        else:
            self.ids = list(session.scalars(select(Article.id).order_by(Article.id)))
            self.label = "全部文章"


def _in_archive_order(session: Session, ids: set[int]) -> list[int]:
    order: list[tuple[str, str, int]] = []
    for chunk in in_batches(sorted(ids)):
        for summary in list_articles(session, article_ids=chunk):
            order.append((summary.publication, summary.date or "9999", summary.id))
    return [article_id for *_rest, article_id in sorted(order)]


def _records(session: Session, ids: Sequence[int]) -> dict[int, CitationRecord]:
    return {record.id: record for record in records_for(session, ids)} if ids else {}


# ---------------------------------------------------------------------------------- notes


def _notes_data(
    session: Session,
    scope: _Scope,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> list[tuple[CitationRecord, list[AnnotationInfo]]]:
    records = _records(session, scope.ids)
    result = []
    total = len(scope.ids)
    for done, article_id in enumerate(scope.ids):
        _check(cancelled)
        _report(progress, done, total)
        found = list_annotations(session, article_id=article_id)
        result.append((records[article_id], found))
    _report(progress, total, total)
    return result


def _scoped_notes(
    session: Session,
    article_ids: Sequence[int] | None,
    collection_id: int | None,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> tuple[_Scope, list[tuple[CitationRecord, list[AnnotationInfo]]]]:
    scope = _Scope(session, article_ids=article_ids, collection_id=collection_id, notes=True)
    return scope, _notes_data(session, scope, progress, cancelled)


def _blockquote(text: str) -> str:
    return "\n".join("> " + escape_markdown(line) if line else ">" for line in text.split("\n"))


def _annotation_markdown(info: AnnotationInfo) -> list[str]:
    lines: list[str] = []
    flag = STATUS_LABELS.get(info.status, "")
    if info.article_id is None:
        flag = "（文章已不在档案中）"
    if info.field == "article":
        lines.append(f"**文章笔记**{flag}：{escape_markdown(info.note)}")
        return [*lines, ""]
    where = {"title": "标题", "subtitle": "副题", "body": "正文"}.get(info.field, info.field)
    colour = COLOR_LABELS.get(info.color, info.color)
    lines.append(_blockquote(info.quote))
    lines.append("")
    meta = f"*{where} · {colour}色标注{flag}*"
    if info.note.strip():
        lines.append(f"{meta}  ")
        lines.extend(f"{escape_markdown(line)}  " for line in info.note.split("\n"))
    else:
        lines.append(meta)
    lines.append("")
    return lines


def _markdown_of_notes(
    scope: _Scope, data: list[tuple[CitationRecord, list[AnnotationInfo]]]
) -> str:
    out = [f"# 笔记与批注：{escape_markdown(scope.label)}", ""]
    stamp = dt.datetime.now().isoformat(timespec="minutes")
    out.extend([f"导出时间：{stamp}；共 {len(data)} 篇文章。", ""])
    for record, notes in data:
        out.extend([f"## {escape_markdown(record.title or '（无标题）')}", ""])
        out.extend([_markdown_citation(record), ""])
        for info in notes:
            out.extend(_annotation_markdown(info))
    if scope.orphans:
        out.extend(["## 原文已不在档案中的批注", ""])
        for info in scope.orphans:
            out.extend([f"### {escape_markdown(info.article.label())}", ""])
            out.extend(_annotation_markdown(info))
    if scope.orphan_items:
        out.extend(["## 已不在档案中的收藏文章", ""])
        for item in scope.orphan_items:
            parts = (item.get("title"), item.get("publication"), item.get("date"))
            out.append(f"- {escape_markdown(' '.join(filter(None, parts)))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def notes_markdown(
    session: Session,
    *,
    article_ids: Sequence[int] | None = None,
    collection_id: int | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> str:
    """Notes and annotations as Markdown (see the module's description).

    Args:
        session: a read session.
        article_ids: these articles (even without annotations: they get their citation).
        collection_id: the articles of a collection and the collections below it.
        progress: called with (articles done, articles in all).
        cancelled: polled between articles.

    Returns:
        The Markdown text.

    Raises:
        CancelledError: cancelled.
        NotFoundError: an article or the collection does not exist.
    """
    return _markdown_of_notes(
        *_scoped_notes(session, article_ids, collection_id, progress, cancelled)
    )


def _json_of_notes(
    session: Session, scope: _Scope, data: list[tuple[CitationRecord, list[AnnotationInfo]]]
) -> dict[str, Any]:
    ids = [record.id for record, _ in data]
    tags = tags_of_articles(session, ids)
    collections = collection_paths_of_articles(session, ids)
    starred = bookmarked_ids(session)
    articles = []
    for record, notes in data:
        entry = record.to_dict()
        entry["citation"] = gbt7714(record)
        entry["tags"] = tags.get(record.id, [])
        entry["collections"] = collections.get(record.id, [])
        entry["bookmarked"] = record.id in starred
        entry["annotations"] = [info.to_dict() for info in notes]
        articles.append(entry)
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": dt.datetime.now().isoformat(timespec="seconds"),
        "scope": {"label": scope.label, "collection": scope.collection_path},
        "articles": articles,
        "orphaned_annotations": [info.to_dict() for info in scope.orphans],
        "orphaned_items": scope.orphan_items,
    }


def notes_json(
    session: Session,
    *,
    article_ids: Sequence[int] | None = None,
    collection_id: int | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> dict[str, Any]:
    """Notes and annotations as JSON-ready data (arguments as :func:`notes_markdown`).

    Returns:
        ``{"format", "version", "exported_at", "scope", "articles": [{"id", "citation",
        "title", …, "tags", "collections", "bookmarked", "annotations": [...]}],
        "orphaned_annotations": [...], "orphaned_items": [...]}``.
    """
    return _json_of_notes(
        session, *_scoped_notes(session, article_ids, collection_id, progress, cancelled)
    )


def _safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r" and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(value) for value in row])
    return buffer.getvalue()


def _csv_of_notes(scope: _Scope, data: list[tuple[CitationRecord, list[AnnotationInfo]]]) -> str:
    rows: list[list[object]] = []
    pairs: list[tuple[CitationRecord | None, AnnotationInfo]] = [
        (record, info) for record, notes in data for info in notes
    ]
    pairs.extend((None, info) for info in scope.orphans)
    for record, info in pairs:
        ref = info.article
        rows.append(
            [
                info.id,
                info.article_id or "",
                ref.title,
                ref.publication,
                ref.date or "",
                ", ".join(ref.pages),
                info.field,
                info.start,
                info.end,
                info.quote,
                info.note,
                info.color,
                "orphaned" if info.orphaned else info.status,
                info.created_at,
                info.updated_at,
                gbt7714(record) if record is not None else "",
            ]
        )
    return _csv(NOTE_COLUMNS, rows)


def notes_csv(
    session: Session,
    *,
    article_ids: Sequence[int] | None = None,
    collection_id: int | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> str:
    """Annotations as CSV, one row each (write it with encoding ``utf-8-sig``)."""
    return _csv_of_notes(*_scoped_notes(session, article_ids, collection_id, progress, cancelled))


# ------------------------------------------------------------------------------- articles


def _article_rows(
    session: Session,
    ids: Sequence[int],
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> list[dict[str, Any]]:
    records = _records(session, ids)
    tags = tags_of_articles(session, ids)
    collections = collection_paths_of_articles(session, ids)
    counts = annotation_counts(session, ids)
    starred = bookmarked_ids(session)
    rows = []
    for done, article_id in enumerate(ids):
        if done % 100 == 0:
            _check(cancelled)
            _report(progress, done, len(ids))
        record = records[article_id]
        rows.append(
            {
                "id": record.id,
                "title": record.title,
                "subtitle": record.subtitle or "",
                "authors": list(record.authors),
                "publication": record.publication,
                "date": record.date,
                "pages": list(record.pages),
                "tags": tags.get(article_id, []),
                "collections": collections.get(article_id, []),
                "bookmarked": article_id in starred,
                "annotations": counts.get(article_id, 0),
                "citation": gbt7714(record),
            }
        )
    _report(progress, len(ids), len(ids))
    return rows


def articles_csv(
    session: Session,
    article_ids: Sequence[int],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> str:
    """An article list as CSV (write it with encoding ``utf-8-sig``); lists joined with "; "."""
    rows = _article_rows(session, article_ids, progress, cancelled)
    table: list[list[object]] = []
    for row in rows:
        table.append(
            [
                row["id"],
                row["title"],
                row["subtitle"],
                "、".join(row["authors"]),
                row["publication"],
                row["date"] or "",
                ", ".join(row["pages"]),
                "; ".join(row["tags"]),
                "; ".join(row["collections"]),
                "yes" if row["bookmarked"] else "",
                row["annotations"],
                row["citation"],
            ]
        )
    return _csv(ARTICLE_COLUMNS, table)


def articles_json(
    session: Session,
    article_ids: Sequence[int],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> dict[str, Any]:
    """An article list as JSON-ready data: ``{"format", "version", "articles": [...]}``."""
    rows = _article_rows(session, article_ids, progress, cancelled)
    return {"format": "baokan-reader articles", "version": 1, "articles": rows}


def articles_markdown(
    session: Session,
    article_ids: Sequence[int],
    *,
    title: str = "文章列表",
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> str:
    """An article list as a numbered Markdown bibliography (GB/T 7714)."""
    rows = _article_rows(session, article_ids, progress, cancelled)
    out = [f"# {escape_markdown(title)}", ""]
    records = _records(session, article_ids)
    out.extend(f"{n}. {_markdown_citation(records[row['id']])}" for n, row in enumerate(rows, 1))
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------- files


def render_export(
    session: Session,
    what: str,
    fmt: str,
    *,
    article_ids: Sequence[int] | None = None,
    collection_id: int | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> tuple[str, int]:
    """The text of an export and how many items (annotations or articles) it holds.

    Args:
        session: a read session.
        what: ``notes`` or ``articles``.
        fmt: ``markdown``, ``json`` or ``csv``.
        article_ids: these articles (default: every annotated article for notes, every
            article for articles).
        collection_id: the articles of a collection and below.
        progress: called with (done, total).
        cancelled: polled; True stops with CancelledError.

    Returns:
        (text, count).

    Raises:
        InputError: unknown kind or format; CancelledError: cancelled.
    """
    if what not in WHATS:
        raise InputError(f"export what? use one of {', '.join(WHATS)}")
    if fmt not in FORMAT_SUFFIXES:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMAT_SUFFIXES)}")
    if what == "notes":
        scope, data = _scoped_notes(session, article_ids, collection_id, progress, cancelled)
        count = sum(len(notes) for _, notes in data) + len(scope.orphans)
        if fmt == "json":
            text = json.dumps(_json_of_notes(session, scope, data), ensure_ascii=False, indent=2)
            return text + "\n", count
        if fmt == "csv":
            return _csv_of_notes(scope, data), count
        return _markdown_of_notes(scope, data), count
    scope = _Scope(session, article_ids=article_ids, collection_id=collection_id, notes=False)
    ids = scope.ids
    if fmt == "csv":
        return articles_csv(session, ids, progress=progress, cancelled=cancelled), len(ids)
    if fmt == "json":
        data = articles_json(session, ids, progress=progress, cancelled=cancelled)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n", len(ids)
    title = scope.collection_path or scope.label
    text = articles_markdown(session, ids, title=title, progress=progress, cancelled=cancelled)
    return text, len(ids)


def write_text_atomically(path: Path, text: str, *, bom: bool = False) -> None:
    """Write a UTF-8 file through a temporary file in the same folder, then rename it.

    Raises:
        InputError: the folder does not exist or cannot be written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".export-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as error:
        raise InputError(f"{target}: cannot be written ({error.strerror or error})") from None


def export_to_file(
    session: Session,
    what: str,
    fmt: str,
    path: Path,
    *,
    article_ids: Sequence[int] | None = None,
    collection_id: int | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> int:
    """Export to a file (CSV with a byte-order mark; see :func:`render_export`).

    Returns:
        How many items (annotations or articles) were written.
    """
    text, count = render_export(
        session,
        what,
        fmt,
        article_ids=article_ids,
        collection_id=collection_id,
        progress=progress,
        cancelled=cancelled,
    )
    write_text_atomically(path, text, bom=fmt == "csv")
    return count

"""A portable bundle of an archive: users' data as JSON, the original page files, checksums.

``export_archive`` writes a zip file (a path ending in ``.zip``) or a folder::

    manifest.json   format, version, program schema, counts, sha256 and size of every member
    pages.json      one record per page: its file, publication, date, number, label, source
                    name, format, encoding, import time, and its scans (``images/``)
    users.json      bookmarks, annotations, tags and article tags, collections and items,
                    saved searches, entity corrections and the audit log
    curation.json   the user's version of corrected pages (text, structure, originals) and
                    the history of corrections (see ``reader.curation.portable``)
    pages/          the original bytes of every page, as stored (a PDF once: its other pages
                    are re-created from it; a ZIP member or METS page as its own file)
    images/         page scans, if any

Users' rows refer to articles by a stable key — publication, issue date and number, the
page of the article's first part and the part's position on it (the headline is kept for
people) — so ``import_archive`` can re-link them after re-importing the pages through the
importer into an EMPTY archive. Ids of users' own rows (tags, collections, annotations …)
are kept. A bundle whose files do not match their checksums is refused before anything is
written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sqlalchemy import Date, DateTime, func, insert, select, text
from sqlalchemy.orm import Session

from db import migrate
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
    EntityRule,
    Issue,
    Page,
    PageImage,
    Publication,
    SavedSearch,
    Tag,
)
from reader.archive import Archive, bump_change_counter
from reader.errors import ArchiveError, CancelledError, InputError
from reader.formats.originals import REFERENCE_MAGIC
from reader.store import PageMeta

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]

BUNDLE_FORMAT = "baokan-reader archive bundle"
BUNDLE_VERSION = 1
MANIFEST = "manifest.json"
#: Largest member accepted when importing (a page file, a scan, users.json).
MAX_MEMBER_BYTES = 1 << 30
#: Largest manifest accepted.
MAX_MANIFEST_BYTES = 64 << 20
_CHUNK = 1 << 20
_SAFE_MEMBER = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")
_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,8}$")
_FORMAT_SUFFIX = {"text": ".txt", "html": ".html", "alto": ".xml", "pdf": ".pdf"}

#: Users' tables in the order they are restored, with their key in ``users.json``.
USER_TABLES: tuple[tuple[type[Base], str], ...] = (
    (Tag, "tags"),
    (Collection, "collections"),
    (EntityRule, "entity_rules"),
    (Bookmark, "bookmarks"),
    (Annotation, "annotations"),
    (ArticleTag, "article_tags"),
    (CollectionItem, "collection_items"),
    (SavedSearch, "saved_searches"),
    (AuditEntry, "audit"),
)

PageKey = tuple[str, str | None, str | None, str]
ArticleKey = tuple[str, str | None, str | None, str, int]


# ----------------------------------------------------------------------------- reports


@dataclass(slots=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    pages: int = 0
    images: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    bytes: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "path": str(self.path),
            "pages": self.pages,
            "images": self.images,
            "rows": dict(self.rows),
            "bytes": self.bytes,
        }


@dataclass(slots=True)
class BundleImportReport:
    """What an import of a bundle did.

    Attributes:
        pages: pages imported.
        failed: page files that could not be imported: (source name, error).
        rows: users' rows restored, per table key of ``users.json``.
        unlinked: rows whose article was not found again (kept, with their context).
    """

    pages: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether every page and every link came back."""
        return not self.failed and not any(self.unlinked.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "ok": self.ok,
            "pages": self.pages,
            "failed": [{"file": name, "error": error} for name, error in self.failed],
            "rows": dict(self.rows),
            "unlinked": dict(self.unlinked),
        }


# ----------------------------------------------------------------------------- values


def _to_json(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _from_json(column: Any, value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def _page_key(publication: str, date: dt.date | None, number: str | None, label: str) -> PageKey:
    return (publication, date.isoformat() if date else None, number, label)


def _key_dict(key: ArticleKey, title: str = "") -> dict[str, Any]:
    publication, date, number, page, position = key
    return {
        "publication": publication,
        "date": date,
        "number": number,
        "page": page,
        "position": position,
        "title": title,
    }


def _key_of(data: Any) -> ArticleKey | None:
    if not isinstance(data, dict):
        return None
    try:
        return (
            str(data["publication"]),
            data.get("date"),
            data.get("number"),
            str(data["page"]),
            int(data["position"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _part_keys(session: Session) -> dict[int, tuple[int, ArticleKey, str]]:
    """Every article part: id → (article id, its key, its headline)."""
    rows = session.execute(
        select(
            ArticlePart.id,
            ArticlePart.article_id,
            ArticlePart.position,
            ArticlePart.title,
            Page.label,
            Issue.date,
            Issue.number,
            Publication.name,
        )
        .join(Page, Page.id == ArticlePart.page_id)
        .join(Issue, Issue.id == Page.issue_id)
        .join(Publication, Publication.id == Issue.publication_id)
    )
    return {
        part_id: (
            article_id,
            (*_page_key(publication, date, number, label), int(position)),
            title or "",
        )
        for part_id, article_id, position, title, label, date, number, publication in rows
    }


def article_keys(session: Session) -> dict[int, tuple[ArticleKey, str]]:
    """The stable key of every article with text: its first part's page and position.

    Returns:
        Article id → (key, headline of the first part).
    """
    first: dict[int, tuple[int, int]] = {}
    for part_id, article_id, part_no in session.execute(
        select(ArticlePart.id, ArticlePart.article_id, ArticlePart.part_no)
    ):
        if article_id not in first or part_no < first[article_id][0]:
            first[article_id] = (part_no, part_id)
    parts = _part_keys(session)
    return {
        article_id: (parts[part_id][1], parts[part_id][2])
        for article_id, (_no, part_id) in first.items()
        if part_id in parts
    }


# ----------------------------------------------------------------------------- writing


class _BundleWriter:
    """Writes members into a zip file or a folder, recording their checksums."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.as_zip = target.suffix.lower() == ".zip"
        self.partial = target.with_name(target.name + ".partial")
        self.files: dict[str, dict[str, Any]] = {}
        self._zip: zipfile.ZipFile | None = None
        if self.partial.exists():
            _remove(self.partial)
        if self.as_zip:
            self._zip = zipfile.ZipFile(
                self.partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True
            )
        else:
            self.partial.mkdir(parents=True)

    def write(self, name: str, data: bytes) -> None:
        self.files[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        if self._zip is not None:
            self._zip.writestr(name, data)
        else:
            path = self.partial / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def finish(self, manifest: dict[str, Any]) -> int:
        data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        if self._zip is not None:
            self._zip.writestr(MANIFEST, data)
            self._zip.close()
            self._zip = None
            with self.partial.open("rb+") as handle:
                os.fsync(handle.fileno())
        else:
            (self.partial / MANIFEST).write_bytes(data)
        os.replace(self.partial, self.target)
        return _size(self.target)

    def abort(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        _remove(self.partial)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def _member_suffix(source_name: str, source_format: str, data: bytes = b"") -> str:
    if data.startswith(b"PK\x03\x04"):  # a METS page is stored as a ZIP of METS and ALTO
        return ".zip"
    if data.startswith(b"%PDF-"):
        return ".pdf"
    suffix = PurePosixPath(source_name.replace("\\", "/")).suffix.lower()
    if _SAFE_SUFFIX.match(suffix):
        return suffix
    return _FORMAT_SUFFIX.get(source_format, ".bin")


def _user_rows(
    session: Session, keys: dict[int, tuple[ArticleKey, str]], parts: dict[int, Any]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    data: dict[str, list[dict[str, Any]]] = {}
    counts: dict[str, int] = {}
    for model, name in USER_TABLES:
        table = model.__table__
        rows = []
        for row in session.execute(select(table).order_by(table.c.id)).mappings():
            record = {key: _to_json(value) for key, value in row.items()}
            if "article_id" in record:
                article_id = record.pop("article_id")
                found = keys.get(article_id) if article_id is not None else None
                record["article"] = _key_dict(*found) if found else None
            if model is EntityRule:
                record["payload"] = _export_payload(record.get("payload") or {}, keys, parts)
            rows.append(record)
        data[name] = rows
        counts[name] = len(rows)
    return data, counts


def _export_payload(
    payload: dict[str, Any], keys: dict[int, tuple[ArticleKey, str]], parts: dict[int, Any]
) -> dict[str, Any]:
    """An entity rule's payload with its article and part ids turned into stable keys."""
    result = dict(payload)
    if isinstance(payload.get("article_id"), int) and payload["article_id"] in keys:
        result["article_key"] = _key_dict(*keys[payload["article_id"]])
    if isinstance(payload.get("part_id"), int) and payload["part_id"] in parts:
        _article, key, title = parts[payload["part_id"]]
        result["part_key"] = _key_dict(key, title)
    if isinstance(payload.get("articles"), list):
        result["article_keys"] = [
            _key_dict(*keys[item]) if isinstance(item, int) and item in keys else None
            for item in payload["articles"]
        ]
    return result


def export_archive(
    archive: Archive,
    path: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ExportReport:
    """Write a portable bundle of the archive: users' data, original page files, checksums.

    The bundle is written under ``<path>.partial`` and renamed when complete, from one
    consistent snapshot of the database (a read transaction; others may go on writing).

    Args:
        archive: the archive (read-only is enough).
        path: the bundle: a ``.zip`` file, or else a folder; must not exist yet.
        progress: called with (pages done, pages in all, source name).
        cancel: polled between pages; True stops and removes the partial bundle.

    Returns:
        What was written.

    Raises:
        InputError: ``path`` already exists.
        CancelledError: cancelled (nothing is left behind).
    """
    path = Path(path)
    if path.exists():
        raise InputError(f"{path} already exists: choose a new file or folder for the bundle")
    path.parent.mkdir(parents=True, exist_ok=True)
    report = ExportReport(path=path)
    writer = _BundleWriter(path)
    try:
        with archive.db.read() as session:
            keys = article_keys(session)
            parts = _part_keys(session)
            pages_meta = session.execute(
                select(
                    Page.id,
                    Page.label,
                    Page.source_name,
                    Page.source_format,
                    Page.sha256,
                    Page.encoding,
                    Page.encoding_confidence,
                    Page.imported_at,
                    Issue.date,
                    Issue.number,
                    Issue.unsorted,
                    Publication.name,
                )
                .join(Issue, Issue.id == Page.issue_id)
                .join(Publication, Publication.id == Issue.publication_id)
                .order_by(Page.id)
            ).all()
            records: list[dict[str, Any]] = []
            total = len(pages_meta)
            for done, row in enumerate(pages_meta):
                if cancel is not None and cancel():
                    raise CancelledError("export cancelled")
                if progress is not None:
                    progress(done, total, row.source_name)
                number = done + 1
                data = session.scalar(select(Page.source_bytes).where(Page.id == row.id)) or b""
                suffix = _member_suffix(row.source_name, row.source_format, data)
                member = f"pages/{number:06d}{suffix}"
                writer.write(member, data)
                images = []
                for image in session.scalars(
                    select(PageImage).where(PageImage.page_id == row.id).order_by(PageImage.seq)
                ):
                    suffix = _member_suffix(image.file_name, "")
                    image_member = f"images/{number:06d}-{image.seq}{suffix}"
                    writer.write(image_member, image.data)
                    images.append(
                        {
                            "file": image_member,
                            "seq": image.seq,
                            "file_name": image.file_name,
                            "media_type": image.media_type,
                            "sha256": image.sha256,
                            "width": image.width,
                            "height": image.height,
                        }
                    )
                    report.images += 1
                records.append(
                    {
                        "file": member,
                        "reference": data.startswith(REFERENCE_MAGIC),
                        "shared": row.source_format == "pdf" or ", page " in row.source_name,
                        "sha256_file": hashlib.sha256(data).hexdigest(),
                        "sha256": row.sha256,
                        "source_name": row.source_name,
                        "source_format": row.source_format,
                        "publication": row.name,
                        "date": row.date.isoformat() if row.date else None,
                        "number": row.number,
                        "unsorted": bool(row.unsorted),
                        "label": row.label,
                        "encoding": row.encoding,
                        "encoding_confidence": row.encoding_confidence,
                        "imported_at": _to_json(row.imported_at),
                        "images": images,
                    }
                )
            report.pages = len(records)
            users, report.rows = _user_rows(session, keys, parts)
            articles = session.scalar(select(func.count(Article.id))) or 0
            from reader.curation.portable import CURATION_MEMBER, export_curation

            curation = export_curation(session)  # the user's version of corrected pages
        writer.write("pages.json", _json_bytes({"pages": records}))
        writer.write("users.json", _json_bytes(users))
        writer.write(CURATION_MEMBER, _json_bytes(curation))
        manifest = {
            "format": BUNDLE_FORMAT,
            "version": BUNDLE_VERSION,
            "schema": migrate.HEAD_REVISION,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "counts": {"pages": report.pages, "articles": articles, **report.rows},
            "files": writer.files,
        }
        report.bytes = writer.finish(manifest)
    except BaseException:
        writer.abort()
        raise
    if progress is not None:
        progress(report.pages, report.pages, "")
    return report


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


# ----------------------------------------------------------------------------- reading


class _BundleReader:
    """Reads members of a zip or folder bundle, refusing unsafe names and links."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if path.is_dir():
            self.root = path.resolve()
        elif path.is_file():
            try:
                self._zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as error:
                raise InputError(f"{path.name}: not a bundle (not a zip file: {error})") from None
        else:
            raise InputError(f"{path}: no such bundle")

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def names(self) -> set[str]:
        if self._zip is not None:
            return {info.filename for info in self._zip.infolist() if not info.is_dir()}
        return {
            item.relative_to(self.root).as_posix()
            for item in self.root.rglob("*")
            if item.is_file() or item.is_symlink()
        }

    def open(self, name: str) -> IO[bytes]:
        if not _SAFE_MEMBER.match(name) or ".." in name.split("/"):
            raise InputError(f"the bundle names an unsafe file: {name!r}")
        if self._zip is not None:
            try:
                info = self._zip.getinfo(name)
            except KeyError:
                raise InputError(f"the bundle lacks {name}") from None
            if stat.S_ISLNK(info.external_attr >> 16):
                raise InputError(f"the bundle holds a link: {name}")
            return self._zip.open(info)
        path = self.root / name
        if path.is_symlink() or not path.is_file():
            raise InputError(f"the bundle lacks {name} (or it is a link)")
        if not path.resolve().is_relative_to(self.root):
            raise InputError(f"the bundle names a file outside itself: {name!r}")
        return path.open("rb")

    def read(self, name: str, limit: int) -> bytes:
        with self.open(name) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"{name} in the bundle is too large")
        return data

    def digest(self, name: str, limit: int) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        with self.open(name) as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                size += len(chunk)
                if size > limit:
                    raise InputError(f"{name} in the bundle is larger than its manifest says")
                digest.update(chunk)
        return digest.hexdigest(), size


def read_manifest(reader: _BundleReader) -> dict[str, Any]:
    """The bundle's manifest, checked for format and version.

    Raises:
        InputError: not a bundle of this program, or of a newer version.
    """
    try:
        manifest = json.loads(reader.read(MANIFEST, MAX_MANIFEST_BYTES).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise InputError("the bundle's manifest.json is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise InputError("not an archive bundle of this program (manifest.json)")
    version = manifest.get("version")
    if not isinstance(version, int) or version > BUNDLE_VERSION:
        raise InputError(
            f"the bundle was written by a newer version of the program (format {version})"
        )
    if not isinstance(manifest.get("files"), dict):
        raise InputError("the bundle's manifest lists no files")
    return manifest


def verify_bundle(
    path: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> dict[str, Any]:
    """Check every member of a bundle against the manifest's sha256 and size.

    Returns:
        The manifest.

    Raises:
        InputError: the bundle is not one, was changed, or misses or adds files.
        CancelledError: cancelled.
    """
    reader = _BundleReader(Path(path))
    try:
        manifest = read_manifest(reader)
        _verify_members(reader, manifest, progress, cancel)
        return manifest
    finally:
        reader.close()


def _verify_members(
    reader: _BundleReader,
    manifest: dict[str, Any],
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> None:
    files: dict[str, Any] = manifest["files"]
    extra = reader.names() - set(files) - {MANIFEST}
    if extra:
        raise InputError(
            "the bundle was changed: it holds files its manifest does not list "
            f"({', '.join(sorted(extra)[:3])})"
        )
    total = len(files)
    for done, (name, expected) in enumerate(sorted(files.items())):
        if cancel is not None and cancel():
            raise CancelledError("import cancelled")
        if progress is not None:
            progress(done, total, name)
        if not isinstance(expected, dict):
            raise InputError(f"the bundle's manifest entry of {name} is malformed")
        size_limit = min(int(expected.get("size", 0)), MAX_MEMBER_BYTES)
        digest, size = reader.digest(name, size_limit)
        if digest != expected.get("sha256") or size != expected.get("size"):
            raise InputError(
                f"the bundle was changed or damaged: {name} does not match its checksum; "
                "nothing was imported"
            )


# ----------------------------------------------------------------------------- importing


def _archive_is_empty(session: Session) -> bool:
    if session.scalar(select(Page.id).limit(1)) is not None:
        return False
    if session.scalar(select(Article.id).limit(1)) is not None:
        return False
    return all(session.scalar(select(model.id).limit(1)) is None for model, _name in USER_TABLES)


def _safe_file_name(name: str, suffix: str, fallback: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name.strip()
    if not base or base in (".", "..") or "\x00" in base or len(base.encode("utf-8")) > 200:
        return fallback + suffix
    if PurePosixPath(base).suffix.lower() != suffix:
        return base + suffix
    return base


def _page_records(reader: _BundleReader) -> list[dict[str, Any]]:
    data = json.loads(reader.read("pages.json", MAX_MEMBER_BYTES).decode("utf-8"))
    records = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(records, list) or not all(isinstance(item, dict) for item in records):
        raise InputError("the bundle's pages.json is malformed")
    return records


def _meta(record: dict[str, Any]) -> PageMeta:
    date = record.get("date")
    return PageMeta(
        publication=record.get("publication") or None,
        date=dt.date.fromisoformat(date) if isinstance(date, str) else None,
        page_label=record.get("label") or None,
        number=record.get("number") or None,
    )


def _import_pages(
    archive: Archive,
    reader: _BundleReader,
    records: list[dict[str, Any]],
    report: BundleImportReport,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> None:
    from reader.importer import Importer

    staging = archive.paths.cache_dir / f"bundle-import-{os.getpid()}"
    _remove(staging)
    try:
        files: list[tuple[Path, PageMeta]] = []
        by_path: dict[str, dict[str, Any]] = {}
        whole_files: set[str] = set()
        for number, record in enumerate(records, start=1):
            if record.get("reference"):
                continue  # a page of a PDF whose bytes another page holds: comes with it
            member = str(record.get("file", ""))
            shared = bool(record.get("shared"))
            if shared:
                if record.get("sha256_file") in whole_files:
                    continue
                whole_files.add(str(record.get("sha256_file")))
            suffix = _member_suffix(member, str(record.get("source_format") or "text"))
            source_name = str(record.get("source_name") or "")
            if shared:  # "paper.pdf, page 3": the file is paper.pdf, its pages keep labels
                source_name = source_name.partition(", page ")[0]
            name = _safe_file_name(source_name, suffix, f"page-{number}")
            folder = staging / f"{number:06d}"
            folder.mkdir(parents=True)
            target = folder / name
            with reader.open(member) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink, _CHUNK)
            meta = _meta(record)
            if shared:
                meta = PageMeta(publication=meta.publication, date=meta.date, number=meta.number)
            files.append((target, meta))
            by_path[str(target)] = record
        result = Importer(archive).run_files(files, progress=progress, cancelled=cancel)
        if result.cancelled:
            raise CancelledError("import cancelled: the archive holds the pages imported so far")
        errors: dict[str, str] = {}  # file sha256 → why (a page of) it failed
        for outcome in result.files:
            record = by_path.get(outcome.path, {})
            if outcome.status == "failed":
                errors.setdefault(str(record.get("sha256_file")), outcome.error or "")
        _fix_pages(archive, reader, records, report, errors)
    finally:
        _remove(staging)


def _page_by_key(session: Session, record: dict[str, Any]) -> Page | None:
    """The page of the record's issue with the record's label (as recorded or normalised)."""
    from reader.parsing.masthead import normalise_page_label

    meta = _meta(record)
    label = str(record.get("label") or "")
    query = (
        select(Page)
        .join(Issue, Issue.id == Page.issue_id)
        .join(Publication, Publication.id == Issue.publication_id)
        .where(Publication.name == (meta.publication or ""), Issue.date == meta.date)
    )
    if meta.number is not None:
        query = query.where(Issue.number == meta.number)
    for candidate in dict.fromkeys((label, normalise_page_label(label))):
        page = session.scalar(query.where(Page.label == candidate).limit(1))
        if page is not None:
            return page
    return None


def _fix_pages(
    archive: Archive,
    reader: _BundleReader,
    records: list[dict[str, Any]],
    report: BundleImportReport,
    errors: dict[str, str],
) -> None:
    """Give re-imported pages back their recorded label, file name, checksum, time and scans.

    A page is found again by its checksum, else by its issue and label (a METS page read
    from its own small ZIP gets another checksum); it counts as lost only when neither
    finds it (a file of many pages may report failures for pages that another file of the
    bundle brings back).
    """
    with archive.db.write() as session:
        for record in records:
            page = session.scalar(select(Page).where(Page.sha256 == record.get("sha256")).limit(1))
            if page is None:
                page = _page_by_key(session, record)
            if page is None:
                error = errors.get(str(record.get("sha256_file")))
                report.failed.append(
                    (str(record.get("source_name")), error or "the page was not found again")
                )
                continue
            report.pages += 1
            label = record.get("label")
            if isinstance(label, str) and label and page.label != label:
                clash = session.scalar(
                    select(Page.id).where(Page.issue_id == page.issue_id, Page.label == label)
                )
                if clash is None:
                    page.label = label
            if isinstance(record.get("source_name"), str):
                page.source_name = record["source_name"]
            if isinstance(record.get("sha256"), str):
                page.sha256 = record["sha256"]
            if isinstance(record.get("imported_at"), str):
                page.imported_at = dt.datetime.fromisoformat(record["imported_at"])
            for image in record.get("images") or []:
                if not isinstance(image, dict):
                    continue
                seq = int(image.get("seq") or 0)
                exists = session.scalar(
                    select(PageImage.id).where(PageImage.page_id == page.id, PageImage.seq == seq)
                )
                if exists is not None:
                    continue
                session.add(
                    PageImage(
                        page_id=page.id,
                        seq=seq,
                        file_name=str(image.get("file_name") or ""),
                        media_type=str(image.get("media_type") or ""),
                        sha256=str(image.get("sha256") or ""),
                        width=image.get("width"),
                        height=image.get("height"),
                        data=reader.read(str(image.get("file")), MAX_MEMBER_BYTES),
                    )
                )


def _import_payload(
    payload: dict[str, Any],
    articles: dict[ArticleKey, int],
    parts: dict[ArticleKey, int],
) -> tuple[dict[str, Any], bool]:
    """An entity rule's payload with ids found again from its keys; False when one is lost."""
    result = {
        key: value
        for key, value in payload.items()
        if key not in ("article_key", "part_key", "article_keys")
    }
    linked = True
    if "article_key" in payload or "article_id" in payload:
        key = _key_of(payload.get("article_key"))
        result["article_id"] = articles.get(key) if key else None
        linked &= result["article_id"] is not None
    if "part_key" in payload or "part_id" in payload:
        key = _key_of(payload.get("part_key"))
        result["part_id"] = parts.get(key) if key else None
        linked &= result["part_id"] is not None
    if "article_keys" in payload:
        found = [articles.get(key) for key in map(_key_of, payload["article_keys"]) if key]
        result["articles"] = [item for item in found if item is not None]
        linked &= len(result["articles"]) == len(payload["article_keys"])
    return result, linked


def _restore_users(archive: Archive, users: dict[str, Any], report: BundleImportReport) -> None:
    """Insert users' rows with their ids, re-linked to the new articles by their keys."""
    with archive.db.write() as session:
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        keys = article_keys(session)
        articles = {key: article_id for article_id, (key, _title) in keys.items()}
        parts = {key: part_id for part_id, (_article, key, _title) in _part_keys(session).items()}
        for model, name in USER_TABLES:
            rows = users.get(name) or []
            if not isinstance(rows, list):
                raise InputError(f"the bundle's users.json: {name} is not a list")
            table = model.__table__
            values: list[dict[str, Any]] = []
            lost = 0
            for record in rows:
                if not isinstance(record, dict):
                    raise InputError(f"the bundle's users.json: a row of {name} is malformed")
                row = {
                    column.key: _from_json(column, record[column.key])
                    for column in table.columns
                    if column.key in record and column.key != "article_id"
                }
                if "article_id" in table.columns:
                    key = _key_of(record.get("article"))
                    article_id = articles.get(key) if key else None
                    if record.get("article") is not None and article_id is None:
                        lost += 1
                    row["article_id"] = article_id
                if model is EntityRule:
                    row["payload"], linked = _import_payload(
                        record.get("payload") or {}, articles, parts
                    )
                    lost += not linked
                values.append(row)
            if values:
                session.execute(insert(table), values)
            report.rows[name] = len(values)
            report.unlinked[name] = lost
        bump_change_counter(session)


def import_archive(
    archive: Archive,
    path: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> BundleImportReport:
    """Fill an EMPTY archive from a bundle made by :func:`export_archive`.

    Every checksum is verified first (a changed bundle is refused before anything is
    written); the pages are imported through the importer with their recorded metadata;
    then users' rows are restored with their ids and re-linked by article key; entity
    corrections are re-applied to every article; the search index is brought up to date.

    Args:
        archive: an empty archive opened for writing.
        path: the bundle (zip file or folder).
        progress: called with (done, total, what) for each phase.
        cancel: polled; True stops (during the page import, the pages so far stay).

    Returns:
        What was imported.

    Raises:
        InputError: the bundle is not one, was changed, or the archive is not empty.
        CancelledError: cancelled.
    """
    if not archive.writable:
        raise ArchiveError("Open the archive for writing to import a bundle.")
    with archive.db.read() as session:
        if not _archive_is_empty(session):
            raise InputError(
                f"the archive at {archive.root} is not empty: import a bundle into a new archive "
                "(--archive NEW_FOLDER)"
            )
    reader = _BundleReader(Path(path))
    report = BundleImportReport()
    try:
        manifest = read_manifest(reader)
        _verify_members(reader, manifest, progress, cancel)
        records = _page_records(reader)
        users = json.loads(reader.read("users.json", MAX_MEMBER_BYTES).decode("utf-8"))
        if not isinstance(users, dict):
            raise InputError("the bundle's users.json is malformed")
        from reader.curation.portable import CURATION_MEMBER, import_curation

        curation: Any = None
        if CURATION_MEMBER in reader.names():  # bundles from before corrections have none
            curation = json.loads(reader.read(CURATION_MEMBER, MAX_MEMBER_BYTES).decode("utf-8"))
        _import_pages(archive, reader, records, report, progress, cancel)
    finally:
        reader.close()
    corrected = import_curation(archive, curation) if isinstance(curation, dict) else set()
    _restore_users(archive, users, report)
    if users.get("entity_rules") or corrected:
        from reader.entities.corrections import retag_articles

        with archive.db.read() as session:
            ids = list(session.scalars(select(Article.id)))
        retag_articles(archive, ids if users.get("entity_rules") else corrected)
    archive.search.ensure_current(progress, cancel)
    return report


def iter_bundle_members(path: Path) -> Iterator[str]:
    """The names of a bundle's members (for tests and tools)."""
    reader = _BundleReader(Path(path))
    try:
        yield from sorted(reader.names())
    finally:
        reader.close()

"""The original bytes of a page: what is stored (once for a PDF) and how it is exported.

Every page keeps its source in ``Page.source_bytes``: a text or HTML file's bytes, a ZIP
member's bytes, an ALTO file, or for a METS page a small ZIP of the METS file and its ALTO
file. A PDF holds several pages: its bytes are stored on the first of its pages stored, and
each other page stores a reference (a short text starting with :data:`REFERENCE_MAGIC`, then
JSON naming the PDF's checksum and the page). Export follows the reference to whichever
page of the same PDF holds the bytes; when none does any more (all replaced by a newer
version of the PDF), the export says so and the page's extracted text is still there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Page
from reader.errors import InputError, NotFoundError
from reader.formats.model import SourcePage

REFERENCE_MAGIC = b"%baokan-reader-source-reference\n"
_PDF_MAGIC = b"%PDF-"
_MEDIA_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "alto": "application/xml",
    "pdf": "application/pdf",
}


@dataclass(frozen=True, slots=True)
class Original:
    """The original of a page, ready to be written to a file."""

    file_name: str
    media_type: str
    data: bytes


def _holder_exists(session: Session, sibling_sha256: tuple[str, ...]) -> bool:
    """Whether a page read from the same PDF already holds its bytes."""
    prefix = func.substr(Page.source_bytes, 1, len(_PDF_MAGIC))
    return (
        session.scalar(
            select(Page.id)
            .where(Page.sha256.in_(sibling_sha256), prefix == _PDF_MAGIC)
            .limit(1)
        )
        is not None
    )


def bytes_to_store(session: Session, page: SourcePage) -> bytes:
    """What to store as a page's original: its bytes, or a reference for a PDF's other pages.

    Args:
        session: the write session storing the page (the check sees pages stored before).
        page: the page read.

    Returns:
        The bytes for ``Page.source_bytes``.
    """
    shared = page.shared
    if shared is None:
        return page.data
    siblings = tuple(sha for sha in shared.sibling_sha256 if sha != page.sha256)
    if siblings and _holder_exists(session, siblings):
        return reference_bytes(page)
    return page.data


def reference_bytes(page: SourcePage) -> bytes:
    """The reference stored instead of a shared file's bytes."""
    shared = page.shared
    if shared is None:
        raise ValueError("only a page of a shared file is stored as a reference")
    body = {
        "kind": shared.kind,
        "file": shared.file_name,
        "sha256": shared.sha256,
        "page": shared.page,
        "pages": shared.pages,
        "siblings": list(shared.sibling_sha256),
    }
    return REFERENCE_MAGIC + json.dumps(body, ensure_ascii=False).encode("utf-8")


def _suffix(source_name: str, source_format: str) -> str:
    if source_format == "alto" and ", page " in source_name:
        return ".zip"
    return {"text": ".txt", "html": ".html", "alto": ".xml", "pdf": ".pdf"}.get(
        source_format, ".bin"
    )


def _file_name(source_name: str, source_format: str) -> str:
    """A file name for the export: the source's own name (a METS page: its own ZIP)."""
    name = source_name.split(":", 1)[-1] if ".zip:" in source_name else source_name
    name, _, page = name.partition(", page ")
    name = name.replace("/", "_").replace("\\", "_") or "page"
    if _suffix(source_name, source_format) == ".zip":
        name = f"{name.rsplit('.', 1)[0]}-page{page or 1}.zip"
    return name


def page_original(session: Session, page_id: int) -> Original:
    """The original file a stored page was imported from.

    Args:
        session: a read session.
        page_id: the page.

    Returns:
        The file's name, type and bytes (for a PDF page: the whole PDF).

    Raises:
        NotFoundError: no such page.
        InputError: the page is a PDF page whose PDF is no longer stored.
    """
    row = session.execute(
        select(Page.source_name, Page.source_format, Page.source_bytes).where(Page.id == page_id)
    ).first()
    if row is None:
        raise NotFoundError(f"no page with id {page_id}")
    source_name, source_format, data = row[0], row[1], bytes(row[2])
    if data.startswith(REFERENCE_MAGIC):
        reference = json.loads(data[len(REFERENCE_MAGIC) :].decode("utf-8"))
        data = _resolve(session, reference, source_name)
        return Original(
            file_name=reference.get("file") or _file_name(source_name, source_format),
            media_type=_MEDIA_TYPES.get(str(reference.get("kind")), "application/octet-stream"),
            data=data,
        )
    media_type = "application/zip" if _suffix(source_name, source_format) == ".zip" else (
        _MEDIA_TYPES.get(source_format, "application/octet-stream")
    )
    return Original(
        file_name=_file_name(source_name, source_format), media_type=media_type, data=data
    )


def _resolve(session: Session, reference: dict[str, object], source_name: str) -> bytes:
    siblings = [str(sha) for sha in reference.get("siblings", []) or []]  # type: ignore[union-attr]
    prefix = func.substr(Page.source_bytes, 1, len(_PDF_MAGIC))
    for start in range(0, len(siblings), 500):
        holder = session.scalar(
            select(Page.source_bytes)
            .where(Page.sha256.in_(siblings[start : start + 500]), prefix == _PDF_MAGIC)
            .limit(1)
        )
        if holder is not None:
            return bytes(holder)
    raise InputError(
        f"{source_name}: the original PDF is no longer stored (a newer version of it replaced "
        "the page that held it); the page's text is still in the archive"
    )

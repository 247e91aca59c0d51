"""What every format reader produces: pages of the archive read from a source, or why not."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from reader.parsing.model import ParsedPage
from reader.store import PageMeta

SourceFormat = Literal["text", "html", "alto", "pdf"]

MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Size and count limits for untrusted sources (all checked while reading).

    Attributes:
        max_page_bytes: a plain-text or HTML page file.
        max_xml_bytes: an ALTO or METS file.
        max_pdf_bytes: a PDF file.
        max_pdf_pages: pages of one PDF.
        max_zip_bytes: a ZIP file on disk.
        max_zip_members: entries of one ZIP archive (its central directory is checked
            before it is read).
        max_zip_directory_bytes: the size of a ZIP's central directory.
        max_zip_total: bytes decompressed from one ZIP archive, all members together.
        max_zip_ratio: a member that decompresses to more than this many times its
            compressed size (beyond ``zip_ratio_floor`` bytes) is a ZIP bomb.
        zip_ratio_floor: small members are not judged by their ratio.
        max_image_bytes: a scan image file.
        max_image_pixels: width × height of a scan (a decompression bomb beyond).
    """

    max_page_bytes: int = 8 * MEGABYTE
    max_xml_bytes: int = 64 * MEGABYTE
    max_pdf_bytes: int = 256 * MEGABYTE
    max_pdf_pages: int = 2000
    max_zip_bytes: int = 2048 * MEGABYTE
    max_zip_members: int = 10_000
    max_zip_directory_bytes: int = 8 * MEGABYTE
    max_zip_total: int = 4096 * MEGABYTE
    max_zip_ratio: int = 200
    zip_ratio_floor: int = 1 * MEGABYTE
    max_image_bytes: int = 128 * MEGABYTE
    max_image_pixels: int = 250_000_000


@dataclass(frozen=True, slots=True)
class ScanImage:
    """A scan of a page, checked: its type sniffed from its bytes, its size from its header."""

    file_name: str
    media_type: str
    sha256: str
    width: int
    height: int
    data: bytes = field(repr=False)


@dataclass(slots=True)
class SharedOriginal:
    """A source file that holds several pages (a PDF): stored once, referenced by the others.

    Attributes:
        kind: ``pdf``.
        file_name: the file's name, for export.
        sha256: checksum of the whole file.
        page: this page's number in the file (1-based).
        pages: how many pages the file has.
        sibling_sha256: the ``sha256`` of every page read from this file (to find the
            page that holds the bytes).
    """

    kind: str
    file_name: str
    sha256: str
    page: int
    pages: int
    sibling_sha256: tuple[str, ...]


@dataclass(slots=True)
class SourcePage:
    """One page of the archive read from a source file (or a page or member of one).

    Attributes:
        name: how the page is named to the user and stored as its source: ``a1.txt``,
            ``paper.pdf, page 3``, ``bundle.zip:A01.html``.
        part: the page's place in its file (``page 3``, the ZIP member name), or None for a
            file that is one page.
        source_format: ``text``, ``html``, ``alto`` or ``pdf``.
        sha256: identity of the page's source (its bytes, and those of its scans): a page
            stored with this checksum is not imported again.
        data: the original bytes kept for export (see ``shared`` for PDF pages).
        text: the page's text as read (stored with the page; searchable export).
        parsed: the page's articles.
        encoding: how the text was decoded (``utf-8``, ``gb18030``; ``pdf`` for a PDF).
        confidence: 0..1, how sure the decoding is.
        document: metadata given by the document itself (HTML meta tags, METS), which
            wins over the masthead printed on the page.
        masthead: metadata printed on the page, found by the page parser.
        from_name: metadata read from the file name.
        default_label: the page label used when none is found.
        images: scans stored with the page.
        shared: set when ``data`` is a whole file shared by several pages.
        doubtful: the decoding is uncertain and should be checked.
        single: the file holds this page only (a page label given by the user then names it;
            it cannot name every page of a PDF, a METS issue or a ZIP archive).
    """

    name: str
    part: str | None
    source_format: SourceFormat
    sha256: str
    data: bytes = field(repr=False)
    text: str
    parsed: ParsedPage
    encoding: str
    confidence: float
    document: PageMeta = field(default_factory=PageMeta)
    masthead: PageMeta = field(default_factory=PageMeta)
    from_name: PageMeta = field(default_factory=PageMeta)
    default_label: str = ""
    images: list[ScanImage] = field(default_factory=list)
    shared: SharedOriginal | None = None
    doubtful: bool = False
    single: bool = True

    def found_meta(self) -> PageMeta:
        """The metadata found for the page: document over masthead over file name."""
        return self.document.merged_over(self.masthead).merged_over(self.from_name)


@dataclass(frozen=True, slots=True)
class KnownPage:
    """A page whose source is already stored with the same checksum (nothing to do)."""

    name: str
    part: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class FailedPage:
    """A page (or a whole file) that cannot be imported, and why; nothing of it is stored."""

    name: str
    part: str | None
    error: str


PageOutcome = SourcePage | KnownPage | FailedPage


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of some bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def combined_sha256(kind: str, *parts: str) -> str:
    """One checksum naming a page made of several checksummed pieces.

    Args:
        kind: what the pieces are (keeps a PDF page apart from a METS page).
        parts: the pieces' checksums (or page numbers), in a fixed order.

    Returns:
        A hex SHA-256.
    """
    return sha256_hex("\0".join((kind, *parts)).encode())


def page_sha256(data_sha256: str, images: list[ScanImage]) -> str:
    """The identity of a page file with its scans: its own checksum when it has none."""
    if not images:
        return data_sha256
    return combined_sha256("page+scans", data_sha256, *(image.sha256 for image in images))

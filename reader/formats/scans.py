"""Page scans: images found beside a page file or named by it, checked and stored with the page.

An image's type is sniffed from its first bytes, never taken from its suffix, and its width
and height are read from its header (PNG IHDR, JPEG SOFn, TIFF IFD) without decoding the
image: a scan whose pixel count is over the limit (a decompression bomb), or whose bytes
are not an image, is refused with a clear message. Decoding happens in the window only, with
an allocation limit. JPEG 2000 masters (common in METS packages) are not stored: the window
cannot show them.
"""

from __future__ import annotations

import posixpath
import struct
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import ArticlePart, Page, PageImage
from reader.errors import InputError, NotFoundError
from reader.formats.container import Container
from reader.formats.model import Limits, ScanImage, sha256_hex

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
"""Files with these suffixes beside a page file of the same stem are its scans."""

MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff"}

_OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "a JPEG 2000 image, which cannot be shown"),
    (b"\xff\x4f\xff\x51", "a JPEG 2000 codestream, which cannot be shown"),
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"<?xml", "an XML file"),
    (b"<", "a markup file"),
)


@dataclass(frozen=True, slots=True)
class ImageHeader:
    """What an image's header says: its type and size."""

    kind: str
    width: int
    height: int

    @property
    def media_type(self) -> str:
        """The MIME type (image/png, image/jpeg, image/tiff)."""
        return MEDIA_TYPES[self.kind]


def _png_header(data: bytes) -> ImageHeader:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ValueError("a PNG file without its header (truncated?)")
    width, height = struct.unpack(">II", data[16:24])
    return ImageHeader("png", width, height)


_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_header(data: bytes) -> ImageHeader:
    position = 2
    size = len(data)
    while position + 4 <= size:
        if data[position] != 0xFF:
            raise ValueError("a damaged JPEG file (no marker where one is due)")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):
            position += 2
            continue
        if marker in (0xD9, 0xDA):
            break  # end of image or start of scan before any frame header
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2:
            raise ValueError("a damaged JPEG file (bad segment length)")
        if marker in _SOF:
            if position + 9 > size:
                break
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return ImageHeader("jpeg", width, height)
        position += 2 + length
    raise ValueError("a JPEG file without a frame header (truncated?)")


def _tiff_header(data: bytes) -> ImageHeader:
    order = "<" if data[:2] == b"II" else ">"
    if len(data) < 8:
        raise ValueError("a truncated TIFF file")
    (magic, offset) = struct.unpack(order + "HI", data[2:8])
    if magic != 42:
        raise ValueError("a BigTIFF or damaged TIFF file, which is not supported")
    if offset + 2 > len(data):
        raise ValueError("a truncated TIFF file (no image directory)")
    (count,) = struct.unpack(order + "H", data[offset : offset + 2])
    width = height = 0
    for index in range(min(count, 4096)):
        start = offset + 2 + 12 * index
        entry = data[start : start + 12]
        if len(entry) < 12:
            break
        tag, kind, _number = struct.unpack(order + "HHI", entry[:8])
        if kind == 3:
            (value,) = struct.unpack(order + "H", entry[8:10])
        elif kind == 4:
            (value,) = struct.unpack(order + "I", entry[8:12])
        else:
            continue
        if tag == 256:
            width = value
        elif tag == 257:
            height = value
    if not width or not height:
        raise ValueError("a TIFF file without its width and height")
    return ImageHeader("tiff", width, height)


def read_image_header(data: bytes) -> ImageHeader:
    """Sniff an image's type from its bytes and read its size from its header.

    Args:
        data: the file's bytes.

    Returns:
        The type and size.

    Raises:
        ValueError: not a PNG, JPEG or TIFF image, or a damaged one (the message says what
            the bytes look like).
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        header = _png_header(data)
    elif data.startswith(b"\xff\xd8\xff"):
        header = _jpeg_header(data)
    elif data[:4] in (b"II*\x00", b"MM\x00*"):
        header = _tiff_header(data)
    else:
        for signature, kind in _OTHER_SIGNATURES:
            if data.startswith(signature):
                raise ValueError(f"not a PNG, JPEG or TIFF image (it looks like {kind})")
        if not data:
            raise ValueError("an empty file, not an image")
        raise ValueError("not a PNG, JPEG or TIFF image")
    if header.width <= 0 or header.height <= 0:
        raise ValueError(f"an image of impossible size {header.width}×{header.height}")
    return header


def check_scan(data: bytes, file_name: str, limits: Limits) -> ScanImage:
    """Check a scan's bytes and describe it for storage.

    Args:
        data: the image file's bytes.
        file_name: its name (kept for export).
        limits: the pixel limit.

    Returns:
        The checked scan.

    Raises:
        ValueError: not an image, damaged, or over the pixel limit.
    """
    header = read_image_header(data)
    pixels = header.width * header.height
    if pixels > limits.max_image_pixels:
        raise ValueError(
            f"an image of {header.width}×{header.height} pixels, over the limit of "
            f"{limits.max_image_pixels // 1_000_000} million (a decompression bomb?)"
        )
    return ScanImage(
        file_name=file_name,
        media_type=header.media_type,
        sha256=sha256_hex(data),
        width=header.width,
        height=header.height,
        data=data,
    )


def read_scan(container: Container, name: str, page_name: str, limits: Limits) -> ScanImage:
    """Read and check the scan ``name`` of the page ``page_name``.

    Raises:
        InputError: naming the page and the scan: unreadable, too large, not an image.
    """
    try:
        data = container.read(name, limits.max_image_bytes, what="a scan")
    except InputError as error:
        raise InputError(f"{page_name}: scan {error}") from None
    try:
        return check_scan(data, posixpath.basename(name), limits)
    except ValueError as error:
        raise InputError(f"{page_name}: scan {container.display(name)}: {error}") from None


def is_image_name(name: str) -> bool:
    """Whether a file name has a scan suffix."""
    return posixpath.splitext(name)[1].lower() in IMAGE_SUFFIXES


def sibling_scans(
    container: Container, name: str, page_name: str, limits: Limits
) -> list[ScanImage]:
    """The scans beside a page file: images with the same stem (a1.txt → a1.png, a1.jpg).

    Raises:
        InputError: such an image is not a usable image (the page is not imported then,
            so that the user can fix or remove the file).
    """
    return [
        read_scan(container, other, page_name, limits)
        for other in container.siblings_with_stem(name, IMAGE_SUFFIXES)
    ]


# ----- stored scans


@dataclass(frozen=True, slots=True)
class ScanInfo:
    """A stored scan, for the reader (its bytes are loaded on their own)."""

    id: int
    page_id: int
    page_label: str
    seq: int
    file_name: str
    media_type: str
    width: int | None
    height: int | None


def store_scans(session: Session, page_id: int, images: list[ScanImage]) -> None:
    """Replace the scans of a page with ``images`` (none: the page keeps no scan)."""
    session.execute(delete(PageImage).where(PageImage.page_id == page_id))
    for seq, image in enumerate(images):
        session.add(
            PageImage(
                page_id=page_id,
                seq=seq,
                file_name=image.file_name[:500],
                media_type=image.media_type,
                sha256=image.sha256,
                width=image.width,
                height=image.height,
                data=image.data,
            )
        )
    session.flush()


def scans_of_article(session: Session, article_id: int) -> list[ScanInfo]:
    """The scans of the pages an article is printed on, in the order of its parts.

    Args:
        session: a read session.
        article_id: the article.

    Returns:
        The scans (none when its pages have none).
    """
    rows = session.execute(
        select(PageImage, Page.label)
        .join(Page, Page.id == PageImage.page_id)
        .join(ArticlePart, ArticlePart.page_id == Page.id)
        .where(ArticlePart.article_id == article_id)
        .order_by(ArticlePart.part_no, PageImage.seq)
    ).all()
    seen: set[int] = set()
    out: list[ScanInfo] = []
    for image, label in rows:
        if image.id in seen:
            continue
        seen.add(image.id)
        out.append(
            ScanInfo(
                id=image.id,
                page_id=image.page_id,
                page_label=label,
                seq=image.seq,
                file_name=image.file_name,
                media_type=image.media_type,
                width=image.width,
                height=image.height,
            )
        )
    return out


def scan_bytes(session: Session, image_id: int) -> bytes:
    """The bytes of a stored scan.

    Raises:
        NotFoundError: no scan with that id.
    """
    data = session.scalar(select(PageImage.data).where(PageImage.id == image_id))
    if data is None:
        raise NotFoundError(f"no scan with id {image_id}")
    return bytes(data)

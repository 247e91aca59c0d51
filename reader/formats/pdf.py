"""Born-digital newspaper PDFs: the text layer of each page through the page parser.

One page of the PDF is one page of the archive (named ``paper.pdf, page 3``), each imported on
its own: a page without a text layer (a scan) or whose text cannot be extracted fails alone,
with its reason. Text comes from pypdf (BSD licence), whose own limits on decompressed stream
sizes guard against compression bombs inside the PDF. An encrypted PDF is read when it opens
with an empty password (permissions only), otherwise refused.

Originals: the PDF's bytes are kept once, on the first of its pages stored; every other page
keeps a small reference to it (see ``originals``), so a 40 MB issue is not stored 16 times
and its original can still be exported from any of its pages. Each page keeps its own
extracted text. A page's checksum is made of the PDF's checksum and the page number, so
importing the same PDF again is a no-op and a changed PDF replaces its pages in place.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from typing import Any

from reader.errors import InputError
from reader.formats.model import (
    PageOutcome,
    SharedOriginal,
    SourcePage,
    combined_sha256,
    sha256_hex,
)
from reader.formats.source import SourceFile
from reader.formats.text import parse_text
from reader.parsing.masthead import normalise_page_label
from reader.store import PageMeta
from reader.textio import normalize_text

WordCheck = Callable[[str], bool]

_MAGIC = b"%PDF-"

logger = logging.getLogger(__name__)


def _looks_like(data: bytes) -> str:
    from reader.formats.scans import read_image_header

    if data.startswith(b"PK\x03\x04"):
        return "a ZIP archive"
    try:
        header = read_image_header(data)
    except ValueError:
        pass
    else:
        return f"a {header.kind.upper()} image"
    if data.lstrip().startswith(b"<"):
        return "a markup file"
    return "something else"


_INDENT = ("\u3000", "  ", "\t")
_PARAGRAPH_END = tuple("。！？；…”’」』）)")


def reflow(text: str) -> str:
    """Rejoin the lines of paragraphs a PDF's layout wrapped, for the page parser.

    A PDF's text comes out one printed line per line. Where the page marks paragraphs by an
    indent (two or more indented lines), a line is joined to the one before when that one
    belongs to an indented paragraph, is as long as a full line of the page (the longest
    lines set the measure) and does not end a sentence; paragraphs are then separated by a
    blank line, as in a text page. Pages without indents are left as they are (the page
    parser rejoins hard-wrapped text itself).

    Args:
        text: the extracted text of one page.

    Returns:
        The text with wrapped paragraphs rejoined.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    if sum(1 for line in lines if line.startswith(_INDENT) and line.strip()) < 2:
        return text
    lengths = sorted(len(line) for line in lines if line.strip())
    measure = lengths[(len(lengths) * 3) // 4]
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            joinable = False
            continue
        indented = line.startswith(_INDENT)
        if joinable and not indented and paragraphs:
            paragraphs[-1] += stripped
        else:
            paragraphs.append(stripped)
            if not indented:
                joinable = False
                continue
        joinable = len(line) >= 0.85 * measure and not stripped.endswith(_PARAGRAPH_END)
    return "\n\n".join(paragraphs)


def pdf_page_sha256(document_sha256: str, number: int) -> str:
    """The checksum naming page ``number`` of the PDF with checksum ``document_sha256``."""
    return combined_sha256("pdf-page", document_sha256, str(number))


def _quiet_pypdf() -> None:
    """Keep pypdf's warnings about damaged files off the terminal (each page reports its own)."""
    pypdf_logger = logging.getLogger("pypdf")
    if not any(isinstance(handler, logging.NullHandler) for handler in pypdf_logger.handlers):
        pypdf_logger.addHandler(logging.NullHandler())


def _open(data: bytes, display: str) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    _quiet_pypdf()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:  # "secured" PDFs often open with an empty password
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise InputError(
                    f"{display}: encrypted PDF (AES); reading it needs the cryptography package"
                ) from None
            if not opened:
                raise InputError(
                    f"{display}: encrypted PDF (a password is needed to read its text)"
                )
        count = len(reader.pages)
    except InputError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on damaged files
        raise InputError(f"{display}: damaged PDF, cannot be read ({_reason(error)})") from None
    if count == 0:
        raise InputError(f"{display}: this PDF has no pages")
    return reader


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _page_text(reader: Any, index: int, name: str) -> str:
    try:
        text = reader.pages[index].extract_text() or ""
    except Exception as error:  # a damaged page: pypdf raises many kinds of errors
        logger.info("text extraction failed for %s", name, exc_info=True)
        raise InputError(f"{name}: its text cannot be extracted ({_reason(error)})") from None
    return normalize_text(text)


def read_pdf(source: SourceFile, is_word: WordCheck | None) -> Iterator[PageOutcome]:
    """Read the pages of a PDF, one outcome per page.

    Raises:
        InputError: the PDF cannot be opened at all (not a PDF, damaged, encrypted, too
            large, or too many pages).
    """
    data = source.read(source.limits.max_pdf_bytes, what="a PDF")
    if _MAGIC not in data[:1024]:
        raise InputError(f"{source.display}: not a PDF (it looks like {_looks_like(data)})")
    reader = _open(data, source.display)
    count = len(reader.pages)
    if count > source.limits.max_pdf_pages:
        raise InputError(
            f"{source.display}: {count} pages, more than the {source.limits.max_pdf_pages} "
            "accepted in one PDF"
        )
    document_sha = sha256_hex(data)
    shas = tuple(pdf_page_sha256(document_sha, number) for number in range(1, count + 1))
    from_name = source.meta_from_name()
    if count > 1:  # a file name's page label belongs to a one-page PDF only
        from_name = PageMeta(publication=from_name.publication, date=from_name.date)
    for number in range(1, count + 1):
        sha = shas[number - 1]
        if source.is_known(sha):
            yield source.known(sha, number)
            continue
        part, name = source.numbered(number)
        try:
            text = _page_text(reader, number - 1, name)
        except InputError as error:
            yield source.failed(str(error), number)
            continue
        if not text.strip():
            yield source.failed(
                f"{name}: no text layer (a scanned page? import its OCR text or ALTO file)",
                number,
            )
            continue
        parsed, masthead = parse_text(reflow(text), is_word)
        yield SourcePage(
            name=name,
            part=part,
            source_format="pdf",
            sha256=sha,
            data=data,
            text=text,
            parsed=parsed,
            encoding="pdf",
            confidence=1.0,
            masthead=masthead,
            from_name=from_name,
            default_label=normalise_page_label(str(number)) if count > 1 else source.stem,
            single=count == 1 and source.part is None,
            shared=SharedOriginal(
                kind="pdf",
                file_name=source.file_name,
                sha256=document_sha,
                page=number,
                pages=count,
                sibling_sha256=shas,
            ),
        )

"""Plain-text pages, and text extracted from other formats, through the page parser."""

from __future__ import annotations

from collections.abc import Callable

from reader.formats.model import PageOutcome, SourcePage
from reader.formats.source import SourceFile
from reader.parsing.model import ParsedPage
from reader.parsing.page import parse_page
from reader.store import PageMeta
from reader.textio import decode_page_bytes, normalize_text

WordCheck = Callable[[str], bool]


def parse_text(text: str, is_word: WordCheck | None = None) -> tuple[ParsedPage, PageMeta]:
    """Split a page's text into articles and read the metadata printed on it.

    Args:
        text: the page text (line ends normalised).
        is_word: dictionary look-up for column-break repair (see ``parse_page``).

    Returns:
        The parse and the masthead's metadata.
    """
    parsed = parse_page(text, is_word=is_word)
    masthead = PageMeta(
        publication=parsed.masthead.publication,
        date=parsed.masthead.date,
        page_label=parsed.masthead.page_label,
        number=parsed.masthead.number,
    )
    return parsed, masthead


def read_text_page(source: SourceFile, is_word: WordCheck | None) -> list[PageOutcome]:
    """Read a plain-text page file (any supported encoding) as one page.

    Raises:
        InputError: unreadable, too large, not text, or a scan beside it is not an image.
    """
    data = source.read(source.limits.max_page_bytes)
    images = source.sibling_scans()
    sha = source.page_sha256(data, images)
    if source.is_known(sha):
        return [source.known(sha)]
    decoded = decode_page_bytes(data, source=source.display)
    text = normalize_text(decoded.text)
    parsed, masthead = parse_text(text, is_word)
    return [
        SourcePage(
            name=source.display,
            part=source.part,
            source_format="text",
            sha256=sha,
            data=data,
            text=text,
            parsed=parsed,
            encoding=decoded.encoding,
            confidence=decoded.confidence,
            doubtful=decoded.doubtful,
            masthead=masthead,
            from_name=source.meta_from_name(),
            default_label=source.stem,
            images=images,
            single=source.part is None,
        )
    ]

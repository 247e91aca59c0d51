"""The page parser: the text of one newspaper page into its masthead, articles and furniture.

The steps: normalise the text and cut it into units (lines, or hard-wrapped lines rejoined;
``lines``), tell what each unit is (``classify``), take the masthead, rejoin paragraphs cut by
column breaks, then walk down the page forming articles (``articles``). See docs/parser.md.
"""

from __future__ import annotations

import logging
from collections import Counter

from reader.parsing.articles import PageBuilder, take_masthead
from reader.parsing.classify import Item, WordCheck, classify, repair_breaks, safe_word_check
from reader.parsing.lines import form_units, is_ignorable, normalise_text
from reader.parsing.model import Block, BlockKind, ParsedArticle, ParsedPage

logger = logging.getLogger(__name__)

__all__ = ["lost_text", "parse_page"]


def _parse(text: str, is_word: WordCheck | None) -> ParsedPage:
    page = ParsedPage()
    units = form_units(normalise_text(text))
    indented = sum(1 for unit in units if unit.indented)
    indent_mode = indented >= 3 and indented * 5 >= len(units)
    items: list[Item] = []
    for unit in units:
        items.append(classify(unit, items[-1] if items else None))
    items = take_masthead(items, page)
    items = repair_breaks(items, is_word, indent_mode)
    PageBuilder(page).build(items)
    return page


def parse_page(text: str, *, is_word: WordCheck | None = None) -> ParsedPage:
    """Parse the text of one newspaper page into its masthead, articles and furniture.

    Never raises on a ``str``: a page the rules cannot read comes back as one article holding
    every line as a paragraph.

    Args:
        text: the page text (BOM, CRLF and hard wrapping are handled).
        is_word: optional dictionary lookup (e.g. ``Segmenter.in_dictionary``) used to tell
            whether a line break cuts a word in two (开|发区); never required.

    Returns:
        The parsed page; every non-whitespace character of ``text`` is in exactly one of
        ``ParsedPage.pieces()``.
    """
    try:
        page = _parse(text, safe_word_check(is_word))
    except Exception:  # the parser must never fail an import; keep the text instead
        logger.exception("page parser failed; keeping the page as one article")
        return _fallback(text)
    return page


def _fallback(text: str) -> ParsedPage:
    page = ParsedPage()
    article = ParsedArticle()
    try:
        lines = normalise_text(text).split("\n")
    except Exception:
        logger.exception("cannot even split the page into lines")
        lines = [str(text)]
    for line in lines:
        if line.strip():
            article.blocks.append(Block(BlockKind.PARAGRAPH, line.strip()))
    if article.blocks:
        page.articles.append(article)
    return page


def _meaningful(text: str) -> Counter[str]:
    return Counter(char for char in text if not is_ignorable(char))


def lost_text(text: str, page: ParsedPage) -> tuple[str, str]:
    """Compare a page's text with what its parse kept, character by character.

    Whitespace, the byte order mark and control characters are ignored.

    Args:
        text: the page text given to :func:`parse_page`.
        page: its parse.

    Returns:
        (characters of the input missing from the pieces, characters of the pieces not in
        the input, or there more often), each sorted; both empty when nothing was lost or
        duplicated.
    """
    source = _meaningful(text)
    kept = _meaningful("".join(page.pieces()))
    missing = source - kept
    extra = kept - source
    return "".join(sorted(missing.elements())), "".join(sorted(extra.elements()))

"""Plain data produced by the page parser: a page's masthead, articles and furniture."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

#: How an article's blocks (paragraphs, headings) are joined into its body text; mention and
#: search offsets into "the body" are offsets into that text.
BODY_SEPARATOR = "\n"


class BlockKind(StrEnum):
    """What a block of an article body is."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    HEADING_DECK = "heading_deck"


@dataclass(slots=True)
class Block:
    """One block of an article body in reading order: a paragraph or a section heading."""

    kind: BlockKind
    text: str


@dataclass(slots=True)
class Masthead:
    """Page metadata printed on the page itself (publication, date, page label)."""

    publication: str | None = None
    date: dt.date | None = None
    page_label: str | None = None
    number: str | None = None


@dataclass(slots=True)
class ParsedArticle:
    """One article (or one part of an article that continues on another page).

    Attributes:
        title: the headline; empty for short items that start straight with 本报讯.
        subtitle: the deck (the —— line, dashes removed) or a subtitle line under the headline.
        kicker: a line printed above the headline (引题), if any.
        authors: personal names read from the byline, the credit's reporter list or a
            trailing credit such as （张鹏）; derived data, so not part of :meth:`ParsedPage.pieces`
            (the raw text they were read from is kept in ``byline``, ``credit`` or ``consumed``).
        byline: the byline line(s) under the headline as printed (杨晓, 本报记者 王楚), several
            lines joined with a newline.
        credit: the credit opener as printed, with its reporter list: 本刊讯, 本报讯,
            新华社北京12月31日电（记者 李明）, 本报北京1月4日讯记者刘玉琴报道：
        blocks: body paragraphs and section headings in reading order.
        captions: photo captions that belong to the article.
        continues_to: page label of the continuation (from （下转D5版）), normalised by
            ``reader.parsing.masthead.normalise_page_label`` (D5, 05).
        continued_from: page label this part continues from (from （上接D1版）).
        consumed: every raw string taken out of the page text but not kept verbatim in a
            field above (markers such as （下转D5版）, the raw （张鹏）, the —— of a deck,
            headline notes such as （附图片１张）), so that no character of the input is lost.
    """

    title: str = ""
    subtitle: str | None = None
    kicker: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    credit: str | None = None
    blocks: list[Block] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    continues_to: str | None = None
    continued_from: str | None = None
    consumed: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The body paragraphs (section headings excluded) in reading order."""
        return [block.text for block in self.blocks if block.kind is BlockKind.PARAGRAPH]

    @property
    def section_headings(self) -> list[str]:
        """The section headings inside the article, in order."""
        return [block.text for block in self.blocks if block.kind is BlockKind.HEADING]


@dataclass(slots=True)
class ParsedPage:
    """The result of parsing one page: its masthead, its articles and its page furniture."""

    masthead: Masthead = field(default_factory=Masthead)
    articles: list[ParsedArticle] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)

    def pieces(self) -> list[str]:
        """Every string of the page copied from the input, for no-text-lost checks.

        Each character of the input (whitespace aside) is in exactly one piece: the raw
        furniture lines, and per article its kicker, title, subtitle, byline, credit, blocks,
        captions and consumed strings. Derived data (``authors``, continuation labels, the
        masthead fields) is not included: the raw text it was read from is.
        """
        out: list[str] = list(self.furniture)
        for article in self.articles:
            out.extend(
                filter(None, (article.kicker, article.title, article.subtitle, article.byline,
                              article.credit))
            )
            out.extend(block.text for block in article.blocks)
            out.extend(article.captions)
            out.extend(article.consumed)
        return out

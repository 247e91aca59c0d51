"""Plain data produced by the page parser: a page's masthead, articles and furniture."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


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
        authors: personal names from the byline or a trailing credit such as （张鹏）.
        credit: the credit opener: 本刊讯, 本报讯, 新华社北京12月31日电, 本报记者 …
        blocks: body paragraphs and section headings in reading order.
        captions: photo captions that belong to the article.
        continues_to: page label of the continuation (from （下转D5版）).
        continued_from: page label this part continues from (from （上接D1版）).
        consumed: every raw string taken out of the page text but not kept verbatim in a
            field above (markers such as （下转D5版）, the raw （张鹏）, the —— of a deck), so
            that no character of the input is ever lost.
    """

    title: str = ""
    subtitle: str | None = None
    kicker: str | None = None
    authors: list[str] = field(default_factory=list)
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
        """Every string of the page that came from the input, for no-text-lost checks."""
        out: list[str] = list(self.furniture)
        for article in self.articles:
            out.append(article.title)
            out.extend(filter(None, (article.subtitle, article.kicker, article.credit)))
            out.extend(article.authors)
            out.extend(block.text for block in article.blocks)
            out.extend(article.captions)
            out.extend(article.consumed)
        return out

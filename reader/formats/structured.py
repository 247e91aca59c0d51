"""Articles whose parts the markup names (HTML, METS) built straight into the article model.

Structured sources say which text is the headline, the deck, the byline or the body, so they
do not go through the page parser's guessing: the fields go into a ``ParsedArticle`` as
given (nothing is lost: the markup's text is kept verbatim in the field it belongs to), and
only what the markup does not separate is read with the parser's own helpers — the credit
opening the first paragraph (本报讯（记者 李明）), a trailing credit （张鹏）, continuation
markers （下转第3版）, the dashes of a deck, names in a byline. The result is the same model
a text page gives, so storage, search, entities and the reader treat both alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.parsing.articles import take_markers
from reader.parsing.credits import (
    is_caption,
    split_credit_opener,
    split_deck_dashes,
    split_trailing_credit,
)
from reader.parsing.model import Block, BlockKind, ParsedArticle
from reader.parsing.names import names_in_credit, parse_byline


@dataclass(slots=True)
class ArticleFields:
    """An article as the markup gives it (every text as printed, whitespace trimmed)."""

    title: str = ""
    subtitle: str | None = None
    kicker: str | None = None
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)
    captions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether the article has no text at all."""
        return not (self.title or self.subtitle or self.kicker or self.paragraphs)


def clean_text(text: str | None) -> str:
    """Collapse the whitespace of markup text (CJK text keeps no spaces between lines)."""
    if not text:
        return ""
    out = ""
    for line in text.replace("\u3000", " ").splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if out and _needs_space(out, line):
            out += " "
        out += line
    return out


def _needs_space(left: str, right: str) -> bool:
    """A space is put back between two lines only where both sides are Latin letters/digits."""
    end, start = left[-1:], right[:1]
    return end.isascii() and end.isalnum() and start.isascii() and start.isalnum()


def _add_names(article: ParsedArticle, names: Sequence[str]) -> None:
    for name in names:
        if name and name not in article.authors:
            article.authors.append(name)


def build_article(fields: ArticleFields) -> ParsedArticle:
    """Turn an article's marked-up fields into the article model.

    Args:
        fields: the parts the markup names.

    Returns:
        The article: the credit opening the first paragraph and a trailing credit are moved
        to ``credit`` / ``consumed`` with their names in ``authors``, continuation markers
        set ``continues_to`` / ``continued_from``, captions found among the paragraphs are
        kept as captions.
    """
    article = ParsedArticle(title=clean_text(fields.title))
    article.kicker = clean_text(fields.kicker) or None
    subtitle = clean_text(fields.subtitle)
    if subtitle:
        split = split_deck_dashes(subtitle)
        if split is not None:
            dashes, subtitle = split
            article.consumed.append(dashes)
        article.subtitle = subtitle
    byline = clean_text(fields.byline)
    if byline:
        article.byline = byline
        names = parse_byline(byline)
        _add_names(article, names if names is not None else names_in_credit(byline))
    _add_names(article, fields.authors)
    if article.title:
        article.title, _forward = take_markers(article, article.title)
    first_body = True
    for index, raw in enumerate(fields.paragraphs):
        text = clean_text(raw)
        if not text:
            continue
        if index in fields.headings:
            article.blocks.append(Block(BlockKind.HEADING, text))
            continue
        text, _forward = take_markers(article, text)
        if not text:
            continue
        if first_body and article.credit is None:
            opener = split_credit_opener(text)
            if opener is not None:
                article.credit = opener.credit
                _add_names(article, opener.authors)
                text = opener.rest.strip()
        if text and is_caption(text) and len(text) < 200:
            article.captions.append(text)
            continue
        trailing = split_trailing_credit(text)
        if trailing is not None:
            text, raw_credit, names = trailing
            article.consumed.append(raw_credit)
            _add_names(article, names)
        if text:
            article.blocks.append(Block(BlockKind.PARAGRAPH, text))
            first_body = False
    for caption in fields.captions:
        text = clean_text(caption)
        if text:
            article.captions.append(text)
    return article

"""Reader selections ↔ annotation anchors: (field, start, end) in the article's reading text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.library import ArticleDetail
from reader.parsing.model import BODY_SEPARATOR
from ui.reader.document import RenderedArticle, python_offset, utf16_length
from ui.search.spans import body_spans_to_blocks

HEADLINE_FIELDS = ("title", "subtitle")
"""Headline fields an annotation may be anchored in (besides ``body``)."""


@dataclass(frozen=True, slots=True)
class AnnotationTarget:
    """A stretch of an article chosen to be annotated.

    Attributes:
        field: ``title``, ``subtitle`` or ``body``.
        start: the first character, a Python offset into the field's text (for ``body``:
            ``ArticleDetail.body``, every block joined with a newline).
        end: the offset past the last character.
        quote: the text covered (for the body it may hold newlines between paragraphs).
    """

    field: str
    start: int
    end: int
    quote: str


def field_text(article: ArticleDetail, field: str) -> str:
    """The text of an annotatable field of an article (empty when it has none)."""
    if field == "body":
        return article.body
    if field == "title":
        return article.title or ""
    if field == "subtitle":
        return article.subtitle or ""
    return ""


def _block_starts(blocks: Sequence[str]) -> list[int]:
    """Where each block starts in the body text."""
    starts: list[int] = []
    position = 0
    for text in blocks:
        starts.append(position)
        position += len(text) + len(BODY_SEPARATOR)
    return starts


def _body_offset(
    rendered: RenderedArticle, starts: Sequence[int], position: int, *, end: bool
) -> int | None:
    """The body offset of a document position, snapped into the body.

    A position between blocks (a page marker, a heading's margin) or outside the body
    moves forward to the next block's start (``end`` False) or back to the previous
    block's end (``end`` True). None when there is no block on that side.
    """
    previous: int | None = None
    for index, placed in enumerate(rendered.blocks):
        block_end = placed.start + utf16_length(placed.text)
        if placed.start <= position <= block_end:
            return starts[index] + python_offset(placed.text, position - placed.start)
        if position < placed.start:
            return starts[index] if not end else previous
        previous = starts[index] + len(placed.text)
    return previous if end else None


def _headline_field(rendered: RenderedArticle, position: int) -> tuple[str, int] | None:
    for name in HEADLINE_FIELDS:
        placed = rendered.fields.get(name)
        if placed is not None and (
            placed.start <= position <= placed.start + utf16_length(placed.text)
        ):
            return name, python_offset(placed.text, position - placed.start)
    return None


def _trimmed(field: str, text: str, start: int, end: int) -> AnnotationTarget | None:
    """The target with surrounding white space left out; None when nothing is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    start += len(piece) - len(piece.lstrip())
    return AnnotationTarget(field, start, start + len(stripped), stripped)


def selection_anchor(
    rendered: RenderedArticle, article: ArticleDetail, start: int, end: int
) -> AnnotationTarget | None:
    """The stretch of an article a selection of the reader covers, if it can be annotated.

    Unlike an entity tag, an annotation may run over several paragraphs (and page
    markers): its body offsets then span the blocks joined with newlines, and the markers
    between them are not part of the quote. A selection within the title or the subtitle
    anchors there; one that starts in the headline and runs into the body keeps its body
    part. Text outside the title, subtitle and body (the metadata line, captions, links)
    is left out.

    Args:
        rendered: the reader's layout of the article.
        article: the article shown.
        start: the selection's first document position.
        end: the document position past its end.

    Returns:
        The target (surrounding white space left out), or None when nothing annotatable
        is selected.
    """
    if end <= start:
        return None
    first = _headline_field(rendered, start)
    last = _headline_field(rendered, end)
    if first is not None and last is not None and first[0] == last[0]:
        name = first[0]
        return _trimmed(name, field_text(article, name), first[1], last[1])
    blocks = [block.text for block in article.blocks]
    if len(rendered.blocks) != len(blocks):
        return None  # the layout is not of this article
    starts = _block_starts(blocks)
    body_start = _body_offset(rendered, starts, start, end=False)
    body_end = _body_offset(rendered, starts, end, end=True)
    if body_start is None or body_end is None or body_end <= body_start:
        return None
    return _trimmed("body", article.body, body_start, body_end)


def body_pieces(article: ArticleDetail, start: int, end: int) -> list[tuple[int, int, int]]:
    """Body offsets → (block index, start, end) pieces of the reader, one per paragraph."""
    return body_spans_to_blocks([block.text for block in article.blocks], [(start, end)])


def target_is_current(article: ArticleDetail, target: AnnotationTarget) -> bool:
    """Whether the target still quotes the article's text at its offsets."""
    return field_text(article, target.field)[target.start : target.end] == target.quote


def position_anchor(
    rendered: RenderedArticle, article: ArticleDetail, position: int
) -> tuple[str, int] | None:
    """Where a document position falls in the article: (field, Python offset into it).

    ``field`` is ``title``, ``subtitle`` or ``body`` (the offset then counts in the
    blocks joined with newlines); None outside them (metadata, captions, page markers).
    """
    headline = _headline_field(rendered, position)
    if headline is not None:
        return headline
    if len(rendered.blocks) != len(article.blocks):
        return None
    starts = _block_starts([block.text for block in article.blocks])
    for index, placed in enumerate(rendered.blocks):
        if placed.start <= position <= placed.start + utf16_length(placed.text):
            return "body", starts[index] + python_offset(placed.text, position - placed.start)
    return None

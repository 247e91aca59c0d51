r"""Anchors of highlights: offsets, the quoted text and its context, re-found after text changes.

An annotation points at a stretch of one field of an article's reading text (``title``,
``subtitle`` or ``body`` — the body being every block joined with "\\n", as
:attr:`reader.library.ArticleDetail.body`), or at the whole article (field ``article``, no
quote). It is stored three ways: the character offsets, the quoted text, and up to
:data:`CONTEXT_CHARS` characters on each side. :func:`reanchor` finds it again in a changed
text, from the cheapest and surest evidence to the weakest:

1. the offsets still hold the quote (and no other occurrence has clearly better context) →
   ``anchored``;
2. the quote occurs elsewhere: the occurrence whose context matches best, then the one
   nearest the old offset → ``moved``;
3. the quote occurs once whitespace, full/half width, case and Traditional/Simplified forms are
   folded → ``moved``;
4. a fuzzy match (character bigrams propose places, :class:`difflib.SequenceMatcher` scores
   them) at least :data:`FUZZY_THRESHOLD` similar → ``moved``, the anchor now covering the
   new wording;
5. otherwise ``orphaned``: the old anchor is kept untouched, to be shown to the user.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from reader.errors import InputError
from reader.search.analyzer import fold

if TYPE_CHECKING:
    from reader.library import ArticleDetail

#: Fields an annotation can point into; ``article`` is a note on the whole article.
FIELDS = ("title", "subtitle", "body", "article")
TEXT_FIELDS = ("title", "subtitle", "body")
#: Characters of context kept on each side of a quote.
CONTEXT_CHARS = 30
#: Least similarity of a fuzzy match (2·matched / (quote + span), on folded text).
FUZZY_THRESHOLD = 0.8
#: Shorter quotes (after folding) are only re-found exactly: a fuzzy match would be noise.
MIN_FUZZY_QUOTE = 4
#: Candidate places scored with difflib per fuzzy search.
FUZZY_CANDIDATES = 6

ANCHORED = "anchored"
MOVED = "moved"
ORPHANED = "orphaned"
STATUSES = (ANCHORED, MOVED, ORPHANED)


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a highlight is: field, offsets ``[start, end)``, the quote and its context."""

    field: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Placement:
    """The result of re-anchoring: the (new) anchor, its status and how sure the match is.

    ``score`` is 1.0 for the quote found as it was, slightly less for a folded match, the
    similarity for a fuzzy one, and 0 for an orphan (whose anchor is the old one).
    """

    anchor: Anchor
    status: str
    score: float


def article_texts(detail: ArticleDetail) -> dict[str, str]:
    """The texts an annotation's offsets refer to, by field (title, subtitle, body)."""
    return {"title": detail.title or "", "subtitle": detail.subtitle or "", "body": detail.body}


def _anchor_at(text: str, field: str, start: int, end: int) -> Anchor:
    return Anchor(
        field=field,
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def _check_field(field: str) -> None:
    if field not in TEXT_FIELDS:
        raise InputError(f"unknown field {field!r}: use one of {', '.join(TEXT_FIELDS)}")


def make_anchor(text: str, field: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]`` in a field, with its context.

    Args:
        text: the field's text.
        field: title, subtitle or body.
        start: first character (0-based).
        end: one past the last character.

    Returns:
        The anchor.

    Raises:
        InputError: unknown field, or an empty range or one outside the text.
    """
    _check_field(field)
    if not 0 <= start < end <= len(text):
        raise InputError(
            f"the range {start}–{end} is not a stretch of the {field} "
            f"(it has {len(text)} characters)"
        )
    return _anchor_at(text, field, start, end)


def find_quote(text: str, field: str, quote: str, occurrence: int = 0) -> Anchor:
    """The anchor of the n-th occurrence of ``quote`` in a field.

    The quote is looked for as given, then with whitespace, width, case and Traditional/
    Simplified forms folded (so a passage copied from elsewhere still matches).

    Args:
        text: the field's text.
        field: title, subtitle or body.
        quote: the passage.
        occurrence: which occurrence (0 = the first).

    Returns:
        The anchor.

    Raises:
        InputError: the quote is empty or not in the text, or there are fewer occurrences.
    """
    _check_field(field)
    if not quote.strip():
        raise InputError("the quoted text is empty")
    if occurrence < 0:
        raise InputError("the occurrence number must not be negative")
    spans = [(start, start + len(quote)) for start in _occurrences(text, quote)]
    if not spans:
        spans = _folded_spans(text, quote)
    if not spans:
        raise InputError(f"the {field} does not contain “{_short(quote)}”")
    if occurrence >= len(spans):
        raise InputError(
            f"the {field} contains “{_short(quote)}” {len(spans)} time(s); "
            f"occurrence {occurrence} does not exist (counting from 0)"
        )
    start, end = spans[occurrence]
    return _anchor_at(text, field, start, end)


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _occurrences(text: str, needle: str) -> list[int]:
    found: list[int] = []
    if not needle:
        return found
    position = text.find(needle)
    while position >= 0:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


def _normalise(text: str) -> tuple[str, list[int]]:
    """Folded text without whitespace, and each of its characters' offset in ``text``."""
    folded = fold(text)
    chars: list[str] = []
    offsets: list[int] = []
    for offset, char in enumerate(folded):
        if not char.isspace():
            chars.append(char)
            offsets.append(offset)
    return "".join(chars), offsets


def _folded_spans(text: str, quote: str) -> list[tuple[int, int]]:
    needle, _ = _normalise(quote)
    if not needle:
        return []
    haystack, offsets = _normalise(text)
    return [
        (offsets[start], offsets[start + len(needle) - 1] + 1)
        for start in _occurrences(haystack, needle)
    ]


def _common_prefix(left: str, right: str) -> int:
    count = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        count += 1
    return count


def context_score(text: str, start: int, end: int, anchor: Anchor) -> float:
    """How well the text around ``[start, end)`` matches the anchor's context (0..1)."""
    if anchor.prefix:
        before = text[max(0, start - len(anchor.prefix)) : start]
        left = _common_prefix(before[::-1], anchor.prefix[::-1]) / len(anchor.prefix)
    else:
        left = 1.0 if start == 0 else 0.0
    if anchor.suffix:
        after = text[end : end + len(anchor.suffix)]
        right = _common_prefix(after, anchor.suffix) / len(anchor.suffix)
    else:
        right = 1.0 if end == len(text) else 0.0
    return (left + right) / 2


def _best(text: str, spans: list[tuple[int, int]], anchor: Anchor) -> tuple[int, int, float] | None:
    """The span with the best context, then nearest the old offset: (start, end, context)."""
    best: tuple[float, int, int, int] | None = None
    for start, end in spans:
        context = context_score(text, start, end, anchor)
        key = (context, -abs(start - anchor.start), start, end)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return None
    return best[2], best[3], best[0]


def _fuzzy(text: str, anchor: Anchor) -> tuple[int, int, float] | None:
    """The best fuzzy match of the quote: (start, end, similarity), or None."""
    needle, _ = _normalise(anchor.quote)
    length = len(needle)
    if length < MIN_FUZZY_QUOTE:
        return None
    haystack, offsets = _normalise(text)
    if not haystack:
        return None
    positions: dict[str, list[int]] = defaultdict(list)
    for index in range(len(haystack) - 1):
        positions[haystack[index : index + 2]].append(index)
    votes: Counter[int] = Counter()
    for index in range(length - 1):
        for position in positions.get(needle[index : index + 2], ()):
            votes[position - index] += 1
    if not votes:
        return None
    least = max(1, int(0.3 * (length - 1)))
    slack = length // 3 + 2
    best: tuple[float, float, int, int] | None = None
    seen: list[int] = []
    for offset, count in votes.most_common():
        if count < least or len(seen) >= FUZZY_CANDIDATES:
            break
        if any(abs(offset - other) <= slack for other in seen):
            continue
        seen.append(offset)
        low = max(0, offset - slack)
        window = haystack[low : offset + length + slack]
        matcher = SequenceMatcher(None, window, needle, autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        if not blocks:
            continue
        matched = sum(block.size for block in blocks)
        span_start = low + blocks[0].a
        span_end = low + blocks[-1].a + blocks[-1].size
        similarity = 2 * matched / (length + span_end - span_start)
        start, end = offsets[span_start], offsets[span_end - 1] + 1
        context = context_score(text, start, end, anchor)
        key = (similarity, context, start, end)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None or best[0] < FUZZY_THRESHOLD:
        return None
    return best[2], best[3], best[0]


def _locate(anchor: Anchor, text: str) -> tuple[int, int, float] | None:
    """Find the anchor's quote in a text: (start, end, score) or None."""
    spans = [(start, start + len(anchor.quote)) for start in _occurrences(text, anchor.quote)]
    found = _best(text, spans, anchor)
    if found is not None:
        return found[0], found[1], 1.0
    found = _best(text, _folded_spans(text, anchor.quote), anchor)
    if found is not None:
        return found[0], found[1], 0.95
    return _fuzzy(text, anchor)


def reanchor(anchor: Anchor, new_text: str) -> Placement:
    """Find an anchor again in the new text of its field.

    Args:
        anchor: the anchor as stored.
        new_text: the field's text now.

    Returns:
        ``anchored`` (same place; context refreshed), ``moved`` (a new anchor at the quote's
        new place, its quote the text found there) or ``orphaned`` (the old anchor, unchanged).
    """
    if anchor.field == "article" or not anchor.quote:
        return Placement(anchor, ANCHORED, 1.0)
    if new_text[anchor.start : anchor.end] == anchor.quote and anchor.start >= 0:
        here = context_score(new_text, anchor.start, anchor.end, anchor)
        spans = [(s, s + len(anchor.quote)) for s in _occurrences(new_text, anchor.quote)]
        best = _best(new_text, spans, anchor)
        if best is None or best[2] <= here + 0.25 or best[0] == anchor.start:
            return Placement(
                _anchor_at(new_text, anchor.field, anchor.start, anchor.end), ANCHORED, 1.0
            )
    found = _locate(anchor, new_text)
    if found is None:
        return Placement(anchor, ORPHANED, 0.0)
    start, end, score = found
    return Placement(_anchor_at(new_text, anchor.field, start, end), MOVED, score)


def reanchor_in_texts(anchor: Anchor, texts: Mapping[str, str]) -> Placement:
    """Re-anchor in the anchor's own field first, then in the article's other fields.

    A re-parse may move a passage between fields (a deck read as body text): a quote not in
    its own field any more is looked for in the others; the best match wins.

    Args:
        anchor: the anchor as stored.
        texts: field → text of the article now (see :func:`article_texts`).

    Returns:
        The placement (``orphaned`` with the old anchor when no field holds the quote).
    """
    if anchor.field == "article" or not anchor.quote:
        return Placement(anchor, ANCHORED, 1.0)
    own = texts.get(anchor.field)
    if own is not None:
        placed = reanchor(anchor, own)
        if placed.status != ORPHANED:
            return placed
    best: Placement | None = None
    for field in TEXT_FIELDS:
        text = texts.get(field)
        if field == anchor.field or not text:
            continue
        found = _locate(replace(anchor, field=field), text)
        if found is not None and (best is None or found[2] > best.score):
            best = Placement(_anchor_at(text, field, found[0], found[1]), MOVED, found[2])
    return best if best is not None else Placement(anchor, ORPHANED, 0.0)

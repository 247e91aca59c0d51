"""Snippets: a window of an article's text around the query's matches, with the matches marked."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.search.analyzer import fold

DEFAULT_MARKERS = ("【", "】")
ELLIPSIS = "…"
_MAX_SPANS_PER_TERM = 500


@dataclass(slots=True)
class Snippet:
    """A window of a text with its matches.

    Attributes:
        marked: the window with each match between the markers.
        text: the window without markers (an ellipsis at a cut end).
        spans: ``(start, end)`` of the matches in ``text``.
        all_spans: ``(start, end)`` of every match in the whole text.
    """

    marked: str = ""
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    all_spans: list[tuple[int, int]] = field(default_factory=list)


def find_spans(text: str, terms: list[str], folded: str | None = None) -> list[tuple[int, int]]:
    """Find the matches of folded query terms in a text, merged where they touch.

    Args:
        text: the original text.
        terms: folded query strings (runs of searchable characters).
        folded: ``fold(text)`` if already computed.

    Returns:
        Sorted, non-overlapping ``(start, end)`` character offsets into ``text``.
    """
    if folded is None:
        folded = fold(text)
    found: list[tuple[int, int]] = []
    for term in set(terms):
        if not term:
            continue
        start = folded.find(term)
        count = 0
        while start >= 0 and count < _MAX_SPANS_PER_TERM:
            found.append((start, start + len(term)))
            count += 1
            start = folded.find(term, start + len(term))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _flatten(text: str) -> str:
    return "".join(" " if char in "\r\n\t\u2028\u2029" else char for char in text)


def make_snippet(
    text: str,
    terms: list[str],
    width: int = 100,
    markers: tuple[str, str] = DEFAULT_MARKERS,
) -> Snippet:
    """Cut a window of about ``width`` characters holding the most matches, and mark them.

    Args:
        text: the article's text (body).
        terms: folded query strings to highlight.
        width: the window's length in characters.
        markers: the strings put before and after each match.

    Returns:
        The snippet; without matches, the beginning of the text.
    """
    spans = find_spans(text, terms)
    if not text:
        return Snippet()
    if spans:
        best_start = spans[0][0]
        best_score = -1
        right = 0
        for left, (start, _) in enumerate(spans):
            right = max(right, left)
            while right + 1 < len(spans) and spans[right + 1][1] <= start + width:
                right += 1
            score = right - left + 1
            if score > best_score:
                best_score = score
                best_start = start
        lead = min(width // 5, best_start)
        start = best_start - lead
        # Prefer to start at a sentence or paragraph boundary close before the match.
        for index in range(best_start - 1, start - 1, -1):
            if text[index] in "。！？\n":
                start = index + 1
                break
    else:
        start = 0
    while start < len(text) and text[start].isspace():
        start += 1
    end = min(len(text), start + width)
    window = _flatten(text[start:end])
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    plain = prefix + window + suffix
    local: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        clipped = (max(span_start, start) - start, min(span_end, end) - start)
        local.append((clipped[0] + len(prefix), clipped[1] + len(prefix)))
    pieces: list[str] = []
    cursor = 0
    for span_start, span_end in local:
        pieces.append(plain[cursor:span_start])
        pieces.append(markers[0] + plain[span_start:span_end] + markers[1])
        cursor = span_end
    pieces.append(plain[cursor:])
    return Snippet("".join(pieces), plain, local, spans)

"""Match spans of a search hit mapped from the whole body text onto the article's blocks."""

from __future__ import annotations

from collections.abc import Sequence

BODY_SEPARATOR = "\n"


def body_spans_to_blocks(
    blocks: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """Convert spans in the body text (blocks joined with newlines) to block offsets.

    A span that runs over a block boundary is cut into one piece per block; the
    separators themselves are never part of a piece. Spans beyond the text are dropped.

    Args:
        blocks: the text of each block, in reading order.
        spans: ``(start, end)`` Python character offsets into the blocks joined with
            newlines.

    Returns:
        ``(block_index, start, end)`` with offsets into ``blocks[block_index]``, sorted.
    """
    starts: list[int] = []
    position = 0
    for text in blocks:
        starts.append(position)
        position += len(text) + len(BODY_SEPARATOR)
    pieces: list[tuple[int, int, int]] = []
    for span_start, span_end in sorted(spans):
        if span_end <= span_start:
            continue
        for index, block_start in enumerate(starts):
            block_end = block_start + len(blocks[index])
            start = max(span_start, block_start)
            end = min(span_end, block_end)
            if start < end:
                pieces.append((index, start - block_start, end - block_start))
    return pieces

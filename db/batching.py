"""Id lists cut into pieces for ``IN (…)`` clauses, below SQLite's limit on bound parameters."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

IN_CLAUSE_BATCH = 500


def in_batches(ids: Iterable[int], size: int = IN_CLAUSE_BATCH) -> Iterator[Sequence[int]]:
    """Yield consecutive pieces of at most ``size`` ids, in the order given.

    Args:
        ids: the ids (any iterable; read once).
        size: the largest piece.

    Yields:
        Lists of ids.
    """
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]

"""Drop the answers of background reads that a newer read of the same thing superseded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class LatestOnly:
    """A generation counter for one kind of read (the list, the diff, the article shown…).

    ``fresh = reads.start()`` begins a read; wrapping its callbacks with ``fresh(fn)``
    makes them do nothing once another read has started (or :meth:`drop` was called), so
    a slow answer never overwrites a newer one.
    """

    def __init__(self) -> None:
        """Create the counter (no read started)."""
        self._generation = 0

    def start(self) -> Callable[[Callable[..., Any]], Callable[..., None]]:
        """Begin a read: returns the wrapper for its callbacks."""
        self._generation += 1
        generation = self._generation

        def fresh(fn: Callable[..., Any]) -> Callable[..., None]:
            def call(*args: Any) -> None:
                if generation == self._generation:
                    fn(*args)

            return call

        return fresh

    def drop(self) -> None:
        """Forget the read under way: its answer will be ignored."""
        self._generation += 1

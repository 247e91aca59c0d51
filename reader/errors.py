"""Error types of the domain layer: problems with the user's input versus bugs of ours."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class ReaderError(Exception):
    """Base class of every error raised on purpose by ``reader`` and ``db``."""


class InputError(ReaderError):
    """The user's input is unusable (a file, a query, an argument); the message says why."""


class DecodeError(InputError):
    """A page file's bytes could not be decoded into real text."""


class ParseError(InputError):
    """A page file decoded but could not be read as a page."""


class QuerySyntaxError(InputError):
    """A search query is malformed."""


class NotFoundError(InputError):
    """An id or name given by the user does not exist in the archive."""


class ArchiveError(ReaderError):
    """The archive itself cannot be used as asked (locked, newer schema, corrupt)."""


class ArchiveLockedError(ArchiveError):
    """Another process holds the archive open for writing."""


class SchemaTooNewError(ArchiveError):
    """The archive was written by a newer version of the program."""


class ArchiveCorruptError(ArchiveError):
    """The archive database failed its integrity check; ``backups`` are good ones, newest first."""

    def __init__(self, message: str, backups: Sequence[Path] = ()) -> None:
        """Carry the message and the verified backups that could replace the database."""
        super().__init__(message)
        self.backups: list[Path] = list(backups)


class CancelledError(ReaderError):
    """A long operation was cancelled by its caller."""


class InternalError(ReaderError):
    """A bug of ours: an invariant did not hold."""

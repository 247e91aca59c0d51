"""The archive's writer lock: one writing process per archive, released when it dies."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO

from reader.errors import ArchiveLockedError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class WriterLock:
    """An advisory lock on a file (flock), held for as long as the process keeps it open.

    The kernel drops the lock when the process exits, however it exits, so a crash never
    leaves the archive locked. The file records who holds it, for the message that
    refuses a second writer.
    """

    def __init__(self, path: Path) -> None:
        """Prepare a lock on ``path`` (nothing is locked until :meth:`acquire`)."""
        self.path = path
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock or fail at once.

        Raises:
            ArchiveLockedError: another process holds it; the message names that process.
        """
        if self._handle is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.seek(0)
                holder = self._describe(handle.read())
                handle.close()
                raise ArchiveLockedError(
                    f"The archive {self.path.parent} is open for writing by another process "
                    f"({holder}). Close it there first; read-only commands still work."
                ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "command": " ".join(sys.argv)[:300]}))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Give the lock back (closing the file releases it)."""
        if self._handle is None:
            return
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.close()
        self._handle = None

    @staticmethod
    def _describe(content: str) -> str:
        try:
            info = json.loads(content)
            return f"process {info['pid']}: {info.get('command') or '?'}"
        except (ValueError, KeyError, TypeError):
            return "unknown process"

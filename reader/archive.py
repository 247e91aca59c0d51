"""An open archive: its database, writer lock, segmenter, and schema migration on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import migrate
from db.engine import Database
from db.models import ArchiveMeta
from reader.backup import RestoreResult, backup_archive, good_backups, restore_files
from reader.errors import ArchiveCorruptError, ArchiveError
from reader.integrity import is_database_file, quick_check
from reader.lock import WriterLock
from reader.paths import ArchivePaths
from reader.segment import Segmenter

if TYPE_CHECKING:
    from reader.indexing import ArchiveSearch

CHANGE_COUNTER_KEY = "change_counter"


def bump_change_counter(session: Session) -> int:
    """Count one more change of the archive's content, inside the caller's transaction.

    The search index is stamped with this counter, so an index that missed a change is
    recognised as stale.

    Args:
        session: an open write session.

    Returns:
        The new value of the counter.
    """
    row = session.get(ArchiveMeta, CHANGE_COUNTER_KEY)
    if row is None:
        row = ArchiveMeta(key=CHANGE_COUNTER_KEY, value="0")
        session.add(row)
    row.value = str(int(row.value) + 1)
    return int(row.value)


def read_change_counter(session: Session) -> int:
    """The archive's change counter as seen by ``session`` (0 for a new archive)."""
    value = session.scalar(select(ArchiveMeta.value).where(ArchiveMeta.key == CHANGE_COUNTER_KEY))
    return int(value) if value is not None else 0


class Archive:
    """One archive folder opened by this process.

    Opening for writing takes the archive's writer lock (a second writer is refused with
    a message naming the holder) and migrates an older schema after a verified backup;
    opening read-only does neither and refuses an archive that needs migration.

    Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, paths: ArchivePaths, *, write: bool = True, verify: bool = True) -> None:
        """Open the archive at ``paths``.

        Args:
            paths: the archive's folders (created if missing when writing).
            write: take the writer lock and allow changes.
            verify: run SQLite's ``quick_check`` on the database first (about 0.15 s per
                150 MB); the window skips it on big archives and runs it in the background.

        Raises:
            ArchiveLockedError: another process writes to this archive.
            SchemaTooNewError: the archive comes from a newer program.
            ArchiveCorruptError: the database failed its check (carries good backups).
            ArchiveError: the database cannot be opened.
        """
        self.paths = paths
        self.writable = write
        self.verified = False
        self._lock = WriterLock(paths.lock_file)
        if write:
            paths.ensure()
            self._lock.acquire()
        elif not paths.database.exists():
            raise ArchiveError(f"No archive at {paths.root}: import some pages first.")
        try:
            if verify:
                self.verify()
            self.db = Database(paths.database)
            self._prepare_schema()
        except sqlite3.DatabaseError as error:
            self._lock.release()
            raise ArchiveError(
                f"The archive database {paths.database} is unusable: {error}"
            ) from error
        except BaseException:
            self._lock.release()
            raise
        self.segmenter = Segmenter(paths.cache_dir / "jieba")
        self._search: ArchiveSearch | None = None

    def verify(self) -> None:
        """Run ``quick_check`` on the database (nothing to check before the first import).

        Raises:
            ArchiveCorruptError: the database failed its check; the error lists the newest
                backups that pass theirs.
        """
        database = self.paths.database
        if not database.exists() or database.stat().st_size == 0:
            self.verified = True
            return
        problems = ["not an SQLite database"] if not is_database_file(database) else []
        problems = problems or quick_check(database, read_only=not self.writable)
        if problems:
            backups = good_backups(self.paths.backups_dir)
            advice = (
                f"the newest good backup is {backups[0].name}: restore it (restore command, or "
                "Archive ▸ Restore from backup in the window)"
                if backups
                else "there is no good backup to restore"
            )
            raise ArchiveCorruptError(
                f"The archive database {database} is damaged ({'; '.join(problems[:3])}); "
                f"{advice}.",
                backups,
            )
        self.verified = True

    def restore(self, backup: Path) -> RestoreResult:
        """Replace this open archive's database by a backup, keeping the current one aside.

        Every connection is closed first and reopened on the next use; the search index is
        marked stale (rebuild it). See :func:`reader.backup.restore_backup`.

        Raises:
            ArchiveError: the archive is open read-only, or the backup cannot be restored.
        """
        if not self.writable:
            raise ArchiveError("Open the archive for writing to restore a backup.")
        if self._search is not None:
            self._search.close()
        self.db.dispose()
        try:
            result = restore_files(self.paths, backup)
        finally:
            self.db.dispose()
        self._prepare_schema()
        self.verified = True
        return result

    def _prepare_schema(self) -> None:
        fresh = migrate.is_empty(self.db.read_engine)
        if not migrate.needs_upgrade(self.db.read_engine):
            return
        if not self.writable:
            raise ArchiveError(
                f"The archive at {self.paths.root} needs an upgrade; open it for writing once."
            )
        if not fresh:
            backup_archive(self.paths, reason="migration")
        migrate.upgrade(self.db.write_engine)

    @property
    def search(self) -> ArchiveSearch:
        """The archive's search index (bound on first use; see :class:`ArchiveSearch`)."""
        if self._search is None:
            from reader.indexing import ArchiveSearch

            self._search = ArchiveSearch(self.paths, self.db, self.segmenter)
        return self._search

    def close(self) -> None:
        """Release the search index, the database connections and the writer lock."""
        if self._search is not None:
            self._search.close()
        self.db.dispose()
        self._lock.release()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def root(self) -> Path:
        """The archive folder."""
        return self.paths.root

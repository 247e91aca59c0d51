"""Online backups of the archive database through SQLite's backup API, verified before kept."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from reader.errors import ArchiveError

DEFAULT_KEEP = 10


def _quick_check(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("PRAGMA quick_check").fetchone()
        return row is not None and row[0] == "ok"
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


def backup_database(
    database: Path, backups_dir: Path, *, reason: str, keep: int = DEFAULT_KEEP
) -> Path:
    """Copy a live database into the backups folder and verify the copy.

    The copy is made with SQLite's online backup API (never a file copy, which can pair a
    database with the wrong WAL), checked with ``quick_check``, and only then given its
    final name; the oldest backups beyond ``keep`` are removed.

    Args:
        database: the live database file.
        backups_dir: where backups are kept.
        reason: a short word for the file name (``migration``, ``import``, ``manual``).
        keep: how many backups to keep.

    Returns:
        The path of the verified backup.

    Raises:
        ArchiveError: the backup could not be made or did not verify.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    final = backups_dir / f"archive-{stamp}-{reason}.sqlite3"
    partial = final.with_suffix(".partial")
    source = sqlite3.connect(database)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise ArchiveError(f"Backup of {database} failed: {error}") from error
    finally:
        source.close()
    if not _quick_check(partial):
        partial.unlink(missing_ok=True)
        raise ArchiveError(f"The backup of {database} did not pass its integrity check.")
    partial.rename(final)
    for old in list_backups(backups_dir)[keep:]:
        old.unlink(missing_ok=True)
    return final


def list_backups(backups_dir: Path) -> list[Path]:
    """The verified backups in a folder, newest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(backups_dir.glob("archive-*.sqlite3"), reverse=True)

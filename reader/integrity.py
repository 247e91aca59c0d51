"""SQLite's own checks of a database file: quick_check at open, integrity_check on demand."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: At most this many problems are listed by one check (SQLite stops there).
MAX_PROBLEMS = 50


def _check(path: Path, pragma: str, *, read_only: bool) -> list[str]:
    if read_only:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    else:
        connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 10000")
        rows = connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise  # not a verdict on the file
        return [f"cannot be read: {error}"]
    except sqlite3.DatabaseError as error:
        return [f"not a usable database: {error}"]
    finally:
        connection.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def quick_check(path: Path, *, read_only: bool = False) -> list[str]:
    """Run ``PRAGMA quick_check`` on a database file (linear in its size: ≈ 0.15 s per 150 MB).

    Args:
        path: the database file (its WAL beside it is read too).
        read_only: open it read-only (a backup that must stay untouched).

    Returns:
        The problems found; empty when the database is sound.

    Raises:
        sqlite3.OperationalError: the database is locked (no verdict).
    """
    return _check(path, "quick_check", read_only=read_only)


def integrity_check(path: Path, *, read_only: bool = False) -> list[str]:
    """Run the full ``PRAGMA integrity_check`` (also compares every index with its table).

    Args:
        path: the database file.
        read_only: open it read-only.

    Returns:
        The problems found; empty when the database is sound.
    """
    return _check(path, "integrity_check", read_only=read_only)


def is_database_file(path: Path) -> bool:
    """Whether a file starts with SQLite's header (an empty or missing file is not one)."""
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False

"""Online backups of the archive database (SQLite's backup API), verified, rotated, restorable.

A backup is written under a temporary name, made self-contained (no WAL beside it), checked
with ``quick_check`` and only then given its final name ``archive-<time>-<reason>.sqlite3``;
one that fails its check is deleted and the failure raised, so it never joins the rotation.
The newest ``keep`` backups are kept (an archive setting, :data:`DEFAULT_KEEP` by default).

Restoring takes the archive's writer lock, verifies the backup, moves the current database
aside (kept as ``archive.sqlite3.replaced-<time>`` or ``.corrupt-<time>``, never deleted),
copies the backup in and marks the search index stale.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ArchiveError, InputError, NotFoundError, SchemaTooNewError
from reader.integrity import is_database_file, quick_check
from reader.lock import WriterLock
from reader.paths import ArchivePaths

#: Backups kept when the archive's settings do not say otherwise.
DEFAULT_KEEP = 8
#: The archive setting (in ``settings.json``) holding how many backups to keep.
KEEP_SETTING = "backups_keep"
#: An import of at least this many files is preceded by a backup.
BULK_IMPORT_FILES = 20
#: A ``.partial`` file older than this is a leftover of a killed backup.
STALE_PARTIAL_SECONDS = 3600

_NAME = re.compile(r"^archive-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z0-9-]+)\.sqlite3$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file and what is known about it.

    Attributes:
        path: the file.
        created: when it was taken (from its name).
        reason: why (``manual``, ``idle``, ``import``, ``migration`` …).
        size: its size in bytes.
        problems: what its check found (empty: good); None when not checked.
    """

    path: Path
    created: dt.datetime | None
    reason: str
    size: int
    problems: list[str] | None = None

    @property
    def ok(self) -> bool | None:
        """True when checked and good, False when checked and bad, None when not checked."""
        return None if self.problems is None else not self.problems

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the ``backups --json`` output)."""
        return {
            "path": str(self.path),
            "name": self.path.name,
            "created": self.created.isoformat(timespec="seconds") if self.created else None,
            "reason": self.reason,
            "size": self.size,
            "verified": self.ok,
            "problems": self.problems or [],
        }


@dataclass(slots=True)
class RestoreResult:
    """What a restore did."""

    backup: Path
    database: Path
    moved_aside: list[Path] = field(default_factory=list)
    was_corrupt: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the ``restore --json`` output)."""
        return {
            "backup": str(self.backup),
            "database": str(self.database),
            "moved_aside": [str(path) for path in self.moved_aside],
            "was_corrupt": self.was_corrupt,
        }


# ----------------------------------------------------------------------------- settings


def _read_settings(paths: ArchivePaths) -> dict[str, Any]:
    try:
        data = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def backup_keep(paths: ArchivePaths) -> int:
    """How many backups this archive keeps (its setting, else :data:`DEFAULT_KEEP`)."""
    value = _read_settings(paths).get(KEEP_SETTING)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    return DEFAULT_KEEP


def set_backup_keep(paths: ArchivePaths, keep: int) -> None:
    """Change how many backups this archive keeps (at least 1); other settings are kept.

    Raises:
        InputError: ``keep`` is below 1.
    """
    if keep < 1:
        raise InputError("at least one backup must be kept")
    settings = _read_settings(paths)
    settings[KEEP_SETTING] = keep
    paths.root.mkdir(parents=True, exist_ok=True)
    temporary = paths.settings_file.with_suffix(".tmp")
    temporary.write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, paths.settings_file)


# ----------------------------------------------------------------------------- making backups


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        descriptor = os.open(path, flags)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(descriptor)


def _copy_database(source_path: Path, target_path: Path, *, read_only_source: bool) -> None:
    """Copy a database through the backup API into a self-contained file (no WAL beside it)."""
    if read_only_source:
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    else:
        source = sqlite3.connect(source_path)
    try:
        source.execute("PRAGMA busy_timeout = 10000")
        target = sqlite3.connect(target_path, isolation_level=None)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    finally:
        source.close()
    _fsync(target_path)


def verify_backup(path: Path) -> list[str]:
    """Check a backup without changing it: SQLite's quick_check, then the archive's schema.

    Returns:
        The problems found; empty when the backup can be restored.
    """
    if not is_database_file(path):
        return ["not an SQLite database"]
    problems = quick_check(path, read_only=True)
    if problems:
        return problems
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return ["not an archive database (no schema version)"]
    finally:
        connection.close()
    return []


def backup_database(
    database: Path, backups_dir: Path, *, reason: str, keep: int = DEFAULT_KEEP
) -> Path:
    """Copy a live database into the backups folder, verify the copy, rotate the old ones.

    The copy is made with SQLite's online backup API (never a file copy, which can pair a
    database with the wrong WAL), made self-contained, checked with ``quick_check`` and
    only then given its final name; then the oldest backups beyond ``keep`` are removed.

    Args:
        database: the live database file.
        backups_dir: where backups are kept.
        reason: a short word for the file name (``migration``, ``import``, ``manual``).
        keep: how many backups to keep (the newest; at least this one).

    Returns:
        The path of the verified backup.

    Raises:
        ArchiveError: the backup could not be made, or failed its check (it was deleted).
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(backups_dir)
    word = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "backup"
    while True:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        final = backups_dir / f"archive-{stamp}-{word}.sqlite3"
        if not final.exists():
            break
        time.sleep(0.001)
    partial = final.with_suffix(".partial")
    try:
        _copy_database(database, partial, read_only_source=False)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise ArchiveError(f"The backup of {database} failed: {error}") from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ArchiveError(f"The backup of {database} could not be written: {error}") from error
    problems = verify_backup(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise ArchiveError(
            f"The backup of {database} failed its check and was deleted: {'; '.join(problems)}"
        )
    os.replace(partial, final)
    _fsync(backups_dir)
    rotate_backups(backups_dir, keep)
    return final


def backup_archive(paths: ArchivePaths, *, reason: str) -> Path:
    """Back up an archive's database, keeping as many backups as its settings say.

    Raises:
        ArchiveError: no database yet, or the backup failed (see :func:`backup_database`).
    """
    if not is_database_file(paths.database):
        raise ArchiveError(f"No archive database at {paths.root} to back up.")
    return backup_database(
        paths.database, paths.backups_dir, reason=reason, keep=backup_keep(paths)
    )


def _has_pages(database: Path) -> bool:
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute("SELECT 1 FROM page LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def backup_before_import(paths: ArchivePaths, files: int) -> Path | None:
    """Back up before a bulk import (at least :data:`BULK_IMPORT_FILES` files).

    An archive without pages has nothing to lose and is not backed up.

    Args:
        paths: the archive.
        files: how many files are about to be imported.

    Returns:
        The backup, or None when none was needed.

    Raises:
        ArchiveError: the backup failed (the import should not start).
    """
    if files < BULK_IMPORT_FILES or not _has_pages(paths.database):
        return None
    return backup_archive(paths, reason="import")


def rotate_backups(backups_dir: Path, keep: int) -> list[Path]:
    """Delete the oldest backups beyond the newest ``keep`` (at least one is kept).

    Returns:
        The backups deleted.
    """
    removed = list_backups(backups_dir)[max(1, keep) :]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def _remove_stale_partials(backups_dir: Path) -> None:
    now = time.time()
    for partial in backups_dir.glob("archive-*.partial"):
        try:
            if now - partial.stat().st_mtime > STALE_PARTIAL_SECONDS:
                partial.unlink()
        except OSError:
            continue


# ----------------------------------------------------------------------------- listing


def list_backups(backups_dir: Path) -> list[Path]:
    """The backups in a folder (files that passed their check when made), newest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(
        (path for path in backups_dir.glob("archive-*.sqlite3") if _NAME.match(path.name)),
        key=lambda path: path.name,
        reverse=True,
    )


def describe_backup(path: Path, *, verify: bool = True) -> BackupInfo:
    """What a backup file is: time, reason, size, and (``verify``) whether it checks out."""
    match = _NAME.match(path.name)
    created = None
    reason = ""
    if match is not None:
        created = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
        reason = match["reason"]
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    problems = verify_backup(path) if verify else None
    return BackupInfo(path=path, created=created, reason=reason, size=size, problems=problems)


def describe_backups(backups_dir: Path, *, verify: bool = True) -> list[BackupInfo]:
    """Every backup of a folder, newest first, each checked when ``verify``."""
    return [describe_backup(path, verify=verify) for path in list_backups(backups_dir)]


def good_backups(backups_dir: Path, *, limit: int = 3) -> list[Path]:
    """The newest backups that pass their check (at most ``limit``), newest first."""
    found: list[Path] = []
    for path in list_backups(backups_dir):
        if not verify_backup(path):
            found.append(path)
            if len(found) >= limit:
                break
    return found


def resolve_backup(paths: ArchivePaths, name: str) -> Path:
    """Find the backup a user named: a path, a file name in the backups folder, or ``latest``.

    Raises:
        NotFoundError: there is no such backup.
    """
    if name == "latest":
        backups = list_backups(paths.backups_dir)
        if not backups:
            raise NotFoundError(f"The archive at {paths.root} has no backups.")
        return backups[0]
    candidate = Path(name).expanduser()
    for path in (candidate, paths.backups_dir / name):
        if path.is_file():
            return path.resolve()
    raise NotFoundError(f"No backup {name!r} (see the backups command).")


# ----------------------------------------------------------------------------- restoring


def _schema_revision(path: Path) -> str | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def _check_revision(backup: Path) -> None:
    from db import migrate

    revision = _schema_revision(backup)
    if revision is None or revision == migrate.HEAD_REVISION:
        return
    if revision not in migrate.known_revisions():
        raise SchemaTooNewError(
            f"The backup {backup.name} was written by a newer version of the program "
            f"(schema {revision}); update the program to restore it."
        )


def _database_files(database: Path) -> list[Path]:
    return [database, Path(f"{database}-wal"), Path(f"{database}-shm")]


def _checkpoint(database: Path) -> None:
    """Fold a healthy database's WAL into it, so that the file alone holds every commit."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 10000")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _move_aside(database: Path) -> tuple[list[Path], bool]:
    """Move the database (and its WAL and shared memory) aside; nothing is deleted."""
    if not database.exists():
        return [], False
    corrupt = not is_database_file(database) or bool(quick_check(database))
    if not corrupt:
        try:
            _checkpoint(database)
        except sqlite3.Error:
            corrupt = True
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = Path(f"{database}.{'corrupt' if corrupt else 'replaced'}-{stamp}")
    number = 1
    while base.exists():
        number += 1
        base = Path(f"{database}.{'corrupt' if corrupt else 'replaced'}-{stamp}-{number}")
    moved: list[Path] = []
    # The WAL goes with its database (named so that SQLite pairs them again when opened).
    for source, suffix in zip(_database_files(database), ("", "-wal", "-shm"), strict=True):
        if source.exists():
            target = Path(f"{base}{suffix}")
            os.replace(source, target)
            moved.append(target)
    return moved, corrupt


def mark_index_stale(paths: ArchivePaths) -> None:
    """Make the search index fail its check, so that it is rebuilt from the database.

    The stamp keeps its format and loses its "clean" state: the index is then "broken", and
    the next open or search rebuilds it (the old files are replaced, never trusted).
    """
    from reader.search.index import STAMP_NAME

    stamp_path = paths.index_dir / STAMP_NAME
    if not stamp_path.exists():
        return
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        stamp = None
    if not isinstance(stamp, dict):
        stamp_path.unlink(missing_ok=True)
        return
    stamp["state"] = "stale"
    temporary = stamp_path.with_suffix(".tmp")
    temporary.write_text(json.dumps(stamp, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, stamp_path)


def restore_files(paths: ArchivePaths, backup: Path) -> RestoreResult:
    """Put a backup in place of the archive's database; the caller holds the writer lock.

    Every connection to the database must be closed (or disposed) before, and reopened
    after. See :func:`restore_backup`.

    Raises:
        ArchiveError: the backup fails its check or cannot be copied.
        SchemaTooNewError: the backup comes from a newer program.
    """
    backup = Path(backup)
    if not backup.is_file():
        raise NotFoundError(f"No backup file {backup}.")
    problems = verify_backup(backup)
    if problems:
        raise ArchiveError(
            f"The backup {backup.name} failed its check and cannot be restored: "
            f"{'; '.join(problems[:3])}"
        )
    _check_revision(backup)
    database = paths.database
    incoming = Path(f"{database}.restoring")
    incoming.unlink(missing_ok=True)
    try:
        _copy_database(backup, incoming, read_only_source=True)
    except (sqlite3.Error, OSError) as error:
        incoming.unlink(missing_ok=True)
        raise ArchiveError(f"The backup {backup.name} could not be copied: {error}") from error
    if quick_check(incoming):
        incoming.unlink(missing_ok=True)
        raise ArchiveError(f"The copy of the backup {backup.name} failed its check.")
    moved, corrupt = _move_aside(database)
    os.replace(incoming, database)
    _fsync(database.parent)
    mark_index_stale(paths)
    return RestoreResult(backup=backup, database=database, moved_aside=moved, was_corrupt=corrupt)


def restore_backup(paths: ArchivePaths, backup: Path) -> RestoreResult:
    """Replace an archive's database by a backup (the archive must not be open anywhere).

    Takes the writer lock (refused while another process writes), verifies the backup,
    moves the current database aside (kept, never deleted: ``.corrupt-<time>`` when it
    fails its check, else ``.replaced-<time>``), copies the backup in, and marks the
    search index stale.

    Args:
        paths: the archive.
        backup: the backup file.

    Returns:
        What was done.

    Raises:
        ArchiveLockedError: another process has the archive open for writing.
        ArchiveError: the backup fails its check or cannot be copied.
        SchemaTooNewError: the backup comes from a newer program.
    """
    paths.ensure()
    lock = WriterLock(paths.lock_file)
    lock.acquire()
    try:
        return restore_files(paths, backup)
    finally:
        lock.release()

"""Database settings, backups (verified, rotated), restore, and a corrupt database at open."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Annotation, Article, Page
from reader import backup as backup_module
from reader.archive import Archive
from reader.backup import (
    BULK_IMPORT_FILES,
    DEFAULT_KEEP,
    backup_archive,
    backup_database,
    backup_keep,
    describe_backups,
    good_backups,
    list_backups,
    resolve_backup,
    restore_backup,
    set_backup_keep,
    verify_backup,
)
from reader.errors import ArchiveCorruptError, ArchiveError, ArchiveLockedError, NotFoundError
from reader.importer import Importer
from reader.paths import ArchivePaths
from reader.search.index import IndexStatus
from reader.segment import Segmenter
from tests.reader.reliability.corpus import write_corpus


def corrupt(database: Path) -> None:
    """Overwrite a few pages in the middle of a database file (a bad disk, a bad copy)."""
    data = bytearray(database.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 5 * page)):
        data[offset] = 0x5A
    database.write_bytes(bytes(data))


def article_count(paths: ArchivePaths) -> int:
    connection = sqlite3.connect(paths.database)
    try:
        return connection.execute("SELECT count(*) FROM article").fetchone()[0]
    finally:
        connection.close()


# ----- the database's own settings


def test_the_writer_commits_fully_and_waits_for_a_busy_database(archive: Archive) -> None:
    with archive.db.write_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_write_transactions_begin_immediate(archive: Archive) -> None:
    """A write transaction holds the write lock from its start, not from its first write."""
    entered = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with archive.db.write() as session:
            session.scalar(select(func.count(Article.id)))  # only a read so far
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    assert entered.wait(5)
    other = sqlite3.connect(archive.paths.database, timeout=0.05)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        release.set()
        thread.join()


# ----- backups


def test_a_backup_is_a_verified_self_contained_copy(filled: Archive) -> None:
    path = backup_archive(filled.paths, reason="manual")
    assert path.parent == filled.paths.backups_dir and path.name.endswith("-manual.sqlite3")
    assert verify_backup(path) == []
    assert not Path(f"{path}-wal").exists()  # no WAL beside it: the file is the backup
    assert sorted(p.name for p in filled.paths.backups_dir.iterdir()) == [path.name]
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert connection.execute("SELECT count(*) FROM article").fetchone()[0] == 3
    finally:
        connection.close()
    infos = describe_backups(filled.paths.backups_dir)
    assert [info.ok for info in infos] == [True]
    assert infos[0].reason == "manual" and infos[0].size > 0


def test_backups_rotate_keeping_the_newest(filled: Archive) -> None:
    assert backup_keep(filled.paths) == DEFAULT_KEEP
    set_backup_keep(filled.paths, 3)
    assert backup_keep(filled.paths) == 3
    made = [backup_archive(filled.paths, reason="idle") for _ in range(5)]
    kept = list_backups(filled.paths.backups_dir)
    assert kept == list(reversed(made))[:3]
    with pytest.raises(Exception, match="at least one"):
        set_backup_keep(filled.paths, 0)


def test_a_damaged_settings_file_means_the_default(filled: Archive) -> None:
    filled.paths.settings_file.write_text("{broken", encoding="utf-8")
    assert backup_keep(filled.paths) == DEFAULT_KEEP
    set_backup_keep(filled.paths, 2)  # and it can be written again
    assert backup_keep(filled.paths) == 2


def test_a_backup_failing_its_check_is_deleted_and_reported(
    filled: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = backup_archive(filled.paths, reason="manual")
    monkeypatch.setattr(backup_module, "verify_backup", lambda _path: ["page 7 is damaged"])
    with pytest.raises(ArchiveError, match="failed its check and was deleted"):
        backup_archive(filled.paths, reason="manual")
    assert list(filled.paths.backups_dir.iterdir()) == [good]  # never joined the rotation


def test_a_damaged_backup_is_listed_as_bad_and_never_offered(filled: Archive) -> None:
    older = backup_archive(filled.paths, reason="manual")
    newer = backup_archive(filled.paths, reason="manual")
    corrupt(newer)
    verdicts = {info.path: info.ok for info in describe_backups(filled.paths.backups_dir)}
    assert verdicts == {newer: False, older: True}
    assert good_backups(filled.paths.backups_dir) == [older]


def test_a_bulk_import_is_preceded_by_a_backup(
    filled: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert BULK_IMPORT_FILES == 20
    monkeypatch.setattr(backup_module, "BULK_IMPORT_FILES", 3)  # three files make a bulk
    write_corpus(tmp_path / "few", days=1, pages=2)
    Importer(filled).run([tmp_path / "few"])
    assert list_backups(filled.paths.backups_dir) == []
    write_corpus(tmp_path / "many", days=1, pages=3, seed=8)
    (tmp_path / "many" / "桐江晚报_2023-03-01_01.txt").rename(
        tmp_path / "many" / "x_2023-04-01_01.txt"
    )
    before = article_count(filled.paths)
    Importer(filled).run([tmp_path / "many"])
    (backup,) = list_backups(filled.paths.backups_dir)
    assert backup.name.endswith("-import.sqlite3")
    assert article_count(filled.paths) > before
    connection = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:  # taken before the import
        assert connection.execute("SELECT count(*) FROM article").fetchone()[0] == before
    finally:
        connection.close()


def test_an_empty_archive_is_not_backed_up_before_its_first_import(
    archive: Archive, tmp_path: Path, segmenter: Segmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive.segmenter = segmenter
    monkeypatch.setattr(backup_module, "BULK_IMPORT_FILES", 2)
    write_corpus(tmp_path / "many", days=1, pages=2)
    Importer(archive).run([tmp_path / "many"])
    assert list_backups(archive.paths.backups_dir) == []


# ----- restore


def test_restore_puts_the_backup_back_and_keeps_the_current_database(
    filled: Archive, tmp_path: Path
) -> None:
    paths = filled.paths
    backup = backup_archive(paths, reason="manual")
    filled.search.ensure_current()
    with filled.db.write() as session:
        session.add(Annotation(article_id=1, quote="老街", note="备份之后写的"))
    filled.close()
    result = restore_backup(paths, resolve_backup(paths, "latest"))
    assert result.backup == backup and not result.was_corrupt
    aside = result.moved_aside[0]
    assert aside.name.startswith("archive.sqlite3.replaced-")
    kept = sqlite3.connect(f"file:{aside}?mode=ro", uri=True)
    try:  # the replaced database is whole: its WAL was folded in before it moved
        assert kept.execute("SELECT note FROM annotation").fetchall() == [("备份之后写的",)]
    finally:
        kept.close()
    with Archive(paths, write=True) as reopened:
        with reopened.db.read() as session:
            assert session.scalar(select(func.count(Annotation.id))) == 0
            assert session.scalar(select(func.count(Page.id))) == 2
        assert reopened.search.status() is not IndexStatus.OK  # marked stale: rebuilt
        assert reopened.search.ensure_current() is True
        assert reopened.search.search("老街").total > 0


def test_restore_is_refused_while_another_process_writes(filled: Archive) -> None:
    backup = backup_archive(filled.paths, reason="manual")
    with pytest.raises(ArchiveLockedError, match=r"process \d+"):
        restore_backup(filled.paths, backup)


def test_a_damaged_backup_cannot_be_restored(filled: Archive) -> None:
    backup = backup_archive(filled.paths, reason="manual")
    corrupt(backup)
    filled.close()
    with pytest.raises(ArchiveError, match="failed its check"):
        restore_backup(filled.paths, backup)
    assert article_count(filled.paths) == 3  # nothing was touched


def test_an_unknown_backup_name_is_a_clear_error(archive_paths: ArchivePaths) -> None:
    with pytest.raises(NotFoundError, match="no backups"):
        resolve_backup(archive_paths, "latest")
    with pytest.raises(NotFoundError, match="No backup"):
        resolve_backup(archive_paths, "archive-19990101-000000-000000-manual.sqlite3")


def test_restoring_within_the_open_archive_reconnects(filled: Archive) -> None:
    backup = backup_archive(filled.paths, reason="manual")
    with filled.db.write() as session:
        session.add(Annotation(article_id=1, quote="老街"))
    result = filled.restore(backup)
    assert result.moved_aside
    with filled.db.read() as session:  # the same engines, now on the restored file
        assert session.scalar(select(func.count(Annotation.id))) == 0
        assert session.scalar(select(func.count(Article.id))) == 3


# ----- a corrupt database found at open


def test_a_corrupt_database_is_refused_at_open_with_the_good_backups(filled: Archive) -> None:
    paths = filled.paths
    good = backup_archive(paths, reason="manual")
    filled.close()
    corrupt(paths.database)
    with pytest.raises(ArchiveCorruptError, match="damaged") as caught:
        Archive(paths, write=True)
    assert caught.value.backups == [good]
    assert good.name in str(caught.value)
    with pytest.raises(ArchiveCorruptError):
        Archive(paths, write=False)
    with Archive(paths, write=False, verify=False):  # the check can be left to the caller
        pass
    result = restore_backup(paths, good)
    assert result.was_corrupt
    assert any(path.name.startswith("archive.sqlite3.corrupt-") for path in result.moved_aside)
    with Archive(paths, write=True) as reopened:
        assert reopened.verified
    assert article_count(paths) == 3


def test_a_file_that_is_not_a_database_is_refused_as_corrupt(archive_paths: ArchivePaths) -> None:
    archive_paths.ensure()
    archive_paths.database.write_bytes(b"\x00" * 4096 + b"nothing of SQLite here")
    with pytest.raises(ArchiveCorruptError, match="no good backup"):
        Archive(archive_paths, write=True)
    assert archive_paths.database.read_bytes().endswith(b"nothing of SQLite here")  # untouched


def test_backup_database_keeps_its_signature_for_migrations(
    filled: Archive, tmp_path: Path
) -> None:
    path = backup_database(filled.paths.database, tmp_path / "elsewhere", reason="Migration 3!")
    assert path.name.endswith("-migration-3.sqlite3")
    assert verify_backup(path) == []

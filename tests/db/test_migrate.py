"""Schema migrations: a new archive is at head, a newer archive is refused, backups precede."""

from __future__ import annotations

import sqlite3

import pytest

from db import migrate
from reader.archive import Archive
from reader.backup import list_backups
from reader.errors import ArchiveLockedError, SchemaTooNewError
from reader.paths import ArchivePaths


def test_new_archive_is_created_at_the_newest_revision(archive: Archive) -> None:
    assert migrate.current_revision(archive.db.read_engine) == migrate.head_revision()
    pragmas = archive.db.write_engine.connect()
    try:
        assert pragmas.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert pragmas.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        pragmas.close()


def test_an_archive_from_a_newer_program_is_refused(archive_paths: ArchivePaths) -> None:
    Archive(archive_paths).close()
    connection = sqlite3.connect(archive_paths.database)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        Archive(archive_paths)


def test_an_older_archive_is_backed_up_before_it_is_migrated(
    archive_paths: ArchivePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    Archive(archive_paths).close()
    connection = sqlite3.connect(archive_paths.database)
    connection.execute("INSERT INTO publication (name, created_at) VALUES ('旧刊', '2020-01-01')")
    connection.commit()
    connection.close()
    upgraded: list[bool] = []
    monkeypatch.setattr(migrate, "needs_upgrade", lambda _engine: True)
    monkeypatch.setattr(
        migrate,
        "upgrade",
        lambda _engine: upgraded.append(bool(list_backups(archive_paths.backups_dir))),
    )
    Archive(archive_paths).close()
    assert upgraded == [True]  # the backup existed when the upgrade ran
    backups = list_backups(archive_paths.backups_dir)
    restored = sqlite3.connect(backups[0])
    assert restored.execute("SELECT name FROM publication").fetchall() == [("旧刊",)]
    restored.close()


def test_a_second_writer_is_refused_with_the_holder_named(archive: Archive) -> None:
    with pytest.raises(ArchiveLockedError, match=r"process \d+"):
        Archive(archive.paths, write=True)


def test_readers_may_open_alongside_the_writer(archive: Archive) -> None:
    with Archive(archive.paths, write=False) as reader:
        assert reader.writable is False


def test_the_head_constant_is_alembics_head() -> None:
    assert migrate.head_revision() == migrate.HEAD_REVISION


def test_opening_a_current_archive_does_not_load_alembic(archive_paths: ArchivePaths) -> None:
    import subprocess
    import sys

    Archive(archive_paths).close()
    script = (
        "import sys\n"
        "from reader.archive import Archive\n"
        "from reader.paths import ArchivePaths\n"
        f"Archive(ArchivePaths(__import__('pathlib').Path({str(archive_paths.root)!r}))).close()\n"
        "print(any(name.split('.')[0] == 'alembic' for name in sys.modules))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "False"


def test_an_archive_of_the_first_schema_keeps_its_pages_when_upgraded(
    archive_paths: ArchivePaths,
) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    archive_paths.ensure()
    engine = create_engine(f"sqlite:///{archive_paths.database}")
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO publication (id, name, created_at) "
            " VALUES (1, '岚河科技周报', '2023-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO issue (id, publication_id, date, unsorted) VALUES (1, 1, '2023-11-24', 0)"
        )
        connection.exec_driver_sql(
            "INSERT INTO page (id, issue_id, label, source_name, sha256, encoding,"
            " encoding_confidence, imported_at, text, source_bytes, furniture)"
            " VALUES (1, 1, 'A1', 'a1.txt', 'x', 'utf-8', 1.0, '2023-11-24', '正文', X'00', '[]')"
        )
    engine.dispose()

    with Archive(archive_paths) as archive:
        assert migrate.current_revision(archive.db.read_engine) == migrate.HEAD_REVISION
        with archive.db.read_engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT label, text, source_format FROM page"
            ).fetchall()
    assert rows == [("A1", "正文", "text")]
    assert list_backups(archive_paths.backups_dir)  # backed up before the upgrade

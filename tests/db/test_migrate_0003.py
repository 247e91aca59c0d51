"""Upgrading an archive of schema 0002 to 0003 (curation history) keeps every row."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine

from db import migrate
from reader.archive import Archive
from reader.paths import ArchivePaths

_ROWS = (
    "INSERT INTO publication (id, name, created_at) VALUES (1, '岚河科技周报', '2023-01-01')",
    "INSERT INTO issue (id, publication_id, date, unsorted) VALUES (1, 1, '2023-11-24', 0)",
    "INSERT INTO page (id, issue_id, label, source_name, sha256, encoding, encoding_confidence,"
    " imported_at, text, source_bytes, furniture, source_format)"
    " VALUES (1, 1, 'A1', 'a1.txt', 'x', 'utf-8', 1.0, '2023-11-24', '正文', X'00', '[]', 'html')",
    "INSERT INTO article (id, issue_id, title, authors, created_at, updated_at)"
    " VALUES (7, 1, '新闻标题', '[]', '2023-11-24', '2023-11-24')",
    "INSERT INTO article_part (id, article_id, page_id, part_no, position, title, authors,"
    " captions, consumed) VALUES (3, 7, 1, 0, 0, '新闻标题', '[]', '[]', '[]')",
    "INSERT INTO text_block (id, part_id, seq, kind, text) VALUES (5, 3, 0, 'paragraph', '一段话')",
    "INSERT INTO bookmark (id, article_id, context, created_at) VALUES (1, 7, '{}', '2023-11-25')",
    'INSERT INTO annotation (id, article_id, field, start, "end", quote, prefix, suffix, color,'
    " note, status, context, created_at, updated_at) VALUES (1, 7, 'body', 0, 2, '一段', '', '话',"
    " 'yellow', '批注', 'anchored', '{}', '2023-11-25', '2023-11-25')",
)


def test_an_archive_of_schema_0002_keeps_its_pages_and_users_data(
    archive_paths: ArchivePaths,
) -> None:
    archive_paths.ensure()
    engine = create_engine(f"sqlite:///{archive_paths.database}")
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    with engine.begin() as connection:
        for statement in _ROWS:
            connection.exec_driver_sql(statement)
    engine.dispose()

    with Archive(archive_paths) as archive:
        assert migrate.current_revision(archive.db.read_engine) == "0003"
        with archive.db.read_engine.connect() as connection:
            page = connection.exec_driver_sql(
                "SELECT label, text, source_format, original, corrected FROM page"
            ).fetchall()
            block = connection.exec_driver_sql(
                "SELECT id, part_id, text, original FROM text_block"
            ).fetchall()
            part = connection.exec_driver_sql("SELECT id, title, original FROM article_part").all()
            notes = connection.exec_driver_sql(
                "SELECT a.article_id, a.note, b.article_id FROM annotation a, bookmark b"
            ).fetchall()
            revisions = connection.exec_driver_sql("SELECT count(*) FROM revision").scalar()
    assert page == [("A1", "正文", "html", None, 0)]
    assert block == [(5, 3, "一段话", None)]
    assert part == [(3, "新闻标题", None)]
    assert notes == [(7, "批注", 7)]
    assert revisions == 0


def test_downgrading_0003_restores_schema_0002(archive_paths: ArchivePaths) -> None:
    archive_paths.ensure()
    engine = create_engine(f"sqlite:///{archive_paths.database}")
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        command.downgrade(config, "0002")
        columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(page)")}
        tables = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
    engine.dispose()
    assert "corrected" not in columns and "original" not in columns
    assert "revision" not in tables

"""``check``: integrity, index consistency (repaired), orphans and users' lost links (reported)."""

from __future__ import annotations

import gc
import json
import shutil
import sqlite3
import warnings
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Annotation, Article, Bookmark
from reader.archive import Archive
from reader.backup import backup_archive
from reader.check import check_archive
from reader.errors import ArchiveError
from reader.search.index import IndexStatus
from tests.reader.reliability.conftest import CliRunner
from tests.reader.reliability.test_backups import corrupt


def raw(archive: Archive, *statements: str) -> None:
    """Run SQL behind the program's back (foreign keys off), as a damaged file would be."""
    connection = sqlite3.connect(archive.paths.database, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def test_a_healthy_archive_checks_ok(filled: Archive) -> None:
    filled.search.ensure_current()
    report = check_archive(filled)
    assert report.ok, report.as_text()
    assert report.repaired == []
    assert report.counts["articles"] == report.counts["index_documents"] == 3
    assert report.to_dict()["ok"] is True and report.to_dict()["problems"] == []


def test_a_missing_index_is_rebuilt_or_reported(filled: Archive) -> None:
    filled.search.close()
    shutil.rmtree(filled.paths.index_dir)
    reported = check_archive(filled, repair_index=False)
    assert not reported.ok
    assert [problem.kind for problem in reported.problems] == ["index"]
    assert "missing" in reported.problems[0].message
    repaired = check_archive(filled)
    assert repaired.ok and repaired.repaired and "missing" in repaired.repaired[0]
    assert filled.search.status() is IndexStatus.OK


def test_an_index_killed_while_writing_is_repaired(filled: Archive) -> None:
    filled.search.ensure_current()
    index = filled.search.index
    stamp = json.loads(index.stamp_path.read_text(encoding="utf-8"))
    index.close()
    index.stamp_path.write_text(json.dumps(dict(stamp, state="writing")), encoding="utf-8")
    report = check_archive(filled)
    assert report.ok and "broken" in report.repaired[0]
    assert filled.search.search("老街").total == 1


def test_an_index_missing_documents_is_found_by_its_count(filled: Archive) -> None:
    filled.search.ensure_current()
    index = filled.search.index
    with index.writer() as writer:  # behind the database's back: the stamp stays current
        writer.delete([1])
    report = check_archive(filled, repair_index=False)
    assert [problem.kind for problem in report.problems] == ["index"]
    assert "holds 2 articles, the database 3" in report.problems[0].message
    assert check_archive(filled).ok
    assert filled.search.index.doc_count == 3


def test_damaged_index_files_lead_to_a_rebuild_never_to_an_error(filled: Archive) -> None:
    filled.search.ensure_current()
    directory = filled.paths.index_dir
    filled.search.close()
    for segment in directory.iterdir():  # the same sizes: the stamp's size check passes
        if segment.name.startswith("MAIN_") and not segment.name.endswith(".toc"):
            segment.write_bytes(b"\xff" * segment.stat().st_size)
    failures: list[str] = []
    with warnings.catch_warnings():  # Whoosh leaves the files of a failed open to the GC
        warnings.simplefilter("ignore", ResourceWarning)
        try:  # Whoosh may fail at open (then it is rebuilt) or only when reading
            filled.search.ensure_current()
            filled.search.search("老街")
        except ArchiveError as error:
            failures.append(str(error))
        gc.collect()
    assert all("rebuilt from the database" in failure for failure in failures)
    filled.search.ensure_current()
    assert filled.search.search("老街").total == 1
    assert check_archive(filled).ok


def test_orphan_rows_are_reported_not_deleted(filled: Archive) -> None:
    raw(
        filled,
        "INSERT INTO article (id, issue_id, title, authors, created_at, updated_at)"
        " VALUES (90, 1, '无正文', '[]', '2024-01-01', '2024-01-01')",
        "INSERT INTO entity (id, name, type) VALUES (90, '无名氏', 'person')",
        "INSERT INTO mention (entity_id, article_id, part_id, field, start, end, surface, manual)"
        " VALUES (90, 999, 1, 'body', 0, 2, '无名', 0)",
    )
    report = check_archive(filled)
    messages = "\n".join(problem.message for problem in report.problems)
    assert not report.ok
    assert "1 article(s) have no text" in messages
    assert "name a missing article" in messages
    assert any(problem.kind == "foreign_key" for problem in report.problems)
    with filled.db.read() as session:
        assert session.get(Article, 90) is not None  # reported, never deleted


def test_users_rows_that_lost_their_article_or_quote_are_reported(filled: Archive) -> None:
    with filled.db.write() as session:
        session.add(Annotation(article_id=None, quote="消失的段落", context={"title": "旧文"}))
        session.add(Annotation(article_id=1, quote="不在了", status="orphaned"))
        session.add(Bookmark(article_id=None, context={"title": "旧文"}))
    report = check_archive(filled)
    kinds = [problem.kind for problem in report.problems]
    assert kinds == ["user_data", "user_data", "user_data"]
    text = report.as_text()
    assert "1 annotation(s) belong to an article that is no longer" in text
    assert "1 bookmark(s)" in text and "lost their place" in text
    with filled.db.read() as session:
        assert session.scalar(select(func.count(Annotation.id))) == 2  # nothing removed


def test_the_cli_check_exit_status_and_json(
    filled: Archive, cli: CliRunner, tmp_path: Path
) -> None:
    root = str(filled.root)
    filled.search.ensure_current()
    filled.close()
    status, out, _ = cli("--archive", root, "check", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["ok"] is True and data["problems"] == [] and data["counts"]["articles"] == 3
    with Archive(filled.paths, write=True) as archive, archive.db.write() as session:
        session.add(Annotation(article_id=None, quote="消失的段落"))
    status, out, _ = cli("--archive", root, "check")
    assert status == 1
    assert "1 problem(s) found" in out and "annotation" in out


def test_check_alongside_a_writer_reports_without_repairing(
    filled: Archive, cli: CliRunner
) -> None:
    filled.search.close()
    shutil.rmtree(filled.paths.index_dir)
    status, out, _ = cli("--archive", str(filled.root), "check", "--json")
    data = json.loads(out)
    assert status == 1
    assert [problem["kind"] for problem in data["problems"]] == ["index"]
    assert "read-only" in data["notes"][0]


def test_check_of_a_corrupt_database_names_the_backup_to_restore(
    filled: Archive, cli: CliRunner
) -> None:
    backup = backup_archive(filled.paths, reason="manual")
    filled.close()
    corrupt(filled.paths.database)
    status, out, _ = cli("--archive", str(filled.root), "check")
    assert status == 1
    assert f"restore {backup.name}" in out
    status, out, _ = cli("--archive", str(filled.root), "check", "--json")
    data = json.loads(out)
    assert data["ok"] is False and data["backups"] == [str(backup)]
    status, _out, err = cli("--archive", str(filled.root), "articles")
    assert status == 1 and backup.name in err  # every command says which backup to restore


@pytest.mark.parametrize("damage", ["integrity"])
def test_a_damaged_database_fails_the_full_check(filled: Archive, damage: str) -> None:
    filled.search.close()
    filled.db.dispose()
    corrupt(filled.paths.database)
    report = check_archive(filled)
    assert not report.ok
    assert report.problems[0].kind == damage


def test_check_of_a_missing_archive_creates_nothing(tmp_path: Path, cli: CliRunner) -> None:
    status, _out, err = cli("--archive", str(tmp_path / "nowhere"), "check")
    assert status == 1 and "No archive" in err
    assert not (tmp_path / "nowhere").exists()

"""Exports: notes to Markdown/JSON/CSV and article lists to CSV, read back and checked."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.archive import Archive
from reader.errors import CancelledError, InputError
from reader.export import escape_markdown, export_to_file, render_export
from reader.importer import Importer
from reader.library import list_articles
from reader.notes.annotations import create_annotation
from reader.notes.bookmarks import add_bookmark
from reader.notes.collections import add_to_collection, create_collection
from reader.notes.tags import tag_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.fixtures import notes_pages
from tests.fixtures.notes_pages import CITY, FARM, SOLAR

SOLAR_CITATION = "赵明远. 光伏产业园二期开工[N]. 青川晚报, 2024-03-08(A2)."
NASTY_NOTE = "见[原文](http://example.com) <b>粗体</b>\n# 不是标题\n- 不是列表 *强调* `代码`"


@pytest.fixture
def export_archive(
    tmp_path: Path, segmenter: Segmenter
) -> Iterator[tuple[Archive, dict[str, int], int]]:
    with Archive(ArchivePaths(tmp_path / "archive"), write=True) as archive:
        archive.segmenter = segmenter
        Importer(archive).run([notes_pages.write_page(tmp_path / "p", notes_pages.PAGE_V1)])
        with archive.db.read() as session:
            ids = {a.title: a.id for a in list_articles(session)}
        create_annotation(archive, ids[SOLAR], quote="储能电站和运维中心", note=NASTY_NOTE)
        create_annotation(archive, ids[SOLAR], quote="总投资约十二亿元", color="pink")
        create_annotation(archive, ids[FARM], field="article", note="=SUM(A1:A3)")
        add_bookmark(archive, ids[SOLAR])
        tag_articles(archive, [ids[SOLAR], ids[CITY]], "产业/新能源")
        topic = create_collection(archive, "县域经济")
        chapter = create_collection(archive, "第一章", topic.id)
        add_to_collection(archive, chapter.id, [ids[SOLAR], ids[CITY]])
        yield archive, ids, topic.id


def test_escape_markdown_neutralises_markup() -> None:
    escaped = escape_markdown(NASTY_NOTE)
    assert "[原文](" not in escaped and "<b>" not in escaped
    assert "\n\\# 不是标题" in escaped and "\n\\- 不是列表" in escaped
    assert "\\*强调\\*" in escaped and "\\`代码\\`" in escaped
    assert escape_markdown("清源县新能源项目加速落地") == "清源县新能源项目加速落地"


def test_notes_markdown_per_article_collection_and_all(
    export_archive: tuple[Archive, dict[str, int], int],
) -> None:
    archive, ids, topic = export_archive
    with archive.db.read() as session:
        one, count = render_export(session, "notes", "markdown", article_ids=[ids[SOLAR]])
        folder, _ = render_export(session, "notes", "markdown", collection_id=topic)
        everything, total = render_export(session, "notes", "markdown")
    assert count == 2 and total == 3
    lines = one.splitlines()
    assert "## 光伏产业园二期开工" in lines
    assert SOLAR_CITATION in lines
    assert "> 储能电站和运维中心" in lines and "> 总投资约十二亿元" in lines
    assert "[原文](" not in one and "<b>" not in one and "\n# 不是标题" not in one
    assert "*正文 · 粉色标注*" in lines
    assert "县域经济" in folder.splitlines()[0]
    assert "## 老城区改造惠民生" in folder  # filed below the collection, no notes: cited anyway
    assert "## 春耕备耕正当时" not in folder
    assert "**文章笔记**：\\=SUM(A1:A3)" in everything.splitlines()
    assert "## 老城区改造惠民生" not in everything  # all notes: annotated articles only


def test_notes_json_and_csv_read_back(
    export_archive: tuple[Archive, dict[str, int], int],
) -> None:
    archive, ids, _topic = export_archive
    with archive.db.read() as session:
        text, count = render_export(session, "notes", "json")
        table, rows = render_export(session, "notes", "csv")
    data = json.loads(text)
    assert data["format"] == "baokan-reader notes" and count == 3
    solar = next(entry for entry in data["articles"] if entry["id"] == ids[SOLAR])
    assert solar["citation"] == SOLAR_CITATION
    assert solar["bookmarked"] is True and solar["tags"] == ["产业/新能源"]
    assert solar["collections"] == ["县域经济/第一章"]
    assert [a["quote"] for a in solar["annotations"]] == ["总投资约十二亿元", "储能电站和运维中心"]
    assert any(a["note"] == NASTY_NOTE for a in solar["annotations"])  # JSON keeps text as is
    parsed = list(csv.DictReader(io.StringIO(table)))
    assert rows == len(parsed) == 3
    note = next(row for row in parsed if row["field"] == "article")
    assert note["note"] == "'=SUM(A1:A3)"  # never a formula in a spreadsheet
    assert {row["quote"] for row in parsed} == {"储能电站和运维中心", "总投资约十二亿元", ""}
    assert next(row for row in parsed if row["quote"] == "储能电站和运维中心")["note"] == NASTY_NOTE


def test_articles_csv_file_has_a_bom_and_reads_back(
    export_archive: tuple[Archive, dict[str, int], int], tmp_path: Path
) -> None:
    archive, ids, topic = export_archive
    path = tmp_path / "articles.csv"
    with archive.db.read() as session:
        assert export_to_file(session, "articles", "csv", path, collection_id=topic) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["id"]) for row in rows] == [ids[SOLAR], ids[CITY]]
    assert rows[0]["citation"] == SOLAR_CITATION
    assert rows[0]["tags"] == "产业/新能源" and rows[0]["bookmarked"] == "yes"
    assert rows[0]["annotations"] == "2" and rows[1]["annotations"] == "0"
    assert rows[1]["authors"] == "钱伟" and rows[1]["pages"] == "A2"


def test_article_list_as_json_and_markdown(
    export_archive: tuple[Archive, dict[str, int], int],
) -> None:
    archive, ids, _topic = export_archive
    with archive.db.read() as session:
        text, count = render_export(session, "articles", "json")
        markdown, _ = render_export(session, "articles", "markdown", article_ids=[ids[SOLAR]])
    assert count == 3
    assert {row["title"] for row in json.loads(text)["articles"]} == {SOLAR, FARM, CITY}
    assert f"1. {SOLAR_CITATION}" in markdown.splitlines()


def test_progress_and_cancel(
    export_archive: tuple[Archive, dict[str, int], int], tmp_path: Path
) -> None:
    archive, _ids, _topic = export_archive
    seen: list[tuple[int, int]] = []
    with archive.db.read() as session:
        render_export(session, "notes", "markdown", progress=lambda d, t: seen.append((d, t)))
        assert seen[-1] == (2, 2) and seen[0] == (0, 2)
        target = tmp_path / "cancelled.md"
        with pytest.raises(CancelledError):
            export_to_file(session, "notes", "markdown", target, cancelled=lambda: True)
        with pytest.raises(InputError):
            render_export(session, "notes", "pdf")
        with pytest.raises(InputError, match="no such folder"):
            export_to_file(session, "notes", "json", tmp_path / "missing" / "x.json")
    assert not target.exists()
    assert list(tmp_path.glob(".export-*")) == []

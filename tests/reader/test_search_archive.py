"""Search end to end: pages imported into an archive, then searched through its index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.archive import Archive
from reader.errors import QuerySyntaxError
from reader.importer import Importer
from reader.paths import ArchivePaths
from reader.search.index import IndexStatus
from reader.store import PageMeta
from tests.fixtures.pages import write_issue

SEED_META = PageMeta(
    publication="科学导报·开发区建设周刊", date=dt.date(2023, 11, 24), page_label="D1"
)


@pytest.fixture(scope="module")
def seed_archive(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    paths = ArchivePaths(tmp_path_factory.mktemp("seed") / "archive")
    with Archive(paths) as archive:
        seed = shared_dir / "samples" / "seed-page.txt"
        report = Importer(archive, overrides=SEED_META).run([seed])
        assert report.files[0].status == "imported"
        archive.search.ensure_current()
        yield archive


def _titles(archive: Archive, query: str) -> list[str]:
    return [hit.title for hit in archive.search.search(query, page_size=50).hits]


def test_the_index_is_current_right_after_import(seed_archive: Archive) -> None:
    assert seed_archive.search.status() is IndexStatus.OK


def test_a_company_name_ranks_its_article_first(seed_archive: Archive) -> None:
    assert _titles(seed_archive, "晶科能源")[0] == "使命牵引 向光而行"


def test_a_piece_of_a_word_and_a_phrase_are_found(seed_archive: Archive) -> None:
    assert "使命牵引 向光而行" in _titles(seed_archive, "综改")
    assert _titles(seed_archive, '"拿地即开工"') == ["使命牵引 向光而行"]


def test_traditional_characters_find_the_same(seed_archive: Archive) -> None:
    assert _titles(seed_archive, "綜改") == _titles(seed_archive, "综改")


def test_one_character_author_not_and_dates(seed_archive: Archive) -> None:
    assert len(_titles(seed_archive, "晋")) >= 1
    assert _titles(seed_archive, "author:王波") == ["全省开发区建设管理能力提升培训班圆满结束"]
    assert "使命牵引 向光而行" not in _titles(seed_archive, "开发区 -综改")
    assert len(_titles(seed_archive, "date:2023-11-01..2023-11-30 开发区")) >= 3
    assert _titles(seed_archive, "date:2022 开发区") == []


def test_no_match_and_bad_queries(seed_archive: Archive) -> None:
    assert seed_archive.search.search("量子引力波望远镜").total == 0
    with pytest.raises(QuerySyntaxError):
        seed_archive.search.search('"拿地即开工')


def test_a_reimport_keeps_the_index_in_step(archive: Archive, tmp_path: Path) -> None:
    a1, a3 = write_issue(tmp_path)
    Importer(archive).run([a1, a3])
    archive.search.ensure_current()
    assert [hit.title for hit in archive.search.search("一千二百米").hits] == ["古镇老街焕新颜"]
    a1.write_text(a1.read_text(encoding="utf-8").replace("一千二百米", "一千三百米"), "utf-8")
    Importer(archive).run([a1])
    assert archive.search.status() is IndexStatus.OK  # updated, not left stale
    assert archive.search.search("一千二百米").total == 0
    assert [hit.title for hit in archive.search.search("一千三百米").hits] == ["古镇老街焕新颜"]
    assert archive.search.search("老街上的居民").hits[0].pages == ["A1", "A3"]

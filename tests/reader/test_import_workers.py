"""Importing with worker processes stores exactly what importing in one process stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Entity, Mention
from reader.archive import Archive
from reader.importer import Importer
from reader.library import list_articles
from reader.paths import ArchivePaths
from tests.fixtures.pages import PAGE_A1, PAGE_A3, PUBLICATION, write_page

DAYS = ("2024-05-13", "2024-05-14", "2024-05-15", "2024-05-16", "2024-05-17")


def write_pages(folder: Path) -> list[Path]:
    """Five issues of two pages (a continued article in each), a broken file, a duplicate."""
    paths = []
    for day in DAYS:
        front = PAGE_A1.replace("2024年5月17日", f"2024年5月{int(day[-2:])}日")  # its masthead
        paths.append(write_page(folder, f"{PUBLICATION}_{day}_A1.txt", front))
        paths.append(write_page(folder, f"{PUBLICATION}_{day}_A3.txt", PAGE_A3 + day))
    paths.append(write_page(folder, "broken.txt", ""))
    paths.append(write_page(folder, f"{PUBLICATION}_2024-05-18_A1.txt", PAGE_A1))  # = 05-17
    return paths


def import_all(root: Path, paths: list[Path], workers: int) -> tuple[list, list, int, dict]:
    with Archive(ArchivePaths(root), write=True) as archive:
        report = Importer(archive, workers=workers).run(paths)
        with archive.db.read() as session:
            articles = [
                (article.title, article.date, tuple(article.pages), tuple(article.authors))
                for article in list_articles(session)
            ]
            mentions = session.scalar(select(func.count(Mention.id)))
            entities = session.scalar(select(func.count(Entity.id)))
        archive.search.ensure_current()
        found = {}
        for query in ("老街", '"古镇焕发"', "author:李晓燕", "图书馆 date:2024-05-16"):
            result = archive.search.search(query, page_size=50)
            found[query] = (result.total, sorted(hit.title for hit in result.hits))
    statuses = [(Path(result.path).name, result.status) for result in report.files]
    return statuses, articles, mentions + 1000 * entities, found


@pytest.mark.timeout(120)
def test_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    paths = write_pages(tmp_path / "pages")
    alone = import_all(tmp_path / "alone", paths, workers=0)
    spread = import_all(tmp_path / "spread", paths, workers=2)
    assert spread == alone
    statuses = dict(alone[0])
    assert statuses["broken.txt"] == "failed"
    assert statuses[f"{PUBLICATION}_2024-05-18_A1.txt"] == "unchanged"
    assert sum(1 for _, status in alone[0] if status == "imported") == 2 * len(DAYS)
    assert alone[3]["老街"][0] == len(DAYS)  # continued articles joined once per issue


@pytest.mark.timeout(120)
def test_cancel_stops_the_workers_between_files(tmp_path: Path) -> None:
    paths = write_pages(tmp_path / "pages")[: 2 * len(DAYS)]
    seen: list[str] = []

    def progress(done: int, _total: int, name: str) -> None:
        if name:
            seen.append(name)

    with Archive(ArchivePaths(tmp_path / "archive"), write=True) as archive:
        report = Importer(archive, workers=2).run(
            paths, progress=progress, cancelled=lambda: len(seen) >= 3
        )
        assert report.cancelled
        assert [result.status for result in report.files] == ["imported"] * 3
        archive.search.ensure_current()
        assert archive.search.search("老街").total == 2  # A1 of day 1 and 2; A3 of day 1

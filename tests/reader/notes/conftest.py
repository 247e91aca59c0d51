"""Fixtures of the researcher-tools tests: an archive holding the invented page, indexed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.archive import Archive
from reader.importer import Importer
from reader.library import list_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.fixtures import notes_pages


@pytest.fixture
def page_archive(tmp_path: Path, segmenter: Segmenter) -> Iterator[Archive]:
    """A writable archive with PAGE_V1 imported and its search index current."""
    with Archive(ArchivePaths(tmp_path / "archive"), write=True) as archive:
        archive.segmenter = segmenter  # one dictionary load for the session
        page = notes_pages.write_page(tmp_path / "v1", notes_pages.PAGE_V1)
        report = Importer(archive).run([page])
        assert not report.failed
        archive.search.ensure_current()
        yield archive


@pytest.fixture
def article_id(page_archive: Archive) -> Callable[[str], int]:
    """The id of the article with a headline."""

    def find(title: str) -> int:
        with page_archive.db.read() as session:
            return next(a.id for a in list_articles(session) if a.title == title)

    return find

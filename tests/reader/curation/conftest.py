"""Fixtures of the curation tests: an indexed archive holding an invented two-page issue.

Page A1 holds 古镇老街焕新颜 (continued on A3: one logical article of two parts) and
春茶开采季 茶农笑开颜; page A3 holds the continuation and 县图书馆举办读书月活动.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.archive import Archive
from reader.importer import Importer
from reader.library import list_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.fixtures import pages

OLD_TOWN = "古镇老街焕新颜"
TEA = "春茶开采季 茶农笑开颜"
LIBRARY = "县图书馆举办读书月活动"


@pytest.fixture
def issue_archive(tmp_path: Path, segmenter: Segmenter) -> Iterator[Archive]:
    """A writable archive with pages A1 and A3 of the invented issue, its index current."""
    with Archive(ArchivePaths(tmp_path / "archive"), write=True) as archive:
        archive.segmenter = segmenter  # one dictionary load for the session
        report = Importer(archive).run(list(pages.write_issue(tmp_path / "pages")))
        assert not report.failed
        archive.search.ensure_current()
        yield archive


@pytest.fixture
def by_title(issue_archive: Archive) -> Callable[[str], int]:
    """The id of the article with a headline."""

    def find(title: str) -> int:
        with issue_archive.db.read() as session:
            return next(a.id for a in list_articles(session) if a.title == title)

    return find

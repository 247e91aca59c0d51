"""A bundle carries the user's corrections: corrected text and structure, originals, history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.models import Annotation, Page
from reader.archive import Archive
from reader.bundle import export_archive, import_archive
from reader.curation import edits, history, structure
from reader.errors import InputError
from reader.library import get_article, list_articles
from reader.notes import annotations, bookmarks
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.reader.curation.conftest import LIBRARY, OLD_TOWN, TEA

Ids = Callable[[str], int]


def _articles(archive: Archive) -> list[tuple[Any, ...]]:
    with archive.db.read() as session:
        found = []
        for summary in list_articles(session):
            detail = get_article(session, summary.id)
            found.append((detail.title, detail.pages, [block.text for block in detail.blocks]))
        return sorted(found)


def test_corrections_travel_through_a_bundle(
    issue_archive: Archive, by_title: Ids, tmp_path: Path, segmenter: Segmenter
) -> None:
    library, tea = by_title(LIBRARY), by_title(TEA)
    annotations.create_annotation(issue_archive, library, quote="亲子阅读", note="活动")
    bookmarks.add_bookmark(issue_archive, tea)
    edits.edit_article(issue_archive, library, fields={"title": "读书月开幕"})
    split = structure.split_article(issue_archive, by_title(OLD_TOWN), 4, title="老街新貌")
    with issue_archive.db.read() as session:
        (part,) = edits.article_text(session, tea).parts
    blocks = [(kind, text.replace("八千亩", "九千亩")) for kind, text in part.blocks]
    edits.edit_article(issue_archive, tea, parts={part.part_id: blocks})
    expected = _articles(issue_archive)
    bundle = tmp_path / "bundle.zip"
    export_archive(issue_archive, bundle)

    with Archive(ArchivePaths(tmp_path / "copy"), write=True) as copy:
        copy.segmenter = segmenter
        report = import_archive(copy, bundle)
        assert report.ok, report.to_dict()
        assert _articles(copy) == expected
        with copy.db.read() as session:
            titles = {summary.title: summary.id for summary in list_articles(session)}
            assert edits.original_text(session, titles["读书月开幕"]).title == LIBRARY
            machine = edits.original_text(session, titles[TEA]).parts[0].blocks
            assert any("八千亩" in text for _kind, text in machine)
            assert all(page.corrected for page in session.scalars(select(Page)))
            note = session.scalars(select(Annotation)).one()
            assert note.article_id == titles["读书月开幕"] and note.status == "anchored"
            revisions = history.list_revisions(session)
            assert len(revisions) == 3
            diffs = history.revision_diff(session, split.revision_id)
        assert any(diff.label == "body" for diff in diffs)
        assert titles[TEA] in {hit.id for hit in copy.search.search("八千亩").hits}
        with pytest.raises(InputError, match="came with an imported bundle"):
            history.revert_revision(copy, split.revision_id)

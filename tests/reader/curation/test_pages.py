"""Correcting pages and issues (articles follow, conflicts refused) and re-imports keeping them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import Article, Issue, Page, Publication, Revision
from reader.archive import Archive
from reader.curation import edits, history
from reader.errors import InputError
from reader.importer import Importer
from reader.library import get_article
from tests.fixtures import pages
from tests.reader.curation.conftest import LIBRARY, OLD_TOWN, TEA

Ids = Callable[[str], int]
NEW_DATE = dt.date(2024, 5, 18)


def _keys(archive: Archive) -> dict[str, Any]:
    """Every page's and article's place: (publication, date, number, label) / issue."""
    with archive.db.read() as session:
        page_rows = session.execute(
            select(Page.id, Publication.name, Issue.date, Issue.number, Page.label, Page.original)
            .join(Issue, Issue.id == Page.issue_id)
            .join(Publication, Publication.id == Issue.publication_id)
        ).all()
        articles = dict(session.execute(select(Article.id, Article.issue_id)).all())
        issues = session.scalar(select(func.count(Issue.id)))
        publications = session.scalar(select(func.count(Publication.id)))
    return {
        "pages": {row[0]: tuple(row[1:]) for row in page_rows},
        "articles": articles,
        "issues": issues,
        "publications": publications,
    }


def _page_id(archive: Archive, label: str) -> int:
    with archive.db.read() as session:
        return session.scalars(select(Page.id).where(Page.label == label)).one()


def test_a_page_moved_to_another_date_takes_its_articles_and_comes_back(
    issue_archive: Archive, by_title: Ids
) -> None:
    state = _keys(issue_archive)
    page_id = _page_id(issue_archive, "A3")
    library = by_title(LIBRARY)
    result = edits.edit_page(issue_archive, page_id, date=NEW_DATE)
    assert library in result.article_ids
    with issue_archive.db.read() as session:
        page = session.get(Page, page_id)
        assert page.issue.date == NEW_DATE and page.corrected
        assert page.original == {
            "publication": pages.PUBLICATION,
            "date": pages.DATE,
            "number": None,
            "label": "A3",
        }
        assert get_article(session, library).date == NEW_DATE.isoformat()
        assert get_article(session, by_title(OLD_TOWN)).date == pages.DATE  # starts on A1
        diffs = history.revision_diff(session, result.revision_id)
    assert any(diff.label == "page" and "2024-05-18 A3" in diff.after for diff in diffs)
    history.revert_revision(issue_archive, result.revision_id)
    assert _keys(issue_archive) == state  # the issue made for the move is gone again


def test_a_label_already_used_in_the_target_issue_is_refused_and_nothing_changes(
    issue_archive: Archive,
) -> None:
    state = _keys(issue_archive)
    with pytest.raises(InputError, match=r"already has a page A1 \(page id \d+, from "):
        edits.edit_page(issue_archive, _page_id(issue_archive, "A3"), label="a1")
    with pytest.raises(InputError, match="nothing to change"):
        edits.edit_page(issue_archive, _page_id(issue_archive, "A3"), label="A3")
    assert _keys(issue_archive) == state
    with issue_archive.db.read() as session:
        assert session.scalar(select(func.count(Revision.id))) == 0


def test_an_issue_corrected_as_a_whole_and_merged_into_an_existing_one(
    issue_archive: Archive, by_title: Ids, tmp_path: Path
) -> None:
    other = pages.write_page(
        tmp_path / "other",
        f"{pages.PUBLICATION}_{NEW_DATE.isoformat()}_A5.txt",
        "河东晚报　2024年5月18日　星期六　第A5版\n\n城西菜市场改造完成\n\n"
        "本报讯　城西菜市场改造工程日前完工，新增摊位八十个。\n",
    )
    assert not Importer(issue_archive).run([other]).failed
    state = _keys(issue_archive)
    with issue_archive.db.read() as session:
        first_issue = session.scalar(select(Page.issue_id).where(Page.label == "A1"))
        target = session.scalar(select(Page.issue_id).where(Page.label == "A5"))
    result = edits.edit_issue(issue_archive, first_issue, date=NEW_DATE)
    with issue_archive.db.read() as session:
        assert session.get(Issue, first_issue) is None  # emptied, removed
        labels = sorted(session.scalars(select(Page.label).where(Page.issue_id == target)))
        assert labels == ["A1", "A3", "A5"]
        assert {get_article(session, by_title(name)).issue_id for name in (TEA, LIBRARY)} == {
            target
        }
    history.revert_revision(issue_archive, result.revision_id)
    assert _keys(issue_archive) == state


def test_an_issue_correction_with_clashing_labels_is_refused(
    issue_archive: Archive, tmp_path: Path
) -> None:
    clash = pages.write_page(
        tmp_path / "other",
        f"{pages.PUBLICATION}_{NEW_DATE.isoformat()}_A3.txt",
        "河东晚报　2024年5月18日　星期六　第A3版\n\n城西菜市场改造完成\n\n"
        "本报讯　城西菜市场改造工程日前完工，新增摊位八十个。\n",
    )
    assert not Importer(issue_archive).run([clash]).failed
    state = _keys(issue_archive)
    with issue_archive.db.read() as session:
        issue_id = session.scalar(select(Page.issue_id).where(Page.label == "A1"))
    with pytest.raises(InputError, match=r"河东晚报 2024-05-18 already has page\(s\) A3"):
        edits.edit_issue(issue_archive, issue_id, date=NEW_DATE)
    assert _keys(issue_archive) == state


def test_an_issue_number_is_set_and_reverted(issue_archive: Archive) -> None:
    state = _keys(issue_archive)
    with issue_archive.db.read() as session:
        issue_id = session.scalar(select(Issue.id))
    result = edits.edit_issue(issue_archive, issue_id, number="第8812期")
    with issue_archive.db.read() as session:
        assert session.get(Issue, issue_id).number == "第8812期"
        assert all(page.corrected for page in session.scalars(select(Page)))
    history.revert_revision(issue_archive, result.revision_id)
    assert _keys(issue_archive) == state


# ------------------------------------------------------------------------------ re-import


_A3_REISSUED = pages.PAGE_A3.replace("二十多场活动", "三十多场活动")


def test_reimporting_a_corrected_page_keeps_the_users_version_and_says_so(
    issue_archive: Archive, by_title: Ids, tmp_path: Path
) -> None:
    library = by_title(LIBRARY)
    edits.edit_article(issue_archive, library, fields={"title": "读书月开幕"})
    newer = pages.write_page(
        tmp_path / "newer", f"{pages.PUBLICATION}_{pages.DATE}_A3.txt", _A3_REISSUED
    )
    report = Importer(issue_archive).run([newer])
    assert not report.failed and [r.status for r in report.files] == ["unchanged"]
    assert report.kept_corrections == [
        f"{newer.name}: page A3 of {pages.PUBLICATION} {pages.DATE} has your corrections — kept"
    ]
    with issue_archive.db.read() as session:
        detail = get_article(session, library)
    assert detail.title == "读书月开幕" and "二十多场" in detail.body


def test_a_page_whose_date_was_corrected_is_found_by_its_imported_key(
    issue_archive: Archive, by_title: Ids, tmp_path: Path
) -> None:
    edits.edit_page(issue_archive, _page_id(issue_archive, "A3"), date=NEW_DATE)
    state = _keys(issue_archive)
    newer = pages.write_page(
        tmp_path / "newer", f"{pages.PUBLICATION}_{pages.DATE}_A3.txt", _A3_REISSUED
    )
    report = Importer(issue_archive).run([newer])
    assert report.kept_corrections == [
        f"{newer.name}: page A3 of {pages.PUBLICATION} {NEW_DATE.isoformat()} has your "
        "corrections — kept"
    ]
    assert _keys(issue_archive) == state
    with issue_archive.db.read() as session:
        assert "二十多场" in get_article(session, by_title(LIBRARY)).body


def test_after_a_revert_the_page_is_no_longer_corrected_and_a_reimport_replaces_it(
    issue_archive: Archive, by_title: Ids, tmp_path: Path
) -> None:
    result = edits.edit_article(issue_archive, by_title(LIBRARY), fields={"title": "读书月开幕"})
    history.revert_revision(issue_archive, result.revision_id)
    newer = pages.write_page(
        tmp_path / "newer", f"{pages.PUBLICATION}_{pages.DATE}_A3.txt", _A3_REISSUED
    )
    report = Importer(issue_archive).run([newer])
    assert report.kept_corrections == [] and [r.status for r in report.files] == ["imported"]
    with issue_archive.db.read() as session:
        assert "三十多场" in get_article(session, by_title(LIBRARY)).body

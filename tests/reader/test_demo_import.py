"""The demo issue imports as a reader expects: one issue, its continued article joined."""

from __future__ import annotations

from reader.archive import Archive
from reader.demo import ensure_demo_imported
from reader.library import list_articles, list_publications


def test_the_demo_issue_imports_into_one_issue_with_the_continuation_joined(
    archive: Archive,
) -> None:
    report = ensure_demo_imported(archive)
    assert [result.status for result in report.files] == ["imported"] * 3
    with archive.db.read() as session:
        (publication,) = list_publications(session)
        (issue,) = publication.issues
        articles = list_articles(session)
    assert [page.label for page in issue.pages] == ["A1", "A2", "A4"]
    assert all(article.title for article in articles)
    assert [article.pages for article in articles if len(article.pages) > 1] == [["A1", "A4"]]
    again = ensure_demo_imported(archive)
    assert [result.status for result in again.files] == ["unchanged"] * 3

"""A search finds both the corrected and the original wording of an edited article."""

from __future__ import annotations

from collections.abc import Callable

from reader.archive import Archive
from reader.curation import edits, history
from reader.search.document import SearchHit
from reader.search.index import ORIGINAL_PREFIX
from tests.reader.curation.conftest import LIBRARY, TEA

Ids = Callable[[str], int]


def _hits(archive: Archive, query: str) -> dict[int, SearchHit]:
    archive.search.ensure_current()
    return {hit.id: hit for hit in archive.search.search(query, page_size=50).hits}


def _edit_paragraph(archive: Archive, article_id: int, old: str, new: str) -> int:
    with archive.db.read() as session:
        (part,) = edits.article_text(session, article_id).parts
    blocks = [(kind, text.replace(old, new)) for kind, text in part.blocks]
    result = edits.edit_article(archive, article_id, parts={part.part_id: blocks})
    return result.revision_id


def test_the_original_and_the_corrected_wording_are_both_found(
    issue_archive: Archive, by_title: Ids
) -> None:
    library = by_title(LIBRARY)
    assert library not in _hits(issue_archive, "三十多场")
    revision = _edit_paragraph(issue_archive, library, "二十多场", "三十多场")

    corrected = _hits(issue_archive, "三十多场")
    assert library in corrected
    assert "【三十多场】" in corrected[library].snippet
    assert not corrected[library].snippet.startswith(ORIGINAL_PREFIX)

    original = _hits(issue_archive, "二十多场")
    assert library in original  # only the original text holds it now
    snippet = original[library]
    assert snippet.snippet.startswith(ORIGINAL_PREFIX) and "【二十多场】" in snippet.snippet
    start, end = snippet.snippet_spans[0]
    assert snippet.snippet_text[start:end] == "二十多场"

    history.revert_revision(issue_archive, revision)
    assert library not in _hits(issue_archive, "三十多场")
    reverted = _hits(issue_archive, "二十多场")
    assert not reverted[library].snippet.startswith(ORIGINAL_PREFIX)


def test_an_edited_headline_is_found_by_its_old_words(
    issue_archive: Archive, by_title: Ids
) -> None:
    tea = by_title(TEA)
    edits.edit_article(issue_archive, tea, fields={"title": "东山乡春茶丰收"})
    assert tea in _hits(issue_archive, "茶农笑开颜")
    assert tea in _hits(issue_archive, "春茶丰收")


def test_a_match_in_the_current_headline_is_not_shown_from_the_original(
    issue_archive: Archive, by_title: Ids
) -> None:
    tea = by_title(TEA)
    edits.edit_article(issue_archive, tea, fields={"title": "春茶开采季：茶农笑开颜"})
    found = _hits(issue_archive, "茶农笑开颜")[tea]  # in the old and the new headline
    assert found.title_spans
    assert not found.snippet.startswith(ORIGINAL_PREFIX)


def test_a_rebuilt_index_keeps_the_original_text(issue_archive: Archive, by_title: Ids) -> None:
    library = by_title(LIBRARY)
    _edit_paragraph(issue_archive, library, "讲座", "报告会")
    issue_archive.search.rebuild()
    assert library in _hits(issue_archive, "讲座")
    assert library in _hits(issue_archive, "报告会")

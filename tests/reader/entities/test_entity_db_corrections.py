"""Entity corrections: audited, undoable, kept through re-tagging and re-import, seen at once.

Counts, entity pages and ``entity:`` searches reflect each correction as soon as it is made.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import ArticlePart, AuditEntry, EntityRule, Mention, Page
from reader.archive import Archive
from reader.entities import corrections
from reader.entities.browse import entity_detail, list_entities, mentions_of_article
from reader.errors import InputError, InternalError, NotFoundError
from reader.importer import Importer
from reader.library import get_article, list_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.fixtures.entity_pages import (
    DATE_B1,
    PAGE_B1,
    PAGE_B2,
    PUBLICATION,
    b1_name,
    build_entity_archive,
    copy_archive,
)
from tests.fixtures.pages import write_page


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter) -> ArchivePaths:
    """The three invented pages imported once; each test works on its own copy."""
    return build_entity_archive(tmp_path_factory.mktemp("entities"), segmenter)


@pytest.fixture
def tagged(template: ArchivePaths, tmp_path: Path, segmenter: Segmenter) -> Iterator[Archive]:
    """A writable copy of the tagged archive, sharing the session's segmenter."""
    with Archive(copy_archive(template, tmp_path), write=True) as archive:
        archive.segmenter = segmenter
        yield archive


def counts(archive: Archive) -> dict[tuple[str, str], tuple[int, int]]:
    with archive.db.read() as session:
        return {(e.name, e.type): (e.mentions, e.articles) for e in list_entities(session)}


def article_ids_of(archive: Archive, name: str, type: str | None = None) -> list[int]:
    with archive.db.read() as session:
        detail = entity_detail(session, name, type, limit=None)
    return sorted({mention.article_id for mention in detail.mentions})


def entity_hits(archive: Archive, name: str) -> list[int]:
    archive.search.ensure_current()
    return sorted(hit.id for hit in archive.search.search(f'entity:"{name}"', page_size=50).hits)


def article_id(archive: Archive, title: str) -> int:
    with archive.db.read() as session:
        return next(a.id for a in list_articles(session) if a.title == title)


def all_article_ids(archive: Archive) -> list[int]:
    with archive.db.read() as session:
        return [a.id for a in list_articles(session)]


def reimport(archive: Archive, folder: Path, name: str, text: str) -> None:
    path = write_page(folder, name, text)
    report = Importer(archive).run([path])
    assert [f.status for f in report.files] == ["imported"], report.to_dict()


B2_NAME = f"{PUBLICATION}_{DATE_B1}_B2.txt"
LIBRARY = "青石集团捐建图书馆"
MARKET = "安平县茶叶市场开工"


def test_the_fixture_pages_are_tagged_as_the_tests_expect(tagged: Archive) -> None:
    found = counts(tagged)
    for key in [
        ("王建国", "person"),
        ("李秀英", "person"),
        ("张海涛", "person"),
        ("东山乡", "place"),
        ("河东省教育厅", "organization"),
    ]:
        assert key in found, sorted(found)
    assert found[("王建国", "person")][1] == 2
    assert found[("李秀英", "person")] == (2, 2)


def test_merge_holds_after_reimport_and_retagging(tagged: Archive, tmp_path: Path) -> None:
    library = article_id(tagged, LIBRARY)
    result = corrections.merge(tagged, "李秀英", "张海涛")
    assert result.action == "merge" and library in result.articles
    found = counts(tagged)
    assert ("李秀英", "person") not in found
    assert found[("张海涛", "person")] == (3, 2)
    with tagged.db.read() as session:
        assert "李秀英" in entity_detail(session, "张海涛").aliases
    assert library in entity_hits(tagged, "张海涛")
    assert entity_hits(tagged, "李秀英") == []

    changed = PAGE_B1.replace("出席捐赠仪式。", "出席捐赠仪式。\n\n李秀英说，图书馆九月开放。")
    reimport(tagged, tmp_path / "again", b1_name(), changed)
    found = counts(tagged)
    assert ("李秀英", "person") not in found
    assert found[("张海涛", "person")] == (4, 2)
    assert article_id(tagged, LIBRARY) == library  # same article, re-imported in place
    assert library in entity_hits(tagged, "张海涛")

    corrections.retag_articles(tagged, all_article_ids(tagged))
    assert ("李秀英", "person") not in counts(tagged)


def test_delete_survives_retagging_and_undo_restores(tagged: Archive, tmp_path: Path) -> None:
    before = counts(tagged)[("河东省教育厅", "organization")]
    library = article_id(tagged, LIBRARY)
    deleted = corrections.delete_entity(tagged, "河东省教育厅")
    assert ("河东省教育厅", "organization") not in counts(tagged)
    assert entity_hits(tagged, "河东省教育厅") == []
    with tagged.db.read() as session, pytest.raises(NotFoundError):
        entity_detail(session, "河东省教育厅")

    corrections.retag_articles(tagged, all_article_ids(tagged))
    reimport(tagged, tmp_path / "again", b1_name(), PAGE_B1 + "\n")
    assert ("河东省教育厅", "organization") not in counts(tagged)

    undone = corrections.undo(tagged)
    assert undone.action == "undo" and undone.rule_id == deleted.rule_id
    assert counts(tagged)[("河东省教育厅", "organization")] == before
    assert entity_hits(tagged, "河东省教育厅") == [library]
    with tagged.db.read() as session:
        rule = session.get(EntityRule, deleted.rule_id)
        assert rule is not None and rule.active is False


def test_rename_moves_counts_and_search_at_once(tagged: Archive) -> None:
    meeting = article_id(tagged, "副省长会见客商")
    corrections.rename(tagged, "张海涛", "张海韬")
    found = counts(tagged)
    assert ("张海涛", "person") not in found
    assert found[("张海韬", "person")] == (1, 1)
    assert article_ids_of(tagged, "张海韬") == [meeting]
    assert entity_hits(tagged, "张海韬") == [meeting]
    assert entity_hits(tagged, "张海涛") == []
    with tagged.db.read() as session:
        detail = entity_detail(session, "张海韬")
        assert "张海涛" in detail.aliases  # still printed so
        assert detail.mentions[0].surface == "张海涛"

    corrections.retag_articles(tagged, [meeting])
    assert ("张海韬", "person") in counts(tagged)

    corrections.undo(tagged)
    assert ("张海韬", "person") not in counts(tagged)
    assert entity_hits(tagged, "张海涛") == [meeting]


def test_retype_changes_the_type_and_undo_restores(tagged: Archive) -> None:
    corrections.retype(tagged, "东山乡", "organization")
    with tagged.db.read() as session:
        orgs = {e.name for e in list_entities(session, type="organization")}
        places = {e.name for e in list_entities(session, type="place")}
        assert entity_detail(session, "东山乡").type == "organization"
    assert "东山乡" in orgs and "东山乡" not in places
    corrections.retag_articles(tagged, all_article_ids(tagged))
    assert counts(tagged).get(("东山乡", "organization"), (0, 0))[0] >= 2

    corrections.undo(tagged)
    found = counts(tagged)
    assert ("东山乡", "organization") not in found
    assert found[("东山乡", "place")] == (2, 1)


def test_split_gives_some_articles_to_a_new_entity(tagged: Archive, tmp_path: Path) -> None:
    market = article_id(tagged, MARKET)
    library = article_id(tagged, LIBRARY)
    assert article_ids_of(tagged, "王建国") == sorted([market, library])
    result = corrections.split(tagged, "王建国", [library], "王建国（青石集团）")
    assert result.articles == [library]
    assert article_ids_of(tagged, "王建国") == [market]
    assert article_ids_of(tagged, "王建国（青石集团）") == [library]
    assert counts(tagged)[("王建国（青石集团）", "person")] == (1, 1)
    assert entity_hits(tagged, "王建国（青石集团）") == [library]
    assert entity_hits(tagged, "王建国") == [market]

    corrections.retag_articles(tagged, all_article_ids(tagged))
    reimport(tagged, tmp_path / "again", b1_name(), PAGE_B1 + "\n")
    assert article_ids_of(tagged, "王建国（青石集团）") == [library]
    assert article_ids_of(tagged, "王建国") == [market]

    corrections.undo(tagged, result.rule_id)
    assert article_ids_of(tagged, "王建国") == sorted([market, library])
    assert ("王建国（青石集团）", "person") not in counts(tagged)


def test_split_refuses_articles_without_the_entity(tagged: Archive) -> None:
    meeting = article_id(tagged, "副省长会见客商")
    with pytest.raises(InputError, match=str(meeting)):
        corrections.split(tagged, "王建国", [meeting], "别人")


def _market_body(archive: Archive) -> tuple[int, str]:
    market = article_id(archive, MARKET)
    with archive.db.read() as session:
        return market, get_article(session, market).body


def test_add_mention_on_the_second_part_of_a_continued_article(
    tagged: Archive, tmp_path: Path
) -> None:
    market, body = _market_body(tagged)
    start = body.index("市场占地")  # printed on page B2, the article's second part
    result = corrections.add_mention(
        tagged, market, "body", start, start + 2, "organization", name="安平县茶叶市场"
    )
    assert result.articles == [market]
    expected = ("安平县茶叶市场", "organization", "body", start, start + 2)
    with tagged.db.read() as session:
        assert expected in mentions_of_article(session, market)
        row = session.scalars(select(Mention).where(Mention.manual.is_(True))).one()
        page = session.scalar(
            select(Page.label)
            .join(ArticlePart, ArticlePart.page_id == Page.id)
            .where(ArticlePart.id == row.part_id)
        )
        assert page == "B2" and row.surface == "市场" and row.rule_id == result.rule_id
    assert counts(tagged)[("安平县茶叶市场", "organization")] == (1, 1)
    assert entity_hits(tagged, "安平县茶叶市场") == [market]

    corrections.retag_articles(tagged, [market])
    assert counts(tagged)[("安平县茶叶市场", "organization")] == (1, 1)

    # Re-import page B2 with a sentence more before the mention: it moves with its text.
    shifted = PAGE_B2.replace("（上接B1版）", "（上接B1版）记者近日走访了工地。")
    reimport(tagged, tmp_path / "again", B2_NAME, shifted)
    _, body = _market_body(tagged)
    with tagged.db.read() as session:
        moved = [m for m in mentions_of_article(session, market) if m.name == "安平县茶叶市场"]
    assert len(moved) == 1 and body[moved[0].start : moved[0].end] == "市场"
    assert moved[0].start > start

    corrections.undo(tagged)
    assert ("安平县茶叶市场", "organization") not in counts(tagged)
    with tagged.db.read() as session:
        assert session.scalars(select(Mention).where(Mention.manual.is_(True))).all() == []


def test_a_manual_mention_whose_text_is_gone_is_kept_and_flagged(
    tagged: Archive, tmp_path: Path
) -> None:
    market, body = _market_body(tagged)
    start = body.index("周边道路")
    corrections.add_mention(tagged, market, "body", start, start + 4, "place")
    reimport(tagged, tmp_path / "again", B2_NAME, PAGE_B2.replace("周边道路", "附近街巷"))
    with tagged.db.read() as session:
        row = session.scalars(select(Mention).where(Mention.manual.is_(True))).one()
        assert (row.start, row.end, row.surface) == (-1, -1, "周边道路")
        assert all(m.name != "周边道路" for m in mentions_of_article(session, market))
        detail = entity_detail(session, "周边道路")
        assert detail.mention_count == 1 and detail.mentions[0].start == -1
        rule = session.get(EntityRule, row.rule_id)
        assert rule is not None and rule.payload["surface"] == "周边道路"
    # The text comes back: the mention is anchored again.
    reimport(tagged, tmp_path / "third", B2_NAME, PAGE_B2)
    with tagged.db.read() as session:
        anchored = [m for m in mentions_of_article(session, market) if m.name == "周边道路"]
    assert [(m.start, m.end) for m in anchored] == [(start, start + 4)]


def test_a_manual_mention_wins_over_an_overlapping_automatic_one(tagged: Archive) -> None:
    meeting = article_id(tagged, "副省长会见客商")
    with tagged.db.read() as session:
        body = get_article(session, meeting).body
    start = body.index("张海涛")
    corrections.add_mention(tagged, meeting, "body", start - 3, start + 3, "person", name="张海涛")
    with tagged.db.read() as session:
        ours = [m for m in mentions_of_article(session, meeting) if m.start < start + 3]
    assert [(m.name, m.start, m.end) for m in ours if m.end > start] == [
        ("张海涛", start - 3, start + 3)
    ]


def test_add_mention_refuses_bad_input(tagged: Archive) -> None:
    market, body = _market_body(tagged)
    with pytest.raises(NotFoundError):
        corrections.add_mention(tagged, 9999, "body", 0, 2, "person")
    with pytest.raises(InputError, match="type"):
        corrections.add_mention(tagged, market, "body", 0, 2, "animal")
    with pytest.raises(InputError):
        corrections.add_mention(tagged, market, "body", 5, 5, "place")
    with pytest.raises(InputError):
        corrections.add_mention(tagged, market, "body", len(body) - 1, len(body) + 5, "place")
    with pytest.raises(InputError):
        corrections.add_mention(tagged, market, "caption", 0, 2, "place")
    newline = body.index("\n")
    with pytest.raises(InputError):
        corrections.add_mention(tagged, market, "body", newline - 1, newline + 2, "place")


def test_undo_walks_back_and_redo_puts_back(tagged: Archive) -> None:
    first = corrections.rename(tagged, "张海涛", "张海韬")
    second = corrections.delete_entity(tagged, "东山乡")
    assert corrections.undo(tagged).rule_id == second.rule_id
    assert ("东山乡", "place") in counts(tagged)
    assert corrections.undo(tagged).rule_id == first.rule_id
    with pytest.raises(NotFoundError):
        corrections.undo(tagged)
    with pytest.raises(InputError, match="already undone"):
        corrections.undo(tagged, first.rule_id)
    with pytest.raises(NotFoundError):
        corrections.undo(tagged, 999)
    corrections.redo(tagged, first.rule_id)
    assert ("张海韬", "person") in counts(tagged)
    with pytest.raises(InputError):
        corrections.redo(tagged, first.rule_id)


def test_undoing_an_undo_entry_of_the_history_redoes_it(tagged: Archive) -> None:
    done = corrections.delete_entity(tagged, "东山乡")
    undone = corrections.undo(tagged)
    again = corrections.undo(tagged, audit_id=undone.audit_id)
    assert again.action == "redo" and again.rule_id == done.rule_id
    assert ("东山乡", "place") not in counts(tagged)


def test_undoing_a_rename_that_a_merge_built_on(tagged: Archive) -> None:
    meeting = article_id(tagged, "副省长会见客商")
    renamed = corrections.rename(tagged, "张海涛", "张副省长")
    corrections.merge(tagged, "张副省长", "李秀英")
    assert ("张海涛", "person") not in counts(tagged)
    corrections.undo(tagged, renamed.rule_id)  # the merge no longer reaches 张海涛
    assert counts(tagged)[("张海涛", "person")] == (1, 1)
    assert entity_hits(tagged, "张海涛") == [meeting]


def test_history_records_what_when_before_and_after(tagged: Archive) -> None:
    result = corrections.rename(tagged, "张海涛", "张海韬")
    corrections.undo(tagged)
    with tagged.db.read() as session:
        entries = corrections.history(session)
        audit = session.get(AuditEntry, result.audit_id)
        assert audit is not None and audit.at is not None and audit.actor == "user"
    assert [entry.action for entry in entries] == ["undo", "rename"]
    rename_entry = entries[1]
    assert rename_entry.rule_id == result.rule_id and rename_entry.active is False
    assert rename_entry.before == {"name": "张海涛", "type": "person", "mentions": 1, "articles": 1}
    assert rename_entry.after["name"] == "张海韬" and rename_entry.after["mentions"] == 1
    assert "张海涛" in rename_entry.subject


def test_ambiguous_and_unknown_names_are_clear_errors(tagged: Archive) -> None:
    with pytest.raises(NotFoundError, match="王建国"):
        corrections.rename(tagged, "王建军", "王二")
    with pytest.raises(NotFoundError):
        corrections.delete_entity(tagged, "王建国", type="place")
    with pytest.raises(InputError, match="itself"):
        corrections.merge(tagged, "王建国", "王建国")
    with pytest.raises(InputError, match="empty"):
        corrections.rename(tagged, "王建国", "  ")
    with tagged.db.read() as session:
        assert session.scalars(select(EntityRule)).all() == []


def test_a_read_only_archive_refuses_corrections(template: ArchivePaths) -> None:
    with Archive(template, write=False) as archive, pytest.raises(InternalError, match="writing"):
        corrections.rename(archive, "王建国", "王二")

"""Structure corrections: split, merge, move paragraphs, join, unjoin, move; undo and redo."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import (
    Annotation,
    ArticlePart,
    ArticleTag,
    Bookmark,
    CollectionItem,
    EntityRule,
    Mention,
    Page,
    TextBlock,
)
from main import main
from reader.archive import Archive
from reader.curation import CurationResult, list_revisions, revert_revision, structure
from reader.entities.corrections import add_mention, retag_in_session
from reader.errors import InputError
from reader.importer import Importer
from reader.library import get_article
from reader.notes.annotations import create_annotation, get_annotation
from reader.notes.bookmarks import add_bookmark
from reader.notes.collections import add_to_collection, create_collection
from reader.notes.tags import tag_articles
from reader.paths import ArchivePaths
from reader.search.index import IndexStatus
from reader.segment import Segmenter
from tests.reader.curation.structure_helpers import (
    archive_state,
    article_ids,
    body_blocks,
    check_mentions,
)
from tests.reader.curation.structure_pages import HEATING, LIBRARY, NEW_TOWN, RIVER, write_pages

HEADING = "heading"
PARAGRAPH = "paragraph"


@pytest.fixture
def town(tmp_path: Path, segmenter: Segmenter) -> Iterator[Archive]:
    """An archive holding pages 3 and 4 of the invented issue, indexed."""
    with Archive(ArchivePaths(tmp_path / "archive"), write=True) as archive:
        archive.segmenter = segmenter
        report = Importer(archive).run(write_pages(tmp_path / "pages"))
        assert not report.failed
        archive.search.ensure_current()
        yield archive


def _parts_of(archive: Archive, article_id: int) -> list[tuple[str, int, int]]:
    """(page label, position, part_no) of an article's parts in reading order."""
    with archive.db.read() as session:
        rows = session.execute(
            select(Page.label, ArticlePart.position, ArticlePart.part_no)
            .join(Page, Page.id == ArticlePart.page_id)
            .where(ArticlePart.article_id == article_id)
            .order_by(ArticlePart.part_no)
        ).all()
    return [(label, position, number) for label, position, number in rows]


def _page_order(archive: Archive, label: str) -> list[int]:
    """The article ids of a page in position order."""
    with archive.db.read() as session:
        return list(
            session.scalars(
                select(ArticlePart.article_id)
                .join(Page, Page.id == ArticlePart.page_id)
                .where(Page.label == label)
                .order_by(ArticlePart.position)
            )
        )


# --- the session-level operations -------------------------------------------------------------


def test_split_at_a_heading_makes_it_the_headline_and_the_later_parts_follow(
    town: Archive,
) -> None:
    ids = article_ids(town)
    new_town = ids[NEW_TOWN]
    with town.db.write() as session:
        before = body_blocks(session, new_town)
        change = structure.split_in_session(session, new_town, 2)
        (created,) = change.created
        assert change.touched == {new_town, created}
        assert check_mentions(session) >= 5
        kept, moved = body_blocks(session, new_town), body_blocks(session, created)
        new_title = session.get(structure.Article, created).title
    assert kept == before[:2]
    assert new_title == "一、交通路网加快成形"  # the heading became the headline
    assert moved == before[3:]  # ... and left the body; nothing else lost
    # the page-3 part was split into two parts; the page-4 part moved whole
    assert _parts_of(town, new_town) == [("03", 0, 0)]
    assert _parts_of(town, created) == [("03", 1, 0), ("04", 0, 1)]
    assert _page_order(town, "03") == [new_town, created, ids[HEATING], ids[LIBRARY]]
    with town.db.read() as session:
        heads = session.scalars(select(ArticlePart).where(ArticlePart.article_id == new_town))
        assert [part.continues_to for part in heads] == [None]  # the 下转 marker moved on


def test_split_with_a_title_keeps_a_whole_parts_headline_as_text(town: Archive) -> None:
    new_town = article_ids(town)[NEW_TOWN]
    with town.db.write() as session:
        before = body_blocks(session, new_town)
        change = structure.split_in_session(session, new_town, 6, title="新城规划")
        (created,) = change.created
        assert session.get(structure.Article, created).title == "新城规划"
        assert body_blocks(session, created) == before[6:]  # a headline-less part: as it was
        assert body_blocks(session, new_town) == before[:6]
        check_mentions(session)
    assert _parts_of(town, created) == [("04", 0, 0)]


def test_merge_with_the_next_article_turns_its_headline_into_a_heading(town: Archive) -> None:
    ids = article_ids(town)
    heating, library = ids[HEATING], ids[LIBRARY]
    with town.db.write() as session:
        before = body_blocks(session, heating) + body_blocks(session, library)
        change = structure.merge_neighbour_in_session(session, heating, "next")
        assert (change.touched, change.removed) == ({heating}, {library})
        assert change.moved_user_data == [(library, heating)]
        assert session.get(structure.Article, library) is None
        survivor = session.get(structure.Article, heating)
        assert survivor.authors == ["周小川", "吴静"]
        blocks = body_blocks(session, heating)
        (part,) = survivor.parts
        assert "（吴静）" in part.consumed and "本报讯" in part.consumed  # raw text kept
        check_mentions(session)
    assert blocks == [*before[:2], (HEADING, LIBRARY), *before[2:]]
    assert _page_order(town, "03") == [ids[NEW_TOWN], heating]


def test_merge_with_the_previous_article_keeps_the_earlier_one(town: Archive) -> None:
    ids = article_ids(town)
    with town.db.write() as session:
        change = structure.merge_neighbour_in_session(session, ids[LIBRARY], "previous")
        assert (change.touched, change.removed) == ({ids[HEATING]}, {ids[LIBRARY]})
        with pytest.raises(structure.InputError, match="first article on page 03"):
            structure.merge_neighbour_in_session(session, ids[NEW_TOWN], "previous")


def test_merge_across_pages_adds_the_text_where_it_was_printed(town: Archive) -> None:
    ids = article_ids(town)
    new_town, river = ids[NEW_TOWN], ids[RIVER]
    with town.db.write() as session:
        town_blocks, river_blocks = body_blocks(session, new_town), body_blocks(session, river)
        # the later one given first: the one printed first survives
        change = structure.merge_in_session(session, river, new_town)
        assert change.removed == {river}
        assert body_blocks(session, new_town) == [*town_blocks, (HEADING, RIVER), *river_blocks]
        assert check_mentions(session) >= 6
        # the subtitle of the survivor is still tagged; the river's body mentions moved
        surfaces = list(
            session.scalars(select(Mention.surface).where(Mention.article_id == new_town))
        )
    assert surfaces.count("松江区") >= 3
    assert _parts_of(town, new_town) == [("03", 0, 0), ("04", 0, 1)]


def test_a_merged_away_deck_becomes_a_heading_and_its_mentions_follow(town: Archive) -> None:
    ids = article_ids(town)
    new_town, heating = ids[NEW_TOWN], ids[HEATING]
    with town.db.read() as session:
        page_3 = session.scalar(select(Page.id).where(Page.label == "03"))
    assert page_3 is not None
    with town.db.write() as session:
        structure.move_article_in_session(session, heating, page_3, 0)  # now printed first
        town_blocks = body_blocks(session, new_town)
        heating_blocks = body_blocks(session, heating)
        change = structure.merge_neighbour_in_session(session, heating, "next")
        assert change.removed == {new_town}
        assert body_blocks(session, heating) == [
            *heating_blocks,
            (HEADING, NEW_TOWN),
            (HEADING, "松江区重点项目观察"),
            *town_blocks,
        ]
        survivor = session.get(structure.Article, heating)
        assert survivor.authors == ["周小川", "林海燕"]
        assert survivor.subtitle is None  # the survivor's own (empty) deck
        first = survivor.parts[0]
        assert "本报记者\u3000林海燕" in first.consumed
        assert session.scalar(select(Mention).where(Mention.field == "subtitle")) is None
        deck_at = sum(len(text) + 1 for _kind, text in heating_blocks) + len(NEW_TOWN) + 1
        deck = session.scalar(
            select(Mention).where(Mention.part_id == first.id, Mention.start == deck_at)
        )
        assert deck is not None and deck.surface == "松江区"  # the deck's mention, in the body
        assert check_mentions(session) >= 7
    assert _parts_of(town, heating) == [("03", 0, 0), ("04", 0, 1)]


def test_move_blocks_to_the_start_and_end_of_another_article(town: Archive) -> None:
    ids = article_ids(town)
    new_town, heating, river = ids[NEW_TOWN], ids[HEATING], ids[RIVER]
    with town.db.write() as session:
        town_blocks = body_blocks(session, new_town)
        heating_blocks = body_blocks(session, heating)
        river_blocks = body_blocks(session, river)
        change = structure.move_blocks_in_session(session, new_town, [7, 6], river, "start")
        assert change.touched == {new_town, river}
        structure.move_blocks_in_session(session, new_town, [0], heating, "end")
        assert body_blocks(session, river) == town_blocks[6:] + river_blocks
        assert body_blocks(session, heating) == [*heating_blocks, town_blocks[0]]
        assert body_blocks(session, new_town) == town_blocks[1:6]
        assert check_mentions(session) >= 5
        moved = session.scalar(select(Mention).where(Mention.surface == "马文清"))
        assert moved is not None and moved.article_id == river


def test_unjoin_then_join_gives_the_same_structure(town: Archive) -> None:
    new_town = article_ids(town)[NEW_TOWN]
    parts_before = _parts_of(town, new_town)
    with town.db.write() as session:
        change = structure.unjoin_in_session(session, new_town, 1)
        (created,) = change.created
        assert session.get(structure.Article, created).title == ""
        check_mentions(session)
        joined = structure.join_in_session(session, new_town, created)
        assert joined.removed == {created} and joined.moved_user_data == [(created, new_town)]
        check_mentions(session)
    assert _parts_of(town, new_town) == parts_before


def test_move_article_to_another_page_and_back(town: Archive) -> None:
    ids = article_ids(town)
    library, heating = ids[LIBRARY], ids[HEATING]
    with town.db.read() as session:
        page_4 = session.scalar(select(Page.id).where(Page.label == "04"))
        page_3 = session.scalar(select(Page.id).where(Page.label == "03"))
    assert page_4 is not None and page_3 is not None
    with town.db.write() as session:
        change = structure.move_article_in_session(session, library, page_4, 1)
        assert change.pages == {page_3, page_4}
    assert _page_order(town, "04") == [ids[NEW_TOWN], library, ids[RIVER]]
    assert _page_order(town, "03") == [ids[NEW_TOWN], heating]
    with town.db.write() as session:
        structure.move_article_in_session(session, library, page_3, 1)
        with pytest.raises(structure.InputError, match="already at position 1 of page 03"):
            structure.move_article_in_session(session, library, page_3, 1)
        with pytest.raises(structure.InputError, match="unjoin it first"):
            structure.move_article_in_session(session, ids[NEW_TOWN], page_4)
    assert _page_order(town, "03") == [ids[NEW_TOWN], library, heating]


def test_a_hand_added_mention_follows_its_paragraph_and_is_not_doubled(town: Archive) -> None:
    new_town = article_ids(town)[NEW_TOWN]
    with town.db.read() as session:
        body = "\n".join(text for _kind, text in body_blocks(session, new_town))
    start = body.index("环湖大道")
    add_mention(town, new_town, "body", start, start + 4, "place")
    with town.db.write() as session:
        change = structure.split_in_session(session, new_town, 3, title="交通")
        (created,) = change.created
        retag_in_session(session, town.segmenter, [new_town, created])
        rows = session.scalars(select(Mention).where(Mention.surface == "环湖大道")).all()
        assert [(row.article_id, row.manual) for row in rows] == [(created, True)]
        assert rows[0].start == 0  # the first paragraph of the new part
        rule = session.scalars(select(EntityRule).where(EntityRule.action == "add")).one()
        assert (rule.payload["part_id"], rule.payload["start"]) == (rows[0].part_id, 0)
        check_mentions(session)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, i: structure.split_in_session(s, i[NEW_TOWN], 0), "block from 1 to 7"),
        (lambda s, i: structure.split_in_session(s, i[NEW_TOWN], 8), "block from 1 to 7"),
        (lambda s, i: structure.split_in_session(s, i[LIBRARY], 1), "nothing to split"),
        (lambda s, i: structure.split_in_session(s, 9999, 1), "No article with id 9999"),
        (lambda s, i: structure.merge_in_session(s, i[HEATING], i[HEATING]), "with itself"),
        (lambda s, i: structure.merge_neighbour_in_session(s, i[RIVER], "next"), "last article"),
        (lambda s, i: structure.merge_neighbour_in_session(s, i[RIVER], "up"), "direction"),
        (
            lambda s, i: structure.move_blocks_in_session(s, i[HEATING], [0, 1], i[RIVER]),
            "merge it with",
        ),
        (lambda s, i: structure.move_blocks_in_session(s, i[HEATING], [5], i[RIVER]), "no block 5"),
        (lambda s, i: structure.move_blocks_in_session(s, i[HEATING], [], i[RIVER]), "no blocks"),
        (lambda s, i: structure.move_blocks_in_session(s, i[HEATING], [0], i[HEATING]), "itself"),
        (lambda s, i: structure.unjoin_in_session(s, i[HEATING], 1), "nothing joined"),
        (lambda s, i: structure.unjoin_in_session(s, i[NEW_TOWN], 2), "part from 1 to 1"),
        (lambda s, i: structure.join_in_session(s, i[RIVER], i[RIVER]), "with itself"),
        (lambda s, i: structure.move_article_in_session(s, i[RIVER], 9999), "No page with id"),
    ],
)
def test_invalid_requests_name_the_article_and_change_nothing(
    town: Archive, call: object, message: str
) -> None:
    ids = article_ids(town)
    before = archive_state(town)
    with town.db.write() as session:
        with pytest.raises(structure.InputError, match=message) as error:
            call(session, ids)  # type: ignore[operator]
        session.rollback()
    text = str(error.value)
    assert "9999" in text or "article " in text
    assert archive_state(town) == before


# --- the public operations: revisions, undo, redo, users' data, search ----------------------

Operation = Callable[[Archive, dict[str, int], dict[str, int]], CurationResult]


def _page_ids(archive: Archive) -> dict[str, int]:
    with archive.db.read() as session:
        return {page.label: page.id for page in session.scalars(select(Page))}


OPERATIONS: dict[str, Operation] = {
    "split": lambda a, i, p: structure.split_article(a, i[NEW_TOWN], 2),
    "split-inside": lambda a, i, p: structure.split_article(a, i[NEW_TOWN], 1, title="出行"),
    "merge-next": lambda a, i, p: structure.merge_with_neighbour(a, i[HEATING], "next"),
    "merge-previous": lambda a, i, p: structure.merge_with_neighbour(a, i[LIBRARY], "previous"),
    "merge-across": lambda a, i, p: structure.merge_articles(a, i[RIVER], i[NEW_TOWN]),
    "move-blocks": lambda a, i, p: structure.move_blocks(
        a, i[NEW_TOWN], [6, 7], i[RIVER], at="start"
    ),
    "join": lambda a, i, p: structure.join_continuation(a, i[HEATING], i[LIBRARY]),
    "unjoin": lambda a, i, p: structure.unjoin(a, i[NEW_TOWN], 1),
    "move-article": lambda a, i, p: structure.move_article(a, i[LIBRARY], p["04"], position=1),
}


ACTIONS = {
    "split": "split",
    "split-inside": "split",
    "merge-next": "merge",
    "merge-previous": "merge",
    "merge-across": "merge",
    "move-blocks": "move_blocks",
    "join": "join",
    "unjoin": "unjoin",
    "move-article": "move_article",
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_each_operation_is_undone_and_redone_with_the_same_rows(town: Archive, name: str) -> None:
    before = archive_state(town)
    result = OPERATIONS[name](town, article_ids(town), _page_ids(town))
    after = archive_state(town)
    assert after != before
    assert result.action == ACTIONS[name]
    with town.db.read() as session:
        assert check_mentions(session) >= 5
        (info,) = [row for row in list_revisions(session) if row.id == result.revision_id]
        assert info.summary == result.summary
    undo = revert_revision(town, result.revision_id)
    assert archive_state(town) == before
    # The undo re-creates what the operation removed and removes what it created, no more.
    assert sorted(undo.created_ids) == sorted(result.removed_ids)
    assert sorted(undo.removed_ids) == sorted(result.created_ids)
    with town.db.read() as session:
        check_mentions(session)
    redo = revert_revision(town, undo.revision_id)
    assert archive_state(town) == after
    assert sorted(redo.created_ids) == sorted(result.created_ids)
    assert town.search.status() is IndexStatus.OK  # kept up to date, never rebuilt


def test_annotations_follow_their_paragraphs_through_a_split_and_back(town: Archive) -> None:
    new_town = article_ids(town)[NEW_TOWN]
    moving = create_annotation(town, new_town, quote="环湖大道东段已经通车", note="交通")
    staying = create_annotation(town, new_town, quote="十二个重点项目全部开工")
    continued = create_annotation(town, new_town, quote="盼着早日住上新房")

    result = structure.split_article(town, new_town, 2)

    (created,) = result.created_ids
    assert {new_town, created} <= set(result.article_ids)  # (and those printed below it)
    with town.db.read() as session:
        found = {row.id: get_annotation(session, row.id) for row in (moving, staying, continued)}
        bodies = {i: get_article(session, i).body for i in (new_town, created)}
    for row, owner in ((moving, created), (staying, new_town), (continued, created)):
        info = found[row.id]
        assert info.article_id == owner, row.quote
        assert bodies[owner][info.start : info.end] == row.quote
        assert info.status in ("anchored", "moved")
    assert found[moving.id].note == "交通"

    revert_revision(town, result.revision_id)
    with town.db.read() as session:
        body = get_article(session, new_town).body
        for row in (moving, staying, continued):
            info = get_annotation(session, row.id)
            assert info.article_id == new_town
            assert body[info.start : info.end] == row.quote


def test_a_merge_brings_annotations_bookmark_and_tag_along_and_a_revert_takes_them_back(
    town: Archive,
) -> None:
    ids = article_ids(town)
    heating, library = ids[HEATING], ids[LIBRARY]
    on_text = create_annotation(town, library, quote="延长开放至晚上九点", note="开放时间")
    on_title = create_annotation(town, library, field="title", quote="夜间开放")
    mark = add_bookmark(town, library)
    assert mark is not None
    tag_articles(town, [library], "文化/阅读")
    folder = create_collection(town, "公共服务")
    add_to_collection(town, folder.id, [library, heating])

    result = structure.merge_with_neighbour(town, heating, "next")

    assert (result.article_ids, result.removed_ids) == ([heating], [library])
    with town.db.read() as session:
        body = get_article(session, heating).body
        for row in (on_text, on_title):
            info = get_annotation(session, row.id)
            assert info.article_id == heating
            assert body[info.start : info.end] == row.quote  # the headline is in the body now
        assert session.get(Bookmark, mark.id).article_id == heating
        assert session.scalars(select(ArticleTag.article_id)).all() == [heating]
        # filed twice in one folder now: the same fact, kept once
        assert session.scalars(select(CollectionItem.article_id)).all() == [heating]

    revert_revision(town, result.revision_id)
    with town.db.read() as session:
        assert get_annotation(session, on_title.id).field == "title"
        for row in (on_text, on_title):
            assert get_annotation(session, row.id).article_id == library
        assert session.get(Bookmark, mark.id).article_id == library
        assert session.scalars(select(ArticleTag.article_id)).all() == [library]
        assert sorted(session.scalars(select(CollectionItem.article_id))) == sorted(
            [heating, library]
        )
        assert session.scalar(select(Annotation.status).where(Annotation.id == on_text.id)) in (
            "anchored",
            "moved",
        )


def test_search_finds_moved_text_under_its_new_article(town: Archive) -> None:
    ids = article_ids(town)
    result = structure.move_blocks(town, ids[NEW_TOWN], [3], ids[HEATING])
    assert town.search.status() is IndexStatus.OK
    hits = town.search.search("环湖大道", page_size=50).hits
    assert [hit.id for hit in hits] == [ids[HEATING]]
    revert_revision(town, result.revision_id)
    hits = town.search.search("环湖大道", page_size=50).hits
    assert [hit.id for hit in hits] == [ids[NEW_TOWN]]


def test_machine_text_travels_with_moved_and_merged_text(town: Archive) -> None:
    ids = article_ids(town)
    with town.db.write() as session:  # as if the user had corrected them before
        block = session.scalar(select(TextBlock).where(TextBlock.text.startswith("环湖大道")))
        assert block is not None
        block.original, block.text = block.text, "环湖大道东段已于本月通车，西段正在铺设沥青。"
        part = session.scalar(select(ArticlePart).where(ArticlePart.title == LIBRARY))
        assert part is not None
        part.original, part.title = {"title": LIBRARY}, "区图书馆夜间开放"
    structure.move_blocks(town, ids[NEW_TOWN], [3], ids[RIVER])
    structure.merge_with_neighbour(town, ids[HEATING], "next")
    with town.db.read() as session:
        moved = session.scalar(select(TextBlock).where(TextBlock.text.startswith("环湖大道")))
        heading = session.scalar(select(TextBlock).where(TextBlock.text == "区图书馆夜间开放"))
        assert moved is not None and heading is not None
        assert moved.original is not None and moved.original.startswith("环湖大道东段已经通车")
        assert session.get(ArticlePart, moved.part_id).article_id == ids[RIVER]
        assert (heading.kind, heading.original) == (HEADING, LIBRARY)


@pytest.mark.parametrize(
    "call",
    [
        lambda a, i, p: structure.split_article(a, i[NEW_TOWN], 0),
        lambda a, i, p: structure.merge_with_neighbour(a, i[NEW_TOWN], "previous"),
        lambda a, i, p: structure.merge_articles(a, i[RIVER], i[RIVER]),
        lambda a, i, p: structure.move_blocks(a, i[HEATING], [0, 1], i[RIVER]),
        lambda a, i, p: structure.join_continuation(a, i[HEATING], i[HEATING]),
        lambda a, i, p: structure.unjoin(a, i[HEATING], 1),
        lambda a, i, p: structure.move_article(a, i[NEW_TOWN], p["03"]),
        lambda a, i, p: structure.move_article(a, i[LIBRARY], p["03"], position=7),
    ],
)
def test_refused_requests_store_no_revision(town: Archive, call: Operation) -> None:
    ids = article_ids(town)
    before = archive_state(town)
    counter = town.search.database_counter()
    with pytest.raises(InputError, match=r"article \d+ "):
        call(town, ids, _page_ids(town))
    assert archive_state(town) == before
    assert town.search.database_counter() == counter
    with town.db.read() as session:
        assert list_revisions(session) == []


def test_a_hand_added_mention_follows_a_split_and_comes_back_on_revert(town: Archive) -> None:
    new_town = article_ids(town)[NEW_TOWN]
    with town.db.read() as session:
        body = get_article(session, new_town).body
    start = body.index("环湖大道")  # in the first part: part offsets are the article's
    add_mention(town, new_town, "body", start, start + 4, "place")

    def manual() -> list[tuple[int, int]]:
        with town.db.read() as session:
            check_mentions(session)
            rows = session.execute(
                select(Mention.article_id, Mention.start, Mention.part_id, EntityRule.payload)
                .join(EntityRule, EntityRule.id == Mention.rule_id)
                .where(Mention.manual.is_(True))
            ).all()
        # The hand-added mention's rule points where the row is (re-tagging reads the rule).
        assert all(payload["part_id"] == part_id for _a, _s, part_id, payload in rows)
        return [(article_id, begin) for article_id, begin, _p, _payload in rows]

    result = structure.split_article(town, new_town, 3, title="交通")
    (created,) = result.created_ids
    assert manual() == [(created, 0)]  # the paragraph opens the new part
    undo = revert_revision(town, result.revision_id)
    assert manual() == [(new_town, start)]
    revert_revision(town, undo.revision_id)
    assert manual() == [(created, 0)]


def test_cli_split_and_merge_print_the_revision_and_revert_undoes_them(
    tmp_path: Path, segmenter: Segmenter, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "archive"
    with Archive(ArchivePaths(root), write=True) as archive:
        archive.segmenter = segmenter
        assert not Importer(archive).run(write_pages(tmp_path / "pages")).failed
        ids = article_ids(archive)
        before = archive_state(archive)

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(["--archive", str(root), *argv])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    status, out, _ = run("split", str(ids[NEW_TOWN]), "2")
    assert status == 0
    assert f"split “{NEW_TOWN}” at block 2" in out and "new article(s): " in out
    status, out, _ = run("merge", str(ids[HEATING]), "--next")
    assert status == 0
    assert f"removed article(s): {ids[LIBRARY]}" in out
    status, out, err = run("split", str(ids[LIBRARY]), "1")
    assert (status, out) == (2, "")
    assert f"No article with id {ids[LIBRARY]}" in err
    status, out, err = run("merge", str(ids[NEW_TOWN]), "--previous")
    assert status == 2 and f'article {ids[NEW_TOWN]} "{NEW_TOWN}"' in err

    status, out, _ = run("history", "--json")
    revisions = json.loads(out)["revisions"]
    assert [row["action"] for row in revisions] == ["merge", "split"]
    for row in revisions:  # newest first
        assert run("revert", str(row["id"]))[0] == 0
    with Archive(ArchivePaths(root), write=False) as archive:
        assert archive_state(archive) == before

"""Bookmarks, tags, collections, annotations, saved searches: writes, queries and exact undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from db.models import (
    Annotation,
    ArticleTag,
    AuditEntry,
    Base,
    Bookmark,
    Collection,
    CollectionItem,
    SavedSearch,
    Tag,
)
from reader.archive import Archive, read_change_counter
from reader.errors import InputError, NotFoundError, QuerySyntaxError
from reader.notes import annotations, bookmarks, collections, saved_searches, tags
from tests.fixtures.notes_pages import CITY, FARM, SOLAR, search_ids

USER_TABLES: list[type[Base]] = [
    Annotation,
    ArticleTag,
    Bookmark,
    Collection,
    CollectionItem,
    SavedSearch,
    Tag,
]


def _state(archive: Archive) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every user table, every column: what an undo must bring back exactly."""
    with archive.db.read() as session:
        return {
            model.__tablename__: [
                tuple(getattr(row, column.key) for column in model.__table__.columns)
                for row in session.scalars(select(model).order_by(model.id))  # type: ignore[attr-defined]
            ]
            for model in USER_TABLES
        }


# ------------------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (" 产业 / 光伏 ", "产业/光伏"),
        ("产业／光伏", "产业/光伏"),
        ("待  核实", "待 核实"),
        ("ＡＢ", "AB"),
    ],
)
def test_tag_paths_are_normalised(text: str, path: str) -> None:
    assert tags.normalise_tag_path(text) == path


@pytest.mark.parametrize("text", ["", "  ", "产业//光伏", "/产业", "产业/"])
def test_bad_tag_paths_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        tags.normalise_tag_path(text)


def test_hierarchical_tags_in_queries(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    solar, farm, city = article_id(SOLAR), article_id(FARM), article_id(CITY)
    change = tags.tag_articles(page_archive, [solar], "产业 / 光伏")
    assert change.created_paths == ["产业", "产业/光伏"] and change.change is not None
    assert change.change.index_updated
    tags.tag_articles(page_archive, [farm], "产业")
    tags.tag_articles(page_archive, [city], "民生")
    assert search_ids(page_archive, "tag:产业") == sorted([solar, farm])
    assert search_ids(page_archive, "tag:产业/光伏") == [solar]
    assert search_ids(page_archive, 'tag:"产业 / 光伏"') == [solar]
    assert search_ids(page_archive, "标签:民生") == [city]
    assert search_ids(page_archive, "tag:光伏") == []  # paths are read from the root
    assert search_ids(page_archive, "清源县 -tag:产业") == [city]
    with page_archive.db.read() as session:
        listed = {
            info.path: (info.count, info.total, info.depth) for info in tags.list_tags(session)
        }
        assert tags.articles_with_tag(session, "产业") == sorted([solar, farm])
        assert tags.articles_with_tag(session, "产业", descendants=False) == [farm]
        assert tags.tags_of_article(session, solar) == ["产业/光伏"]
    assert listed == {"产业": (1, 2, 0), "产业/光伏": (1, 1, 1), "民生": (1, 1, 0)}


def test_tag_undo_removes_exactly_what_was_added(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    solar, farm = article_id(SOLAR), article_id(FARM)
    tags.tag_articles(page_archive, [solar], "产业")
    before = _state(page_archive)
    change = tags.tag_articles(page_archive, [solar, farm], "产业/光伏")
    assert change.article_ids == [solar, farm] and change.created_paths == ["产业/光伏"]
    again = tags.tag_articles(page_archive, [solar], "产业/光伏")
    assert again.article_ids == [] and again.created_paths == []
    tags.undo_tag_articles(page_archive, change)
    assert _state(page_archive) == before
    assert search_ids(page_archive, "tag:产业/光伏") == []


def test_tag_rename_delete_untag_and_restore_exactly(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    solar, farm, city = article_id(SOLAR), article_id(FARM), article_id(CITY)
    tags.tag_articles(page_archive, [solar, farm], "产业/光伏")
    tags.tag_articles(page_archive, [solar], "产业/光伏/组件")
    tags.tag_articles(page_archive, [city, solar], "能源/光伏")
    start = _state(page_archive)

    snapshot = tags.rename_tag(page_archive, "产业/光伏", "能源/光伏")  # merges into 能源/光伏
    with page_archive.db.read() as session:
        paths = [info.path for info in tags.list_tags(session)]
    assert paths == ["产业", "能源", "能源/光伏", "能源/光伏/组件"]
    assert search_ids(page_archive, "tag:能源/光伏") == sorted([solar, farm, city])
    assert search_ids(page_archive, "tag:产业") == []
    tags.restore_tags(page_archive, snapshot)
    assert _state(page_archive) == start
    assert search_ids(page_archive, "tag:产业/光伏") == sorted([solar, farm])

    snapshot = tags.rename_tag(page_archive, "产业/光伏", "新能源/光伏")  # creates 新能源
    assert search_ids(page_archive, "tag:新能源") == sorted([solar, farm])
    tags.restore_tags(page_archive, snapshot)
    assert _state(page_archive) == start

    snapshot = tags.rename_tag(page_archive, "产业", "行业")
    assert search_ids(page_archive, "tag:行业/光伏/组件") == [solar]
    tags.restore_tags(page_archive, snapshot)
    assert _state(page_archive) == start

    snapshot = tags.delete_tag(page_archive, "产业")
    assert search_ids(page_archive, "tag:产业") == []
    tags.restore_tags(page_archive, snapshot)
    assert _state(page_archive) == start
    assert search_ids(page_archive, "tag:产业") == sorted([solar, farm])

    snapshot = tags.untag_articles(page_archive, [farm, city], "产业/光伏")
    assert [link["article_id"] for link in snapshot.links] == [farm]
    assert search_ids(page_archive, "tag:产业") == [solar]
    tags.restore_tags(page_archive, snapshot)
    assert _state(page_archive) == start

    with pytest.raises(InputError, match="below itself"):
        tags.rename_tag(page_archive, "产业", "产业/新")
    with pytest.raises(NotFoundError):
        tags.delete_tag(page_archive, "没有")
    with pytest.raises(NotFoundError):
        tags.tag_articles(page_archive, [999_999], "产业")


# ------------------------------------------------------------------------------ collections


def test_collections_nest_and_are_searchable(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    solar, farm, city = article_id(SOLAR), article_id(FARM), article_id(CITY)
    topic = collections.create_collection(page_archive, "县域经济")
    chapter = collections.create_collection(page_archive, " 第一章 ", topic.id)
    village = collections.create_collection(page_archive, "乡村")
    other = collections.create_collection(page_archive, "第一章", village.id)  # same name
    assert chapter.path == "县域经济/第一章" and chapter.depth == 1
    assert collections.add_to_collection(page_archive, chapter.id, [solar, farm]) == [solar, farm]
    assert collections.add_to_collection(page_archive, chapter.id, [farm, city]) == [city]
    collections.add_to_collection(page_archive, topic.id, [solar])  # an article in many
    collections.add_to_collection(page_archive, other.id, [city])
    assert search_ids(page_archive, "collection:县域经济") == sorted([solar, farm, city])
    assert search_ids(page_archive, "收藏夹:县域经济/第一章") == sorted([solar, farm, city])
    assert search_ids(page_archive, "专题:乡村/第一章") == [city]
    assert search_ids(page_archive, "collection:第一章") == []  # paths are read from the root
    with page_archive.db.read() as session:
        assert collections.articles_in_collection(session, topic.id) == [solar, farm, city]
        assert collections.articles_in_collection(session, topic.id, recursive=False) == [solar]
        with pytest.raises(InputError, match="several"):
            collections.resolve_collection(session, "第一章")
        assert collections.resolve_collection(session, "县域经济 / 第一章") == chapter.id
        infos = {
            info.path: (info.count, info.total) for info in collections.list_collections(session)
        }
    assert infos == {
        "县域经济": (1, 3),
        "县域经济/第一章": (3, 3),
        "乡村": (0, 1),
        "乡村/第一章": (1, 1),
    }
    with pytest.raises(InputError, match="already"):
        collections.create_collection(page_archive, "第一章", topic.id)
    with pytest.raises(InputError, match="/"):
        collections.create_collection(page_archive, "甲/乙")


def test_collection_rename_move_delete_remove_undo_exactly(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    solar, farm, city = article_id(SOLAR), article_id(FARM), article_id(CITY)
    topic = collections.create_collection(page_archive, "县域经济")
    chapter = collections.create_collection(page_archive, "第一章", topic.id)
    second = collections.create_collection(page_archive, "第二章", topic.id)
    collections.add_to_collection(page_archive, chapter.id, [solar, farm])
    collections.add_to_collection(page_archive, second.id, [city])
    start = _state(page_archive)

    old = collections.rename_collection(page_archive, topic.id, "乡村振兴")
    assert search_ids(page_archive, "collection:乡村振兴") == sorted([solar, farm, city])
    collections.rename_collection(page_archive, topic.id, old)
    assert _state(page_archive) == start

    parent, position = collections.move_collection(page_archive, chapter.id, None)
    assert search_ids(page_archive, "collection:第一章") == sorted([solar, farm])
    with pytest.raises(InputError, match="itself"):
        collections.move_collection(page_archive, topic.id, topic.id)
    collections.move_collection(page_archive, chapter.id, parent, position)
    with page_archive.db.read() as session:
        order = [info.path for info in collections.list_collections(session)]
    assert order == ["县域经济", "县域经济/第一章", "县域经济/第二章"]

    moved = _state(page_archive)
    snapshot = collections.delete_collection(page_archive, topic.id)
    assert search_ids(page_archive, "collection:县域经济") == []
    with page_archive.db.read() as session:
        assert collections.list_collections(session) == []
    collections.restore_collections(page_archive, snapshot)
    assert _state(page_archive) == moved
    assert search_ids(page_archive, "collection:县域经济") == sorted([solar, farm, city])

    snapshot = collections.remove_from_collection(page_archive, chapter.id, [farm, city])
    assert [item["article_id"] for item in snapshot.items] == [farm]
    collections.restore_collections(page_archive, snapshot)
    assert _state(page_archive) == moved


# ------------------------------------------------------------------------------ annotations


def test_annotations_create_list_search_and_undo(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    solar, city = article_id(SOLAR), article_id(CITY)
    by_quote = annotations.create_annotation(
        page_archive, solar, quote="储能电站", note="配套储能\n规模待查", color="green"
    )
    assert (by_quote.field, by_quote.status, by_quote.color) == ("body", "anchored", "green")
    by_offsets = annotations.create_annotation(
        page_archive, solar, field="title", start=0, end=2, note="标题关键词"
    )
    assert by_offsets.quote == "光伏"
    whole = annotations.create_annotation(page_archive, city, field="article", note="后续跟踪")
    assert whole.quote == "" and whole.field == "article"
    assert search_ids(page_archive, "note:规模待查") == [solar]
    assert search_ids(page_archive, "笔记:跟踪") == [city]
    assert search_ids(page_archive, "规模待查") == [solar]  # plain words search notes too

    with page_archive.db.read() as session:
        mine = annotations.list_annotations(session, article_id=solar)
        assert [a.id for a in mine] == [by_offsets.id, by_quote.id]  # title before body
        assert [a.id for a in annotations.list_annotations(session, text="儲能")] == [by_quote.id]
        assert [a.id for a in annotations.list_annotations(session, color="green")] == [by_quote.id]
        assert annotations.annotation_counts(session, [solar, city]) == {solar: 2, city: 1}

    start = _state(page_archive)
    before = annotations.update_annotation(page_archive, by_quote.id, note="已核实", color="pink")
    assert search_ids(page_archive, "note:规模待查") == []
    assert search_ids(page_archive, "note:已核实") == [solar]
    annotations.restore_annotation(page_archive, before)
    assert _state(page_archive) == start
    snapshot = annotations.delete_annotation(page_archive, by_quote.id)
    assert search_ids(page_archive, "note:规模待查") == []
    annotations.restore_annotation(page_archive, snapshot)
    assert _state(page_archive) == start
    assert search_ids(page_archive, "note:规模待查") == [solar]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quote": "海上风电"}, "does not contain"),
        ({"start": 5, "end": 2}, "range"),
        ({"quote": "储能", "color": "orange"}, "colour"),
        ({"field": "article", "note": "  "}, "needs some text"),
        ({"field": "caption", "quote": "储能"}, "unknown field"),
        ({}, "give the passage"),
    ],
)
def test_bad_annotations_are_refused(
    page_archive: Archive,
    article_id: Callable[[str], int],
    kwargs: dict[str, Any],
    message: str,
) -> None:
    with pytest.raises(InputError, match=message):
        annotations.create_annotation(page_archive, article_id(SOLAR), **kwargs)


# ------------------------------------------------------------------- bookmarks and searches


def test_bookmarks_toggle_and_restore(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    solar = article_id(SOLAR)
    start = _state(page_archive)
    added = bookmarks.add_bookmark(page_archive, solar)
    assert added is not None and added.article.title == SOLAR
    assert bookmarks.add_bookmark(page_archive, solar) is None
    marked = _state(page_archive)
    snapshot = bookmarks.remove_bookmark(page_archive, solar)
    assert snapshot is not None and bookmarks.remove_bookmark(page_archive, solar) is None
    assert _state(page_archive) == start
    bookmarks.restore_bookmark(page_archive, snapshot)
    assert _state(page_archive) == marked
    with page_archive.db.read() as session:
        assert bookmarks.is_bookmarked(session, solar)
        assert bookmarks.bookmarked_ids(session) == {solar}
    with pytest.raises(NotFoundError):
        bookmarks.add_bookmark(page_archive, 999_999)


def test_saved_searches(page_archive: Archive) -> None:
    assert saved_searches.save_search(page_archive, "光伏", "光伏 date:2024") is None
    previous = saved_searches.save_search(page_archive, "光伏", "光伏 -储能")
    assert previous is not None and previous.query == "光伏 date:2024"
    with pytest.raises(QuerySyntaxError):
        saved_searches.save_search(page_archive, "坏", '"光伏')
    saved_searches.rename_saved_search(page_archive, "光伏", "新能源")
    with page_archive.db.read() as session:
        found = saved_searches.list_saved_searches(session)
    assert [(s.name, s.query) for s in found] == [("新能源", "光伏 -储能")]
    state = _state(page_archive)
    info = saved_searches.delete_saved_search(page_archive, "新能源")
    saved_searches.restore_saved_search(page_archive, info)
    assert _state(page_archive) == state


def test_every_write_is_counted_and_audited(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    with page_archive.db.read() as session:
        counter = read_change_counter(session)
        audits = len(session.scalars(select(AuditEntry.id)).all())
    bookmarks.add_bookmark(page_archive, article_id(SOLAR))
    tags.tag_articles(page_archive, [article_id(FARM)], "农业")
    with page_archive.db.read() as session:
        assert read_change_counter(session) == counter + 2
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[audits:] == ["bookmark.add", "tag.add"]
    assert page_archive.search.status().value == "ok"  # the index followed every change

"""Users' data survives a re-import, a text change and a continuation join: moved, or flagged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, update

from db.models import ArticlePart, TextBlock
from reader.archive import Archive
from reader.errors import NotFoundError
from reader.export import render_export
from reader.importer import Importer
from reader.library import get_article, list_articles
from reader.notes.annotations import create_annotation, get_annotation, list_annotations
from reader.notes.bookmarks import add_bookmark, list_bookmarks
from reader.notes.collections import add_to_collection, collection_items, create_collection
from reader.notes.relink import reanchor_article, reanchor_articles
from reader.notes.tags import list_tags, tag_articles
from reader.segment import Segmenter
from tests.fixtures import notes_pages
from tests.fixtures.notes_pages import CITY, FARM, SOLAR, search_ids
from tests.fixtures.pages import PAGE_A1, PAGE_A3, write_page


def _reimport(archive: Archive, folder: Path, text: str) -> None:
    report = Importer(archive).run([notes_pages.write_page(folder, text)])
    assert [result.status for result in report.files] == ["imported"]
    assert report.files[0].replaced


def _body(archive: Archive, article_id: int) -> str:
    with archive.db.read() as session:
        return get_article(session, article_id).body


def test_reimport_moves_annotations_with_their_passages_and_flags_the_lost(
    page_archive: Archive, article_id: Callable[[str], int], tmp_path: Path
) -> None:
    solar, farm, city = article_id(SOLAR), article_id(FARM), article_id(CITY)
    moved = create_annotation(page_archive, solar, quote="储能电站和运维中心", note="储能配套")
    reworded = create_annotation(page_archive, solar, quote="可满足十万户家庭的用电需求")
    gone = create_annotation(page_archive, solar, quote="总投资约十二亿元", note="投资额待核实")
    farm_moved = create_annotation(page_archive, farm, quote="组织农机检修和种子调运")
    farm_gone = create_annotation(page_archive, farm, quote="指导农户科学施肥", note="施肥指导")
    farm_note = create_annotation(page_archive, farm, field="article", note="春耕专题备用")
    city_mark = create_annotation(page_archive, city, quote="加装电梯", color="blue")
    add_bookmark(page_archive, farm)
    add_bookmark(page_archive, solar)
    tag_articles(page_archive, [farm], "农业/春耕")
    folder = create_collection(page_archive, "春季专题")
    add_to_collection(page_archive, folder.id, [farm, city])

    _reimport(page_archive, tmp_path / "v2", notes_pages.PAGE_V2)

    with page_archive.db.read() as session:
        titles = {a.title: a.id for a in list_articles(session)}
        assert titles == {SOLAR: solar, CITY: city}  # the farming article was removed
        with pytest.raises(NotFoundError):
            get_article(session, farm)
        now = {a.id: get_annotation(session, a.id) for a in (moved, reworded, gone, farm_moved)}
        now.update({a.id: get_annotation(session, a.id) for a in (farm_gone, farm_note, city_mark)})
        orphans = {info.id for info in list_annotations(session, orphaned=True)}
        bookmarks = {(b.article_id, b.article.title, b.orphaned) for b in list_bookmarks(session)}
        tag = next(info for info in list_tags(session) if info.path == "农业/春耕")
        items = collection_items(session, folder.id)
    body = _body(page_archive, solar)

    # moved by an inserted paragraph: same passage, new offsets
    info = now[moved.id]
    assert (info.status, info.article_id) == ("moved", solar)
    assert body[info.start : info.end] == "储能电站和运维中心" and info.start > moved.start
    # reworded a little: found fuzzily, now covering the new wording
    info = now[reworded.id]
    assert info.status == "moved"
    assert body[info.start : info.end] == info.quote == "可满足十万户居民家庭的用电需求"
    # the passage is gone: flagged, kept on its article with everything it had
    info = now[gone.id]
    assert (info.status, info.article_id, info.quote) == ("orphaned", solar, "总投资约十二亿元")
    assert info.note == "投资额待核实"
    # the removed article's passage now printed in the solar article: the annotation follows
    info = now[farm_moved.id]
    assert (info.status, info.article_id) == ("moved", solar)
    assert body[info.start : info.end] == "组织农机检修和种子调运"
    # nowhere to go: kept without an article, its context naming where it was
    for lost in (farm_gone, farm_note):
        info = now[lost.id]
        assert (info.status, info.article_id) == ("orphaned", None)
        assert info.article.title == FARM and info.article.date == notes_pages.DATE
        assert info.id in orphans
    assert now[farm_gone.id].note == "施肥指导"
    assert now[city_mark.id].status == "anchored"
    # bookmark, tag and collection item of the removed article: flagged, not lost
    assert (None, FARM, True) in bookmarks and (solar, SOLAR, False) in bookmarks
    assert (tag.count, tag.orphaned) == (0, 1)
    assert sorted((item.article_id or 0, item.orphaned) for item in items) == [
        (0, True),
        (city, False),
    ]
    # the index followed: the moved passage's note is found on its new article
    assert search_ids(page_archive, "note:储能配套") == [solar]
    assert search_ids(page_archive, "note:农机检修") == [solar]
    assert search_ids(page_archive, "tag:农业") == []
    with page_archive.db.read() as session:
        markdown, count = render_export(session, "notes", "markdown")
    assert "指导农户科学施肥" in markdown and "施肥指导" in markdown
    assert count == 7

    # the old text comes back: the flagged passage is found again
    _reimport(page_archive, tmp_path / "v1-again", notes_pages.PAGE_V1)
    with page_archive.db.read() as session:
        again = get_annotation(session, gone.id)
    assert (again.status, again.article_id) == ("moved", solar)
    assert _body(page_archive, solar)[again.start : again.end] == "总投资约十二亿元"


def test_retitled_article_keeps_bookmark_and_tags(
    page_archive: Archive, article_id: Callable[[str], int], tmp_path: Path
) -> None:
    farm = article_id(FARM)
    add_bookmark(page_archive, farm)
    tag_articles(page_archive, [farm], "农业")
    farm_block = notes_pages.PAGE_V1[
        notes_pages.PAGE_V1.index(FARM) : notes_pages.PAGE_V1.index(CITY)
    ]
    city_block = notes_pages.PAGE_V1[notes_pages.PAGE_V1.index(CITY) :]
    head = notes_pages.PAGE_V1[: notes_pages.PAGE_V1.index(FARM)]
    retitled = head + city_block + "\n" + farm_block.replace(FARM, "春耕备耕正当时节", 1)
    _reimport(page_archive, tmp_path / "v3", retitled)
    with page_archive.db.read() as session:
        titles = {a.title: a.id for a in list_articles(session)}
        bookmarks = [(b.article_id, b.orphaned) for b in list_bookmarks(session)]
    new_farm = titles["春耕备耕正当时节"]
    assert new_farm != farm  # a new article: its old id was removed
    assert bookmarks == [(new_farm, False)]
    assert search_ids(page_archive, "tag:农业") == [new_farm]


def test_text_change_reanchors(page_archive: Archive, article_id: Callable[[str], int]) -> None:
    city = article_id(CITY)
    mark = create_annotation(page_archive, city, quote="完善停车设施", note="停车")
    with page_archive.db.write() as session:
        part_ids = select(ArticlePart.id).where(ArticlePart.article_id == city)
        block = session.scalars(
            select(TextBlock).where(TextBlock.part_id.in_(part_ids)).order_by(TextBlock.seq)
        ).first()
        assert block is not None
        session.execute(
            update(TextBlock).where(TextBlock.id == block.id).values(text="据悉，" + block.text)
        )
        report = reanchor_article(session, city)
    assert (report.moved, report.orphaned) == (1, 0)
    with page_archive.db.read() as session:
        info = get_annotation(session, mark.id)
    assert info.status == "moved" and info.start == mark.start + 3
    assert _body(page_archive, city)[info.start : info.end] == "完善停车设施"


def test_continuation_join_moves_data_to_the_joined_article(
    tmp_path: Path, archive: Archive, segmenter: Segmenter
) -> None:
    archive.segmenter = segmenter
    a3 = write_page(tmp_path / "pages", "河东晚报_2024-05-17_A3.txt", PAGE_A3)
    a1 = write_page(tmp_path / "pages", "河东晚报_2024-05-17_A1.txt", PAGE_A1)
    Importer(archive).run([a3])
    with archive.db.read() as session:
        tail = next(
            a.id for a in list_articles(session) if "王大爷" in get_article(session, a.id).body
        )
    mark = create_annotation(archive, tail, quote="七十岁的王大爷", note="口述人")
    add_bookmark(archive, tail)
    tag_articles(archive, [tail], "人物")
    Importer(archive).run([a1])
    with archive.db.read() as session:
        joined = next(a for a in list_articles(session) if a.title == "古镇老街焕新颜")
        info = get_annotation(session, mark.id)
        bookmarks = [b.article_id for b in list_bookmarks(session)]
    assert joined.pages == ["A1", "A3"]
    assert info.article_id == joined.id and info.status == "moved"
    assert _body(archive, joined.id)[info.start : info.end] == "七十岁的王大爷"
    assert bookmarks == [joined.id]
    assert search_ids(archive, "tag:人物") == [joined.id]


def test_short_passage_does_not_jump_to_another_article_without_its_context(
    page_archive: Archive, article_id: Callable[[str], int]
) -> None:
    city, solar = article_id(CITY), article_id(SOLAR)
    mark = create_annotation(page_archive, city, quote="电梯")
    with page_archive.db.write() as session:
        for article, old, new in (
            (city, "加装电梯", "加装扶手"),
            (solar, "运维中心", "电梯维保中心"),
        ):
            part_ids = select(ArticlePart.id).where(ArticlePart.article_id == article)
            for block in session.scalars(select(TextBlock).where(TextBlock.part_id.in_(part_ids))):
                block.text = block.text.replace(old, new)
        report = reanchor_articles(session, [city], candidates=[city, solar])
    assert (report.orphaned, report.relinked) == (1, 0)
    with page_archive.db.read() as session:
        info = get_annotation(session, mark.id)
    assert (info.article_id, info.status, info.quote) == (city, "orphaned", "电梯")

"""Browsing entities: lists with counts, one entity's page, and mentions at article level."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.archive import Archive
from reader.entities import corrections
from reader.entities.browse import entity_detail, list_entities, mentions_of_article
from reader.errors import InputError, NotFoundError
from reader.library import get_article, list_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.fixtures.entity_pages import build_entity_archive, copy_archive


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter) -> ArchivePaths:
    return build_entity_archive(tmp_path_factory.mktemp("browse"), segmenter)


@pytest.fixture
def reader_archive(template: ArchivePaths) -> Iterator[Archive]:
    with Archive(template, write=False) as archive:
        yield archive


def test_list_is_sorted_by_mentions_then_name_and_filters(reader_archive: Archive) -> None:
    with reader_archive.db.read() as session:
        rows = list_entities(session)
        people = list_entities(session, type="person")
        filtered = list_entities(session, filter="建国")
        with pytest.raises(InputError, match="type"):
            list_entities(session, type="animal")
    assert rows == sorted(rows, key=lambda row: (-row.mentions, row.name))
    assert {row.name for row in people} >= {"王建国", "李秀英", "张海涛"}
    assert all(row.type == "person" for row in people)
    assert [row.name for row in filtered] == ["王建国"]
    wang = next(row for row in rows if row.name == "王建国")
    assert wang.articles == 2 and wang.mentions >= 3
    assert wang.to_dict() == {
        "name": "王建国",
        "type": "person",
        "mentions": wang.mentions,
        "articles": 2,
    }


def test_entity_detail_has_mentions_neighbours_and_timeline(reader_archive: Archive) -> None:
    with reader_archive.db.read() as session:
        detail = entity_detail(session, "李秀英")
    assert detail.type == "person"
    assert (detail.mention_count, detail.article_count) == (2, 2)
    assert [m.date for m in detail.mentions] == ["2024-06-03", "2024-06-04"]
    assert detail.timeline == [("2024-06-03", 1), ("2024-06-04", 1)]
    first = detail.mentions[0]
    assert first.title == "青石集团捐建图书馆" and first.surface == "李秀英"
    assert "【李秀英】" in first.snippet and len(first.snippet) <= 70
    neighbours = {(other.name, other.articles) for other in detail.cooccurring}
    assert ("张海涛", 1) in neighbours and ("王建国", 1) in neighbours
    assert all(other.name != "李秀英" for other in detail.cooccurring)
    data = detail.to_dict()
    assert data["timeline"] == [
        {"date": "2024-06-03", "count": 1},
        {"date": "2024-06-04", "count": 1},
    ]
    assert set(data["mentions"][0]) == {
        "article_id",
        "title",
        "date",
        "field",
        "start",
        "end",
        "surface",
        "snippet",
        "manual",
    }


def test_unknown_names_suggest_close_ones(reader_archive: Archive) -> None:
    with reader_archive.db.read() as session:
        with pytest.raises(NotFoundError, match="王建国"):
            entity_detail(session, "王建")
        with pytest.raises(NotFoundError):
            entity_detail(session, "李秀英", "place")


def test_mention_offsets_are_article_level(reader_archive: Archive) -> None:
    with reader_archive.db.read() as session:
        articles = list_articles(session)
        checked = 0
        for summary in articles:
            article = get_article(session, summary.id)
            texts = {
                "title": article.title,
                "subtitle": article.subtitle or "",
                "body": article.body,
            }
            for mention in mentions_of_article(session, summary.id):
                assert texts[mention.field][mention.start : mention.end] == mention.name
                checked += 1
        continued = next(a for a in articles if a.pages == ["B1", "B2"])
        body = get_article(session, continued.id).body
        late = [
            m
            for m in mentions_of_article(session, continued.id)
            if m.field == "body" and m.start > body.index("据介绍")
        ]
    assert checked > 10
    assert [m.name for m in late] == ["王建国"]  # printed on page B2, offset into the whole body


def test_a_name_of_two_types_is_listed_twice_and_must_be_disambiguated(
    template: ArchivePaths, tmp_path: Path, segmenter: Segmenter
) -> None:
    with Archive(copy_archive(template, tmp_path), write=True) as archive:
        archive.segmenter = segmenter
        with archive.db.read() as session:
            market = next(a.id for a in list_articles(session) if a.pages == ["B1", "B2"])
            body = get_article(session, market).body
        start = body.index("王建国")
        corrections.add_mention(archive, market, "body", start, start + 3, "organization")
        with archive.db.read() as session:
            kinds = sorted(row.type for row in list_entities(session) if row.name == "王建国")
            detail = entity_detail(session, "王建国")
            org = entity_detail(session, "王建国", "organization")
        assert kinds == ["organization", "person"]
        assert detail.type == "person" and detail.other_types == ["organization"]
        assert org.mention_count == 1 and org.mentions[0].manual is True
        with pytest.raises(InputError, match="type"):
            corrections.rename(archive, "王建国", "王二")

"""Segments written and merged by reader.search.bulk are what Whoosh's own writer would give."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reader.search.bulk import MERGE_FACTOR, MERGE_FLOOR, merge_plan
from reader.search.document import SearchDocument
from reader.search.index import UPDATE_MERGE_LIMIT, SearchIndex, prepare_text_fields
from reader.segment import Segmenter
from tests.reader.search.conftest import fixture_articles

QUERIES = [
    "光伏",
    "北京城区",
    '"北京城区"',
    "京",
    "城",
    "晨报",
    "示范区 -光伏",
    "北京 OR 京城",
    "(春运 OR 国庆) 首",
    "title:北京",
    "author:赵雪",
    "publication:晨报 date:1998-01",
    "date:1998",
    "tag:交通",
    "entity:铁路部门",
    "note:核实",
]


def many_articles(copies: int) -> list[SearchDocument]:
    """The fixture articles several times over, with new ids and shifted titles."""
    result = []
    for copy in range(copies):
        for article in fixture_articles():
            result.append(
                dataclasses.replace(
                    article, id=copy * 100 + article.id, title=f"{article.title}{'又' * copy}"
                )
            )
    return result


def whoosh_reference(path: Path, segmenter: Segmenter, documents: list[SearchDocument]):
    """An index written document by document through Whoosh's own writer (one segment)."""
    index = SearchIndex(path, segmenter)
    index.create(change_counter=0)
    writer = index._ix.writer()
    for document in documents:
        writer.add_document(**index.document_fields(document))
    writer.commit()
    index._write_stamp("clean", 0)
    assert index.open(0).value == "ok"
    return index


def results(index: SearchIndex, query: str, sort: str = "relevance"):
    found = index.search(query, page_size=50, sort=sort)
    hits = sorted((hit.id, round(hit.score, 4)) for hit in found.hits)
    return found.total, hits, found.facets


def segments(index: SearchIndex) -> int:
    return len(index._searcher().leaf_searchers())


@pytest.fixture()
def documents() -> list[SearchDocument]:
    return many_articles(3)


def test_new_segments_search_like_whoosh_written_ones(
    tmp_path: Path, segmenter: Segmenter, documents: list[SearchDocument]
) -> None:
    reference = whoosh_reference(tmp_path / "reference", segmenter, documents)
    index = SearchIndex(tmp_path / "bulk", segmenter)
    index.create(change_counter=0)
    for start in range(0, len(documents), 5):  # one segment per batch
        with index.writer(change_counter=start + 1) as writer:
            writer.add(documents[start : start + 5])
    assert segments(index) > 1
    for query in QUERIES:
        for sort in ("relevance", "date"):
            assert results(index, query, sort) == results(reference, query, sort), query
    reference.close()
    index.close()


def test_merged_segment_drops_deleted_documents(
    tmp_path: Path, segmenter: Segmenter, documents: list[SearchDocument]
) -> None:
    index = SearchIndex(tmp_path / "bulk", segmenter)
    index.create(change_counter=0)
    for start in range(0, len(documents), 4):
        with index.writer() as writer:
            writer.add(documents[start : start + 4])
    gone = {documents[0].id, documents[5].id, documents[-1].id}
    index.delete(gone)
    replaced = dataclasses.replace(documents[3], body="晨报记者走访城区菜市场，菜价平稳。")
    index.update([replaced])
    index.optimize()
    assert segments(index) == 1
    live = [replaced if d.id == replaced.id else d for d in documents if d.id not in gone]
    live.sort(key=lambda d: d.id != replaced.id)  # order does not change scores
    reference = whoosh_reference(tmp_path / "reference", segmenter, live)
    for query in [*QUERIES, "菜价"]:
        total, hits, facets = results(index, query)
        expected_total, expected_hits, expected_facets = results(reference, query)
        assert (total, facets) == (expected_total, expected_facets), query
        assert [hit for hit, _ in hits] == [hit for hit, _ in expected_hits], query
        # Deleted documents' lengths are kept to a byte's precision only (as in Whoosh's
        # own merges), so the average field length may move slightly (tiny documents here).
        for (_, score), (_, expected) in zip(hits, expected_hits, strict=True):
            assert score == pytest.approx(expected, rel=1e-2), query
    assert index.doc_count == len(live)
    reference.close()
    index.close()


def test_rebuild_writes_several_segments_and_merges_them(
    tmp_path: Path, segmenter: Segmenter, documents: list[SearchDocument]
) -> None:
    reference = whoosh_reference(tmp_path / "reference", segmenter, documents)
    index = SearchIndex(tmp_path / "rebuilt", segmenter)
    count = index.rebuild(iter(documents), 3, total=len(documents), limitmb=0)
    assert count == len(documents)
    for query in QUERIES:
        assert results(index, query) == results(reference, query), query
    reference.close()
    index.close()


def test_prepared_fields_index_like_plain_text(tmp_path: Path, segmenter: Segmenter) -> None:
    plain = fixture_articles()
    prepared = fixture_articles()
    for document in prepared:
        document.prepared = prepare_text_fields(
            SearchIndex(tmp_path / "unused", segmenter).analyzer, document
        )
        document.body = ""  # the index must not need the text any more
        document.title_tokens = document.body_tokens = None
    first = SearchIndex(tmp_path / "plain", segmenter)
    first.create(0)
    first.update(plain)
    second = SearchIndex(tmp_path / "prepared", segmenter)
    second.create(0)
    second.update(prepared)
    for query in QUERIES:
        assert results(first, query)[:2] == results(second, query)[:2], query
    first.close()
    second.close()


def test_merge_plan_joins_neighbours_of_one_size_level() -> None:
    small = MERGE_FLOOR // 2
    assert merge_plan([small] * (MERGE_FACTOR - 1)) == []
    assert merge_plan([small] * MERGE_FACTOR) == [range(0, MERGE_FACTOR)]
    big = MERGE_FLOOR * MERGE_FACTOR
    counts = [big, *([small] * MERGE_FACTOR)]
    assert merge_plan(counts) == [range(1, MERGE_FACTOR + 1)]
    assert merge_plan([big] * (MERGE_FACTOR - 1) + [small]) == []


def test_an_edit_after_an_import_does_not_merge_the_imports_segments() -> None:
    batches = [1503, 1503, 1514, 1501, 1507, 1507, 1311]  # an import of 10k articles
    assert merge_plan([*batches, 1], max_docs=UPDATE_MERGE_LIMIT) == []
    edits = [1] * MERGE_FACTOR  # eight single-article edits: merged together, cheaply
    assert merge_plan([*batches, *edits], max_docs=UPDATE_MERGE_LIMIT) == [
        range(len(batches), len(batches) + MERGE_FACTOR)
    ]


def test_merge_plan_rewrites_a_segment_mostly_deleted() -> None:
    assert merge_plan([100, 100], deleted=[0, 60]) == [range(1, 2)]
    assert merge_plan([100, 100], deleted=[0, 10]) == []


def test_merge_plan_leaves_large_merges_to_large_imports() -> None:
    counts = [MERGE_FLOOR] * MERGE_FACTOR
    assert merge_plan(counts, max_docs=MERGE_FLOOR * MERGE_FACTOR) == [range(0, MERGE_FACTOR)]
    assert merge_plan(counts, max_docs=MERGE_FLOOR * MERGE_FACTOR - 1) == []

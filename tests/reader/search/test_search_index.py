"""Search index behaviour on small invented articles: matching, ranking, fields, stamps, updates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.errors import ArchiveError, QuerySyntaxError
from reader.search.document import SearchDocument
from reader.search.index import STAMP_NAME, IndexStatus, SearchIndex
from reader.segment import Segmenter


def found(index: SearchIndex, query: str) -> list[int]:
    return [hit.id for hit in index.search(query, page_size=50).hits]


def test_phrase_query_matches_only_contiguous_text(index: SearchIndex) -> None:
    assert found(index, '"拿地即开工"') == [1]
    assert found(index, "“拿地即开工”") == [1]
    assert found(index, '"光伏开工"') == []
    # A phrase with a break matches the text with punctuation at that place.
    assert found(index, '"一派繁忙景象 该项目"') == [1]
    assert found(index, '"繁忙景象该项目"') == []


def test_one_character_query(index: SearchIndex) -> None:
    assert found(index, "党") == [6]
    assert sorted(found(index, "雪")) == [2, 7]  # authors are searchable without a field
    assert 7 in found(index, "车")


def test_any_substring_is_found(index: SearchIndex) -> None:
    assert found(index, "人民共和国") == [2]
    assert sorted(found(index, "综改")) == [1, 5]
    assert found(index, "示范区光伏") == [1]
    assert found(index, "区光") == [1]
    assert found(index, "营商环") == [1]


def test_no_match_gives_zero_hits(index: SearchIndex) -> None:
    results = index.search("太空电梯")
    assert results.total == 0
    assert results.hits == []


def test_whole_word_ranks_above_ngram_only_match(index: SearchIndex) -> None:
    # 京城 is a word in article 3; in article 4 it only spans two words (北京|城区), thrice.
    assert found(index, "京城") == [3, 4]


def test_title_ranks_above_body(index: SearchIndex) -> None:
    hits = index.search("座谈会").hits
    assert hits[0].id == 5


def test_traditional_and_simplified_fold(index: SearchIndex) -> None:
    simplified = sorted(found(index, "综改示范区"))
    traditional = sorted(found(index, "綜改示範區"))
    assert simplified == traditional == [1, 5]
    assert found(index, "座谈会") == found(index, "座談會") == [5]


def test_full_width_and_case_fold(index: SearchIndex, segmenter: Segmenter) -> None:
    index.update([SearchDocument(id=20, title="ＡＢＣ公司", body="ＡＢＣ公司发布２０２３年报")])
    assert found(index, "ＡＢＣ") == [20]
    assert found(index, "abc") == [20]
    assert found(index, "2023年") == [20]


def test_boolean_operators(index: SearchIndex) -> None:
    assert sorted(found(index, "春运 OR 国庆")) == [2, 7]
    assert sorted(found(index, "晨报 OR 综改")) == [1, 5]
    assert found(index, "综改 -光伏") == [5]
    assert found(index, "综改 NOT 光伏") == [5]
    assert sorted(found(index, "(春运 OR 国庆) 首")) == [2, 7]
    assert found(index, "(春运 OR 国庆) 首都") == [2]
    assert found(index, "春运 AND 列车") == [7]
    assert sorted(found(index, "-综改 -京城 -北京")) == [6, 7]


def test_field_queries(index: SearchIndex) -> None:
    assert found(index, "title:综改") == [1, 5] or sorted(found(index, "title:综改")) == [1, 5]
    assert found(index, "title:光伏") == [1]
    assert found(index, "title:营商") == []
    assert sorted(found(index, "author:赵雪")) == [2, 7]
    assert found(index, "作者:李明远") == [1]
    assert found(index, "page:D5") == [1]
    assert found(index, "page:d5") == [1]
    assert found(index, "publication:开发区周刊") == [1]
    assert found(index, "entity:铁路部门") == [7]
    assert found(index, "tag:交通") == [7]
    assert found(index, "note:核实") == [4]
    assert found(index, "title:(春运 OR 国庆)") == [2, 7] or sorted(
        found(index, "title:(春运 OR 国庆)")
    ) == [2, 7]


def test_date_queries(index: SearchIndex) -> None:
    assert sorted(found(index, "date:1998-01")) == [3, 4, 7]
    assert sorted(found(index, "date:1998-01-15")) == [3, 7]
    assert sorted(found(index, "date:2023")) == [1, 5]
    assert sorted(found(index, "date:2023-11-01..2023-12-31")) == [1, 5]
    assert sorted(found(index, "date:..1998-01-31")) == [3, 4, 7]
    assert sorted(found(index, "date:1998-02.. 晨报 OR date:1998-02..")) == [1, 2, 5, 6]
    assert found(index, "综改 date:2023-12") == [5]
    # A date range filters without changing the ranking of what remains.
    plain = {hit.id: hit.score for hit in index.search("综改").hits}
    dated = index.search("综改 date:2023-11..2023-12 -光伏").hits
    assert [hit.id for hit in dated] == [5]
    assert dated[0].score == pytest.approx(plain[5])


def test_sort_by_date_paging_and_facets(index: SearchIndex) -> None:
    results = index.search("date:1998", sort="date", page_size=2)
    assert results.total == 5
    assert [hit.id for hit in results.hits] == [2, 6]
    second = index.search("date:1998", sort="date", page_size=2, page=2)
    assert {hit.id for hit in second.hits} <= {3, 4, 7}
    oldest = index.search("date:1998", sort="date_asc", page_size=1)
    assert oldest.hits[0].id in (3, 7)
    assert results.facets["publication"] == {"晨报": 5}
    assert results.facets["month"] == {"1998-01": 3, "1998-02": 1, "1998-10": 1}
    assert results.facets["year"] == {"1998": 5}
    assert results.facets["page"]["2"] == 2
    data = results.to_dict()
    assert set(data) >= {"query", "total", "hits", "facets"}
    assert set(data["hits"][0]) >= {"id", "title", "date", "pages", "score", "snippet"}
    json.dumps(data, ensure_ascii=False)


def test_snippets_mark_matches(index: SearchIndex, bodies) -> None:
    hit = index.search("拿地即开工", load_texts=bodies).hits[0]
    assert "【拿地即开工】" in hit.snippet
    for start, end in hit.snippet_spans:
        assert hit.snippet_text[start:end] == "拿地即开工"
    custom = index.search("綜改", load_texts=bodies, markers=("<", ">")).hits
    by_id = {h.id: h for h in custom}
    assert "<综改>" in by_id[1].snippet
    assert "<綜改>" in by_id[5].snippet  # the original characters are kept
    assert by_id[5].title_spans == [(0, 2)]
    no_body = index.search("author:赵雪", load_texts=bodies).hits
    assert all(hit.snippet for hit in no_body)


def test_explain_shows_segmentation(index: SearchIndex) -> None:
    text = index.explain('"拿地即开工" title:综改 -date:2020..')
    assert "拿地即开工" in text
    assert "bigrams" in text
    assert "NOT" in text
    assert "title" in text


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "(综改",
        "综改)",
        '"综改',
        "OR 综改",
        "综改 OR",
        "NOT",
        "综改 NOT",
        "date:1998-13",
        "date:19x8",
        "date:2023-02-30",
        "title:",
        "author: 王",
        "()",
        "综改 AND",
        "，。！",
        "date:2023-12..2023-01",
        "((((((((((((((((((综改))))))))))))))))))",
    ],
)
def test_malformed_queries_raise_clear_errors(index: SearchIndex, query: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        index.search(query)
    message = str(caught.value)
    assert message and "Traceback" not in message


def test_error_message_gives_position(index: SearchIndex) -> None:
    with pytest.raises(QuerySyntaxError, match="character 4"):
        index.search("综改 (光伏")


def test_update_and_delete_are_incremental(index: SearchIndex, articles) -> None:
    edited = articles[0]
    edited.title = "光伏产业园再添新项目"
    edited.body = "产业园新签约储能项目。"
    index.update([edited], change_counter=8)
    assert found(index, "拿地即开工") == []
    assert found(index, "储能") == [1]
    assert index.search("光伏").total == 1
    assert index.check(8) is IndexStatus.OK
    index.delete([1, 2], change_counter=9)
    assert found(index, "储能") == []
    assert found(index, "人民共和国") == []
    assert index.doc_count == 5
    assert index.check(9) is IndexStatus.OK
    assert sorted(found(index, "综改")) == [5]
    index.optimize()
    assert index.check(9) is IndexStatus.OK
    assert sorted(found(index, "综改")) == [5]
    assert index.doc_count == 5


def test_one_writer_at_a_time(index: SearchIndex) -> None:
    with index.writer() as writer:
        writer.delete([7])
        with pytest.raises(ArchiveError), index.writer():
            pass
    assert found(index, "春运") == []


def test_failed_batch_keeps_index_usable(index: SearchIndex) -> None:
    with pytest.raises(RuntimeError), index.writer(change_counter=99) as writer:
        writer.delete([7])
        raise RuntimeError("boom")
    assert index.check(7) is IndexStatus.OK
    assert found(index, "春运") == [7]


def test_stamp_states(tmp_path: Path, segmenter: Segmenter, index: SearchIndex) -> None:
    directory = index.directory
    assert SearchIndex(tmp_path / "nothing", segmenter).check() is IndexStatus.MISSING
    assert index.check(7) is IndexStatus.OK
    assert index.check(8) is IndexStatus.STALE
    index.close()

    stamp_path = directory / STAMP_NAME
    stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    stale = dict(stamp, analyzer="an older analyzer")
    stamp_path.write_text(json.dumps(stale), encoding="utf-8")
    assert SearchIndex(directory, segmenter).check(7) is IndexStatus.STALE

    stamp_path.write_text(json.dumps(dict(stamp, state="writing")), encoding="utf-8")
    assert SearchIndex(directory, segmenter).check(7) is IndexStatus.BROKEN

    stamp_path.write_text(json.dumps(stamp), encoding="utf-8")
    toc = directory / stamp["toc"]["name"]
    data = bytearray(toc.read_bytes())
    data[-2] ^= 0xFF
    toc.write_bytes(bytes(data))
    reopened = SearchIndex(directory, segmenter)
    assert reopened.open(7) is IndexStatus.BROKEN
    assert not reopened.is_open

    stamp_path.write_text("{not json", encoding="utf-8")
    assert SearchIndex(directory, segmenter).check() is IndexStatus.BROKEN


def test_a_key_binds_the_index_to_its_archive(index: SearchIndex, segmenter: Segmenter) -> None:
    index.close()
    assert SearchIndex(index.directory, segmenter, key=b"another archive").check() is (
        IndexStatus.BROKEN
    )


def test_foreign_directory_is_never_opened(tmp_path: Path, segmenter: Segmenter) -> None:
    from whoosh import fields
    from whoosh import index as whoosh_index

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    whoosh_index.create_in(str(foreign), fields.Schema(text=fields.TEXT), indexname="MAIN")
    search_index = SearchIndex(foreign, segmenter)
    assert search_index.open() is IndexStatus.FOREIGN
    assert not search_index.is_open
    with pytest.raises(ArchiveError):
        search_index.search("综改")
    # A rebuild sets the foreign directory aside (never deletes it) and starts afresh.
    count = search_index.rebuild([SearchDocument(id=1, title="综改", body="综改")], 3)
    assert count == 1
    assert search_index.check(3) is IndexStatus.OK
    assert (tmp_path / "foreign.foreign-1").is_dir()
    assert found(search_index, "综改") == [1]
    search_index.close()


def test_rebuild_replaces_a_broken_index(
    index: SearchIndex, articles: list[SearchDocument], segmenter: Segmenter
) -> None:
    index.close()
    for toc in index.directory.glob("*.toc"):
        toc.write_bytes(b"garbage")
    rebuilt = SearchIndex(index.directory, segmenter)
    assert rebuilt.open(7) is IndexStatus.BROKEN
    seen: list[int] = []
    rebuilt.rebuild(articles, 11, total=len(articles), progress=lambda done, _: seen.append(done))
    assert seen[-1] == len(articles)
    assert rebuilt.open(11) is IndexStatus.OK
    assert sorted(found(rebuilt, "综改")) == [1, 5]
    assert not list(index.directory.parent.glob("*.old-*"))
    rebuilt.close()


def test_ids_lists_every_match(index: SearchIndex) -> None:
    assert sorted(index.ids("晨报 OR 首")) == [2, 7]
    assert sorted(index.ids("date:1998")) == [2, 3, 4, 6, 7]


def test_index_directory_can_be_copied_only_with_its_stamp(
    index: SearchIndex, tmp_path: Path, segmenter: Segmenter
) -> None:
    index.close()
    copy = tmp_path / "copy"
    shutil.copytree(index.directory, copy)
    (copy / STAMP_NAME).unlink()
    assert SearchIndex(copy, segmenter).check() is IndexStatus.FOREIGN


def test_searching_from_another_thread_while_writing(index: SearchIndex) -> None:
    import threading

    errors: list[BaseException] = []
    totals: list[int] = []
    stop = threading.Event()

    def search_loop() -> None:
        try:
            while not stop.is_set():
                totals.append(index.search("综改 OR 春运").total)
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=search_loop)
    worker.start()
    try:
        for number in range(30, 36):
            index.update([SearchDocument(id=number, title="综改新闻", body=f"综改第{number}期")])
    finally:
        stop.set()
        worker.join()
    assert not errors
    assert totals and max(totals) <= 9
    assert index.search("综改 OR 春运").total == 9


def test_and_of_words_scores_the_sum_of_its_parts(index: SearchIndex) -> None:
    # Guards the fix of Whoosh's AND-MAYBE skip_to (the optional word part was dropped).
    def scores(query: str) -> dict[int, float]:
        return {hit.id: hit.score for hit in index.search(query, page_size=50).hits}

    both = scores("北京 城区")
    first = scores("北京")
    second = scores("城区")
    assert both
    for doc_id, score in both.items():
        assert score == pytest.approx(first[doc_id] + second[doc_id])


def test_pruned_top_results_equal_the_exhaustive_ranking(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    # A short page prunes matchers once it is full (Whoosh's replace); a long page scores all.
    search_index = SearchIndex(tmp_path / "many", segmenter)
    search_index.create()
    documents = [
        SearchDocument(
            id=number,
            title="工作会议召开" if number % 7 == 0 else f"第{number}号通知",
            body="会议" * (number % 5 + 1) + "，其他内容" * (number % 3 + 1) + "会议纪要",
        )
        for number in range(1, 80)
    ]
    search_index.update(documents)
    for query in ("会议", "会议 纪要", "会议 OR 通知"):
        everything = search_index.search(query, page_size=200).hits
        for size in (1, 3, 10):
            top = search_index.search(query, page_size=size).hits
            assert [round(hit.score, 6) for hit in top] == [
                round(hit.score, 6) for hit in everything[:size]
            ], (query, size)
    search_index.close()

"""The query execution (match sets, pruned top-k) against Whoosh's plain matcher iteration."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3LeafMatcher

import reader.search.engine as engine
import reader.search.execution as execution
from reader.search.document import SearchDocument
from reader.search.engine import OffsetPhrase, match_score
from reader.search.index import SearchIndex, _scoring_query
from reader.segment import Segmenter

# Invented headline and body pieces in the style of a newspaper; repeated on purpose so
# that many articles tie on the score of a query.
HEADLINES = [
    "全市春耕生产全面展开",
    "新建水库通过竣工验收",
    "乡村道路改造工程开工",
    "职工代表大会胜利闭幕",
    "农业科技下乡活动启动",
    "城区供水管网完成改造",
]
SENTENCES = [
    "本报讯 记者近日从市农业局获悉，全市春耕生产已经全面展开。",
    "水库建成后可灌溉农田三万亩，解决了周边村庄的饮水问题。",
    "乡村道路改造工程总投资两千万元，预计年底前完工。",
    "大会听取和审议了工作报告，选举产生了新一届委员会。",
    "农业科技人员深入田间地头，为农民讲解种植技术。",
    "城区供水管网改造后，居民用水更加方便。",
    "记者在现场看到，工人们正在紧张施工。",
    "有关负责人表示，将进一步加强监督管理。",
]
PUBLICATIONS = ["晨报", "农民日报", "城市周刊"]
QUERIES = [
    "水库",
    "记者",
    "的",
    "农",
    "改造",
    "春耕生产",
    "供水管网",
    '"乡村道路改造"',
    '"记者近日"',
    '"工人们正在紧张施工"',
    "水库 农田",
    "水库 OR 道路",
    "(水库 OR 道路) 改造",
    "记者 -水库",
    "记者 NOT 农业",
    "title:水库",
    "title:改造 记者",
    "记者 page:2",
    "改造 publication:晨报",
    "记者 date:1998",
    "改造 date:1998-03..1998-09",
    "农业 date:..1998-06",
    '"新一届委员会" OR 供水',
    "大会 委员会 工作",
    "-记者",
    "记者 OR -水库",
    "(记者 OR -水库) 改造",
    "水库 OR date:1998-03",
    "记者 OR date:..1998-02",
]


def _documents(rng: random.Random, first: int, count: int) -> list[SearchDocument]:
    documents = []
    for number in range(first, first + count):
        sentences = rng.sample(SENTENCES, rng.randint(1, 4)) * rng.choice((1, 1, 2))
        day = None if number % 17 == 0 else dt.date(1998, 1 + number % 12, 1 + number % 27)
        documents.append(
            SearchDocument(
                id=number,
                title=rng.choice(HEADLINES) + ("" if number % 3 else "（图）"),
                body="\n\n".join(sentences),
                publication=PUBLICATIONS[number % 3],
                date=day,
                pages=[str(1 + number % 4)],
            )
        )
    return documents


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter) -> Iterator[SearchIndex]:
    """An index of 330 invented articles in several segments, some deleted or replaced."""
    rng = random.Random(1998)
    index = SearchIndex(tmp_path_factory.mktemp("execution") / "index", segmenter)
    index.merge_limit = 0  # keep the batches as separate segments
    index.create()
    first = 1
    for size in (150, 80, 60, 40):
        index.update(_documents(rng, first, size))
        first += size
    index.delete(range(5, 330, 23))
    index.update(_documents(rng, 7, 5))  # replaced: deleted in their segment
    assert len(index._searcher().leaf_searchers()) > 2
    assert any(sub.reader().has_deletions() for sub, _ in index._searcher().leaf_searchers())
    yield index
    index.close()


def _reference(index: SearchIndex, query: str, wanted: int) -> tuple[int, list[tuple[int, float]]]:
    """Whoosh alone: the query's matcher iterated for matches, the scoring one for scores.

    Ranked by score, then by lower document number.
    """
    compiled = index.compiler.compile(query)
    scoring = _scoring_query(compiled.query)
    searcher = index._searcher()
    context = searcher.context(needs_current=True, weighting=searcher.weighting)
    ranked: list[tuple[float, int, int]] = []
    total = 0
    for sub, offset in searcher.leaf_searchers():
        matches = set(compiled.query.matcher(sub, context).all_ids())
        total += len(matches)
        matcher = scoring.matcher(sub, context)
        ids = index._segment_columns(sub.reader()).ids
        while matcher.is_active():
            docnum = matcher.id()
            if docnum in matches:
                ranked.append((matcher.score(), docnum + offset, int(ids[docnum])))
            matcher.next()
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return total, [(item[2], item[0]) for item in ranked[:wanted]]


def _found(index: SearchIndex, query: str, wanted: int) -> tuple[int, list[tuple[int, float]]]:
    results = index.search(query, page_size=wanted)
    return results.total, [(hit.id, hit.score) for hit in results.hits]


@pytest.mark.parametrize(
    ("limit", "per_document"),
    [(0, 60.0), (0, 0.0), (0, 1e9), (10**9, 60.0)],
    ids=["pruned", "pruned-score-early", "pruned-all-terms", "exhaustive"],
)
def test_top_results_equal_whoosh_plain_iteration(
    many: SearchIndex, monkeypatch: pytest.MonkeyPatch, limit: int, per_document: float
) -> None:
    monkeypatch.setattr(execution, "EXHAUSTIVE_LIMIT", limit)
    monkeypatch.setattr(execution, "COST_PER_DOCUMENT", per_document)
    for query in QUERIES:
        if not index_scored(many, query):
            continue
        for wanted in (1, 3, 10, 40):
            assert _found(many, query, wanted) == _reference(many, query, wanted), (query, wanted)


def index_scored(index: SearchIndex, query: str) -> bool:
    return index.compiler.compile(query).scored


def test_ties_keep_the_lower_numbers_whatever_the_page_size(many: SearchIndex) -> None:
    for query in ("水库", "记者", "的", "改造 date:1998-03..1998-09"):
        everything = many.search(query, page_size=300).hits
        scores = [hit.score for hit in everything]
        assert len(set(scores)) < len(scores), query  # the corpus has ties for this query
        for size in (1, 2, 5, 13):
            top = many.search(query, page_size=size).hits
            assert [hit.id for hit in top] == [hit.id for hit in everything[:size]], (query, size)


@pytest.mark.parametrize("sparse", [1, 10**9])
@pytest.mark.parametrize("positions_cost", [1, 8, 10**6])
def test_match_sets_equal_whoosh_iteration(
    many: SearchIndex, monkeypatch: pytest.MonkeyPatch, sparse: int, positions_cost: int
) -> None:
    monkeypatch.setattr(execution, "SPARSE_RATIO", sparse)
    monkeypatch.setattr(execution, "POSITIONS_COST", positions_cost)
    searcher = many._searcher()
    for query in QUERIES:
        compiled = many.compiler.compile(query)
        for sub, _ in searcher.leaf_searchers():
            columns = many._segment_columns(sub.reader())
            expected = set(compiled.query.matcher(sub).all_ids())
            found = columns.match_set(compiled.query, sub)
            assert len(found) == len(set(found)), query  # no duplicates
            assert set(found) == expected, query


def test_ids_and_totals_follow_the_match_sets(many: SearchIndex) -> None:
    for query in QUERIES:
        total, _ = _reference(many, query, 1)
        assert many.search(query).total == total, query
        assert len(many.ids(query)) == total, query


def _phrase_matchers(many: SearchIndex, text: str, lazy: bool) -> list[Any]:
    searcher = many._searcher()
    phrase = next(
        q
        for q in many.compiler.compile(f'"{text}"').query.leaves()
        if isinstance(q, OffsetPhrase) and q.fieldname == "text_ng"
    )
    context = searcher.context(needs_current=True)
    if lazy:
        context = context.set(**{engine.LAZY_PHRASES: True})
    return [phrase.matcher(sub, context) for sub, _ in searcher.leaf_searchers()]


@pytest.mark.parametrize("text", ["乡村道路改造", "记者近日", "工人们正在紧张施工", "水库农田"])
def test_a_lazy_phrase_finds_what_an_eager_one_finds(many: SearchIndex, text: str) -> None:
    eager = _phrase_matchers(many, text, lazy=False)
    lazy = _phrase_matchers(many, text, lazy=True)
    for first, second in zip(eager, lazy, strict=True):
        assert list(first.all_ids()) == list(second.all_ids())
    # Asked about single documents (increasing), then iterated: the same answers.
    checked = _phrase_matchers(many, text, lazy=True)
    reference = _phrase_matchers(many, text, lazy=False)
    for probe, plain in zip(checked, reference, strict=True):
        matches = set(plain.all_ids())
        for docnum in range(0, 200, 3):
            assert (match_score(probe, docnum) is not None) == (docnum in matches)


def test_light_blocks_hold_the_same_ids_and_weights(many: SearchIndex) -> None:
    engine.clear_block_cache()
    reader = many._searcher().leaf_searchers()[0][0].reader()
    checked = 0
    for fieldname in ("text_w", "text_ng", "text_ch"):
        for term in ("记者".encode(), "水库".encode(), "的".encode(), "记者".encode()[:3]):
            if (fieldname, term) not in reader:
                continue
            matcher = reader.postings(fieldname, term)
            matcher = getattr(matcher, "child", matcher)
            if type(matcher) is not W3LeafMatcher:
                continue
            while matcher.is_active():
                light = engine._decode_block(matcher, light=True)
                full = engine._decode_block(matcher, light=False)
                assert tuple(light[0]) == tuple(full[0]) and light[1] == full[1]
                if fieldname != "text_ch":  # a field with positions
                    assert light[2] is engine._NO_VALUES  # positions left out
                    matcher._read_data()
                    matcher._read_values()  # asks for the positions: decoded whole then
                    assert matcher._data[2] is not engine._NO_VALUES
                    assert tuple(matcher._values) == tuple(full[2])
                checked += 1
                matcher._next_block()
    assert checked > 3


def test_blocks_are_decoded_once_and_shared(many: SearchIndex) -> None:
    engine.clear_block_cache()
    reader = many._searcher().leaf_searchers()[0][0].reader()
    first = reader.postings("text_w", "记者".encode())
    second = reader.postings("text_w", "记者".encode())
    first = getattr(first, "child", first)
    second = getattr(second, "child", second)
    first._read_ids()
    second._read_ids()
    assert first._data is second._data
    engine.clear_block_cache()
    assert not engine._BLOCKS


def test_date_index_matches_a_scan() -> None:
    rng = random.Random(5)
    dates = [rng.choice((0, 19980101, 19980315, 19981231, 19990101, 20001010)) for _ in range(300)]
    index = execution.DateIndex(dates)
    for low, high in ((0, 99991231), (19980101, 19981231), (19980316, 19990101), (1, 1)):
        expected = sorted(d for d, value in enumerate(dates) if value and low <= value <= high)
        assert sorted(index.between(low, high)) == expected
        assert index.count(low, high) == len(expected)


def test_an_index_copied_elsewhere_does_not_share_cached_blocks(
    many: SearchIndex, tmp_path: Path, segmenter: Segmenter
) -> None:
    import shutil

    shutil.copytree(many.directory, tmp_path / "copy")
    copy = SearchIndex(tmp_path / "copy", segmenter)
    assert copy.open().value == "ok"
    assert copy.search("水库").total == many.search("水库").total
    keys = {key[0] for key in engine._BLOCKS}
    assert any(str(tmp_path / "copy") in key for key in keys)
    assert any(str(many.directory) in key for key in keys)
    copy.close()


def test_facets_count_every_match_once(many: SearchIndex) -> None:
    from collections import Counter

    from reader.search.index import _facets

    searcher = many._searcher()
    for query in QUERIES:
        compiled = many.compiler.compile(query)
        keys: Counter[bytes] = Counter()
        months: Counter[int] = Counter()
        for sub, _ in searcher.leaf_searchers():
            columns = many._segment_columns(sub.reader())
            for docnum in compiled.query.matcher(sub).all_ids():
                keys[columns.facets[docnum]] += 1
                months[columns.dates[docnum] // 100] += 1
        assert many.search(query).facets == _facets(keys, months), query

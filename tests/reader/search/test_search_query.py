"""The query language parser and the analyzer's folding, runs and positions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import QuerySyntaxError
from reader.search.analyzer import Analyzer, bigram_cover, fold, split_runs
from reader.search.index import SearchIndex
from reader.search.query import (
    AndNode,
    DateNode,
    NotNode,
    OrNode,
    TextNode,
    ValueNode,
    parse,
    parse_date_value,
)
from reader.segment import Segmenter


def test_fold_is_one_to_one() -> None:
    text = "綜改示範區ＡＢＣ１２３　Ｘ"
    folded = fold(text)
    assert folded == "综改示范区abc123 x"
    assert len(folded) == len(text)
    assert fold("İstanbul")[1:] == "stanbul"  # a character whose lower case is longer stays
    assert len(fold("İ")) == 1


def test_runs_and_cover() -> None:
    assert split_runs("综改，示范区 ab") == [(0, "综改"), (3, "示范区"), (7, "ab")]
    assert bigram_cover(2) == [0]
    assert bigram_cover(5) == [0, 2, 3]
    assert bigram_cover(6) == [0, 2, 4]


def test_word_positions_are_counted_in_tokens(segmenter: Segmenter) -> None:
    analyzer = Analyzer(segmenter)
    text = "山西综改示范区，建设提速"
    analyzed = analyzer.analyze([(text, segmenter.segment(text))])
    positions = sorted(p for ps in analyzed.words.values() for p in ps)
    assert positions[0] == 0
    assert max(positions) < 10  # token positions, not character offsets
    # The comma is a break: one empty position between the two runs.
    assert analyzed.bigrams["山西"] == [0]
    assert analyzed.bigrams["建设"] == [len("山西综改示范区") + 1]
    assert "区建" not in analyzed.bigrams
    assert analyzed.chars["区"] == 1


def test_search_mode_subwords_share_the_position(segmenter: Segmenter) -> None:
    analyzer = Analyzer(segmenter)
    text = "中华人民共和国成立"
    analyzed = analyzer.analyze([(text, None)])
    assert analyzed.words["中华人民共和国"] == analyzed.words["人民"]


def test_parse_structure() -> None:
    tree = parse('(综改 OR 转型) 山西 -太原 title:"光伏 项目" author:王波 date:1998-01')
    assert isinstance(tree, AndNode)
    kinds = [type(child) for child in tree.children]
    assert kinds == [OrNode, TextNode, NotNode, TextNode, ValueNode, DateNode]
    assert tree.children[3].family == "title" and tree.children[3].phrase
    assert tree.children[4].field == "author"


def test_lowercase_or_is_a_word() -> None:
    tree = parse("a or b")
    assert isinstance(tree, AndNode) and len(tree.children) == 3


def test_unknown_field_is_text() -> None:
    tree = parse("记者:王波")
    assert isinstance(tree, TextNode)


def test_date_values() -> None:
    assert (parse_date_value("1998").start, parse_date_value("1998").end) == (19980101, 19981231)
    month = parse_date_value("2024-02")
    assert (month.start, month.end) == (20240201, 20240229)
    assert parse_date_value("2023/11/01").start == 20231101
    assert parse_date_value("19980105").end == 19980105
    assert parse_date_value("..1998-01").start == 0
    with pytest.raises(QuerySyntaxError, match="month 13"):
        parse_date_value("1998-13")


QUERY_ALPHABET = st.sampled_from(
    list('综改示范区人民共和国党"“”「」()（）:：-—ORNOTAND titleautherpagdz.,，。0123456789 \t')
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(QUERY_ALPHABET, max_size=40).map("".join))
def test_random_queries_raise_nothing_but_query_errors(text: str) -> None:
    try:
        parse(text)
    except QuerySyntaxError as error:
        assert str(error)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.one_of(st.text(max_size=30), st.lists(QUERY_ALPHABET, max_size=30).map("".join)))
def test_random_queries_search_without_crashing(index: SearchIndex, text: str) -> None:
    try:
        results = index.search(text)
    except QuerySyntaxError as error:
        assert str(error)
    else:
        assert results.total >= len(results.hits)

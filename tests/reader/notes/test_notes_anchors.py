"""Anchors: a highlight is found again after the text around it, or the passage itself, changed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import InputError
from reader.notes.anchors import (
    ANCHORED,
    MOVED,
    ORPHANED,
    Anchor,
    find_quote,
    make_anchor,
    reanchor,
    reanchor_in_texts,
)

TEXT = (
    "本报讯　3月7日，清源县光伏产业园二期项目正式开工，总投资约十二亿元。\n"
    "项目建成后，预计年发电量可达三亿千瓦时，可满足十万户家庭的用电需求。\n"
    "县发展改革局负责人表示，园区将配套建设储能电站和运维中心，带动上下游企业落户。"
)


def _anchor(quote: str, text: str = TEXT, occurrence: int = 0) -> Anchor:
    return find_quote(text, "body", quote, occurrence)


def test_make_anchor_keeps_quote_and_context() -> None:
    start = TEXT.index("储能电站")
    anchor = make_anchor(TEXT, "body", start, start + 4)
    assert anchor.quote == "储能电站"
    assert TEXT[:start].endswith(anchor.prefix) and len(anchor.prefix) == 30
    assert TEXT[start + 4 :].startswith(anchor.suffix)


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (0, len(TEXT) + 1), (9, 3)])
def test_make_anchor_refuses_bad_ranges(start: int, end: int) -> None:
    with pytest.raises(InputError):
        make_anchor(TEXT, "body", start, end)


def test_find_quote_errors_name_the_problem() -> None:
    with pytest.raises(InputError, match="does not contain"):
        find_quote(TEXT, "body", "海上风电")
    with pytest.raises(InputError, match="1 time"):
        find_quote(TEXT, "body", "储能电站", occurrence=1)
    with pytest.raises(InputError, match="unknown field"):
        find_quote(TEXT, "caption", "储能")


def test_find_quote_accepts_other_whitespace_and_width() -> None:
    anchor = find_quote(TEXT, "body", "三亿 千瓦时，可满足十万户")
    assert anchor.quote == "三亿千瓦时，可满足十万户"


def test_same_text_stays_anchored() -> None:
    anchor = _anchor("储能电站和运维中心")
    placed = reanchor(anchor, TEXT)
    assert placed.status == ANCHORED
    assert placed.anchor == anchor


def test_insertion_before_moves_offsets() -> None:
    anchor = _anchor("储能电站和运维中心")
    new_text = "清源县新能源产业近年来发展迅速。\n" + TEXT
    placed = reanchor(anchor, new_text)
    assert placed.status == MOVED
    assert new_text[placed.anchor.start : placed.anchor.end] == "储能电站和运维中心"
    assert placed.anchor.start == anchor.start + len("清源县新能源产业近年来发展迅速。\n")


def test_repeated_quote_goes_to_the_occurrence_with_its_context() -> None:
    text = "甲乡建成储能电站一座。乙乡建成储能电站两座。丙乡正在规划。"
    anchor = find_quote(text, "body", "储能电站", occurrence=1)  # the one in 乙乡
    changed = "丁乡也建成储能电站三座。" + text  # now three occurrences, old offset wrong
    placed = reanchor(anchor, changed)
    assert placed.status == MOVED
    assert changed[placed.anchor.start - 4 : placed.anchor.start] == "乙乡建成"


def test_offsets_holding_a_wrong_occurrence_are_not_trusted() -> None:
    text = "甲乡建成储能电站一座，当地群众十分满意。乙乡建成储能电站两座，带动就业百余人。"
    anchor = find_quote(text, "body", "储能电站", occurrence=1)  # the one in 乙乡
    first = text.index("储能电站")
    changed = "丙" * (anchor.start - first) + text  # the 甲乡 one now sits at the old offsets
    assert changed[anchor.start : anchor.end] == "储能电站"
    placed = reanchor(anchor, changed)
    assert placed.status == MOVED
    assert placed.anchor.start == anchor.start + anchor.start - first
    assert placed.anchor.suffix.startswith("两座")


def test_folded_match_ignores_traditional_width_and_spaces() -> None:
    anchor = _anchor("储能电站和运维中心")
    changed = TEXT.replace("储能电站和运维中心", "儲能電站 和運維中心")
    placed = reanchor(anchor, changed)
    assert placed.status == MOVED
    assert placed.anchor.quote == "儲能電站 和運維中心"


def test_small_rewording_is_found_fuzzily() -> None:
    anchor = _anchor("预计年发电量可达三亿千瓦时，可满足十万户家庭的用电需求")
    changed = TEXT.replace("十万户家庭", "十万户居民家庭")
    placed = reanchor(anchor, changed)
    assert placed.status == MOVED
    assert 0.8 <= placed.score < 1.0
    assert placed.anchor.quote == "预计年发电量可达三亿千瓦时，可满足十万户居民家庭的用电需求"


def test_removed_passage_is_orphaned_and_kept() -> None:
    anchor = _anchor("总投资约十二亿元")
    changed = TEXT.replace("，总投资约十二亿元", "")
    placed = reanchor(anchor, changed)
    assert placed.status == ORPHANED
    assert placed.anchor == anchor  # everything kept for the user


def test_short_quote_is_not_matched_fuzzily() -> None:
    anchor = _anchor("开工")
    placed = reanchor(anchor, TEXT.replace("开工", "动工"))
    assert placed.status == ORPHANED


def test_quote_found_in_another_field() -> None:
    anchor = find_quote("清源县新能源项目加速落地", "subtitle", "新能源项目")
    texts = {
        "title": "光伏产业园二期开工",
        "subtitle": "",
        "body": "清源县新能源项目加速落地。" + TEXT,
    }
    placed = reanchor_in_texts(anchor, texts)
    assert placed.status == MOVED
    assert placed.anchor.field == "body"
    assert texts["body"][placed.anchor.start : placed.anchor.end] == "新能源项目"


def test_article_note_is_always_anchored() -> None:
    anchor = Anchor("article", 0, 0, "")
    assert reanchor_in_texts(anchor, {"body": ""}).status == ANCHORED


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(alphabet="县乡镇村项目建设发展产业园区，。", max_size=40),
    after=st.text(alphabet="县乡镇村项目建设发展产业园区，。", max_size=40),
)
def test_text_added_around_never_loses_a_unique_passage(before: str, after: str) -> None:
    quote = "储能电站和运维中心"
    anchor = _anchor(quote)
    changed = before + TEXT + after
    placed = reanchor(anchor, changed)
    assert placed.status in (ANCHORED, MOVED)
    assert changed[placed.anchor.start : placed.anchor.end] == quote

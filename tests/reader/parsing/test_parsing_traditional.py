"""Traditional Chinese pages (Big5, Traditional reprints) are read like Simplified ones.

Every rule reads a Simplified fold of the text (same length); what is kept is cut from the text as
printed, so titles, credits and names stay Traditional and nothing is lost.
"""
# ruff: noqa: E501 - page text: one paragraph a line, as in real page files

from __future__ import annotations

import datetime as dt
import re
from types import ModuleType

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.parsing import articles, classify, credits, lines, masthead, names
from reader.parsing.credits import find_markers, is_caption, split_credit_opener
from reader.parsing.model import ParsedArticle, ParsedPage
from reader.parsing.names import names_in_credit, parse_byline, split_names
from reader.parsing.page import lost_text, parse_page
from reader.parsing.script import originals, to_simplified
from reader.parsing.t2s_table import SIMPLIFIED, TRADITIONAL
from tests.fixtures.badfiles import SIMPLIFIED_PAGE, TRADITIONAL_PAGE

# An invented page with most of what the rules look for: masthead with a lunar date, kicker,
# headline, deck, byline, credit with reporters, a column break before 们, a numbered section,
# a continuation marker, a caption, an untitled agency item with a trailing credit, an editor.
SIMPLIFIED_RICH = """\
柏岩日报　2023年10月12日　星期四　农历八月廿八　第A01版　总第12345期

全县秋粮收购工作会议召开之际
秋粮满仓 农民笑开颜
——柏岩县今年粮食总产创历史新高
本报记者　韩晓梅

本报讯（记者 韩晓梅 通讯员 吕志刚）今年以来，柏岩县坚持把粮食生产作为头等大事，全县粮食总产达到四十二万吨，比上年增长百分之六。

在城关镇的收购点，前来交售新粮的农民排起了长队。种粮大户周国强告诉记者：“今年雨水匀，收成好，一亩地多打了一百多斤。”

县粮食局负责人介绍，今年全县新建烘干中心十二个，农民

们再也不用担心阴雨天粮食霉变了。

一、订单农业稳收入

全县签订优质稻订单面积十五万亩，每斤比市场价高出五分钱。（下转第4版）

图为城关镇收购点农民交售新粮。（本报记者 韩晓梅 摄）

新华社北京10月11日电（记者 吕志刚）国家统计局11日发布数据，前三季度全国夏粮和早稻产量继续保持稳定。

数据显示，夏粮产量比上年增加，早稻产量基本持平。（吕志刚）

责任编辑：周国强
"""

# The same page in Traditional characters (as a mainland Traditional reprint would print it).
TRADITIONAL_RICH = """\
柏巖日報　2023年10月12日　星期四　農曆八月廿八　第A01版　總第12345期

全縣秋糧收購工作會議召開之際
秋糧滿倉 農民笑開顏
——柏巖縣今年糧食總產創歷史新高
本報記者　韓曉梅

本報訊（記者 韓曉梅 通訊員 呂志剛）今年以來，柏巖縣堅持把糧食生產作爲頭等大事，全縣糧食總產達到四十二萬噸，比上年增長百分之六。

在城關鎮的收購點，前來交售新糧的農民排起了長隊。種糧大戶周國強告訴記者：“今年雨水勻，收成好，一畝地多打了一百多斤。”

縣糧食局負責人介紹，今年全縣新建烘乾中心十二個，農民

們再也不用擔心陰雨天糧食黴變了。

一、訂單農業穩收入

全縣簽訂優質稻訂單面積十五萬畝，每斤比市場價高出五分錢。（下轉第4版）

圖爲城關鎮收購點農民交售新糧。（本報記者 韓曉梅 攝）

新華社北京10月11日電（記者 呂志剛）國家統計局11日發佈數據，前三季度全國夏糧和早稻產量繼續保持穩定。

數據顯示，夏糧產量比上年增加，早稻產量基本持平。（呂志剛）

責任編輯：周國強
"""

# A hard-wrapped page in the style of a Taiwan daily: Republic-era date, bracketed reporter
# credit with the place of filing, 「」 quotes, a slash photo credit, a news agency's credit in
# parentheses before the text.
TAIWAN_LINES = [
    "中華民國112年10月12日（星期四）　柏岩時報　A3版",
    "",
    "老街騎樓變身文創聚落",
    "〔記者王小明／柏岩報導〕柏岩縣政府今年",
    "投入經費整修老街騎樓，吸引二十多家文創",
    "業者進駐，週末人潮比去年同期增加三成。",
    "　　縣長表示：「老街是大家共同的記憶，",
    "整修後要讓年輕人願意回來。」縣府下半年",
    "還將舉辦老街市集。（下轉A4版）",
    "圖／記者王小明攝",
    "",
    "颱風過境　農損逾千萬",
    "（中央社記者李大同柏岩12日電）強烈颱風",
    "昨晚掠過柏岩縣，各地農作物受損，農業局",
    "初估損失超過一千萬元。",
    "　　農業局呼籲農民儘速拍照存證，以便申",
    "請救助。",
    "責任編輯：張美玲",
]
TAIWAN_PAGE = "\n".join(TAIWAN_LINES) + "\n"


def _shape(article: ParsedArticle) -> dict[str, object]:
    """Every field of an article, read through the Simplified fold."""
    fold = to_simplified
    return {
        "kicker": fold(article.kicker or ""),
        "title": fold(article.title),
        "subtitle": fold(article.subtitle or ""),
        "byline": fold(article.byline or ""),
        "credit": fold(article.credit or ""),
        "authors": [fold(name) for name in article.authors],
        "blocks": [(block.kind, fold(block.text)) for block in article.blocks],
        "captions": [fold(caption) for caption in article.captions],
        "consumed": [fold(raw) for raw in article.consumed],
        "continues_to": article.continues_to,
        "continued_from": article.continued_from,
    }


def _page_shape(page: ParsedPage) -> tuple[object, ...]:
    head = page.masthead
    return (
        (to_simplified(head.publication or ""), head.date, head.page_label,
         to_simplified(head.number or "")),
        [to_simplified(line) for line in page.furniture],
        [_shape(article) for article in page.articles],
    )


# -- whole pages ----------------------------------------------------------------------------------


def test_the_two_fixture_pages_fold_into_each_other() -> None:
    # The comparisons below rely on it: the Traditional pages are exact twins.
    assert to_simplified(TRADITIONAL_RICH) == SIMPLIFIED_RICH
    assert to_simplified(TRADITIONAL_PAGE).replace("「", "“").replace("」", "”") == SIMPLIFIED_PAGE


def test_a_traditional_page_is_read_like_its_simplified_twin() -> None:
    simplified = parse_page(SIMPLIFIED_RICH)
    traditional = parse_page(TRADITIONAL_RICH)
    assert lost_text(TRADITIONAL_RICH, traditional) == ("", "")
    assert _page_shape(traditional) == _page_shape(simplified)
    # …and the twin is the page we expect, not an equally wrong reading of both.
    head = simplified.masthead
    assert (head.publication, head.date, head.page_label, head.number) == (
        "柏岩日报", dt.date(2023, 10, 12), "A1", "总第12345期"
    )
    first, second = simplified.articles
    assert (first.kicker, first.title) == ("全县秋粮收购工作会议召开之际", "秋粮满仓 农民笑开颜")
    assert first.section_headings == ["一、订单农业稳收入"]
    assert first.paragraphs[2].endswith("农民们再也不用担心阴雨天粮食霉变了。")
    assert (first.continues_to, len(first.captions)) == ("04", 1)
    assert (second.title, second.authors) == ("", ["吕志刚"])


def test_what_a_traditional_page_keeps_stays_traditional() -> None:
    page = parse_page(TRADITIONAL_RICH)
    head = page.masthead
    assert (head.publication, head.number) == ("柏巖日報", "總第12345期")
    assert page.furniture[-1] == "責任編輯：周國強"
    first, second = page.articles
    assert first.kicker == "全縣秋糧收購工作會議召開之際"
    assert first.title == "秋糧滿倉 農民笑開顏"
    assert first.subtitle == "柏巖縣今年糧食總產創歷史新高"
    assert first.byline == "本報記者　韓曉梅"
    assert first.credit == "本報訊（記者 韓曉梅 通訊員 呂志剛）"
    assert first.authors == ["韓曉梅", "呂志剛"]
    assert first.section_headings == ["一、訂單農業穩收入"]
    assert "（下轉第4版）" in first.consumed
    assert first.captions == ["圖爲城關鎮收購點農民交售新糧。（本報記者 韓曉梅 攝）"]
    assert second.credit == "新華社北京10月11日電（記者 呂志剛）"
    assert second.consumed == ["（呂志剛）"]


def test_the_big5_fixture_page_has_its_masthead_headline_deck_and_credit() -> None:
    page = parse_page(TRADITIONAL_PAGE)
    assert lost_text(TRADITIONAL_PAGE, page) == ("", "")
    head = page.masthead
    assert (head.publication, head.date, head.page_label) == (
        "柏岩日報", dt.date(2023, 10, 12), "03"
    )
    assert page.furniture == ["柏岩日報　2023年10月12日　星期四　第3版"]
    [article] = page.articles
    assert article.title == "老廠房裡辦起了科普館"
    assert article.subtitle == "柏岩縣盤活閒置工業遺存紀實"
    assert article.credit == "本報訊　（記者 韓曉梅 通訊員 呂志剛）"
    assert article.authors == ["韓曉梅", "呂志剛"]
    assert len(article.paragraphs) == 5
    assert article.consumed == ["——", "（韓曉梅）"]
    # Its Simplified twin (“” quotes instead of 「」) splits the same way.
    [twin] = parse_page(SIMPLIFIED_PAGE).articles
    assert [to_simplified(text).replace("「", "“").replace("」", "”")
            for text in article.paragraphs] == twin.paragraphs


def test_a_hard_wrapped_taiwan_page() -> None:
    page = parse_page(TAIWAN_PAGE)
    assert lost_text(TAIWAN_PAGE, page) == ("", "")
    head = page.masthead
    assert (head.publication, head.date, head.page_label) == (
        "柏岩時報", dt.date(2023, 10, 12), "A3"
    )
    assert page.furniture == [TAIWAN_LINES[0], "責任編輯：張美玲"]
    first, second = page.articles
    assert first.title == "老街騎樓變身文創聚落"
    assert first.credit == "〔記者王小明／柏岩報導〕"
    assert first.authors == ["王小明"]
    assert first.paragraphs == [
        "柏岩縣政府今年投入經費整修老街騎樓，吸引二十多家文創業者進駐，週末人潮比去年同期增加三成。",
        "縣長表示：「老街是大家共同的記憶，整修後要讓年輕人願意回來。」縣府下半年還將舉辦老街市集。",
    ]
    assert (first.continues_to, first.captions) == ("A4", ["圖／記者王小明攝"])
    assert second.title == "颱風過境　農損逾千萬"
    assert second.credit == "（中央社記者李大同柏岩12日電）"
    assert second.authors == ["李大同"]
    assert len(second.paragraphs) == 2


def test_the_dictionary_is_asked_about_simplified_words() -> None:
    # A column break cuts 開|發區 after a fragment shaped like a headline: only the dictionary
    # (Simplified, like jieba's) can tell, so it must be asked about 开发区, not 開發區.
    text = "園區幹部緊緊圍繞開\n\n發區各項任務，推動項目建設。"
    words = {"开发区", "开发", "项目"}
    with_words = parse_page(text, is_word=words.__contains__)
    assert [article.paragraphs for article in with_words.articles] == [
        ["園區幹部緊緊圍繞開發區各項任務，推動項目建設。"]
    ]
    without = parse_page(text)
    assert [article.title for article in without.articles] == ["園區幹部緊緊圍繞開"]


# -- rules one by one -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "credit", "rest", "authors"),
    [
        ("本報訊（記者 韓曉梅）昨日，縣裡召開大會。", "本報訊（記者 韓曉梅）", "昨日，縣裡召開大會。",
         ["韓曉梅"]),
        ("新華社北京10月11日電（記者 呂志剛）國家統計局發布數據。",
         "新華社北京10月11日電（記者 呂志剛）", "國家統計局發布數據。", ["呂志剛"]),
        ("據新華社電 聯合國日前發表報告。", "據新華社電", "聯合國日前發表報告。", []),
        ("本報記者 韓曉梅 通訊員 呂志剛報道：日前，園區舉辦招聘會。",
         "本報記者 韓曉梅 通訊員 呂志剛報道：", "日前，園區舉辦招聘會。", ["韓曉梅", "呂志剛"]),
        # Hong Kong and Taiwan forms.
        ("【本報訊】縣政府今日公布施政報告。", "【本報訊】", "縣政府今日公布施政報告。", []),
        ("【岩報專訊】縣政府今日公布施政報告。", "【岩報專訊】", "縣政府今日公布施政報告。", []),
        ("〔記者王小明／柏岩報導〕縣政府今天通過預算。", "〔記者王小明／柏岩報導〕",
         "縣政府今天通過預算。", ["王小明"]),
        ("記者王小明、李大同／綜合報導　縣政府今天通過預算。", "記者王小明、李大同／綜合報導",
         "縣政府今天通過預算。", ["王小明", "李大同"]),
        ("（中央社記者王小明華盛頓11日電）美國國會今天通過預算。",
         "（中央社記者王小明華盛頓11日電）", "美國國會今天通過預算。", ["王小明"]),
        # The place before 報導: after a slash always a place; after a space only when it
        # cannot be a name (柏岩 could be one, 岩城 cannot).
        ("本報記者 王小明／柏岩報導：縣政府今天通過預算。", "本報記者 王小明／柏岩報導：",
         "縣政府今天通過預算。", ["王小明"]),
        ("本報記者 王小明 岩城報導：縣政府今天通過預算。", "本報記者 王小明 岩城報導：",
         "縣政府今天通過預算。", ["王小明"]),
    ],
)
def test_credit_openers_in_traditional_text(text: str, credit: str, rest: str,
                                            authors: list[str]) -> None:
    opener = split_credit_opener(text)
    assert opener is not None
    assert (opener.credit, opener.rest, opener.authors) == (credit, rest, authors)


@pytest.mark.parametrize(
    "text",
    [
        "（新華社北京10月11日電）",  # a trailing credit on its own line
        "（上接第1版）園區負責人說，項目進展順利。",
        "【編者按】今天起本版推出系列報道。",
        "（本報記者 韓曉梅）園區今天舉辦招聘會。",
        "記者王小明／柏岩報導",  # a byline: no text after it
        "本報記者日前從縣電力公司獲悉，項目開工。",
    ],
)
def test_not_credit_openers(text: str) -> None:
    assert split_credit_opener(text) is None


def test_bylines_names_captions_and_markers_in_traditional_text() -> None:
    assert parse_byline("本報記者 韓曉梅") == ["韓曉梅"]
    assert parse_byline("記者王小明／柏岩報導") == ["王小明"]
    assert parse_byline("記者王小明、李大同／綜合報導") == ["王小明", "李大同"]
    assert parse_byline("農業部部長 鄭國強") == ["鄭國強"]
    assert parse_byline("歐陽曉燕 龐志遠") == ["歐陽曉燕", "龐志遠"]
    assert parse_byline("聚焦項目建設") is None
    assert split_names("韓曉梅呂志剛") == ["韓曉梅", "呂志剛"]
    assert names_in_credit("中央社記者王小明、李大同柏岩12日電") == ["王小明", "李大同"]
    assert is_caption("圖為城關鎮收購點一角。")
    assert is_caption("（新華社記者 韓曉梅 攝）")
    assert not is_caption("縣長說，今年新簽約項目二十個。")
    [marker] = find_markers("……同步推進。（下轉第四版）")
    assert (marker.raw, marker.forward, marker.label) == ("（下轉第四版）", True, "04")
    [back] = find_markers("（上接第1版）縣長說")
    assert (back.forward, back.label) == (False, "01")
    assert find_markers("轉型發展再上台階") == []


def test_section_headings_and_editor_lines_in_traditional_text() -> None:
    text = "\n\n".join([
        "老廠房裡辦起了科普館",
        "本報訊 柏岩縣原機械廠鑄造車間改建的科普館昨日開放，首日接待市民一千餘人次。",
        "第三節　能源展區",
        "展區介紹了風能和太陽能的利用，吸引了不少學生。",
        "責任編輯：呂志剛",
    ])
    page = parse_page(text)
    assert lost_text(text, page) == ("", "")
    [article] = page.articles
    assert article.section_headings == ["第三節　能源展區"]
    assert page.furniture == ["責任編輯：呂志剛"]


# -- the fold itself ------------------------------------------------------------------------------


def test_the_fold_keeps_lengths_and_leaves_simplified_text_alone() -> None:
    text = "本報訊（記者 韓曉梅）縣裡召開大會，部署秋糧收購工作。"
    folded = to_simplified(text)
    assert folded == "本报讯（记者 韩晓梅）县里召开大会，部署秋粮收购工作。"
    assert len(folded) == len(text)
    simplified = "本报讯（记者 韩晓梅）县里召开大会，部署秋粮收购工作。这一句更长一些。"
    assert to_simplified(simplified) is simplified
    assert to_simplified("著名") == "著名"  # a Simplified character too: left as it is


def test_originals_cut_the_same_spans_from_the_printed_text() -> None:
    text = "記者 韓曉梅 通訊員 呂志剛"
    assert originals(text, to_simplified(text), ["韩晓梅", "吕志刚"]) == ["韓曉梅", "呂志剛"]
    assert originals(text, to_simplified(text), ["不在"]) == ["不在"]


def test_the_table_maps_one_character_to_one() -> None:
    assert len(TRADITIONAL) == len(SIMPLIFIED) > 4000
    assert len(set(TRADITIONAL)) == len(TRADITIONAL)
    assert all(old != new for old, new in zip(TRADITIONAL, SIMPLIFIED, strict=True))
    for pair in ("報报", "訊讯", "記记", "轉转", "圖图", "攝摄", "韓韩", "呂吕", "週周", "衞卫"):
        assert SIMPLIFIED[TRADITIONAL.index(pair[0])] == pair[1]


def test_the_table_agrees_with_opencc() -> None:
    opencc = pytest.importorskip("opencc")
    converted = opencc.OpenCC("t2s").convert("\n".join(TRADITIONAL)).split("\n")
    disagree = [
        (old, new, got) for old, new, got in zip(TRADITIONAL, SIMPLIFIED, converted, strict=True)
        if got not in (old, new)  # t2s leaves Hong Kong / Taiwan variants to hk2s / tw2s
    ]
    assert not disagree


def _rule_strings(module: ModuleType) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name, value in vars(module).items():
        if isinstance(value, re.Pattern):
            found.append((name, value.pattern))
        elif isinstance(value, frozenset) and all(isinstance(item, str) for item in value):
            found.append((name, "".join(sorted(value))))
        elif isinstance(value, dict | tuple) and name.isupper():
            found.append((name, repr(value)))
    return found


# Patterns that list Traditional forms on purpose: they are matched on the printed text.
_PRINTED_TEXT_RULES = {"_MARKER_HINT"}


@pytest.mark.parametrize("module", [articles, classify, credits, lines, masthead, names])
def test_rule_keywords_are_written_in_simplified(module: ModuleType) -> None:
    # A rule holding a character that the fold replaces could never match the folded text.
    bad = [name for name, rule in _rule_strings(module)
           if name not in _PRINTED_TEXT_RULES and to_simplified(rule) != rule]
    assert not bad


# -- any page: the parse of a text is the parse of its fold ---------------------------------------

_TRAD_WORDS = ["縣裡", "園區", "項目", "發展", "經濟", "農民", "糧食", "記者", "報導", "們", "說",
               "開發區", "建設", "會議", "新華社", "本報訊", "通訊員", "責任編輯", "圖為", "攝",
               "下轉", "上接", "第三節", "週四", "韓曉梅", "呂志剛", "歐陽", "農曆", "總第",
               "乾", "於", "衞", "㑯", "䰾䲁", "\uf900\uf901"]  # Extension A, compatibility forms
_TRAD_PUNCT = ["，", "、", "。", "；", "：", "！", "？", "……", "「", "」", "《", "》", "（", "）",
               "——", "／", "〔", "〕", "【", "】", "第4版", "A3", "2023年10月12日", "12日電", " ",
               "　"]


@st.composite
def _traditional_page(draw: st.DrawFn) -> str:
    lines_ = [
        "".join(draw(st.lists(st.sampled_from(_TRAD_WORDS + _TRAD_PUNCT), min_size=1,
                              max_size=24)))
        for _ in range(draw(st.integers(min_value=1, max_value=14)))
    ]
    separator = draw(st.sampled_from(["\n", "\n\n", "\n\u3000\u3000"]))
    return separator.join(lines_)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_traditional_page())
@example("縣裡說，園區發展。\n\n（䰾䲁）")  # characters outside U+4E00–U+9FFF that fold into it
def test_a_page_parses_like_its_simplified_fold(text: str) -> None:
    page = parse_page(text)
    assert lost_text(text, page) == ("", "")
    assert _page_shape(page) == _page_shape(parse_page(to_simplified(text)))

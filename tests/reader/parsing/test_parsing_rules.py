"""The page parser's rules, one by one, on small invented pages in newspaper style."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from reader.parsing.credits import (
    find_markers,
    is_caption,
    split_credit_opener,
    split_trailing_credit,
)
from reader.parsing.masthead import normalise_page_label, parse_date, read_masthead_line
from reader.parsing.model import Block, BlockKind, ParsedArticle, ParsedPage
from reader.parsing.names import parse_byline, split_names
from reader.parsing.page import lost_text, parse_page

BLANK_LINE_PAGE = """城乡导报·开发区周刊
2023年11月15日 星期三 第A3版

让园区成为创新的沃土

——南湖高新区三年培育科技企业纪实

周文斌 郑小燕

走进南湖高新区，一座座厂房拔地而起。三年来，园区累计培育科技型中小企业四百余家。

园区负责人介绍，今年以来园区新签约项目二十八个，总投资一百二十亿元。

搭建平台

——让企业少跑腿

高新区建成“一站式”服务大厅，企业办事平均用时缩短一半。

“以前办一个手续要跑好几个部门，现在一个窗口全办好。”一家企业负责人

说，园区的服务让他们安心扎根。

图为南湖高新区科技企业孵化器一角。（本报记者 吴海涛 摄）

培育人才

今年，园区引进博士以上高层次人才六十余名，建成人才公寓八百套。（下转A4版）

滨江新区数据中心投入运营

本报讯（记者 林晓 通讯员 陈思远）11月12日，滨江新区首家大型数据中心正式投入运营。

据介绍，数据中心采用液冷技术，能耗比传统机房降低三成。（林晓）

本报讯 东城区日前举办首届职工技能大赛，共有三百余名职工参赛。（陈思远）

责任编辑：王丽华
"""

# Hard-wrapped at 30 cells, paragraphs marked by an ideographic-space indentation only.
WRAPPED_LINES = [
    "科技导报·园区周刊",
    "2023年11月15日　星期三　第D4版　总第1234期",
    "",
    "开发区招商引资再上新台阶",
    "——本市十个园区前十月签约项目过百个",
    "本报记者　周文斌",
    "　　本报讯（记者 周文斌 通讯员 郑小燕）今年以来，本市各",
    "开发区坚持把招商引资作为“一号工程”，前十个月共签约项目一",
    "百零三个，总投资四百二十亿元，同比增长百分之十八。",
    "　　在城东经济开发区，一批新能源项目正加紧建设。园区负责人",
    "告诉记者，今年园区新引进企业二十二家，其中十亿元以上项目五",
    "个。",
    "　　“我们把服务做在前面。”该负责人说，园区推行“拿地即开",
    "工”审批模式，项目从签约到开工平均用时缩短到四十五天。（下",
    "转D5版）",
    "图为城东经济开发区新能源产业园施工现场。　本报记者　吴海涛　摄",
    "滨江新区首家数据中心投入运营",
    "　　本报讯　十一月十二日，滨江新区首家大型数据中心正式投入运",
    "营。该中心可容纳机柜三千个，将为区内企业提供云计算和数据存",
    "储服务。",
    "　　据介绍，数据中心采用液冷技术，能耗比传统机房降低三成。（林",
    "晓）",
    "责任编辑：王丽华　　版式设计：赵强",
]
WRAPPED_PAGE = "\ufeff" + "\r\n".join(WRAPPED_LINES) + "\r\n"


def _assert_nothing_lost(text: str, page: ParsedPage) -> None:
    assert lost_text(text, page) == ("", "")


def test_blank_line_page_is_split_like_a_reader_would() -> None:
    page = parse_page(BLANK_LINE_PAGE)
    _assert_nothing_lost(BLANK_LINE_PAGE, page)
    assert page.masthead.publication == "城乡导报·开发区周刊"
    assert page.masthead.date == dt.date(2023, 11, 15)
    assert page.masthead.page_label == "A3"
    assert "责任编辑：王丽华" in page.furniture
    assert [article.title for article in page.articles] == [
        "让园区成为创新的沃土", "滨江新区数据中心投入运营", "",
    ]
    feature, news, item = page.articles
    assert feature.subtitle == "南湖高新区三年培育科技企业纪实"
    assert feature.authors == ["周文斌", "郑小燕"]
    assert feature.byline == "周文斌 郑小燕"
    assert feature.section_headings == ["搭建平台", "培育人才"]
    assert [b.text for b in feature.blocks if b.kind is BlockKind.HEADING_DECK] == ["让企业少跑腿"]
    assert feature.continues_to == "A4"
    assert "（下转A4版）" in feature.consumed
    assert feature.captions == ["图为南湖高新区科技企业孵化器一角。（本报记者 吴海涛 摄）"]
    assert len(feature.paragraphs) == 5
    assert "一家企业负责人说，园区的服务" in feature.paragraphs[3]
    assert feature.paragraphs[-1].endswith("建成人才公寓八百套。")
    assert news.credit == "本报讯（记者 林晓 通讯员 陈思远）"
    assert news.authors == ["林晓", "陈思远"]
    assert news.paragraphs[0].startswith("11月12日")
    assert news.paragraphs[-1].endswith("降低三成。")
    assert item.credit == "本报讯"
    assert item.authors == ["陈思远"]
    assert item.paragraphs == ["东城区日前举办首届职工技能大赛，共有三百余名职工参赛。"]


def test_hard_wrapped_page_with_bom_crlf_and_indentation() -> None:
    page = parse_page(WRAPPED_PAGE)
    _assert_nothing_lost(WRAPPED_PAGE, page)
    assert page.masthead.publication == "科技导报·园区周刊"
    assert page.masthead.date == dt.date(2023, 11, 15)
    assert page.masthead.page_label == "D4"
    assert page.masthead.number == "总第1234期"
    assert [article.title for article in page.articles] == [
        "开发区招商引资再上新台阶", "滨江新区首家数据中心投入运营",
    ]
    first, second = page.articles
    assert first.subtitle == "本市十个园区前十月签约项目过百个"
    assert first.byline == "本报记者　周文斌"
    assert first.credit == "本报讯（记者 周文斌 通讯员 郑小燕）"
    assert first.authors == ["周文斌", "郑小燕"]
    assert first.paragraphs == [
        "今年以来，本市各开发区坚持把招商引资作为“一号工程”，前十个月共签约项目一百零三个，"
        "总投资四百二十亿元，同比增长百分之十八。",
        "在城东经济开发区，一批新能源项目正加紧建设。园区负责人告诉记者，今年园区新引进企业"
        "二十二家，其中十亿元以上项目五个。",
        "“我们把服务做在前面。”该负责人说，园区推行“拿地即开工”审批模式，项目从签约到开工"
        "平均用时缩短到四十五天。",
    ]
    assert first.continues_to == "D5"
    assert first.captions and first.captions[0].startswith("图为城东经济开发区")
    assert second.credit == "本报讯"
    assert len(second.paragraphs) == 2
    assert second.authors == ["林晓"]
    assert any(line.startswith("责任编辑") for line in page.furniture)


def test_lines_without_indentation_or_blank_lines_keep_short_lines_apart() -> None:
    text = "\n".join([
        "一根根桩基，随着打桩机的轰鸣声，深深地打入地下；",
        "一片片厂房，在日与夜的交替中拔地而起，从蓝图变成现实；",
        "……",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert len(page.articles) == 1
    assert 1 <= len(page.articles[0].paragraphs) <= 3


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("园区负责人告诉记者", "，今年新引进企业二十二家，其中十亿元以上项目五个。"),
        ("该企业负责人王建国介绍", "说：“我们最初由园区引进，现在投资建厂。”"),
        ("发布《打造园区营商环境", "新高地》等专题报道九期，受到各界关注。"),
        (
            "在开发区深化改革把传统电视台、报社的功能并入组织部门的条件下，园区迅速适应形势，实施扁平化、提级式",
            "管理，更加有针对性地拓宽宣传渠道，加大宣传力度。",
        ),
    ],
)
def test_column_breaks_are_rejoined_without_a_space(left: str, right: str) -> None:
    text = f"园区建设再提速\n\n本报讯 今年以来，园区建设提速。\n\n{left}\n\n{right}\n"
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert len(page.articles) == 1
    assert left + right in page.articles[0].paragraphs


def test_a_dictionary_word_cut_by_the_break_joins_the_halves() -> None:
    words = {"开发区", "项目", "各项", "任务"}
    text = "\n\n".join([
        "园区宣传再发力",
        "本报讯 今年以来，园区宣传工作有声有色。",
        "园区宣传工作紧紧围绕开",
        "发区各项任务，加大宣传报道力度。",
    ])
    without = parse_page(text)
    with_words = parse_page(text, is_word=words.__contains__)
    _assert_nothing_lost(text, with_words)
    joined = "园区宣传工作紧紧围绕开发区各项任务，加大宣传报道力度。"
    assert joined in with_words.articles[-1].paragraphs
    assert all(joined not in article.paragraphs for article in without.articles)


def test_a_headline_is_never_glued_to_the_next_paragraph() -> None:
    words = {"高新", "新年", "创新", "来临"}
    text = "\n\n".join([
        "园区工业产值创新高",
        "本报讯 园区前十月工业产值同比增长一成二。",
        "职工文化节开幕",
        "新年来临，园区举办首届职工文化节，吸引三千余名职工参加。",
    ])
    page = parse_page(text, is_word=words.__contains__)
    _assert_nothing_lost(text, page)
    assert [article.title for article in page.articles] == ["园区工业产值创新高", "职工文化节开幕"]


def test_a_broken_word_check_does_not_break_parsing(caplog: pytest.LogCaptureFixture) -> None:
    def broken(word: str) -> bool:
        raise RuntimeError("dictionary unavailable")

    caplog.set_level(logging.ERROR)
    page = parse_page(BLANK_LINE_PAGE, is_word=broken)
    assert [article.title for article in page.articles][:2] == [
        "让园区成为创新的沃土", "滨江新区数据中心投入运营",
    ]
    assert not [r for r in caplog.records if "page parser failed" in r.getMessage()]


def test_continuation_markers_are_taken_out_and_normalised() -> None:
    text = "\n\n".join([
        "城东新区项目建设提速",
        "本报讯 城东新区今年新开工项目三十个。（下转第五版）",
        "城东新区项目建设提速",
        "（上接第一版）新区负责人表示，明年将再推出一批重点项目。",
        "滨江大道改造完工",
        "本报讯 滨江大道改造工程日前完工，全长四公里。（转第4版）",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    first, second, third = page.articles
    assert first.continues_to == "05" and first.continued_from is None
    assert second.continued_from == "01" and second.continues_to is None
    assert second.paragraphs == ["新区负责人表示，明年将再推出一批重点项目。"]
    assert third.continues_to == "04"
    for article in page.articles:
        assert all("转" not in paragraph[-8:] for paragraph in article.paragraphs)


def test_a_marker_on_its_own_line_after_the_headline() -> None:
    text = "\n\n".join([
        "园区转型蹚出新路",
        "（上接D1版）",
        "园区负责人说，明年将继续推进招商引资。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert len(page.articles) == 1
    assert page.articles[0].title == "园区转型蹚出新路"
    assert page.articles[0].continued_from == "D1"


def test_a_paragraph_opening_with_a_back_marker_starts_a_new_part() -> None:
    text = "\n\n".join([
        "园区转型蹚出新路",
        "本报讯 园区转型步伐加快，新动能不断壮大。",
        "（上接第2版）另一篇文章的后半部分从这里接着讲下去。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert len(page.articles) == 2
    assert page.articles[1].continued_from == "02"
    assert page.articles[0].continued_from is None


def test_kicker_above_the_headline() -> None:
    text = "\n\n".join([
        "国务院常务会议指出",
        "加快推进园区基础设施建设",
        "新华社北京11月14日电（记者 李明）国务院总理日前主持召开国务院常务会议。",
        "会议指出，要加快推进园区基础设施建设。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    article = page.articles[0]
    assert article.kicker == "国务院常务会议指出"
    assert article.title == "加快推进园区基础设施建设"
    assert article.credit == "新华社北京11月14日电（记者 李明）"
    assert article.authors == ["李明"]


def test_trailing_credits_on_their_own_line_end_the_article() -> None:
    text = "\n\n".join([
        "社区开展冬季消防演练",
        "本报讯 日前，城南社区开展冬季消防演练，三百余名居民参加。",
        "（李明 王芳）",
        "城北社区举办老年书画展，展出作品二百余幅。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert len(page.articles) == 2
    assert page.articles[0].authors == ["李明", "王芳"]
    assert page.articles[1].title == ""
    assert page.articles[1].paragraphs == ["城北社区举办老年书画展，展出作品二百余幅。"]


def test_headless_items_start_with_their_credit() -> None:
    text = "\n\n".join([
        "本报讯 开发区日前召开安全生产工作会议。",
        "会议要求各企业落实安全生产责任。",
        "本报讯 开发区总工会日前走访慰问困难职工五十户。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert [article.title for article in page.articles] == ["", ""]
    assert [len(article.paragraphs) for article in page.articles] == [2, 1]
    assert all(article.credit == "本报讯" for article in page.articles)


def test_section_headings_with_and_without_dashed_decks() -> None:
    text = "\n\n".join([
        "奋力谱写园区发展新篇章",
        "——城西开发区高质量发展纪实",
        "刘晓峰",
        "三年来，城西开发区坚持项目为王，发展势头强劲。",
        "聚焦项目",
        "——锚定主导产业，招落一体",
        "今年以来，开发区新引进重大项目十二个，总投资三百亿元。",
        "做好服务",
        "彰显园区服务优势\n开发区推行“一站式”服务，企业办事更加便捷。",
        "服务专员全程代办，项目审批时限压缩一半以上。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert len(page.articles) == 1
    article = page.articles[0]
    assert article.title == "奋力谱写园区发展新篇章"
    assert article.subtitle == "城西开发区高质量发展纪实"
    assert article.authors == ["刘晓峰"]
    assert article.section_headings == ["聚焦项目", "做好服务"]
    decks = [block.text for block in article.blocks if block.kind is BlockKind.HEADING_DECK]
    assert decks == ["锚定主导产业，招落一体", "彰显园区服务优势"]
    assert len(article.paragraphs) == 4


def test_poem_lines_stay_in_one_article() -> None:
    poem = ["冬日的园区", "周雨晴", "一排排厂房", "在晨光里醒来", "机器的歌声", "穿过薄雾",
            "落在远处的田野", "田野也醒来了"]
    text = "\n\n".join(["城南公园梅花盛开", "本报讯 城南公园千余株梅花竞相开放。", *poem])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert [article.title for article in page.articles] == ["城南公园梅花盛开", "冬日的园区"]
    assert page.articles[1].authors == ["周雨晴"]
    assert len(page.articles[1].paragraphs) == 6


def test_captions_page_numbers_and_editor_lines_stay_out_of_bodies() -> None:
    text = "\n\n".join([
        "新区湿地公园开园",
        "本报讯 新区湿地公园日前正式开园，面积一千二百亩。",
        "图为湿地公园一角。",
        "游客在公园里观鸟。（本报记者 张帆 摄）",
        "美术编辑：陈晨",
        "5",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    article = page.articles[0]
    assert article.paragraphs == ["新区湿地公园日前正式开园，面积一千二百亩。"]
    assert article.captions == ["图为湿地公园一角。", "游客在公园里观鸟。（本报记者 张帆 摄）"]
    assert page.furniture == ["美术编辑：陈晨", "5"]


def test_titles_keep_spaces_and_parentheses() -> None:
    text = "\n\n".join([
        "使命在肩 奋斗有我",
        "本报讯 开发区举行青年干部座谈会。",
        "华信科技(南湖)产业园项目签约",
        "本报讯 华信科技(南湖)产业园项目日前签约。",
    ])
    page = parse_page(text)
    assert [article.title for article in page.articles] == [
        "使命在肩 奋斗有我", "华信科技(南湖)产业园项目签约",
    ]


def test_headline_notes_are_kept_out_of_titles() -> None:
    text = "\n\n".join([
        "雪后园区（图片）",
        "图为雪后的城西开发区。（新华社记者 王强 摄）",
        "园区企业开足马力赶订单（附图片１张）",
        "本报讯 岁末年初，园区企业开足马力赶订单。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert [article.title for article in page.articles] == ["雪后园区", "园区企业开足马力赶订单"]
    assert "（附图片１张）" in page.articles[1].consumed


def test_pieces_hold_every_character_once() -> None:
    page = parse_page(BLANK_LINE_PAGE)
    pieces = "".join(page.pieces())
    assert pieces.count("周文斌") == 1
    assert pieces.count("（下转A4版）") == 1


def test_lost_text_reports_missing_and_extra_characters() -> None:
    text = "园区新闻\n\n本报讯 园区举办招聘会。"
    page = ParsedPage(articles=[ParsedArticle(title="园区新闻", credit="本报讯",
                                              blocks=[Block(BlockKind.PARAGRAPH, "园区举办招聘")])])
    assert lost_text(text, page) == ("。会", "")
    page.articles[0].blocks.append(Block(BlockKind.PARAGRAPH, "会。会"))
    assert lost_text(text, page) == ("", "会")


@pytest.mark.parametrize(
    "text",
    ["", "\n\n\n", "\ufeff", "\x00\x00", "。。。！！！", "（（（（", "））））", "——", "本报讯",
     "（下转）", "（下转D5版）", "图为", "a" * 50_000, "第五版", "\r\r\n\n\u2028", "《" * 300],
)
def test_odd_inputs_never_raise_and_lose_nothing(text: str) -> None:
    page = parse_page(text)
    _assert_nothing_lost(text, page)


# -- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [("D5版", "D5"), ("d05", "D5"), ("第五版", "05"), ("第4版", "04"), ("５", "05"),
     ("第十二版", "12"), ("Ａ１２", "A12"), ("要闻", "要闻")],
)
def test_page_labels_are_normalised(label: str, expected: str) -> None:
    assert normalise_page_label(label) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1998年1月1日", dt.date(1998, 1, 1)), ("一九九八年一月一日", dt.date(1998, 1, 1)),
     ("二〇二三年十一月十五日", dt.date(2023, 11, 15)),
     ("２０２３年１１月１５日", dt.date(2023, 11, 15)),
     ("2023-11-15", dt.date(2023, 11, 15)), ("2023年2月30日", None), ("园区新闻", None)],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_masthead_lines() -> None:
    line = read_masthead_line("人民日报 1998年1月5日 星期一 第3版")
    assert line is not None
    assert (line.publication, line.date, line.page_label) == ("人民日报", dt.date(1998, 1, 5), "03")
    assert read_masthead_line("园区工业产值创新高") is None
    assert read_masthead_line("1月5日，园区召开大会。") is None


def test_markers() -> None:
    markers = find_markers("……同步推进。（下转D5版）")
    assert [(m.raw, m.forward, m.label) for m in markers] == [("（下转D5版）", True, "D5")]
    assert find_markers("（上接第一版）新区负责人说")[0].label == "01"
    assert find_markers("转型发展再上新台阶") == []


def test_credit_openers() -> None:
    text = "新华社北京12月31日电（记者 李明 通讯员 王芳）今天上午，会议召开。"
    opener = split_credit_opener(text)
    assert opener is not None
    assert opener.credit == "新华社北京12月31日电（记者 李明 通讯员 王芳）"
    assert opener.rest == "今天上午，会议召开。"
    assert opener.authors == ["李明", "王芳"]
    reported = split_credit_opener("本报北京１月４日讯记者刘某报道：昨晚，演出落幕。")
    assert reported is not None and reported.authors == ["刘某"]
    assert reported.rest == "昨晚，演出落幕。"
    assert split_credit_opener("本报记者日前从国家电网获悉，项目开工。") is None
    assert split_credit_opener("据新华社电 联合国日前发布报告。") is not None


def test_trailing_credits() -> None:
    assert split_trailing_credit("推动发展。（张鹏）") == ("推动发展。", "（张鹏）", ["张鹏"])
    assert split_trailing_credit("位于城区(运城)") is None
    assert split_trailing_credit("推动发展。（见图）") is None


def test_bylines_and_names() -> None:
    assert parse_byline("本报记者 王楚") == ["王楚"]
    assert parse_byline("本报驻法国记者李某某") == ["李某某"]
    assert parse_byline("周文斌 郑小燕") == ["周文斌", "郑小燕"]
    assert parse_byline("农业部部长刘某") == ["刘某"]
    assert parse_byline("本报评论员") == []
    assert parse_byline("聚焦项目") is None
    assert parse_byline("于某会见代表团时指出") is None
    assert split_names("欧阳明月") == ["欧阳明月"]


def test_captions() -> None:
    assert is_caption("图为园区一角。")
    assert is_caption("（新华社记者 王强 摄）")
    assert not is_caption("园区负责人说，今年新签约项目二十个。")


def test_reporter_openers() -> None:
    opener = split_credit_opener("本报记者 李明 通讯员 王芳报道：今年以来，园区新签约项目二十个。")
    assert opener is not None
    assert opener.credit == "本报记者 李明 通讯员 王芳报道："
    assert opener.authors == ["李明", "王芳"]
    spaced = split_credit_opener("本报记者 李明 今年以来，园区新签约项目二十个。")
    assert spaced is not None and spaced.rest.startswith("今年以来")
    assert split_credit_opener("本报记者 王楚") is None  # a byline, not an opener
    assert split_credit_opener("本报记者在采访中了解到：园区新签约项目二十个。") is None


def test_a_reporter_opener_starts_the_body_under_its_headline() -> None:
    text = "\n\n".join([
        "城西园区冬季招聘会举行",
        "本报记者 李明 通讯员 王芳报道：日前，城西园区举行冬季招聘会，提供岗位三千个。",
        "园区负责人说，明年还将举办四场招聘会。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert len(page.articles) == 1
    article = page.articles[0]
    assert article.credit == "本报记者 李明 通讯员 王芳报道："
    assert article.authors == ["李明", "王芳"]
    assert article.paragraphs[0].startswith("日前")


def test_a_running_foot_is_furniture() -> None:
    text = "\n\n".join([
        "园区新闻",
        "本报讯 园区举办招聘会，提供岗位三千个。",
        "城乡导报 2023年11月15日",
    ])
    page = parse_page(text)
    assert page.furniture == ["城乡导报 2023年11月15日"]
    assert page.articles[0].paragraphs == ["园区举办招聘会，提供岗位三千个。"]


def test_a_byline_of_spaced_names_is_not_a_credit_opener() -> None:
    assert split_credit_opener("本报记者　周文斌　郑小燕") is None
    text = "\n\n".join([
        "园区建成投用一周年之际",
        "一片芯片 撬动新产业",
        "——城东园区培育集成电路产业纪实",
        "本报记者　周文斌　郑小燕",
        "走进城东园区，一排排厂房整齐排列。",
        "从一间实验室起步",
        "——校企合作攻下关键工艺",
        "企业的故事，要从一间实验室说起。",
    ])
    page = parse_page(text)
    _assert_nothing_lost(text, page)
    assert len(page.articles) == 1
    article = page.articles[0]
    assert (article.kicker, article.title) == ("园区建成投用一周年之际", "一片芯片 撬动新产业")
    assert article.authors == ["周文斌", "郑小燕"]
    assert article.byline == "本报记者　周文斌　郑小燕"
    assert article.section_headings == ["从一间实验室起步"]

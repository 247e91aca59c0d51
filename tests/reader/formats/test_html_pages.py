"""HTML e-paper pages: articles and metadata from the markup, scripts and navigation dropped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.formats.dispatch import iter_pages
from reader.formats.html import decode_html, html_to_page
from reader.formats.model import FailedPage, SourcePage
from reader.parsing.model import BlockKind
from tests.fixtures.formats import EPAPER_ARTICLE, EPAPER_LISTING


def _page(html: str) -> tuple:
    return html_to_page(html, "test.html")


def test_an_article_page_gives_its_fields_and_metadata() -> None:
    text, encoding, _confidence, _doubtful = decode_html(EPAPER_ARTICLE.read_bytes(), "a.html")
    page, visible, document, _masthead = html_to_page(text, "a.html")
    assert encoding.startswith("utf-8")
    (article,) = page.articles
    assert article.title == "老厂房里办起了科普馆"
    assert article.kicker == "城市更新进行时"
    assert article.subtitle == "柏岩县盘活闲置工业遗存纪实"  # the deck's dashes taken off
    assert article.byline == "本报记者 韩晓梅 通讯员 吕志刚"
    assert article.authors[:2] == ["韩晓梅", "吕志刚"]
    assert article.credit == "本报讯"
    assert article.paragraphs[0].startswith("5月16日，由柏岩县原机械厂")
    assert article.paragraphs[-1].endswith("担任讲解员。")
    assert "（韩晓梅）" in article.consumed
    assert article.captions == ["图为学生在科普馆内参观机械原理展区。 本报记者 韩晓梅摄"]
    assert document.publication == "河东晚报"
    assert document.date == dt.date(2024, 5, 17)
    assert document.page_label == "A3"
    # scripts, styles, navigation and the page footer are not text of the page
    for dropped in ("不该出现的脚本文字", "脚本写出的段落", "trackVisit", "font-size",
                    "第A01版：要闻", "版权所有", "上一版"):
        assert dropped not in visible
        assert all(dropped not in piece for piece in page.pieces())


def test_a_page_listing_several_articles_is_split_at_its_headlines() -> None:
    text, encoding, _confidence, _doubtful = decode_html(EPAPER_LISTING.read_bytes(), "l.html")
    assert encoding == "gb18030"  # declared gb2312: read with its superset
    page, _visible, document, _masthead = html_to_page(text, "l.html")
    assert [article.title for article in page.articles] == [
        "青石县新增三条公交线路",
        "南部乡镇夏收全面展开",
        "县图书馆延长开放时间",
    ]
    second = page.articles[1]
    assert second.kicker == "小麦开镰"
    assert second.authors == ["钱芳"]
    assert page.articles[0].authors == ["赵一鸣"]
    assert "第A4版：要闻" in page.furniture
    assert (document.date, document.page_label) == (dt.date(2024, 5, 17), "A4")
    assert "责任编辑：孙立" not in " ".join(page.pieces())  # the page footer is dropped


def test_one_headline_with_sections_is_one_article() -> None:
    page, *_ = _page(
        "<html><body><h1>河道治理见成效</h1><p>本报讯　今年以来，县里治理河道十二公里。</p>"
        "<h2>清淤</h2><p>清淤工程已完成九成。</p><h2>护岸</h2><p>新建生态护岸四公里。</p>"
        "</body></html>"
    )
    (article,) = page.articles
    assert article.title == "河道治理见成效"
    assert article.section_headings == ["清淤", "护岸"]
    assert [block.kind for block in article.blocks].count(BlockKind.PARAGRAPH) == 3


def test_founder_markup_and_enpproperty_fill_the_article() -> None:
    page, _visible, document, _masthead = _page(
        "<html><body><!--enpproperty <date>2023-03-02 00:00:00:0</date><nodename>第05版：副刊"
        "</nodename>/enpproperty--><founder-introtitle>春日随笔</founder-introtitle>"
        "<founder-title>山间的杏花</founder-title><founder-author>林溪</founder-author>"
        "<founder-content><p>三月，山间的杏花开了。</p><p>村里的老人说，这是个好年景。</p>"
        "</founder-content></body></html>"
    )
    (article,) = page.articles
    assert (article.kicker, article.title, article.byline) == ("春日随笔", "山间的杏花", "林溪")
    assert article.authors == ["林溪"]
    assert len(article.paragraphs) == 2
    assert (document.date, document.page_label) == (dt.date(2023, 3, 2), "05")


def test_meta_tags_give_the_headline_when_the_body_has_none() -> None:
    page, *_ = _page(
        '<html><head><meta name="headline" content="县城新添口袋公园">'
        '<meta name="author" content="记者 何琳"></head><body><div>'
        "<p>本报讯　城西的一片空地改建成了口袋公园。</p><p>公园里种了四十多棵乔木。</p>"
        "</div></body></html>"
    )
    (article,) = page.articles
    assert article.title == "县城新添口袋公园"
    assert article.authors == ["何琳"]


def test_a_page_without_structure_goes_through_the_text_parser() -> None:
    page, _visible, _document, masthead = _page(
        "<html><body><div>河东晚报　2024年6月1日　第A6版</div><div>新建社区食堂开张</div>"
        "<div>本报讯　6月1日，城南社区食堂开张，首日接待老人三百余人次。</div></body></html>"
    )
    assert [article.title for article in page.articles] == ["新建社区食堂开张"]
    assert masthead.page_label == "A6"


def test_a_page_of_links_only_is_refused() -> None:
    with pytest.raises(InputError, match="no article text"):
        _page(
            "<html><body><ul><li><a href='1.htm'>标题一</a></li>"
            "<li><a href='2.htm'>标题二</a></li></ul></body></html>"
        )


def test_nothing_is_fetched_and_no_local_file_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容不可读取", encoding="utf-8")
    page, visible, *_ = _page(
        f'<!DOCTYPE html SYSTEM "file://{secret}"><html><body>'
        f'<iframe src="file://{secret}"></iframe><h1>标题</h1>'
        f'<p>正文引用了<img src="file://{secret}">一张图片。</p>'
        f'<object data="file://{secret}"></object></body></html>'
    )
    assert "机密内容" not in visible
    assert page.articles[0].paragraphs == ["正文引用了一张图片。"]


def test_a_broken_page_is_a_clear_per_file_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (outcome,) = iter_pages(bad)
    assert isinstance(outcome, FailedPage)
    assert outcome.error.startswith("bad.html: ")
    assert "binary" in outcome.error


def test_the_html_file_is_kept_as_its_original(tmp_path: Path) -> None:
    (page,) = iter_pages(EPAPER_ARTICLE)
    assert isinstance(page, SourcePage)
    assert page.data == EPAPER_ARTICLE.read_bytes()
    assert page.source_format == "html"

"""The reader: literal text whatever it holds, page markers, links, highlights by offset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from reader.library import ArticleDetail, BlockInfo
from ui.reader.document import page_link, parse_page_link, utf16_length
from ui.reader.view import ArticleReader, SafeTextBrowser

HOSTILE = [
    '<img src="file:///etc/passwd">',
    "<script>alert('x')</script>",
    "<b>bold</b>",
    '<a href="file:///etc/shadow">点我</a>',
    "&lt;already escaped&gt;",
    '<link rel="stylesheet" href="file:///tmp/x.css">',
]


def make_article(**changes: object) -> ArticleDetail:
    blocks = [
        BlockInfo(kind="paragraph", text="第一段正文，讲述𠀀字的来历。", page="B1"),
        BlockInfo(kind="heading", text="小标题", page="B1"),
        BlockInfo(kind="paragraph", text="第二段正文在下一版继续。", page="B2"),
    ]
    values: dict[str, object] = {
        "id": 1,
        "title": "县城新建体育公园",
        "subtitle": "市民健身有了好去处",
        "kicker": "民生实事",
        "authors": ["孟子涵"],
        "credit": "本报记者",
        "publication": "样例日报",
        "date": "2024-03-08",
        "issue_id": 5,
        "pages": ["B1", "B2"],
        "section_headings": ["小标题"],
        "paragraphs": [blocks[0].text, blocks[2].text],
        "blocks": blocks,
        "captions": ["公园一角（资料图）"],
        "continues_to": "B4",
        "continued_from": None,
    }
    values.update(changes)
    return ArticleDetail(**values)  # type: ignore[arg-type]


@pytest.fixture
def reader(qtbot: QtBot) -> ArticleReader:
    widget = ArticleReader(font_size=14)
    qtbot.addWidget(widget)
    return widget


def test_every_field_is_laid_out_in_reading_order(reader: ArticleReader) -> None:
    reader.show_article(make_article())
    text = reader.text()
    order = [
        "民生实事",
        "县城新建体育公园",
        "——市民健身有了好去处",
        "样例日报",
        "本报记者",
        "孟子涵",
        "— page B1 —",
        "第一段正文",
        "小标题",
        "— page B2 —",
        "第二段正文",
        "公园一角（资料图）",
        "(continued on page B4)",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_a_one_page_article_has_no_page_markers(reader: ArticleReader) -> None:
    article = make_article(
        pages=["B1"], blocks=[BlockInfo("paragraph", "只有一版。", "B1")], continues_to=None
    )
    reader.show_article(article)
    assert "— page" not in reader.text()
    assert reader.rendered is not None and reader.rendered.links == []


def test_body_paragraphs_get_generous_line_spacing(reader: ArticleReader) -> None:
    reader.show_article(make_article())
    rendered = reader.rendered
    assert rendered is not None
    block = rendered.document.findBlock(rendered.blocks[0].start)
    assert block.blockFormat().lineHeight() >= 160
    assert block.blockFormat().textIndent() > 0


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_stay_text_in_every_field(reader: ArticleReader, hostile: str) -> None:
    article = make_article(
        title=hostile,
        subtitle=hostile,
        kicker=hostile,
        authors=[hostile],
        credit=hostile,
        publication=hostile,
        blocks=[BlockInfo("paragraph", hostile, hostile), BlockInfo("heading", hostile, "B2")],
        pages=["B1", "B2"],
        captions=[hostile],
        continues_to=hostile,
    )
    reader.show_article(article)
    text = reader.text()
    assert text.count(hostile) >= 8
    rendered = reader.rendered
    assert rendered is not None
    assert rendered.links == [page_link(5, hostile)]
    assert parse_page_link(rendered.links[0]) == (5, hostile)
    html = rendered.document.toHtml()
    assert "<img" not in html and "<script" not in html
    assert "&lt;" in html or "&amp;" in html  # the markup characters are escaped text


def test_the_browser_loads_no_resource_and_follows_no_link(qtbot: QtBot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    assert not browser.openLinks() and not browser.openExternalLinks()
    for url in ("file:///etc/passwd", "https://example.com/x.png", "qrc:/x.png"):
        assert browser.loadResource(2, QUrl(url)).isEmpty()
    browser.setHtml('<p>x</p><img src="file:///etc/passwd">')  # even markup set directly
    assert not browser.document().resource(2, QUrl("file:///etc/passwd"))
    browser.setSource(QUrl("file:///etc/passwd"))
    assert "root:" not in browser.toPlainText()


def test_page_links_round_trip_and_other_urls_are_ignored(reader: ArticleReader) -> None:
    emitted: list[tuple[int, str]] = []
    reader.pageLinkActivated.connect(lambda issue, label: emitted.append((issue, label)))
    reader.show_article(make_article(continued_from="A1"))
    rendered = reader.rendered
    assert rendered is not None
    assert rendered.links == [page_link(5, "A1"), page_link(5, "B4")]
    reader.browser.anchorClicked.emit(rendered.links[1])
    reader.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    reader.browser.anchorClicked.emit(QUrl("baokan://page/x/A1"))
    assert emitted == [(5, "B4")]
    assert parse_page_link(page_link(7, "第3版/下")) == (7, "第3版/下")


def test_highlight_spans_cover_the_right_characters(reader: ArticleReader) -> None:
    article = make_article()
    reader.show_article(article)
    first = article.blocks[0].text
    start = first.index("𠀀")  # outside the BMP: two UTF-16 units in the document
    spans = [
        (0, start, start + 1, "search"),
        (0, start + 2, start + 4, "search"),
        (2, 0, 3, "person"),
    ]
    reader.highlight_spans(spans)
    selections = reader.browser.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == [
        "𠀀",
        first[start + 2 : start + 4],
        article.blocks[2].text[:3],
    ]
    assert utf16_length("𠀀") == 2
    assert reader.highlights()[2].format_key == "person"
    reader.zoom_in()  # a re-layout keeps the highlights
    assert len(reader.browser.extraSelections()) == 3
    reader.highlight_spans([])
    assert reader.browser.extraSelections() == []


def test_highlights_are_checked_and_cleared_with_the_article(reader: ArticleReader) -> None:
    reader.show_article(make_article())
    with pytest.raises(ValueError, match="no block"):
        reader.highlight_spans([(9, 0, 1, "search")])
    with pytest.raises(ValueError, match="unknown highlight"):
        reader.highlight_spans([(0, 0, 1, "<b>")])
    reader.highlight_spans([(0, 0, 100, "search")])  # clamped to the block
    assert (
        reader.browser.extraSelections()[0].cursor.selectedText() == make_article().blocks[0].text
    )
    reader.show_article(make_article(title="另一篇"))
    assert reader.browser.extraSelections() == []


def test_font_size_is_clamped_and_signalled(reader: ArticleReader) -> None:
    sizes: list[int] = []
    reader.fontSizeChanged.connect(sizes.append)
    reader.show_article(make_article())
    reader.set_font_size(100)
    reader.set_font_size(1)
    assert sizes == [40, 8]
    reader.show_article(None)
    assert reader.text() == "" and reader.rendered is None

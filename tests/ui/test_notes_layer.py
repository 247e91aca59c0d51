"""Annotation anchors in the reader: selections over paragraphs, the highlight layer, its order."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.library import ArticleDetail, BlockInfo
from reader.notes.annotations import AnnotationInfo
from reader.notes.common import ArticleRef
from ui.notes.anchors import (
    AnnotationTarget,
    body_pieces,
    position_anchor,
    selection_anchor,
    target_is_current,
)
from ui.notes.layer import annotation_spans
from ui.reader.document import ANNOTATION_KEYS, annotation_key
from ui.reader.view import ArticleReader

BLOCKS = [
    BlockInfo("paragraph", "湖畔新区图书馆正式开放，藏书二十万册。", "A1"),
    BlockInfo("heading", "分馆建设", "A1"),
    BlockInfo("paragraph", "今年还将建设三座社区分馆𠀀，实现通借通还。", "A2"),
]


def make_article(**changes: Any) -> ArticleDetail:
    values: dict[str, Any] = {
        "id": 7,
        "title": "新区图书馆开馆",
        "subtitle": "市民可免费借阅",
        "kicker": None,
        "authors": ["林小溪"],
        "credit": "本报记者",
        "publication": "测试周报",
        "date": "2024-01-05",
        "issue_id": 1,
        "pages": ["A1", "A2"],
        "section_headings": ["分馆建设"],
        "paragraphs": [BLOCKS[0].text, BLOCKS[2].text],
        "blocks": list(BLOCKS),
        "captions": [],
        "continues_to": None,
        "continued_from": None,
    }
    values.update(changes)
    return ArticleDetail(**values)


def annotation(**changes: Any) -> AnnotationInfo:
    values: dict[str, Any] = {
        "id": 1,
        "article_id": 7,
        "field": "body",
        "start": 0,
        "end": 2,
        "quote": "湖畔",
        "prefix": "",
        "suffix": "",
        "color": "green",
        "note": "",
        "status": "anchored",
        "article": ArticleRef(7, "新区图书馆开馆", "测试周报", "2024-01-05", ["A1"]),
        "created_at": "2024-01-05T00:00:00",
        "updated_at": "2024-01-05T00:00:00",
    }
    values.update(changes)
    return AnnotationInfo(**values)


@pytest.fixture
def reader(qtbot: QtBot) -> ArticleReader:
    widget = ArticleReader()
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    return widget


def select(reader: ArticleReader, start: int, end: int) -> None:
    rendered = reader.rendered
    assert rendered is not None
    cursor = QTextCursor(rendered.document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    reader.browser.setTextCursor(cursor)


def test_a_selection_over_paragraphs_and_a_page_marker_anchors_in_the_body(
    reader: ArticleReader,
) -> None:
    article = make_article()
    reader.show_article(article)
    rendered = reader.rendered
    assert rendered is not None
    assert "A2" in rendered.page_markers  # a page marker lies between blocks 1 and 2
    start = rendered.position(0, 7)
    end = rendered.position(2, 4)
    target = selection_anchor(rendered, article, start, end)
    assert target is not None
    body = article.body
    assert target.field == "body"
    assert body[target.start : target.end] == target.quote
    assert target.quote.startswith("正式开放") and target.quote.endswith("今年还将")
    assert "— page" not in target.quote and target.quote.count("\n") == 2
    assert body_pieces(article, target.start, target.end) == [
        (0, 7, len(BLOCKS[0].text)),
        (1, 0, len(BLOCKS[1].text)),
        (2, 0, 4),
    ]
    assert target_is_current(article, target)
    assert not target_is_current(make_article(blocks=[BLOCKS[2]]), target)


def test_selections_in_the_headline_and_outside_the_text(reader: ArticleReader) -> None:
    article = make_article()
    reader.show_article(article)
    rendered = reader.rendered
    assert rendered is not None
    title = rendered.fields["title"]
    target = selection_anchor(rendered, article, title.start + 2, title.start + 5)
    assert target == AnnotationTarget("title", 2, 5, "图书馆")
    # From the metadata line into the first paragraph: only the body part counts.
    meta_start = rendered.fields["subtitle"].start + len(article.subtitle or "") + 1
    target = selection_anchor(rendered, article, meta_start, rendered.position(0, 4))
    assert target == AnnotationTarget("body", 0, 4, "湖畔新区")
    # Only the metadata line (publication, date): nothing to annotate.
    assert selection_anchor(rendered, article, meta_start, meta_start + 3) is None
    assert selection_anchor(rendered, article, 5, 5) is None


def test_offsets_count_python_characters_beyond_the_bmp(reader: ArticleReader) -> None:
    article = make_article()
    reader.show_article(article)
    rendered = reader.rendered
    assert rendered is not None
    text = BLOCKS[2].text
    index = text.index("𠀀")
    start = rendered.position(2, index)
    end = rendered.position(2, index + 3)  # the wide character counts as one
    target = selection_anchor(rendered, article, start, end)
    assert target is not None and target.quote == text[index : index + 3]
    assert position_anchor(rendered, article, rendered.position(2, index + 1)) == (
        "body",
        article.body.index(text) + index + 1,
    )


def test_annotation_spans_skip_orphaned_and_stale_annotations() -> None:
    article = make_article()
    body = article.body
    start = body.index("分馆建设")
    spans, fields = annotation_spans(
        article,
        [
            annotation(id=1, start=start, end=start + 6, quote=body[start : start + 6]),
            annotation(id=2, field="title", start=0, end=2, quote="新区", note="标题"),
            annotation(id=3, status="orphaned", quote="湖畔"),
            annotation(id=4, start=0, end=2, quote="不是"),  # text changed: not drawn
            annotation(id=5, field="article", start=0, end=0, quote="", note="全文"),
        ],
    )
    assert spans == [
        (1, 0, 4, annotation_key("green")),
        (2, 0, 1, annotation_key("green")),
    ]
    assert fields == [("title", 0, 2, annotation_key("green", noted=True))]


def test_the_annotation_layer_lies_between_entities_and_search_matches(
    reader: ArticleReader,
) -> None:
    reader.show_article(make_article())
    reader.set_entity_highlights([(0, 0, 4, "place")])
    reader.set_annotation_highlights([(0, 0, 6, annotation_key("pink"))])
    reader.highlight_spans([(0, 2, 4, "search")])
    kinds = [kind for _start, _end, kind in reader.drawn_highlights()]
    assert kinds == ["place", annotation_key("pink"), "search"]
    with pytest.raises(ValueError, match="unknown highlight"):
        reader.set_annotation_highlights([(0, 0, 1, "annotation:<b>")])
    assert annotation_key("no-such-colour") == annotation_key("yellow")
    assert len(ANNOTATION_KEYS) == 10
    reader.show_article(make_article(title="另一篇"))
    assert reader.annotation_highlights() == ([], [])


def test_the_context_menu_is_built_by_the_reader_for_every_feature(
    reader: ArticleReader,
) -> None:
    reader.show_article(make_article())
    seen: list[int] = []
    reader.contextMenuRequested.connect(lambda menu, position: seen.append(position))
    rendered = reader.rendered
    assert rendered is not None
    point = reader.browser.cursorRect(QTextCursor(rendered.document)).center()
    menu = reader.context_menu(point)
    assert seen and seen[0] >= 0
    assert menu.actions()  # the standard actions (copy, select all)
    menu.deleteLater()

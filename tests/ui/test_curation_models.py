"""Curation views alone: item models, the diff view, the plain-text editors and the dialogs."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.curation.edits import ArticleText, PartText
from reader.curation.history import FieldDiff, RevisionInfo
from reader.library import PageInfo
from reader.listing import IssueEntry, PublicationEntry
from ui.curation.dialogs import (
    ArticleChoiceDialog,
    ArticleEditDialog,
    DetailsDialog,
    PageChoiceDialog,
    blocks_to_text,
    parse_authors,
    text_to_blocks,
)
from ui.curation.diffview import DELETED, INSERTED, DiffView, shortened
from ui.curation.model import (
    ArticleChoice,
    ArticleChoiceModel,
    ChoiceColumn,
    RevisionColumn,
    RevisionRole,
    RevisionTableModel,
)

HOSTILE = '<b>x</b><script>alert(1)</script><img src="file:///etc/passwd">'


def revision(revision_id: int, **changes: object) -> RevisionInfo:
    values: dict[str, object] = {
        "id": revision_id,
        "at": "2024-01-05T06:07:08",
        "actor": "user",
        "action": "split",
        "summary": "湖畔新区首座图书馆开馆: split at paragraph 2",
        "article_ids": [1, 2],
        "page_ids": [1],
        "reverted_by": None,
        "revert_of": None,
    }
    values.update(changes)
    return RevisionInfo(**values)  # type: ignore[arg-type]


def test_the_revision_model_passes_the_model_checks(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = RevisionTableModel()
    model.set_revisions(
        [
            revision(3, action="revert", revert_of=1, summary="revert #1"),
            revision(2, action="edit_article", summary=HOSTILE),
            revision(1, reverted_by=3),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3 and model.columnCount() == len(RevisionColumn)
    assert model.index(0, RevisionColumn.STATE).data() == "reverts #1"
    assert model.index(2, RevisionColumn.STATE).data() == "reverted by #3"
    assert model.index(2, 0).data(RevisionRole.Reverted) is True
    assert model.index(1, RevisionColumn.SUMMARY).data() == HOSTILE  # plain text, untouched
    tip = model.index(1, RevisionColumn.SUMMARY).data(Qt.ItemDataRole.ToolTipRole)
    assert "<script>" not in tip and "&lt;script&gt;" in tip
    assert model.row_of(2) == 1 and model.row_of(99) is None
    assert model.index(0, RevisionColumn.ACTION).data() == "Revert"


def test_the_choice_model_passes_the_model_checks(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = ArticleChoiceModel(
        [
            ArticleChoice(7, "老街坊的新年愿望", ("A2",), "continued from page A1", likely=True),
            ArticleChoice(8, "", ("A2", "A3")),
            ArticleChoice(9, HOSTILE, ("A4",)),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, ChoiceColumn.TITLE).data() == "(untitled)"
    assert model.index(1, ChoiceColumn.PAGES).data() == "A2、A3"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(2, ChoiceColumn.TITLE).data() == HOSTILE


def test_the_diff_view_marks_deleted_and_inserted_characters_as_plain_text(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    diffs = [
        FieldDiff(1, "title", "湖畔新区图书馆开馆", "湖畔新区首座图书馆开馆" + HOSTILE),
        FieldDiff(1, "body", "第一段。", ""),
        FieldDiff(None, "page", "测试周报 2024-01-05 A4", "测试周报 2024-01-05 A5"),
    ]
    view.show_diffs(diffs, many_articles=False)
    text = view.toPlainText()
    assert HOSTILE in text  # shown as the characters it is, never interpreted
    assert "Headline" in text and "Text" in text and "Page" in text
    assert "(empty)" in text
    assert view.document().toHtml().count("<script>") == 0
    marked = view.marked()
    assert (INSERTED, "首座") in marked
    assert (INSERTED, HOSTILE) in marked
    assert (DELETED, "第一段。") in marked
    assert (DELETED, "4") in marked and (INSERTED, "5") in marked
    view.show_diffs([], many_articles=False)
    assert view.marked() == [] and "No visible change" in view.toPlainText()


def test_long_unchanged_text_is_cut_around_the_changes() -> None:
    long = "甲" * 300
    assert shortened(long, first=True, last=True) == long
    assert shortened(long, first=True, last=False).startswith("…")
    assert len(shortened(long, first=False, last=False)) < 100
    assert shortened("短", first=False, last=False) == "短"


def test_part_text_round_trips_kinds_and_escapes() -> None:
    blocks = [
        ("heading", "一、基本情况"),
        ("paragraph", "据介绍，社区分馆将与中心馆实现通借通还。"),
        ("heading_deck", "——读者反响"),
        ("paragraph", "# 不是标题的段落"),
        ("paragraph", "\\反斜杠开头"),
        ("paragraph", HOSTILE),
    ]
    text = blocks_to_text(blocks)
    assert text.startswith("# 一、基本情况\n\n")
    assert text_to_blocks(text) == blocks
    assert text_to_blocks("第一段\n\n\n第二段\n  \n第三段") == [
        ("paragraph", "第一段"),
        ("paragraph", "第二段"),
        ("paragraph", "第三段"),
    ]
    assert parse_authors("林小溪、周明，Anna Lee") == ["林小溪", "周明", "Anna Lee"]


paragraph_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), min_size=1
).filter(lambda text: text.strip() == text and bool(text))


@given(
    st.lists(st.tuples(st.sampled_from(["paragraph", "heading", "heading_deck"]), paragraph_text))
)
def test_part_text_round_trips_any_blocks(blocks: list[tuple[str, str]]) -> None:
    assert text_to_blocks(blocks_to_text(blocks)) == blocks


def article_text(title: str = "湖畔新区首座图书馆开馆", first: str = "第一段。") -> ArticleText:
    return ArticleText(
        article_id=5,
        title=title,
        subtitle="——市民可凭身份证免费借阅",
        kicker="",
        authors=["林小溪"],
        credit="本报记者",
        captions=[HOSTILE],
        parts=[
            PartText(
                part_id=11,
                page_label="A1",
                blocks=[("paragraph", first), ("paragraph", "第二段。")],
            ),
            PartText(part_id=12, page_label="A2", blocks=[("paragraph", "（上接A1版）续。")]),
        ],
    )


def test_the_edit_dialog_returns_only_what_changed_and_marks_edited_fields(qtbot: QtBot) -> None:
    current = article_text(title="湖畔新区图书馆开馆" + HOSTILE)  # edited before
    original = article_text()
    dialog = ArticleEditDialog(current, original)
    qtbot.addWidget(dialog)
    title = dialog.findChild(QLineEdit, "edit_title")
    assert isinstance(title, QLineEdit) and title.text() == current.title  # plain, whole
    captions = dialog.findChild(QPlainTextEdit, "edit_captions")
    assert isinstance(captions, QPlainTextEdit) and captions.toPlainText() == HOSTILE
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing changed yet
    assert dialog.changed_fields() == {} and dialog.changed_parts() == {}
    assert dialog.differs_from_original("title")
    assert not dialog.differs_from_original("subtitle")
    assert dialog.tabs.tabText(0) == "Page A1" and dialog.tabs.count() == 2

    dialog.set_text("authors", "林小溪、周明")
    dialog.set_part_text(11, "第一段，改过。\n\n# 小标题\n\n第二段。")
    assert ok.isEnabled()
    assert dialog.changed_fields() == {"authors": ["林小溪", "周明"]}
    assert dialog.changed_parts() == {
        11: [("paragraph", "第一段，改过。"), ("heading", "小标题"), ("paragraph", "第二段。")]
    }
    assert dialog.tabs.tabText(0).endswith("•") and not dialog.tabs.tabText(1).endswith("•")
    dialog.restore_original("title")
    assert dialog.changed_fields()["title"] == original.title
    assert not dialog.differs_from_original("title")


def test_the_choice_dialog_starts_on_the_likely_article_and_filters(qtbot: QtBot) -> None:
    choices = [
        ArticleChoice(7, "读者来信", ("A4",)),
        ArticleChoice(8, "老街坊的新年愿望", ("A2",), "continued from page A1", likely=True),
    ]
    dialog = ArticleChoiceDialog("Join", HOSTILE, choices, with_place=True)
    qtbot.addWidget(dialog)
    assert dialog.article_id() == 8 and dialog.place() == "end"
    dialog.filter_edit.setText("读者")
    assert dialog.select_article(7) and dialog.article_id() == 7
    assert not dialog.select_article(8)  # filtered out
    dialog.at_start.setChecked(True)
    assert dialog.place() == "start"


def tree() -> list[PublicationEntry]:
    pages = [
        PageInfo(1, "A1", "a1.txt", 2, "utf-8", 1.0),
        PageInfo(2, "A4", "a4.txt", 1, "utf-8", 1.0),
    ]
    other = [PageInfo(3, "A1", "b1.txt", 1, "utf-8", 1.0)]
    return [
        PublicationEntry(
            1,
            "测试周报",
            4,
            [
                IssueEntry(1, dt.date(2024, 1, 5), None, False, 3, pages),
                IssueEntry(2, dt.date(2024, 1, 12), "第2期", False, 1, other),
            ],
        )
    ]


def test_the_page_choice_dialog_walks_publication_issue_page(qtbot: QtBot) -> None:
    dialog = PageChoiceDialog(tree(), current_page_id=2)
    qtbot.addWidget(dialog)
    assert dialog.page_id() == 2 and dialog.page_text() == "测试周报 2024-01-05 A4"
    dialog.issue_combo.setCurrentIndex(1)
    assert dialog.page_id() == 3 and "第2期" in dialog.page_text()
    assert dialog.select_page(1) and dialog.page_id() == 1
    assert not dialog.select_page(99)


def test_the_details_dialog_returns_the_changed_values(qtbot: QtBot) -> None:
    dialog = DetailsDialog(
        "page", "测试周报", dt.date(2024, 1, 5), None, "A4", ["测试周报", "晚报"]
    )
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.changes() == {} and not ok.isEnabled()
    dialog.label_edit.setText("A5")
    dialog.date_edit.setDate(dt.date(2024, 1, 6))
    assert dialog.changes() == {"label": "A5", "date": dt.date(2024, 1, 6)}
    assert ok.isEnabled()
    dialog.label_edit.setText("")
    assert not ok.isEnabled()  # a page needs a label
    issue = DetailsDialog("issue", "测试周报", None, "第1期", None, [])
    qtbot.addWidget(issue)
    assert issue.label_edit.isHidden() and not issue.date_edit.isEnabled()
    issue.date_check.setChecked(True)
    issue.date_edit.setDate(dt.date(2024, 2, 2))
    issue.publication_edit.setCurrentText(HOSTILE)
    assert issue.changes() == {"date": dt.date(2024, 2, 2), "publication": HOSTILE}

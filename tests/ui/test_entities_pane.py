"""The entities pane: list by kind, filter, details, narrowing, corrections, undo, highlights."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QImage, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Article, Mention
from reader.archive import Archive
from reader.entities.browse import (
    ArticleMention,
    articles_mentioning,
    entity_detail,
    list_entities,
    mentions_of_article,
)
from reader.importer import Importer
from reader.library import get_article
from reader.listing import ArticleQuery, entity_counts, fetch_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.ui.entity_window_pages import write_entity_window_pages
from ui.articles.model import ArticleTableModel
from ui.articles.model import Column as ArticleColumn
from ui.entities.chart import TimelineChart, timeline_bars
from ui.entities.dialogs import MergeDialog, RenameDialog, SplitDialog
from ui.entities.highlights import mention_spans, selection_target
from ui.entities.model import (
    CoEntityModel,
    Column,
    EntityTreeModel,
    MentionArticlesModel,
    Role,
    group_by_article,
    load_entity_listing,
)
from ui.entities.pane import EntitiesPane
from ui.main_window import MainWindow
from ui.reader.view import ArticleReader
from ui.settings import Settings
from ui.tasks import TaskRunner

HOSTILE = '<b>周</b><img src="file:///etc/passwd">'


@pytest.fixture(scope="module")
def entity_template(tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter) -> Path:
    """An archive of the invented 南湖日报 pages, imported once for the module."""
    root = tmp_path_factory.mktemp("entity-window") / "archive"
    pages = write_entity_window_pages(tmp_path_factory.mktemp("entity-window-pages"))
    with Archive(ArchivePaths(root), write=True) as archive:
        archive.segmenter = segmenter
        report = Importer(archive).run([pages])
    assert not report.failed, report.failed
    return root


@pytest.fixture
def archive(
    archive_paths: ArchivePaths, segmenter: Segmenter, entity_template: Path
) -> Iterator[Archive]:
    """A copy of the template, opened for writing (overrides the window tests' archive)."""
    shutil.copytree(entity_template, archive_paths.root)
    with Archive(archive_paths, write=True) as opened:
        opened.segmenter = segmenter
        yield opened


def pane_of(window: MainWindow) -> EntitiesPane:
    return window.entities.pane


def listed(pane: EntitiesPane, kind: str | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    """(name, kind) → (mentions, articles) as the tree shows them (display text)."""
    model = pane.model
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for kind_row in range(model.rowCount()):
        parent = model.index(kind_row, 0)
        for row in range(model.rowCount(parent)):
            name = model.index(row, Column.NAME, parent)
            mentions = model.index(row, Column.MENTIONS, parent).data()
            articles = model.index(row, Column.ARTICLES, parent).data()
            key = (name.data(), name.data(Role.Type))
            if kind is None or key[1] == kind:
                out[key] = (int(mentions), int(articles))
    return out


def choose(pane: EntitiesPane, name: str, kind: str) -> None:
    index = pane.model.index_of(name, kind)
    assert index.isValid(), f"{name} ({kind}) is not listed"
    pane.tree.setCurrentIndex(index)
    assert pane.current_entity() == (name, kind)


def listed_article_ids(window: MainWindow) -> set[int]:
    model = window.articles.model
    return {model.article_id(row) for row in range(model.rowCount())}  # type: ignore[misc]


def db_entities(archive: Archive) -> dict[tuple[str, str], tuple[int, int]]:
    with archive.db.read() as session:
        return {(e.name, e.type): (e.mentions, e.articles) for e in list_entities(session)}


# ----- pure functions


def test_timeline_bars_fill_empty_months_and_turn_yearly_over_ten_years() -> None:
    bars = timeline_bars([("2024-06-03", 2), ("2024-03-04", 1), ("2024-03-20", 4), ("x", 9)])
    assert bars == [("2024-03", 5), ("2024-04", 0), ("2024-05", 0), ("2024-06", 2)]
    assert timeline_bars([]) == []
    yearly = timeline_bars([("2001-01-01", 1), ("2012-12-31", 3), ("2005-05-05", 2)])
    assert yearly[0] == ("2001", 1) and yearly[-1] == ("2012", 3)
    assert len(yearly) == 12 and ("2005", 2) in yearly and ("2003", 0) in yearly


def test_the_chart_paints_bars_and_tells_each_period(qtbot: QtBot) -> None:
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(360, 120)
    empty = QImage(chart.size(), QImage.Format.Format_ARGB32)
    empty.fill(0)
    chart.render(empty)  # the "no dated mentions" text, no crash
    chart.set_timeline([("2024-03-04", 3), ("2024-06-03", 1)])
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    chart.render(image)
    bar_colour = chart.palette().color(QPalette.ColorRole.Highlight).rgb()
    columns = {
        x
        for x in range(image.width())
        for y in range(image.height())
        if image.pixel(x, y) == bar_colour
    }
    assert columns, "no bar drawn"
    first = chart.bar_at(QPoint(min(columns), chart.height() // 2))
    assert first == 0
    assert chart.bar_tooltip(0) == "2024-03: 3 mention(s)"
    assert chart.bar_tooltip(1) == "2024-04: 0 mention(s)"
    assert chart.bar_tooltip(9) == ""


def test_mentions_become_block_and_headline_spans() -> None:
    blocks = ["甲乙丙", "𠀀丁戊", ""]
    mentions = [
        ArticleMention("甲乙", "person", "body", 0, 2),
        ArticleMention("丁戊", "place", "body", 5, 7),  # block 1 starts at 4
        ArticleMention("标题", "organization", "title", 1, 3),
        ArticleMention("跨段", "person", "body", 2, 6),  # crosses the separator: cut in two
        ArticleMention("空", "person", "body", 3, 3),
    ]
    body, fields = mention_spans(blocks, mentions)
    assert (0, 0, 2, "person") in body and (1, 1, 3, "place") in body
    assert (0, 2, 3, "person") in body and (1, 0, 2, "person") in body
    assert fields == [("title", 1, 3, "organization")]


def test_a_selection_maps_to_article_offsets(qtbot: QtBot, archive: Archive) -> None:
    reader = ArticleReader()
    qtbot.addWidget(reader)
    with archive.db.read() as session:
        article_id = session.scalar(select(Article.id).where(Article.title.like("青松集团临江%")))
        article = get_article(session, article_id)
    reader.show_article(article)
    rendered = reader.rendered
    assert rendered is not None
    texts = [block.text for block in article.blocks]
    body = "\n".join(texts)
    second = 1
    offset = texts[second].index("林慧敏")
    start = rendered.position(second, offset)
    target = selection_target(rendered, texts, start - 1, rendered.position(second, offset + 3))
    assert target is not None and target.field == "body"
    assert body[target.start : target.end] == target.text
    assert target.text.endswith("林慧敏")
    title = rendered.fields["title"]
    target = selection_target(rendered, texts, title.start, title.start + 4)
    assert target is not None and (target.field, target.start, target.end) == ("title", 0, 4)
    assert target.text == "青松集团"
    # across two paragraphs, or empty: nothing to tag
    assert selection_target(rendered, texts, rendered.blocks[0].start, start) is None
    assert selection_target(rendered, texts, start, start) is None


# ----- models


def test_entity_models_pass_the_model_tester(qtmodeltester: ModelTester, archive: Archive) -> None:
    tree = EntityTreeModel()
    qtmodeltester.check(tree)
    listing = load_entity_listing(archive.db)
    assert listing.error is None
    tree.set_listing(listing)
    qtmodeltester.check(tree)
    tree.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(tree)
    people = tree.kind_index("person")
    names = [tree.index(row, 0, people).data() for row in range(tree.rowCount(people))]
    assert names == sorted(names) and "林慧敏" in names
    truncated = load_entity_listing(archive.db, limit=1)
    several = {kind for kind, rows in listing.groups.items() if len(rows) > 1}
    assert truncated.truncated == several and "person" in several
    tree.set_listing(truncated)
    assert tree.index(0, 0).data().endswith("(1+)")
    qtmodeltester.check(tree)

    with archive.db.read() as session:
        detail = entity_detail(session, "青松集团", "organization")
    neighbours = CoEntityModel()
    qtmodeltester.check(neighbours)
    neighbours.set_rows(detail.cooccurring)
    qtmodeltester.check(neighbours)
    assert neighbours.rowCount() == len(detail.cooccurring) > 0
    articles = MentionArticlesModel()
    articles.set_rows(group_by_article(detail.mentions))
    qtmodeltester.check(articles)
    assert articles.rowCount() == detail.article_count >= 3
    counts = [int(articles.index(row, 2).data()) for row in range(articles.rowCount())]
    assert sum(counts) == detail.mention_count


def test_the_article_list_counts_distinct_entities(
    qtmodeltester: ModelTester, archive: Archive, task_runner: TaskRunner
) -> None:
    with archive.db.read() as session:
        expected = dict(
            session.execute(
                select(Mention.article_id, func.count(func.distinct(Mention.entity_id))).group_by(
                    Mention.article_id
                )
            ).all()
        )
        rows = fetch_articles(session, ArticleQuery()).rows
        assert entity_counts(session, []) == {}
    assert {row.id: row.entities for row in rows if row.entities} == expected
    assert max(expected.values()) >= 4
    model = ArticleTableModel(archive.db, task_runner)
    model.set_query(ArticleQuery())
    qtmodeltester.check(model)
    header = model.headerData(ArticleColumn.ENTITIES, Qt.Orientation.Horizontal)
    assert header == "Entities"
    for row in range(model.rowCount()):
        shown = model.index(row, ArticleColumn.ENTITIES).data()
        assert shown == (str(expected[model.article_id(row)]) if shown else "")
    before = model.query
    model.sort(ArticleColumn.ENTITIES, Qt.SortOrder.DescendingOrder)
    assert model.query == before  # not a SQL order: the list stays as it is


# ----- the pane in the window


def test_the_pane_lists_entities_by_kind_with_their_counts(window: MainWindow) -> None:
    pane = pane_of(window)
    assert window.docks["entities"].windowTitle() == "Entities"
    assert listed(pane) == db_entities(window.archive)
    assert ("青松集团", "organization") in listed(pane, "organization")
    assert ("林慧敏", "person") in listed(pane, "person")
    assert ("安和市", "place") in listed(pane, "place")
    kinds = [pane.model.index(row, 0).data() for row in range(3)]
    organizations = len(listed(pane, "organization"))
    assert kinds[0].startswith("People (") and kinds[2] == f"Organizations ({organizations})"
    assert all(pane.tree.isExpanded(pane.model.index(row, 0)) for row in range(3))


def test_the_filter_keeps_matching_names(window: MainWindow) -> None:
    pane = pane_of(window)
    pane.filter_edit.setText("安和")
    pane.apply_filter()
    expected = {
        key: value for key, value in db_entities(window.archive).items() if "安和" in key[0]
    }
    assert ("安和市", "place") in expected and len(expected) < len(db_entities(window.archive))
    assert listed(pane) == expected
    pane.filter_edit.setText("%")  # LIKE wildcards are plain characters
    pane.apply_filter()
    assert listed(pane) == {}
    pane.filter_edit.clear()
    pane.apply_filter()
    assert listed(pane) == db_entities(window.archive)


def test_choosing_an_entity_narrows_the_articles_and_shows_its_details(
    window: MainWindow,
) -> None:
    pane = pane_of(window)
    everything = listed_article_ids(window)
    choose(pane, "青松集团", "organization")
    with window.archive.db.read() as session:
        ids = set(articles_mentioning(session, "青松集团", "organization"))
    assert listed_article_ids(window) == ids and 3 <= len(ids) < len(everything)
    mentions, articles = db_entities(window.archive)[("青松集团", "organization")]
    detail = pane.detail
    assert detail.name_label.text() == "青松集团"
    assert f"{mentions} mention(s) in {articles} article(s)" in detail.meta_label.text()
    bars = detail.chart.bars()
    assert [bar.label for bar in bars] == ["2024-03", "2024-04", "2024-05", "2024-06"]
    assert bars[2].count == 0 and sum(bar.count for bar in bars) == mentions
    neighbours = {
        detail.neighbours_model.index(row, 0).data()
        for row in range(detail.neighbours_model.rowCount())
    }
    assert {"周振华", "林慧敏"} <= neighbours
    assert detail.articles_model.rowCount() == 4

    # a click on a neighbour chooses it, and the list follows
    row = next(
        row
        for row in range(detail.neighbours_model.rowCount())
        if detail.neighbours_model.index(row, 0).data() == "周振华"
    )
    detail.neighbours_view.clicked.emit(detail.neighbours_model.index(row, 0))
    assert pane.current_entity() == ("周振华", "person")
    with window.archive.db.read() as session:
        assert listed_article_ids(window) == set(articles_mentioning(session, "周振华"))

    # a click on one of its articles opens it
    first = detail.articles_model.index(0, 1)
    detail.articles_view.clicked.emit(first)
    assert window.reader.article is not None
    assert window.reader.article.id == first.data(Role.ArticleId)

    # a neighbour hidden by the filter: the filter is cleared
    pane.filter_edit.setText("周")
    pane.apply_filter()
    pane.focus_entity("林慧敏", "person")
    assert pane.filter_edit.text() == "" and pane.current_entity() == ("林慧敏", "person")
    assert detail.name_label.text() == "林慧敏"

    # choosing a kind row gives the whole list back
    pane.tree.setCurrentIndex(pane.model.kind_index("place"))
    assert listed_article_ids(window) == everything
    assert pane.detail.detail is None and not pane.rename_action.isEnabled()


def test_rename_from_the_menu_then_undo_and_redo(window: MainWindow, qtbot: QtBot) -> None:
    pane = pane_of(window)
    choose(pane, "周振华", "person")
    before = listed(pane)[("周振华", "person")]
    assert pane.rename_action.isEnabled()
    pane.rename_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, RenameDialog)
    assert not dialog.ok_button.isEnabled()  # the same name
    dialog.name_edit.setText("  周振中 ")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    people = listed(pane, "person")
    assert ("周振华", "person") not in people and people[("周振中", "person")] == before
    assert pane.current_entity() == ("周振中", "person")
    assert pane.detail.name_label.text() == "周振中"
    controller = window.entities.controller
    assert controller.undo_stack.count() == 1
    assert "周振华" in controller.undo_action.text() and controller.undo_action.isEnabled()

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    pane.tree.setFocus()
    qtbot.keyClick(pane.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    if ("周振华", "person") not in listed(pane):  # no active window on this platform
        controller.undo_action.trigger()
    assert listed(pane, "person")[("周振华", "person")] == before
    assert ("周振中", "person") not in listed(pane)
    assert pane.current_entity() == ("周振华", "person")  # the undone name is shown again
    assert controller.redo_action.isEnabled()
    qtbot.keyClick(
        pane.tree,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    if ("周振中", "person") not in listed(pane):
        controller.redo_action.trigger()
    assert ("周振中", "person") in listed(pane)
    assert ("周振华", "person") not in listed(pane)
    assert pane.current_entity() == ("周振中", "person")


def test_merge_into_a_chosen_entity_and_undo(window: MainWindow) -> None:
    pane = pane_of(window)
    choose(pane, "陈立群", "person")
    target = listed(pane)[("周振华", "person")]
    pane.merge_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, MergeDialog)
    items = [dialog.candidates.item(row).text() for row in range(dialog.candidates.count())]
    assert items and not any(item.startswith("陈立群（") for item in items)
    assert "（Person） — " in items[0]  # the same kind comes first
    assert not dialog.ok_button.isEnabled()
    dialog.filter_edit.setText("周")
    dialog.reload()
    assert dialog.candidates.count() == 1
    assert dialog.choose("周振华", "person") and dialog.ok_button.isEnabled()
    dialog.accept()
    people = listed(pane, "person")
    assert ("陈立群", "person") not in people
    assert people[("周振华", "person")] == (target[0] + 1, target[1] + 1)
    assert pane.current_entity() == ("周振华", "person")
    assert "陈立群" in pane.detail.aliases_label.text()
    with window.archive.db.read() as session:  # the list follows the merged entity
        assert listed_article_ids(window) == set(articles_mentioning(session, "周振华"))

    window.entities.controller.undo()
    people = listed(pane, "person")
    assert people[("周振华", "person")] == target and ("陈立群", "person") in people


def test_delete_after_confirmation_then_undo(window: MainWindow) -> None:
    pane = pane_of(window)
    choose(pane, "赵小燕", "person")
    with window.archive.db.read() as session:
        (article_id,) = articles_mentioning(session, "赵小燕")
    box = pane.ask_delete()
    assert isinstance(box, QMessageBox) and box.textFormat() == Qt.TextFormat.PlainText
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert ("赵小燕", "person") in listed(pane)
    pane.delete_action.trigger()
    box = pane.dialog
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert ("赵小燕", "person") not in listed(pane)
    assert pane.current_entity() is None and pane.detail.detail is None
    with window.archive.db.read() as session:
        assert all(m.name != "赵小燕" for m in mentions_of_article(session, article_id))
    window.entities.controller.undo()
    assert ("赵小燕", "person") in listed(pane)
    assert pane.current_entity() == ("赵小燕", "person")


def test_split_and_retype(window: MainWindow) -> None:
    pane = pane_of(window)
    choose(pane, "青松集团", "organization")
    mentions, articles = listed(pane)[("青松集团", "organization")]
    detail = pane.detail
    last = detail.articles_model.rowCount() - 1
    detail.articles_view.selectionModel().select(
        detail.articles_model.index(last, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    june = detail.articles_model.row_data(last)
    assert june is not None and june.date == "2024-06-03"
    pane.split_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, SplitDialog)
    assert dialog.article_ids() == [june.article_id]  # the selection, checked
    dialog.name_edit.setText("青松集团志愿队")
    dialog.accept()
    organizations = listed(pane, "organization")
    assert organizations[("青松集团志愿队", "organization")] == (june.mentions, 1)
    assert organizations[("青松集团", "organization")] == (mentions - june.mentions, articles - 1)

    choose(pane, "安和市", "place")
    assert not pane.retype_actions["place"].isEnabled()
    pane.retype_actions["organization"].trigger()
    assert ("安和市", "organization") in listed(pane)
    assert ("安和市", "place") not in listed(pane)
    assert pane.current_entity() == ("安和市", "organization")
    stack = window.entities.undo_stack
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert ("安和市", "place") in listed(pane)
    assert ("青松集团", "organization") in listed(pane)
    assert ("青松集团志愿队", "organization") not in listed(pane)


def test_a_failed_correction_is_told_and_changes_nothing(window: MainWindow) -> None:
    before = listed(pane_of(window))
    window.entities.controller.rename("不存在的人", "person", "某某")
    box = window.findChild(QMessageBox, "correctionFailedBox")
    assert box is not None and "不存在的人" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert listed(pane_of(window)) == before
    assert window.entities.undo_stack.count() == 0


def test_hostile_entity_names_are_shown_literally(window: MainWindow) -> None:
    pane = pane_of(window)
    choose(pane, "周振华", "person")
    pane.rename_action.trigger()
    dialog = pane.dialog
    assert isinstance(dialog, RenameDialog)
    dialog.name_edit.setText(HOSTILE)
    dialog.accept()
    assert (HOSTILE, "person") in listed(pane)
    index = pane.model.index_of(HOSTILE, "person")
    assert index.data() == HOSTILE
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;" in tooltip and "<img" not in tooltip
    label = pane.detail.name_label
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == HOSTILE
    undo = window.entities.controller.undo_action
    assert HOSTILE in undo.text() and "<img" not in undo.toolTip()
    choose(pane, "林慧敏", "person")
    neighbours = pane.detail.neighbours_model
    names = [neighbours.index(row, 0).data() for row in range(neighbours.rowCount())]
    assert HOSTILE in names
    assert "<img" not in neighbours.index(names.index(HOSTILE), 0).data(Qt.ItemDataRole.ToolTipRole)


# ----- the reader


def open_title(window: MainWindow, prefix: str) -> int:
    with window.archive.db.read() as session:
        article_id = session.scalar(select(Article.id).where(Article.title.like(f"{prefix}%")))
    assert article_id is not None
    assert window.open_article(article_id) is not None
    return article_id


def drawn_texts(reader: ArticleReader) -> list[tuple[str, str]]:
    document = reader.browser.document()
    out = []
    for start, end, key in reader.drawn_highlights():
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        out.append((cursor.selectedText(), key))
    return out


def test_the_reader_marks_mentions_by_kind_and_hides_a_kind(
    window: MainWindow, make_window: object, ui_settings: Settings
) -> None:
    article_id = open_title(window, "青松集团临江")
    reader = window.reader
    article = reader.article
    assert article is not None
    texts = {"title": article.title or "", "body": "\n".join(b.text for b in article.blocks)}
    with window.archive.db.read() as session:
        mentions = mentions_of_article(session, article_id)
    expected = [(texts[m.field][m.start : m.end], m.type) for m in mentions]
    drawn = drawn_texts(reader)
    assert sorted(drawn) == sorted(expected)
    assert ("周振华", "person") in drawn and ("青松集团", "organization") in drawn
    assert {key for _text, key in drawn} == {"person", "place", "organization"}

    # a search's marks go on top of them, under another key
    reader.highlight_spans([(0, 0, 2, "search")])
    keys = [key for _start, _end, key in reader.drawn_highlights()]
    assert keys[-1] == "search" and "person" in keys

    people = window.entities.highlighter.actions["person"]
    people.setChecked(False)
    keys = {key for _start, _end, key in reader.drawn_highlights()}
    assert "person" not in keys and {"place", "organization", "search"} <= keys
    assert ui_settings.hidden_entity_kinds() == {"person"}
    # remembered: a new window hides them from the start
    other = make_window()  # type: ignore[operator]
    assert not other.entities.highlighter.actions["person"].isChecked()
    assert other.reader.hidden_kinds() == {"person"}
    people.setChecked(True)
    assert "person" in {key for _start, _end, key in reader.drawn_highlights()}
    assert ui_settings.hidden_entity_kinds() == set()

    menu = window.entities.highlight_menu
    assert [action.text() for action in menu.actions()] == [
        "Highlight &people",
        "Highlight p&laces",
        "Highlight &organizations",
    ]


def test_tagging_a_selection_in_the_reader_then_undo(window: MainWindow) -> None:
    article_id = open_title(window, "白鹭湖湿地")
    reader = window.reader
    rendered = reader.rendered
    article = reader.article
    assert rendered is not None and article is not None
    index = next(i for i, block in enumerate(article.blocks) if "白鹭湖湿地" in block.text)
    offset = article.blocks[index].text.index("白鹭湖湿地")
    tagger = window.entities.tagger
    assert not tagger.actions["place"].isEnabled()  # nothing selected yet
    cursor = QTextCursor(rendered.document)
    cursor.setPosition(rendered.position(index, offset))
    cursor.setPosition(rendered.position(index, offset + 5), QTextCursor.MoveMode.KeepAnchor)
    reader.browser.setTextCursor(cursor)
    assert tagger.actions["place"].isEnabled()
    tagger.actions["place"].trigger()
    dialog = window.entities.tag_dialog
    assert dialog is not None and dialog.kind() == "place" and dialog.name() == "白鹭湖湿地"
    dialog.accept()
    assert ("白鹭湖湿地", "place") in listed(pane_of(window))
    assert ("白鹭湖湿地", "place") in drawn_texts(reader)
    with window.archive.db.read() as session:
        assert any(m.name == "白鹭湖湿地" for m in mentions_of_article(session, article_id))
    window.entities.controller.undo()
    assert ("白鹭湖湿地", "place") not in listed(pane_of(window))
    assert ("白鹭湖湿地", "place") not in drawn_texts(reader)


def test_the_window_speaks_chinese_in_the_entities_pane(window: MainWindow) -> None:
    from ui.i18n import install_translations, remove_translations
    from ui.settings import Language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, Language.CHINESE)
    try:
        pane = EntitiesPane(window.archive.db, window.runner, window.entities.controller)
        pane.refresh()
        assert pane.title() == "实体"
        assert pane.rename_action.text().startswith("重命名")
        assert pane.model.index(0, 0).data().startswith("人名")
        pane.deleteLater()
    finally:
        remove_translations(app, translators)


def test_a_correction_leaves_a_list_chosen_elsewhere_alone(window: MainWindow) -> None:
    pane = pane_of(window)
    choose(pane, "林慧敏", "person")
    assert window.articles.scope.article_ids is not None
    issues = window.issues
    publication = issues.model.index(0, 0)
    issues.tree.setCurrentIndex(publication)
    chosen = window.articles.scope
    assert chosen.article_ids is None and chosen.publication_id is not None
    window.entities.controller.rename("林慧敏", "person", "林慧明")
    assert pane.current_entity() == ("林慧明", "person")
    assert window.articles.scope == chosen  # the issue tree's choice stays

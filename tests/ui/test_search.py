"""The search pane driven like a user: query, hits, reader highlights, facets, explain, index."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextFormat
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from reader.paths import ArchivePaths
from reader.search.document import SearchHit, SearchResults
from reader.search.index import IndexStatus
from reader.segment import Segmenter
from tests.ui.conftest import ImportFlow
from tests.ui.pages import HOSTILE_BODY, HOSTILE_TITLE, PUBLICATION
from ui.i18n import install_translations, remove_translations
from ui.main_window import MainWindow
from ui.search.facets import field_term, narrow_query
from ui.search.index_state import IndexState, SearchIndexController
from ui.search.model import Role, SearchResultsModel
from ui.search.pane import SearchPane
from ui.search.spans import body_spans_to_blocks
from ui.settings import Language, Settings
from ui.tasks import TaskHandle, TaskRunner

LIBRARY_TITLE = "湖畔新区首座图书馆开馆"


class SteppedRunner(TaskRunner):
    """Queues every task; the test runs them one at a time, in the order it chooses."""

    def __init__(self) -> None:
        super().__init__(inline=True)
        self.queued: list[TaskHandle] = []

    def submit(self, name: str, fn: Any, **kwargs: Any) -> TaskHandle:  # type: ignore[override]
        with mock.patch.object(TaskHandle, "_execute", lambda _self: None):
            handle = super().submit(name, fn, **kwargs)
        self.queued.append(handle)
        return handle

    def run(self, handle: TaskHandle | None = None) -> TaskHandle:
        handle = handle or self.queued[0]
        self.queued.remove(handle)
        handle._execute()
        return handle

    def run_all(self) -> None:
        while self.queued:
            self.run()


def search(window: MainWindow, query: str) -> SearchPane:
    pane = window.search
    pane.query_edit.setText(query)
    pane.query_edit.returnPressed.emit()
    return pane


def search_marks(window: MainWindow) -> list[str]:
    """The text under each search highlight drawn in the reader (other layers left out)."""
    return [
        selection.cursor.selectedText()
        for selection in window.reader.browser.extraSelections()
        if selection.format.property(QTextFormat.Property.UserProperty) == "search"
    ]


def all_hits(pane: SearchPane) -> list[SearchHit]:
    model = pane.model
    while model.canFetchMore():
        model.fetchMore()
    return [hit for row in range(model.rowCount()) if (hit := model.hit(row)) is not None]


# ----- pure helpers


def test_body_spans_are_cut_onto_blocks() -> None:
    blocks = ["甲乙丙", "丁戊", "", "己庚"]
    body = "\n".join(blocks)
    assert body_spans_to_blocks(blocks, [(1, 3)]) == [(0, 1, 3)]
    assert body_spans_to_blocks(blocks, [(body.index("丁"), body.index("戊") + 1)]) == [(1, 0, 2)]
    # a span over a boundary is cut; the newline is never part of a piece
    assert body_spans_to_blocks(blocks, [(2, 5)]) == [(0, 2, 3), (1, 0, 1)]
    assert body_spans_to_blocks(blocks, [(body.index("己"), len(body))]) == [(3, 0, 2)]
    assert body_spans_to_blocks(blocks, [(50, 60), (2, 2)]) == []


def test_facet_terms_are_quoted_when_needed() -> None:
    assert field_term("publication", "测试周报") == "publication:测试周报"
    assert field_term("publication", "Daily News") == 'publication:"Daily News"'
    assert field_term("publication", 'say "hi" now') == 'publication:「say "hi" now」'
    assert field_term("page", "OR") == 'page:"OR"'
    assert narrow_query("", "date", "2024") == "date:2024"
    assert narrow_query("图书馆", "date", "2024-01") == "图书馆 date:2024-01"
    assert narrow_query("图书馆 date:2024-01", "date", "2024-01") == "图书馆 date:2024-01"
    assert narrow_query("图书馆 OR 书店", "page", "A1") == "(图书馆 OR 书店) page:A1"
    assert narrow_query('"A OR B" 书店', "page", "A1") == '"A OR B" 书店 page:A1'


# ----- searching in the window


def test_ctrl_f_focuses_the_query_field(filled_window: MainWindow, qtbot: QtBot) -> None:
    window = filled_window
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.search.query_edit.setText("旧的查询")
    window.reader.browser.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    # Release Ctrl too: Qt keeps the last modifiers seen (later selections would extend).
    qtbot.keyRelease(window, Qt.Key.Key_Control)
    assert window.search.query_edit.hasFocus()
    assert window.search.query_edit.selectedText() == "旧的查询"
    assert window.docks["search"].isVisible()


def test_a_query_lists_highlighted_hits_with_the_total(filled_window: MainWindow) -> None:
    pane = search(filled_window, "图书馆")
    assert pane.model.total == 1
    assert pane.count_label.text() == "1 article(s) found"  # no translator installed
    assert not pane.message_label.text()
    index = pane.model.index(0, 0)
    assert index.data() == LIBRARY_TITLE
    snippet = index.data(Role.Snippet)
    spans = index.data(Role.SnippetSpans)
    assert spans and all(snippet[start:end] == "图书馆" for start, end in spans)
    title_spans = index.data(Role.TitleSpans)
    assert [LIBRARY_TITLE[start:end] for start, end in title_spans] == ["图书馆"]
    assert PUBLICATION in index.data(Role.Meta) and "2024-01-05" in index.data(Role.Meta)
    pane.results.resize(360, 400)
    assert not pane.results.grab().isNull()  # the delegate draws the hit


def test_choosing_a_hit_opens_it_with_the_matches_marked(filled_window: MainWindow) -> None:
    window = filled_window
    pane = search(window, "社区分馆")
    hits = all_hits(pane)
    assert [hit.title for hit in hits] == [LIBRARY_TITLE]
    assert pane.choose_row(0)
    article = window.reader.article
    assert article is not None and article.title == LIBRARY_TITLE
    marks = window.reader.highlights()
    assert len(marks) == 2
    for mark in marks:
        assert article.blocks[mark.block_index].text[mark.start : mark.end] == "社区分馆"
    assert {article.blocks[mark.block_index].page for mark in marks} == {"A1", "A2"}
    # the marks lie on the right characters of the document shown
    assert search_marks(window) == ["社区分馆"] * 2

    pane = search(window, "开馆")
    pane.choose_row(0)
    fields = window.reader.field_highlights()
    assert [(f.field, LIBRARY_TITLE[f.start : f.end]) for f in fields] == [("title", "开馆")]
    assert "开馆" in search_marks(window)


def test_facets_narrow_the_query(filled_window: MainWindow) -> None:
    pane = search(filled_window, "本报讯")
    everything = pane.model.total
    assert everything >= 5
    shown = pane.facets.values()
    assert ("publication", PUBLICATION, everything) in shown
    assert ("date", "2024", everything) in shown
    january = next(count for name, value, count in shown if (name, value) == ("date", "2024-01"))
    assert 0 < january < everything
    assert pane.facets.choose("date", "2024-01")
    assert pane.query_edit.text() == "本报讯 date:2024-01"
    assert pane.model.total == january
    assert all(hit.date and hit.date.month == 1 for hit in all_hits(pane))
    assert pane.facets.choose("page", "A4")
    assert pane.query_edit.text() == "本报讯 date:2024-01 page:A4"
    assert [hit.title for hit in all_hits(pane)] == ["读者来信"]
    assert not pane.facets.choose("page", "Z9")


def test_sorting_by_date(filled_window: MainWindow) -> None:
    pane = search(filled_window, "本报讯")
    pane.sort_combo.setCurrentIndex(pane.sort_combo.findData("date_asc"))
    dates = [hit.date for hit in all_hits(pane)]
    assert dates == sorted(d for d in dates if d is not None) and len(dates) >= 5
    pane.sort_combo.setCurrentIndex(pane.sort_combo.findData("date"))
    assert [hit.date for hit in all_hits(pane)] == sorted(dates, reverse=True)


def test_a_malformed_query_gets_a_clear_message(filled_window: MainWindow) -> None:
    pane = search(filled_window, "(图书馆 <b>x</b>")
    assert pane.message_label.isVisibleTo(pane)
    assert pane.message_label.textFormat() == Qt.TextFormat.PlainText
    message = pane.message_label.text()
    assert message.startswith("The query cannot be read:")
    assert "never closed" in message
    assert pane.model.rowCount() == 0 and pane.count_label.text() == ""
    assert pane.facets.values() == []
    pane = search(filled_window, "图书馆")
    assert not pane.message_label.isVisibleTo(pane) and pane.model.total == 1


def test_explain_shows_how_the_query_is_segmented(filled_window: MainWindow) -> None:
    pane = filled_window.search
    pane.query_edit.setText("图书馆 OR 书店")
    pane.explain_button.setChecked(True)
    assert pane.explain_view.isVisibleTo(pane)
    text = pane.explain_view.toPlainText()
    assert "OR" in text and "图书 书馆" in text and "书店" in text
    search(filled_window, '"未闭合')
    assert "never closed" in pane.explain_view.toPlainText()
    pane.explain_button.setChecked(False)
    assert not pane.explain_view.isVisibleTo(pane)


def test_hostile_titles_and_snippets_are_shown_literally(filled_window: MainWindow) -> None:
    pane = search(filled_window, "正文")
    hits = all_hits(pane)
    assert [hit.title for hit in hits] == [HOSTILE_TITLE]
    index = pane.model.index(0, 0)
    assert index.data() == HOSTILE_TITLE
    assert HOSTILE_BODY in index.data(Role.Snippet)
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;script&gt;" in tooltip and "<script>" not in tooltip
    pane.results.resize(360, 300)
    assert not pane.results.grab().isNull()
    pane.choose_row(0)
    assert HOSTILE_TITLE in filled_window.reader.text()
    assert search_marks(filled_window) == ["正文", "正文"]


def test_the_results_model_passes_the_model_tester(
    qtmodeltester: ModelTester, filled_window: MainWindow, task_runner: TaskRunner
) -> None:
    archive = filled_window.archive
    filled_window.search_index.start()

    def run(query: str, page: int, size: int, sort: str) -> SearchResults:
        return archive.search.search(query, page=page, page_size=size, sort=sort)

    lazy = SearchResultsModel(run, task_runner, page_size=2)
    lazy.set_query("本报讯")
    assert lazy.rowCount() == 2 and lazy.total >= 5  # one page, not every hit
    lazy.fetchMore()
    assert lazy.rowCount() == 4
    while lazy.canFetchMore():
        lazy.fetchMore()
    assert lazy.rowCount() == lazy.total
    assert len({lazy.index(row, 0).data(Role.HitId) for row in range(lazy.rowCount())}) == (
        lazy.total
    )

    model = SearchResultsModel(run, task_runner, page_size=2)
    qtmodeltester.check(model)
    model.set_query("本报讯")
    qtmodeltester.check(model)  # the tester fetches more pages itself
    assert 2 < model.rowCount() <= lazy.total
    model.set_query("(")
    assert model.rowCount() == 0
    model.set_query("图书馆", "date")
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def fake_results(query: str, count: int) -> SearchResults:
    hits = [
        SearchHit(id=n, score=1.0, title=f"{query}-{n}", date=dt.date(2024, 1, n + 1), pages=[])
        for n in range(count)
    ]
    return SearchResults(query=query, total=count, hits=hits)


def test_answers_to_an_outdated_query_are_dropped() -> None:
    runner = SteppedRunner()
    model = SearchResultsModel(lambda q, _p, _s, _o: fake_results(q, 2 if q == "旧" else 3), runner)
    model.set_query("旧")
    model.set_query("新")
    assert model.loading and len(runner.queued) == 2
    old, new = runner.queued
    runner.run(new)
    runner.run(old)  # arrives late: dropped
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "新-0",
        "新-1",
        "新-2",
    ]
    assert model.total == 3 and model.query == "新" and not model.loading
    runner.shutdown()


# ----- the index: readiness, rebuilds, start-up


def test_a_search_while_the_index_is_rebuilt_waits_and_then_runs(
    qtbot: QtBot, filled_window: MainWindow
) -> None:
    archive = filled_window.archive
    runner = SteppedRunner()
    index = SearchIndexController(archive, runner)
    pane = SearchPane(archive, runner, index)
    qtbot.addWidget(pane)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, Language.CHINESE)
    try:
        pane.search("图书馆")
        assert pane.waiting and index.state is IndexState.CHECKING
        rebuild = index.rebuild()
        assert rebuild is not None and rebuild.writes and rebuild.visible
        assert index.rebuild() is None  # one rebuild at a time
        assert pane.count_label.text() == "正在重建索引…"
        runner.run()  # the check started first: its answer is outdated now
        assert pane.waiting and index.state is IndexState.REBUILDING
        runner.run(rebuild)
        assert index.state is IndexState.READY
        runner.run_all()  # the search that waited
        assert not pane.waiting
        assert pane.model.total == 1 and pane.count_label.text() == "找到 1 篇文章"
    finally:
        remove_translations(app, translators)
        runner.shutdown()


@pytest.fixture
def archive_without_index(
    filled_template: Path, tmp_path: Path, segmenter: Segmenter
) -> Iterator[Archive]:
    """A copy of the filled archive whose index directory was deleted."""
    root = tmp_path / "no-index"
    shutil.copytree(filled_template, root)
    shutil.rmtree(ArchivePaths(root).index_dir)
    with Archive(ArchivePaths(root), write=True) as opened:
        opened.segmenter = segmenter
        yield opened


def test_a_missing_index_is_rebuilt_in_the_background_after_start_up(
    qtbot: QtBot, archive_without_index: Archive, ui_settings: Settings
) -> None:
    archive = archive_without_index
    runner = TaskRunner(inline=True)
    tasks: list[TaskHandle] = []
    runner.taskStarted.connect(tasks.append)
    window = MainWindow(archive, ui_settings, runner)
    qtbot.addWidget(window)
    assert window.search_index.state is IndexState.UNCHECKED  # nothing before showing
    assert not tasks or all("index" not in task.name for task in tasks)
    window.show()
    qtbot.waitUntil(lambda: window.search_index.state is IndexState.READY, timeout=10000)
    rebuilds = [task for task in tasks if task.name == "Rebuilding the search index"]
    assert len(rebuilds) == 1 and rebuilds[0].writes and rebuilds[0].visible
    assert archive.search.status() is IndexStatus.OK
    assert search(window, "图书馆").model.total == 1
    window.close()
    runner.shutdown()


def test_the_tools_menu_rebuilds_the_index(filled_window: MainWindow, qtbot: QtBot) -> None:
    window = filled_window
    tasks: list[TaskHandle] = []
    window.runner.taskStarted.connect(tasks.append)
    window.rebuild_index_action.trigger()
    assert [task.writes for task in tasks if "Rebuilding" in task.name] == [True]
    assert window.search_index.state is IndexState.READY
    assert window.statusBar().currentMessage() == "Search index rebuilt."
    assert search(window, "图书馆").model.total == 1


def test_an_import_updates_the_results_shown(
    filled_window: MainWindow, tmp_path: Path, import_flow: ImportFlow
) -> None:
    window = filled_window
    pane = search(window, "图书馆")
    assert pane.model.total == 1
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / f"{PUBLICATION}_2024-02-16_A1.txt").write_text(
        f"{PUBLICATION}　2024年2月16日　星期五　第A1版\n\n"
        "社区图书馆延长开放时间\n\n"
        "本报讯　即日起，各社区图书馆晚间开放至九点，方便上班族借还图书。\n\n"
        "馆方提醒读者爱护公共书籍。（钱多）\n",
        encoding="utf-8",
    )
    report = import_flow(window, [folder])
    assert not report.failed
    assert pane.model.total == 2
    assert "社区图书馆延长开放时间" in [hit.title for hit in all_hits(pane)]


def test_query_help_is_plain_and_translated(
    filled_window: MainWindow, make_window: Callable[[], MainWindow]
) -> None:
    window = filled_window
    window.query_help_action.trigger()
    dialog = window.query_help
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() >= 10
    examples = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert any(example.startswith("date:") for example in examples)
    assert dialog.notes.textFormat() == Qt.TextFormat.PlainText
    window.search.help_button.click()
    assert window.query_help is dialog  # one dialog, raised again
    dialog.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, Language.CHINESE)
    try:
        chinese = make_window().show_query_help()
        assert chinese.windowTitle() == "查询帮助"
        assert chinese.table.item(2, 1).text() == "任一词（OR 须大写）"
        chinese.close()
    finally:
        remove_translations(app, translators)

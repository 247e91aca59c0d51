"""The main window driven like a user: import, browse issues, read, zoom, navigate, docks."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from reader.store import PageMeta
from tests.ui.conftest import ImportFlow
from tests.ui.pages import PUBLICATION, write_pages
from ui.articles.model import Column as ArticleColumn
from ui.articles.model import Role as ArticleRole
from ui.importing.models import FileColumn
from ui.issues.model import NodeKind
from ui.issues.model import Role as IssueRole
from ui.main_window import MainWindow
from ui.reader.document import page_link
from ui.settings import READER_FONT_SIZE, THEME, Settings
from ui.tasks import TaskRunner


def titles(window: MainWindow) -> list[str]:
    model = window.articles.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.index(row, ArticleColumn.TITLE).data() for row in range(model.rowCount())]


def find_row(window: MainWindow, title: str) -> int:
    return titles(window).index(title)


def children(window: MainWindow, parent: QModelIndex) -> list[QModelIndex]:
    model = window.issues.model
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def find_child(window: MainWindow, parent: QModelIndex, text: str) -> QModelIndex:
    for index in children(window, parent):
        if index.data() == text:
            return index
    shown = [index.data() for index in children(window, parent)]
    raise AssertionError(f"{text!r} not under {parent.data()!r}: {shown}")


def issue_index(window: MainWindow, date: str) -> QModelIndex:
    publication = find_child(window, QModelIndex(), PUBLICATION)
    year = find_child(window, publication, date[:4])
    return find_child(window, year, date)


def select(window: MainWindow, index: QModelIndex) -> None:
    window.issues.tree.setCurrentIndex(index)


def open_title(window: MainWindow, title: str) -> None:
    assert window.articles.select_row(find_row(window, title))


# ----- first start and import


def test_an_empty_archive_shows_the_welcome_panel(window: MainWindow, archive: Archive) -> None:
    assert window.showing_welcome
    assert str(archive.root) in window.windowTitle()
    assert window.welcome.demo_button.isEnabled()
    assert window.articles.model.rowCount() == 0
    assert window.issues.model.rowCount() == 0


def test_the_import_dialog_shows_what_was_found_and_accepts_corrections(
    window: MainWindow, tmp_path: Path
) -> None:
    folder = write_pages(
        tmp_path / "p", ["测试周报_2024-01-05_A1.txt", "测试周报_2024-01-12_A1.txt"]
    )
    unnamed = folder / "scan-0001.txt"
    unnamed.write_text(
        "无报头的一页\n\n本报讯　这一页没有报头，文件名也不合规则。\n", encoding="utf-8"
    )
    window.import_paths([folder])
    dialog = window.importer.dialog
    assert dialog is not None
    model = dialog.files_model
    assert model.rowCount() == 3
    rows = {model.index(r, FileColumn.FILE).data(): r for r in range(model.rowCount())}
    first = rows["测试周报_2024-01-05_A1.txt"]
    assert model.index(first, FileColumn.PUBLICATION).data() == PUBLICATION
    assert model.index(first, FileColumn.DATE).data() == "2024-01-05"
    assert model.index(first, FileColumn.PAGE).data() == "A1"
    assert model.index(first, FileColumn.ARTICLES).data() == "2"
    dialog.files_view.selectRow(first)
    preview = dialog.preview_model
    assert preview.index(0, 0).data() == "湖畔新区首座图书馆开馆"
    assert preview.index(0, 1).data() == "3"

    scan = rows["scan-0001.txt"]
    assert not model.setData(model.index(scan, FileColumn.DATE), "2024-13-45")  # refused
    assert model.setData(model.index(scan, FileColumn.PAGE), "B2")
    dialog.files_view.selectRow(scan)
    dialog.publication_edit.setText("另一份报")
    dialog.date_edit.setText("2024-03-01")
    assert dialog.apply_to_selection()
    planned = {p.path.name: p.overrides for p in dialog.planned_files()}
    assert planned["scan-0001.txt"] == PageMeta("另一份报", dt.date(2024, 3, 1), "B2")
    assert planned["测试周报_2024-01-12_A1.txt"].date == dt.date(2024, 1, 12)

    model.setData(
        model.index(rows["测试周报_2024-01-12_A1.txt"], FileColumn.FILE),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert len(dialog.planned_files()) == 2
    dialog.accept()
    results = window.importer.results_dialog
    assert results is not None
    assert "2 imported" in results.summary.text()
    assert not window.showing_welcome
    publications = [index.data() for index in children(window, QModelIndex())]
    assert sorted(publications) == sorted([PUBLICATION, "另一份报"])


def test_a_cancelled_dialog_stores_nothing(window: MainWindow, page_folder: Path) -> None:
    window.import_paths([page_folder])
    assert window.importer.dialog is not None
    window.importer.dialog.reject()
    assert window.showing_welcome
    assert window.issues.model.rowCount() == 0


def test_failed_files_are_listed_in_the_results(
    window: MainWindow, tmp_path: Path, import_flow: ImportFlow
) -> None:
    folder = write_pages(tmp_path / "p", ["测试周报_2024-01-12_A1.txt"])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    report = import_flow(window, [folder])
    assert sorted(Path(r.path).name for r in report.failed) == ["binary.txt", "empty.txt"]
    window.importer.show_results(report)
    results = window.importer.results_dialog
    assert results is not None
    model = results.model
    shown = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert shown[:2] == sorted(shown[:2]) and set(shown[:2]) == {"binary.txt", "empty.txt"}
    assert "empty" in model.index(shown.index("empty.txt"), 3).data()


def test_dropping_a_folder_starts_the_import(window: MainWindow, page_folder: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page_folder))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.importer.dialog is not None
    assert window.importer.dialog.files_model.rowCount() == 7
    window.importer.dialog.reject()


def test_the_demo_button_imports_into_the_current_archive(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    demo = write_pages(tmp_path / "demo", ["测试周报_2024-01-12_A1.txt"])
    monkeypatch.setattr("ui.importing.controller.demo_pages_dir", lambda: demo)
    window.welcome.demo_button.click()
    assert not window.showing_welcome
    assert titles(window) == ["全市中小学寒假安排公布"]


# ----- browsing


def test_the_issue_tree_counts_articles_and_shows_gaps(filled_window: MainWindow) -> None:
    window = filled_window
    publication = find_child(window, QModelIndex(), PUBLICATION)
    counts = window.issues.model.index(publication.row(), 1, publication.parent()).data()
    assert counts == "8"
    year = find_child(window, publication, "2024")
    rows = [index.data() for index in children(window, year)]
    assert rows == [
        "2024-01-05",
        "2024-01-12",
        "2024-01-19 (missing)",
        "2024-01-26",
        "2024-02-02",
        "2024-02-09",
    ]
    missing_week = find_child(window, year, "2024-01-19 (missing)")
    assert missing_week.data(IssueRole.Missing) is True
    assert not missing_week.flags() & Qt.ItemFlag.ItemIsSelectable
    issue = issue_index(window, "2024-01-05")
    assert [index.data() for index in children(window, issue)] == [
        "A1",
        "A2",
        "A3 (missing)",
        "A4",
    ]
    assert "A3" in issue.data(Qt.ItemDataRole.ToolTipRole)


def test_selecting_in_the_tree_narrows_the_article_list(filled_window: MainWindow) -> None:
    window = filled_window
    assert len(titles(window)) == 8
    issue = issue_index(window, "2024-01-05")
    select(window, issue)
    assert titles(window) == [
        "湖畔新区首座图书馆开馆",
        "冬日暖阳下的晨练人群",
        "老街坊的新年愿望",
        "读者来信",
    ]
    assert window.articles.count_label.text() == "4 article(s)"
    select(window, find_child(window, issue, "A2"))
    assert titles(window) == ["湖畔新区首座图书馆开馆", "老街坊的新年愿望"]
    select(window, find_child(window, QModelIndex(), PUBLICATION))
    assert len(titles(window)) == 8


def test_jump_to_a_date_selects_the_nearest_issue(filled_window: MainWindow) -> None:
    window = filled_window
    assert window.issues.jump_to_date(dt.date(2024, 1, 20))
    assert window.issues.current_query().issue_id == issue_index(window, "2024-01-26").data(
        IssueRole.IssueId
    )
    assert window.issues.selected_kind() is NodeKind.ISSUE
    assert window.issues.jump_to_date(dt.date(2020, 1, 1))
    assert titles(window)[0] == "湖畔新区首座图书馆开馆"


def test_filter_and_sort_run_in_sql(filled_window: MainWindow, qtbot: QtBot) -> None:
    window = filled_window
    window.articles.filter_edit.setText("新年")  # typing: the list follows after a pause
    qtbot.waitUntil(lambda: window.articles.model.query.text == "新年", timeout=3000)
    assert titles(window) == ["老街坊的新年愿望"]
    window.articles.filter_edit.setText("林小溪")  # an author
    window.articles.apply_filter()
    assert titles(window) == ["湖畔新区首座图书馆开馆"]
    window.articles.filter_edit.clear()
    window.articles.apply_filter()
    window.articles.table.sortByColumn(ArticleColumn.DATE, Qt.SortOrder.DescendingOrder)
    dates = [
        window.articles.model.index(row, ArticleColumn.DATE).data()
        for row in range(window.articles.model.rowCount())
    ]
    assert dates == sorted(dates, reverse=True)


# ----- reading


def test_the_reader_shows_an_article_joined_across_pages(filled_window: MainWindow) -> None:
    window = filled_window
    open_title(window, "湖畔新区首座图书馆开馆")
    text = window.reader.text()
    for expected in (
        "湖畔新区首座图书馆开馆",
        "——市民可凭身份证免费借阅",
        "林小溪",
        PUBLICATION,
        "2024-01-05",
        "1月4日上午，湖畔新区图书馆正式向市民开放",
        "读者在家门口就能借到书",  # the part printed on A2
        "— page A2 —",
    ):
        assert expected in text, expected
    assert text.index("— page A1 —") < text.index("— page A2 —")
    assert window.reader.rendered is not None
    assert set(window.reader.rendered.page_markers) == {"A1", "A2"}
    assert window.reader.rendered.links == []  # the continuation is joined: no link


def test_a_continuation_to_a_missing_page_is_a_link_that_explains(
    filled_window: MainWindow,
) -> None:
    window = filled_window
    open_title(window, "老街坊的新年愿望")
    assert "(continued on page A3)" in window.reader.text()
    rendered = window.reader.rendered
    assert rendered is not None and len(rendered.links) == 1
    issue_id = window.reader.article.issue_id
    assert rendered.links[0] == page_link(issue_id, "A3")
    window.reader.browser.anchorClicked.emit(rendered.links[0])
    assert "A3" in window.statusBar().currentMessage()
    window.reader.browser.anchorClicked.emit(page_link(issue_id, "A4"))
    assert titles(window) == ["读者来信"]


def test_zoom_changes_the_reader_font_and_is_remembered(
    filled_window: MainWindow, ui_settings: Settings, make_window: Callable[[], MainWindow]
) -> None:
    window = filled_window
    open_title(window, "读者来信")
    before = window.reader.font_size
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    assert window.reader.font_size == before + 2
    assert ui_settings.get(READER_FONT_SIZE) == before + 2
    window.zoom_out_action.trigger()
    assert window.reader.font_size == before + 1
    assert "读者来信" in window.reader.text()  # still shown after re-layout
    shortcuts = [s.toString() for s in window.zoom_in_action.shortcuts()]
    assert "Ctrl+=" in shortcuts
    assert make_window().reader.font_size == before + 1


def test_previous_and_next_follow_the_list_order(filled_window: MainWindow) -> None:
    window = filled_window
    select(window, issue_index(window, "2024-01-05"))
    window.next_action.trigger()
    assert window.reader.article.title == "湖畔新区首座图书馆开馆"
    window.next_action.trigger()
    assert window.reader.article.title == "冬日暖阳下的晨练人群"
    window.next_action.trigger()
    window.previous_action.trigger()
    assert window.reader.article.title == "冬日暖阳下的晨练人群"
    window.previous_action.trigger()
    window.previous_action.trigger()  # stays on the first
    assert window.reader.article.title == "湖畔新区首座图书馆开馆"


def test_hostile_strings_are_shown_literally(filled_window: MainWindow) -> None:
    window = filled_window
    hostile = "<b>bold</b>标题<script>alert(1)</script>"
    row = find_row(window, hostile)
    cell = window.articles.model.index(row, ArticleColumn.TITLE)
    assert cell.data() == hostile
    assert "&lt;script&gt;" in cell.data(Qt.ItemDataRole.ToolTipRole)
    open_title(window, hostile)
    text = window.reader.text()
    assert hostile in text
    assert '<img src="file:///etc/passwd">' in text
    document = window.reader.browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            assert not iterator.fragment().charFormat().isImageFormat()
            iterator += 1
        block = block.next()
    assert window.reader.browser.loadResource(2, QUrl("file:///etc/passwd")).isEmpty()
    assert not document.resource(2, QUrl("file:///etc/passwd"))


def test_selecting_an_article_row_gives_its_id(filled_window: MainWindow) -> None:
    window = filled_window
    seen: list[int] = []
    window.articles.articleSelected.connect(seen.append)
    open_title(window, "读者来信")
    assert seen and seen[-1] == window.articles.model.index(find_row(window, "读者来信"), 0).data(
        ArticleRole.ArticleId
    )


# ----- docks, settings, quitting


def test_docks_are_restorable_from_the_view_menu(filled_window: MainWindow) -> None:
    window = filled_window
    window.show()
    dock = window.docks["issues"]
    toggle = next(a for a in window.panes_menu.actions() if a.objectName() == "showIssuesPane")
    assert dock.isVisible() and toggle.isChecked()
    dock.close()
    assert not dock.isVisible() and not toggle.isChecked()
    toggle.trigger()
    assert dock.isVisible()


def test_the_dock_layout_is_remembered(
    window: MainWindow, make_window: Callable[[], MainWindow]
) -> None:
    window.show()
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.docks["articles"])
    window.docks["issues"].close()
    window.close()
    again = make_window()
    again.show()
    assert again.dockWidgetArea(again.docks["articles"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not again.docks["issues"].isVisible()


def test_preferences_apply_theme_and_font(window: MainWindow, ui_settings: Settings) -> None:
    dialog = window.show_preferences()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.font_size.setValue(19)
    dialog.accept()
    assert ui_settings.get(THEME) == "dark"
    assert window.theme_actions["dark"].isChecked()
    assert window.reader.font_size == 19


def test_quitting_during_an_import_cancels_and_waits(
    qtbot: QtBot, archive: Archive, ui_settings: Settings
) -> None:
    runner = TaskRunner()
    window = MainWindow(archive, ui_settings, runner)
    qtbot.addWidget(window)
    started = threading.Event()
    finished_file = threading.Event()

    def slow_import(_progress: Any, cancelled: Any) -> None:
        started.set()
        while not cancelled():
            time.sleep(0.005)
        time.sleep(0.05)  # the file being imported is finished, then the task stops
        finished_file.set()

    handle = runner.submit("Importing", slow_import, writes=True)
    assert started.wait(5)
    assert window.progress.isVisibleTo(window)
    window.close()
    assert finished_file.is_set()
    assert handle.cancel_requested()


def test_no_shortcut_is_ambiguous(window: MainWindow) -> None:
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} on {seen.get(key)!r} and {action.text()!r}"
            seen[key] = action.text()
    assert {"Ctrl+Q", "Ctrl+=", "Ctrl+-", "Ctrl+O", "Alt+Down", "Alt+Up"} <= set(seen)
